/* The store's reads for the screens: progress, a case's answers, notes and agreed grades in
 * template order, good practice and learning points with their links and actions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "query_fixture.h"

/* Progress */

static void test_progress_counts_answers_with_a_value(void **state)
{
	struct fx *f = *state;
	int64_t answered = -1, expected = -1;
	assert_ok(f, store_audit_progress(f->st, f->audit, &answered, &expected, &f->err));
	assert_int_equal(answered, 0);
	assert_int_equal(expected, 0); /* no cases yet */

	int64_t a = fx_case(f, "Child A"), b = fx_case(f, "Child B");
	assert_ok(f, store_audit_progress(f->st, f->audit, &answered, &expected, &f->err));
	assert_int_equal(answered, 0);
	assert_int_equal(expected, 2 * (int64_t)f->tpl->agencies.n * (int64_t)f->tpl->nquestions);

	assert_ok(f, store_answer_save(f->st, a, "csc", "identification-recognised", "good",
				       "Seen.", &f->err));
	assert_ok(f, store_answer_save(f->st, a, "police", "identification-recognised",
				       "inadequate", "Not named.", &f->err));
	assert_ok(f,
		  store_answer_save(f->st, b, "health", "prevention-court", "yes", NULL, &f->err));
	assert_ok(f, store_answer_save(f->st, b, "health", "protection-difference", "Calmer now.",
				       NULL, &f->err));
	/* Evidence without a value is not an answer yet. */
	assert_ok(f,
		  store_answer_save(f->st, b, "csc", "voice-seen", NULL, "Draft notes", &f->err));
	/* Another audit's answers do not count. */
	int64_t other = fx_new_audit(f, "Another audit");
	int64_t c = fx_case_in(f, other, "Child A");
	assert_ok(f,
		  store_answer_save(f->st, c, "csc", "voice-seen", "good", "Seen alone.", &f->err));

	assert_ok(f, store_audit_progress(f->st, f->audit, &answered, &expected, &f->err));
	assert_int_equal(answered, 4);
	assert_int_equal(expected, 2 * 8 * 42);
	/* A value cleared again no longer counts. */
	assert_ok(
	    f, store_answer_save(f->st, a, "csc", "identification-recognised", "", NULL, &f->err));
	assert_ok(f, store_audit_progress(f->st, f->audit, &answered, &expected, &f->err));
	assert_int_equal(answered, 3);
}

static void test_progress_of_missing_audit(void **state)
{
	struct fx *f = *state;
	int64_t answered, expected;
	expect_fail(&f->err, store_audit_progress(f->st, 999, &answered, &expected, &f->err),
		    MACA_ENOTFOUND, "no audit 999");
}

/* Answers */

static void test_case_answers_in_agency_then_template_order(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A"), b = fx_case(f, "Child B");
	assert_ok(f, store_set_origin(f->st, "Siân Jones", "keyboard", &f->err));
	/* Saved out of order: health before csc, later questions first. */
	static const char *const saves[][4] = {
	    {"health", "voice-seen", "good", "Seen alone at the drop-in."},
	    {"csc", "voice-seen", "requires-improvement", "Seen with mother only.\nTwice."},
	    {"health", "identification-recognised", "outstanding", "Routine enquiry."},
	    {"csc", "assessment-holistic", "good", "Chronology used."},
	    {"csc", "identification-referral", "", "Evidence, no grade yet."},
	    {"police", "identification-encompass", "not-applicable", "Not in a setting."},
	};
	for (size_t i = 0; i < 6; i++)
		assert_ok(f, store_answer_save(f->st, a, saves[i][0], saves[i][1], saves[i][2],
					       saves[i][3], &f->err));
	assert_ok(f,
		  store_answer_save(f->st, b, "csc", "voice-seen", "good", "Other case.", &f->err));

	struct answer_row *rows;
	size_t n;
	assert_ok(f, store_case_answers(f->st, a, &rows, &n, &f->err));
	assert_int_equal(n, 6);
	static const char *const order[][2] = {
	    {"csc", "identification-referral"},
	    {"csc", "assessment-holistic"},
	    {"csc", "voice-seen"},
	    {"police", "identification-encompass"},
	    {"health", "identification-recognised"},
	    {"health", "voice-seen"},
	};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(rows[i].agency, order[i][0]);
		assert_string_equal(rows[i].question_id, order[i][1]);
		assert_string_equal(rows[i].author, "Siân Jones");
		assert_true(strlen(rows[i].updated_at) >= 20);
	}
	assert_string_equal(rows[0].value, "");
	assert_string_equal(rows[0].evidence, "Evidence, no grade yet.");
	assert_string_equal(rows[2].value, "requires-improvement");
	assert_string_equal(rows[2].evidence, "Seen with mother only.\nTwice.");
	answer_rows_free(rows, n);
}

static void test_case_answers_follow_agency_positions_of_the_audit(void **state)
{
	struct fx *f = *state;
	/* An audit listing health before csc shows health's answers first. */
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "health", "Health") &&
		    named_add(&agencies, "csc", "Children's social care"));
	struct audit_new an = {.title = "Health first", .agencies = &agencies, .tpl = f->tpl};
	int64_t audit;
	int rc = store_audit_create(f->st, &an, &audit, &f->err);
	named_list_free(&agencies);
	assert_ok(f, rc);
	int64_t c = fx_case_in(f, audit, "Child A");
	assert_ok(f, store_answer_save(f->st, c, "csc", "identification-recognised", "good", "x",
				       &f->err));
	assert_ok(f, store_answer_save(f->st, c, "health", "voice-seen", "good", "y", &f->err));
	struct answer_row *rows;
	size_t n;
	assert_ok(f, store_case_answers(f->st, c, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].agency, "health");
	assert_string_equal(rows[1].agency, "csc");
	answer_rows_free(rows, n);
}

static void test_case_answers_empty_and_missing(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A");
	struct answer_row *rows = (struct answer_row *)1;
	size_t n = 7;
	assert_ok(f, store_case_answers(f->st, a, &rows, &n, &f->err));
	assert_null(rows);
	assert_int_equal(n, 0);
	expect_fail(&f->err, store_case_answers(f->st, 4242, &rows, &n, &f->err), MACA_ENOTFOUND,
		    "case 4242 was removed, perhaps by another maca; quit and reopen");
	assert_null(rows);
	assert_int_equal(n, 0);
}

/* One question's answers, every agency's, by agency position: what moderation reads of the
 * question on screen, and nothing of the case's other questions or of other cases. */
static void test_question_answers_of_every_agency(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A"), b = fx_case(f, "Child B");
	assert_ok(
	    f, store_answer_save(f->st, a, "health", "voice-seen", "good", "Seen alone.", &f->err));
	assert_ok(f,
		  store_answer_save(f->st, a, "csc", "voice-seen", "", "Evidence only.", &f->err));
	assert_ok(f, store_answer_save(f->st, a, "csc", "assessment-holistic", "good", "Other.",
				       &f->err));
	assert_ok(
	    f, store_answer_save(f->st, b, "police", "voice-seen", "good", "Other case.", &f->err));
	struct answer_row *rows;
	size_t n;
	assert_ok(f, store_question_answers(f->st, a, "voice-seen", &rows, &n, &f->err));
	static const char *const want[][3] = {{"csc", "", "Evidence only."},
					      {"health", "good", "Seen alone."}};
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		const char *const *w = want[i];
		assert_string_equal(rows[i].agency, w[0]);
		assert_string_equal(rows[i].question_id, "voice-seen");
		assert_string_equal(rows[i].value, w[1]);
		assert_string_equal(rows[i].evidence, w[2]);
		assert_true(strlen(rows[i].updated_at) >= 20);
	}
	answer_rows_free(rows, n);
	/* A question nobody answered, and a case that is gone. */
	assert_ok(
	    f, store_question_answers(f->st, a, "identification-recognised", &rows, &n, &f->err));
	assert_null(rows);
	assert_int_equal(n, 0);
	expect_fail(&f->err, store_question_answers(f->st, 4242, "voice-seen", &rows, &n, &f->err),
		    MACA_ENOTFOUND,
		    "case 4242 was removed, perhaps by another maca; quit and reopen");
	assert_null(rows);
	assert_int_equal(n, 0);
}

/* Section notes */

static void test_case_notes_in_order(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A");
	static const char *const saves[][4] = {
	    {"health", "identification", "development", "Health, identification, development"},
	    {"csc", "voice", "good-practice", "CSC, voice, good practice"},
	    {"csc", "identification", "recommendations", "CSC, identification, recommendations"},
	    {"csc", "identification", "good-practice", "CSC, identification, good practice"},
	    {"csc", "identification", "development", "CSC, identification, development"},
	};
	for (size_t i = 0; i < 5; i++)
		assert_ok(f, store_note_save(f->st, a, saves[i][0], saves[i][1], saves[i][2],
					     saves[i][3], &f->err));
	struct note_row *rows;
	size_t n;
	assert_ok(f, store_case_notes(f->st, a, &rows, &n, &f->err));
	assert_int_equal(n, 5);
	/* Agency position, then section order, then the template's prompt order. */
	static const size_t want[] = {3, 4, 2, 1, 0};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(rows[i].agency, saves[want[i]][0]);
		assert_string_equal(rows[i].section_id, saves[want[i]][1]);
		assert_string_equal(rows[i].prompt_id, saves[want[i]][2]);
		assert_string_equal(rows[i].text, saves[want[i]][3]);
	}
	note_rows_free(rows, n);
}

static void test_case_notes_empty_and_missing(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A");
	struct note_row *rows;
	size_t n;
	assert_ok(f, store_case_notes(f->st, a, &rows, &n, &f->err));
	assert_null(rows);
	assert_int_equal(n, 0);
	expect_fail(&f->err, store_case_notes(f->st, 77, &rows, &n, &f->err), MACA_ENOTFOUND,
		    "case 77 was removed");
}

/* Agreed grades */

static void test_case_agreed_in_question_order(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A"), b = fx_case(f, "Child B");
	assert_ok(f,
		  store_agreed_save(f->st, a, "voice-seen", "good", "Seen alone.", NULL, &f->err));
	assert_ok(f, store_agreed_save(f->st, a, "assessment-holistic", "inadequate",
				       "Incident-led.\nNo chronology.", NULL, &f->err));
	assert_ok(f, store_agreed_save(f->st, a, "identification-recognised", "outstanding", "",
				       NULL, &f->err));
	assert_ok(f, store_agreed_save(f->st, b, "voice-seen", "inadequate", "Other case.", NULL,
				       &f->err));
	struct agreed_row *rows;
	size_t n;
	assert_ok(f, store_case_agreed(f->st, a, &rows, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].question_id, "identification-recognised");
	assert_string_equal(rows[0].grade, "outstanding");
	assert_string_equal(rows[0].rationale, "");
	assert_string_equal(rows[1].question_id, "assessment-holistic");
	assert_string_equal(rows[1].rationale, "Incident-led.\nNo chronology.");
	assert_string_equal(rows[2].question_id, "voice-seen");
	assert_string_equal(rows[2].grade, "good");
	agreed_rows_free(rows, n);
}

/* The whole audit at once gives each case what store_case_agreed gives it, cases with none
 * included, and nothing of another audit. */
static void test_audit_agreed_matches_each_case(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A"), b = fx_case(f, "Child B");
	fx_case(f, "Child C"); /* nothing agreed */
	int64_t d = fx_case(f, "Child D");
	assert_ok(f, store_agreed_save(f->st, d, "voice-seen", "good", "D.", NULL, &f->err));
	assert_ok(f, store_agreed_save(f->st, a, "voice-seen", "good", "Seen.", NULL, &f->err));
	assert_ok(f, store_agreed_save(f->st, a, "identification-recognised", "outstanding", "",
				       NULL, &f->err));
	assert_ok(f, store_agreed_save(f->st, b, "assessment-holistic", "inadequate", "B.", NULL,
				       &f->err));
	/* Another audit's grades stay out. */
	struct audit_new other = {.title = "Other", .tpl = f->tpl};
	int64_t other_id, other_case;
	assert_ok(f, store_audit_create(f->st, &other, &other_id, &f->err));
	struct case_fields cf = {.reference = "Child Z"};
	assert_ok(f, store_case_add(f->st, other_id, &cf, &other_case, &f->err));
	assert_ok(f, store_agreed_save(f->st, other_case, "voice-seen", "inadequate", "Z.", NULL,
				       &f->err));

	struct case_info *cases;
	size_t ncases;
	assert_ok(f, store_case_list(f->st, f->audit, &cases, &ncases, &f->err));
	assert_int_equal(ncases, 4);
	struct agreed_row *all[4];
	size_t nall[4];
	assert_ok(f, store_audit_agreed(f->st, f->audit, cases, ncases, all, nall, &f->err));
	size_t total = 0;
	for (size_t c = 0; c < ncases; c++) {
		struct agreed_row *one;
		size_t n;
		assert_ok(f, store_case_agreed(f->st, cases[c].id, &one, &n, &f->err));
		assert_int_equal(nall[c], n);
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(all[c][i].question_id, one[i].question_id);
			assert_string_equal(all[c][i].grade, one[i].grade);
			assert_string_equal(all[c][i].rationale, one[i].rationale);
		}
		total += n;
		agreed_rows_free(one, n);
		agreed_rows_free(all[c], nall[c]);
	}
	assert_int_equal(total, 4);
	case_info_list_free(cases, ncases);
}

static void test_case_agreed_empty_and_missing(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A");
	struct agreed_row *rows;
	size_t n;
	assert_ok(f, store_case_agreed(f->st, a, &rows, &n, &f->err));
	assert_null(rows);
	assert_int_equal(n, 0);
	expect_fail(&f->err, store_case_agreed(f->st, -1, &rows, &n, &f->err), MACA_ENOTFOUND,
		    NULL);
}

/* Good practice */

static void test_good_practice_list(void **state)
{
	struct fx *f = *state;
	struct good_practice_row *rows;
	size_t n;
	assert_ok(f, store_good_practice_list(f->st, f->audit, &rows, &n, &f->err));
	assert_null(rows);
	assert_int_equal(n, 0);
	int64_t one = fx_good_practice(f, "Health visitor asked when the mother was alone.",
				       "health", "Child A");
	int64_t two = fx_good_practice(f, "School used Encompass.", "", "");
	int64_t other_audit = fx_new_audit(f, "Other");
	struct good_practice_fields g = {.text = "Elsewhere"};
	int64_t elsewhere;
	assert_ok(f, store_good_practice_add(f->st, other_audit, &g, &elsewhere, &f->err));
	assert_ok(f, store_good_practice_list(f->st, f->audit, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, one);
	assert_int_equal(rows[0].position, 1);
	assert_string_equal(rows[0].text, "Health visitor asked when the mother was alone.");
	assert_string_equal(rows[0].agencies, "health");
	assert_string_equal(rows[0].cases, "Child A");
	assert_int_equal(rows[1].id, two);
	assert_int_equal(rows[1].position, 2);
	assert_string_equal(rows[1].agencies, "");
	good_practice_rows_free(rows, n);
	expect_fail(&f->err, store_good_practice_list(f->st, 31337, &rows, &n, &f->err),
		    MACA_ENOTFOUND, "no audit 31337");
}

/* Learning points */

static void test_learning_points_with_links_and_actions(void **state)
{
	struct fx *f = *state;
	struct learning_point_row *rows;
	size_t n;
	assert_ok(f, store_learning_points(f->st, f->audit, &rows, &n, &f->err));
	assert_null(rows);
	assert_int_equal(n, 0);

	fx_case(f, "Child A");
	fx_case(f, "Child B");
	fx_case(f, "Child C");
	/* Links given out of display order. */
	int64_t first = fx_point(f, "Name coercive control", "Child C, Child A",
				 "health, csc, police", "voice, identification");
	int64_t second = fx_point(f, "Hold perpetrators to account", "", "", "");
	int64_t a1 = fx_action(f, first, "Refresh training", ACTION_IN_PROGRESS);
	int64_t a2 = fx_action(f, first, "Change the contact form", ACTION_DONE);
	/* The second point moves to number 1. */
	assert_ok(f, store_learning_point_move(f->st, second, 1, &f->err));

	assert_ok(f, store_learning_points(f->st, f->audit, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, second);
	assert_int_equal(rows[0].number, 1);
	assert_int_equal(rows[0].cases.n + rows[0].agencies.n + rows[0].sections.n, 0);
	assert_null(rows[0].actions);
	assert_int_equal(rows[0].nactions, 0);

	const struct learning_point_row *p = &rows[1];
	assert_int_equal(p->id, first);
	assert_int_equal(p->number, 2);
	assert_string_equal(p->title, "Name coercive control");
	assert_string_equal(p->text, "What we learned.");
	assert_int_equal(p->cases.n, 2);
	assert_string_equal(p->cases.items[0].id, "Child A");
	assert_string_equal(p->cases.items[1].id, "Child C");
	assert_int_equal(p->agencies.n, 3);
	assert_string_equal(p->agencies.items[0].id, "csc");
	assert_string_equal(p->agencies.items[0].label, "Children's social care");
	assert_string_equal(p->agencies.items[1].id, "police");
	assert_string_equal(p->agencies.items[2].id, "health");
	assert_int_equal(p->sections.n, 2);
	assert_string_equal(p->sections.items[0].id, "identification");
	assert_string_equal(p->sections.items[0].label,
			    "Responding at the point of identification");
	assert_string_equal(p->sections.items[1].id, "voice");
	assert_string_equal(p->sections.items[1].label, "Voice of the child");
	assert_int_equal(p->nactions, 2);
	assert_int_equal(p->actions[0].id, a1);
	assert_int_equal(p->actions[0].position, 1);
	assert_string_equal(p->actions[0].what, "Refresh training");
	assert_string_equal(p->actions[0].owner_agency, "police");
	assert_string_equal(p->actions[0].due_date, "2026-03-31");
	assert_string_equal(p->actions[0].measure, "Dip sample of 20 referrals");
	assert_int_equal(p->actions[0].status, ACTION_IN_PROGRESS);
	assert_int_equal(p->actions[1].id, a2);
	assert_int_equal(p->actions[1].position, 2);
	assert_int_equal(p->actions[1].status, ACTION_DONE);
	learning_point_rows_free(rows, n);

	/* A status change made as follow-up shows. */
	assert_ok(f, store_action_set_status(f->st, a1, ACTION_CANNOT, "No budget", &f->err));
	assert_ok(f, store_learning_points(f->st, f->audit, &rows, &n, &f->err));
	assert_int_equal(rows[1].actions[0].status, ACTION_CANNOT);
	learning_point_rows_free(rows, n);
}

static void test_learning_points_of_missing_audit(void **state)
{
	struct fx *f = *state;
	struct learning_point_row *rows;
	size_t n;
	expect_fail(&f->err, store_learning_points(f->st, 555, &rows, &n, &f->err), MACA_ENOTFOUND,
		    "no audit 555");
	assert_null(rows);
	assert_int_equal(n, 0);
}

/* Reads work on a closed audit: the screens still show it. */
static void test_reads_work_on_a_closed_audit(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_case(f, "Child A");
	assert_ok(f, store_answer_save(f->st, a, "csc", "voice-seen", "good", "Seen.", &f->err));
	fx_good_practice(f, "Good.", "", "");
	fx_point(f, "A point", "Child A", "", "");
	fx_close(f);
	struct answer_row *answers;
	struct good_practice_row *gp;
	struct learning_point_row *lps;
	size_t na, ngp, nlp;
	assert_ok(f, store_case_answers(f->st, a, &answers, &na, &f->err));
	assert_ok(f, store_good_practice_list(f->st, f->audit, &gp, &ngp, &f->err));
	assert_ok(f, store_learning_points(f->st, f->audit, &lps, &nlp, &f->err));
	assert_int_equal(na + ngp + nlp, 3);
	answer_rows_free(answers, na);
	good_practice_rows_free(gp, ngp);
	learning_point_rows_free(lps, nlp);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_progress_counts_answers_with_a_value),
	    T(test_progress_of_missing_audit),
	    T(test_case_answers_in_agency_then_template_order),
	    T(test_case_answers_follow_agency_positions_of_the_audit),
	    T(test_case_answers_empty_and_missing),
	    T(test_question_answers_of_every_agency),
	    T(test_case_notes_in_order),
	    T(test_case_notes_empty_and_missing),
	    T(test_case_agreed_in_question_order),
	    T(test_audit_agreed_matches_each_case),
	    T(test_case_agreed_empty_and_missing),
	    T(test_good_practice_list),
	    T(test_learning_points_with_links_and_actions),
	    T(test_learning_points_of_missing_audit),
	    T(test_reads_work_on_a_closed_audit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
