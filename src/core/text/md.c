/* Markdown escaping: see md.h for what is escaped and why. */
#include "md.h"

#include <stdbool.h>
#include <string.h>

#include "url.h"

/* Characters escaped wherever they are: each has a meaning somewhere in GFM or pandoc. */
static const char always[] = "\\`*_{}[]<>|~#$^@";

/* Length of the valid UTF-8 sequence at s (first byte >= 0x80), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s)
{
	size_t n;
	unsigned min;
	unsigned cp;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2, cp = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3, cp = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Blanks and control characters, which are dropped at either end of a line. */
static bool is_blank(char c)
{
	return c == ' ' || (unsigned char)c < 0x20 || c == 0x7f;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether the character at s[i] is where GFM's autolink extension would see a bare URL:
 * the ':' of "://" or the '.' of "www." at the start of a word. Escaping it keeps the text
 * as written and plain. (An e-mail address is linked by cmark-gfm whatever is escaped; the
 * disclosure check refuses those anyway.) */
static bool opens_autolink(const char *s, size_t i, size_t len)
{
	if (s[i] == ':')
		return i + 2 < len && s[i + 1] == '/' && s[i + 2] == '/';
	return s[i] == '.' && i >= 3 && memcmp(s + i - 3, "www", 3) == 0 &&
	       (i == 3 || !(is_alpha(s[i - 4]) || (s[i - 4] >= '0' && s[i - 4] <= '9')));
}

void md_text(struct sbuf *b, const char *s, size_t len, bool line_start)
{
	size_t i = 0;
	if (line_start) {
		/* Leading blanks would make an indented code block. */
		while (len && is_blank(*s))
			s++, len--;
		/* "1." or "1)" would start an ordered list; "-", "+" a bullet list or a setext
		 * heading's underline, "=" the same. */
		while (i < len && i < 10 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i > 0 && i < len && (s[i] == '.' || s[i] == ')') &&
		    (i + 1 == len || is_blank(s[i + 1]))) {
			sbuf_addn(b, s, i);
			sbuf_addc(b, '\\');
		} else if (len && (s[0] == '-' || s[0] == '+' || s[0] == '=')) {
			sbuf_addc(b, '\\');
			i = 0;
		} else {
			i = 0;
		}
	}
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			size_t n = utf8_seq((const unsigned char *)s + i);
			if (n == 0 || i + n > len) {
				sbuf_add(b, "\xef\xbf\xbd");
				i++;
			} else {
				sbuf_addn(b, s + i, n);
				i += n;
			}
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			sbuf_addc(b, ' ');
		else if (opens_autolink(s, i, len))
			sbuf_addc(b, '\\'), sbuf_addc(b, (char)c);
		else if (strchr(always, c) ||
			 (c == '&' && i + 1 < len && (is_alpha(s[i + 1]) || s[i + 1] == '#')))
			sbuf_addc(b, '\\'), sbuf_addc(b, (char)c);
		else
			sbuf_addc(b, (char)c);
		i++;
	}
}

/* Appends line s[0..len) (no line breaks in it) escaped, with leading and trailing blanks
 * dropped and the start-of-line markers escaped. */
static void emit_line(struct sbuf *b, const char *s, size_t len)
{
	while (len && is_blank(s[len - 1]))
		len--;
	md_text(b, s, len, true);
}

/* Length of the line at s (up to a line break or the end) and where the next one starts. */
static size_t line_end(const char *s, const char **next)
{
	size_t n = strcspn(s, "\r\n");
	const char *p = s + n;
	if (*p == '\r' && p[1] == '\n')
		p += 2;
	else if (*p)
		p++;
	*next = p;
	return n;
}

static bool line_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank(s[i]))
			return false;
	return true;
}

/* Appends every non-blank line of s, separated by sep. */
static void join_lines(struct sbuf *b, const char *s, const char *sep)
{
	bool first = true;
	while (s && *s) {
		const char *next;
		size_t n = line_end(s, &next);
		if (!line_is_blank(s, n)) {
			if (!first)
				sbuf_add(b, sep);
			emit_line(b, s, n);
			first = false;
		}
		s = next;
	}
}

void md_inline(struct sbuf *b, const char *s)
{
	join_lines(b, s, " ");
}

void md_cell(struct sbuf *b, const char *s)
{
	join_lines(b, s, " / ");
}

void md_block(struct sbuf *b, const char *s, const char *indent)
{
	bool first = true, gap = false;
	while (s && *s) {
		const char *next;
		size_t n = line_end(s, &next);
		if (line_is_blank(s, n)) {
			gap = !first;
		} else {
			if (!first) {
				sbuf_add(b, gap ? "\n\n" : "\n");
				sbuf_add(b, indent);
			}
			emit_line(b, s, n);
			first = false;
			gap = false;
		}
		s = next;
	}
}

void md_url(struct sbuf *b, const char *url)
{
	for (const unsigned char *p = (const unsigned char *)url; p && *p; p++) {
		if (*p >= 0x80) {
			/* Valid UTF-8 stays readable; any other byte is encoded, so the briefing
			 * stays valid UTF-8 whatever the configuration holds. */
			size_t n = utf8_seq(p);
			if (n) {
				sbuf_addn(b, (const char *)p, n);
				p += n - 1;
			} else {
				sbuf_addf(b, "%%%02X", *p);
			}
		} else if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '(' ||
			   *p == ')' || *p == '\\' || *p == '`' || *p == '"' || *p == '|')
			sbuf_addf(b, "%%%02X", *p);
		else
			sbuf_addc(b, (char)*p);
	}
}

void md_link(struct sbuf *b, const char *title, const char *url)
{
	if (url && *url && url_link_allowed(url)) {
		sbuf_add(b, "[");
		md_inline(b, title);
		sbuf_add(b, "](");
		md_url(b, url);
		sbuf_add(b, ")");
		return;
	}
	md_inline(b, title);
	if (url && *url) {
		/* md_inline escapes what could make a link or an autolink of it. */
		sbuf_add(b, " (");
		md_inline(b, url);
		sbuf_add(b, ")");
	}
}
