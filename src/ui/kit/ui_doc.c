#include "ui_doc.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_doc_internal.h"
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

/* The inline text of a paragraph or heading (caller frees); NULL, the layout failed, when
 * out of memory. */
static char *text_of(struct doc_layout *l, cmark_node *node)
{
	struct sbuf b = {0};
	doc_inline_text(node, &b);
	sbuf_add(&b, "");
	char *text = sbuf_take(&b);
	if (!text)
		l->failed = true;
	return text;
}

/* A paragraph that is one bold or emphasised run: drawn bold as a whole. */
static bool all_strong(cmark_node *para)
{
	cmark_node *only = cmark_node_first_child(para);
	return only && !cmark_node_next(only) &&
	       (cmark_node_get_type(only) == CMARK_NODE_STRONG ||
		cmark_node_get_type(only) == CMARK_NODE_EMPH);
}

static void block(struct doc_layout *l, cmark_node *node, bool tight);

static void children(struct doc_layout *l, cmark_node *node, bool tight)
{
	for (cmark_node *n = cmark_node_first_child(node); n && !l->failed; n = cmark_node_next(n))
		block(l, n, tight);
}

static char *spaces(int n)
{
	struct sbuf b = {0};
	for (int i = 0; i < n; i++)
		sbuf_addc(&b, ' ');
	sbuf_add(&b, "");
	return sbuf_take(&b);
}

static void list(struct doc_layout *l, cmark_node *node)
{
	bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	bool tight = cmark_node_get_list_tight(node);
	int number = cmark_node_get_list_start(node);
	const char *outer = l->rest;
	for (cmark_node *item = cmark_node_first_child(node); item && !l->failed;
	     item = cmark_node_next(item), number++) {
		char *marker = ordered ? str_fmt("%s%d. ", l->first ? l->first : outer, number)
				       : str_fmt("%s\u2022 ", l->first ? l->first : outer);
		char *indent = marker ? spaces(doc_prefix_cols(l, marker)) : NULL;
		if (!marker || !indent) {
			l->failed = true;
			free(marker);
			free(indent);
			break;
		}
		if (!tight && item != cmark_node_first_child(node))
			doc_gap(l);
		l->first = marker;
		l->rest = indent;
		children(l, item, tight);
		l->first = NULL;
		l->rest = outer;
		free(marker);
		free(indent);
	}
	doc_gap(l);
}

/* ---- Blocks ---- */

static void literal_lines(struct doc_layout *l, const char *text, enum ui_doc_style style)
{
	while (text && *text && !l->failed) {
		size_t len = strcspn(text, "\n");
		doc_push(l, text, len, style, 0);
		text += len;
		text += *text == '\n';
	}
}

static void block(struct doc_layout *l, cmark_node *node, bool tight)
{
	cmark_node_type type = cmark_node_get_type(node);
	const char *name = cmark_node_get_type_string(node);
	if (name && strcmp(name, "table") == 0) {
		doc_table(l, node);
		return;
	}
	switch (type) {
	case CMARK_NODE_PARAGRAPH: {
		char *text = text_of(l, node);
		if (text)
			doc_wrapped(l, text, all_strong(node) ? UI_DOC_STRONG : UI_DOC_TEXT, 0);
		free(text);
		if (!tight)
			doc_gap(l);
		return;
	}
	case CMARK_NODE_HEADING: {
		char *text = text_of(l, node);
		doc_gap(l);
		if (text)
			doc_wrapped(l, text, UI_DOC_HEADING, cmark_node_get_heading_level(node));
		free(text);
		doc_gap(l);
		return;
	}
	case CMARK_NODE_LIST:
		list(l, node);
		return;
	case CMARK_NODE_CODE_BLOCK:
		literal_lines(l, cmark_node_get_literal(node), UI_DOC_CODE);
		doc_gap(l);
		return;
	case CMARK_NODE_HTML_BLOCK:
		literal_lines(l, cmark_node_get_literal(node), UI_DOC_TEXT);
		doc_gap(l);
		return;
	case CMARK_NODE_THEMATIC_BREAK: {
		struct sbuf b = {0};
		for (int i = doc_prefix_cols(l, l->first); i < l->width; i++)
			sbuf_add(&b, "\u2500");
		doc_push_buf(l, &b, UI_DOC_RULE);
		doc_gap(l);
		return;
	}
	case CMARK_NODE_BLOCK_QUOTE: {
		const char *outer = l->rest;
		char *inner = str_fmt("%s\u2502 ", outer);
		if (!inner) {
			l->failed = true;
			return;
		}
		l->rest = inner;
		children(l, node, tight);
		l->rest = outer;
		free(inner);
		doc_gap(l);
		return;
	}
	default:
		children(l, node, tight);
		return;
	}
}

int ui_doc_layout(const char *markdown, int width, bool ascii, struct ui_doc *out,
		  struct maca_err *err)
{
	ui_doc_free(out);
	out->width = width;
	/* cmark-gfm aborts when out of memory: nothing to check on its side. */
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_syntax_extension *tables = cmark_find_syntax_extension("table");
	if (tables)
		cmark_parser_attach_syntax_extension(parser, tables);
	cmark_parser_feed(parser, markdown, strlen(markdown));
	cmark_node *root = cmark_parser_finish(parser);
	struct doc_layout l = {
	    .doc = out, .width = width > 10 ? width : 10, .ascii = ascii, .rest = ""};
	children(&l, root, false);
	cmark_node_free(root);
	cmark_parser_free(parser);
	/* No empty line at the end. */
	while (out->n && !*out->lines[out->n - 1].text)
		free(out->lines[--out->n].text);
	if (l.failed) {
		ui_doc_free(out);
		return err_set(err, MACA_ENOMEM, "out of memory laying out the text");
	}
	return MACA_OK;
}

void ui_doc_free(struct ui_doc *doc)
{
	for (size_t i = 0; i < doc->n; i++)
		free(doc->lines[i].text);
	free(doc->lines);
	doc->lines = NULL;
	doc->n = 0;
}
