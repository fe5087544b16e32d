/* The overview's glue: from one audit's grid to its cases, answers, moderation, learning,
 * briefing, comparison and action tracker. The grid itself is in ui_overview.c. */
#include "ui_internal.h"

static void overview_act(struct ui *ui, enum ui_action action)
{
	if (action == UI_ACTION_ANSWER) {
		ui_answer_choose(ui);
	} else if (action == UI_ACTION_MODERATE) {
		struct maca_err err = {0};
		if (ui_moderate_open(&ui->moderate, ui->st, ui->overview.info.id, ui->overview.row,
				     ui->overview.col, &err)) {
			ui_status_err(ui, &err);
		} else {
			ui_push(ui, UI_SCREEN_MODERATE);
			ui_moderate_refresh_status(ui);
		}
	} else if (action == UI_ACTION_EDIT_AUDIT) {
		struct maca_err err = {0};
		ui_open_form(ui, ui_form_edit_audit(&ui->form, ui->st, ui->overview.info.id, &err),
			     &err);
	} else if (action == UI_ACTION_EXPORT) {
		struct maca_err err = {0};
		if (ui_export_open(&ui->export, ui->st, ui->overview.info.id, ui->export_dir,
				   ui->resources, ui->nresources, &err))
			ui_status_err(ui, &err);
		else
			ui_push(ui, UI_SCREEN_EXPORT);
	} else if (action == UI_ACTION_COMPARE) {
		struct maca_err err = {0};
		if (ui_compare_open(&ui->compare, ui->st, ui->overview.info.id, &err))
			ui_status_err(ui, &err);
		else
			ui_push(ui, UI_SCREEN_COMPARE);
	} else if (action == UI_ACTION_LEARNING) {
		struct maca_err err = {0};
		if (ui_learning_load(&ui->learning, ui->st, ui->overview.info.id, &err))
			ui_status_err(ui, &err);
		else
			ui_push(ui, UI_SCREEN_LEARNING);
	} else if (action == UI_ACTION_CASES) {
		struct maca_err err = {0};
		if (ui_cases_load(&ui->cases, ui->st, ui->overview.info.id, &err))
			ui_status_err(ui, &err);
		else
			ui_push(ui, UI_SCREEN_CASES);
	} else if (action == UI_ACTION_REFRESH) {
		struct maca_err err = {0};
		if (ui_overview_load(&ui->overview, ui->st, ui->overview.info.id, &err))
			ui_status_err(ui, &err);
	} else if (action == UI_ACTION_TRACK_ACTIONS) {
		ui_tracker_open(ui, ui->overview.info.id);
	} else {
		ui_overview_move(&ui->overview, action);
	}
}

/* Back from any of those screens: the grid shows what changed there. */
static void overview_resume(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_overview_load(&ui->overview, ui->st, ui->overview.info.id, &err))
		ui_status_err(ui, &err);
}

const struct ui_screen_ops ui_overview_screen = {
    .act = overview_act,
    .resume = overview_resume,
};
