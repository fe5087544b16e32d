/* The history view: who changed one record, when, how, from what to what, newest first,
 * read from the history the store keeps (every change, undos included). No curses here. */
#ifndef MACA_UI_HISTORY_H
#define MACA_UI_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct ui_history {
	char *title;		    /* "Child A, Police: question 3" */
	const struct template *tpl; /* for grade labels; may be NULL */
	struct history_row *all;    /* the audit's history, as the store gave it */
	size_t nall;
	size_t *rows; /* the record's rows: indexes into all, newest first */
	size_t n;
	size_t top; /* the view's scroll: its first line shown */
};

/* Which rows: of the audit, about case `case_ref` (NULL: any case), for `agency` (NULL: any;
 * "" the chair's own records), whose item is one of `items` (NULL: any). */
struct ui_history_query {
	int64_t audit_id;
	const char *case_ref;
	const char *agency;
	const char *const *items;
	size_t nitems;
};

/* Reads the rows the query picks into h, titled `title` (on failure h is unchanged). */
int ui_history_load(struct ui_history *h, struct store *st, const struct ui_history_query *q,
		    const struct template *tpl, const char *title, struct maca_err *err);
void ui_history_free(struct ui_history *h);
/* The view's text: each change as a heading line (when, who, how) and its field's old and new
 * values (caller frees; NULL when out of memory). */
char *ui_history_text(const struct ui_history *h);

#endif
