/* The history: a row for every change to what agencies and the chair recorded, who made it,
 * how and when; from its newest rows, who changed a record a save found changed; and the
 * decisions recorded beside it, the disclosure findings accepted for publishing (who, when,
 * which text in which record, why), each also a history row. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

/* A history row; answer_id > 0: an answer's evidence, whose new text the answer keeps. */
static int history_insert(struct store *st, int64_t audit_id, int64_t case_id, const char *agency,
			  const char *item, const char *field, const char *old_value,
			  const char *new_value, int64_t answer_id, const char *reason,
			  struct maca_err *err)
{
	char *now = store_now();
	if (!now)
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct sql_value none = {.text = true};
	int rc = store_run(
	    st,
	    "INSERT INTO history_log (audit_id, case_id, agency, item, field, old_value, "
	    "new_value, at, author, source, reason, checksum, answer_id) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)",
	    SQL_ARGS(SQL_INT(audit_id), case_id > 0 ? SQL_INT(case_id) : none,
		     SQL_TEXT(agency ? agency : ""), SQL_TEXT(item ? item : ""), SQL_TEXT(field),
		     SQL_TEXT(old_value), SQL_TEXT(new_value), SQL_TEXT(now), SQL_TEXT(st->author),
		     SQL_TEXT(st->source), SQL_TEXT(reason), SQL_TEXT(st->checksum),
		     answer_id > 0 ? SQL_INT(answer_id) : none),
	    "recording history", err);
	free(now);
	return rc;
}

int store_history_add(struct store *st, int64_t audit_id, int64_t case_id, const char *agency,
		      const char *item, const char *field, const char *old_value,
		      const char *new_value, const char *reason, struct maca_err *err)
{
	return history_insert(st, audit_id, case_id, agency, item, field, old_value, new_value, 0,
			      reason, err);
}

int store_history_evidence(struct store *st, int64_t audit_id, int64_t case_id, const char *agency,
			   const char *item, const char *old_value, int64_t answer_id,
			   struct maca_err *err)
{
	if (history_insert(st, audit_id, case_id, agency, item, "evidence", old_value, NULL,
			   answer_id, NULL, err))
		return err->status;
	/* The answer knows the row, which its next change or deletion completes. */
	return store_run(st, "UPDATE answer SET evidence_row = last_insert_rowid() WHERE id = ?",
			 SQL_ARGS(SQL_INT(answer_id)), "recording history", err);
}

static void history_row_free(void *p)
{
	struct history_row *r = p;
	free(r->case_ref);
	free(r->agency);
	free(r->item);
	free(r->field);
	free(r->old_value);
	free(r->new_value);
	free(r->at);
	free(r->author);
	free(r->source);
	free(r->reason);
	free(r->checksum);
}

static bool read_history(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order stands */
	(void)ctx;
	struct history_row *r = p;
	bool oom = false;
	*r = (struct history_row){.id = sqlite3_column_int64(stmt, 0),
				  .case_ref = store_column_dup(stmt, 1),
				  .agency = store_column_dup(stmt, 2),
				  .item = store_column_dup(stmt, 3),
				  .field = store_column_dup(stmt, 4),
				  .old_value = store_column_dup_null(stmt, 5, &oom),
				  .new_value = store_column_dup_null(stmt, 6, &oom),
				  .at = store_column_dup(stmt, 7),
				  .author = store_column_dup(stmt, 8),
				  .source = store_column_dup(stmt, 9),
				  .reason = store_column_dup_null(stmt, 10, &oom),
				  .checksum = store_column_dup_null(stmt, 11, &oom)};
	return !oom && r->case_ref && r->agency && r->item && r->field && r->at && r->author &&
	       r->source;
}

int store_history_list(struct store *st, int64_t audit_id, struct history_row **out, size_t *n,
		       struct maca_err *err)
{
	static const struct row_kind kind = {sizeof **out, read_history, history_row_free,
					     "reading the history"};
	void *rows;
	int rc = store_collect_by_id(
	    st,
	    "SELECT h.id, coalesce(c.reference, ''), h.agency, h.item, h.field, h.old_value, "
	    "h.new_value, h.at, h.author, h.source, h.reason, h.checksum FROM history h LEFT JOIN "
	    "audit_case c ON c.id = h.case_id WHERE h.audit_id = ? ORDER BY h.id",
	    audit_id, &kind, NULL, &rows, n, err);
	*out = rows;
	return rc;
}

void history_list_free(struct history_row *rows, size_t n)
{
	store_rows_free(rows, n, sizeof *rows, history_row_free);
}

/* The newest history row of a record's fields: who made it, how and when. */
static int last_change(struct store *st, const struct history_key *key, const char *const *fields,
		       struct store_change *by, struct maca_err *err)
{
	struct sql_value f[5];
	for (size_t i = 0; i < 5; i++)
		f[i] = SQL_TEXT(fields[i] ? fields[i] : fields[0]);
	sqlite3_stmt *stmt;
	bool found;
	int rc =
	    store_row(st,
		      "SELECT author, source, at FROM history WHERE audit_id = ?1 AND "
		      "field IN (?5, ?6, ?7, ?8, ?9) AND (?2 = 0 OR case_id = ?2) AND "
		      "(?3 IS NULL OR agency = ?3) AND (?4 IS NULL OR item = ?4) "
		      "ORDER BY id DESC LIMIT 1",
		      SQL_ARGS(SQL_INT(key->audit_id), SQL_INT(key->case_id), SQL_TEXT(key->agency),
			       SQL_TEXT(key->item), f[0], f[1], f[2], f[3], f[4]),
		      &stmt, &found, "reading the history", err);
	if (rc)
		return rc;
	*by = (struct store_change){.author = found ? store_column_dup(stmt, 0) : strdup(""),
				    .source = found ? store_column_dup(stmt, 1) : strdup(""),
				    .at = found ? store_column_dup(stmt, 2) : strdup("")};
	store_done(st, stmt);
	if (!by->author || !by->source || !by->at) {
		store_change_free(by);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	return MACA_OK;
}

void store_conflict_check(struct conflicts *c, const char *field, const char *expected,
			  const char *now, const char *new_value)
{
	if (expected && !str_same(expected, now) && !str_same(now, new_value) && c->n < 5)
		c->fields[c->n++] = field;
}

int store_conflict(struct store *st, struct history_key key, const struct conflicts *c,
		   const char *what, struct store_change *by, struct maca_err *err)
{
	struct store_change found = {0};
	if (last_change(st, &key, c->fields, &found, err))
		return err->status;
	if (*found.author)
		err_set(err, MACA_ECONFLICT,
			"%s was changed meanwhile, by %s (%s) at %s; nothing was saved", what,
			found.author, found.source, found.at);
	else
		err_set(err, MACA_ECONFLICT, "%s was changed meanwhile; nothing was saved", what);
	if (by)
		*by = found;
	else
		store_change_free(&found);
	return MACA_ECONFLICT;
}

void store_change_free(struct store_change *c)
{
	free(c->author);
	free(c->source);
	free(c->at);
	*c = (struct store_change){0};
}

/* ---- Disclosure acceptances ---------------------------------------------------------------- */

static const struct {
	const char *name;  /* as stored */
	const char *label; /* in messages */
	const char *audit_sql;
} records[] = {
    [STORE_RECORD_AUDIT] = {"audit", "audit", "SELECT id FROM audit WHERE id = ?"},
    [STORE_RECORD_CASE] = {"case", "case", "SELECT audit_id FROM audit_case WHERE id = ?"},
    [STORE_RECORD_GOOD_PRACTICE] = {"good-practice", "good practice item",
				    "SELECT audit_id FROM good_practice WHERE id = ?"},
    [STORE_RECORD_LEARNING_POINT] = {"learning-point", "learning point",
				     "SELECT audit_id FROM learning_point WHERE id = ?"},
    [STORE_RECORD_ACTION] = {"action", "action",
			     "SELECT p.audit_id FROM action a JOIN learning_point p ON p.id = "
			     "a.learning_point_id WHERE a.id = ?"},
};
#define NRECORDS (sizeof records / sizeof records[0])

const char *store_record_name(enum store_record record)
{
	return (size_t)record < NRECORDS ? records[record].name : "?";
}

static bool record_parse(const char *name, enum store_record *out)
{
	for (size_t i = 0; i < NRECORDS; i++)
		if (strcmp(records[i].name, name) == 0) {
			*out = (enum store_record)i;
			return true;
		}
	return false;
}

int store_record_audit(struct store *st, enum store_record record, int64_t record_id,
		       int64_t *audit_id, struct maca_err *err)
{
	if ((size_t)record >= NRECORDS)
		return err_set(err, MACA_EUSER, "no kind of record %d", (int)record);
	bool found = false;
	if (store_int(st, records[record].audit_sql, SQL_ARGS(SQL_INT(record_id)), audit_id, &found,
		      "reading a record's audit", err))
		return err->status;
	if (!found)
		return err_set(err, MACA_ENOTFOUND, "there is no %s %lld (deleted meanwhile?)",
			       records[record].label, (long long)record_id);
	return MACA_OK;
}

void acceptance_free(struct acceptance *a)
{
	free(a->field);
	free(a->fingerprint);
	free(a->kind);
	free(a->match);
	free(a->reason);
	free(a->author);
	free(a->at);
	*a = (struct acceptance){0};
}

static void acceptance_freer(void *p)
{
	acceptance_free(p);
}

void acceptances_free(struct acceptance *list, size_t n)
{
	store_rows_free(list, n, sizeof *list, acceptance_freer);
}

#define ACCEPTANCE_COLUMNS                                                                         \
	"id, audit_id, record, record_id, field, fingerprint, kind, match, reason, author, at"

static bool read_acceptance(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order stands */
	(void)ctx;
	struct acceptance *a = p;
	const char *record = (const char *)sqlite3_column_text(stmt, 2);
	*a = (struct acceptance){.id = sqlite3_column_int64(stmt, 0),
				 .audit_id = sqlite3_column_int64(stmt, 1),
				 .record_id = sqlite3_column_int64(stmt, 3),
				 .field = store_column_dup(stmt, 4),
				 .fingerprint = store_column_dup(stmt, 5),
				 .kind = store_column_dup(stmt, 6),
				 .match = store_column_dup(stmt, 7),
				 .reason = store_column_dup(stmt, 8),
				 .author = store_column_dup(stmt, 9),
				 .at = store_column_dup(stmt, 10)};
	/* The table's CHECK allows only the names record_parse knows. */
	if (!record || !record_parse(record, &a->record))
		a->record = STORE_RECORD_AUDIT;
	return a->field && a->fingerprint && a->kind && a->match && a->reason && a->author && a->at;
}

int store_acceptance_find(struct store *st, const struct acceptance_key *key,
			  struct acceptance *out, bool *found, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_row(st,
		      "SELECT " ACCEPTANCE_COLUMNS
		      " FROM disclosure_acceptance WHERE record = ? AND "
		      "record_id = ? AND field = ? AND fingerprint = ?",
		      SQL_ARGS(SQL_TEXT(store_record_name(key->record)), SQL_INT(key->record_id),
			       SQL_TEXT(key->field), SQL_TEXT(key->fingerprint)),
		      &stmt, found, "reading the accepted findings", err))
		return err->status;
	if (!*found)
		return MACA_OK;
	struct acceptance a;
	bool ok = read_acceptance(stmt, &a, NULL, NULL);
	store_done(st, stmt);
	if (!ok) {
		acceptance_free(&a);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	*out = a;
	return MACA_OK;
}

/* The history's item for a finding in a record: "learning-point 12 text". */
static char *acceptance_item(enum store_record record, int64_t record_id, const char *field)
{
	return str_fmt("%s %lld %s", store_record_name(record), (long long)record_id, field);
}

int store_acceptance_add(struct store *st, const struct acceptance_key *key, const char *kind,
			 const char *match, const char *reason, int64_t *id, struct maca_err *err)
{
	if ((size_t)key->record >= NRECORDS || !key->field || !*key->field || !key->fingerprint ||
	    !*key->fingerprint || !kind || !match)
		return err_set(err, MACA_EUSER,
			       "a finding to accept needs its record, field, "
			       "fingerprint, kind and text");
	if (!reason || !*reason || strspn(reason, " \t\n") == strlen(reason))
		return err_set(err, MACA_EUSER,
			       "accepting a finding needs a reason: why it may be published");
	if (store_check_long_text("reason", reason, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	int64_t audit_id = 0;
	int rc = store_record_audit(st, key->record, key->record_id, &audit_id, err);
	struct acceptance old = {0};
	bool exists = false;
	if (!rc)
		rc = store_acceptance_find(st, key, &old, &exists, err);
	if (!rc && exists)
		rc = err_set(err, MACA_EEXIST, "%s \"%s\" was accepted already, by %s at %s",
			     old.kind, old.match, old.author, old.at);
	acceptance_free(&old);
	char *now = rc ? NULL : store_now();
	char *item = rc ? NULL : acceptance_item(key->record, key->record_id, key->field);
	if (!rc && (!now || !item))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_run(st,
			       "INSERT INTO disclosure_acceptance (audit_id, record, record_id, "
			       "field, fingerprint, kind, match, reason, author, at) VALUES (?, ?, "
			       "?, ?, ?, ?, ?, ?, ?, ?)",
			       SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(store_record_name(key->record)),
					SQL_INT(key->record_id), SQL_TEXT(key->field),
					SQL_TEXT(key->fingerprint), SQL_TEXT(kind), SQL_TEXT(match),
					SQL_TEXT(reason), SQL_TEXT(st->author), SQL_TEXT(now)),
			       "accepting a finding", err);
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(st->db);
	if (!rc)
		rc = store_history_add(st, audit_id,
				       key->record == STORE_RECORD_CASE ? key->record_id : 0, NULL,
				       item, "disclosure-accepted", NULL, match, reason, err);
	free(now);
	free(item);
	return store_end(st, rc, err);
}

int store_acceptance_withdraw(struct store *st, int64_t id, const char *reason,
			      struct maca_err *err)
{
	if (reason && store_check_long_text("reason", reason, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	bool found = false;
	struct acceptance a = {0};
	int rc =
	    store_row(st, "SELECT " ACCEPTANCE_COLUMNS " FROM disclosure_acceptance WHERE id = ?",
		      SQL_ARGS(SQL_INT(id)), &stmt, &found, "reading the accepted findings", err);
	if (!rc && !found)
		rc = err_set(err, MACA_ENOTFOUND, "no accepted finding %lld", (long long)id);
	if (!rc) {
		bool ok = read_acceptance(stmt, &a, NULL, NULL);
		store_done(st, stmt);
		if (!ok)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	char *item = rc ? NULL : acceptance_item(a.record, a.record_id, a.field);
	if (!rc && !item)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_run(st, "DELETE FROM disclosure_acceptance WHERE id = ?",
			       SQL_ARGS(SQL_INT(id)), "withdrawing an accepted finding", err);
	if (!rc)
		rc = store_history_add(
		    st, a.audit_id, a.record == STORE_RECORD_CASE ? a.record_id : 0, NULL, item,
		    "disclosure-withdrawn", a.match, NULL, reason && *reason ? reason : NULL, err);
	free(item);
	acceptance_free(&a);
	return store_end(st, rc, err);
}

int store_acceptance_list(struct store *st, int64_t audit_id, struct acceptance **out, size_t *n,
			  struct maca_err *err)
{
	static const struct row_kind kind = {sizeof **out, read_acceptance, acceptance_freer,
					     "reading the accepted findings"};
	void *rows;
	int rc =
	    store_collect_by_id(st,
				"SELECT " ACCEPTANCE_COLUMNS " FROM disclosure_acceptance WHERE "
				"audit_id = ? ORDER BY id",
				audit_id, &kind, NULL, &rows, n, err);
	*out = rows;
	return rc;
}
