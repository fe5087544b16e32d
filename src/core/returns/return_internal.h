/* What the writer and the reader of packs and returns share: the file's schema; and what the
 * reader's parts share (return_parse.c, return_cells.c, return_rows.c). */
#ifndef MACA_RETURN_INTERNAL_H
#define MACA_RETURN_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "return_doc.h"
#include "sbuf.h"
#include "text_rules.h"

#define RETURN_NTABLES 4

/* Each table's name and its CREATE statement exactly as SQLite keeps it in sqlite_schema: the
 * reader refuses a file whose schema differs by a single character. */
extern const char *const return_table_names[RETURN_NTABLES];
extern const char *const return_table_sql[RETURN_NTABLES];
/* The meta table of format 1, which had no agency_token (the other tables are unchanged). */
extern const char *const return_meta_sql_v1;

/* More problems than this are counted, not listed: a hostile file can hold millions. */
#define MAX_LISTED 100

struct reader {
	sqlite3 *db;
	struct return_doc *doc;
	struct sbuf problems;
	size_t nproblems;
	bool fatal; /* the file cannot be read further */
};

/* Adds a problem (one line of the final message). */
void rd_problem(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* SQLite could not read the file: a problem, and the end of reading. */
void rd_db_problem(struct reader *r, const char *what);
/* A text column: of type TEXT, no NUL inside, valid UTF-8, at most max bytes; one_line also
 * refuses control characters (C0, DEL and C1). NULL after adding a problem (or out of memory). */
char *rd_col_text(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		  const char *field, size_t max, bool one_line);
/* A text column of people's text, held to its kind's rule (text_rules.h): the one entry
 * checks, so a file maca wrote always reads back. NULL after adding a problem naming where
 * and field (or out of memory). */
char *rd_col_kind(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		  const char *field, enum text_kind kind);
/* An INTEGER column from 0 to 10^9. */
bool rd_col_int(struct reader *r, sqlite3_stmt *stmt, int col, const char *where, const char *field,
		long *out);
/* A text column holding an id (see id_valid). */
char *rd_col_id(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		const char *field);
/* Reads and checks cases, answers and notes (return_rows.c). */
void rd_read_rows(struct reader *r);

#endif
