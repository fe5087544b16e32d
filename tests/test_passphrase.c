/* Passphrases: from the descriptor named by MACA_PASSPHRASE_FD (pipes and files), and from
 * a terminal (a pseudo-terminal made the controlling terminal of a child process), where
 * nothing typed may be echoed and echo must come back, even after Ctrl-C. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <sodium.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "passphrase.h"
#include "sbuf.h"
#include "passphrase_policy.h"
#include "testutil.h"

#define ENV "MACA_PASSPHRASE_FD"

/* Reads with MACA_PASSPHRASE_FD naming a pipe that holds `len` bytes of input. On success
 * returns MACA_OK and *text (malloc'd copy); otherwise the status and *text is the message. */
static int read_piped(const char *input, size_t len, bool confirm, char **text, int *left_fd)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], input, len), (ssize_t)len);
	assert_int_equal(close(p[1]), 0);
	char fd[16];
	snprintf(fd, sizeof fd, "%d", p[0]);
	assert_int_equal(setenv(ENV, fd, 1), 0);
	struct passphrase pp = {(char *)"junk", 3};
	struct maca_err err = {0};
	int rc = passphrase_read("unused: ", confirm, &pp, &err);
	if (rc == MACA_OK) {
		assert_non_null(pp.text);
		assert_int_equal(strlen(pp.text), pp.len);
		*text = strdup(pp.text);
	} else {
		assert_null(pp.text);
		assert_int_equal(pp.len, 0);
		*text = strdup(err_msg(&err));
	}
	assert_non_null(*text);
	passphrase_free(&pp);
	assert_null(pp.text);
	passphrase_free(&pp); /* twice is harmless */
	err_clear(&err);
	if (left_fd)
		*left_fd = p[0];
	else
		close(p[0]);
	unsetenv(ENV);
	return rc;
}

static void expect_piped(const char *input, size_t len, int want_rc, const char *want)
{
	char *text = NULL;
	assert_int_equal(read_piped(input, len, false, &text, NULL), want_rc);
	assert_string_equal(text, want);
	free(text);
}

static void test_fd_line_endings(void **state)
{
	(void)state;
	expect_piped("s3cret words\n", 13, MACA_OK, "s3cret words");
	expect_piped("s3cret words", 12, MACA_OK, "s3cret words");
	expect_piped("s3cret words\r\n", 14, MACA_OK, "s3cret words");
	expect_piped("  spaces kept \t\n", 16, MACA_OK, "  spaces kept \t");
	expect_piped("caf\xc3\xa9\n", 6, MACA_OK, "caf\xc3\xa9");
}

static void test_fd_empty_and_nul_refused(void **state)
{
	(void)state;
	expect_piped("", 0, MACA_EUSER, "the passphrase is empty");
	expect_piped("\n", 1, MACA_EUSER, "the passphrase is empty");
	expect_piped("\r\n", 2, MACA_EUSER, "the passphrase is empty");
	expect_piped("\nsecond line\n", 13, MACA_EUSER, "the passphrase is empty");
	expect_piped("a\0b\n", 4, MACA_EUSER, "the passphrase contains a NUL byte");
}

static void test_fd_confirm_reads_once(void **state)
{
	(void)state;
	char *text = NULL;
	int fd = -1;
	const char input[] = "only once\nnext line\n";
	assert_int_equal(read_piped(input, strlen(input), true, &text, &fd), MACA_OK);
	assert_string_equal(text, "only once");
	free(text);
	/* Nothing after the line was consumed. */
	char rest[32] = {0};
	assert_int_equal(read(fd, rest, sizeof rest - 1), 10);
	assert_string_equal(rest, "next line\n");
	close(fd);
}

static void expect_bad_fd(const char *value, const char *want)
{
	assert_int_equal(setenv(ENV, value, 1), 0);
	struct passphrase pp = {0};
	struct maca_err err = {0};
	assert_int_equal(passphrase_read("unused: ", false, &pp, &err), MACA_EUSER);
	assert_null(pp.text);
	assert_string_equal(err_msg(&err), want);
	err_clear(&err);
	unsetenv(ENV);
}

static void test_fd_bad_values_refused(void **state)
{
	(void)state;
	const char *not_numbers[] = {"",   "abc", "-1",		"3x",
				     " 3", "0x3", "2147483648", "99999999999999999999"};
	for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++) {
		char *want = NULL;
		assert_true(asprintf(&want,
				     "MACA_PASSPHRASE_FD must be the number of an open file "
				     "descriptor, not \"%s\"",
				     not_numbers[i]) > 0);
		expect_bad_fd(not_numbers[i], want);
		free(want);
	}
	/* A number, but nothing open there. */
	int p[2];
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	close(p[1]);
	char value[16], want[80];
	snprintf(value, sizeof value, "%d", p[1]);
	snprintf(want, sizeof want, "MACA_PASSPHRASE_FD=%d: no such open file descriptor", p[1]);
	expect_bad_fd(value, want);
}

/* Writes n copies of c then the ending to a file and reads it through the descriptor. */
static int read_long(size_t n, const char *ending, char **text)
{
	char *dir = tu_tempdir();
	assert_non_null(dir);
	char *big = malloc(n + 3);
	assert_non_null(big);
	memset(big, 'x', n);
	strcpy(big + n, ending);
	char *path = tu_write(dir, "pass", big);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	char value[16];
	snprintf(value, sizeof value, "%d", fd);
	assert_int_equal(setenv(ENV, value, 1), 0);
	struct passphrase pp = {0};
	struct maca_err err = {0};
	int rc = passphrase_read("unused: ", false, &pp, &err);
	*text = strdup(rc ? err_msg(&err) : pp.text);
	assert_non_null(*text);
	if (!rc)
		assert_int_equal(pp.len, n);
	passphrase_free(&pp);
	err_clear(&err);
	unsetenv(ENV);
	close(fd);
	free(path);
	free(big);
	tu_remove_tree(dir);
	free(dir);
	return rc;
}

static void test_fd_long_passphrases(void **state)
{
	(void)state;
	char *text = NULL;
	assert_int_equal(read_long(5000, "\n", &text), MACA_OK);
	assert_int_equal(strlen(text), 5000);
	free(text);
	assert_int_equal(read_long(PASSPHRASE_MAX, "\r\n", &text), MACA_OK);
	free(text);
	assert_int_equal(read_long(PASSPHRASE_MAX + 1, "\n", &text), MACA_EUSER);
	assert_string_equal(text, "the passphrase is longer than 65536 bytes");
	free(text);
	assert_int_equal(read_long(PASSPHRASE_MAX + 100, "", &text), MACA_EUSER);
	assert_string_equal(text, "the passphrase is longer than 65536 bytes");
	free(text);
}

/* --- On a terminal ------------------------------------------------------------------- */

struct child {
	pid_t pid;
	int master;
	int slave;  /* kept open by the test to look at the terminal's settings */
	int report; /* the child writes "OK:<text>" or "ERR:<message>" here */
	char out[4096];
	size_t outlen;
};

/* Whether the next child asks with passphrase_read_new (for sealing) instead. */
static bool child_asks_new;

/* Starts a child whose controlling terminal is a new pseudo-terminal and which asks for a
 * passphrase there. */
static void start_child(struct child *c, bool confirm)
{
	memset(c, 0, sizeof *c);
	assert_int_equal(openpty(&c->master, &c->slave, NULL, NULL, NULL), 0);
	int rep[2];
	assert_int_equal(pipe(rep), 0);
	fflush(NULL);
	c->pid = fork();
	assert_true(c->pid >= 0);
	if (c->pid == 0) {
		close(c->master);
		close(rep[0]);
		if (setsid() < 0 || ioctl(c->slave, TIOCSCTTY, 0) != 0)
			_exit(90);
		signal(SIGINT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		unsetenv(ENV);
		struct passphrase pp = {0};
		struct maca_err err = {0};
		const char *avoid[] = {"Neglect audit", "Police", NULL};
		int rc = child_asks_new ? passphrase_read_new("Passphrase: ", avoid, &pp, &err)
					: passphrase_read("Passphrase: ", confirm, &pp, &err);
		char msg[1024];
		int n = snprintf(msg, sizeof msg, "%s%s",
				 rc ? "ERR:" : "OK:", rc ? err_msg(&err) : pp.text);
		if (write(rep[1], msg, (size_t)n) != n)
			_exit(91);
		passphrase_free(&pp);
		_exit(0);
	}
	close(rep[1]);
	c->report = rep[0];
}

/* Collects the terminal's output until it holds `needle` (from offset `from`); fails after
 * ten seconds. */
static void wait_output(struct child *c, size_t from, const char *needle)
{
	for (int waited = 0; waited < 10000; waited += 50) {
		c->out[c->outlen] = '\0';
		if (strstr(c->out + from, needle))
			return;
		struct pollfd p = {.fd = c->master, .events = POLLIN};
		if (poll(&p, 1, 50) > 0) {
			ssize_t n =
			    read(c->master, c->out + c->outlen, sizeof c->out - 1 - c->outlen);
			if (n > 0)
				c->outlen += (size_t)n;
		}
	}
	fail_msg("no \"%s\" on the terminal; it shows: %s", needle, c->out);
}

static void type(struct child *c, const char *keys)
{
	assert_int_equal(write(c->master, keys, strlen(keys)), (ssize_t)strlen(keys));
}

static bool echo_on(struct child *c)
{
	struct termios t;
	assert_int_equal(tcgetattr(c->slave, &t), 0);
	return (t.c_lflag & ECHO) != 0;
}

/* Waits for the child; returns its report, malloc'd, and its wait status in *status. */
static char *finish_child(struct child *c, int *status)
{
	assert_int_equal(waitpid(c->pid, status, 0), c->pid);
	/* Whatever the child wrote last to the terminal. */
	struct pollfd p = {.fd = c->master, .events = POLLIN};
	while (poll(&p, 1, 0) > 0 && c->outlen < sizeof c->out - 1) {
		ssize_t n = read(c->master, c->out + c->outlen, sizeof c->out - 1 - c->outlen);
		if (n <= 0)
			break;
		c->outlen += (size_t)n;
	}
	c->out[c->outlen] = '\0';
	char *report = calloc(1, 1024);
	assert_non_null(report);
	ssize_t n = read(c->report, report, 1023);
	assert_true(n >= 0);
	close(c->report);
	return report;
}

static void close_child(struct child *c)
{
	close(c->master);
	close(c->slave);
}

static void test_tty_not_echoed_and_restored(void **state)
{
	(void)state;
	struct child c;
	start_child(&c, true);
	wait_output(&c, 0, "Passphrase: ");
	assert_false(echo_on(&c));
	type(&c, "tea at four\n");
	size_t mark = c.outlen;
	wait_output(&c, mark, "again: ");
	assert_false(echo_on(&c));
	type(&c, "tea at four\n");
	int status = 0;
	char *report = finish_child(&c, &status);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(report, "OK:tea at four");
	assert_null(strstr(c.out, "tea"));
	assert_true(echo_on(&c));
	close_child(&c);
	free(report);
}

static void test_tty_confirm_mismatch_refused(void **state)
{
	(void)state;
	struct child c;
	start_child(&c, true);
	wait_output(&c, 0, "Passphrase: ");
	type(&c, "first try\n");
	wait_output(&c, c.outlen, "again: ");
	type(&c, "first trY\n");
	int status = 0;
	char *report = finish_child(&c, &status);
	assert_string_equal(report, "ERR:the two passphrases differ");
	assert_null(strstr(c.out, "first"));
	assert_true(echo_on(&c));
	close_child(&c);
	free(report);
}

static void test_tty_ctrl_c_restores_echo(void **state)
{
	(void)state;
	struct child c;
	start_child(&c, false);
	wait_output(&c, 0, "Passphrase: ");
	assert_false(echo_on(&c));
	type(&c, "half typ");
	type(&c, "\003"); /* Ctrl-C */
	int status = 0;
	char *report = finish_child(&c, &status);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGINT);
	assert_string_equal(report, "");
	assert_true(echo_on(&c));
	assert_null(strstr(c.out, "half"));
	close_child(&c);
	free(report);
}

static void test_tty_stop_asks_again(void **state)
{
	(void)state;
	/* The child leads its own session, so the kernel discards the stop itself (an orphaned
	 * process group does not stop); what must happen is a fresh question, echo off again,
	 * and the half-typed text forgotten. */
	struct child c;
	start_child(&c, false);
	wait_output(&c, 0, "Passphrase: ");
	type(&c, "forgotten\032"); /* Ctrl-Z */
	wait_output(&c, strlen("Passphrase: "), "Passphrase: ");
	assert_false(echo_on(&c));
	type(&c, "kept\n");
	int status = 0;
	char *report = finish_child(&c, &status);
	assert_string_equal(report, "OK:kept");
	assert_null(strstr(c.out, "forgotten"));
	assert_true(echo_on(&c));
	close_child(&c);
	free(report);
}

static void test_no_terminal(void **state)
{
	(void)state;
	int rep[2];
	assert_int_equal(pipe(rep), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(rep[0]);
		if (setsid() < 0) /* a new session has no controlling terminal */
			_exit(90);
		unsetenv(ENV);
		struct passphrase pp = {0};
		struct maca_err err = {0};
		int rc = passphrase_read("Passphrase: ", false, &pp, &err);
		const char *msg = rc == MACA_EUSER ? err_msg(&err) : "unexpected";
		if (write(rep[1], msg, strlen(msg)) < 0)
			_exit(91);
		_exit(0);
	}
	close(rep[1]);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	char msg[256] = {0};
	assert_true(read(rep[0], msg, sizeof msg - 1) > 0);
	close(rep[0]);
	assert_string_equal(msg, "no terminal to ask for a passphrase on; set MACA_PASSPHRASE_FD");
}

/* Sealing's strength rule: zxcvbn's estimate of at least 2^50 guesses. */
static void test_policy_weak_refused_with_reason(void **state)
{
	(void)state;
	const char *avoid[] = {"Neglect audit", "Police", NULL};
	const struct {
		const char *pass, *reason;
	} weak[] = {
	    {"a", "a common word"},
	    {"x7Qz", "4 random characters are too few"},
	    {"password1", "a common word, name or password"},
	    {"Safeguarding2024!", "a date or a year"},
	    {"wsxcde3edc", "a keyboard pattern"},
	    {"abcabcabcabc", "repeated"},
	    {"abcdefgh12345678", "a sequence"},
	    {"police police police", "a word of this audit"},
	    {"correct horse battery", "a common word"},
	    {"neglectaudit police", "a word of this audit"},
	};
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		struct maca_err err = {0};
		assert_true(passphrase_estimate_bits(weak[i].pass, avoid) < PASSPHRASE_MIN_BITS);
		assert_int_equal(passphrase_check_strength(weak[i].pass, avoid, &err), MACA_EUSER);
		if (!strstr(err_msg(&err), "the passphrase is too weak: about 2^") ||
		    !strstr(err_msg(&err), weak[i].reason))
			fail_msg("%s: %s", weak[i].pass, err_msg(&err));
		err_clear(&err);
	}
	const char *strong[] = {"hX7#kq2Lm9@vT", "plenty unusual otter hammock trombone",
				"my grandmother's kitchen smelled of cardamom and rain"};
	for (size_t i = 0; i < sizeof strong / sizeof strong[0]; i++) {
		struct maca_err err = {0};
		assert_int_equal(passphrase_check_strength(strong[i], avoid, &err), MACA_OK);
	}
}

/* Generated passphrases: six words of the EFF list, random, and always strong enough. */
static void test_policy_generated_accepted(void **state)
{
	(void)state;
	assert_true(passphrase_generated_bits() > 77.5 && passphrase_generated_bits() < 77.6);
	assert_string_equal(passphrase_words[0], "abacus");
	assert_string_equal(passphrase_words[PASSPHRASE_WORDLIST_SIZE - 1], "zoom");
	char *first = NULL;
	for (int round = 0; round < 200; round++) {
		char *text = NULL;
		size_t len = 0;
		struct maca_err err = {0};
		assert_int_equal(passphrase_generate(&text, &len, &err), MACA_OK);
		assert_int_equal(strlen(text), len);
		size_t words = 1;
		for (const char *p = text; *p; p++)
			words += *p == ' ';
		assert_int_equal(words, PASSPHRASE_GENERATED_WORDS);
		assert_int_equal(passphrase_check_strength(text, NULL, &err), MACA_OK);
		if (!first)
			first = strdup(text);
		else
			assert_string_not_equal(first, text);
		sodium_free(text);
	}
	free(first);
}

/* MACA_PASSPHRASE_FD: a weak passphrase is refused for sealing, with the reason; a strong
 * one and a generated one are taken; passphrase_read (opening) still takes a weak one. */
static void test_fd_new_refuses_weak(void **state)
{
	(void)state;
	const char *inputs[] = {"a\n", "correct horse battery\n"};
	for (size_t i = 0; i < 2; i++) {
		int p[2];
		assert_int_equal(pipe(p), 0);
		assert_int_equal(write(p[1], inputs[i], strlen(inputs[i])),
				 (ssize_t)strlen(inputs[i]));
		close(p[1]);
		char fd[16];
		snprintf(fd, sizeof fd, "%d", p[0]);
		assert_int_equal(setenv(ENV, fd, 1), 0);
		struct passphrase pp = {0};
		struct maca_err err = {0};
		assert_int_equal(passphrase_read_new("unused: ", NULL, &pp, &err), MACA_EUSER);
		assert_null(pp.text);
		assert_non_null(strstr(err_msg(&err), "the passphrase is too weak"));
		assert_non_null(strstr(err_msg(&err), "give a stronger one on MACA_PASSPHRASE_FD"));
		err_clear(&err);
		close(p[0]);
		unsetenv(ENV);
	}
	char *text = NULL;
	expect_piped("a\n", 2, MACA_OK, "a"); /* opening never judges */
	struct maca_err err = {0};
	size_t len;
	assert_int_equal(passphrase_generate(&text, &len, &err), MACA_OK);
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], text, len), (ssize_t)len);
	close(p[1]);
	char fd[16];
	snprintf(fd, sizeof fd, "%d", p[0]);
	assert_int_equal(setenv(ENV, fd, 1), 0);
	struct passphrase pp = {0};
	assert_int_equal(passphrase_read_new("unused: ", NULL, &pp, &err), MACA_OK);
	assert_string_equal(pp.text, text);
	passphrase_free(&pp);
	sodium_free(text);
	close(p[0]);
	unsetenv(ENV);
}

/* At the terminal a weak passphrase is refused with the reason and a generated one is
 * offered; Enter takes it. */
static void test_tty_new_offers_generated(void **state)
{
	(void)state;
	struct child c;
	child_asks_new = true;
	start_child(&c, true);
	child_asks_new = false;
	wait_output(&c, 0, "Passphrase: ");
	type(&c, "a\n");
	wait_output(&c, c.outlen, "again: ");
	type(&c, "a\n");
	size_t mark = c.outlen;
	wait_output(&c, mark, "Press Enter to take it, or type your own: ");
	assert_false(echo_on(&c));
	assert_non_null(strstr(c.out + mark, "the passphrase is too weak"));
	const char *shown = strstr(c.out + mark, "77.5 bits:");
	assert_non_null(shown);
	shown += strlen("77.5 bits:");
	while (*shown == '\r' || *shown == '\n' || *shown == ' ')
		shown++;
	char words[256] = {0};
	size_t n = strcspn(shown, "\r\n");
	assert_true(n > 0 && n < sizeof words);
	memcpy(words, shown, n);
	type(&c, "\n");
	int status = 0;
	char *report = finish_child(&c, &status);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *want = str_fmt("OK:%s", words);
	assert_string_equal(report, want);
	assert_true(echo_on(&c));
	close_child(&c);
	free(want);
	free(report);
}

/* Weak, then weak again: refused after the third, with the reason; a strong one typed
 * instead of the offer is taken. */
static void test_tty_new_weak_thrice_then_own(void **state)
{
	(void)state;
	struct child c;
	child_asks_new = true;
	start_child(&c, true);
	for (int i = 0; i < 3; i++) {
		wait_output(&c, c.outlen, i ? "type your own: " : "Passphrase: ");
		type(&c, "Neglect2026\n");
		wait_output(&c, c.outlen, "again: ");
		type(&c, "Neglect2026\n");
	}
	int status = 0;
	char *report = finish_child(&c, &status);
	assert_non_null(strstr(report, "ERR:the passphrase is too weak"));
	assert_null(strstr(c.out, "Neglect2026"));
	close_child(&c);
	free(report);

	start_child(&c, true);
	child_asks_new = false;
	wait_output(&c, 0, "Passphrase: ");
	type(&c, "police\n");
	wait_output(&c, c.outlen, "again: ");
	type(&c, "police\n");
	wait_output(&c, c.outlen, "type your own: ");
	type(&c, "plenty unusual otter hammock trombone\n");
	wait_output(&c, c.outlen, "again: ");
	type(&c, "plenty unusual otter hammock trombone\n");
	report = finish_child(&c, &status);
	assert_string_equal(report, "OK:plenty unusual otter hammock trombone");
	close_child(&c);
	free(report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fd_line_endings),
	    cmocka_unit_test(test_fd_empty_and_nul_refused),
	    cmocka_unit_test(test_fd_confirm_reads_once),
	    cmocka_unit_test(test_fd_bad_values_refused),
	    cmocka_unit_test(test_fd_long_passphrases),
	    cmocka_unit_test(test_tty_not_echoed_and_restored),
	    cmocka_unit_test(test_tty_confirm_mismatch_refused),
	    cmocka_unit_test(test_tty_ctrl_c_restores_echo),
	    cmocka_unit_test(test_tty_stop_asks_again),
	    cmocka_unit_test(test_no_terminal),
	    cmocka_unit_test(test_policy_weak_refused_with_reason),
	    cmocka_unit_test(test_policy_generated_accepted),
	    cmocka_unit_test(test_fd_new_refuses_weak),
	    cmocka_unit_test(test_tty_new_offers_generated),
	    cmocka_unit_test(test_tty_new_weak_thrice_then_own),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
