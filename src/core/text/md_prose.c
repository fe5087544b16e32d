/* The chair's long text as Markdown that keeps its shape (md.h, md_prose): the text is parsed
 * with libcmark-gfm, and the tree is walked writing only the kinds of node a briefing keeps;
 * everything else is written as the literal text it was typed as, through md_text. The
 * result is parsed once more and checked before it is used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "md.h"
#include "url.h"

/* Deeper lists are written as the text they were typed as, and deeper emphasis or links as
 * their plain text: it bounds the recursion, whatever the input. */
#define MAX_LIST_DEPTH 4
#define MAX_INLINE_DEPTH 8
/* The largest number an ordered list item may have (CommonMark: at most nine digits). */
#define MAX_LIST_NUMBER 999999999L

/* The source as cmark counts its lines (a line ends at LF, CR or CR LF), for writing a block
 * that is not kept as the text it was typed as. */
struct source {
	const char *s;
	size_t *start, *len;
	size_t n;
};

struct writer {
	struct sbuf *b;
	const struct source *src;
	size_t indent;	    /* spaces that continue the current list item */
	bool line_start;    /* the next text begins a line */
	bool after_open;    /* the next text follows an opening * or ** */
	bool pending_break; /* a line break, written once text follows it in the paragraph */
	int lists, inlines;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int source_split(struct source *src, const char *s)
{
	size_t cap = 1;
	for (const char *p = s; *p; p++)
		cap += *p == '\n' || *p == '\r';
	src->s = s;
	src->n = 0;
	src->start = malloc(cap * sizeof *src->start);
	src->len = malloc(cap * sizeof *src->len);
	if (!src->start || !src->len)
		return -1;
	size_t i = 0;
	while (1) {
		size_t n = strcspn(s + i, "\r\n");
		src->start[src->n] = i;
		src->len[src->n++] = n;
		i += n;
		if (!s[i])
			break;
		i += s[i] == '\r' && s[i + 1] == '\n' ? 2 : 1;
		if (!s[i])
			break;
	}
	return 0;
}

static void source_free(struct source *src)
{
	free(src->start);
	free(src->len);
}

static void trim_trailing_blanks(struct writer *w, size_t floor)
{
	struct sbuf *b = w->b;
	while (b->len > floor && is_blank(b->data[b->len - 1]))
		b->data[--b->len] = '\0';
}

static void newline(struct writer *w)
{
	sbuf_addc(w->b, '\n');
	for (size_t i = 0; i < w->indent; i++)
		sbuf_addc(w->b, ' ');
	w->line_start = true;
}

static void blank_line(struct writer *w)
{
	sbuf_addc(w->b, '\n');
	newline(w);
}

/* A line break inside a paragraph: a backslash at the end of the line, written only when
 * something follows it (at the end of a paragraph it would be a literal backslash). */
static void hard_break(struct writer *w)
{
	w->pending_break = true;
	w->after_open = false;
}

static void flush_break(struct writer *w)
{
	if (!w->pending_break)
		return;
	w->pending_break = false;
	/* Nothing written on the line yet (its text was all dropped): a lone backslash there
	 * would be literal, and after a list marker it would end the marker. */
	if (w->line_start)
		return;
	/* Blanks before it stay: trimming here would reach back before a caller's mark, so that
	 * undoing what came after (an empty emphasis) left the break in their place. */
	sbuf_addc(w->b, '\\');
	newline(w);
}

/* What md_text drops at the start of a line. */
static bool dropped_at_line_start(char c)
{
	return is_blank(c) || (unsigned char)c < 0x20 || c == 0x7f;
}

static void text(struct writer *w, const char *s, size_t len)
{
	if (w->pending_break || w->line_start) {
		/* Nothing to write yet: the line break waits for the text after it. */
		size_t k = 0;
		while (k < len && dropped_at_line_start(s[k]))
			k++;
		if (k == len)
			return;
		flush_break(w);
	}
	if (w->after_open) {
		/* "* x*" would not be emphasis (and "* " could start a list); md_text writes a
		 * control character as a space. */
		while (len && dropped_at_line_start(*s))
			s++, len--;
		if (!len)
			return;
		w->after_open = false;
	}
	if (!len)
		return;
	md_text(w->b, s, len, w->line_start);
	w->line_start = false;
}

static void text_str(struct writer *w, const char *s)
{
	text(w, s ? s : "", s ? strlen(s) : 0);
}

static void inlines(struct writer *w, cmark_node *n);

static void emphasis(struct writer *w, cmark_node *n, const char *delim)
{
	if (w->inlines >= MAX_INLINE_DEPTH) {
		inlines(w, cmark_node_first_child(n));
		return;
	}
	struct sbuf *b = w->b;
	size_t before = b->len;
	bool line_start = w->line_start, pending = w->pending_break, after_open = w->after_open;
	flush_break(w);
	size_t mark = b->len, open = strlen(delim);
	sbuf_add(b, delim);
	w->line_start = false;
	w->after_open = true;
	w->inlines++;
	inlines(w, cmark_node_first_child(n));
	w->inlines--;
	w->after_open = false;
	trim_trailing_blanks(w, mark + open);
	if (b->len == mark + open && b->data) {
		/* Nothing inside: no delimiters either, nor the line break before them. */
		b->len = before;
		b->data[before] = '\0';
		w->line_start = line_start;
		w->pending_break = pending;
		w->after_open = after_open; /* still right after an outer opening, if it was */
	} else {
		sbuf_add(b, delim);
	}
}

static void link(struct writer *w, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	cmark_node *child = cmark_node_first_child(n);
	if (url && url_link_allowed(url) && w->inlines < MAX_INLINE_DEPTH) {
		flush_break(w);
		/* A "!" just before would make the link an image (found by fuzz_md). */
		struct sbuf *b = w->b;
		if (b->len && b->data[b->len - 1] == '!') {
			b->data[b->len - 1] = '\\';
			sbuf_addc(b, '!');
		}
		sbuf_addc(w->b, '[');
		w->line_start = false;
		w->inlines++;
		size_t mark = w->b->len;
		inlines(w, child);
		w->inlines--;
		if (w->b->len == mark) /* no text: the address is the text */
			text_str(w, url);
		sbuf_add(w->b, "](");
		md_url(w->b, url);
		sbuf_addc(w->b, ')');
		return;
	}
	/* Not a link maca writes: its text, then where it pointed, as md_link does. */
	inlines(w, child);
	if (url && *url) {
		text_str(w, " (");
		text_str(w, url);
		text_str(w, ")");
	}
}

static void inline_node(struct writer *w, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_INLINE:
		text_str(w, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		hard_break(w);
		break;
	case CMARK_NODE_CODE:
		text_str(w, "`");
		text_str(w, cmark_node_get_literal(n));
		text_str(w, "`");
		break;
	case CMARK_NODE_EMPH:
		emphasis(w, n, "*");
		break;
	case CMARK_NODE_STRONG:
		emphasis(w, n, "**");
		break;
	case CMARK_NODE_LINK:
		link(w, n);
		break;
	case CMARK_NODE_IMAGE:
		text_str(w, "![");
		inlines(w, cmark_node_first_child(n));
		text_str(w, "](");
		text_str(w, cmark_node_get_url(n));
		text_str(w, ")");
		break;
	default:
		inlines(w, cmark_node_first_child(n));
		break;
	}
}

static void inlines(struct writer *w, cmark_node *n)
{
	for (; n; n = cmark_node_next(n))
		inline_node(w, n);
}

/* The text of each leaf under n, escaped: for a block whose source position is unknown. */
static void leaves(struct writer *w, cmark_node *n)
{
	for (; n; n = cmark_node_next(n)) {
		const char *lit = cmark_node_get_literal(n);
		if (lit && *lit)
			text_str(w, lit);
		leaves(w, cmark_node_first_child(n));
	}
}

/* A block as the lines it was typed as, escaped: each line kept (a line break between), a
 * blank line a new paragraph. */
static void literal(struct writer *w, cmark_node *n)
{
	const struct source *src = w->src;
	int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
	int column = cmark_node_get_start_column(n);
	if (first < 1 || last < first || (size_t)first > src->n) {
		leaves(w, cmark_node_first_child(n));
		text_str(w, cmark_node_get_literal(n));
		return;
	}
	if ((size_t)last > src->n)
		last = (int)src->n;
	bool any = false, gap = false;
	for (int l = first; l <= last; l++) {
		const char *s = src->s + src->start[l - 1];
		size_t len = src->len[l - 1];
		if (l == first && column > 1) {
			size_t skip = (size_t)column - 1 < len ? (size_t)column - 1 : len;
			s += skip, len -= skip;
		}
		size_t k = 0;
		while (k < len && dropped_at_line_start(s[k]))
			k++;
		if (k == len) {
			gap = any;
			continue;
		}
		while (len && dropped_at_line_start(s[len - 1]))
			len--;
		size_t before = w->b->len;
		bool pending = w->pending_break;
		if (any && gap) {
			w->pending_break = false;
			blank_line(w);
		} else if (any) {
			hard_break(w);
		}
		size_t separated = w->b->len;
		text(w, s, len); /* at a line's start: the break or the block put it there */
		if (w->b->len > separated) {
			any = true;
			gap = false;
		} else if (w->b->data && !w->b->failed) {
			/* Nothing but characters md_text drops: no separator either. */
			w->b->len = before;
			w->b->data[before] = '\0';
			w->pending_break = pending;
		}
	}
}

static void block(struct writer *w, cmark_node *n);

static void blocks(struct writer *w, cmark_node *n, bool tight)
{
	bool any = false;
	for (; n; n = cmark_node_next(n)) {
		size_t before = w->b->len;
		if (any) {
			if (tight)
				newline(w);
			else
				blank_line(w);
		}
		size_t start = w->b->len;
		block(w, n);
		if (w->b->len > start)
			any = true;
		else if (w->b->data && !w->b->failed) /* a block with nothing to write */
			w->b->len = before, w->b->data[before] = '\0';
	}
}

static void list(struct writer *w, cmark_node *n)
{
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	bool tight = cmark_node_get_list_tight(n);
	long number = cmark_node_get_list_start(n);
	if (number < 0 || number > MAX_LIST_NUMBER - 10000)
		number = 1;
	w->lists++;
	bool first = true;
	for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
		if (!first) {
			if (tight)
				newline(w);
			else
				blank_line(w);
		}
		first = false;
		char marker[24];
		if (ordered && number < MAX_LIST_NUMBER)
			snprintf(marker, sizeof marker, "%ld.", number++);
		else /* a different character at each depth: "- - -" would be a rule */
			snprintf(marker, sizeof marker, "%c", "-*+-"[(w->lists - 1) % 4]);
		sbuf_add(w->b, marker);
		size_t saved = w->indent;
		w->indent += strlen(marker) + 1;
		cmark_node *child = cmark_node_first_child(item);
		if (child) {
			sbuf_addc(w->b, ' ');
			w->line_start = true;
			blocks(w, child, tight);
		}
		w->indent = saved;
	}
	w->lists--;
}

static void block(struct writer *w, cmark_node *n)
{
	w->line_start = true;
	w->after_open = false;
	w->pending_break = false;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		inlines(w, cmark_node_first_child(n));
		break;
	case CMARK_NODE_LIST:
		if (w->lists < MAX_LIST_DEPTH) {
			list(w, n);
			break;
		}
		literal(w, n);
		break;
	default:
		/* Headings, code, HTML, quotes, rules: the text as typed. */
		literal(w, n);
		break;
	}
}

/* Whether Markdown md holds only what md_prose may write. */
static bool only_kept_kinds(const char *md, size_t len)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	if (!doc)
		return false;
	bool ok = true;
	cmark_iter *it = cmark_iter_new(doc);
	if (!it)
		ok = false;
	while (ok && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
		case CMARK_NODE_TEXT:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			break;
		case CMARK_NODE_LINK:
			ok = url_link_allowed(cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
			break;
		default:
			ok = false;
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return ok;
}

/* Appends md to b with indent after every line break that does not end a blank line. */
static void add_indented(struct sbuf *b, const char *md, const char *indent)
{
	for (const char *p = md; *p;) {
		size_t n = strcspn(p, "\n");
		sbuf_addn(b, p, n);
		p += n;
		if (!*p)
			break;
		sbuf_addc(b, '\n');
		p++;
		if (*p && *p != '\n')
			sbuf_add(b, indent);
	}
}

bool md_prose(struct sbuf *b, const char *s, const char *indent)
{
	if (!s || !*s)
		return true;
	struct source src;
	struct sbuf out = {0};
	bool ok = source_split(&src, s) == 0;
	cmark_node *doc = ok ? cmark_parse_document(s, strlen(s), CMARK_OPT_DEFAULT) : NULL;
	if (doc) {
		struct writer w = {.b = &out, .src = &src, .line_start = true};
		blocks(&w, cmark_node_first_child(doc), false);
		cmark_node_free(doc);
		/* The trailing blanks of a last line. */
		trim_trailing_blanks(&w, 0);
		ok = !out.failed && (out.len == 0 || only_kept_kinds(out.data, out.len));
	} else {
		ok = false;
	}
	if (ok && out.len)
		add_indented(b, out.data, indent);
	else if (!ok)
		md_block(b, s, indent);
	sbuf_free(&out);
	source_free(&src);
	return ok;
}
