/* The interface's automatic backup, taken in steps after the first frame: nothing done before
 * its first step, a few pages a step, a snapshot that other writers do not change, the copy
 * finished before this maca's first write so that it holds the database as it was, checked
 * and placed as any backup (0600, whole, seven kept), and nothing left behind when maca quits
 * before the copy is whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "backup.h"
#include "cli_run.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

#define T0 1780000000 /* 2026-05-28T20:26:40Z */
#define Q "identification-recognised"

struct fx {
	char *dir, *db, *backups;
	struct store *st;
	struct maca_err err;
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

#define CONTENT                                                                                    \
	"SELECT (SELECT group_concat(reference, '|') FROM audit_case) || '#' || "                  \
	"(SELECT group_concat(evidence, '|') FROM answer) || '#' || (SELECT count(*) FROM "        \
	"history)"

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	f->db = str_fmt("%s/maca.db", f->dir);
	cli_run_expect(cli_run_db(f->db, NULL, "new", "domestic-abuse", "Spring audit", NULL), 0,
		       "1", NULL);
	assert_ok(f, store_open(f->db, &f->st, &f->err));
	/* Enough pages that a copy of a few pages a step takes many steps. */
	struct sbuf ev = {0};
	for (int i = 0; i < 60; i++)
		sbuf_addf(&ev, "Line %d of a long chronology of what the agencies knew.\n", i);
	for (int c = 1; c <= 12; c++) {
		char ref[16];
		snprintf(ref, sizeof ref, "Child %d", c);
		struct case_fields cf = {.reference = ref};
		int64_t id;
		assert_ok(f, store_case_add(f->st, 1, &cf, &id, &f->err));
		assert_ok(f, store_answer_save(f->st, id, "police", Q, "good", ev.data, &f->err));
		assert_ok(f, store_answer_save(f->st, id, "csc", Q, "good", ev.data, &f->err));
	}
	sbuf_free(&ev);
	f->backups = backup_dir(f->db);
	tu_remove_tree(f->backups);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	free(f->backups);
	err_clear(&f->err);
	free(f);
	return 0;
}

/* Steps until the job is done; how many steps it took. */
static int run(struct fx *f, struct backup_job *job, int pages, char **written)
{
	bool done = false;
	int steps = 0;
	while (!done) {
		assert_ok(f, backup_job_step(job, pages, &done, written, &f->err));
		if (!done && !*written)
			usleep(steps > 1000 ? 1000 : 0); /* the check's thread */
		assert_true(++steps < 100000);
	}
	return steps;
}

static void test_steps_after_the_first_frame(void **state)
{
	struct fx *f = *state;
	char *before = tu_sql_value(f->db, CONTENT);
	struct backup_job *job;
	assert_ok(f, backup_job_new(f->st, f->db, T0, &job, &f->err));
	/* Made, and nothing read or written yet: the first frame waits for nothing. */
	assert_int_equal(tu_count_files(f->backups, "maca-"), 0);
	char *written = NULL;
	int steps = run(f, job, 4, &written);
	assert_true(steps > 10);
	assert_non_null(written);
	assert_non_null(strstr(written, "/backups/maca-20260528T202640Z.db"));
	struct stat sb;
	assert_int_equal(stat(written, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	tu_expect_sql(written, "PRAGMA quick_check", "ok");
	tu_expect_sql(written, "PRAGMA journal_mode", "delete");
	tu_expect_sql(written, CONTENT, before);
	assert_int_equal(tu_count_files(f->backups, ".tmp"), 0);
	char *again = NULL;
	assert_ok(f, backup_job_end(job, &again, &f->err));
	assert_null(again);
	free(written);
	free(before);
}

/* A save before the copy is whole finishes it first: the backup is of the database before
 * the save, and the save is in the database. */
static void test_first_write_waits_for_the_copy(void **state)
{
	struct fx *f = *state;
	char *before = tu_sql_value(f->db, CONTENT);
	struct backup_job *job;
	assert_ok(f, backup_job_new(f->st, f->db, T0, &job, &f->err));
	bool done = false;
	char *written = NULL;
	for (int i = 0; i < 3; i++)
		assert_ok(f, backup_job_step(job, 2, &done, &written, &f->err));
	assert_false(done);
	assert_ok(f, store_answer_save(f->st, 1, "health", Q, "good", "Saved mid-copy", &f->err));
	/* The copy is whole now: only its check is left. */
	assert_ok(f, backup_job_end(job, &written, &f->err));
	assert_non_null(written);
	tu_expect_sql(written, CONTENT, before);
	tu_expect_sql(written, "PRAGMA quick_check", "ok");
	char *now = tu_sql_value(f->db, CONTENT);
	assert_non_null(strstr(now, "Saved mid-copy"));
	free(now);
	free(written);
	free(before);
}

/* Another maca writing meanwhile neither restarts the copy nor gets half into it. */
static void test_other_writers_stay_out(void **state)
{
	struct fx *f = *state;
	char *before = tu_sql_value(f->db, CONTENT);
	struct backup_job *job;
	assert_ok(f, backup_job_new(f->st, f->db, T0, &job, &f->err));
	bool done = false;
	char *written = NULL;
	assert_ok(f, backup_job_step(job, 4, &done, &written, &f->err)); /* the snapshot */
	assert_ok(f, backup_job_step(job, 4, &done, &written, &f->err));
	cli_run_expect(cli_run_db(f->db, NULL, "case", "add", "1", "Child late", NULL), 0, NULL,
		       NULL);
	int steps = run(f, job, 4, &written);
	assert_true(steps > 5);
	assert_non_null(written);
	tu_expect_sql(written, CONTENT, before);
	free(written);
	assert_ok(f, backup_job_end(job, &written, &f->err));
	free(before);
}

/* Quitting before the copy is whole leaves nothing: no backup, no temporary file. No write
 * needed it, and the next start takes it again. */
static void test_quit_midway_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct backup_job *job;
	assert_ok(f, backup_job_new(f->st, f->db, T0, &job, &f->err));
	bool done = false;
	char *written = NULL;
	for (int i = 0; i < 3; i++)
		assert_ok(f, backup_job_step(job, 2, &done, &written, &f->err));
	assert_true(tu_count_files(f->backups, ".tmp") >= 1); /* the copy (and its journal) */
	assert_ok(f, backup_job_end(job, &written, &f->err));
	assert_null(written);
	assert_int_equal(tu_count_files(f->backups, "maca-"), 0);
	/* And writes no longer wait for anything. */
	assert_ok(f, store_answer_save(f->st, 1, "health", Q, "good", "After quitting", &f->err));
}

/* Not due (today's is there): done at the first step, nothing written. */
static void test_not_due(void **state)
{
	struct fx *f = *state;
	char *written = NULL;
	assert_ok(f, backup_auto(f->db, T0, &written, &f->err));
	free(written);
	struct backup_job *job;
	assert_ok(f, backup_job_new(f->st, f->db, T0 + 60, &job, &f->err));
	assert_int_equal(run(f, job, 4, &written), 1);
	assert_null(written);
	assert_int_equal(tu_count_files(f->backups, "maca-"), 1);
	assert_ok(f, backup_job_end(job, &written, &f->err));
}

/* The database replaced under maca before the backup began: nothing is backed up, and the
 * failure is said. */
static void test_replaced_database(void **state)
{
	struct fx *f = *state;
	struct backup_job *job;
	assert_ok(f, backup_job_new(f->st, f->db, T0, &job, &f->err));
	char *other = str_fmt("%s/other.db", f->dir);
	cli_run_expect(cli_run_db(other, NULL, "new", "domestic-abuse", "Other", NULL), 0, "1",
		       NULL);
	assert_int_equal(rename(other, f->db), 0);
	bool done = false;
	char *written = NULL;
	assert_int_equal(backup_job_step(job, 4, &done, &written, &f->err), MACA_EIO);
	assert_non_null(strstr(err_msg(&f->err), "replaced"));
	err_clear(&f->err);
	assert_true(done);
	assert_int_equal(tu_count_files(f->backups, "maca-"), 0);
	assert_ok(f, backup_job_end(job, &written, &f->err));
	free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_steps_after_the_first_frame, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_first_write_waits_for_the_copy, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_other_writers_stay_out, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_quit_midway_leaves_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_due, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_replaced_database, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
