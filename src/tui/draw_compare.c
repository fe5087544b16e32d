/* Then and now: the comparison with the earlier audit, what `maca compare` prints laid out as
 * a document (ui_doc.h). The grid's arrows and bars carry the meaning, so no colour is
 * needed. */
#include "tui_draw.h"

static void layout_compare(struct ui *ui, int rows, int cols)
{
	(void)rows;
	struct ui_compare *uc = &ui->compare;
	tui_layout_doc(ui, uc->text, &uc->doc, &uc->top, cols - 2);
}

static void draw_compare(WINDOW *w, struct ui *ui)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	layout_compare(ui, rows, cols);
	tui_frame(w, ui, "Then and now: compared with the earlier audit");
	const struct ui_compare *uc = &ui->compare;
	tui_draw_doc(w, 2, 1, rows - 3 - 2, cols - 2, &uc->doc, &ui->compare.top);
}

const struct tui_view tui_compare_view = {.draw = draw_compare, .layout = layout_compare};
