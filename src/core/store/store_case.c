/* Cases: adding, changing, removing, finding and listing them, and marking them moderated. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"
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

/* store_row for the case case_id (?1): case_gone when it is not there. */
static int case_row(struct store *st, const char *sql, int64_t case_id, sqlite3_stmt **stmt,
		    struct maca_err *err)
{
	bool found;
	if (store_row(st, sql, SQL_ARGS(SQL_INT(case_id)), stmt, &found, "reading the case", err))
		return err->status;
	return found ? MACA_OK : case_gone(case_id, err);
}

int store_case_audit(struct store *st, int64_t case_id, int64_t *audit_id, bool *locked,
		     struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (case_row(st,
		     "SELECT c.audit_id, a.status FROM audit_case c JOIN audit a ON a.id = "
		     "c.audit_id WHERE c.id = ?",
		     case_id, &stmt, err))
		return err->status;
	*audit_id = sqlite3_column_int64(stmt, 0);
	if (locked)
		*locked = strcmp((const char *)sqlite3_column_text(stmt, 1), "closed") == 0;
	store_done(st, stmt);
	return MACA_OK;
}

int store_case_require_open(struct store *st, int64_t case_id, int64_t *audit_id,
			    struct maca_err *err)
{
	bool locked = false;
	if (store_case_audit(st, case_id, audit_id, &locked, err))
		return err->status;
	return locked ? store_require_open(st, *audit_id, err) : MACA_OK;
}

int store_case_rows(struct store *st, const struct row_kind *kind, int64_t case_id, void *out,
		    size_t *n, struct maca_err *err)
{
	int64_t audit_id = 0;
	const struct template *tpl;
	if (!store_case_audit(st, case_id, &audit_id, NULL, err) &&
	    !store_cached_template(st, audit_id, &tpl, err))
		return store_list(st, kind, case_id, tpl, out, n, err);
	store_rows_none(out, n);
	return err->status;
}

int store_case_target(struct store *st, int64_t case_id, const char *agency, bool open,
		      struct case_target *t, struct maca_err *err)
{
	*t = (struct case_target){0};
	int rc = open ? store_case_require_open(st, case_id, &t->audit_id, err)
		      : store_case_audit(st, case_id, &t->audit_id, NULL, err);
	if (!rc && agency)
		rc = store_agency_id(st, t->audit_id, agency, &t->agency_id, err);
	return rc ? rc : store_cached_template(st, t->audit_id, &t->tpl, err);
}

int64_t store_question_index(const struct template *tpl, const char *id)
{
	const struct question *q = template_question(tpl, id);
	return q ? (int64_t)(q - tpl->questions) : (int64_t)tpl->nquestions;
}

int store_case_by_ref(struct store *st, int64_t audit_id, const char *ref, int64_t *id,
		      struct maca_err *err)
{
	bool found;
	*id = 0;
	return store_int(st, "SELECT id FROM audit_case WHERE audit_id = ? AND reference = ?",
			 SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(ref)), id, &found, "finding a case",
			 err);
}

/* Reading */

#define CASE_SELECT                                                                                \
	"SELECT c.id, c.reference, c.age_band, c.plan_status, c.moderated_at IS NOT NULL, "        \
	"(SELECT group_concat(tag, ',') FROM (SELECT tag FROM case_tag t WHERE t.case_id = c.id "  \
	"ORDER BY tag)), c.summary, coalesce(c.moderated_at, '') FROM audit_case c "

static const struct row_text case_texts[] = {
    {1, offsetof(struct case_info, reference)},	   {2, offsetof(struct case_info, age_band)},
    {3, offsetof(struct case_info, plan_status)},  {6, offsetof(struct case_info, summary)},
    {7, offsetof(struct case_info, moderated_at)},
};

static bool read_case(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order stands */
	(void)ctx;
	struct case_info *c = p;
	c->id = sqlite3_column_int64(stmt, 0);
	c->moderated = sqlite3_column_int(stmt, 4) != 0;
	const char *tags = (const char *)sqlite3_column_text(stmt, 5);
	return !tags || split_list(tags, &c->tags);
}

static void case_tags_free(void *p)
{
	named_list_free(&((struct case_info *)p)->tags);
}

#define CASE_SQL CASE_SELECT "WHERE c.audit_id = ? ORDER BY c.position"

static const struct row_kind case_kind = {
    "listing cases",	   CASE_SQL,  sizeof(struct case_info),
    ROW_TEXTS(case_texts), read_case, case_tags_free};

int store_case_list(struct store *st, int64_t audit_id, struct case_info **out, size_t *n,
		    struct maca_err *err)
{
	return store_list(st, &case_kind, audit_id, NULL, out, n, err);
}

/* One case as store_case_list reads it. */
static int case_get(struct store *st, int64_t case_id, struct case_info *out, struct maca_err *err)
{
	struct case_info *rows;
	size_t n;
	sqlite3_stmt *stmt;
	if (store_query(st, CASE_SELECT "WHERE c.id = ?", SQL_ARGS(SQL_INT(case_id)), &stmt, err) ||
	    store_collect(st, stmt, &case_kind, NULL, &rows, &n, err))
		return err->status;
	if (!n)
		return case_gone(case_id, err);
	*out = *rows;
	free(rows);
	return MACA_OK;
}

void case_info_free(struct case_info *c)
{
	store_row_free(&case_kind, c);
}

void case_info_list_free(struct case_info *list, size_t n)
{
	store_rows_free(&case_kind, list, n);
}

/* Writing */

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
		free(*ref);
		*ref = NULL;
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	int rc = MACA_OK;
	if (!**ref)
		rc = err_set(err, MACA_EUSER, "a case needs a reference such as \"Child A\"");
	else if (!text_check(TEXT_REFERENCE, *ref, &fault))
		rc = err_set(err, MACA_EUSER, "the case reference %s", fault.why);
	sqlite3_stmt *stmt = NULL;
	if (!rc &&
	    !store_prepare(st, "SELECT reference FROM audit_case WHERE audit_id = ? AND id <> ?",
			   &stmt, err)) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		sqlite3_bind_int64(stmt, 2, case_id);
		int step = SQLITE_DONE;
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
		store_done(st, stmt);
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

/* The case's fields checked against its audit's template; the reference was checked and
 * normalised by check_reference. */
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
	if (store_check_long_text("case summary", c->summary, err))
		return err->status;
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
	if (store_run(st, "DELETE FROM case_tag WHERE case_id = ?", SQL_ARGS(SQL_INT(case_id)),
		      "saving tags", err))
		return err->status;
	for (size_t i = 0; tags && i < tags->n; i++)
		if (store_run(st, "INSERT INTO case_tag (case_id, tag) VALUES (?, ?)",
			      SQL_ARGS(SQL_INT(case_id), SQL_TEXT(tags->items[i].id)),
			      "saving tags", err))
			return err->status;
	return MACA_OK;
}

/* A failed insert or update of a case: a reference the audit already has, or the database. */
static int case_constraint(struct store *st, const struct case_fields *c, struct maca_err *err)
{
	if (store_constraint_failed(st))
		return err_set(err, MACA_EEXIST, "the audit already has a case \"%s\"",
			       c->reference);
	return err->status;
}

int store_case_add(struct store *st, int64_t audit_id, const struct case_fields *c, int64_t *id,
		   struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	char *ref = NULL;
	struct case_fields norm = *c;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = check_reference(st, audit_id, 0, c->reference, &ref, err);
	norm.reference = ref;
	c = &norm;
	if (!rc)
		rc = check_case_fields(st, audit_id, c, err);
	if (!rc &&
	    store_run(
		st,
		"INSERT INTO audit_case (audit_id, reference, age_band, plan_status, position, "
		"extra, summary) VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM "
		"audit_case WHERE audit_id = ?1), ?, ?)",
		SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(c->reference), SQL_TEXT_OR_EMPTY(c->age_band),
			 SQL_TEXT_OR_EMPTY(c->plan_status),
			 SQL_TEXT(c->extra_json ? c->extra_json : "{}"),
			 SQL_TEXT_OR_EMPTY(c->summary)),
		"saving the case", err))
		rc = case_constraint(st, c, err);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = write_tags(st, *id, c->tags, err);
	}
	if (!rc)
		rc = store_history_add(st, audit_id, *id, NULL, NULL, "case", NULL, c->reference,
				       NULL, err);
	free(ref);
	return store_end(st, rc, err);
}

/* A case's fields as stored, to record what an edit changed. */
#define CASE_FIELDS 5
struct case_snapshot {
	/* reference, age band, plan status, tags (sorted, comma-separated), summary */
	char *fields[CASE_FIELDS];
};

static const char *const case_fields_names[CASE_FIELDS] = {
    "case-reference", "case-age-band", "case-plan", "case-tags", "case-summary"};

static void case_snapshot_free(struct case_snapshot *cs)
{
	for (int i = 0; i < CASE_FIELDS; i++)
		free(cs->fields[i]);
	memset(cs, 0, sizeof *cs);
}

static int case_snapshot(struct store *st, int64_t case_id, struct case_snapshot *cs,
			 struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (case_row(st,
		     "SELECT reference, age_band, plan_status, (SELECT coalesce(group_concat(tag, "
		     "','), '') FROM (SELECT tag FROM case_tag WHERE case_id = ?1 ORDER BY tag)), "
		     "summary FROM audit_case WHERE id = ?1",
		     case_id, &stmt, err))
		return err->status;
	int rc = MACA_OK;
	for (int i = 0; i < CASE_FIELDS; i++)
		if (!(cs->fields[i] = store_column_dup(stmt, i)))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	store_done(st, stmt);
	if (rc)
		case_snapshot_free(cs);
	return rc;
}

/* One history row per field an edit changed. */
static int case_history(struct store *st, int64_t audit_id, int64_t case_id,
			const struct case_snapshot *old, struct maca_err *err)
{
	struct case_snapshot now = {0};
	if (case_snapshot(st, case_id, &now, err))
		return err->status;
	int rc = MACA_OK;
	for (int i = 0; !rc && i < CASE_FIELDS; i++)
		if (strcmp(old->fields[i], now.fields[i]) != 0)
			rc = store_history_add(st, audit_id, case_id, NULL, NULL,
					       case_fields_names[i], old->fields[i], now.fields[i],
					       NULL, err);
	case_snapshot_free(&now);
	return rc;
}

/* Which of the case's fields as stored (old) are no longer what the screen read (expected),
 * of those the edit writes (c). */
static int case_conflicts(const struct case_snapshot *old, const struct case_info *expected,
			  const struct case_fields *c, struct conflicts *out, struct maca_err *err)
{
	char *was = store_ids_text(&expected->tags), *will = store_ids_text(c->tags);
	/* A summary the edit keeps as it is (NULL) is not compared. */
	const char *e[CASE_FIELDS] = {expected->reference, expected->age_band,
				      expected->plan_status, was,
				      c->summary ? expected->summary : NULL};
	const char *w[CASE_FIELDS] = {c->reference, c->age_band, c->plan_status, will, c->summary};
	for (int i = 0; was && will && i < CASE_FIELDS; i++)
		store_conflict_check(out, case_fields_names[i], e[i], old->fields[i], w[i]);
	int rc = was && will ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	free(was);
	free(will);
	return rc;
}

int store_case_update_if(struct store *st, int64_t case_id, const struct case_fields *c,
			 const struct case_info *expected, struct case_info *now,
			 struct store_change *by, struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_begin(st, err))
		return err->status;
	struct case_snapshot old = {0};
	struct conflicts conflicts = {0};
	char *ref = NULL;
	struct case_fields norm = *c;
	int rc = store_case_require_open(st, case_id, &audit_id, err);
	if (!rc)
		rc = check_reference(st, audit_id, case_id, c->reference, &ref, err);
	norm.reference = ref;
	c = &norm;
	if (!rc)
		rc = check_case_fields(st, audit_id, c, err);
	if (!rc)
		rc = case_snapshot(st, case_id, &old, err);
	if (!rc && expected)
		rc = case_conflicts(&old, expected, c, &conflicts, err);
	if (!rc && conflicts.n) {
		rc = now ? case_get(st, case_id, now, err) : MACA_OK;
		if (!rc)
			rc = store_conflict(
			    st, (struct history_key){.audit_id = audit_id, .case_id = case_id},
			    &conflicts, "the case", by, err);
	}
	if (!rc &&
	    store_run(
		st,
		"UPDATE audit_case SET reference = ?, age_band = ?, plan_status = ?, extra = ?, "
		"summary = coalesce(?, summary) WHERE id = ?",
		SQL_ARGS(SQL_TEXT(c->reference), SQL_TEXT_OR_EMPTY(c->age_band),
			 SQL_TEXT_OR_EMPTY(c->plan_status),
			 SQL_TEXT(c->extra_json ? c->extra_json : "{}"), SQL_TEXT(c->summary),
			 SQL_INT(case_id)),
		"saving the case", err))
		rc = case_constraint(st, c, err);
	if (!rc)
		rc = write_tags(st, case_id, c->tags, err);
	if (!rc)
		rc = case_history(st, audit_id, case_id, &old, err);
	case_snapshot_free(&old);
	free(ref);
	return store_end(st, rc, err);
}

int store_case_update(struct store *st, int64_t case_id, const struct case_fields *c,
		      struct maca_err *err)
{
	return store_case_update_if(st, case_id, c, NULL, NULL, NULL, err);
}

int store_case_remove(struct store *st, int64_t case_id, struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_begin(st, err))
		return err->status;
	char *ref = NULL;
	int rc = store_case_require_open(st, case_id, &audit_id, err);
	sqlite3_stmt *stmt;
	bool found = false;
	if (!rc)
		rc = store_row(st, "DELETE FROM audit_case WHERE id = ? RETURNING reference",
			       SQL_ARGS(SQL_INT(case_id)), &stmt, &found, "removing the case", err);
	if (!rc && found) {
		ref = store_column_dup(stmt, 0);
		int step;
		while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
			;
		if (step != SQLITE_DONE)
			rc = store_db_error(st, err, "removing the case");
		store_done(st, stmt);
	}
	if (!rc && !ref)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	/* The case's answers and history go with it: removed case data must not linger. The
	 * audit keeps one line saying which reference was removed. */
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, NULL, "case", ref, NULL, NULL, err);
	free(ref);
	return store_end(st, rc, err);
}

int store_case_set_moderated(struct store *st, int64_t case_id, bool moderated,
			     struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_begin(st, err))
		return err->status;
	char *now = NULL;
	int rc = store_case_require_open(st, case_id, &audit_id, err);
	if (!rc && !(now = store_now()))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_run(st,
			       "UPDATE audit_case SET moderated_at = ? WHERE id = ? AND "
			       "(moderated_at IS NULL) = ?",
			       SQL_ARGS(SQL_TEXT(moderated ? now : NULL), SQL_INT(case_id),
					SQL_INT(moderated)),
			       "marking the case", err);
	free(now);
	if (!rc && sqlite3_changes(st->db) > 0)
		rc = store_history_add(st, audit_id, case_id, NULL, NULL, "moderated",
				       moderated ? "no" : "yes", moderated ? "yes" : "no", NULL,
				       err);
	return store_end(st, rc, err);
}
