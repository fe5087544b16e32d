/* Backups, restore and the database check: rotation, when a backup is due, what a backup
 * holds, restore refusing bad files and busy databases without touching anything, the kept
 * replaced database, and the commands that drive them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "backup.h"
#include "cli_run.h"
#include "db_check.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

#define DAY (24 * 60 * 60)
#define T0 1780000000 /* 2026-05-28T20:26:40Z */

struct fx {
	char *dir;
	char *db; /* DIR/maca.db, holding one audit with one case and one answer */
	struct maca_err err;
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

/* Everything a test compares between a database and its copies. */
#define CONTENT                                                                                    \
	"SELECT (SELECT group_concat(title, '|') FROM audit) || '#' || "                           \
	"(SELECT group_concat(reference, '|') FROM audit_case) || '#' || "                         \
	"(SELECT group_concat(question_id || '=' || value || ':' || evidence, '|') FROM answer) "  \
	"|| '#' || (SELECT count(*) FROM history)"

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	assert_non_null(f->dir);
	f->db = in_dir(f, "maca.db");
	cli_run_expect(maca(f->db, "new", "domestic-abuse", "Spring audit", NULL), 0, "1", NULL);
	cli_run_expect(maca(f->db, "case", "add", "1", "Child A", NULL), 0, "1", NULL);
	struct store *st;
	assert_ok(f, store_open(f->db, &st, &f->err));
	assert_ok(f, store_answer_save(st, 1, "police", "identification-recognised", "good",
				       "Named as coercive control\non the first call.", &f->err));
	store_close(st);
	/* Tests start from no backups at all, whatever opening made. */
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
	err_clear(&f->err);
	free(f);
	return 0;
}

static void test_due_when_none_or_old(void **state)
{
	struct fx *f = *state;
	bool due = false;
	assert_ok(f, backup_due(f->db, T0, &due, &f->err));
	assert_true(due);
	char *written = NULL;
	assert_ok(f, backup_auto(f->db, T0, &written, &f->err));
	assert_non_null(written);
	assert_non_null(strstr(written, "/backups/maca-20260528T202640Z.db"));
	free(written);
	assert_ok(f, backup_due(f->db, T0 + DAY - 1, &due, &f->err));
	assert_false(due);
	assert_ok(f, backup_auto(f->db, T0 + 3600, &written, &f->err));
	assert_null(written);
	assert_ok(f, backup_due(f->db, T0 + DAY, &due, &f->err));
	assert_true(due);
}

static void test_backup_is_private_and_equal(void **state)
{
	struct fx *f = *state;
	char *written = NULL;
	assert_ok(f, backup_write(f->db, NULL, T0, &written, &f->err));
	struct stat sb;
	assert_int_equal(stat(written, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *dir = backup_dir(f->db);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* No temporary file is left beside it. */
	assert_int_equal(tu_count_files(dir, ".tmp-"), 0);
	char *orig = tu_sql_value(f->db, CONTENT);
	assert_non_null(strstr(orig, "coercive control\non the first call"));
	tu_expect_sql(written, CONTENT, orig);
	tu_expect_sql(written, "PRAGMA integrity_check", "ok");
	tu_expect_sql(written, "PRAGMA application_id", "1296122689"); /* MACA */
	/* One self-contained file, not a WAL database needing a -wal beside it. */
	tu_expect_sql(written, "PRAGMA journal_mode", "delete");
	free(orig);
	free(dir);
	free(written);
}

static void test_rotation_keeps_newest_seven(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 9; i++)
		assert_ok(f, backup_write(f->db, NULL, T0 + i * DAY, NULL, &f->err));
	char *dir = backup_dir(f->db);
	/* Neither a replaced database nor another file is ever rotated away. */
	char *other = str_fmt("%s/maca-replaced-20200101T000000Z.db", dir);
	char *notes = str_fmt("%s/notes.txt", dir);
	free(tu_write(dir, "maca-replaced-20200101T000000Z.db", "kept"));
	free(tu_write(dir, "notes.txt", "mine"));
	assert_ok(f, backup_write(f->db, NULL, T0 + 9 * DAY, NULL, &f->err));
	assert_int_equal(tu_count_files(dir, "maca-2"), 7);
	/* The two oldest went, the newest seven (days 3 to 9) stayed. */
	assert_int_equal(tu_count_files(dir, "maca-20260528T"), 0); /* day 0 */
	assert_int_equal(tu_count_files(dir, "maca-20260531T"), 1); /* day 3 */
	assert_int_equal(tu_count_files(dir, "maca-20260606T"), 1); /* day 9 */
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(access(notes, F_OK), 0);
	/* What a backup killed half-way left: removed once a day old, not while it may be
	 * a backup still being written. */
	char *stale = str_fmt("%s/maca-20200101T000000Z.db.tmp-abc123", dir);
	char *fresh = str_fmt("%s/maca-20200102T000000Z.db.tmp-def456", dir);
	free(tu_write(dir, "maca-20200101T000000Z.db.tmp-abc123", "half"));
	free(tu_write(dir, "maca-20200102T000000Z.db.tmp-def456", "half"));
	struct timespec old[2] = {{.tv_sec = time(NULL) - 2 * DAY},
				  {.tv_sec = time(NULL) - 2 * DAY}};
	assert_int_equal(utimensat(AT_FDCWD, stale, old, 0), 0);
	assert_ok(f, backup_rotate(f->db, BACKUP_KEEP, &f->err));
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(fresh, F_OK), 0);
	assert_int_equal(tu_count_files(dir, "maca-2"), 8); /* seven backups and the fresh one */
	free(stale);
	free(fresh);
	free(other);
	free(notes);
	free(dir);
}

static void test_backup_never_overwrites(void **state)
{
	struct fx *f = *state;
	char *out = in_dir(f, "copy.db");
	free(tu_write(f->dir, "copy.db", "precious"));
	assert_int_equal(backup_write(f->db, out, T0, NULL, &f->err), MACA_EEXIST);
	err_clear(&f->err);
	char *text = tu_read(out, NULL);
	assert_string_equal(text, "precious");
	free(text);
	/* Two in the same second: the second is named a second later. */
	char *a = NULL, *b = NULL;
	assert_ok(f, backup_write(f->db, NULL, T0, &a, &f->err));
	assert_ok(f, backup_write(f->db, NULL, T0, &b, &f->err));
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	free(out);
}

/* Overwrites the middle page of a copy of the database with junk. */
static char *damaged_copy(struct fx *f)
{
	char *copy = in_dir(f, "damaged.db");
	assert_ok(f, backup_write(f->db, copy, T0, NULL, &f->err));
	struct stat sb;
	assert_int_equal(stat(copy, &sb), 0);
	int fd = open(copy, O_WRONLY);
	assert_true(fd >= 0);
	char junk[4096];
	memset(junk, 0x5a, sizeof junk);
	off_t page = (sb.st_size / 4096 / 2) * 4096;
	assert_int_equal(pwrite(fd, junk, sizeof junk, page), (ssize_t)sizeof junk);
	close(fd);
	return copy;
}

static void test_restore_refuses_bad_files(void **state)
{
	struct fx *f = *state;
	char *before = tu_sql_value(f->db, CONTENT);
	char *damaged = damaged_copy(f);
	char *text = in_dir(f, "text.db");
	free(tu_write(f->dir, "text.db", "not a database at all\n"));
	char *foreign = in_dir(f, "foreign.db");
	sqlite3 *db;
	assert_int_equal(sqlite3_open(foreign, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	const char *bad[] = {damaged, text, foreign};
	for (size_t i = 0; i < 3; i++) {
		char *kept = NULL;
		assert_int_equal(backup_restore(f->db, bad[i], T0, &kept, &f->err), MACA_ENOTMACA);
		assert_non_null(strstr(err_msg(&f->err), "nothing was restored"));
		assert_non_null(strstr(err_msg(&f->err), bad[i]));
		err_clear(&f->err);
		assert_null(kept);
	}
	tu_expect_sql(f->db, CONTENT, before);
	char *dir = backup_dir(f->db);
	assert_int_equal(tu_count_files(dir, "replaced"), 0);
	assert_int_equal(tu_count_files(f->dir, ".tmp-"), 0);
	free(dir);
	free(before);
	free(damaged);
	free(text);
	free(foreign);
}

static void test_restore_replaces_and_keeps(void **state)
{
	struct fx *f = *state;
	char *saved = in_dir(f, "saved.db");
	assert_ok(f, backup_write(f->db, saved, T0, NULL, &f->err));
	char *then = tu_sql_value(f->db, CONTENT);
	cli_run_expect(maca(f->db, "new", "domestic-abuse", "Summer audit", NULL), 0, "2", NULL);
	char *now = tu_sql_value(f->db, CONTENT);
	char *kept = NULL;
	assert_ok(f, backup_restore(f->db, saved, T0, &kept, &f->err));
	assert_non_null(kept);
	assert_non_null(strstr(kept, "/backups/maca-replaced-20260528T202640Z.db"));
	tu_expect_sql(f->db, CONTENT, then);
	tu_expect_sql(kept, CONTENT, now);
	/* The restored database opens and works as any other. */
	struct store *st;
	assert_ok(f, store_open(f->db, &st, &f->err));
	store_close(st);
	tu_expect_sql(f->db, "PRAGMA integrity_check", "ok");
	free(kept);
	free(then);
	free(now);
	free(saved);
}

static void test_restore_refuses_database_in_use(void **state)
{
	struct fx *f = *state;
	char *saved = in_dir(f, "saved.db");
	assert_ok(f, backup_write(f->db, saved, T0, NULL, &f->err));
	cli_run_expect(maca(f->db, "new", "domestic-abuse", "Summer audit", NULL), 0, "2", NULL);
	char *before = tu_sql_value(f->db, CONTENT);
	struct store *st;
	assert_ok(f, store_open(f->db, &st, &f->err));
	char *kept = NULL;
	assert_int_equal(backup_restore(f->db, saved, T0, &kept, &f->err), MACA_EBUSY);
	assert_non_null(strstr(err_msg(&f->err), "is open in another maca"));
	err_clear(&f->err);
	assert_null(kept);
	/* The maca holding it carries on writing. */
	assert_ok(f, store_answer_save(st, 1, "health", "identification-recognised", "good", "",
				       &f->err));
	store_close(st);
	char *after = tu_sql_value(f->db, CONTENT);
	assert_string_not_equal(before, after);
	assert_non_null(strstr(after, "Summer audit"));
	free(before);
	free(after);
	free(saved);
}

/* Two restores within one second: the second keeps what it replaced under a name of its own,
 * rather than failing on the first one's ("File exists"). */
static void test_restores_in_one_second_keep_both(void **state)
{
	struct fx *f = *state;
	char *saved = in_dir(f, "saved.db");
	assert_ok(f, backup_write(f->db, saved, T0, NULL, &f->err));
	char *first = NULL, *second = NULL, *third = NULL;
	assert_ok(f, backup_restore(f->db, saved, T0, &first, &f->err));
	assert_ok(f, backup_restore(f->db, saved, T0, &second, &f->err));
	assert_ok(f, backup_restore(f->db, saved, T0, &third, &f->err));
	assert_non_null(strstr(first, "/backups/maca-replaced-20260528T202640Z.db"));
	assert_non_null(strstr(second, "/backups/maca-replaced-20260528T202640Z-2.db"));
	assert_non_null(strstr(third, "/backups/maca-replaced-20260528T202640Z-3.db"));
	tu_expect_sql(second, "PRAGMA integrity_check", "ok");
	/* Kept copies are not automatic backups: rotation leaves them alone. */
	char *dir = backup_dir(f->db);
	assert_ok(f, backup_rotate(f->db, 0, &f->err));
	assert_int_equal(tu_count_files(dir, "maca-replaced-"), 3);
	/* The commands, twice in a row (the same second, nearly always). */
	cli_run_expect(maca(f->db, "restore", saved, NULL), 0, "kept as", NULL);
	cli_run_expect(maca(f->db, "restore", saved, NULL), 0, "kept as", NULL);
	assert_int_equal(tu_count_files(dir, "maca-replaced-"), 5);
	free(dir);
	free(first);
	free(second);
	free(third);
	free(saved);
}

/* A backup reached through a symbolic link is restored: the link is followed. The database
 * itself given as a link is refused (maca opens a database only by its own path), saying so
 * rather than "unable to open database file". */
static void test_restore_and_symbolic_links(void **state)
{
	struct fx *f = *state;
	char *saved = in_dir(f, "saved.db"), *link_to_saved = in_dir(f, "latest.db");
	assert_ok(f, backup_write(f->db, saved, T0, NULL, &f->err));
	cli_run_expect(maca(f->db, "new", "domestic-abuse", "Summer audit", NULL), 0, "2", NULL);
	assert_int_equal(symlink("saved.db", link_to_saved), 0);
	cli_run_expect(maca(f->db, "restore", link_to_saved, NULL), 0, "Restored", NULL);
	tu_expect_sql(f->db, "SELECT group_concat(title) FROM audit", "Spring audit");
	struct stat sb;
	assert_int_equal(lstat(link_to_saved, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode)); /* only read */
	/* A link to nothing. */
	char *dangling = in_dir(f, "dangling.db");
	assert_int_equal(symlink("nowhere.db", dangling), 0);
	cli_run_expect(maca(f->db, "restore", dangling, NULL), 1, NULL,
		       "is a symbolic link to a file that cannot be read");
	/* The database as a link: refused, naming the file to give instead. */
	char *db_link = in_dir(f, "link-to-maca.db");
	assert_int_equal(symlink(f->db, db_link), 0);
	char *before = tu_sql_value(f->db, CONTENT);
	cli_run_expect(maca(db_link, "restore", saved, NULL), 1, NULL, "is a symbolic link");
	cli_run_expect(maca(db_link, "restore", saved, NULL), 1, NULL, f->db);
	assert_int_equal(lstat(db_link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	tu_expect_sql(f->db, CONTENT, before);
	/* Opened the same way by any other command, not "unable to open database file". */
	cli_run_expect(maca(db_link, "list", NULL), 1, NULL, "is a symbolic link");
	free(before);
	free(db_link);
	free(dangling);
	free(link_to_saved);
	free(saved);
}

static void test_check_db_reports_in_plain_words(void **state)
{
	struct fx *f = *state;
	cli_run_expect(maca(f->db, "check-db", NULL), 0,
		       "The database is sound: 1 audit, 1 answer.", NULL);
	/* An answer whose case is gone: a foreign key problem, named as such. */
	char *broken = in_dir(f, "broken.db");
	assert_ok(f, backup_write(f->db, broken, T0, NULL, &f->err));
	sqlite3 *db;
	assert_int_equal(sqlite3_open(broken, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db,
			 "INSERT INTO answer (case_id, agency_id, question_id, value, "
			 "author, updated_at) SELECT 999, agency_id, 'x', 'good', 'a', "
			 "'b' FROM answer LIMIT 1",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	struct db_report r;
	assert_ok(f, db_check_file(broken, &r, &f->err));
	assert_false(r.sound);
	assert_int_equal(r.problems.n, 1);
	assert_non_null(strstr(r.problems.items[0].label, "an answer"));
	assert_non_null(strstr(r.problems.items[0].label, "a case that does not exist"));
	db_report_free(&r);
	cli_run_expect(maca(broken, "check-db", NULL), 1, "has 1 problem", NULL);
	char *damaged = damaged_copy(f);
	cli_run_expect(maca(damaged, "check-db", NULL), 1, "damaged", NULL);
	cli_run_expect(maca(f->db, "restore", broken, NULL), 1, NULL, "fails the checks");
	free(broken);
	free(damaged);
}

static void test_commands(void **state)
{
	struct fx *f = *state;
	/* Opening writes the day's backup; the next opening does not. */
	cli_run_expect(maca(f->db, "list", NULL), 0, "Spring audit", NULL);
	char *dir = backup_dir(f->db);
	assert_int_equal(tu_count_files(dir, "maca-2"), 1);
	cli_run_expect(maca(f->db, "list", NULL), 0, "Spring audit", NULL);
	assert_int_equal(tu_count_files(dir, "maca-2"), 1);
	cli_run_expect(maca(f->db, "backup", NULL), 0, "/backups/maca-2", NULL);
	assert_int_equal(tu_count_files(dir, "maca-2"), 2);
	/* The copy's reader closes last: it must leave the database tidy, without -wal and
	 * -shm files beside it. */
	char *wal = NULL, *shm = NULL;
	assert_true(asprintf(&wal, "%s-wal", f->db) > 0);
	assert_true(asprintf(&shm, "%s-shm", f->db) > 0);
	assert_int_equal(access(wal, F_OK), -1);
	assert_int_equal(access(shm, F_OK), -1);
	free(wal);
	free(shm);
	char *out = in_dir(f, "mine.db");
	cli_run_expect(maca(f->db, "backup", "-o", out, NULL), 0, out, NULL);
	cli_run_expect(maca(f->db, "backup", "-o", out, NULL), 1, NULL, "already exists");
	cli_run_expect(maca(f->db, "backup", "extra", NULL), 2, NULL, "backup takes no");
	cli_run_expect(maca(f->db, "restore", out, NULL), 0, "kept as", NULL);
	cli_run_expect(maca(f->db, "restore", NULL), 2, NULL, "restore needs");
	char *missing = in_dir(f, "none.db");
	cli_run_expect(maca(missing, "backup", NULL), 1, NULL, "none.db");
	cli_run_expect(maca(missing, "check-db", NULL), 1, NULL, "none.db");
	/* Restoring where there is no database yet: it is put there, private, nothing kept. */
	cli_run_expect(maca(missing, "restore", out, NULL), 0, "Restored", NULL);
	struct stat sb;
	assert_int_equal(stat(missing, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	tu_expect_sql(missing, "SELECT title FROM audit", "Spring audit");
	free(missing);
	free(out);
	free(dir);
}

static void test_failed_auto_backup_still_opens(void **state)
{
	struct fx *f = *state;
	/* A file where the backups directory should be: every backup fails. */
	free(tu_write(f->dir, "backups", "in the way"));
	cli_run_expect(maca(f->db, "list", NULL), 0, "Spring audit",
		       "warning: the automatic backup failed");
	cli_run_expect(maca(f->db, "case", "add", "1", "Child B", NULL), 0, "2", NULL);
	tu_expect_sql(f->db, "SELECT count(*) FROM audit_case", "2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_due_when_none_or_old, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_backup_is_private_and_equal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rotation_keeps_newest_seven, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_backup_never_overwrites, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restore_refuses_bad_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restore_replaces_and_keeps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restore_refuses_database_in_use, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restores_in_one_second_keep_both, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restore_and_symbolic_links, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_check_db_reports_in_plain_words, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_commands, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failed_auto_backup_still_opens, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
