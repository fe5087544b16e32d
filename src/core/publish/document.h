/* Documents a partnership publishes: the briefing's Markdown (briefing.h), with its charts,
 * made into a Word document (pandoc, with a reference document for its styles), one
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

#include "chart.h"
#include "err.h"

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
