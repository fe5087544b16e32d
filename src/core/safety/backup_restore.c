/* Restoring a backup over the database. See backup.h. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "backup_internal.h"
#include "db_check.h"
#include "export_file.h"
#include "input_file.h"
#include "paths.h"
#include "sbuf.h"

/* Refuses a backup that is not a sound maca database, listing the problems. */
static int check_candidate(const char *from, struct maca_err *err)
{
	struct db_report r;
	/* A FIFO would block SQLite's open: refused (MACA_EUSER) before SQLite sees it. */
	if (input_file_check(from, err) || db_check_file(from, &r, err)) {
		if (err->status != MACA_ENOTMACA && err->status != MACA_ENOTFOUND &&
		    err->status != MACA_EUSER)
			return err->status;
		char *why = str_dup(err_msg(err));
		err_clear(err);
		int rc = err_set(err, MACA_ENOTMACA,
				 "%s is not a backup maca can restore (%s); nothing was restored",
				 from, why ? why : "out of memory");
		free(why);
		return rc;
	}
	int rc = MACA_OK;
	if (!r.sound) {
		struct sbuf b = {0};
		sbuf_addf(&b, "%s fails the checks, so nothing was restored:", from);
		for (size_t i = 0; i < r.problems.n; i++)
			sbuf_addf(&b, "\n  %s", r.problems.items[i].label);
		char *msg = sbuf_take(&b);
		rc = msg ? err_set(err, MACA_ENOTMACA, "%s", msg)
			 : err_set(err, MACA_ENOMEM, "out of memory");
		free(msg);
	}
	db_report_free(&r);
	return rc;
}

/* Takes the database for ourselves: out of WAL mode (everything in the main file, which only
 * works when no other connection has it open) and under an exclusive lock, held until the
 * connection closes. A database too damaged to lock is replaced all the same. */
static int lock_live(const char *db_path, sqlite3 **out, struct maca_err *err)
{
	*out = NULL;
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
	if (sqlite3_open_v2(db_path, &db, flags, NULL) != SQLITE_OK) {
		sqlite3_close_v2(db);
		return MACA_OK;
	}
	sqlite3_busy_timeout(db, 200);
	int rc = sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
	sqlite3_stmt *stmt = NULL;
	/* Another maca opening it in between would have put it back in WAL mode. */
	if (rc == SQLITE_OK &&
	    (rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL)) == SQLITE_OK) {
		rc = sqlite3_step(stmt) == SQLITE_ROW &&
			     strcmp((const char *)sqlite3_column_text(stmt, 0), "delete") == 0
			 ? SQLITE_OK
			 : SQLITE_BUSY;
	}
	sqlite3_finalize(stmt);
	if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) {
		sqlite3_close_v2(db);
		return err_set(err, MACA_EBUSY,
			       "%s is in use (another maca has it open); close it and try again; "
			       "nothing was restored",
			       db_path);
	}
	if (rc != SQLITE_OK) {
		sqlite3_close_v2(db);
		return MACA_OK;
	}
	*out = db;
	return MACA_OK;
}

/* Moves aside what SQLite keeps beside the old database: a write-ahead log left there would
 * be replayed into the new one. Kept beside the replaced copy when there is one. */
static int clear_sidecars(const char *db_path, const char *kept, struct maca_err *err)
{
	static const char *const ext[] = {"-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 3; i++) {
		char *side = str_fmt("%s%s", db_path, ext[i]);
		char *keep = kept ? str_fmt("%s%s", kept, ext[i]) : NULL;
		int rc =
		    side && (!kept || keep) ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
		struct stat sb;
		if (!rc && lstat(side, &sb) == 0) {
			if (keep && i != 1 && link(side, keep) != 0)
				rc = err_set(err, MACA_EIO, "cannot keep %s: %s", side,
					     strerror(errno));
			else if (unlink(side) != 0)
				rc = err_set(err, MACA_EIO, "cannot remove %s: %s", side,
					     strerror(errno));
		}
		free(side);
		free(keep);
		if (rc)
			return rc;
	}
	return MACA_OK;
}

int backup_restore(const char *db_path, const char *from, time_t now, char **kept,
		   struct maca_err *err)
{
	*kept = NULL;
	if (check_candidate(from, err))
		return err->status;
	char *tmp = NULL;
	int fd = -1;
	if (export_file_temp(db_path, "", &tmp, &fd, err))
		return err->status;
	close(fd);
	/* What will be placed is a fresh copy, checked again as it is made. */
	int rc = backup_copy(from, false, tmp, db_path, err);
	sqlite3 *live = NULL;
	struct stat sb;
	bool exists = lstat(db_path, &sb) == 0;
	if (!rc && exists)
		rc = lock_live(db_path, &live, err);
	char *keep = NULL;
	if (!rc && exists) {
		char *dir = backup_dir(db_path);
		keep = backup_path_for(db_path, "replaced-", now);
		rc = dir && keep ? paths_make_private_dir(dir, err)
				 : err_set(err, MACA_ENOMEM, "out of memory");
		free(dir);
		/* A hard link keeps the replaced file itself, whole: under our exclusive lock and
		 * out of WAL mode, everything it holds is in it. */
		if (!rc && link(db_path, keep) != 0)
			rc = err_set(err, MACA_EIO,
				     "cannot keep the database being replaced as %s: %s", keep,
				     strerror(errno));
		if (!rc)
			rc = clear_sidecars(db_path, keep, err);
	}
	if (!rc && rename(tmp, db_path) != 0)
		rc = err_set(err, MACA_EIO, "cannot replace %s: %s", db_path, strerror(errno));
	if (!rc) {
		char *dir = paths_dirname(db_path);
		int dfd = dir ? open(dir, O_RDONLY | O_DIRECTORY) : -1;
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	} else {
		unlink(tmp); /* a copy already kept stays: one more copy harms nothing */
	}
	if (live) {
		sqlite3_exec(live, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close_v2(live);
	}
	free(tmp);
	if (!rc && keep)
		*kept = keep;
	else
		free(keep);
	return rc;
}
