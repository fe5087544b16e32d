/* Writing an export to disk safely: whole or not at all, readable by the owner only. */
#ifndef MACA_EXPORT_FILE_H
#define MACA_EXPORT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Writes data to path atomically: a temporary file in the same directory (mode 0600) is
 * written, fsync'd and moved into place, then the directory is fsync'd. An existing path is
 * replaced only when overwrite is true; otherwise MACA_EEXIST and nothing changes (the check
 * and the move are one step, so a file appearing meanwhile is not overwritten either). */
int export_file_write(const char *path, const char *data, size_t len, bool overwrite,
		      struct maca_err *err);

#endif
