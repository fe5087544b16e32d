/* The full-screen interface on a real (pseudo-)terminal, the maca binary as a user runs it: what
 * is typed reaches the form in the order typed, Ctrl-C included. Ctrl-C used to come as the
 * terminal's SIGINT, and the terminal then threw away the keys maca had not read yet and, on a
 * pseudo-terminal, the drawing not yet passed on: under load a form that held "Child Zoë"
 * was shown as "Chë", and keys typed just before Ctrl-C were lost. SYNTHETIC data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "testutil.h"

struct term {
	char *dir, *db;
	pid_t pid;
	int master;
	int slave; /* kept open by the test to look at the terminal's settings */
	char *out; /* everything maca drew so far */
	size_t len, cap;
};

/* Runs the maca binary with the NULL-terminated arguments, without a terminal; its status. */
static int run_maca(const char *first, ...)
{
	const char *argv[16] = {"maca"};
	size_t n = 1;
	va_list ap;
	va_start(ap, first);
	for (const char *a = first; a && n < 15; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(90);
		execv(MACA_BINARY, (char *const *)argv);
		_exit(91);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A database with one audit, and maca on it in an 80x24 terminal of its own. */
static void start(struct term *t)
{
	memset(t, 0, sizeof *t);
	t->dir = tu_tempdir();
	assert_non_null(t->dir);
	assert_true(asprintf(&t->db, "%s/maca.db", t->dir) > 0);
	assert_int_equal(run_maca("--db", t->db, "new", "domestic-abuse", "Keys audit", NULL), 0);
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	assert_int_equal(openpty(&t->master, &t->slave, NULL, NULL, &ws), 0);
	fflush(NULL);
	t->pid = fork();
	assert_true(t->pid >= 0);
	if (t->pid == 0) {
		close(t->master);
		if (setsid() < 0 || ioctl(t->slave, TIOCSCTTY, 0) != 0)
			_exit(90);
		for (int fd = 0; fd < 3; fd++)
			if (dup2(t->slave, fd) < 0)
				_exit(91);
		signal(SIGINT, SIG_DFL);
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("NO_COLOR", "1", 1);
		execl(MACA_BINARY, "maca", "--db", t->db, (char *)NULL);
		_exit(92);
	}
	t->cap = 1 << 16;
	t->out = malloc(t->cap);
	assert_non_null(t->out);
}

/* Reads what maca drew for up to ms milliseconds; false once the terminal is closed. */
static bool collect(struct term *t, int ms)
{
	struct pollfd p = {.fd = t->master, .events = POLLIN};
	if (poll(&p, 1, ms) <= 0)
		return true;
	if (t->len + 4096 + 1 > t->cap) {
		t->cap *= 2;
		t->out = realloc(t->out, t->cap);
		assert_non_null(t->out);
	}
	ssize_t n = read(t->master, t->out + t->len, t->cap - 1 - t->len);
	if (n <= 0)
		return false;
	t->len += (size_t)n;
	t->out[t->len] = '\0';
	return true;
}

/* Waits until maca has drawn `word` (one word: curses moves over blanks) after offset
 * `from`; fails after ten seconds. Returns where the drawing stands now. */
static size_t wait_drawn(struct term *t, size_t from, const char *word)
{
	for (int waited = 0; waited < 10000; waited += 50) {
		if (t->out && strstr(t->out + from, word))
			return t->len;
		if (!collect(t, 50))
			break;
	}
	kill(t->pid, SIGKILL);
	waitpid(t->pid, NULL, 0);
	fail_msg("maca never drew \"%s\"", word);
	return 0;
}

static void type(struct term *t, const char *keys)
{
	assert_int_equal(write(t->master, keys, strlen(keys)), (ssize_t)strlen(keys));
}

/* Waits for maca to end; its exit status. */
static int finish(struct term *t)
{
	for (int waited = 0; waited < 10000; waited += 50) {
		int status;
		pid_t got = waitpid(t->pid, &status, WNOHANG);
		if (got == t->pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		collect(t, 50);
	}
	kill(t->pid, SIGKILL);
	waitpid(t->pid, NULL, 0);
	fail_msg("maca did not end");
	return -1;
}

static void stop(struct term *t)
{
	close(t->master);
	close(t->slave);
	tu_remove_tree(t->dir);
	free(t->dir);
	free(t->db);
	free(t->out);
}

/* On a new case's form. */
static size_t open_case_form(struct term *t)
{
	size_t at = wait_drawn(t, 0, "Keys");
	type(t, "\r");
	at = wait_drawn(t, at, "overview");
	type(t, "c");
	at = wait_drawn(t, at, "cases");
	type(t, "a");
	return wait_drawn(t, at, "reference");
}

/* The text and Ctrl-C reach maca together, as a burst of keys does when maca is slow to read:
 * the text is in the form when Ctrl-C asks, and is saved when the form is. */
static void test_ctrl_c_after_text_keeps_the_text(void **state)
{
	(void)state;
	struct term t;
	start(&t);
	size_t at = open_case_form(&t);
	type(&t, "Child Zo\xc3\xab\x03");
	at = wait_drawn(&t, at, "Quit?");
	type(&t, "\033OA\033OA\r"); /* Up Up Enter: save the form, then quit */
	assert_int_equal(finish(&t), 0);
	tu_expect_sql(t.db, "SELECT reference FROM audit_case", "Child Zo\xc3\xab");
	stop(&t);
}

/* While maca runs, the terminal sends no SIGINT for Ctrl-C and throws nothing away on the
 * signals it still sends; when maca ends, the terminal is as it was. */
static void test_terminal_throws_nothing_away(void **state)
{
	(void)state;
	struct term t;
	start(&t);
	struct termios before;
	assert_int_equal(tcgetattr(t.slave, &before), 0);
	open_case_form(&t);
	struct termios during;
	assert_int_equal(tcgetattr(t.slave, &during), 0);
	assert_int_equal(during.c_cc[VINTR], _POSIX_VDISABLE);
	assert_true(during.c_lflag & NOFLSH);
	assert_true(during.c_lflag & ISIG); /* Ctrl-Z still suspends */
	type(&t, "\x03");		    /* on a form with nothing typed, quits */
	assert_int_equal(finish(&t), 0);
	struct termios after;
	assert_int_equal(tcgetattr(t.slave, &after), 0);
	assert_int_equal(after.c_cc[VINTR], before.c_cc[VINTR]);
	assert_int_equal(after.c_lflag & NOFLSH, before.c_lflag & NOFLSH);
	stop(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ctrl_c_after_text_keeps_the_text),
	    cmocka_unit_test(test_terminal_throws_nothing_away),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
