/* Shared by the disclosure check's parts: the text as the matchers see it, its words, the
 * candidates they propose, and the word lists. See disclosure.h for what is flagged. */
#ifndef MACA_DISCLOSURE_INTERNAL_H
#define MACA_DISCLOSURE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disclosure.h"

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
/* Whether the gap between words k and k + 1 holds only characters of allowed, at most max
 * of them (false when word k is the last). */
bool dword_gap(const struct dtext *t, size_t k, const char *allowed, size_t max);
/* Whether the n bytes at s equal word ignoring ASCII case. */
bool same_word(const char *s, size_t n, const char *word);

/* What a matcher proposes; the driver settles overlaps and the caller's vocabulary. */
struct cand {
	size_t start, end;	     /* in the normalised text */
	size_t core_start, core_end; /* the part the vocabulary is asked about */
	enum disclosure_kind kind;
	int rank;	/* between overlapping candidates of the same length, the higher wins */
	bool name_like; /* a name, school or street: one word is vocabulary only if whole */
	bool skip;	/* a web address: nothing inside it is reported */
};

struct cands {
	struct cand *c;
	size_t n, cap;
	bool failed;
};

void cands_add(struct cands *cs, enum disclosure_kind kind, size_t start, size_t end);
/* The same with the part the vocabulary is asked about, for names, schools and streets. */
void cands_add_named(struct cands *cs, enum disclosure_kind kind, size_t start, size_t end,
		     size_t core_start, size_t core_end);
/* A web address: not checked, and nothing found inside it is reported. */
void cands_add_skip(struct cands *cs, size_t start, size_t end);

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

/* The matchers: each adds what it finds in the whole text. */
void match_codes(const struct dtext *t, struct cands *cs);  /* NHS, NI, phone, postcode */
void match_email(const struct dtext *t, struct cands *cs);  /* and web addresses: skipped */
void match_dates(const struct dtext *t, struct cands *cs);  /* disclosure_date.c */
void match_people(const struct dtext *t, struct cands *cs); /* disclosure_names.c */
void match_places(const struct dtext *t, struct cands *cs); /* disclosure_places.c */

/* Word lists (disclosure_lexicon.c), asked with the bytes of one word in any case. */
bool lexicon_first_name(const char *s, size_t n);
bool lexicon_common_first_name(const char *s, size_t n); /* given to 200 a year or more */
bool lexicon_surname(const char *s, size_t n);
bool lexicon_ordinary_word(const char *s, size_t n); /* a lower-case English word */
bool lexicon_not_name(const char *s, size_t n);	     /* calendar, places, the trade */

/* Whether the caller's vocabulary holds the words of text[start, end) (disclosure_vocab.c).
 * whole: a single word counts only when it is a phrase of the vocabulary by itself. */
bool vocab_holds(const struct disclosure_vocab *v, const char *text, size_t start, size_t end,
		 bool whole);

#endif
