/* Audits: creating one (or taking one from a pack), changing its details and the agencies
 * taking part, finding and reading them, the earlier audit a re-audit follows up, its status
 * (draft, moderation, closed) with the lock a closed audit puts on changes (and the numbered
 * lists it keeps, good practice and learning points, changed under it), its progress, and
 * deleting it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"
#include "text_rules.h"

/* Inside the caller's transaction: makes `agencies` the audit's agencies taking part, as
 * store_audit_set_agencies says, without checking the chair agency (below). */
static int agencies_replace(struct store *st, int64_t audit_id, const struct named_list *agencies,
			    struct maca_err *err);

static const char *const status_names[] = {"draft", "moderation", "closed"};

const char *audit_status_name(enum audit_status s)
{
	return (unsigned)s < 3 ? status_names[s] : "?";
}

bool audit_status_parse(const char *s, enum audit_status *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum audit_status)i;
			return true;
		}
	return false;
}

/* An audit's status and (title not NULL) title as they are now, inside the caller's
 * transaction. */
static int audit_state(struct store *st, int64_t audit_id, enum audit_status *status, char **title,
		       struct maca_err *err)
{
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(st, "SELECT status, title FROM audit WHERE id = ?",
		      SQL_ARGS(SQL_INT(audit_id)), &stmt, &found, "reading the audit", err))
		return err->status;
	if (!found)
		return err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
	const char *s = (const char *)sqlite3_column_text(stmt, 0);
	if (!s || !audit_status_parse(s, status))
		*status = AUDIT_DRAFT;
	int rc = MACA_OK;
	if (title && !(*title = store_column_dup(stmt, 1)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	store_done(st, stmt);
	return rc;
}

int store_audit_exists(struct store *st, int64_t audit_id, struct maca_err *err)
{
	enum audit_status status;
	return audit_state(st, audit_id, &status, NULL, err);
}

int store_audit_rows(struct store *st, const struct row_kind *kind, int64_t audit_id, void *out,
		     size_t *n, struct maca_err *err)
{
	if (!store_audit_exists(st, audit_id, err))
		return store_list(st, kind, audit_id, NULL, out, n, err);
	store_rows_none(out, n);
	return err->status;
}

int store_require_open(struct store *st, int64_t audit_id, struct maca_err *err)
{
	enum audit_status status = AUDIT_DRAFT;
	char *title = NULL;
	int rc = audit_state(st, audit_id, &status, &title, err);
	if (!rc && status == AUDIT_CLOSED)
		rc =
		    err_set(err, MACA_ELOCKED,
			    "audit %lld (%s) is closed; reopen it first, giving a reason (key ! on "
			    "maca's moderation screen)",
			    (long long)audit_id, title);
	free(title);
	return rc;
}

/* Numbered lists (store_internal.h): an audit's lists read for a change under its lock and
 * moved, every list's rows deleted, keeping each numbered 1 to n. Every list's statements are
 * these, built from its table and columns for each use (a move or a delete is one keystroke):
 * the store's cache keeps each statement by its text all the same. */

enum numbered_stmt {
	NUMBERED_OPEN,
	NUMBERED_PLACE,
	NUMBERED_COUNT,
	NUMBERED_MOVE,
	NUMBERED_DELETE,
	NUMBERED_CLOSE
};

/* The statement's text for the list (sqlite3_free it); NULL when out of memory. */
static char *numbered_sql(const struct numbering *nb, enum numbered_stmt which)
{
	const char *t = nb->table, *n = nb->number, *p = nb->parent;
	switch (which) {
	case NUMBERED_OPEN:
		/* The kind's columns, then the parent's id. */
		return sqlite3_mprintf("SELECT %s, \"%w\" FROM \"%w\" WHERE id = ?", nb->columns, p,
				       t);
	case NUMBERED_PLACE:
		/* Where a row is, and what names it in the history. */
		return sqlite3_mprintf("SELECT \"%w\", \"%w\", \"%w\" FROM \"%w\" WHERE id = ?", n,
				       p, nb->moved_item, t);
	case NUMBERED_COUNT:
		return sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE \"%w\" = ?", t, p);
	case NUMBERED_MOVE:
		/* Row ?1 from number ?2 to ?3 among parent ?4's: the rows between shift by one
		 * towards the place it left, and it drops into its new one. */
		return sqlite3_mprintf(
		    "UPDATE \"%w\" SET \"%w\" = CASE WHEN id = ?1 THEN ?3 WHEN "
		    "?3 < ?2 THEN \"%w\" + 1 ELSE \"%w\" - 1 END WHERE \"%w\" = ?4 "
		    "AND \"%w\" BETWEEN min(?2, ?3) AND max(?2, ?3)",
		    t, n, n, n, p, n);
	case NUMBERED_DELETE:
		return sqlite3_mprintf("DELETE FROM \"%w\" WHERE id = ?", t);
	case NUMBERED_CLOSE:
		/* The rows of parent ?1 after number ?2 move up one. */
		return sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = \"%w\" - 1 WHERE \"%w\" = ? "
				       "AND \"%w\" > ?",
				       t, n, n, p, n);
	}
	return NULL;
}

/* store_run for one of the list's statements. */
static int numbered_run(struct store *st, const struct numbering *nb, enum numbered_stmt which,
			const struct sql_value *v, size_t n, const char *what, struct maca_err *err)
{
	char *sql = numbered_sql(nb, which);
	if (!sql)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = store_run(st, sql, v, n, what, err);
	sqlite3_free(sql);
	return rc;
}

int store_numbered_open(struct store *st, const struct numbering *nb, int64_t id, void *row,
			int64_t *audit_id, struct maca_err *err)
{
	char *sql = numbered_sql(nb, NUMBERED_OPEN);
	if (!sql)
		return err_set(err, MACA_ENOMEM, "out of memory");
	sqlite3_stmt *stmt;
	bool found;
	int rc = store_row(st, sql, SQL_ARGS(SQL_INT(id)), &stmt, &found, nb->opening, err);
	sqlite3_free(sql);
	if (rc)
		return rc;
	if (!found)
		return err_set(err, MACA_ENOTFOUND, "no %s %lld", nb->noun, (long long)id);
	struct row_key key;
	*audit_id = sqlite3_column_int64(stmt, sqlite3_column_count(stmt) - 1);
	bool ok = store_row_read(nb->kind, stmt, row, &key, NULL);
	store_done(st, stmt);
	if (!ok)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return store_require_open(st, *audit_id, err);
}

/* Inside the caller's transaction: moves row id, numbered `from` in audit_id's list, to `to`,
 * and leaves a history row naming it `item` when it moved. */
static int numbered_shift(struct store *st, const struct numbering *nb, int64_t id,
			  int64_t audit_id, int from, int to, const char *item,
			  struct maca_err *err)
{
	char *sql = numbered_sql(nb, NUMBERED_COUNT);
	if (!sql)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int64_t total = 0;
	bool found;
	int rc = store_int(st, sql, SQL_ARGS(SQL_INT(audit_id)), &total, &found, nb->counting, err);
	sqlite3_free(sql);
	if (rc)
		return rc;
	if (to < 1 || to > total)
		return err_set(err, MACA_EUSER, "%s are numbered 1 to %d", nb->plural, (int)total);
	if (to == from)
		return MACA_OK;
	if (numbered_run(st, nb, NUMBERED_MOVE,
			 SQL_ARGS(SQL_INT(id), SQL_INT(from), SQL_INT(to), SQL_INT(audit_id)),
			 nb->moving, err))
		return err->status;
	char o[16], n[16];
	snprintf(o, sizeof o, "%d", from);
	snprintf(n, sizeof n, "%d", to);
	return store_history_add(st, audit_id, 0, NULL, item, nb->moved_field, o, n, NULL, err);
}

int store_numbered_move(struct store *st, const struct numbering *nb, int64_t id, int to,
			struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	char *sql = numbered_sql(nb, NUMBERED_PLACE), *item = NULL;
	sqlite3_stmt *stmt = NULL;
	bool found = false;
	int rc = sql ? store_row(st, sql, SQL_ARGS(SQL_INT(id)), &stmt, &found, nb->opening, err)
		     : err_set(err, MACA_ENOMEM, "out of memory");
	sqlite3_free(sql);
	if (!rc && !found)
		rc = err_set(err, MACA_ENOTFOUND, "no %s %lld", nb->noun, (long long)id);
	int from = 0;
	int64_t audit_id = 0;
	if (!rc) {
		from = sqlite3_column_int(stmt, 0);
		audit_id = sqlite3_column_int64(stmt, 1);
		if (!(item = store_column_dup(stmt, 2)))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		store_done(st, stmt);
	}
	if (!rc)
		rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = numbered_shift(st, nb, id, audit_id, from, to, item, err);
	free(item);
	return store_end(st, rc, err);
}

int store_numbered_delete(struct store *st, const struct numbering *nb, int64_t id,
			  int64_t parent_id, int number, struct maca_err *err)
{
	if (numbered_run(st, nb, NUMBERED_DELETE, SQL_ARGS(SQL_INT(id)), nb->deleting, err))
		return err->status;
	return numbered_run(st, nb, NUMBERED_CLOSE, SQL_ARGS(SQL_INT(parent_id), SQL_INT(number)),
			    nb->renumbering, err);
}

/* Reading audits */

#define AUDIT_SELECT                                                                               \
	"SELECT a.id, a.uuid, a.title, a.theme, a.template_id, a.template_version, "               \
	"a.template_hash, a.partnership, a.chair_agency, a.audit_date, a.background, a.status, "   \
	"(SELECT count(*) FROM audit_case c WHERE c.audit_id = a.id), "                            \
	"(SELECT count(*) FROM agency g WHERE g.audit_id = a.id), "                                \
	"(SELECT coalesce(sum(c.answered), 0) FROM audit_case c WHERE c.audit_id = a.id), "        \
	"coalesce(a.reaudit_of, '') FROM audit a "

static const struct row_text audit_texts[] = {
    {2, offsetof(struct audit_info, title)},	   {3, offsetof(struct audit_info, theme)},
    {4, offsetof(struct audit_info, template_id)}, {6, offsetof(struct audit_info, template_hash)},
    {7, offsetof(struct audit_info, partnership)}, {8, offsetof(struct audit_info, chair_agency)},
    {9, offsetof(struct audit_info, audit_date)},  {10, offsetof(struct audit_info, background)},
};

static bool read_audit(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order stands */
	(void)ctx;
	struct audit_info *a = p;
	a->id = sqlite3_column_int64(stmt, 0);
	const unsigned char *uuid = sqlite3_column_text(stmt, 1);
	snprintf(a->uuid, sizeof a->uuid, "%s", uuid ? (const char *)uuid : "");
	a->template_version = (long)sqlite3_column_int64(stmt, 5);
	const char *status = (const char *)sqlite3_column_text(stmt, 11);
	if (!status || !audit_status_parse(status, &a->status))
		a->status = AUDIT_DRAFT;
	a->ncases = sqlite3_column_int64(stmt, 12);
	a->nagencies = sqlite3_column_int64(stmt, 13);
	a->nanswers = sqlite3_column_int64(stmt, 14);
	const unsigned char *earlier = sqlite3_column_text(stmt, 15);
	snprintf(a->reaudit_of, sizeof a->reaudit_of, "%s", earlier ? (const char *)earlier : "");
	return true;
}

static const struct row_kind audit_kind = {
    "listing audits", NULL, sizeof(struct audit_info), ROW_TEXTS(audit_texts), read_audit, NULL};

int store_audit_get(struct store *st, int64_t id, struct audit_info *out, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(st, AUDIT_SELECT "WHERE a.id = ?", SQL_ARGS(SQL_INT(id)), &stmt, &found,
		      "reading the audit", err))
		return err->status;
	if (!found)
		return err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)id);
	int rc = MACA_OK;
	*out = (struct audit_info){0};
	if (!store_row_read(&audit_kind, stmt, out, NULL, NULL)) {
		audit_info_free(out);
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	store_done(st, stmt);
	return rc;
}

int store_audit_list(struct store *st, struct audit_info **out, size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	if (store_query(st, AUDIT_SELECT "ORDER BY a.id", NULL, 0, &stmt, err))
		return err->status;
	return store_collect(st, stmt, &audit_kind, NULL, out, n, err);
}

void audit_info_free(struct audit_info *a)
{
	store_row_free(&audit_kind, a);
}

void audit_info_list_free(struct audit_info *list, size_t n)
{
	store_rows_free(&audit_kind, list, n);
}

int store_audit_resolve(struct store *st, const char *ref, int64_t *id, struct maca_err *err)
{
	long n;
	bool by_id = parse_long(ref, &n) && n > 0;
	if (!by_id && strlen(ref) < 8)
		return err_set(err, MACA_EUSER,
			       "'%s' is not an audit id; give the number from `maca list` or at "
			       "least 8 characters of the audit's UUID",
			       ref);
	/* Eight or more digits may also be a UUID prefix: one UUID in 40 starts that way. */
	sqlite3_stmt *stmt;
	if (store_query(st,
			"SELECT id FROM audit WHERE id = ?2 OR (length(?1) >= 8 AND "
			"substr(uuid, 1, length(?1)) = lower(?1))",
			SQL_ARGS(SQL_TEXT(ref), SQL_INT(by_id ? n : 0)), &stmt, err))
		return err->status;
	int found = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		found++;
	}
	int result = rc == SQLITE_DONE ? MACA_OK : store_db_error(st, err, "finding the audit");
	store_done(st, stmt);
	if (result)
		return result;
	if (found == 0)
		return err_set(err, MACA_ENOTFOUND, "no audit '%s'; `maca list` shows the audits",
			       ref);
	if (found > 1)
		return err_set(err, MACA_EUSER, "'%s' matches %d audits; give more of the UUID",
			       ref, found);
	return MACA_OK;
}

int store_audit_by_uuid(struct store *st, const char *uuid, int64_t *id, struct maca_err *err)
{
	bool found;
	*id = 0;
	return store_int(st, "SELECT id FROM audit WHERE uuid = ?", SQL_ARGS(SQL_TEXT(uuid)), id,
			 &found, "finding the audit", err);
}

/* Re-audits */

/* Checks that the audit `ref` can be re-audited from tpl and copies its UUID: the same
 * template id, and a version no newer than tpl's (questions are mapped by id from the older
 * version to the newer; the other way round would compare against questions not yet
 * written). Runs inside the creating transaction, so the earlier audit cannot vanish between
 * the check and the insert. */
static int reaudit_check(struct store *st, const struct template *tpl, const char *ref,
			 char uuid[UUID_STR_LEN], struct maca_err *err)
{
	int64_t earlier;
	if (store_audit_resolve(st, ref, &earlier, err)) {
		err_prefix(err, "re-audit of");
		return err->status;
	}
	struct audit_info old;
	if (store_audit_get(st, earlier, &old, err))
		return err->status;
	int rc = MACA_OK;
	if (strcmp(old.template_id, tpl->id) != 0)
		rc = err_set(err, MACA_EUSER,
			     "audit %lld uses template %s, not %s: a re-audit must use the same "
			     "template (or a newer version of it)",
			     (long long)old.id, old.template_id, tpl->id);
	else if (old.template_version > tpl->version)
		rc =
		    err_set(err, MACA_EUSER,
			    "audit %lld uses %s version %ld, newer than version %ld: a re-audit "
			    "needs the same version or a newer one",
			    (long long)old.id, old.template_id, old.template_version, tpl->version);
	else
		memcpy(uuid, old.uuid, UUID_STR_LEN);
	audit_info_free(&old);
	return rc;
}

int store_audit_earlier(struct store *st, int64_t audit_id, int64_t *earlier, struct maca_err *err)
{
	bool found;
	*earlier = 0;
	return store_int(st,
			 "SELECT e.id FROM audit a JOIN audit e ON e.uuid = a.reaudit_of WHERE "
			 "a.id = ?",
			 SQL_ARGS(SQL_INT(audit_id)), earlier, &found, "finding the earlier audit",
			 err);
}

/* Creating and changing audits */

static int insert_agency(struct store *st, int64_t audit_id, const char *code, const char *name,
			 size_t position, const char *what, struct maca_err *err)
{
	return store_run(
	    st, "INSERT INTO agency (audit_id, code, name, position) VALUES (?, ?, ?, ?)",
	    SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(code), SQL_TEXT(name), SQL_INT(position)), what,
	    err);
}

static int insert_agencies(struct store *st, int64_t audit_id, const struct named_list *agencies,
			   struct maca_err *err)
{
	for (size_t i = 0; i < agencies->n; i++)
		if (insert_agency(st, audit_id, agencies->items[i].id, agencies->items[i].label,
				  i + 1, "adding agencies", err)) {
			if (store_constraint_failed(st))
				err_set(err, MACA_EUSER, "agency '%s' is listed twice",
					agencies->items[i].id);
			return err->status;
		}
	return MACA_OK;
}

int store_audit_create(struct store *st, const struct audit_new *a, int64_t *id,
		       struct maca_err *err)
{
	const struct template *tpl = a->tpl;
	const struct named_list *agencies = a->agencies ? a->agencies : &tpl->agencies;
	if (!a->title || !*a->title)
		return err_set(err, MACA_EUSER, "an audit needs a title");
	if (agencies->n == 0)
		return err_set(err, MACA_EUSER, "an audit needs at least one agency taking part");
	if (a->chair_agency && *a->chair_agency && !named_find(agencies, a->chair_agency))
		return err_set(err, MACA_EUSER, "chair agency '%s' is not taking part in the audit",
			       a->chair_agency);
	if (a->audit_date && *a->audit_date && !date_valid(a->audit_date))
		return err_set(err, MACA_EUSER, "audit date '%s' is not a date written YYYY-MM-DD",
			       a->audit_date);
	char uuid[UUID_STR_LEN];
	if (!uuid_generate(uuid))
		return err_set(err, MACA_EIO, "no randomness available to make the audit's UUID");
	if (store_begin(st, err))
		return err->status;
	char earlier[UUID_STR_LEN] = "", *now = store_now();
	int rc = !now ? err_set(err, MACA_ENOMEM, "out of memory")
		 : a->reaudit_of && *a->reaudit_of
		     ? reaudit_check(st, tpl, a->reaudit_of, earlier, err)
		     : MACA_OK;
	if (!rc)
		rc = store_run(
		    st,
		    "INSERT INTO audit (uuid, title, theme, template_id, template_version, "
		    "template_hash, template_text, partnership, chair_agency, audit_date, "
		    "background, extra, created_at, updated_at, reaudit_of) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    SQL_ARGS(SQL_TEXT(uuid), SQL_TEXT(a->title),
			     SQL_TEXT(a->theme && *a->theme ? a->theme : tpl->theme),
			     SQL_TEXT(tpl->id), SQL_INT(tpl->version), SQL_TEXT(tpl->hash),
			     SQL_TEXTN(tpl->source, tpl->source_len),
			     SQL_TEXT_OR_EMPTY(a->partnership), SQL_TEXT_OR_EMPTY(a->chair_agency),
			     SQL_TEXT_OR_EMPTY(a->audit_date), SQL_TEXT_OR_EMPTY(a->background),
			     SQL_TEXT(a->extra_json ? a->extra_json : "{}"), SQL_TEXT(now),
			     SQL_TEXT(now), SQL_TEXT(*earlier ? earlier : NULL)),
		    "creating the audit", err);
	free(now);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = insert_agencies(st, *id, agencies, err);
	}
	if (!rc)
		rc = store_history_add(st, *id, 0, NULL, NULL, "audit", NULL, a->title, NULL, err);
	if (!rc && *earlier)
		rc = store_history_add(st, *id, 0, NULL, NULL, "audit-reaudit-of", NULL, earlier,
				       NULL, err);
	return store_end(st, rc, err);
}

int store_audit_copy(struct store *st, const struct audit_copy *a, int64_t *id,
		     struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	char *now = store_now();
	int rc = !now
		     ? err_set(err, MACA_ENOMEM, "out of memory")
		     : store_run(
			   st,
			   "INSERT INTO audit (uuid, title, theme, template_id, template_version, "
			   "template_hash, template_text, created_at, updated_at) VALUES (?, ?, ?, "
			   "?, ?, ?, ?, ?, ?)",
			   SQL_ARGS(SQL_TEXT(a->uuid), SQL_TEXT(a->title), SQL_TEXT(a->theme),
				    SQL_TEXT(a->tpl->id), SQL_INT(a->tpl->version),
				    SQL_TEXT(a->tpl->hash),
				    SQL_TEXTN(a->tpl->source, a->tpl->source_len), SQL_TEXT(now),
				    SQL_TEXT(now)),
			   "creating the audit", err);
	free(now);
	if (!rc) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = insert_agency(st, *id, a->agency_code, a->agency_name, 1, "adding the agency",
				   err);
	}
	if (!rc)
		rc = store_history_add(st, *id, 0, NULL, NULL, "audit", NULL, a->title, NULL, err);
	return store_end(st, rc, err);
}

int store_audit_update(struct store *st, int64_t id, const struct audit_new *a,
		       struct maca_err *err)
{
	if (!a->title || !*a->title)
		return err_set(err, MACA_EUSER, "an audit needs a title");
	if (a->audit_date && *a->audit_date && !date_valid(a->audit_date))
		return err_set(err, MACA_EUSER, "audit date '%s' is not a date written YYYY-MM-DD",
			       a->audit_date);
	/* The lock and the old values are read inside the transaction: another maca cannot
	 * close the audit, or change what the history says it was, in between. */
	if (store_begin(st, err))
		return err->status;
	int64_t ignored = 0;
	struct audit_info old = {0};
	int rc = store_require_open(st, id, err);
	if (!rc && a->agencies)
		rc = agencies_replace(st, id, a->agencies, err);
	if (!rc && a->chair_agency && *a->chair_agency)
		rc = store_agency_id(st, id, a->chair_agency, &ignored, err);
	if (!rc)
		rc = store_audit_get(st, id, &old, err);
	if (rc)
		return store_end(st, rc, err);
	static const char *const fields[] = {"audit-title", "audit-theme", "audit-partnership",
					     "audit-chair", "audit-date",  "audit-background"};
	const char *was[] = {old.title,	       old.theme,      old.partnership,
			     old.chair_agency, old.audit_date, old.background};
	const char *now[] = {a->title,
			     a->theme ? a->theme : "",
			     a->partnership ? a->partnership : "",
			     a->chair_agency ? a->chair_agency : "",
			     a->audit_date ? a->audit_date : "",
			     a->background ? a->background : ""};
	char *stamp = store_now();
	rc = stamp ? store_run(st,
			       "UPDATE audit SET title = ?, theme = ?, partnership = ?, "
			       "chair_agency = ?, audit_date = ?, background = ?, "
			       "extra = coalesce(?, extra), updated_at = ? WHERE id = ?",
			       SQL_ARGS(SQL_TEXT(now[0]), SQL_TEXT(now[1]), SQL_TEXT(now[2]),
					SQL_TEXT(now[3]), SQL_TEXT(now[4]), SQL_TEXT(now[5]),
					SQL_TEXT(a->extra_json), SQL_TEXT(stamp), SQL_INT(id)),
			       "changing the audit", err)
		   : err_set(err, MACA_ENOMEM, "out of memory");
	free(stamp);
	for (int i = 0; !rc && i < 6; i++)
		if (strcmp(was[i], now[i]) != 0)
			rc = store_history_add(st, id, 0, NULL, NULL, fields[i], was[i], now[i],
					       NULL, err);
	audit_info_free(&old);
	return store_end(st, rc, err);
}

/* Status and deletion */

/* Closing needs every case moderated, counted inside the closing transaction so that a case
 * added or unmarked by another maca just before is seen. */
static int require_all_moderated(struct store *st, int64_t audit_id, struct maca_err *err)
{
	int64_t open_cases = 0;
	bool found;
	if (store_int(st,
		      "SELECT count(*) FROM audit_case WHERE audit_id = ? AND moderated_at IS NULL",
		      SQL_ARGS(SQL_INT(audit_id)), &open_cases, &found, "reading cases", err))
		return err->status;
	if (open_cases > 0)
		return err_set(err, MACA_EUSER,
			       "%lld case(s) are not yet marked moderated; an audit closes only "
			       "once every case is marked moderated",
			       (long long)open_cases);
	return MACA_OK;
}

int store_audit_set_status(struct store *st, int64_t audit_id, enum audit_status status,
			   const char *reason, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	enum audit_status old = AUDIT_DRAFT;
	int rc = audit_state(st, audit_id, &old, NULL, err);
	if (rc || old == status)
		return store_end(st, rc, err);
	if (old == AUDIT_CLOSED && (!reason || !*reason))
		rc = err_set(err, MACA_ELOCKED,
			     "audit %lld is closed; reopening it needs a reason, which the history "
			     "keeps",
			     (long long)audit_id);
	if (!rc && status == AUDIT_CLOSED)
		rc = require_all_moderated(st, audit_id, err);
	char *now = NULL;
	if (!rc && !(now = store_now()))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_run(
		    st, "UPDATE audit SET status = ?, updated_at = ? WHERE id = ?",
		    SQL_ARGS(SQL_TEXT(audit_status_name(status)), SQL_TEXT(now), SQL_INT(audit_id)),
		    "changing the audit's status", err);
	free(now);
	if (!rc)
		rc =
		    store_history_add(st, audit_id, 0, NULL, NULL, "status", audit_status_name(old),
				      audit_status_name(status), reason, err);
	return store_end(st, rc, err);
}

int store_audit_delete(struct store *st, int64_t audit_id, bool force, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	enum audit_status status = AUDIT_DRAFT;
	char *title = NULL;
	int rc = audit_state(st, audit_id, &status, &title, err);
	if (!rc && status == AUDIT_CLOSED && !force)
		rc = err_set(err, MACA_ELOCKED,
			     "audit %lld (%s) is closed; deleting a closed audit must be asked for "
			     "as such",
			     (long long)audit_id, title);
	free(title);
	if (!rc)
		rc = store_run(st, "DELETE FROM audit WHERE id = ?", SQL_ARGS(SQL_INT(audit_id)),
			       "deleting the audit", err);
	if (!rc && st->tpl_audit == audit_id)
		st->tpl_audit = 0; /* the id may come back with another template */
	return store_end(st, rc, err);
}

/* Progress */

int store_audit_progress(struct store *st, int64_t audit_id, int64_t *answered, int64_t *expected,
			 struct maca_err *err)
{
	*answered = *expected = 0;
	const struct template *tpl;
	if (store_cached_template(st, audit_id, &tpl, err))
		return err->status;
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(st,
		      "SELECT (SELECT count(*) FROM audit_case WHERE audit_id = ?1), "
		      "(SELECT count(*) FROM agency WHERE audit_id = ?1), "
		      "(SELECT coalesce(sum(answered), 0) FROM audit_case WHERE audit_id = ?1)",
		      SQL_ARGS(SQL_INT(audit_id)), &stmt, &found, "counting cases and answers",
		      err))
		return err->status;
	if (!found)
		return store_db_error(st, err, "counting cases and answers");
	int64_t ncases = sqlite3_column_int64(stmt, 0);
	int64_t nagencies = sqlite3_column_int64(stmt, 1);
	/* Kept by triggers (migration 3); saving checks every answer is to one of the
	 * template's questions, so this counts the template's own questions only. */
	*answered = sqlite3_column_int64(stmt, 2);
	store_done(st, stmt);
	*expected = ncases * nagencies * (int64_t)tpl->nquestions;
	return MACA_OK;
}

/* --- The agencies taking part ------------------------------------------------------------ */

/* What an agency holds in an audit, in words ("12 answers, 3 notes"); "" when nothing, so
 * that dropping it loses nothing. */
static int agency_holdings(struct store *st, int64_t agency_id, char **out, struct maca_err *err)
{
	*out = NULL;
	static const char *const queries[] = {
	    "SELECT count(*) FROM answer WHERE agency_id = ? AND (value <> '' OR evidence <> '')",
	    "SELECT count(*) FROM section_note WHERE agency_id = ? AND text <> ''",
	    "SELECT count(*) FROM learning_point_agency WHERE agency_id = ?",
	};
	static const char *const nouns[][2] = {
	    {"answer", "answers"}, {"note", "notes"}, {"learning point", "learning points"}};
	struct sbuf b = {0};
	for (size_t i = 0; i < 3; i++) {
		int64_t n = 0;
		bool found;
		if (store_int(st, queries[i], SQL_ARGS(SQL_INT(agency_id)), &n, &found,
			      "reading the agency's answers", err)) {
			sbuf_free(&b);
			return err->status;
		}
		if (n > 0)
			sbuf_addf(&b, "%s%lld %s", b.len ? ", " : "", (long long)n,
				  nouns[i][n != 1]);
	}
	*out = sbuf_take(&b); /* "" when it holds nothing */
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

static int agencies_replace(struct store *st, int64_t audit_id, const struct named_list *agencies,
			    struct maca_err *err)
{
	if (agencies->n == 0)
		return err_set(err, MACA_EUSER, "an audit needs at least one agency taking part");
	for (size_t i = 0; i < agencies->n; i++) {
		struct text_fault fault;
		if (!text_check(TEXT_ID, agencies->items[i].id, &fault))
			return err_set(err, MACA_EUSER, "the agency id '%s' %s",
				       agencies->items[i].id, fault.why);
		for (size_t j = 0; j < i; j++)
			if (strcmp(agencies->items[i].id, agencies->items[j].id) == 0)
				return err_set(err, MACA_EUSER, "agency '%s' is listed twice",
					       agencies->items[i].id);
	}
	struct named_list old = {0};
	if (store_audit_agencies(st, audit_id, &old, err))
		return err->status;
	int rc = MACA_OK;
	/* Dropped: only an agency that holds nothing, so that nothing anyone wrote is lost. */
	for (size_t i = 0; !rc && i < old.n; i++) {
		if (named_find(agencies, old.items[i].id))
			continue;
		int64_t agency_id = 0;
		char *held = NULL;
		rc = store_agency_id(st, audit_id, old.items[i].id, &agency_id, err);
		if (!rc)
			rc = agency_holdings(st, agency_id, &held, err);
		if (!rc && *held)
			rc = err_set(err, MACA_EUSER, "Kept %s: it has %s in this audit",
				     old.items[i].label, held);
		free(held);
		if (!rc)
			rc = store_run(st, "DELETE FROM agency WHERE id = ?",
				       SQL_ARGS(SQL_INT(agency_id)), "changing the agencies", err);
	}
	for (size_t i = 0; !rc && i < agencies->n; i++) {
		const struct named *a = &agencies->items[i];
		rc = named_find(&old, a->id)
			 ? store_run(st,
				     "UPDATE agency SET name = ?, position = ? WHERE audit_id = ? "
				     "AND code = ?",
				     SQL_ARGS(SQL_TEXT(a->label), SQL_INT(i + 1), SQL_INT(audit_id),
					      SQL_TEXT(a->id)),
				     "changing the agencies", err)
			 : store_run(st,
				     "INSERT INTO agency (audit_id, code, name, position) VALUES "
				     "(?, ?, ?, ?)",
				     SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(a->id),
					      SQL_TEXT(a->label), SQL_INT(i + 1)),
				     "changing the agencies", err);
	}
	char *was = rc ? NULL : store_ids_text(&old), *now = rc ? NULL : store_ids_text(agencies);
	if (!rc && (!was || !now))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && strcmp(was, now) != 0)
		rc = store_history_add(st, audit_id, 0, NULL, NULL, "audit-agencies", was, now,
				       NULL, err);
	free(was);
	free(now);
	named_list_free(&old);
	return rc;
}

int store_audit_set_agencies(struct store *st, int64_t audit_id, const struct named_list *agencies,
			     struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = agencies_replace(st, audit_id, agencies, err);
	/* The chair agency stays one of those taking part. */
	int64_t chair_gone = 0;
	bool found;
	if (!rc)
		rc = store_int(
		    st,
		    "SELECT count(*) FROM audit a WHERE a.id = ? AND a.chair_agency <> '' "
		    "AND NOT EXISTS (SELECT 1 FROM agency g WHERE g.audit_id = a.id AND "
		    "g.code = a.chair_agency)",
		    SQL_ARGS(SQL_INT(audit_id)), &chair_gone, &found, "reading the audit", err);
	if (!rc && chair_gone)
		rc = err_set(err, MACA_EUSER,
			     "the chair agency would no longer take part: choose another chair "
			     "agency first; nothing was changed");
	return store_end(st, rc, err);
}
