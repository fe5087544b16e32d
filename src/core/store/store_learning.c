/* Good practice, numbered learning points with their links, and actions. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"
#include "text_rules.h"

static const char *const action_names[] = {"not-started", "in-progress", "done", "cannot-be-done"};

const char *action_status_name(enum action_status s)
{
	return (unsigned)s < 4 ? action_names[s] : "?";
}

bool action_status_parse(const char *s, enum action_status *out)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, action_names[i]) == 0) {
			*out = (enum action_status)i;
			return true;
		}
	return false;
}

static int finish(struct store *st, int rc, struct maca_err *err)
{
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

static int run(struct store *st, sqlite3_stmt *stmt, const char *what, struct maca_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? MACA_OK : store_db_error(st, err, what);
}

int store_good_practice_add(struct store *st, int64_t audit_id,
			    const struct good_practice_fields *g, int64_t *id, struct maca_err *err)
{
	if (!g->text || !*g->text)
		return err_set(err, MACA_EUSER, "a good practice item needs its text");
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = store_prepare(
		    st,
		    "INSERT INTO good_practice (audit_id, position, text, agencies, cases, "
		    "extra) VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM "
		    "good_practice WHERE audit_id = ?1), ?2, ?3, ?4, ?5)",
		    &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		store_bind_text(stmt, 2, g->text);
		store_bind_text(stmt, 3, g->agencies ? g->agencies : "");
		store_bind_text(stmt, 4, g->cases ? g->cases : "");
		store_bind_text(stmt, 5, g->extra_json ? g->extra_json : "{}");
		rc = run(st, stmt, "adding good practice", err);
	}
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		char item[24];
		snprintf(item, sizeof item, "%lld", (long long)*id);
		rc = store_history_add(st, audit_id, 0, NULL, item, "good-practice", NULL, g->text,
				       NULL, err);
	}
	return finish(st, rc, err);
}

/* Links a learning point to the cases, agencies and sections it draws on. */
static int link_all(struct store *st, int64_t audit_id, int64_t lp_id,
		    const struct learning_point_fields *lp, struct maca_err *err)
{
	const struct template *tpl;
	if (store_cached_template(st, audit_id, &tpl, err))
		return err->status;
	sqlite3_stmt *stmt;
	for (size_t i = 0; lp->cases && i < lp->cases->n; i++) {
		if (store_prepare(st,
				  "INSERT OR IGNORE INTO learning_point_case (learning_point_id, "
				  "case_id) SELECT ?, id FROM audit_case WHERE audit_id = ? AND "
				  "reference = ?",
				  &stmt, err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, lp_id);
		sqlite3_bind_int64(stmt, 2, audit_id);
		store_bind_text(stmt, 3, lp->cases->items[i].id);
		if (run(st, stmt, "linking cases", err))
			return err->status;
	}
	for (size_t i = 0; lp->agencies && i < lp->agencies->n; i++) {
		int64_t agency_id;
		if (store_agency_id(st, audit_id, lp->agencies->items[i].id, &agency_id, err))
			return err->status;
		if (store_prepare(st,
				  "INSERT OR IGNORE INTO learning_point_agency (learning_point_id, "
				  "agency_id) VALUES (?, ?)",
				  &stmt, err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, lp_id);
		sqlite3_bind_int64(stmt, 2, agency_id);
		if (run(st, stmt, "linking agencies", err))
			return err->status;
	}
	for (size_t i = 0; lp->sections && i < lp->sections->n; i++) {
		if (!template_section(tpl, lp->sections->items[i].id))
			return err_set(err, MACA_EUSER, "template %s has no section '%s'", tpl->id,
				       lp->sections->items[i].id);
		if (store_prepare(
			st,
			"INSERT OR IGNORE INTO learning_point_section (learning_point_id, "
			"section_id) VALUES (?, ?)",
			&stmt, err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, lp_id);
		store_bind_text(stmt, 2, lp->sections->items[i].id);
		if (run(st, stmt, "linking sections", err))
			return err->status;
	}
	return MACA_OK;
}

static int check_cases_exist(struct store *st, int64_t audit_id, const struct named_list *cases,
			     struct maca_err *err)
{
	for (size_t i = 0; cases && i < cases->n; i++) {
		sqlite3_stmt *stmt;
		if (store_prepare(st,
				  "SELECT 1 FROM audit_case WHERE audit_id = ? AND reference = ?",
				  &stmt, err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, audit_id);
		store_bind_text(stmt, 2, cases->items[i].id);
		int rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		if (rc == SQLITE_DONE)
			return err_set(err, MACA_EUSER, "the audit has no case \"%s\"",
				       cases->items[i].id);
		if (rc != SQLITE_ROW)
			return store_db_error(st, err, "reading cases");
	}
	return MACA_OK;
}

int store_learning_point_add(struct store *st, int64_t audit_id,
			     const struct learning_point_fields *lp, int64_t *id, int *number,
			     struct maca_err *err)
{
	if (!lp->title || !*lp->title)
		return err_set(err, MACA_EUSER, "a learning point needs a title");
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	/* The cases are looked up inside the transaction: one removed by another maca just
	 * before would otherwise be silently left unlinked. */
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = check_cases_exist(st, audit_id, lp->cases, err);
	if (!rc)
		rc = store_prepare(
		    st,
		    "INSERT INTO learning_point (audit_id, number, title, text, extra) "
		    "VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM learning_point "
		    "WHERE audit_id = ?1), ?2, ?3, ?4) RETURNING id, number",
		    &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		store_bind_text(stmt, 2, lp->title);
		store_bind_text(stmt, 3, lp->text ? lp->text : "");
		store_bind_text(stmt, 4, lp->extra_json ? lp->extra_json : "{}");
		int step = sqlite3_step(stmt);
		if (step == SQLITE_ROW) {
			*id = sqlite3_column_int64(stmt, 0);
			if (number)
				*number = sqlite3_column_int(stmt, 1);
			step = sqlite3_step(stmt);
		}
		sqlite3_finalize(stmt);
		if (step != SQLITE_DONE)
			rc = store_db_error(st, err, "adding the learning point");
	}
	if (!rc)
		rc = link_all(st, audit_id, *id, lp, err);
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, NULL, "learning-point", NULL,
				       lp->title, NULL, err);
	return finish(st, rc, err);
}

/* A learning point's audit, number and (title not NULL) title, which the caller frees. */
static int learning_point_audit(struct store *st, int64_t lp_id, int64_t *audit_id, int *number,
				char **title, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT audit_id, number, title FROM learning_point WHERE id = ?",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, lp_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*audit_id = sqlite3_column_int64(stmt, 0);
		*number = sqlite3_column_int(stmt, 1);
		if (title && !(*title = store_column_dup(stmt, 2))) {
			sqlite3_finalize(stmt);
			return err_set(err, MACA_ENOMEM, "out of memory");
		}
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return err_set(err, MACA_ENOTFOUND, "no learning point %lld", (long long)lp_id);
	return rc == SQLITE_ROW ? MACA_OK : store_db_error(st, err, "reading the learning point");
}

static int count_points(struct store *st, int64_t audit_id, int *n, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT count(*) FROM learning_point WHERE audit_id = ?", &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc = sqlite3_step(stmt);
	*n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? MACA_OK : store_db_error(st, err, "counting learning points");
}

int store_learning_point_move(struct store *st, int64_t lp_id, int number, struct maca_err *err)
{
	int64_t audit_id = 0;
	int old = 0, total = 0;
	if (store_begin(st, err))
		return err->status;
	char *title = NULL;
	int rc = learning_point_audit(st, lp_id, &audit_id, &old, &title, err);
	if (!rc)
		rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = count_points(st, audit_id, &total, err);
	if (!rc && (number < 1 || number > total))
		rc = err_set(err, MACA_EUSER, "learning points are numbered 1 to %d", total);
	if (rc || number == old) {
		free(title);
		return finish(st, rc, err);
	}
	sqlite3_stmt *stmt;
	/* Shift the points between the old and new places by one, then drop this one in. */
	rc = store_prepare(st,
			   "UPDATE learning_point SET number = CASE WHEN id = ?1 THEN ?3 "
			   "WHEN ?3 < ?2 THEN number + 1 ELSE number - 1 END "
			   "WHERE audit_id = ?4 AND number BETWEEN min(?2, ?3) AND max(?2, ?3)",
			   &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, lp_id);
		sqlite3_bind_int(stmt, 2, old);
		sqlite3_bind_int(stmt, 3, number);
		sqlite3_bind_int64(stmt, 4, audit_id);
		rc = run(st, stmt, "renumbering learning points", err);
	}
	if (!rc) {
		char o[16], n[16];
		snprintf(o, sizeof o, "%d", old);
		snprintf(n, sizeof n, "%d", number);
		/* The title says which point moved; its number is what changed. */
		rc = store_history_add(st, audit_id, 0, NULL, title, "learning-point-number", o, n,
				       NULL, err);
	}
	free(title);
	return finish(st, rc, err);
}

int store_learning_point_delete(struct store *st, int64_t lp_id, struct maca_err *err)
{
	int64_t audit_id = 0;
	int number = 0;
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *stmt;
	char *title = NULL;
	int rc = learning_point_audit(st, lp_id, &audit_id, &number, NULL, err);
	if (!rc)
		rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = store_prepare(st, "DELETE FROM learning_point WHERE id = ? RETURNING title",
				   &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, lp_id);
		int step = sqlite3_step(stmt);
		if (step == SQLITE_ROW) {
			title = store_column_dup(stmt, 0);
			step = sqlite3_step(stmt);
		}
		sqlite3_finalize(stmt);
		if (step != SQLITE_DONE)
			rc = store_db_error(st, err, "deleting the learning point");
		else if (!title)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc)
		rc = store_prepare(
		    st,
		    "UPDATE learning_point SET number = number - 1 WHERE audit_id = ? "
		    "AND number > ?",
		    &stmt, err);
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, audit_id);
		sqlite3_bind_int(stmt, 2, number);
		rc = run(st, stmt, "renumbering learning points", err);
	}
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, NULL, "learning-point", title, NULL,
				       NULL, err);
	free(title);
	return finish(st, rc, err);
}

int store_action_add(struct store *st, int64_t lp_id, const struct action_fields *a, int64_t *id,
		     struct maca_err *err)
{
	int64_t audit_id = 0;
	int number = 0;
	if (!a->what || !*a->what)
		return err_set(err, MACA_EUSER, "an action needs to say what will be done");
	if (a->due_date && *a->due_date && !date_valid(a->due_date))
		return err_set(err, MACA_EUSER, "due date '%s' is not a date written YYYY-MM-DD",
			       a->due_date);
	if (store_begin(st, err))
		return err->status;
	int rc = learning_point_audit(st, lp_id, &audit_id, &number, NULL, err);
	if (!rc)
		rc = store_require_open(st, audit_id, err);
	int64_t agency_id;
	if (!rc && a->owner_agency && *a->owner_agency)
		rc = store_agency_id(st, audit_id, a->owner_agency, &agency_id, err);
	char *now = NULL;
	sqlite3_stmt *stmt;
	if (!rc)
		rc = (now = store_now())
			 ? store_prepare(
			       st,
			       "INSERT INTO action (learning_point_id, position, what, "
			       "owner_agency, due_date, measure, status, extra, created_at, "
			       "updated_at) VALUES (?1, (SELECT coalesce(max(position), 0) + 1 "
			       "FROM action WHERE learning_point_id = ?1), ?2, ?3, ?4, ?5, ?6, "
			       "?7, ?8, ?8)",
			       &stmt, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		sqlite3_bind_int64(stmt, 1, lp_id);
		store_bind_text(stmt, 2, a->what);
		store_bind_text(stmt, 3, a->owner_agency ? a->owner_agency : "");
		store_bind_text(stmt, 4, a->due_date ? a->due_date : "");
		store_bind_text(stmt, 5, a->measure ? a->measure : "");
		store_bind_text(stmt, 6, action_status_name(a->status));
		store_bind_text(stmt, 7, a->extra_json ? a->extra_json : "{}");
		store_bind_text(stmt, 8, now);
		rc = run(st, stmt, "adding the action", err);
	}
	free(now);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		char item[24];
		snprintf(item, sizeof item, "%lld", (long long)*id);
		rc = store_history_add(st, audit_id, 0, a->owner_agency, item, "action", NULL,
				       a->what, NULL, err);
	}
	return finish(st, rc, err);
}

int store_action_set_status(struct store *st, int64_t action_id, enum action_status status,
			    const char *note, struct maca_err *err)
{
	if ((unsigned)status > ACTION_CANNOT)
		return err_set(err, MACA_EUSER, "unknown action status %d", (int)status);
	if (note && !utf8_valid(note, strlen(note)))
		return err_set(err, MACA_EUSER, "the progress note is not valid UTF-8");
	struct text_fault fault;
	if (note && !text_check(TEXT_LONG, note, &fault))
		return err_set(err, MACA_EUSER, "the progress note %s", fault.why);
	char *now = store_now();
	if (!now)
		return err_set(err, MACA_ENOMEM, "out of memory");
	/* The action is read inside the transaction, so a delete by another maca in between is
	 * reported rather than recorded. Follow-up after the audit closed is allowed: no
	 * store_require_open here. */
	if (store_begin(st, err)) {
		free(now);
		return err->status;
	}
	sqlite3_stmt *stmt;
	char *old = NULL, *owner = NULL;
	int64_t audit_id = 0;
	int result = store_prepare(st,
				   "SELECT l.audit_id, a.status, a.owner_agency FROM action a JOIN "
				   "learning_point l ON l.id = a.learning_point_id WHERE a.id = ?",
				   &stmt, err);
	if (!result) {
		sqlite3_bind_int64(stmt, 1, action_id);
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			audit_id = sqlite3_column_int64(stmt, 0);
			old = store_column_dup(stmt, 1);
			owner = store_column_dup(stmt, 2);
		}
		sqlite3_finalize(stmt);
		if (rc == SQLITE_DONE)
			result =
			    err_set(err, MACA_ENOTFOUND, "no action %lld", (long long)action_id);
		else if (rc != SQLITE_ROW)
			result = store_db_error(st, err, "reading the action");
		else if (!old || !owner)
			result = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!result)
		result = store_prepare(
		    st, "UPDATE action SET status = ?, updated_at = ? WHERE id = ?", &stmt, err);
	if (!result) {
		store_bind_text(stmt, 1, action_status_name(status));
		store_bind_text(stmt, 2, now);
		sqlite3_bind_int64(stmt, 3, action_id);
		result = run(st, stmt, "updating the action", err);
	}
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)action_id);
	if (!result)
		result =
		    store_history_add(st, audit_id, 0, owner, item, "action-status", old,
				      action_status_name(status), note && *note ? note : NULL, err);
	result = finish(st, result, err);
	free(now);
	free(old);
	free(owner);
	return result;
}
