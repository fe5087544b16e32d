/* Tables laid out as aligned columns, each column as wide as its widest cell, narrowed and
 * wrapped inside its cells when the table is too wide; as records when even that fails. */
#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_doc_table.h"
#include "ui_fit.h"

struct table {
	size_t rows, cols;
	char **cells; /* rows x cols, "" where a row is short */
	int *width;   /* each column's, as laid out */
	const uint8_t *align;
	size_t header; /* the rows of the header */
};

static void table_free(struct table *t)
{
	for (size_t i = 0; t->cells && i < t->rows * t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
}

static bool table_read(cmark_node *node, struct table *t)
{
	t->cols = cmark_gfm_extensions_get_table_columns(node);
	t->align = cmark_gfm_extensions_get_table_alignments(node);
	for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r))
		t->rows++;
	size_t ncells = t->rows * t->cols;
	t->cells = calloc(ncells > 0 ? ncells : 1, sizeof *t->cells);
	t->width = calloc(t->cols ? t->cols : 1, sizeof *t->width);
	if (!t->cells || !t->width)
		return false;
	size_t r = 0;
	for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row), r++) {
		if (cmark_gfm_extensions_get_table_row_is_header(row))
			t->header = r + 1;
		size_t c = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell && c < t->cols;
		     cell = cmark_node_next(cell), c++) {
			struct sbuf b = {0};
			doc_inline_text(cell, &b);
			sbuf_add(&b, "");
			t->cells[r * t->cols + c] = sbuf_take(&b);
			if (!t->cells[r * t->cols + c])
				return false;
		}
		for (; c < t->cols; c++)
			if (!(t->cells[r * t->cols + c] = strdup("")))
				return false;
	}
	return true;
}

/* The widest word of a column: narrower than that, a cell breaks inside words. */
static int longest_word(const struct table *t, size_t c, bool ascii)
{
	int most = 1;
	for (size_t r = 0; r < t->rows; r++) {
		const char *s = t->cells[r * t->cols + c];
		while (*s) {
			size_t len = strcspn(s, " ");
			char *word = strndup(s, len);
			int w = word ? ui_text_cols(word, ascii) : 1;
			free(word);
			most = w > most ? w : most;
			s += len;
			s += strspn(s, " ");
		}
	}
	return most;
}

/* Each column as wide as its widest cell; when that is wider than the room, the widest
 * column gives way a column at a time, down to its longest word. False when even that is
 * too wide. */
static bool table_widths(struct table *t, int room, bool ascii)
{
	int total = 0;
	for (size_t c = 0; c < t->cols; c++) {
		for (size_t r = 0; r < t->rows; r++) {
			int w = ui_text_cols(t->cells[r * t->cols + c], ascii);
			t->width[c] = w > t->width[c] ? w : t->width[c];
		}
		if (t->width[c] < 1)
			t->width[c] = 1;
		total += t->width[c];
	}
	while (total > room) {
		size_t widest = t->cols;
		for (size_t c = 0; c < t->cols; c++)
			if (t->width[c] > longest_word(t, c, ascii) &&
			    (widest == t->cols || t->width[c] > t->width[widest]))
				widest = c;
		if (widest == t->cols)
			return false;
		t->width[widest]--;
		total--;
	}
	return true;
}

/* A table too wide for the lines even with its words whole: each row as a record, its first
 * cell on a line of its own, then each other cell under its column's heading. */
static void records(struct doc_layout *l, const struct table *t)
{
	const char *outer = l->rest;
	for (size_t r = t->header; r < t->rows && !l->failed; r++) {
		const char *name = t->cells[r * t->cols];
		doc_push(l, name, strlen(name), UI_DOC_TABLE_HEAD, 0);
		for (size_t c = 1; c < t->cols && !l->failed; c++) {
			const char *head = t->header ? t->cells[c] : "";
			char *line =
			    str_fmt("%s%s%s", head, *head ? ": " : "", t->cells[r * t->cols + c]);
			char *first = str_fmt("%s  ", outer);
			char *rest = str_fmt("%s      ", outer);
			if (!line || !first || !rest) {
				l->failed = true;
			} else {
				l->first = first;
				l->rest = rest;
				doc_wrapped(l, line, UI_DOC_TABLE, 0);
				l->first = NULL;
				l->rest = outer;
			}
			free(line);
			free(first);
			free(rest);
		}
		if (r + 1 < t->rows)
			doc_gap(l);
	}
	doc_gap(l);
}

/* One cell's text from *at, wrapped to its column: the part for this line, padded as the
 * column is aligned. */
static void cell_line(struct sbuf *b, const char **at, int width, uint8_t align, bool ascii)
{
	size_t next, len = ui_wrap(*at, width, ascii, &next);
	char *part = strndup(*at, len);
	int cols = part ? ui_text_cols(part, ascii) : 0;
	int pad = width > cols ? width - cols : 0;
	int before = align == 'r' ? pad : align == 'c' ? pad / 2 : 0;
	for (int i = 0; i < before; i++)
		sbuf_addc(b, ' ');
	sbuf_add(b, part ? part : "");
	for (int i = before; i < pad; i++)
		sbuf_addc(b, ' ');
	free(part);
	*at += next;
}

void doc_table(struct doc_layout *l, cmark_node *node)
{
	struct table t = {0};
	if (!table_read(node, &t) || t.cols == 0) {
		l->failed = l->failed || t.cols != 0;
		table_free(&t);
		return;
	}
	int room = l->width - doc_prefix_cols(l, l->first) - 2 * (int)(t.cols - 1);
	if (!table_widths(&t, room, l->ascii)) {
		records(l, &t);
		table_free(&t);
		return;
	}
	const char **at = calloc(t.cols, sizeof *at);
	if (!at) {
		l->failed = true;
		table_free(&t);
		return;
	}
	for (size_t r = 0; r < t.rows && !l->failed; r++) {
		for (size_t c = 0; c < t.cols; c++)
			at[c] = t.cells[r * t.cols + c];
		bool head = r < t.header;
		/* A row takes as many lines as its longest cell needs. */
		for (bool more = true; more && !l->failed;) {
			struct sbuf b = {0};
			for (size_t c = 0; c < t.cols; c++) {
				if (c)
					sbuf_add(&b, "  ");
				cell_line(&b, &at[c], t.width[c], t.align ? t.align[c] : 0,
					  l->ascii);
			}
			more = false;
			for (size_t c = 0; c < t.cols; c++)
				more = more || *at[c];
			doc_push_buf(l, &b, head ? UI_DOC_TABLE_HEAD : UI_DOC_TABLE);
		}
		if (r + 1 == t.header) {
			struct sbuf b = {0};
			for (size_t c = 0; c < t.cols; c++) {
				if (c)
					sbuf_add(&b, "  ");
				for (int i = 0; i < t.width[c]; i++)
					sbuf_add(&b, "\u2500");
			}
			doc_push_buf(l, &b, UI_DOC_RULE);
		}
	}
	free(at);
	table_free(&t);
	doc_gap(l);
}
