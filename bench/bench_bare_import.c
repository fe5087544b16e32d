/* The bare baseline of importing a return: the least a correct import of the same file does,
 * with plain sqlite3 calls. It reads the file once to take its SHA-256 (every history row keeps
 * it, as maca's do), opens it where it lies as the SQLite database it is (read-only and
 * immutable, as maca does), and in one write transaction on the chair's database checks the
 * audit is not closed, then for each answer of the return finds its case by reference and the
 * answer held (an import must tell what it adds from what it would change), inserts the answer
 * and its history rows (one for the grade, one for the evidence: the same rows maca writes, the
 * evidence's pointing to the answer that holds its text, as maca's schema keeps it), and
 * commits once (synchronous=FULL). Statements are prepared once per import. Left out, as
 * maca's own cost: checking the file's schema and every value against the template, the
 * agency's pack token, the plan shown to the user before the transaction (maca makes it twice,
 * by design, each time reading the file again), and checking that the file did not change. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_bare.h"

static int fail(sqlite3 *db, struct maca_err *err, const char *what)
{
	return err_set(err, MACA_EDB, "bare import: %s: %s", what,
		       db ? sqlite3_errmsg(db) : "out of memory");
}

/* The file's SHA-256, read through in chunks. */
static int hash_file(const char *path, char out[65], struct maca_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, MACA_EIO, "bare import: %s: %s", path, strerror(errno));
	static unsigned char chunk[64 * 1024];
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		crypto_hash_sha256_update(&h, chunk, (unsigned long long)n);
	close(fd);
	if (n < 0)
		return err_set(err, MACA_EIO, "bare import: cannot read %s", path);
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, hash);
	sodium_bin2hex(out, 65, hash, sizeof hash);
	return MACA_OK;
}

enum {
	META,
	AUDIT,
	AGENCY,
	ROWS,
	CASE,
	HELD,
	INSERT,
	HISTORY,
	EVIDENCE_ROW,
	NSTMTS,
	FIRST_CHAIR = AUDIT, /* the statements on the chair's database */
};

static const char *const import_sql[NSTMTS] = {
    [META] = "SELECT audit_uuid, agency_code FROM meta",
    [AUDIT] = "SELECT id, status FROM audit WHERE uuid = ?1",
    [AGENCY] = "SELECT id FROM agency WHERE audit_id = ?1 AND code = ?2",
    [ROWS] = "SELECT case_reference, question_id, value, evidence, author, updated_at FROM "
	     "answers",
    [CASE] = "SELECT id FROM audit_case WHERE audit_id = ?1 AND reference = ?2",
    [HELD] = "SELECT value, evidence FROM answer WHERE case_id = ?1 AND agency_id = ?2 AND "
	     "question_id = ?3",
    [INSERT] = "INSERT INTO answer (case_id, agency_id, question_id, value, evidence, author, "
	       "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [HISTORY] = "INSERT INTO history_log (audit_id, case_id, agency, item, field, old_value, "
		"new_value, at, author, source, reason, checksum, answer_id) VALUES (?1, ?2, ?3, "
		"?4, ?5, NULL, ?6, ?7, 'bench', ?8, NULL, ?9, ?10)",
    [EVIDENCE_ROW] = "UPDATE answer SET evidence_row = ?1 WHERE id = ?2",
};

struct import {
	sqlite3 *chair, *file;
	sqlite3_stmt *s[NSTMTS];
	int64_t audit_id, agency_id;
	char agency[64], source[96], at[32], checksum[65];
};

static const char *col(sqlite3_stmt *s, int c)
{
	const unsigned char *t = sqlite3_column_text(s, c);
	return t ? (const char *)t : "";
}

static int step_done(struct import *im, sqlite3_stmt *stmt, struct maca_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? MACA_OK : fail(im->chair, err, "inserting");
}

/* A history row: the grade's with its text; the evidence's pointing to the answer. */
static int history(struct import *im, int64_t case_id, sqlite3_stmt *row, const char *field,
		   int column, int64_t answer_id, struct maca_err *err)
{
	sqlite3_stmt *h = im->s[HISTORY];
	sqlite3_bind_int64(h, 1, im->audit_id);
	sqlite3_bind_int64(h, 2, case_id);
	sqlite3_bind_text(h, 3, im->agency, -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 4, col(row, 1), sqlite3_column_bytes(row, 1), SQLITE_STATIC);
	sqlite3_bind_text(h, 5, field, -1, SQLITE_STATIC);
	if (answer_id)
		sqlite3_bind_null(h, 6);
	else
		sqlite3_bind_text(h, 6, col(row, column), sqlite3_column_bytes(row, column),
				  SQLITE_STATIC);
	sqlite3_bind_text(h, 7, im->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 8, im->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(h, 9, im->checksum, -1, SQLITE_STATIC);
	if (answer_id)
		sqlite3_bind_int64(h, 10, answer_id);
	else
		sqlite3_bind_null(h, 10);
	int rc = step_done(im, h, err);
	if (rc || !answer_id)
		return rc;
	sqlite3_stmt *e = im->s[EVIDENCE_ROW];
	sqlite3_bind_int64(e, 1, sqlite3_last_insert_rowid(im->chair));
	sqlite3_bind_int64(e, 2, answer_id);
	return step_done(im, e, err);
}

/* One answer of the return: its case, the answer held, and when there is none the answer
 * and its history. A held answer is counted in *held (the benchmark's chair holds none). */
static int one_answer(struct import *im, sqlite3_stmt *row, int64_t *added, int64_t *held,
		      struct maca_err *err)
{
	sqlite3_stmt *c = im->s[CASE], *h = im->s[HELD], *ins = im->s[INSERT];
	sqlite3_bind_int64(c, 1, im->audit_id);
	sqlite3_bind_text(c, 2, col(row, 0), sqlite3_column_bytes(row, 0), SQLITE_STATIC);
	int step = sqlite3_step(c);
	int64_t case_id = sqlite3_column_int64(c, 0);
	sqlite3_reset(c);
	if (step != SQLITE_ROW)
		return fail(im->chair, err, "a case of the return is not in the audit");
	sqlite3_bind_int64(h, 1, case_id);
	sqlite3_bind_int64(h, 2, im->agency_id);
	sqlite3_bind_text(h, 3, col(row, 1), sqlite3_column_bytes(row, 1), SQLITE_STATIC);
	step = sqlite3_step(h);
	sqlite3_reset(h);
	if (step == SQLITE_ROW) {
		(*held)++;
		return MACA_OK;
	}
	if (step != SQLITE_DONE)
		return fail(im->chair, err, "reading the answer held");
	sqlite3_bind_int64(ins, 1, case_id);
	sqlite3_bind_int64(ins, 2, im->agency_id);
	for (int k = 1; k < 6; k++)
		sqlite3_bind_text(ins, k + 2, col(row, k), sqlite3_column_bytes(row, k),
				  SQLITE_STATIC);
	int rc = step_done(im, ins, err);
	int64_t answer_id = sqlite3_last_insert_rowid(im->chair);
	if (!rc && sqlite3_column_bytes(row, 2) > 0)
		rc = history(im, case_id, row, "answer", 2, 0, err);
	if (!rc && sqlite3_column_bytes(row, 3) > 0)
		rc = history(im, case_id, row, "evidence", 3, answer_id, err);
	if (!rc)
		(*added)++;
	return rc;
}

/* The audit (not closed) and the agency, inside the transaction. */
static int find_audit(struct import *im, struct maca_err *err)
{
	sqlite3_stmt *m = im->s[META], *a = im->s[AUDIT], *g = im->s[AGENCY];
	if (sqlite3_step(m) != SQLITE_ROW)
		return fail(im->file, err, "reading meta");
	snprintf(im->agency, sizeof im->agency, "%s", col(m, 1));
	snprintf(im->source, sizeof im->source, "return from %s", im->agency);
	sqlite3_bind_text(a, 1, col(m, 0), -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(a) == SQLITE_ROW ? MACA_OK : fail(im->chair, err, "no such audit");
	if (!rc && strcmp(col(a, 1), "closed") == 0)
		rc = err_set(err, MACA_ELOCKED, "bare import: the audit is closed");
	im->audit_id = sqlite3_column_int64(a, 0);
	sqlite3_bind_int64(g, 1, im->audit_id);
	sqlite3_bind_text(g, 2, im->agency, -1, SQLITE_STATIC);
	if (!rc && sqlite3_step(g) != SQLITE_ROW)
		rc = fail(im->chair, err, "no such agency");
	im->agency_id = sqlite3_column_int64(g, 0);
	return rc;
}

static int import_rows(struct import *im, int64_t *added, struct maca_err *err)
{
	int64_t held = 0;
	int rc = sqlite3_exec(im->chair, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
		     ? find_audit(im, err)
		     : fail(im->chair, err, "BEGIN");
	sqlite3_stmt *row = im->s[ROWS];
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(row)) == SQLITE_ROW)
		rc = one_answer(im, row, added, &held, err);
	if (!rc && step != SQLITE_DONE)
		rc = fail(im->file, err, "reading the answers");
	if (!rc && held)
		rc = err_set(err, MACA_EEXIST, "bare import: the chair holds %lld of the answers",
			     (long long)held);
	if (!rc && sqlite3_exec(im->chair, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = fail(im->chair, err, "COMMIT");
	if (rc)
		sqlite3_exec(im->chair, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int bare_import_return(sqlite3 *db, const char *path, int64_t *added, double *read_ms,
		       struct maca_err *err)
{
	double t0 = bench_now_ms();
	*added = 0;
	struct import im = {.chair = db};
	int rc = hash_file(path, im.checksum, err);
	if (rc)
		return rc;
	bench_timestamp(im.at);
	char *uri = sqlite3_mprintf("file:%s?immutable=1", path);
	if (!uri || sqlite3_open_v2(uri, &im.file, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) !=
			SQLITE_OK)
		rc = fail(im.file, err, "opening the return");
	sqlite3_free(uri);
	for (int i = 0; !rc && i < NSTMTS; i++) {
		sqlite3 *on = i < FIRST_CHAIR || i == ROWS ? im.file : im.chair;
		if (sqlite3_prepare_v2(on, import_sql[i], -1, &im.s[i], NULL) != SQLITE_OK)
			rc = fail(on, err, import_sql[i]);
	}
	*read_ms = bench_now_ms() - t0;
	if (!rc)
		rc = import_rows(&im, added, err);
	for (int i = 0; i < NSTMTS; i++)
		sqlite3_finalize(im.s[i]);
	sqlite3_close(im.file);
	return rc;
}
