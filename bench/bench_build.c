/* The synthetic database: audits are created through the store (so the schema, the template
 * copy and the agencies are exactly maca's), then filled through plain SQL, one transaction
 * per audit, because a million saves through the store would take hours to build. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "sbuf.h"
#include "store.h"
#include "template.h"

static const char *const grade_ids[] = {"outstanding", "good", "requires-improvement", "inadequate",
					"not-applicable"};

static int cases_of(const struct bench_size *size, int audit)
{
	if (audit == 0 || size->audits == 1)
		return size->max_cases;
	int span = size->max_cases - size->min_cases;
	/* Evenly spread over min..max. */
	return size->min_cases +
	       (int)((long)span * (audit - 1) / (size->audits > 2 ? size->audits - 2 : 1));
}

static int sql_fail(sqlite3 *db, struct maca_err *err, const char *what)
{
	return err_set(err, MACA_EDB, "building the database: %s: %s", what, sqlite3_errmsg(db));
}

struct statements {
	sqlite3_stmt *add_case, *add_answer, *add_history, *add_agreed, *add_point, *agencies;
};

static const char *const statement_sql[] = {
    "INSERT INTO audit_case (audit_id, reference, age_band, plan_status, position) "
    "VALUES (?1, ?2, '', '', ?3)",
    "INSERT INTO answer (case_id, agency_id, question_id, value, evidence, author, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 'bench', '2026-01-01T00:00:00.000Z')",
    "INSERT INTO history_log (audit_id, case_id, agency, item, field, old_value, new_value, at, "
    "author, source) VALUES (?1, ?2, ?3, ?4, 'value', NULL, ?5, '2026-01-01T00:00:00.000Z', "
    "'bench', 'import')",
    "INSERT INTO agreed_grade (case_id, question_id, grade, rationale, author, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, 'bench', '2026-01-01T00:00:00.000Z')",
    "INSERT INTO learning_point (audit_id, number, title, text) VALUES (?1, ?2, ?3, ?4)",
    "SELECT id, code FROM agency WHERE audit_id = ? ORDER BY position",
};

static void finalize_all(struct statements *s)
{
	sqlite3_stmt **all[] = {&s->add_case,	&s->add_answer, &s->add_history,
				&s->add_agreed, &s->add_point,	&s->agencies};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		sqlite3_finalize(*all[i]);
		*all[i] = NULL;
	}
}

static int prepare_all(sqlite3 *db, struct statements *s, struct maca_err *err)
{
	sqlite3_stmt **all[] = {&s->add_case,	&s->add_answer, &s->add_history,
				&s->add_agreed, &s->add_point,	&s->agencies};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (sqlite3_prepare_v2(db, statement_sql[i], -1, all[i], NULL) != SQLITE_OK)
			return sql_fail(db, err, "preparing");
	return MACA_OK;
}

static int step_reset(sqlite3 *db, sqlite3_stmt *stmt, struct maca_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? MACA_OK : sql_fail(db, err, "inserting");
}

static const char evidence_text[] =
    "The referral on 3 March set out the concerns clearly, but the strategy discussion did not "
    "include the school, and the child's own account was not recorded until six weeks later.";

/* One audit's cases, answers, history, agreed grades and learning points, in one transaction. */
static int fill_audit(sqlite3 *db, struct statements *s, const struct bench_size *size,
		      int64_t audit_id, int ncases, unsigned *seed, struct bench_db *out,
		      struct maca_err *err)
{
	int64_t *agency_ids = calloc((size_t)size->agencies, sizeof *agency_ids);
	if (!agency_ids)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = MACA_OK;
	int n = 0;
	sqlite3_bind_int64(s->agencies, 1, audit_id);
	while (sqlite3_step(s->agencies) == SQLITE_ROW && n < size->agencies)
		agency_ids[n++] = sqlite3_column_int64(s->agencies, 0);
	sqlite3_reset(s->agencies);
	if (n != size->agencies)
		rc = err_set(err, MACA_EIO, "building the database: audit %lld has %d agencies",
			     (long long)audit_id, n);
	if (!rc && sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		rc = sql_fail(db, err, "BEGIN");
	char ref[32], qid[16], agency[32];
	for (int c = 0; !rc && c < ncases; c++) {
		snprintf(ref, sizeof ref, "Child %d", c + 1);
		sqlite3_bind_int64(s->add_case, 1, audit_id);
		sqlite3_bind_text(s->add_case, 2, ref, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s->add_case, 3, c + 1);
		if ((rc = step_reset(db, s->add_case, err)))
			break;
		int64_t case_id = sqlite3_last_insert_rowid(db);
		for (int q = 1; !rc && q <= size->questions; q++) {
			snprintf(qid, sizeof qid, "q%03d", q);
			for (int a = 0; !rc && a < size->agencies; a++) {
				const char *grade = grade_ids[bench_random(seed) % 5];
				/* Evidence where the template asks for it: grades below good. */
				const char *evidence = strcmp(grade, "requires-improvement") == 0 ||
							       strcmp(grade, "inadequate") == 0
							   ? evidence_text
							   : "";
				sqlite3_bind_int64(s->add_answer, 1, case_id);
				sqlite3_bind_int64(s->add_answer, 2, agency_ids[a]);
				sqlite3_bind_text(s->add_answer, 3, qid, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->add_answer, 4, grade, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->add_answer, 5, evidence, -1, SQLITE_STATIC);
				if ((rc = step_reset(db, s->add_answer, err)))
					break;
				snprintf(agency, sizeof agency, "agency-%d", a + 1);
				sqlite3_bind_int64(s->add_history, 1, audit_id);
				sqlite3_bind_int64(s->add_history, 2, case_id);
				sqlite3_bind_text(s->add_history, 3, agency, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->add_history, 4, qid, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->add_history, 5, grade, -1, SQLITE_STATIC);
				rc = step_reset(db, s->add_history, err);
				out->nanswers++;
			}
			if (rc)
				break;
			sqlite3_bind_int64(s->add_agreed, 1, case_id);
			sqlite3_bind_text(s->add_agreed, 2, qid, -1, SQLITE_STATIC);
			sqlite3_bind_text(s->add_agreed, 3, grade_ids[bench_random(seed) % 4], -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(s->add_agreed, 4, "Agreed at the moderation meeting.", -1,
					  SQLITE_STATIC);
			rc = step_reset(db, s->add_agreed, err);
		}
		out->ncases++;
	}
	for (int p = 1; !rc && p <= 5; p++) {
		sqlite3_bind_int64(s->add_point, 1, audit_id);
		sqlite3_bind_int(s->add_point, 2, p);
		sqlite3_bind_text(s->add_point, 3, "Hear the child's voice early", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s->add_point, 4, evidence_text, -1, SQLITE_STATIC);
		rc = step_reset(db, s->add_point, err);
	}
	if (!rc && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = sql_fail(db, err, "COMMIT");
	if (rc)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	free(agency_ids);
	return rc;
}

/* The audits themselves, through the store; their ids in *ids. */
static int create_audits(const char *path, const struct bench_size *size, int64_t *ids,
			 struct maca_err *err)
{
	struct template *tpl = NULL;
	int rc = bench_template(size, &tpl, err);
	struct store *st = NULL;
	if (!rc)
		rc = store_open(path, &st, err);
	if (!rc)
		rc = store_set_origin(st, "bench", "import", err);
	for (int a = 0; !rc && a < size->audits; a++) {
		char title[64];
		snprintf(title, sizeof title, "Synthetic audit %d", a + 1);
		struct audit_new an = {.title = title,
				       .partnership = "Synthetic Safeguarding Partnership",
				       .audit_date = "2026-01-15",
				       .background = "A SYNTHETIC audit built by maca-bench.",
				       .tpl = tpl};
		rc = store_audit_create(st, &an, &ids[a], err);
	}
	store_close(st);
	template_free(tpl);
	return rc;
}

int bench_build(const char *path, const struct bench_size *size, struct bench_db *out,
		struct maca_err *err)
{
	*out = (struct bench_db){0};
	int64_t *ids = calloc((size_t)size->audits, sizeof *ids);
	if (!ids)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = create_audits(path, size, ids, err);
	sqlite3 *db = NULL;
	struct statements s = {0};
	if (!rc && sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = sql_fail(db, err, "opening");
	/* Only the build goes without fsync; the measured saves run as maca runs them. */
	if (!rc && sqlite3_exec(db, "PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK)
		rc = sql_fail(db, err, "PRAGMA synchronous");
	if (!rc)
		rc = prepare_all(db, &s, err);
	unsigned seed = 20260101u;
	for (int a = 0; !rc && a < size->audits; a++) {
		int64_t before = out->nanswers;
		rc = fill_audit(db, &s, size, ids[a], cases_of(size, a), &seed, out, err);
		if (a == 0) {
			out->largest_audit = ids[a];
			out->largest_answers = out->nanswers - before;
		}
	}
	finalize_all(&s);
	/* The return's audit comes after the others, so that their ids and figures stay as
	 * they were. */
	if (!rc)
		rc = bench_build_return(path, db, size, out, err);
	/* The write-ahead log is folded back in, as maca leaves it on closing. */
	if (!rc && sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) !=
		       SQLITE_OK)
		rc = sql_fail(db, err, "checkpoint");
	sqlite3_close(db);
	free(ids);
	return rc;
}
