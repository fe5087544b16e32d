#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "input_file.h"
#include "paths.h"
#include "sbuf.h"

/* How long a write waits for another maca before saying the database is busy (store_internal.h
 * has STORE_BUSY_TIMEOUT_MS). */
#define BUSY_TIMEOUT_MS STORE_BUSY_TIMEOUT_MS

/* Whether a non-empty write-ahead log lies beside path: SQLite replays it on opening. */
static bool has_wal(const char *path)
{
	char *wal = str_fmt("%s-wal", path);
	struct stat sb;
	bool yes = wal && stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	return yes;
}

/* Reads the 100-byte SQLite header ourselves, before SQLite touches the file, so a file that
 * is not ours is refused without being changed in any way. */
int store_check_header(const char *path, struct maca_err *err)
{
	/* Opened as every file a user names is, so that a FIFO or device given to --db is
	 * refused at once instead of hanging maca on its first read. */
	int fd;
	struct maca_err why = {0};
	int rc = input_file_open(path, &fd, &why);
	if (rc == MACA_EUSER)
		rc = err_set(err, MACA_EUSER, "%s is %s: give a maca database with --db", path,
			     err_msg(&why));
	else if (rc)
		rc = err_set(err, rc,
			     "cannot read %s: %s; check its permissions, or give another database "
			     "with --db",
			     path, err_msg(&why));
	err_clear(&why);
	if (rc)
		return rc;
	struct stat sb;
	unsigned char h[100];
	ssize_t got = -1;
	if (fstat(fd, &sb) == 0)
		got = read(fd, h, sizeof h);
	int saved = errno;
	close(fd);
	if (got < 0)
		return err_set(err, MACA_EIO, "%s: %s", path, strerror(saved));
	if (sb.st_size == 0)
		return err_set(err, MACA_ENOTMACA,
			       "%s is an empty file, not a maca database; give another path with "
			       "--db, or remove the file",
			       path);
	if (got < 100 || memcmp(h, "SQLite format 3", 16) != 0)
		return err_set(err, MACA_ENOTMACA,
			       "%s is not a maca database (not an SQLite file); give another path "
			       "with --db",
			       path);
	uint32_t app = (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71];
	if (app != STORE_APPLICATION_ID)
		return err_set(err, MACA_ENOTMACA,
			       "%s is an SQLite database, but not a maca one; maca will not change "
			       "it: give a maca database with --db",
			       path);
	uint32_t page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	uint32_t npages =
	    (uint32_t)h[28] << 24 | (uint32_t)h[29] << 16 | (uint32_t)h[30] << 8 | h[31];
	bool size_valid = memcmp(h + 24, h + 92, 4) == 0; /* change counter == version-valid-for */
	/* A power cut during a checkpoint can leave the new header on disk before the pages that
	 * lengthen the file; those are still in the -wal file, and SQLite finishes the job. */
	if (page < 512 || (page & (page - 1)) || (uint64_t)sb.st_size % page != 0 ||
	    (size_valid && (uint64_t)sb.st_size < (uint64_t)npages * page && !has_wal(path)))
		return err_set(err, MACA_ENOTMACA,
			       "%s is a damaged or truncated copy of a maca database; restore it "
			       "from a backup",
			       path);
	return MACA_OK;
}

/* maca writes on every move: a database it cannot write is refused at once, in plain words,
 * rather than failing at the first save. */
static int check_writable(const char *path, struct maca_err *err)
{
	if (access(path, W_OK) != 0)
		return err_set(err, MACA_EIO,
			       "%s is read-only: maca needs to write to it (%s); check its "
			       "permissions, or copy it somewhere writable",
			       path, strerror(errno));
	char *dir = paths_dirname(path);
	if (!dir)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = MACA_OK;
	/* SQLite keeps its write-ahead log beside the database. */
	if (access(dir, W_OK | X_OK) != 0)
		rc = err_set(err, MACA_EIO,
			     "%s is in a read-only directory (%s: %s): maca needs to create files "
			     "beside it",
			     path, dir, strerror(errno));
	free(dir);
	return rc;
}

static int pragma_int(struct store *st, const char *sql, int *out, struct maca_err *err)
{
	int64_t value = 0;
	bool found;
	if (store_int(st, sql, NULL, 0, &value, &found, "reading the database", err))
		return err->status;
	if (!found)
		return store_db_error(st, err, "reading the database");
	*out = (int)value;
	return MACA_OK;
}

static int migrate(struct store *st, const char *path, struct maca_err *err)
{
	int version = 0;
	if (pragma_int(st, "PRAGMA user_version", &version, err))
		return err->status;
	int latest = store_schema_version();
	if (version > latest)
		return err_set(err, MACA_ETOONEW,
			       "%s was written by a newer maca (schema %d; this maca knows up to "
			       "%d); upgrade maca to open it",
			       path, version, latest);
	for (int v = version + 1; v <= latest; v++) {
		if (store_begin(st, err))
			return err->status;
		char *bump = str_fmt("PRAGMA user_version = %d", v);
		if (!bump)
			return store_end(st, err_set(err, MACA_ENOMEM, "out of memory"), err);
		int rc = SQLITE_OK;
		for (const char *const *sql = store_schema_migration(v); rc == SQLITE_OK && *sql;
		     sql++)
			rc = sqlite3_exec(st->db, *sql, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(st->db, bump, NULL, NULL, NULL);
		free(bump);
		if (store_end(st,
			      rc == SQLITE_OK ? MACA_OK
					      : store_db_error(st, err, "upgrading the database"),
			      err))
			return err->status;
	}
	return MACA_OK;
}

/* Our own file, but still: never run code a schema could smuggle in, and a double-quoted
 * name that is no column (a typing error in our SQL) is an error, not quietly a string. */
static int harden(struct store *st, struct maca_err *err)
{
	/* Each needs SQLite 3.31 or later (Debian 12 has 3.40); the connection says nothing of
	 * a refusal, so the message names the setting. */
	static const struct {
		int op, value;
		const char *name;
	} settings[] = {{SQLITE_DBCONFIG_DEFENSIVE, 1, "DEFENSIVE"},
			{SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, "TRUSTED_SCHEMA"},
			{SQLITE_DBCONFIG_DQS_DML, 0, "DQS_DML"},
			{SQLITE_DBCONFIG_DQS_DDL, 0, "DQS_DDL"}};
	for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
		if (sqlite3_db_config(st->db, settings[i].op, settings[i].value, NULL) != SQLITE_OK)
			return err_set(err, MACA_EDB,
				       "this SQLite refuses SQLITE_DBCONFIG_%s (maca needs SQLite "
				       "3.31 or later)",
				       settings[i].name);
	return MACA_OK;
}

static int open_db(struct store *st, const char *path, bool create, struct maca_err *err)
{
	/* NOMUTEX: a store is used by one thread only, and each of a dozen calls per statement
	 * would otherwise take and give back the connection's mutex. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE |
		    SQLITE_OPEN_NOMUTEX;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		if (!st->db)
			return err_set(err, MACA_ENOMEM, "out of memory");
		return store_db_error(st, err, path);
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (harden(st, err) || store_exec(st, "PRAGMA foreign_keys = ON", err))
		return err->status;
	int fk = 0;
	if (pragma_int(st, "PRAGMA foreign_keys", &fk, err))
		return err->status;
	if (!fk)
		return err_set(err, MACA_EDB, "this SQLite does not enforce foreign keys");
	return MACA_OK;
}

static int tag_and_migrate(struct store *st, const char *path, struct maca_err *err)
{
	char *tag = str_fmt("PRAGMA application_id = %d", STORE_APPLICATION_ID);
	int rc = tag ? store_exec(st, tag, err) : err_set(err, MACA_ENOMEM, "out of memory");
	free(tag);
	return rc ? rc : migrate(st, path, err);
}

static void close_db(struct store *st)
{
	store_statements_free(st);
	if (st->db)
		sqlite3_close_v2(st->db);
	st->db = NULL;
}

static void sync_dir(const char *path)
{
	char *dir = paths_dirname(path);
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Builds a new, tagged, fully migrated database under a temporary name and links it into
 * place, so `path` never holds a half-made file: a crash mid-way leaves no empty file that
 * would later be refused as "not a maca database". */
static int create_database(struct store *st, const char *path, struct maca_err *err)
{
	char *dir = paths_dirname(path);
	if (!dir)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = paths_make_private_dir(dir, err);
	free(dir);
	if (rc)
		return rc;
	char *tmp = str_fmt("%s.new-%ld", path, (long)getpid());
	if (!tmp)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = err_set(err, MACA_EIO, "cannot create %s: %s; give another path with --db",
			     path, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	/* Rollback-journal mode while building: everything lands in the main file. */
	rc = open_db(st, tmp, false, err);
	if (!rc)
		rc = tag_and_migrate(st, path, err);
	/* SQLite's messages name the temporary file, or none: name the one asked for. */
	if (rc && rc != MACA_ENOMEM)
		err_prefix(err, "cannot create %s", path);
	close_db(st);
	if (!rc && link(tmp, path) != 0 && errno != EEXIST)
		rc = err_set(err, MACA_EIO, "cannot create %s: %s", path, strerror(errno));
	unlink(tmp);
	free(tmp);
	if (!rc)
		sync_dir(path);
	return rc;
}

int store_open(const char *path, struct store **out, struct maca_err *err)
{
	*out = NULL;
	bool memory = strcmp(path, ":memory:") == 0;
	struct store *st = calloc(1, sizeof *st);
	if (!st)
		return err_set(err, MACA_ENOMEM, "out of memory");
	st->author = strdup("unknown");
	st->source = strdup("keyboard");
	int rc = MACA_OK;
	if (!st->author || !st->source)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	struct stat sb;
	if (!rc && !memory && stat(path, &sb) != 0) {
		if (errno == ENOENT)
			rc = create_database(st, path, err);
		else
			rc = err_set(err, MACA_EIO, "%s: %s", path, strerror(errno));
	}
	if (!rc && !memory)
		rc = store_check_header(path, err);
	if (!rc && !memory)
		rc = check_writable(path, err);
	if (!rc && !memory)
		rc = store_file_claim(path, &st->file, err);
	if (!rc)
		rc = open_db(st, path, memory, err);
	if (!rc)
		store_file_opened(st->file);
	/* SQLite falls back to reading silently when it cannot write (a read-only mount). */
	if (!rc && !memory && sqlite3_db_readonly(st->db, "main") == 1)
		rc =
		    err_set(err, MACA_EIO,
			    "%s is read-only: maca needs to write to it; check its permissions and "
			    "the file system it is on",
			    path);
	if (!rc && memory)
		rc = tag_and_migrate(st, path, err);
	if (!rc && !memory) {
		int n = 0;
		/* Reads the schema: a damaged file fails here, before any write. */
		if (pragma_int(st, "SELECT count(*) FROM sqlite_schema", &n, err)) {
			rc = err->status;
			/* Even a read needs room: SQLite creates its -wal and -shm files beside
			 * the database on the first one. */
			if (store_db_disk_full(st))
				err_set(
				    err, MACA_EIO,
				    "%s: cannot open the database: the disk is full (SQLite needs "
				    "room beside it for its -wal and -shm files); free some space "
				    "and try again; nothing was changed",
				    path);
			else
				err_prefix(err, "%s", path);
		}
		if (!rc)
			rc = migrate(st, path, err);
		if (!rc) {
			sqlite3_stmt *stmt;
			bool row;
			rc = store_row(st, "PRAGMA journal_mode = WAL", NULL, 0, &stmt, &row,
				       "switching the database to WAL", err);
			if (!rc) {
				const unsigned char *mode =
				    row ? sqlite3_column_text(stmt, 0) : NULL;
				bool wal = mode && strcmp((const char *)mode, "wal") == 0;
				store_done(st, stmt);
				if (!wal)
					rc = store_db_error(st, err,
							    "switching the database to WAL");
			}
		}
	}
	/* FULL: an answer reported as saved survives a power cut. */
	if (!rc)
		rc = store_exec(st, "PRAGMA synchronous = FULL", err);
	/* A nested change (a savepoint) keeps the pages it may have to undo in memory, not in a
	 * temporary file written and deleted at every save: dozens of writes per answer of an
	 * import otherwise (see README, Performance). They are a few pages, freed as it ends. */
	if (!rc)
		rc = store_exec(st, "PRAGMA temp_store = MEMORY", err);
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return MACA_OK;
}

/* The room view's way in: see store.h. Every step that could write is left out (creating,
 * tagging, migrating, the switch to WAL, the replaced-file settling on close). */
int store_open_readonly(const char *path, struct store **out, struct maca_err *err)
{
	*out = NULL;
	struct store *st = calloc(1, sizeof *st);
	if (!st)
		return err_set(err, MACA_ENOMEM, "out of memory");
	st->readonly = true;
	st->author = strdup("unknown");
	st->source = strdup("room view");
	int rc = st->author && st->source ? store_check_header(path, err)
					  : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_file_claim(path, &st->file, err);
	if (!rc &&
	    sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
			    NULL) != SQLITE_OK)
		rc = st->db ? store_db_error(st, err, path)
			    : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		store_file_opened(st->file);
		sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
		rc = harden(st, err);
		if (!rc)
			rc = store_exec(st, "PRAGMA query_only = ON", err);
	}
	int version = 0;
	if (!rc && pragma_int(st, "PRAGMA user_version", &version, err)) {
		rc = err->status;
		err_prefix(err, "%s", path);
	}
	if (!rc && version != store_schema_version())
		rc = err_set(err, version > store_schema_version() ? MACA_ETOONEW : MACA_EUSER,
			     version > store_schema_version()
				 ? "%s was written by a newer maca (schema %d; this maca knows up "
				   "to %d); upgrade maca to open it"
				 : "%s was written by an older maca (schema %d; this maca needs "
				   "%d): open it once in maca, which upgrades it, then start the "
				   "room view again",
			     path, version, store_schema_version());
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return MACA_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (!st->readonly)
		store_file_settle(st);
	close_db(st);
	store_file_release(st->file); /* after SQLite: the lock covers the whole time it is open */
	template_free(st->tpl);
	free(st->author);
	free(st->source);
	free(st->checksum);
	free(st);
}

int store_set_origin(struct store *st, const char *author, const char *source, struct maca_err *err)
{
	char *a = strdup(author), *s = strdup(source);
	if (!a || !s) {
		free(a);
		free(s);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	free(st->author);
	free(st->source);
	st->author = a;
	st->source = s;
	return MACA_OK;
}

int store_set_checksum(struct store *st, const char *checksum, struct maca_err *err)
{
	char *c = NULL;
	if (checksum && !(c = strdup(checksum)))
		return err_set(err, MACA_ENOMEM, "out of memory");
	free(st->checksum);
	st->checksum = c;
	return MACA_OK;
}

const char *store_author(const struct store *st)
{
	return st->author;
}

const char *store_source(const struct store *st)
{
	return st->source;
}

/* SQLite's data version moves only when a commit from another connection (another maca) is
 * seen, never for this one's own. */
int store_data_version(struct store *st, int64_t *version, struct maca_err *err)
{
	bool found;
	if (store_int(st, "PRAGMA data_version", NULL, 0, version, &found,
		      "reading the data version", err))
		return err->status;
	return found ? MACA_OK : store_db_error(st, err, "reading the data version");
}
