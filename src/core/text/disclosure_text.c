/* The text as the disclosure check reads it: Unicode spaces, dashes and quotes folded to
 * ASCII so that "YO1<no-break space>7HH" is read like "YO1 7HH", with a map back to the
 * original bytes; then its words. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "disclosure_text.h"

/* Decodes one UTF-8 character at s; returns its length (1 for an invalid byte, *cp < 0). */
static size_t decode(const unsigned char *s, long *cp)
{
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	if (n == 0 || s[0] >= 0xf8) {
		*cp = -1;
		return 1;
	}
	long v = s[0] & (0x3f >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3f);
	}
	*cp = v;
	return n;
}

/* What a character reads as: a byte, 0 to drop it, or -1 to keep it as written. */
static int fold(long cp)
{
	if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	    cp == 0x205f || cp == 0x3000)
		return ' ';
	if (cp == 0xad || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff)
		return 0;
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xfe58 || cp == 0xfe63 ||
	    cp == 0xff0d)
		return '-';
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x201b || cp == 0x2032 || cp == 0x02bc)
		return '\'';
	if (cp == 0x201c || cp == 0x201d)
		return '"';
	if (cp == 0x2044 || cp == 0x2215 || cp == 0xff0f)
		return '/';
	if (cp == 0xff0e || cp == 0x2024)
		return '.';
	if (cp >= 0xff10 && cp <= 0xff19)
		return (int)('0' + cp - 0xff10);
	if (cp >= 0xff21 && cp <= 0xff3a)
		return (int)('A' + cp - 0xff21);
	if (cp >= 0xff41 && cp <= 0xff5a)
		return (int)('a' + cp - 0xff41);
	return -1;
}

static bool joins(const char *s, size_t i, size_t len)
{
	return (s[i] == '\'' || s[i] == '-') && i > 0 && i + 1 < len &&
	       (is_name_char(s[i - 1]) || is_digit(s[i - 1])) &&
	       (is_name_char(s[i + 1]) || is_digit(s[i + 1]));
}

static bool starts_sentence(const char *s, size_t i)
{
	while (i > 0 && strchr(" \t\"'([*#->|", s[i - 1]))
		i--;
	return i == 0 || one_of(s[i - 1], ".!?:;\n\r");
}

static void describe(struct dtext *t, struct dword *w)
{
	const char *s = t->s;
	size_t up = 0, low = 0, dig = 0, other = 0;
	for (size_t i = w->start; i < w->end; i++) {
		up += is_upper(s[i]), low += is_lower(s[i]), dig += is_digit(s[i]);
		other += (unsigned char)s[i] >= 0x80;
	}
	w->base_end = w->end;
	if (w->end - w->start > 2 && s[w->end - 2] == '\'' && lower(s[w->end - 1]) == 's')
		w->base_end = w->end - 2;
	w->caps = up >= 2 && low == 0;
	w->cap = is_upper(s[w->start]) && !w->caps;
	w->lower = low > 0 && up == 0 && dig == 0;
	w->alpha = dig == 0;
	w->digits = dig == w->end - w->start;
	w->sentence_start = starts_sentence(s, w->start);
	(void)other;
}

int dtext_init(struct dtext *t, const char *text)
{
	*t = (struct dtext){.orig = text ? text : ""};
	size_t n = strlen(t->orig);
	if (n >= UINT32_MAX)
		return -1;
	t->s = malloc(n + 1);
	t->at = malloc((n + 1) * sizeof *t->at);
	if (!t->s || !t->at)
		return -1;
	const unsigned char *u = (const unsigned char *)t->orig;
	for (size_t i = 0; i < n;) {
		if (u[i] < 0x80) {
			t->at[t->len] = (uint32_t)i;
			t->s[t->len++] = (char)u[i++];
			continue;
		}
		long cp;
		size_t k = decode(u + i, &cp);
		if (i + k > n)
			k = 1, cp = -1;
		int f = cp < 0 ? -1 : fold(cp);
		if (f > 0) {
			t->at[t->len] = (uint32_t)i;
			t->s[t->len++] = (char)f;
		} else if (f < 0) {
			for (size_t j = 0; j < k; j++) {
				t->at[t->len] = (uint32_t)(i + j);
				t->s[t->len++] = (char)u[i + j];
			}
		}
		i += k;
	}
	t->at[t->len] = (uint32_t)n;
	t->s[t->len] = '\0';

	size_t cap = 0;
	for (size_t i = 0; i < t->len;) {
		if (!is_name_char(t->s[i]) && !is_digit(t->s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < t->len &&
		       (is_name_char(t->s[i]) || is_digit(t->s[i]) || joins(t->s, i, t->len)))
			i++;
		if (t->nw == cap) {
			cap = cap ? cap * 2 : 64;
			struct dword *w = realloc(t->w, cap * sizeof *w);
			if (!w)
				return -1;
			t->w = w;
		}
		t->w[t->nw] = (struct dword){.start = start, .end = i};
		describe(t, &t->w[t->nw++]);
	}
	return 0;
}

void dtext_free(struct dtext *t)
{
	free(t->s);
	free(t->at);
	free(t->w);
	*t = (struct dtext){0};
}

size_t dtext_word_at(const struct dtext *t, size_t pos)
{
	size_t lo = 0, hi = t->nw;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->w[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool dword_gap(const struct dtext *t, size_t k, const char *allowed, size_t max)
{
	if (k + 1 >= t->nw)
		return false;
	size_t a = t->w[k].end, b = t->w[k + 1].start;
	if (b - a > max)
		return false;
	for (size_t i = a; i < b; i++)
		if (!one_of(t->s[i], allowed))
			return false;
	return true;
}

bool same_word(const char *s, size_t n, const char *word)
{
	size_t i = 0;
	for (; i < n && word[i]; i++)
		if (lower(s[i]) != word[i])
			return false;
	return i == n && !word[i];
}

bool dword_is(const struct dtext *t, size_t k, const char *const *words, size_t n)
{
	const struct dword *w = &t->w[k];
	char first = lower(t->s[w->start]);
	for (size_t i = 0; i < n; i++)
		if (words[i][0] == first &&
		    same_word(t->s + w->start, w->base_end - w->start, words[i]))
			return true;
	return false;
}

/* Word k (as dword_is reads it) against a word of the list: below 0, 0 or above 0, as
 * strcmp orders them. */
static int word_cmp(const struct dtext *t, size_t k, const char *word)
{
	const struct dword *w = &t->w[k];
	size_t n = w->base_end - w->start, i = 0;
	for (; i < n && word[i]; i++) {
		unsigned char a = (unsigned char)lower(t->s[w->start + i]),
			      b = (unsigned char)word[i];
		if (a != b)
			return a < b ? -1 : 1;
	}
	return i < n ? 1 : word[i] ? -1 : 0;
}

bool dword_in_sorted(const struct dtext *t, size_t k, const char *const *sorted, size_t n)
{
#ifndef NDEBUG
	static const char *const *checked; /* the last list found in order */
	if (checked != sorted) {
		for (size_t i = 1; i < n; i++)
			assert(strcmp(sorted[i - 1], sorted[i]) <
			       0); /* a list edited out of order */
		checked = sorted;
	}
#endif
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = word_cmp(t, k, sorted[mid]);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

bool word_before(const struct dtext *t, size_t pos, size_t *start, size_t *end)
{
	const char *s = t->s;
	size_t e = pos, marks = 0;
	while (e > 0 && !is_word(s[e - 1]) && marks < 3 && one_of(s[e - 1], " .:-#(=,"))
		e--, marks++;
	/* A dotted abbreviation: single letters joined by dots ("D.O.B" of "D.O.B."). */
	size_t b = e, nletters = 0;
	while (nletters < 6 && b >= 1 && is_letter(s[b - 1]) && (b < 2 || !is_letter(s[b - 2]))) {
		nletters++;
		b--;
		if (b >= 2 && s[b - 1] == '.' && is_letter(s[b - 2]) &&
		    (b < 3 || !is_letter(s[b - 3])))
			b--;
		else
			break;
	}
	if (nletters >= 2) {
		*start = b;
		*end = e;
		return true;
	}
	size_t st = e;
	while (st > 0 && is_letter(s[st - 1]))
		st--;
	if (st == e)
		return false;
	*start = st;
	*end = e;
	return true;
}

/* Whether s[start, end) is word, ignoring case and the dots of an abbreviation. */
static bool dotted_is(const char *s, size_t start, size_t end, const char *word)
{
	size_t k = 0;
	for (size_t i = start; i < end; i++) {
		if (s[i] == '.')
			continue;
		if (!word[k] || lower(s[i]) != word[k])
			return false;
		k++;
	}
	return !word[k];
}

static bool in_list(const char *s, size_t start, size_t end, const char *const *list, size_t n)
{
	char first = lower(s[start]);
	for (size_t i = 0; i < n; i++)
		if (list[i][0] == first && dotted_is(s, start, end, list[i]))
			return true;
	return false;
}

bool cue_before(const struct dtext *t, size_t pos, const char *const *cues, size_t ncues,
		const char *const *fillers, size_t nfillers, int max_fillers)
{
	for (int f = 0; f <= max_fillers; f++) {
		size_t ws, we;
		if (!word_before(t, pos, &ws, &we))
			return false;
		if (in_list(t->s, ws, we, cues, ncues))
			return true;
		if (!in_list(t->s, ws, we, fillers, nfillers))
			return false;
		pos = ws;
	}
	return false;
}
