/* Small numbers in what is published (findings' published.h): the primary and secondary
 * rule on rows of counts, checked on examples and, exhaustively, against a reader who knows
 * the rule and tries every set of counts that would have been published the same way; and
 * the check for a combination of features that one case alone has. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "published.h"

enum { S = PUBLISHED_SHOWN, F = PUBLISHED_FEWER, H = PUBLISHED_HIDDEN };

static void expect_row(const size_t *counts, size_t n, size_t t, bool published, const int *want)
{
	enum published_state got[8];
	assert_int_equal(published_row(counts, n, t, got), published);
	for (size_t i = 0; i < n; i++)
		if ((int)got[i] != want[i])
			fail_msg("cell %zu: got state %d, want %d", i, got[i], want[i]);
}

static void test_primary_and_secondary(void **state)
{
	(void)state;
	/* Six cases: 4 Good, 2 Requires improvement, none elsewhere. Five counts below 3 share
	 * the 2 left over: none of them can be worked out, so Good is shown. */
	expect_row((size_t[]){0, 4, 2, 0, 0}, 5, 3, true, (int[]){F, S, F, F, F});
	/* Two counts: 5 and 1 of six. The 1 is the total less 5: the 5 is hidden too. */
	expect_row((size_t[]){5, 1}, 2, 3, true, (int[]){H, F});
	/* 3, 4 and 1 of eight: hiding the 3 (the smallest shown) is enough. */
	expect_row((size_t[]){3, 4, 1}, 3, 3, true, (int[]){H, S, F});
	/* Two counts below 3 summing to four are both 2: nothing can protect them. */
	expect_row((size_t[]){2, 2}, 2, 3, false, (int[]){H, H});
	/* Everything shown when suppression is off, or nothing is small. */
	expect_row((size_t[]){0, 1, 2}, 3, 0, true, (int[]){S, S, S});
	expect_row((size_t[]){3, 4, 5}, 3, 3, true, (int[]){S, S, S});
	/* "All six were Good" is a fact about every child: hidden, the zeros shown as small. */
	expect_row((size_t[]){0, 6, 0, 0}, 4, 3, true, (int[]){F, H, F, F});
}

static void test_words(void **state)
{
	(void)state;
	struct sbuf b = {0};
	published_count(&b, 4, PUBLISHED_SHOWN, 3);
	sbuf_add(&b, "; ");
	published_count(&b, 1, PUBLISHED_FEWER, 3);
	sbuf_add(&b, "; ");
	published_count(&b, 7, PUBLISHED_HIDDEN, 3);
	assert_string_equal(b.data, "4; fewer than 3; not shown");
	sbuf_free(&b);
	assert_int_equal(published_alone(2, 3), PUBLISHED_FEWER);
	assert_int_equal(published_alone(3, 3), PUBLISHED_SHOWN);
	assert_int_equal(published_alone(0, 0), PUBLISHED_SHOWN);
}

/* Every row of n counts adding up to total, with its publication. */
struct rows {
	size_t n, count;
	size_t *counts;		      /* count * n */
	enum published_state *states; /* count * n */
};

static void fill(struct rows *r, size_t *v, size_t i, size_t left, size_t t)
{
	if (i + 1 == r->n) {
		v[i] = left;
		memcpy(&r->counts[r->count * r->n], v, r->n * sizeof *v);
		published_row(v, r->n, t, &r->states[r->count * r->n]);
		r->count++;
		return;
	}
	for (size_t x = 0; x <= left; x++) {
		v[i] = x;
		fill(r, v, i + 1, left - x, t);
	}
}

static bool published_alike(const struct rows *r, size_t a, size_t b)
{
	for (size_t i = 0; i < r->n; i++) {
		enum published_state sa = r->states[a * r->n + i], sb = r->states[b * r->n + i];
		if (sa != sb ||
		    (sa == PUBLISHED_SHOWN && r->counts[a * r->n + i] != r->counts[b * r->n + i]))
			return false;
	}
	return true;
}

/* The reader knows the total, what is published and the rule itself, and tries every row
 * that would have been published alike: for every published row, each suppressed count of 1
 * or 2 (up to the threshold) must still have two or more possible values. A withheld row
 * (every count "not shown") happens only when so few cases spread so evenly that nothing
 * can protect them. Exhaustive for rows of 2 to 6 counts (an Ofsted scale, not-applicable
 * and not yet agreed make 6) and audits of up to 10 cases, thresholds 3 and 4. */
static void test_no_count_worked_out_by_a_reader_who_knows_the_rule(void **state)
{
	(void)state;
	size_t withheld = 0, rows = 0;
	for (size_t t = 3; t <= 4; t++)
		for (size_t n = 2; n <= 6; n++)
			for (size_t total = 0; total <= 10; total++) {
				size_t max = 1;
				for (size_t k = 1; k < n; k++) /* C(total + n - 1, n - 1) */
					max = max * (total + k) / k;
				struct rows r = {.n = n};
				r.counts = malloc(max * n * sizeof *r.counts);
				r.states = malloc(max * n * sizeof *r.states);
				assert_non_null(r.counts);
				assert_non_null(r.states);
				size_t v[8];
				fill(&r, v, 0, total, t);
				assert_int_equal(r.count, max);
				for (size_t a = 0; a < r.count; a++) {
					rows++;
					bool all_hidden = true;
					for (size_t i = 0; i < n; i++)
						all_hidden &=
						    r.states[a * n + i] == PUBLISHED_HIDDEN;
					if (all_hidden) {
						withheld++;
						continue;
					}
					for (size_t i = 0; i < n; i++) {
						size_t c = r.counts[a * n + i];
						if (r.states[a * n + i] == PUBLISHED_SHOWN ||
						    c == 0 || c >= t)
							continue;
						bool other = false;
						for (size_t b = 0; b < r.count && !other; b++)
							other = r.counts[b * n + i] != c &&
								published_alike(&r, a, b);
						if (!other)
							fail_msg(
							    "t=%zu, %zu counts of %zu cases: count "
							    "%zu of row %zu can be worked out",
							    t, n, total, i, a);
					}
				}
				free(r.counts);
				free(r.states);
			}
	print_message("%zu rows checked, %zu withheld as a whole\n", rows, withheld);
}

static void test_features_that_single_a_case_out(void **state)
{
	(void)state;
	struct case_info cases[3] = {{.id = 11}, {.id = 12}, {.id = 13}};
	const char *tags[3] = {"nrpf, homelessness, drugs", "drugs", "homelessness-2, mh"};
	for (size_t i = 0; i < 3; i++)
		assert_true(split_list(tags[i], &cases[i].tags));
	struct named_list labels = {0};
	assert_true(named_add(&labels, "nrpf", "No recourse to public funds"));
	assert_true(named_add(&labels, "homelessness", "Homelessness"));
	struct disclosure_list found = {0};
	struct maca_err err = {0};
	assert_int_equal(published_check_features(cases, 3, &labels, &found, &err), MACA_OK);
	/* Case 1 alone has two (drugs is shared); case 3 alone has two too, by their ids. */
	assert_int_equal(found.n, 2);
	assert_int_equal(found.items[0].kind, DISCLOSURE_COMBINATION);
	assert_string_equal(found.items[0].match, "No recourse to public funds + Homelessness");
	assert_string_equal(found.items[0].where, "case 1, features (2 that no other case has)");
	assert_int_equal(found.items[0].place, DISCLOSURE_IN_CASE);
	assert_int_equal(found.items[0].place_id, 11);
	assert_int_equal(strlen(found.items[0].fingerprint), 16);
	assert_string_equal(found.items[1].match, "homelessness-2 + mh");
	assert_int_equal(found.items[1].place_id, 13);
	disclosure_list_free(&found);
	/* One feature of its own is not a combination. */
	named_list_free(&cases[2].tags);
	assert_true(split_list("mh, drugs", &cases[2].tags));
	assert_int_equal(published_check_features(cases, 3, &labels, &found, &err), MACA_OK);
	assert_int_equal(found.n, 1);
	disclosure_list_free(&found);
	for (size_t i = 0; i < 3; i++)
		named_list_free(&cases[i].tags);
	named_list_free(&labels);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_primary_and_secondary),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_no_count_worked_out_by_a_reader_who_knows_the_rule),
	    cmocka_unit_test(test_features_that_single_a_case_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
