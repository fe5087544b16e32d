/* The action tracker's queries. See store_actions.h. */
#include "store_actions.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sbuf.h"
#include "store_internal.h"

bool action_is_overdue(const char *due_date, enum action_status status, const char *today)
{
	return due_date && *due_date && today && *today && strcmp(due_date, today) < 0 &&
	       action_status_open(status);
}

void action_today(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!size)
		return;
	if (!localtime_r(&now, &tm) || !strftime(buf, size, "%Y-%m-%d", &tm))
		buf[0] = '\0';
}

static int check_filter(const struct action_filter *f, struct maca_err *err)
{
	if (!f->today || !date_valid(f->today))
		return err_set(err, MACA_EUSER,
			       "today's date '%s' is not a date written YYYY-MM-DD",
			       f->today ? f->today : "");
	if (f->due_before && !date_valid(f->due_before))
		return err_set(err, MACA_EUSER,
			       "due-before date '%s' is not a date written YYYY-MM-DD",
			       f->due_before);
	if (f->due == ACTION_DUE_WITHIN && (f->within_days < 0 || f->within_days > 36600))
		return err_set(err, MACA_EUSER, "due within %d days: give 0 to 36600 days",
			       f->within_days);
	if (f->statuses & ~((1u << ACTION_STATUS_COUNT) - 1))
		return err_set(err, MACA_EUSER, "unknown action status in the filter");
	return MACA_OK;
}

static const struct row_text item_texts[] = {
    {2, offsetof(struct action_item, audit_title)},  {6, offsetof(struct action_item, what)},
    {7, offsetof(struct action_item, owner_agency)}, {8, offsetof(struct action_item, owner_name)},
    {9, offsetof(struct action_item, due_date)},     {10, offsetof(struct action_item, measure)},
    {12, offsetof(struct action_item, note)},	     {13, offsetof(struct action_item, note_at)},
};

static bool read_item(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	const struct action_filter *f = ctx;
	struct action_item *a = p;
	(void)key; /* the query's own order stands */
	a->id = sqlite3_column_int64(stmt, 0);
	a->audit_id = sqlite3_column_int64(stmt, 1);
	const char *audit_status = (const char *)sqlite3_column_text(stmt, 3);
	if (!audit_status || !audit_status_parse(audit_status, &a->audit_status))
		a->audit_status = AUDIT_DRAFT;
	a->point = sqlite3_column_int(stmt, 4);
	a->position = sqlite3_column_int(stmt, 5);
	const char *status = (const char *)sqlite3_column_text(stmt, 11);
	if (!status || !action_status_parse(status, &a->status))
		a->status = ACTION_NOT_STARTED;
	a->overdue = action_is_overdue(a->due_date, a->status, f->today);
	return true;
}

static const struct row_kind item_kind = {
    "reading the actions", NULL,      sizeof(struct action_item),
    ROW_TEXTS(item_texts), read_item, NULL};

/* A history row h of an action that no later row records deleting: SQLite may give a new
 * action the id of one just deleted, which must not inherit the old one's notes. Rows written
 * before the action was created are left out too (an action deleted with its learning point
 * leaves no row of its own). */
#define NOT_DELETED(h, audit)                                                                      \
	" AND NOT EXISTS (SELECT 1 FROM history d WHERE d.audit_id = " audit " AND d.item = " h    \
	".item AND d.field = 'action' AND d.new_value IS NULL AND d.id > " h ".id)"

/* ?3 and ?8 are sets of statuses written ",name,name,": those asked for (NULL: any) and the
 * open ones. The last note is the newest status row with a note. */
static const char list_sql[] =
    "SELECT a.id, au.id, au.title, au.status, l.number, a.position, a.what, a.owner_agency,"
    "  coalesce(ag.name, a.owner_agency), a.due_date, a.measure, a.status,"
    "  coalesce(h.reason, ''), coalesce(h.at, '')"
    " FROM action a"
    " JOIN learning_point l ON l.id = a.learning_point_id"
    " JOIN audit au ON au.id = l.audit_id"
    " LEFT JOIN agency ag ON ag.audit_id = au.id AND ag.code = a.owner_agency"
    " LEFT JOIN history h ON h.id = (SELECT max(x.id) FROM history x WHERE x.audit_id = au.id"
    "   AND x.field = 'action-status' AND x.item = CAST(a.id AS TEXT)"
    "   AND coalesce(x.reason, '') <> '' AND x.at >= a.created_at" NOT_DELETED(
	"x",
	"au.id") ")"
		 " WHERE (?1 = 0 OR au.id = ?1)"
		 "  AND (?2 IS NULL OR a.owner_agency = ?2 COLLATE NOCASE OR ag.name = ?2 COLLATE "
		 "NOCASE)"
		 "  AND (?3 IS NULL OR instr(?3, ',' || a.status || ',') > 0)"
		 "  AND (?4 = 0 OR (a.due_date <> '' AND instr(?8, ',' || a.status || ',') > 0 AND"
		 "   (CASE ?4 WHEN 1 THEN a.due_date < ?5 ELSE a.due_date <= date(?5, '+' || ?6 || "
		 "' days')"
		 "    END)))"
		 "  AND (?7 IS NULL OR (a.due_date <> '' AND a.due_date < ?7))"
		 " ORDER BY a.due_date = '', a.due_date, au.id, l.number, a.position";

/* The statuses in `bits` (ACTION_STATUS_BIT), or the open ones when open, as ",name,name,";
 * NULL on allocation failure. */
static char *status_set(unsigned bits, bool open)
{
	struct sbuf b = {0};
	sbuf_addc(&b, ',');
	for (int s = 0; s < ACTION_STATUS_COUNT; s++)
		if (open ? action_status_open((enum action_status)s)
			 : (bits & ACTION_STATUS_BIT(s)) != 0)
			sbuf_addf(&b, "%s,", action_status_name((enum action_status)s));
	return sbuf_take(&b);
}

int store_actions_list(struct store *st, const struct action_filter *f, struct action_item **out,
		       size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	if (check_filter(f, err))
		return err->status;
	char *wanted = f->statuses ? status_set(f->statuses, false) : NULL;
	char *open = status_set(0, true);
	const char *agency = f->agency && *f->agency ? f->agency : NULL;
	sqlite3_stmt *stmt;
	int rc =
	    open && (wanted || !f->statuses)
		? store_query(st, list_sql,
			      SQL_ARGS(SQL_INT(f->audit_id), SQL_TEXT(agency), SQL_TEXT(wanted),
				       SQL_INT(f->due), SQL_TEXT(f->today), SQL_INT(f->within_days),
				       SQL_TEXT(f->due_before), SQL_TEXT(open)),
			      &stmt, err)
		: err_set(err, MACA_ENOMEM, "out of memory");
	free(wanted);
	free(open);
	if (rc)
		return rc;
	return store_collect(st, stmt, &item_kind, f, out, n, err);
}

void action_items_free(struct action_item *items, size_t n)
{
	store_rows_free(&item_kind, items, n);
}

static const struct row_text note_texts[] = {
    {0, offsetof(struct action_note, at)},	   {1, offsetof(struct action_note, author)},
    {2, offsetof(struct action_note, source)},	   {3, offsetof(struct action_note, old_status)},
    {4, offsetof(struct action_note, new_status)}, {5, offsetof(struct action_note, note)},
};

#define NOTE_SQL                                                                                   \
	"SELECT h.at, h.author, h.source, coalesce(h.old_value, ''),"                              \
	" coalesce(h.new_value, ''), coalesce(h.reason, '')"                                       \
	" FROM action a JOIN learning_point l ON l.id = a.learning_point_id"                       \
	" JOIN history h ON h.audit_id = l.audit_id AND h.field = 'action-status'"                 \
	"  AND h.item = CAST(a.id AS TEXT) AND h.at >= a.created_at" NOT_DELETED(                  \
	    "h", "l.audit_id") " WHERE a.id = ? ORDER BY h.id"

static const struct row_kind note_kind = {"reading the action's progress notes",
					  NOTE_SQL,
					  sizeof(struct action_note),
					  ROW_TEXTS(note_texts),
					  NULL,
					  NULL};

int store_action_notes(struct store *st, int64_t action_id, struct action_note **out, size_t *n,
		       struct maca_err *err)
{
	return store_list(st, &note_kind, action_id, NULL, out, n, err);
}

void action_notes_free(struct action_note *notes, size_t n)
{
	store_rows_free(&note_kind, notes, n);
}

int store_action_owners(struct store *st, int64_t audit_id, struct named_list *out,
			struct maca_err *err)
{
	memset(out, 0, sizeof *out);
	/* One name per code, however many audits name it (the first in order, if they differ). */
	int rc =
	    store_named_read(st,
			     "SELECT code, name FROM (SELECT a.owner_agency AS code,"
			     "  min(coalesce(ag.name, a.owner_agency)) AS name"
			     " FROM action a JOIN learning_point l ON l.id = a.learning_point_id"
			     " LEFT JOIN agency ag ON ag.audit_id = l.audit_id"
			     "  AND ag.code = a.owner_agency"
			     " WHERE a.owner_agency <> '' AND (?1 = 0 OR l.audit_id = ?1)"
			     " GROUP BY a.owner_agency) ORDER BY name COLLATE NOCASE, code",
			     audit_id, true, out, "reading the actions' owners", err);
	if (rc)
		named_list_free(out);
	return rc;
}
