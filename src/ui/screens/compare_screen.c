/* Then and now (compare): scrolling, and redoing the comparison where it was. The comparison
 * is ui_compare.c's. */
#include "screens_internal.h"

/* Redoes the comparison where it was being read; on failure what was shown stays. */
static int compare_again(struct ui *ui, struct maca_err *err)
{
	struct ui_compare fresh = {0};
	if (ui_compare_open(&fresh, ui->st, ui->compare.now_id, err))
		return err->status;
	if (ui->compare.doc.width &&
	    ui_compare_layout(&fresh, ui->compare.doc.width, ui->compare.doc.ascii, err)) {
		ui_compare_free(&fresh);
		return err->status;
	}
	fresh.top = ui->compare.top < fresh.doc.n ? ui->compare.top : 0;
	ui_compare_free(&ui->compare);
	ui->compare = fresh;
	return MACA_OK;
}

static int compare_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	if (action == UI_ACTION_REFRESH)
		return compare_again(ui, err);
	ui_compare_scroll(&ui->compare, action, 10);
	return MACA_OK;
}

static const struct ui_binding compare_keys[] = {
    {'r', UI_ACTION_REFRESH, "refresh", NULL},
};

const struct ui_screen_ops ui_compare_screen = {
    .title = "Then and now",
    .keys = compare_keys,
    .nkeys = sizeof compare_keys / sizeof compare_keys[0],
    .scrolls = true,
    .act = compare_act,
    .reload = compare_again,
};
