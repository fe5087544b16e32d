/* Charts for published documents: a bar per grade of a section, how many cases reached it,
 * drawn by cairo to SVG (HTML and PDF) or PNG (Word) from the same description, so every
 * format shows the same picture. Each chart carries its text alternative. Plain C, no curses;
 * nothing printed. */
#ifndef MACA_CHART_H
#define MACA_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "sbuf.h"
#include "template.h"

struct chart_bar {
	char *label;	  /* the grade in the scale's own words */
	char colour[8];	  /* "#rrggbb" */
	size_t value;	  /* the count drawn */
	char *value_text; /* as published: "4", "fewer than 3", "not shown" */
	bool drawn;	  /* false: a suppressed count, written but not drawn */
};

struct chart {
	char *name; /* its file name in the document, e.g. "chart-1.svg" */
	char *alt;  /* the text alternative */
	size_t max; /* the whole axis: the audit's cases */
	struct chart_bar *bars;
	size_t nbars;
};

struct chart_list {
	struct chart *items;
	size_t n;
};

/* Adds an empty chart (name and alt copied) to list; NULL when out of memory. */
struct chart *chart_add(struct chart_list *list, const char *name, const char *alt, size_t max);
/* Adds a bar (label and value_text copied); false when out of memory. */
bool chart_add_bar(struct chart *c, const char *label, const char *colour, size_t value,
		   const char *value_text, bool drawn);
void chart_list_free(struct chart_list *list);

/* The colour a grade is drawn in: the template's colour for it, or else one from maca's
 * palette by its place on the scale (green for the best, through olive and orange, to red for
 * the worst; grey for a not-applicable grade). */
void chart_grade_colour(const struct template *tpl, size_t grade, char out[8]);
/* The colour of "not yet agreed". */
#define CHART_NOT_AGREED_COLOUR "#b1b4b6"

/* Draws c and appends it to out: an SVG document sized in points (its text as glyph
 * outlines, so it looks the same wherever it is shown), or a PNG image of `scale` pixels
 * per point. Returns 0, MACA_ENOMEM, or MACA_EIO naming the chart when cairo fails. */
int chart_svg(const struct chart *c, struct sbuf *out, struct maca_err *err);
int chart_png(const struct chart *c, double scale, struct sbuf *out, struct maca_err *err);

#endif
