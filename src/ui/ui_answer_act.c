/* The answering screen's glue: choosing the agency, opening the answers, and saving before
 * the user leaves. The screen's state and its editor are in ui_answer.c. */
#include <stdlib.h>

#include "sbuf.h"
#include "ui_internal.h"

/* Asks which agency answers the selected case. */
void ui_answer_choose(struct ui *ui)
{
	const struct ui_overview *ov = &ui->overview;
	if (ov->ncases == 0) {
		ui_set_status(ui, true, "The audit has no cases to answer yet: c adds them");
		return;
	}
	ui_pick_close(&ui->pick);
	ui->pick.title = str_fmt("Answer %s as which agency?", ov->cases[ov->row].reference);
	bool ok = ui->pick.title != NULL;
	for (size_t i = 0; ok && i < ov->agencies.n; i++)
		ok = named_add(&ui->pick.items, ov->agencies.items[i].id,
			       ov->agencies.items[i].label);
	if (!ok || ui->pick.items.n == 0) {
		ui_pick_close(&ui->pick);
		ui_set_status(ui, true,
			      ok ? "No agencies take part in this audit" : "out of memory");
		return;
	}
	ui->pick.on_pick = UI_ACTION_ANSWER;
	ui->pick.active = true;
}

void ui_answer_start(struct ui *ui, const char *agency)
{
	struct maca_err err = {0};
	if (ui_answer_open(&ui->answer, ui->st, ui->overview.info.id, ui->overview.row, agency,
			   &err)) {
		ui_status_err(ui, &err);
		return;
	}
	free(ui->status);
	ui->status = NULL;
	ui_push(ui, UI_SCREEN_ANSWER);
}

/* The answer being edited is saved first; on failure the user stays with it. */
bool ui_answer_saved(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_answer_save(&ui->answer, ui->st, &err)) {
		ui_status_err(ui, &err);
		return false;
	}
	return true;
}

void ui_answer_result(struct ui *ui, int rc, struct maca_err *err)
{
	if (rc) {
		ui_status_err(ui, err);
	} else if (ui->status_is_error) {
		free(ui->status);
		ui->status = NULL;
		ui->status_is_error = false;
	}
}

static void answer_act(struct ui *ui, enum ui_action action)
{
	struct maca_err err = {0};
	ui_answer_result(ui, ui_answer_act(&ui->answer, ui->st, action, &err), &err);
}

static bool answer_key(struct ui *ui, int key)
{
	struct maca_err err = {0};
	int rc;
	if (!ui_answer_key(&ui->answer, key, &rc, &err))
		return false;
	ui_answer_result(ui, rc, &err);
	return true;
}

static bool answer_leave(struct ui *ui)
{
	if (!ui_answer_saved(ui))
		return false; /* stay: the answer is not saved yet */
	ui_answer_free(&ui->answer);
	return true;
}

const struct ui_screen_ops ui_answer_screen = {
    .act = answer_act,
    .key = answer_key,
    .leave = answer_leave,
};
