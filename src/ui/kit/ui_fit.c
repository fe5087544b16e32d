/* wcwidth() is X/Open's. */
#define _XOPEN_SOURCE 700

#include "ui_fit.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>
#include <uniwidth.h>

#include "sbuf.h"
#include "ui_ascii.h"

const char *ui_ellipsis(bool ascii)
{
	return ascii ? "..." : "\u2026";
}

const char *ui_ellipsis_in(int width, bool ascii)
{
	return ascii && width < 6 ? "." : ui_ellipsis(ascii);
}

/* The C library's widths under C.UTF-8, made once: every UTF-8 locale shares them, so they
 * do not depend on the locale maca (or a test) runs in. NULL where the C library has no such
 * locale. */
static locale_t utf8_locale(void)
{
	static locale_t utf8;
	static bool tried;
	if (!tried) {
		tried = true;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return utf8;
}

int ui_char_width(uint32_t c)
{
	if (c == 0)
		return 0;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	if (c < 0x300)
		return 1;
	locale_t utf8 = utf8_locale();
	int w;
	if (utf8) {
		locale_t was = uselocale(utf8);
		w = wcwidth((wchar_t)c);
		uselocale(was);
	} else {
		w = uc_width(c, "UTF-8");
	}
	/* Unassigned in the C library's Unicode (newer than it): one column, as terminals do. */
	return w < 0 ? 1 : w;
}

int ui_char_cols(uint32_t c, bool ascii)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
		return 1;
	if (ascii) {
		char buf[UI_ASCII_CHAR_MAX];
		return (int)strlen(ui_ascii_char(c, buf));
	}
	return ui_char_width(c);
}

/* The next character of s (at most end), and its length in bytes (an invalid byte is one
 * U+FFFD). */
static size_t decode(const uint8_t *p, const uint8_t *end, uint32_t *c)
{
	ucs4_t uc;
	int n = u8_mbtouc(&uc, p, (size_t)(end - p));
	*c = uc;
	return n > 0 ? (size_t)n : 1;
}

int ui_text_cols(const char *s, bool ascii)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	int cols = 0;
	while (p < end) {
		uint32_t c;
		p += decode(p, end, &c);
		cols += ui_char_cols(c, ascii);
	}
	return cols;
}

struct ui_fit ui_fit(const char *s, int width, bool ascii)
{
	struct ui_fit fit = {0, 0, false};
	if (width <= 0)
		return fit;
	size_t len = strlen(s);
	int total = ui_text_cols(s, ascii);
	if (total <= width) {
		fit.bytes = len;
		fit.cols = total;
		return fit;
	}
	fit.cut = true;
	int room = width - ui_text_cols(ui_ellipsis_in(width, ascii), ascii);
	if (room <= 0)
		return fit; /* the ellipsis alone, or as much of it as there is room for */
	const uint8_t *start = (const uint8_t *)s, *p = start, *end = start + len;
	size_t word_end = 0; /* bytes up to the end of the last whole word that fits */
	int word_cols = 0;
	bool prev_space = true;
	while (p < end) {
		uint32_t c;
		size_t n = decode(p, end, &c);
		int cw = ui_char_cols(c, ascii);
		if (fit.cols + cw > room)
			break;
		bool space = c == ' ' || c == '\t' || c == '\n';
		if (space && !prev_space) {
			word_end = (size_t)(p - start);
			word_cols = fit.cols;
		}
		prev_space = space;
		p += n;
		fit.cols += cw;
	}
	fit.bytes = (size_t)(p - start);
	/* Cut mid-word only when the last word boundary would waste a third of the room. */
	bool mid_word = p < end && !prev_space && *p != ' ' && *p != '\n' && *p != '\t';
	if (mid_word && word_end > 0 && word_cols * 3 >= room * 2) {
		fit.bytes = word_end;
		fit.cols = word_cols;
	}
	while (fit.bytes > 0 &&
	       (s[fit.bytes - 1] == ' ' || s[fit.bytes - 1] == '\t' || s[fit.bytes - 1] == '\n')) {
		fit.bytes--;
		fit.cols--;
	}
	return fit;
}

char *ui_fit_text(const char *s, int width, bool ascii)
{
	struct ui_fit fit = ui_fit(s, width, ascii);
	struct sbuf b = {0};
	sbuf_addn(&b, s, fit.bytes);
	if (fit.cut && width > 0) {
		const char *e = ui_ellipsis_in(width, ascii);
		int room = width - fit.cols;
		sbuf_addn(&b, e, room >= ui_text_cols(e, ascii) ? strlen(e) : (size_t)room);
	}
	sbuf_add(&b, "");
	return sbuf_take(&b);
}

int ui_wrap_rows(const char *s, int width, bool ascii)
{
	int rows = 0;
	for (size_t next; *s; s += next, rows++)
		ui_wrap(s, width, ascii, &next);
	return rows;
}

char *ui_fit_path(const char *path, int width, bool ascii)
{
	int total = ui_text_cols(path, ascii);
	if (total <= width || width <= 0)
		return width <= 0 ? calloc(1, 1) : strdup(path);
	const char *e = ui_ellipsis_in(width, ascii);
	int room = width - ui_text_cols(e, ascii);
	if (room <= 0)
		return ui_fit_text(path, width, ascii);
	/* The end that fits: skip characters from the start until the rest takes room. */
	const uint8_t *p = (const uint8_t *)path, *end = p + strlen(path);
	while (p < end && total > room) {
		uint32_t c;
		size_t n = decode(p, end, &c);
		total -= ui_char_cols(c, ascii);
		p += n;
	}
	/* From a folder's start when that keeps two thirds of the room: "…/maca/x.md". */
	const uint8_t *slash = (const uint8_t *)strchr((const char *)p, '/');
	if (slash && slash != p && ui_text_cols((const char *)slash, ascii) * 3 >= room * 2)
		p = slash;
	return str_fmt("%s%s", e, (const char *)p);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

size_t ui_wrap(const char *s, int width, bool ascii, size_t *next)
{
	const uint8_t *start = (const uint8_t *)s, *end = start + strlen(s), *p = start;
	size_t brk = 0, brk_next = 0; /* the last break after a word, and where the next starts */
	int cols = 0;
	while (p < end && *p != '\n') {
		uint32_t c;
		size_t n = decode(p, end, &c);
		int cw = ui_char_cols(c, ascii);
		if (is_blank((char)*p)) {
			size_t word_end = (size_t)(p - start);
			while (p < end && is_blank((char)*p)) {
				p++;
				cols++;
			}
			brk = word_end;
			brk_next = (size_t)(p - start);
			continue;
		}
		if (cols + cw > width && p > start) {
			if (brk > 0) {
				*next = brk_next;
				return brk;
			}
			*next = (size_t)(p - start); /* a word wider than the line */
			return *next;
		}
		cols += cw;
		p += n;
	}
	size_t len = (size_t)(p - start);
	/* Spaces before the end of the line or text are not part of it. */
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	*next = (size_t)(p - start) + (p < end && *p == '\n');
	return len;
}
