/* Good practice (listing, editing, deleting) and reading learning points with their links and
 * actions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_query_internal.h"

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Good practice */

static void good_practice_row_free(void *p)
{
	struct good_practice_row *r = p;
	free(r->text);
	free(r->agencies);
	free(r->cases);
}

static bool read_good_practice(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)ctx;
	struct good_practice_row *r = p;
	r->id = sqlite3_column_int64(stmt, 0);
	r->position = sqlite3_column_int(stmt, 1);
	r->text = store_column_dup(stmt, 2);
	r->agencies = store_column_dup(stmt, 3);
	r->cases = store_column_dup(stmt, 4);
	key->k[0] = r->position;
	key->k[1] = r->id;
	return r->text && r->agencies && r->cases;
}

int store_good_practice_list(struct store *st, int64_t audit_id, struct good_practice_row **out,
			     size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	if (store_audit_exists(st, audit_id, err))
		return err->status;
	void *rows;
	int rc =
	    store_collect_by_id(st,
				"SELECT id, position, text, agencies, cases FROM good_practice "
				"WHERE audit_id = ? ORDER BY position, id",
				audit_id, sizeof **out, read_good_practice, good_practice_row_free,
				NULL, &rows, n, "reading good practice", err);
	*out = rows;
	return rc;
}

void good_practice_rows_free(struct good_practice_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		good_practice_row_free(&rows[i]);
	free(rows);
}

/* Reads a good practice item inside the caller's transaction and checks its audit is open. */
static int good_practice_open(struct store *st, int64_t id, int64_t *audit_id, int *position,
			      struct good_practice_row *old, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	int rc = store_prepare(st,
			       "SELECT audit_id, position, text, agencies, cases FROM "
			       "good_practice WHERE id = ?",
			       &stmt, err);
	if (rc)
		return rc;
	rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, id), err);
	if (rc)
		return rc;
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		*audit_id = sqlite3_column_int64(stmt, 0);
		*position = sqlite3_column_int(stmt, 1);
		old->text = store_column_dup(stmt, 2);
		old->agencies = store_column_dup(stmt, 3);
		old->cases = store_column_dup(stmt, 4);
	}
	sqlite3_finalize(stmt);
	if (step == SQLITE_DONE)
		return err_set(err, MACA_ENOTFOUND, "no good practice item %lld", (long long)id);
	if (step != SQLITE_ROW)
		return store_db_error(st, err, "reading good practice");
	if (!old->text || !old->agencies || !old->cases)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return store_require_open(st, *audit_id, err);
}

int store_good_practice_update(struct store *st, int64_t id, const struct good_practice_fields *g,
			       struct maca_err *err)
{
	if (!g->text || !*g->text)
		return err_set(err, MACA_EUSER, "a good practice item needs its text");
	const char *agencies = g->agencies ? g->agencies : "";
	const char *cases = g->cases ? g->cases : "";
	if (!utf8_valid(g->text, strlen(g->text)) || !utf8_valid(agencies, strlen(agencies)) ||
	    !utf8_valid(cases, strlen(cases)))
		return err_set(err, MACA_EUSER, "the good practice item is not valid UTF-8");
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	int64_t audit_id = 0;
	int position = 0;
	struct good_practice_row old = {0};
	rc = good_practice_open(st, id, &audit_id, &position, &old, err);
	sqlite3_stmt *stmt;
	if (!rc)
		rc = store_prepare(st,
				   "UPDATE good_practice SET text = ?, agencies = ?, cases = ?, "
				   "extra = coalesce(?, extra) WHERE id = ?",
				   &stmt, err);
	if (!rc) {
		rc = store_bound(
		    st, stmt,
		    store_bind_text(stmt, 1, g->text) | store_bind_text(stmt, 2, agencies) |
			store_bind_text(stmt, 3, cases) | store_bind_text(stmt, 4, g->extra_json) |
			sqlite3_bind_int64(stmt, 5, id),
		    err);
		if (!rc)
			rc = store_run(st, stmt, "saving good practice", err);
	}
	char item[24];
	snprintf(item, sizeof item, "%lld", (long long)id);
	if (!rc && !same(old.text, g->text))
		rc = store_history_add(st, audit_id, 0, NULL, item, "good-practice", old.text,
				       g->text, NULL, err);
	if (!rc && !same(old.agencies, agencies))
		rc = store_history_add(st, audit_id, 0, NULL, item, "good-practice-agencies",
				       old.agencies, agencies, NULL, err);
	if (!rc && !same(old.cases, cases))
		rc = store_history_add(st, audit_id, 0, NULL, item, "good-practice-cases",
				       old.cases, cases, NULL, err);
	good_practice_row_free(&old);
	return store_finish(st, rc, err);
}

int store_good_practice_delete(struct store *st, int64_t id, struct maca_err *err)
{
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	int64_t audit_id = 0;
	int position = 0;
	struct good_practice_row old = {0};
	rc = good_practice_open(st, id, &audit_id, &position, &old, err);
	sqlite3_stmt *stmt;
	if (!rc)
		rc = store_prepare(st, "DELETE FROM good_practice WHERE id = ?", &stmt, err);
	if (!rc) {
		rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, id), err);
		if (!rc)
			rc = store_run(st, stmt, "deleting good practice", err);
	}
	if (!rc)
		rc = store_prepare(st,
				   "UPDATE good_practice SET position = position - 1 WHERE "
				   "audit_id = ? AND position > ?",
				   &stmt, err);
	if (!rc) {
		rc = store_bound(st, stmt,
				 sqlite3_bind_int64(stmt, 1, audit_id) |
				     sqlite3_bind_int(stmt, 2, position),
				 err);
		if (!rc)
			rc = store_run(st, stmt, "renumbering good practice", err);
	}
	char item[24];
	snprintf(item, sizeof item, "%lld", (long long)id);
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, item, "good-practice", old.text, NULL,
				       NULL, err);
	good_practice_row_free(&old);
	return store_finish(st, rc, err);
}

/* Learning points */

/* Appends what a query on one learning point returns: column 0 the id, column 1 (when
 * `labelled`) the label. */
static int read_named(struct store *st, const char *sql, int64_t lp_id, bool labelled,
		      struct named_list *out, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	int rc = store_prepare(st, sql, &stmt, err);
	if (rc)
		return rc;
	rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, lp_id), err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(stmt, 0);
		const char *label = labelled ? (const char *)sqlite3_column_text(stmt, 1) : NULL;
		if (!named_add(out, id ? id : "", label ? label : (id ? id : ""))) {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_db_error(st, err, "reading a learning point's links");
	sqlite3_finalize(stmt);
	return rc;
}

static size_t section_index(const struct template *tpl, const char *id)
{
	const struct section *sec = template_section(tpl, id);
	return sec ? (size_t)(sec - tpl->sections) : tpl->nsections;
}

int store_read_links(struct store *st, const struct template *tpl, struct learning_point_row *row,
		     struct maca_err *err)
{
	int rc = read_named(st,
			    "SELECT c.reference FROM learning_point_case l JOIN audit_case c ON "
			    "c.id = l.case_id WHERE l.learning_point_id = ? ORDER BY c.position",
			    row->id, false, &row->cases, err);
	if (!rc)
		rc = read_named(st,
				"SELECT g.code, g.name FROM learning_point_agency l JOIN agency g "
				"ON g.id = l.agency_id WHERE l.learning_point_id = ? ORDER BY "
				"g.position",
				row->id, true, &row->agencies, err);
	if (!rc)
		rc = read_named(st,
				"SELECT section_id FROM learning_point_section WHERE "
				"learning_point_id = ? ORDER BY section_id",
				row->id, false, &row->sections, err);
	if (rc)
		return rc;
	/* Template order, and each section's title as its label. */
	struct named_list *s = &row->sections;
	for (size_t i = 1; i < s->n; i++)
		for (size_t j = i; j > 0 && section_index(tpl, s->items[j - 1].id) >
						section_index(tpl, s->items[j].id);
		     j--) {
			struct named t = s->items[j];
			s->items[j] = s->items[j - 1];
			s->items[j - 1] = t;
		}
	for (size_t i = 0; i < s->n; i++) {
		const struct section *sec = template_section(tpl, s->items[i].id);
		char *title = sec ? strdup(sec->title) : NULL;
		if (sec && !title)
			return err_set(err, MACA_ENOMEM, "out of memory");
		if (title) {
			free(s->items[i].label);
			s->items[i].label = title;
		}
	}
	return MACA_OK;
}

static void action_row_free(void *p)
{
	struct action_row *r = p;
	free(r->what);
	free(r->owner_agency);
	free(r->due_date);
	free(r->measure);
}

static bool read_action(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)ctx;
	struct action_row *r = p;
	r->id = sqlite3_column_int64(stmt, 0);
	r->position = sqlite3_column_int(stmt, 1);
	r->what = store_column_dup(stmt, 2);
	r->owner_agency = store_column_dup(stmt, 3);
	r->due_date = store_column_dup(stmt, 4);
	r->measure = store_column_dup(stmt, 5);
	const char *status = (const char *)sqlite3_column_text(stmt, 6);
	if (!status || !action_status_parse(status, &r->status))
		r->status = ACTION_NOT_STARTED; /* the schema's CHECK allows no other */
	key->k[0] = r->position;
	key->k[1] = r->id;
	return r->what && r->owner_agency && r->due_date && r->measure;
}

static void learning_point_row_free(void *p)
{
	struct learning_point_row *r = p;
	free(r->title);
	free(r->text);
	named_list_free(&r->cases);
	named_list_free(&r->agencies);
	named_list_free(&r->sections);
	for (size_t i = 0; i < r->nactions; i++)
		action_row_free(&r->actions[i]);
	free(r->actions);
}

static bool read_point(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)ctx;
	struct learning_point_row *r = p;
	r->id = sqlite3_column_int64(stmt, 0);
	r->number = sqlite3_column_int(stmt, 1);
	r->title = store_column_dup(stmt, 2);
	r->text = store_column_dup(stmt, 3);
	key->k[0] = r->number;
	key->k[1] = r->id;
	return r->title && r->text;
}

static int read_actions(struct store *st, struct learning_point_row *row, struct maca_err *err)
{
	void *actions;
	int rc = store_collect_by_id(
	    st,
	    "SELECT id, position, what, owner_agency, due_date, measure, status FROM action "
	    "WHERE learning_point_id = ? ORDER BY position, id",
	    row->id, sizeof *row->actions, read_action, action_row_free, NULL, &actions,
	    &row->nactions, "reading actions", err);
	row->actions = actions;
	return rc;
}

int store_learning_points(struct store *st, int64_t audit_id, struct learning_point_row **out,
			  size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	const struct template *tpl;
	if (store_cached_template(st, audit_id, &tpl, err))
		return err->status;
	void *got;
	size_t count;
	int rc = store_collect_by_id(st,
				     "SELECT id, number, title, text FROM learning_point WHERE "
				     "audit_id = ? ORDER BY number, id",
				     audit_id, sizeof **out, read_point, learning_point_row_free,
				     NULL, &got, &count, "reading learning points", err);
	struct learning_point_row *rows = got;
	for (size_t i = 0; !rc && i < count; i++) {
		rc = store_read_links(st, tpl, &rows[i], err);
		if (!rc)
			rc = read_actions(st, &rows[i], err);
	}
	if (rc) {
		learning_point_rows_free(rows, count);
		return rc;
	}
	*out = rows;
	*n = count;
	return MACA_OK;
}

void learning_point_rows_free(struct learning_point_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		learning_point_row_free(&rows[i]);
	free(rows);
}
