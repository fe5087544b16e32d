#include "passphrase.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include "passphrase_policy.h"
#include "sbuf.h"

#define ENV_FD "MACA_PASSPHRASE_FD"

/* The text grows in guarded, locked memory (sodium_malloc); an outgrown buffer is wiped as
 * it is freed, so no copy of the secret is left behind in the ordinary heap. */
struct secret {
	char *data;
	size_t len;
	size_t cap;
};

static void secret_free(struct secret *s)
{
	sodium_free(s->data); /* wipes; accepts NULL */
	*s = (struct secret){0};
}

/* The most a line may hold: the longest passphrase, then CR LF. */
#define LINE_MAX_BYTES (PASSPHRASE_MAX + 2)

static int refuse_long(struct maca_err *err)
{
	return err_set(err, MACA_EUSER, "the passphrase is longer than %d bytes", PASSPHRASE_MAX);
}

/* Makes room for one more byte and the terminating NUL. */
static int secret_reserve(struct secret *s, struct maca_err *err)
{
	if (s->len + 2 <= s->cap)
		return MACA_OK;
	if (s->len >= LINE_MAX_BYTES)
		return refuse_long(err);
	size_t cap = s->cap ? s->cap * 2 : 64;
	if (cap > LINE_MAX_BYTES + 1)
		cap = LINE_MAX_BYTES + 1;
	char *data = sodium_malloc(cap);
	if (!data)
		return err_set(err, MACA_ENOMEM, "out of memory reading the passphrase");
	if (s->len)
		memcpy(data, s->data, s->len);
	sodium_free(s->data);
	s->data = data;
	s->cap = cap;
	return MACA_OK;
}

/* Drops the line ending (LF or CR LF), refuses what cannot be a passphrase, and hands the
 * text over to out. */
static int secret_finish(struct secret *s, bool allow_empty, struct passphrase *out,
			 struct maca_err *err)
{
	if (s->len && s->data[s->len - 1] == '\n')
		s->len--;
	if (s->len && s->data[s->len - 1] == '\r')
		s->len--;
	if (s->len == 0) {
		secret_free(s);
		if (allow_empty) {
			*out = (struct passphrase){0};
			return MACA_OK;
		}
		return err_set(err, MACA_EUSER, "the passphrase is empty");
	}
	if (s->len > PASSPHRASE_MAX) {
		secret_free(s);
		return refuse_long(err);
	}
	if (memchr(s->data, '\0', s->len)) {
		secret_free(s);
		return err_set(err, MACA_EUSER, "the passphrase contains a NUL byte");
	}
	/* Wipe the line ending that was cut off, then terminate. */
	sodium_memzero(s->data + s->len, s->cap - s->len);
	out->text = s->data;
	out->len = s->len;
	*s = (struct secret){0};
	return MACA_OK;
}

/* Reads up to and including a newline, or to the end of input, one byte at a time so that
 * nothing after the line is taken from the descriptor. */
static int read_line_fd(int fd, struct secret *s, struct maca_err *err)
{
	for (;;) {
		int rc = secret_reserve(s, err);
		if (rc)
			return rc;
		ssize_t n = read(fd, s->data + s->len, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_set(err, MACA_EIO, "cannot read the passphrase from %s=%d: %s",
				       ENV_FD, fd, strerror(errno));
		if (n == 0)
			return MACA_OK;
		if (s->data[s->len++] == '\n')
			return MACA_OK;
	}
}

/* Parses MACA_PASSPHRASE_FD: a whole decimal number naming an open descriptor. */
static int env_fd(const char *value, int *fd, struct maca_err *err)
{
	long v = 0;
	if (!parse_long(value, &v) || v < 0 || v > INT_MAX)
		return err_set(err, MACA_EUSER,
			       "%s must be the number of an open file descriptor, not \"%s\"",
			       ENV_FD, value);
	if (fcntl((int)v, F_GETFD) < 0)
		return err_set(err, MACA_EUSER, "%s=%ld: no such open file descriptor", ENV_FD, v);
	*fd = (int)v;
	return MACA_OK;
}

static int read_from_env_fd(const char *value, struct passphrase *out, struct maca_err *err)
{
	int fd = -1;
	int rc = env_fd(value, &fd, err);
	if (rc)
		return rc;
	struct secret s = {0};
	rc = read_line_fd(fd, &s, err);
	if (rc) {
		secret_free(&s);
		return rc;
	}
	return secret_finish(&s, false, out, err);
}

/* The terminal side. While echo is off, the signals below only set `caught`; they are
 * blocked except inside pselect, so the main path always regains control, puts the
 * terminal back and only then lets the signal take its ordinary effect. */
static const int tty_signals[] = {SIGALRM, SIGHUP,  SIGINT,  SIGPIPE, SIGQUIT,
				  SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU};
#define N_TTY_SIGNALS (sizeof tty_signals / sizeof tty_signals[0])

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

struct tty_state {
	int fd;
	struct termios saved;
	struct sigaction old[N_TTY_SIGNALS];
	sigset_t old_mask;
	sigset_t wait_mask; /* old_mask with our signals let through */
};

static void write_all(int fd, const char *s)
{
	size_t len = strlen(s);
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* a prompt that cannot be shown does not stop the reading */
		s += n;
		len -= (size_t)n;
	}
}

static int tty_quiet(struct tty_state *t, struct maca_err *err)
{
	sigset_t ours;
	sigemptyset(&ours);
	for (size_t i = 0; i < N_TTY_SIGNALS; i++)
		sigaddset(&ours, tty_signals[i]);
	if (sigprocmask(SIG_BLOCK, &ours, &t->old_mask) != 0)
		return err_set(err, MACA_EIO, "cannot block signals: %s", strerror(errno));
	t->wait_mask = t->old_mask;
	for (size_t i = 0; i < N_TTY_SIGNALS; i++)
		sigdelset(&t->wait_mask, tty_signals[i]);

	caught = 0;
	/* No SA_RESTART: a signal must end the wait in pselect. */
	struct sigaction sa = {.sa_handler = on_signal, .sa_mask = ours};
	for (size_t i = 0; i < N_TTY_SIGNALS; i++) {
		sigaction(tty_signals[i], NULL, &t->old[i]);
		/* A signal the program ignores stays ignored: Ctrl-C must not start to work. */
		if (t->old[i].sa_handler != SIG_IGN)
			sigaction(tty_signals[i], &sa, NULL);
	}

	struct termios quiet = t->saved;
	quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHOE | ECHOK | ECHONL);
	quiet.c_lflag |= ICANON;
	if (tcsetattr(t->fd, TCSAFLUSH, &quiet) != 0) {
		int e = errno;
		for (size_t i = 0; i < N_TTY_SIGNALS; i++)
			sigaction(tty_signals[i], &t->old[i], NULL);
		sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
		return err_set(err, MACA_EIO, "cannot turn the terminal's echo off: %s",
			       strerror(e));
	}
	return MACA_OK;
}

/* Puts the terminal, the handlers and the signal mask back, in that order, so that a signal
 * still pending is delivered only once echo is on again. */
static void tty_restore(struct tty_state *t)
{
	while (tcsetattr(t->fd, TCSAFLUSH, &t->saved) != 0 && errno == EINTR)
		;
	for (size_t i = 0; i < N_TTY_SIGNALS; i++)
		sigaction(tty_signals[i], &t->old[i], NULL);
	sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
}

/* Reads one line with our signals blocked except while waiting, so that a signal is never
 * lost between checking `caught` and blocking in read. */
static int tty_read_line(struct tty_state *t, struct secret *s, struct maca_err *err)
{
	for (;;) {
		if (caught)
			return MACA_OK;
		fd_set r;
		FD_ZERO(&r);
		FD_SET(t->fd, &r);
		int ready = pselect(t->fd + 1, &r, NULL, NULL, NULL, &t->wait_mask);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			return err_set(err, MACA_EIO, "cannot wait for the terminal: %s",
				       strerror(errno));
		int rc = secret_reserve(s, err);
		if (rc)
			return rc;
		ssize_t n = read(t->fd, s->data + s->len, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_set(err, MACA_EIO, "cannot read from the terminal: %s",
				       strerror(errno));
		if (n == 0 || s->data[s->len++] == '\n')
			return MACA_OK;
	}
}

static bool is_stop_signal(int sig)
{
	return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Asks once on the terminal fd. With allow_empty, an empty line gives an empty *out. */
static int tty_ask(int fd, const char *prompt, bool allow_empty, struct passphrase *out,
		   struct maca_err *err)
{
	for (;;) {
		struct tty_state t = {.fd = fd};
		if (tcgetattr(fd, &t.saved) != 0)
			return err_set(err, MACA_EIO, "cannot read the terminal's settings: %s",
				       strerror(errno));
		int rc = tty_quiet(&t, err);
		if (rc)
			return rc;
		write_all(fd, prompt);
		struct secret s = {0};
		rc = tty_read_line(&t, &s, err);
		int sig = caught;
		tty_restore(&t);
		write_all(fd, "\n"); /* the typed newline was not echoed */
		if (sig) {
			secret_free(&s);
			/* Now that echo is on, let the signal do what it would have done. */
			raise(sig);
			if (is_stop_signal(sig))
				continue; /* continued after a stop: ask again */
			return err_set(err, MACA_EUSER, "interrupted while reading the passphrase");
		}
		if (rc) {
			secret_free(&s);
			return rc;
		}
		return secret_finish(&s, allow_empty, out, err);
	}
}

/* Asks for the same passphrase again; *out is freed when the two differ. */
static int tty_confirm(int fd, struct passphrase *out, struct maca_err *err)
{
	struct passphrase again = {0};
	int rc = tty_ask(fd, "Type the passphrase again: ", false, &again, err);
	if (!rc && (again.len != out->len || sodium_memcmp(again.text, out->text, out->len) != 0))
		rc = err_set(err, MACA_EUSER, "the two passphrases differ");
	passphrase_free(&again);
	if (rc)
		passphrase_free(out);
	return rc;
}

static int open_tty(int *fd, struct maca_err *err)
{
	*fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*fd < 0)
		return err_set(err, MACA_EUSER,
			       "no terminal to ask for a passphrase on; set " ENV_FD);
	return MACA_OK;
}

static int read_from_tty(const char *prompt, bool confirm, struct passphrase *out,
			 struct maca_err *err)
{
	int fd;
	if (open_tty(&fd, err))
		return err->status;
	int rc = tty_ask(fd, prompt, false, out, err);
	if (!rc && confirm)
		rc = tty_confirm(fd, out, err);
	close(fd);
	return rc;
}

int passphrase_read(const char *prompt, bool confirm, struct passphrase *out, struct maca_err *err)
{
	*out = (struct passphrase){0};
	if (sodium_init() < 0)
		return err_set(err, MACA_EIO, "the cryptography library could not start");
	const char *value = getenv(ENV_FD);
	if (value)
		return read_from_env_fd(value, out, err);
	return read_from_tty(prompt, confirm, out, err);
}

/* How many passphrases the terminal may offer before sealing gives up. */
#define NEW_TRIES 3

/* Shows why the passphrase was refused and a generated one, which *suggested then holds (made
 * once, shown again on a later refusal). */
static int tty_offer(int fd, const char *why, struct passphrase *suggested, struct maca_err *err)
{
	if (!suggested->text) {
		char *text;
		size_t len;
		if (passphrase_generate(&text, &len, err))
			return err->status;
		*suggested = (struct passphrase){text, len};
	}
	char *head = str_fmt("\nmaca: %s.\n\nHere is one maca generated: %d words drawn at random "
			     "from a list of %d, %.1f bits:\n\n    ",
			     why, PASSPHRASE_GENERATED_WORDS, PASSPHRASE_WORDLIST_SIZE,
			     passphrase_generated_bits());
	if (!head)
		return err_set(err, MACA_ENOMEM, "out of memory");
	write_all(fd, head);
	free(head);
	write_all(fd, suggested->text);
	write_all(fd, "\n\nKeep it somewhere safe, and give it to the recipient another way than "
		      "the file.\n");
	return MACA_OK;
}

/* The terminal side of passphrase_read_new. */
static int tty_read_new(const char *prompt, const char *const *avoid, struct passphrase *out,
			struct maca_err *err)
{
	int fd;
	if (open_tty(&fd, err))
		return err->status;
	struct passphrase suggested = {0};
	int rc = MACA_OK;
	for (int tries = 1;; tries++) {
		const char *ask =
		    suggested.text ? "Press Enter to take it, or type your own: " : prompt;
		rc = tty_ask(fd, ask, suggested.text != NULL, out, err);
		if (!rc && !out->text) {
			/* Enter: the generated one, which needs neither confirming nor checking. */
			*out = suggested;
			suggested = (struct passphrase){0};
			break;
		}
		if (!rc)
			rc = tty_confirm(fd, out, err);
		if (rc)
			break; /* interrupted, differing, unreadable: not a matter of strength */
		rc = passphrase_check_strength(out->text, avoid, err);
		if (!rc)
			break;
		passphrase_free(out);
		if (tries == NEW_TRIES)
			break;
		char *why = strdup(err_msg(err));
		rc = why ? tty_offer(fd, why, &suggested, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
		free(why);
		if (rc)
			break;
		err_clear(err);
	}
	passphrase_free(&suggested);
	close(fd);
	return rc;
}

int passphrase_read_new(const char *prompt, const char *const *avoid, struct passphrase *out,
			struct maca_err *err)
{
	*out = (struct passphrase){0};
	if (sodium_init() < 0)
		return err_set(err, MACA_EIO, "the cryptography library could not start");
	const char *value = getenv(ENV_FD);
	if (!value)
		return tty_read_new(prompt, avoid, out, err);
	int rc = read_from_env_fd(value, out, err);
	if (!rc && passphrase_check_strength(out->text, avoid, err) != MACA_OK) {
		passphrase_free(out);
		char *why = strdup(err_msg(err));
		rc = err_set(err, MACA_EUSER,
			     "%s; give a stronger one on " ENV_FD
			     " (four or more unrelated words; at a terminal, maca offers a "
			     "generated one)",
			     why ? why : "the passphrase is too weak");
		free(why);
	}
	return rc;
}

void passphrase_free(struct passphrase *p)
{
	if (!p)
		return;
	sodium_free(p->text);
	*p = (struct passphrase){0};
}
