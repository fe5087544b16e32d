/* Personal names: after a title ("Mrs Patel", "Mr J. Dunmore", "PC Hollins"), after a word of
 * family or of a worker's role ("mother Sarah", "her partner, Jason Evans", "social worker
 * Emma"), and in free text: a first name from the ONS list with the surname that follows it
 * ("Jayden Smith", "Amira's school", "DANIELLE PRICE"). A first name that is also an ordinary
 * word ("Grace", "Ruby", "Will") counts only with a surname, or alone in the middle of a
 * sentence; calendar words, places and the trade's own words never count. */
#include <stdlib.h>
#include <string.h>

#include "disclosure_lexicon.h"
#include "sbuf.h"
#include "disclosure_match.h"

static const char *const titles[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "mstr"};
static const char *const ranks[] = {"pc", "pcso", "dc", "ds", "di", "dci", "sgt", "insp"};
static const char *const function_words[] = {
    "the",  "a",    "an",    "and",   "or",    "but",	 "in",	  "on",	  "at",	   "of",
    "for",  "to",   "with",  "by",    "from",  "as",	 "if",	  "when", "where", "who",
    "this", "that", "these", "those", "it",    "he",	 "she",	  "they", "we",	   "i",
    "you",  "his",  "her",   "their", "our",   "my",	 "your",  "its",  "there", "then",
    "all",  "some", "no",    "not",   "was",   "were",	 "is",	  "are",  "had",   "has",
    "have", "did",  "does",  "will",  "would", "should", "could", "may",  "might", "must"};
/* In byte order: asked of every word, by binary search (dword_in_sorted). */
static const char *const relations[] = {"advocate",
					"aunt",
					"auntie",
					"aunty",
					"boyfriend",
					"brother",
					"carer",
					"caseworker",
					"childminder",
					"consultant",
					"counsellor",
					"cousin",
					"dad",
					"daddy",
					"daughter",
					"dsl",
					"ex-boyfriend",
					"ex-girlfriend",
					"ex-husband",
					"ex-partner",
					"ex-wife",
					"father",
					"fiance",
					"fiancee",
					"friend",
					"girlfriend",
					"godfather",
					"godmother",
					"gp",
					"gran",
					"grandad",
					"granddad",
					"grandfather",
					"grandma",
					"grandmother",
					"grandpa",
					"grandparent",
					"granny",
					"great-grandfather",
					"great-grandmother",
					"guardian",
					"half-brother",
					"half-sister",
					"headteacher",
					"husband",
					"hv",
					"idva",
					"interpreter",
					"isva",
					"keyworker",
					"lodger",
					"mam",
					"manager",
					"mentor",
					"midwife",
					"mom",
					"mother",
					"mum",
					"mummy",
					"nan",
					"nana",
					"nanna",
					"neighbour",
					"nephew",
					"niece",
					"nurse",
					"officer",
					"paediatrician",
					"parent",
					"partner",
					"perpetrator",
					"practitioner",
					"psychiatrist",
					"psychologist",
					"senco",
					"sibling",
					"sister",
					"son",
					"step-brother",
					"step-dad",
					"step-father",
					"step-mother",
					"step-mum",
					"step-sister",
					"stepbrother",
					"stepdad",
					"stepdaughter",
					"stepfather",
					"stepmother",
					"stepmum",
					"stepsister",
					"stepson",
					"sw",
					"teacher",
					"therapist",
					"uncle",
					"victim",
					"visitor",
					"wife",
					"worker"};
/* Words after a possessive name that make it a law or a body: "Clare's Law". */
static const char *const named_after[] = {"law",    "act",     "principle", "review",
					  "report", "inquiry", "story",	    "trust",
					  "house",  "hospice", "fund",	    "foundation"};
/* Words after a name that make it a place or a body, not a person (with named_after's). */
static const char *const place_words[] = {
    "hospital", "park",	   "centre",  "center",	 "court",   "station",	  "ward",   "unit",
    "hall",	"lodge",   "road",    "street",	 "avenue",  "lane",	  "close",  "drive",
    "school",	"academy", "college", "nursery", "primary", "university", "church", "surgery",
    "practice", "estate",  "ground",  "bridge",	 "way",	    "gardens",	  "square", "terrace",
    "crescent", "grove",   "place",   "walk",	 "row"};
static const char *const place_before[] = {"st",       "saint", "queen", "king", "prince",
					   "princess", "lady",	"lord",	 "sir",	 "dame",
					   "fort",     "port",	"mount", "lake"};
static const char *const fillers[] = {"called", "named", "known", "as", "is"};
/* Dotted abbreviations that are not somebody's initials, as letters without the dots. A
 * police rank (P.C., D.S.) is left out: it is flagged, which puts the name after it before
 * the chair. */
static const char *const dotted_words[] = {
    "ad", "ae", "am", "asd", "bc", "cin", "cp", "csc", "da", "dob", "dsl", "dv",
    "eg", "eu", "gp", "hv",  "ie", "it",  "la", "lac", "mp", "nb",  "nhs", "ok",
    "ot", "pe", "pm", "ps",  "re", "sen", "sw", "tac", "tv", "uk",  "us",  "vs"};

static const char *text(const struct dtext *t, size_t k)
{
	return t->s + t->w[k].start;
}

static size_t base_len(const struct dtext *t, size_t k)
{
	return t->w[k].base_end - t->w[k].start;
}

static bool ordinary(const struct dtext *t, size_t k)
{
	return lexicon_ordinary_word(text(t, k), base_len(t, k));
}

static bool not_name(const struct dtext *t, size_t k)
{
	return lexicon_not_name(text(t, k), base_len(t, k)) ||
	       dword_is(t, k, function_words, COUNT(function_words));
}

/* A first name: in the list, or hyphenated with a listed first part ("Lily-Mae"). Sets *word
 * when it is also an ordinary word. */
static bool first_name(const struct dtext *t, size_t k, bool *word)
{
	const char *s = text(t, k);
	size_t n = base_len(t, k);
	*word = false;
	if (!t->w[k].alpha || n < 2 || not_name(t, k))
		return false;
	if (lexicon_first_name(s, n)) {
		*word = lexicon_ordinary_word(s, n);
		return true;
	}
	const char *dash = memchr(s, '-', n);
	return dash && lexicon_first_name(s, (size_t)(dash - s)) && is_upper(dash[1]);
}

/* Word k makes the name before it a place, a law or a body. */
static bool thing_word(const struct dtext *t, size_t k)
{
	return dword_is(t, k, named_after, COUNT(named_after)) ||
	       dword_is(t, k, place_words, COUNT(place_words));
}

/* A capitalised word that may be a surname: listed, a first name, or no ordinary word. */
static bool surname_like(const struct dtext *t, size_t k)
{
	const struct dword *w = &t->w[k];
	if (!(w->cap || w->caps) || !w->alpha || base_len(t, k) < 2 || not_name(t, k) ||
	    thing_word(t, k))
		return false;
	bool word;
	return lexicon_surname(text(t, k), base_len(t, k)) || first_name(t, k, &word) ||
	       !ordinary(t, k);
}

/* Extends a name from word k over the surnames that follow it; returns the last word. */
static size_t extend(const struct dtext *t, size_t k, size_t max)
{
	for (size_t i = 0; i < max && t->w[k].base_end == t->w[k].end && dword_gap(t, k, " ", 2) &&
			   surname_like(t, k + 1);
	     i++)
		k++;
	return k;
}

static void add(const struct dtext *t, struct cands *cs, size_t first, size_t core, size_t last)
{
	cands_add_named(cs, DISCLOSURE_PERSON, t->w[first].start, t->w[last].base_end,
			t->w[core].start, t->w[last].base_end);
}

/* "Mrs Patel", "Mr J. Dunmore", "Mr and Mrs Ashdown", "MR DEVLIN", "Dr. Oyelaran". */
static void after_title(const struct dtext *t, size_t k, struct cands *cs)
{
	const struct dword *w = &t->w[k];
	bool title = dword_is(t, k, titles, COUNT(titles));
	bool rank = !title && dword_is(t, k, ranks, COUNT(ranks)) && !w->lower;
	if (!title && !rank)
		return;
	if (w->lower && (same_word(text(t, k), base_len(t, k), "miss") ||
			 same_word(text(t, k), base_len(t, k), "ms")))
		return;
	size_t j = k;
	/* "Mr and Mrs": go on to the second title. */
	if (dword_gap(t, k, " ", 2) && k + 2 < t->nw && t->w[k + 1].end - t->w[k + 1].start == 3 &&
	    same_word(text(t, k + 1), 3, "and") && dword_is(t, k + 2, titles, COUNT(titles)))
		j = k + 2;
	size_t last = j, names = 0;
	while (names < 3 && dword_gap(t, last, " .", 3)) {
		size_t n = last + 1;
		const struct dword *x = &t->w[n];
		bool initial = x->end - x->start == 1 && is_upper(t->s[x->start]);
		bool name = (x->cap || x->caps) && x->alpha && !not_name(t, n);
		if (rank && names == 0 && !initial)
			name = surname_like(t, n) || x->digits;
		if (!initial && !name &&
		    !(title && names == 0 && x->lower && !ordinary(t, n) && !not_name(t, n)))
			break;
		last = n, names++;
		if (!initial && x->base_end != x->end)
			break;
	}
	if (names)
		add(t, cs, k, j + 1, last);
}

static bool relation(const struct dtext *t, size_t k)
{
	return t->w[k].base_end == t->w[k].end &&
	       dword_in_sorted(t, k, relations, COUNT(relations));
}

/* "mother Sarah", "The father, Darren,", "partner: Jason Evans", "boyfriend (Kyle)". */
static void after_relation(const struct dtext *t, size_t k, struct cands *cs)
{
	if (!relation(t, k))
		return;
	size_t j = k;
	for (int f = 0;
	     f < 2 && dword_gap(t, j, " ", 2) && dword_is(t, j + 1, fillers, COUNT(fillers)); f++)
		j++;
	if (!dword_gap(t, j, " ,:-(\"'", 4))
		return;
	size_t n = j + 1;
	const struct dword *x = &t->w[n];
	bool word, fn = first_name(t, n, &word);
	bool unknown = x->cap && x->alpha && base_len(t, n) >= 2 && !ordinary(t, n) &&
		       !not_name(t, n) && !dword_is(t, n, titles, COUNT(titles));
	/* "Officer, Norfolk County Council": an unknown word before a capitalised ordinary
	 * word names a body or a place. */
	size_t after = n + 1;
	if (after + 1 < t->nw && dword_gap(t, n, " ", 2) && t->w[after].lower &&
	    (same_word(text(t, after), base_len(t, after), "and") ||
	     same_word(text(t, after), base_len(t, after), "of")))
		after++; /* "Norfolk and Waverley ...", "City of York" */
	if (unknown && !fn && after < t->nw && dword_gap(t, after - 1, " ", 2) && t->w[after].cap &&
	    (after > n + 1 ||
	     (ordinary(t, after) && !lexicon_surname(text(t, after), base_len(t, after)))))
		return;
	if ((x->cap && (fn || unknown)) || ((x->caps || x->lower) && fn && !word))
		add(t, cs, n, n, extend(t, n, 2));
}

static bool thing_after(const struct dtext *t, size_t k)
{
	if (!dword_gap(t, k, " ", 2))
		return false;
	if (t->w[k].base_end != t->w[k].end)
		return dword_is(t, k + 1, named_after, COUNT(named_after));
	return (t->w[k + 1].cap || t->w[k + 1].caps) && thing_word(t, k + 1);
}

/* "Jayden Smith", "Amira's", "Kacey-Leigh", "Oliver Hughes", "DANIELLE PRICE", "about Ruby
 * were"; and a name the lists do not know, when a surname or a relation says so: "Okafor
 * Smith", "Shanice (mum)", "Tiegan's mother". */
static void free_name(const struct dtext *t, size_t k, struct cands *cs)
{
	const struct dword *w = &t->w[k];
	if (!(w->cap || w->caps) || !w->alpha || base_len(t, k) < 2)
		return;
	if (k > 0 && dword_gap(t, k - 1, " ", 2) &&
	    dword_is(t, k - 1, place_before, COUNT(place_before)))
		return;
	if (thing_after(t, k))
		return;
	bool word, fn = first_name(t, k, &word);
	bool next_surname =
	    w->base_end == w->end && dword_gap(t, k, " ", 2) && surname_like(t, k + 1);
	if (w->caps && !(fn && !word && next_surname && t->w[k + 1].caps))
		return;
	/* "Shanice (mum)", "Tiegan's mother", "Jade (mum)". */
	bool relation_after = k + 1 < t->nw && relation(t, k + 1) &&
			      (w->base_end != w->end || dword_gap(t, k, " (-,", 3));
	if (!fn) {
		bool unknown = !ordinary(t, k) && !not_name(t, k);
		bool surname_after =
		    next_surname && lexicon_surname(text(t, k + 1), base_len(t, k + 1));
		if (unknown && (relation_after || surname_after))
			add(t, cs, k, k, surname_after ? k + 1 : k);
		return;
	}
	if (!word || next_surname) {
		/* Not "the Lucy Faithfull Foundation": named after a person, it is a body. */
		size_t last = extend(t, k, 2);
		if (!thing_after(t, last))
			add(t, cs, k, k, last);
		return;
	}
	if (relation_after) {
		add(t, cs, k, k, k);
		return;
	}
	/* An ordinary word capitalised alone mid-sentence is a name ("about Ruby were"). */
	bool cap_before =
	    k > 0 && (t->w[k - 1].cap || t->w[k - 1].caps) && dword_gap(t, k - 1, " ", 2);
	bool cap_after =
	    k + 1 < t->nw && (t->w[k + 1].cap || t->w[k + 1].caps) && dword_gap(t, k, " ", 2);
	/* A word in quotes is a label: "the 'Indigo' team". */
	bool quoted =
	    w->start > 0 && one_of(t->s[w->start - 1], "'\"") && one_of(t->s[w->end], "'\"");
	if (!w->sentence_start && !w->caps && !cap_before && !cap_after && !quoted &&
	    lexicon_common_first_name(text(t, k), base_len(t, k)))
		add(t, cs, k, k, k);
}

/* A capital letter standing alone as a word, with its full stop ("J." of "J.S."). */
static bool dotted_capital(const struct dtext *t, size_t k)
{
	return k < t->nw && t->w[k].end - t->w[k].start == 1 && is_upper(t->s[t->w[k].start]) &&
	       t->s[t->w[k].end] == '.';
}

/* Initials: two or three capitals each with its full stop, at most a space between ("J.S.",
 * "K. M. T."), which name a person to whoever knows the family, unless they spell a dotted
 * abbreviation ("U.K.", "D.O.B."). Not "Child A. A referral" (the second has no stop), nor
 * a longer run, an organisation's ("N.S.P.C.C."). */
static void initials(const struct dtext *t, size_t k, struct cands *cs)
{
	if (!dotted_capital(t, k) ||
	    (k > 0 && dotted_capital(t, k - 1) && dword_gap(t, k - 1, ". ", 2)))
		return;
	char letters[4] = {lower(t->s[t->w[k].start])};
	size_t n = 1, last = k;
	for (; dword_gap(t, last, ". ", 2) && dotted_capital(t, last + 1); last++, n++)
		if (n < 3)
			letters[n] = lower(t->s[t->w[last + 1].start]);
	if (n < 2 || n > 3 ||
	    bsearch(&(const char *){letters}, dotted_words, COUNT(dotted_words),
		    sizeof *dotted_words, str_ptr_cmp))
		return;
	size_t from = t->w[k].start, to = t->w[last].end + 1; /* with the last full stop */
	cands_add_named(cs, DISCLOSURE_PERSON, from, to, from, to);
}

/* A name typed in haste, all in small letters: "spoke to jayden alone", "tyler evans". Only a
 * listed first name that is no English word counts ("grace", "will" and "mark" do not), with
 * a listed surname after it. */
static void small_name(const struct dtext *t, size_t k, struct cands *cs)
{
	bool word;
	/* Most words are small: the list is asked first, as it rules out nearly all of them. */
	if (!t->w[k].lower || !lexicon_first_name(text(t, k), base_len(t, k)) ||
	    !first_name(t, k, &word) || word)
		return;
	size_t last = k;
	if (t->w[k].base_end == t->w[k].end && dword_gap(t, k, " ", 2) && t->w[k + 1].lower &&
	    lexicon_surname(text(t, k + 1), base_len(t, k + 1)))
		last = k + 1;
	add(t, cs, k, k, last);
}

void match_people(const struct dtext *t, struct cands *cs)
{
	for (size_t k = 0; k < t->nw; k++) {
		initials(t, k, cs);
		small_name(t, k, cs);
		after_title(t, k, cs);
		after_relation(t, k, cs);
		free_name(t, k, cs);
	}
}
