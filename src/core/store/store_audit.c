/* Audits and the agencies taking part: creating, changing, finding and reading them, and
 * the audit's own copy of its template. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_query_internal.h"

int store_agency_id(struct store *st, int64_t audit_id, const char *code, int64_t *id,
		    struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT id FROM agency WHERE audit_id = ? AND code = ?", &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	store_bind_text(stmt, 2, code);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	else if (rc == SQLITE_DONE)
		result =
		    err_set(err, MACA_ENOTFOUND, "agency '%s' is not taking part in audit %lld",
			    code, (long long)audit_id);
	else
		result = store_db_error(st, err, "reading agencies");
	sqlite3_finalize(stmt);
	return result;
}

/* Whether the audit's copy of its template is byte for byte tpl's source. */
static int same_template_text(struct store *st, int64_t audit_id, const struct template *tpl,
			      bool *same, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT template_text FROM audit WHERE id = ?", &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const void *text = sqlite3_column_blob(stmt, 0);
		size_t len = (size_t)sqlite3_column_bytes(stmt, 0);
		*same = text && len == tpl->source_len && memcmp(text, tpl->source, len) == 0;
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
	if (rc != SQLITE_ROW)
		return store_db_error(st, err, "reading the audit");
	return MACA_OK;
}

int store_cached_template(struct store *st, int64_t audit_id, const struct template **out,
			  struct maca_err *err)
{
	if (st->tpl && st->tpl_audit == audit_id) {
		*out = st->tpl;
		return MACA_OK;
	}
	/* Audits made from the same template hold the same text: parse it once, not once per
	 * audit (the home screen asks for every audit's progress in turn). */
	if (st->tpl) {
		bool same = false;
		if (same_template_text(st, audit_id, st->tpl, &same, err))
			return err->status;
		if (same) {
			st->tpl_audit = audit_id;
			*out = st->tpl;
			return MACA_OK;
		}
	}
	struct template *tpl;
	if (store_audit_template(st, audit_id, &tpl, err))
		return err->status;
	template_free(st->tpl);
	st->tpl = tpl;
	st->tpl_audit = audit_id;
	*out = tpl;
	return MACA_OK;
}

int store_audit_template(struct store *st, int64_t audit_id, struct template **out,
			 struct maca_err *err)
{
	*out = NULL;
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT template_id, template_text FROM audit WHERE id = ?", &stmt,
			  err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		if (rc == SQLITE_DONE)
			return err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
		return store_db_error(st, err, "reading the audit");
	}
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
	sqlite3_finalize(stmt);
	return result;
}

static int insert_agencies(struct store *st, int64_t audit_id, const struct named_list *agencies,
			   struct maca_err *err)
{
	for (size_t i = 0; i < agencies->n; i++) {
		sqlite3_stmt *stmt;
		if (store_prepare(
			st,
			"INSERT INTO agency (audit_id, code, name, position) VALUES (?, ?, "
			"?, ?)",
			&stmt, err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, audit_id);
		store_bind_text(stmt, 2, agencies->items[i].id);
		store_bind_text(stmt, 3, agencies->items[i].label);
		sqlite3_bind_int64(stmt, 4, (sqlite3_int64)i + 1);
		int rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		if ((rc & 0xFF) == SQLITE_CONSTRAINT) /* extended codes are on */
			return err_set(err, MACA_EUSER, "agency '%s' is listed twice",
				       agencies->items[i].id);
		if (rc != SQLITE_DONE)
			return store_db_error(st, err, "adding agencies");
	}
	return MACA_OK;
}

int store_audit_create(struct store *st, const struct audit_new *a, int64_t *id,
		       struct maca_err *err)
{
	const struct template *tpl = a->tpl;
	const struct named_list *agencies = a->agencies ? a->agencies : &tpl->agencies;
	if (!a->title || !*a->title)
		return err_set(err, MACA_EUSER, "an audit needs a title");
	if (agencies->n == 0)
		return err_set(err, MACA_EUSER, "an audit needs at least one agency taking part");
	if (a->chair_agency && *a->chair_agency && !named_find(agencies, a->chair_agency))
		return err_set(err, MACA_EUSER, "chair agency '%s' is not taking part in the audit",
			       a->chair_agency);
	if (a->audit_date && *a->audit_date && !date_valid(a->audit_date))
		return err_set(err, MACA_EUSER, "audit date '%s' is not a date written YYYY-MM-DD",
			       a->audit_date);
	char uuid[UUID_STR_LEN];
	if (!uuid_generate(uuid))
		return err_set(err, MACA_EIO, "no randomness available to make the audit's UUID");
	char *now = store_now();
	if (!now)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (store_begin(st, err)) {
		free(now);
		return err->status;
	}
	sqlite3_stmt *stmt;
	char earlier[UUID_STR_LEN] = "";
	int rc = a->reaudit_of && *a->reaudit_of
		     ? store_reaudit_check(st, tpl, a->reaudit_of, earlier, err)
		     : MACA_OK;
	if (!rc)
		rc = store_prepare(st,
				   "INSERT INTO audit (uuid, title, theme, template_id, "
				   "template_version, template_hash, template_text, partnership, "
				   "chair_agency, audit_date, background, extra, created_at, "
				   "updated_at, reaudit_of) "
				   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				   &stmt, err);
	if (!rc) {
		store_bind_text(stmt, 1, uuid);
		store_bind_text(stmt, 2, a->title);
		store_bind_text(stmt, 3, a->theme && *a->theme ? a->theme : tpl->theme);
		store_bind_text(stmt, 4, tpl->id);
		sqlite3_bind_int64(stmt, 5, tpl->version);
		store_bind_text(stmt, 6, tpl->hash);
		sqlite3_bind_text(stmt, 7, tpl->source, (int)tpl->source_len, SQLITE_TRANSIENT);
		store_bind_text(stmt, 8, a->partnership ? a->partnership : "");
		store_bind_text(stmt, 9, a->chair_agency ? a->chair_agency : "");
		store_bind_text(stmt, 10, a->audit_date ? a->audit_date : "");
		store_bind_text(stmt, 11, a->background ? a->background : "");
		store_bind_text(stmt, 12, a->extra_json ? a->extra_json : "{}");
		store_bind_text(stmt, 13, now);
		store_bind_text(stmt, 14, now);
		store_bind_text(stmt, 15, *earlier ? earlier : NULL);
		rc = store_run(st, stmt, "creating the audit", err);
	}
	free(now);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = insert_agencies(st, *id, agencies, err);
	}
	if (!rc)
		rc = store_history_add(st, *id, 0, NULL, NULL, "audit", NULL, a->title, NULL, err);
	if (!rc && *earlier)
		rc = store_history_add(st, *id, 0, NULL, NULL, "audit-reaudit-of", NULL, earlier,
				       NULL, err);
	return store_finish(st, rc, err);
}

int store_audit_update(struct store *st, int64_t id, const struct audit_new *a,
		       struct maca_err *err)
{
	if (!a->title || !*a->title)
		return err_set(err, MACA_EUSER, "an audit needs a title");
	if (a->audit_date && *a->audit_date && !date_valid(a->audit_date))
		return err_set(err, MACA_EUSER, "audit date '%s' is not a date written YYYY-MM-DD",
			       a->audit_date);
	/* The lock and the old values are read inside the transaction: another maca cannot
	 * close the audit, or change what the history says it was, in between. */
	if (store_begin(st, err))
		return err->status;
	int64_t ignored = 0;
	struct audit_info old = {0};
	int rc = store_require_open(st, id, err);
	if (!rc && a->chair_agency && *a->chair_agency)
		rc = store_agency_id(st, id, a->chair_agency, &ignored, err);
	if (!rc)
		rc = store_audit_get(st, id, &old, err);
	if (rc)
		return store_finish(st, rc, err);
	static const char *const fields[] = {"audit-title", "audit-theme", "audit-partnership",
					     "audit-chair", "audit-date",  "audit-background"};
	const char *was[] = {old.title,	       old.theme,      old.partnership,
			     old.chair_agency, old.audit_date, old.background};
	const char *now[] = {a->title,
			     a->theme ? a->theme : "",
			     a->partnership ? a->partnership : "",
			     a->chair_agency ? a->chair_agency : "",
			     a->audit_date ? a->audit_date : "",
			     a->background ? a->background : ""};
	sqlite3_stmt *stmt;
	char *stamp = store_now();
	rc = stamp ? store_prepare(st,
				   "UPDATE audit SET title = ?, theme = ?, partnership = ?, "
				   "chair_agency = ?, audit_date = ?, background = ?, "
				   "extra = coalesce(?, extra), updated_at = ? WHERE id = ?",
				   &stmt, err)
		   : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		for (int i = 0; i < 6; i++)
			store_bind_text(stmt, i + 1, now[i]);
		store_bind_text(stmt, 7, a->extra_json);
		store_bind_text(stmt, 8, stamp);
		sqlite3_bind_int64(stmt, 9, id);
		rc = store_run(st, stmt, "changing the audit", err);
	}
	free(stamp);
	for (int i = 0; !rc && i < 6; i++)
		if (strcmp(was[i], now[i]) != 0)
			rc = store_history_add(st, id, 0, NULL, NULL, fields[i], was[i], now[i],
					       NULL, err);
	audit_info_free(&old);
	return store_finish(st, rc, err);
}

int store_audit_resolve(struct store *st, const char *ref, int64_t *id, struct maca_err *err)
{
	long n;
	sqlite3_stmt *stmt;
	bool by_id = parse_long(ref, &n) && n > 0;
	if (!by_id && strlen(ref) < 8)
		return err_set(err, MACA_EUSER,
			       "'%s' is not an audit id; give the number from `maca list` or at "
			       "least 8 characters of the audit's UUID",
			       ref);
	/* Eight or more digits may also be a UUID prefix: one UUID in 40 starts that way. */
	if (store_prepare(st,
			  "SELECT id FROM audit WHERE id = ?2 OR (length(?1) >= 8 AND "
			  "substr(uuid, 1, length(?1)) = lower(?1))",
			  &stmt, err))
		return err->status;
	store_bind_text(stmt, 1, ref);
	sqlite3_bind_int64(stmt, 2, by_id ? n : 0);
	int found = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		found++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "finding the audit");
	if (found == 0)
		return err_set(err, MACA_ENOTFOUND, "no audit '%s'; `maca list` shows the audits",
			       ref);
	if (found > 1)
		return err_set(err, MACA_EUSER, "'%s' matches %d audits; give more of the UUID",
			       ref, found);
	return MACA_OK;
}

static const char audit_select[] =
    "SELECT a.id, a.uuid, a.title, a.theme, a.template_id, a.template_version, a.template_hash, "
    "a.partnership, a.chair_agency, a.audit_date, a.background, a.status, "
    "(SELECT count(*) FROM audit_case c WHERE c.audit_id = a.id), "
    "(SELECT count(*) FROM agency g WHERE g.audit_id = a.id), "
    "(SELECT coalesce(sum(c.answered), 0) FROM audit_case c WHERE c.audit_id = a.id), "
    "coalesce(a.reaudit_of, '') "
    "FROM audit a ";

static int read_audit(sqlite3_stmt *stmt, struct audit_info *a)
{
	*a = (struct audit_info){0};
	a->id = sqlite3_column_int64(stmt, 0);
	const unsigned char *uuid = sqlite3_column_text(stmt, 1);
	snprintf(a->uuid, sizeof a->uuid, "%s", uuid ? (const char *)uuid : "");
	a->title = store_column_dup(stmt, 2);
	a->theme = store_column_dup(stmt, 3);
	a->template_id = store_column_dup(stmt, 4);
	a->template_version = (long)sqlite3_column_int64(stmt, 5);
	a->template_hash = store_column_dup(stmt, 6);
	a->partnership = store_column_dup(stmt, 7);
	a->chair_agency = store_column_dup(stmt, 8);
	a->audit_date = store_column_dup(stmt, 9);
	a->background = store_column_dup(stmt, 10);
	const char *status = (const char *)sqlite3_column_text(stmt, 11);
	if (!status || !audit_status_parse(status, &a->status))
		a->status = AUDIT_DRAFT;
	a->ncases = sqlite3_column_int64(stmt, 12);
	a->nagencies = sqlite3_column_int64(stmt, 13);
	a->nanswers = sqlite3_column_int64(stmt, 14);
	const unsigned char *earlier = sqlite3_column_text(stmt, 15);
	snprintf(a->reaudit_of, sizeof a->reaudit_of, "%s", earlier ? (const char *)earlier : "");
	if (!a->title || !a->theme || !a->template_id || !a->template_hash || !a->partnership ||
	    !a->chair_agency || !a->audit_date || !a->background) {
		audit_info_free(a);
		return -1;
	}
	return 0;
}

int store_audit_get(struct store *st, int64_t id, struct audit_info *out, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	char *sql = str_fmt("%sWHERE a.id = ?", audit_select);
	if (!sql)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = store_prepare(st, sql, &stmt, err);
	free(sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW)
		result =
		    read_audit(stmt, out) ? err_set(err, MACA_ENOMEM, "out of memory") : MACA_OK;
	else if (rc == SQLITE_DONE)
		result = err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)id);
	else
		result = store_db_error(st, err, "reading the audit");
	sqlite3_finalize(stmt);
	return result;
}

int store_audit_list(struct store *st, struct audit_info **out, size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	char *sql = str_fmt("%sORDER BY a.id", audit_select);
	if (!sql)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = store_prepare(st, sql, &stmt, err);
	free(sql);
	if (rc)
		return rc;
	struct audit_info *list = NULL;
	size_t count = 0;
	int result = MACA_OK;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct audit_info *grown = realloc(list, (count + 1) * sizeof *grown);
		if (!grown || read_audit(stmt, grown ? &grown[count] : NULL)) {
			if (grown)
				list = grown;
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
		list = grown;
		count++;
	}
	if (!result && rc != SQLITE_DONE)
		result = store_db_error(st, err, "listing audits");
	sqlite3_finalize(stmt);
	if (result) {
		audit_info_list_free(list, count);
		return result;
	}
	*out = list;
	*n = count;
	return MACA_OK;
}

void audit_info_free(struct audit_info *a)
{
	free(a->title);
	free(a->theme);
	free(a->template_id);
	free(a->template_hash);
	free(a->partnership);
	free(a->chair_agency);
	free(a->audit_date);
	free(a->background);
	*a = (struct audit_info){0};
}

void audit_info_list_free(struct audit_info *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		audit_info_free(&list[i]);
	free(list);
}

int store_audit_agencies(struct store *st, int64_t audit_id, struct named_list *out,
			 struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT code, name FROM agency WHERE audit_id = ? ORDER BY position",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc, result = MACA_OK;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!named_add(out, (const char *)sqlite3_column_text(stmt, 0),
			       (const char *)sqlite3_column_text(stmt, 1))) {
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
	}
	if (!result && rc != SQLITE_DONE)
		result = store_db_error(st, err, "reading agencies");
	sqlite3_finalize(stmt);
	return result;
}
