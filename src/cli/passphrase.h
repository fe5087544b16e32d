/* Asking for a passphrase: on the terminal with echo off, or from a file descriptor that a
 * script names in MACA_PASSPHRASE_FD. */
#ifndef MACA_PASSPHRASE_H
#define MACA_PASSPHRASE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* The longest passphrase accepted, in bytes; longer ones are refused, never cut short. */
#define PASSPHRASE_MAX 65536

/* text is NUL-terminated and never holds a NUL byte; len excludes the terminator. */
struct passphrase {
	char *text;
	size_t len;
};

/* Reads a passphrase: from the file descriptor named by MACA_PASSPHRASE_FD when set
 * (one line, newline stripped; with confirm, the same fd gives it once — scripts do not
 * type twice), otherwise from /dev/tty with echo off, prompt on the tty, asked twice
 * when confirm is true and refused when the two differ. Never echoed, never logged.
 * Refuses an empty passphrase. The buffer is sodium_malloc'd; free with passphrase_free,
 * which wipes it. Returns MACA_* error codes with clear messages (no tty: "no terminal to
 * ask for a passphrase on; set MACA_PASSPHRASE_FD").
 *
 * A line ending in CR LF loses both. The descriptor is read one byte at a time, so nothing
 * after the line is consumed, and it is left open. While the terminal's echo is off, the
 * signals that stop or end a process (SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGALRM, SIGPIPE,
 * SIGTSTP, SIGTTIN, SIGTTOU) are caught only to restore the terminal first and are then
 * raised again; after a stop (Ctrl-Z) and continue, the question is asked afresh. */
int passphrase_read(const char *prompt, bool confirm, struct passphrase *out, struct maca_err *err);
/* Reads a new passphrase to seal a file with: as passphrase_read with confirm, and refused
 * unless strong enough (passphrase_policy.h: zxcvbn's estimate of at least 2^50 guesses;
 * avoid lists texts of the audit whose words count as guessable). From MACA_PASSPHRASE_FD
 * a weak one is refused (MACA_EUSER) with the reason. On the terminal, the reason is shown
 * with a generated passphrase (six random words), and the user may press Enter to take it
 * or type another; after three weak ones, the last reason is the error. Opening a sealed
 * file uses passphrase_read, which never judges strength. */
int passphrase_read_new(const char *prompt, const char *const *avoid, struct passphrase *out,
			struct maca_err *err);
/* Wipes and frees the text; p is left empty. Safe on an empty or already freed p. */
void passphrase_free(struct passphrase *p);

#endif
