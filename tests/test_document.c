/* Documents a partnership publishes (core/publish's document.h and chart.h): charts drawn to
 * SVG and PNG in the scale's colours, the programs' chatter kept back unless they fail, and
 * the standalone HTML with its language, running head, stylesheet and charts' alternative
 * text. It also leaves document-fixture.db behind for tests/render-documents.sh: the demo
 * audit (1) and an audit on a Red/Amber/Green scale with every case agreed (2). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing.h"
#include "document.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

#define ok(call, e)                                                                                \
	do {                                                                                       \
		if ((call) != 0)                                                                   \
			fail_msg("%s: %s", #call, err_msg(e));                                     \
	} while (0)

static struct template *load(const char *rel)
{
	char *path = str_fmt("%s/%s", MACA_SOURCE_DIR, rel);
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (!path || template_load_file(path, &tpl, &diags) != 0)
		fail_msg("cannot load %s", rel);
	diag_list_free(&diags);
	free(path);
	return tpl;
}

static struct chart_list one_chart(const char *ext)
{
	struct chart_list list = {0};
	char *name = str_fmt("chart-1.%s", ext);
	struct chart *c = chart_add(&list, name, "Bar chart: three grades", 8);
	free(name);
	assert_non_null(c);
	assert_true(chart_add_bar(c, "Green", "#00703c", 4, "4", true));
	assert_true(chart_add_bar(c, "Requires improvement to be good, a label long enough to wrap",
				  "#b35900", 3, "3", true));
	assert_true(chart_add_bar(c, "Red", "#d4351c", 1, "fewer than 3", false));
	return list;
}

static void test_charts_drawn_to_svg_and_png(void **state)
{
	(void)state;
	struct chart_list list = one_chart("svg");
	struct maca_err e = {0};
	struct sbuf svg = {0}, png = {0};
	ok(chart_svg(&list.items[0], &svg, &e), &e);
	ok(chart_png(&list.items[0], 192.0 / 72.0, &png, &e), &e);
	assert_non_null(strstr(svg.data, "<svg"));
	assert_non_null(strstr(svg.data, "width=\"440pt\""));
	/* The glyphs in groups, which weasyprint draws, not symbols, which it does not. */
	assert_null(strstr(svg.data, "<symbol"));
	assert_non_null(strstr(svg.data, "<use xlink:href=\"#glyph"));
	/* The bars in the scale's colours; the suppressed count has none. */
	assert_non_null(strstr(svg.data, "rgb(0%,43.921569%,23.529412%)"));
	assert_non_null(strstr(svg.data, "rgb(70.196078%,34.901961%,0%)"));
	assert_null(strstr(svg.data, "rgb(83.137255%,20.784314%,10.980392%)"));
	const unsigned char *bytes = (const unsigned char *)png.data;
	assert_true(png.len > 24 && memcmp(bytes, "\x89PNG\r\n\x1a\n", 8) == 0);
	/* 440 points at 192 pixels per inch. */
	unsigned width = (unsigned)bytes[16] << 24 | bytes[17] << 16 | bytes[18] << 8 | bytes[19];
	assert_int_equal(width, 1173);
	sbuf_free(&svg);
	sbuf_free(&png);
	chart_list_free(&list);
}

static void test_grade_colours(void **state)
{
	(void)state;
	struct template *ofsted = load("audit-templates/domestic-abuse.ini");
	char c[8];
	chart_grade_colour(ofsted, 0, c);
	assert_string_equal(c, "#00703c"); /* the best: green */
	chart_grade_colour(ofsted, 3, c);
	assert_string_equal(c, "#d4351c"); /* the worst: red */
	chart_grade_colour(ofsted, 4, c);
	assert_string_equal(c, "#6f777b"); /* not applicable: grey */
	template_free(ofsted);
	struct template *rag = load("tests/fixtures/rag.ini");
	chart_grade_colour(rag, 1, c);
	assert_string_equal(c, "#b35900"); /* the template's own amber */
	template_free(rag);
}

/* What a program says goes to its log, and into the error only when it fails. */
static void test_program_output_shown_only_on_failure(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *log = str_fmt("%s/run.log", dir);
	struct maca_err e = {0};
	char *fine[] = {"sh", "-c", "echo 'Loading pages (1/6)'; printf '[====]\\r[=====]\\n' >&2",
			NULL};
	ok(document_run(fine, NULL, log, "sh", &e), &e);
	struct stat sb;
	assert_int_equal(stat(log, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *env[] = {"MACA_TEST_VALUE=seen", NULL};
	char *bad[] = {"sh", "-c", "echo \"$MACA_TEST_VALUE\"; echo 'Qt warning' >&2; exit 3",
		       NULL};
	assert_int_equal(document_run(bad, env, log, "the engine", &e), MACA_EIO);
	assert_non_null(strstr(err_msg(&e), "the engine failed with exit status 3; nothing was "
					    "written. Its output ended:\n  seen\n  Qt warning"));
	err_clear(&e);
	char *missing[] = {"maca-no-such-program", NULL};
	assert_int_equal(document_run(missing, NULL, log, "it", &e), MACA_ENOTFOUND);
	assert_non_null(strstr(err_msg(&e), "apt-get install maca-no-such-program"));
	err_clear(&e);
	assert_false(document_program_installed("maca-no-such-program"));
	assert_true(document_program_installed("sh"));
	free(log);
	tu_remove_tree(dir);
	free(dir);
}

/* The directory holds nothing but the named file (the work directory is gone). */
static void expect_only(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *ent;
	while ((ent = readdir(d)))
		if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0 &&
		    (!name || strcmp(ent->d_name, name) != 0))
			fail_msg("%s left in %s", ent->d_name, dir);
	closedir(d);
}

static const char markdown[] = "# Briefing of our learning\n\n## Findings at a glance\n\n"
			       "### Voice\n\n![Bar chart: three grades](chart-1.svg)\n\n"
			       "| Grade | Cases |\n| --- | ---: |\n| Green | 4 |\n";

static void test_standalone_html(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = str_fmt("%s/b.html", dir);
	struct chart_list charts = one_chart("svg");
	struct document_options opt = {.format = DOCUMENT_HTML,
				       .title = "Briefing of our learning: test",
				       .partnership = "Anytown & District <SCP>"};
	struct maca_err e = {0};
	ok(document_write(markdown, &charts, &opt, path, &e), &e);
	expect_only(dir, "b.html");
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *html = tu_read(path, NULL);
	assert_non_null(strstr(html, "lang=\"en-GB\""));
	assert_non_null(strstr(html, "<title>Briefing of our learning: test</title>"));
	assert_non_null(strstr(html, "alt=\"Bar chart: three grades\""));
	assert_non_null(strstr(html, "src=\"data:image/svg+xml;base64,"));
	assert_non_null(strstr(html, "<th>Grade</th>"));
	assert_non_null(strstr(html, "running-head\" aria-hidden=\"true\">Anytown &amp; District "
				     "&lt;SCP&gt;</div>"));
	assert_non_null(strstr(html, "position: running(running-head)")); /* maca's CSS */
	free(html);
	/* Not replaced without overwrite; a stylesheet that is missing is named. */
	assert_int_equal(document_write(markdown, &charts, &opt, path, &e), MACA_EEXIST);
	err_clear(&e);
	opt.overwrite = true;
	opt.stylesheet = "/nonexistent/ours.css";
	assert_int_equal(document_write(markdown, &charts, &opt, path, &e), MACA_ENOTFOUND);
	assert_non_null(strstr(err_msg(&e), "/nonexistent/ours.css (stylesheet in the "
					    "configuration's [publish])"));
	err_clear(&e);
	expect_only(dir, "b.html");
	/* The partnership's own stylesheet instead of maca's. */
	char *css = tu_write(dir, "ours.css", "h1 { color: #123456; }\n");
	opt.stylesheet = css;
	ok(document_write(markdown, &charts, &opt, path, &e), &e);
	html = tu_read(path, NULL);
	assert_non_null(strstr(html, "#123456"));
	assert_null(strstr(html, "running(running-head)"));
	free(html);
	free(css);
	chart_list_free(&charts);
	free(path);
	tu_remove_tree(dir);
	free(dir);
}

/* A failing pandoc: its own message in the error, nothing left behind. */
static void test_failing_pandoc(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *bin = str_fmt("%s/bin", dir);
	assert_int_equal(mkdir(bin, 0700), 0);
	char *pandoc =
	    tu_write(bin, "pandoc", "#!/bin/sh\necho 'pandoc: out of luck' >&2\nexit 9\n");
	assert_int_equal(chmod(pandoc, 0700), 0);
	char *old = strdup(getenv("PATH"));
	char *path_env = str_fmt("%s:%s", bin, old);
	setenv("PATH", path_env, 1);
	char *out = str_fmt("%s/b.docx", dir);
	struct document_options opt = {.format = DOCUMENT_DOCX, .title = "T"};
	struct maca_err e = {0};
	assert_int_equal(document_write(markdown, NULL, &opt, out, &e), MACA_EIO);
	assert_non_null(strstr(err_msg(&e), "pandoc (making the Word document) failed with exit "
					    "status 9; nothing was written. Its output ended:\n"
					    "  pandoc: out of luck"));
	err_clear(&e);
	setenv("PATH", old, 1);
	assert_int_equal(access(out, F_OK), -1);
	unlink(pandoc);
	rmdir(bin);
	expect_only(dir, NULL);
	free(old);
	free(path_env);
	free(pandoc);
	free(bin);
	free(out);
	tu_remove_tree(dir);
	free(dir);
}

/* ---- The fixture for tests/render-documents.sh ---- */

/* grades[c][s]: the case's agreed grade in each section ('g', 'a', 'r', 'n'). */
static const char *const rag_grades[] = {"gag", "gaa", "grg", "arg", "ara", "aan", "gga", "rag"};

static void rag_audit(struct store *st, struct template *tpl, struct maca_err *e)
{
	struct audit_new a = {.title = "Early help, autumn",
			      .partnership = "Anytown Safeguarding Children Partnership",
			      .chair_agency = "health",
			      .audit_date = "2025-10-14",
			      .background =
				  "They looked at how agencies worked together for:\n"
				  "- children missing education\n"
				  "- families living in *poor housing*\n\n"
				  "The audit day was chaired by **Health**. See "
				  "[Working together](https://www.gov.uk/government/publications/"
				  "working-together-to-safeguard-children--2).",
			      .tpl = tpl};
	int64_t audit;
	ok(store_audit_create(st, &a, &audit, e), e);
	const char *questions[] = {"referral-timely", "assessment-quality", "voice-heard"};
	const char *ids[] = {"green", "amber", "red", "not-known"};
	for (size_t c = 0; c < 8; c++) {
		char ref[] = "Child A";
		ref[6] = (char)('A' + c);
		struct named_list tags = {0};
		assert_true(split_list(c % 2 ? "neglect, housing" : "neglect, school", &tags));
		struct case_fields cf = {.reference = ref, .tags = &tags};
		int64_t id;
		ok(store_case_add(st, audit, &cf, &id, e), e);
		named_list_free(&tags);
		for (size_t s = 0; s < 3; s++) {
			const char *g = strchr("garn", rag_grades[c][s]);
			ok(store_agreed_save(st, id, questions[s], ids[g - "garn"], "", NULL, e),
			   e);
		}
	}
	struct good_practice_fields g = {
	    .text = "**Schools** made referrals the same day, with the child's words.",
	    .agencies = "",
	    .cases = ""};
	int64_t id;
	ok(store_good_practice_add(st, audit, &g, &id, e), e);
	struct learning_point_fields lp = {
	    .title = "Share plans with schools",
	    .text = "Plans were not always shared with schools. Agencies should:\n\n"
		    "1. send the plan within five working days\n"
		    "2. name who will tell the child"};
	int number;
	ok(store_learning_point_add(st, audit, &lp, &id, &number, e), e);
}

static void test_fixture_for_rendering(void **state)
{
	(void)state;
	const char *db = "document-fixture.db";
	const char *beside[] = {"", "-wal", "-shm", "-journal", ".lock"};
	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		char *p = str_fmt("%s%s", db, beside[i]);
		unlink(p);
		free(p);
	}
	struct store *st;
	struct maca_err e = {0};
	ok(store_open(db, &st, &e), &e);
	struct template *ofsted = load("audit-templates/domestic-abuse.ini");
	struct template *rag = load("tests/fixtures/rag.ini");
	int64_t demo;
	ok(demo_create(st, ofsted, &demo, &e), &e);
	assert_int_equal(demo, 1);
	rag_audit(st, rag, &e);
	/* The RAG audit's briefing speaks the scale's words and suppresses small counts. */
	struct briefing_options opt = {0};
	struct disclosure_list found = {0};
	char *md = NULL;
	ok(briefing_write(st, 2, &opt, &md, &found, &e), &e);
	assert_int_equal(found.n, 0);
	assert_non_null(strstr(md, "| Green | 4 |\n| Amber | 3 |\n| Red | fewer than 3 |\n"
				   "| Not known | fewer than 3 |"));
	assert_non_null(strstr(md, "Of the 8 cases, 4 were graded Green and 3 Amber. Red and Not "
				   "known each had fewer than 3."));
	assert_non_null(strstr(md, "\n- children missing education\n- families living in *poor "
				   "housing*\n"));
	assert_non_null(strstr(md, "\n1. send the plan within five working days\n2. name who"));
	free(md);
	disclosure_list_free(&found);
	template_free(ofsted);
	template_free(rag);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_charts_drawn_to_svg_and_png),
	    cmocka_unit_test(test_grade_colours),
	    cmocka_unit_test(test_program_output_shown_only_on_failure),
	    cmocka_unit_test(test_standalone_html),
	    cmocka_unit_test(test_failing_pandoc),
	    cmocka_unit_test(test_fixture_for_rendering),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
