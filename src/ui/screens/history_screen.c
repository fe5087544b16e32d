/* History: who changed the selected answer, case or learning point, when and how, from what to
 * what, newest first (ui_history.c reads it). Read-only; the movement keys scroll it. */
#include <stdlib.h>

#include "screens_internal.h"
#include "ui_lines.h"
#include "ui_view.h"

void ui_history_open(struct ui *ui, const struct ui_history_query *q, const struct template *tpl,
		     const char *title)
{
	struct maca_err err = {0};
	if (ui_history_load(&ui->history, ui->st, q, tpl, title, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui->history.top = 0;
	ui_push(ui, UI_SCREEN_HISTORY);
	ui_set_status(ui, false, "%zu change%s recorded", ui->history.n,
		      ui->history.n == 1 ? "" : "s");
}

void ui_history_case(struct ui *ui, int64_t audit_id, const struct template *tpl,
		     const char *reference)
{
	char *title = str_fmt("case %s", reference);
	struct ui_history_query q = {.audit_id = audit_id, .case_ref = reference};
	if (title)
		ui_history_open(ui, &q, tpl, title);
	else
		ui_set_status(ui, true, "out of memory");
	free(title);
}

static int history_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	(void)err;
	size_t n = ui_lines_count(ui_history_text(&ui->history), true);
	ui_view_scroll(&ui->history.top, action, n ? n - 1 : 0, 10);
	return MACA_OK;
}

static const struct ui_binding history_keys[] = {
    {'q', UI_ACTION_BACK, "close", "Close the history"},
};

const struct ui_screen_ops ui_history_screen = {
    .title = "History",
    .keys = history_keys,
    .nkeys = sizeof history_keys / sizeof history_keys[0],
    .scrolls = true,
    .act = history_act,
};
