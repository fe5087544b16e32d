/* The spreadsheet formats: telling them apart, what their sheets and columns are called, the
 * labels answers are shown with, and the one entry point that reads any pack or return. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

const char *const sheet_answer_headers[COL_NFIELDS] = {"Case", "Item", "Answer", "Evidence"};
const char *const sheet_note_headers[COL_NFIELDS] = {"Case", "Item", "Note", NULL};
const char *const csv_headers[CSV_NCOLS] = {
    "Case",	"Section",	    "Question",	     "Guidance",   "Choices",
    "Answer",	"Evidence",	    "Item",	     "Audit",	   "Agency",
    "Template", "Template version", "Template hash", "Pack token", "Format"};

bool sheet_format_parse(const char *name, enum sheet_format *out)
{
	static const char *const names[] = {"maca", "xlsx", "csv"};
	for (int i = 0; i < 3; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum sheet_format)i;
			return true;
		}
	return false;
}

const char *sheet_format_ext(enum sheet_format f)
{
	return f == SHEET_XLSX ? "xlsx" : f == SHEET_CSV ? "csv" : "maca";
}

enum sheet_format sheet_detect(const unsigned char *buf, size_t len)
{
	/* An SQLite file is maca's own, whatever its bytes say after the header: so it is told
	 * from its first 16 bytes alone, as return_input_open tells it. */
	if (len >= 16 && memcmp(buf, "SQLite format 3", 16) == 0)
		return SHEET_MACA;
	if (len >= 4 && memcmp(buf, "PK\x03\x04", 4) == 0)
		return SHEET_XLSX;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return SHEET_CSV;
	/* Saved again without its byte order mark (or with it garbled): the header line still
	 * names the columns. */
	size_t n = 0;
	while (n < len && n < 4096 && buf[n] != '\n' && buf[n] != '\0')
		n++;
	bool is_case = false, is_item = false;
	for (size_t i = 0; n < len && buf[n] == '\n' && i + 4 <= n; i++) {
		bool start = i == 0 || strchr(",;\t\"\xbf", buf[i - 1]);
		is_case = is_case || (start && memcmp(buf + i, "Case", 4) == 0 &&
				      strchr(",;\t\"\r\n", buf[i + 4]));
		is_item = is_item || (start && memcmp(buf + i, "Item", 4) == 0 &&
				      strchr(",;\t\"\r\n", buf[i + 4]));
	}
	return is_case && is_item ? SHEET_CSV : SHEET_MACA;
}

void sheet_col_name(size_t col, char out[8])
{
	char tmp[8];
	size_t n = 0;
	for (size_t c = col + 1; c && n < 7; c = (c - 1) / 26)
		tmp[n++] = (char)('A' + (c - 1) % 26);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

const char *sheet_value_label(const struct template *tpl, const struct question *q,
			      const char *value)
{
	if (!*value)
		return value;
	if (q->kind == QUESTION_GRADED) {
		int g = template_grade_index(tpl, value);
		return g >= 0 ? tpl->grades[g].label : value;
	}
	if (q->kind == QUESTION_YESNO)
		for (size_t i = 0; i < 4; i++)
			if (strcmp(template_yesno_values[i].id, value) == 0)
				return template_yesno_values[i].label;
	return value;
}

char *sheet_choices(const struct template *tpl, const struct question *q)
{
	if (q->kind == QUESTION_TEXT)
		return strdup("any text");
	struct sbuf b = {0};
	size_t n = q->kind == QUESTION_GRADED ? tpl->ngrades : 4;
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s",
			  i == 0       ? ""
			  : i + 1 == n ? " or "
				       : ", ",
			  q->kind == QUESTION_GRADED ? tpl->grades[i].label
						     : template_yesno_values[i].label);
	return sbuf_take(&b);
}

const char *sheet_pack_token(const struct return_doc *doc)
{
	return doc->agency_token;
}

int sheet_read_any(struct store *st, const unsigned char *buf, size_t len, struct return_doc **out,
		   struct maca_err *err)
{
	switch (sheet_detect(buf, len)) {
	case SHEET_XLSX:
		return xlsx_read(buf, len, sheet_lookup_store, st, out, err);
	case SHEET_CSV:
		return csv_read(buf, len, sheet_lookup_store, st, out, err);
	case SHEET_MACA:
		break;
	}
	return return_parse(buf, len, out, err);
}

/* A workbook or CSV file held in memory, read again for each walk of its return. */
struct replay {
	unsigned char *bytes;
	size_t len;
	enum sheet_format format;
	struct store *st;
};

static void replay_free(void *ctx)
{
	struct replay *x = ctx;
	sodium_memzero(x->bytes, x->len); /* case data: not left in freed memory */
	free(x->bytes);
	free(x);
}

static int read_to(const struct replay *x, struct sheet_sink *sink, struct return_doc **out,
		   struct maca_err *err)
{
	return (x->format == SHEET_XLSX ? xlsx_read_to : csv_read_to)(
	    x->bytes, x->len, sheet_lookup_store, x->st, sink, out, err);
}

/* The rows read again, against the audit as it is now: the same bytes give the same rows, so
 * what fails now is a change to the audit (a case removed meanwhile), and is said. */
static int replay(void *ctx, const struct return_doc *doc, return_answer_fn on_answer,
		  return_note_fn on_note, void *cb_ctx, struct maca_err *err)
{
	(void)doc;
	struct sheet_sink sink = {on_answer, on_note, cb_ctx, err, MACA_OK};
	struct return_doc *again = NULL;
	struct maca_err why = {0};
	int rc = read_to(ctx, &sink, &again, &why);
	return_doc_free(again);
	if (sink.rc) {
		err_clear(&why);
		return sink.rc; /* the callback's, in err */
	}
	if (rc)
		*err = why;
	return rc;
}

int sheet_open_input(struct store *st, struct return_input *in, struct return_doc **out,
		     struct maca_err *err)
{
	*out = NULL;
	enum sheet_format format = in->bytes ? sheet_detect(in->bytes, in->len) : SHEET_MACA;
	if (format == SHEET_MACA)
		return return_open(in, out, err);
	/* Checked whole now, every row counted and none held; each walk reads them again. */
	struct replay *x = malloc(sizeof *x);
	if (!x)
		return err_set(err, MACA_ENOMEM, "out of memory");
	*x = (struct replay){in->bytes, in->len, format, st};
	struct sheet_sink check = {0};
	if (read_to(x, &check, out, err)) {
		free(x);
		return err->status;
	}
	in->bytes = NULL; /* the document's now */
	if (return_doc_replayed(*out, replay, replay_free, x, err)) {
		return_doc_free(*out);
		*out = NULL;
		return err->status;
	}
	return MACA_OK;
}

bool sheet_input_needs_store(const struct return_input *in)
{
	return in->bytes && !in->sealed && sheet_detect(in->bytes, in->len) != SHEET_MACA;
}
