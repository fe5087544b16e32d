/* What backup.c and backup_restore.c share; not for use outside them. */
#ifndef MACA_BACKUP_INTERNAL_H
#define MACA_BACKUP_INTERNAL_H

#include <stdbool.h>
#include <time.h>

#include "err.h"

/* The database's file name without its ".db": "maca" for DIR/maca.db (caller frees). */
char *backup_base_name(const char *db_path);
/* DIR/backups/BASE-TAGYYYYMMDDTHHMMSSZ.db, tag "" or "replaced-" (caller frees). */
char *backup_path_for(const char *db_path, const char *tag, time_t when);
/* Copies the database at from into the existing empty file to with the online backup API,
 * switches the copy to a rollback journal (one self-contained file) and checks it is a maca
 * database passing quick_check. Messages name `shown`, the file `to` will become, not the
 * temporary name the user never sees. from_ours: from is maca's own database (read through a
 * read-write connection, so the last to close tidies its -wal and -shm away); otherwise
 * from is opened read-only and never changed. */
int backup_copy(const char *from, bool from_ours, const char *to, const char *shown,
		struct maca_err *err);

#endif
