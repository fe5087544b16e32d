/* Reading a file that a user named (a return, a template, a form, the configuration, a
 * backup): opened without blocking, and refused before any reading unless it is a regular
 * file, so that a FIFO cannot hang maca and a device or directory cannot feed it forever.
 *
 * Messages say what is wrong, not which file: every caller names the file itself (its
 * diagnostics carry the path, or it adds it with err_prefix), as the same message is shown
 * in places that already name it. */
#ifndef MACA_INPUT_FILE_H
#define MACA_INPUT_FILE_H

#include <stddef.h>

#include "err.h"

/* Opens path read-only with O_NONBLOCK (so opening a FIFO returns at once; the flag is
 * cleared again before returning) and fstat()s it; anything but a regular file (a FIFO, a
 * directory, a device, a socket) is refused with MACA_EUSER saying what it is. A missing file
 * is MACA_ENOTFOUND. On MACA_OK *fd is open, for the caller to close. */
int input_file_open(const char *path, int *fd, struct maca_err *err);

/* Whether path could be read as above, for a file another library opens itself (SQLite):
 * MACA_OK or the same refusals, nothing read. */
int input_file_check(const char *path, struct maca_err *err);

/* Reads the whole of path (opened as above) into *buf, with a NUL after its *len bytes
 * (caller frees). A file larger than max bytes is refused without reading, with a message
 * "N bytes, larger than WHAT (M MiB)"; so is one that changes size while being read. */
int input_file_read(const char *path, size_t max, const char *what, char **buf, size_t *len,
		    struct maca_err *err);

#endif
