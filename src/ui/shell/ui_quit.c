/* Leaving maca without losing anything: q and Ctrl-C save what is being typed where leaving
 * saves it (answers, rationales), and ask where it does not (a form not saved yet); an edit
 * that cannot be saved is never dropped without a second q. */
#include <stdlib.h>
#include <string.h>

#include "ui_shell_internal.h"

bool ui_unsaved(const struct ui *ui)
{
	for (size_t i = 0; i < ui->depth; i++) {
		const struct ui_screen_ops *ops = ui_ops(ui, ui->stack[i]);
		if (ops->unsaved && ops->unsaved(ui))
			return true;
	}
	return false;
}

bool ui_flush(struct ui *ui)
{
	bool ok = true;
	for (int s = 0; ui->screens && s < UI_SCREEN_COUNT; s++) {
		const struct ui_screen_ops *ops = ui_ops(ui, (enum ui_screen)s);
		if (ops->flush && !ops->flush(ui))
			ok = false;
	}
	return ok;
}

/* Saves (or drops) what every screen holds unsaved; false when a save failed (the screen
 * said why on the status line). */
static bool settle_all(struct ui *ui, bool save)
{
	for (size_t i = ui->depth; i-- > 0;) {
		const struct ui_screen_ops *ops = ui_ops(ui, ui->stack[i]);
		if (ops->unsaved && ops->unsaved(ui) && ops->settle && !ops->settle(ui, save))
			return false;
	}
	return true;
}

static void quit_now(struct ui *ui, bool again)
{
	/* An edit that cannot be saved (disk full, read-only) is never dropped silently. */
	if (!ui_flush(ui)) {
		if (!again) {
			char *why = str_dup(ui->status ? ui->status : "");
			ui_set_status(ui, true, "q again quits WITHOUT this edit. Not saved: %s",
				      why ? why : "");
			free(why);
			ui->quit_pending = true;
			return;
		}
		ui->quit_unsaved = true;
	}
	ui->quit = true;
}

static void quit_picked(struct ui *ui, const char *choice)
{
	if (strcmp(choice, "stay") == 0) {
		ui_set_status(ui, false, "Nothing was closed");
		return;
	}
	if (!settle_all(ui, strcmp(choice, "save") == 0))
		return; /* the form said what to fix; nothing was closed */
	quit_now(ui, false);
}

void ui_quit(struct ui *ui, bool again)
{
	if (!ui_unsaved(ui)) {
		quit_now(ui, again);
		return;
	}
	bool ok = ui_pick_open(ui, quit_picked, "The form holds changes not saved yet. Quit?");
	ok = ok && named_add(&ui->pick.items, "save", "Save the form, then quit");
	ok = ok && named_add(&ui->pick.items, "discard", "Quit without saving the form");
	ok = ok && named_add(&ui->pick.items, "stay", "Keep editing (Esc)");
	ui_pick_show(ui, ok, "");
	if (ok)
		ui->pick.selected = 2; /* Enter by habit keeps the text */
}
