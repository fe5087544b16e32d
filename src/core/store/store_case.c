/* Cases: adding, changing, removing and listing them, and marking them moderated. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_query_internal.h"
#include "text_rules.h"

/* A case the caller knew of (the interface lists them) that is not there now: removed since,
 * by another maca as a rule. */
static int case_gone(int64_t case_id, struct maca_err *err)
{
	return err_set(err, MACA_ENOTFOUND,
		       "case %lld was removed, perhaps by another maca; quit and reopen maca to "
		       "see the audit as it is now",
		       (long long)case_id);
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
		result = case_gone(case_id, err);
	} else {
		result = store_db_error(st, err, "reading the case");
	}
	sqlite3_finalize(stmt);
	return result;
}

int store_case_require_open(struct store *st, int64_t case_id, int64_t *audit_id,
			    struct maca_err *err)
{
	bool locked = false;
	if (store_case_audit(st, case_id, audit_id, &locked, err))
		return err->status;
	return locked ? store_require_open(st, *audit_id, err) : MACA_OK;
}

/* The reference as stored (*ref, normalised), refused when it breaks the reference rule or
 * another case of the audit (any but case_id) has one a reader would take for the same. Read
 * inside the write's transaction, so two makers of "Child A" and "CHILD A" cannot both win. */
static int check_reference(struct store *st, int64_t audit_id, int64_t case_id, const char *given,
			   char **ref, struct maca_err *err)
{
	struct text_fault fault;
	char *key = NULL;
	*ref = text_normalise(TEXT_REFERENCE, given ? given : "");
	if (!*ref || !(key = text_fold(*ref))) {
		free(key);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	int rc = MACA_OK;
	if (!**ref)
		rc = err_set(err, MACA_EUSER, "a case needs a reference such as \"Child A\"");
	else if (!text_check(TEXT_REFERENCE, *ref, &fault))
		rc = err_set(err, MACA_EUSER, "the case reference %s", fault.why);
	sqlite3_stmt *stmt;
	if (!rc &&
	    !store_prepare(st, "SELECT reference FROM audit_case WHERE audit_id = ? AND id <> ?",
			   &stmt, err)) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		sqlite3_bind_int64(stmt, 2, case_id);
		int step;
		while (!rc && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
			const char *other = (const char *)sqlite3_column_text(stmt, 0);
			char *other_key = text_fold(other ? other : "");
			if (!other_key)
				rc = err_set(err, MACA_ENOMEM, "out of memory");
			else if (strcmp(key, other_key) == 0)
				rc = err_set(
				    err, MACA_EEXIST, "the audit already has a case \"%s\"%s",
				    other,
				    strcmp(other, *ref) == 0 ? "" : " (capitals and spaces aside)");
			free(other_key);
		}
		if (!rc && step != SQLITE_DONE)
			rc = store_db_error(st, err, "reading the audit's cases");
		sqlite3_finalize(stmt);
	} else if (!rc) {
		rc = err->status;
	}
	free(key);
	if (rc) {
		free(*ref);
		*ref = NULL;
	}
	return rc;
}

static int check_case_fields(struct store *st, int64_t audit_id, const struct case_fields *c,
			     struct maca_err *err)
{
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
	if (store_run(st, stmt, "saving tags", err))
		return err->status;
	for (size_t i = 0; tags && i < tags->n; i++) {
		if (store_prepare(st, "INSERT INTO case_tag (case_id, tag) VALUES (?, ?)", &stmt,
				  err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, case_id);
		store_bind_text(stmt, 2, tags->items[i].id);
		if (store_run(st, stmt, "saving tags", err))
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
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	char *ref = NULL;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = check_reference(st, audit_id, 0, c->reference, &ref, err);
	if (!rc)
		rc = check_case_fields(st, audit_id, c, err);
	if (!rc)
		rc = store_prepare(
		    st,
		    "INSERT INTO audit_case (audit_id, reference, age_band, plan_status, "
		    "position, extra) VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), "
		    "0) + 1 FROM audit_case WHERE audit_id = ?1), ?)",
		    &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		store_bind_text(stmt, 2, ref);
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
		rc = store_history_add(st, audit_id, *id, NULL, NULL, "case", NULL, ref, NULL, err);
	free(ref);
	return store_finish(st, rc, err);
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
		result = rc == SQLITE_DONE ? case_gone(case_id, err)
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
	if (store_begin(st, err))
		return err->status;
	struct case_snapshot old = {0};
	char *ref = NULL;
	int rc = store_case_require_open(st, case_id, &audit_id, err);
	if (!rc)
		rc = check_reference(st, audit_id, case_id, c->reference, &ref, err);
	if (!rc)
		rc = check_case_fields(st, audit_id, c, err);
	if (!rc)
		rc = case_snapshot(st, case_id, &old, err);
	sqlite3_stmt *stmt;
	if (!rc)
		rc = store_prepare(
		    st,
		    "UPDATE audit_case SET reference = ?, age_band = ?, plan_status = ?, "
		    "extra = ? WHERE id = ?",
		    &stmt, err);
	if (!rc) {
		store_bind_text(stmt, 1, ref);
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
	free(ref);
	return store_finish(st, rc, err);
}

int store_case_remove(struct store *st, int64_t case_id, struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	char *ref = NULL;
	int rc = store_case_require_open(st, case_id, &audit_id, err);
	if (!rc)
		rc = store_prepare(st, "DELETE FROM audit_case WHERE id = ? RETURNING reference",
				   &stmt, err);
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
	return store_finish(st, rc, err);
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
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	char *now = NULL;
	int rc = store_case_require_open(st, case_id, &audit_id, err);
	if (!rc)
		rc = (now = store_now())
			 ? store_prepare(st,
					 "UPDATE audit_case SET moderated_at = ? WHERE id = ? AND "
					 "(moderated_at IS NULL) = ?",
					 &stmt, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		store_bind_text(stmt, 1, moderated ? now : NULL);
		sqlite3_bind_int64(stmt, 2, case_id);
		sqlite3_bind_int(stmt, 3, moderated);
		rc = store_run(st, stmt, "marking the case", err);
	}
	free(now);
	if (!rc && sqlite3_changes(st->db) > 0)
		rc = store_history_add(st, audit_id, case_id, NULL, NULL, "moderated",
				       moderated ? "no" : "yes", moderated ? "yes" : "no", NULL,
				       err);
	return store_finish(st, rc, err);
}
