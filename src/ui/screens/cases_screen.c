/* The cases of an audit: adding and editing a case through the form, and removing one once
 * its reference is typed. The list is ui_cases.c's. */
#include <stdlib.h>
#include <string.h>

#include "screens_internal.h"
#include "ui_find.h"

/* The case form was saved: the list shows the case, selected. */
static void case_saved(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	struct maca_err err = {0};
	if (ui_cases_load(&ui->cases, ui->st, ui->cases.audit_id, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui_cases_select(&ui->cases, id);
	ui_set_status(ui, false, purpose == UI_FORM_NEW_CASE ? "Added the case" : "Saved the case");
}

static void remove_confirmed(struct ui *ui)
{
	struct ui_cases *uc = &ui->cases;
	struct maca_err err = {0};
	if (uc->ncases == 0)
		return;
	char *ref = strdup(uc->cases[uc->selected].reference);
	if (!ref) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	int rc = store_case_remove(ui->st, uc->cases[uc->selected].id, &err);
	if (!rc)
		rc = ui_cases_load(uc, ui->st, uc->audit_id, &err);
	ui_status_said(ui, rc, &err, "Removed case \"%s\"", ref);
	free(ref);
}

static int cases_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	struct ui_cases *uc = &ui->cases;
	const struct case_info *sel = uc->ncases ? &uc->cases[uc->selected] : NULL;
	switch (action) {
	case UI_ACTION_ADD_CASE:
		ui_open_form(ui, ui_form_case(&ui->form, ui->st, uc->audit_id, NULL, err), err,
			     case_saved);
		break;
	case UI_ACTION_EDIT_CASE:
		if (sel)
			ui_open_form(ui, ui_form_case(&ui->form, ui->st, uc->audit_id, sel, err),
				     err, case_saved);
		break;
	case UI_ACTION_REMOVE_CASE:
		if (sel)
			ui_confirm_open(
			    ui, remove_confirmed, NULL, sel->reference,
			    "Type its reference to confirm:",
			    "Remove case \"%s\" with every agency's answers about it? Esc "
			    "cancels.",
			    sel->reference);
		break;
	case UI_ACTION_HISTORY:
		if (sel)
			ui_history_case(ui, uc->audit_id, uc->tpl, sel->reference);
		break;
	default:
		ui_cases_move(uc, action);
		break;
	}
	return MACA_OK;
}

/* Another maca added, changed or removed cases: the list shows them, on the same case. */
static int cases_reload(struct ui *ui, struct maca_err *err)
{
	return ui_cases_load(&ui->cases, ui->st, ui->cases.audit_id, err);
}

static struct ui_list cases_list(struct ui *ui)
{
	return ui_cases_list(ui->cases.cases, ui->cases.ncases, &ui->cases.selected);
}

static const struct ui_binding cases_keys[] = {
    {'a', UI_ACTION_ADD_CASE, "add", NULL},
    {UI_KEY_ENTER, UI_ACTION_EDIT_CASE, "edit", NULL},
    {'e', UI_ACTION_EDIT_CASE, "edit", NULL},
    {'x', UI_ACTION_REMOVE_CASE, "remove", NULL},
    {'/', UI_ACTION_FIND, "find", "Find a case by its reference (typed whole, or a part)"},
    {'n', UI_ACTION_FIND_NEXT, NULL, NULL},
    {'N', UI_ACTION_FIND_PREV, NULL, NULL},
    {'h', UI_ACTION_HISTORY, "history", "Show the selected case's history: every change about it"},
};

const struct ui_screen_ops ui_cases_screen = {
    .title = "Cases",
    .keys = cases_keys,
    .nkeys = sizeof cases_keys / sizeof cases_keys[0],
    .act = cases_act,
    .list = cases_list,
    .reload = cases_reload,
};
