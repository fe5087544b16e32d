/* The audit day's own records: which agencies take part (chosen, and changed later), which
 * of them attended, and where the chair is in moderation, which the room view follows. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"
#include "text_rules.h"

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

int store_agencies_replace(struct store *st, int64_t audit_id, const struct named_list *agencies,
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
		rc = store_agencies_replace(st, audit_id, agencies, err);
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
	*r = (struct attendance_row){
	    .agency = store_column_dup(stmt, 0),
	    .status = attendance_parse((const char *)sqlite3_column_text(stmt, 1)),
	    .note = store_column_dup(stmt, 2)};
	return r->agency && r->note;
}

static void attendance_row_free(void *p)
{
	struct attendance_row *r = p;
	free(r->agency);
	free(r->note);
}

int store_attendance_list(struct store *st, int64_t audit_id, struct attendance_row **out,
			  size_t *n, struct maca_err *err)
{
	static const struct row_kind kind = {sizeof **out, read_attendance, attendance_row_free,
					     "reading attendance"};
	void *rows;
	int rc = store_collect_by_id(
	    st,
	    "SELECT g.code, coalesce(t.status, ''), coalesce(t.note, '') FROM agency g LEFT JOIN "
	    "attendance t ON t.agency_id = g.id WHERE g.audit_id = ? ORDER BY g.position",
	    audit_id, &kind, NULL, &rows, n, err);
	*out = rows;
	return rc;
}

void attendance_rows_free(struct attendance_row *rows, size_t n)
{
	store_rows_free(rows, n, sizeof *rows, attendance_row_free);
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

void chair_place_free(struct chair_place *p)
{
	free(p->section_id);
	free(p->question_id);
	free(p->updated_at);
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
	if (*found) {
		out->case_id = sqlite3_column_int64(stmt, 0);
		out->section_id = store_column_dup(stmt, 1);
		out->question_id = store_column_dup(stmt, 2);
		out->show_summary = sqlite3_column_int(stmt, 3) != 0;
		out->updated_at = store_column_dup(stmt, 4);
		store_done(st, stmt);
	} else {
		out->section_id = strdup("");
		out->question_id = strdup("");
		out->updated_at = strdup("");
	}
	if (out->section_id && out->question_id && out->updated_at)
		return MACA_OK;
	chair_place_free(out);
	return err_set(err, MACA_ENOMEM, "out of memory");
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
		rc = store_run(st,
			       "INSERT INTO chair_place (audit_id, case_id, section_id, "
			       "question_id, show_summary, "
			       "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (audit_id) "
			       "DO UPDATE SET "
			       "case_id = ?2, section_id = ?3, question_id = ?4, show_summary = "
			       "?5, updated_at = ?6",
			       SQL_ARGS(SQL_INT(audit_id),
					p->case_id > 0 ? SQL_INT(p->case_id) : none,
					SQL_TEXT(p->section_id ? p->section_id : ""),
					SQL_TEXT(p->question_id ? p->question_id : ""),
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
