/* maca actions, maca export actions and maca action set, in process, on the demo audit once it
 * is closed: the listing and its filters, refusals of bad options, follow-up on the closed
 * audit with a note that lands in the history, and private, never-overwriting exports. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "cli.h"
#include "cli_run.h"
#include "sbuf.h"
#include "store.h"
#include "store_actions.h"
#include "testutil.h"

/* The demo's actions (all due in 2025, so the open ones are overdue whenever this runs):
 * 1.1 police 2025-09-30 in progress, 1.2 csc 2025-06-30 done, 2.1 csc 2025-07-31 not started,
 * 3.1 health 2025-10-31 in progress, 3.2 police 2025-12-31 cannot be done. */
struct fixture {
	char *dir;
	char *db;
	char *config;
	char *out_dir;
	int64_t audit;
	char *health_action; /* 3.1's id, as text */
};

#define maca(f, ...) cli_run_db((f)->db, (f)->config, __VA_ARGS__)

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	assert_non_null(f->dir);
	f->db = str_fmt("%s/maca.db", f->dir);
	f->out_dir = str_fmt("%s/out", f->dir);
	char *ini = str_fmt("[maca]\nexport_dir = %s\nauthor = Chair\n", f->out_dir);
	f->config = tu_write(f->dir, "maca.ini", ini);
	free(ini);
	assert_int_equal(mkdir(f->out_dir, 0700), 0);

	struct template *tpl = NULL;
	struct diag_list diags = {0};
	assert_int_equal(
	    template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl, &diags),
	    0);
	diag_list_free(&diags);
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(f->db, &st, &err), 0);
	assert_int_equal(demo_create(st, tpl, &f->audit, &err), 0);
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(st, f->audit, &cases, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(store_case_set_moderated(st, cases[i].id, true, &err), 0);
	case_info_list_free(cases, n);
	assert_int_equal(store_audit_set_status(st, f->audit, AUDIT_CLOSED, NULL, &err), 0);
	struct action_filter flt = {.today = "2026-01-01", .agency = "health"};
	struct action_item *items;
	assert_int_equal(store_actions_list(st, &flt, &items, &n, &err), 0);
	assert_int_equal(n, 1);
	f->health_action = str_fmt("%lld", (long long)items[0].id);
	action_items_free(items, n);
	store_close(st);
	template_free(tpl);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	free(f->config);
	free(f->out_dir);
	free(f->health_action);
	free(f);
	return 0;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Lines of output that hold needle. */
static size_t lines_with(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *line = s; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *copy = strndup(line, len);
		n += copy && strstr(copy, needle);
		free(copy);
		line += len + (end != NULL);
	}
	return n;
}

static void test_list_and_filters(void **state)
{
	struct fixture *f = *state;
	struct cli_run r = maca(f, "actions", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_non_null(strstr(r.out, "ID  AUDIT  POINT  STATUS"));
	assert_int_equal(count_lines(r.out), 6); /* a header and five actions, no notes yet */
	assert_int_equal(lines_with(r.out, "OVERDUE"), 3);
	/* By due date: 1.2 (June) first, 3.2 (December) last. */
	assert_true(strstr(r.out, "1.2") < strstr(r.out, "2.1"));
	assert_true(strstr(r.out, "3.1") < strstr(r.out, "3.2"));
	cli_run_free(&r);

	r = maca(f, "actions", "--agency", "Police", "--status", "open", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_int_equal(count_lines(r.out), 2);
	assert_non_null(strstr(r.out, "Refresh front-door training"));
	cli_run_free(&r);

	r = maca(f, "actions", "--overdue", NULL);
	assert_int_equal(count_lines(r.out), 4);
	assert_int_equal(lines_with(r.out, "OVERDUE"), 3);
	cli_run_free(&r);

	r = maca(f, "actions", "--status", "done,cannot-be-done", NULL);
	assert_int_equal(count_lines(r.out), 3);
	assert_int_equal(lines_with(r.out, "OVERDUE"), 0);
	cli_run_free(&r);

	r = maca(f, "actions", "--due-before", "2025-08-01", "--audit", "1", NULL);
	assert_int_equal(r.status, CLI_OK);
	assert_int_equal(count_lines(r.out), 3);
	assert_non_null(strstr(r.out, "2025-06-30"));
	assert_non_null(strstr(r.out, "2025-07-31"));
	cli_run_free(&r);

	cli_run_expect(maca(f, "actions", "--agency", "fire", NULL), CLI_OK, NULL,
		       "no actions match");
}

static void test_bad_options(void **state)
{
	struct fixture *f = *state;
	cli_run_expect(maca(f, "actions", "--status", "finished", NULL), CLI_USAGE, NULL,
		       "--status 'finished'");
	cli_run_expect(maca(f, "actions", "--due-before", "31/12/2025", NULL), CLI_USAGE, NULL,
		       "YYYY-MM-DD");
	cli_run_expect(maca(f, "actions", "--due-within", "soon", NULL), CLI_USAGE, NULL,
		       "--due-within 'soon'");
	cli_run_expect(maca(f, "actions", "--overdue", "--due-within", "7", NULL), CLI_USAGE, NULL,
		       "not both");
	cli_run_expect(maca(f, "actions", "--audit", "99", NULL), CLI_FAIL, NULL, "99");
	cli_run_expect(maca(f, "actions", "extra", NULL), CLI_USAGE, NULL, "options only");
	cli_run_expect(maca(f, "action", "set", f->health_action, "finished", NULL), CLI_USAGE,
		       NULL, "unknown status 'finished'");
	cli_run_expect(maca(f, "action", "set", "x1", "done", NULL), CLI_USAGE, NULL,
		       "not an action id");
	cli_run_expect(maca(f, "action", "set", "9999", "done", NULL), CLI_FAIL, NULL,
		       "no action 9999");
	cli_run_expect(maca(f, "action", "remove", NULL), CLI_USAGE, NULL, "known: set");
}

static long long query_int(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	long long v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/* The audit is closed: status changes are follow-up, allowed, and kept in the history. */
static void test_set_status_on_closed_audit(void **state)
{
	struct fixture *f = *state;
	cli_run_expect(maca(f, "action", "set", f->health_action, "done", "--note",
			    "Template changed; 20 records checked", NULL),
		       CLI_OK, NULL, NULL);
	struct cli_run r = maca(f, "actions", "--agency", "health", NULL);
	assert_non_null(strstr(r.out, "Done"));
	assert_null(strstr(r.out, "OVERDUE"));
	assert_non_null(strstr(r.out, ": Template changed; 20 records checked\n"));
	cli_run_free(&r);
	char *sql = str_fmt("SELECT count(*) FROM history WHERE field = 'action-status' AND item = "
			    "'%s' AND old_value = 'in-progress' AND new_value = 'done' AND reason "
			    "= 'Template changed; 20 records checked' AND source = 'command line' "
			    "AND author = 'Chair'",
			    f->health_action);
	assert_int_equal(query_int(f, sql), 1);
	free(sql);
	assert_int_equal(query_int(f, "SELECT status = 'closed' FROM audit"), 1);
}

static void expect_mode_0600(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void test_export(void **state)
{
	struct fixture *f = *state;
	char *md = str_fmt("%s/overdue.md", f->dir);
	cli_run_expect(maca(f, "export", "actions", "--overdue", "-o", md, NULL), CLI_OK, md, NULL);
	expect_mode_0600(md);
	char *text = tu_read(md, NULL);
	assert_non_null(text);
	assert_true(strncmp(text, "# Actions\n\nall audits; overdue. As of ", 38) == 0);
	assert_int_equal(lines_with(text, "**OVERDUE**"), 3);
	free(text);
	cli_run_expect(maca(f, "export", "actions", "-o", md, NULL), CLI_FAIL, NULL, "--force");
	cli_run_expect(maca(f, "export", "actions", "-o", md, "--force", NULL), CLI_OK, NULL, NULL);
	text = tu_read(md, NULL);
	assert_int_equal(lines_with(text, "| 1 |"), 0);
	assert_int_equal(lines_with(text, "Domestic abuse"), 5); /* all five now */
	free(text);

	char *csv = str_fmt("%s/actions.csv", f->dir);
	cli_run_expect(maca(f, "export", "actions", "-o", csv, "--excel", "--agency", "csc", NULL),
		       CLI_OK, NULL, NULL);
	expect_mode_0600(csv);
	text = tu_read(csv, NULL);
	assert_true(strncmp(text,
			    "\xef\xbb\xbf"
			    "action id,audit id,",
			    22) == 0);
	assert_int_equal(count_lines(text), 3);
	free(text);

	char *txt = str_fmt("%s/actions.txt", f->dir);
	cli_run_expect(maca(f, "export", "actions", "-o", txt, NULL), CLI_USAGE, NULL,
		       "end it in .md or .csv");
	cli_run_expect(maca(f, "export", "actions", "-o", txt, "--format", "csv", NULL), CLI_OK,
		       NULL, NULL);
	cli_run_expect(maca(f, "export", "actions", "-o", md, "--force", "--excel", NULL),
		       CLI_USAGE, NULL, "--excel is for CSV");
	cli_run_expect(maca(f, "export", "actions", "--format", "pdf", NULL), CLI_USAGE, NULL,
		       "give md or csv");
	/* Without -o: the export directory, named by today's date. */
	struct cli_run r = maca(f, "export", "actions", "--format", "csv", NULL);
	assert_int_equal(r.status, CLI_OK);
	char today[11];
	action_today(today, sizeof today);
	char *want = str_fmt("%s/actions-%s.csv\n", f->out_dir, today);
	assert_string_equal(r.out, want);
	free(want);
	cli_run_free(&r);
	free(md);
	free(csv);
	free(txt);
}

/* A progress note is free text typed long after the briefing was checked: an export for the
 * partnership is refused while one holds what looks like an identifier, as the briefing is. */
static void test_export_refuses_identifiers(void **state)
{
	struct fixture *f = *state;
	cli_run_expect(maca(f, "action", "set", f->health_action, "done", "--note",
			    "Rang mum on 07700 900123", NULL),
		       CLI_OK, NULL, NULL);
	char *md = str_fmt("%s/actions.md", f->dir);
	char *csv = str_fmt("%s/actions.csv", f->dir);
	cli_run_expect(maca(f, "export", "actions", "-o", md, NULL), CLI_FAIL, NULL,
		       "maca findings accept");
	cli_run_expect(maca(f, "export", "actions", "-o", csv, NULL), CLI_FAIL, NULL,
		       "07700 900123");
	struct stat sb;
	assert_int_equal(stat(md, &sb), -1);
	assert_int_equal(stat(csv, &sb), -1);
	/* The filters decide what is written, so they decide what is checked. */
	cli_run_expect(maca(f, "export", "actions", "--agency", "police", "-o", md, NULL), CLI_OK,
		       md, NULL);
	/* Accepted for publishing, on the closed audit too: the decision changes no record. */
	char *audit = str_fmt("%lld", (long long)f->audit);
	struct cli_run r = maca(f, "findings", "list", audit, NULL);
	char *id = cli_finding_id(r.out, "07700 900123");
	cli_run_free(&r);
	cli_run_expect(maca(f, "findings", "accept", audit, id, "--reason",
			    "the service's own duty line", NULL),
		       CLI_OK, "accepted", NULL);
	free(id);
	free(audit);
	cli_run_expect(maca(f, "export", "actions", "-o", csv, NULL), CLI_OK, csv,
		       "07700 900123 (accepted by ");
	char *text = tu_read(csv, NULL);
	assert_non_null(strstr(text, "07700 900123"));
	free(text);
	free(md);
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_list_and_filters, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_options, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_set_status_on_closed_audit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export_refuses_identifiers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
