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
		     SQL_TEXT_OR_EMPTY(agency), SQL_TEXT_OR_EMPTY(item), SQL_TEXT(field),
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

/* What a row has none of stays NULL: no old value (made), no new one (removed), no reason. */
static const struct row_text history_texts[] = {
    {1, offsetof(struct history_row, case_ref)},
    {2, offsetof(struct history_row, agency)},
    {3, offsetof(struct history_row, item)},
    {4, offsetof(struct history_row, field)},
    {5 | ROW_KEEP_NULL, offsetof(struct history_row, old_value)},
    {6 | ROW_KEEP_NULL, offsetof(struct history_row, new_value)},
    {7, offsetof(struct history_row, at)},
    {8, offsetof(struct history_row, author)},
    {9, offsetof(struct history_row, source)},
    {10 | ROW_KEEP_NULL, offsetof(struct history_row, reason)},
    {11 | ROW_KEEP_NULL, offsetof(struct history_row, checksum)},
};

static bool read_history(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order stands */
	(void)ctx;
	((struct history_row *)p)->id = sqlite3_column_int64(stmt, 0);
	return true;
}

#define HISTORY_SQL                                                                                \
	"SELECT h.id, coalesce(c.reference, ''), h.agency, h.item, h.field, h.old_value, "         \
	"h.new_value, h.at, h.author, h.source, h.reason, h.checksum FROM history h LEFT JOIN "    \
	"audit_case c ON c.id = h.case_id WHERE h.audit_id = ? ORDER BY h.id"

static const struct row_kind history_kind = {
    "reading the history",    HISTORY_SQL,  sizeof(struct history_row),
    ROW_TEXTS(history_texts), read_history, NULL};

int store_history_list(struct store *st, int64_t audit_id, struct history_row **out, size_t *n,
		       struct maca_err *err)
{
	return store_list(st, &history_kind, audit_id, NULL, out, n, err);
}

void history_list_free(struct history_row *rows, size_t n)
{
	store_rows_free(&history_kind, rows, n);
}

static const struct row_text change_texts[] = {
    {0, offsetof(struct store_change, author)},
    {1, offsetof(struct store_change, source)},
    {2, offsetof(struct store_change, at)},
};

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
	*by = (struct store_change){0};
	return store_texts_take(st, stmt, by, ROW_TEXTS(change_texts), err); /* none: "" */
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
	store_texts_free(c, ROW_TEXTS(change_texts));
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

#define ACCEPTANCE_COLUMNS                                                                         \
	"id, audit_id, record, record_id, field, fingerprint, kind, match, reason, author, at"

static const struct row_text acceptance_texts[] = {
    {4, offsetof(struct acceptance, field)},  {5, offsetof(struct acceptance, fingerprint)},
    {6, offsetof(struct acceptance, kind)},   {7, offsetof(struct acceptance, match)},
    {8, offsetof(struct acceptance, reason)}, {9, offsetof(struct acceptance, author)},
    {10, offsetof(struct acceptance, at)},
};

static bool read_acceptance(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order stands */
	(void)ctx;
	struct acceptance *a = p;
	a->id = sqlite3_column_int64(stmt, 0);
	a->audit_id = sqlite3_column_int64(stmt, 1);
	a->record_id = sqlite3_column_int64(stmt, 3);
	/* The table's CHECK allows only the names record_parse knows. */
	const char *record = (const char *)sqlite3_column_text(stmt, 2);
	if (!record || !record_parse(record, &a->record))
		a->record = STORE_RECORD_AUDIT;
	return true;
}

#define ACCEPTANCE_SQL                                                                             \
	"SELECT " ACCEPTANCE_COLUMNS " FROM disclosure_acceptance WHERE audit_id = ? ORDER BY id"

static const struct row_kind acceptance_kind = {
    "reading the accepted findings", ACCEPTANCE_SQL,  sizeof(struct acceptance),
    ROW_TEXTS(acceptance_texts),     read_acceptance, NULL};

void acceptance_free(struct acceptance *a)
{
	store_row_free(&acceptance_kind, a);
}

void acceptances_free(struct acceptance *list, size_t n)
{
	store_rows_free(&acceptance_kind, list, n);
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
	struct acceptance a = {0};
	bool ok = store_row_read(&acceptance_kind, stmt, &a, NULL, NULL);
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
		bool ok = store_row_read(&acceptance_kind, stmt, &a, NULL, NULL);
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
	return store_list(st, &acceptance_kind, audit_id, NULL, out, n, err);
}
