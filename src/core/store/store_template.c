/* What an audit is made of besides its own row: its copy of the template (parsed once and
 * kept, since every answer is checked against it), the agencies taking part, and the token
 * that went out with each agency's pack (the chair's database) or came in with it (the
 * agency's); see store.h and maca-return(5). */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

int store_agency_id(struct store *st, int64_t audit_id, const char *code, int64_t *id,
		    struct maca_err *err)
{
	bool found;
	if (store_int(st, "SELECT id FROM agency WHERE audit_id = ? AND code = ?",
		      SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(code)), id, &found, "reading agencies",
		      err))
		return err->status;
	if (!found)
		return err_set(err, MACA_ENOTFOUND, "agency '%s' is not taking part in audit %lld",
			       code, (long long)audit_id);
	return MACA_OK;
}

int store_audit_agencies(struct store *st, int64_t audit_id, struct named_list *out,
			 struct maca_err *err)
{
	return store_named_read(
	    st, "SELECT code, name FROM agency WHERE audit_id = ? ORDER BY position", audit_id,
	    true, out, "reading agencies", err);
}

/* The audit's row with its template text: MACA_ENOTFOUND when there is none. */
static int template_row(struct store *st, int64_t audit_id, sqlite3_stmt **stmt,
			struct maca_err *err)
{
	bool found;
	if (store_row(st, "SELECT template_id, template_text FROM audit WHERE id = ?",
		      SQL_ARGS(SQL_INT(audit_id)), stmt, &found, "reading the audit", err))
		return err->status;
	return found ? MACA_OK : err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
}

/* Parses the template text of the audit's row (stmt, from template_row) into *out. */
static int parse_row(sqlite3_stmt *stmt, int64_t audit_id, struct template **out,
		     struct maca_err *err)
{
	char *name = str_fmt("audit %lld's copy of template %s", (long long)audit_id,
			     (const char *)sqlite3_column_text(stmt, 0));
	const char *text = (const char *)sqlite3_column_text(stmt, 1);
	size_t len = (size_t)sqlite3_column_bytes(stmt, 1);
	struct diag_list diags = {0};
	int result = MACA_OK;
	if (!name)
		result = err_set(err, MACA_ENOMEM, "out of memory");
	else if (template_parse(name, text ? text : "", len, out, &diags) != 0)
		result = err_set(err, MACA_EDB, "%s is damaged: %s", name,
				 diags.n ? diags.items[0].msg : "cannot be read");
	diag_list_free(&diags);
	free(name);
	return result;
}

/* The audit's template as its row holds it now: the one kept when its text is byte for byte
 * the same (audits made from one template hold the same text), else parsed and kept instead.
 * Parsing is most of what opening a screen or writing a briefing costs. */
static int keep_current(struct store *st, int64_t audit_id, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (template_row(st, audit_id, &stmt, err))
		return err->status;
	const void *text = sqlite3_column_blob(stmt, 1);
	size_t len = (size_t)sqlite3_column_bytes(stmt, 1);
	int rc = MACA_OK;
	if (!st->tpl || !text || len != st->tpl->source_len ||
	    memcmp(text, st->tpl->source, len) != 0) {
		struct template *tpl;
		rc = parse_row(stmt, audit_id, &tpl, err);
		if (!rc) {
			template_free(st->tpl); /* a screen may hold it still */
			st->tpl = tpl;
		}
	}
	store_done(st, stmt);
	if (!rc)
		st->tpl_audit = audit_id;
	return rc;
}

int store_cached_template(struct store *st, int64_t audit_id, const struct template **out,
			  struct maca_err *err)
{
	if (!(st->tpl && st->tpl_audit == audit_id) && keep_current(st, audit_id, err))
		return err->status;
	*out = st->tpl;
	return MACA_OK;
}

int store_audit_template(struct store *st, int64_t audit_id, struct template **out,
			 struct maca_err *err)
{
	*out = NULL;
	/* Checked against the row every time (unlike the store's own use): another process may
	 * have deleted the audit and made another under its id. */
	if (keep_current(st, audit_id, err))
		return err->status;
	*out = template_hold(st->tpl);
	return MACA_OK;
}

/* Pack tokens */

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
