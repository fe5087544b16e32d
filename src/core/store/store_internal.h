/* What the store's files share; not for use outside the store. */
#ifndef MACA_STORE_INTERNAL_H
#define MACA_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

struct store_file;

struct store {
	sqlite3 *db;
	struct store_file
	    *file; /* the lock held and the file opened (store_file.c); NULL: memory */
	char *author;
	char *source;
	char *checksum; /* SHA-256 hex of the file changes come from, or NULL */
	/* The last audit's template, parsed once: saving an answer validates against it. */
	int64_t tpl_audit;
	struct template *tpl;
};

/* store_file.c: before SQLite opens path, the shared lock that tells restore it is in use
 * (waiting while a restore swaps the file in); once it is open, which file that is. */
int store_file_claim(const char *path, struct store_file **out, struct maca_err *err);
void store_file_opened(struct store_file *f);
/* Once the file was replaced or removed: empties the write-ahead log into it (see there). */
void store_file_settle(struct store *st);
void store_file_release(struct store_file *f);

/* The statements of the migration to `to_version`, NULL-terminated. */
const char *const *store_schema_migration(int to_version);

/* Maps the connection's last error to a status and message with some context. */
int store_db_error(struct store *st, struct maca_err *err, const char *what);
/* True when SQLite's last error was a full disk (SQLITE_FULL, or an I/O error from ENOSPC). */
bool store_db_disk_full(struct store *st);
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct maca_err *err);
int store_exec(struct store *st, const char *sql, struct maca_err *err);
/* BEGIN IMMEDIATE: the write lock is taken up front, so a busy database is reported before
 * anything is done rather than halfway. */
int store_begin(struct store *st, struct maca_err *err);
int store_commit(struct store *st, struct maca_err *err);
void store_rollback(struct store *st);
/* Binds text, NULL as SQL NULL. */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);
/* Copies column text ("" for NULL); NULL only on allocation failure. */
char *store_column_dup(sqlite3_stmt *stmt, int col);
/* The current time as ISO 8601 UTC with milliseconds; caller frees. */
char *store_now(void);

/* Appends a history row inside the caller's transaction. */
int store_history_add(struct store *st, int64_t audit_id, int64_t case_id, const char *agency,
		      const char *item, const char *field, const char *old_value,
		      const char *new_value, const char *reason, struct maca_err *err);
/* The audit a case belongs to, and whether that audit is closed (then *locked is set). */
int store_case_audit(struct store *st, int64_t case_id, int64_t *audit_id, bool *locked,
		     struct maca_err *err);
/* Inside the caller's transaction: the case's audit, failing with MACA_ENOTFOUND when the
 * case is gone and MACA_ELOCKED when its audit is closed. */
int store_case_require_open(struct store *st, int64_t case_id, int64_t *audit_id,
			    struct maca_err *err);
/* Fails with MACA_ELOCKED when the audit is closed. Call it inside the write's transaction:
 * checked before, another maca could close the audit in between. */
int store_require_open(struct store *st, int64_t audit_id, struct maca_err *err);
/* The cached template of an audit (owned by the store). */
int store_cached_template(struct store *st, int64_t audit_id, const struct template **out,
			  struct maca_err *err);
/* The agency row id for a code within an audit. */
int store_agency_id(struct store *st, int64_t audit_id, const char *code, int64_t *id,
		    struct maca_err *err);
/* Inside the creating transaction: whether the audit `ref` may be re-audited from tpl (same
 * template id, a version no newer), copying its UUID (store_reaudit.c). */
int store_reaudit_check(struct store *st, const struct template *tpl, const char *ref,
			char uuid[UUID_STR_LEN], struct maca_err *err);

#endif
