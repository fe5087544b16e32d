/* The day's automatic backup taken in steps, for the interface: its first frame never waits
 * for it, the keyboard is never kept waiting longer than one step, and it is still of the
 * database as it was before this maca changed anything (see backup.h). */
#include "backup.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backup_internal.h"
#include "export_file.h"
#include "paths.h"
#include "sbuf.h"
#include "store.h"

/* How many steps a writer in rollback mode may keep the database busy (WAL never does). */
#define BUSY_STEPS 100

enum job_state { JOB_WAITING, JOB_COPYING, JOB_CHECKING, JOB_DONE };

struct backup_job {
	struct store *st;
	char *db_path;
	time_t now;
	enum job_state state;
	char *path, *tmp;   /* where the backup goes, and the file it is made in */
	sqlite3 *src, *dst; /* src holds one read snapshot from the first page to the last */
	sqlite3_backup *b;
	int busy;
	/* The check of the copy, in a thread of its own: SQLite's quick_check cannot be cut into
	 * steps, and on a large database it takes a second or more. */
	pthread_t checker;
	atomic_bool checked;
	int check_rc;
	struct maca_err check_err;
	/* A failure met before the first write (store_before_write), for the next step to say. */
	struct maca_err failed;
};

static void before_write(void *ctx);

int backup_job_new(struct store *st, const char *db_path, time_t now, struct backup_job **out,
		   struct maca_err *err)
{
	*out = NULL;
	struct backup_job *job = calloc(1, sizeof *job);
	if (!job || !(job->db_path = str_dup(db_path))) {
		free(job);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	job->st = st;
	job->now = now;
	atomic_init(&job->checked, false);
	store_before_write(st, before_write, job);
	*out = job;
	return MACA_OK;
}

/* Everything open closed, the temporary file removed: nothing of this backup is left. */
static void abandon(struct backup_job *job)
{
	if (job->b)
		sqlite3_backup_finish(job->b);
	sqlite3_close(job->dst);
	sqlite3_close_v2(job->src);
	job->b = NULL;
	job->dst = job->src = NULL;
	if (job->tmp)
		unlink(job->tmp);
	job->state = JOB_DONE;
	store_before_write(job->st, NULL, NULL);
}

static int fail(struct backup_job *job, int rc)
{
	abandon(job);
	return rc;
}

/* Finds whether a backup is due and, when it is, opens the copy: a read snapshot of the
 * database (so that what other processes write meanwhile neither restarts the copy nor gets
 * half into it) and the temporary file beside the backups. */
static int start(struct backup_job *job, struct maca_err *err)
{
	bool due = false;
	if (backup_due(job->db_path, job->now, &due, err))
		return fail(job, err->status);
	if (!due) {
		abandon(job);
		return MACA_OK;
	}
	char *dir = backup_dir(job->db_path);
	int rc =
	    dir ? paths_make_private_dir(dir, err) : err_set(err, MACA_ENOMEM, "out of memory");
	free(dir);
	if (!rc && !(job->path = backup_auto_path(job->db_path, job->now)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	int fd = -1;
	if (!rc)
		rc = export_file_temp(job->path, "", &job->tmp, &fd, err);
	if (fd >= 0)
		close(fd);
	if (rc)
		return fail(job, rc);
	/* Read-write where the file allows, as backup_copy reads it, so that its closing never
	 * leaves the write-ahead log to a reader. */
	job->src = backup_open_conn(job->db_path, SQLITE_OPEN_READWRITE);
	if (!job->src || sqlite3_errcode(job->src) != SQLITE_OK) {
		sqlite3_close(job->src);
		job->src = backup_open_conn(job->db_path, SQLITE_OPEN_READONLY);
	}
	if (!job->src || sqlite3_errcode(job->src) != SQLITE_OK ||
	    sqlite3_exec(job->src, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) !=
		SQLITE_OK)
		return fail(job, backup_copy_error(job->src, "cannot read", job->db_path, err));
	/* The file opened now must be the one the store has open, not one put in its place. */
	if (store_file_replaced(job->st))
		return fail(job, err_set(err, MACA_EIO,
					 "%s was replaced by another program; no backup was taken",
					 job->db_path));
	/* The copy is made durable once, by its placing (in the check's thread): its own commit
	 * need not wait for the disk, which on a large database would keep a key waiting. */
	job->dst = backup_open_conn(job->tmp, SQLITE_OPEN_READWRITE);
	if (!job->dst || sqlite3_errcode(job->dst) != SQLITE_OK ||
	    sqlite3_exec(job->dst, "PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK ||
	    !(job->b = sqlite3_backup_init(job->dst, "main", job->src, "main")))
		return fail(job, backup_copy_error(job->dst, "cannot write", job->path, err));
	job->state = JOB_COPYING;
	return MACA_OK;
}

/* The check, then the placing: the backup under its name, made durable, whole or not at all,
 * and only the newest BACKUP_KEEP kept. In a thread of its own: quick_check cannot be cut into
 * steps, and on a large database it and the disk's sync take a second or more. */
static void *check_copy(void *arg)
{
	struct backup_job *job = arg;
	struct maca_err *err = &job->check_err;
	sqlite3 *db = backup_open_conn(job->tmp, SQLITE_OPEN_READWRITE);
	int rc = !db || sqlite3_errcode(db) != SQLITE_OK
		     ? backup_copy_error(db, "cannot finish", job->path, err)
		     : backup_check_copy(db, job->db_path, job->path, err);
	if (db && sqlite3_close(db) != SQLITE_OK && !rc)
		rc = backup_copy_error(db, "cannot finish", job->path, err);
	if (!rc)
		rc = export_file_place(job->tmp, job->path, false, err);
	else
		unlink(job->tmp);
	if (!rc)
		rc = backup_rotate(job->db_path, BACKUP_KEEP, err);
	job->check_rc = rc;
	atomic_store(&job->checked, true);
	return NULL;
}

/* The copy is whole: the snapshot is let go, and the copy checked apart. */
static int copied(struct backup_job *job, struct maca_err *err)
{
	sqlite3_backup_finish(job->b);
	job->b = NULL;
	int rc = sqlite3_close(job->dst) == SQLITE_OK
		     ? MACA_OK
		     : backup_copy_error(job->dst, "cannot finish", job->path, err);
	job->dst = NULL;
	sqlite3_exec(job->src, "COMMIT", NULL, NULL, NULL);
	sqlite3_close_v2(job->src);
	job->src = NULL;
	if (rc)
		return fail(job, rc);
	/* Taken before any write: from now on writes need not wait for anything. */
	store_before_write(job->st, NULL, NULL);
	job->state = JOB_CHECKING;
	if (pthread_create(&job->checker, NULL, check_copy, job) != 0)
		check_copy(job); /* no thread to be had: checked here, at once */
	return MACA_OK;
}

static int copy(struct backup_job *job, int pages, struct maca_err *err)
{
	int step = sqlite3_backup_step(job->b, pages);
	if (step == SQLITE_OK)
		return MACA_OK;
	if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
		return ++job->busy > BUSY_STEPS
			   ? fail(job, err_set(err, MACA_EBUSY, "cannot back up %s: it stayed busy",
					       job->db_path))
			   : MACA_OK;
	if (step != SQLITE_DONE)
		return fail(job,
			    sqlite3_errcode(job->dst) != SQLITE_OK
				? backup_copy_error(job->dst, "cannot write", job->path, err)
				: backup_copy_error(job->src, "cannot read", job->db_path, err));
	return copied(job, err);
}

/* The check and the placing are over (waiting for them when they are not). */
static int place(struct backup_job *job, char **written, struct maca_err *err)
{
	pthread_join(job->checker, NULL);
	job->state = JOB_DONE;
	free(job->tmp); /* placed, or removed */
	job->tmp = NULL;
	if (job->check_rc) {
		*err = job->check_err;
		job->check_err = (struct maca_err){0};
		return job->check_rc;
	}
	*written = job->path;
	job->path = NULL;
	return MACA_OK;
}

int backup_job_step(struct backup_job *job, int pages, bool *done, char **written,
		    struct maca_err *err)
{
	*written = NULL;
	int rc = MACA_OK;
	if (job->failed.status) {
		*err = job->failed;
		job->failed = (struct maca_err){0};
		rc = err->status;
	} else if (job->state == JOB_WAITING) {
		rc = start(job, err);
	} else if (job->state == JOB_COPYING) {
		rc = copy(job, pages, err);
	} else if (job->state == JOB_CHECKING && atomic_load(&job->checked)) {
		rc = place(job, written, err);
	}
	*done = job->state == JOB_DONE;
	return rc;
}

/* Called by the store before its first write: the copy is finished now, whole, so that the
 * backup is of the database before the write. What fails is said at the next step. */
static void before_write(void *ctx)
{
	struct backup_job *job = ctx;
	struct maca_err err = {0};
	int rc = job->state == JOB_WAITING ? start(job, &err) : MACA_OK;
	while (!rc && job->state == JOB_COPYING) {
		int busy = job->busy;
		rc = copy(job, -1, &err);
		if (!rc && job->busy > busy)
			usleep(50 * 1000); /* a writer in rollback mode: a moment */
	}
	if (rc && !job->failed.status)
		job->failed = err;
	else
		err_clear(&err);
}

bool backup_job_busy(const struct backup_job *job)
{
	return job && job->state != JOB_DONE;
}

bool backup_job_copying(const struct backup_job *job)
{
	return job && (job->state == JOB_WAITING || job->state == JOB_COPYING);
}

int backup_job_end(struct backup_job *job, char **written, struct maca_err *err)
{
	*written = NULL;
	if (!job)
		return MACA_OK;
	int rc = MACA_OK;
	if (job->failed.status) {
		*err = job->failed;
		job->failed = (struct maca_err){0};
		rc = err->status;
	}
	/* A whole copy is kept, waiting for its check (a write may have come after it); one not
	 * yet whole was never needed by a write, and is taken again at the next start. */
	if (job->state == JOB_CHECKING) {
		struct maca_err placed = {0};
		int prc = place(job, written, &placed);
		if (prc && !rc) {
			*err = placed;
			rc = prc;
		} else {
			err_clear(&placed);
		}
	}
	abandon(job);
	err_clear(&job->check_err);
	free(job->db_path);
	free(job->path);
	free(job->tmp);
	free(job);
	return rc;
}
