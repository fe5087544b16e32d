/* Draws a text editor model (editbuf) inside a rectangle of the screen. */
#ifndef MACA_TUI_EDITOR_H
#define MACA_TUI_EDITOR_H

#include <curses.h>
#include <stdbool.h>

#include "editbuf.h"

/* Draws eb wrapped to `width` columns in `height` rows at (y, x), from its display row *top
 * (the editor's scroll, kept in the state of the screen that shows it), scrolled so the
 * cursor is visible. When focused, *cy and *cx receive the cursor's screen position (else -1). An
 * empty unfocused editor shows `placeholder` dimmed. */
void tui_draw_editor(WINDOW *w, int y, int x, int height, int width, const struct editbuf *eb,
		     size_t *top, bool focused, const char *placeholder, int *cy, int *cx);

#endif
