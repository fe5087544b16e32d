/* The history: a row for every change to what agencies and the chair recorded, who made it,
 * how and when; and, from its newest rows, who changed a record a save found changed. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

int store_history_add(struct store *st, int64_t audit_id, int64_t case_id, const char *agency,
		      const char *item, const char *field, const char *old_value,
		      const char *new_value, const char *reason, struct maca_err *err)
{
	char *now = store_now();
	if (!now)
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct sql_value none = {.text = true};
	int rc = store_run(
	    st,
	    "INSERT INTO history (audit_id, case_id, agency, item, field, old_value, new_value, "
	    "at, "
	    "author, source, reason, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    SQL_ARGS(SQL_INT(audit_id), case_id > 0 ? SQL_INT(case_id) : none,
		     SQL_TEXT(agency ? agency : ""), SQL_TEXT(item ? item : ""), SQL_TEXT(field),
		     SQL_TEXT(old_value), SQL_TEXT(new_value), SQL_TEXT(now), SQL_TEXT(st->author),
		     SQL_TEXT(st->source), SQL_TEXT(reason), SQL_TEXT(st->checksum)),
	    "recording history", err);
	free(now);
	return rc;
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
