/* The state the screens draw, and the actions that change it. No curses here: the terminal
 * layer turns keys into ui_key values, calls ui_key, and draws what this holds. Anything
 * worth keeping is written to the store the moment it is confirmed, so quitting from any
 * screen never loses work. */
#ifndef MACA_UI_H
#define MACA_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "editbuf.h"
#include "ui_actions.h"
#include "store.h"
#include "ui_answer.h"
#include "ui_cases.h"
#include "ui_compare.h"
#include "ui_export.h"
#include "ui_form.h"
#include "ui_import.h"
#include "ui_keys.h"
#include "ui_learning.h"
#include "ui_moderate.h"
#include "ui_overview.h"

#define UI_STACK_MAX 16

/* A one-line question answered by typing, e.g. the audit's title before deleting it. */
struct ui_prompt {
	bool active;
	char *question; /* what is at stake, on a line of its own */
	char *label;	/* short, before the answer: "Title:" */
	char *expected; /* the text that confirms; NULL: any non-empty answer */
	struct editbuf *edit;
	enum ui_action on_confirm;
	bool masked; /* a passphrase: what is typed is never shown */
};

/* A short list to pick one item from, e.g. the template for a new audit. */
struct ui_pick {
	bool active;
	char *title;
	struct named_list items; /* id, label */
	size_t selected;
	enum ui_action on_pick;
};

struct ui_home {
	struct audit_info *audits;
	size_t naudits;
	int64_t *expected; /* answers expected per audit: cases x agencies x questions */
	size_t selected;
};

struct ui {
	struct store *st;
	enum ui_screen stack[UI_STACK_MAX];
	size_t depth;
	bool quit;
	/* q was pressed while an edit could not be saved; q again quits without it. */
	bool quit_pending;
	bool quit_unsaved; /* quit that way: the caller says so once the terminal is back */
	char *status;	   /* the message line: what just happened, or what went wrong */
	bool status_is_error;
	struct ui_prompt prompt;
	struct ui_home home;
	struct ui_overview overview;
	struct ui_cases cases;
	struct ui_form form;
	struct ui_pick pick;
	struct ui_moderate moderate;
	struct ui_learning learning;
	struct ui_export export;
	struct ui_actions actions; /* the action tracker */
	struct ui_compare compare;
	/* From the configuration: where exports go, and resources for every briefing. */
	const char *export_dir;
	const struct resource *resources;
	size_t nresources;
	int text_width; /* columns the current view gives its text editor (for Up and Down) */
	struct ui_answer answer;
	/* Defaults for new audits, from the configuration. */
	const char *default_partnership;
	const char *default_chair;
	/* Who the history names for changes made from the keyboard (NULL: as the store has it). */
	const char *author;
	size_t help_scroll;
	/* Where the demo and new audits find their templates (the search path by default). */
	const char *demo_template;
	struct ui_import import;
};

int ui_init(struct ui *ui, struct store *st, struct maca_err *err);
void ui_free(struct ui *ui);
enum ui_screen ui_screen(const struct ui *ui);
/* Handles one key on the current screen (or the open prompt). Problems go to the status. */
void ui_key(struct ui *ui, int key);
/* Text typed or pasted in a burst: into the focused editor at once, else key by key. */
void ui_text(struct ui *ui, const wchar_t *s, size_t n);
/* Whether keys are text for an editor now (the terminal then reads them in bursts). */
bool ui_wants_text(const struct ui *ui);
/* Saves whatever is being edited (before quitting, or when a signal ends maca); false, with
 * the reason on the status line, when something could not be saved. */
bool ui_flush(struct ui *ui);
/* When no key has come for a while: says on the status line when another program replaced or
 * removed the database file (nothing more is saved). True when the screen must be redrawn. */
bool ui_idle(struct ui *ui);
/* Runs an action directly (the same path keys take). */
void ui_act(struct ui *ui, enum ui_action action);
void ui_set_status(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Re-reads the audit list (after something changed it). */
int ui_home_reload(struct ui *ui, struct maca_err *err);

#endif
