/* The store's way with SQLite: its errors as maca's, statements prepared once and kept,
 * nested transactions, and the small helpers every record's file uses to bind, step and
 * read. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sbuf.h"
#include "store_internal.h"
#include "text_rules.h"

/* --- SQLite's errors as maca's: a status, and a message that says what went wrong in words a
 * user can act on (busy, disk full, read-only), with the action that failed ------------- */

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

/* --- The statement cache ------------------------------------------------------------------ */

static uint64_t sql_hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot holding sql, or the empty one where it would go (NULL when there are no slots). */
static struct stmt_slot *slot_find(struct store *st, const char *sql, uint64_t hash)
{
	if (!st->nslots)
		return NULL;
	for (size_t i = hash & (st->nslots - 1);; i = (i + 1) & (st->nslots - 1)) {
		struct stmt_slot *s = &st->slots[i];
		if (!s->sql || (s->hash == hash && strcmp(s->sql, sql) == 0))
			return s;
	}
}

/* Where an address goes among the recent slots. */
static size_t recent(const void *p)
{
	return (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15u) >> 58) % STMT_RECENT;
}

/* Doubles the table (kept at most half full, so that a search always ends). */
static bool slots_grow(struct store *st)
{
	size_t n = st->nslots ? 2 * st->nslots : 128;
	struct stmt_slot *old = st->slots, *grown = calloc(n, sizeof *grown);
	if (!grown)
		return false;
	/* The slots move: what pointed at them points nowhere. */
	memset(st->by_key, 0, sizeof st->by_key);
	memset(st->by_stmt, 0, sizeof st->by_stmt);
	size_t was = st->nslots;
	st->slots = grown;
	st->nslots = n;
	for (size_t i = 0; i < was; i++)
		if (old[i].sql)
			*slot_find(st, old[i].sql, old[i].hash) = old[i];
	free(old);
	return true;
}

/* Hands out a kept statement, remembering where it was found. */
static int hand_out(struct store *st, struct stmt_slot *slot, const char *sql, sqlite3_stmt **stmt)
{
	slot->busy = true;
	slot->key = sql;
	st->by_key[recent(sql)] = slot;
	st->by_stmt[recent(slot->stmt)] = slot;
	*stmt = slot->stmt;
	return MACA_OK;
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct maca_err *err)
{
	*stmt = NULL;
	/* The same text at the same address as last time (a text built anew may reuse one: the
	 * text is compared all the same, which costs a fraction of hashing it). */
	struct stmt_slot *slot = st->by_key[recent(sql)];
	if (slot && slot->key == sql && !slot->busy && strcmp(slot->sql, sql) == 0)
		return hand_out(st, slot, sql, stmt);
	uint64_t hash = sql_hash(sql);
	slot = slot_find(st, sql, hash);
	if (slot && slot->sql && !slot->busy)
		return hand_out(st, slot, sql, stmt);
	/* In use further up the stack: a statement of its own, not kept. */
	bool keep = !slot || !slot->sql;
	if (sqlite3_prepare_v3(st->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, stmt, NULL) !=
	    SQLITE_OK)
		return store_db_error(st, err, "reading the database");
	if (!keep || (2 * (st->nused + 1) > st->nslots && !slots_grow(st)))
		return MACA_OK; /* out of memory for the table: used once, like any other */
	char *copy = strdup(sql);
	if (!copy)
		return MACA_OK;
	slot = slot_find(st, sql, hash);
	*slot = (struct stmt_slot){.sql = copy, .hash = hash, .stmt = *stmt};
	st->nused++;
	return hand_out(st, slot, sql, stmt);
}

void store_done(struct store *st, sqlite3_stmt *stmt)
{
	if (!stmt)
		return;
	struct stmt_slot *slot = st->by_stmt[recent(stmt)];
	if (!slot || slot->stmt != stmt) {
		const char *sql = sqlite3_sql(stmt);
		slot = sql ? slot_find(st, sql, sql_hash(sql)) : NULL;
	}
	if (slot && slot->stmt == stmt) {
		/* A reset statement holds no lock and no snapshot: as good as finalized. */
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		slot->busy = false;
	} else {
		sqlite3_finalize(stmt);
	}
}

void store_statements_free(struct store *st)
{
	for (size_t i = 0; i < st->nslots; i++) {
		sqlite3_finalize(st->slots[i].stmt);
		free(st->slots[i].sql);
	}
	free(st->slots);
	st->slots = NULL;
	st->nslots = st->nused = 0;
	memset(st->by_key, 0, sizeof st->by_key);
	memset(st->by_stmt, 0, sizeof st->by_stmt);
}

/* --- Binding, stepping, reading ----------------------------------------------------------- */

int store_query(struct store *st, const char *sql, const struct sql_value *v, size_t n,
		sqlite3_stmt **stmt, struct maca_err *err)
{
	if (store_prepare(st, sql, stmt, err))
		return err->status;
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		int idx = (int)i + 1;
		if (!v[i].text)
			rc = sqlite3_bind_int64(*stmt, idx, v[i].i);
		else if (!v[i].s)
			rc = sqlite3_bind_null(*stmt, idx);
		else
			rc = sqlite3_bind_text(*stmt, idx, v[i].s, v[i].len, SQLITE_TRANSIENT);
	}
	if (rc == SQLITE_OK)
		return MACA_OK;
	rc = store_db_error(st, err, "binding a query's values");
	store_done(st, *stmt);
	*stmt = NULL;
	return rc;
}

int store_row(struct store *st, const char *sql, const struct sql_value *v, size_t n,
	      sqlite3_stmt **stmt, bool *found, const char *what, struct maca_err *err)
{
	*found = false;
	if (store_query(st, sql, v, n, stmt, err))
		return err->status;
	int step = sqlite3_step(*stmt);
	if (step == SQLITE_ROW) {
		*found = true;
		return MACA_OK;
	}
	int rc = step == SQLITE_DONE ? MACA_OK : store_db_error(st, err, what);
	store_done(st, *stmt);
	*stmt = NULL;
	return rc;
}

int store_run(struct store *st, const char *sql, const struct sql_value *v, size_t n,
	      const char *what, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_query(st, sql, v, n, &stmt, err))
		return err->status;
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	int rc = step == SQLITE_DONE ? MACA_OK : store_db_error(st, err, what);
	store_done(st, stmt);
	return rc;
}

int store_int(struct store *st, const char *sql, const struct sql_value *v, size_t n, int64_t *out,
	      bool *found, const char *what, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_row(st, sql, v, n, &stmt, found, what, err))
		return err->status;
	if (*found)
		*out = sqlite3_column_int64(stmt, 0);
	store_done(st, stmt);
	return MACA_OK;
}

int store_exec(struct store *st, const char *sql, struct maca_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(st, err, "database");
	return MACA_OK;
}

bool store_constraint_failed(struct store *st)
{
	return (sqlite3_extended_errcode(st->db) & 0xFF) == SQLITE_CONSTRAINT;
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

char *store_column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return strdup(t ? (const char *)t : "");
}

char *store_column_dup_null(sqlite3_stmt *stmt, int col, bool *oom)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
		return NULL;
	char *s = store_column_dup(stmt, col);
	*oom = *oom || !s;
	return s;
}

char *store_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char buf[40];
	size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, sizeof buf - n, ".%03ldZ", ts.tv_nsec / 1000000);
	return strdup(buf);
}

void store_id_text(char buf[STORE_ID_TEXT], int64_t id)
{
	snprintf(buf, STORE_ID_TEXT, "%lld", (long long)id);
}

static int id_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *store_ids_text(const struct named_list *list)
{
	size_t n = list ? list->n : 0;
	const char **ids = calloc(n + 1, sizeof *ids);
	if (!ids)
		return NULL;
	for (size_t i = 0; i < n; i++)
		ids[i] = list->items[i].id;
	qsort(ids, n, sizeof *ids, id_cmp);
	struct sbuf b = {0};
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s", i ? "," : "", ids[i]);
	free(ids);
	return sbuf_take(&b);
}

/* --- Reading lists ------------------------------------------------------------------------ */

static int key_cmp(const void *a, const void *b)
{
	const struct row_key *x = a, *y = b;
	for (size_t j = 0; j < 3; j++)
		if (x->k[j] != y->k[j])
			return x->k[j] < y->k[j] ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Reorders rows by their keys; false on allocation failure (rows left as they were). */
static bool sort_rows(char *rows, size_t n, size_t size, struct row_key *keys)
{
	/* Rows mostly come in their order already (the query's index follows it): a look at
	 * each pair costs far less than sorting and moving them. */
	size_t i = 1;
	while (i < n && key_cmp(&keys[i - 1], &keys[i]) <= 0)
		i++;
	if (i >= n)
		return true;
	char *sorted = malloc(n * size);
	if (!sorted)
		return false;
	qsort(keys, n, sizeof *keys, key_cmp);
	for (i = 0; i < n; i++)
		memcpy(sorted + i * size, rows + keys[i].i * size, size);
	memcpy(rows, sorted, n * size);
	free(sorted);
	return true;
}

bool store_texts_read(sqlite3_stmt *stmt, void *row, const struct row_text *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char **field = (char **)((char *)row + t[i].offset);
		int col = t[i].col & ~ROW_KEEP_NULL;
		if (!stmt)
			*field = strdup("");
		else if ((t[i].col & ROW_KEEP_NULL) &&
			 sqlite3_column_type(stmt, col) == SQLITE_NULL)
			continue; /* stays NULL */
		else
			*field = store_column_dup(stmt, col);
		if (!*field)
			return false;
	}
	return true;
}

int store_texts_take(struct store *st, sqlite3_stmt *stmt, void *row, const struct row_text *t,
		     size_t n, struct maca_err *err)
{
	bool ok = store_texts_read(stmt, row, t, n);
	store_done(st, stmt);
	if (ok)
		return MACA_OK;
	store_texts_free(row, t, n);
	return err_set(err, MACA_ENOMEM, "out of memory");
}

void store_read_numbered(sqlite3_stmt *stmt, int64_t *id, int *number, struct row_key *key)
{
	*id = sqlite3_column_int64(stmt, 0);
	*number = sqlite3_column_int(stmt, 1);
	key->k[0] = *number;
	key->k[1] = *id;
}

void store_texts_free(void *row, const struct row_text *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char **field = (char **)((char *)row + t[i].offset);
		free(*field);
		*field = NULL;
	}
}

bool store_row_read(const struct row_kind *kind, sqlite3_stmt *stmt, void *row, struct row_key *key,
		    const void *ctx)
{
	return store_texts_read(stmt, row, kind->texts, kind->ntexts) &&
	       (!kind->read || kind->read(stmt, row, key, ctx));
}

void store_row_free(const struct row_kind *kind, void *row)
{
	store_texts_free(row, kind->texts, kind->ntexts);
	if (kind->free_row)
		kind->free_row(row);
	memset(row, 0, kind->size);
}

int store_collect(struct store *st, sqlite3_stmt *stmt, const struct row_kind *kind,
		  const void *ctx, void *out, size_t *n, struct maca_err *err)
{
	size_t size = kind->size;
	char *rows = NULL;
	struct row_key *keys = NULL;
	size_t count = 0, cap = 0;
	int rc, result = MACA_OK;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (count == cap) {
			/* Doubling: an export reads tens of thousands of rows. */
			size_t want = cap ? 2 * cap : 16;
			char *grown = realloc(rows, want * size);
			if (grown)
				rows = grown;
			struct row_key *more = grown ? realloc(keys, want * sizeof *more) : NULL;
			if (more)
				keys = more;
			if (!grown || !more) {
				result = err_set(err, MACA_ENOMEM, "out of memory");
				break;
			}
			cap = want;
		}
		void *row = rows + count * size;
		memset(row, 0, size);
		keys[count] = (struct row_key){.i = count};
		count++;
		if (!store_row_read(kind, stmt, row, &keys[count - 1], ctx)) {
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
	}
	if (!result && rc != SQLITE_DONE)
		result = store_db_error(st, err, kind->what);
	store_done(st, stmt);
	if (!result && !sort_rows(rows, count, size, keys))
		result = err_set(err, MACA_ENOMEM, "out of memory");
	free(keys);
	if (result) {
		store_rows_free(kind, rows, count);
		store_rows_none(out, n);
		return result;
	}
	memcpy(out, &rows, sizeof rows); /* as store_rows_none */
	*n = count;
	return MACA_OK;
}

void store_rows_free(const struct row_kind *kind, void *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_row_free(kind, (char *)rows + i * kind->size);
	free(rows);
}

void store_rows_none(void *out, size_t *n)
{
	/* The caller's pointer is a `struct x_row *`: written as the pointer it is, not through
	 * a `void **` that would name it as another type. */
	void *none = NULL;
	memcpy(out, &none, sizeof none);
	*n = 0;
}

int store_list(struct store *st, const struct row_kind *kind, int64_t id, const void *ctx,
	       void *out, size_t *n, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (!store_query(st, kind->sql, SQL_ARGS(SQL_INT(id)), &stmt, err))
		return store_collect(st, stmt, kind, ctx, out, n, err);
	store_rows_none(out, n);
	return err->status;
}

int store_named_read(struct store *st, const char *sql, int64_t id, bool labelled,
		     struct named_list *out, const char *what, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_query(st, sql, SQL_ARGS(SQL_INT(id)), &stmt, err))
		return err->status;
	int rc = MACA_OK, step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		const char *label = labelled ? (const char *)sqlite3_column_text(stmt, 1) : NULL;
		if (!named_add(out, name ? name : "", label ? label : (name ? name : ""))) {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_db_error(st, err, what);
	store_done(st, stmt);
	return rc;
}

/* --- Transactions ------------------------------------------------------------------------- */

/* Runs one of the transaction statements (kept like any other). */
static int tx(struct store *st, const char *sql)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, sql, &stmt, NULL))
		return sqlite3_errcode(st->db);
	int rc = sqlite3_step(stmt);
	store_done(st, stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void store_before_write(struct store *st, store_before_write_fn fn, void *ctx)
{
	st->before_write = fn;
	st->before_write_ctx = ctx;
}

int store_begin(struct store *st, struct maca_err *err)
{
	if (!st->depth && st->before_write) {
		store_before_write_fn fn = st->before_write;
		st->before_write = NULL;
		fn(st->before_write_ctx);
	}
	/* The outermost takes the write lock up front (BEGIN IMMEDIATE), so that a busy database
	 * is reported before anything is done rather than halfway; an inner one is a savepoint. */
	if (tx(st, st->depth ? "SAVEPOINT nested" : "BEGIN IMMEDIATE") != SQLITE_OK)
		return store_db_error(st, err, "starting a change");
	/* A change written into a file no longer at the path would be in no file at all. */
	if (!st->depth && store_file_replaced(st)) {
		tx(st, "ROLLBACK");
		return store_file_check(st, err);
	}
	if (!st->depth)
		st->doomed = false;
	st->depth++;
	return MACA_OK;
}

static void rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		tx(st, "ROLLBACK");
	/* The rolled-back change may have made an audit whose id comes back with another
	 * template: the cached one is checked against the audit's text before it is used again
	 * (store_template.c). */
	st->tpl_audit = 0;
}

int store_end(struct store *st, int rc, struct maca_err *err)
{
	if (st->depth <= 0)
		return rc ? rc : err_set(err, MACA_EDB, "a change ended that had not begun");
	st->depth--;
	/* SQLite ends a transaction by itself on some errors (a full disk): nothing then to
	 * release or roll back. */
	bool open = !sqlite3_get_autocommit(st->db);
	if (st->depth) {
		if (!rc && open && tx(st, "RELEASE nested") == SQLITE_OK)
			return MACA_OK;
		if (!rc)
			rc = store_db_error(st, err, "saving");
		/* Undone now, and the whole change with it at the outermost end. */
		if (open && tx(st, "ROLLBACK TO nested") == SQLITE_OK)
			tx(st, "RELEASE nested");
		st->doomed = true;
		return rc;
	}
	if (!rc && st->doomed)
		rc = err_set(err, MACA_EDB, "part of the change failed; nothing was saved");
	st->doomed = false;
	if (rc) {
		rollback(st);
		return rc;
	}
	if (tx(st, "COMMIT") != SQLITE_OK) {
		rc = store_db_error(st, err, "saving");
		rollback(st);
	}
	return rc;
}

int store_read_begin(struct store *st, struct maca_err *err)
{
	if (!sqlite3_get_autocommit(st->db))
		return err_set(err, MACA_EDB, "a series of reads began inside a transaction");
	/* Deferred: the snapshot is taken by the first read, and nothing is locked for writing. */
	if (tx(st, "BEGIN DEFERRED") != SQLITE_OK)
		return store_db_error(st, err, "starting to read");
	return MACA_OK;
}

void store_read_end(struct store *st)
{
	/* A read-only transaction has nothing to lose: ending it cannot fail in a way that
	 * matters, and a rollback releases the snapshot all the same. */
	if (!sqlite3_get_autocommit(st->db) && tx(st, "COMMIT") != SQLITE_OK &&
	    !sqlite3_get_autocommit(st->db))
		tx(st, "ROLLBACK");
}

int store_check_utf8(const char *what, const char *const *texts, size_t n, struct maca_err *err)
{
	for (size_t i = 0; i < n; i++)
		if (texts[i] && !utf8_valid(texts[i], strlen(texts[i])))
			return err_set(err, MACA_EUSER, "the %s is not valid UTF-8", what);
	return MACA_OK;
}

int store_check_long_text(const char *what, const char *s, struct maca_err *err)
{
	struct text_fault fault;
	if (s && !text_check(TEXT_LONG, s, &fault))
		return err_set(err, MACA_EUSER, "the %s %s", what, fault.why);
	return MACA_OK;
}
