/* An audit's lifecycle: its status (draft, moderation, closed), the lock a closed audit puts
 * on changes, and deleting an audit. */
#include <stdlib.h>
#include <string.h>

#include "store_query_internal.h"

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
					 "audit %lld (%s) is closed; reopen it first, giving a "
					 "reason (key ! on maca's moderation screen)",
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

/* An audit's status and title as they are now, inside the caller's transaction. */
static int audit_state(struct store *st, int64_t audit_id, enum audit_status *status, char **title,
		       struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT status, title FROM audit WHERE id = ?", &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(stmt, 0);
		if (!s || !audit_status_parse(s, status))
			*status = AUDIT_DRAFT;
		if (title && !(*title = store_column_dup(stmt, 1)))
			result = err_set(err, MACA_ENOMEM, "out of memory");
	} else if (rc == SQLITE_DONE) {
		result = err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
	} else {
		result = store_db_error(st, err, "reading the audit");
	}
	sqlite3_finalize(stmt);
	return result;
}

/* Closing needs every case moderated, counted inside the closing transaction so that a case
 * added or unmarked by another maca just before is seen. */
static int require_all_moderated(struct store *st, int64_t audit_id, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "SELECT count(*) FROM audit_case WHERE audit_id = ? AND moderated_at IS "
			  "NULL",
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
			       "%lld case(s) are not yet marked moderated; an audit closes when "
			       "every case is",
			       (long long)open_cases);
	return MACA_OK;
}

int store_audit_set_status(struct store *st, int64_t audit_id, enum audit_status status,
			   const char *reason, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	enum audit_status old = AUDIT_DRAFT;
	int rc = audit_state(st, audit_id, &old, NULL, err);
	if (rc || old == status)
		return store_finish(st, rc, err);
	if (old == AUDIT_CLOSED && (!reason || !*reason))
		rc = err_set(err, MACA_ELOCKED,
			     "audit %lld is closed; reopening it needs a reason, which the history "
			     "keeps",
			     (long long)audit_id);
	if (!rc && status == AUDIT_CLOSED)
		rc = require_all_moderated(st, audit_id, err);
	sqlite3_stmt *stmt = NULL;
	char *now = NULL;
	if (!rc)
		rc = store_prepare(st, "UPDATE audit SET status = ?, updated_at = ? WHERE id = ?",
				   &stmt, err);
	if (!rc && !(now = store_now())) {
		sqlite3_finalize(stmt);
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc) {
		store_bind_text(stmt, 1, audit_status_name(status));
		store_bind_text(stmt, 2, now);
		sqlite3_bind_int64(stmt, 3, audit_id);
		rc = store_run(st, stmt, "changing the audit's status", err);
	}
	free(now);
	if (!rc)
		rc =
		    store_history_add(st, audit_id, 0, NULL, NULL, "status", audit_status_name(old),
				      audit_status_name(status), reason, err);
	return store_finish(st, rc, err);
}

int store_audit_delete(struct store *st, int64_t audit_id, bool force, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	enum audit_status status = AUDIT_DRAFT;
	char *title = NULL;
	int rc = audit_state(st, audit_id, &status, &title, err);
	if (!rc && status == AUDIT_CLOSED && !force)
		rc = err_set(err, MACA_ELOCKED,
			     "audit %lld (%s) is closed; deleting a closed audit must be asked for "
			     "as such",
			     (long long)audit_id, title);
	free(title);
	sqlite3_stmt *stmt;
	if (!rc)
		rc = store_prepare(st, "DELETE FROM audit WHERE id = ?", &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		rc = store_run(st, stmt, "deleting the audit", err);
	}
	if (!rc && st->tpl_audit == audit_id) {
		template_free(st->tpl);
		st->tpl = NULL;
		st->tpl_audit = 0;
	}
	return store_finish(st, rc, err);
}
