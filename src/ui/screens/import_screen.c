/* Import: the path, the passphrase when the file is sealed, the summary, then confirmation.
 * What is read and applied is ui_import.c's. */
#include <stdlib.h>

#include "screens_internal.h"

static void nothing_imported(struct ui *ui)
{
	ui_set_status(ui, true, "Nothing was imported");
}

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

static void passphrase_given(struct ui *ui, const char *pass, size_t len)
{
	struct maca_err err = {0};
	import_show(ui, ui_import_unlock(&ui->import, ui->st, pass, len, &err), &err);
}

static void passphrase_refused(struct ui *ui)
{
	nothing_imported(ui);
	ui_import_free(&ui->import);
}

static void path_given(struct ui *ui, const char *path, size_t len)
{
	(void)len;
	bool sealed = false;
	struct maca_err err = {0};
	int rc = ui_import_read(&ui->import, ui->st, path, &sealed, &err);
	if (!rc && sealed) {
		ui_prompt_open(
		    ui, passphrase_given, passphrase_refused, NULL, "Passphrase:",
		    "The file is encrypted: type its passphrase (not shown). Esc cancels.");
		ui_prompt_mask(ui);
		return;
	}
	import_show(ui, rc, &err);
}

void ui_import_ask(struct ui *ui)
{
	ui_prompt_open(ui, path_given, nothing_imported, NULL, "File:",
		       "Import a pack or an agency's return: type the file's path. Esc cancels.");
}

/* Imports what the summary said, then goes back to where the import started, which shows
 * what arrived. */
static void import_confirmed(struct ui *ui)
{
	char *done = NULL;
	struct maca_err err = {0};
	int rc = ui_import_apply(&ui->import, ui->st, &done, &err);
	ui_import_free(&ui->import);
	if (ui_screen(ui) == UI_SCREEN_IMPORT)
		ui_back(ui);
	ui_status_said(ui, rc, &err, "%s", done);
	free(done);
}

static int import_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	(void)err;
	struct ui_import *im = &ui->import;
	if (action == UI_ACTION_CANCEL) {
		ui_act(ui, UI_ACTION_BACK);
	} else if (action == UI_ACTION_CONFIRM && im->refused) {
		ui_set_status(ui, true, "Nothing can be imported from this file; Esc goes back");
	} else if (action == UI_ACTION_CONFIRM && ui_import_changes(im)) {
		ui_confirm_open(
		    ui, import_confirmed, nothing_imported, "replace", "Type replace to confirm:",
		    "Replace %zu answer%s or note%s held now with the return's? Esc cancels.",
		    im->plan.nchanges, im->plan.nchanges == 1 ? "" : "s",
		    im->plan.nchanges == 1 ? "" : "s");
	} else if (action == UI_ACTION_CONFIRM) {
		import_confirmed(ui);
	} else {
		ui_import_scroll(im, action, 10);
	}
	return MACA_OK;
}

/* Leaving drops what was read: nothing is imported unless it was confirmed. */
static bool import_leave(struct ui *ui)
{
	ui_import_free(&ui->import);
	return true;
}

/* Another maca changed the database: the summary says what importing would do now. */
static int import_reload(struct ui *ui, struct maca_err *err)
{
	return ui_import_reload(&ui->import, ui->st, err);
}

/* There is nothing to import from a file that was refused. */
static bool import_offers(const struct ui *ui, enum ui_action action)
{
	return action != UI_ACTION_CONFIRM || !ui->import.refused;
}

static const struct ui_binding import_keys[] = {
    {'y', UI_ACTION_CONFIRM, "import", NULL},
    {UI_KEY_ENTER, UI_ACTION_CONFIRM, NULL, NULL},
    {'n', UI_ACTION_CANCEL, NULL, NULL},
};

const struct ui_screen_ops ui_import_screen = {
    .title = "Import",
    .keys = import_keys,
    .nkeys = sizeof import_keys / sizeof import_keys[0],
    .scrolls = true,
    .act = import_act,
    .leave = import_leave,
    .reload = import_reload,
    .offers = import_offers,
};
