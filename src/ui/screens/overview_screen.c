/* The overview: from one audit's grid to its cases, answers, moderation, learning, briefing,
 * comparison and action tracker. The grid is ui_overview.c's. */
#include "screens_internal.h"

/* The audit's details were saved: the grid shows them. */
static void audit_saved(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	(void)purpose;
	struct maca_err err = {0};
	if (ui_overview_load(&ui->overview, ui->st, id, &err))
		ui_status_err(ui, &err);
	else
		ui_set_status(ui, false, "Saved the audit's details");
}

static void overview_act(struct ui *ui, enum ui_action action)
{
	struct maca_err err = {0};
	int64_t id = ui->overview.info.id;
	switch (action) {
	case UI_ACTION_ANSWER:
		ui_answer_choose(ui);
		return;
	case UI_ACTION_MODERATE:
		ui_moderate_enter(ui);
		return;
	case UI_ACTION_EDIT_AUDIT:
		ui_open_form(ui, ui_form_edit_audit(&ui->form, ui->st, id, &err), &err,
			     audit_saved);
		return;
	case UI_ACTION_EXPORT:
		if (ui_export_open(&ui->export, ui->st, id, ui->export_dir, ui->resources,
				   ui->nresources, &err))
			break;
		ui_push(ui, UI_SCREEN_EXPORT);
		return;
	case UI_ACTION_COMPARE:
		if (ui_compare_open(&ui->compare, ui->st, id, &err))
			break;
		ui_push(ui, UI_SCREEN_COMPARE);
		return;
	case UI_ACTION_LEARNING:
		if (ui_learning_load(&ui->learning, ui->st, id, &err))
			break;
		ui_push(ui, UI_SCREEN_LEARNING);
		return;
	case UI_ACTION_CASES:
		if (ui_cases_load(&ui->cases, ui->st, id, &err))
			break;
		ui_push(ui, UI_SCREEN_CASES);
		return;
	case UI_ACTION_REFRESH:
		ui_overview_load(&ui->overview, ui->st, id, &err);
		break;
	case UI_ACTION_TRACK_ACTIONS:
		ui_tracker_open(ui, id);
		return;
	case UI_ACTION_AGENCIES:
		ui_agencies_open(ui);
		return;
	default:
		ui_overview_move(&ui->overview, action);
		return;
	}
	if (err.status)
		ui_status_err(ui, &err);
}

/* Back from any of those screens, or another maca changed the audit: the grid shows it. */
static void overview_reload(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_overview_load(&ui->overview, ui->st, ui->overview.info.id, &err))
		ui_status_err(ui, &err);
}

static void overview_screen_free(struct ui *ui)
{
	ui_overview_free(&ui->overview);
}

static const struct ui_binding overview_keys[] = {
    {'a', UI_ACTION_ANSWER, "answer"},
    {'m', UI_ACTION_MODERATE, "moderate"},
    {'c', UI_ACTION_CASES, "cases"},
    {'L', UI_ACTION_LEARNING, "learning"},
    {'t', UI_ACTION_TRACK_ACTIONS, "actions"},
    {'e', UI_ACTION_EXPORT, "export"},
    {'E', UI_ACTION_EDIT_AUDIT, NULL},
    {'r', UI_ACTION_REFRESH, NULL},
    {'C', UI_ACTION_COMPARE, NULL},
    {'A', UI_ACTION_AGENCIES, "agencies"},
};

const struct ui_screen_ops ui_overview_screen = {
    .title = "Audit overview",
    .keys = overview_keys,
    .nkeys = sizeof overview_keys / sizeof overview_keys[0],
    .act = overview_act,
    .resume = overview_reload,
    .reload = overview_reload,
    .free = overview_screen_free,
};
