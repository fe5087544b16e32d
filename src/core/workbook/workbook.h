/* Spreadsheet packs and returns: an agency without maca answers its share of an audit in a
 * workbook (Excel, LibreOffice Calc) or a CSV file, and the file comes back as a return in
 * all but format (man maca-return(5), "Workbooks and CSV"). Reading yields the same
 * return_doc that return_parse yields for a maca return, so the checks, the plan, the
 * confirmation, --replace, the history and the one transaction are return_import's. */
#ifndef MACA_WORKBOOK_H
#define MACA_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "return_doc.h"
#include "store.h"

enum sheet_format { SHEET_MACA, SHEET_XLSX, SHEET_CSV };

/* "maca", "xlsx" or "csv"; false for anything else. */
bool sheet_format_parse(const char *name, enum sheet_format *out);
/* The file name extension of a format, without the dot. */
const char *sheet_format_ext(enum sheet_format f);
/* What the bytes are: a workbook (a zip archive), a CSV file (a byte order mark, or a first
 * line holding the Item column), or else maca's own format, which return_parse judges. */
enum sheet_format sheet_detect(const unsigned char *buf, size_t len);

/* Writes agency's pack of the audit as a workbook or CSV file at path, as export_file_write
 * does (private, whole or not at all; an existing path only when overwrite). The agency's
 * answers and notes so far are filled in. Refused, naming the answer, when a text is longer
 * than a spreadsheet cell holds (32,767 characters). */
int sheet_export_pack(struct store *st, int64_t audit_id, const char *agency,
		      enum sheet_format format, const char *created_by, const char *maca_version,
		      const char *path, bool overwrite, struct maca_err *err);

/* What a workbook or CSV file says it answers: its hidden sheet, or its identity columns. */
struct sheet_identity {
	const char *audit_uuid;
	const char *agency;
	const char *template_id;
	long template_version;
	const char *template_hash;
	/* The pack's token (man maca-return(5), PLAIN RETURNS), "" when the file has none. */
	const char *pack_token;
};

/* Finds the audit a file answers and returns it as a return with no answers or notes yet
 * (kind RETURN_RETURN: identity, template copy and parsed template, every case). The reader
 * then checks the file's rows against it and adds them. */
typedef int (*sheet_lookup_fn)(void *ctx, const struct sheet_identity *id,
			       struct return_doc **skeleton, struct maca_err *err);
/* The lookup against a chair's database (ctx: struct store *). Refuses an audit not in the
 * database, an agency not taking part and a template other than the audit's. */
int sheet_lookup_store(void *ctx, const struct sheet_identity *id, struct return_doc **skeleton,
		       struct maca_err *err);

/* Reads a workbook (SHEET_XLSX) or CSV (SHEET_CSV) return held in memory. The file is hostile
 * input: every problem is listed in err's message, one per line, named by sheet and cell
 * ("Answers!E14: ...") or by line and column, at most 100 of them; nothing is returned unless the
 * whole file is sound. No store and no prompting here: the lookup is the only way out (a fuzz
 * target calls these). */
int sheet_read(enum sheet_format format, const unsigned char *buf, size_t len,
	       sheet_lookup_fn lookup, void *ctx, struct return_doc **out, struct maca_err *err);

/* Any pack or return held in memory: maca's own format (return_parse), or a workbook or CSV
 * read against the audit in st. */
int sheet_read_any(struct store *st, const unsigned char *buf, size_t len, struct return_doc **out,
		   struct maca_err *err);

/* Any pack or return file opened for import (return_input_open, and return_input_unseal when
 * it was sealed): maca's own format through return_open, its answers read from the file one
 * at a time as they are imported, or a workbook or CSV file read against the audit in st. The
 * one entry point for `maca import`, `maca show` and the interface. */
int sheet_open_input(struct store *st, struct return_input *in, struct return_doc **out,
		     struct maca_err *err);
/* Whether reading the input needs the chair's database (a workbook or CSV file). */
bool sheet_input_needs_store(const struct return_input *in);

#endif
