/* The text as the disclosure check's matchers read it (disclosure_text.c): its characters,
 * its words and the cues before a place in it. Private to src/core/text. */
#ifndef MACA_DISCLOSURE_TEXT_H
#define MACA_DISCLOSURE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool is_letter(char c)
{
	return is_upper(c) || is_lower(c);
}

static inline char upper(char c)
{
	return is_lower(c) ? (char)(c - 'a' + 'A') : c;
}

static inline char lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* Whether c is one of set (never for the terminating '\0'). */
static inline bool one_of(char c, const char *set)
{
	for (; c && *set; set++)
		if (*set == c)
			return true;
	return false;
}

/* ASCII letters and digits. */
static inline bool is_word(char c)
{
	return is_letter(c) || is_digit(c);
}

/* A letter of a word, accented ones included (any byte of a multi-byte UTF-8 character). */
static inline bool is_name_char(char c)
{
	return is_letter(c) || (unsigned char)c >= 0x80;
}

/* A word of the text: letters and digits, with an apostrophe or hyphen inside ("O'Brien",
 * "Lily-Mae", "7a", "step-father"). Offsets are in the normalised text. */
struct dword {
	size_t start, end;
	size_t base_end;     /* end without a possessive "'s" or "'" */
	bool cap;	     /* first letter upper case, not all capitals */
	bool caps;	     /* all capitals, two letters or more */
	bool lower;	     /* all lower case letters */
	bool alpha;	     /* letters (and ' -) only */
	bool digits;	     /* digits only */
	bool sentence_start; /* first word after . ! ? : a line break or the start */
};

/* The text as the matchers read it: every Unicode space is ' ', every dash and hyphen '-',
 * curly quotes straight, invisible characters dropped, all else as written; at[i] is where
 * byte i came from in the original. */
struct dtext {
	const char *orig;
	char *s;
	size_t len;
	uint32_t *at; /* len + 1 entries */
	struct dword *w;
	size_t nw;
};

int dtext_init(struct dtext *t, const char *text);
void dtext_free(struct dtext *t);
/* The index of the first word that starts at or after pos (t->nw when none). */
size_t dtext_word_at(const struct dtext *t, size_t pos);
/* Whether word k, up to its base end, is one of words (lower case), ignoring case. */
bool dword_is(const struct dtext *t, size_t k, const char *const *words, size_t n);
/* The same for a long list in byte order (strcmp's), by binary search. */
bool dword_in_sorted(const struct dtext *t, size_t k, const char *const *sorted, size_t n);
/* Whether the gap between words k and k + 1 holds only characters of allowed, at most max
 * of them (false when word k is the last). */
bool dword_gap(const struct dtext *t, size_t k, const char *allowed, size_t max);
/* Whether the n bytes at s equal word ignoring ASCII case. */
bool same_word(const char *s, size_t n, const char *word);

/* The word that ends just before pos, past at most three spaces or marks (". : - # ( ="):
 * sets [*start, *end) and returns true, or false when there is none. Letters only; a dotted
 * abbreviation ("D.O.B.") is read as one word. */
bool word_before(const struct dtext *t, size_t pos, size_t *start, size_t *end);
/* Whether one of cues comes before pos, with up to max_fillers of fillers between
 * ("born in early April": cue born, fillers in and early). Both lists lower case; a dotted
 * abbreviation matches without its dots. */
bool cue_before(const struct dtext *t, size_t pos, const char *const *cues, size_t ncues,
		const char *const *fillers, size_t nfillers, int max_fillers);
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
