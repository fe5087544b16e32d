/* The return the import is timed on: one agency's answers to an audit of the synthetic
 * database, written by maca's own return writer (return_collect, return_serialize) and
 * sealed by sealed_seal, as `maca export return --encrypt` does. Built outside the timing,
 * in the build's process. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "export_file.h"
#include "return_doc.h"
#include "sbuf.h"
#include "sealed.h"

#define RETURN_AGENCY "agency-1"

static const char *const grade_ids[] = {"outstanding", "good", "requires-improvement", "inadequate",
					"not-applicable"};

/* Evidence as agencies write it: paragraphs of plain sentences, with the typographic quotes,
 * dashes and names outside ASCII that real evidence holds. */
static const char *const sentences[] = {
    "The referral on 3 March set out the concerns clearly, but the strategy discussion did not "
    "include the school.",
    "The child’s own account — “I don’t want to go home when he’s there” — was not recorded "
    "until six weeks later.",
    "Health visiting records show four missed appointments; none was followed up with the "
    "family or the GP.",
    "Zoë’s mother told the social worker that the new partner had moved in, which the police "
    "already knew from the call-out in April.",
    "The core group met every month and the plan was reviewed, but its actions stayed the same "
    "from one meeting to the next.",
    "School attendance fell to 71 % over the spring term; the education welfare officer was not "
    "told of the child protection plan.",
    "Supervision notes show the manager asked for a chronology twice; it was completed after "
    "the case was closed.",
    "The interpreter for the Polish-speaking grandmother (Małgorzata) was booked for the second "
    "visit only.",
    "Good practice: the youth worker kept contact through the summer holidays and passed on what "
    "the child said the same day.",
    "Thresholds were applied consistently, and the decision to step down was explained to the "
    "family in writing.",
};
#define NSENTENCES (sizeof sentences / sizeof sentences[0])

/* From a few hundred bytes to a few KB, in paragraphs and with a list now and then. */
static void add_evidence(struct sbuf *b, unsigned *seed)
{
	size_t want = 300 + (size_t)(bench_random(seed) % 2700), start = b->len;
	while (b->len - start < want) {
		unsigned kind = bench_random(seed) % 4;
		if (kind == 0)
			sbuf_add(b, "- ");
		sbuf_add(b, sentences[bench_random(seed) % NSENTENCES]);
		sbuf_add(b, kind == 0 ? "\n" : kind == 1 ? "\n\n" : " ");
	}
}

static int sql_fail(sqlite3 *db, struct maca_err *err, const char *what)
{
	return err_set(err, MACA_EDB, "building the return: %s: %s", what, sqlite3_errmsg(db));
}

static int exec(sqlite3 *db, const char *sql, struct maca_err *err)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? MACA_OK
								    : sql_fail(db, err, sql);
}

static int create_audit(const char *path, const struct bench_size *size, int64_t *id,
			struct maca_err *err)
{
	struct template *tpl = NULL;
	struct store *st = NULL;
	int rc = bench_template(size, &tpl, err);
	if (!rc)
		rc = store_open(path, &st, err);
	if (!rc)
		rc = store_set_origin(st, "bench", "import", err);
	struct audit_new an = {.title = "Synthetic audit of the agency's return",
			       .partnership = "Synthetic Safeguarding Partnership",
			       .audit_date = "2026-02-01",
			       .background = "A SYNTHETIC audit built by maca-bench.",
			       .tpl = tpl};
	if (!rc)
		rc = store_audit_create(st, &an, id, err);
	store_close(st);
	template_free(tpl);
	return rc;
}

/* The cases, and the agency's answers to every question of each until there are enough, in
 * one transaction. */
static int fill(sqlite3 *db, const struct bench_size *size, int64_t audit_id, struct maca_err *err)
{
	sqlite3_stmt *agency = NULL, *add_case = NULL, *add_answer = NULL;
	int rc = MACA_OK;
	if (sqlite3_prepare_v2(db, "SELECT id FROM agency WHERE audit_id = ?1 AND code = ?2", -1,
			       &agency, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO audit_case (audit_id, reference, age_band, "
			       "plan_status, position) VALUES (?1, ?2, '', '', ?3)",
			       -1, &add_case, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO answer (case_id, agency_id, question_id, value, "
			       "evidence, author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
			       "'Synthetic agency author', '2026-02-10T09:30:00.000Z')",
			       -1, &add_answer, NULL) != SQLITE_OK)
		rc = sql_fail(db, err, "preparing");
	int64_t agency_id = 0;
	if (!rc) {
		sqlite3_bind_int64(agency, 1, audit_id);
		sqlite3_bind_text(agency, 2, RETURN_AGENCY, -1, SQLITE_STATIC);
		if (sqlite3_step(agency) == SQLITE_ROW)
			agency_id = sqlite3_column_int64(agency, 0);
		else
			rc = err_set(err, MACA_EDB, "building the return: no agency %s",
				     RETURN_AGENCY);
	}
	if (!rc)
		rc = exec(db, "BEGIN IMMEDIATE", err);
	unsigned seed = 20260210u;
	struct sbuf evidence = {0};
	int made = 0;
	for (int c = 1; !rc && made < size->return_answers; c++) {
		char ref[32], qid[16];
		snprintf(ref, sizeof ref, "Return child %d", c);
		sqlite3_bind_int64(add_case, 1, audit_id);
		sqlite3_bind_text(add_case, 2, ref, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(add_case, 3, c);
		if (sqlite3_step(add_case) != SQLITE_DONE)
			rc = sql_fail(db, err, "inserting a case");
		sqlite3_reset(add_case);
		int64_t case_id = sqlite3_last_insert_rowid(db);
		for (int q = 1; !rc && q <= size->questions && made < size->return_answers;
		     q++, made++) {
			snprintf(qid, sizeof qid, "q%03d", q);
			evidence.len = 0;
			add_evidence(&evidence, &seed);
			if (evidence.failed) {
				rc = err_set(err, MACA_ENOMEM, "out of memory");
				break;
			}
			sqlite3_bind_int64(add_answer, 1, case_id);
			sqlite3_bind_int64(add_answer, 2, agency_id);
			sqlite3_bind_text(add_answer, 3, qid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(add_answer, 4, grade_ids[bench_random(&seed) % 5], -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(add_answer, 5, evidence.data, (int)evidence.len,
					  SQLITE_TRANSIENT);
			if (sqlite3_step(add_answer) != SQLITE_DONE)
				rc = sql_fail(db, err, "inserting an answer");
			sqlite3_reset(add_answer);
		}
	}
	sbuf_free(&evidence);
	if (!rc)
		rc = exec(db, "COMMIT", err);
	else
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_finalize(agency);
	sqlite3_finalize(add_case);
	sqlite3_finalize(add_answer);
	return rc;
}

/* The return as `maca export return` makes it: collected, serialized, written 0600; and the
 * same bytes sealed, as with --encrypt. */
static int write_return(const char *path, int64_t audit_id, struct bench_db *out,
			struct maca_err *err)
{
	struct store *st = NULL;
	struct return_doc *doc = NULL;
	unsigned char *data = NULL, *sealed = NULL;
	size_t len = 0, sealed_len = 0;
	char *plain_path = bench_return_path(path, false),
	     *sealed_path = bench_return_path(path, true);
	int rc = plain_path && sealed_path ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && (store_open(path, &st, err) ||
		    return_collect(st, audit_id, RETURN_AGENCY, RETURN_RETURN, "maca-bench",
				   "maca-bench", &doc, err) ||
		    return_serialize(doc, &data, &len, err)))
		rc = err->status;
	if (!rc)
		out->return_answers = (int64_t)doc->nanswers;
	if (!rc)
		rc = export_file_write(plain_path, (const char *)data, len, false, err);
	if (!rc)
		rc = sealed_seal(data, len, BENCH_RETURN_PASSPHRASE,
				 strlen(BENCH_RETURN_PASSPHRASE), &sealed, &sealed_len, err);
	if (!rc)
		rc = export_file_write(sealed_path, (const char *)sealed, sealed_len, false, err);
	if (!rc) {
		out->return_bytes = len;
		out->sealed_bytes = sealed_len;
	}
	free(data);
	free(sealed);
	return_doc_free(doc);
	store_close(st);
	free(plain_path);
	free(sealed_path);
	return rc;
}

int bench_build_return(const char *path, sqlite3 *db, const struct bench_size *size,
		       struct bench_db *out, struct maca_err *err)
{
	int rc = create_audit(path, size, &out->return_audit, err);
	if (!rc)
		rc = fill(db, size, out->return_audit, err);
	if (!rc)
		rc = write_return(path, out->return_audit, out, err);
	if (!rc && out->return_answers != size->return_answers)
		rc = err_set(err, MACA_EIO, "building the return: it holds %lld answers, not %d",
			     (long long)out->return_answers, size->return_answers);
	/* The chair's database holds the cases only: the import adds every answer. */
	sqlite3_stmt *del = NULL;
	if (!rc && sqlite3_prepare_v2(db,
				      "DELETE FROM answer WHERE case_id IN (SELECT id FROM "
				      "audit_case WHERE audit_id = ?1)",
				      -1, &del, NULL) != SQLITE_OK)
		rc = sql_fail(db, err, "preparing");
	if (!rc) {
		sqlite3_bind_int64(del, 1, out->return_audit);
		if (sqlite3_step(del) != SQLITE_DONE)
			rc = sql_fail(db, err, "deleting the return's answers");
	}
	sqlite3_finalize(del);
	return rc;
}
