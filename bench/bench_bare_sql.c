/* The bare baselines: for each step maca-bench times, the least SQLite and the disk must do
 * for a correct result, written with plain sqlite3 calls (no maca code) on the same database,
 * with maca's pragmas: WAL, synchronous=FULL (every commit made durable with fdatasync) and
 * foreign keys enforced. They write the same rows maca writes and read the same rows maca
 * reads; what they leave out is listed at each, and is counted as maca's own cost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_bare.h"

enum { SAVE_CASE, SAVE_OLD, SAVE_UPSERT, SAVE_HISTORY, SAVE_NSTMTS };

struct bare {
	sqlite3 *db;
	char *return_path;
	int64_t audit_id, agency_id; /* the largest audit, and agency-1 in it */
	int64_t *cases;		     /* its cases, in position order */
	size_t ncases;
	sqlite3_stmt *save[SAVE_NSTMTS];
};

static int fail(sqlite3 *db, struct maca_err *err, const char *what)
{
	return err_set(err, MACA_EDB, "bare baseline: %s: %s", what,
		       db ? sqlite3_errmsg(db) : "out of memory");
}

static int exec(sqlite3 *db, const char *sql, struct maca_err *err)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? MACA_OK : fail(db, err, sql);
}

/* The same statements as maca's for the answer's upsert and the history row. */
static const char *const save_sql[SAVE_NSTMTS] = {
    "SELECT c.audit_id, a.status FROM audit_case c JOIN audit a ON a.id = c.audit_id "
    "WHERE c.id = ?1",
    "SELECT value, evidence FROM answer WHERE case_id = ?1 AND agency_id = ?2 AND "
    "question_id = ?3",
    "INSERT INTO answer (case_id, agency_id, question_id, value, evidence, author, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (case_id, agency_id, question_id) DO "
    "UPDATE SET value = ?4, evidence = ?5, author = ?6, updated_at = ?7",
    "INSERT INTO history_log (audit_id, case_id, agency, item, field, old_value, new_value, at, "
    "author, source, reason, checksum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, "
    "?11)",
};

static int read_ids(struct bare *b, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(b->db, "SELECT id FROM agency WHERE audit_id = ?1 AND code = ?2", -1,
			       &stmt, NULL) != SQLITE_OK)
		return fail(b->db, err, "preparing");
	sqlite3_bind_int64(stmt, 1, b->audit_id);
	sqlite3_bind_text(stmt, 2, BENCH_SAVE_AGENCY, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt) == SQLITE_ROW ? MACA_OK : fail(b->db, err, "no agency-1");
	b->agency_id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc || sqlite3_prepare_v2(b->db,
				     "SELECT id FROM audit_case WHERE audit_id = ?1 ORDER BY "
				     "position",
				     -1, &stmt, NULL) != SQLITE_OK)
		return rc ? rc : fail(b->db, err, "preparing");
	sqlite3_bind_int64(stmt, 1, b->audit_id);
	size_t cap = 0;
	while (!rc && sqlite3_step(stmt) == SQLITE_ROW) {
		if (b->ncases == cap) {
			cap = cap ? 2 * cap : 64;
			int64_t *grown = realloc(b->cases, cap * sizeof *grown);
			if (!grown) {
				rc = err_set(err, MACA_ENOMEM, "out of memory");
				break;
			}
			b->cases = grown;
		}
		b->cases[b->ncases++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (!rc && b->ncases == 0)
		rc = err_set(err, MACA_EUSER, "bare baseline: the largest audit has no cases");
	return rc;
}

int bare_open(const char *path, const struct bench_db *db, struct bare **out, struct maca_err *err)
{
	*out = NULL;
	struct bare *b = calloc(1, sizeof *b);
	if (!b)
		return err_set(err, MACA_ENOMEM, "out of memory");
	b->audit_id = db->largest_audit;
	b->return_path = bench_return_path(path, false);
	int rc = b->return_path ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && sqlite3_open_v2(path, &b->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = fail(b->db, err, "opening");
	/* maca's pragmas; the file is in WAL mode already (maca left it so). */
	if (!rc)
		rc = sqlite3_busy_timeout(b->db, 5000) == SQLITE_OK
			 ? MACA_OK
			 : fail(b->db, err, "busy timeout");
	if (!rc)
		rc = exec(b->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", err);
	if (!rc)
		rc = read_ids(b, err);
	for (int i = 0; !rc && i < SAVE_NSTMTS; i++)
		if (sqlite3_prepare_v2(b->db, save_sql[i], -1, &b->save[i], NULL) != SQLITE_OK)
			rc = fail(b->db, err, "preparing");
	if (rc) {
		bare_close(b);
		return rc;
	}
	*out = b;
	return MACA_OK;
}

void bare_close(struct bare *b)
{
	if (!b)
		return;
	for (int i = 0; i < SAVE_NSTMTS; i++)
		sqlite3_finalize(b->save[i]);
	sqlite3_close(b->db);
	free(b->cases);
	free(b->return_path);
	free(b);
}

static int step_done(sqlite3 *db, sqlite3_stmt *stmt, struct maca_err *err, const char *what)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? MACA_OK : fail(db, err, what);
}

static bool same(const unsigned char *a, const char *b)
{
	return strcmp(a ? (const char *)a : "", b) == 0;
}

/* One history row of a change from old to new (old NULL: there was none). */
static int history(struct bare *b, int64_t audit_id, int64_t case_id, const char *agency,
		   const char *item, const char *field, const unsigned char *old, int old_len,
		   const char *new_value, int new_len, const char *at, const char *source,
		   const char *checksum, struct maca_err *err)
{
	sqlite3_stmt *h = b->save[SAVE_HISTORY];
	sqlite3_bind_int64(h, 1, audit_id);
	sqlite3_bind_int64(h, 2, case_id);
	sqlite3_bind_text(h, 3, agency, -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 4, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 5, field, -1, SQLITE_STATIC);
	if (old)
		sqlite3_bind_text(h, 6, (const char *)old, old_len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(h, 6);
	sqlite3_bind_text(h, 7, new_value, new_len, SQLITE_STATIC);
	sqlite3_bind_text(h, 8, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 9, "bench", -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 10, source, -1, SQLITE_STATIC);
	if (checksum)
		sqlite3_bind_text(h, 11, checksum, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(h, 11);
	return step_done(b->db, h, err, "recording history");
}

static void bind_answer(sqlite3_stmt *up, int64_t case_id, int64_t agency_id, const char *question,
			const char *value, int value_len, const char *evidence, int evidence_len,
			const char *author, const char *at)
{
	sqlite3_bind_int64(up, 1, case_id);
	sqlite3_bind_int64(up, 2, agency_id);
	sqlite3_bind_text(up, 3, question, -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 4, value, value_len, SQLITE_STATIC);
	sqlite3_bind_text(up, 5, evidence, evidence_len, SQLITE_STATIC);
	sqlite3_bind_text(up, 6, author, -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 7, at, -1, SQLITE_STATIC);
}

/* A save, as the least a correct one does: in one write transaction, check that the case's
 * audit is not closed (another maca may have closed it), read the answer held (the history
 * row keeps the old value beside the new), upsert the answer, add a history row for each
 * field that changed, commit (one fdatasync of the write-ahead log). The statements are
 * prepared once, as a program saving many answers would. Left out, as maca's own cost:
 * checking the value against the template and the text as UTF-8, resolving the agency's
 * code to its id (done once here), and maca's check that the file was not replaced. */
int bare_save(struct bare *b, int i, double *ms, struct maca_err *err)
{
	struct bench_save s;
	bench_save_target(b->cases, b->ncases, i, true, &s);
	double t0 = bench_now_ms();
	char at[32];
	bench_timestamp(at);
	int rc = exec(b->db, "BEGIN IMMEDIATE", err);
	sqlite3_stmt *c = b->save[SAVE_CASE], *old = b->save[SAVE_OLD];
	int64_t audit_id = 0;
	if (!rc) {
		sqlite3_bind_int64(c, 1, s.case_id);
		if (sqlite3_step(c) != SQLITE_ROW)
			rc = fail(b->db, err, "no such case");
		else if (same(sqlite3_column_text(c, 1), "closed"))
			rc = err_set(err, MACA_ELOCKED, "bare baseline: the audit is closed");
		audit_id = sqlite3_column_int64(c, 0);
		sqlite3_reset(c);
	}
	if (!rc) {
		sqlite3_bind_int64(old, 1, s.case_id);
		sqlite3_bind_int64(old, 2, b->agency_id);
		sqlite3_bind_text(old, 3, s.question, -1, SQLITE_STATIC);
		int step = sqlite3_step(old);
		bool found = step == SQLITE_ROW;
		if (!found && step != SQLITE_DONE)
			rc = fail(b->db, err, "reading the answer");
		const unsigned char *v = found ? sqlite3_column_text(old, 0) : NULL;
		int vlen = found ? sqlite3_column_bytes(old, 0) : 0;
		if (!rc && !same(v, s.value))
			rc = history(b, audit_id, s.case_id, BENCH_SAVE_AGENCY, s.question,
				     "answer", v, vlen, s.value, -1, at, "keyboard", NULL, err);
		const unsigned char *e = found ? sqlite3_column_text(old, 1) : NULL;
		int elen = found ? sqlite3_column_bytes(old, 1) : 0;
		if (!rc && !same(e, s.evidence))
			rc =
			    history(b, audit_id, s.case_id, BENCH_SAVE_AGENCY, s.question,
				    "evidence", e, elen, s.evidence, -1, at, "keyboard", NULL, err);
		sqlite3_reset(old);
	}
	if (!rc) {
		sqlite3_stmt *up = b->save[SAVE_UPSERT];
		bind_answer(up, s.case_id, b->agency_id, s.question, s.value, -1, s.evidence, -1,
			    "bench", at);
		rc = step_done(b->db, up, err, "saving the answer");
	}
	if (!rc)
		rc = exec(b->db, "COMMIT", err);
	if (rc)
		sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
	*ms = bench_now_ms() - t0;
	return rc;
}

/* Steps through every row of each statement (bound to the audit) in one read transaction,
 * as maca reads one snapshot, taking every column in its own type. Statements are prepared
 * for each run: an export is one run of them (one command, one process). */
static int read_all(sqlite3 *db, const char *const *sql, size_t n, int64_t audit_id,
		    struct maca_err *err)
{
	int rc = exec(db, "BEGIN", err);
	size_t bytes = 0;
	int64_t sum = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_stmt *stmt;
		if (sqlite3_prepare_v2(db, sql[i], -1, &stmt, NULL) != SQLITE_OK) {
			rc = fail(db, err, sql[i]);
			break;
		}
		sqlite3_bind_int64(stmt, 1, audit_id);
		int step;
		while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(stmt); c++)
				switch (sqlite3_column_type(stmt, c)) {
				case SQLITE_INTEGER:
					sum += sqlite3_column_int64(stmt, c);
					break;
				case SQLITE_NULL:
					break;
				default:
					if (sqlite3_column_text(stmt, c))
						bytes += (size_t)sqlite3_column_bytes(stmt, c);
				}
		if (step != SQLITE_DONE)
			rc = fail(db, err, sql[i]);
		sqlite3_finalize(stmt);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (!rc && bytes == 0 && sum == 0)
		rc = err_set(err, MACA_EUSER, "bare baseline: the reads found nothing");
	return rc;
}

/* What the briefing reads: the audit (with its template's text, which maca parses), its
 * agencies, its cases with their tags, the agreed grades of its cases, its good practice,
 * its learning points with the cases, agencies and sections they name, and their actions.
 * Each table is read once for the whole audit. The answers are not read: the briefing does
 * not read them either. */
static const char *const briefing_sql[] = {
    "SELECT id, uuid, title, theme, template_id, template_version, template_hash, "
    "template_text, partnership, chair_agency, audit_date, background, status, reaudit_of "
    "FROM audit WHERE id = ?1",
    "SELECT code, name FROM agency WHERE audit_id = ?1 ORDER BY position",
    "SELECT c.id, c.reference, c.age_band, c.plan_status, c.moderated_at, c.answered, "
    "(SELECT group_concat(tag, ',') FROM case_tag t WHERE t.case_id = c.id) FROM audit_case "
    "c WHERE c.audit_id = ?1 ORDER BY c.position",
    "SELECT g.case_id, g.question_id, g.grade, g.rationale FROM agreed_grade g JOIN "
    "audit_case c ON c.id = g.case_id WHERE c.audit_id = ?1",
    "SELECT id, position, text, agencies, cases FROM good_practice WHERE audit_id = ?1 ORDER "
    "BY position, id",
    "SELECT id, number, title, text FROM learning_point WHERE audit_id = ?1 ORDER BY number, id",
    "SELECT l.learning_point_id, c.reference FROM learning_point_case l JOIN learning_point p "
    "ON p.id = l.learning_point_id JOIN audit_case c ON c.id = l.case_id WHERE p.audit_id = ?1",
    "SELECT l.learning_point_id, g.code, g.name FROM learning_point_agency l JOIN "
    "learning_point p ON p.id = l.learning_point_id JOIN agency g ON g.id = l.agency_id WHERE "
    "p.audit_id = ?1",
    "SELECT l.learning_point_id, l.section_id FROM learning_point_section l JOIN "
    "learning_point p ON p.id = l.learning_point_id WHERE p.audit_id = ?1",
    "SELECT a.id, a.learning_point_id, a.position, a.what, a.owner_agency, a.due_date, "
    "a.measure, a.status FROM action a JOIN learning_point p ON p.id = a.learning_point_id "
    "WHERE p.audit_id = ?1 ORDER BY a.learning_point_id, a.position",
};

int bare_briefing(struct bare *b, struct maca_err *err)
{
	return read_all(b->db, briefing_sql, sizeof briefing_sql / sizeof briefing_sql[0],
			b->audit_id, err);
}

/* What the CSV export reads: the template's text (for the sections' and questions' titles
 * and the grades' labels), the agencies' names, and every answer of the audit with its case,
 * agency and agreed grade, in the export's order. Writing the CSV itself (5 MB of quoted
 * text at the default size) is left out: the target's ratio leaves room for it. */
static const char *const csv_sql[] = {
    "SELECT template_text FROM audit WHERE id = ?1",
    "SELECT code, name FROM agency WHERE audit_id = ?1 ORDER BY position",
    "SELECT c.reference, ag.code, w.question_id, w.value, w.evidence, g.grade, g.rationale "
    "FROM audit_case c JOIN answer w ON w.case_id = c.id JOIN agency ag ON ag.id = "
    "w.agency_id LEFT JOIN agreed_grade g ON g.case_id = w.case_id AND g.question_id = "
    "w.question_id WHERE c.audit_id = ?1 ORDER BY c.position, ag.position, w.question_id",
};

int bare_csv(struct bare *b, struct maca_err *err)
{
	return read_all(b->db, csv_sql, sizeof csv_sql / sizeof csv_sql[0], b->audit_id, err);
}

int bare_import(struct bare *b, int64_t *added, double *read_ms, struct maca_err *err)
{
	return bare_import_return(b->db, b->return_path, added, read_ms, err);
}
