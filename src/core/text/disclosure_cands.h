/* What the disclosure check's matchers propose (disclosure_cands.c), for the driver
 * (disclosure.c) to settle. Private to src/core/text. */
#ifndef MACA_DISCLOSURE_CANDS_H
#define MACA_DISCLOSURE_CANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "disclosure.h"

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

#endif
