/* Pack tokens: which random token went out with each agency's pack (the chair's database),
 * or came in with it (the agency's); see store.h and maca-return(5). */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

static int read_token(struct store *st, int64_t agency_id, char token[STORE_TOKEN_LEN + 1],
		      char **issued_at, struct maca_err *err)
{
	token[0] = '\0';
	if (issued_at)
		*issued_at = NULL;
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(st, "SELECT token, issued_at FROM pack_token WHERE agency_id = ?",
		      SQL_ARGS(SQL_INT(agency_id)), &stmt, &found, "reading the pack token", err))
		return err->status;
	if (found) {
		const char *t = (const char *)sqlite3_column_text(stmt, 0);
		if (t && strlen(t) == STORE_TOKEN_LEN)
			memcpy(token, t, STORE_TOKEN_LEN + 1);
		if (issued_at)
			*issued_at = store_column_dup(stmt, 1);
		store_done(st, stmt);
	} else if (issued_at) {
		*issued_at = strdup("");
	}
	if (issued_at && !*issued_at)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}

static int insert_token(struct store *st, int64_t agency_id, const char *token,
			struct maca_err *err)
{
	char *now = store_now();
	int rc = now ? store_run(st,
				 "INSERT INTO pack_token (agency_id, token, issued_at, issued_by) "
				 "VALUES (?, ?, ?, ?)",
				 SQL_ARGS(SQL_INT(agency_id), SQL_TEXT(token), SQL_TEXT(now),
					  SQL_TEXT(st->author)),
				 "remembering the pack token", err)
		     : err_set(err, MACA_ENOMEM, "out of memory");
	free(now);
	return rc;
}

int store_pack_token_get(struct store *st, int64_t audit_id, const char *agency,
			 char token[STORE_TOKEN_LEN + 1], char **issued_at, struct maca_err *err)
{
	token[0] = '\0';
	if (issued_at)
		*issued_at = NULL;
	int64_t agency_id;
	if (store_agency_id(st, audit_id, agency, &agency_id, err))
		return err->status;
	return read_token(st, agency_id, token, issued_at, err);
}

int store_pack_token_issue(struct store *st, int64_t audit_id, const char *agency,
			   char token[STORE_TOKEN_LEN + 1], struct maca_err *err)
{
	token[0] = '\0';
	if (store_begin(st, err))
		return err->status;
	int64_t agency_id;
	int rc = store_agency_id(st, audit_id, agency, &agency_id, err);
	if (!rc)
		rc = read_token(st, agency_id, token, NULL, err);
	if (!rc && !*token) {
		unsigned char raw[STORE_TOKEN_LEN / 2];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(token, STORE_TOKEN_LEN + 1, raw, sizeof raw);
		rc = insert_token(st, agency_id, token, err);
	}
	if (rc)
		token[0] = '\0';
	return store_end(st, rc, err);
}

int store_pack_token_keep(struct store *st, int64_t audit_id, const char *agency, const char *token,
			  struct maca_err *err)
{
	int64_t agency_id;
	char held[STORE_TOKEN_LEN + 1];
	if (store_agency_id(st, audit_id, agency, &agency_id, err) ||
	    read_token(st, agency_id, held, NULL, err))
		return err->status;
	if (*held)
		return strcmp(held, token) == 0
			   ? MACA_OK
			   : err_set(
				 err, MACA_EEXIST,
				 "agency %s already holds a different pack token for this audit",
				 agency);
	return insert_token(st, agency_id, token, err);
}
