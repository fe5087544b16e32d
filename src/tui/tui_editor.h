/* Draws a text editor model (editbuf) inside a rectangle of the screen. */
#ifndef MACA_TUI_EDITOR_H
#define MACA_TUI_EDITOR_H

#include <curses.h>
#include <stdbool.h>

#include "editbuf.h"

/* Scrolling belongs to the drawing, not the model: each editor on screen keeps one. */
struct tui_editor_view {
	size_t top; /* first display row shown */
};

/* Draws eb wrapped to `width` columns in `height` rows at (y, x), scrolled so the cursor is
 * visible. When focused, *cy and *cx receive the cursor's screen position (else -1). An empty
 * unfocused editor shows `placeholder` dimmed. */
void tui_draw_editor(WINDOW *w, int y, int x, int height, int width, const struct editbuf *eb,
		     struct tui_editor_view *view, bool focused, const char *placeholder, int *cy,
		     int *cx);
/* Draws n wide characters at (y, x) in at most `width` columns; returns the columns used. */
int tui_put_wide(WINDOW *w, int y, int x, int width, const wchar_t *s, size_t n, attr_t attr);

#endif
