/* Backups of a maca database: copies made with SQLite's online backup API into backups/
 * beside the database (NAME-YYYYMMDDTHHMMSSZ.db, 0600, in a 0700 directory), the automatic
 * daily one with the newest BACKUP_KEEP kept, and restoring one. Plain C, no curses. */
#ifndef MACA_BACKUP_H
#define MACA_BACKUP_H

#include <stdbool.h>
#include <time.h>

#include "err.h"

#define BACKUP_KEEP 7
/* An automatic backup is due when the newest is this old (seconds), or there is none. */
#define BACKUP_MAX_AGE (24 * 60 * 60)

/* The backups directory beside the database: DIR/backups (caller frees; NULL: no memory). */
char *backup_dir(const char *db_path);

/* Whether an automatic backup is due at time now: no backup of this database in backups/, or
 * the newest (by the time in its name) at least BACKUP_MAX_AGE old. */
int backup_due(const char *db_path, time_t now, bool *due, struct maca_err *err);

/* Copies the database at db_path, consistent even while others write to it, and checks the
 * copy (application_id, quick_check) before placing it atomically with mode 0600. out NULL:
 * into backups/NAME-STAMP.db (stamp from now; the directory made 0700), then only the newest
 * BACKUP_KEEP automatic backups are kept. An existing out is never overwritten. *written
 * (when written is not NULL) is the path written, for the caller to free. */
int backup_write(const char *db_path, const char *out, time_t now, char **written,
		 struct maca_err *err);

/* Removes all but the newest `keep` backups named NAME-STAMP.db in backups/; replaced
 * databases kept by backup_restore and other files are left alone. */
int backup_rotate(const char *db_path, int keep, struct maca_err *err);

/* What opening a database does: a backup when one is due. *written is NULL when none was
 * due, or the path written (caller frees). For a database this process has open through the
 * store (which checked it): unlike backup_write, it never opens the file itself, since closing
 * a descriptor of ours on it would drop the locks SQLite holds on it in this process. */
int backup_auto(const char *db_path, time_t now, char **written, struct maca_err *err);

/* The automatic backup taken in steps, for the interface, whose first frame must not wait for
 * it (backup_auto takes it at once, for commands). Made with nothing read or written yet; from
 * then on the store's first write finishes the copy before it writes (store_before_write), so
 * the backup is of the database as it was before this maca changed anything. */
struct store;
struct backup_job;
/* Pages the interface copies a step: a few milliseconds' work, the longest a key then waits. */
#define BACKUP_STEP_PAGES 64
int backup_job_new(struct store *st, const char *db_path, time_t now, struct backup_job **out,
		   struct maca_err *err);
/* One step, when the keyboard rests: the first finds whether a backup is due and opens a read
 * snapshot of the database and the temporary copy; each after copies up to `pages` pages (at
 * most that long the keyboard waits); the copy whole, it is checked (quick_check, in a thread
 * of its own, as that cannot be cut into steps), then placed as backup_auto places it (0600,
 * whole or not at all, the newest BACKUP_KEEP kept). *done once there is nothing left to do;
 * *written the backup placed then (caller frees), or NULL when none was due. An error ends the
 * job, leaving nothing behind; the database itself is untouched either way. */
int backup_job_step(struct backup_job *job, int pages, bool *done, char **written,
		    struct maca_err *err);
/* Whether the job has work left (NULL: none), and whether that is copying, which wants every
 * idle moment, rather than waiting for its check. */
bool backup_job_busy(const struct backup_job *job);
bool backup_job_copying(const struct backup_job *job);
/* Ends the job (when maca quits): a whole copy is kept, once its check is over (a write may
 * have come after it); one not yet whole is dropped, as no write needed it, and taken again
 * next time. *written as backup_job_step's. NULL is ignored. */
int backup_job_end(struct backup_job *job, char **written, struct maca_err *err);

/* Replaces the database at db_path with the backup `from` (a symbolic link is followed), after
 * checking that from is a maca database passing the integrity and foreign key checks (nothing
 * is touched when it is not). The database replaced is kept as
 * backups/NAME-replaced-STAMP.db, or NAME-replaced-STAMP-N.db when that name is taken (*kept,
 * caller frees; NULL when there was no database). Refused with MACA_EBUSY, at once, while any
 * other maca has the database open (store_lock_exclusive), or another program holds it; and
 * refused when db_path is a symbolic link. The swap is one rename: the database is either the
 * old one or the new one. */
int backup_restore(const char *db_path, const char *from, time_t now, char **kept,
		   struct maca_err *err);

#endif
