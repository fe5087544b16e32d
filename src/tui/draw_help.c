/* Pages of text the movement keys scroll: help, every key of the screen it was opened from
 * (ui_help_text); History, one record's changes (ui_history_text); and Changed meanwhile, the
 * two versions of a record a save found changed (ui_conflict_text). */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_fit.h"
#include "ui_lines.h"
#include "ui_view.h"

/* Where the wrapped rows of a line start: under its text after the first run of spaces
 * ("KEYS   what it does"), or four columns in when that is past half the width. */
static int hang_of(const char *line, int width)
{
	const char *gap = strstr(line, "  ");
	while (gap && *gap == ' ')
		gap++;
	int hang = gap && *gap ? (int)(gap - line) : 0;
	return hang > width / 2 ? 4 : hang;
}

/* The rows put_hanging takes for a line with room enough. */
static int hanging_rows(int width, const char *line)
{
	int hang = hang_of(line, width), rows = 1;
	size_t next;
	ui_wrap(line, width, tui_ascii, &next);
	for (const char *rest = line + next; *rest; rows++) {
		ui_wrap(rest, width - hang, tui_ascii, &next);
		rest += next;
	}
	return rows;
}

/* One help line ("KEYS   what it does") from row y in at most max_rows rows: a description
 * too long for the width wraps under its own start. Returns the rows used. */
static int put_hanging(WINDOW *w, int y, int max_rows, int width, const char *line)
{
	int hang = hang_of(line, width);
	size_t next, len = ui_wrap(line, width, tui_ascii, &next);
	if (!line[next] || max_rows <= 1) {
		tui_put(w, y, 2, width, line, A_NORMAL);
		return 1;
	}
	char *head = strndup(line, len);
	tui_put(w, y, 2, width, head ? head : line, A_NORMAL);
	free(head);
	int used = 1;
	for (const char *rest = line + next; *rest && used < max_rows; used++) {
		len = ui_wrap(rest, width - hang, tui_ascii, &next);
		char *part = used + 1 < max_rows ? strndup(rest, len) : NULL;
		tui_put(w, y + used, 2 + hang, width - hang, part ? part : rest, A_NORMAL);
		free(part);
		rest += next;
	}
	return used;
}

/* A page's text from line *top, each line wrapped under its own start, in the rows between
 * the title and the footer; oom, what to say when out of memory. Scrolled to its end, the
 * page ends with its last line at the bottom (*top lowered, ui_view_fill). Frees text. */
static void draw_page(WINDOW *w, char *text, size_t *top, const char *oom)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	char *copy = NULL;
	char **lines = NULL;
	size_t n = 0;
	struct maca_err err = {0};
	if (!text || ui_lines_split(text, false, &copy, &lines, &n, &err)) {
		err_clear(&err);
		tui_put(w, 2, 2, cols - 4, oom, A_BOLD);
	}
	int bottom = rows - 4, y = 2;
	int *heights = n ? malloc(n * sizeof *heights) : NULL;
	if (heights && bottom > y) {
		/* Only the lines that can end the page are wrapped to measure them (a History can
		 * be long): from the last back until the rows are full; ui_view_fill reads no
		 * further. */
		long used = 0;
		size_t i = n;
		for (; i > 0 && used <= bottom - y; i--)
			used += heights[i - 1] = hanging_rows(cols - 4, lines[i - 1]);
		for (size_t j = 0; j < i; j++)
			heights[j] = 1;
		ui_view_fill(top, n, heights, (size_t)(bottom - y));
	}
	free(heights);
	for (size_t i = *top < n ? *top : 0; i < n && y < bottom; i++)
		y += put_hanging(w, y, bottom - y, cols - 4, lines[i]);
	free(lines);
	free(copy);
	free(text);
}

static void draw_help(WINDOW *w, struct ui *ui)
{
	enum ui_screen of = ui->depth >= 2 ? ui->stack[ui->depth - 2] : UI_SCREEN_HOME;
	char *title = str_fmt("Keys of %s", ui_screen_title(of));
	tui_frame(w, ui, title ? title : "Keys");
	free(title);
	draw_page(w, ui_help_text(ui), &ui->help.top, "(out of memory listing the keys)");
}

static void draw_history(WINDOW *w, struct ui *ui)
{
	char *title = str_fmt("History of %s", ui->history.title ? ui->history.title : "");
	tui_frame(w, ui, title ? title : "History");
	free(title);
	draw_page(w, ui_history_text(&ui->history), &ui->history.top, "(out of memory)");
}

static void draw_conflict(WINDOW *w, struct ui *ui)
{
	tui_frame(w, ui, "Changed meanwhile");
	draw_page(w, ui_conflict_text(&ui->conflict), &ui->conflict.top, "(out of memory)");
}

const struct tui_view tui_help_view = {.draw = draw_help};
const struct tui_view tui_history_view = {.draw = draw_history};
const struct tui_view tui_conflict_view = {.draw = draw_conflict};
