/* The database file under an open store: the lock that keeps restore away from a database in
 * use, and which file was opened, to notice another program putting a new one in its place.
 *
 * Every maca holds a shared flock(2) on DB.lock, beside the database, for as long as it has
 * DB open; a step that replaces the file takes it exclusively without waiting, and is refused
 * while anyone holds it, whatever they are doing. A separate file, never the database itself:
 * SQLite locks the database with POSIX fcntl locks, which belong to the process and are all
 * dropped by any close() of any descriptor on that file, so a descriptor of ours on it would
 * undo SQLite's locks when closed. A flock on another file touches none of SQLite's, belongs
 * to our open file description (so it conflicts with a second open in the same process too),
 * and the kernel drops it when the process dies: after a kill -9 the file is left, unlocked,
 * and blocks nothing. The lock file is never removed: a removed and re-made lock file would
 * let two processes each lock a different one. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"
#include "sbuf.h"

/* How long opening waits for a restore to finish swapping the file (milliseconds). */
#define CLAIM_WAIT_MS 5000

struct store_file {
	int lock_fd;
	char *path;
	bool known; /* dev and ino are the file SQLite opened */
	dev_t dev;
	ino_t ino;
	bool settled; /* replaced, and the write-ahead log emptied into the file it belongs to */
};

/* Opens (creating, 0600) the lock file beside db_path. Only read access is needed to lock. */
static int open_lock(const char *db_path, int *out, struct maca_err *err)
{
	*out = -1;
	char *path = paths_db_lock(db_path);
	if (!path)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	int rc = MACA_OK;
	struct stat sb;
	if (fd < 0)
		rc = err_set(err, MACA_EIO,
			     "cannot open %s, the lock file maca keeps beside the database: %s%s",
			     path, strerror(errno),
			     errno == ELOOP ? " (a symbolic link: remove it)"
			     : errno == EACCES || errno == EROFS
				 ? "; maca needs to write in the database's directory"
				 : "");
	else if (fstat(fd, &sb) != 0)
		rc = err_set(err, MACA_EIO, "cannot read %s: %s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		rc = err_set(err, MACA_EIO,
			     "%s is in the way of the lock file maca keeps beside the database: it "
			     "is not a plain file; move it away",
			     path);
	/* Ours, but wider than private (made by hand, or copied with another mode): narrowed. */
	else if ((sb.st_mode & 077) && sb.st_uid == geteuid() && fchmod(fd, 0600) != 0)
		rc = err_set(err, MACA_EIO, "cannot make %s private: %s", path, strerror(errno));
	free(path);
	if (rc) {
		if (fd >= 0)
			close(fd);
		return rc;
	}
	*out = fd;
	return MACA_OK;
}

static void nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int store_refuse_link(const char *path, struct maca_err *err)
{
	struct stat sb;
	if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode))
		return MACA_OK;
	char *target = realpath(path, NULL);
	int rc = err_set(err, MACA_EUSER,
			 "%s is a symbolic link, and maca opens a database only by its own path; "
			 "give the database itself with --db%s%s",
			 path, target ? ": " : "", target ? target : "");
	free(target);
	return rc;
}

int store_file_claim(const char *path, struct store_file **out, struct maca_err *err)
{
	*out = NULL;
	/* SQLite is told never to follow one (SQLITE_OPEN_NOFOLLOW); say so before it fails. */
	if (store_refuse_link(path, err))
		return err->status;
	struct store_file *f = calloc(1, sizeof *f);
	if (!f || !(f->path = str_dup(path))) {
		free(f);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	int rc = open_lock(path, &f->lock_fd, err);
	/* Held exclusively only while a restore swaps the file in, a moment: wait for it. */
	for (int waited = 0; !rc && flock(f->lock_fd, LOCK_SH | LOCK_NB) != 0; waited += 10) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			rc = err_set(err, MACA_EIO, "cannot lock %s: %s", path, strerror(errno));
		else if (waited >= CLAIM_WAIT_MS)
			rc =
			    err_set(err, MACA_EBUSY,
				    "%s is being replaced (another maca is restoring a backup over "
				    "it); try again in a moment",
				    path);
		else
			nap_ms(10);
	}
	if (rc) {
		store_file_release(f);
		return rc;
	}
	*out = f;
	return MACA_OK;
}

void store_file_opened(struct store_file *f)
{
	struct stat sb;
	if (f && stat(f->path, &sb) == 0) {
		f->dev = sb.st_dev;
		f->ino = sb.st_ino;
		f->known = true;
	}
}

void store_file_release(struct store_file *f)
{
	if (!f)
		return;
	if (f->lock_fd >= 0)
		close(f->lock_fd); /* the last descriptor of the description: the lock goes */
	free(f->path);
	free(f);
}

bool store_file_replaced(const struct store *st)
{
	const struct store_file *f = st->file;
	if (!f || !f->known)
		return false;
	struct stat sb;
	if (stat(f->path, &sb) != 0)
		/* Gone; any other failure (a directory made unreadable) says nothing either way. */
		return errno == ENOENT || errno == ENOTDIR;
	return sb.st_dev != f->dev || sb.st_ino != f->ino;
}

void store_file_settle(struct store *st)
{
	if (!st->file || st->file->settled || !store_file_replaced(st))
		return;
	/* The write-ahead log stays at the old path, DB-wal, where the next maca to open the file
	 * now there would take it for its own and replay our pages into it; SQLite will not
	 * checkpoint a moved database as it closes. So move what this store saved into the file
	 * it belongs to (wherever that is now, or nowhere when removed) and empty the log. */
	int log = -1, done = -1;
	if (sqlite3_get_autocommit(st->db) &&
	    sqlite3_wal_checkpoint_v2(st->db, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done) ==
		SQLITE_OK &&
	    log == 0)
		st->file->settled = true;
}

int store_file_check(struct store *st, struct maca_err *err)
{
	if (!store_file_replaced(st))
		return MACA_OK;
	store_file_settle(st);
	/* The first 78 characters are what an 80-column status line shows. */
	return err_set(err, MACA_EIO,
		       "not saved: another program replaced or removed the database; quit and "
		       "reopen maca; nothing more is saved to %s",
		       st->file->path);
}

int store_lock_exclusive(const char *db_path, int *fd, struct maca_err *err)
{
	*fd = -1;
	for (int tries = 0;; tries++) {
		int lfd;
		if (open_lock(db_path, &lfd, err))
			return err->status;
		if (flock(lfd, LOCK_EX | LOCK_NB) != 0) {
			int e = errno;
			close(lfd);
			if (e == EWOULDBLOCK)
				return err_set(err, MACA_EBUSY,
					       "%s is open in another maca (the interface, or a "
					       "command still running)",
					       db_path);
			return err_set(err, MACA_EIO, "cannot lock %s: %s", db_path, strerror(e));
		}
		/* Locked, but is it still the lock file everyone else uses? One removed and made
		 * again under us would be a lock nobody else takes: open the new one instead. */
		char *path = paths_db_lock(db_path);
		struct stat now, ours;
		bool same = path && stat(path, &now) == 0 && fstat(lfd, &ours) == 0 &&
			    now.st_dev == ours.st_dev && now.st_ino == ours.st_ino;
		free(path);
		if (same) {
			*fd = lfd;
			return MACA_OK;
		}
		close(lfd);
		if (tries >= 3)
			return err_set(err, MACA_EBUSY,
				       "the lock file beside %s keeps changing; try again",
				       db_path);
	}
}

void store_lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
