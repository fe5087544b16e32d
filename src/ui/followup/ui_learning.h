/* The Learning screen's state for one audit: its good practice items, then its numbered
 * learning points each followed by its actions, walked as one flat list. No curses here.
 *
 * Every operation writes to the store at once, reads the audit's learning again and leaves
 * the selection on the item it acted on (or its nearest neighbour when it is gone). Problems
 * come back as a status with err set; the list is then unchanged or freshly reloaded. */
#ifndef MACA_UI_LEARNING_H
#define MACA_UI_LEARNING_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "ui_change.h"
#include "ui_form.h"
#include "ui_keys.h"
#include "ui_learning_earlier.h"

enum ui_learning_kind {
	UI_LEARNING_GOOD_PRACTICE,
	UI_LEARNING_POINT,
	UI_LEARNING_ACTION,
	UI_LEARNING_NOTE, /* an agency's note on a section, material to take up */
};

/* What an agency wrote for a case in a section's prompt (good practice, areas for
 * development, recommendations), which the chair may take up with one key. */
struct ui_learning_note {
	char *case_ref;
	char *agency;	  /* code */
	size_t section;	  /* index into the template's sections */
	size_t prompt;	  /* index into the template's prompts */
	const char *text; /* in rows, below */
};

/* A status change (s, or an undo) found the action's status changed by someone else: nothing
 * was written; the screen asks what to do (ui_learning_resolve). */
struct ui_learning_conflict {
	bool open;
	bool undoing;
	int64_t action_id;
	enum action_status now, mine;
	struct store_change by;
};

/* One row of the flat list. */
struct ui_learning_item {
	enum ui_learning_kind kind;
	size_t index;  /* into good_practice, or into points */
	size_t action; /* into points[index].actions, for an action */
};

struct ui_learning {
	int64_t audit_id;
	bool closed;		    /* the audit is closed: only action statuses may change */
	char today[16];		    /* YYYY-MM-DD, for overdue actions; set by load */
	struct named_list agencies; /* taking part: code, name (for owners' names) */
	struct good_practice_row *good_practice;
	size_t ngood_practice;
	struct learning_point_row *points; /* by number */
	size_t npoints;
	struct template *tpl;	    /* the audit's own: section titles, prompt labels */
	struct note_row *note_rows; /* every note of every case, kept for their text */
	size_t nnote_rows;
	struct ui_learning_note *notes; /* the written ones, by prompt, then case, section */
	size_t nnotes;
	struct ui_learning_item *items; /* the flat list, in screen order */
	size_t nitems;
	size_t selected; /* index into items; 0 when the list is empty */
	size_t top;	 /* the list's scroll: the first item shown */
	struct ui_learning_earlier earlier;
	/* Kept when the learning is read again: */
	struct ui_undo *undo; /* where the changes made here are remembered (the screen's) */
	struct ui_learning_conflict conflict;
};

/* Reads the audit's learning. Reloading the same audit keeps the selected item when it is
 * still there, else the same place in the list, and the scroll, and reads the earlier
 * audit's learning again when it is shown. On failure ul is unchanged. */
int ui_learning_load(struct ui_learning *ul, struct store *st, int64_t audit_id,
		     struct maca_err *err);
void ui_learning_free(struct ui_learning *ul);
/* Up, down, page up, page down (10 rows), first and last; anything else is ignored. */
void ui_learning_move(struct ui_learning *ul, enum ui_action action);
/* The selected row, or NULL when the list is empty. */
const struct ui_learning_item *ui_learning_selected(const struct ui_learning *ul);
/* Selects the item of this kind and id if it is listed; returns whether it was. */
bool ui_learning_select(struct ui_learning *ul, enum ui_learning_kind kind, int64_t id);
/* The learning point of the selected row: the point itself or the point of an action.
 * NULL on good practice or an empty list. */
const struct learning_point_row *ui_learning_selected_point(const struct ui_learning *ul);
/* Whether an action is overdue: a due date before today and not done (or given up). */
bool ui_learning_overdue(const struct action_row *a, const char *today);
/* The owner agency's name, or its code when the audit lacks it; "" for none. */
const char *ui_learning_agency_name(const struct ui_learning *ul, const char *code);

/* Moves the selected learning point (or the point of the selected action) one place up
 * (delta -1) or down (+1); the numbers follow and the selection stays on it. */
int ui_learning_move_point(struct ui_learning *ul, struct store *st, int delta,
			   struct maca_err *err);
/* The question to ask before deleting the selected item (caller frees), e.g.
 * "Delete learning point 3, "Hear the child", and its 2 actions?". */
int ui_learning_delete_question(const struct ui_learning *ul, char **out, struct maca_err *err);
/* Deletes the selected item (a learning point with its actions), once confirmed. */
int ui_learning_delete(struct ui_learning *ul, struct store *st, struct maca_err *err);
/* Moves the selected action's status on: not started, in progress, done, cannot be done,
 * and round again. Allowed after the audit is closed (follow-up); recorded with a note. If
 * the status changed since the list was read: MACA_ECONFLICT, ul->conflict filled. */
int ui_learning_cycle_status(struct ui_learning *ul, struct store *st, struct maca_err *err);
/* After a conflict: UI_ACTION_KEEP_MINE writes the status over the other change (an undo:
 * undoes anyway); UI_ACTION_TAKE_THEIRS or _KEEP_EDITING leaves what is there (an undo is
 * forgotten on TAKE_THEIRS). */
int ui_learning_resolve(struct ui_learning *ul, struct store *st, enum ui_action choice,
			struct maca_err *err);
/* u: undoes the last change made here (a status, a learning point's move); MACA_ECONFLICT as
 * above. */
int ui_learning_undo(struct ui_learning *ul, struct store *st, bool force, struct maca_err *err);
/* A short label for a status: "Not started", "In progress", "Done", "Cannot be done". */
const char *ui_learning_status_label(enum action_status s);

/* Shows the earlier audit's learning points and actions below the list, or hides them.
 * MACA_EUSER, saying what to do, when this audit re-audits none (or it has been deleted). */
int ui_learning_toggle_earlier(struct ui_learning *ul, struct store *st, struct maca_err *err);

/* The agencies' notes come last in the list, by prompt (good practice first), each with its
 * case, agency and section; a and p take one up as a learning point or good practice with
 * those links and its text filled in. */

/* Which form a key opens, and for what. */
enum ui_learning_request {
	UI_LEARNING_ADD_GOOD_PRACTICE,
	UI_LEARNING_ADD_POINT,
	UI_LEARNING_ADD_ACTION, /* to the selected learning point (or the selected action's) */
	UI_LEARNING_EDIT,	/* the selected item */
};

/* What to open: call the ui_form_* function of `form` with these. */
struct ui_learning_target {
	enum ui_learning_kind form;
	int64_t audit_id;
	int64_t lp_id;				       /* UI_LEARNING_ACTION */
	const struct good_practice_row *good_practice; /* NULL: a new item */
	const struct learning_point_row *point;	       /* NULL: a new point */
	const struct action_row *action;	       /* NULL: a new action */
	const struct ui_learning_note *note;	       /* taken up as the new item */
};

/* Fails (MACA_EUSER) when the request needs a selection it lacks, and (MACA_ELOCKED) when
 * the audit is closed, except for editing an action, whose status may still change. The
 * pointers are into ul: valid until it is reloaded or freed. With a note selected, adding
 * good practice or a learning point takes it up: `note` is set. */
int ui_learning_target(const struct ui_learning *ul, enum ui_learning_request request,
		       struct ui_learning_target *out, struct maca_err *err);
/* ui_learning_target, then the matching ui_form_* function on uf. */
int ui_learning_open_form(const struct ui_learning *ul, struct store *st, struct ui_form *uf,
			  enum ui_learning_request request, struct maca_err *err);
/* After a learning form was saved: reloads and selects what it created or changed. */
int ui_learning_form_saved(struct ui_learning *ul, struct store *st, enum ui_form_purpose purpose,
			   int64_t saved_id, struct maca_err *err);

#endif
