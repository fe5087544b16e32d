/* The workbook's sheets as maca reads them: the hidden sheet's key and value rows, and the
 * Answers and Notes sheets, whose columns are found by their headings so that columns added,
 * moved or hidden by a person do not matter. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "workbook_internal.h"

/* ---- the hidden sheet ---- */

#define KV_MAX 64

static size_t kv_keep(void *ctx, size_t col)
{
	(void)ctx;
	return col < 2 ? 4096 : 0;
}

static bool kv_row(void *ctx, struct xrow *row)
{
	struct xlsx_kv *kv = ctx;
	char *text[2] = {NULL, NULL};
	for (size_t i = 0; i < row->n; i++) {
		const char *bad;
		char *t;
		if (xlsx_cell_text(kv->ss, &row->cells[i], false, &t, &bad) == 0)
			text[row->cells[i].col] = t;
	}
	if (text[0] && kv->n < KV_MAX) {
		kv->key[kv->n] = text[0];
		kv->value[kv->n++] = text[1];
		return true;
	}
	free(text[0]);
	free(text[1]);
	return true;
}

int xlsx_kv_read(struct zip_archive *za, const char *part, struct xlsx_kv *kv, struct problems *p)
{
	kv->key = calloc(KV_MAX, sizeof *kv->key);
	kv->value = calloc(KV_MAX, sizeof *kv->value);
	if (!kv->key || !kv->value) {
		problems_add(p, "out of memory");
		return -1;
	}
	struct xlsx_sheet_reader rd = {.keep = kv_keep, .row = kv_row, .ctx = kv};
	return xlsx_sheet_stream(za, part, SHEET_HIDDEN, &rd, p);
}

const char *xlsx_kv_get(const struct xlsx_kv *kv, const char *key)
{
	for (size_t i = 0; i < kv->n; i++)
		if (strcmp(kv->key[i], key) == 0)
			return kv->value[i] ? kv->value[i] : "";
	return NULL;
}

void xlsx_kv_free(struct xlsx_kv *kv)
{
	for (size_t i = 0; i < kv->n; i++) {
		free(kv->key[i]);
		free(kv->value[i]);
	}
	free(kv->key);
	free(kv->value);
	*kv = (struct xlsx_kv){0};
}

/* ---- Answers and Notes ---- */

/* A heading as a person may leave it: any case, spaces around. */
static bool heading_is(const char *text, const char *want)
{
	while (*text == ' ')
		text++;
	size_t n = strlen(text), m = strlen(want);
	while (n && text[n - 1] == ' ')
		n--;
	return n == m && strncasecmp(text, want, n) == 0;
}

static size_t table_keep(void *ctx, size_t col)
{
	struct xlsx_table *t = ctx;
	if (!t->header_found)
		return 256; /* headings are short; longer cells are no heading */
	for (int i = 0; i < COL_NFIELDS; i++)
		if (t->cols[i] == col)
			return 8 * (size_t)RETURN_MAX_TEXT; /* escapes shrink when decoded */
	return 0;
}

/* The first row with an Item heading is the header row; the rows above it are not read. */
static bool find_header(struct xlsx_table *t, struct xrow *row)
{
	char *text[64] = {NULL};
	size_t cols[64], n = 0;
	bool item = false;
	for (size_t i = 0; i < row->n && n < 64; i++) {
		const char *bad;
		char *s;
		if (xlsx_cell_text(t->ss, &row->cells[i], false, &s, &bad) || !s)
			continue;
		item = item || heading_is(s, "Item");
		cols[n] = row->cells[i].col;
		text[n++] = s;
	}
	for (int f = 0; item && f < COL_NFIELDS; f++) {
		if (!t->headers[f])
			continue;
		for (size_t i = 0; i < n; i++) {
			if (!heading_is(text[i], t->headers[f]))
				continue;
			if (t->cols[f] != SIZE_MAX) {
				char a[8], b[8];
				sheet_col_name(t->cols[f], a);
				sheet_col_name(cols[i], b);
				problems_add(t->p,
					     "%s!%s%zu: a second column headed '%s' (the first "
					     "is column %s); keep one",
					     t->sheet, b, row->row, t->headers[f], a);
				t->p->fatal = true;
			}
			t->cols[f] = cols[i];
		}
		if (t->cols[f] == SIZE_MAX) {
			problems_add(t->p,
				     "%s row %zu: no column is headed '%s'; keep the headings "
				     "the pack came with",
				     t->sheet, row->row, t->headers[f]);
			t->p->fatal = true;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(text[i]);
	t->header_found = item;
	return !t->p->fatal;
}

static bool table_row(void *ctx, struct xrow *row)
{
	struct xlsx_table *t = ctx;
	if (!t->header_found)
		return find_header(t, row);
	struct sheet_row r = {.row = row->row};
	for (int f = 0; f < COL_NFIELDS; f++)
		r.f[f].col = t->cols[f];
	for (size_t i = 0; i < row->n; i++) {
		struct xcell *c = &row->cells[i];
		for (int f = 0; f < COL_NFIELDS; f++) {
			if (t->cols[f] != c->col)
				continue;
			const char *bad = NULL;
			char *s = NULL;
			xlsx_cell_text(t->ss, c, true, &s, &bad);
			if (c->formula && !bad)
				bad = "holds a formula; type the answer itself";
			r.f[f].text = s;
			r.f[f].bad = bad;
		}
	}
	if (t->notes)
		sheet_rows_note(t->rows, t->sheet, &r);
	else
		sheet_rows_answer(t->rows, t->sheet, &r);
	return true;
}

int xlsx_table_read(struct zip_archive *za, const char *part, struct xlsx_table *t)
{
	for (int f = 0; f < COL_NFIELDS; f++)
		t->cols[f] = SIZE_MAX;
	struct xlsx_sheet_reader rd = {.keep = table_keep, .row = table_row, .ctx = t};
	int rc = xlsx_sheet_stream(za, part, t->sheet, &rd, t->p);
	if (!rc && !t->header_found) {
		problems_add(t->p,
			     "sheet %s has no header row (a row with an Item column); keep "
			     "the headings the pack came with",
			     t->sheet);
		rc = -1;
	}
	return rc;
}

int xlsx_count_refs(struct zip_archive *za, const char *part, struct xlsx_strings *ss,
		    struct problems *p)
{
	struct xlsx_sheet_reader rd = {.count_into = ss};
	return xlsx_sheet_stream(za, part, "being counted", &rd, p);
}
