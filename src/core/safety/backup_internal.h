/* What backup.c and backup_restore.c share; not for use outside them. */
#ifndef MACA_BACKUP_INTERNAL_H
#define MACA_BACKUP_INTERNAL_H

#include <sqlite3.h>
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
/* backup_copy's last part, on the copy open in dst: switched to a rollback journal, and a maca
 * database passing quick_check. */
int backup_check_copy(sqlite3 *dst, const char *from, const char *shown, struct maca_err *err);
/* A connection for copying (defensive, patient with a busy file), or one holding the reason it
 * could not open (or NULL when out of memory): the caller closes it. */
sqlite3 *backup_open_conn(const char *path, int flags);
/* SQLite's error on db as maca's: "WHAT PATH: why", the disk full said in plain words. */
int backup_copy_error(sqlite3 *db, const char *what, const char *path, struct maca_err *err);
/* Where the automatic backup taken now goes: backup_path_for, a second on while that name
 * is taken (caller frees; NULL: no memory). */
char *backup_auto_path(const char *db_path, time_t now);

#endif
