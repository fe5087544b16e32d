/* What the store's query and edit files (store_query*.c, store_edit_learning.c, store_audit.c,
 * store_case.c, store_lifecycle.c) share; not for use outside the store. */
#ifndef MACA_STORE_QUERY_INTERNAL_H
#define MACA_STORE_QUERY_INTERNAL_H

#include "store_internal.h"

/* Where a row sorts: compared key by key, then by the order the query returned it. */
struct row_key {
	int64_t k[3];
	size_t i;
};

/* Fills one row (of the size given to store_collect) from the statement's current row and
 * sets its sort key; false on allocation failure, the row's fields then freeable. */
typedef bool (*row_reader)(sqlite3_stmt *stmt, void *row, struct row_key *key, const void *ctx);
/* Frees the fields of one row (not the row itself). */
typedef void (*row_freer)(void *row);

/* Steps a prepared, bound statement to the end (and finalizes it), reading each row into a
 * growing array of `size`-byte rows, then sorts them by key. On failure nothing is returned
 * and everything read is freed. */
int store_collect(struct store *st, sqlite3_stmt *stmt, size_t size, row_reader read,
		  row_freer free_row, const void *ctx, void **out, size_t *n, const char *what,
		  struct maca_err *err);

/* store_collect for the common query with one parameter, an id bound to its `?`: prepares
 * sql, binds id and collects. */
int store_collect_by_id(struct store *st, const char *sql, int64_t id, size_t size, row_reader read,
			row_freer free_row, const void *ctx, void **out, size_t *n,
			const char *what, struct maca_err *err);

/* Checks the results of a run of binds, OR-ed together (SQLITE_OK = 0 when all succeeded);
 * on failure finalizes the statement and reports the error. */
int store_bound(struct store *st, sqlite3_stmt *stmt, int binds, struct maca_err *err);
/* Steps a prepared statement once, expecting no row back, and finalizes it. */
int store_run(struct store *st, sqlite3_stmt *stmt, const char *what, struct maca_err *err);
/* Ends a write: commits when rc is MACA_OK, rolls back otherwise. Returns the outcome. */
int store_finish(struct store *st, int rc, struct maca_err *err);
/* Fails with MACA_ENOTFOUND when there is no such audit. */
int store_audit_exists(struct store *st, int64_t audit_id, struct maca_err *err);

/* Reads a learning point's linked cases, agencies and sections into the row's lists. */
int store_read_links(struct store *st, const struct template *tpl, struct learning_point_row *row,
		     struct maca_err *err);

#endif
