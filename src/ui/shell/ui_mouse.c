/* The mouse: a click selects what the view drew under it; the wheel moves as Up and Down do
 * (bound in the global keys). The terminal layer says where it drew each selectable row. A
 * list screen's item is selected here for a click and for find alike. */
#include <stdlib.h>

#include "ui_shell_internal.h"

void ui_hits_clear(struct ui *ui)
{
	ui->nhits = 0;
}

void ui_hit_add(struct ui *ui, int y, int x0, int x1, size_t item)
{
	if (ui->nhits == ui->hits_cap) {
		size_t cap = ui->hits_cap ? 2 * ui->hits_cap : 64;
		struct ui_hit *grown = realloc(ui->hits, cap * sizeof *grown);
		if (!grown)
			return; /* that row just does not answer clicks */
		ui->hits = grown;
		ui->hits_cap = cap;
	}
	ui->hits[ui->nhits++] = (struct ui_hit){.y = y, .x0 = x0, .x1 = x1, .item = item};
}

bool ui_list_screen_select(struct ui *ui, size_t i)
{
	const struct ui_screen_ops *ops = ui_ops(ui, ui_screen(ui));
	struct ui_list list = ops->list(ui);
	if (!ui_list_select(list.selected, list.n, i))
		return false;
	struct maca_err err = {0};
	if (ops->selected && ops->selected(ui, &err))
		ui_status_err(ui, &err);
	return true;
}

void ui_select_clicked(struct ui *ui)
{
	const struct ui_screen_ops *ops = ui_ops(ui, ui_screen(ui));
	for (size_t i = 0; (ops->select || ops->list) && i < ui->nhits; i++) {
		const struct ui_hit *h = &ui->hits[i];
		if (h->y == ui->click_y && ui->click_x >= h->x0 && ui->click_x < h->x1) {
			if (ops->select)
				ops->select(ui, h->item, ui->click_x);
			else
				ui_list_screen_select(ui, h->item);
			return;
		}
	}
}
