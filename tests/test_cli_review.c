/* The command line for re-audits: `new --reaudit-of`, `compare` and `report`, against a
 * real database file. Grades, learning points and actions are written through the store, as
 * the interface would. */
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
#include "cli_run.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

#define maca(...) cli_run(__VA_ARGS__)

static char *home;

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

/* The shipped domestic-abuse template as version 2, with one question more. */
static char *write_v2(void)
{
	char *src = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	char *text = tu_read(src, NULL);
	assert_non_null(text);
	char *at = strstr(text, "version = 1");
	assert_non_null(at);
	at[strlen("version = ")] = '2';
	char *more = str_fmt("%s\n[question identification-new]\nsection = identification\n"
			     "text = Was the school told the same day?\n",
			     text);
	char *path = tu_write(home, "da-v2.ini", more);
	free(more);
	free(text);
	free(src);
	return path;
}

static struct store *open_db(void)
{
	char *db = str_fmt("%s/data/maca/maca.db", home);
	struct store *st = NULL;
	struct maca_err e = {0};
	if (store_open(db, &st, &e))
		fail_msg("%s", err_msg(&e));
	free(db);
	return st;
}

static void ok(int rc, struct maca_err *e)
{
	if (rc)
		fail_msg("%s", err_msg(e));
}

static void test_new_reaudit_of(void **state)
{
	(void)state;
	char *v2 = write_v2();
	cli_run_expect(maca("new", "domestic-abuse", "First", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("new", v2, "Second", "--reaudit-of", "1", NULL), CLI_OK, "2\n", NULL);
	cli_run_expect(maca("new", "multi-agency-practice", "Other", "--reaudit-of", "1", NULL),
		       CLI_FAIL, NULL, "uses template domestic-abuse, not multi-agency-practice");
	cli_run_expect(maca("new", "domestic-abuse", "Back", "--reaudit-of", "2", NULL), CLI_FAIL,
		       NULL, "uses domestic-abuse version 2, newer than version 1");
	cli_run_expect(maca("new", "domestic-abuse", "Lost", "--reaudit-of", "99", NULL), CLI_FAIL,
		       NULL, "re-audit of: no audit '99'");
	struct cli_run r = maca("list", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_null(strstr(r.out, "\n3\t")); /* nothing else was created */
	/* The re-audit says which audit it follows; the earlier one keeps its five fields. */
	assert_string_equal(r.out, "1\tFirst\tdomestic-abuse v1\t0 cases\tdraft\n"
				   "2\tSecond\tdomestic-abuse v2\t0 cases\tdraft\tre-audit of 1\n");
	cli_run_free(&r);
	r = maca("list", "--ids", NULL);
	assert_string_equal(r.out, "1\n2\n");
	cli_run_free(&r);
	struct store *st = open_db();
	struct maca_err e = {0};
	struct audit_info first, second;
	ok(store_audit_get(st, 1, &first, &e), &e);
	ok(store_audit_get(st, 2, &second, &e), &e);
	assert_string_equal(second.reaudit_of, first.uuid);
	audit_info_free(&first);
	audit_info_free(&second);
	store_close(st);
	free(v2);
}

/* Audit 1 (then) and its re-audit 2 (now), one case each, and a third unrelated audit. */
static void two_audits(void)
{
	char *v2 = write_v2();
	cli_run_expect(maca("new", "domestic-abuse", "Then", "--date", "2025-03-01", NULL), CLI_OK,
		       "1\n", NULL);
	cli_run_expect(maca("new", v2, "Now", "--date", "2025-11-01", "--reaudit-of", "1", NULL),
		       CLI_OK, "2\n", NULL);
	cli_run_expect(maca("new", "domestic-abuse", "Unrelated", NULL), CLI_OK, "3\n", NULL);
	cli_run_expect(maca("case", "add", "1", "Child A", NULL), CLI_OK, "1\n", NULL);
	cli_run_expect(maca("case", "add", "2", "Child B", NULL), CLI_OK, "2\n", NULL);
	free(v2);
	struct store *st = open_db();
	struct maca_err e = {0};
	ok(store_agreed_save(st, 1, "identification-recognised", "inadequate", "", NULL, &e), &e);
	ok(store_agreed_save(st, 2, "identification-recognised", "good", "", NULL, &e), &e);
	struct named_list sections = {0};
	assert_true(named_add(&sections, "identification", "identification"));
	struct learning_point_fields lp = {.title = "Abuse not named", .sections = &sections};
	int64_t lp_id, action;
	ok(store_learning_point_add(st, 1, &lp, &lp_id, NULL, &e), &e);
	struct action_fields a = {.what = "Training on coercive control",
				  .owner_agency = "police",
				  .status = ACTION_NOT_STARTED};
	ok(store_action_add(st, lp_id, &a, &action, &e), &e);
	/* Follow-up between the audits. */
	ok(store_action_set_status(st, action, ACTION_DONE, "All response officers trained", &e),
	   &e);
	named_list_free(&sections);
	store_close(st);
}

static void test_compare_command(void **state)
{
	(void)state;
	two_audits();
	struct cli_run r = maca("compare", "1", "2", NULL);
	assert_int_equal(r.status, CLI_OK);
	const char *want[] = {
	    "- Then: Then (2025-03-01), template domestic-abuse version 1, 1 case\n",
	    "| Responding at the point of identification | 4.0 | 2.0 | ^ better | 1 added, 0 "
	    "removed |\n",
	    "- Responding at the point of identification, added: `identification-new` Was the "
	    "school told the same day?\n",
	    "Actions done: 1 of 1 (100%)",
	    "   - Done: Training on coercive control (Police)\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(r.out, want[i]))
			fail_msg("missing \"%s\"", want[i]);
	assert_string_equal(r.err, "");
	cli_run_free(&r);

	/* To a private file, not over an existing one without --force. */
	char *out = str_fmt("%s/compare.md", home);
	cli_run_expect(maca("compare", "1", "2", "-o", out, NULL), CLI_OK, out, NULL);
	struct stat sb;
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	cli_run_expect(maca("compare", "1", "2", "-o", out, NULL), CLI_FAIL, NULL,
		       "already exists");
	cli_run_expect(maca("compare", "1", "2", "-o", out, "--force", NULL), CLI_OK, out, NULL);
	free(out);

	/* Not a re-audit: compared, with a note. */
	cli_run_expect(maca("compare", "1", "3", NULL), CLI_OK, "# Re-audit compared",
		       "audit 3 was not started as a re-audit of audit 1");
	cli_run_expect(maca("compare", "1", NULL), CLI_USAGE, NULL, "compare needs OLD and NEW");
	cli_run_expect(maca("compare", "1", "9", NULL), CLI_FAIL, NULL, "no audit '9'");
	cli_run_expect(maca("compare", "2", "2", NULL), CLI_FAIL, NULL, "two different audits");
}

static void test_report_command(void **state)
{
	(void)state;
	two_audits();
	struct cli_run r = maca("report", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_non_null(strstr(r.out, "# Partnership report"));
	assert_non_null(strstr(r.out,
			       "| 1 | 2025-03-01 | Then | Domestic abuse | domestic-abuse v1 | "
			       "1 | 1 | draft |  |\n"));
	assert_non_null(strstr(r.out,
			       "| 2 | 2025-11-01 | Now | Domestic abuse | domestic-abuse v2 | "
			       "1 | 0 | draft | audit 1 |\n"));
	assert_non_null(strstr(r.out, "Done: 1 of 1 (100%)"));
	/* Today from the clock; the one action is done, so none is overdue. */
	assert_non_null(strstr(r.out, "## Overdue actions\n\nActions still open on 20"));
	assert_non_null(strstr(r.out, "most overdue first.\n\nNone.\n"));
	cli_run_free(&r);
	r = maca("report", "--since", "2025-06-01", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_null(strstr(r.out, "| Then |"));
	assert_non_null(strstr(r.out, "| Now |"));
	assert_non_null(strstr(r.out, "1 audit without a date is left out."));
	cli_run_free(&r);
	cli_run_expect(maca("report", "--since", "June", NULL), CLI_FAIL, NULL,
		       "--since 'June' is not a date");

	/* A possible identifier: refused, nothing written, until accepted. */
	cli_run_expect(maca("new", "domestic-abuse", "Ask jo@example.org", NULL), CLI_OK, "4\n",
		       NULL);
	char *out = str_fmt("%s/report.md", home);
	cli_run_expect(maca("report", "-o", out, NULL), CLI_FAIL, NULL,
		       "audit 4, title: possible e-mail address: jo@example.org (open: audit 4");
	assert_int_not_equal(access(out, F_OK), 0);
	r = maca("findings", "list", "4", NULL);
	char *id = cli_finding_id(r.out, "jo@example.org");
	cli_run_free(&r);
	cli_run_expect(
	    maca("findings", "accept", "4", id, "--reason", "the team's shared inbox", NULL),
	    CLI_OK, "accepted", NULL);
	free(id);
	cli_run_expect(maca("report", "-o", out, NULL), CLI_OK, out,
		       "possible e-mail address: jo@example.org (accepted by ");
	struct stat sb;
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(out);
	cli_run_expect(maca("report", "extra", NULL), CLI_USAGE, NULL, "report takes no arguments");
}

static void test_briefing_with_comparison(void **state)
{
	(void)state;
	two_audits();
	char *out = str_fmt("%s/briefing.md", home);
	cli_run_expect(maca("export", "briefing", "2", "--with-comparison", "-o", out, NULL),
		       CLI_OK, out, NULL);
	char *text = tu_read(out, NULL);
	assert_non_null(text);
	const char *want[] = {
	    "\n## Findings at a glance\n",
	    "\n## Then and now: compared with the earlier audit\n\n- Then: Then (2025-03-01)",
	    "\n### Sections at a glance\n",
	    "\n### The earlier audit's learning points and actions\n",
	    "\n## Useful resources\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(text, want[i]))
			fail_msg("missing \"%s\"", want[i]);
	/* In that order: the comparison after the findings, before the resources. */
	assert_true(strstr(text, want[0]) < strstr(text, want[1]));
	assert_true(strstr(text, want[1]) < strstr(text, want[4]));
	/* Published, so small counts are suppressed and there are no averages, which over a
	 * few cases give the counts away. */
	assert_non_null(strstr(text, "| Section | Direction | Questions |"));
	assert_null(strstr(text, "Average then"));
	assert_non_null(strstr(text, "(<3: fewer than 3 cases; n/s: not shown"));
	assert_null(strstr(text, " -> "));
	free(text);
	/* Without the option, no comparison. */
	cli_run_expect(maca("export", "briefing", "2", "-o", out, "--force", NULL), CLI_OK, out,
		       NULL);
	text = tu_read(out, NULL);
	assert_null(strstr(text, "Then and now"));
	free(text);
	cli_run_expect(maca("export", "briefing", "2", "--with-comparison", "--layout",
			    "seven-minute", "-o", out, "--force", NULL),
		       CLI_OK, out, NULL);
	text = tu_read(out, NULL);
	/* A part of its own in the seven-minute briefing, numbered as the parts before it. */
	assert_non_null(strstr(text, ". Then and now\n\n- Then: Then (2025-03-01)"));
	free(text);
	cli_run_expect(
	    maca("export", "briefing", "3", "--with-comparison", "-o", out, "--force", NULL),
	    CLI_FAIL, NULL, "audit 3 is not a re-audit of an audit in this database");

	/* The earlier audit's text is checked too. */
	struct store *st = open_db();
	struct maca_err e = {0};
	struct learning_point_fields lp = {.title = "Ring 07700 900123 before visiting"};
	int64_t id;
	ok(store_learning_point_add(st, 1, &lp, &id, NULL, &e), &e);
	store_close(st);
	cli_run_expect(
	    maca("export", "briefing", "2", "--with-comparison", "-o", out, "--force", NULL),
	    CLI_FAIL, NULL, "earlier audit, learning point 2: possible phone number");
	free(out);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_new_reaudit_of),
	    T(test_compare_command),
	    T(test_report_command),
	    T(test_briefing_with_comparison),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
