/* Actions: what a learning point asks agencies to do, by whom and when, and how it stands
 * (the statuses are the table in store.h); each change leaves history rows, and a status
 * change may carry a progress note. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

static const struct {
	const char *name, *label;
	bool open;
} statuses[] = {
#define ACTION_STATUS_ROW(id, name, label, open) [id] = {name, label, open},
    ACTION_STATUSES(ACTION_STATUS_ROW)
#undef ACTION_STATUS_ROW
};

const char *action_status_name(enum action_status s)
{
	return (unsigned)s < ACTION_STATUS_COUNT ? statuses[s].name : "?";
}

const char *action_status_label(enum action_status s)
{
	return (unsigned)s < ACTION_STATUS_COUNT ? statuses[s].label : "?";
}

bool action_status_open(enum action_status s)
{
	return (unsigned)s < ACTION_STATUS_COUNT && statuses[s].open;
}

bool action_status_parse(const char *s, enum action_status *out)
{
	for (int i = 0; i < ACTION_STATUS_COUNT; i++)
		if (strcmp(s, statuses[i].name) == 0) {
			*out = (enum action_status)i;
			return true;
		}
	return false;
}

/* The history's fields for an action, in the order action_history writes them. */
static const char *const action_fields[] = {"action", "action-owner", "action-due",
					    "action-measure", "action-status"};

/* Reading */

static const struct row_text action_texts[] = {
    {2, offsetof(struct action_row, what)},
    {3, offsetof(struct action_row, owner_agency)},
    {4, offsetof(struct action_row, due_date)},
    {5, offsetof(struct action_row, measure)},
};

#define ACTION_COLUMNS "a.id, a.position, a.what, a.owner_agency, a.due_date, a.measure, a.status"

static bool read_action(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)ctx;
	struct action_row *r = p;
	store_read_numbered(stmt, &r->id, &r->position, key);
	const char *status = (const char *)sqlite3_column_text(stmt, 6);
	if (!status || !action_status_parse(status, &r->status))
		r->status = ACTION_NOT_STARTED; /* the schema's CHECK allows no other */
	return true;
}

#define ACTION_SQL                                                                                 \
	"SELECT " ACTION_COLUMNS " FROM action a WHERE a.learning_point_id = ? "                   \
	"ORDER BY a.position, a.id"

static const struct row_kind action_kind = {
    "reading actions",	     ACTION_SQL,  sizeof(struct action_row),
    ROW_TEXTS(action_texts), read_action, NULL};

void action_row_free(struct action_row *r)
{
	store_row_free(&action_kind, r);
}

int store_point_actions(struct store *st, struct learning_point_row *row, struct maca_err *err)
{
	return store_list(st, &action_kind, row->id, NULL, &row->actions, &row->nactions, err);
}

/* Deleted as every numbered list is (store_audit.c); only that: an action is read for a change
 * by action_read (below), which finds its audit through its learning point, and never moved. */
static const struct numbering action_numbering = {
    .table = "action",
    .number = "position",
    .parent = "learning_point_id",
    .deleting = "deleting the action",
    .renumbering = "renumbering actions",
};

/* An action as held, with what a change to it must know: read inside the write's
 * transaction. */
struct action_held {
	struct action_row row;
	int64_t lp_id;
	int64_t audit_id;
	bool closed;
	char *extra;
};

static void action_held_free(struct action_held *a)
{
	action_row_free(&a->row);
	free(a->extra);
}

static int action_read(struct store *st, int64_t action_id, struct action_held *a,
		       struct maca_err *err)
{
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(st,
		      "SELECT " ACTION_COLUMNS ", a.learning_point_id, l.audit_id, u.status = "
		      "'closed', a.extra FROM action a JOIN learning_point l ON l.id = "
		      "a.learning_point_id JOIN audit u ON u.id = l.audit_id WHERE a.id = ?",
		      SQL_ARGS(SQL_INT(action_id)), &stmt, &found, "reading the action", err))
		return err->status;
	if (!found)
		return err_set(err, MACA_ENOTFOUND, "no action %lld", (long long)action_id);
	struct row_key key;
	bool ok = store_row_read(&action_kind, stmt, &a->row, &key, NULL);
	a->lp_id = sqlite3_column_int64(stmt, 7);
	a->audit_id = sqlite3_column_int64(stmt, 8);
	a->closed = sqlite3_column_int(stmt, 9) != 0;
	ok = (a->extra = store_column_dup(stmt, 10)) && ok;
	store_done(st, stmt);
	return ok ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

/* The fields of an action as held that are no longer what the screen read (expected), of
 * those a save writes (a; NULL: the status alone). */
static void action_conflicts(const struct action_held *held, const struct action_row *expected,
			     const struct action_fields *a, enum action_status status,
			     struct conflicts *c)
{
	const struct action_row *h = &held->row;
	if (a) {
		store_conflict_check(c, action_fields[0], expected->what, h->what, a->what);
		store_conflict_check(c, action_fields[1], expected->owner_agency, h->owner_agency,
				     a->owner_agency);
		store_conflict_check(c, action_fields[2], expected->due_date, h->due_date,
				     a->due_date);
		store_conflict_check(c, action_fields[3], expected->measure, h->measure,
				     a->measure);
	}
	store_conflict_check(c, action_fields[4], action_status_name(expected->status),
			     action_status_name(h->status), action_status_name(status));
}

/* A save found the action changed: hands the action as held to *now. */
static int action_conflict(struct store *st, struct action_held *held, const char *item,
			   const struct conflicts *c, struct action_row *now,
			   struct store_change *by, struct maca_err *err)
{
	int rc = store_conflict(st, (struct history_key){.audit_id = held->audit_id, .item = item},
				c, "the action", by, err);
	if (now) {
		*now = held->row;
		held->row = (struct action_row){0};
	}
	return rc;
}

/* Writing */

static int check_action(const struct action_fields *a, struct maca_err *err)
{
	if (!a->what || !*a->what)
		return err_set(err, MACA_EUSER, "an action needs to say what will be done");
	if (a->due_date && *a->due_date && !date_valid(a->due_date))
		return err_set(err, MACA_EUSER, "due date '%s' is not a date written YYYY-MM-DD",
			       a->due_date);
	return MACA_OK;
}

int store_action_add(struct store *st, int64_t lp_id, const struct action_fields *a, int64_t *id,
		     struct maca_err *err)
{
	if (check_action(a, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	int64_t audit_id = 0, agency_id;
	bool found;
	int rc = store_int(st, "SELECT audit_id FROM learning_point WHERE id = ?",
			   SQL_ARGS(SQL_INT(lp_id)), &audit_id, &found,
			   "reading the learning point", err);
	if (!rc && !found)
		rc = err_set(err, MACA_ENOTFOUND, "no learning point %lld", (long long)lp_id);
	if (!rc)
		rc = store_require_open(st, audit_id, err);
	if (!rc && a->owner_agency && *a->owner_agency)
		rc = store_agency_id(st, audit_id, a->owner_agency, &agency_id, err);
	char *now = NULL;
	if (!rc && !(now = store_now()))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_run(
		    st,
		    "INSERT INTO action (learning_point_id, position, what, owner_agency, "
		    "due_date, measure, status, extra, created_at, updated_at) VALUES "
		    "(?1, (SELECT coalesce(max(position), 0) + 1 FROM action WHERE "
		    "learning_point_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
		    SQL_ARGS(SQL_INT(lp_id), SQL_TEXT(a->what), SQL_TEXT_OR_EMPTY(a->owner_agency),
			     SQL_TEXT_OR_EMPTY(a->due_date), SQL_TEXT_OR_EMPTY(a->measure),
			     SQL_TEXT(action_status_name(a->status)),
			     SQL_TEXT(a->extra_json ? a->extra_json : "{}"), SQL_TEXT(now)),
		    "adding the action", err);
	free(now);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		char item[STORE_ID_TEXT];
		store_id_text(item, *id);
		rc = store_history_add(st, audit_id, 0, a->owner_agency, item, "action", NULL,
				       a->what, NULL, err);
	}
	return store_end(st, rc, err);
}

int store_action_set_status_if(struct store *st, int64_t action_id, enum action_status status,
			       const char *note, const struct action_row *expected,
			       struct action_row *now, struct store_change *by,
			       struct maca_err *err)
{
	if ((unsigned)status >= ACTION_STATUS_COUNT)
		return err_set(err, MACA_EUSER, "unknown action status %d", (int)status);
	if (store_check_utf8("progress note", STORE_TEXTS(note), err) ||
	    store_check_long_text("progress note", note, err))
		return err->status;
	/* The action is read inside the transaction, so a delete by another maca in between is
	 * reported rather than recorded. Follow-up after the audit closed is allowed: no
	 * store_require_open here. */
	if (store_begin(st, err))
		return err->status;
	struct action_held held = {0};
	char item[STORE_ID_TEXT], *stamp = store_now();
	store_id_text(item, action_id);
	int rc = stamp ? action_read(st, action_id, &held, err)
		       : err_set(err, MACA_ENOMEM, "out of memory");
	struct conflicts c = {0};
	if (!rc && expected)
		action_conflicts(&held, expected, NULL, status, &c);
	if (!rc && c.n)
		rc = action_conflict(st, &held, item, &c, now, by, err);
	if (!rc)
		rc = store_run(st, "UPDATE action SET status = ?, updated_at = ? WHERE id = ?",
			       SQL_ARGS(SQL_TEXT(action_status_name(status)), SQL_TEXT(stamp),
					SQL_INT(action_id)),
			       "updating the action", err);
	if (!rc)
		rc =
		    store_history_add(st, held.audit_id, 0, held.row.owner_agency, item,
				      "action-status", action_status_name(held.row.status),
				      action_status_name(status), note && *note ? note : NULL, err);
	free(stamp);
	action_held_free(&held);
	return store_end(st, rc, err);
}

int store_action_set_status(struct store *st, int64_t action_id, enum action_status status,
			    const char *note, struct maca_err *err)
{
	return store_action_set_status_if(st, action_id, status, note, NULL, NULL, NULL, err);
}

static int action_history(struct store *st, const struct action_held *old,
			  const struct action_fields *a, const char *item, struct maca_err *err)
{
	const char *owner = a->owner_agency ? a->owner_agency : "";
	const char *was[] = {old->row.what, old->row.owner_agency, old->row.due_date,
			     old->row.measure, action_status_name(old->row.status)};
	const char *will[] = {a->what, owner, a->due_date ? a->due_date : "",
			      a->measure ? a->measure : "", action_status_name(a->status)};
	for (size_t i = 0; i < 5; i++)
		if (!str_same(was[i], will[i]) &&
		    store_history_add(st, old->audit_id, 0, owner, item, action_fields[i], was[i],
				      will[i], NULL, err))
			return err->status;
	return MACA_OK;
}

int store_action_update_if(struct store *st, int64_t action_id, const struct action_fields *a,
			   const struct action_row *expected, struct action_row *now,
			   struct store_change *by, struct maca_err *err)
{
	if (check_action(a, err))
		return err->status;
	if ((unsigned)a->status >= ACTION_STATUS_COUNT)
		return err_set(err, MACA_EUSER, "unknown action status %d", (int)a->status);
	if (store_check_utf8("action", STORE_TEXTS(a->what, a->measure), err))
		return err->status;
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	struct action_held old = {0};
	char item[STORE_ID_TEXT];
	store_id_text(item, action_id);
	rc = action_read(st, action_id, &old, err);
	bool content =
	    !str_same(old.row.what, a->what) || !str_same(old.row.owner_agency, a->owner_agency) ||
	    !str_same(old.row.due_date, a->due_date) || !str_same(old.row.measure, a->measure) ||
	    (a->extra_json && !str_same(old.extra, a->extra_json));
	bool changed = content || old.row.status != a->status;
	struct conflicts c = {0};
	if (!rc && expected)
		action_conflicts(&old, expected, a, a->status, &c);
	if (!rc && c.n)
		rc = action_conflict(st, &old, item, &c, now, by, err);
	/* Status alone is follow-up, allowed once the audit is closed; nothing else is. */
	if (!rc && content && old.closed)
		rc = store_require_open(st, old.audit_id, err);
	int64_t agency_id;
	if (!rc && content && a->owner_agency && *a->owner_agency)
		rc = store_agency_id(st, old.audit_id, a->owner_agency, &agency_id, err);
	char *stamp = NULL;
	if (!rc && changed && !(stamp = store_now()))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && changed)
		rc = store_run(
		    st,
		    "UPDATE action SET what = ?, owner_agency = ?, due_date = ?, measure = "
		    "?, status = ?, extra = coalesce(?, extra), updated_at = ? WHERE id = ?",
		    SQL_ARGS(SQL_TEXT(a->what), SQL_TEXT_OR_EMPTY(a->owner_agency),
			     SQL_TEXT_OR_EMPTY(a->due_date), SQL_TEXT_OR_EMPTY(a->measure),
			     SQL_TEXT(action_status_name(a->status)), SQL_TEXT(a->extra_json),
			     SQL_TEXT(stamp), SQL_INT(action_id)),
		    "saving the action", err);
	if (!rc && changed)
		rc = action_history(st, &old, a, item, err);
	free(stamp);
	action_held_free(&old);
	return store_end(st, rc, err);
}

int store_action_update(struct store *st, int64_t action_id, const struct action_fields *a,
			struct maca_err *err)
{
	return store_action_update_if(st, action_id, a, NULL, NULL, NULL, err);
}

int store_action_delete(struct store *st, int64_t action_id, struct maca_err *err)
{
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	struct action_held old = {0};
	rc = action_read(st, action_id, &old, err);
	if (!rc)
		rc = store_require_open(st, old.audit_id, err);
	if (!rc)
		rc = store_numbered_delete(st, &action_numbering, action_id, old.lp_id,
					   old.row.position, err);
	char item[STORE_ID_TEXT];
	store_id_text(item, action_id);
	if (!rc)
		rc = store_history_add(st, old.audit_id, 0, old.row.owner_agency, item, "action",
				       old.row.what, NULL, NULL, err);
	action_held_free(&old);
	return store_end(st, rc, err);
}
