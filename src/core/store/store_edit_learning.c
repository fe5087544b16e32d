/* Editing learning points and actions: replacing a point's text and links, changing or
 * deleting an action. Each is one transaction and leaves history rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_query_internal.h"

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool valid_text(const char *s)
{
	return !s || utf8_valid(s, strlen(s));
}

/* Learning points */

/* Reads a learning point inside the caller's transaction and checks its audit is open. */
static int point_open(struct store *st, struct learning_point_row *row, int64_t *audit_id,
		      struct maca_err *err)
{
	sqlite3_stmt *stmt;
	int rc = store_prepare(
	    st, "SELECT audit_id, number, title, text FROM learning_point WHERE id = ?", &stmt,
	    err);
	if (rc)
		return rc;
	rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, row->id), err);
	if (rc)
		return rc;
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		*audit_id = sqlite3_column_int64(stmt, 0);
		row->number = sqlite3_column_int(stmt, 1);
		row->title = store_column_dup(stmt, 2);
		row->text = store_column_dup(stmt, 3);
	}
	sqlite3_finalize(stmt);
	if (step == SQLITE_DONE)
		return err_set(err, MACA_ENOTFOUND, "no learning point %lld", (long long)row->id);
	if (step != SQLITE_ROW)
		return store_db_error(st, err, "reading the learning point");
	if (!row->title || !row->text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return store_require_open(st, *audit_id, err);
}

/* Refuses links to cases, agencies or sections the audit does not have. */
static int check_links(struct store *st, int64_t audit_id, const struct template *tpl,
		       const struct learning_point_fields *lp, struct maca_err *err)
{
	for (size_t i = 0; lp->cases && i < lp->cases->n; i++) {
		sqlite3_stmt *stmt;
		int rc = store_prepare(
		    st, "SELECT 1 FROM audit_case WHERE audit_id = ? AND reference = ?", &stmt,
		    err);
		if (rc)
			return rc;
		rc = store_bound(st, stmt,
				 sqlite3_bind_int64(stmt, 1, audit_id) |
				     store_bind_text(stmt, 2, lp->cases->items[i].id),
				 err);
		if (rc)
			return rc;
		int step = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		if (step == SQLITE_DONE)
			return err_set(err, MACA_EUSER, "the audit has no case \"%s\"",
				       lp->cases->items[i].id);
		if (step != SQLITE_ROW)
			return store_db_error(st, err, "reading cases");
	}
	for (size_t i = 0; lp->agencies && i < lp->agencies->n; i++) {
		int64_t agency_id;
		int rc = store_agency_id(st, audit_id, lp->agencies->items[i].id, &agency_id, err);
		if (rc)
			return rc;
	}
	for (size_t i = 0; lp->sections && i < lp->sections->n; i++)
		if (!template_section(tpl, lp->sections->items[i].id))
			return err_set(err, MACA_EUSER, "template %s has no section '%s'", tpl->id,
				       lp->sections->items[i].id);
	return MACA_OK;
}

/* Runs `sql` (parameters: learning point id, audit id, item) for each item of a list. */
static int link_each(struct store *st, const char *sql, int64_t lp_id, int64_t audit_id,
		     const struct named_list *list, struct maca_err *err)
{
	for (size_t i = 0; list && i < list->n; i++) {
		sqlite3_stmt *stmt;
		int rc = store_prepare(st, sql, &stmt, err);
		if (rc)
			return rc;
		rc = store_bound(st, stmt,
				 sqlite3_bind_int64(stmt, 1, lp_id) |
				     sqlite3_bind_int64(stmt, 2, audit_id) |
				     store_bind_text(stmt, 3, list->items[i].id),
				 err);
		if (!rc)
			rc = store_run(st, stmt, "linking the learning point", err);
		if (rc)
			return rc;
	}
	return MACA_OK;
}

static int replace_links(struct store *st, int64_t lp_id, int64_t audit_id,
			 const struct learning_point_fields *lp, struct maca_err *err)
{
	static const char *const clear[] = {
	    "DELETE FROM learning_point_case WHERE learning_point_id = ?",
	    "DELETE FROM learning_point_agency WHERE learning_point_id = ?",
	    "DELETE FROM learning_point_section WHERE learning_point_id = ?",
	};
	for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
		sqlite3_stmt *stmt;
		int rc = store_prepare(st, clear[i], &stmt, err);
		if (rc)
			return rc;
		rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, lp_id), err);
		if (!rc)
			rc = store_run(st, stmt, "unlinking the learning point", err);
		if (rc)
			return rc;
	}
	int rc = link_each(st,
			   "INSERT OR IGNORE INTO learning_point_case (learning_point_id, case_id) "
			   "SELECT ?1, id FROM audit_case WHERE audit_id = ?2 AND reference = ?3",
			   lp_id, audit_id, lp->cases, err);
	if (!rc)
		rc = link_each(
		    st,
		    "INSERT OR IGNORE INTO learning_point_agency (learning_point_id, "
		    "agency_id) SELECT ?1, id FROM agency WHERE audit_id = ?2 AND code = ?3",
		    lp_id, audit_id, lp->agencies, err);
	if (!rc)
		rc = link_each(st,
			       "INSERT OR IGNORE INTO learning_point_section (learning_point_id, "
			       "section_id) VALUES (?1, ?3)",
			       lp_id, audit_id, lp->sections, err);
	return rc;
}

/* The links as one line for the history: "cases: Child A; agencies: csc; sections: voice". */
static char *links_summary(const struct learning_point_row *row)
{
	const struct {
		const char *name;
		const struct named_list *list;
	} parts[] = {
	    {"cases", &row->cases}, {"agencies", &row->agencies}, {"sections", &row->sections}};
	struct sbuf b = {0};
	for (size_t p = 0; p < 3; p++) {
		sbuf_addf(&b, "%s%s:", p ? "; " : "", parts[p].name);
		for (size_t i = 0; i < parts[p].list->n; i++)
			sbuf_addf(&b, "%s %s", i ? "," : "", parts[p].list->items[i].id);
	}
	return sbuf_take(&b);
}

static void links_free(struct learning_point_row *row)
{
	named_list_free(&row->cases);
	named_list_free(&row->agencies);
	named_list_free(&row->sections);
}

/* Reads the point's links now and returns them as a summary line. */
static int summarise_links(struct store *st, const struct template *tpl,
			   struct learning_point_row *row, char **out, struct maca_err *err)
{
	*out = NULL;
	int rc = store_read_links(st, tpl, row, err);
	if (!rc && !(*out = links_summary(row)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	links_free(row);
	return rc;
}

int store_learning_point_update(struct store *st, int64_t lp_id,
				const struct learning_point_fields *lp, struct maca_err *err)
{
	if (!lp->title || !*lp->title)
		return err_set(err, MACA_EUSER, "a learning point needs a title");
	if (!valid_text(lp->title) || !valid_text(lp->text))
		return err_set(err, MACA_EUSER, "the learning point is not valid UTF-8");
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	struct learning_point_row old = {.id = lp_id};
	int64_t audit_id = 0;
	const struct template *tpl = NULL;
	char *old_links = NULL, *new_links = NULL;
	rc = point_open(st, &old, &audit_id, err);
	if (!rc)
		rc = store_cached_template(st, audit_id, &tpl, err);
	if (!rc)
		rc = check_links(st, audit_id, tpl, lp, err);
	if (!rc)
		rc = summarise_links(st, tpl, &old, &old_links, err);
	sqlite3_stmt *stmt;
	if (!rc)
		rc = store_prepare(st,
				   "UPDATE learning_point SET title = ?, text = ?, extra = "
				   "coalesce(?, extra) WHERE id = ?",
				   &stmt, err);
	if (!rc) {
		rc = store_bound(st, stmt,
				 store_bind_text(stmt, 1, lp->title) |
				     store_bind_text(stmt, 2, lp->text ? lp->text : "") |
				     store_bind_text(stmt, 3, lp->extra_json) |
				     sqlite3_bind_int64(stmt, 4, lp_id),
				 err);
		if (!rc)
			rc = store_run(st, stmt, "saving the learning point", err);
	}
	if (!rc)
		rc = replace_links(st, lp_id, audit_id, lp, err);
	if (!rc)
		rc = summarise_links(st, tpl, &old, &new_links, err);
	char item[16];
	snprintf(item, sizeof item, "%d", old.number);
	if (!rc && !same(old.title, lp->title))
		rc = store_history_add(st, audit_id, 0, NULL, item, "learning-point", old.title,
				       lp->title, NULL, err);
	if (!rc && !same(old.text, lp->text))
		rc = store_history_add(st, audit_id, 0, NULL, item, "learning-point-text", old.text,
				       lp->text ? lp->text : "", NULL, err);
	if (!rc && !same(old_links, new_links))
		rc = store_history_add(st, audit_id, 0, NULL, item, "learning-point-links",
				       old_links, new_links, NULL, err);
	free(old_links);
	free(new_links);
	free(old.title);
	free(old.text);
	return store_finish(st, rc, err);
}

/* Actions */

struct action_old {
	int64_t lp_id;
	int64_t audit_id;
	bool closed;
	int position;
	char *what, *owner, *due, *measure, *extra;
	enum action_status status;
};

static void action_old_free(struct action_old *a)
{
	free(a->what);
	free(a->owner);
	free(a->due);
	free(a->measure);
	free(a->extra);
}

/* Reads an action inside the caller's transaction. */
static int action_read(struct store *st, int64_t action_id, struct action_old *a,
		       struct maca_err *err)
{
	sqlite3_stmt *stmt;
	int rc =
	    store_prepare(st,
			  "SELECT a.learning_point_id, l.audit_id, u.status = 'closed', "
			  "a.position, a.what, a.owner_agency, a.due_date, a.measure, a.extra, "
			  "a.status FROM action a JOIN learning_point l ON l.id = "
			  "a.learning_point_id JOIN audit u ON u.id = l.audit_id WHERE a.id = ?",
			  &stmt, err);
	if (rc)
		return rc;
	rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, action_id), err);
	if (rc)
		return rc;
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		a->lp_id = sqlite3_column_int64(stmt, 0);
		a->audit_id = sqlite3_column_int64(stmt, 1);
		a->closed = sqlite3_column_int(stmt, 2) != 0;
		a->position = sqlite3_column_int(stmt, 3);
		a->what = store_column_dup(stmt, 4);
		a->owner = store_column_dup(stmt, 5);
		a->due = store_column_dup(stmt, 6);
		a->measure = store_column_dup(stmt, 7);
		a->extra = store_column_dup(stmt, 8);
		const char *status = (const char *)sqlite3_column_text(stmt, 9);
		if (!status || !action_status_parse(status, &a->status))
			a->status = ACTION_NOT_STARTED;
	}
	sqlite3_finalize(stmt);
	if (step == SQLITE_DONE)
		return err_set(err, MACA_ENOTFOUND, "no action %lld", (long long)action_id);
	if (step != SQLITE_ROW)
		return store_db_error(st, err, "reading the action");
	if (!a->what || !a->owner || !a->due || !a->measure || !a->extra)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}

static int action_history(struct store *st, const struct action_old *old,
			  const struct action_fields *a, const char *item, struct maca_err *err)
{
	const char *owner = a->owner_agency ? a->owner_agency : "";
	const struct {
		const char *field, *old_value, *new_value;
	} fields[] = {
	    {"action", old->what, a->what},
	    {"action-owner", old->owner, owner},
	    {"action-due", old->due, a->due_date ? a->due_date : ""},
	    {"action-measure", old->measure, a->measure ? a->measure : ""},
	    {"action-status", action_status_name(old->status), action_status_name(a->status)},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (same(fields[i].old_value, fields[i].new_value))
			continue;
		int rc = store_history_add(st, old->audit_id, 0, owner, item, fields[i].field,
					   fields[i].old_value, fields[i].new_value, NULL, err);
		if (rc)
			return rc;
	}
	return MACA_OK;
}

int store_action_update(struct store *st, int64_t action_id, const struct action_fields *a,
			struct maca_err *err)
{
	if (!a->what || !*a->what)
		return err_set(err, MACA_EUSER, "an action needs to say what will be done");
	if (a->due_date && *a->due_date && !date_valid(a->due_date))
		return err_set(err, MACA_EUSER, "due date '%s' is not a date written YYYY-MM-DD",
			       a->due_date);
	if ((unsigned)a->status > ACTION_CANNOT)
		return err_set(err, MACA_EUSER, "unknown action status %d", (int)a->status);
	if (!valid_text(a->what) || !valid_text(a->measure))
		return err_set(err, MACA_EUSER, "the action is not valid UTF-8");
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	struct action_old old = {0};
	rc = action_read(st, action_id, &old, err);
	bool content = !same(old.what, a->what) || !same(old.owner, a->owner_agency) ||
		       !same(old.due, a->due_date) || !same(old.measure, a->measure) ||
		       (a->extra_json && !same(old.extra, a->extra_json));
	/* Status alone is follow-up, allowed once the audit is closed; nothing else is. */
	if (!rc && content && old.closed)
		rc = store_require_open(st, old.audit_id, err);
	int64_t agency_id;
	if (!rc && content && a->owner_agency && *a->owner_agency)
		rc = store_agency_id(st, old.audit_id, a->owner_agency, &agency_id, err);
	char *now = NULL;
	if (!rc && (content || old.status != a->status) && !(now = store_now()))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	sqlite3_stmt *stmt;
	if (now && !rc)
		rc =
		    store_prepare(st,
				  "UPDATE action SET what = ?, owner_agency = ?, due_date = ?, "
				  "measure = ?, status = ?, extra = coalesce(?, extra), updated_at "
				  "= ? WHERE id = ?",
				  &stmt, err);
	if (now && !rc) {
		rc = store_bound(
		    st, stmt,
		    store_bind_text(stmt, 1, a->what) |
			store_bind_text(stmt, 2, a->owner_agency ? a->owner_agency : "") |
			store_bind_text(stmt, 3, a->due_date ? a->due_date : "") |
			store_bind_text(stmt, 4, a->measure ? a->measure : "") |
			store_bind_text(stmt, 5, action_status_name(a->status)) |
			store_bind_text(stmt, 6, a->extra_json) | store_bind_text(stmt, 7, now) |
			sqlite3_bind_int64(stmt, 8, action_id),
		    err);
		if (!rc)
			rc = store_run(st, stmt, "saving the action", err);
	}
	char item[24];
	snprintf(item, sizeof item, "%lld", (long long)action_id);
	if (now && !rc)
		rc = action_history(st, &old, a, item, err);
	free(now);
	action_old_free(&old);
	return store_finish(st, rc, err);
}

int store_action_delete(struct store *st, int64_t action_id, struct maca_err *err)
{
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	struct action_old old = {0};
	rc = action_read(st, action_id, &old, err);
	if (!rc)
		rc = store_require_open(st, old.audit_id, err);
	sqlite3_stmt *stmt;
	if (!rc)
		rc = store_prepare(st, "DELETE FROM action WHERE id = ?", &stmt, err);
	if (!rc) {
		rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, action_id), err);
		if (!rc)
			rc = store_run(st, stmt, "deleting the action", err);
	}
	if (!rc)
		rc = store_prepare(st,
				   "UPDATE action SET position = position - 1 WHERE "
				   "learning_point_id = ? AND position > ?",
				   &stmt, err);
	if (!rc) {
		rc = store_bound(st, stmt,
				 sqlite3_bind_int64(stmt, 1, old.lp_id) |
				     sqlite3_bind_int(stmt, 2, old.position),
				 err);
		if (!rc)
			rc = store_run(st, stmt, "renumbering actions", err);
	}
	char item[24];
	snprintf(item, sizeof item, "%lld", (long long)action_id);
	if (!rc)
		rc = store_history_add(st, old.audit_id, 0, old.owner, item, "action", old.what,
				       NULL, NULL, err);
	action_old_free(&old);
	return store_finish(st, rc, err);
}
