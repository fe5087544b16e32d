/* Places that identify a family: street addresses ("12 Acacia Road", "7a Station Rd", "Flat
 * 3, Kestrel House", "lives on Chestnut Crescent", "18 beech grove"), housing estates named
 * by a word of their own ("the Kingsway estate") and the names of schools, nurseries and
 * academies ("St Aldric's RC Primary", "Oakridge Pre-School"). A school's name needs a word
 * of its own: "Free School Meals", "the Virtual School" and
 * "Forest School" are the trade's words, not a place. */
#include <string.h>

#include "disclosure_lexicon.h"
#include "disclosure_match.h"

static const char *const streets[] = {
    "road",	"rd",	   "street",	"st",	   "avenue",   "ave",	  "av",	      "lane",
    "ln",	"close",   "cl",	"drive",   "dr",       "way",	  "crescent", "cres",
    "court",	"ct",	   "place",	"pl",	   "grove",    "gardens", "gdns",     "terrace",
    "terr",	"tce",	   "walk",	"square",  "sq",       "hill",	  "rise",     "mews",
    "view",	"row",	   "park",	"green",   "parade",   "mount",	  "vale",     "boulevard",
    "yard",	"wharf",   "fold",	"chase",   "croft",    "gate",	  "garth",    "villas",
    "cottages", "meadow",  "meadows",	"fields",  "field",    "bank",	  "end",      "side",
    "wynd",	"lea",	   "paddock",	"orchard", "approach", "dale",	  "nook",     "glade",
    "grange",	"heights", "hollow",	"link",	   "mead",     "ridge",	  "spinney",  "copse",
    "circle",	"circus",  "esplanade", "quay",	   "precinct", "estate",  "brow",     "crest",
    "crossing", "ings",	   "gill",	"common"};
/* Street words that name a street with no house number before them. */
static const char *const strong_streets[] = {"road",	 "street",  "avenue", "lane",
					     "crescent", "terrace", "mews",   "gardens"};
static const char *const buildings[] = {"house",    "court",	 "lodge",   "tower", "towers",
					"mansions", "buildings", "heights", "block", "point",
					"villas",   "cottages",	 "hall",    "flats", "apartments"};
static const char *const dwellings[] = {"flat", "apartment", "apt", "unit", "room"};
static const char *const moves[] = {
    "lives",   "living",   "lived",   "live",  "moved",	 "moving", "move",	"address",
    "resides", "residing", "staying", "stays", "stayed", "placed", "relocated", "housed"};
static const char *const move_fillers[] = {"at", "on", "to", "in", "near", "into"};
static const char *const institutions[] = {
    "school",  "academy",      "nursery",   "pre-school", "preschool", "college",
    "primary", "infants",      "infant",    "juniors",	  "junior",    "high",
    "grammar", "kindergarten", "playgroup", "montessori", "federation"};
static const char *const generic[] = {
    "the",	   "a",		  "an",	       "his",	       "her",
    "their",	   "our",	  "my",	       "your",	       "its",
    "this",	   "that",	  "every",     "each",	       "any",
    "all",	   "another",	  "other",     "new",	       "previous",
    "current",	   "local",	  "same",      "secondary",    "special",
    "independent", "free",	  "virtual",   "forest",       "boarding",
    "residential", "private",	  "state",     "community",    "village",
    "mainstream",  "alternative", "education", "educational",  "provision",
    "health",	   "social",	  "care",      "safeguarding", "head",
    "designated",  "teacher",	  "mental",    "youth",	       "further",
    "sixth",	   "form",	  "day",       "pupil",	       "referral",
    "unit",	   "specialist",  "hospital",  "medical",      "upper",
    "lower",	   "middle",	  "child",     "children",     "catholic",
    "church",	   "ce",	  "rc",	       "cofe",	       "c",
    "e",	   "of",	  "and",       "england",      "english",
    "trust",	   "multi",	  "mat",       "holiday",      "evening",
    "language",	   "music",	  "dance",     "drama",	       "sports",
    "football",	   "driving",	  "national",  "public",       "open",
    "university",  "early",	  "years",     "pre",	       "online",
    "home",	   "parent",	  "parents",   "family",       "one",
    "two",	   "first",	  "second",    "at",	       "to",
    "in",	   "from",	  "attends",   "attended",     "attending",
    "academy",	   "school",	  "college",   "nursery"};

static bool any_case_cap(const struct dword *w)
{
	return w->cap || w->caps;
}

/* A house number: "12", "7a", "1-3". */
static bool house_number(const struct dtext *t, size_t k)
{
	const char *s = t->s + t->w[k].start;
	size_t n = t->w[k].end - t->w[k].start, i = 0;
	while (i < n && is_digit(s[i]))
		i++;
	if (i == 0 || i > 4)
		return false;
	if (i == n)
		return true;
	if (i + 1 == n && is_letter(s[i]))
		return true;
	size_t j = i + 1;
	while (j < n && is_digit(s[j]))
		j++;
	return s[i] == '-' && j == n && j > i + 1;
}

/* The street name words from k on, ending in a street word: returns the street word's
 * index, or 0. lower: the address is written all in small letters. */
static size_t street_from(const struct dtext *t, size_t k, bool lower, bool strong_only)
{
	for (size_t n = 0; n < 4 && k + n < t->nw; n++) {
		size_t j = k + n;
		const struct dword *w = &t->w[j];
		if (n > 0 && !dword_gap(t, j - 1, " .", 3))
			return 0;
		if (!(lower ? w->lower : any_case_cap(w)) || !w->alpha)
			return 0;
		if (n > 0 && (strong_only ? dword_is(t, j, strong_streets, COUNT(strong_streets))
					  : dword_is(t, j, streets, COUNT(streets))))
			return j;
	}
	return 0;
}

static void addresses(const struct dtext *t, size_t k, struct cands *cs)
{
	const struct dword *w = &t->w[k];
	/* "Flat 3", "Flat 3, Kestrel House". */
	if (w->cap && dword_is(t, k, dwellings, COUNT(dwellings)) && dword_gap(t, k, " ", 2) &&
	    house_number(t, k + 1)) {
		size_t end = k + 1;
		if (dword_gap(t, k + 1, " ,", 3)) {
			for (size_t n = 0; n < 3 && k + 2 + n < t->nw; n++) {
				size_t j = k + 2 + n;
				if (!any_case_cap(&t->w[j]))
					break;
				if (n > 0 && dword_is(t, j, buildings, COUNT(buildings))) {
					end = j;
					break;
				}
				if (!dword_gap(t, j, " ", 2))
					break;
			}
		}
		cands_add_named(cs, DISCLOSURE_ADDRESS, w->start, t->w[end].end, w->start,
				t->w[end].end);
		return;
	}
	/* "12 Acacia Road", "22 St Mary's Walk", "2 The Paddock", "18 beech grove". */
	if (house_number(t, k) && dword_gap(t, k, " ,", 3)) {
		size_t end = street_from(t, k + 1, false, false);
		if (!end)
			end = street_from(t, k + 1, true, false);
		if (end)
			cands_add_named(cs, DISCLOSURE_ADDRESS, w->start, t->w[end].end,
					t->w[k + 1].start, t->w[end].end);
		return;
	}
	/* "Wellington Street"; "moved to Oak Close". */
	if (!any_case_cap(w) || !w->alpha || dword_is(t, k, generic, COUNT(generic)))
		return;
	if (k > 0 && any_case_cap(&t->w[k - 1]) && dword_gap(t, k - 1, " ", 2))
		return; /* not the start of the run of capitalised words */
	bool moved =
	    cue_before(t, w->start, moves, COUNT(moves), move_fillers, COUNT(move_fillers), 1);
	size_t end = street_from(t, k, false, !moved);
	if (end)
		cands_add_named(cs, DISCLOSURE_ADDRESS, w->start, t->w[end].end, w->start,
				t->w[end].end);
}

/* A housing estate named by a word of its own, however "estate" is written: "the Kingsway
 * estate", "Broadwater Farm Estate"; not "the Crown Estate" or "a housing estate", whose
 * words are the language's. k is the word "estate". */
static void estate(const struct dtext *t, size_t k, struct cands *cs)
{
	static const char *const words[] = {"estate"};
	if (k == 0 || !dword_is(t, k, words, 1))
		return;
	size_t first = k;
	bool own = false;
	while (first > 0 && k - first < 3 && dword_gap(t, first - 1, " ", 2) &&
	       any_case_cap(&t->w[first - 1]) && t->w[first - 1].alpha) {
		const struct dword *w = &t->w[--first];
		own |= !w->caps && !dword_is(t, first, generic, COUNT(generic)) &&
		       !lexicon_ordinary_word(t->s + w->start, w->base_end - w->start) &&
		       !lexicon_not_name(t->s + w->start, w->base_end - w->start);
	}
	if (own)
		cands_add_named(cs, DISCLOSURE_ADDRESS, t->w[first].start, t->w[k].end,
				t->w[first].start, t->w[k].end);
}

static bool institution(const struct dtext *t, size_t k)
{
	if (!any_case_cap(&t->w[k]) || !dword_is(t, k, institutions, COUNT(institutions)))
		return false;
	/* Before another capitalised word, a school word is a modifier ("School Nurse",
	 * "Academy Trust", "Primary Care") unless that word is a school word too. */
	if (k + 1 >= t->nw || !dword_gap(t, k, " ", 2) || !any_case_cap(&t->w[k + 1]))
		return true;
	return dword_is(t, k + 1, institutions, COUNT(institutions));
}

/* A capitalised run ending in school words: "Wexcombe Primary School", "St Aldric's RC
 * Primary". k is the first word of the run. */
static void school(const struct dtext *t, size_t k, struct cands *cs)
{
	if (!any_case_cap(&t->w[k]) || (k > 0 && dword_gap(t, k - 1, " ", 2) &&
					(any_case_cap(&t->w[k - 1]) || institution(t, k - 1))))
		return;
	bool own = false;
	size_t j = k;
	for (; j < t->nw && j < k + 6; j++) {
		const struct dword *w = &t->w[j];
		bool inner = (j > k && (t->s[w->start] == '&' ||
					same_word(t->s + w->start, w->end - w->start, "of") ||
					same_word(t->s + w->start, w->end - w->start, "and")));
		if (!any_case_cap(w) && !inner)
			return;
		if (institution(t, j))
			break;
		own |= !dword_is(t, j, generic, COUNT(generic)) && !inner &&
		       !lexicon_not_name(t->s + w->start, w->base_end - w->start);
		if (!dword_gap(t, j, " .", 3))
			return;
	}
	if (j >= t->nw || j == t->nw || !institution(t, j) || !own)
		return;
	while (j + 1 < t->nw && dword_gap(t, j, " ", 2) && institution(t, j + 1))
		j++;
	cands_add_named(cs, DISCLOSURE_SCHOOL, t->w[k].start, t->w[j].base_end, t->w[k].start,
			t->w[j].base_end);
}

void match_places(const struct dtext *t, struct cands *cs)
{
	for (size_t k = 0; k < t->nw; k++) {
		addresses(t, k, cs);
		estate(t, k, cs);
		school(t, k, cs);
	}
}
