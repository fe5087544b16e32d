#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

static const char *status_text(enum maca_status status)
{
	switch (status) {
	case MACA_OK:
		return "no error";
	case MACA_EUSER:
		return "invalid input";
	case MACA_ENOTFOUND:
		return "not found";
	case MACA_ENOTMACA:
		return "not a maca database";
	case MACA_ETOONEW:
		return "database written by a newer maca";
	case MACA_EBUSY:
		return "database is busy";
	case MACA_ELOCKED:
		return "audit is locked";
	case MACA_EEXIST:
		return "already exists";
	case MACA_EIO:
		return "input/output error";
	case MACA_EDB:
		return "database error";
	case MACA_ENOMEM:
		return "out of memory";
	case MACA_ECONFLICT:
		return "changed meanwhile";
	}
	return "unknown error";
}

int err_set(struct maca_err *err, enum maca_status status, const char *fmt, ...)
{
	if (!err)
		return status;
	free(err->msg);
	err->status = status;
	va_list ap;
	va_start(ap, fmt);
	err->msg = str_vfmt(fmt, ap);
	va_end(ap);
	return status;
}

const char *err_msg(const struct maca_err *err)
{
	if (!err)
		return "no error";
	return err->msg ? err->msg : status_text(err->status);
}

void err_clear(struct maca_err *err)
{
	if (!err)
		return;
	free(err->msg);
	err->msg = NULL;
	err->status = MACA_OK;
}

void err_prefix(struct maca_err *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *prefix = str_vfmt(fmt, ap);
	va_end(ap);
	if (!prefix)
		return;
	char *joined = str_fmt("%s: %s", prefix, err_msg(err));
	free(prefix);
	if (!joined)
		return;
	free(err->msg);
	err->msg = joined;
}

int err_sbuf_take(struct sbuf *b, char **out, struct maca_err *err)
{
	*out = sbuf_take(b);
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}
