/* What the interface does while the keyboard rests: it says when another program replaced or
 * removed the database file, and when another maca (an import, `maca case add`, a second
 * interface) committed a change, the screens on the stack read it again. SQLite's data
 * version says whether anything changed, for the price of one pragma. */
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "ui_screen.h"

/* A step of the day's backup; true when the status line changed. Taken silently, as it always
 * was; a failure is a warning, never a reason to stop. */
static bool backup_step(struct ui *ui)
{
	if (!backup_job_busy(ui->backup))
		return false;
	bool done;
	char *written = NULL;
	struct maca_err err = {0};
	int rc = backup_job_step(ui->backup, BACKUP_STEP_PAGES, &done, &written, &err);
	free(written);
	if (rc)
		ui_set_status(ui, true,
			      "warning: the automatic backup failed (the database itself is "
			      "untouched): %s",
			      err_msg(&err));
	err_clear(&err);
	return rc != MACA_OK;
}

int ui_idle_wait(const struct ui *ui)
{
	if (backup_job_copying(ui->backup))
		return 0;
	return backup_job_busy(ui->backup) ? 20 : 500;
}

bool ui_idle(struct ui *ui)
{
	bool said = backup_step(ui);
	/* Said while the keyboard rests too, before anything else is typed in vain; the saves
	 * themselves are refused by the store, which keeps the edit on screen. */
	struct maca_err err = {0};
	if (!ui->st || !store_file_check(ui->st, &err))
		return said;
	const char *status = ui_status_text(ui);
	bool shown = status && ui->status_is_error && strcmp(status, err_msg(&err)) == 0;
	if (!shown)
		ui_status_err(ui, &err);
	err_clear(&err);
	return !shown || said;
}

bool ui_poll_changes(struct ui *ui)
{
	/* A question on screen asks about what is shown: it stays as it was until answered. */
	if (ui->prompt.active || ui->pick.active || !ui->screens ||
	    ui_ops(ui, ui_screen(ui))->modal)
		return false;
	int64_t version;
	struct maca_err err = {0};
	if (store_data_version(ui->st, &version, &err)) {
		err_clear(&err); /* asked again at the next idle moment */
		return false;
	}
	if (version == ui->data_version)
		return false;
	ui->data_version = version;
	/* Each screen on the stack once, from the bottom: what returning to it shows is fresh. */
	bool done[UI_SCREEN_COUNT] = {false};
	for (size_t i = 0; i < ui->depth; i++) {
		enum ui_screen s = ui->stack[i];
		const struct ui_screen_ops *ops = ui_ops(ui, s);
		if ((unsigned)s >= UI_SCREEN_COUNT || done[s] || !ops->reload)
			continue;
		done[s] = true;
		if (ops->reload(ui, &err))
			ui_status_err(ui, &err);
	}
	return true;
}
