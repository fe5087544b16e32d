/* The audit day's own records: which of the agencies taking part attended, and where the
 * chair is in moderation, which the room view follows. (Which agencies take part is the
 * audit's own record: store_audit.c.) */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"
#include "text_rules.h"

/* --- Attendance ---------------------------------------------------------------------------- */

static const char *const attendance_names[ATTENDANCE_COUNT] = {"", "attended", "apologies",
							       "absent"};
static const char *const attendance_labels[ATTENDANCE_COUNT] = {"Not recorded", "Attended",
								"Sent apologies", "Did not attend"};

const char *attendance_name(enum attendance a)
{
	return (unsigned)a < ATTENDANCE_COUNT ? attendance_names[a] : "";
}

const char *attendance_label(enum attendance a)
{
	return (unsigned)a < ATTENDANCE_COUNT ? attendance_labels[a] : "?";
}

static enum attendance attendance_parse(const char *s)
{
	for (int i = 1; s && i < ATTENDANCE_COUNT; i++)
		if (strcmp(s, attendance_names[i]) == 0)
			return (enum attendance)i;
	return ATTENDANCE_UNKNOWN;
}

static bool read_attendance(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)key; /* the query's order (the agencies') stands */
	(void)ctx;
	struct attendance_row *r = p;
	r->status = attendance_parse((const char *)sqlite3_column_text(stmt, 1));
	return true;
}

static const struct row_text attendance_texts[] = {
    {0, offsetof(struct attendance_row, agency)},
    {2, offsetof(struct attendance_row, note)},
};

#define ATTENDANCE_SQL                                                                             \
	"SELECT g.code, coalesce(t.status, ''), coalesce(t.note, '') FROM agency g LEFT JOIN "     \
	"attendance t ON t.agency_id = g.id WHERE g.audit_id = ? ORDER BY g.position"

static const struct row_kind attendance_kind = {
    "reading attendance",	 ATTENDANCE_SQL,  sizeof(struct attendance_row),
    ROW_TEXTS(attendance_texts), read_attendance, NULL};

int store_attendance_list(struct store *st, int64_t audit_id, struct attendance_row **out,
			  size_t *n, struct maca_err *err)
{
	return store_list(st, &attendance_kind, audit_id, NULL, out, n, err);
}

void attendance_rows_free(struct attendance_row *rows, size_t n)
{
	store_rows_free(&attendance_kind, rows, n);
}

int store_attendance_set(struct store *st, int64_t audit_id, const char *agency,
			 enum attendance status, const char *note, struct maca_err *err)
{
	if ((unsigned)status >= ATTENDANCE_COUNT)
		return err_set(err, MACA_EUSER, "unknown attendance");
	struct text_fault fault;
	if (note && !text_check(TEXT_LINE, note, &fault))
		return err_set(err, MACA_EUSER, "the attendance note %s", fault.why);
	if (store_begin(st, err))
		return err->status;
	int64_t agency_id = 0;
	char *old_status = NULL, *old_note = NULL, *stamp = NULL;
	sqlite3_stmt *stmt;
	bool found = false;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = store_agency_id(st, audit_id, agency, &agency_id, err);
	if (!rc)
		rc = store_row(st, "SELECT status, note FROM attendance WHERE agency_id = ?",
			       SQL_ARGS(SQL_INT(agency_id)), &stmt, &found, "reading attendance",
			       err);
	if (!rc) {
		old_status = found ? store_column_dup(stmt, 0) : strdup("");
		old_note = found ? store_column_dup(stmt, 1) : strdup("");
		if (found)
			store_done(st, stmt);
		if (!old_status || !old_note || !(stamp = store_now()))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	const char *new_note = note ? note : old_note;
	if (!rc && status == ATTENDANCE_UNKNOWN)
		rc = store_run(st, "DELETE FROM attendance WHERE agency_id = ?",
			       SQL_ARGS(SQL_INT(agency_id)), "saving attendance", err);
	else if (!rc)
		rc =
		    store_run(st,
			      "INSERT INTO attendance (agency_id, status, note, updated_at) VALUES "
			      "(?1, ?2, ?3, ?4) ON CONFLICT (agency_id) DO UPDATE SET status = ?2, "
			      "note = ?3, updated_at = ?4",
			      SQL_ARGS(SQL_INT(agency_id), SQL_TEXT(attendance_name(status)),
				       SQL_TEXT(new_note), SQL_TEXT(stamp)),
			      "saving attendance", err);
	if (!rc && strcmp(old_status, attendance_name(status)) != 0)
		rc = store_history_add(st, audit_id, 0, agency, NULL, "attendance",
				       *old_status ? old_status : NULL,
				       status ? attendance_name(status) : NULL, NULL, err);
	if (!rc && status && strcmp(old_note, new_note) != 0)
		rc = store_history_add(st, audit_id, 0, agency, NULL, "attendance-note", old_note,
				       new_note, NULL, err);
	free(old_status);
	free(old_note);
	free(stamp);
	return store_end(st, rc, err);
}

/* --- Where the chair is -------------------------------------------------------------------- */

static const struct row_text chair_place_texts[] = {
    {1, offsetof(struct chair_place, section_id)},
    {2, offsetof(struct chair_place, question_id)},
    {4, offsetof(struct chair_place, updated_at)},
};

void chair_place_free(struct chair_place *p)
{
	store_texts_free(p, ROW_TEXTS(chair_place_texts));
	*p = (struct chair_place){0};
}

int store_chair_place_get(struct store *st, int64_t audit_id, struct chair_place *out, bool *found,
			  struct maca_err *err)
{
	*out = (struct chair_place){0};
	sqlite3_stmt *stmt;
	if (store_row(st,
		      "SELECT coalesce(case_id, 0), section_id, question_id, show_summary, "
		      "updated_at FROM chair_place WHERE audit_id = ?",
		      SQL_ARGS(SQL_INT(audit_id)), &stmt, found, "reading where the chair is", err))
		return err->status;
	struct chair_place at = {.case_id = *found ? sqlite3_column_int64(stmt, 0) : 0,
				 .show_summary = *found && sqlite3_column_int(stmt, 3) != 0};
	if (store_texts_take(st, stmt, &at, ROW_TEXTS(chair_place_texts), err)) /* none: "" */
		return err->status;
	*out = at;
	return MACA_OK;
}

int store_chair_place_set(struct store *st, int64_t audit_id, const struct chair_place *p,
			  struct maca_err *err)
{
	char *stamp = store_now();
	if (!stamp)
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct sql_value none = {.text = true};
	/* One small write: no history, and no audit lock (a closed audit is read through too).
	 * It never waits for another maca that is writing: the chair moves on at once, and the
	 * next move writes the place again. */
	sqlite3_busy_timeout(st->db, 0);
	int rc = store_begin(st, err);
	if (!rc)
		rc = store_run(
		    st,
		    "INSERT INTO chair_place (audit_id, case_id, section_id, "
		    "question_id, show_summary, "
		    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (audit_id) "
		    "DO UPDATE SET "
		    "case_id = ?2, section_id = ?3, question_id = ?4, show_summary = "
		    "?5, updated_at = ?6",
		    SQL_ARGS(SQL_INT(audit_id), p->case_id > 0 ? SQL_INT(p->case_id) : none,
			     SQL_TEXT_OR_EMPTY(p->section_id), SQL_TEXT_OR_EMPTY(p->question_id),
			     SQL_INT(p->show_summary), SQL_TEXT(stamp)),
		    "remembering where the chair is", err);
	free(stamp);
	rc = store_end(st, rc, err);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	return rc;
}

int store_chair_place_latest(struct store *st, int64_t *audit_id, struct maca_err *err)
{
	bool found;
	*audit_id = 0;
	return store_int(st, "SELECT audit_id FROM chair_place ORDER BY updated_at DESC LIMIT 1",
			 NULL, 0, audit_id, &found, "reading where the chair is", err);
}
