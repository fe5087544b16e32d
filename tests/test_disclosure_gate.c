/* The disclosure decisions: the store's record of a finding accepted for publishing (who,
 * when, which text in which record, why; its history row; its refusals; gone with its
 * record), and the gate over it (disclosure_gate.h): an acceptance holds for its text in its
 * record's field only, survives edits around the text, not a change of the text itself, and
 * holds in every document that publishes the text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>

#include "briefing.h"
#include "disclosure_gate.h"
#include "export_cases.h"
#include "query_fixture.h"

static const char *const PHONE = "Rang mum on 07700 900123 at home.";

/* The briefing's findings and what was decided on them. */
struct gate {
	struct disclosure_list found;
	struct disclosure_decisions dd;
};

static void gate_read(struct fx *f, struct gate *g)
{
	*g = (struct gate){0};
	struct briefing_options opt = {0};
	char *md = NULL;
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &g->found, &f->err));
	free(md);
	assert_ok(f, disclosure_gate_decide(f->st, &g->found, &g->dd, &f->err));
}

static void gate_free(struct gate *g)
{
	disclosure_decisions_free(&g->dd);
	disclosure_list_free(&g->found);
}

/* The index of the finding of match in g (the test fails without one). */
static size_t finding_of(const struct gate *g, const char *match)
{
	for (size_t i = 0; i < g->found.n; i++)
		if (strcmp(g->found.items[i].match, match) == 0)
			return i;
	fail_msg("no finding \"%s\"", match);
	return 0;
}

static void accept_match(struct fx *f, const char *match, const char *reason)
{
	struct gate g;
	gate_read(f, &g);
	assert_ok(f, disclosure_gate_accept(f->st, &g.found.items[finding_of(&g, match)], reason,
					    &f->err));
	gate_free(&g);
}

/* ---- the store's record ---- */

static void test_acceptance_kept_with_who_when_what_why(void **state)
{
	struct fx *f = *state;
	assert_ok(f, store_set_origin(f->st, "Jo Chair", "command line", &f->err));
	int64_t gp = fx_good_practice(f, PHONE, "", "");
	struct acceptance_key key = {STORE_RECORD_GOOD_PRACTICE, gp, "text", "00112233aabbccdd"};
	size_t before = fx_history_count(f);
	int64_t id = 0;
	assert_ok(f, store_acceptance_add(f->st, &key, "phone number", "07700 900123",
					  "The service's duty line", &id, &f->err));
	assert_true(id > 0);
	static const char *const want[] = {"disclosure-accepted:->07700 900123"};
	fx_expect_history(f, before, want, 1);
	struct history_row *rows;
	size_t n;
	assert_ok(f, store_history_list(f->st, f->audit, &rows, &n, &f->err));
	assert_string_equal(rows[n - 1].reason, "The service's duty line");
	assert_string_equal(rows[n - 1].author, "Jo Chair");
	char item[64];
	snprintf(item, sizeof item, "good-practice %lld text", (long long)gp);
	assert_string_equal(rows[n - 1].item, item);
	history_list_free(rows, n);

	struct acceptance a;
	bool found = false;
	assert_ok(f, store_acceptance_find(f->st, &key, &a, &found, &f->err));
	assert_true(found);
	assert_int_equal(a.id, id);
	assert_int_equal(a.audit_id, f->audit);
	assert_int_equal(a.record, STORE_RECORD_GOOD_PRACTICE);
	assert_int_equal(a.record_id, gp);
	assert_string_equal(a.field, "text");
	assert_string_equal(a.kind, "phone number");
	assert_string_equal(a.match, "07700 900123");
	assert_string_equal(a.reason, "The service's duty line");
	assert_string_equal(a.author, "Jo Chair");
	assert_int_equal(strlen(a.at), 24); /* 2026-01-01T00:00:00.000Z */
	acceptance_free(&a);

	/* Another field of the same record, or another fingerprint: none. */
	struct acceptance_key other = key;
	other.field = "title";
	assert_ok(f, store_acceptance_find(f->st, &other, &a, &found, &f->err));
	assert_false(found);
	other = key;
	other.fingerprint = "ffffffffffffffff";
	assert_ok(f, store_acceptance_find(f->st, &other, &a, &found, &f->err));
	assert_false(found);

	struct acceptance *list;
	assert_ok(f, store_acceptance_list(f->st, f->audit, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].match, "07700 900123");
	acceptances_free(list, n);
}

static void test_acceptance_refusals(void **state)
{
	struct fx *f = *state;
	int64_t gp = fx_good_practice(f, PHONE, "", "");
	struct acceptance_key key = {STORE_RECORD_GOOD_PRACTICE, gp, "text", "00112233aabbccdd"};
	expect_fail(&f->err,
		    store_acceptance_add(f->st, &key, "phone number", "x", "", NULL, &f->err),
		    MACA_EUSER, "needs a reason");
	expect_fail(&f->err,
		    store_acceptance_add(f->st, &key, "phone number", "x", " \n ", NULL, &f->err),
		    MACA_EUSER, "needs a reason");
	expect_fail(
	    &f->err,
	    store_acceptance_add(f->st, &key, "phone number", "x", "bad \xff", NULL, &f->err),
	    MACA_EUSER, "reason");
	struct acceptance_key gone = key;
	gone.record_id = gp + 100;
	expect_fail(&f->err,
		    store_acceptance_add(f->st, &gone, "phone number", "x", "ok", NULL, &f->err),
		    MACA_ENOTFOUND, "no good practice item");
	assert_ok(f,
		  store_acceptance_add(f->st, &key, "phone number", "x", "first", NULL, &f->err));
	expect_fail(&f->err,
		    store_acceptance_add(f->st, &key, "phone number", "x", "second", NULL, &f->err),
		    MACA_EEXIST, "accepted already");
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM disclosure_acceptance"), 1);
	assert_int_equal(
	    fx_query_int(f, "SELECT count(*) FROM history WHERE field = 'disclosure-accepted'"), 1);
}

/* The decision is about what is published, not a change to the record: allowed once the
 * audit is closed, when its text can no longer be fixed. */
static void test_acceptance_on_closed_audit(void **state)
{
	struct fx *f = *state;
	fx_good_practice(f, PHONE, "", "");
	fx_close(f);
	accept_match(f, "07700 900123", "The duty line, published on the council's site");
	struct gate g;
	gate_read(f, &g);
	assert_int_equal(g.dd.open, 0);
	gate_free(&g);
}

/* Deleting a record deletes its acceptances, so that a record given its id later inherits
 * none; the history keeps them. */
static void test_acceptance_goes_with_its_record(void **state)
{
	struct fx *f = *state;
	int64_t gp = fx_good_practice(f, PHONE, "", "");
	int64_t lp = fx_point(f, "Mrs Patel was not asked", "", "", "");
	int64_t act = fx_action(f, lp, "Ring 07700 900456 weekly", ACTION_NOT_STARTED);
	int64_t c = fx_case(f, "Jayden Smith");
	accept_match(f, "07700 900123", "one");
	accept_match(f, "Mrs Patel", "two");
	accept_match(f, "07700 900456", "three");
	accept_match(f, "Jayden Smith", "four");
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM disclosure_acceptance"), 4);
	assert_ok(f, store_good_practice_delete(f->st, gp, &f->err));
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM disclosure_acceptance"), 3);
	/* A learning point takes its actions with it, and their acceptances. */
	assert_ok(f, store_learning_point_delete(f->st, lp, &f->err));
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM disclosure_acceptance WHERE "
					 "record IN ('learning-point', 'action')"),
			 0);
	(void)act;
	assert_int_equal(
	    fx_query_int(f, "SELECT count(*) FROM history WHERE field = 'disclosure-accepted'"), 4);
	/* A case removed takes its history with it, as it always has: its acceptance too. */
	assert_ok(f, store_case_remove(f->st, c, &f->err));
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM disclosure_acceptance"), 0);
	assert_int_equal(
	    fx_query_int(f, "SELECT count(*) FROM history WHERE field = 'disclosure-accepted'"), 3);
	/* The audit's own go with the audit. */
	int64_t other = fx_new_audit(f, "Audit for 07700 900789");
	int64_t keep = f->audit;
	f->audit = other;
	accept_match(f, "07700 900789", "five");
	assert_ok(f, store_audit_delete(f->st, other, false, &f->err));
	f->audit = keep;
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM disclosure_acceptance"), 0);
}

static void test_withdraw(void **state)
{
	struct fx *f = *state;
	fx_good_practice(f, PHONE, "", "");
	accept_match(f, "07700 900123", "The duty line");
	int64_t id = fx_query_int(f, "SELECT id FROM disclosure_acceptance");
	size_t before = fx_history_count(f);
	assert_ok(f, store_acceptance_withdraw(f->st, id, "It is her own mobile", &f->err));
	static const char *const want[] = {"disclosure-withdrawn:07700 900123>-"};
	fx_expect_history(f, before, want, 1);
	struct gate g;
	gate_read(f, &g);
	assert_int_equal(g.dd.open, 1);
	gate_free(&g);
	expect_fail(&f->err, store_acceptance_withdraw(f->st, id, NULL, &f->err), MACA_ENOTFOUND,
		    "no accepted finding");
}

/* ---- the gate ---- */

static void test_gate_open_then_accepted(void **state)
{
	struct fx *f = *state;
	fx_good_practice(f, PHONE, "", "");
	struct gate g;
	gate_read(f, &g);
	assert_int_equal(g.found.n, 1);
	assert_int_equal(g.dd.n, 1);
	assert_int_equal(g.dd.open, 1);
	assert_false(g.dd.items[0].accepted);
	assert_int_equal(g.dd.items[0].audit_id, f->audit);
	assert_int_equal(strlen(g.dd.items[0].id), 8);
	char id[9];
	memcpy(id, g.dd.items[0].id, sizeof id);
	assert_string_equal(g.found.items[0].field, "text");
	gate_free(&g);

	accept_match(f, "07700 900123", "The duty line");
	gate_read(f, &g);
	assert_int_equal(g.dd.open, 0);
	assert_true(g.dd.items[0].accepted);
	assert_string_equal(g.dd.items[0].acceptance.reason, "The duty line");
	/* The id stays: it names the finding, not its state. */
	assert_string_equal(g.dd.items[0].id, id);
	gate_free(&g);
}

/* Editing the words around the accepted text keeps the acceptance; changing the text itself
 * is a new finding; case and spacing are no change. */
static void test_gate_follows_the_text(void **state)
{
	struct fx *f = *state;
	int64_t gp = fx_good_practice(f, PHONE, "", "");
	accept_match(f, "07700 900123", "The duty line");
	struct good_practice_fields edit = {.text = "Weeks later she rang 07700  900123 again."};
	assert_ok(f, store_good_practice_update(f->st, gp, &edit, &f->err));
	struct gate g;
	gate_read(f, &g);
	assert_int_equal(g.dd.open, 0);
	gate_free(&g);
	edit.text = "Weeks later she rang 07700 900124 again.";
	assert_ok(f, store_good_practice_update(f->st, gp, &edit, &f->err));
	gate_read(f, &g);
	assert_int_equal(g.found.n, 1);
	assert_int_equal(g.dd.open, 1);
	gate_free(&g);
}

/* The same text in another record, or another field of the same record, is not accepted by
 * an acceptance elsewhere. */
static void test_gate_per_record_and_field(void **state)
{
	struct fx *f = *state;
	fx_good_practice(f, PHONE, "", "");
	accept_match(f, "07700 900123", "The duty line");
	fx_good_practice(f, PHONE, "", "");
	int64_t lp = fx_point(f, "Call 07700 900123", "", "", "");
	struct learning_point_fields both = {.title = "Call 07700 900123", .text = PHONE};
	assert_ok(f, store_learning_point_update(f->st, lp, &both, &f->err));
	struct gate g;
	gate_read(f, &g);
	assert_int_equal(g.found.n, 4);
	assert_int_equal(g.dd.open, 3);
	/* Four findings of one number, four ids. */
	for (size_t i = 0; i < g.dd.n; i++)
		for (size_t k = i + 1; k < g.dd.n; k++)
			assert_string_not_equal(g.dd.items[i].id, g.dd.items[k].id);
	gate_free(&g);
}

static void test_gate_find_by_id(void **state)
{
	struct fx *f = *state;
	fx_good_practice(f, PHONE, "", "");
	fx_good_practice(f, "Mrs Patel visited.", "", "");
	struct gate g;
	gate_read(f, &g);
	assert_int_equal(g.found.n, 2);
	size_t i = 99;
	char prefix[5];
	memcpy(prefix, g.dd.items[1].id, 4);
	prefix[4] = '\0';
	assert_ok(f, disclosure_gate_find(&g.dd, prefix, &i, &f->err));
	assert_int_equal(i, 1);
	char upper[9];
	for (size_t k = 0; k < 9; k++)
		upper[k] = (char)toupper((unsigned char)g.dd.items[0].id[k]);
	assert_ok(f, disclosure_gate_find(&g.dd, upper, &i, &f->err));
	assert_int_equal(i, 0);
	expect_fail(&f->err, disclosure_gate_find(&g.dd, "abc", &i, &f->err), MACA_EUSER,
		    "not a finding's id");
	expect_fail(&f->err, disclosure_gate_find(&g.dd, "zzzz", &i, &f->err), MACA_EUSER,
		    "not a finding's id");
	/* An id that names none: the one found has a first digit of its own. */
	char none[9];
	memcpy(none, g.dd.items[0].id, 9);
	do
		none[0] = none[0] == 'f' ? '0' : (char)(none[0] == '9' ? 'a' : none[0] + 1);
	while (none[0] == g.dd.items[1].id[0]);
	expect_fail(&f->err, disclosure_gate_find(&g.dd, none, &i, &f->err), MACA_EUSER,
		    "no finding");
	gate_free(&g);
}

/* What the actions export and the report publish is in the audit's findings, each once, and
 * one acceptance holds in every document. */
static void test_gate_audit_covers_every_document(void **state)
{
	struct fx *f = *state;
	int64_t lp = fx_point(f, "Referrals", "", "", "");
	int64_t act = fx_action(f, lp, "Ring 07700 900123 weekly", ACTION_NOT_STARTED);
	struct action_fields a = {.what = "Ring 07700 900123 weekly",
				  .owner_agency = "police",
				  .due_date = "2026-03-31",
				  .measure = "Audit of DV-2024-00931",
				  .status = ACTION_NOT_STARTED};
	assert_ok(f, store_action_update(f->st, act, &a, &f->err));
	assert_ok(f, store_action_set_status(f->st, act, ACTION_IN_PROGRESS, "Spoke to Mrs Patel",
					     &f->err));
	struct disclosure_list found = {0};
	assert_ok(f, disclosure_gate_audit(f->st, f->audit, NULL, 0, &found, &f->err));
	const char *want[][2] = {
	    {"07700 900123", "what"}, {"DV-2024-00931", "measure"}, {"Mrs Patel", "note"}};
	assert_int_equal(found.n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(found.items[i].match, want[i][0]);
		assert_string_equal(found.items[i].field, want[i][1]);
		assert_int_equal(found.items[i].place, DISCLOSURE_IN_ACTION);
		assert_int_equal(found.items[i].place_id, act);
	}
	assert_ok(f, disclosure_gate_accept(f->st, &found.items[0], "Duty line", &f->err));
	disclosure_list_free(&found);
	/* The briefing holds the action's text: accepted there too. */
	struct gate g;
	gate_read(f, &g);
	assert_int_equal(g.found.n, 1);
	assert_int_equal(g.dd.open, 0);
	gate_free(&g);
}

/* A finding about a record as a whole (no field, as a combination of a case's features is)
 * is accepted against the record; one in text of no record cannot be accepted, only fixed. */
static void test_gate_record_as_a_whole(void **state)
{
	struct fx *f = *state;
	int64_t c = fx_case(f, "Child A");
	struct disclosure_list found = {0};
	assert_ok(f, disclosure_scan("07700 900123", "case 1, features", &found, &f->err));
	assert_int_equal(found.n, 1);
	disclosure_list_place(&found, 0, DISCLOSURE_IN_CASE, c, NULL);
	assert_ok(f, disclosure_gate_accept(f->st, &found.items[0], "Not rare here", &f->err));
	struct disclosure_decisions dd;
	assert_ok(f, disclosure_gate_decide(f->st, &found, &dd, &f->err));
	assert_int_equal(dd.open, 0);
	assert_string_equal(dd.items[0].acceptance.field, "record");
	disclosure_decisions_free(&dd);
	disclosure_list_place(&found, 0, DISCLOSURE_IN_TEXT, 0, NULL);
	expect_fail(&f->err, disclosure_gate_accept(f->st, &found.items[0], "x", &f->err),
		    MACA_EUSER, "is in no record that can be accepted");
	assert_ok(f, disclosure_gate_decide(f->st, &found, &dd, &f->err));
	assert_int_equal(dd.open, 1);
	assert_int_equal(dd.items[0].audit_id, 0);
	disclosure_decisions_free(&dd);
	disclosure_list_free(&found);
}

/* The confidential case summaries list each acceptance: what, where, who, when and why. */
static void test_export_cases_lists_acceptances(void **state)
{
	struct fx *f = *state;
	assert_ok(f, store_set_origin(f->st, "Jo Chair", "keyboard", &f->err));
	fx_good_practice(f, PHONE, "", "");
	fx_case(f, "Jayden Smith");
	char *md = NULL;
	assert_ok(f, export_cases(f->st, f->audit, &md, &f->err));
	assert_null(strstr(md, "accepted for publishing"));
	free(md);
	accept_match(f, "07700 900123", "The duty line");
	accept_match(f, "Jayden Smith", "Invented for the training pack");
	assert_ok(f, export_cases(f->st, f->audit, &md, &f->err));
	assert_non_null(strstr(md, "## Identifiers accepted for publishing"));
	assert_non_null(strstr(md, "- phone number \"07700 900123\" in good practice 1, text: "
				   "accepted by Jo Chair at 20"));
	assert_non_null(strstr(md, "Why: The duty line\n"));
	assert_non_null(strstr(md, "\"Jayden Smith\" in case Jayden Smith, reference: accepted"));
	free(md);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_acceptance_kept_with_who_when_what_why),
	    T(test_acceptance_refusals),
	    T(test_acceptance_on_closed_audit),
	    T(test_acceptance_goes_with_its_record),
	    T(test_withdraw),
	    T(test_gate_open_then_accepted),
	    T(test_gate_follows_the_text),
	    T(test_gate_per_record_and_field),
	    T(test_gate_find_by_id),
	    T(test_gate_audit_covers_every_document),
	    T(test_gate_record_as_a_whole),
	    T(test_export_cases_lists_acceptances),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
