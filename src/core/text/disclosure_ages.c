/* Exact ages for the disclosure check: "a 12-year-old girl", "two-year-old Henry", "the
 * 6 week old baby", "14yo", "aged 7", "Age: 14", "at the age of 9". An exact age is one of the
 * details that identify a child in combination with the rest (the ICO's motivated intruder).
 * Not flagged: groups and bands ("5-year-olds", "aged 0 to 7", "aged 16 and 17", "aged 8 or
 * older", "11-15 year old"), thresholds ("over one year old", "under the age of 18", "from
 * the age of 11") and the trade's services named after an age ("the two-year-old offer",
 * "the 2 year old check"). */
#include <string.h>

#include "disclosure_match.h"

static const char *const number_words[] = {
    "one",     "two",	  "three",     "four",	   "five",     "six",	   "seven",
    "eight",   "nine",	  "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
static const char *const units[] = {"year", "years", "yr",   "yrs",   "month", "months",
				    "mth",  "mths",  "week", "weeks", "day",   "days"};
/* A word before the age that makes it a threshold or the end of a band. */
static const char *const thresholds[] = {"over",  "under", "than",    "above", "below",
					 "to",	  "and",   "or",      "from",  "between",
					 "until", "till",  "upwards", "least", "beyond"};
/* Those of whom "aged 5" says a group's age, in byte order (dword_in_sorted). */
static const char *const groups[] = {
    "adults",	"babies",    "boys",	  "children", "daughters", "families", "girls",
    "infants",	"learners",  "offenders", "people",   "pupils",	   "siblings", "sons",
    "students", "teenagers", "those",	  "victims",  "women",	   "young",    "youth"};
/* Services and checks named after an age: "the two-year-old offer". */
static const char *const services[] = {
    "offer",	  "offers",	 "funding",	"funded",	"place",
    "places",	  "check",	 "checks",	"review",	"reviews",
    "assessment", "assessments", "entitlement", "provision",	"contact",
    "contacts",	  "development", "progress",	"health",	"booster",
    "vaccine",	  "vaccines",	 "vaccination", "immunisation", "immunisations"};

/* The length of word (any case) at p, if it is whole there; 0 if not. */
static size_t word_at(const char *s, size_t p, const char *word)
{
	size_t n = strlen(word);
	return same_word(s + p, n, word) && !is_letter(s[p + n]) ? n : 0;
}

static size_t one_of_words(const char *s, size_t p, const char *const *words, size_t nwords)
{
	for (size_t i = 0; i < nwords; i++) {
		size_t n = word_at(s, p, words[i]);
		if (n)
			return n;
	}
	return 0;
}

/* An age's number at p (one or two digits, or a word from one to twenty, "and a half" after
 * it kept with it); returns where it ends, or p when there is none. */
static size_t age_number(const char *s, size_t p)
{
	size_t q = p;
	if (is_digit(s[p])) {
		while (is_digit(s[q]) && q - p < 3)
			q++;
		if (q - p > 2 || is_word(s[q]) || (s[q] == '.' && is_digit(s[q + 1])))
			return p;
	} else {
		/* Only words starting as the number words do are compared with them. */
		if (!one_of(lower(s[p]), "otfsen"))
			return p;
		q += one_of_words(s, p, number_words, COUNT(number_words));
		if (q == p)
			return p;
	}
	if (s[q] == ' ' && word_at(s, q + 1, "and") && s[q + 4] == ' ' && word_at(s, q + 5, "a") &&
	    s[q + 6] == ' ' && word_at(s, q + 7, "half"))
		q += 11;
	return q;
}

/* Whether the age at p is the end of a band ("11-15", "5 to 7") or a threshold ("over
 * one"): a number, a dash or one of the thresholds just before it. */
static bool band_or_threshold(const struct dtext *t, size_t p)
{
	const char *s = t->s;
	if (p >= 2 && s[p - 1] == '-' && is_digit(s[p - 2]))
		return true;
	size_t ws, we;
	if (!word_before(t, p, &ws, &we))
		return false;
	for (size_t i = 0; i < COUNT(thresholds); i++)
		if (same_word(s + ws, we - ws, thresholds[i]))
			return true;
	return false;
}

/* "12-year-old", "two year old", "6 weeks old", "2 and a half year old": the number at p;
 * returns the end of "old", or 0. Plural ("year-olds") is a group. */
static size_t years_old(const char *s, size_t p)
{
	size_t q = age_number(s, p), gap = 1;
	if (q == p && is_digit(s[p])) { /* "12yr old": a unit glued to the figures */
		while (is_digit(s[q]) && q - p < 3)
			q++;
		if (q - p > 2)
			return 0;
		gap = 0;
	} else if (q == p || (s[q] != ' ' && s[q] != '-')) {
		return 0;
	}
	size_t u = one_of_words(s, q + gap, units, COUNT(units));
	if (!u)
		return 0;
	q += gap + u;
	if ((s[q] != ' ' && s[q] != '-') || !word_at(s, q + 1, "old"))
		return 0;
	return q + 4;
}

/* "12 years of age": the number at p; returns the end of "age", or 0. */
static size_t years_of_age(const char *s, size_t p)
{
	size_t q = age_number(s, p);
	if (q == p || s[q] != ' ')
		return 0;
	size_t u = one_of_words(s, q + 1, units, COUNT(units));
	if (!u || s[q + 1 + u] != ' ' || !word_at(s, q + 2 + u, "of") || s[q + 4 + u] != ' ' ||
	    !word_at(s, q + 5 + u, "age"))
		return 0;
	return q + 8 + u;
}

/* "14yo", "14 y/o", "14 y.o.": the end, or 0. */
static size_t short_years_old(const char *s, size_t p)
{
	size_t q = p;
	while (is_digit(s[q]) && q - p < 3)
		q++;
	if (q == p || q - p > 2)
		return 0;
	q += s[q] == ' ';
	static const char *const forms[] = {"yo", "y/o", "y.o.", "y.o"};
	for (size_t i = 0; i < COUNT(forms); i++) {
		size_t n = strlen(forms[i]);
		if (same_word(s + q, n, forms[i]) && !is_word(s[q + n]))
			return q + n;
	}
	return 0;
}

/* After "aged" or "age" (and "at the age of"): a number that is not the start of a band or
 * a list ("aged 0 to 7", "aged 16 and 17", "aged 8 or older", "aged 7, 8"), with "years" or
 * "months" kept with it. Returns the end, or 0. */
static size_t aged(const char *s, size_t p)
{
	size_t q = age_number(s, p);
	if (q == p)
		return 0;
	size_t r = q;
	while (s[r] == ' ')
		r++;
	bool more = (s[r] == '-' || s[r] == ',') &&
		    (is_digit(s[r + 1]) || (s[r + 1] == ' ' && is_digit(s[r + 2])));
	if (more || s[r] == '+')
		return 0;
	if (word_at(s, r, "plus") || word_at(s, r, "upwards"))
		return 0;
	/* "to 7", "and 17", "or older", "and over": a band or a threshold; "and again" is not. */
	static const char *const joins[] = {"to", "and", "or"};
	static const char *const open_ends[] = {"older", "younger", "over", "under",
						"above", "below",   "more", "less"};
	size_t j = one_of_words(s, r, joins, COUNT(joins));
	if (j && s[r + j] == ' ' &&
	    (age_number(s, r + j + 1) != r + j + 1 ||
	     one_of_words(s, r + j + 1, open_ends, COUNT(open_ends))))
		return 0;
	if (s[q] == ' ') {
		size_t u = one_of_words(s, q + 1, units, COUNT(units));
		if (u) {
			q += 1 + u;
			if (s[q] == ' ' && word_at(s, q + 1, "old"))
				q += 4;
		}
	}
	return q;
}

/* The start of the number after "aged", "age", "age:" or "at the age of" ending at word k,
 * or 0 when word k is none of them. */
static size_t after_age_word(const struct dtext *t, size_t k)
{
	const char *s = t->s;
	const struct dword *w = &t->w[k];
	static const char *const words[] = {"aged", "age"};
	if (lower(s[w->start]) != 'a' || !dword_is(t, k, words, COUNT(words)))
		return 0;
	/* A group ("children aged 5", "young people aged 16") or a threshold ("from age 16",
	 * "until age 25") is no one child's age. */
	if (k > 0 && (dword_in_sorted(t, k - 1, groups, COUNT(groups)) ||
		      dword_is(t, k - 1, thresholds, COUNT(thresholds))))
		return 0;
	size_t p = w->end;
	if (s[p] == ':')
		p++;
	if (s[p] != ' ')
		return 0;
	p++;
	size_t of = word_at(s, p, "of");
	if (!of)
		return p;
	/* "at the age of 9" is a child's; "under the age of 18", "from the age of 11" are not. */
	static const char *const the[] = {"the"};
	static const char *const at[] = {"at"};
	if (s[p + of] == ' ' && k >= 2 && dword_is(t, k - 1, the, 1) && dword_is(t, k - 2, at, 1))
		return p + of + 1;
	return 0;
}

static bool service_after(const char *s, size_t end)
{
	return s[end] == ' ' && one_of_words(s, end + 1, services, COUNT(services));
}

/* Whether word k ends in "old" as a word of its own or after a hyphen ("old", "Old",
 * "year-old"): where an age written with "old" ends. */
static bool ends_old(const struct dtext *t, size_t k)
{
	const char *s = t->s;
	size_t a = t->w[k].start, e = t->w[k].end;
	return e - a >= 3 && same_word(s + e - 3, 3, "old") && (e - a == 3 || s[e - 4] == '-');
}

static void add_age(const struct dtext *t, size_t p, size_t end, struct cands *cs)
{
	if (!band_or_threshold(t, p) && !service_after(t->s, end))
		cands_add(cs, DISCLOSURE_AGE, p, end);
}

/* An age is looked for only where one can end ("old") or start (a digit, "age"): the check
 * runs on every key typed and every briefing, and most words are neither. */
void match_ages(const struct dtext *t, struct cands *cs)
{
	const char *s = t->s;
	for (size_t k = 0; k < t->nw; k++) {
		const struct dword *w = &t->w[k];
		if (ends_old(t, k)) {
			/* From the number, up to five words back ("2 and a half year old"). */
			for (size_t j = k > 5 ? k - 5 : 0; j <= k; j++)
				if (years_old(s, t->w[j].start) == w->end) {
					add_age(t, t->w[j].start, w->end, cs);
					break;
				}
		} else if (is_digit(s[w->start])) {
			size_t end = short_years_old(s, w->start);
			if (end)
				add_age(t, w->start, end, cs);
		} else if (k >= 3 && w->end - w->start == 3 && same_word(s + w->start, 3, "age") &&
			   years_of_age(s, t->w[k - 3].start) == w->end) {
			add_age(t, t->w[k - 3].start, w->end, cs); /* "12 years of age" */
		}
		size_t n = w->end - w->start <= 4 ? after_age_word(t, k) : 0;
		size_t end;
		if (n && (end = aged(s, n)))
			cands_add(cs, DISCLOSURE_AGE, w->start, end);
	}
}
