/* Help: every key of the screen it was opened from (ui_help_text), scrolled. */
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_lines.h"

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
	int height = rows - 4 - 2;
	size_t first = ui->help.top < n ? ui->help.top : 0;
	for (int r = 0; r < height && first + (size_t)r < n; r++)
		tui_put(w, 2 + r, 2, cols - 4, lines[first + (size_t)r], A_NORMAL);
	free(lines);
	free(copy);
	free(text);
}

const struct tui_view tui_help_view = {.draw = draw_help};
