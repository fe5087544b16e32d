/* The action tracker's list written out: aligned plain text for the terminal, Markdown and
 * CSV for sharing with the partnership. Pure functions over a list from store_actions_list;
 * *out is allocated for the caller. An overdue action says OVERDUE in words in every format. */
#ifndef MACA_EXPORT_ACTIONS_H
#define MACA_EXPORT_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "disclosure.h"
#include "err.h"
#include "store_actions.h"

/* The filters in words, e.g. "all audits; owner police; status open; overdue", for the head
 * of an export and the tracker screen. audit_title names the audit when f->audit_id is set. */
char *action_filter_describe(const struct action_filter *f, const char *audit_title);

/* A header row, then one row per action: ID, AUDIT (its id), POINT ("2.1"), STATUS, DUE
 * (with OVERDUE), OWNER, WHAT, each column as wide as its widest entry; under an action with a
 * progress note, an indented "last note DATE: TEXT" line. Line breaks and control characters
 * in user text become spaces. "" when the list is empty. */
int export_actions_text(const struct action_item *items, size_t n, char **out,
			struct maca_err *err);

/* "# Actions", a line with the filters and the date, then a table (audit, point, action, owner,
 * due, status, last progress note) with every cell escaped by md_cell; "No actions match."
 * when the list is empty. */
int export_actions_md(const struct action_item *items, size_t n, const char *filters,
		      const char *today, char **out, struct maca_err *err);

/* A header row, then one row per action: action id, audit id, audit, audit status, learning
 * point, action, what, owner agency, owner, due date, overdue (yes or no), status, measure,
 * last note date, last note. Quoted and, with excel, guarded as export_csv does. */
int export_actions_csv(const struct action_item *items, size_t n, bool excel, char **out,
		       struct maca_err *err);

/* Appends to found what looks like an identifier in the free text an export writes (audit
 * title, action, measure, last progress note), each placed in its record's field (the audit's
 * title, the action's what, measure and note) and checked with its audit's words (read through
 * words, disclosure_gate.h). */
struct disclosure_words;
int export_actions_scan(struct store *st, struct disclosure_words *words,
			const struct action_item *items, size_t n, struct disclosure_list *found,
			struct maca_err *err);

#endif
