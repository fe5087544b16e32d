/* The changes a screen made to saved data, remembered so that u undoes them: what the record
 * held before and after, by record. An undo is an ordinary conditional save of the "before"
 * values that expects the "after" ones (so it lands in the history like any change, and is
 * refused with MACA_ECONFLICT when someone else changed the record since); undoing again takes
 * the change before. Each screen keeps its own list (struct ui's undo, by screen). */
#ifndef MACA_UI_CHANGE_H
#define MACA_UI_CHANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

enum ui_change_kind {
	UI_CHANGE_ANSWER,	  /* case_id, agency, item = question: value, evidence */
	UI_CHANGE_NOTE,		  /* case_id, agency, item = section, item2 = prompt: text */
	UI_CHANGE_AGREED,	  /* case_id, item = question: grade, rationale */
	UI_CHANGE_MODERATED,	  /* case_id: "1" or "" */
	UI_CHANGE_ACTION_STATUS,  /* id: the status's name */
	UI_CHANGE_LEARNING_POINT, /* id: its number, as text */
};

struct ui_change {
	enum ui_change_kind kind;
	int64_t case_id;
	int64_t id;
	char *agency;
	char *item;
	char *item2;
	/* Up to two fields, as the record kind says; NULL: the change left that field alone. */
	char *before[2];
	char *after[2];
	char *what; /* for the status line: "Child A, Police: question 3" */
};

struct ui_undo {
	struct ui_change *changes; /* oldest first */
	size_t n, cap;
	int64_t audit_id; /* the audit the changes were made in (0: the tracker's every audit) */
};

/* Remembers a change (copying every string; NULL fields stay NULL). False when out of memory
 * (the change itself stands; it just cannot be undone). */
bool ui_undo_push(struct ui_undo *u, const struct ui_change *c);
void ui_undo_free(struct ui_undo *u);
/* u, for a screen opened on audit_id: emptied when its changes were made in another audit,
 * so that u never undoes what the screen does not show. */
struct ui_undo *ui_undo_in(struct ui_undo *u, int64_t audit_id);
/* The change u would undo now, or NULL. */
const struct ui_change *ui_undo_last(const struct ui_undo *u);
/* Undoes the last change: saves its "before" values if the record still holds its "after"
 * ones (force: whatever it holds now), then forgets it. On MACA_ECONFLICT nothing was written
 * and the change is kept: now[0], now[1] hold what the record holds (malloc'd; NULL where not
 * compared) and *by who changed it; the caller asks, then calls again with force or drops it.
 * On MACA_ENOTFOUND the record was deleted since: the change is forgotten (the next call takes
 * the one before) and err says so in the user's words. */
int ui_undo_apply(struct ui_undo *u, struct store *st, bool force, char *now[2],
		  struct store_change *by, struct maca_err *err);
/* ui_undo_apply for the follow-up screens (actions, learning), whose question after a
 * conflict shows an action's status: u NULL is nothing to undo (refused); on MACA_ECONFLICT
 * *now_status is the status the record holds (not started when it holds none) and *by who
 * set it, else *by is empty. */
int ui_undo_apply_status(struct ui_undo *u, struct store *st, bool force,
			 enum action_status *now_status, struct store_change *by,
			 struct maca_err *err);
/* Forgets the last change without undoing it. */
void ui_undo_drop(struct ui_undo *u);

#endif
