/* Views of the changes to one record: its history, and Changed meanwhile (a conflict between
 * what someone else saved and what the user typed). Both are text from the ui layer, drawn
 * word-wrapped from the line their scroll keeps. */
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_editor.h"
#include "ui_lines.h"

/* Draws text's lines from line `top`, each wrapped to width, in rows [y, bottom); a heading
 * line (one not starting with a space, followed by more) is bold when `headings`. */
static void draw_text(WINDOW *w, const char *text, size_t top, int y, int bottom, int width,
		      bool headings)
{
	char *copy = NULL;
	char **lines = NULL;
	size_t n = 0;
	struct maca_err err = {0};
	if (!text || ui_lines_split(text, false, &copy, &lines, &n, &err)) {
		err_clear(&err);
		tui_put(w, y, 1, width, "(out of memory)", A_BOLD);
		return;
	}
	for (size_t i = top < n ? top : 0; i < n && y < bottom; i++) {
		attr_t attr = headings && lines[i][0] && lines[i][0] != ' ' ? A_BOLD : A_NORMAL;
		struct editbuf *eb = editbuf_new(lines[i], 0, EDITBUF_MULTI_LINE);
		struct editbuf_layout lay = {0};
		if (!eb || editbuf_layout(eb, width, &lay) != EDITBUF_OK) {
			editbuf_free(eb);
			break;
		}
		size_t len;
		const wchar_t *wt = editbuf_wtext(eb, &len);
		for (size_t r = 0; r < lay.nrows && y < bottom; r++, y++)
			tui_put_wide(w, y, 1, width, wt + lay.rows[r].start,
				     lay.rows[r].draw_end - lay.rows[r].start, attr);
		if (lay.nrows == 0)
			y++;
		editbuf_layout_free(&lay);
		editbuf_free(eb);
	}
	free(lines);
	free(copy);
}

static void draw_history(WINDOW *w, struct ui *ui)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	char *title = str_fmt("History of %s", ui->history.title ? ui->history.title : "");
	tui_frame(w, ui, title ? title : "History");
	free(title);
	char *text = ui_history_text(&ui->history);
	draw_text(w, text, ui->history.top, 2, rows - 3, cols - 2, true);
	free(text);
}

static void draw_conflict(WINDOW *w, struct ui *ui)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Changed meanwhile");
	char *text = ui_conflict_text(&ui->conflict);
	draw_text(w, text, ui->conflict.top, 2, rows - 3, cols - 2, false);
	free(text);
}

const struct tui_view tui_history_view = {.draw = draw_history};
const struct tui_view tui_conflict_view = {.draw = draw_conflict};
