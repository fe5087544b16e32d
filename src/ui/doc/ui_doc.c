#include "ui_doc.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_doc_lines.h"
#include "ui_doc_table.h"
#include "ui_fit.h"

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
	out->ascii = ascii;
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

int ui_doc_relayout(const char *markdown, int width, bool ascii, struct ui_doc *doc, size_t *top,
		    struct maca_err *err)
{
	if (!markdown || (doc->width == width && doc->ascii == ascii))
		return MACA_OK;
	size_t before = doc->n;
	int rc = ui_doc_layout(markdown, width, ascii, doc, err);
	*top = before ? *top * doc->n / before : 0;
	if (*top >= doc->n)
		*top = doc->n ? doc->n - 1 : 0;
	return rc;
}

void ui_doc_free(struct ui_doc *doc)
{
	for (size_t i = 0; i < doc->n; i++)
		free(doc->lines[i].text);
	free(doc->lines);
	*doc = (struct ui_doc){.width = doc->width, .ascii = doc->ascii};
}
