/* The audit's own vocabulary for the disclosure check: what its template, agencies,
 * resources and partnership say is not an identifier when a practitioner repeats it ("Change
 * Grow Live", "Barnardo's", a helpline in the template). Kept as a set of hashes of every run
 * of up to six words of each phrase, and of each short phrase whole. */
#include <stdlib.h>
#include <string.h>

#include "disclosure_text.h"
#include "disclosure_vocab.h"

enum { MAX_GRAM = 6, MAX_WHOLE = 8, MAX_WORDS = 64 };

struct disclosure_vocab {
	uint64_t *slot; /* open addressing; 0 is empty */
	size_t n, cap;
};

struct span {
	size_t start, end;
};

static bool is_vocab_char(char c)
{
	return is_word(c) || (unsigned char)c >= 0x80;
}

static bool ends_phrase(char c)
{
	return one_of(c, "\n\r,;:.()[]{}=|/\"!?<>\t*#");
}

/* FNV-1a over the words in small letters, one space between: h so far, extended by word w
 * (after a space when it is not the first). */
static uint64_t hash_more(uint64_t h, const char *s, const struct span *w, bool after)
{
	if (after)
		h = (h ^ ' ') * 1099511628211ull;
	for (size_t k = w->start; k < w->end; k++)
		h = (h ^ (unsigned char)lower(s[k])) * 1099511628211ull;
	return h;
}

static uint64_t hash_start(bool whole)
{
	return 1469598103934665603ull ^ (whole ? 0x5a : 0xa5);
}

/* 0 marks an empty slot: a hash of 0 is kept as 1. */
static uint64_t hash_done(uint64_t h)
{
	return h ? h : 1;
}

static uint64_t hash_words(const char *s, const struct span *w, size_t n, bool whole)
{
	uint64_t h = hash_start(whole);
	for (size_t i = 0; i < n; i++)
		h = hash_more(h, s, &w[i], i > 0);
	return hash_done(h);
}

static bool insert(struct disclosure_vocab *v, uint64_t h)
{
	if ((v->n + 1) * 2 > v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1024;
		uint64_t *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return false;
		for (size_t i = 0; i < v->cap; i++) {
			if (!v->slot[i])
				continue;
			size_t k = v->slot[i] & (cap - 1);
			while (slot[k])
				k = (k + 1) & (cap - 1);
			slot[k] = v->slot[i];
		}
		free(v->slot);
		v->slot = slot;
		v->cap = cap;
	}
	size_t k = h & (v->cap - 1);
	while (v->slot[k] && v->slot[k] != h)
		k = (k + 1) & (v->cap - 1);
	if (!v->slot[k])
		v->slot[k] = h, v->n++;
	return true;
}

static bool contains(const struct disclosure_vocab *v, uint64_t h)
{
	if (!v->cap)
		return false;
	size_t k = h & (v->cap - 1);
	while (v->slot[k]) {
		if (v->slot[k] == h)
			return true;
		k = (k + 1) & (v->cap - 1);
	}
	return false;
}

/* The words of s[start, end), each without a possessive "'s", up to max. */
static size_t words(const char *s, size_t start, size_t end, struct span *w, size_t max,
		    size_t *next)
{
	size_t n = 0, i = start;
	while (i < end && !ends_phrase(s[i])) {
		if (!is_vocab_char(s[i])) {
			i++;
			continue;
		}
		size_t a = i;
		while (i < end && is_vocab_char(s[i]))
			i++;
		size_t b = i;
		if (i + 1 < end && s[i] == '\'' && lower(s[i + 1]) == 's' &&
		    (i + 2 >= end || !is_vocab_char(s[i + 2])))
			i += 2;
		if (n < max)
			w[n++] = (struct span){a, b};
	}
	*next = i;
	return n;
}

int disclosure_vocab_new(struct disclosure_vocab **out, struct maca_err *err)
{
	*out = calloc(1, sizeof **out);
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int disclosure_vocab_add(struct disclosure_vocab *v, const char *text, struct maca_err *err)
{
	/* Read as the check reads the text, so that a curly apostrophe or a no-break space in
	 * the template matches the straight one typed in a learning point. */
	struct dtext t;
	int rc = dtext_init(&t, text) ? MACA_ENOMEM : MACA_OK;
	struct span w[MAX_WORDS];
	for (size_t i = 0; !rc && i < t.len;) {
		size_t next, n = words(t.s, i, t.len, w, MAX_WORDS, &next);
		/* Each run of up to MAX_GRAM words from each word on, its hash extended a word at a
		 * time (hash_words' value for each, which vocab_holds asks for). */
		for (size_t a = 0; !rc && a < n; a++) {
			uint64_t h = hash_start(false);
			for (size_t k = 1; !rc && k <= MAX_GRAM && a + k <= n; k++) {
				h = hash_more(h, t.s, &w[a + k - 1], k > 1);
				if (!insert(v, hash_done(h)))
					rc = MACA_ENOMEM;
			}
		}
		if (!rc && n && n <= MAX_WHOLE && !insert(v, hash_words(t.s, w, n, true)))
			rc = MACA_ENOMEM;
		i = next + 1;
	}
	dtext_free(&t);
	return rc ? err_set(err, rc, "out of memory") : MACA_OK;
}

void disclosure_vocab_free(struct disclosure_vocab *v)
{
	if (v)
		free(v->slot);
	free(v);
}

bool vocab_holds(const struct disclosure_vocab *v, const char *text, size_t start, size_t end,
		 bool whole)
{
	struct span w[MAX_GRAM + 1];
	size_t next, n = 0, i = start;
	/* Punctuation inside the candidate ("CR/012345/24") does not end it here. */
	while (i < end && n <= MAX_GRAM) {
		struct span part[MAX_GRAM + 1];
		size_t k = words(text, i, end, part, MAX_GRAM + 1 - n, &next);
		memcpy(w + n, part, k * sizeof *part);
		n += k;
		i = next + 1;
	}
	if (!v || n == 0 || n > MAX_GRAM)
		return false;
	if (whole && n == 1)
		return contains(v, hash_words(text, w, n, true));
	return contains(v, hash_words(text, w, n, false));
}
