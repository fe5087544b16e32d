/* The audit's answers as CSV (RFC 4180), for analysis in a spreadsheet. Confidential: it holds
 * the evidence as written, so it is not checked for identifiers. */
#ifndef MACA_EXPORT_CSV_H
#define MACA_EXPORT_CSV_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "sbuf.h"
#include "store.h"

/* One header row, then one row per answer (case x agency x question, in case, agency and
 * question order): case, agency, section, question id, question, answer (the grade's or
 * yes-no value's label, or the text), evidence, agreed (label), rationale. Fields are quoted
 * when they hold a comma, quote or line break; lines end CRLF; UTF-8.
 *
 * excel: starts with a UTF-8 byte order mark so that Excel reads UTF-8, and puts a ' before
 * any field starting with =, +, -, @, tab or CR so that a spreadsheet never runs it as a
 * formula. *out is allocated for the caller. */
int export_csv(struct store *st, int64_t audit_id, bool excel, char **out, struct maca_err *err);

/* Appends one field as export_csv writes it (quoted when needed, excel as above), then a comma,
 * or CRLF when it is the last of its row. For other CSV exports, so they all agree. */
void export_csv_field(struct sbuf *b, const char *s, bool excel, bool last);

#endif
