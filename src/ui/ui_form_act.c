/* The form's glue: opening it, typing into it, and what each kind of form changes on the
 * screen it returns to. The form itself is in ui_form.c. */
#include <stdlib.h>

#include "ui_internal.h"

void ui_open_form(struct ui *ui, int rc, struct maca_err *err)
{
	if (rc) {
		ui_status_err(ui, err);
		return;
	}
	free(ui->status);
	ui->status = NULL;
	ui_push(ui, UI_SCREEN_FORM);
}

static void form_closed(struct ui *ui, bool saved)
{
	enum ui_form_purpose purpose = ui->form.purpose;
	int64_t id = ui->form.saved_id;
	ui_form_free(&ui->form);
	ui_pop(ui);
	if (!saved) {
		ui_set_status(ui, false, "Closed the form without saving");
		return;
	}
	struct maca_err err = {0};
	if (ui_form_is_learning(purpose)) {
		if (ui_learning_form_saved(&ui->learning, ui->st, purpose, id, &err))
			ui_status_err(ui, &err);
		else
			ui_set_status(ui, false, "Saved");
		return;
	}
	if (purpose == UI_FORM_EDIT_AUDIT) {
		/* Back on the overview or the briefing: show the audit as it now is. */
		int rc = ui_screen(ui) == UI_SCREEN_EXPORT
			     ? ui_export_refresh(&ui->export, ui->st, &err)
			     : ui_overview_load(&ui->overview, ui->st, id, &err);
		if (rc)
			ui_status_err(ui, &err);
		else
			ui_set_status(ui, false, "Saved the audit's details");
		return;
	}
	if (purpose == UI_FORM_NEW_AUDIT) {
		if (ui_home_reload(ui, &err)) {
			ui_status_err(ui, &err);
			return;
		}
		for (size_t i = 0; i < ui->home.naudits; i++)
			if (ui->home.audits[i].id == id)
				ui->home.selected = i;
		ui_set_status(ui, false, "Created audit %lld", (long long)id);
		return;
	}
	if (ui_cases_load(&ui->cases, ui->st, ui->cases.audit_id, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui_cases_select(&ui->cases, id);
	ui_set_status(ui, false, purpose == UI_FORM_NEW_CASE ? "Added the case" : "Saved the case");
}

static void form_act(struct ui *ui, enum ui_action action)
{
	struct maca_err err = {0};
	enum ui_form_outcome out = ui_form_act(&ui->form, ui->st, action, &err);
	if (out == UI_FORM_STAY) {
		if (err.status)
			ui_status_err(ui, &err);
		else if (ui->form.discard_armed)
			ui_set_status(ui, false,
				      "Press Esc again to close without saving your "
				      "changes, or Ctrl-O to save");
		return;
	}
	form_closed(ui, out == UI_FORM_SAVED);
}

/* Keys the form's keymap leaves free are typed into the focused field. */
static bool form_key(struct ui *ui, int key)
{
	if (ui_keymap_lookup(UI_SCREEN_FORM, key) != UI_ACTION_NONE)
		return false;
	struct maca_err err = {0};
	ui_form_edit(&ui->form, key, &err);
	if (err.status)
		ui_status_err(ui, &err);
	return true;
}

const struct ui_screen_ops ui_form_screen = {
    .act = form_act,
    .key = form_key,
};
