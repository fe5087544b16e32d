/* Find in a list: a query matched against each item's words ignoring case (Unicode case
 * folding, so "zoë" finds "ZOË"), and the walk from the selection to the next match, either
 * way round, wrapping. Each screen that finds says what an item's words are. */
#ifndef MACA_UI_FIND_H
#define MACA_UI_FIND_H

#include <stdbool.h>
#include <stddef.h>

/* Whether query occurs in text, ignoring case; an empty query matches nothing. */
bool ui_find_match(const char *text, const char *query);
/* Type-ahead in a list of n choices: the next after `from` (wrapping, `from` itself last)
 * whose label starts with c (an ASCII letter or digit, either case), or failing that the next
 * with a word starting with c ("i": Inadequate, not Requires improvement, which "r" reaches);
 * n when none. A
 * word starts the label or follows an ASCII space or mark other than an apostrophe: "Child A"
 * is two words, "Children's" one, and a letter after a non-ASCII character starts none. */
size_t ui_find_choice(size_t from, size_t n, char c,
		      const char *(*label)(const void *ctx, size_t i), const void *ctx);
/* Whether text is query, ignoring case and spaces at either end (a case reference typed). */
bool ui_find_same(const char *text, const char *query);
/* Whether typed is expected as an ordinary keyboard types it, for a typed confirmation (an
 * audit's title to delete it): any dash is a hyphen, curly quotes are straight, an ellipsis
 * is three dots, a run of spaces (tabs, no-break spaces) is one and none counts at either
 * end. Case counts: the title is typed on purpose. */
bool ui_find_typed(const char *expected, const char *typed);
/* The first item after `from` (before it when dir < 0), wrapping round to `from` itself last,
 * for which matches(ctx, item, query) holds; n (none) when there is none. */
size_t ui_find_next(size_t from, size_t n, int dir,
		    bool (*matches)(const void *ctx, size_t item, const char *query),
		    const void *ctx, const char *query);
/* A list as find (/ n N) and a click see it, which a list screen describes (ui_screen.h's list
 * hook): where its selection is, how many items it has, and how an item matches a query. */
struct ui_list {
	size_t *selected;
	size_t n;
	const void *items; /* what matches and names are given */
	/* Whether the item's words hold query (ui_find_match on each). */
	bool (*matches)(const void *items, size_t item, const char *query);
	/* Whether query names the item whole (a case's reference typed), which then goes before
	 * any match; NULL: no item is named so. */
	bool (*names)(const void *items, size_t item, const char *query);
};
/* The item a find reaches: the first that query names, else the next match after the
 * selection (before it when dir < 0), wrapping; l->n when none. */
size_t ui_list_find(const struct ui_list *l, const char *query, int dir);
/* Moves a list's selection to item i when it is one of the n items: a find's result (n when
 * none) or a clicked row (past the end when below the list). False, and the selection kept,
 * when it is not. */
bool ui_list_select(size_t *selected, size_t n, size_t i);

#endif
