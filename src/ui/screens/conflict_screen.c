/* Changed meanwhile: a save found its record changed by someone else. Both versions are shown,
 * with who made the other change and when, and nothing is written until the user chooses:
 * keep mine, take theirs, or keep editing. The screen that saved says what each choice does
 * (its resolve hook). The text is ui_conflict.c's. */
#include <stdlib.h>

#include "screens_internal.h"
#include "ui_lines.h"
#include "ui_view.h"

void ui_conflict_ask(struct ui *ui, void (*resolve)(struct ui *ui, enum ui_action choice),
		     const struct store_change *by, char *what, char *theirs, char *mine)
{
	ui->conflict.resolve = resolve;
	bool ok = what && theirs && mine && ui_conflict_set(&ui->conflict, by, what, theirs, mine);
	free(what);
	free(theirs);
	free(mine);
	if (!ok) {
		ui_set_status(ui, true, "out of memory: nothing was saved");
		return;
	}
	if (ui_screen(ui) != UI_SCREEN_CONFLICT)
		ui_push(ui, UI_SCREEN_CONFLICT);
	ui_set_status(ui, true, "Changed meanwhile: nothing is saved until you choose");
}

bool ui_conflict_flushed(struct ui *ui, int rc, struct maca_err *err,
			 void (*result)(struct ui *ui, int rc, struct maca_err *err))
{
	if (!rc)
		return true;
	if (rc == MACA_ECONFLICT && ui_screen(ui) == UI_SCREEN_CONFLICT)
		ui_status_err(ui, err);
	else
		result(ui, rc, err);
	return false;
}

int ui_conflict_said(struct ui *ui, int rc, struct maca_err *err, bool open,
		     void (*ask)(struct ui *ui))
{
	if (rc == MACA_ECONFLICT && open) {
		err_clear(err);
		ask(ui);
	} else if (rc) {
		ui_status_err(ui, err);
	}
	return rc;
}

void ui_conflict_kept(struct ui *ui, enum ui_action choice)
{
	if (choice == UI_ACTION_KEEP_EDITING && !ui->status)
		ui_set_status(ui, false, "Nothing was saved; moving on saves it (and asks again)");
}

static int conflict_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	(void)err;
	if (action != UI_ACTION_KEEP_MINE && action != UI_ACTION_TAKE_THEIRS &&
	    action != UI_ACTION_KEEP_EDITING) {
		size_t n = ui_lines_count(ui_conflict_text(&ui->conflict), true);
		ui_view_scroll(&ui->conflict.top, action, n ? n - 1 : 0, 10);
		return MACA_OK;
	}
	void (*resolve)(struct ui *, enum ui_action) = ui->conflict.resolve;
	ui_conflict_free(&ui->conflict);
	ui_pop(ui);
	ui_status_clear(ui);
	if (resolve)
		resolve(ui, action);
	return MACA_OK;
}

/* Only these keys: q, letters and Enter do nothing here, so no habit answers by accident. */
static const struct ui_binding conflict_keys[] = {
    {'m', UI_ACTION_KEEP_MINE, "keep mine", NULL},
    {'t', UI_ACTION_TAKE_THEIRS, "take theirs", NULL},
    {UI_KEY_ESC, UI_ACTION_KEEP_EDITING, "keep editing", NULL},
    {UI_KEY_UP, UI_ACTION_UP, NULL, "Scroll up"},
    {UI_KEY_DOWN, UI_ACTION_DOWN, NULL, "Scroll down"},
    {UI_KEY_PAGE_UP, UI_ACTION_PAGE_UP, NULL, "Scroll up a page"},
    {UI_KEY_PAGE_DOWN, UI_ACTION_PAGE_DOWN, NULL, "Scroll down a page"},
    {UI_KEY_F1, UI_ACTION_HELP, "help", NULL},
};

const struct ui_screen_ops ui_conflict_screen = {
    .title = "Changed meanwhile",
    .keys = conflict_keys,
    .nkeys = sizeof conflict_keys / sizeof conflict_keys[0],
    .own_keys_only = true,
    .modal = true,
    .act = conflict_act,
};
