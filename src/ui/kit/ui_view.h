/* Which part of a list or a text is on screen, and moving through it: the one way every
 * list, text and editor view of the interface scrolls. No curses: the terminal layer says
 * how many rows a view has; a view's scroll (`top`, the first item, row or line shown) is
 * kept in the state of the screen that shows it, where tests can reach it. */
#ifndef MACA_UI_VIEW_H
#define MACA_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_keys.h"

/* Scrolls *top as little as keeps item sel of n whole in `rows` rows, and returns it.
 * heights: the rows each item takes (NULL: one each); when sel's items do not all fit, sel
 * is shown from its start. A view left past the end (the list shrank) starts again at 0. */
size_t ui_view_follow(size_t *top, size_t sel, size_t n, const int *heights, size_t rows);
/* Lowers *top, the first of n items shown in `rows` rows, so that nothing is left empty at
 * the bottom that earlier items could fill: a text editor's view, and a page scrolled to its
 * end, which shows a screenful ending with its last line rather than that line alone.
 * heights: the rows each item takes (NULL: one each); a last item taller than the view is
 * shown from its start. */
void ui_view_fill(size_t *top, size_t n, const int *heights, size_t rows);
/* A view that starts from the top each time and moves just enough to show sel in rows:
 * the first item to draw. For lists that keep no view between frames. */
size_t ui_view_first(size_t sel, size_t rows);

/* Moves a selection among n items: up and down one, page up and down by `page` (never
 * past the ends), first and last. Other actions leave it. Returns whether it moved. */
bool ui_view_move(size_t *selected, size_t n, enum ui_action action, size_t page);
/* Scrolls a text whose top line may go from 0 to `last`: up and down one, page by page,
 * first and last. Other actions leave it. */
void ui_view_scroll(size_t *top, enum ui_action action, size_t last, size_t page);

#endif
