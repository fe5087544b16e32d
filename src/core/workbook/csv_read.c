/* Reading a CSV return (RFC 4180, UTF-8, with or without its byte order mark; commas, or
 * the semicolons or tabs some spreadsheets save with), one record at a time: the header names
 * the columns, every answer row carries the audit and agency it answers, and each row goes
 * into the return as soon as it is read. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "workbook_internal.h"

#define CSV_MAX_FIELDS 1000

/* Columns the reader needs, each with the header it is found by. */
static const enum csv_col needed[] = {
    CSV_CASE,	       CSV_ITEM,       CSV_ANSWER,   CSV_EVIDENCE,
    CSV_AUDIT,	       CSV_AGENCY,     CSV_TEMPLATE, CSV_TEMPLATE_VERSION,
    CSV_TEMPLATE_HASH, CSV_PACK_TOKEN, CSV_FORMAT};
#define NNEEDED (sizeof needed / sizeof *needed)

struct field {
	const char *start; /* in the buffer; quoted fields still hold their doubled quotes */
	size_t len;
	bool quoted;
};

struct csv {
	const char *buf, *end, *pos;
	char sep;
	size_t line; /* of pos */
	struct field fields[CSV_MAX_FIELDS];
	size_t nfields;
	size_t record_line;
	struct problems *p;
	size_t col[CSV_NCOLS]; /* SIZE_MAX: absent */
	/* The first answer row's identity, which every other row must repeat. */
	char *ident[CSV_NCOLS];
	size_t ident_line;
};

/* The file cannot be read on from the field being read: a problem naming it, and false. */
static bool broken_field(struct csv *c, const char *what)
{
	problems_add(c->p, "line %zu, column %zu: %s", c->record_line, c->nfields, what);
	c->p->fatal = true;
	return false;
}

/* Reads one record into c->fields; false at the end of the file or after a problem. */
static bool next_record(struct csv *c)
{
	c->nfields = 0;
	c->record_line = c->line;
	if (c->pos >= c->end)
		return false;
	for (;;) {
		if (c->nfields == CSV_MAX_FIELDS) {
			problems_add(c->p, "line %zu: more than %d columns", c->record_line,
				     CSV_MAX_FIELDS);
			c->p->fatal = true;
			return false;
		}
		struct field *f = &c->fields[c->nfields++];
		*f = (struct field){.start = c->pos};
		if (c->pos < c->end && *c->pos == '"') {
			f->quoted = true;
			f->start = ++c->pos;
			for (;;) {
				if (c->pos >= c->end)
					return broken_field(c, "a quoted field is never closed");
				if (*c->pos == '"' && c->pos + 1 < c->end && c->pos[1] == '"') {
					c->pos += 2;
				} else if (*c->pos == '"') {
					break;
				} else {
					c->line += *c->pos == '\n';
					c->pos++;
				}
			}
			f->len = (size_t)(c->pos - f->start);
			c->pos++;
		} else {
			while (c->pos < c->end && *c->pos != c->sep && *c->pos != '\n' &&
			       *c->pos != '\r')
				c->pos++;
			f->len = (size_t)(c->pos - f->start);
		}
		if (c->pos >= c->end)
			return true;
		if (*c->pos == c->sep) {
			c->pos++;
			continue;
		}
		if (*c->pos == '\r')
			c->pos++;
		if (c->pos < c->end && *c->pos == '\n') {
			c->pos++;
			c->line++;
			return true;
		}
		if (c->pos >= c->end || f->quoted == false)
			return true; /* a lone CR ends the record too */
		return broken_field(c, "text after a closing quote; a field with quotes is quoted "
				       "whole, with each quote inside doubled");
	}
}

/* A field's text, unquoted; the leading apostrophe the pack put before text that a
 * spreadsheet would take for a formula (=, +, -, @) is taken off again. NULL when empty. */
static char *field_text(const struct field *f, bool *oom)
{
	if (!f->len)
		return NULL;
	char *s = malloc(f->len + 1);
	if (!s) {
		*oom = true;
		return NULL;
	}
	size_t n = 0;
	for (size_t i = 0; i < f->len; i++) {
		s[n++] = f->start[i];
		if (f->quoted && f->start[i] == '"')
			i++; /* the second of a doubled quote */
	}
	s[n] = '\0';
	if (n >= 2 && s[0] == '\'' && strchr("=+-@", s[1]))
		memmove(s, s + 1, n--);
	return s;
}

static bool heading_is(const struct field *f, const char *want)
{
	const char *s = f->start;
	size_t n = f->len;
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return n == strlen(want) && strncasecmp(s, want, n) == 0;
}

/* A byte order mark read as Windows-1252 and saved again as UTF-8: "ï»¿". */
#define GARBLED_BOM "\xc3\xaf\xc2\xbb\xc2\xbf"

/* Picks the separator the header line uses and maps the columns. */
static bool read_header(struct csv *c)
{
	const char *first = c->buf + (c->buf < c->end && *c->buf == '"');
	if ((size_t)(c->end - first) >= 6 && memcmp(first, GARBLED_BOM, 6) == 0) {
		problems_add(c->p,
			     "line 1: the file was opened as Western European (Windows-1252) "
			     "text and saved again, which garbles every accented letter; open "
			     "the pack again choosing UTF-8 (Unicode)");
		c->p->fatal = true;
		return false;
	}
	static const char seps[] = {',', ';', '\t'};
	for (size_t s = 0; s < sizeof seps; s++) {
		c->pos = c->buf;
		c->line = 1;
		c->sep = seps[s];
		if (!next_record(c)) {
			if (!c->p->n)
				problems_add(c->p, "the file is empty");
			return false;
		}
		for (size_t i = 0; i < CSV_NCOLS; i++)
			c->col[i] = SIZE_MAX;
		for (size_t i = 0; i < c->nfields; i++)
			for (size_t k = 0; k < CSV_NCOLS; k++)
				if (heading_is(&c->fields[i], csv_headers[k])) {
					if (c->col[k] != SIZE_MAX) {
						problems_add(c->p,
							     "line 1, column %zu: a second "
							     "column headed '%s'; keep one",
							     i + 1, csv_headers[k]);
						c->p->fatal = true;
					}
					c->col[k] = i;
				}
		if (c->col[CSV_ITEM] != SIZE_MAX)
			break;
	}
	if (c->col[CSV_ITEM] == SIZE_MAX) {
		problems_add(c->p, "line 1 is not the header maca wrote (it has no Item column); "
				   "keep the first line of the pack as it is");
		c->p->fatal = true;
	}
	for (size_t i = 0; !c->p->fatal && i < NNEEDED; i++)
		if (c->col[needed[i]] == SIZE_MAX) {
			problems_add(c->p,
				     "line 1: no column is headed '%s'; keep the first line "
				     "of the pack as it is",
				     csv_headers[needed[i]]);
			c->p->fatal = true;
		}
	return !c->p->fatal;
}

static const struct field *field_of(const struct csv *c, enum csv_col k)
{
	static const struct field none = {.start = ""};
	return c->col[k] < c->nfields ? &c->fields[c->col[k]] : &none;
}

static const enum csv_col ident_cols[] = {
    CSV_AUDIT,	       CSV_AGENCY,     CSV_TEMPLATE, CSV_TEMPLATE_VERSION,
    CSV_TEMPLATE_HASH, CSV_PACK_TOKEN, CSV_FORMAT};
#define NIDENT (sizeof ident_cols / sizeof *ident_cols)

/* The first answer row's identity is the file's; every later one must be the same. */
static bool check_identity(struct csv *c, bool *first)
{
	bool oom = false, ok = true;
	for (size_t i = 0; i < NIDENT; i++) {
		enum csv_col k = ident_cols[i];
		char *t = field_text(field_of(c, k), &oom);
		if (oom) {
			problems_add(c->p, "out of memory");
			c->p->fatal = true;
			return false;
		}
		if (!c->ident_line) {
			c->ident[k] = t ? t : strdup("");
			if (!c->ident[k]) {
				problems_add(c->p, "out of memory");
				c->p->fatal = true;
				return false;
			}
			continue;
		}
		if (strcmp(t ? t : "", c->ident[k]) != 0) {
			problems_add(c->p,
				     "line %zu, column %zu (%s): differs from line %zu; a CSV "
				     "return answers one audit for one agency",
				     c->record_line, c->col[k] + 1, csv_headers[k], c->ident_line);
			ok = false;
		}
		free(t);
	}
	*first = !c->ident_line;
	if (!c->ident_line)
		c->ident_line = c->record_line;
	return ok;
}

static bool find_identity(struct csv *c, struct sheet_identity *id)
{
	long format;
	for (size_t i = 0; i < NIDENT; i++)
		if (!utf8_valid(c->ident[ident_cols[i]], strlen(c->ident[ident_cols[i]]))) {
			problems_add(c->p,
				     "line %zu, column %zu (%s): not UTF-8 text; save the file "
				     "as CSV UTF-8",
				     c->ident_line, c->col[ident_cols[i]] + 1,
				     csv_headers[ident_cols[i]]);
			return false;
		}
	if (!parse_long(c->ident[CSV_FORMAT], &format) || format < 1 ||
	    format > SHEET_FORMAT_VERSION) {
		problems_add(c->p,
			     "line %zu, column %zu (Format): '%s' is not a format this maca "
			     "reads (%d)",
			     c->ident_line, c->col[CSV_FORMAT] + 1, c->ident[CSV_FORMAT],
			     SHEET_FORMAT_VERSION);
		return false;
	}
	*id = (struct sheet_identity){.audit_uuid = c->ident[CSV_AUDIT],
				      .agency = c->ident[CSV_AGENCY],
				      .template_id = c->ident[CSV_TEMPLATE],
				      .template_hash = c->ident[CSV_TEMPLATE_HASH],
				      .pack_token = c->ident[CSV_PACK_TOKEN]};
	if (!parse_long(c->ident[CSV_TEMPLATE_VERSION], &id->template_version)) {
		problems_add(c->p, "line %zu, column %zu (Template version): not a number",
			     c->ident_line, c->col[CSV_TEMPLATE_VERSION] + 1);
		return false;
	}
	return true;
}

/* One data record as a row of the four columns that matter. */
static bool take_row(struct csv *c, struct sheet_row *row)
{
	static const enum csv_col from[COL_NFIELDS] = {CSV_CASE, CSV_ITEM, CSV_ANSWER,
						       CSV_EVIDENCE};
	bool oom = false;
	*row = (struct sheet_row){.row = c->record_line};
	for (int f = 0; f < COL_NFIELDS; f++) {
		row->f[f].col = c->col[from[f]];
		row->f[f].header = csv_headers[from[f]];
		row->f[f].text = field_text(field_of(c, from[f]), &oom);
	}
	if (oom) {
		sheet_row_clear(row);
		problems_add(c->p, "out of memory");
		c->p->fatal = true;
	}
	return !oom;
}

static void read_rows(struct csv *c, sheet_lookup_fn lookup, void *ctx, struct sheet_sink *sink,
		      struct return_doc **doc)
{
	struct sheet_rows rows;
	bool begun = false;
	while (!c->p->fatal && next_record(c)) {
		struct sheet_row row;
		if (!take_row(c, &row))
			break;
		bool first = false;
		if ((!row.f[COL_ITEM].text && !row.f[COL_ANSWER].text &&
		     !row.f[COL_EVIDENCE].text) ||
		    !check_identity(c, &first)) {
			sheet_row_clear(&row); /* a blank line or someone's own; or listed */
			continue;
		}
		if (first) {
			struct sheet_identity id;
			struct maca_err err = {0};
			if (!find_identity(c, &id)) {
				c->p->fatal = true;
			} else if (lookup(ctx, &id, doc, &err)) {
				problems_add(c->p, "%s", err_msg(&err));
				err_clear(&err);
				c->p->fatal = true;
			} else {
				begun = !sheet_rows_begin(&rows, *doc, true, c->p);
				rows.sink = sink;
			}
			if (!begun) {
				sheet_row_clear(&row);
				break;
			}
		}
		sheet_rows_answer(&rows, NULL, &row);
	}
	if (begun)
		sheet_rows_end(&rows, NULL, NULL);
	else if (!c->p->n)
		problems_add(c->p, "the file has no answer rows (each row's Item names the "
				   "question it answers)");
}

int csv_read_to(const unsigned char *buf, size_t len, sheet_lookup_fn lookup, void *ctx,
		struct sheet_sink *sink, struct return_doc **out, struct maca_err *err)
{
	*out = NULL;
	struct problems p = {0};
	struct return_doc *doc = NULL;
	struct csv *c = calloc(1, sizeof *c);
	if (!c)
		return err_set(err, MACA_ENOMEM, "out of memory");
	c->p = &p;
	c->buf = (const char *)buf;
	c->end = c->buf + len;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c->buf += 3;
	if (len > RETURN_MAX_FILE)
		problems_add(&p, "the file is larger than any return maca reads");
	else if (memchr(buf, '\0', len))
		problems_add(&p, "the file holds NUL bytes: it is not a CSV text file");
	else if (read_header(c))
		read_rows(c, lookup, ctx, sink, &doc);
	for (size_t i = 0; i < CSV_NCOLS; i++)
		free(c->ident[i]);
	free(c);
	return sheet_read_end(&p, doc, out, err);
}
