/* The chair owns every word of the briefing: its parts shown or left out, moved, given
 * headings and texts of the chair's own, per layout; its settings; suggestions that appear
 * only once taken; learning points without titles; good practice moved; and the store's rows
 * behind them (history, the closed-audit lock, a text changed by another maca meanwhile). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "briefing.h"
#include "query_fixture.h"
#include "sbuf.h"

static char *write_md(struct fx *f, const char *layout)
{
	struct briefing_options opt = {.layout = layout};
	struct disclosure_list found = {0};
	char *md = NULL;
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	disclosure_list_free(&found);
	return md;
}

static void set_text(struct fx *f, const char *layout, enum briefing_part part, const char *text)
{
	assert_ok(f, briefing_part_set_text(f->st, f->audit, layout, part, text, NULL, NULL, NULL,
					    &f->err));
}

/* Where needle is in md, failing when it is not. Not inlined: gcc 12's -Wdangling-pointer
 * then misreads the pointer arithmetic in optimised builds (as test_briefing's raw()). */
__attribute__((noinline)) static size_t at(const char *md, const char *needle)
{
	const char *p = strstr(md, needle);
	if (!p)
		fail_msg("\"%s\" is not in:\n%s", needle, md);
	return (size_t)(p - md);
}

static void test_layouts_list_every_part(void **state)
{
	struct fx *f = *state;
	for (size_t l = 0; briefing_layout_name(l); l++) {
		struct briefing_parts p;
		assert_ok(
		    f, briefing_parts_read(f->st, f->audit, briefing_layout_name(l), &p, &f->err));
		bool seen[BRIEFING_NPARTS] = {false};
		for (size_t i = 0; i < BRIEFING_NPARTS; i++) {
			assert_false(seen[p.items[i].part]);
			seen[p.items[i].part] = true;
			assert_null(p.items[i].text);
			assert_false(p.items[i].own_heading);
		}
		briefing_parts_free(&p);
	}
	struct briefing_parts p;
	assert_ok(f, briefing_parts_read(f->st, f->audit, "seven-minute", &p, &f->err));
	assert_true(p.numbered);
	/* The form partnerships use, in its order. */
	static const enum briefing_part form[] = {
	    BRIEFING_BACKGROUND, BRIEFING_WHY,	      BRIEFING_FINDINGS,
	    BRIEFING_SAMPLE,	 BRIEFING_COMPARISON, BRIEFING_KEY_LEARNING,
	    BRIEFING_WHAT_TO_DO, BRIEFING_QUESTIONS,  BRIEFING_FURTHER};
	for (size_t i = 0; i < sizeof form / sizeof form[0]; i++) {
		assert_int_equal(p.items[i].part, form[i]);
		assert_true(p.items[i].shown);
	}
	assert_false(briefing_parts_find(&p, BRIEFING_GOOD_PRACTICE)->shown);
	briefing_parts_free(&p);
	expect_fail(&f->err, briefing_parts_read(f->st, f->audit, "eight-minute", &p, &f->err),
		    MACA_EUSER, "unknown briefing layout 'eight-minute'");
	enum briefing_part part;
	assert_true(briefing_part_parse("further-information", &part));
	assert_int_equal(part, BRIEFING_FURTHER);
	assert_false(briefing_part_parse("Background", &part));
	assert_non_null(strstr(briefing_part_names(), "background, why-it-matters, themes"));
}

/* Nothing maca writes itself appears until the chair takes it; once taken it is the chair's
 * text, shown as it is. */
static void test_suggestions_only_once_taken(void **state)
{
	struct fx *f = *state;
	struct audit_new a = {.title = "Domestic abuse audit",
			      .chair_agency = "police",
			      .audit_date = "2024-10-15",
			      .tpl = f->tpl};
	assert_ok(f, store_audit_update(f->st, f->audit, &a, &f->err));
	fx_case(f, "Child A");
	fx_case(f, "Child B");
	char *md = write_md(f, "standard");
	assert_null(strstr(md, "The audit day took place"));
	assert_null(strstr(md, "The Domestic Abuse Act 2021 changed"));
	assert_null(strstr(md, "This audit reviewed"));
	assert_null(strstr(md, "No good practice"));
	assert_null(strstr(md, "## Background"));
	free(md);

	struct briefing_options opt = {0};
	char *s;
	assert_ok(
	    f, briefing_part_suggestion(f->st, f->audit, BRIEFING_BACKGROUND, &opt, &s, &f->err));
	assert_non_null(strstr(s, "The Domestic Abuse Act 2021 changed"));
	assert_non_null(strstr(s, "The audit day took place in October 2024 and was chaired by "
				  "Police. It considered two children's case files."));
	/* Taken and edited: the chair's sentence replaces maca's. */
	char *edited = str_fmt("%s", "The audit day took place in October 2024 and was chaired by "
				     "one of our statutory safeguarding partners (Police).");
	set_text(f, "standard", BRIEFING_BACKGROUND, edited);
	free(s);
	assert_ok(f, briefing_part_suggestion(f->st, f->audit, BRIEFING_SAMPLE, &opt, &s, &f->err));
	assert_string_equal(s, "This audit reviewed two children's case files, and the findings "
			       "reflect this sample.");
	set_text(f, "standard", BRIEFING_SAMPLE, s);
	free(s);
	md = write_md(f, "standard");
	assert_non_null(strstr(md, "## Background\n\nThe audit day took place in October 2024 and "
				   "was chaired by one of our statutory safeguarding partners"));
	assert_null(strstr(md, "was chaired by Police"));
	assert_non_null(strstr(md, "\n\nThis audit reviewed two children's case files"));
	free(md);
	free(edited);
	/* The background is the audit's own, as the audit form shows it. */
	struct audit_info info;
	assert_ok(f, store_audit_get(f->st, f->audit, &info, &f->err));
	assert_non_null(strstr(info.background, "statutory safeguarding partners"));
	audit_info_free(&info);
	/* Parts maca has nothing to suggest for. */
	assert_ok(f, briefing_part_suggestion(f->st, f->audit, BRIEFING_GOOD_PRACTICE, &opt, &s,
					      &f->err));
	assert_string_equal(s, "");
	free(s);
	assert_ok(f,
		  briefing_part_suggestion(f->st, f->audit, BRIEFING_QUESTIONS, &opt, &s, &f->err));
	assert_non_null(strstr(s, "- How will you know"));
	free(s);
}

/* York's order: the themes and the sample statement under the background, no heading of their
 * own; good practice under the chair's heading; the action plan left out. */
static void test_shown_moved_and_headed(void **state)
{
	struct fx *f = *state;
	fx_good_practice(f, "Joint visits.", "", "");
	int64_t lp = fx_point(f, "Title", "", "", "");
	fx_action(f, lp, "Train staff", ACTION_NOT_STARTED);
	set_text(f, "standard", BRIEFING_BACKGROUND, "Our background.");
	set_text(f, "standard", BRIEFING_THEMES, "Other themes:\n\n- Homelessness");
	set_text(f, "standard", BRIEFING_SAMPLE, "(this audit reviewed one case)");
	size_t before = fx_history_count(f);
	assert_ok(f,
		  briefing_part_heading(f->st, f->audit, "standard", BRIEFING_THEMES, "", &f->err));
	assert_ok(f,
		  briefing_part_heading(f->st, f->audit, "standard", BRIEFING_GOOD_PRACTICE,
					"What areas of good practice was highlighted?", &f->err));
	assert_ok(
	    f, briefing_part_show(f->st, f->audit, "standard", BRIEFING_ACTIONS, false, &f->err));
	assert_ok(f, briefing_part_move(f->st, f->audit, "standard", BRIEFING_SAMPLE, 1, &f->err));
	static const char *const want[] = {
	    "briefing-heading:->",
	    "briefing-heading:->What areas of good practice was highlighted?", "briefing-shown:->0",
	    "briefing-order:>sample,background,themes,why-it-matters,good-practice,learning,"
	    "key-learning,findings,comparison,actions,what-to-do,questions,resources,"
	    "further-information"};
	fx_expect_history(f, before, want, 4);
	char *md = write_md(f, "standard");
	assert_true(at(md, "(this audit reviewed one case)") < at(md, "## Background"));
	assert_true(at(md, "Our background.") < at(md, "Other themes:"));
	assert_null(strstr(md, "## Other themes"));
	assert_non_null(strstr(md, "## What areas of good practice was highlighted?\n\n- Joint"));
	assert_null(strstr(md, "Action plan"));
	assert_null(strstr(md, "Train staff"));
	free(md);
	/* Back to the layout's heading; moved to the end; the other layout is untouched. */
	assert_ok(
	    f, briefing_part_heading(f->st, f->audit, "standard", BRIEFING_THEMES, NULL, &f->err));
	assert_ok(f, briefing_part_move(f->st, f->audit, "standard", BRIEFING_SAMPLE,
					BRIEFING_NPARTS, &f->err));
	struct briefing_parts p;
	assert_ok(f, briefing_parts_read(f->st, f->audit, "standard", &p, &f->err));
	assert_int_equal(p.items[0].part, BRIEFING_BACKGROUND);
	assert_int_equal(p.items[BRIEFING_NPARTS - 1].part, BRIEFING_SAMPLE);
	assert_string_equal(briefing_parts_find(&p, BRIEFING_THEMES)->heading,
			    "Other themes featured in the cases");
	briefing_parts_free(&p);
	assert_ok(f, briefing_parts_read(f->st, f->audit, "seven-minute", &p, &f->err));
	assert_int_equal(p.items[3].part, BRIEFING_SAMPLE);
	briefing_parts_free(&p);
	expect_fail(&f->err,
		    briefing_part_move(f->st, f->audit, "standard", BRIEFING_SAMPLE, 0, &f->err),
		    MACA_EUSER, "places 1 to 14");
	expect_fail(&f->err,
		    briefing_part_heading(f->st, f->audit, "standard", BRIEFING_SAMPLE,
					  "two\nlines", &f->err),
		    MACA_EUSER, "heading");
}

/* The seven-minute briefing says what the standard one says unless given its own words. */
static void test_seven_minute_inherits_text(void **state)
{
	struct fx *f = *state;
	set_text(f, "standard", BRIEFING_FURTHER, "Visit our website.");
	set_text(f, "standard", BRIEFING_BACKGROUND, "A long background.");
	set_text(f, "seven-minute", BRIEFING_BACKGROUND, "A short one.");
	assert_ok(f, briefing_part_show(f->st, f->audit, "seven-minute", BRIEFING_FINDINGS, false,
					&f->err));
	struct briefing_parts p;
	assert_ok(f, briefing_parts_read(f->st, f->audit, "seven-minute", &p, &f->err));
	assert_string_equal(briefing_parts_find(&p, BRIEFING_FURTHER)->text, "Visit our website.");
	assert_true(briefing_parts_find(&p, BRIEFING_FURTHER)->inherited);
	assert_string_equal(briefing_parts_find(&p, BRIEFING_BACKGROUND)->text, "A short one.");
	assert_false(briefing_parts_find(&p, BRIEFING_BACKGROUND)->inherited);
	briefing_parts_free(&p);
	char *md = write_md(f, "seven-minute");
	assert_non_null(strstr(md, "## 1. Background\n\nA short one.\n"));
	assert_non_null(strstr(md, "## 2. Further information\n\nVisit our website.\n"));
	free(md);
	/* Its own text cleared: the standard's again. */
	set_text(f, "seven-minute", BRIEFING_BACKGROUND, "");
	md = write_md(f, "seven-minute");
	assert_non_null(strstr(md, "## 1. Background\n\nA long background.\n"));
	free(md);
}

/* Learning points need no title: "Learning Point N" and the text, as York's. */
static void test_learning_point_without_title(void **state)
{
	struct fx *f = *state;
	struct learning_point_fields lp = {.text = "Where it was identified that IDAS were "
						   "working with a family, they were not invited."};
	int64_t id;
	int number;
	assert_ok(f, store_learning_point_add(f->st, f->audit, &lp, &id, &number, &f->err));
	assert_int_equal(number, 1);
	char *md = write_md(f, "standard");
	assert_non_null(strstr(md, "### Learning Point 1\n\nWhere it was identified"));
	assert_null(strstr(md, "**"));
	free(md);
	lp.text = "";
	expect_fail(&f->err, store_learning_point_add(f->st, f->audit, &lp, &id, &number, &f->err),
		    MACA_EUSER, "needs its text or a title");
}

static void test_settings(void **state)
{
	struct fx *f = *state;
	struct audit_new a = {
	    .title = "Domestic abuse audit", .audit_date = "2024-10-15", .tpl = f->tpl};
	assert_ok(f, store_audit_update(f->st, f->audit, &a, &f->err));
	char *md = write_md(f, "standard");
	assert_non_null(strstr(md, "# Briefing of our learning (October 2024)\n\nDomestic abuse "
				   "audit\n"));
	free(md);
	assert_ok(
	    f, briefing_setting_set(f->st, f->audit, BRIEFING_SET_PUBLISHED, "2025-06", &f->err));
	assert_ok(f, briefing_setting_set(f->st, f->audit, BRIEFING_SET_SUBTITLE,
					  "Joint Targeted Area Inspection on our multi-agency "
					  "response to Domestic Abuse",
					  &f->err));
	md = write_md(f, "standard");
	assert_non_null(strstr(md, "# Briefing of our learning (June 2025)\n\nJoint Targeted Area "
				   "Inspection on our multi-agency response to Domestic Abuse\n"));
	free(md);
	expect_fail(&f->err,
		    briefing_setting_set(f->st, f->audit, BRIEFING_SET_PUBLISHED, "June", &f->err),
		    MACA_EUSER, "publication date 'June' is not a month written YYYY-MM");
	expect_fail(
	    &f->err,
	    briefing_setting_set(f->st, f->audit, BRIEFING_SET_PUBLISHED, "2025-13", &f->err),
	    MACA_EUSER, "not a month");
	/* Key learning: numbers in, kept by point so that they follow a renumbering. */
	int64_t lp[6];
	for (int i = 0; i < 6; i++) {
		char title[16];
		snprintf(title, sizeof title, "Point %d", i + 1);
		lp[i] = fx_point(f, title, "", "", "");
	}
	char *v;
	assert_ok(f, briefing_setting_get(f->st, f->audit, BRIEFING_SET_KEY_LEARNING, &v, &f->err));
	assert_string_equal(v, "");
	free(v);
	md = write_md(f, "seven-minute");
	assert_non_null(strstr(md, "**Point 1.** What we learned.\n\n**Point 2.**"));
	assert_null(strstr(md, "**Point 4."));
	free(md);
	assert_ok(
	    f, briefing_setting_set(f->st, f->audit, BRIEFING_SET_KEY_LEARNING, "2, 4,6", &f->err));
	assert_ok(f, store_learning_point_move(f->st, lp[5], 1, &f->err));
	assert_ok(f, briefing_setting_get(f->st, f->audit, BRIEFING_SET_KEY_LEARNING, &v, &f->err));
	assert_string_equal(v, "3,5,1");
	free(v);
	md = write_md(f, "seven-minute");
	assert_true(at(md, "**Point 2.**") < at(md, "**Point 4.**"));
	assert_true(at(md, "**Point 4.**") < at(md, "**Point 6.**"));
	assert_null(strstr(md, "**Point 1."));
	free(md);
	expect_fail(&f->err,
		    briefing_setting_set(f->st, f->audit, BRIEFING_SET_KEY_LEARNING, "1,2,3,4,5,6",
					 &f->err),
		    MACA_EUSER, "names too many");
	expect_fail(&f->err,
		    briefing_setting_set(f->st, f->audit, BRIEFING_SET_KEY_LEARNING, "7", &f->err),
		    MACA_EUSER, "past the last");
	/* The template's resources, each chosen or not; the partnership's first. */
	const struct resource ours = {.title = "Our procedures", .url = "https://example.org/p"};
	struct briefing_options opt = {.resources = &ours, .nresources = 1};
	struct disclosure_list found = {0};
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	assert_true(at(md, "Our procedures") < at(md, "Domestic Abuse Act 2021]"));
	free(md);
	assert_ok(f, briefing_setting_set(f->st, f->audit, BRIEFING_SET_RESOURCES, "2,8", &f->err));
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	assert_non_null(strstr(md, "## Useful resources\n\n- [Our procedures](https://example.org/"
				   "p)\n- [Domestic Abuse Act 2021]"));
	assert_non_null(strstr(md, "Act 2021](https://www.legislation.gov.uk/ukpga/2021/17/"
				   "contents)\n- [National Domestic Abuse Helpline"));
	assert_null(strstr(md, "Operation Encompass"));
	free(md);
	assert_ok(f,
		  briefing_setting_set(f->st, f->audit, BRIEFING_SET_RESOURCES, "none", &f->err));
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	assert_non_null(strstr(md, "## Useful resources\n\n- [Our procedures](https://example.org/"
				   "p)\n"));
	assert_null(strstr(md, "Domestic Abuse Act 2021]"));
	free(md);
	expect_fail(&f->err,
		    briefing_setting_set(f->st, f->audit, BRIEFING_SET_RESOURCES, "9", &f->err),
		    MACA_EUSER, "numbers from 1 to 8");
	disclosure_list_free(&found);
	/* Back to the default: the audit day's month. */
	assert_ok(f, briefing_setting_set(f->st, f->audit, BRIEFING_SET_PUBLISHED, "", &f->err));
	md = write_md(f, "standard");
	assert_non_null(strstr(md, "(October 2024)"));
	free(md);
}

/* The partnership's website, newsletter and contact, from the configuration. */
static void test_further_information(void **state)
{
	struct fx *f = *state;
	struct partnership_info p = {.website = "https://www.saferchildrenyork.org.uk",
				     .website_title = "CYSCP website",
				     .newsletter = "https://example.org/news",
				     .newsletter_title = "",
				     .contact = "0300 000 0000"};
	struct briefing_options opt = {.partnership = &p};
	struct disclosure_list found = {0};
	char *md;
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	assert_non_null(strstr(md, "## Where do I go for further information?\n\n- [CYSCP website]"
				   "(https://www.saferchildrenyork.org.uk)\n- [Our newsletter]("
				   "https://example.org/news)\n- Contact: 0300 000 0000\n"));
	free(md);
	set_text(f, "standard", BRIEFING_FURTHER, "Please visit our website.");
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	assert_non_null(strstr(md, "information?\n\nPlease visit our website.\n"));
	assert_null(strstr(md, "CYSCP website"));
	free(md);
	disclosure_list_free(&found);
}

/* A text another maca changed since the screen read it is not overwritten. */
static void test_text_conflict(void **state)
{
	struct fx *f = *state;
	set_text(f, "standard", BRIEFING_QUESTIONS, "First.");
	char *now = NULL;
	struct store_change by = {0};
	expect_fail(&f->err,
		    briefing_part_set_text(f->st, f->audit, "standard", BRIEFING_QUESTIONS, "Mine.",
					   "", &now, &by, &f->err),
		    MACA_ECONFLICT, "the briefing's text was changed meanwhile");
	assert_string_equal(now, "First.");
	free(now);
	store_change_free(&by);
	assert_ok(f, briefing_part_set_text(f->st, f->audit, "standard", BRIEFING_QUESTIONS,
					    "Mine.", "First.", NULL, NULL, &f->err));
	/* The background too, which is the audit's column. */
	set_text(f, "standard", BRIEFING_BACKGROUND, "Ours.");
	expect_fail(&f->err,
		    briefing_part_set_text(f->st, f->audit, "standard", BRIEFING_BACKGROUND, "X",
					   "Other", NULL, NULL, &f->err),
		    MACA_ECONFLICT, NULL);
}

static void test_closed_audit_refuses(void **state)
{
	struct fx *f = *state;
	fx_close(f);
	expect_fail(&f->err,
		    briefing_part_set_text(f->st, f->audit, "standard", BRIEFING_SAMPLE, "X", NULL,
					   NULL, NULL, &f->err),
		    MACA_ELOCKED, "closed");
	expect_fail(
	    &f->err,
	    briefing_part_show(f->st, f->audit, "standard", BRIEFING_SAMPLE, false, &f->err),
	    MACA_ELOCKED, "closed");
	expect_fail(&f->err,
		    briefing_part_move(f->st, f->audit, "standard", BRIEFING_SAMPLE, 2, &f->err),
		    MACA_ELOCKED, "closed");
	expect_fail(&f->err,
		    briefing_setting_set(f->st, f->audit, BRIEFING_SET_SUBTITLE, "X", &f->err),
		    MACA_ELOCKED, "closed");
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM briefing_part"), 0);
}

/* The chair's words are checked for identifiers like every other text. */
static void test_texts_are_checked(void **state)
{
	struct fx *f = *state;
	set_text(f, "standard", BRIEFING_QUESTIONS, "Ring 07700 900123.");
	assert_ok(
	    f, briefing_part_show(f->st, f->audit, "standard", BRIEFING_QUESTIONS, true, &f->err));
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *md;
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	assert_int_equal(found.n, 1);
	assert_string_equal(found.items[0].where, "briefing, questions, text");
	assert_int_equal(found.items[0].place, DISCLOSURE_IN_BRIEFING);
	/* The audit's words: accepted against the audit, the part named by the field. */
	assert_int_equal(found.items[0].place_id, f->audit);
	assert_string_equal(found.items[0].field, "briefing-questions");
	enum briefing_part part;
	enum briefing_setting setting;
	assert_int_equal(briefing_field_parse(found.items[0].field, &part, &setting),
			 BRIEFING_FIELD_TEXT);
	assert_int_equal(part, BRIEFING_QUESTIONS);
	assert_int_equal(briefing_field_parse("briefing-themes-heading", &part, &setting),
			 BRIEFING_FIELD_HEADING);
	assert_int_equal(part, BRIEFING_THEMES);
	assert_int_equal(briefing_field_parse("briefing-subtitle", &part, &setting),
			 BRIEFING_FIELD_SETTING);
	assert_int_equal(setting, BRIEFING_SET_SUBTITLE);
	assert_int_equal(briefing_field_parse("background", &part, &setting), BRIEFING_FIELD_NONE);
	free(md);
	disclosure_list_free(&found);
	/* A part left out is not published, so not checked. */
	assert_ok(
	    f, briefing_part_show(f->st, f->audit, "standard", BRIEFING_QUESTIONS, false, &f->err));
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	assert_int_equal(found.n, 0);
	free(md);
}

static void test_good_practice_move(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_good_practice(f, "A", "", ""), b = fx_good_practice(f, "B", "", ""),
		c = fx_good_practice(f, "C", "", "");
	(void)b;
	assert_ok(f, store_good_practice_move(f->st, c, 1, &f->err));
	assert_ok(f, store_good_practice_move(f->st, a, 2, &f->err));
	struct good_practice_row *rows;
	size_t n;
	assert_ok(f, store_good_practice_list(f->st, f->audit, &rows, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].text, "C");
	assert_string_equal(rows[1].text, "A");
	assert_string_equal(rows[2].text, "B");
	good_practice_rows_free(rows, n);
	expect_fail(&f->err, store_good_practice_move(f->st, a, 4, &f->err), MACA_EUSER,
		    "numbered 1 to 3");
}

static void test_words(void **state)
{
	(void)state;
	assert_int_equal(briefing_words("# Title (June 2025)\n\n- one, two's\n| a | b-c |"), 7);
	assert_int_equal(briefing_words("[CYSCP website](https://x.example/a-b-c) now"), 3);
	assert_int_equal(briefing_words(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)
	    T(test_layouts_list_every_part),	  T(test_suggestions_only_once_taken),
	    T(test_shown_moved_and_headed),	  T(test_seven_minute_inherits_text),
	    T(test_learning_point_without_title), T(test_settings),
	    T(test_further_information),	  T(test_text_conflict),
	    T(test_closed_audit_refuses),	  T(test_texts_are_checked),
	    T(test_good_practice_move),		  T(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
