/* A text cut into lines for a view to draw (a briefing, a comparison, a summary, help). */
#ifndef MACA_UI_LINES_H
#define MACA_UI_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Cuts a copy of text into lines: *copy is the copy, cut in place, and (*lines)[0..*n) point
 * into it (the caller frees both). A newline at the very end starts no line of its own; with
 * trim no empty line is left at the end. On failure all three are NULL and 0. */
int ui_lines_split(const char *text, bool trim, char **copy, char ***lines, size_t *n,
		   struct maca_err *err);

/* How many lines ui_lines_split would cut text into (takes it: frees it; NULL: 0), for a view
 * that scrolls it. */
size_t ui_lines_count(char *text, bool trim);

#endif
