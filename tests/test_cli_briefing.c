/* The command line for what the briefing holds: good practice and learning points (add, list,
 * show, edit, move, remove; text from --text, a file or standard input), the briefing's parts
 * (parts, show, text, take, on, off, move, heading) and settings, against a real database. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_run.h"
#include "sbuf.h"
#include "testutil.h"

static char *home, *db;

#define maca(...) cli_run_db(db, NULL, __VA_ARGS__)

static int setup(void **state)
{
	(void)state;
	home = cli_run_home();
	if (!home)
		return -1;
	db = str_fmt("%s/maca.db", home);
	cli_run_expect(maca("new", "domestic-abuse", "JTAI audit", "--date", "2024-10-15",
			    "--chair", "police", NULL),
		       0, "1\n", NULL);
	cli_run_expect(maca("case", "add", "1", "Child A", "--tags", "homelessness", NULL), 0, NULL,
		       NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_remove_tree(home);
	free(home);
	free(db);
	return 0;
}

/* What a command printed on standard output (caller frees). */
static char *out_of(struct cli_run r)
{
	if (r.status != 0)
		fail_msg("status %d: %s", r.status, r.err);
	char *out = strdup(r.out);
	cli_run_free(&r);
	return out;
}

/* Runs with standard input read from text. */
static struct cli_run with_stdin(const char *text, struct cli_run (*run)(void))
{
	char *path = tu_write(home, "stdin.txt", text);
	int saved = dup(STDIN_FILENO), fd = open(path, O_RDONLY);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	struct cli_run r = run();
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	free(path);
	return r;
}

static struct cli_run add_from_stdin(void)
{
	return maca("good-practice", "add", "1", "--text-file", "-", NULL);
}

static void test_good_practice(void **state)
{
	(void)state;
	const char *first = "Police share incidents.\n\n- with IDAS\n- with MARAC\n";
	char *file = tu_write(home, "gp.md", first);
	cli_run_expect(maca("good-practice", "add", "1", "--text-file", file, NULL), 0, "1\n",
		       NULL);
	cli_run_expect(with_stdin("From standard input.\n\n", add_from_stdin), 0, "2\n", NULL);
	cli_run_expect(
	    maca("good-practice", "add", "1", "--text", "Third.", "--agencies", "police", NULL), 0,
	    "3\n", NULL);
	/* The text as typed, less the line breaks that end the file. */
	char *out = out_of(maca("good-practice", "show", "1", "1", NULL));
	assert_string_equal(out, "Police share incidents.\n\n- with IDAS\n- with MARAC\n");
	free(out);
	out = out_of(maca("good-practice", "list", "1", NULL));
	assert_string_equal(out, "1\t\t\tPolice share incidents.  - with IDAS - with MARAC\n"
				 "2\t\t\tFrom standard input.\n"
				 "3\tpolice\t\tThird.\n");
	free(out);
	cli_run_expect(maca("good-practice", "move", "1", "3", "1", NULL), 0, NULL, NULL);
	cli_run_expect(maca("good-practice", "edit", "1", "2", "--text", "Shared.", NULL), 0, NULL,
		       NULL);
	cli_run_expect(maca("good-practice", "remove", "1", "3", NULL), 0, NULL, NULL);
	out = out_of(maca("good-practice", "list", "1", NULL));
	assert_string_equal(out, "1\tpolice\t\tThird.\n2\t\t\tShared.\n");
	free(out);
	cli_run_expect(maca("good-practice", "show", "1", "3", NULL), 1, NULL,
		       "'3' is not a good practice number: they are numbered 1 to 2");
	cli_run_expect(maca("good-practice", "add", "1", NULL), 2, NULL, "needs its text");
	cli_run_expect(maca("good-practice", "add", "1", "--text", "x", "--text-file", file, NULL),
		       2, NULL, "not both");
	cli_run_expect(maca("good-practice", "add", "1", "--text-file", home, NULL), 1, NULL,
		       "a directory, not a regular file");
	free(file);
}

static void test_learning_points(void **state)
{
	(void)state;
	char *file = tu_write(home, "lp.md",
			      "For one family, they had no recourse to public funds.\n\nIn this "
			      "case, the family were also made homeless.\n");
	cli_run_expect(
	    maca("learning", "add", "1", "--text", "Not all safety plans are joined up.", NULL), 0,
	    "1\n", NULL);
	cli_run_expect(
	    maca("learning", "add", "1", "--text-file", file, "--cases", "Child A", NULL), 0, "2\n",
	    NULL);
	cli_run_expect(maca("learning", "add", "1", "--title", "Titled", "--text", "Three.", NULL),
		       0, "3\n", NULL);
	char *out = out_of(maca("learning", "show", "1", "2", NULL));
	assert_string_equal(out, "For one family, they had no recourse to public funds.\n\nIn "
				 "this case, the family were also made homeless.\n");
	free(out);
	cli_run_expect(maca("learning", "move", "1", "3", "1", NULL), 0, NULL, NULL);
	cli_run_expect(maca("learning", "edit", "1", "1", "--title", "", NULL), 0, NULL, NULL);
	out = out_of(maca("learning", "list", "1", NULL));
	assert_non_null(strstr(out, "1\t\t0 actions\tThree.\n2\t\t0 actions\tNot all"));
	free(out);
	/* Links not given stay as they are. */
	cli_run_expect(maca("learning", "edit", "1", "3", "--text", "Shorter.", NULL), 0, NULL,
		       NULL);
	char *tail = tu_sql_value(db, "SELECT count(*) FROM learning_point_case");
	assert_string_equal(tail, "1");
	free(tail);
	cli_run_expect(maca("learning", "remove", "1", "1", NULL), 0, NULL, NULL);
	cli_run_expect(maca("learning", "remove", "1", "9", NULL), 1, NULL, "numbered 1 to 2");
	cli_run_expect(maca("learning", "add", "1", NULL), 1, NULL, "needs its text or a title");
	cli_run_expect(maca("learning", "nope", "1", NULL), 2, NULL,
		       "unknown learning subcommand 'nope'");
	free(file);
}

static void test_briefing_parts(void **state)
{
	(void)state;
	char *out = out_of(maca("briefing", "parts", "1", NULL));
	assert_non_null(strstr(out, "1\ton\tbackground\tno text\tBackground\n"
				    "2\ton\tthemes\trecords\tOther themes featured in the cases\n"
				    "3\ton\tsample\tno text\t(no heading)\n"));
	free(out);
	out = out_of(maca("briefing", "show", "1", "sample", "--suggested", NULL));
	assert_string_equal(out, "This audit reviewed one child's case file, and the findings "
				 "reflect this sample.\n");
	free(out);
	cli_run_expect(maca("briefing", "take", "1", "sample", NULL), 0, NULL, NULL);
	cli_run_expect(maca("briefing", "take", "1", "sample", NULL), 1, NULL,
		       "has text of its own; pass --force");
	cli_run_expect(maca("briefing", "take", "1", "good-practice", NULL), 1, NULL,
		       "no suggestion for the good-practice part");
	char *file = tu_write(home, "bg.md",
			      "Joint Targeted Area Inspections are thematic.\n\n"
			      "- the leadership\n- the arrangements\n");
	cli_run_expect(maca("briefing", "text", "1", "background", "--text-file", file, NULL), 0,
		       NULL, NULL);
	out = out_of(maca("briefing", "show", "1", "background", NULL));
	assert_string_equal(out, "Joint Targeted Area Inspections are thematic.\n\n- the "
				 "leadership\n- the arrangements\n");
	free(out);
	cli_run_expect(maca("briefing", "text", "1", "themes", "--text",
			    "Other themes which featured:\n\n- Homelessness", NULL),
		       0, NULL, NULL);
	cli_run_expect(maca("briefing", "heading", "1", "themes", "--none", NULL), 0, NULL, NULL);
	cli_run_expect(maca("good-practice", "add", "1", "--text", "Joint visits.", NULL), 0, NULL,
		       NULL);
	cli_run_expect(maca("briefing", "heading", "1", "good-practice", "--to",
			    "What areas of good practice was highlighted?", NULL),
		       0, NULL, NULL);
	cli_run_expect(maca("briefing", "off", "1", "findings", "actions", NULL), 0, NULL, NULL);
	cli_run_expect(
	    maca("briefing", "move", "1", "sample", "3", "--layout", "seven-minute", NULL), 0, NULL,
	    NULL);
	cli_run_expect(maca("briefing", "set", "1", "--published", "2025-06", "--subtitle",
			    "Joint Targeted Area Inspection", NULL),
		       0, NULL, NULL);
	out = out_of(maca("briefing", "settings", "1", NULL));
	assert_string_equal(out, "title\t\npublished\t2025-06\nsubtitle\tJoint Targeted Area "
				 "Inspection\nkey-learning\t\ntemplate-resources\t\n");
	free(out);
	char *md = str_fmt("%s/b.md", home);
	cli_run_expect(maca("export", "briefing", "1", "-o", md, NULL), 0, NULL, NULL);
	char *text = tu_read(md, NULL);
	assert_non_null(strstr(text, "# Briefing of our learning (June 2025)\n\nJoint Targeted "
				     "Area Inspection\n\n## Background\n\nJoint Targeted Area "
				     "Inspections are thematic."));
	assert_non_null(strstr(text, "\n\nOther themes which featured:"));
	assert_non_null(strstr(text, "## What areas of good practice was highlighted?"));
	assert_null(strstr(text, "Findings at a glance"));
	assert_null(strstr(text, "chaired by Police"));
	free(text);
	out = out_of(maca("briefing", "parts", "1", "--layout", "seven-minute", NULL));
	assert_non_null(strstr(out, "3\ton\tsample\tstandard's text\t(no heading)\n"));
	free(out);
	cli_run_expect(maca("briefing", "heading", "1", "themes", NULL), 2, NULL,
		       "needs one of --to TEXT, --none or --default");
	cli_run_expect(maca("briefing", "text", "1", "nope", "--text", "x", NULL), 1, NULL,
		       "unknown briefing part 'nope'");
	cli_run_expect(maca("briefing", "move", "1", "sample", "15", NULL), 1, NULL,
		       "numbered 1 to 14");
	cli_run_expect(maca("briefing", "set", "1", "--key-learning", "1,2", NULL), 1, NULL,
		       "--key-learning: key learning '1,2' names a number past the last");
	cli_run_expect(maca("briefing", "set", "1", NULL), 2, NULL, "needs a setting");
	cli_run_expect(maca("briefing", "parts", "1", "--layout", "eight-minute", NULL), 2, NULL,
		       "unknown layout 'eight-minute'");
	free(md);
	free(file);
}

/* [partnership] in maca.ini: the further information's links, checked like resources. */
static void test_partnership_pages(void **state)
{
	(void)state;
	char *cfg = tu_write(home, "maca.ini",
			     "[partnership]\nwebsite = https://www.example.org/p\n"
			     "website_title = CYSCP website\nnewsletter = mailto:news@example.org\n"
			     "contact = Business unit, 01234 000000\n");
	struct cli_run r = cli_run_db(db, cfg, "briefing", "show", "1", "further-information",
				      "--suggested", NULL);
	char *out = out_of(r);
	assert_string_equal(out, "- [CYSCP website](https://www.example.org/p)\n- [Our newsletter]"
				 "(mailto:news@example.org)\n- Contact: Business unit, 01234 "
				 "000000\n");
	free(out);
	char *md = str_fmt("%s/b.md", home);
	cli_run_expect(cli_run_db(db, cfg, "export", "briefing", "1", "-o", md, NULL), 0, NULL,
		       NULL);
	char *text = tu_read(md, NULL);
	assert_non_null(strstr(text, "## Where do I go for further information?\n\n- [CYSCP "
				     "website](https://www.example.org/p)\n"));
	free(text);
	free(md);
	free(cfg);
	cfg = tu_write(home, "bad.ini",
		       "[partnership]\nwebsite = mailto:x@example.org\nnewsletter = javascript:x\n"
		       "blog = https://example.org\n");
	r = cli_run_db(db, cfg, "briefing", "parts", "1", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.ini:2: website is not allowed (a website is an http or "
				      "https address)"));
	assert_non_null(strstr(r.err, "bad.ini:3: newsletter is not allowed"));
	assert_non_null(strstr(r.err, "bad.ini:4: unknown key 'blog' in [partnership]"));
	cli_run_free(&r);
	free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_good_practice, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_learning_points, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_briefing_parts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_partnership_pages, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
