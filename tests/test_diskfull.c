/* A real full disk (ENOSPC), on a small tmpfs mounted in a private mount namespace by a
 * forked child, so the mount dies with it. Opening needs room for SQLite's -wal and -shm
 * files, and says so; a save on a full disk says the disk is full and changes nothing; once
 * there is room, the same save succeeds. Needs root: otherwise the tests are skipped. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backup.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

#define QUESTION "identification-recognised"
#define CHILD_SKIP 77

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

/* Writes zeros to `path` until the disk is full. */
static void fill(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	CHILD_CHECK(fd >= 0, "%s", strerror(errno));
	static const char zeros[4096];
	ssize_t n;
	while ((n = write(fd, zeros, sizeof zeros)) > 0)
		;
	CHILD_CHECK(n < 0 && errno == ENOSPC, "%s", strerror(errno));
	close(fd);
}

/* A tmpfs of 2 MB at dir/fs, seen by this process only; exits CHILD_SKIP if not allowed. */
static char *mount_small_disk(const char *dir)
{
	if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		fprintf(stderr, "SKIPPED: no private mount namespace (%s)\n", strerror(errno));
		_exit(CHILD_SKIP);
	}
	char *fs = str_fmt("%s/fs", dir);
	CHILD_CHECK(fs && mkdir(fs, 0700) == 0, "mkdir");
	if (mount("tmpfs", fs, "tmpfs", 0, "size=2m,mode=0700") != 0) {
		fprintf(stderr, "SKIPPED: cannot mount a tmpfs (%s)\n", strerror(errno));
		_exit(CHILD_SKIP);
	}
	return fs;
}

/* Files in dir whose names begin with prefix. */
static int count_named(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	CHILD_CHECK(d, "%s", strerror(errno));
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static void expect_answer(struct store *st, const char *value, const char *evidence)
{
	struct maca_err err = {0};
	struct answer a;
	bool found = false;
	CHILD_CHECK(store_answer_get(st, 1, "police", QUESTION, &a, &found, &err) == 0 && found,
		    "%s", err_msg(&err));
	CHILD_CHECK(strcmp(a.value, value) == 0 && strcmp(a.evidence, evidence) == 0, "%s %s",
		    a.value, a.evidence);
	answer_free(&a);
}

static void disk_full_child(const char *dir)
{
	char *fs = mount_small_disk(dir);
	char *db = str_fmt("%s/maca.db", fs), *filler = str_fmt("%s/filler", fs);
	char *tpl_path = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	CHILD_CHECK(db && filler && tpl_path, "out of memory");
	struct diag_list diags = {0};
	struct template *tpl;
	CHILD_CHECK(template_load_file(tpl_path, &tpl, &diags) == 0, "template");
	struct maca_err err = {0};
	struct store *st;
	struct audit_new a = {.title = "Disk full audit", .tpl = tpl};
	struct case_fields c = {.reference = "Child A"};
	int64_t audit, case_id;
	CHILD_CHECK(store_open(db, &st, &err) == 0, "%s", err_msg(&err));
	CHILD_CHECK(store_audit_create(st, &a, &audit, &err) == 0, "%s", err_msg(&err));
	CHILD_CHECK(store_case_add(st, audit, &c, &case_id, &err) == 0, "%s", err_msg(&err));
	CHILD_CHECK(
	    store_answer_save(st, case_id, "police", QUESTION, "good", "Saved before", &err) == 0,
	    "%s", err_msg(&err));

	/* Open, then the disk fills: the save fails in plain words, and changes nothing. */
	fill(filler);
	int rc = store_answer_save(st, case_id, "police", QUESTION, "inadequate", "On a full disk",
				   &err);
	CHILD_CHECK(rc == MACA_EIO &&
			strstr(err_msg(&err), "the disk is full; nothing was changed"),
		    "%d %s", rc, err_msg(&err));
	err_clear(&err);
	expect_answer(st, "good", "Saved before");
	/* Room again: the same save goes through on the same connection. */
	CHILD_CHECK(unlink(filler) == 0, "unlink");
	CHILD_CHECK(store_answer_save(st, case_id, "police", QUESTION, "inadequate",
				      "On a full disk", &err) == 0,
		    "%s", err_msg(&err));
	store_close(st);

	/* Closed, then full to the last block: opening cannot create the -wal and -shm files. */
	fill(filler);
	rc = store_open(db, &st, &err);
	CHILD_CHECK(rc == MACA_EIO && st == NULL, "%d", rc);
	CHILD_CHECK(strstr(err_msg(&err), "cannot open the database: the disk is full") &&
			strstr(err_msg(&err), "-wal and -shm") && strstr(err_msg(&err), db),
		    "%s", err_msg(&err));
	err_clear(&err);
	/* Nor can a new database be made, and the message names it, not a temporary file. */
	char *other = str_fmt("%s/other.db", fs);
	CHILD_CHECK(other, "out of memory");
	rc = store_open(other, &st, &err);
	CHILD_CHECK(rc == MACA_EIO && strstr(err_msg(&err), "cannot create") &&
			strstr(err_msg(&err), other) && strstr(err_msg(&err), "the disk is full"),
		    "%d %s", rc, err_msg(&err));
	err_clear(&err);
	/* A backup onto the full disk: refused by its own name, nothing left behind. */
	char *copy = str_fmt("%s/copy.db", fs);
	CHILD_CHECK(copy, "out of memory");
	CHILD_CHECK(unlink(filler) == 0, "unlink");
	CHILD_CHECK(store_open(db, &st, &err) == 0, "%s", err_msg(&err)); /* -wal and -shm */
	fill(filler);
	rc = backup_write(db, copy, time(NULL), NULL, &err);
	CHILD_CHECK(rc == MACA_EIO && strstr(err_msg(&err), copy) &&
			!strstr(err_msg(&err), ".tmp-") &&
			strstr(err_msg(&err), "the disk is full"),
		    "%d %s", rc, err_msg(&err));
	err_clear(&err);
	store_close(st);
	CHILD_CHECK(count_named(fs, "copy.db") == 0 && count_named(fs, "other.db") == 0,
		    "a partial file was left behind");
	free(copy);
	free(other);
	CHILD_CHECK(unlink(filler) == 0, "unlink");
	CHILD_CHECK(store_open(db, &st, &err) == 0, "%s", err_msg(&err));
	expect_answer(st, "inadequate", "On a full disk");
	store_close(st);
	template_free(tpl);
	diag_list_free(&diags);
	free(tpl_path);
	free(filler);
	free(db);
	free(fs);
	_exit(0);
}

static void test_disk_full(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	char *dir = tu_tempdir();
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		disk_full_child(dir);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	tu_remove_tree(dir);
	free(dir);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == CHILD_SKIP)
		skip();
	if (WEXITSTATUS(status) != 0)
		fail_msg("the child failed (status %d); its message is above", status);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_disk_full),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
