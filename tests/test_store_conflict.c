/* Nothing silently undone (issue 14, item 2): a save from a screen is conditional on the
 * record as the screen read it. Here one maca (the "screen") reads a record, another changes
 * it, and the screen's save must find the change, write nothing, and say what the record holds
 * now and who changed it; saving again with that as the expectation keeps the screen's version.
 * The other maca is a second connection, and for answers and actions a real second process:
 * the built maca binary running `import --replace` and `action set`. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cli_run.h"
#include "names.h"
#include "sbuf.h"
#include "store_internal.h" /* struct store: counting rows on st->db */
#include "testutil.h"

#define GRADED "identification-recognised" /* a question graded on the scale */

struct fx {
	char *dir, *db;
	struct template *tpl;
	struct store *st;    /* the screen */
	struct store *other; /* another maca on the same file */
	int64_t audit, case_a, good, lp, action;
	struct store_change by;
	struct maca_err err;
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	char *tpl_path = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	struct diag_list diags = {0};
	assert_int_equal(template_load_file(tpl_path, &f->tpl, &diags), 0);
	diag_list_free(&diags);
	free(tpl_path);
	f->db = str_fmt("%s/maca.db", f->dir);
	assert_ok(f, store_open(f->db, &f->st, &f->err));
	assert_ok(f, store_open(f->db, &f->other, &f->err));
	assert_ok(f, store_set_origin(f->st, "Screen User", "keyboard", &f->err));
	assert_ok(f, store_set_origin(f->other, "Other User", "command line", &f->err));

	struct audit_new a = {.title = "Two users", .tpl = f->tpl};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	struct named_list tags = {0};
	assert_true(named_add(&tags, "mental-health", "mental-health") &&
		    named_add(&tags, "coercive-control", "coercive-control"));
	struct case_fields c = {.reference = "Child A", .age_band = "1-4", .tags = &tags};
	assert_ok(f, store_case_add(f->st, f->audit, &c, &f->case_a, &f->err));
	c = (struct case_fields){.reference = "Child B"};
	int64_t case_b;
	assert_ok(f, store_case_add(f->st, f->audit, &c, &case_b, &f->err));
	named_list_free(&tags);
	assert_ok(f,
		  store_answer_save(f->st, f->case_a, "police", GRADED, "good", "Seen", &f->err));
	assert_ok(f, store_note_save(f->st, f->case_a, "police", "identification", "good-practice",
				     "Prompt referral", &f->err));
	assert_ok(f,
		  store_agreed_save(f->st, f->case_a, GRADED, "good", "All agreed", NULL, &f->err));
	struct good_practice_fields g = {.text = "Strategy meeting", .agencies = "police"};
	assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &f->good, &f->err));
	struct named_list cases = {0};
	assert_true(named_add(&cases, "Child A", "Child A"));
	struct learning_point_fields lp = {.title = "Referrals", .text = "Late", .cases = &cases};
	assert_ok(f, store_learning_point_add(f->st, f->audit, &lp, &f->lp, NULL, &f->err));
	named_list_free(&cases);
	struct action_fields act = {.what = "Audit referrals", .owner_agency = "police"};
	assert_ok(f, store_action_add(f->st, f->lp, &act, &f->action, &f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	store_close(f->other);
	template_free(f->tpl);
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	store_change_free(&f->by);
	err_clear(&f->err);
	free(f);
	return 0;
}

static int64_t history_rows(struct fx *f)
{
	sqlite3_stmt *stmt;
	assert_int_equal(
	    sqlite3_prepare_v2(f->st->db, "SELECT count(*) FROM history", -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* The save was refused as a conflict, naming who changed the record, and wrote nothing. */
static void expect_conflict(struct fx *f, int rc, int64_t history_before, const char *author,
			    const char *source)
{
	if (rc != MACA_ECONFLICT)
		fail_msg("expected a conflict, got %d: %s", rc, err_msg(&f->err));
	assert_non_null(strstr(err_msg(&f->err), "changed meanwhile"));
	assert_non_null(strstr(err_msg(&f->err), author));
	assert_non_null(strstr(err_msg(&f->err), "nothing was saved"));
	err_clear(&f->err);
	assert_string_equal(f->by.author, author);
	assert_string_equal(f->by.source, source);
	assert_true(strlen(f->by.at) >= 20); /* 2025-01-01T00:00:00.000Z */
	store_change_free(&f->by);
	assert_int_equal(history_rows(f), history_before);
	assert_true(sqlite3_get_autocommit(f->st->db));
}

/* Answers */

static void test_answer(void **state)
{
	struct fx *f = *state;
	struct answer seen, now = {0}, held;
	bool found;
	assert_ok(f, store_answer_get(f->st, f->case_a, "police", GRADED, &seen, &found, &f->err));
	assert_ok(f, store_answer_save(f->other, f->case_a, "police", GRADED, "inadequate", NULL,
				       &f->err));
	int64_t before = history_rows(f);
	int rc = store_answer_save_if(f->st, f->case_a, "police", GRADED, "outstanding",
				      "Seen twice", &seen, &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	assert_string_equal(now.value, "inadequate");
	assert_string_equal(now.evidence, "Seen");
	assert_ok(f, store_answer_get(f->st, f->case_a, "police", GRADED, &held, &found, &f->err));
	assert_string_equal(held.value, "inadequate");
	assert_string_equal(held.evidence, "Seen");
	answer_free(&held);
	/* Keep mine: what the database holds now is the expectation. */
	assert_ok(f, store_answer_save_if(f->st, f->case_a, "police", GRADED, "outstanding",
					  "Seen twice", &now, NULL, &f->by, &f->err));
	assert_ok(f, store_answer_get(f->st, f->case_a, "police", GRADED, &held, &found, &f->err));
	assert_string_equal(held.value, "outstanding");
	assert_string_equal(held.evidence, "Seen twice");
	answer_free(&held);
	answer_free(&now);
	answer_free(&seen);
}

/* Only the fields a save writes are checked: the evidence typed over a grade changed
 * meanwhile loses nothing, nor does a save of the change the other maca made too. */
static void test_answer_other_field_or_same_change(void **state)
{
	struct fx *f = *state;
	struct answer seen, held;
	bool found;
	assert_ok(f, store_answer_get(f->st, f->case_a, "police", GRADED, &seen, &found, &f->err));
	assert_ok(f, store_answer_save(f->other, f->case_a, "police", GRADED, "inadequate", NULL,
				       &f->err));
	assert_ok(f, store_answer_save_if(f->st, f->case_a, "police", GRADED, NULL, "Seen again",
					  &seen, NULL, NULL, &f->err));
	assert_ok(f, store_answer_save(f->other, f->case_a, "police", GRADED, "outstanding", NULL,
				       &f->err));
	assert_ok(f, store_answer_save_if(f->st, f->case_a, "police", GRADED, "outstanding", NULL,
					  &seen, NULL, NULL, &f->err));
	assert_ok(f, store_answer_get(f->st, f->case_a, "police", GRADED, &held, &found, &f->err));
	assert_string_equal(held.value, "outstanding");
	assert_string_equal(held.evidence, "Seen again");
	answer_free(&held);
	answer_free(&seen);
}

static void test_note(void **state)
{
	struct fx *f = *state;
	char *seen, *now = NULL, *held;
	assert_ok(f, store_note_get(f->st, f->case_a, "police", "identification", "good-practice",
				    &seen, &f->err));
	assert_ok(f, store_note_save(f->other, f->case_a, "police", "identification",
				     "good-practice", "Theirs", &f->err));
	int64_t before = history_rows(f);
	int rc = store_note_save_if(f->st, f->case_a, "police", "identification", "good-practice",
				    "Mine", seen, &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	assert_string_equal(now, "Theirs");
	assert_ok(f, store_note_save_if(f->st, f->case_a, "police", "identification",
					"good-practice", "Mine", now, NULL, NULL, &f->err));
	assert_ok(f, store_note_get(f->st, f->case_a, "police", "identification", "good-practice",
				    &held, &f->err));
	assert_string_equal(held, "Mine");
	free(held);
	free(now);
	free(seen);
}

static void test_agreed_grade_and_rationale(void **state)
{
	struct fx *f = *state;
	struct agreed_row seen = {0}, now = {0};
	assert_ok(
	    f, store_agreed_get(f->st, f->case_a, GRADED, &seen.grade, &seen.rationale, &f->err));
	assert_ok(f, store_agreed_save(f->other, f->case_a, GRADED, NULL, "Their reasons", NULL,
				       &f->err));
	int64_t before = history_rows(f);
	/* The grade alone: the rationale changed meanwhile is not the screen's to overwrite, and
	 * is not overwritten. */
	assert_ok(f, store_agreed_save_if(f->st, f->case_a, GRADED, "outstanding", NULL, NULL,
					  &seen, NULL, NULL, &f->err));
	assert_int_equal(history_rows(f), before + 1);
	before++;
	int rc = store_agreed_save_if(f->st, f->case_a, GRADED, NULL, "My reasons", NULL, &seen,
				      &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	assert_string_equal(now.question_id, GRADED);
	assert_string_equal(now.grade, "outstanding");
	assert_string_equal(now.rationale, "Their reasons");
	assert_ok(f, store_agreed_save_if(f->st, f->case_a, GRADED, NULL, "My reasons", NULL, &now,
					  NULL, NULL, &f->err));
	char *grade, *rationale;
	assert_ok(f, store_agreed_get(f->st, f->case_a, GRADED, &grade, &rationale, &f->err));
	assert_string_equal(grade, "outstanding");
	assert_string_equal(rationale, "My reasons");
	free(grade);
	free(rationale);
	agreed_row_free(&now);
	agreed_row_free(&seen);
}

/* Cases */

static struct case_info case_a(struct fx *f)
{
	struct case_info *list, out;
	size_t n;
	assert_ok(f, store_case_list(f->st, f->audit, &list, &n, &f->err));
	assert_true(n >= 1 && list[0].id == f->case_a);
	out = list[0];
	list[0] = (struct case_info){0};
	case_info_list_free(list, n);
	return out;
}

static void test_case_fields(void **state)
{
	struct fx *f = *state;
	struct case_info seen = case_a(f), now = {0};
	struct case_fields theirs = {
	    .reference = "Child A1", .age_band = "1-4", .tags = &seen.tags};
	assert_ok(f, store_case_update(f->other, f->case_a, &theirs, &f->err));
	struct case_fields mine = {.reference = "Child A", .age_band = "5-10", .tags = &seen.tags};
	int64_t before = history_rows(f);
	int rc = store_case_update_if(f->st, f->case_a, &mine, &seen, &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	assert_int_equal(now.id, f->case_a);
	assert_string_equal(now.reference, "Child A1");
	assert_string_equal(now.age_band, "1-4");
	assert_int_equal(now.tags.n, 2);
	assert_ok(f, store_case_update_if(f->st, f->case_a, &mine, &now, NULL, NULL, &f->err));
	case_info_free(&now);
	now = case_a(f);
	assert_string_equal(now.reference, "Child A");
	assert_string_equal(now.age_band, "5-10");
	case_info_free(&now);
	case_info_free(&seen);
}

/* Tags are a set: the screen's own order is no conflict. */
static void test_case_tags_in_another_order(void **state)
{
	struct fx *f = *state;
	struct case_info seen = case_a(f);
	struct named_list reversed = {0};
	for (size_t i = seen.tags.n; i > 0; i--)
		assert_true(
		    named_add(&reversed, seen.tags.items[i - 1].id, seen.tags.items[i - 1].id));
	named_list_free(&seen.tags);
	seen.tags = reversed;
	struct case_fields mine = {.reference = "Child A", .age_band = "5-10", .tags = &seen.tags};
	assert_ok(f, store_case_update_if(f->st, f->case_a, &mine, &seen, NULL, NULL, &f->err));
	case_info_free(&seen);
}

/* Good practice, learning points, actions */

static void test_good_practice(void **state)
{
	struct fx *f = *state;
	struct good_practice_row *rows, now = {0};
	size_t n;
	assert_ok(f, store_good_practice_list(f->st, f->audit, &rows, &n, &f->err));
	struct good_practice_fields theirs = {.text = "Strategy meeting", .agencies = "police,csc"};
	assert_ok(f, store_good_practice_update(f->other, f->good, &theirs, &f->err));
	struct good_practice_fields mine = {.text = "Strategy meeting within a day",
					    .agencies = "police"};
	int64_t before = history_rows(f);
	int rc =
	    store_good_practice_update_if(f->st, f->good, &mine, &rows[0], &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	assert_string_equal(now.text, "Strategy meeting");
	assert_string_equal(now.agencies, "police,csc");
	assert_ok(f,
		  store_good_practice_update_if(f->st, f->good, &mine, &now, NULL, NULL, &f->err));
	good_practice_row_free(&now);
	good_practice_rows_free(rows, n);
	assert_ok(f, store_good_practice_list(f->st, f->audit, &rows, &n, &f->err));
	assert_string_equal(rows[0].text, "Strategy meeting within a day");
	assert_string_equal(rows[0].agencies, "police");
	good_practice_rows_free(rows, n);
}

static void test_learning_point_links(void **state)
{
	struct fx *f = *state;
	struct learning_point_row *rows, now = {0};
	size_t n;
	assert_ok(f, store_learning_points(f->st, f->audit, &rows, &n, &f->err));
	/* The other maca links a second case; the screen retitles the point. */
	struct named_list cases = {0};
	assert_true(named_add(&cases, "Child B", "Child B") &&
		    named_add(&cases, "Child A", "Child A"));
	struct learning_point_fields theirs = {
	    .title = "Referrals", .text = "Late", .cases = &cases};
	assert_ok(f, store_learning_point_update(f->other, f->lp, &theirs, &f->err));
	struct learning_point_fields mine = {
	    .title = "Late referrals", .text = "Late", .cases = &rows[0].cases};
	int64_t before = history_rows(f);
	int rc =
	    store_learning_point_update_if(f->st, f->lp, &mine, &rows[0], &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	assert_int_equal(now.id, f->lp);
	assert_string_equal(now.title, "Referrals");
	assert_int_equal(now.cases.n, 2);
	assert_int_equal(now.nactions, 0);
	/* Keeping mine after seeing theirs: the screen now links both cases too. */
	mine.cases = &now.cases;
	assert_ok(f,
		  store_learning_point_update_if(f->st, f->lp, &mine, &now, NULL, NULL, &f->err));
	learning_point_row_free(&now);
	learning_point_rows_free(rows, n);
	assert_ok(f, store_learning_points(f->st, f->audit, &rows, &n, &f->err));
	assert_string_equal(rows[0].title, "Late referrals");
	assert_int_equal(rows[0].cases.n, 2);
	learning_point_rows_free(rows, n);
	named_list_free(&cases);
}

static struct action_row action_now(struct fx *f)
{
	struct learning_point_row *rows;
	size_t n;
	assert_ok(f, store_learning_points(f->st, f->audit, &rows, &n, &f->err));
	assert_int_equal(rows[0].nactions, 1);
	struct action_row a = rows[0].actions[0];
	rows[0].actions[0] = (struct action_row){0};
	learning_point_rows_free(rows, n);
	return a;
}

static void test_action(void **state)
{
	struct fx *f = *state;
	struct action_row seen = action_now(f), now = {0};
	assert_ok(f,
		  store_action_set_status(f->other, f->action, ACTION_DONE, "Finished", &f->err));
	struct action_fields mine = {
	    .what = "Audit every referral", .owner_agency = "police", .status = ACTION_IN_PROGRESS};
	int64_t before = history_rows(f);
	int rc = store_action_update_if(f->st, f->action, &mine, &seen, &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	assert_int_equal(now.status, ACTION_DONE);
	assert_string_equal(now.what, "Audit referrals");
	/* A status change with the status it started from is refused too... */
	rc = store_action_set_status_if(f->st, f->action, ACTION_CANNOT, NULL, &seen, NULL, &f->by,
					&f->err);
	expect_conflict(f, rc, before, "Other User", "command line");
	/* ...but not a change of what the other maca did not touch. */
	struct action_fields theirs = {
	    .what = "Audit referrals monthly", .owner_agency = "police", .status = ACTION_DONE};
	assert_ok(f, store_action_update(f->other, f->action, &theirs, &f->err));
	assert_ok(f, store_action_set_status_if(f->st, f->action, ACTION_CANNOT, NULL, &now, NULL,
						NULL, &f->err));
	action_row_free(&now);
	now = action_now(f);
	assert_int_equal(now.status, ACTION_CANNOT);
	assert_string_equal(now.what, "Audit referrals monthly");
	action_row_free(&now);
	action_row_free(&seen);
}

/* A record deleted meanwhile is reported as gone, as the plain saves report it. */
static void test_deleted_meanwhile(void **state)
{
	struct fx *f = *state;
	struct good_practice_row *rows;
	size_t n;
	assert_ok(f, store_good_practice_list(f->st, f->audit, &rows, &n, &f->err));
	assert_ok(f, store_good_practice_delete(f->other, f->good, &f->err));
	struct good_practice_fields mine = {.text = "Changed"};
	struct good_practice_row now = {0};
	assert_int_equal(
	    store_good_practice_update_if(f->st, f->good, &mine, &rows[0], &now, &f->by, &f->err),
	    MACA_ENOTFOUND);
	err_clear(&f->err);
	assert_null(now.text);
	assert_null(f->by.author);
	good_practice_rows_free(rows, n);
}

/* Two real processes: the built maca binary changes the record between the screen's read and
 * its save. */

/* Runs the maca binary on the fixture's database with config; returns its exit status. */
static int run_maca(const char *db, const char *config, ...)
{
	const char *argv[16] = {MACA_BINARY, "--db", db, "--config", config};
	int argc = 5;
	va_list ap;
	va_start(ap, config);
	for (const char *a = va_arg(ap, const char *); a; a = va_arg(ap, const char *)) {
		assert_true(argc < 15);
		argv[argc++] = a;
	}
	va_end(ap);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execv(MACA_BINARY, (char *const *)argv);
		_exit(127);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The answer open on the chair's screen; the police return, imported with --replace by
 * another maca, changes it (the case of issue 14). */
static void test_import_between_read_and_save(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *chair_config = tu_write(dir, "chair.ini", "[maca]\nauthor = Test Chair\n");
	char *other_config = tu_write(dir, "other.ini", "[maca]\nauthor = Other Chair\n");
	char *chair = str_fmt("%s/chair.db", dir), *agency = str_fmt("%s/police.db", dir);
	char *pack = str_fmt("%s/pack.maca", dir), *ret = str_fmt("%s/return.maca", dir);
	char *ret2 = str_fmt("%s/return-2.maca", dir);
#define maca(db, ...) cli_run_expect(cli_run_db((db), chair_config, __VA_ARGS__), 0, NULL, NULL)
	maca(chair, "new", "domestic-abuse", "Two processes", "--agencies", "csc,police", NULL);
	maca(chair, "case", "add", "1", "Child A", NULL);
	maca(chair, "export", "pack", "1", "--agency", "police", "-o", pack, NULL);
	maca(agency, "import", pack, NULL);
	struct maca_err err = {0};
	struct store *police, *screen;
	int64_t case_id;
	assert_int_equal(store_open(agency, &police, &err), 0);
	assert_int_equal(store_case_by_ref(police, 1, "Child A", &case_id, &err), 0);
	assert_int_equal(
	    store_answer_save(police, case_id, "police", GRADED, "outstanding", "Seen", &err), 0);
	maca(agency, "export", "return", "1", "--agency", "police", "-o", ret, NULL);
	maca(chair, "import", ret, NULL);
	assert_int_equal(store_answer_save(police, case_id, "police", GRADED,
					   "requires-improvement", NULL, &err),
			 0);
	maca(agency, "export", "return", "1", "--agency", "police", "-o", ret2, NULL);
	store_close(police);
#undef maca

	/* The chair's screen reads the answer... */
	assert_int_equal(store_open(chair, &screen, &err), 0);
	assert_int_equal(store_case_by_ref(screen, 1, "Child A", &case_id, &err), 0);
	struct answer seen, now = {0}, held;
	bool found;
	assert_int_equal(store_answer_get(screen, case_id, "police", GRADED, &seen, &found, &err),
			 0);
	assert_string_equal(seen.value, "outstanding");
	/* ...another maca imports the new return... */
	assert_int_equal(run_maca(chair, other_config, "import", ret2, "--replace", NULL), 0);
	/* ...and the screen's save, typed over what it read, finds the change. */
	struct store_change by = {0};
	assert_int_equal(store_answer_save_if(screen, case_id, "police", GRADED, "good",
					      "Seen, and more", &seen, &now, &by, &err),
			 MACA_ECONFLICT);
	assert_non_null(strstr(err_msg(&err), "return from police"));
	err_clear(&err);
	assert_string_equal(now.value, "requires-improvement");
	assert_string_equal(by.author, "Other Chair");
	assert_string_equal(by.source, "return from police");
	assert_int_equal(store_answer_get(screen, case_id, "police", GRADED, &held, &found, &err),
			 0);
	assert_string_equal(held.value, "requires-improvement");
	answer_free(&held);
	/* Keep mine. */
	assert_int_equal(store_answer_save_if(screen, case_id, "police", GRADED, "good",
					      "Seen, and more", &now, NULL, NULL, &err),
			 0);
	assert_int_equal(store_answer_get(screen, case_id, "police", GRADED, &held, &found, &err),
			 0);
	assert_string_equal(held.value, "good");
	answer_free(&held);
	answer_free(&now);
	answer_free(&seen);
	store_change_free(&by);
	store_close(screen);
	tu_remove_tree(dir);
	free(dir);
	free(chair_config);
	free(other_config);
	free(chair);
	free(agency);
	free(pack);
	free(ret);
	free(ret2);
}

static void test_action_set_between_read_and_save(void **state)
{
	struct fx *f = *state;
	char *config = tu_write(f->dir, "other.ini", "[maca]\nauthor = Other Chair\n");
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)f->action);
	struct action_row seen = action_now(f), now = {0};
	assert_int_equal(
	    run_maca(f->db, config, "action", "set", id, "done", "--note", "Finished", NULL), 0);
	struct action_fields mine = {
	    .what = "Audit every referral", .owner_agency = "police", .status = ACTION_IN_PROGRESS};
	int64_t before = history_rows(f);
	int rc = store_action_update_if(f->st, f->action, &mine, &seen, &now, &f->by, &f->err);
	expect_conflict(f, rc, before, "Other Chair", "command line");
	assert_int_equal(now.status, ACTION_DONE);
	action_row_free(&now);
	action_row_free(&seen);
	free(config);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_answer),
	    T(test_answer_other_field_or_same_change),
	    T(test_note),
	    T(test_agreed_grade_and_rationale),
	    T(test_case_fields),
	    T(test_case_tags_in_another_order),
	    T(test_good_practice),
	    T(test_learning_point_links),
	    T(test_action),
	    T(test_deleted_meanwhile),
	    cmocka_unit_test(test_import_between_read_and_save),
	    T(test_action_set_between_read_and_save),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
