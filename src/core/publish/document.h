/* Documents a partnership publishes: charts, and the briefing's Markdown (briefing.h) with
 * its charts made into a Word document (pandoc, with a reference document for its styles), one
 * standalone HTML file (pandoc, with a stylesheet) or a PDF (that HTML, printed by
 * weasyprint, or wkhtmltopdf when weasyprint is not installed). Used by `maca export
 * briefing --format` and meant for the interface too. Plain C, no curses; nothing printed:
 * the programs' own output is kept and given in the error only when one of them fails.
 *
 * Everything made on the way (the Markdown, the charts, the stylesheet, the programs'
 * output) is in a private directory (0700) beside the destination, removed on every path;
 * the document is moved into place as export_file_write does: private (0600), whole or
 * absent, an existing file replaced only when asked. */
#ifndef MACA_DOCUMENT_H
#define MACA_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "sbuf.h"
#include "template.h"

/* ---- Charts (chart.c) ----
 * A bar per grade of a section, how many cases reached it, drawn by cairo to SVG (HTML and
 * PDF) or PNG (Word) from the same description, so every format shows the same picture.
 * Each chart carries its text alternative. */

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

/* ---- Documents (document.c, document_run.c) ---- */

enum document_format {
	DOCUMENT_DOCX,
	DOCUMENT_HTML,
	DOCUMENT_PDF,
};

/* "docx", "html" or "pdf" to a format; false for anything else. */
bool document_format_parse(const char *name, enum document_format *out);
/* The file name extension, and the image format its charts are drawn in ("png" for Word,
 * "svg" otherwise), as briefing_options.chart_ext wants it. */
const char *document_format_name(enum document_format format);
const char *document_chart_ext(enum document_format format);

struct document_options {
	enum document_format format;
	const char *title;	 /* the document's title: HTML <title>, the PDF's title */
	const char *partnership; /* the PDF's running header; NULL or "": none */
	const char *language;	 /* BCP 47; NULL: "en-GB" */
	/* The partnership's own Word reference document and stylesheet (configuration
	 * [publish]); NULL: maca's, built into it (resources/). */
	const char *reference_docx;
	const char *stylesheet;
	/* "weasyprint" or "wkhtmltopdf"; NULL: weasyprint when installed, else wkhtmltopdf. */
	const char *pdf_engine;
	bool overwrite;
};

/* Writes markdown (GitHub-flavoured, as briefing_write writes it) with the charts it refers
 * to (drawn here in document_chart_ext's format) as a document at path. Errors: MACA_ENOTFOUND
 * when pandoc or a PDF engine is not installed (the message names the package), or a file
 * named in the options cannot be read; MACA_EEXIST when path exists and !overwrite, or is a
 * maca database; MACA_EIO when a program fails (its exit status and the end of its own
 * output) or a file cannot be written. */
int document_write(const char *markdown, const struct chart_list *charts,
		   const struct document_options *opt, const char *path, struct maca_err *err);

/* Whether an executable named name is in a directory of $PATH. */
bool document_program_installed(const char *name);

/* Runs argv (argv[0] looked up in $PATH, no shell) with standard input from /dev/null and
 * standard output and error into the file log (created 0600), with extra_env ("NAME=value"
 * strings, NULL-terminated; NULL: none) added to the environment. Returns 0 when it exits
 * with status 0; otherwise MACA_ENOTFOUND (not installed) or MACA_EIO naming `what`, its
 * exit status or signal, and the last lines of its output. */
int document_run(char *const argv[], char *const extra_env[], const char *log, const char *what,
		 struct maca_err *err);

#endif
