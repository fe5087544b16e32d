/* libFuzzer target: the Markdown escaper and the chair's text (md_prose). Asserts what the
 * briefing relies on, for any input: the output is valid UTF-8; every character with a
 * meaning in Markdown is escaped, so the text cannot open a link (bracketed, or a bare URL),
 * image, HTML tag, code span, emphasis or table cell break; no line of it starts a list,
 * heading, quote or code block; one-line escapes stay on one line; a link target holds
 * nothing that could end it. For md_prose: read back by a CommonMark parser, alone and as a
 * list item's content, its output holds paragraphs, lists, line breaks, emphasis and links to
 * http, https and mailto addresses only (never raw HTML, a heading, an image, code, a quote or
 * a rule), and the writer never needed its fallback. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "fuzz_check.h"
#include "md.h"
#include "sbuf.h"
#include "url.h"

/* As md.c: escaped wherever they are. */
static const char always[] = "\\`*_{}[]<>|~#$^@";

static bool is_punct(char c)
{
	return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* One output line [s, s + n): nothing unescaped that means something, and no block start. */
static void check_line(const char *s, size_t n)
{
	/* Leading blanks would make an indented code block (or continue a list item). */
	CHECK(n == 0 || (s[0] != ' ' && s[0] != '\t'));
	/* A list marker, setext underline or thematic break at the start. */
	CHECK(n == 0 || (s[0] != '-' && s[0] != '+' && s[0] != '='));
	size_t d = 0;
	while (d < n && is_digit(s[d]))
		d++;
	if (d > 0 && d <= 9 && d < n && (s[d] == '.' || s[d] == ')'))
		CHECK(d + 1 < n && s[d + 1] != ' ' && s[d + 1] != '\t');
	/* A trailing backslash or two trailing spaces would be a hard line break. */
	CHECK(n == 0 || s[n - 1] != ' ');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		CHECK(c >= 0x20 && c != 0x7f); /* no control characters */
		if (c == '\\') {
			/* Only ever an escape of the next character. */
			CHECK(i + 1 < n && is_punct(s[i + 1]));
			i++;
			continue;
		}
		CHECK(strchr(always, c) == NULL);
		/* A bare URL that GFM's autolink extension would make a link. (E-mail
		 * addresses it links whatever is escaped: not checked, see md.c.) */
		if (c == ':')
			CHECK(!(i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/'));
		if (c == '.' && i >= 3 && memcmp(s + i - 3, "www", 3) == 0)
			CHECK(i > 3 && (is_alpha(s[i - 4]) || is_digit(s[i - 4])));
		/* An entity or character reference: &amp; &#60; */
		if (c == '&')
			CHECK(i + 1 == n || (!is_alpha(s[i + 1]) && s[i + 1] != '#'));
	}
}

static void check_lines(const char *s, size_t len, const char *indent)
{
	size_t start = 0;
	bool first = true;
	while (start <= len) {
		const char *nl = memchr(s + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - s) : len;
		const char *line = s + start;
		size_t n = end - start;
		if (!first && n > 0) {
			/* Continuation lines carry the indent, then the text. */
			size_t k = strlen(indent);
			CHECK(n > k && memcmp(line, indent, k) == 0);
			line += k, n -= k;
		}
		check_line(line, n);
		first = false;
		if (!nl)
			break;
		start = end + 1;
	}
}

static char *take(struct sbuf *b, size_t *len)
{
	*len = b->len;
	char *out = sbuf_take(b);
	if (!out)
		abort(); /* out of memory: not what is being tested */
	CHECK(strlen(out) == *len);
	CHECK(utf8_valid(out, *len));
	return out;
}

static void check_one_line(void (*fn)(struct sbuf *, const char *), const char *in)
{
	struct sbuf b = {0};
	fn(&b, in);
	size_t len;
	char *out = take(&b, &len);
	CHECK(memchr(out, '\n', len) == NULL && memchr(out, '\r', len) == NULL);
	check_line(out, len);
	free(out);
}

static void check_block(const char *in)
{
	struct sbuf b = {0};
	md_block(&b, in, "  ");
	size_t len;
	char *out = take(&b, &len);
	CHECK(memchr(out, '\r', len) == NULL);
	/* Never more than one blank line between paragraphs, none at either end. */
	CHECK(strstr(out, "\n\n\n") == NULL);
	CHECK(len == 0 || (out[0] != '\n' && out[len - 1] != '\n'));
	check_lines(out, len, "  ");
	free(out);
}

static void check_url(const char *in)
{
	struct sbuf b = {0};
	md_url(&b, in);
	size_t len;
	char *out = take(&b, &len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];
		CHECK(c > 0x20 && c != 0x7f);
		CHECK(strchr("<>()\\`\"|", c) == NULL);
	}
	free(out);
}

/* Every node of md, parsed as CommonMark, is one md_prose may write. */
static void check_kept_kinds(const char *md, size_t len)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	if (!doc)
		abort();
	cmark_iter *it = cmark_iter_new(doc);
	if (!it)
		abort();
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		CHECK(t == CMARK_NODE_DOCUMENT || t == CMARK_NODE_PARAGRAPH ||
		      t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM || t == CMARK_NODE_TEXT ||
		      t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
		      t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG || t == CMARK_NODE_LINK);
		if (t == CMARK_NODE_LINK)
			CHECK(url_link_allowed(cmark_node_get_url(n)));
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static void check_prose(const char *in)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	CHECK(md_prose(&b, in, ""));
	size_t len;
	char *out = take(&b, &len);
	CHECK(memchr(out, '\r', len) == NULL);
	CHECK(strstr(out, "\n\n\n") == NULL);
	check_kept_kinds(out, len);
	free(out);
	/* As the text of a bullet (good practice): "- " then the text, continued by "  ". */
	sbuf_add(&b, "- ");
	md_prose(&b, in, "  ");
	out = take(&b, &len);
	check_kept_kinds(out, len);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* User text reaches the escaper as a C string: it ends at the first NUL. */
	char *in = malloc(size + 1);
	if (!in)
		abort();
	memcpy(in, data, size);
	in[size] = '\0';
	check_one_line(md_inline, in);
	check_one_line(md_cell, in);
	check_block(in);
	check_url(in);
	check_prose(in);
	free(in);
	return 0;
}
