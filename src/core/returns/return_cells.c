/* Reading one value of a pack or return, for the reader's parts (return_parse.c for the
 * header, schema and meta; return_rows.c for the rows): each checks its column's type,
 * encoding and rule, and adds a problem naming where and which field when it fails. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "return_internal.h"
#include "sbuf.h"

void rd_problem(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problems_vadd(&r->problems, fmt, ap);
	va_end(ap);
}

void rd_db_problem(struct reader *r, const char *what)
{
	rd_problem(r, "the file is damaged (%s: %s)", what, sqlite3_errmsg(r->db));
	r->fatal = true;
}

sqlite3_stmt *rd_prepare(struct reader *r, const char *sql, const char *what)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(r->db, sql, -1, &stmt, NULL) == SQLITE_OK)
		return stmt;
	rd_db_problem(r, what);
	return NULL;
}

/* A text column: of type TEXT, no NUL inside, valid UTF-8, at most max bytes; one_line also
 * refuses control characters (C0, DEL and C1). NULL after reporting a problem (or out of memory).
 */
char *rd_col_text(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		  const char *field, size_t max, bool one_line)
{
	if (sqlite3_column_type(stmt, col) != SQLITE_TEXT) {
		rd_problem(r, "%s: %s is not text", where, field);
		return NULL;
	}
	const char *t = (const char *)sqlite3_column_text(stmt, col);
	size_t n = (size_t)sqlite3_column_bytes(stmt, col);
	if (!t)
		return NULL;
	if (n > max) {
		rd_problem(r, "%s: %s is %zu bytes long, more than the %zu allowed", where, field,
			   n, max);
		return NULL;
	}
	if (strlen(t) != n || !utf8_valid(t, n)) {
		rd_problem(r, "%s: %s is not valid UTF-8 text", where, field);
		return NULL;
	}
	/* C1 controls (U+0080 to U+009F, UTF-8 C2 80 to C2 9F) too: one-line text is printed
	 * in messages, and some terminals take them as escapes. */
	for (size_t i = 0; one_line && i < n; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f ||
		    ((unsigned char)t[i] == 0xc2 && i + 1 < n && (unsigned char)t[i + 1] < 0xa0)) {
			rd_problem(r, "%s: %s holds a control character", where, field);
			return NULL;
		}
	/* A walk hands each row on and forgets it: SQLite's copy does until the next row. */
	if (r->borrow)
		return (char *)t;
	char *copy = strdup(t);
	if (!copy)
		rd_problem(r, "out of memory");
	return copy;
}

void rd_free(const struct reader *r, char *s)
{
	if (!r->borrow)
		free(s);
}

char *rd_col_kind(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		  const char *field, enum text_kind kind)
{
	/* Text, without NUL, in UTF-8 first; then the kind's rule, which counts characters. */
	char *t = rd_col_text(r, stmt, col, where, field, RETURN_MAX_FILE, false);
	struct text_fault fault;
	if (t && !text_check_utf8(kind, t, (size_t)sqlite3_column_bytes(stmt, col), &fault)) {
		rd_problem(r, "%s: %s %s", where, field, fault.why);
		rd_free(r, t);
		return NULL;
	}
	return t;
}

bool rd_col_int(struct reader *r, sqlite3_stmt *stmt, int col, const char *where, const char *field,
		long *out)
{
	if (sqlite3_column_type(stmt, col) != SQLITE_INTEGER) {
		rd_problem(r, "%s: %s is not a whole number", where, field);
		return false;
	}
	sqlite3_int64 v = sqlite3_column_int64(stmt, col);
	if (v < 0 || v > 1000000000) {
		rd_problem(r, "%s: %s is out of range", where, field);
		return false;
	}
	*out = (long)v;
	return true;
}

char *rd_col_id(struct reader *r, sqlite3_stmt *stmt, int col, const char *where, const char *field)
{
	char *s = rd_col_text(r, stmt, col, where, field, 40, true);
	if (s && !id_valid(s)) {
		rd_problem(r, "%s: %s '%s' is not a valid id", where, field, s);
		rd_free(r, s);
		return NULL;
	}
	return s;
}

void rd_keys_free(struct reader *r)
{
	for (size_t i = 0; r->mode == RD_CHECK && i < r->nanswer_keys; i++) {
		free(r->answer_keys[i].ref);
		free(r->answer_keys[i].a);
	}
	for (size_t i = 0; r->mode == RD_CHECK && i < r->nnote_keys; i++) {
		free(r->note_keys[i].ref);
		free(r->note_keys[i].a);
		free(r->note_keys[i].b);
	}
	free(r->answer_keys);
	free(r->note_keys);
	r->answer_keys = r->note_keys = NULL;
	r->nanswer_keys = r->nnote_keys = 0;
}

int rd_end(struct reader *r, struct maca_err *err)
{
	rd_keys_free(r);
	return problems_end(&r->problems, MACA_ENOTMACA, err);
}
