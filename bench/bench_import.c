/* Importing an agency's return, as `maca import FILE` does it: read, checksum, parse and
 * validate, plan, apply in one transaction. The chair's state is restored between runs
 * outside the timing (the imported answers and their history deleted), so every run adds
 * everything; each is followed by a re-import that must change nothing. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench.h"
#include "return_doc.h"
#include "return_import.h"
#include "sealed.h"
#include "workbook.h"

/* Each run imports the return, imports it again, and imports it bare. */
#define IMPORT_RUNS 5
#define SEALED_RUNS 3

static double median(double *v, size_t n)
{
	return bench_percentile(v, n, 0.5);
}

static double largest(const double *v, size_t n)
{
	double m = v[0];
	for (size_t i = 1; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

/* One import's times, ms: the whole, and its three steps. */
struct import_times {
	double total, parse, plan, apply, cpu;
};

/* One import, timed from reading the file to the commit; what the plan found in *counts
 * (its counts only). */
static int import_once(struct store *st, const char *file, struct return_plan *counts,
		       struct import_times *t, struct maca_err *err)
{
	double t0 = bench_now_ms(), c0 = bench_cpu_ms();
	struct return_input in;
	char sum[65];
	struct return_doc *doc = NULL;
	struct return_plan plan = {0};
	if (return_input_open(file, &in, err))
		return err->status;
	memcpy(sum, in.checksum, sizeof sum);
	int rc = sheet_open_input(NULL, &in, &doc, err);
	return_input_free(&in);
	double t1 = bench_now_ms();
	if (!rc)
		rc = return_plan_make(st, doc, &plan, err);
	double t2 = bench_now_ms();
	if (!rc && plan.nchanges)
		rc = err_set(err, MACA_EEXIST,
			     "the return would change %zu answers the chair holds", plan.nchanges);
	if (!rc)
		rc = return_apply(st, doc, &plan, false, sum, err);
	double t3 = bench_now_ms();
	*t = (struct import_times){t3 - t0, t1 - t0, t2 - t1, t3 - t2, bench_cpu_ms() - c0};
	if (!rc) {
		counts->nadd = plan.nadd;
		counts->nsame = plan.nsame;
		counts->nchanges = plan.nchanges;
	}
	return_plan_free(&plan);
	return_doc_free(doc);
	return rc;
}

static int raw_fail(sqlite3 *db, struct maca_err *err, const char *what)
{
	return err_set(err, MACA_EDB, "import benchmark: %s: %s", what, sqlite3_errmsg(db));
}

/* One number from a query bound to the audit. */
static int count(sqlite3 *db, const char *sql, int64_t audit_id, int64_t *n, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return raw_fail(db, err, "preparing a count");
	sqlite3_bind_int64(stmt, 1, audit_id);
	int rc = sqlite3_step(stmt) == SQLITE_ROW ? MACA_OK : raw_fail(db, err, "counting");
	*n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc;
}

static const char count_answers[] =
    "SELECT count(*) FROM answer WHERE case_id IN (SELECT id FROM audit_case WHERE audit_id = ?1)";
static const char count_history[] = "SELECT count(*) FROM history WHERE audit_id = ?1";

/* Back to the chair's state before the import: the answers and their history deleted. */
static int restore(sqlite3 *db, int64_t audit_id, struct maca_err *err)
{
	/* The history first: its rows are what an answer's deletion would otherwise complete. */
	static const char *const sql[] = {
	    "DELETE FROM history_log WHERE audit_id = ?1 AND case_id IS NOT NULL",
	    "DELETE FROM answer WHERE case_id IN (SELECT id FROM audit_case WHERE audit_id = ?1)"};
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return raw_fail(db, err, "BEGIN");
	int rc = MACA_OK;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && !rc; i++) {
		sqlite3_stmt *stmt;
		if (sqlite3_prepare_v2(db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
			rc = raw_fail(db, err, "preparing a delete");
		if (!rc) {
			sqlite3_bind_int64(stmt, 1, audit_id);
			if (sqlite3_step(stmt) != SQLITE_DONE)
				rc = raw_fail(db, err, "deleting");
			sqlite3_finalize(stmt);
		}
	}
	if (!rc && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = raw_fail(db, err, "COMMIT");
	if (rc)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* The bare import of the same file (bench_bare_import.c), in the worker: it must add every
 * answer; checked outside the timing. */
static int run_bare(struct bench_bare *bare, sqlite3 *raw, const struct bench_db *db,
		    struct import_times *t, struct maca_err *err)
{
	int64_t added, after;
	*t = (struct import_times){0};
	if (bench_bare_import(bare, &t->total, &t->cpu, &t->parse, &added, err) ||
	    count(raw, count_answers, db->return_audit, &after, err))
		return err->status;
	if (added != db->return_answers || after != db->return_answers)
		return err_set(err, MACA_EIO,
			       "the bare import added %lld answers (%lld held), not %lld",
			       (long long)added, (long long)after, (long long)db->return_answers);
	return restore(raw, db->return_audit, err);
}

/* One run: the import adds every answer, the re-import changes nothing (no answer, no
 * history row); checked outside the timing. Then the bare import. */
static int run(struct store *st, struct bench_bare *bare, sqlite3 *raw, const char *file,
	       const struct bench_db *db, struct import_times *add, struct import_times *same,
	       struct import_times *bare_add, struct maca_err *err)
{
	int64_t answers, history, answers_after, history_after;
	struct return_plan first = {0}, again = {0};
	if (count(raw, count_answers, db->return_audit, &answers, err) ||
	    import_once(st, file, &first, add, err) ||
	    count(raw, count_answers, db->return_audit, &answers_after, err) ||
	    count(raw, count_history, db->return_audit, &history, err))
		return err->status;
	if (answers != 0 || first.nadd != (size_t)db->return_answers || first.nsame ||
	    answers_after != db->return_answers)
		return err_set(err, MACA_EIO,
			       "the import added %zu answers (%lld held before, %lld after), not "
			       "%lld",
			       first.nadd, (long long)answers, (long long)answers_after,
			       (long long)db->return_answers);
	if (import_once(st, file, &again, same, err) ||
	    count(raw, count_answers, db->return_audit, &answers_after, err) ||
	    count(raw, count_history, db->return_audit, &history_after, err))
		return err->status;
	if (again.nadd || again.nsame != (size_t)db->return_answers ||
	    answers_after != db->return_answers || history_after != history)
		return err_set(err, MACA_EIO,
			       "importing the return again added %zu answers and %lld history rows",
			       again.nadd, (long long)(history_after - history));
	if (restore(raw, db->return_audit, err))
		return err->status;
	return run_bare(bare, raw, db, bare_add, err);
}

/* Median and largest of the whole, and the median of each step. */
static void summarize(const struct import_times *t, struct bench_import_figures *f)
{
	double total[IMPORT_RUNS], parse[IMPORT_RUNS], plan[IMPORT_RUNS], apply[IMPORT_RUNS],
	    cpu[IMPORT_RUNS];
	for (int i = 0; i < IMPORT_RUNS; i++) {
		total[i] = t[i].total;
		parse[i] = t[i].parse;
		plan[i] = t[i].plan;
		apply[i] = t[i].apply;
		cpu[i] = t[i].cpu;
	}
	f->cpu = median(cpu, IMPORT_RUNS);
	f->max = largest(total, IMPORT_RUNS);
	f->median = median(total, IMPORT_RUNS);
	f->parse = median(parse, IMPORT_RUNS);
	f->plan = median(plan, IMPORT_RUNS);
	f->apply = median(apply, IMPORT_RUNS);
}

int bench_measure_import(struct store *st, struct bench_bare *bare, const char *path,
			 const struct bench_db *db, struct bench_result *r, struct maca_err *err)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		r->rss_before_import_kb = ru.ru_maxrss;
	char *file = bench_return_path(path, false);
	sqlite3 *raw = NULL;
	if (!file)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = MACA_OK;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(raw, 5000) != SQLITE_OK)
		rc = raw_fail(raw, err, "opening");
	struct import_times add[IMPORT_RUNS], same[IMPORT_RUNS], bare_add[IMPORT_RUNS];
	for (int i = 0; i < IMPORT_RUNS && !rc; i++)
		rc = run(st, bare, raw, file, db, &add[i], &same[i], &bare_add[i], err);
	sqlite3_close(raw);
	free(file);
	if (rc)
		return rc;
	r->import_runs = IMPORT_RUNS;
	summarize(add, &r->import_add);
	summarize(same, &r->import_same);
	struct bench_import_figures bare_figures;
	summarize(bare_add, &bare_figures);
	r->import = (struct bench_pair){IMPORT_RUNS, r->import_add.median, r->import_add.cpu,
					bare_figures.median, bare_figures.cpu};
	r->bare_import_read = bare_figures.parse;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		r->peak_rss_kb = ru.ru_maxrss;
	return MACA_OK;
}

/* The key derivation alone, with the limits the file was sealed with. */
static int derive(double *ms, struct maca_err *err)
{
	unsigned char key[32], salt[crypto_pwhash_SALTBYTES];
	randombytes_buf(salt, sizeof salt);
	double t0 = bench_now_ms();
	int rc = crypto_pwhash(key, sizeof key, BENCH_RETURN_PASSPHRASE,
			       strlen(BENCH_RETURN_PASSPHRASE), salt, SEALED_OPSLIMIT,
			       (size_t)SEALED_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
	*ms = bench_now_ms() - t0;
	sodium_memzero(key, sizeof key);
	return rc == 0 ? MACA_OK : err_set(err, MACA_ENOMEM, "Argon2id: out of memory");
}

int bench_measure_sealed(const char *path, struct bench_result *r, struct maca_err *err)
{
	char *file = bench_return_path(path, true);
	unsigned char *buf = NULL;
	size_t len = 0;
	if (!file)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = return_file_read(file, &buf, &len, err);
	free(file);
	if (rc)
		return rc;
	double open[SEALED_RUNS], kdf[SEALED_RUNS];
	for (int i = 0; i < SEALED_RUNS && !rc; i++) {
		unsigned char *plain = NULL;
		size_t plain_len = 0;
		double t0 = bench_now_ms();
		rc = sealed_open(buf, len, BENCH_RETURN_PASSPHRASE, strlen(BENCH_RETURN_PASSPHRASE),
				 &plain, &plain_len, err);
		open[i] = bench_now_ms() - t0;
		if (!rc && plain_len + SEALED_OVERHEAD != len)
			rc = err_set(err, MACA_EIO, "the sealed return opened to %zu bytes of %zu",
				     plain_len, len);
		if (plain)
			sodium_memzero(plain, plain_len);
		free(plain);
		if (!rc)
			rc = derive(&kdf[i], err);
	}
	free(buf);
	if (rc)
		return rc;
	r->sealed_runs = SEALED_RUNS;
	r->sealed_open_median = median(open, SEALED_RUNS);
	r->sealed_kdf_median = median(kdf, SEALED_RUNS);
	return MACA_OK;
}
