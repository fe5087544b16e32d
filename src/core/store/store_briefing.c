/* The briefing as the chair shapes it: per layout, what changed in each part from the layout's
 * own, and the briefing's settings. See store.h. A part's row is made the first time anything
 * of it changes; a NULL column keeps the layout's. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

/* The standard layout's background is the audit's own column, as the audit form edits it. */
static bool is_audit_background(const char *layout, const char *name)
{
	return strcmp(layout, "standard") == 0 && strcmp(name, "background") == 0;
}

/* A heading or text that is NULL is the layout's own. */
static const struct row_text part_texts[] = {
    {0, offsetof(struct briefing_part_row, layout)},
    {1, offsetof(struct briefing_part_row, name)},
    {4 | ROW_KEEP_NULL, offsetof(struct briefing_part_row, heading)},
    {5 | ROW_KEEP_NULL, offsetof(struct briefing_part_row, text)},
};

static bool read_part(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order stands */
	(void)ctx;
	struct briefing_part_row *r = p;
	r->position = sqlite3_column_int(stmt, 2);
	r->shown = sqlite3_column_type(stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(stmt, 3);
	return true;
}

#define PART_SQL                                                                                   \
	"SELECT * FROM (SELECT layout, name, position, shown, heading, CASE WHEN layout = "        \
	"'standard' AND name = 'background' THEN (SELECT nullif(background, '') FROM audit "       \
	"WHERE id = ?1) ELSE text END AS text FROM briefing_part WHERE audit_id = ?1 "             \
	"UNION ALL SELECT 'standard', 'background', NULL, NULL, NULL, background FROM audit "      \
	"WHERE id = ?1 AND background <> '' AND NOT EXISTS (SELECT 1 FROM briefing_part "          \
	"WHERE audit_id = ?1 AND layout = 'standard' AND name = 'background')) "                   \
	"ORDER BY layout, position IS NULL, position, name"

static const struct row_kind part_kind = {
    "reading the briefing's parts", PART_SQL,  sizeof(struct briefing_part_row),
    ROW_TEXTS(part_texts),	    read_part, NULL};

void briefing_part_rows_free(struct briefing_part_row *rows, size_t n)
{
	store_rows_free(&part_kind, rows, n);
}

int store_briefing_parts(struct store *st, int64_t audit_id, struct briefing_part_row **out,
			 size_t *n, struct maca_err *err)
{
	return store_audit_rows(st, &part_kind, audit_id, out, n, err);
}

/* The history's item for a part: "standard/background". NULL when out of memory. */
static char *part_item(const char *layout, const char *name)
{
	return str_fmt("%s/%s", layout, name);
}

/* Makes the part's row if it has none, inside the caller's transaction. */
static int part_row(struct store *st, int64_t audit_id, const char *layout, const char *name,
		    struct maca_err *err)
{
	return store_run(
	    st,
	    "INSERT OR IGNORE INTO briefing_part (audit_id, layout, name) VALUES (?, ?, "
	    "?)",
	    SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(layout), SQL_TEXT(name)),
	    "saving the briefing's part", err);
}

/* One column of a part's row as text, inside the caller's transaction: with keep_null, NULL
 * when it is NULL (or there is no row), else "". */
static int part_column(struct store *st, int64_t audit_id, const char *layout, const char *name,
		       const char *column, bool keep_null, char **out, struct maca_err *err)
{
	*out = NULL;
	char *sql = str_fmt("SELECT %s FROM briefing_part WHERE audit_id = ? AND layout = ? AND "
			    "name = ?",
			    column);
	if (!sql)
		return err_set(err, MACA_ENOMEM, "out of memory");
	sqlite3_stmt *stmt;
	bool found;
	int rc = store_row(st, sql, SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(layout), SQL_TEXT(name)),
			   &stmt, &found, "reading the briefing's part", err);
	free(sql);
	if (rc)
		return rc;
	bool null = !found || sqlite3_column_type(stmt, 0) == SQLITE_NULL;
	*out = null ? (keep_null ? NULL : strdup("")) : store_column_dup(stmt, 0);
	if (found)
		store_done(st, stmt);
	return *out || (null && keep_null) ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

static bool same_or_null(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* Sets one column (value NULL: back to the layout's) with a history row of `field` holding
 * the old and new values as text (NULL for the layout's). */
static int part_set(struct store *st, int64_t audit_id, const char *layout, const char *name,
		    const char *column, struct sql_value value, const char *field,
		    const char *new_text, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	char *old = NULL, *item = part_item(layout, name), *sql = NULL;
	int rc = item ? store_require_open(st, audit_id, err)
		      : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = part_column(st, audit_id, layout, name, column, true, &old, err);
	if (!rc)
		rc = part_row(st, audit_id, layout, name, err);
	if (!rc && !(sql = str_fmt("UPDATE briefing_part SET %s = ? WHERE audit_id = ? AND "
				   "layout = ? AND name = ?",
				   column)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_run(st, sql,
			       SQL_ARGS(value, SQL_INT(audit_id), SQL_TEXT(layout), SQL_TEXT(name)),
			       "saving the briefing's part", err);
	if (!rc && !same_or_null(old, new_text))
		rc =
		    store_history_add(st, audit_id, 0, NULL, item, field, old, new_text, NULL, err);
	free(sql);
	free(old);
	free(item);
	return store_end(st, rc, err);
}

int store_briefing_part_shown(struct store *st, int64_t audit_id, const char *layout,
			      const char *name, int shown, struct maca_err *err)
{
	struct sql_value none = {.text = true};
	return part_set(st, audit_id, layout, name, "shown", shown < 0 ? none : SQL_INT(shown != 0),
			"briefing-shown",
			shown < 0 ? NULL
			: shown	  ? "1"
				  : "0",
			err);
}

int store_briefing_part_heading(struct store *st, int64_t audit_id, const char *layout,
				const char *name, const char *heading, struct maca_err *err)
{
	if (store_check_utf8("heading", STORE_TEXTS(heading), err))
		return err->status;
	return part_set(st, audit_id, layout, name, "heading", SQL_TEXT(heading),
			"briefing-heading", heading, err);
}

/* The text held for a part ("" for none), inside the caller's transaction. */
static int text_held(struct store *st, int64_t audit_id, const char *layout, const char *name,
		     char **out, struct maca_err *err)
{
	if (!is_audit_background(layout, name))
		return part_column(st, audit_id, layout, name, "text", false, out, err);
	*out = NULL;
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(st, "SELECT background FROM audit WHERE id = ?", SQL_ARGS(SQL_INT(audit_id)),
		      &stmt, &found, "reading the audit", err))
		return err->status;
	if (!found)
		return err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
	*out = store_column_dup(stmt, 0);
	store_done(st, stmt);
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int store_briefing_part_text_if(struct store *st, int64_t audit_id, const char *layout,
				const char *name, const char *text, const char *expected,
				char **now, struct store_change *by, struct maca_err *err)
{
	const char *want = text ? text : "";
	if (store_check_utf8("briefing's text", STORE_TEXTS(want), err))
		return err->status;
	if (store_check_long_text("briefing's text", want, err))
		return err->status;
	bool background = is_audit_background(layout, name);
	const char *field = background ? "audit-background" : "briefing-text";
	if (store_begin(st, err))
		return err->status;
	char *old = NULL, *item = part_item(layout, name);
	int rc = item ? store_require_open(st, audit_id, err)
		      : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = text_held(st, audit_id, layout, name, &old, err);
	struct conflicts c = {0};
	if (!rc)
		store_conflict_check(&c, field, expected, old, want);
	if (!rc && c.n) {
		rc = store_conflict(
		    st,
		    (struct history_key){.audit_id = audit_id, .item = background ? NULL : item},
		    &c, "the briefing's text", by, err);
		if (now) {
			*now = old;
			old = NULL;
		}
	}
	struct sql_value none = {.text = true};
	if (!rc && background)
		rc = store_run(st, "UPDATE audit SET background = ? WHERE id = ?",
			       SQL_ARGS(SQL_TEXT(want), SQL_INT(audit_id)),
			       "saving the audit's background", err);
	else if (!rc && !(rc = part_row(st, audit_id, layout, name, err)))
		rc =
		    store_run(st,
			      "UPDATE briefing_part SET text = ? WHERE audit_id = ? AND layout = ? "
			      "AND name = ?",
			      SQL_ARGS(*want ? SQL_TEXT(want) : none, SQL_INT(audit_id),
				       SQL_TEXT(layout), SQL_TEXT(name)),
			      "saving the briefing's text", err);
	if (!rc && strcmp(old, want) != 0)
		rc = store_history_add(st, audit_id, 0, NULL, background ? NULL : item, field, old,
				       want, NULL, err);
	free(old);
	free(item);
	return store_end(st, rc, err);
}

/* A layout's order as one line for the history: the parts that have a place, in order. */
static int order_text(struct store *st, int64_t audit_id, const char *layout, char **out,
		      struct maca_err *err)
{
	*out = NULL;
	sqlite3_stmt *stmt;
	if (store_query(st,
			"SELECT name FROM briefing_part WHERE audit_id = ? AND layout = ? AND "
			"position IS NOT NULL ORDER BY position, name",
			SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(layout)), &stmt, err))
		return err->status;
	struct sbuf b = {0};
	int step, rc = MACA_OK;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		sbuf_addf(&b, "%s%s", b.len ? "," : "", (const char *)sqlite3_column_text(stmt, 0));
	if (step != SQLITE_DONE)
		rc = store_db_error(st, err, "reading the briefing's order");
	store_done(st, stmt);
	if (!rc && !(*out = sbuf_take(&b)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	sbuf_free(&b);
	return rc;
}

int store_briefing_order(struct store *st, int64_t audit_id, const char *layout,
			 const char *const *names, size_t n, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	char *old = NULL, *now = NULL;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = order_text(st, audit_id, layout, &old, err);
	if (!rc)
		rc = store_run(st,
			       "UPDATE briefing_part SET position = NULL WHERE audit_id = ? AND "
			       "layout = ?",
			       SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(layout)),
			       "saving the briefing's order", err);
	for (size_t i = 0; !rc && i < n; i++)
		if (!(rc = part_row(st, audit_id, layout, names[i], err)))
			rc = store_run(
			    st,
			    "UPDATE briefing_part SET position = ? WHERE audit_id = ? AND "
			    "layout = ? AND name = ?",
			    SQL_ARGS(SQL_INT(i + 1), SQL_INT(audit_id), SQL_TEXT(layout),
				     SQL_TEXT(names[i])),
			    "saving the briefing's order", err);
	if (!rc)
		rc = order_text(st, audit_id, layout, &now, err);
	if (!rc && strcmp(old, now) != 0)
		rc = store_history_add(st, audit_id, 0, NULL, layout, "briefing-order", old, now,
				       NULL, err);
	free(old);
	free(now);
	return store_end(st, rc, err);
}

int store_briefing_settings(struct store *st, int64_t audit_id, struct named_list *out,
			    struct maca_err *err)
{
	if (store_audit_exists(st, audit_id, err))
		return err->status;
	return store_named_read(
	    st, "SELECT name, value FROM briefing_setting WHERE audit_id = ? ORDER BY name",
	    audit_id, true, out, "reading the briefing's settings", err);
}

int store_briefing_setting(struct store *st, int64_t audit_id, const char *name, const char *value,
			   struct maca_err *err)
{
	const char *want = value ? value : "";
	if (!utf8_valid(want, strlen(want)))
		return err_set(err, MACA_EUSER, "the briefing's %s is not valid UTF-8", name);
	if (store_check_long_text("briefing's setting", want, err))
		return err->status;
	if (store_begin(st, err))
		return err->status;
	char *old = NULL;
	sqlite3_stmt *stmt;
	bool found = false;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = store_row(st,
			       "SELECT value FROM briefing_setting WHERE audit_id = ? AND name = ?",
			       SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(name)), &stmt, &found,
			       "reading the briefing's settings", err);
	if (!rc) {
		old = found ? store_column_dup(stmt, 0) : strdup("");
		if (found)
			store_done(st, stmt);
		if (!old)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc && *want)
		rc = store_run(
		    st,
		    "INSERT INTO briefing_setting (audit_id, name, value) VALUES (?1, ?2, "
		    "?3) ON CONFLICT (audit_id, name) DO UPDATE SET value = ?3",
		    SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(name), SQL_TEXT(want)),
		    "saving the briefing's settings", err);
	else if (!rc)
		rc = store_run(st, "DELETE FROM briefing_setting WHERE audit_id = ? AND name = ?",
			       SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(name)),
			       "saving the briefing's settings", err);
	if (!rc && strcmp(old, want) != 0)
		rc = store_history_add(st, audit_id, 0, NULL, name, "briefing-setting", old, want,
				       NULL, err);
	free(old);
	return store_end(st, rc, err);
}
