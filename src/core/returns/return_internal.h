/* What the writer and the reader of packs and returns share: the file's schema; and what the
 * reader's parts share (return_parse.c, return_cells.c, return_rows.c). */
#ifndef MACA_RETURN_INTERNAL_H
#define MACA_RETURN_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "diag.h"
#include "return_doc.h"
#include "sbuf.h"
#include "text_rules.h"

#define RETURN_NTABLES 4

/* Where a document's rows are read again from (return_open, return_walk). */
struct return_stream {
	sqlite3 *db; /* the file, open read-only */
	char **refs; /* the document's case references, sorted */
	char *path;  /* read where it lies: the file, open as fd, and what it was */
	int fd;	     /* when its checksum was taken (-1: held in bytes) */
	struct stat at;
	unsigned char *bytes; /* held: the plaintext SQLite reads in place */
	size_t len;
	/* Or read again by whoever made the document (a workbook or CSV file's reader). */
	return_replay_fn replay;
	void (*replay_free)(void *ctx);
	void *replay_ctx;
};
/* Closes and frees it (return_doc_free calls it), wiping held bytes. */
void return_stream_free(struct return_stream *s);

/* Each table's name and its CREATE statement exactly as SQLite keeps it in sqlite_schema: the
 * reader refuses a file whose schema differs by a single character. */
extern const char *const return_table_names[RETURN_NTABLES];
extern const char *const return_table_sql[RETURN_NTABLES];
/* The meta table of format 1, which had no agency_token (the other tables are unchanged). */
extern const char *const return_meta_sql_v1;

/* What reading does with each answer and note it has checked. */
enum rd_mode {
	RD_HOLD,  /* keeps it in the document (return_parse) */
	RD_CHECK, /* counts it and keeps its key, to find those given twice (return_open_*) */
	RD_WALK,  /* hands it to the walk's callbacks, and forgets it (return_walk) */
};

/* An answer's case and question, or a note's case, section and prompt: what may not be given
 * twice. Owned by the key in RD_CHECK, borrowed from the document in RD_HOLD. */
struct rd_key {
	char *ref, *a, *b;
};

struct reader {
	sqlite3 *db;
	struct return_doc *doc;
	struct problems problems;
	bool fatal; /* the file cannot be read further */
	enum rd_mode mode;
	/* Texts read are SQLite's, valid until the next row, not copies (a walk's). */
	bool borrow;
	char **refs; /* the file's case references, sorted (rd_read_rows; the walk's own) */
	struct rd_key *answer_keys, *note_keys;
	size_t nanswer_keys, nnote_keys;
	/* RD_WALK: the callbacks, and the first error one returned (which ends the walk). */
	return_answer_fn on_answer;
	return_note_fn on_note;
	void *ctx;
	struct maca_err *err;
	int rc;
};

/* Adds a problem (one line of the final message). */
void rd_problem(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* SQLite could not read the file: a problem, and the end of reading. */
void rd_db_problem(struct reader *r, const char *what);
/* A statement on the file, or NULL after rd_db_problem naming what was being read. */
sqlite3_stmt *rd_prepare(struct reader *r, const char *sql, const char *what);
/* A text column: of type TEXT, no NUL inside, valid UTF-8, at most max bytes; one_line also
 * refuses control characters (C0, DEL and C1). NULL after adding a problem (or out of memory). */
char *rd_col_text(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		  const char *field, size_t max, bool one_line);
/* Frees a text read by rd_col_text and the like, unless it was borrowed. */
void rd_free(const struct reader *r, char *s);
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
/* Reads and checks cases, answers and notes (return_rows.c): every problem found, the rows
 * held or counted as r->mode says. */
void rd_read_rows(struct reader *r);
/* Reads the answers and notes again, each checked again, into the walk's callbacks
 * (r->mode RD_WALK, r->refs the file's sorted references); stops at the first problem or
 * callback error. */
void rd_walk_rows(struct reader *r);
/* The schema, meta and template of the file open in r->db (its header checked), then its rows
 * (rd_read_rows): every problem into r. */
void rd_read_file(struct reader *r);
/* Checks the 100-byte header before SQLite sees the file: ours, a version read here, whole
 * (len bytes). Sets r->doc->format. */
void rd_check_header(struct reader *r, const unsigned char *buf, size_t len);
/* Sets a connection up for a hostile file: defensive, no triggers, views or untrusted
 * functions, cells checked, nothing written, nothing mapped into memory. */
int rd_configure(sqlite3 *db);
/* Opens the file for reading only, configured as rd_configure says: a file on disk, read
 * where it lies (no lock, no journal: it must not change while it is open), or bytes in
 * memory, read in place (never written). -1 when SQLite cannot (r->db may be set). */
int rd_open_file(struct reader *r, const char *path);
int rd_open_bytes(struct reader *r, const unsigned char *buf, size_t len);
/* The problems found as one error (MACA_ENOTMACA), or MACA_OK when there were none; frees
 * them. */
int rd_end(struct reader *r, struct maca_err *err);
void rd_keys_free(struct reader *r);

#endif
