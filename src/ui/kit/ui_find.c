#include "ui_find.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "sbuf.h"

/* text case-folded (and compatibility-composed, so a decomposed é finds é), NUL-terminated;
 * NULL when out of memory or not UTF-8. */
static char *fold(const char *text, size_t len)
{
	size_t n = 0;
	uint8_t *f = u8_casefold((const uint8_t *)text, len, NULL, UNINORM_NFKC, NULL, &n);
	if (!f)
		return NULL;
	char *s = realloc(f, n + 1);
	if (!s) {
		free(f);
		return NULL;
	}
	s[n] = '\0';
	return s;
}

bool ui_find_match(const char *text, const char *query)
{
	if (!*query)
		return false;
	char *t = fold(text, strlen(text)), *q = fold(query, strlen(query));
	bool found = t && q && strstr(t, q) != NULL;
	free(t);
	free(q);
	return found;
}

/* Whether a word of text (its first only, when first_only) starts with want. */
static bool initial(const char *text, int want, bool first_only)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		bool starts = p == (const unsigned char *)text ||
			      (p[-1] < 0x80 && !isalnum(p[-1]) && p[-1] != '\'');
		if (starts && tolower(*p) == want)
			return true;
		if (first_only)
			return false;
	}
	return false;
}

size_t ui_find_choice(size_t from, size_t n, char c,
		      const char *(*label)(const void *ctx, size_t i), const void *ctx)
{
	int want = tolower((unsigned char)c);
	if (!isalnum(want) || n == 0)
		return n;
	/* The choices a letter starts come first, one after another when it is pressed again;
	 * only a letter that starts none goes to the words inside them. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 1; k <= n; k++) {
			size_t i = (from + k) % n;
			if (initial(label(ctx, i), want, pass == 0))
				return i;
		}
	return n;
}

bool ui_find_same(const char *text, const char *query)
{
	while (*query == ' ')
		query++;
	size_t len = strlen(query);
	while (len && query[len - 1] == ' ')
		len--;
	if (!len)
		return false;
	char *t = fold(text, strlen(text)), *q = fold(query, len);
	bool same = t && q && strcmp(t, q) == 0;
	free(t);
	free(q);
	return same;
}

/* One character of a typed confirmation as an ordinary keyboard types it: every dash a
 * hyphen, curly quotes straight, an ellipsis three dots, and any space one space (0: it is a
 * space); else NULL, the character standing for itself. */
static const char *as_typed(ucs4_t c)
{
	switch (c) {
	case 0x2010: /* hyphen */
	case 0x2011: /* non-breaking hyphen */
	case 0x2012: /* figure dash */
	case 0x2013: /* en dash */
	case 0x2014: /* em dash */
	case 0x2015: /* horizontal bar */
	case 0x2212: /* minus sign */
		return "-";
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x2032: /* prime */
		return "'";
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x2033: /* double prime */
		return "\"";
	case 0x2026:
		return "...";
	case '\t':
	case 0x00A0: /* no-break space */
	case 0x2007: /* figure space */
	case 0x202F: /* narrow no-break space */
		return " ";
	default:
		return NULL;
	}
}

/* s as typed (as_typed), each run of spaces one space, none at either end; NULL when out of
 * memory. A byte that is not UTF-8 stands for itself. */
static char *typed_form(const char *s)
{
	struct sbuf b = {0};
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	bool space = false;
	sbuf_add(&b, "");
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, (size_t)(end - p));
		n = n > 0 ? n : 1;
		const char *t = as_typed(c);
		if (c == ' ' || (t && *t == ' ')) {
			space = b.len > 0;
		} else {
			if (space)
				sbuf_addc(&b, ' ');
			space = false;
			if (t)
				sbuf_add(&b, t);
			else
				sbuf_addn(&b, (const char *)p, (size_t)n);
		}
		p += n;
	}
	return sbuf_take(&b);
}

bool ui_find_typed(const char *expected, const char *typed)
{
	char *e = typed_form(expected), *t = typed_form(typed);
	bool same = e && t && strcmp(e, t) == 0;
	free(e);
	free(t);
	return same;
}

bool ui_list_select(size_t *selected, size_t n, size_t i)
{
	if (i >= n)
		return false;
	*selected = i;
	return true;
}

size_t ui_find_next(size_t from, size_t n, int dir,
		    bool (*matches)(const void *ctx, size_t item, const char *query),
		    const void *ctx, const char *query)
{
	for (size_t step = 1; n && step <= n; step++) {
		size_t i = dir < 0 ? (from + n - step % n) % n : (from + step) % n;
		if (matches(ctx, i, query))
			return i;
	}
	return n;
}

size_t ui_list_find(const struct ui_list *l, const char *query, int dir)
{
	for (size_t i = 0; l->names && i < l->n; i++)
		if (l->names(l->items, i, query))
			return i;
	return ui_find_next(*l->selected, l->n, dir, l->matches, l->items, query);
}
