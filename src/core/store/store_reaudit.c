/* Re-audits: which earlier audit an audit follows up, checked when it is created. */
#include <stdio.h>
#include <string.h>

#include "store_internal.h"

/* Checks that the audit `ref` can be re-audited from tpl and copies its UUID: the same
 * template id, and a version no newer than tpl's (questions are mapped by id from the older
 * version to the newer; the other way round would compare against questions not yet
 * written). Runs inside the creating transaction, so the earlier audit cannot vanish between
 * the check and the insert. */
int store_reaudit_check(struct store *st, const struct template *tpl, const char *ref,
			char uuid[UUID_STR_LEN], struct maca_err *err)
{
	int64_t earlier;
	if (store_audit_resolve(st, ref, &earlier, err)) {
		err_prefix(err, "re-audit of");
		return err->status;
	}
	struct audit_info old;
	if (store_audit_get(st, earlier, &old, err))
		return err->status;
	int rc = MACA_OK;
	if (strcmp(old.template_id, tpl->id) != 0)
		rc = err_set(err, MACA_EUSER,
			     "audit %lld uses template %s, not %s: a re-audit must use the same "
			     "template (or a newer version of it)",
			     (long long)old.id, old.template_id, tpl->id);
	else if (old.template_version > tpl->version)
		rc =
		    err_set(err, MACA_EUSER,
			    "audit %lld uses %s version %ld, newer than version %ld: a re-audit "
			    "needs the same version or a newer one",
			    (long long)old.id, old.template_id, old.template_version, tpl->version);
	else
		memcpy(uuid, old.uuid, UUID_STR_LEN);
	audit_info_free(&old);
	return rc;
}

int store_audit_earlier(struct store *st, int64_t audit_id, int64_t *earlier, struct maca_err *err)
{
	*earlier = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "SELECT e.id FROM audit a JOIN audit e ON e.uuid = a.reaudit_of "
			  "WHERE a.id = ?",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*earlier = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "finding the earlier audit");
	return MACA_OK;
}
