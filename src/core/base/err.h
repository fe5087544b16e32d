/* Errors as returned values: a status and a message the caller decides how to show. */
#ifndef MACA_ERR_H
#define MACA_ERR_H

enum maca_status {
	MACA_OK = 0,
	MACA_EUSER,	/* bad input from the user: a value, an id, a name */
	MACA_ENOTFOUND, /* no such audit, case, template, file */
	MACA_ENOTMACA,	/* the file is not a maca database */
	MACA_ETOONEW,	/* the database was written by a newer maca */
	MACA_EBUSY,	/* another maca holds the database */
	MACA_ELOCKED,	/* the audit is closed, or a moderated case needs a reason */
	MACA_EEXIST,	/* would duplicate or overwrite something */
	MACA_EIO,	/* the operating system refused */
	MACA_EDB,	/* SQLite reported an error */
	MACA_ENOMEM,
	MACA_ECONFLICT, /* the record changed since it was read: nothing was saved */
};

struct maca_err {
	enum maca_status status;
	char *msg;
};

/* Sets status and a printf-style message; returns status so callers can `return err_set(...)`.
 * A NULL err is allowed and ignored. */
int err_set(struct maca_err *err, enum maca_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Message for display; never NULL. */
const char *err_msg(const struct maca_err *err);
void err_clear(struct maca_err *err);
/* Adds "context: " before the current message. */
void err_prefix(struct maca_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct sbuf;
/* sbuf_take into *out for a function that returns a status: MACA_OK, or MACA_ENOMEM (set in
 * err) when any allocation failed. Here, above the buffer, so that it needs no errors. */
int err_sbuf_take(struct sbuf *b, char **out, struct maca_err *err);

#endif
