/* The entry points that read any pack or return (workbook.h): the format told from the
 * bytes, then handed to its reader; or, for an import, a workbook or CSV return opened to be
 * read again at each walk (sheet_open_input). */
#include <sodium.h>
#include <stdlib.h>

#include "workbook_internal.h"

int sheet_read_any(struct store *st, const unsigned char *buf, size_t len, struct return_doc **out,
		   struct maca_err *err)
{
	enum sheet_format f = sheet_detect(buf, len);
	if (f == SHEET_MACA)
		return return_parse(buf, len, out, err);
	return sheet_read(f, buf, len, sheet_lookup_store, st, out, err);
}

int sheet_read_to(enum sheet_format format, const unsigned char *buf, size_t len,
		  sheet_lookup_fn lookup, void *ctx, struct sheet_sink *sink,
		  struct return_doc **out, struct maca_err *err)
{
	return (format == SHEET_XLSX ? xlsx_read_to : csv_read_to)(buf, len, lookup, ctx, sink, out,
								   err);
}

int sheet_read(enum sheet_format format, const unsigned char *buf, size_t len,
	       sheet_lookup_fn lookup, void *ctx, struct return_doc **out, struct maca_err *err)
{
	return sheet_read_to(format, buf, len, lookup, ctx, NULL, out, err);
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
	return sheet_read_to(x->format, x->bytes, x->len, sheet_lookup_store, x->st, sink, out,
			     err);
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
