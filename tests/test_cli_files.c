/* A file the user names that is not a regular file (a FIFO, a directory, a device) is refused
 * at once, with a message naming it, by every command that reads one (issue 14, item 5):
 * import and show, check, a template given by path, the configuration, restore's source, the
 * database given to --db, and a template on the search path. maca runs as a real process with a
 * deadline, so a command that would block on the FIFO, or read /dev/zero for ever, fails the test
 * instead of hanging it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sbuf.h"
#include "testutil.h"

#define DEADLINE_MS 5000

struct fixture {
	char *dir;
	char *fifo, *directory, *config_dir, *db;
};

struct result {
	int status;   /* exit status; -1 when killed at the deadline */
	char *output; /* standard output and standard error together */
};

/* Runs maca ARGS... (NULL-terminated) with XDG_CONFIG_HOME set to f->config_dir, standard
 * input from /dev/null, killing it at the deadline. */
static struct result run_maca(struct fixture *f, const char *first, ...)
{
	const char *argv[16] = {MACA_BINARY, "--db", f->db};
	int argc = 3;
	va_list ap;
	va_start(ap, first);
	for (const char *a = first; a && argc < 15; a = va_arg(ap, const char *))
		argv[argc++] = a;
	va_end(ap);
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		dup2(in, 0);
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		setenv("XDG_CONFIG_HOME", f->config_dir, 1);
		/* Nothing asks for a passphrase here; were one asked, there is no terminal. */
		setsid();
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	struct sbuf out = {0};
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	bool hung = false;
	for (;;) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long spent =
		    (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (spent >= DEADLINE_MS) {
			hung = true;
			break;
		}
		struct pollfd pfd = {.fd = p[0], .events = POLLIN};
		int ready = poll(&pfd, 1, (int)(DEADLINE_MS - spent));
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			continue;
		char buf[4096];
		ssize_t n = read(p[0], buf, sizeof buf);
		if (n <= 0)
			break;
		sbuf_addn(&out, buf, (size_t)n);
	}
	if (hung)
		kill(pid, SIGKILL);
	close(p[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	struct result r = {.status = hung || !WIFEXITED(status) ? -1 : WEXITSTATUS(status),
			   .output = sbuf_take(&out)};
	if (!r.output)
		r.output = strdup("");
	return r;
}

/* The run ended by itself, failed, and said that path is not a regular file. */
static void expect_refused(struct result r, const char *what, const char *path)
{
	bool ok = r.status > 0 && strstr(r.output, path) && strstr(r.output, "not a regular file");
	if (!ok)
		print_error("%s %s: %s\n%s\n", what, path,
			    r.status < 0 ? "hung (killed at the deadline)" : "not refused",
			    r.output);
	free(r.output);
	assert_true(ok);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	f->fifo = str_fmt("%s/pipe.maca", f->dir);
	f->directory = str_fmt("%s/folder.maca", f->dir);
	f->config_dir = str_fmt("%s/config", f->dir);
	f->db = str_fmt("%s/maca.db", f->dir);
	assert_int_equal(mkfifo(f->fifo, 0600), 0);
	assert_int_equal(mkdir(f->directory, 0700), 0);
	assert_int_equal(mkdir(f->config_dir, 0700), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->fifo);
	free(f->directory);
	free(f->config_dir);
	free(f->db);
	free(f);
	return 0;
}

/* Each reader, given each kind of file that is not a regular one. */
static void test_readers_refuse_what_is_not_a_regular_file(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {f->fifo, f->directory, "/dev/zero"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		const char *p = paths[i];
		expect_refused(run_maca(f, "import", p, NULL), "import", p);
		expect_refused(run_maca(f, "show", p, NULL), "show", p);
		expect_refused(run_maca(f, "check", p, NULL), "check", p);
		expect_refused(run_maca(f, "new", p, "Title", NULL), "new (template by path)", p);
		expect_refused(run_maca(f, "--config", p, "list", NULL), "--config", p);
		expect_refused(run_maca(f, "restore", p, NULL), "restore", p);
		/* The database itself: SQLite would block opening a FIFO. */
		char *db = f->db;
		f->db = (char *)p;
		expect_refused(run_maca(f, "list", NULL), "--db", p);
		f->db = db;
	}
}

/* A FIFO and a directory among the templates on the search path are skipped, named, and the
 * listing still comes. */
static void test_templates_skip_what_is_not_a_regular_file(void **state)
{
	struct fixture *f = *state;
	char *parent = str_fmt("%s/maca", f->config_dir);
	char *dir = str_fmt("%s/audit-templates", parent);
	char *fifo = str_fmt("%s/pipe.ini", dir);
	char *folder = str_fmt("%s/folder.ini", dir);
	assert_int_equal(mkdir(parent, 0700), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(mkdir(folder, 0700), 0);
	struct result r = run_maca(f, "templates", NULL);
	bool ok = r.status == 0 && strstr(r.output, "domestic-abuse") &&
		  strstr(r.output, "skipped") && strstr(r.output, fifo) && strstr(r.output, folder);
	if (!ok)
		print_error("templates: %s\n%s\n",
			    r.status < 0 ? "hung (killed at the deadline)" : "unexpected",
			    r.output);
	free(r.output);
	free(fifo);
	free(folder);
	free(dir);
	free(parent);
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_readers_refuse_what_is_not_a_regular_file, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_templates_skip_what_is_not_a_regular_file, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
