/* The lines of a laid-out document (ui_doc_lines.c): what ui_doc.c (blocks, lists) and
 * ui_doc_table.c (tables) push them with. Private to src/ui/doc. */
#ifndef MACA_UI_DOC_LINES_H
#define MACA_UI_DOC_LINES_H

#include <cmark-gfm.h>

#include "sbuf.h"
#include "ui_doc.h"

/* Where the lines go, and what the next one starts with: a list item's marker on its first
 * line, its indent on the others. */
struct doc_layout {
	struct ui_doc *doc;
	size_t cap;
	int width;
	bool ascii;
	bool failed;
	const char *first; /* the prefix of the next line, then `rest` */
	const char *rest;
};

/* Adds a line: the pending prefix (or the indent), then text[0..len). */
void doc_push(struct doc_layout *l, const char *text, size_t len, enum ui_doc_style style,
	      int level);
/* Adds b's text as a line (and empties b). */
void doc_push_buf(struct doc_layout *l, struct sbuf *b, enum ui_doc_style style);
/* One empty line between blocks, never two, never at the top. */
void doc_gap(struct doc_layout *l);
/* Columns of a prefix (NULL: the indent). */
int doc_prefix_cols(const struct doc_layout *l, const char *prefix);
/* Text wrapped at spaces in the width left after the prefix; '\n' is a hard break. */
void doc_wrapped(struct doc_layout *l, const char *text, enum ui_doc_style style, int level);
/* The text of inline nodes: markup gone, a link's address after its words. */
void doc_inline_text(cmark_node *node, struct sbuf *b);
/* A GitHub table: aligned columns, or records when too wide (ui_doc_table.c). */

#endif
