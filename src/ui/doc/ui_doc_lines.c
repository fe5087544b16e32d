/* The lines of a document laid out for the terminal (ui_doc_lines.h): each pushed with its
 * prefix, blocks kept apart by one empty line, text wrapped to the width left. */
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_doc_lines.h"
#include "ui_fit.h"

void doc_push(struct doc_layout *l, const char *text, size_t len, enum ui_doc_style style,
	      int level)
{
	if (l->failed)
		return;
	if (l->doc->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct ui_doc_line *grown = realloc(l->doc->lines, cap * sizeof *grown);
		if (!grown) {
			l->failed = true;
			return;
		}
		l->doc->lines = grown;
		l->cap = cap;
	}
	struct sbuf b = {0};
	sbuf_add(&b, l->first ? l->first : l->rest);
	sbuf_addn(&b, text, len);
	/* No spaces at a line's end: they would only be cut. */
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	char *line = sbuf_take(&b);
	if (!line) {
		l->failed = true;
		return;
	}
	l->first = NULL;
	l->doc->lines[l->doc->n++] = (struct ui_doc_line){line, style, level};
}

/* One empty line between blocks, never two, never at the top. */
void doc_gap(struct doc_layout *l)
{
	if (l->doc->n && *l->doc->lines[l->doc->n - 1].text && !l->first) {
		const char *first = l->first;
		const char *rest = l->rest;
		l->rest = "";
		doc_push(l, "", 0, UI_DOC_TEXT, 0);
		l->rest = rest;
		l->first = first;
	}
}

int doc_prefix_cols(const struct doc_layout *l, const char *prefix)
{
	return ui_text_cols(prefix ? prefix : l->rest, l->ascii);
}

/* Text wrapped at spaces in the width left after the prefix; '\n' is a hard break. */
void doc_wrapped(struct doc_layout *l, const char *text, enum ui_doc_style style, int level)
{
	if (!*text) {
		doc_push(l, "", 0, style, level);
		return;
	}
	while (*text && !l->failed) {
		int room = l->width - doc_prefix_cols(l, l->first);
		size_t next, len = ui_wrap(text, room > 8 ? room : 8, l->ascii, &next);
		doc_push(l, text, len, style, level);
		text += next;
	}
}

/* The text of inline nodes: markup gone, a link's address after its words. */
void doc_inline_text(cmark_node *node, struct sbuf *b)
{
	for (cmark_node *n = cmark_node_first_child(node); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			sbuf_add(b, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
			break;
		case CMARK_NODE_SOFTBREAK:
			sbuf_add(b, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			sbuf_add(b, "\n");
			break;
		case CMARK_NODE_LINK: {
			size_t start = b->len;
			doc_inline_text(n, b);
			const char *url = cmark_node_get_url(n);
			/* An address that is its own text (an autolink) is not said twice. */
			bool same = url && b->data && strcmp(b->data + start, url) == 0;
			if (url && *url && !same)
				sbuf_addf(b, " <%s>", url);
			break;
		}
		default:
			doc_inline_text(n, b);
			break;
		}
	}
}

void doc_push_buf(struct doc_layout *l, struct sbuf *b, enum ui_doc_style style)
{
	sbuf_add(b, "");
	char *line = sbuf_take(b);
	if (!line)
		l->failed = true;
	else
		doc_push(l, line, strlen(line), style, 0);
	free(line);
}
