/* Findings: the one grade per case and section drawn from agreed grades (the worst graded,
 * not-applicable only when nothing else), and the count of cases per grade. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "template.h"
#include "testutil.h"

/* Grade indexes of the domestic-abuse scale. */
enum { OUTSTANDING, GOOD, RI, INADEQUATE, NA };

static struct template *load_file(const char *path)
{
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (template_load_file(path, &tpl, &diags) != 0)
		fail_msg("%s: %s", path, diags.n ? diags.items[0].msg : "cannot load");
	diag_list_free(&diags);
	return tpl;
}

static int setup(void **state)
{
	*state = load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini");
	return 0;
}

static int teardown(void **state)
{
	template_free(*state);
	return 0;
}

static size_t section_of(const struct template *tpl, const char *id)
{
	const struct section *s = template_section(tpl, id);
	assert_non_null(s);
	return (size_t)(s - tpl->sections);
}

static struct agreed_row row(const char *question, const char *grade)
{
	return (struct agreed_row){
	    .question_id = (char *)question, .grade = (char *)grade, .rationale = (char *)""};
}

static int grade_of(const struct template *tpl, const char *section, const struct agreed_row *rows,
		    size_t n)
{
	return findings_section_grade(tpl, section_of(tpl, section), rows, n);
}

static void test_scale_is_as_expected(void **state)
{
	const struct template *tpl = *state;
	assert_int_equal(template_grade_index(tpl, "good"), GOOD);
	assert_int_equal(template_grade_index(tpl, "inadequate"), INADEQUATE);
	assert_int_equal(template_grade_index(tpl, "not-applicable"), NA);
	assert_true(tpl->grades[NA].not_applicable);
}

static void test_worst_graded_wins(void **state)
{
	const struct template *tpl = *state;
	struct agreed_row rows[] = {row("identification-recognised", "good"),
				    row("identification-referral", "requires-improvement"),
				    row("identification-front-door", "outstanding")};
	assert_int_equal(grade_of(tpl, "identification", rows, 3), RI);
	/* Order does not matter. */
	struct agreed_row reversed[] = {rows[2], rows[1], rows[0]};
	assert_int_equal(grade_of(tpl, "identification", reversed, 3), RI);
	/* One inadequate is enough. */
	struct agreed_row more[] = {rows[0], rows[2],
				    row("identification-curiosity", "inadequate")};
	assert_int_equal(grade_of(tpl, "identification", more, 3), INADEQUATE);
	/* A single outstanding stays outstanding. */
	assert_int_equal(grade_of(tpl, "identification", &rows[2], 1), OUTSTANDING);
}

static void test_not_applicable_is_ignored_beside_grades(void **state)
{
	const struct template *tpl = *state;
	/* Not applicable is last on the scale (highest index), yet it never counts as worst. */
	struct agreed_row rows[] = {row("identification-encompass", "not-applicable"),
				    row("identification-recognised", "good"),
				    row("identification-referral", "not-applicable")};
	assert_int_equal(grade_of(tpl, "identification", rows, 3), GOOD);
}

static void test_all_not_applicable_gives_not_applicable(void **state)
{
	const struct template *tpl = *state;
	struct agreed_row rows[] = {row("unborn-routine-enquiry", "not-applicable"),
				    row("unborn-pre-birth", "not-applicable"),
				    row("unborn-father", "")};
	assert_int_equal(grade_of(tpl, "unborn", rows, 3), NA);
	assert_int_equal(grade_of(tpl, "unborn", rows, 1), NA);
}

static void test_nothing_agreed_gives_minus_one(void **state)
{
	const struct template *tpl = *state;
	assert_int_equal(grade_of(tpl, "voice", NULL, 0), -1);
	/* Only other sections' grades. */
	struct agreed_row others[] = {row("identification-recognised", "good"),
				      row("assessment-holistic", "inadequate")};
	assert_int_equal(grade_of(tpl, "voice", others, 2), -1);
	/* Cleared ("") and unknown grades, and unknown questions. */
	struct agreed_row junk[] = {row("voice-seen", ""), row("voice-direct-work", "excellent"),
				    row("no-such-question", "good")};
	assert_int_equal(grade_of(tpl, "voice", junk, 3), -1);
}

static void test_ungraded_questions_are_ignored(void **state)
{
	const struct template *tpl = *state;
	/* prevention-court is yes-no: an agreed "no" is not a grade. */
	struct agreed_row yesno[] = {row("prevention-court", "no")};
	assert_int_equal(grade_of(tpl, "prevention", yesno, 1), -1);
	struct agreed_row mixed[] = {row("prevention-court", "no"),
				     row("prevention-repeat", "good")};
	assert_int_equal(grade_of(tpl, "prevention", mixed, 2), GOOD);
	/* protection-difference is free text, even if its text happens to be a grade id. */
	struct agreed_row text[] = {row("protection-difference", "inadequate"),
				    row("protection-perpetrator", "outstanding")};
	assert_int_equal(grade_of(tpl, "protection", text, 2), OUTSTANDING);
}

static void test_section_out_of_range(void **state)
{
	const struct template *tpl = *state;
	struct agreed_row rows[] = {row("identification-recognised", "good")};
	assert_int_equal(findings_section_grade(tpl, tpl->nsections, rows, 1), -1);
}

/* A scale with two not-applicable grades: the later one wins when all are not applicable. */
static void test_two_not_applicable_grades(void **state)
{
	(void)state;
	static const char text[] =
	    "[template]\nid = two-na\ntitle = Two\nversion = 1\n"
	    "[grade good]\nlabel = Good\nkey = g\n"
	    "[grade poor]\nlabel = Poor\nkey = p\n"
	    "[grade na]\nlabel = Not applicable\nkey = n\nnot_applicable = yes\n"
	    "[grade nk]\nlabel = Not known\nkey = k\nnot_applicable = yes\n"
	    "[agencies]\npolice = Police\n"
	    "[section s]\ntitle = S\n"
	    "[question q1]\nsection = s\ntext = One?\n"
	    "[question q2]\nsection = s\ntext = Two?\n";
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (template_parse("two-na.ini", text, strlen(text), &tpl, &diags) != 0)
		fail_msg("%s", diags.n ? diags.items[0].msg : "cannot parse");
	diag_list_free(&diags);
	struct agreed_row rows[] = {row("q1", "nk"), row("q2", "na")};
	assert_int_equal(findings_section_grade(tpl, 0, rows, 2), 3);
	struct agreed_row graded[] = {row("q1", "nk"), row("q2", "good")};
	assert_int_equal(findings_section_grade(tpl, 0, graded, 2), 0);
	template_free(tpl);
}

/* All sections at once give what each section alone gives, whatever the rows: every
 * question, with grades cycling through the scale, "", an unknown grade and not-applicable,
 * taken in windows so that sections see every mix (all not-applicable, none, some). */
static void test_case_grades_match_section_grades(void **state)
{
	const struct template *tpl = *state;
	static const char *const values[] = {
	    "outstanding",   "not-applicable", "",     "requires-improvement",
	    "no-such-grade", "not-applicable", "good", "inadequate"};
	size_t nvalues = sizeof values / sizeof values[0];
	struct agreed_row *rows = calloc(tpl->nquestions + 1, sizeof *rows);
	int *grades = calloc(tpl->nsections, sizeof *grades);
	assert_non_null(rows);
	assert_non_null(grades);
	size_t checked_na = 0;
	for (size_t shift = 0; shift < nvalues; shift++) {
		for (size_t width = 1; width <= 3; width++) {
			size_t n = 0;
			for (size_t q = 0; q < tpl->nquestions; q++)
				if ((q / width) % 2 == 0)
					rows[n++] = row(tpl->questions[q].id,
							values[(q + shift) % nvalues]);
			rows[n++] = row("no-such-question", "inadequate");
			findings_case_grades(tpl, rows, n, grades);
			for (size_t s = 0; s < tpl->nsections; s++) {
				int one = findings_section_grade(tpl, s, rows, n);
				assert_int_equal(grades[s], one);
				checked_na += one == NA;
			}
		}
	}
	/* The windows did reach the cases that need the care. */
	assert_true(checked_na > 0);
	free(rows);
	free(grades);
}

static void test_distribution_counts_each_grade(void **state)
{
	const struct template *tpl = *state;
	int grades[] = {GOOD, RI, GOOD, -1, NA, INADEQUATE, GOOD};
	size_t counts[8];
	memset(counts, 0xff, sizeof counts); /* overwritten, not added to */
	assert_int_equal(tpl->ngrades, 5);
	size_t none = findings_distribution(tpl, 0, grades, 7, counts);
	assert_int_equal(none, 1);
	assert_int_equal(counts[OUTSTANDING], 0);
	assert_int_equal(counts[GOOD], 3);
	assert_int_equal(counts[RI], 1);
	assert_int_equal(counts[INADEQUATE], 1);
	assert_int_equal(counts[NA], 1);
	assert_int_equal(counts[5], (size_t)-1); /* past ngrades: untouched */
}

static void test_distribution_edges(void **state)
{
	const struct template *tpl = *state;
	size_t counts[5];
	/* No cases. */
	assert_int_equal(findings_distribution(tpl, 0, NULL, 0, counts), 0);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(counts[i], 0);
	/* A grade index beyond the scale counts as no finding. */
	int odd[] = {5, 99, OUTSTANDING, -7};
	assert_int_equal(findings_distribution(tpl, 1, odd, 4, counts), 3);
	assert_int_equal(counts[OUTSTANDING], 1);
	/* A section out of range: nothing counted. */
	int grades[] = {GOOD, GOOD};
	assert_int_equal(findings_distribution(tpl, tpl->nsections, grades, 2, counts), 2);
	assert_int_equal(counts[GOOD], 0);
}

/* The two together, as the overview grid uses them: one section over several cases. */
static void test_grid_column(void **state)
{
	const struct template *tpl = *state;
	struct agreed_row a[] = {row("voice-seen", "good"),
				 row("voice-direct-work", "outstanding")};
	struct agreed_row b[] = {row("voice-seen", "not-applicable")};
	struct agreed_row c[] = {row("voice-seen", "inadequate"), row("voice-pre-verbal", "good")};
	size_t voice = section_of(tpl, "voice");
	int grades[] = {
	    findings_section_grade(tpl, voice, a, 2), findings_section_grade(tpl, voice, b, 1),
	    findings_section_grade(tpl, voice, c, 2), findings_section_grade(tpl, voice, NULL, 0)};
	assert_int_equal(grades[0], GOOD);
	assert_int_equal(grades[1], NA);
	assert_int_equal(grades[2], INADEQUATE);
	assert_int_equal(grades[3], -1);
	size_t counts[5];
	assert_int_equal(findings_distribution(tpl, voice, grades, 4, counts), 1);
	assert_int_equal(counts[GOOD] + counts[NA] + counts[INADEQUATE], 3);
}

/* The action plan's progress as the comparison and the partnership report both write it;
 * percentages rounded half up, and nothing of nothing is 0%. */
static void test_actions_progress(void **state)
{
	(void)state;
	size_t counts[4] = {0};
	counts[ACTION_DONE] = 1;
	counts[ACTION_IN_PROGRESS] = 1;
	counts[ACTION_CANNOT] = 1;
	struct sbuf b = {0};
	findings_actions_progress(&b, counts, 3, " ");
	assert_string_equal(b.data,
			    "1 of 3 (33%); in progress 1, not started 0, cannot be done 1.");
	b.len = 0;
	size_t none[4] = {0};
	findings_actions_progress(&b, none, 0, "\n");
	assert_string_equal(b.data,
			    "0 of 0 (0%);\nin progress 0, not started 0, cannot be done 0.");
	sbuf_free(&b);
	assert_int_equal(findings_percent(1, 8), 13); /* 12.5 rounds up */
	assert_int_equal(findings_percent(2, 3), 67);
	assert_int_equal(findings_percent(3, 3), 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_scale_is_as_expected, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_worst_graded_wins, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_case_grades_match_section_grades, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_applicable_is_ignored_beside_grades, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_all_not_applicable_gives_not_applicable, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_nothing_agreed_gives_minus_one, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ungraded_questions_are_ignored, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_section_out_of_range, setup, teardown),
	    cmocka_unit_test(test_two_not_applicable_grades),
	    cmocka_unit_test_setup_teardown(test_distribution_counts_each_grade, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_distribution_edges, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_grid_column, setup, teardown),
	    cmocka_unit_test(test_actions_progress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
