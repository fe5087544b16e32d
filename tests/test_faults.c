/* Write faults: a file size limit (as a full disk behaves) and a read-only database file or
 * directory. Each fault is made in a forked child, so it cannot leak into the other tests;
 * the parent then checks that nothing already saved was lost. As root, the child drops to
 * nobody first, since root writes through file permissions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <grp.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include <sqlite3.h>

#include "cli_run.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"
#include "ui.h"

#define QUESTION "identification-recognised"
#define NOBODY 65534

struct fx {
	char *dir;
	char *db;
	struct template *tpl;
};

/* In a child: report and leave with status 1 when cond fails. */
#define CHILD_CHECK(cond, ...)                                                                     \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "child, line %d: %s: ", __LINE__, #cond);                  \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			_exit(1);                                                                  \
		}                                                                                  \
	} while (0)

#define maca(db, ...) cli_run_db((db), NULL, __VA_ARGS__)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	f->db = str_fmt("%s/maca.db", f->dir);
	char *path = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	struct diag_list diags = {0};
	assert_int_equal(template_load_file(path, &f->tpl, &diags), 0);
	diag_list_free(&diags);
	free(path);
	struct maca_err err = {0};
	struct store *st;
	struct audit_new a = {.title = "Fault audit", .tpl = f->tpl};
	struct case_fields c = {.reference = "Child A"};
	int64_t audit, case_id;
	assert_int_equal(store_open(f->db, &st, &err), 0);
	assert_int_equal(store_audit_create(st, &a, &audit, &err), 0);
	assert_int_equal(store_case_add(st, audit, &c, &case_id, &err), 0);
	assert_int_equal(
	    store_answer_save(st, case_id, "police", QUESTION, "good", "Saved before", &err), 0);
	store_close(st);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	chmod(f->dir, 0700);
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	template_free(f->tpl);
	free(f);
	return 0;
}

static void wait_child(pid_t pid)
{
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("the child failed (status %d); its message is above", status);
}

/* Writes past `bytes` now fail with EFBIG, as they would on a full disk. */
static void limit_file_size(rlim_t bytes)
{
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit rl;
	getrlimit(RLIMIT_FSIZE, &rl);
	rl.rlim_cur = bytes;
	CHILD_CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0, "setrlimit");
}

/* What every test checks afterwards: the database is whole and holds what was saved. */
static void expect_saved_intact(struct fx *f, int answers)
{
	struct maca_err err = {0};
	struct store *st;
	assert_int_equal(store_open(f->db, &st, &err), 0);
	struct answer a;
	bool found;
	assert_int_equal(store_answer_get(st, 1, "police", QUESTION, &a, &found, &err), 0);
	assert_true(found);
	assert_string_equal(a.value, "good");
	assert_string_equal(a.evidence, "Saved before");
	answer_free(&a);
	store_close(st);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT count(*) FROM answer), "
					    "(SELECT integrity_check FROM pragma_integrity_check)",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), answers);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 1), "ok");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

static void test_file_size_limit_store(void **state)
{
	struct fx *f = *state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct maca_err err = {0};
		struct store *st;
		CHILD_CHECK(store_open(f->db, &st, &err) == 0, "%s", err_msg(&err));
		/* Unchanged, so nothing is written; but the audit's template is now parsed (the
		 * parser goes through a memory file, which a file size limit also stops). */
		CHILD_CHECK(
		    store_answer_save(st, 1, "police", QUESTION, "good", "Saved before", &err) == 0,
		    "%s", err_msg(&err));
		limit_file_size(1024);
		char *long_text = calloc(1, 20000);
		memset(long_text, 'x', 19999);
		int rc =
		    store_answer_save(st, 1, "health", QUESTION, "inadequate", long_text, &err);
		CHILD_CHECK(rc == MACA_EIO, "rc %d: %s", rc, err_msg(&err));
		CHILD_CHECK(strstr(err_msg(&err), "file size limit"), "%s", err_msg(&err));
		CHILD_CHECK(strstr(err_msg(&err), "nothing was changed"), "%s", err_msg(&err));
		err_clear(&err);
		rc = store_note_save(st, 1, "police", "identification", "good-practice", long_text,
				     &err);
		CHILD_CHECK(rc == MACA_EIO, "rc %d: %s", rc, err_msg(&err));
		/* Reading still works, and the connection still answers. */
		struct answer a;
		bool found;
		CHILD_CHECK(store_answer_get(st, 1, "police", QUESTION, &a, &found, &err) == 0 &&
				found && strcmp(a.value, "good") == 0,
			    "%s", err_msg(&err));
		_exit(0);
	}
	wait_child(pid);
	expect_saved_intact(f, 1);
}

static void test_file_size_limit_cli(void **state)
{
	struct fx *f = *state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Room for SQLite's shared memory file, not for the day's backup: a warning,
		 * and maca carries on. */
		limit_file_size(64 * 1024);
		struct cli_run r = maca(f->db, "list", NULL);
		CHILD_CHECK(r.status == 0, "status %d: %s", r.status, r.err);
		CHILD_CHECK(strstr(r.out, "Fault audit"), "%s", r.out);
		CHILD_CHECK(strstr(r.err, "warning: the automatic backup failed"), "%s", r.err);
		CHILD_CHECK(strstr(r.err, "File too large") || strstr(r.err, "file size limit"),
			    "%s", r.err);
		cli_run_free(&r);
		/* No room at all: refused with the reason, nothing written. */
		limit_file_size(1024);
		r = maca(f->db, "case", "add", "1", "Child B", NULL);
		CHILD_CHECK(r.status == 1, "status %d", r.status);
		CHILD_CHECK(strstr(r.err, "file size limit"), "%s", r.err);
		CHILD_CHECK(*r.out == '\0', "%s", r.out);
		_exit(0);
	}
	wait_child(pid);
	expect_saved_intact(f, 1);
}

static void type(struct ui *ui, const wchar_t *text)
{
	ui_text(ui, text, wcslen(text));
}

/* The answering screen with writes failing: the grade and the evidence typed stay on screen,
 * the screen stays where it is, and q needs pressing twice to quit without them. */
static void test_file_size_limit_answering(void **state)
{
	struct fx *f = *state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct maca_err err = {0};
		struct store *st;
		struct ui ui;
		CHILD_CHECK(store_open(f->db, &st, &err) == 0, "%s", err_msg(&err));
		CHILD_CHECK(ui_init(&ui, st, &err) == 0, "%s", err_msg(&err));
		ui_key(&ui, UI_KEY_ENTER);
		ui_key(&ui, 'a');
		ui_key(&ui, UI_KEY_DOWN); /* police, whose first answer is saved */
		ui_key(&ui, UI_KEY_ENTER);
		CHILD_CHECK(ui_screen(&ui) == UI_SCREEN_ANSWER, "not answering");
		limit_file_size(1024);
		ui_key(&ui, 'i');
		ui_key(&ui, UI_KEY_TAB);
		type(&ui, L" More evidence typed while the disk is full.");
		ui_key(&ui, UI_KEY_TAB);
		ui_key(&ui, UI_KEY_DOWN);
		CHILD_CHECK(ui.answer.cur == 0, "moved on to %zu", ui.answer.cur);
		CHILD_CHECK(ui.status_is_error && strstr(ui.status, "file size limit"), "%s",
			    ui.status ? ui.status : "(no status)");
		CHILD_CHECK(strcmp(ui_answer_value(&ui.answer, 0), "inadequate") == 0, "%s",
			    ui_answer_value(&ui.answer, 0));
		size_t len;
		char *text = editbuf_text(ui.answer.edit, &len);
		CHILD_CHECK(text && strstr(text, "Saved before More evidence typed"), "%s",
			    text ? text : "");
		free(text);
		/* Esc would leave the screen: it stays, the edit with it. */
		ui_key(&ui, UI_KEY_ESC);
		CHILD_CHECK(ui_screen(&ui) == UI_SCREEN_ANSWER, "left the answering screen");
		ui_key(&ui, 'q');
		CHILD_CHECK(!ui.quit, "quit at the first q");
		CHILD_CHECK(strstr(ui.status, "q again quits WITHOUT this edit"), "%s", ui.status);
		ui_key(&ui, 'q');
		CHILD_CHECK(ui.quit && ui.quit_unsaved, "quit %d unsaved %d", ui.quit,
			    ui.quit_unsaved);
		_exit(0);
	}
	wait_child(pid);
	expect_saved_intact(f, 1);
}

/* Makes the test's files belong to nobody and becomes nobody, when running as root. */
static void drop_root(struct fx *f)
{
	if (geteuid() != 0)
		return;
	char *wal = str_fmt("%s-wal", f->db), *shm = str_fmt("%s-shm", f->db);
	CHILD_CHECK(chown(f->dir, NOBODY, NOBODY) == 0 && chown(f->db, NOBODY, NOBODY) == 0,
		    "chown");
	chown(wal, NOBODY, NOBODY);
	chown(shm, NOBODY, NOBODY);
	free(wal);
	free(shm);
	/* The build tree's configuration folder need not be reachable by nobody (a clone in a
	 * private mktemp folder is not): the test's own folder, now nobody's, serves instead. */
	CHILD_CHECK(setenv("XDG_CONFIG_HOME", f->dir, 1) == 0 &&
			setenv("XDG_DATA_HOME", f->dir, 1) == 0,
		    "setenv");
	CHILD_CHECK(setgroups(0, NULL) == 0 && setgid(NOBODY) == 0 && setuid(NOBODY) == 0,
		    "cannot become nobody");
}

static void read_only_child(struct fx *f, bool dir, const char *needle)
{
	drop_root(f);
	CHILD_CHECK(chmod(dir ? f->dir : f->db, dir ? 0500 : 0400) == 0, "chmod");
	struct maca_err err = {0};
	struct store *st;
	int rc = store_open(f->db, &st, &err);
	CHILD_CHECK(rc == MACA_EIO, "rc %d: %s", rc, err_msg(&err));
	CHILD_CHECK(strstr(err_msg(&err), needle) && strstr(err_msg(&err), f->db), "%s",
		    err_msg(&err));
	err_clear(&err);
	struct cli_run r = maca(f->db, "list", NULL);
	CHILD_CHECK(r.status == 1 && strstr(r.err, needle), "status %d: %s", r.status, r.err);
	CHILD_CHECK(!strstr(r.err, "SQLITE") && !strstr(r.err, "(code"), "%s", r.err);
	_exit(0);
}

static void test_read_only_file(void **state)
{
	struct fx *f = *state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		read_only_child(f, false, "is read-only");
	wait_child(pid);
	expect_saved_intact(f, 1);
}

static void test_read_only_directory(void **state)
{
	struct fx *f = *state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		read_only_child(f, true, "read-only directory");
	wait_child(pid);
	chmod(f->dir, 0700);
	expect_saved_intact(f, 1);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_file_size_limit_store, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_file_size_limit_cli, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_file_size_limit_answering, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_only_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_only_directory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
