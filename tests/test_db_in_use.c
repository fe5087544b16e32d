/* A database in use by another process: restore refused while any other maca has it open,
 * whatever that maca is doing or has done (idle after its automatic backup, inside a read),
 * and allowed once it has gone, even by kill -9; the automatic backup leaving SQLite's own
 * lock in place; and a store noticing that its file was replaced or removed under it. The
 * other maca is a real second process (fork), opening the database with the store itself. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "backup.h"
#include "cli_run.h"
#include "paths.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

#define T0 1780000000 /* 2026-05-28T20:26:40Z */
#define Q1 "identification-recognised"
#define Q2 "identification-referral"

struct fx {
	char *dir;
	char *db;    /* DIR/maca.db: one audit, one case, no answers, no backups */
	char *saved; /* DIR/saved.db: a backup of it */
	struct maca_err err;
};

/* What the other process does with the database before it says it is ready. */
enum hold { HOLD_IDLE_AFTER_AUTO_BACKUP, HOLD_IN_READ };

struct holder {
	pid_t pid;
	int ready; /* reads one byte when the holder has the database open */
	int go;	   /* closing it tells the holder to save an answer, close and exit */
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

#define maca(db, ...) cli_run_db((db), NULL, __VA_ARGS__)

static char *in_dir(struct fx *f, const char *rel)
{
	char *p = str_fmt("%s/%s", f->dir, rel);
	assert_non_null(p);
	return p;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	assert_non_null(f->dir);
	f->db = in_dir(f, "maca.db");
	f->saved = in_dir(f, "saved.db");
	cli_run_expect(maca(f->db, "new", "domestic-abuse", "Spring audit", NULL), 0, "1", NULL);
	cli_run_expect(maca(f->db, "case", "add", "1", "Child A", NULL), 0, "1", NULL);
	cli_run_expect(maca(f->db, "backup", "-o", f->saved, NULL), 0, NULL, NULL);
	/* No backup from the last day: the next opening takes one, as the first of the morning
	 * does. */
	char *b = backup_dir(f->db);
	tu_remove_tree(b);
	free(b);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	free(f->saved);
	err_clear(&f->err);
	free(f);
	return 0;
}

/* The other maca: opens the database as the interface and the commands do (the store, then
 * the automatic backup when one is due), holds it as told, and once told to go on saves an
 * answer to question q and exits. Exit status 0 when all of that worked. */
static void hold_database(const char *db, enum hold how, const char *q, int ready, int go)
{
	struct maca_err e = {0};
	struct store *st = NULL;
	char *written = NULL;
	int rc = store_open(db, &st, &e);
	if (!rc && how == HOLD_IDLE_AFTER_AUTO_BACKUP)
		rc = backup_auto(db, time(NULL), &written, &e) || !written;
	free(written);
	struct audit_info *list = NULL;
	size_t n = 0;
	if (!rc && how == HOLD_IN_READ)
		rc = store_read_begin(st, &e) || store_audit_list(st, &list, &n, &e) || n != 1;
	audit_info_list_free(list, n);
	char c = rc ? 'x' : 'r';
	if (write(ready, &c, 1) != 1 || rc)
		_exit(2);
	while (read(go, &c, 1) > 0) /* waits for the parent to close its end */
		;
	if (how == HOLD_IN_READ)
		store_read_end(st);
	rc = store_answer_save(st, 1, "police", q, "good", "", &e);
	store_close(st);
	_exit(rc ? 3 : 0);
}

/* The holder is this program started afresh (SQLite's state must not cross a fork). */
static struct holder start_holder(struct fx *f, enum hold how, const char *q)
{
	int ready[2], go[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	char *args = str_fmt("%d %d %d", (int)how, ready[1], go[0]);
	assert_non_null(args);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		execl("/proc/self/exe", "test_db_in_use", "--hold", f->db, q, args, (char *)NULL);
		_exit(127);
	}
	free(args);
	close(ready[1]);
	close(go[0]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(c, 'r');
	return (struct holder){pid, ready[0], go[1]};
}

/* Tells the holder to go on; returns its exit status. */
static int finish_holder(struct holder *h)
{
	close(h->go);
	close(h->ready);
	int status = 0;
	assert_int_equal(waitpid(h->pid, &status, 0), h->pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void expect_restore_refused(struct fx *f)
{
	char *kept = NULL;
	assert_int_equal(backup_restore(f->db, f->saved, T0, &kept, &f->err), MACA_EBUSY);
	assert_null(kept);
	const char *msg = err_msg(&f->err);
	if (!strstr(msg, "is open in another maca") || !strstr(msg, "nothing was restored"))
		fail_msg("restore said: %s", msg);
	err_clear(&f->err);
	/* And the command says the same in plain words. */
	cli_run_expect(maca(f->db, "restore", f->saved, NULL), 1, NULL, "is open in another maca");
}

static void test_restore_refused_while_another_maca_idles_after_its_backup(void **state)
{
	struct fx *f = *state;
	/* The first opening of the day: the holder takes the automatic backup, then sits idle,
	 * as the interface does on any screen. */
	struct holder h = start_holder(f, HOLD_IDLE_AFTER_AUTO_BACKUP, Q1);
	expect_restore_refused(f);
	/* Whatever it saves afterwards lands in the database, not in a replaced file. */
	assert_int_equal(finish_holder(&h), 0);
	tu_expect_sql(f->db, "SELECT group_concat(question_id) FROM answer", Q1);
}

static void test_restore_refused_during_another_macas_read(void **state)
{
	struct fx *f = *state;
	struct holder h = start_holder(f, HOLD_IN_READ, Q2);
	expect_restore_refused(f);
	assert_int_equal(finish_holder(&h), 0);
	tu_expect_sql(f->db, "SELECT group_concat(question_id) FROM answer", Q2);
}

static void test_restore_allowed_once_the_holder_is_killed(void **state)
{
	struct fx *f = *state;
	struct holder h = start_holder(f, HOLD_IDLE_AFTER_AUTO_BACKUP, Q1);
	expect_restore_refused(f);
	/* kill -9: no chance to tidy anything; the lock file stays, and blocks nothing. */
	assert_int_equal(kill(h.pid, SIGKILL), 0);
	assert_int_equal(finish_holder(&h), 128 + SIGKILL);
	char *lock = paths_db_lock(f->db);
	struct stat sb;
	assert_int_equal(stat(lock, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(lock);
	cli_run_expect(maca(f->db, "restore", f->saved, NULL), 0, "Restored", NULL);
	tu_expect_sql(f->db, "PRAGMA integrity_check", "ok");
	/* And nothing else is in the way either. */
	cli_run_expect(maca(f->db, "case", "add", "1", "Child B", NULL), 0, "2", NULL);
}

/* The cause of the lost answers: the automatic backup read the database's header through a
 * descriptor of its own, and closing it dropped SQLite's locks in the process that had just
 * opened it. The next maca to close then took itself for the last one and deleted the
 * write-ahead log the first was still writing into. */
static void test_auto_backup_leaves_sqlite_its_lock(void **state)
{
	struct fx *f = *state;
	struct store *st;
	assert_ok(f, store_open(f->db, &st, &f->err));
	char *written = NULL;
	assert_ok(f, backup_auto(f->db, T0, &written, &f->err));
	assert_non_null(written);
	free(written);
	/* Another maca opens, reads and closes: maca list, in a process of its own. */
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		execl(MACA_BINARY, "maca", "--db", f->db, "list", (char *)NULL);
		_exit(127);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *wal = str_fmt("%s-wal", f->db);
	assert_int_equal(access(wal, F_OK), 0);
	free(wal);
	/* What this store saves now is in the file everyone else reads. */
	assert_ok(f, store_answer_save(st, 1, "police", Q1, "good", "", &f->err));
	tu_expect_sql(f->db, "SELECT group_concat(question_id) FROM answer", Q1);
	store_close(st);
	tu_expect_sql(f->db, "SELECT group_concat(question_id) FROM answer", Q1);
}

static void expect_not_saved(struct fx *f, struct store *st, const char *q)
{
	assert_true(store_file_replaced(st));
	assert_int_equal(store_answer_save(st, 1, "police", q, "good", "typed", &f->err), MACA_EIO);
	const char *msg = err_msg(&f->err);
	if (!strstr(msg, "another program replaced or removed the database") ||
	    !strstr(msg, "quit and reopen maca") || !strstr(msg, f->db))
		fail_msg("the refused save said: %s", msg);
	err_clear(&f->err);
}

static void test_store_notices_its_file_replaced_or_removed(void **state)
{
	struct fx *f = *state;
	struct store *st;
	assert_ok(f, store_open(f->db, &st, &f->err));
	assert_false(store_file_replaced(st));
	assert_ok(f, store_answer_save(st, 1, "police", Q1, "good", "", &f->err));
	/* Another program moves the database away and puts another file in its place. */
	char *away = in_dir(f, "away.db");
	char *other = in_dir(f, "other.db");
	assert_int_equal(link(f->saved, other), 0);
	assert_int_equal(rename(f->db, away), 0);
	assert_int_equal(rename(other, f->db), 0);
	expect_not_saved(f, st, Q2);
	/* What was saved before left the write-ahead log, which stays at the path, for the file
	 * moved away: the next maca opening the new file must not take it for its own. */
	char *wal = str_fmt("%s-wal", f->db);
	struct stat sb;
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	free(wal);
	tu_expect_sql(away, "SELECT group_concat(question_id) FROM answer", Q1);
	tu_expect_sql(f->db, "SELECT count(*) FROM answer", "0");
	/* Removed altogether. */
	assert_int_equal(rename(f->db, other), 0);
	expect_not_saved(f, st, Q2);
	/* Put back: it is the same file again, and saving goes on. */
	assert_int_equal(rename(away, f->db), 0);
	assert_false(store_file_replaced(st));
	assert_ok(f, store_answer_save(st, 1, "police", Q2, "good", "", &f->err));
	store_close(st);
	tu_expect_sql(f->db,
		      "SELECT group_concat(question_id, ',') FROM answer ORDER BY question_id",
		      Q1 "," Q2);
	tu_expect_sql(other, "SELECT count(*) FROM answer", "0");
	free(away);
	free(other);
}

static void test_lock_file_private_and_plain(void **state)
{
	struct fx *f = *state;
	char *lock = paths_db_lock(f->db);
	assert_non_null(lock);
	struct stat sb;
	assert_int_equal(stat(lock, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* Widened by hand: narrowed again on the next opening. */
	assert_int_equal(chmod(lock, 0644), 0);
	cli_run_expect(maca(f->db, "list", NULL), 0, "Spring audit", NULL);
	assert_int_equal(stat(lock, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* A symbolic link in its place is refused, not followed. */
	char *elsewhere = in_dir(f, "elsewhere");
	assert_int_equal(unlink(lock), 0);
	assert_int_equal(symlink(elsewhere, lock), 0);
	cli_run_expect(maca(f->db, "list", NULL), 1, NULL, "a symbolic link");
	assert_int_equal(access(elsewhere, F_OK), -1);
	free(elsewhere);
	free(lock);
}

/* The other step that could rename over the database: an export told to --force. */
static void test_export_never_replaces_the_database(void **state)
{
	struct fx *f = *state;
	cli_run_expect(maca(f->db, "list", NULL), 0, "Spring audit", NULL); /* makes DB.lock */
	const char *const beside[] = {"", "-wal", "-shm", "-journal", ".lock"};
	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		char *target = str_fmt("%s%s", f->db, beside[i]);
		assert_non_null(target);
		cli_run_expect(maca(f->db, "export", "csv", "1", "-o", target, "--force", NULL), 1,
			       NULL, "is a maca database, or one of the files beside it");
		cli_run_expect(maca(f->db, "export", "briefing", "1", "-o", target, NULL), 1, NULL,
			       "an export never replaces it");
		free(target);
	}
	tu_expect_sql(f->db, "SELECT group_concat(reference) FROM audit_case", "Child A");
	char *lock = paths_db_lock(f->db);
	struct stat sb;
	assert_int_equal(stat(lock, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	free(lock);
	/* Anything else is still replaced when asked. */
	char *csv = in_dir(f, "maca.csv");
	cli_run_expect(maca(f->db, "export", "csv", "1", "-o", csv, NULL), 0, NULL, NULL);
	cli_run_expect(maca(f->db, "export", "csv", "1", "-o", csv, "--force", NULL), 0, NULL,
		       NULL);
	free(csv);
}

/* A maca opening while a restore swaps the file in waits for it, then opens the new file. */
static void test_open_waits_for_a_restore(void **state)
{
	struct fx *f = *state;
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct maca_err e = {0};
		int fd = -1;
		int rc = store_lock_exclusive(f->db, &fd, &e);
		char c = rc ? 'x' : 'r';
		if (write(ready[1], &c, 1) != 1 || rc)
			_exit(2);
		struct timespec ts = {0, 300 * 1000000L};
		nanosleep(&ts, NULL);
		store_lock_release(fd);
		_exit(0);
	}
	close(ready[1]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(c, 'r');
	close(ready[0]);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct store *st;
	assert_ok(f, store_open(f->db, &st, &f->err));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	store_close(st);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* It did wait: the open came after the lock was let go. */
	double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(waited >= 0.2);
}

int main(int argc, char **argv)
{
	int how, ready, go;
	if (argc == 5 && strcmp(argv[1], "--hold") == 0 &&
	    sscanf(argv[4], "%d %d %d", &how, &ready, &go) == 3)
		hold_database(argv[2], (enum hold)how, argv[3], ready, go);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_restore_refused_while_another_maca_idles_after_its_backup, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restore_refused_during_another_macas_read, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_restore_allowed_once_the_holder_is_killed, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_auto_backup_leaves_sqlite_its_lock, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_store_notices_its_file_replaced_or_removed, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_lock_file_private_and_plain, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export_never_replaces_the_database, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_open_waits_for_a_restore, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
