/* Counts of cases in what the partnership publishes (the briefing in every layout and the
 * partnership report), with small numbers suppressed, and the check that a combination of
 * case features does not single a family out. Plain C, no store, nothing printed.
 *
 * The rule, as maca(1) documents it under "Small numbers":
 * - Primary: a count below the threshold t, zero included, reads "fewer than t". (Zeros are
 *   suppressed too, so that "fewer than 3" never tells a reader that the count is 1 or 2.)
 * - Secondary: a row of counts whose total the reader knows (an audit's cases over the
 *   grades of a section, with "not yet agreed") must not let any suppressed count other
 *   than zero be worked back out. For each such count, the values it could take, given the
 *   total, the counts shown and what each suppressed count is said to be (below t, or t and
 *   over for one hidden by this step), must be two or more. While one could be worked out,
 *   the smallest count still shown (the first of equals in the row) reads "not shown" too.
 * - When nothing is left to hide and a count could still be worked out, the whole row is
 *   not shown.
 * - A count with no total beside it (the cases having a theme) has only the primary rule.
 * - A threshold of 0 turns suppression off. */
#ifndef MACA_PUBLISHED_H
#define MACA_PUBLISHED_H

#include <stdbool.h>
#include <stddef.h>

#include "disclosure.h"
#include "err.h"
#include "sbuf.h"
#include "store.h"

/* The default threshold: counts below it are suppressed. */
#define PUBLISHED_SMALL_COUNT 3

enum published_state {
	PUBLISHED_SHOWN,
	PUBLISHED_FEWER,  /* below the threshold: "fewer than t" */
	PUBLISHED_HIDDEN, /* hidden so that another cannot be worked out: "not shown" */
};

/* Decides how each of the n counts of a row is published; the row's total (their sum) is
 * taken as known to the reader. Returns false when the row as a whole cannot be published
 * (every state is then PUBLISHED_HIDDEN). */
bool published_row(const size_t *counts, size_t n, size_t threshold, enum published_state *states);

/* How a count with no known total beside it is published. */
enum published_state published_alone(size_t count, size_t threshold);

/* Appends the count as published: "4", "fewer than 3" or "not shown". */
void published_count(struct sbuf *b, size_t count, enum published_state state, size_t threshold);

/* Appends a DISCLOSURE_COMBINATION finding (place: the case) for every case that alone has
 * two or more features (tags) that no other case of the audit has: a reader who knows one
 * of them may learn the rest. labels names the tags (the template's; an unknown tag is
 * named by its id). */
int published_check_features(const struct case_info *cases, size_t ncases,
			     const struct named_list *labels, struct disclosure_list *found,
			     struct maca_err *err);

#endif
