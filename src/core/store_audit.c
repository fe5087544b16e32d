/* Audits, the agencies taking part, and cases. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

static const char *const status_names[] = {"draft", "moderation", "closed"};

const char *audit_status_name(enum audit_status s)
{
	return (unsigned)s < 3 ? status_names[s] : "?";
}

bool audit_status_parse(const char *s, enum audit_status *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum audit_status)i;
			return true;
		}
	return false;
}

static int step_done(struct store *st, sqlite3_stmt *stmt, const char *what, struct maca_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, what);
	return MACA_OK;
}

/* Ends a write: commit when all went well, roll back otherwise. */
static int finish(struct store *st, int rc, struct maca_err *err)
{
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_require_open(struct store *st, int64_t audit_id, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT status, title FROM audit WHERE id = ?", &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(stmt, 0);
		if (status && strcmp(status, "closed") == 0)
			result = err_set(err, MACA_ELOCKED,
					 "audit %lld (%s) is closed; reopen it, giving a reason, "
					 "before changing it",
					 (long long)audit_id,
					 (const char *)sqlite3_column_text(stmt, 1));
	} else if (rc == SQLITE_DONE) {
		result = err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
	} else {
		result = store_db_error(st, err, "reading the audit");
	}
	sqlite3_finalize(stmt);
	return result;
}

int store_case_audit(struct store *st, int64_t case_id, int64_t *audit_id, bool *locked,
		     struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "SELECT c.audit_id, a.status FROM audit_case c JOIN audit a ON a.id = "
			  "c.audit_id WHERE c.id = ?",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW) {
		*audit_id = sqlite3_column_int64(stmt, 0);
		if (locked)
			*locked = strcmp((const char *)sqlite3_column_text(stmt, 1), "closed") == 0;
	} else if (rc == SQLITE_DONE) {
		result = err_set(err, MACA_ENOTFOUND, "no case %lld", (long long)case_id);
	} else {
		result = store_db_error(st, err, "reading the case");
	}
	sqlite3_finalize(stmt);
	return result;
}

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
	int rc =
	    store_prepare(st,
			  "INSERT INTO audit (uuid, title, theme, template_id, template_version, "
			  "template_hash, template_text, partnership, chair_agency, audit_date, "
			  "background, extra, created_at, updated_at) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
		rc = step_done(st, stmt, "creating the audit", err);
	}
	free(now);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = insert_agencies(st, *id, agencies, err);
	}
	if (!rc)
		rc = store_history_add(st, *id, 0, NULL, NULL, "audit", NULL, a->title, NULL, err);
	return finish(st, rc, err);
}

int store_audit_update(struct store *st, int64_t id, const struct audit_new *a,
		       struct maca_err *err)
{
	if (!a->title || !*a->title)
		return err_set(err, MACA_EUSER, "an audit needs a title");
	if (a->audit_date && *a->audit_date && !date_valid(a->audit_date))
		return err_set(err, MACA_EUSER, "audit date '%s' is not a date written YYYY-MM-DD",
			       a->audit_date);
	int64_t ignored = 0;
	if (a->chair_agency && *a->chair_agency &&
	    store_agency_id(st, id, a->chair_agency, &ignored, err))
		return err->status;
	struct audit_info old;
	if (store_audit_get(st, id, &old, err))
		return err->status;
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
	/* The lock is checked inside the transaction: another maca cannot close it between. */
	int rc = store_begin(st, err);
	if (!rc)
		rc = store_require_open(st, id, err);
	if (rc) {
		audit_info_free(&old);
		return finish(st, rc, err);
	}
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
		rc = step_done(st, stmt, "changing the audit", err);
	}
	free(stamp);
	for (int i = 0; !rc && i < 6; i++)
		if (strcmp(was[i], now[i]) != 0)
			rc = store_history_add(st, id, 0, NULL, NULL, fields[i], was[i], now[i],
					       NULL, err);
	audit_info_free(&old);
	return finish(st, rc, err);
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
    "(SELECT coalesce(sum(c.answered), 0) FROM audit_case c WHERE c.audit_id = a.id) "
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

int store_audit_set_status(struct store *st, int64_t audit_id, enum audit_status status,
			   const char *reason, struct maca_err *err)
{
	struct audit_info a;
	if (store_audit_get(st, audit_id, &a, err))
		return err->status;
	enum audit_status old = a.status;
	audit_info_free(&a);
	if (old == status)
		return MACA_OK;
	if (old == AUDIT_CLOSED && (!reason || !*reason))
		return err_set(err, MACA_ELOCKED,
			       "audit %lld is closed; reopening it needs a reason, which the "
			       "history keeps",
			       (long long)audit_id);
	if (status == AUDIT_CLOSED) {
		sqlite3_stmt *stmt;
		if (store_prepare(st,
				  "SELECT count(*) FROM audit_case WHERE audit_id = ? AND "
				  "moderated_at IS NULL",
				  &stmt, err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, audit_id);
		int rc = sqlite3_step(stmt);
		int64_t open_cases = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
		sqlite3_finalize(stmt);
		if (open_cases < 0)
			return store_db_error(st, err, "reading cases");
		if (open_cases > 0)
			return err_set(err, MACA_EUSER,
				       "%lld case(s) are not yet marked moderated; an audit closes "
				       "when every case is",
				       (long long)open_cases);
	}
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	int rc = store_prepare(st, "UPDATE audit SET status = ?, updated_at = ? WHERE id = ?",
			       &stmt, err);
	char *now = store_now();
	if (!rc && !now)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		store_bind_text(stmt, 1, audit_status_name(status));
		store_bind_text(stmt, 2, now);
		sqlite3_bind_int64(stmt, 3, audit_id);
		rc = step_done(st, stmt, "changing the audit's status", err);
	} else if (stmt) {
		sqlite3_finalize(stmt);
	}
	free(now);
	if (!rc)
		rc =
		    store_history_add(st, audit_id, 0, NULL, NULL, "status", audit_status_name(old),
				      audit_status_name(status), reason, err);
	return finish(st, rc, err);
}

int store_audit_delete(struct store *st, int64_t audit_id, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	int rc = store_prepare(st, "DELETE FROM audit WHERE id = ?", &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		rc = step_done(st, stmt, "deleting the audit", err);
	}
	if (!rc && sqlite3_changes(st->db) == 0)
		rc = err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
	if (!rc && st->tpl_audit == audit_id) {
		template_free(st->tpl);
		st->tpl = NULL;
		st->tpl_audit = 0;
	}
	return finish(st, rc, err);
}

/* Cases */

static int check_case_fields(struct store *st, int64_t audit_id, const struct case_fields *c,
			     struct maca_err *err)
{
	if (!c->reference || !*c->reference)
		return err_set(err, MACA_EUSER, "a case needs a reference such as \"Child A\"");
	if (strpbrk(c->reference, "\r\n\t"))
		return err_set(err, MACA_EUSER, "a case reference must be a single line");
	const struct template *tpl = NULL;
	if (store_cached_template(st, audit_id, &tpl, err))
		return err->status;
	if (c->age_band && *c->age_band && !named_find(&tpl->age_bands, c->age_band))
		return err_set(err, MACA_EUSER, "unknown age band '%s' (template %s has: %s%s)",
			       c->age_band, tpl->id,
			       tpl->age_bands.n ? tpl->age_bands.items[0].id : "none",
			       tpl->age_bands.n > 1 ? ", ..." : "");
	if (c->plan_status && *c->plan_status && !named_find(&tpl->plan_statuses, c->plan_status))
		return err_set(err, MACA_EUSER, "unknown plan status '%s' for template %s",
			       c->plan_status, tpl->id);
	for (size_t i = 0; c->tags && i < c->tags->n; i++) {
		if (!named_find(&tpl->tags, c->tags->items[i].id))
			return err_set(err, MACA_EUSER, "unknown tag '%s' for template %s",
				       c->tags->items[i].id, tpl->id);
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->tags->items[i].id, c->tags->items[j].id) == 0)
				return err_set(err, MACA_EUSER, "tag '%s' is given twice",
					       c->tags->items[i].id);
	}
	return MACA_OK;
}

static int write_tags(struct store *st, int64_t case_id, const struct named_list *tags,
		      struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "DELETE FROM case_tag WHERE case_id = ?", &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	if (step_done(st, stmt, "saving tags", err))
		return err->status;
	for (size_t i = 0; tags && i < tags->n; i++) {
		if (store_prepare(st, "INSERT INTO case_tag (case_id, tag) VALUES (?, ?)", &stmt,
				  err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, case_id);
		store_bind_text(stmt, 2, tags->items[i].id);
		if (step_done(st, stmt, "saving tags", err))
			return err->status;
	}
	return MACA_OK;
}

static int case_constraint(struct store *st, const struct case_fields *c, struct maca_err *err)
{
	if ((sqlite3_extended_errcode(st->db) & 0xFF) == SQLITE_CONSTRAINT)
		return err_set(err, MACA_EEXIST, "the audit already has a case \"%s\"",
			       c->reference);
	return store_db_error(st, err, "saving the case");
}

int store_case_add(struct store *st, int64_t audit_id, const struct case_fields *c, int64_t *id,
		   struct maca_err *err)
{
	if (store_require_open(st, audit_id, err) || check_case_fields(st, audit_id, c, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	int rc =
	    store_prepare(st,
			  "INSERT INTO audit_case (audit_id, reference, age_band, plan_status, "
			  "position, extra) VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), "
			  "0) + 1 FROM audit_case WHERE audit_id = ?1), ?)",
			  &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		store_bind_text(stmt, 2, c->reference);
		store_bind_text(stmt, 3, c->age_band ? c->age_band : "");
		store_bind_text(stmt, 4, c->plan_status ? c->plan_status : "");
		store_bind_text(stmt, 5, c->extra_json ? c->extra_json : "{}");
		rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		rc = rc == SQLITE_DONE ? MACA_OK : case_constraint(st, c, err);
	}
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = write_tags(st, *id, c->tags, err);
	}
	if (!rc)
		rc = store_history_add(st, audit_id, *id, NULL, NULL, "case", NULL, c->reference,
				       NULL, err);
	return finish(st, rc, err);
}

/* A case's fields as stored, to record what an edit changed. */
struct case_snapshot {
	char *fields[4]; /* reference, age band, plan status, tags (sorted, comma-separated) */
};

static const char *const case_fields_names[4] = {"case-reference", "case-age-band", "case-plan",
						 "case-tags"};

static void case_snapshot_free(struct case_snapshot *cs)
{
	for (int i = 0; i < 4; i++)
		free(cs->fields[i]);
	memset(cs, 0, sizeof *cs);
}

static int case_snapshot(struct store *st, int64_t case_id, struct case_snapshot *cs,
			 struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(
		st,
		"SELECT reference, age_band, plan_status, (SELECT coalesce(group_concat(tag, "
		"','), '') FROM (SELECT tag FROM case_tag WHERE case_id = ?1 ORDER BY tag)) "
		"FROM audit_case WHERE id = ?1",
		&stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < 4; i++)
			if (!(cs->fields[i] = store_column_dup(stmt, i)))
				result = err_set(err, MACA_ENOMEM, "out of memory");
	} else {
		result = rc == SQLITE_DONE
			     ? err_set(err, MACA_ENOTFOUND, "no case %lld", (long long)case_id)
			     : store_db_error(st, err, "reading the case");
	}
	sqlite3_finalize(stmt);
	if (result)
		case_snapshot_free(cs);
	return result;
}

/* One history row per field an edit changed. */
static int case_history(struct store *st, int64_t audit_id, int64_t case_id,
			const struct case_snapshot *old, struct maca_err *err)
{
	struct case_snapshot now = {0};
	if (case_snapshot(st, case_id, &now, err))
		return err->status;
	int rc = MACA_OK;
	for (int i = 0; !rc && i < 4; i++)
		if (strcmp(old->fields[i], now.fields[i]) != 0)
			rc = store_history_add(st, audit_id, case_id, NULL, NULL,
					       case_fields_names[i], old->fields[i], now.fields[i],
					       NULL, err);
	case_snapshot_free(&now);
	return rc;
}

int store_case_update(struct store *st, int64_t case_id, const struct case_fields *c,
		      struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_case_audit(st, case_id, &audit_id, NULL, err) ||
	    store_require_open(st, audit_id, err) || check_case_fields(st, audit_id, c, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	struct case_snapshot old = {0};
	if (case_snapshot(st, case_id, &old, err))
		return finish(st, err->status, err);
	sqlite3_stmt *stmt;
	int rc =
	    store_prepare(st,
			  "UPDATE audit_case SET reference = ?, age_band = ?, plan_status = ?, "
			  "extra = ? WHERE id = ?",
			  &stmt, err);
	if (!rc) {
		store_bind_text(stmt, 1, c->reference);
		store_bind_text(stmt, 2, c->age_band ? c->age_band : "");
		store_bind_text(stmt, 3, c->plan_status ? c->plan_status : "");
		store_bind_text(stmt, 4, c->extra_json ? c->extra_json : "{}");
		sqlite3_bind_int64(stmt, 5, case_id);
		rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		rc = rc == SQLITE_DONE ? MACA_OK : case_constraint(st, c, err);
	}
	if (!rc)
		rc = write_tags(st, case_id, c->tags, err);
	if (!rc)
		rc = case_history(st, audit_id, case_id, &old, err);
	case_snapshot_free(&old);
	return finish(st, rc, err);
}

int store_case_remove(struct store *st, int64_t case_id, struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_case_audit(st, case_id, &audit_id, NULL, err) ||
	    store_require_open(st, audit_id, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	char *ref = NULL;
	int rc = store_prepare(st, "DELETE FROM audit_case WHERE id = ? RETURNING reference", &stmt,
			       err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, case_id);
		int step = sqlite3_step(stmt);
		if (step == SQLITE_ROW)
			ref = store_column_dup(stmt, 0);
		while (step == SQLITE_ROW)
			step = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		if (step != SQLITE_DONE)
			rc = store_db_error(st, err, "removing the case");
		else if (!ref)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	/* The case's answers and history go with it: removed case data must not linger. The
	 * audit keeps one line saying which reference was removed. */
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, NULL, "case", ref, NULL, NULL, err);
	free(ref);
	return finish(st, rc, err);
}

int store_case_list(struct store *st, int64_t audit_id, struct case_info **out, size_t *n,
		    struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(
		st,
		"SELECT c.id, c.reference, c.age_band, c.plan_status, c.moderated_at IS "
		"NOT NULL, (SELECT group_concat(tag, ',') FROM (SELECT tag FROM case_tag t "
		"WHERE t.case_id = c.id ORDER BY tag)) FROM audit_case c WHERE c.audit_id "
		"= ? ORDER BY c.position",
		&stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	struct case_info *list = NULL;
	size_t count = 0;
	int rc, result = MACA_OK;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct case_info *grown = realloc(list, (count + 1) * sizeof *grown);
		if (!grown) {
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
		list = grown;
		struct case_info *c = &list[count++];
		*c = (struct case_info){.id = sqlite3_column_int64(stmt, 0),
					.reference = store_column_dup(stmt, 1),
					.age_band = store_column_dup(stmt, 2),
					.plan_status = store_column_dup(stmt, 3),
					.moderated = sqlite3_column_int(stmt, 4) != 0};
		const char *tags = (const char *)sqlite3_column_text(stmt, 5);
		if (!c->reference || !c->age_band || !c->plan_status ||
		    (tags && !split_list(tags, &c->tags))) {
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
	}
	if (!result && rc != SQLITE_DONE)
		result = store_db_error(st, err, "listing cases");
	sqlite3_finalize(stmt);
	if (result) {
		case_info_list_free(list, count);
		return result;
	}
	*out = list;
	*n = count;
	return MACA_OK;
}

void case_info_list_free(struct case_info *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].reference);
		free(list[i].age_band);
		free(list[i].plan_status);
		named_list_free(&list[i].tags);
	}
	free(list);
}

int store_case_set_moderated(struct store *st, int64_t case_id, bool moderated,
			     struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_case_audit(st, case_id, &audit_id, NULL, err) ||
	    store_require_open(st, audit_id, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	char *now = store_now();
	int rc = now ? store_prepare(st,
				     "UPDATE audit_case SET moderated_at = ? WHERE id = ? AND "
				     "(moderated_at IS NULL) = ?",
				     &stmt, err)
		     : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		store_bind_text(stmt, 1, moderated ? now : NULL);
		sqlite3_bind_int64(stmt, 2, case_id);
		sqlite3_bind_int(stmt, 3, moderated);
		rc = step_done(st, stmt, "marking the case", err);
	}
	free(now);
	if (!rc && sqlite3_changes(st->db) > 0)
		rc = store_history_add(st, audit_id, case_id, NULL, NULL, "moderated",
				       moderated ? "no" : "yes", moderated ? "yes" : "no", NULL,
				       err);
	return finish(st, rc, err);
}
