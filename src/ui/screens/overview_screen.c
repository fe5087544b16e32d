/* The overview: from one audit's grid to its cases, answers, moderation, learning, briefing,
 * comparison and action tracker. The grid is ui_overview.c's. */
#include "screens_internal.h"
#include "ui_find.h"

/* The audit's details were saved: the grid shows them. */
static void audit_saved(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	(void)purpose;
	struct maca_err err = {0};
	ui_status_said(ui, ui_overview_load(&ui->overview, ui->st, id, &err), &err,
		       "Saved the audit's details");
}

static int overview_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	int64_t id = ui->overview.info.id;
	switch (action) {
	case UI_ACTION_ANSWER:
		ui_answer_choose(ui);
		return MACA_OK;
	case UI_ACTION_MODERATE:
		ui_moderate_enter(ui);
		return MACA_OK;
	case UI_ACTION_EDIT_AUDIT:
		ui_open_form(ui, ui_form_edit_audit(&ui->form, ui->st, id, err), err, audit_saved);
		return MACA_OK;
	case UI_ACTION_EXPORT:
		if (ui_export_open(&ui->export, ui->st, id, &ui->publish, err))
			break;
		ui_push(ui, UI_SCREEN_EXPORT);
		return MACA_OK;
	case UI_ACTION_COMPARE:
		if (ui_compare_open(&ui->compare, ui->st, id, err))
			break;
		ui_push(ui, UI_SCREEN_COMPARE);
		return MACA_OK;
	case UI_ACTION_LEARNING:
		if (ui_learning_show(ui, id, UI_LEARNING_POINT, 0, err))
			break;
		return MACA_OK;
	case UI_ACTION_CASES:
		if (ui_cases_load(&ui->cases, ui->st, id, err))
			break;
		ui_push(ui, UI_SCREEN_CASES);
		return MACA_OK;
	case UI_ACTION_REFRESH:
		ui_overview_load(&ui->overview, ui->st, id, err);
		break;
	case UI_ACTION_TRACK_ACTIONS:
		ui_tracker_open(ui, id);
		return MACA_OK;
	case UI_ACTION_AGENCIES:
		ui_agencies_open(ui);
		return MACA_OK;
	case UI_ACTION_HISTORY:
		if (ui->overview.ncases)
			ui_history_case(ui, id, ui->overview.tpl,
					ui->overview.cases[ui->overview.row].reference);
		return MACA_OK;
	default:
		ui_overview_move(&ui->overview, action);
		return MACA_OK;
	}
	return err->status;
}

/* Back from any of those screens, or another maca changed the audit: the grid shows it. */
static int overview_reload(struct ui *ui, struct maca_err *err)
{
	return ui_overview_load(&ui->overview, ui->st, ui->overview.info.id, err);
}

/* Find goes to a case's row, keeping the section. */
static struct ui_list overview_list(struct ui *ui)
{
	return ui_cases_list(ui->overview.cases, ui->overview.ncases, &ui->overview.row);
}

/* A click selects a cell: its case and section (item = case x sections + section). */
static void overview_select(struct ui *ui, size_t item, int x)
{
	(void)x;
	struct ui_overview *ov = &ui->overview;
	size_t n = ov->tpl ? ov->tpl->nsections : 0;
	if (n && item / n < ov->ncases) {
		ov->row = item / n;
		ov->col = item % n;
	}
}

static const struct ui_binding overview_keys[] = {
    {'a', UI_ACTION_ANSWER, "answer", NULL},
    {'m', UI_ACTION_MODERATE, "moderate", NULL},
    {'c', UI_ACTION_CASES, "cases", NULL},
    {'L', UI_ACTION_LEARNING, "learning", NULL},
    {'t', UI_ACTION_TRACK_ACTIONS, "actions", NULL},
    {'e', UI_ACTION_EXPORT, "export", NULL},
    {'E', UI_ACTION_EDIT_AUDIT, NULL, NULL},
    {'r', UI_ACTION_REFRESH, NULL, NULL},
    {'C', UI_ACTION_COMPARE, NULL, NULL},
    {UI_KEY_LEFT, UI_ACTION_LEFT, NULL, "Previous section (column)"},
    {UI_KEY_RIGHT, UI_ACTION_RIGHT, NULL, "Next section (column)"},
    {'/', UI_ACTION_FIND, "find", "Find a case by its reference (typed whole, or a part)"},
    {'n', UI_ACTION_FIND_NEXT, NULL, NULL},
    {'N', UI_ACTION_FIND_PREV, NULL, NULL},
    {'h', UI_ACTION_HISTORY, NULL, "Show the selected case's history: every change about it"},
    {'A', UI_ACTION_AGENCIES, "agencies", NULL},
};

const struct ui_screen_ops ui_overview_screen = {
    .title = "Audit overview",
    .keys = overview_keys,
    .nkeys = sizeof overview_keys / sizeof overview_keys[0],
    .act = overview_act,
    .list = overview_list,
    .select = overview_select,
    .resume = overview_reload,
    .reload = overview_reload,
};
