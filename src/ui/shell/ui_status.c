/* The status line: what just happened, or what went wrong. */
#include <stdarg.h>
#include <stdlib.h>

#include "ui_screen.h"

static void set_status(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	char *s = str_vfmt(fmt, ap);
	free(ui->status);
	ui->status = s;
	ui->status_is_error = error;
	ui->status_depth = ui->depth;
	ui->status_screen = ui->depth ? ui_screen(ui) : UI_SCREEN_COUNT;
	ui->status_serial++;
}

void ui_set_status(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(ui, error, fmt, ap);
	va_end(ap);
}

const char *ui_status_text(const struct ui *ui)
{
	if (!ui->status || ui->depth == 0)
		return NULL;
	return ui->status_depth == ui->depth && ui->status_screen == ui_screen(ui) ? ui->status
										   : NULL;
}

void ui_status_err(struct ui *ui, struct maca_err *err)
{
	ui_set_status(ui, true, "%s", err_msg(err));
	err_clear(err);
}

void ui_status_said(struct ui *ui, int rc, struct maca_err *err, const char *fmt, ...)
{
	if (rc) {
		ui_status_err(ui, err);
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	set_status(ui, false, fmt, ap);
	va_end(ap);
}

void ui_status_clear(struct ui *ui)
{
	free(ui->status);
	ui->status = NULL;
	ui->status_is_error = false;
}

int ui_undo_said(struct ui *ui, const struct ui_undo *u, int (*undo)(struct ui *ui),
		 const char *fallback)
{
	/* The words are copied first: the undo forgets the change they belong to. */
	const struct ui_change *last = ui_undo_last(u);
	char *what = last && last->what ? str_dup(last->what) : NULL;
	int rc = undo(ui);
	if (!rc && (what || fallback))
		ui_set_status(ui, false, "Undone: %s (the history keeps both)",
			      what ? what : fallback);
	free(what);
	return rc;
}
