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
/* Wipes and frees the text; p is left empty. Safe on an empty or already freed p. */
void passphrase_free(struct passphrase *p);

#endif
