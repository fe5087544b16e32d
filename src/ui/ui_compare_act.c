/* The Then and now (compare) screen's glue: scrolling, and redoing the comparison where
 * it was. The comparison itself is in ui_compare.c. */
#include "ui_internal.h"

static void compare_act(struct ui *ui, enum ui_action action)
{
	if (action == UI_ACTION_REFRESH) {
		struct maca_err err = {0};
		size_t top = ui->compare.top;
		if (ui_compare_open(&ui->compare, ui->st, ui->overview.info.id, &err))
			ui_status_err(ui, &err);
		ui->compare.top = top < ui->compare.nlines ? top : 0;
	} else {
		ui_compare_scroll(&ui->compare, action, 10);
	}
}

const struct ui_screen_ops ui_compare_screen = {
    .act = compare_act,
};
