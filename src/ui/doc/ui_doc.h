/* Markdown as a terminal shows it: a briefing or a comparison laid out in lines of a given
 * width, read like the document it will become rather than as its markup. Parsed by
 * libcmark-gfm (with GitHub's tables); no curses: the terminal layer draws each line in its
 * style.
 *
 * Paragraphs, headings and list items wrap at spaces with their indent; lists get bullets
 * or numbers; tables are aligned columns (each column as wide as its widest cell, narrowed
 * and wrapped inside when the table is wider than the lines, each cell aligned as the table
 * says), the header bold over a rule; code blocks (the comparison's grid) keep their lines
 * as they are; links show their address after their text. */
#ifndef MACA_UI_DOC_H
#define MACA_UI_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

enum ui_doc_style {
	UI_DOC_TEXT,	/* a paragraph, a list item */
	UI_DOC_STRONG,	/* a paragraph that is all bold */
	UI_DOC_HEADING, /* level in ui_doc_line.level */
	UI_DOC_CODE,	/* a code block's line, never wrapped: wider ones are cut on screen */
	UI_DOC_TABLE_HEAD,
	UI_DOC_TABLE,
	UI_DOC_RULE, /* a thematic break, or the rule under a table's header */
};

struct ui_doc_line {
	char *text; /* UTF-8, no newline */
	enum ui_doc_style style;
	int level; /* a heading's: 1 for #, 2 for ## ... */
};

struct ui_doc {
	struct ui_doc_line *lines;
	size_t n;
	int width;  /* what it was laid out for */
	bool ascii; /* laid out for the ASCII fallback */
};

/* The width a document is laid out for before the screen says its own. */
#define UI_DOC_DEFAULT_WIDTH 78

/* Lays out markdown in lines of at most width columns (code blocks aside), measured as
 * ui_fit.h measures (ascii: the ASCII fallback's widths). out is replaced; on failure it is
 * left empty. */
int ui_doc_layout(const char *markdown, int width, bool ascii, struct ui_doc *out,
		  struct maca_err *err);
/* Lays markdown (NULL: none yet) out again in doc when width or ascii changed, keeping *top,
 * the first line shown, at the same place in the text, as near as lines of another width
 * allow. */
int ui_doc_relayout(const char *markdown, int width, bool ascii, struct ui_doc *doc, size_t *top,
		    struct maca_err *err);
/* Frees the lines; what the document was laid out for stays. */
void ui_doc_free(struct ui_doc *doc);

#endif
