/* What the matchers propose (disclosure_cands.h): candidates with their kind and rank, for
 * the driver (disclosure.c) to settle. */
#include <stdlib.h>

#include "disclosure_cands.h"

static int rank_of(enum disclosure_kind kind)
{
	switch (kind) {
	case DISCLOSURE_EMAIL:
	case DISCLOSURE_ACCOUNT:
		return 9;
	case DISCLOSURE_NHS:
	case DISCLOSURE_NINO:
	case DISCLOSURE_PHONE:
		return 8;
	case DISCLOSURE_DATE:
	case DISCLOSURE_POSTCODE:
	case DISCLOSURE_VEHICLE:
		return 7;
	case DISCLOSURE_AGE:
		return 6;
	case DISCLOSURE_ADDRESS:
	case DISCLOSURE_SCHOOL:
		return 5;
	case DISCLOSURE_REFERENCE:
		return 4;
	case DISCLOSURE_PERSON:
	case DISCLOSURE_NAME:
		return 3;
	case DISCLOSURE_COMBINATION: /* never found in text */
		break;
	}
	return 0;
}

static struct cand *grow(struct cands *cs)
{
	if (cs->failed)
		return NULL;
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 16;
		struct cand *c = realloc(cs->c, cap * sizeof *c);
		if (!c) {
			cs->failed = true;
			return NULL;
		}
		cs->c = c;
		cs->cap = cap;
	}
	return &cs->c[cs->n++];
}

void cands_add_named(struct cands *cs, enum disclosure_kind kind, size_t start, size_t end,
		     size_t core_start, size_t core_end)
{
	struct cand *c = end > start ? grow(cs) : NULL;
	if (c)
		*c = (struct cand){start, end,		 core_start, core_end,
				   kind,  rank_of(kind), true,	     false};
}

void cands_add(struct cands *cs, enum disclosure_kind kind, size_t start, size_t end)
{
	struct cand *c = end > start ? grow(cs) : NULL;
	if (c)
		*c = (struct cand){start, end, start, end, kind, rank_of(kind), false, false};
}

void cands_add_skip(struct cands *cs, size_t start, size_t end)
{
	struct cand *c = end > start ? grow(cs) : NULL;
	if (c)
		*c = (struct cand){start, end, start, end, DISCLOSURE_EMAIL, 0, false, true};
}
