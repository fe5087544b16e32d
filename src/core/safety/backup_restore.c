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
#include "store.h"

/* Refuses a backup (source, given as from) that is not a sound maca database, listing the
 * problems. */
static int check_candidate(const char *source, const char *from, struct maca_err *err)
{
	struct db_report r;
	/* A FIFO would block SQLite's open: refused (MACA_EUSER) before SQLite sees it. */
	if (input_file_check(source, err) || db_check_file(source, &r, err)) {
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
			       "%s is in use by another program (an older maca, or an SQLite "
			       "tool); close it and try again; nothing was restored",
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

/* The file to restore from: a symbolic link is followed, once, here, so that the file checked
 * is the file copied (caller frees *source). */
static int resolve_source(const char *from, char **source, struct maca_err *err)
{
	*source = NULL;
	struct stat sb;
	if (lstat(from, &sb) != 0)
		return err_set(err, errno == ENOENT ? MACA_ENOTFOUND : MACA_EIO,
			       "cannot read %s: %s; nothing was restored", from, strerror(errno));
	if (!S_ISLNK(sb.st_mode)) {
		*source = str_dup(from);
		return *source ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	}
	*source = realpath(from, NULL);
	if (!*source)
		return err_set(err, errno == ENOMEM ? MACA_ENOMEM : MACA_ENOTFOUND,
			       "%s is a symbolic link to a file that cannot be read (%s); nothing "
			       "was restored",
			       from, strerror(errno));
	return MACA_OK;
}

/* maca opens a database only by its own path: restoring over a link would replace the link,
 * not the database it points to. */
static int refuse_linked_database(const char *db_path, struct maca_err *err)
{
	if (!store_refuse_link(db_path, err))
		return MACA_OK;
	err_prefix(err, "nothing was restored");
	return err->status;
}

/* Keeps the database being replaced under a name of its own, BASE-replaced-STAMP.db, or with
 * -2, -3... added when a restore within the same second kept one already (*keep, caller
 * frees). link() refuses an existing name, so nothing is ever overwritten. */
static int keep_replaced(const char *db_path, time_t now, char **keep, struct maca_err *err)
{
	*keep = NULL;
	char *first = backup_path_for(db_path, "replaced-", now);
	char *dir = backup_dir(db_path);
	int rc = first && dir ? paths_make_private_dir(dir, err)
			      : err_set(err, MACA_ENOMEM, "out of memory");
	free(dir);
	for (int n = 1; !rc && n <= 100; n++) {
		char *name = n == 1 ? str_dup(first)
				    : str_fmt("%.*s-%d.db", (int)strlen(first) - 3, first, n);
		if (!name) {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		} else if (link(db_path, name) == 0) {
			*keep = name;
			break;
		} else if (errno != EEXIST || n == 100) {
			rc = err_set(err, MACA_EIO,
				     "cannot keep the database being replaced as %s: %s; nothing "
				     "was restored",
				     name, strerror(errno));
		}
		if (!*keep)
			free(name);
	}
	free(first);
	return rc;
}

int backup_restore(const char *db_path, const char *from, time_t now, char **kept,
		   struct maca_err *err)
{
	*kept = NULL;
	char *source = NULL;
	if (refuse_linked_database(db_path, err) || resolve_source(from, &source, err))
		return err->status;
	int rc = check_candidate(source, from, err);
	/* Nobody else may have the database open while it is replaced: every maca holds this
	 * lock shared for as long as it has the database open, whatever it is doing. Taken
	 * before the copy, so a refusal comes at once, and held until the new file is in. */
	int lock = -1;
	if (!rc && (rc = store_lock_exclusive(db_path, &lock, err)) == MACA_EBUSY) {
		char *why = str_dup(err_msg(err));
		err_clear(err);
		rc = err_set(err, MACA_EBUSY,
			     "%s; close it there and try again; nothing was restored",
			     why ? why : "the database is in use");
		free(why);
	}
	char *tmp = NULL;
	int fd = -1;
	if (!rc && !(rc = export_file_temp(db_path, "", &tmp, &fd, err)))
		close(fd);
	/* What will be placed is a fresh copy, checked again as it is made. */
	if (!rc)
		rc = backup_copy(source, false, tmp, db_path, err);
	sqlite3 *live = NULL;
	struct stat sb;
	bool exists = lstat(db_path, &sb) == 0;
	if (!rc && exists)
		rc = lock_live(db_path, &live, err);
	char *keep = NULL;
	/* A hard link keeps the replaced file itself, whole: under our exclusive lock and out of
	 * WAL mode, everything it holds is in it. */
	if (!rc && exists)
		rc = keep_replaced(db_path, now, &keep, err);
	if (!rc && exists)
		rc = clear_sidecars(db_path, keep, err);
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
	} else if (tmp) {
		unlink(tmp); /* a copy already kept stays: one more copy harms nothing */
	}
	if (live) {
		sqlite3_exec(live, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close_v2(live);
	}
	store_lock_release(lock);
	free(tmp);
	free(source);
	if (!rc && keep)
		*kept = keep;
	else
		free(keep);
	return rc;
}
