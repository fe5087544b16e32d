/* Then and now: the comparison with the earlier audit, as `maca compare` prints it. Headings
 * are bold; the grid's arrows and bars carry the meaning, so no colour is needed. */
#include "tui_draw.h"

static void draw_compare(WINDOW *w, struct ui *ui)
{
	const struct ui_compare *uc = &ui->compare;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Then and now: compared with the earlier audit");
	for (int r = 0; 2 + r < rows - 3 && uc->top + (size_t)r < uc->nlines; r++) {
		const char *line = uc->lines[uc->top + (size_t)r];
		tui_put(w, 2 + r, 1, cols - 2, line, line[0] == '#' ? A_BOLD : A_NORMAL);
	}
}

const struct tui_view tui_compare_view = {.draw = draw_compare};
