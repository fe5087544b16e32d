/* The store's edits of good practice, learning points and actions: what changes, the history
 * each change leaves, the closed-audit lock, unknown ids, and that a refused edit changes
 * nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "query_fixture.h"

static struct good_practice_row *gp_list(struct fx *f, size_t *n)
{
	struct good_practice_row *rows;
	assert_ok(f, store_good_practice_list(f->st, f->audit, &rows, n, &f->err));
	return rows;
}

static struct learning_point_row *lp_list(struct fx *f, size_t *n)
{
	struct learning_point_row *rows;
	assert_ok(f, store_learning_points(f->st, f->audit, &rows, n, &f->err));
	return rows;
}

/* Good practice */

static void test_good_practice_update(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_good_practice(f, "Routine enquiry.", "health", "Child A");
	struct good_practice_fields g = {.text = "Routine enquiry, asked when alone.",
					 .agencies = "health, csc",
					 .cases = "Child A",
					 .extra_json = "{\"theme\":\"x\"}"};
	size_t before = fx_history_count(f);
	assert_ok(f, store_good_practice_update(f->st, id, &g, &f->err));
	static const char *const want[] = {
	    "good-practice:Routine enquiry.>Routine enquiry, asked when alone.",
	    "good-practice-agencies:health>health, csc"};
	fx_expect_history(f, before, want, 2);
	size_t n;
	struct good_practice_row *rows = gp_list(f, &n);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].text, "Routine enquiry, asked when alone.");
	assert_string_equal(rows[0].agencies, "health, csc");
	assert_string_equal(rows[0].cases, "Child A");
	good_practice_rows_free(rows, n);
	/* NULL lists clear; NULL extra keeps the item's own. Unchanged text: no row for it. */
	g = (struct good_practice_fields){.text = "Routine enquiry, asked when alone."};
	before = fx_history_count(f);
	assert_ok(f, store_good_practice_update(f->st, id, &g, &f->err));
	static const char *const cleared[] = {"good-practice-agencies:health, csc>",
					      "good-practice-cases:Child A>"};
	fx_expect_history(f, before, cleared, 2);
	assert_int_equal(fx_query_int(f,
				      "SELECT extra = '{\"theme\":\"x\"}' FROM good_practice WHERE "
				      "id = %lld",
				      (long long)id),
			 1);
	/* Nothing changed: no history. */
	before = fx_history_count(f);
	assert_ok(f, store_good_practice_update(f->st, id, &g, &f->err));
	assert_int_equal(fx_history_count(f), before);
}

static void test_good_practice_update_refusals(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_good_practice(f, "Kept.", "", "");
	struct good_practice_fields empty = {.text = ""};
	expect_fail(&f->err, store_good_practice_update(f->st, id, &empty, &f->err), MACA_EUSER,
		    "needs its text");
	struct good_practice_fields bad = {.text = "\xff\xfe"};
	expect_fail(&f->err, store_good_practice_update(f->st, id, &bad, &f->err), MACA_EUSER,
		    "UTF-8");
	struct good_practice_fields g = {.text = "Changed."};
	expect_fail(&f->err, store_good_practice_update(f->st, id + 100, &g, &f->err),
		    MACA_ENOTFOUND, "no good practice item");
	fx_close(f);
	size_t before = fx_history_count(f);
	expect_fail(&f->err, store_good_practice_update(f->st, id, &g, &f->err), MACA_ELOCKED,
		    "closed");
	expect_fail(&f->err, store_good_practice_delete(f->st, id, &f->err), MACA_ELOCKED,
		    "closed");
	expect_fail(&f->err, store_good_practice_move(f->st, id, 1, &f->err), MACA_ELOCKED,
		    "closed");
	assert_int_equal(fx_history_count(f), before);
	size_t n;
	struct good_practice_row *rows = gp_list(f, &n);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].text, "Kept.");
	good_practice_rows_free(rows, n);
}

static void test_good_practice_delete_renumbers(void **state)
{
	struct fx *f = *state;
	int64_t one = fx_good_practice(f, "One.", "", "");
	int64_t two = fx_good_practice(f, "Two.", "", "");
	int64_t three = fx_good_practice(f, "Three.", "", "");
	size_t before = fx_history_count(f);
	assert_ok(f, store_good_practice_delete(f->st, two, &f->err));
	static const char *const want[] = {"good-practice:Two.>-"};
	fx_expect_history(f, before, want, 1);
	size_t n;
	struct good_practice_row *rows = gp_list(f, &n);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, one);
	assert_int_equal(rows[0].position, 1);
	assert_int_equal(rows[1].id, three);
	assert_int_equal(rows[1].position, 2);
	good_practice_rows_free(rows, n);
	expect_fail(&f->err, store_good_practice_delete(f->st, two, &f->err), MACA_ENOTFOUND,
		    "no good practice item");
	/* A new item goes after the last. */
	int64_t four = fx_good_practice(f, "Four.", "", "");
	rows = gp_list(f, &n);
	assert_int_equal(n, 3);
	assert_int_equal(rows[2].id, four);
	assert_int_equal(rows[2].position, 3);
	good_practice_rows_free(rows, n);
}

/* Learning points */

static void test_learning_point_update_replaces_links(void **state)
{
	struct fx *f = *state;
	fx_case(f, "Child A");
	fx_case(f, "Child B");
	int64_t lp = fx_point(f, "Old title", "Child A", "csc", "voice");
	struct named_list cases = {0}, agencies = {0}, sections = {0};
	assert_true(split_list("Child B, Child A", &cases) && split_list("health", &agencies) &&
		    split_list("assessment, identification", &sections));
	struct learning_point_fields fields = {.title = "New title",
					       .text = "New text.\nSecond line.",
					       .cases = &cases,
					       .agencies = &agencies,
					       .sections = &sections};
	size_t before = fx_history_count(f);
	assert_ok(f, store_learning_point_update(f->st, lp, &fields, &f->err));
	static const char links[] = "learning-point-links:cases: Child A; agencies: csc; sections: "
				    "voice>cases: Child A, Child B; agencies: health; sections: "
				    "identification, assessment";
	static const char *const want[] = {
	    "learning-point:Old title>New title",
	    "learning-point-text:What we learned.>New text.\nSecond line.", links};
	fx_expect_history(f, before, want, 3);
	size_t n;
	struct learning_point_row *rows = lp_list(f, &n);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "New title");
	assert_string_equal(rows[0].text, "New text.\nSecond line.");
	assert_int_equal(rows[0].cases.n, 2);
	assert_int_equal(rows[0].agencies.n, 1);
	assert_string_equal(rows[0].agencies.items[0].id, "health");
	assert_int_equal(rows[0].sections.n, 2);
	assert_string_equal(rows[0].sections.items[0].id, "identification");
	learning_point_rows_free(rows, n);

	/* The same again changes nothing and writes no history. */
	before = fx_history_count(f);
	assert_ok(f, store_learning_point_update(f->st, lp, &fields, &f->err));
	assert_int_equal(fx_history_count(f), before);

	/* NULL lists remove every link. */
	fields =
	    (struct learning_point_fields){.title = "New title", .text = "New text.\nSecond line."};
	assert_ok(f, store_learning_point_update(f->st, lp, &fields, &f->err));
	rows = lp_list(f, &n);
	assert_int_equal(rows[0].cases.n + rows[0].agencies.n + rows[0].sections.n, 0);
	learning_point_rows_free(rows, n);
	named_list_free(&cases);
	named_list_free(&agencies);
	named_list_free(&sections);
}

static void test_learning_point_update_refusals_change_nothing(void **state)
{
	struct fx *f = *state;
	fx_case(f, "Child A");
	int64_t lp = fx_point(f, "Title", "Child A", "csc", "voice");
	struct named_list list = {0};
	struct learning_point_fields fields = {.title = "Changed"};
	assert_true(named_add(&list, "Child Z", NULL));
	fields.cases = &list;
	expect_fail(&f->err, store_learning_point_update(f->st, lp, &fields, &f->err), MACA_EUSER,
		    "no case \"Child Z\"");
	fields.cases = NULL;
	fields.sections = &list;
	expect_fail(&f->err, store_learning_point_update(f->st, lp, &fields, &f->err), MACA_EUSER,
		    "no section 'Child Z'");
	fields.sections = NULL;
	fields.agencies = &list;
	expect_fail(&f->err, store_learning_point_update(f->st, lp, &fields, &f->err),
		    MACA_ENOTFOUND, "agency 'Child Z'");
	named_list_free(&list);
	fields = (struct learning_point_fields){.title = ""};
	expect_fail(&f->err, store_learning_point_update(f->st, lp, &fields, &f->err), MACA_EUSER,
		    "needs its text or a title");
	fields.title = "Changed";
	expect_fail(&f->err, store_learning_point_update(f->st, lp + 9, &fields, &f->err),
		    MACA_ENOTFOUND, "no learning point");
	size_t n;
	struct learning_point_row *rows = lp_list(f, &n);
	assert_string_equal(rows[0].title, "Title");
	assert_int_equal(rows[0].cases.n + rows[0].agencies.n + rows[0].sections.n, 3);
	learning_point_rows_free(rows, n);
	fx_close(f);
	expect_fail(&f->err, store_learning_point_update(f->st, lp, &fields, &f->err), MACA_ELOCKED,
		    "closed");
}

/* Actions */

static void test_action_update_records_each_field(void **state)
{
	struct fx *f = *state;
	int64_t lp = fx_point(f, "Point", "", "", "");
	int64_t id = fx_action(f, lp, "Refresh training", ACTION_NOT_STARTED);
	struct action_fields a = {.what = "Refresh training for MASH staff",
				  .owner_agency = "csc",
				  .due_date = "2026-06-30",
				  .measure = "Dip sample of 20 referrals",
				  .status = ACTION_IN_PROGRESS};
	size_t before = fx_history_count(f);
	assert_ok(f, store_action_update(f->st, id, &a, &f->err));
	static const char *const want[] = {
	    "action:Refresh training>Refresh training for MASH staff", "action-owner:police>csc",
	    "action-due:2026-03-31>2026-06-30", "action-status:not-started>in-progress"};
	fx_expect_history(f, before, want, 4);
	size_t n;
	struct learning_point_row *rows = lp_list(f, &n);
	const struct action_row *r = &rows[0].actions[0];
	assert_string_equal(r->what, "Refresh training for MASH staff");
	assert_string_equal(r->owner_agency, "csc");
	assert_string_equal(r->due_date, "2026-06-30");
	assert_int_equal(r->status, ACTION_IN_PROGRESS);
	learning_point_rows_free(rows, n);
	/* The same again: nothing written. */
	before = fx_history_count(f);
	assert_ok(f, store_action_update(f->st, id, &a, &f->err));
	assert_int_equal(fx_history_count(f), before);
}

static void test_action_update_refusals(void **state)
{
	struct fx *f = *state;
	int64_t lp = fx_point(f, "Point", "", "", "");
	int64_t id = fx_action(f, lp, "Refresh training", ACTION_NOT_STARTED);
	struct action_fields a = {.what = "Refresh", .owner_agency = "police"};
	a.what = "";
	expect_fail(&f->err, store_action_update(f->st, id, &a, &f->err), MACA_EUSER,
		    "needs to say what");
	a.what = "Refresh";
	a.due_date = "31/03/2026";
	expect_fail(&f->err, store_action_update(f->st, id, &a, &f->err), MACA_EUSER, "YYYY-MM-DD");
	a.due_date = NULL;
	a.owner_agency = "nobody";
	expect_fail(&f->err, store_action_update(f->st, id, &a, &f->err), MACA_ENOTFOUND,
		    "agency 'nobody'");
	a.owner_agency = "police";
	a.status = (enum action_status)9;
	expect_fail(&f->err, store_action_update(f->st, id, &a, &f->err), MACA_EUSER,
		    "unknown action status");
	a.status = ACTION_DONE;
	expect_fail(&f->err, store_action_update(f->st, id + 50, &a, &f->err), MACA_ENOTFOUND,
		    "no action");
	size_t n;
	struct learning_point_row *rows = lp_list(f, &n);
	assert_string_equal(rows[0].actions[0].what, "Refresh training");
	assert_int_equal(rows[0].actions[0].status, ACTION_NOT_STARTED);
	learning_point_rows_free(rows, n);
}

static void test_action_update_after_close_allows_status_only(void **state)
{
	struct fx *f = *state;
	int64_t lp = fx_point(f, "Point", "", "", "");
	int64_t id = fx_action(f, lp, "Refresh training", ACTION_NOT_STARTED);
	fx_close(f);
	struct action_fields a = {.what = "Refresh training",
				  .owner_agency = "police",
				  .due_date = "2026-03-31",
				  .measure = "Dip sample of 20 referrals",
				  .status = ACTION_DONE};
	size_t before = fx_history_count(f);
	assert_ok(f, store_action_update(f->st, id, &a, &f->err));
	static const char *const want[] = {"action-status:not-started>done"};
	fx_expect_history(f, before, want, 1);
	a.measure = "Something else";
	expect_fail(&f->err, store_action_update(f->st, id, &a, &f->err), MACA_ELOCKED, "closed");
	expect_fail(&f->err, store_action_delete(f->st, id, &f->err), MACA_ELOCKED, "closed");
	size_t n;
	struct learning_point_row *rows = lp_list(f, &n);
	assert_int_equal(rows[0].nactions, 1);
	assert_string_equal(rows[0].actions[0].measure, "Dip sample of 20 referrals");
	assert_int_equal(rows[0].actions[0].status, ACTION_DONE);
	learning_point_rows_free(rows, n);
}

static void test_action_delete_renumbers(void **state)
{
	struct fx *f = *state;
	int64_t lp = fx_point(f, "Point", "", "", "");
	int64_t one = fx_action(f, lp, "One", ACTION_NOT_STARTED);
	int64_t two = fx_action(f, lp, "Two", ACTION_NOT_STARTED);
	int64_t three = fx_action(f, lp, "Three", ACTION_NOT_STARTED);
	size_t before = fx_history_count(f);
	assert_ok(f, store_action_delete(f->st, one, &f->err));
	static const char *const want[] = {"action:One>-"};
	fx_expect_history(f, before, want, 1);
	size_t n;
	struct learning_point_row *rows = lp_list(f, &n);
	assert_int_equal(rows[0].nactions, 2);
	assert_int_equal(rows[0].actions[0].id, two);
	assert_int_equal(rows[0].actions[0].position, 1);
	assert_int_equal(rows[0].actions[1].id, three);
	assert_int_equal(rows[0].actions[1].position, 2);
	learning_point_rows_free(rows, n);
	expect_fail(&f->err, store_action_delete(f->st, one, &f->err), MACA_ENOTFOUND, "no action");
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_good_practice_update),
	    T(test_good_practice_update_refusals),
	    T(test_good_practice_delete_renumbers),
	    T(test_learning_point_update_replaces_links),
	    T(test_learning_point_update_refusals_change_nothing),
	    T(test_action_update_records_each_field),
	    T(test_action_update_refusals),
	    T(test_action_update_after_close_allows_status_only),
	    T(test_action_delete_renumbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
