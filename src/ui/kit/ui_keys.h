/* Keys and actions as data. The curses layer turns its key codes into ui_key values; each
 * screen maps keys to actions through its own table of bindings (in its hooks, see
 * ui_screen.h), and the help screen, the footers and the manual's key lists come from those
 * same tables. */
#ifndef MACA_UI_KEYS_H
#define MACA_UI_KEYS_H

#include <stddef.h>

/* Characters are their Unicode code points; special keys sit above the Unicode range. */
enum ui_key {
	UI_KEY_NONE = 0,
	UI_KEY_UP = 0x110000,
	UI_KEY_DOWN,
	UI_KEY_LEFT,
	UI_KEY_RIGHT,
	UI_KEY_HOME,
	UI_KEY_END,
	UI_KEY_PAGE_UP,
	UI_KEY_PAGE_DOWN,
	UI_KEY_ENTER,
	UI_KEY_ESC,
	UI_KEY_BACKSPACE,
	UI_KEY_DELETE,
	UI_KEY_TAB,
	UI_KEY_BACKTAB,
	UI_KEY_F1,
	UI_KEY_F2,
	UI_KEY_WORD_LEFT,  /* Ctrl-Left, Alt-Left or Alt-b */
	UI_KEY_WORD_RIGHT, /* Ctrl-Right, Alt-Right or Alt-f */
	UI_KEY_KILL_WORD,  /* Alt-d */
};

/* Every action a key can trigger: name (for the manual) and help text. */
#define UI_ACTIONS(X)                                                                              \
	X(NONE, "none", "")                                                                        \
	X(QUIT, "quit", "Quit maca (everything is already saved)")                                 \
	X(BACK, "back", "Go back to the previous screen")                                          \
	X(HELP, "help", "Show every key of this screen")                                           \
	X(UP, "up", "Move up")                                                                     \
	X(DOWN, "down", "Move down")                                                               \
	X(LEFT, "left", "Move left")                                                               \
	X(RIGHT, "right", "Move right")                                                            \
	X(PAGE_UP, "page-up", "Move up a page")                                                    \
	X(PAGE_DOWN, "page-down", "Move down a page")                                              \
	X(FIRST, "first", "Go to the first item")                                                  \
	X(LAST, "last", "Go to the last item")                                                     \
	X(OPEN, "open", "Open the selected item")                                                  \
	X(REFRESH, "refresh", "Read the audit again from the database")                            \
	X(ANSWER, "answer", "Answer the selected case as one agency (asks which)")                 \
	X(GUIDANCE, "guidance", "Show or hide the auditor's guidance for the question")            \
	X(EDIT_EVIDENCE, "edit-evidence", "Edit the evidence (or the text answer or note)")        \
	X(PREV_CASE, "previous-case", "Go to the previous case")                                   \
	X(NEXT_CASE, "next-case", "Go to the next case")                                           \
	X(NEW_AUDIT, "new-audit", "Create an audit from a template, through the audit form")       \
	X(DELETE_AUDIT, "delete-audit", "Delete the selected audit (asks for its title)")          \
	X(CASES, "cases", "Add, edit and remove the audit's cases")                                \
	X(EDIT_AUDIT, "edit-audit", "Edit the audit's details through the audit form")             \
	X(ADD_CASE, "add-case", "Add a case through the case form")                                \
	X(EDIT_CASE, "edit-case", "Edit the selected case")                                        \
	X(REMOVE_CASE, "remove-case", "Remove the selected case (asks for its reference)")         \
	X(SAVE, "save", "Save the form")                                                           \
	X(MODERATE, "moderate", "Moderate the selected case and section")                          \
	X(EDIT_RATIONALE, "edit-rationale",                                                        \
	  "Write the rationale, or a text question's agreed summary (Tab or Esc finishes)")        \
	X(TOGGLE_MODERATED, "mark-moderated", "Mark the case moderated, or not")                   \
	X(CLOSE_AUDIT, "close-audit", "Close the audit when every case is moderated; reopen it")   \
	X(AGREE_GRADE, "agree", "Set the agreed answer: a grade's own key, or y n p k")            \
	X(NEXT_AGENCY, "next-agency", "Bring the next agency's answer into focus")                 \
	X(PREV_AGENCY, "previous-agency", "Bring the previous agency's answer into focus")         \
	X(READ_EVIDENCE, "read-evidence",                                                          \
	  "Read the agency in focus's answer and evidence full screen, or go back")                \
	X(GRID, "grid", "Show the section's grid of questions and answers, or go back")            \
	X(TOGGLE_SUMMARY, "summary",                                                               \
	  "Show or hide the case's confidential summary, here and in the room view")               \
	X(JOT_LEARNING, "jot-learning-point",                                                      \
	  "Add a learning point for this case, section and agency, and come back here")            \
	X(JOT_GOOD_PRACTICE, "jot-good-practice",                                                  \
	  "Add good practice for this case and agency, and come back here")                        \
	X(AGENCIES, "agencies", "Choose the agencies taking part and record attendance")           \
	X(TAKE_PART, "take-part", "Add the selected agency to the audit, or take it out")          \
	X(ATTENDED, "attended", "Record that the selected agency attended the audit day")          \
	X(APOLOGIES, "apologies", "Record that the selected agency sent apologies")                \
	X(ABSENT, "absent", "Record that the selected agency did not attend")                      \
	X(ATTENDANCE_CLEAR, "attendance-clear", "Clear the selected agency's attendance")          \
	X(ATTENDANCE_NOTE, "attendance-note",                                                      \
	  "Note who attended for the agency, or what was sent")                                    \
	X(LEARNING, "learning", "Open the audit's good practice, learning points and actions")     \
	X(ADD_LEARNING_POINT, "add-learning-point", "Add a learning point through its form")       \
	X(ADD_GOOD_PRACTICE, "add-good-practice", "Add good practice through its form")            \
	X(ADD_ACTION, "add-action", "Add an action to the selected learning point")                \
	X(EDIT_LEARNING, "edit-learning", "Edit the selected good practice, point or action")      \
	X(MOVE_POINT_UP, "move-point-up", "Move the selected learning point up (numbers follow)")  \
	X(MOVE_POINT_DOWN, "move-point-down", "Move the selected learning point down")             \
	X(DELETE_LEARNING, "delete-learning", "Delete the selected item (asks first)")             \
	X(ACTION_STATUS, "action-status", "Move the selected action's status on")                  \
	X(EARLIER_LEARNING, "earlier-learning",                                                    \
	  "Show or hide the earlier audit's learning points and actions (a re-audit)")             \
	X(EXPORT, "export", "Preview the briefing of our learning and write it to a file")         \
	X(COMPARE, "compare",                                                                      \
	  "Compare this re-audit with the earlier audit: grades, learning, actions")               \
	X(TOGGLE_LAYOUT, "layout", "Switch between the standard and the seven-minute briefing")    \
	X(TOGGLE_COMPARISON, "comparison",                                                         \
	  "Add or leave out the comparison with the earlier audit")                                \
	X(WRITE_FILE, "write", "Write the briefing to a file: asks where, offering the one above") \
	X(OVERWRITE_FILE, "overwrite", "Replace an existing file (asked when writing)")            \
	X(NEXT_FINDING, "next-finding", "Select the next possible identifier")                     \
	X(FIX_FINDING, "fix-finding", "Open the selected identifier's record to fix it")           \
	X(ACCEPT_FINDING, "accept-finding",                                                        \
	  "Accept the selected identifier for publishing, saying why (or take that back)")         \
	X(NEXT_FIELD, "next-field", "Go to the next field")                                        \
	X(PREV_FIELD, "previous-field", "Go to the previous field")                                \
	X(DEMO, "demo", "Create the SYNTHETIC demo audit")                                         \
	X(TRACK_ACTIONS, "track-actions",                                                          \
	  "Open the action tracker (this audit's, or every audit's)")                              \
	X(FILTER_OWNER, "filter-owner", "Show one owner agency's actions, each in turn, then all") \
	X(FILTER_STATUS, "filter-status", "Show actions by status: any, open, then each status")   \
	X(FILTER_DUE, "filter-due", "Filter by due date: any, overdue, within 7 or 30 days")       \
	X(SET_STATUS, "set-status", "Change the selected action's status, with a progress note")   \
	X(PROGRESS_NOTE, "progress-note", "Add a progress note to the selected action")            \
	X(ACTION_LEARNING, "open-learning", "Open the action on its audit's Learning screen")      \
	X(IMPORT, "import", "Import a pack or an agency's return from a file (asks for its path)") \
	X(UNLOCK, "unlock", "Open an encrypted file with its passphrase")                          \
	X(CONFIRM, "confirm", "Confirm")                                                           \
	X(CANCEL, "cancel", "Cancel")                                                              \
	X(FINISH_EDIT, "finish-edit", "Leave the text editor (the text stays as typed)")

enum ui_action {
#define UI_ACTION_ENUM(id, name, help) UI_ACTION_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	    UI_ACTION_COUNT
};

#define UI_KEY_CTRL_A 0x01
#define UI_KEY_CTRL_E 0x05
#define UI_KEY_CTRL_G 0x07
#define UI_KEY_CTRL_K 0x0B
#define UI_KEY_CTRL_O 0x0F
#define UI_KEY_CTRL_U 0x15
#define UI_KEY_CTRL_W 0x17

struct ui_binding {
	int key;
	enum ui_action action;
	const char *footer; /* the word the footer shows it by; NULL: listed in help only */
};

const char *ui_action_name(enum ui_action action);
const char *ui_action_help(enum ui_action action);
/* The action a key triggers in a list of bindings (the first that binds it), or
 * UI_ACTION_NONE. */
enum ui_action ui_bindings_lookup(const struct ui_binding *b, size_t n, int key);
/* The keys that mean the same on every screen where text is not typed. */
const struct ui_binding *ui_keymap_global(size_t *n);
/* A key's printable name ("Up", "q", "Enter", "F1"), written into buf. */
const char *ui_key_name(int key, char *buf, size_t size);

#endif
