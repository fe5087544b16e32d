/* Writing and rotating backups. See backup.h. */
#include "backup.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup_internal.h"
#include "export_file.h"
#include "names.h"
#include "paths.h"
#include "sbuf.h"
#include "store.h"

#define STAMP_LEN 16 /* YYYYMMDDTHHMMSSZ */
/* How long a backup waits for a writer holding the database (rollback mode only). */
#define BUSY_TRIES 100

char *backup_dir(const char *db_path)
{
	char *dir = paths_dirname(db_path);
	char *b = dir ? str_fmt("%s/backups", dir) : NULL;
	free(dir);
	return b;
}

char *backup_base_name(const char *db_path)
{
	const char *slash = strrchr(db_path, '/');
	const char *name = slash ? slash + 1 : db_path;
	size_t len = strlen(name);
	if (len > 3 && strcmp(name + len - 3, ".db") == 0)
		len -= 3;
	char *base = malloc(len + 1);
	if (base) {
		memcpy(base, name, len);
		base[len] = '\0';
	}
	return base;
}

char *backup_path_for(const char *db_path, const char *tag, time_t when)
{
	struct tm tm;
	char stamp[STAMP_LEN + 1];
	if (!gmtime_r(&when, &tm) || strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) == 0)
		return NULL;
	char *dir = backup_dir(db_path), *base = backup_base_name(db_path);
	char *p = dir && base ? str_fmt("%s/%s-%s%s.db", dir, base, tag, stamp) : NULL;
	free(dir);
	free(base);
	return p;
}

/* The time in an automatic backup's name BASE-YYYYMMDDTHHMMSSZ.db; false for any other
 * name (temporary files, replaced databases, other databases' backups). */
static bool parse_name(const char *name, const char *base, time_t *when)
{
	size_t blen = strlen(base);
	if (strncmp(name, base, blen) != 0 || name[blen] != '-')
		return false;
	const char *s = name + blen + 1;
	if (strlen(s) != STAMP_LEN + 3 || strcmp(s + STAMP_LEN, ".db") != 0 || s[8] != 'T' ||
	    s[15] != 'Z')
		return false;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	struct tm tm = {0};
	int v[6];
	const int at[6][2] = {{0, 4}, {4, 2}, {6, 2}, {9, 2}, {11, 2}, {13, 2}};
	for (int i = 0; i < 6; i++) {
		v[i] = 0;
		for (int k = 0; k < at[i][1]; k++)
			v[i] = v[i] * 10 + (s[at[i][0] + k] - '0');
	}
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	*when = timegm(&tm);
	return *when != (time_t)-1;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->id, ((const struct named *)b)->id);
}

/* The automatic backups of db_path, oldest first (their names sort by time). A missing
 * directory is an empty list. */
static int list_backups(const char *db_path, struct named_list *out, struct maca_err *err)
{
	memset(out, 0, sizeof *out);
	char *dir = backup_dir(db_path), *base = backup_base_name(db_path);
	int rc = dir && base ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	DIR *d = rc ? NULL : opendir(dir);
	if (!rc && !d && errno != ENOENT)
		rc = err_set(err, MACA_EIO, "cannot read %s: %s", dir, strerror(errno));
	struct dirent *e;
	while (!rc && d && (e = readdir(d))) {
		time_t when;
		if (parse_name(e->d_name, base, &when) && !named_add(out, e->d_name, ""))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (d)
		closedir(d);
	free(dir);
	free(base);
	if (rc)
		named_list_free(out);
	else if (out->n > 1)
		qsort(out->items, out->n, sizeof *out->items, cmp_names);
	return rc;
}

int backup_due(const char *db_path, time_t now, bool *due, struct maca_err *err)
{
	struct named_list list;
	if (list_backups(db_path, &list, err))
		return err->status;
	char *base = backup_base_name(db_path);
	time_t newest = 0;
	bool any = base && list.n > 0 && parse_name(list.items[list.n - 1].id, base, &newest);
	free(base);
	named_list_free(&list);
	*due = !any || now - newest >= BACKUP_MAX_AGE;
	return MACA_OK;
}

/* A backup interrupted by a crash leaves its temporary file (BASE-STAMP.db.tmp-XXXXXX): one a
 * day old is no backup in progress, and is removed. */
static void remove_stale_temporaries(const char *dir, const char *base, time_t now)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t blen = strlen(base);
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, base, blen) != 0 || e->d_name[blen] != '-' ||
		    !strstr(e->d_name + blen, ".db.tmp-"))
			continue;
		char *p = str_fmt("%s/%s", dir, e->d_name);
		struct stat sb;
		if (p && lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    now - sb.st_mtime >= BACKUP_MAX_AGE)
			unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
}

int backup_rotate(const char *db_path, int keep, struct maca_err *err)
{
	struct named_list list;
	if (list_backups(db_path, &list, err))
		return err->status;
	char *dir = backup_dir(db_path), *base = backup_base_name(db_path);
	int rc = dir && base ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		remove_stale_temporaries(dir, base, time(NULL));
	free(base);
	for (size_t i = 0; !rc && keep >= 0 && i + (size_t)keep < list.n; i++) {
		char *p = str_fmt("%s/%s", dir, list.items[i].id);
		if (!p)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		else if (unlink(p) != 0 && errno != ENOENT)
			rc = err_set(err, MACA_EIO, "cannot remove the old backup %s: %s", p,
				     strerror(errno));
		free(p);
	}
	free(dir);
	named_list_free(&list);
	return rc;
}

int backup_copy_error(sqlite3 *db, const char *what, const char *path, struct maca_err *err)
{
	int code = db ? sqlite3_errcode(db) : SQLITE_NOMEM;
	if (code == SQLITE_NOMEM)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int sys = sqlite3_system_errno(db);
	if (code == SQLITE_FULL || sys == ENOSPC)
		return err_set(err, MACA_EIO, "%s %s: the disk is full", what, path);
	return err_set(err, MACA_EIO, "%s %s: %s", what, path,
		       sys ? strerror(sys) : sqlite3_errmsg(db));
}

sqlite3 *backup_open_conn(const char *path, int flags)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
		return db; /* the caller reads the error, then closes */
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_busy_timeout(db, 3000);
	return db;
}

/* The single text value of a pragma, or NULL (caller frees). */
static char *pragma_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	char *v = NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(stmt, 0);
		v = str_dup(t ? (const char *)t : "");
	}
	sqlite3_finalize(stmt);
	return v;
}

int backup_copy(const char *from, bool from_ours, const char *to, const char *shown,
		struct maca_err *err)
{
	/* The copy only reads, but a read-only connection that closes last cannot remove the
	 * database's -wal and -shm files: read our own database through a read-write one where
	 * the file allows. Someone else's file (a backup being restored) is only ever read. */
	sqlite3 *src = from_ours ? backup_open_conn(from, SQLITE_OPEN_READWRITE) : NULL;
	if (!src || sqlite3_errcode(src) != SQLITE_OK) {
		sqlite3_close(src);
		src = backup_open_conn(from, SQLITE_OPEN_READONLY);
	}
	sqlite3 *dst = src && sqlite3_errcode(src) == SQLITE_OK
			   ? backup_open_conn(to, SQLITE_OPEN_READWRITE)
			   : NULL;
	int rc = MACA_OK;
	if (!src || sqlite3_errcode(src) != SQLITE_OK)
		rc = backup_copy_error(src, "cannot read", from, err);
	else if (!dst || sqlite3_errcode(dst) != SQLITE_OK)
		rc = backup_copy_error(dst, "cannot write", shown, err);
	sqlite3_backup *b = rc ? NULL : sqlite3_backup_init(dst, "main", src, "main");
	if (!rc && !b)
		rc = backup_copy_error(dst, "cannot write", shown, err);
	if (b) {
		int step, tries = 0;
		/* A writer in rollback mode holds the file briefly; WAL readers never wait. */
		while ((step = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
		       step == SQLITE_LOCKED) {
			if (++tries > BUSY_TRIES)
				break;
			sqlite3_sleep(50);
		}
		sqlite3_backup_finish(b);
		if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
			rc = err_set(err, MACA_EBUSY, "cannot back up %s: it stayed busy", from);
		else if (step != SQLITE_DONE)
			rc = sqlite3_errcode(dst) != SQLITE_OK
				 ? backup_copy_error(dst, "cannot write", shown, err)
				 : backup_copy_error(src, "cannot read", from, err);
	}
	if (!rc)
		rc = backup_check_copy(dst, from, shown, err);
	if (dst && sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = backup_copy_error(dst, "cannot finish", shown, err);
	sqlite3_close_v2(src);
	return rc;
}

int backup_check_copy(sqlite3 *dst, const char *from, const char *shown, struct maca_err *err)
{
	int rc = MACA_OK;
	char *mode = pragma_text(dst, "PRAGMA journal_mode = DELETE");
	char *check = mode ? pragma_text(dst, "PRAGMA quick_check") : NULL;
	char *app = check ? pragma_text(dst, "PRAGMA application_id") : NULL;
	if (!mode || strcmp(mode, "delete") != 0)
		rc = backup_copy_error(dst, "cannot finish", shown, err);
	else if (!check || strcmp(check, "ok") != 0)
		rc = err_set(err, MACA_ENOTMACA,
			     "the copy of %s fails SQLite's check (%s); the database itself may be "
			     "damaged: run maca check-db",
			     from, check ? check : sqlite3_errmsg(dst));
	else if (!app || strtol(app, NULL, 10) != STORE_APPLICATION_ID)
		rc = err_set(err, MACA_ENOTMACA, "%s is not a maca database", from);
	free(mode);
	free(check);
	free(app);
	return rc;
}

char *backup_auto_path(const char *db_path, time_t now)
{
	char *path = backup_path_for(db_path, "", now);
	/* Two backups within a second: the later one is named a second on. */
	for (int i = 1; path && i < 10 && access(path, F_OK) == 0; i++) {
		free(path);
		path = backup_path_for(db_path, "", now + i);
	}
	return path;
}

/* backup_write without the header check, which opens and closes the file itself. */
static int write_checked(const char *db_path, const char *out, time_t now, char **written,
			 struct maca_err *err)
{
	if (written)
		*written = NULL;
	char *path = out ? str_dup(out) : backup_auto_path(db_path, now);
	if (!path)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = MACA_OK;
	if (!out) {
		char *dir = backup_dir(db_path);
		rc = dir ? paths_make_private_dir(dir, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
		free(dir);
	}
	char *tmp = NULL;
	int fd = -1;
	if (!rc && access(path, F_OK) == 0)
		rc = err_set(err, MACA_EEXIST, "%s already exists; maca will not overwrite it",
			     path);
	if (!rc)
		rc = export_file_temp(path, "", &tmp, &fd, err);
	if (fd >= 0)
		close(fd);
	if (!rc) {
		rc = backup_copy(db_path, true, tmp, path, err);
		if (rc)
			unlink(tmp);
		else
			rc = export_file_place(tmp, path, false, err);
		if (rc == MACA_EEXIST) {
			err_clear(err);
			rc = err_set(err, MACA_EEXIST,
				     "%s already exists; maca will not overwrite it", path);
		}
	}
	free(tmp);
	if (!rc && !out)
		rc = backup_rotate(db_path, BACKUP_KEEP, err);
	if (!rc && written)
		*written = path;
	else
		free(path);
	return rc;
}

int backup_write(const char *db_path, const char *out, time_t now, char **written,
		 struct maca_err *err)
{
	if (written)
		*written = NULL;
	/* Our own reading first: a missing or foreign file is refused without SQLite. */
	if (store_check_header(db_path, err))
		return err->status;
	return write_checked(db_path, out, now, written, err);
}

int backup_auto(const char *db_path, time_t now, char **written, struct maca_err *err)
{
	*written = NULL;
	bool due = false;
	if (backup_due(db_path, now, &due, err))
		return err->status;
	/* The store has read the header already: reading it again here would close a descriptor
	 * of ours on the database, and POSIX drops every lock the process holds on a file when
	 * any descriptor of it closes, SQLite's included. Without its lock, the interface that
	 * opened the database looked closed to other processes: the next command to close
	 * deleted the write-ahead log under it, and a restore replaced the file. */
	return due ? write_checked(db_path, NULL, now, written, err) : MACA_OK;
}
