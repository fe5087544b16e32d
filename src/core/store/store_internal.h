/* What the store's files share; not for use outside the store. */
#ifndef MACA_STORE_INTERNAL_H
#define MACA_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>

#include "store.h"

struct store_file;

/* A statement kept for reuse, found by its SQL text (store_db.c). */
struct stmt_slot {
	char *sql; /* NULL: an empty slot */
	uint64_t hash;
	sqlite3_stmt *stmt;
	bool busy;	 /* handed out and not yet given back */
	const char *key; /* the caller's text when last found (a literal, mostly) */
};

/* The slots found last, by the caller's text's address and by statement: found again without
 * hashing the text (a save runs a dozen statements; an import a dozen per answer). */
#define STMT_RECENT 64

struct store {
	sqlite3 *db;
	struct store_file
	    *file; /* the lock held and the file opened (store_file.c); NULL: memory */
	char *author;
	char *source;
	char *checksum; /* SHA-256 hex of the file changes come from, or NULL */
	bool readonly;	/* opened by store_open_readonly: nothing is ever written */
	/* The last audit's template, parsed once: saving an answer validates against it. */
	int64_t tpl_audit;
	struct template *tpl;
	/* Nested transactions: how many store_begin are open, and whether an inner one failed
	 * (the outermost then rolls back, whatever it is told). */
	int depth;
	bool doomed;
	/* Called once, before the first write (store_before_write). */
	store_before_write_fn before_write;
	void *before_write_ctx;
	/* Statements prepared once and kept until the store closes, hashed by SQL text. */
	struct stmt_slot *slots;
	size_t nslots; /* a power of two, or 0 */
	size_t nused;
	struct stmt_slot *by_key[STMT_RECENT], *by_stmt[STMT_RECENT];
};

/* How long a write waits for another maca before saying the database is busy. */
#define STORE_BUSY_TIMEOUT_MS 3000

/* store_file.c: before SQLite opens path, the shared lock that tells restore it is in use
 * (waiting while a restore swaps the file in); once it is open, which file that is. */
int store_file_claim(const char *path, struct store_file **out, struct maca_err *err);
void store_file_opened(struct store_file *f);
/* Once the file was replaced or removed: empties the write-ahead log into it (see there). */
void store_file_settle(struct store *st);
void store_file_release(struct store_file *f);

/* --- Statements and transactions (store_db.c) ------------------------------------------ */

/* A value to bind: SQL_INT(n), SQL_TEXT(s) (NULL binds SQL NULL), SQL_TEXTN(s, len),
 * SQL_TEXT_OR_EMPTY(s). */
struct sql_value {
	bool text;
	int64_t i;
	const char *s;
	int len; /* -1: up to the NUL */
};
#define SQL_INT(x) ((struct sql_value){.i = (int64_t)(x)})
#define SQL_TEXT(x) ((struct sql_value){.text = true, .s = (x), .len = -1})
#define SQL_TEXTN(x, n) ((struct sql_value){.text = true, .s = (x), .len = (int)(n)})
/* Optional text where the column holds "" for none (NOT NULL DEFAULT ''): NULL binds "". */
#define SQL_TEXT_OR_EMPTY(x) SQL_TEXT((x) ? (x) : "")
/* The values for ?1, ?2, ... as the two arguments (array, count) the functions below take. */
#define SQL_ARGS(...)                                                                              \
	(const struct sql_value[]){__VA_ARGS__},                                                   \
	    sizeof((const struct sql_value[]){__VA_ARGS__}) / sizeof(struct sql_value)

/* The statement for sql, prepared once (persistent) and kept: reset, its bindings cleared,
 * each time it is given back with store_done. A statement still in use (a loop over its rows
 * calling something that runs the same SQL) is not handed out twice: the second user gets a
 * statement of its own, finalized when given back. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct maca_err *err);
/* Gives a statement back (NULL: nothing). Every store_prepare is matched by one. */
void store_done(struct store *st, sqlite3_stmt *stmt);
/* store_prepare, then binds values to ?1..?n (given back on failure). */
int store_query(struct store *st, const char *sql, const struct sql_value *v, size_t n,
		sqlite3_stmt **stmt, struct maca_err *err);
/* store_query, then one step: *found and the row ready to read (the caller gives the statement
 * back), or no row (the statement is given back, *stmt NULL). `what` names the read in
 * errors. */
int store_row(struct store *st, const char *sql, const struct sql_value *v, size_t n,
	      sqlite3_stmt **stmt, bool *found, const char *what, struct maca_err *err);
/* store_query, stepped to the end (rows are ignored) and given back. */
int store_run(struct store *st, const char *sql, const struct sql_value *v, size_t n,
	      const char *what, struct maca_err *err);
/* The first column of the first row as an integer; *found false (and *out untouched) when there
 * is no row. */
int store_int(struct store *st, const char *sql, const struct sql_value *v, size_t n, int64_t *out,
	      bool *found, const char *what, struct maca_err *err);
/* Runs SQL text once, without keeping it (pragmas, the schema). */
int store_exec(struct store *st, const char *sql, struct maca_err *err);
/* Whether the connection's last error was a constraint (a UNIQUE, a CHECK). */
bool store_constraint_failed(struct store *st);
/* Finalizes every kept statement (before the connection closes). */
void store_statements_free(struct store *st);

/* Binds text, NULL as SQL NULL. */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);
/* Copies column text ("" for NULL); NULL only on allocation failure. */
char *store_column_dup(sqlite3_stmt *stmt, int col);
/* Copies column text keeping SQL NULL as NULL; *oom set on allocation failure. */
char *store_column_dup_null(sqlite3_stmt *stmt, int col, bool *oom);
/* The current time as ISO 8601 UTC with milliseconds; caller frees. */
char *store_now(void);
/* The ids of a list sorted and joined with commas, as the case's tags are stored in history
 * rows ("" for NULL); NULL on allocation failure. */
char *store_ids_text(const struct named_list *list);
/* A row id as text, the history's item for good practice and actions. */
#define STORE_ID_TEXT 24
void store_id_text(char buf[STORE_ID_TEXT], int64_t id);

/* Where a row sorts: compared key by key, then by the order the query returned it. */
struct row_key {
	int64_t k[3];
	size_t i;
};
/* Fills the rest of one row from the statement's current row (its texts are read already) and
 * sets its sort key; false on allocation failure, the row's fields then freeable. */
typedef bool (*row_reader)(sqlite3_stmt *stmt, void *row, struct row_key *key, const void *ctx);
/* Frees what else one row holds besides its texts (not the row itself). */
typedef void (*row_freer)(void *row);
/* A text column copied into one of a row's `char *` fields: a record's table of these is what
 * its reader copies and its free frees. */
struct row_text {
	int col;       /* or'd with ROW_KEEP_NULL: SQL NULL stays NULL (else it is "") */
	size_t offset; /* of the field: offsetof(struct x_row, field) */
};
#define ROW_KEEP_NULL 0x10000
/* A table and its length, as two arguments (of the functions below, or in a row_kind). */
#define ROW_TEXTS(t) (t), sizeof(t) / sizeof((t)[0])
/* Copies the statement's text columns into the row's fields ("" for SQL NULL, unless the
 * column keeps it); stmt NULL (no row): each an empty text. False on allocation failure (what was
 * copied is in the row, for store_texts_free). */
bool store_texts_read(sqlite3_stmt *stmt, void *row, const struct row_text *t, size_t n);
/* Frees the row's text fields and sets them to NULL. */
void store_texts_free(void *row, const struct row_text *t, size_t n);
/* The texts of the row store_row found (stmt; NULL: none, each text "") copied into the row,
 * and the statement given back; MACA_ENOMEM, the texts freed, on allocation failure. */
int store_texts_take(struct store *st, sqlite3_stmt *stmt, void *row, const struct row_text *t,
		     size_t n, struct maca_err *err);
/* A numbered row (good practice, a learning point, an action): column 0 its id, column 1 its
 * number among its parent's; it sorts by number, then id. */
void store_read_numbered(sqlite3_stmt *stmt, int64_t *id, int *number, struct row_key *key);
/* A record's rows: what reading them is called in errors, the query that lists them by one id
 * (?1) when there is one, and `size` bytes each, their texts copied by the table, the rest read
 * by `read` (NULL: nothing more) and freed by `free_row` (NULL: nothing more). */
struct row_kind {
	const char *what;
	const char *sql;
	size_t size;
	const struct row_text *texts;
	size_t ntexts;
	row_reader read;
	row_freer free_row;
};
/* Reads one row of the kind from the statement's current row (texts, then `read`); false on
 * allocation failure, the row then freeable with store_row_free. */
bool store_row_read(const struct row_kind *kind, sqlite3_stmt *stmt, void *row, struct row_key *key,
		    const void *ctx);
/* Frees what one row of the kind holds and zeroes it (not the row itself). */
void store_row_free(const struct row_kind *kind, void *row);
/* Frees n rows of the kind, and the array. */
void store_rows_free(const struct row_kind *kind, void *rows, size_t n);
/* Steps a statement from store_query to the end (and gives it back), reading each row into a
 * growing array, then sorts them by key (rows whose keys are all 0 keep the query's order).
 * out is the address of the caller's array (a `struct x_row **`): the array, NULL when empty.
 * On failure nothing is returned and everything read is freed. */
int store_collect(struct store *st, sqlite3_stmt *stmt, const struct row_kind *kind,
		  const void *ctx, void *out, size_t *n, struct maca_err *err);
/* Sets the caller's array, as store_collect's out, to none (NULL, *n 0). */
void store_rows_none(void *out, size_t *n);
/* store_collect for the kind's query, ?1 bound to id. */
int store_list(struct store *st, const struct row_kind *kind, int64_t id, const void *ctx,
	       void *out, size_t *n, struct maca_err *err);
/* A named list from a query (?1 bound to id): column 0 the id ("" for NULL), column 1 (when
 * labelled) the label, the id for NULL or when not labelled. Appended to out; on failure out
 * keeps what was read (the caller frees it). */
int store_named_read(struct store *st, const char *sql, int64_t id, bool labelled,
		     struct named_list *out, const char *what, struct maca_err *err);

/* --- Numbered lists (store_audit.c) ----------------------------------------------------- */

/* A numbered list: rows numbered 1 to n among their parent's (an audit's good practice and
 * learning points, a learning point's actions), how one of its rows is read for a change,
 * moved and deleted. The statements are the same for every list and written once
 * (store_audit.c), from the list's table and columns. `noun` and `plural` name a row and the
 * rows in errors; each `-ing` text names what a statement does, in errors. */
struct numbering {
	const struct row_kind *kind;
	/* The table, the column that numbers its rows, the column of their parent's id (SQL
	 * names), and the kind's columns as its query selects them. */
	const char *table, *number, *parent, *columns;
	const char *noun, *plural;
	const char *opening, *counting, *moving, *deleting, *renumbering;
	/* The history's field for a move, and the column that names a moved row there. */
	const char *moved_field, *moved_item;
};
/* For an audit's list (its parent the audit): reads row id into row (of the list's kind) and
 * its audit's id, inside the caller's transaction: MACA_ENOTFOUND when there is no such row,
 * MACA_ELOCKED when its audit is closed. On failure the row is freeable. */
int store_numbered_open(struct store *st, const struct numbering *nb, int64_t id, void *row,
			int64_t *audit_id, struct maca_err *err);
/* For an audit's list: moves row id to number `to` (1 to the count, else MACA_EUSER) in a
 * transaction of its own, the rows between shifting to make room, and leaves a history row
 * when it moved; MACA_ENOTFOUND when there is no such row, MACA_ELOCKED when its audit is
 * closed. */
int store_numbered_move(struct store *st, const struct numbering *nb, int64_t id, int to,
			struct maca_err *err);
/* Deletes row id, numbered `number` among parent_id's rows, inside the caller's transaction,
 * and closes the gap it leaves. */
int store_numbered_delete(struct store *st, const struct numbering *nb, int64_t id,
			  int64_t parent_id, int number, struct maca_err *err);

/* Maps the connection's last error to a status and message with some context. */
int store_db_error(struct store *st, struct maca_err *err, const char *what);
/* Long text held to text_rules.h's limit, as maca can send it in a return and take it back:
 * MACA_EUSER naming what ("the evidence ...") when it is not; NULL passes. */
int store_check_long_text(const char *what, const char *s, struct maca_err *err);
/* The texts of one thing a user wrote, as the two arguments (array, count) store_check_utf8
 * takes. */
#define STORE_TEXTS(...)                                                                           \
	(const char *const[]){__VA_ARGS__},                                                        \
	    sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)
/* MACA_EUSER "the <what> is not valid UTF-8" when one of the texts is not (NULL passes). */
int store_check_utf8(const char *what, const char *const *texts, size_t n, struct maca_err *err);
/* True when SQLite's last error was a full disk (SQLITE_FULL, or an I/O error from ENOSPC). */
bool store_db_disk_full(struct store *st);
/* The statements of the migration to `to_version`, NULL-terminated (store_schema.c). */
const char *const *store_schema_migration(int to_version);

/* The id of the agency with code ?2 in the audit of case ?1, as an SQL expression: found by
 * its key, so that a query of one agency's answers reads no other agency's. */
#define STORE_AGENCY_OF_CASE                                                                       \
	"(SELECT g2.id FROM audit_case c2 JOIN agency g2 ON g2.audit_id = c2.audit_id WHERE "      \
	"c2.id = ?1 AND g2.code = ?2)"

/* --- History (store_history.c) ----------------------------------------------------------- */

/* Appends a history row inside the caller's transaction. */
int store_history_add(struct store *st, int64_t audit_id, int64_t case_id, const char *agency,
		      const char *item, const char *field, const char *old_value,
		      const char *new_value, const char *reason, struct maca_err *err);
/* The history row of evidence given to answer answer_id (saved just before), which had none:
 * the text is the answer's, not written again (schema migration 8 and its view). */
int store_history_evidence(struct store *st, int64_t audit_id, int64_t case_id, const char *agency,
			   const char *item, const char *old_value, int64_t answer_id,
			   struct maca_err *err);
/* Which history rows are about one record: the audit's rows for `item` (NULL: any) of case
 * case_id (0: any) and agency (NULL: any). */
struct history_key {
	int64_t audit_id;
	int64_t case_id;
	const char *agency;
	const char *item;
};
/* The fields a save found changed since the screen read them, by their history names. */
struct conflicts {
	const char *fields[6]; /* NULL-terminated */
	size_t n;
};
/* Notes `field` as a conflict when the value a save writes changed meanwhile: the database
 * holds neither what the screen started from (expected) nor already the new value. expected
 * NULL: not checked. */
void store_conflict_check(struct conflicts *c, const char *field, const char *expected,
			  const char *now, const char *new_value);
/* A save found fields changed (c->n > 0): fills *by (when not NULL) from the newest history
 * row of those fields in `key` (empty strings when there is none) and fails with
 * MACA_ECONFLICT, saying what changed, by whom and when, and that nothing was saved. */
int store_conflict(struct store *st, struct history_key key, const struct conflicts *c,
		   const char *what, struct store_change *by, struct maca_err *err);

/* --- Audits, their templates and agencies (store_audit.c, store_template.c) -------------- */

/* Fails with MACA_ENOTFOUND when there is no such audit and MACA_ELOCKED when it is closed.
 * Call it inside the write's transaction: checked before, another maca could close the audit
 * in between. */
int store_require_open(struct store *st, int64_t audit_id, struct maca_err *err);
/* Fails with MACA_ENOTFOUND when there is no such audit. */
int store_audit_exists(struct store *st, int64_t audit_id, struct maca_err *err);
/* The cached template of an audit (owned by the store, valid until the next call). */
int store_cached_template(struct store *st, int64_t audit_id, const struct template **out,
			  struct maca_err *err);

/* --- Cases (store_case.c) ---------------------------------------------------------------- */

/* The audit a case belongs to, and whether that audit is closed (then *locked is set). */
int store_case_audit(struct store *st, int64_t case_id, int64_t *audit_id, bool *locked,
		     struct maca_err *err);
/* Inside the caller's transaction: the case's audit, failing with MACA_ENOTFOUND when the
 * case is gone and MACA_ELOCKED when its audit is closed. */
int store_case_require_open(struct store *st, int64_t case_id, int64_t *audit_id,
			    struct maca_err *err);
/* store_list for a case's rows, which sort by their audit's template (the readers' context);
 * MACA_ENOTFOUND for no such case. */
int store_case_rows(struct store *st, const struct row_kind *kind, int64_t case_id, void *out,
		    size_t *n, struct maca_err *err);
/* store_list for an audit's rows; MACA_ENOTFOUND for no such audit (store_audit.c). */
int store_audit_rows(struct store *st, const struct row_kind *kind, int64_t audit_id, void *out,
		     size_t *n, struct maca_err *err);
/* Where an answer or note goes: the case's audit, its template and (when asked) the agency's
 * row. */
struct case_target {
	int64_t audit_id;
	int64_t agency_id;
	const struct template *tpl;
};
/* Reads the target inside the write's transaction, so that a case removed or an audit closed
 * by another maca just before is refused (MACA_ENOTFOUND, MACA_ELOCKED; `open` false: a closed
 * audit is not refused). agency NULL: no agency. */
int store_case_target(struct store *st, int64_t case_id, const char *agency, bool open,
		      struct case_target *t, struct maca_err *err);
/* Position of a question in the template; unknown ids sort after every known one. */
int64_t store_question_index(const struct template *tpl, const char *id);

/* --- Actions (store_action.c) ------------------------------------------------------------ */

/* Reads a learning point's actions into row->actions, by position. */
int store_point_actions(struct store *st, struct learning_point_row *row, struct maca_err *err);

#endif
