#include "tui_editor.h"

#include <string.h>
#include <wchar.h>

#include "tui_draw.h"
#include "ui_ascii.h"
#include "ui_fit.h"

/* The line the cursor is on in one row of width columns (editbuf_line_first). */
static void one_row(WINDOW *w, int y, int x, int width, const struct editbuf *eb, int *cy, int *cx)
{
	size_t len;
	const wchar_t *text = editbuf_wtext(eb, &len);
	size_t cur = editbuf_cursor(eb), start = cur, end = cur;
	while (start > 0 && text[start - 1] != L'\n')
		start--;
	while (end < len && text[end] != L'\n')
		end++;
	int col;
	size_t first = editbuf_line_first(text, start, cur, width, &col);
	tui_put_wide(w, y, x, width, text + first, end - first, A_UNDERLINE);
	*cy = y;
	*cx = x + col;
}

void tui_draw_editor(WINDOW *w, int y, int x, int height, int width, const struct editbuf *eb,
		     size_t *top, bool focused, const char *placeholder, int *cy, int *cx)
{
	*cy = *cx = -1;
	if (height <= 0 || width <= 0)
		return;
	for (int r = 0; r < height; r++)
		tui_fill(w, y + r, x, width, focused ? A_UNDERLINE : A_NORMAL);
	size_t len;
	const wchar_t *text = editbuf_wtext(eb, &len);
	if (len == 0 && !focused && placeholder) {
		tui_put(w, y, x, width, placeholder, A_DIM);
		return;
	}
	struct editbuf_layout lay;
	memset(&lay, 0, sizeof lay);
	if (editbuf_layout(eb, width, &lay) != EDITBUF_OK) {
		editbuf_layout_free(&lay);
		tui_put(w, y, x, width, "(out of memory drawing this text)", A_BOLD);
		return;
	}
	/* One row onto wrapped text would show only the cursor's piece of it (the last word
	 * typed): the cursor's line scrolls sideways instead, as much before it as fits. */
	if (focused && height == 1 && lay.nrows > 1) {
		editbuf_layout_free(&lay);
		one_row(w, y, x, width, eb, cy, cx);
		return;
	}
	/* Only an editor being typed in follows its cursor; others show their text from its
	 * start (a field scrolled past shows how it begins, not how it ends), and an ellipsis
	 * where there is more than the rows show. */
	if (focused)
		*top = editbuf_layout_scroll(&lay, *top, (size_t)height);
	else
		*top = 0;
	size_t shown = focused ? lay.nrows : editbuf_layout_extent(&lay, 0);
	for (int r = 0; r < height && *top + (size_t)r < shown; r++) {
		const struct editbuf_row *row = &lay.rows[*top + (size_t)r];
		bool more = !focused && r + 1 == height && *top + (size_t)r + 1 < shown;
		int used =
		    tui_put_wide(w, y + r, x, more ? width - 1 : width, text + row->start,
				 row->draw_end - row->start, focused ? A_UNDERLINE : A_NORMAL);
		if (more)
			tui_put(w, y + r, x + used, 1, ui_ellipsis_in(1, tui_ascii), A_NORMAL);
	}
	if (focused && lay.cursor_row >= *top && lay.cursor_row < *top + (size_t)height) {
		*cy = y + (int)(lay.cursor_row - *top);
		*cx = x + (lay.cursor_col < width ? lay.cursor_col : width - 1);
	}
	editbuf_layout_free(&lay);
}
