/* The cases screen's glue: adding and editing a case through the form, and removing one
 * once its reference is typed. The list itself is in ui_cases.c. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static void cases_act(struct ui *ui, enum ui_action action)
{
	struct ui_cases *uc = &ui->cases;
	struct maca_err err = {0};
	const struct case_info *sel = uc->ncases ? &uc->cases[uc->selected] : NULL;
	switch (action) {
	case UI_ACTION_ADD_CASE:
		ui_open_form(ui, ui_form_case(&ui->form, ui->st, uc->audit_id, NULL, &err), &err);
		break;
	case UI_ACTION_EDIT_CASE:
		if (sel)
			ui_open_form(ui, ui_form_case(&ui->form, ui->st, uc->audit_id, sel, &err),
				     &err);
		break;
	case UI_ACTION_REMOVE_CASE:
		if (sel)
			ui_prompt_open(
			    ui, UI_ACTION_REMOVE_CASE, sel->reference,
			    "Type its reference to confirm:",
			    "Remove case \"%s\" with every agency's answers about it? Esc "
			    "cancels.",
			    sel->reference);
		break;
	default:
		ui_cases_move(uc, action);
		break;
	}
}

void ui_cases_remove_confirmed(struct ui *ui)
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
	if (store_case_remove(ui->st, uc->cases[uc->selected].id, &err) ||
	    ui_cases_load(uc, ui->st, uc->audit_id, &err))
		ui_status_err(ui, &err);
	else
		ui_set_status(ui, false, "Removed case \"%s\"", ref);
	free(ref);
}

const struct ui_screen_ops ui_cases_screen = {
    .act = cases_act,
};
