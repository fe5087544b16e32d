/* Small numbers suppressed, and combinations of features that single a case out: see
 * published.h for the rule. */
#include "published.h"

#include <stdlib.h>
#include <string.h>

/* The most a hidden count can be, as a reader who knows this rule can tell: it was hidden
 * because it was the smallest count shown at the time (the first of equals), so it is no
 * more than any count still shown, and less than one shown before it in the row. */
static size_t hidden_cap(const size_t *counts, size_t n, const enum published_state *states,
			 size_t i, size_t total)
{
	size_t cap = total;
	for (size_t j = 0; j < n; j++) {
		if (states[j] != PUBLISHED_SHOWN)
			continue;
		size_t most = j < i ? (counts[j] ? counts[j] - 1 : 0) : counts[j];
		if (most < cap)
			cap = most;
	}
	return cap;
}

/* Whether a reader could work out any count below the threshold exactly (other than as 0), from
 * what is published alone: the total, the counts shown, and the range each suppressed count is
 * known to lie in. Decided from published facts only (never from whether a suppressed
 * count is in truth zero), so that the decision itself tells the reader nothing more. */
static bool any_worked_out(const size_t *counts, size_t n, size_t t,
			   const enum published_state *states)
{
	size_t total = 0, shown = 0, lo_sum = 0, hi_sum = 0;
	for (size_t i = 0; i < n; i++)
		total += counts[i];
	size_t *lo = malloc((n ? n : 1) * sizeof *lo), *hi = malloc((n ? n : 1) * sizeof *hi);
	if (!lo || !hi) {
		free(lo);
		free(hi);
		return true; /* out of memory: the caller hides what it can */
	}
	for (size_t i = 0; i < n; i++) {
		lo[i] = hi[i] = counts[i];
		if (states[i] == PUBLISHED_SHOWN) {
			shown += counts[i];
			continue;
		}
		lo[i] = states[i] == PUBLISHED_FEWER ? 0 : t;
		hi[i] =
		    states[i] == PUBLISHED_FEWER ? t - 1 : hidden_cap(counts, n, states, i, total);
		if (hi[i] < lo[i])
			hi[i] = lo[i];
		lo_sum += lo[i];
		hi_sum += hi[i];
	}
	size_t rest = total - shown; /* what the suppressed counts add up to */
	bool worked_out = false;
	for (size_t i = 0; i < n && !worked_out; i++) {
		if (states[i] != PUBLISHED_FEWER)
			continue;
		size_t others_lo = lo_sum - lo[i], others_hi = hi_sum - hi[i];
		/* Its smallest and largest possible values, given the others' ranges. */
		size_t min =
		    rest > others_hi && rest - others_hi > lo[i] ? rest - others_hi : lo[i];
		size_t max =
		    rest >= others_lo && rest - others_lo < hi[i] ? rest - others_lo : hi[i];
		/* Known to be exactly 0 tells nothing about a child; exactly 1 or more does. */
		worked_out = max <= min;
	}
	free(lo);
	free(hi);
	return worked_out;
}

bool published_row(const size_t *counts, size_t n, size_t threshold, enum published_state *states)
{
	for (size_t i = 0; i < n; i++)
		states[i] = threshold && counts[i] < threshold ? PUBLISHED_FEWER : PUBLISHED_SHOWN;
	if (!threshold)
		return true;
	while (any_worked_out(counts, n, threshold, states)) {
		size_t pick = n;
		for (size_t i = 0; i < n; i++)
			if (states[i] == PUBLISHED_SHOWN && (pick == n || counts[i] < counts[pick]))
				pick = i;
		if (pick == n) {
			for (size_t i = 0; i < n; i++)
				states[i] = PUBLISHED_HIDDEN;
			return false;
		}
		states[pick] = PUBLISHED_HIDDEN;
	}
	return true;
}

enum published_state published_alone(size_t count, size_t threshold)
{
	return count < threshold ? PUBLISHED_FEWER : PUBLISHED_SHOWN;
}

void published_count(struct sbuf *b, size_t count, enum published_state state, size_t threshold)
{
	switch (state) {
	case PUBLISHED_SHOWN:
		sbuf_addf(b, "%zu", count);
		break;
	case PUBLISHED_FEWER:
		sbuf_addf(b, "fewer than %zu", threshold);
		break;
	case PUBLISHED_HIDDEN:
		sbuf_add(b, "not shown");
		break;
	}
}

/* How many cases have the tag. */
static size_t tag_cases(const struct case_info *cases, size_t ncases, const char *tag)
{
	size_t n = 0;
	for (size_t c = 0; c < ncases; c++)
		n += named_find(&cases[c].tags, tag) != NULL;
	return n;
}

int published_check_features(const struct case_info *cases, size_t ncases,
			     const struct named_list *labels, struct disclosure_list *found,
			     struct maca_err *err)
{
	for (size_t c = 0; c < ncases; c++) {
		const struct named_list *tags = &cases[c].tags;
		struct sbuf match = {0};
		size_t only = 0;
		for (size_t t = 0; t < tags->n; t++) {
			const char *id = tags->items[t].id;
			if (tag_cases(cases, ncases, id) != 1)
				continue;
			const struct named *l = named_find(labels, id);
			sbuf_add(&match, only++ ? " + " : "");
			sbuf_add(&match, l ? l->label : id);
		}
		int rc = MACA_OK;
		if (match.failed) {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		} else if (only >= 2) {
			char *where =
			    str_fmt("case %zu, features (%zu that no other case has)", c + 1, only);
			size_t before = found->n;
			rc = where ? disclosure_add(found, DISCLOSURE_COMBINATION, match.data,
						    where, err)
				   : err_set(err, MACA_ENOMEM, "out of memory");
			/* About the case as a whole: no field of it holds the combination. */
			if (!rc)
				disclosure_list_place(found, before, DISCLOSURE_IN_CASE,
						      cases[c].id, NULL);
			free(where);
		}
		sbuf_free(&match);
		if (rc)
			return rc;
	}
	return MACA_OK;
}
