/* A worksheet's cells as a stream: each row is handed over whole as soon as its end tag is
 * read, holding only the columns its reader keeps, and then forgotten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

#define MAX_ROW 1048576u /* Excel's and LibreOffice's limits */
#define MAX_COL 16384u

struct sheet_run {
	struct xlsx_sheet_reader *rd;
	struct problems *p;
	struct xml_handlers *h;
	const char *sheet;
	struct xrow row;
	bool in_row, in_v, in_t, in_is, in_rph;
	size_t last_row, last_col;
	struct xcell *cell; /* the cell being read, when kept */
	size_t keep;	    /* its text limit */
	const char *type;   /* its t attribute, copied below */
	char tbuf[16];
	bool counting_shared; /* counting pass: this cell is a shared string */
	char vbuf[24];
	size_t vlen;
};

/* "E14" to column 4 and row 14; false when it is not a cell reference. */
static bool parse_ref(const char *r, size_t *col, size_t *row)
{
	size_t c = 0, n = 0, i = 0;
	for (; r[i] >= 'A' && r[i] <= 'Z' && i < 4; i++)
		c = c * 26 + (size_t)(r[i] - 'A' + 1);
	if (i == 0 || c > MAX_COL)
		return false;
	size_t digits = 0;
	for (; r[i] >= '0' && r[i] <= '9' && digits < 8; i++, digits++)
		n = n * 10 + (size_t)(r[i] - '0');
	if (r[i] || digits == 0 || n == 0 || n > MAX_ROW)
		return false;
	*col = c - 1;
	*row = n;
	return true;
}

static void damaged(struct sheet_run *s, const char *what)
{
	problems_add(s->p, "sheet %s is damaged (%s)", s->sheet, what);
	s->h->stop = true;
}

static void row_start(struct sheet_run *s, const char **atts)
{
	size_t r = s->last_row + 1;
	const char *ra = xml_attr(atts, "r");
	if (ra && !xml_number(ra, 1, MAX_ROW, &r)) {
		damaged(s, "a row number is not one");
		return;
	}
	if (r <= s->last_row) {
		damaged(s, "its rows are out of order");
		return;
	}
	s->row.row = r;
	s->row.n = 0;
	s->in_row = true;
	s->last_col = (size_t)-1;
}

static void cell_start(struct sheet_run *s, const char **atts)
{
	size_t col = s->last_col + 1, row = s->row.row;
	const char *ra = xml_attr(atts, "r");
	if (ra && (!parse_ref(ra, &col, &row) || row != s->row.row)) {
		damaged(s, "a cell reference is not one of its row");
		return;
	}
	if (col >= MAX_COL || (s->last_col != (size_t)-1 && col <= s->last_col)) {
		damaged(s, "its cells are out of order");
		return;
	}
	s->last_col = col;
	const char *t = xml_attr(atts, "t");
	snprintf(s->tbuf, sizeof s->tbuf, "%s", t ? t : "n");
	s->type = s->tbuf;
	s->cell = NULL;
	s->vlen = 0;
	if (s->rd->count_into) {
		s->counting_shared = strcmp(s->type, "s") == 0;
		return;
	}
	s->keep = s->rd->keep(s->rd->ctx, col);
	if (!s->keep)
		return;
	if (s->row.n == s->row.cap) {
		size_t cap = s->row.cap ? s->row.cap * 2 : 8;
		struct xcell *grown = realloc(s->row.cells, cap * sizeof *grown);
		if (!grown) {
			problems_add(s->p, "out of memory");
			s->h->stop = true;
			return;
		}
		s->row.cells = grown;
		s->row.cap = cap;
	}
	struct xcell *c = &s->row.cells[s->row.n++];
	*c = (struct xcell){.col = col};
	size_t style = 0;
	const char *sa = xml_attr(atts, "s");
	if (sa && xml_number(sa, 1, 1000000, &style))
		c->style = style;
	else if (sa && strcmp(sa, "0") != 0) {
		damaged(s, "a cell's style is not a number");
		return;
	}
	s->cell = c;
}

static void on_start(void *ud, const char *name, const char **atts)
{
	struct sheet_run *s = ud;
	if (strcmp(name, "row") == 0)
		row_start(s, atts);
	else if (!s->in_row)
		return;
	else if (strcmp(name, "c") == 0)
		cell_start(s, atts);
	else if (strcmp(name, "v") == 0)
		s->in_v = true;
	else if (strcmp(name, "f") == 0 && s->cell)
		s->cell->formula = true;
	else if (strcmp(name, "is") == 0)
		s->in_is = true;
	else if (strcmp(name, "rPh") == 0)
		s->in_rph = true;
	else if (strcmp(name, "t") == 0 && s->in_is && !s->in_rph)
		s->in_t = true;
}

static void count_shared(struct sheet_run *s)
{
	struct xlsx_strings *ss = s->rd->count_into;
	s->vbuf[s->vlen] = '\0';
	long i;
	if (s->counting_shared && parse_long(s->vbuf, &i) && i >= 0 && (size_t)i < ss->n &&
	    ss->refs[i] < UINT16_MAX)
		ss->refs[i]++;
}

static void cell_end(struct sheet_run *s)
{
	if (s->rd->count_into) {
		count_shared(s);
		return;
	}
	struct xcell *c = s->cell;
	s->cell = NULL;
	if (!c)
		return;
	const char *t = s->type;
	c->kind = strcmp(t, "s") == 0		? XC_SHARED
		  : strcmp(t, "inlineStr") == 0 ? XC_INLINE
		  : strcmp(t, "b") == 0		? XC_BOOL
		  : strcmp(t, "e") == 0		? XC_ERROR
		  : strcmp(t, "str") == 0	? XC_STR
		  : strcmp(t, "d") == 0		? XC_DATE
						: XC_NUMBER;
	if (c->kind == XC_NUMBER && !c->text.len && !c->too_long)
		c->kind = XC_EMPTY;
	if (c->text.failed) {
		problems_add(s->p, "out of memory");
		s->h->stop = true;
	}
}

static void on_end(void *ud, const char *name)
{
	struct sheet_run *s = ud;
	if (strcmp(name, "row") == 0 && s->in_row) {
		s->in_row = false;
		s->last_row = s->row.row;
		if (!s->rd->count_into && !s->rd->row(s->rd->ctx, &s->row))
			s->h->stop = true;
		for (size_t i = 0; i < s->row.n; i++)
			sbuf_free(&s->row.cells[i].text);
		s->row.n = 0;
	} else if (strcmp(name, "c") == 0) {
		cell_end(s);
	} else if (strcmp(name, "v") == 0) {
		s->in_v = false;
	} else if (strcmp(name, "is") == 0) {
		s->in_is = false;
	} else if (strcmp(name, "rPh") == 0) {
		s->in_rph = false;
	} else if (strcmp(name, "t") == 0) {
		s->in_t = false;
	}
}

static void on_text(void *ud, const char *text, size_t n)
{
	struct sheet_run *s = ud;
	if (s->rd->count_into) {
		if (s->in_v && s->counting_shared && s->vlen + n < sizeof s->vbuf) {
			memcpy(s->vbuf + s->vlen, text, n);
			s->vlen += n;
		}
		return;
	}
	struct xcell *c = s->cell;
	if (!c || c->too_long || !(s->in_v || s->in_t))
		return;
	if (c->text.len + n > s->keep) {
		c->too_long = true;
		sbuf_free(&c->text);
		return;
	}
	sbuf_addn(&c->text, text, n);
}

int xlsx_sheet_stream(struct zip_archive *za, const char *part, const char *sheet,
		      struct xlsx_sheet_reader *rd, struct problems *p)
{
	struct xml_handlers h = {.start = on_start, .end = on_end, .text = on_text};
	struct sheet_run s = {.rd = rd, .p = p, .h = &h, .sheet = sheet};
	h.ud = &s;
	int rc = xml_part_parse(za, part, &h, p);
	for (size_t i = 0; i < s.row.n; i++)
		sbuf_free(&s.row.cells[i].text);
	free(s.row.cells);
	return rc;
}

int xlsx_cell_text(struct xlsx_strings *ss, struct xcell *c, bool take, char **out,
		   const char **bad)
{
	*out = NULL;
	*bad = NULL;
	if (c->too_long) {
		*bad = "holds more text than maca takes in one cell";
		return -1;
	}
	char *t = NULL;
	size_t len;
	long i;
	switch (c->kind) {
	case XC_EMPTY:
		return 0;
	case XC_SHARED:
		if (!c->text.data || !parse_long(c->text.data, &i) || i < 0 || (size_t)i >= ss->n) {
			*bad = "refers to a text the workbook does not hold (the file is damaged)";
			return -1;
		}
		if (ss->too_long[i]) {
			*bad = "holds more text than maca takes in one cell";
			return -1;
		}
		if (!ss->s[i]) {
			*bad = "refers to a text read already (the file is damaged)";
			return -1;
		}
		/* The last cell to use a shared text takes it: the text is not held twice. */
		if (take && ss->refs[i] > 0 && ss->refs[i] < UINT16_MAX && --ss->refs[i] == 0) {
			t = ss->s[i];
			ss->s[i] = NULL;
		} else {
			t = strdup(ss->s[i]);
		}
		break;
	case XC_INLINE:
		len = c->text.len;
		t = sbuf_take(&c->text);
		if (!t && !c->text.failed)
			t = strdup("");
		if (t)
			xlsx_unescape(t, &len);
		break;
	case XC_NUMBER:
		t = xlsx_number_text(ss, c->text.data ? c->text.data : "", c->style);
		break;
	case XC_BOOL:
		t = strdup(c->text.data && strcmp(c->text.data, "1") == 0 ? "TRUE" : "FALSE");
		break;
	case XC_ERROR:
		*bad = "holds an error value (such as #N/A or #VALUE!), not text";
		return -1;
	case XC_STR:
	case XC_DATE:
		t = c->text.data ? sbuf_take(&c->text) : strdup("");
		break;
	}
	if (!t) {
		*bad = "out of memory";
		return -1;
	}
	if (!*t) {
		free(t);
		t = NULL;
	}
	*out = t;
	return 0;
}
