/* Turning SQLite's errors into maca's: a status, and a message that says what went wrong in
 * words a user can act on (busy, disk full, read-only), with the action that failed. */
#include <errno.h>
#include <string.h>

#include "store_internal.h"

bool store_db_disk_full(struct store *st)
{
	int code = sqlite3_extended_errcode(st->db) & 0xFF;
	if (code == SQLITE_FULL)
		return true;
	return (code == SQLITE_IOERR || code == SQLITE_CANTOPEN) &&
	       sqlite3_system_errno(st->db) == ENOSPC;
}

int store_db_error(struct store *st, struct maca_err *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	const char *msg = sqlite3_errmsg(st->db);
	switch (code & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(err, MACA_EBUSY,
			       "%s: the database is busy (another maca is writing to it); nothing "
			       "was changed, try again",
			       what);
	case SQLITE_FULL:
		return err_set(err, MACA_EIO, "%s: the disk is full; nothing was changed", what);
	case SQLITE_READONLY:
		return err_set(err, MACA_EIO,
			       "%s: the database cannot be written (read-only file or directory); "
			       "nothing was changed",
			       what);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		/* The system's reason says more than SQLite's "disk I/O error". */
		switch (sqlite3_system_errno(st->db)) {
		case ENOSPC:
			return err_set(err, MACA_EIO, "%s: the disk is full; nothing was changed",
				       what);
		case EFBIG:
			return err_set(
			    err, MACA_EIO,
			    "%s: the file size limit was reached (ulimit -f); nothing was "
			    "changed",
			    what);
		case EROFS:
		case EACCES:
		case EPERM:
			return err_set(err, MACA_EIO,
				       "%s: the database cannot be written (read-only file or "
				       "directory); nothing was changed",
				       what);
		case 0:
			/* SQLite's record of errno is lost by then on some paths (a failed commit
			 * rolls back first). */
			if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
			    code == SQLITE_IOERR_SHMSIZE || code == SQLITE_IOERR_TRUNCATE)
				return err_set(
				    err, MACA_EIO,
				    "%s: could not write the database (disk full, or a file "
				    "size limit?); nothing was changed",
				    what);
			return err_set(err, MACA_EIO, "%s: %s; nothing was changed", what, msg);
		default:
			return err_set(err, MACA_EIO, "%s: %s (%s); nothing was changed", what, msg,
				       strerror(sqlite3_system_errno(st->db)));
		}
	case SQLITE_NOMEM:
		return err_set(err, MACA_ENOMEM, "%s: out of memory", what);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return err_set(err, MACA_ENOTMACA, "%s: %s", what, msg);
	default:
		return err_set(err, MACA_EDB, "%s: %s", what, msg);
	}
}
