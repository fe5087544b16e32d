/* Keys and actions as data. The curses layer turns its key codes into ui_key values; each
 * screen maps keys to actions through its own table of bindings (in its hooks, see
 * ui_screen.h), and the help screen, the footers and the manual's key lists come from those
 * same tables. */
#ifndef MACA_UI_KEYS_H
#define MACA_UI_KEYS_H

#include <stdbool.h>
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
	/* The mouse (tui turns its events into these, with the cell in struct ui's mouse). */
	UI_KEY_CLICK,
	UI_KEY_WHEEL_UP,
	UI_KEY_WHEEL_DOWN,
};

/* Whether an action changes saved data (UI_DATA) or only what is shown or where the user is
 * (UI_VIEW). On every screen a key is bound to one action, so it either changes data or does
 * not, never both; the property test over the whole interface holds every key to this. */
#define UI_DATA true
#define UI_VIEW false

/* Every action a key can trigger: name (for the manual), whether it changes data, and help
 * text. */
#define UI_ACTIONS(X)                                                                              \
	X(NONE, "none", UI_VIEW, "")                                                               \
	X(QUIT, "quit", UI_VIEW, "Quit maca (everything is already saved)")                        \
	X(BACK, "back", UI_VIEW, "Go back to the previous screen")                                 \
	X(HELP, "help", UI_VIEW, "Show every key of this screen")                                  \
	X(UP, "up", UI_VIEW, "Move up")                                                            \
	X(DOWN, "down", UI_VIEW, "Move down")                                                      \
	X(LEFT, "left", UI_VIEW, "Move left")                                                      \
	X(RIGHT, "right", UI_VIEW, "Move right")                                                   \
	X(PAGE_UP, "page-up", UI_VIEW, "Move up a page")                                           \
	X(PAGE_DOWN, "page-down", UI_VIEW, "Move down a page")                                     \
	X(FIRST, "first", UI_VIEW, "Go to the first item")                                         \
	X(LAST, "last", UI_VIEW, "Go to the last item")                                            \
	X(OPEN, "open", UI_VIEW, "Open the selected item")                                         \
	X(REFRESH, "refresh", UI_VIEW, "Read the audit again from the database")                   \
	X(ANSWER, "answer", UI_VIEW, "Answer the selected case as one agency (asks which)")        \
	X(GUIDANCE, "guidance", UI_VIEW, "Show or hide the auditor's guidance for the question")   \
	X(EDIT_EVIDENCE, "edit-evidence", UI_VIEW,                                                 \
	  "Edit the evidence (or the text answer or note)")                                        \
	X(PREV_CASE, "previous-case", UI_VIEW, "Go to the previous case")                          \
	X(NEXT_CASE, "next-case", UI_VIEW, "Go to the next case")                                  \
	X(NEW_AUDIT, "new-audit", UI_VIEW,                                                         \
	  "Create an audit from a template, through the audit form")                               \
	X(DELETE_AUDIT, "delete-audit", UI_VIEW, "Delete the selected audit (asks for its title)") \
	X(CASES, "cases", UI_VIEW, "Add, edit and remove the audit's cases")                       \
	X(EDIT_AUDIT, "edit-audit", UI_VIEW, "Edit the audit's details through the audit form")    \
	X(ADD_CASE, "add-case", UI_VIEW, "Add a case through the case form")                       \
	X(EDIT_CASE, "edit-case", UI_VIEW, "Edit the selected case")                               \
	X(REMOVE_CASE, "remove-case", UI_VIEW,                                                     \
	  "Remove the selected case (asks for its reference)")                                     \
	X(SAVE, "save", UI_DATA, "Save the form")                                                  \
	X(MODERATE, "moderate", UI_VIEW, "Moderate the selected case and section")                 \
	X(EDIT_RATIONALE, "edit-rationale", UI_VIEW,                                               \
	  "Write the rationale, or a text question's agreed summary (Tab or Esc finishes)")        \
	X(TOGGLE_MODERATED, "mark-moderated", UI_DATA, "Mark the case moderated, or not")          \
	X(CLOSE_AUDIT, "close-audit", UI_VIEW,                                                     \
	  "Close the audit when every case is moderated; reopen it")                               \
	X(AGREE_GRADE, "agree", UI_DATA, "Set the agreed answer: a grade's own key, or y n p k")   \
	X(NEXT_AGENCY, "next-agency", UI_VIEW, "Bring the next agency's answer into focus")        \
	X(PREV_AGENCY, "previous-agency", UI_VIEW,                                                 \
	  "Bring the previous agency's answer into focus")                                         \
	X(READ_EVIDENCE, "read-evidence", UI_VIEW,                                                 \
	  "Read the agency in focus's answer and evidence full screen, or go back")                \
	X(GRID, "grid", UI_VIEW, "Show the section's grid of questions and answers, or go back")   \
	X(TOGGLE_SUMMARY, "summary", UI_VIEW,                                                      \
	  "Show or hide the case's confidential summary, here and in the room view")               \
	X(JOT_LEARNING, "jot-learning-point", UI_VIEW,                                             \
	  "Add a learning point for this case, section and agency, and come back here")            \
	X(JOT_GOOD_PRACTICE, "jot-good-practice", UI_VIEW,                                         \
	  "Add good practice for this case and agency, and come back here")                        \
	X(AGENCIES, "agencies", UI_VIEW, "Choose the agencies taking part and record attendance")  \
	X(TAKE_PART, "take-part", UI_DATA, "Add the selected agency to the audit, or take it out") \
	X(ATTENDED, "attended", UI_DATA, "Record that the selected agency attended the audit day") \
	X(APOLOGIES, "apologies", UI_DATA, "Record that the selected agency sent apologies")       \
	X(ABSENT, "absent", UI_DATA, "Record that the selected agency did not attend")             \
	X(ATTENDANCE_CLEAR, "attendance-clear", UI_DATA, "Clear the selected agency's attendance") \
	X(ATTENDANCE_NOTE, "attendance-note", UI_VIEW,                                             \
	  "Note who attended for the agency, or what was sent")                                    \
	X(LEARNING, "learning", UI_VIEW,                                                           \
	  "Open the audit's good practice, learning points and actions")                           \
	X(ADD_LEARNING_POINT, "add-learning-point", UI_VIEW,                                       \
	  "Add a learning point through its form")                                                 \
	X(ADD_GOOD_PRACTICE, "add-good-practice", UI_VIEW, "Add good practice through its form")   \
	X(ADD_ACTION, "add-action", UI_VIEW, "Add an action to the selected learning point")       \
	X(EDIT_LEARNING, "edit-learning", UI_VIEW,                                                 \
	  "Edit the selected good practice, point or action")                                      \
	X(MOVE_POINT_UP, "move-point-up", UI_DATA,                                                 \
	  "Move the selected learning point up (numbers follow)")                                  \
	X(MOVE_POINT_DOWN, "move-point-down", UI_DATA, "Move the selected learning point down")    \
	X(DELETE_LEARNING, "delete-learning", UI_VIEW, "Delete the selected item (asks first)")    \
	X(ACTION_STATUS, "action-status", UI_DATA, "Move the selected action's status on")         \
	X(EARLIER_LEARNING, "earlier-learning", UI_VIEW,                                           \
	  "Show or hide the earlier audit's learning points and actions (a re-audit)")             \
	X(EXPORT, "export", UI_VIEW,                                                               \
	  "Preview the briefing of our learning and write it to a file")                           \
	X(COMPARE, "compare", UI_VIEW,                                                             \
	  "Compare this re-audit with the earlier audit: grades, learning, actions")               \
	X(TOGGLE_LAYOUT, "layout", UI_VIEW,                                                        \
	  "Switch between the standard and the seven-minute briefing")                             \
	X(TOGGLE_COMPARISON, "comparison", UI_VIEW,                                                \
	  "Add or leave out the comparison with the earlier audit")                                \
	X(NEXT_FORMAT, "format", UI_VIEW, "Choose what w writes: Markdown, Word, HTML or PDF")     \
	X(WRITE_FILE, "write", UI_VIEW,                                                            \
	  "Write the briefing to a file: asks where, offering the one above")                      \
	X(BRIEFING_PARTS, "briefing-parts", UI_VIEW,                                               \
	  "Shape the briefing: its parts, their order, headings and texts, and its settings")      \
	X(TOGGLE_PART, "part-on-off", UI_DATA,                                                     \
	  "Show the selected part in the briefing, or leave it out")                               \
	X(MOVE_PART_UP, "move-part-up", UI_DATA, "Move the selected part up")                      \
	X(MOVE_PART_DOWN, "move-part-down", UI_DATA, "Move the selected part down")                \
	X(EDIT_PART, "edit-part", UI_VIEW,                                                         \
	  "Edit the selected part's text, or the selected setting")                                \
	X(EDIT_HEADING, "edit-heading", UI_VIEW, "Edit the selected part's heading (empty: none)") \
	X(TAKE_SUGGESTION, "take-suggestion", UI_DATA,                                             \
	  "Take maca's suggestion as the selected part's text, to edit (asks to replace text)")    \
	X(TOGGLE_PREVIEW, "preview", UI_VIEW,                                                      \
	  "Show the preview in place of the list, or the list again")                              \
	X(OVERWRITE_FILE, "overwrite", UI_VIEW, "Replace an existing file (asked when writing)")   \
	X(NEXT_FINDING, "next-finding", UI_VIEW, "Select the next possible identifier")            \
	X(FIX_FINDING, "fix-finding", UI_VIEW, "Open the selected identifier's record to fix it")  \
	X(ACCEPT_FINDING, "accept-finding", UI_VIEW,                                               \
	  "Accept the selected identifier for publishing, saying why (or take that back)")         \
	X(NEXT_FIELD, "next-field", UI_VIEW, "Go to the next field")                               \
	X(PREV_FIELD, "previous-field", UI_VIEW, "Go to the previous field")                       \
	X(DEMO, "demo", UI_DATA, "Create the SYNTHETIC demo audit")                                \
	X(TRACK_ACTIONS, "track-actions", UI_VIEW,                                                 \
	  "Open the action tracker (this audit's, or every audit's)")                              \
	X(FILTER_OWNER, "filter-owner", UI_VIEW,                                                   \
	  "Show one owner agency's actions, each in turn, then all")                               \
	X(FILTER_STATUS, "filter-status", UI_VIEW,                                                 \
	  "Show actions by status: any, open, then each status")                                   \
	X(FILTER_DUE, "filter-due", UI_VIEW,                                                       \
	  "Filter by due date: any, overdue, within 7 or 30 days")                                 \
	X(SET_STATUS, "set-status", UI_VIEW,                                                       \
	  "Change the selected action's status, with a progress note")                             \
	X(PROGRESS_NOTE, "progress-note", UI_VIEW, "Add a progress note to the selected action")   \
	X(ACTION_LEARNING, "open-learning", UI_VIEW,                                               \
	  "Open the action on its audit's Learning screen")                                        \
	X(IMPORT, "import", UI_VIEW,                                                               \
	  "Import a pack or an agency's return from a file (asks for its path)")                   \
	X(UNLOCK, "unlock", UI_VIEW, "Open an encrypted file with its passphrase")                 \
	X(CONFIRM, "confirm", UI_DATA, "Confirm")                                                  \
	X(CANCEL, "cancel", UI_VIEW, "Cancel")                                                     \
	X(FINISH_EDIT, "finish-edit", UI_VIEW, "Leave the text editor and save the text")          \
	X(SET_VALUE, "set-value", UI_DATA, "Set the value: a grade's key, or y n p k")             \
	X(CHOOSE_VALUE, "choose-value", UI_VIEW, "Choose the value from a list")                   \
	X(CLEAR_VALUE, "clear", UI_DATA, "Clear the value (the history keeps it; u undoes)")       \
	X(CLEAR_TEXT, "clear-text", UI_DATA, "Clear the text (the history keeps it; u undoes)")    \
	X(UNDO, "undo", UI_DATA,                                                                   \
	  "Undo the last change made from this screen; again for the one before")                  \
	X(HISTORY, "history", UI_VIEW, "Show who changed the selected item, when, old and new")    \
	X(FIND, "find", UI_VIEW, "Find in this list: words shown, or a case by its reference")     \
	X(FIND_NEXT, "find-next", UI_VIEW, "Find the next match")                                  \
	X(FIND_PREV, "find-previous", UI_VIEW, "Find the previous match")                          \
	X(INTERRUPT, "interrupt", UI_VIEW,                                                         \
	  "Quit as q does: what is being typed is saved, or you are asked")                        \
	X(KEEP_MINE, "keep-mine", UI_DATA, "Save what you typed over the other change")            \
	X(TAKE_THEIRS, "take-theirs", UI_VIEW, "Drop what you typed and show what is saved now")   \
	X(KEEP_EDITING, "keep-editing", UI_VIEW, "Go back to what you typed, nothing saved yet")   \
	X(SELECT, "select", UI_VIEW, "Select what is under the mouse")

enum ui_action {
#define UI_ACTION_ENUM(id, name, data, help) UI_ACTION_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	    UI_ACTION_COUNT
};

#define UI_KEY_CTRL_A 0x01
#define UI_KEY_CTRL_C 0x03
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
	const char *help;   /* what it does on this screen; NULL: the action's own help */
};

const char *ui_action_name(enum ui_action action);
const char *ui_action_help(enum ui_action action);
/* Whether an action changes saved data (UI_DATA). */
bool ui_action_changes_data(enum ui_action action);
/* What a binding does, in help: its own words, else its action's. */
const char *ui_binding_help(const struct ui_binding *b);
/* The action a key triggers in a list of bindings (the first that binds it), or
 * UI_ACTION_NONE. */
enum ui_action ui_bindings_lookup(const struct ui_binding *b, size_t n, int key);
/* The keys that mean the same on every screen where text is not typed. */
const struct ui_binding *ui_keymap_global(size_t *n);
/* A key and the word it is shown by, in a table of names (ui_key_name's, the footer's arrows). */
struct ui_key_word {
	int key;
	const char *word;
};
/* The word a table of n gives key, written into buf; NULL when the table does not name it. */
const char *ui_key_word(const struct ui_key_word *words, size_t n, int key, char *buf, size_t size);
/* A key's printable name ("Up", "q", "Enter", "F1"), written into buf. */
const char *ui_key_name(int key, char *buf, size_t size);

#endif
