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
