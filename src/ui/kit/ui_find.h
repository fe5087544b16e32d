/* Find in a list: a query matched against each item's words ignoring case (Unicode case
 * folding, so "zoë" finds "ZOË"), and the walk from the selection to the next match, either
 * way round, wrapping. Each screen that finds says what an item's words are. */
#ifndef MACA_UI_FIND_H
#define MACA_UI_FIND_H

#include <stdbool.h>
#include <stddef.h>

/* Whether query occurs in text, ignoring case; an empty query matches nothing. */
bool ui_find_match(const char *text, const char *query);
/* Whether text is query, ignoring case and spaces at either end (a case reference typed). */
bool ui_find_same(const char *text, const char *query);
/* The first item after `from` (before it when dir < 0), wrapping round to `from` itself last,
 * for which matches(ctx, item, query) holds; n (none) when there is none. */
size_t ui_find_next(size_t from, size_t n, int dir,
		    bool (*matches)(const void *ctx, size_t item, const char *query),
		    const void *ctx, const char *query);
/* Moves a list's selection to item i when it is one of the n items: a find's result (n when
 * none) or a clicked row (past the end when below the list). False, and the selection kept,
 * when it is not. */
bool ui_list_select(size_t *selected, size_t n, size_t i);

#endif
