/* Writing an export to disk safely: whole or not at all, readable by the owner only. */
#ifndef MACA_EXPORT_FILE_H
#define MACA_EXPORT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Writes data to path atomically: a temporary file in the same directory (mode 0600) is
 * written, fsync'd and moved into place, then the directory is fsync'd. An existing path is
 * replaced only when overwrite is true; otherwise MACA_EEXIST and nothing changes (the check
 * and the move are one step, so a file appearing meanwhile is not overwritten either). A maca
 * database, or a file beside it (paths_is_database_file), is never replaced: MACA_EEXIST. */
int export_file_write(const char *path, const char *data, size_t len, bool overwrite,
		      struct maca_err *err);

/* Creates a private temporary file (mode 0600) beside path, named <path>.tmp-XXXXXX<suffix>
 * (suffix may be ""), for export_file_place. On success *tmp (malloc'd) is its name and *fd
 * is open for writing; the caller closes fd and must place or unlink the file. */
int export_file_temp(const char *path, const char *suffix, char **tmp, int *fd,
		     struct maca_err *err);

/* Moves the finished temporary file tmp (from export_file_temp) to path as export_file_write
 * does: fsync'd, moved into place (refusing an existing path unless overwrite), directory
 * fsync'd. tmp is removed on every path, whether or not the move succeeds. */
int export_file_place(const char *tmp, const char *path, bool overwrite, struct maca_err *err);

#endif
