#include "passphrase_policy.h"

#include <ctype.h>
#include <math.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zxcvbn.h>

#include "sbuf.h"

/* One computer's guessing rate against maca's Argon2id limits (about 0.5 s a guess). */
#define GUESSES_PER_SECOND 2.0

/* The words of the avoid texts, lower-cased, as zxcvbn's user dictionary (NULL-terminated);
 * NULL when out of memory. */
static char **avoid_words(const char *const *avoid)
{
	size_t n = 0, cap = 8;
	char **words = calloc(cap, sizeof *words);
	for (size_t i = 0; words && avoid && avoid[i]; i++) {
		for (const char *p = avoid[i]; *p;) {
			while (*p && !isalnum((unsigned char)*p))
				p++;
			const char *start = p;
			while (isalnum((unsigned char)*p))
				p++;
			size_t len = (size_t)(p - start);
			if (len < 3)
				continue;
			if (n + 2 > cap) {
				char **grown = realloc(words, cap * 2 * sizeof *words);
				if (!grown)
					goto fail;
				words = grown;
				cap *= 2;
			}
			char *w = strndup(start, len);
			if (!w)
				goto fail;
			for (char *c = w; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			words[n++] = w;
			words[n] = NULL;
		}
	}
	return words;
fail:
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
	return NULL;
}

static void free_words(char **words)
{
	for (size_t i = 0; words && words[i]; i++)
		free(words[i]);
	free(words);
}

static double estimate(const char *pass, const char *const *avoid, ZxcMatch_t **info)
{
	char **words = avoid_words(avoid);
	/* Without the audit's words (out of memory) the estimate is only less cautious. */
	double bits = ZxcvbnMatch(pass, (const char **)words, info);
	free_words(words);
	return bits;
}

double passphrase_estimate_bits(const char *pass, const char *const *avoid)
{
	return estimate(pass, avoid, NULL);
}

/* "about 5 hours": the time to try 2^bits guesses at GUESSES_PER_SECOND. */
static void add_duration(struct sbuf *b, double bits)
{
	double s = pow(2.0, bits) / GUESSES_PER_SECOND;
	static const struct {
		double seconds;
		const char *unit;
	} units[] = {{365.25 * 86400, "year"}, {86400, "day"}, {3600, "hour"}, {60, "minute"}};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (s >= units[i].seconds) {
			double n = floor(s / units[i].seconds + 0.5);
			sbuf_addf(b, "about %.0f %s%s", n, units[i].unit, n == 1 ? "" : "s");
			return;
		}
	sbuf_add(b, "under a minute");
}

/* What zxcvbn found, in words, each kind once. */
static void add_reasons(struct sbuf *b, const ZxcMatch_t *info, size_t len)
{
	enum { COMMON, AUDIT, REPEAT, SEQUENCE, KEYBOARD, DATE, NKINDS };
	static const char *const says[NKINDS] = {
	    "a common word, name or password",
	    "a word of this audit (its title, theme or an agency)",
	    "repeated characters or words",
	    "a sequence such as abc or 123",
	    "a keyboard pattern such as qwerty",
	    "a date or a year",
	};
	/* zxcvbn's kinds of match as the reasons above; a look-alike match says so too. */
	static const struct {
		int type, kind;
		bool leet;
	} kinds[] = {
	    {DICTIONARY_MATCH, COMMON, false}, {DICT_LEET_MATCH, COMMON, true},
	    {USER_MATCH, AUDIT, false},	       {USER_LEET_MATCH, AUDIT, true},
	    {REPEATS_MATCH, REPEAT, false},    {SEQUENCE_MATCH, SEQUENCE, false},
	    {SPATIAL_MATCH, KEYBOARD, false},  {DATE_MATCH, DATE, false},
	    {YEAR_MATCH, DATE, false},
	};
	bool seen[NKINDS] = {false}, leet = false;
	for (const ZxcMatch_t *m = info; m; m = m->Next) {
		if ((int)m->Type & MULTIPLE_MATCH)
			seen[REPEAT] = true;
		for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
			if (((int)m->Type & ~MULTIPLE_MATCH) == kinds[i].type) {
				seen[kinds[i].kind] = true;
				leet = leet || kinds[i].leet;
			}
	}
	size_t n = 0;
	for (int k = 0; k < NKINDS; k++)
		if (seen[k])
			sbuf_addf(b, "%s%s", n++ ? ", " : "; it holds ", says[k]);
	if (leet)
		sbuf_add(b, " (look-alike digits or symbols for letters do not help)");
	if (!n)
		sbuf_addf(b, "; %zu random character%s %s too few", len, len == 1 ? "" : "s",
			  len == 1 ? "is" : "are");
}

int passphrase_check_strength(const char *pass, const char *const *avoid, struct maca_err *err)
{
	ZxcMatch_t *info = NULL;
	double bits = estimate(pass, avoid, &info);
	if (bits >= PASSPHRASE_MIN_BITS) {
		ZxcvbnFreeInfo(info);
		return MACA_OK;
	}
	struct sbuf b = {0};
	sbuf_addf(&b,
		  "the passphrase is too weak: about 2^%.0f guesses would find it (maca asks for "
		  "2^%d), ",
		  floor(bits), PASSPHRASE_MIN_BITS);
	add_duration(&b, bits);
	sbuf_add(&b, " for one computer");
	add_reasons(&b, info, strlen(pass));
	ZxcvbnFreeInfo(info);
	char *msg = sbuf_take(&b);
	int rc = err_set(err, MACA_EUSER, "%s", msg ? msg : "the passphrase is too weak");
	free(msg);
	return rc;
}

int passphrase_generate(char **out, size_t *len, struct maca_err *err)
{
	*out = NULL;
	*len = 0;
	if (sodium_init() < 0)
		return err_set(err, MACA_EIO, "the cryptography library could not start");
	size_t need = 1;
	uint32_t pick[PASSPHRASE_GENERATED_WORDS];
	for (size_t i = 0; i < PASSPHRASE_GENERATED_WORDS; i++) {
		pick[i] = randombytes_uniform(PASSPHRASE_WORDLIST_SIZE);
		need += strlen(passphrase_words[pick[i]]) + 1;
	}
	char *text = sodium_malloc(need);
	if (!text) {
		sodium_memzero(pick, sizeof pick);
		return err_set(err, MACA_ENOMEM, "out of memory generating a passphrase");
	}
	size_t at = 0;
	for (size_t i = 0; i < PASSPHRASE_GENERATED_WORDS; i++) {
		const char *w = passphrase_words[pick[i]];
		if (i)
			text[at++] = ' ';
		memcpy(text + at, w, strlen(w));
		at += strlen(w);
	}
	text[at] = '\0';
	sodium_memzero(pick, sizeof pick);
	*out = text;
	*len = at;
	return MACA_OK;
}

double passphrase_generated_bits(void)
{
	return PASSPHRASE_GENERATED_WORDS * log2((double)PASSPHRASE_WORDLIST_SIZE);
}
