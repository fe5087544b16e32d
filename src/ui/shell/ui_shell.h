/* The interface's state and the shell every screen runs in: the screen stack, the status
 * line, the prompt and the pick, what the configuration gives, and each screen's own state;
 * keys go to the screen on top through its hooks (ui_screen.h). No curses here, and no screen
 * is named: the screens are the list below and their hooks (src/ui/screens). Anything worth
 * keeping is written to the store the moment it is confirmed, so quitting from any screen
 * never loses work. */
#ifndef MACA_UI_SHELL_H
#define MACA_UI_SHELL_H

#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "disclosure_gate.h"
#include "editbuf.h"
#include "store.h"
#include "ui_keys.h"
/* Each screen's state (src/ui/audit, src/ui/followup). */
#include "ui_actions.h"
#include "ui_agencies.h"
#include "ui_answer.h"
#include "ui_cases.h"
#include "ui_change.h"
#include "ui_compare.h"
#include "ui_conflict.h"
#include "ui_export.h"
#include "ui_history.h"
#include "ui_form.h"
#include "ui_home.h"
#include "ui_import.h"
#include "ui_learning.h"
#include "ui_moderate.h"
#include "ui_overview.h"
#include "ui_parts.h"

/* The help screen's state: its scroll. */
struct ui_help {
	size_t top;
};
/* Help holds nothing of its own to free (ui_free calls every screen's ui_NAME_free). */
static inline void ui_help_free(struct ui_help *h)
{
	(void)h;
}

/* Every screen, once: X(ID, name) makes UI_SCREEN_ID, the screen's state `struct ui_name
 * name` in struct ui (which ui_free frees by ui_name_free), its hooks ui_name_screen
 * (src/ui/screens/name_screen.c) and its view tui_name_view (src/tui/draw_name.c). A new screen is
 * a line here, its state's #include above, and those three files. */
/* clang-format off */
#define UI_SCREENS(X)                                                                              \
	X(HOME, home)                                                                              \
	X(OVERVIEW, overview)                                                                      \
	X(CASES, cases)                                                                            \
	X(ANSWER, answer)                                                                          \
	X(FORM, form)                                                                              \
	X(MODERATE, moderate)                                                                      \
	X(LEARNING, learning)                                                                      \
	X(EXPORT, export)                                                                          \
	X(PARTS, parts)                                                                            \
	X(COMPARE, compare)                                                                        \
	X(HELP, help)                                                                              \
	X(ACTIONS, actions)                                                                        \
	X(IMPORT, import)                                                                          \
	X(AGENCIES, agencies)                                                                      \
	X(HISTORY, history)                                                                        \
	X(CONFLICT, conflict)
/* clang-format on */

enum ui_screen {
#define UI_SCREEN_ENUM(id, name) UI_SCREEN_##id,
	UI_SCREENS(UI_SCREEN_ENUM)
#undef UI_SCREEN_ENUM
	    UI_SCREEN_COUNT
};

#define UI_STACK_MAX 16

struct ui;
struct ui_screen_ops;

/* A one-line question answered by typing, e.g. the audit's title before deleting it. Whoever
 * opens it says what a confirmed answer does, and what a refused one does. */
struct ui_prompt {
	bool active;
	char *question; /* what is at stake, on a line of its own */
	char *label;	/* short, before the answer: "Title:" */
	char *expected; /* the text that confirms; NULL: any non-empty answer */
	struct editbuf *edit;
	bool masked; /* a passphrase: what is typed is never shown */
	void (*confirmed)(struct ui *ui, const char *answer, size_t len);
	void (*yes)(struct ui *ui);	  /* or this, where the answer is only a yes */
	void (*refused)(struct ui *ui);	  /* NULL: says nothing was changed */
	void (*cancelled)(struct ui *ui); /* Esc; NULL: says "Cancelled" */
};

/* How far PgUp and PgDn move in a pick. */
#define UI_PICK_PAGE 5

/* Where the view last drew each selectable row (set by the terminal layer while drawing), so
 * that a click selects what is under it. */
struct ui_hit {
	int y, x0, x1; /* the row, and its columns [x0, x1) */
	size_t item;   /* what the screen's select hook takes */
};

/* A short list to pick one item from, e.g. the template for a new audit. */
struct ui_pick {
	bool active;
	char *title;
	struct named_list items; /* id, label */
	size_t selected;
	void (*picked)(struct ui *ui, const char *id); /* set by whoever opened it */
};

/* The warning while typing (ui_typing.c): the editor last checked and its text then, each
 * audit's words, and the warning it put on the status line (to clear it, and only it). */
struct ui_typing {
	const struct editbuf *eb;
	int64_t audit_id;
	uint64_t hash;
	struct disclosure_words words;
	char *shown;
};

struct ui {
	struct store *st;
	const struct ui_screen_ops *const *screens; /* every screen's hooks, by enum ui_screen */
	enum ui_screen help_screen;		    /* what the help key opens */
	enum ui_screen stack[UI_STACK_MAX];
	size_t depth;
	bool quit;
	/* q was pressed while an edit could not be saved; q again quits without it. */
	bool quit_pending;
	bool quit_unsaved; /* quit that way: the caller says so once the terminal is back */
	char *status;	   /* the message line: what just happened, or what went wrong */
	bool status_is_error;
	/* The screen that set the status, by its place on the stack: only it shows it, and
	 * the status goes when that screen is left (ui_status_text). */
	size_t status_depth;
	enum ui_screen status_screen;
	unsigned status_serial; /* counts the statuses set, to see whether a hook set one */
	struct ui_prompt prompt;
	struct ui_pick pick;
	/* From the configuration: where exports go, and what every briefing is made with (its
	 * resources, further information, small counts, documents' styles). */
	struct ui_export_config publish;
	/* Defaults for new audits, from the configuration. */
	const char *default_partnership;
	const char *default_chair;
	/* Who the history names for changes made from the keyboard (NULL: as the store has it). */
	const char *author;
	/* Where the demo and new audits find their templates (the search path by default). */
	const char *demo_template;
	/* The terminal shows ASCII only (its locale is not UTF-8): keys are named in words. */
	bool ascii;
	/* The database's data version when the screens last read it (ui_poll_changes). */
	int64_t data_version;
	/* The day's automatic backup, taken in steps while the keyboard rests (ui_idle); the
	 * caller owns and ends it. NULL: none. */
	struct backup_job *backup;
	struct ui_typing typing;
	/* The mouse: where the last click was (before UI_KEY_CLICK), and the rows drawn. */
	int click_y, click_x;
	struct ui_hit *hits;
	size_t nhits, hits_cap;
	/* What / last looked for (n and N look again); NULL before any. */
	char *find_query;
	/* The changes made from each screen, for u to undo (ui_change.h). */
	struct ui_undo undo[UI_SCREEN_COUNT];
#define UI_SCREEN_STATE(id, name) struct ui_##name name;
	UI_SCREENS(UI_SCREEN_STATE)
#undef UI_SCREEN_STATE
};

/* Starts the shell on the first screen with every screen's hooks (by enum ui_screen). */
void ui_shell_init(struct ui *ui, struct store *st, const struct ui_screen_ops *const *screens,
		   enum ui_screen first, enum ui_screen help);
void ui_free(struct ui *ui);
enum ui_screen ui_screen(const struct ui *ui);
/* Handles one key on the current screen (or the open prompt). Problems go to the status. */
void ui_key(struct ui *ui, int key);
/* Text typed or pasted in a burst: into the focused editor at once, else key by key. */
void ui_text(struct ui *ui, const wchar_t *s, size_t n);
/* Text the terminal marked as pasted (bracketed paste): tabs and newlines in it are text,
 * never keys. It goes into the prompt or the text field open now, whole or not at all
 * (a paste past a field's limit is refused, naming the limit); where no text field is
 * open, nothing happens but a message saying so. */
void ui_paste(struct ui *ui, const wchar_t *s, size_t n);
/* Whether keys are text for an editor now (the terminal then reads them in bursts). */
bool ui_wants_text(const struct ui *ui);
/* Saves whatever is being edited (before quitting, or when a signal ends maca); false, with
 * the reason on the status line, when something could not be saved. */
bool ui_flush(struct ui *ui);
/* The terminal layer, while drawing: forgets the rows drawn before, then notes each
 * selectable row (item as the screen's select hook takes it) at row y, columns [x0, x1). */
void ui_hits_clear(struct ui *ui);
void ui_hit_add(struct ui *ui, int y, int x0, int x1, size_t item);
/* A click at (y, x): what is drawn there is selected (UI_KEY_CLICK with click_y/x set). */
void ui_click(struct ui *ui, int y, int x);
/* Whether a screen holds typed text that quitting would not save (a form): the too-small
 * window then keeps maca open rather than quit. */
bool ui_unsaved(const struct ui *ui);
/* Runs an action directly (the same path keys take). */
void ui_act(struct ui *ui, enum ui_action action);
/* Sets the status line for the screen on top. */
void ui_set_status(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The status as the screen on top shows it: NULL when that screen did not set it. */
const char *ui_status_text(const struct ui *ui);
/* The action a key triggers on a screen: its own bindings, then (unless text is typed
 * there) the global ones; UI_ACTION_NONE when none. */
enum ui_action ui_screen_lookup(const struct ui_screen_ops *ops, int key);
/* The footer of the current screen in at most width columns (caller frees; NULL when out
 * of memory), from its bindings: see ui_footer.h. */
char *ui_footer(const struct ui *ui, int width);
/* When no key has come for a while: takes a step of the day's backup, and says on the status
 * line when another program replaced or removed the database file (nothing more is saved),
 * or when the backup failed. True when the screen must be redrawn. */
bool ui_idle(struct ui *ui);
/* How long the keyboard may rest before ui_idle is due, in milliseconds: none while the
 * backup copies (a step is a few pages; a key waits for one step at most), a little while its
 * copy is checked, half a second otherwise. */
int ui_idle_wait(const struct ui *ui);
/* After a key or a burst of text: when the editor of a field that a published document can
 * carry (the screen's published_text) changed, checks it for identifiers with its audit's
 * words and says what it looks like on the status line ("Looks like a phone number: ..."), or
 * clears that warning once the text no longer matches. */
void ui_typing_check(struct ui *ui);
/* Called when the keyboard is idle: when another maca changed the database since the
 * screens read it, every screen on the stack reads it again (keeping its place and any edit
 * in progress). Not while a prompt or a pick is open: what they ask about stays put. True
 * when something was read again (then the screen needs drawing). */
bool ui_poll_changes(struct ui *ui);

#endif
