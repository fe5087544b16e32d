/* Help: every key of the screen it was opened from (ui_help_text), scrolled. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_fit.h"
#include "ui_lines.h"

/* One help line ("KEYS   what it does") from row y in at most max_rows rows: a description
 * too long for the width wraps under its own start. Returns the rows used. */
static int put_hanging(WINDOW *w, int y, int max_rows, int width, const char *line)
{
	const char *gap = strstr(line, "  ");
	while (gap && *gap == ' ')
		gap++;
	int hang = gap && *gap ? (int)(gap - line) : 0;
	if (hang > width / 2)
		hang = 4;
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

static void draw_help(WINDOW *w, struct ui *ui)
{
	enum ui_screen of = ui->depth >= 2 ? ui->stack[ui->depth - 2] : UI_SCREEN_HOME;
	int rows = getmaxy(w), cols = getmaxx(w);
	char *title = str_fmt("Keys of %s", ui_screen_title(of));
	tui_frame(w, ui, title ? title : "Keys");
	free(title);
	char *text = ui_help_text(ui), *copy = NULL;
	char **lines = NULL;
	size_t n = 0;
	struct maca_err err = {0};
	if (!text || ui_lines_split(text, false, &copy, &lines, &n, &err)) {
		err_clear(&err);
		tui_put(w, 2, 2, cols - 4, "(out of memory listing the keys)", A_BOLD);
	}
	int height = rows - 4 - 2, y = 2;
	size_t first = ui->help.top < n ? ui->help.top : 0;
	for (size_t i = first; i < n && y < 2 + height; i++)
		y += put_hanging(w, y, 2 + height - y, cols - 4, lines[i]);
	free(lines);
	free(copy);
	free(text);
}

const struct tui_view tui_help_view = {.draw = draw_help};
