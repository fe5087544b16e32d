/* Good practice: the items an audit found worth repeating, in order, with the agencies and
 * cases each names. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

/* The history's fields for an item's text, agencies and cases. */
static const char *const good_practice_fields[] = {"good-practice", "good-practice-agencies",
						   "good-practice-cases"};

int store_good_practice_add(struct store *st, int64_t audit_id,
			    const struct good_practice_fields *g, int64_t *id, struct maca_err *err)
{
	if (!g->text || !*g->text)
		return err_set(err, MACA_EUSER, "a good practice item needs its text");
	if (store_begin(st, err))
		return err->status;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = store_run(
		    st,
		    "INSERT INTO good_practice (audit_id, position, text, agencies, cases, "
		    "extra) VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM "
		    "good_practice WHERE audit_id = ?1), ?2, ?3, ?4, ?5)",
		    SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(g->text), SQL_TEXT_OR_EMPTY(g->agencies),
			     SQL_TEXT_OR_EMPTY(g->cases),
			     SQL_TEXT(g->extra_json ? g->extra_json : "{}")),
		    "adding good practice", err);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		char item[STORE_ID_TEXT];
		store_id_text(item, *id);
		rc = store_history_add(st, audit_id, 0, NULL, item, "good-practice", NULL, g->text,
				       NULL, err);
	}
	return store_end(st, rc, err);
}

static const struct row_text good_practice_texts[] = {
    {2, offsetof(struct good_practice_row, text)},
    {3, offsetof(struct good_practice_row, agencies)},
    {4, offsetof(struct good_practice_row, cases)},
};

static bool read_good_practice(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)ctx;
	struct good_practice_row *r = p;
	store_read_numbered(stmt, &r->id, &r->position, key);
	return true;
}

#define GOOD_PRACTICE_COLUMNS "id, position, text, agencies, cases"

#define GOOD_PRACTICE_SQL                                                                          \
	"SELECT " GOOD_PRACTICE_COLUMNS " FROM good_practice WHERE audit_id = ? "                  \
	"ORDER BY position, id"

static const struct row_kind good_practice_kind = {
    "reading good practice",	    GOOD_PRACTICE_SQL,	sizeof(struct good_practice_row),
    ROW_TEXTS(good_practice_texts), read_good_practice, NULL};

void good_practice_row_free(struct good_practice_row *r)
{
	store_row_free(&good_practice_kind, r);
}

int store_good_practice_list(struct store *st, int64_t audit_id, struct good_practice_row **out,
			     size_t *n, struct maca_err *err)
{
	return store_audit_rows(st, &good_practice_kind, audit_id, out, n, err);
}

void good_practice_rows_free(struct good_practice_row *rows, size_t n)
{
	store_rows_free(&good_practice_kind, rows, n);
}

/* Read for a change and moved as every numbered list is (store_audit.c). */
static const struct numbering good_practice_numbering = {
    .kind = &good_practice_kind,
    .table = "good_practice",
    .number = "position",
    .parent = "audit_id",
    .columns = GOOD_PRACTICE_COLUMNS,
    .noun = "good practice item",
    .plural = "good practice items",
    .opening = "reading good practice",
    .counting = "counting good practice",
    .moving = "moving good practice",
    .deleting = "deleting good practice",
    .renumbering = "renumbering good practice",
    .moved_field = "good-practice-position",
    .moved_item = "id",
};

int store_good_practice_update_if(struct store *st, int64_t id,
				  const struct good_practice_fields *g,
				  const struct good_practice_row *expected,
				  struct good_practice_row *now, struct store_change *by,
				  struct maca_err *err)
{
	if (!g->text || !*g->text)
		return err_set(err, MACA_EUSER, "a good practice item needs its text");
	const char *agencies = g->agencies ? g->agencies : "";
	const char *cases = g->cases ? g->cases : "";
	if (store_check_utf8("good practice item", STORE_TEXTS(g->text, agencies, cases), err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	int64_t audit_id = 0;
	struct good_practice_row old = {0};
	char item[STORE_ID_TEXT];
	store_id_text(item, id);
	int rc = store_numbered_open(st, &good_practice_numbering, id, &old, &audit_id, err);
	const char *was[] = {old.text, old.agencies, old.cases},
		   *will[] = {g->text, agencies, cases};
	const char *seen[] = {expected ? expected->text : NULL,
			      expected ? expected->agencies : NULL,
			      expected ? expected->cases : NULL};
	struct conflicts c = {0};
	for (int i = 0; !rc && i < 3; i++)
		store_conflict_check(&c, good_practice_fields[i], seen[i], was[i], will[i]);
	if (!rc && c.n) {
		rc = store_conflict(st, (struct history_key){.audit_id = audit_id, .item = item},
				    &c, "the good practice item", by, err);
		if (now) {
			*now = old;
			old = (struct good_practice_row){0};
		}
	}
	if (!rc)
		rc =
		    store_run(st,
			      "UPDATE good_practice SET text = ?, agencies = ?, cases = ?, extra = "
			      "coalesce(?, extra) WHERE id = ?",
			      SQL_ARGS(SQL_TEXT(g->text), SQL_TEXT(agencies), SQL_TEXT(cases),
				       SQL_TEXT(g->extra_json), SQL_INT(id)),
			      "saving good practice", err);
	for (int i = 0; !rc && i < 3; i++)
		if (!str_same(was[i], will[i]))
			rc = store_history_add(st, audit_id, 0, NULL, item, good_practice_fields[i],
					       was[i], will[i], NULL, err);
	good_practice_row_free(&old);
	return store_end(st, rc, err);
}

int store_good_practice_update(struct store *st, int64_t id, const struct good_practice_fields *g,
			       struct maca_err *err)
{
	return store_good_practice_update_if(st, id, g, NULL, NULL, NULL, err);
}

int store_good_practice_delete(struct store *st, int64_t id, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	int64_t audit_id = 0;
	struct good_practice_row old = {0};
	int rc = store_numbered_open(st, &good_practice_numbering, id, &old, &audit_id, err);
	if (!rc)
		rc = store_numbered_delete(st, &good_practice_numbering, id, audit_id, old.position,
					   err);
	char item[STORE_ID_TEXT];
	store_id_text(item, id);
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, item, "good-practice", old.text, NULL,
				       NULL, err);
	good_practice_row_free(&old);
	return store_end(st, rc, err);
}

int store_good_practice_move(struct store *st, int64_t id, int position, struct maca_err *err)
{
	return store_numbered_move(st, &good_practice_numbering, id, position, err);
}
