/* Import's glue: the path, the passphrase when the file is sealed, the summary, then
 * confirmation. What is read and applied is in ui_import.c. */
#include <stdlib.h>

#include "ui_internal.h"

/* Shows the summary, or the problems that stop the import, on the import screen. */
static void import_show(struct ui *ui, int rc, struct maca_err *err)
{
	if (rc && err->status == MACA_ENOMEM) {
		ui_import_free(&ui->import);
		ui_status_err(ui, err);
		return;
	}
	if (rc) {
		struct maca_err err2 = {0};
		int bad = ui_import_refuse(&ui->import, err_msg(err), &err2);
		err_clear(err);
		if (bad) {
			ui_import_free(&ui->import);
			ui_status_err(ui, &err2);
			return;
		}
		ui_set_status(ui, true, "Nothing was imported; Esc goes back");
	} else {
		ui_set_status(ui, false,
			      ui_import_changes(&ui->import)
				  ? "y goes on (the changes are confirmed next), Esc cancels"
				  : "y imports, Esc cancels");
	}
	if (ui_screen(ui) != UI_SCREEN_IMPORT)
		ui_push(ui, UI_SCREEN_IMPORT);
}

void ui_import_path_given(struct ui *ui, const char *path)
{
	bool sealed = false;
	struct maca_err err = {0};
	int rc = ui_import_read(&ui->import, ui->st, path, &sealed, &err);
	if (!rc && sealed) {
		ui_prompt_open(
		    ui, UI_ACTION_UNLOCK, NULL, "Passphrase:",
		    "The file is encrypted: type its passphrase (not shown). Esc cancels.");
		ui_prompt_mask(ui);
		return;
	}
	import_show(ui, rc, &err);
}

void ui_import_passphrase_given(struct ui *ui, const char *pass, size_t len)
{
	struct maca_err err = {0};
	import_show(ui, ui_import_unlock(&ui->import, ui->st, pass, len, &err), &err);
}

void ui_import_confirmed(struct ui *ui)
{
	char *done = NULL;
	struct maca_err err = {0};
	int rc = ui_import_apply(&ui->import, ui->st, &done, &err);
	ui_import_free(&ui->import);
	if (ui_screen(ui) == UI_SCREEN_IMPORT)
		ui_pop(ui);
	struct maca_err reload = {0};
	if (ui_screen(ui) == UI_SCREEN_HOME && ui_home_reload(ui, &reload))
		ui_status_err(ui, &reload);
	if (rc)
		ui_status_err(ui, &err);
	else
		ui_set_status(ui, false, "%s", done);
	free(done);
}

static void import_act(struct ui *ui, enum ui_action action)
{
	struct ui_import *im = &ui->import;
	if (action == UI_ACTION_CANCEL) {
		ui_act(ui, UI_ACTION_BACK);
	} else if (action == UI_ACTION_CONFIRM && im->refused) {
		ui_set_status(ui, true, "Nothing can be imported from this file; Esc goes back");
	} else if (action == UI_ACTION_CONFIRM && ui_import_changes(im)) {
		ui_prompt_open(
		    ui, UI_ACTION_CONFIRM, "replace", "Type replace to confirm:",
		    "Replace %zu answer%s or note%s held now with the return's? Esc cancels.",
		    im->plan.nchanges, im->plan.nchanges == 1 ? "" : "s",
		    im->plan.nchanges == 1 ? "" : "s");
	} else if (action == UI_ACTION_CONFIRM) {
		ui_import_confirmed(ui);
	} else {
		ui_import_scroll(im, action, 10);
	}
}

/* Leaving drops what was read: nothing is imported unless it was confirmed. */
static bool import_leave(struct ui *ui)
{
	ui_import_free(&ui->import);
	return true;
}

const struct ui_screen_ops ui_import_screen = {
    .act = import_act,
    .leave = import_leave,
};
