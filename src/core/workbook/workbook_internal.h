/* What the workbook and CSV files of this folder share: the problem list, the layout of the
 * sheets and CSV columns, the rows-to-return step both readers end in, and the archive, XML
 * and cell readers under the workbook reader. */
#ifndef MACA_WORKBOOK_INTERNAL_H
#define MACA_WORKBOOK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "return_doc.h"
#include "sbuf.h"
#include "workbook.h"

/* ---- the layout (written by xlsx_write.c and csv_write.c, read back by the readers) ---- */

/* The workbook format's version, in the hidden sheet's "format" row and the CSV's header. */
#define SHEET_FORMAT_VERSION 1
#define SHEET_ANSWERS "Answers"
#define SHEET_NOTES "Notes"
#define SHEET_HIDDEN "maca"
#define SHEET_INSTRUCTIONS "Instructions"
/* Most characters a spreadsheet cell holds (Excel's limit, which LibreOffice keeps too). */
#define SHEET_CELL_MAX 32767

/* The columns the readers look for, by header text; the others are for people. */
enum sheet_col { COL_CASE, COL_ITEM, COL_ANSWER, COL_EVIDENCE, COL_NFIELDS };
extern const char *const sheet_answer_headers[];
extern const char *const sheet_note_headers[];
extern const char *const csv_headers[];
enum csv_col {
	CSV_CASE,
	CSV_SECTION,
	CSV_QUESTION,
	CSV_GUIDANCE,
	CSV_CHOICES,
	CSV_ANSWER,
	CSV_EVIDENCE,
	CSV_ITEM,
	CSV_AUDIT,
	CSV_AGENCY,
	CSV_TEMPLATE,
	CSV_TEMPLATE_VERSION,
	CSV_TEMPLATE_HASH,
	CSV_PACK_TOKEN,
	CSV_FORMAT,
	CSV_NCOLS
};

/* The choices of a question, for people: "Outstanding, Good, ... or Not applicable". */
char *sheet_choices(const struct template *tpl, const struct question *q);
/* The pack's token to write: the agency's, as return_collect gave it to the pack. */
const char *sheet_pack_token(const struct return_doc *doc);

/* ---- writing a pack (sheet_export.c, xlsx_write.c, xlsx_instructions.c, csv_write.c) ---- */

struct sheet_pack {
	const struct return_doc *doc;	      /* from return_collect, a pack */
	const struct audit_info *audit;	      /* its dates, partnership and chair */
	const char *chair;		      /* the chair agency's name, "" when none */
	const struct return_answer **answers; /* doc's, sorted by case and question */
	const struct return_note **notes;     /* doc's, sorted by case, section and prompt */
};
/* The pack's answer to a case's question, or its note for a section prompt; NULL: none. */
const struct return_answer *sheet_pack_answer(const struct sheet_pack *pk, const char *ref,
					      const char *question);
const struct return_note *sheet_pack_note(const struct sheet_pack *pk, const char *ref,
					  const char *section, const char *prompt);
/* Points the pack's answers and notes at its doc's, sorted for the lookups above. */
void sheet_pack_sort(struct sheet_pack *pk);
int xlsx_write_pack(const struct sheet_pack *pk, const char *path, struct maca_err *err);
int csv_write_pack(const struct sheet_pack *pk, char **out, size_t *len, struct maca_err *err);
struct lxw_workbook;
struct lxw_worksheet;
/* The Instructions sheet: the audit, the agency, how to answer, the scale, whom to send it to
 * and how to send it safely. */
int xlsx_write_instructions(struct lxw_workbook *wb, struct lxw_worksheet *ws,
			    const struct sheet_pack *pk);

/* sheet_read with the rows going to sink (NULL: held in the document); the readers of each
 * format below. */
struct sheet_sink;
int sheet_read_to(enum sheet_format format, const unsigned char *buf, size_t len,
		  sheet_lookup_fn lookup, void *ctx, struct sheet_sink *sink,
		  struct return_doc **out, struct maca_err *err);
int xlsx_read_to(const unsigned char *buf, size_t len, sheet_lookup_fn lookup, void *ctx,
		 struct sheet_sink *sink, struct return_doc **out, struct maca_err *err);
int csv_read_to(const unsigned char *buf, size_t len, sheet_lookup_fn lookup, void *ctx,
		struct sheet_sink *sink, struct return_doc **out, struct maca_err *err);

/* ---- problems ---- */

/* A reader's end: the return in *out when there were no problems, else it is freed and the
 * problems are the error. */
int sheet_read_end(struct problems *p, struct return_doc *doc, struct return_doc **out,
		   struct maca_err *err);
/* Column letters of a 0-based column: 0 is "A", 27 is "AB". */
void sheet_col_name(size_t col, char out[8]);

/* ---- rows into the return (sheet_rows.c) ---- */

/* One row as read: the texts of the four columns that matter, each owned (NULL when the cell
 * is empty), and where each came from. */
struct sheet_field {
	char *text;
	size_t col;	    /* 0-based */
	const char *header; /* the column's header, for CSV messages */
	const char *bad;    /* why the cell cannot be read (a formula, an error value), or NULL */
};
struct sheet_row {
	size_t row; /* the sheet's row number, or the CSV line the record starts on */
	struct sheet_field f[COL_NFIELDS];
};
void sheet_row_clear(struct sheet_row *r);

/* Where rows go when they are not held in the document: counted, their keys kept to find any
 * given twice (the check made on opening), or handed to a walk's callbacks one at a time and
 * forgotten (on_answer set). A callback's error stops the reading (rc). */
struct sheet_sink {
	return_answer_fn on_answer;
	return_note_fn on_note;
	void *ctx;
	struct maca_err *err;
	int rc;
};

/* A row's key, to find the same answer or note given twice. */
struct sheet_key {
	const char *a, *b, *c;
	size_t row;
};

struct sheet_rows {
	struct return_doc *doc; /* the skeleton from the lookup, filled in */
	struct problems *p;
	bool csv;
	char **refs;	   /* the audit's case references, sorted */
	size_t *ans_rows;  /* the row each answer came from */
	size_t *note_rows; /* the row each note came from */
	char *author;	   /* "<agency name> (workbook)" */
	char *now;
	struct sheet_sink *sink; /* NULL: rows held in doc */
	/* With a sink: the keys of the rows read (strings of the skeleton's), for
	 * sheet_rows_end. */
	struct sheet_key *ans_keys, *note_keys;
	size_t nans_keys, nnote_keys;
};
int sheet_rows_begin(struct sheet_rows *r, struct return_doc *skeleton, bool csv,
		     struct problems *p);
/* A row of the Answers sheet, or a CSV row: an answer (Item a question id) or, in CSV only,
 * a section note (Item "section/prompt"). Takes the row's texts. */
void sheet_rows_answer(struct sheet_rows *r, const char *sheet, struct sheet_row *row);
/* A row of the Notes sheet (the note's text in COL_ANSWER). */
void sheet_rows_note(struct sheet_rows *r, const char *sheet, struct sheet_row *row);
/* Finds answers and notes given twice; frees what sheet_rows_begin made (not the doc). */
void sheet_rows_end(struct sheet_rows *r, const char *answers, const char *notes);

/* Where a cell is: "Answers!E14", or "line 14, column 6 (Answer)" in CSV. */
void sheet_where(const struct sheet_rows *r, const char *sheet, size_t row,
		 const struct sheet_field *f, char *out, size_t n);

/* ---- the archive (zip_part.c): minizip over a buffer, in fixed memory ---- */

#define ZIP_MAX_ENTRIES 1000
#define ZIP_MAX_PART (64u << 20)      /* largest part inflated */
#define ZIP_MAX_INFLATED (256u << 20) /* every part read, together */
#define ZIP_MAX_RATIO 100	      /* uncompressed : compressed, for parts over ZIP_RATIO_FROM */
#define ZIP_RATIO_FROM (1u << 20)

struct zip_archive;
/* Opens an archive held in memory, checking every entry from the central directory before
 * anything is inflated: how many, their names, methods, sizes and ratios. */
int zip_archive_open(const unsigned char *buf, size_t len, struct zip_archive **out,
		     struct problems *p);
void zip_archive_close(struct zip_archive *za);
bool zip_archive_has(const struct zip_archive *za, const char *name);
/* Inflates a part in chunks, counting what comes out against the declared size and the
 * limits as it goes; each chunk goes to fn, which returns false to stop. -1 after a
 * problem (fatal). */
int zip_archive_read(struct zip_archive *za, const char *name,
		     bool (*fn)(void *ctx, const char *data, size_t n), void *ctx,
		     struct problems *p);

/* ---- XML as a stream (xml_stream.c): expat, no DTDs, names without their namespace ---- */

struct xml_handlers {
	void (*start)(void *ud, const char *name, const char **atts);
	void (*end)(void *ud, const char *name);
	void (*text)(void *ud, const char *s, size_t n);
	void *ud;
	bool stop; /* a handler sets it to end the parse (after adding a problem) */
};
/* Parses a part; -1 after adding a problem. */
int xml_part_parse(struct zip_archive *za, const char *name, struct xml_handlers *h,
		   struct problems *p);
/* An attribute's value by local name, or NULL. */
const char *xml_attr(const char **atts, const char *local);
/* An attribute's value as a whole number from min to max; false for none (NULL) or another. */
bool xml_number(const char *s, size_t min, size_t max, size_t *out);

/* ---- the workbook's shared strings and number styles (xlsx_strings.c) ---- */

struct xlsx_strings {
	char **s; /* NULL: taken, or longer than RETURN_MAX_TEXT */
	size_t *len;
	uint16_t *refs; /* cells still to read that use each, saturating */
	bool *too_long;
	size_t n;
	bool *date_xf; /* per cell style: a date or time format */
	size_t nxf;
	bool date1904;
};
#define XLSX_MAX_STRINGS 500000u
int xlsx_strings_load(struct zip_archive *za, const char *part, struct xlsx_strings *ss,
		      struct problems *p);
int xlsx_styles_load(struct zip_archive *za, const char *part, struct xlsx_strings *ss,
		     struct problems *p);
void xlsx_strings_free(struct xlsx_strings *ss);
/* Replaces Excel's _xHHHH_ escapes in place. */
void xlsx_unescape(char *s, size_t *len);
/* A number cell's text as a person typed it: a date or time as ISO 8601 when its style is
 * one, otherwise up to 15 significant digits. NULL when out of memory. */
char *xlsx_number_text(const struct xlsx_strings *ss, const char *v, size_t style);

/* ---- cells of a worksheet (xlsx_cells.c) ---- */

enum xcell_kind { XC_EMPTY, XC_SHARED, XC_INLINE, XC_NUMBER, XC_BOOL, XC_ERROR, XC_STR, XC_DATE };
struct xcell {
	size_t col;
	enum xcell_kind kind;
	bool formula;
	bool too_long;
	size_t style;
	size_t sst;	  /* XC_SHARED */
	struct sbuf text; /* inline text, or the value as written */
};
struct xrow {
	size_t row; /* 1-based */
	struct xcell *cells;
	size_t n, cap;
};
struct xlsx_sheet_reader {
	/* Which columns to keep, and how many bytes of text at most (0: not kept). */
	size_t (*keep)(void *ctx, size_t col);
	/* A whole row; false stops the sheet (after a problem). */
	bool (*row)(void *ctx, struct xrow *row);
	void *ctx;
	/* Counting pass: only shared-string references are noted, in ss->refs. */
	struct xlsx_strings *count_into;
};
int xlsx_sheet_stream(struct zip_archive *za, const char *part, const char *sheet,
		      struct xlsx_sheet_reader *rd, struct problems *p);
/* A cell's text, owned by the caller, in *out (NULL for an empty cell); take: the last
 * reader of a shared string gets it without a copy. -1 with *bad saying why there is none
 * (an error value, too long, out of memory). */
int xlsx_cell_text(struct xlsx_strings *ss, struct xcell *c, bool take, char **out,
		   const char **bad);

/* ---- the sheets maca reads (xlsx_sheet.c) ---- */

/* The hidden sheet: a key in column A, its value in column B. */
struct xlsx_kv {
	struct xlsx_strings *ss;
	char **key, **value;
	size_t n;
};
int xlsx_kv_read(struct zip_archive *za, const char *part, struct xlsx_kv *kv, struct problems *p);
/* A key's value ("" when its cell is empty), or NULL when the key is missing. */
const char *xlsx_kv_get(const struct xlsx_kv *kv, const char *key);
void xlsx_kv_free(struct xlsx_kv *kv);

/* The Answers or Notes sheet, read into rows (headers: sheet_answer_headers or
 * sheet_note_headers). */
struct xlsx_table {
	struct xlsx_strings *ss;
	struct sheet_rows *rows;
	struct problems *p;
	const char *sheet;
	bool notes;
	const char *const *headers;
	bool header_found;
	size_t cols[COL_NFIELDS]; /* SIZE_MAX: no such column */
};
int xlsx_table_read(struct zip_archive *za, const char *part, struct xlsx_table *t);
/* The counting pass: how many cells of a sheet use each shared string. */
int xlsx_count_refs(struct zip_archive *za, const char *part, struct xlsx_strings *ss,
		    struct problems *p);

#endif
