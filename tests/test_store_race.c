/* Two copies of maca on one database: every store write checks what it depends on (the audit open,
 * the case there, every case moderated before closing) inside its own transaction. Each test holds
 * the other store's write lock while the write starts, so the write waits in BEGIN IMMEDIATE; the
 * busy handler then lets the other store change things (close the audit, remove a case...) before
 * the write gets its turn. A write that checked before its transaction would go ahead on stale
 * facts; these tests expect it refused, with nothing changed since the other store's change. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "names.h"
#include "sbuf.h"
#include "store_internal.h" /* struct store: the busy handler and the dump reach st->db */
#include "testutil.h"

#define GRADED "identification-recognised" /* a question graded on the scale */

struct fx {
	char *dir;
	struct template *tpl;
	struct store *st;    /* the maca making the write under test */
	struct store *other; /* the second maca, changing things just before */
	int64_t audit, case_a, case_b, lp_one, lp_two, action, good;
	/* What the other maca does while the write waits; its outcome. */
	int (*interfere)(struct fx *f, struct maca_err *err);
	int interfere_rc;
	int busy_calls;
	char *after_interference; /* the whole database just after the other maca's change */
	struct maca_err err;
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

/* Every row of every table, as text: to see that a refused write changed nothing. */
static char *dump(sqlite3 *db)
{
	struct sbuf out = {0};
	sqlite3_stmt *tables;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT name FROM sqlite_master WHERE type = 'table' "
					    "ORDER BY name",
					    -1, &tables, NULL),
			 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		char *sql = str_fmt("SELECT * FROM \"%s\" ORDER BY rowid", name);
		sqlite3_stmt *rows;
		assert_non_null(sql);
		if (sqlite3_prepare_v2(db, sql, -1, &rows, NULL) != SQLITE_OK) {
			/* WITHOUT ROWID tables have no rowid: their primary key orders them. */
			free(sql);
			sql = str_fmt("SELECT * FROM \"%s\"", name);
			assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK);
		}
		free(sql);
		sbuf_addf(&out, "[%s]\n", name);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(rows); i++) {
				const char *v = (const char *)sqlite3_column_text(rows, i);
				sbuf_addf(&out, "%s|", v ? v : "NULL");
			}
			sbuf_addc(&out, '\n');
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	char *text = sbuf_take(&out);
	assert_non_null(text);
	return text;
}

static int close_audit(struct fx *f, struct maca_err *err)
{
	return store_audit_set_status(f->other, f->audit, AUDIT_CLOSED, NULL, err);
}

/* Called while the write under test waits for the lock the other store holds. */
static int on_busy(void *p, int calls)
{
	struct fx *f = p;
	f->busy_calls++;
	if (calls > 0)
		return calls < 100;
	sqlite3_exec(f->other->db, "ROLLBACK", NULL, NULL, NULL);
	struct maca_err err = {0};
	f->interfere_rc = f->interfere(f, &err);
	if (f->interfere_rc)
		fprintf(stderr, "the other maca failed: %s\n", err_msg(&err));
	err_clear(&err);
	f->after_interference = dump(f->other->db);
	return 1;
}

/* Arms the race: the other store takes the write lock, and the next write by f->st waits
 * in BEGIN IMMEDIATE until interfere has run. */
static void arm(struct fx *f, int (*interfere)(struct fx *, struct maca_err *))
{
	f->interfere = interfere;
	f->busy_calls = 0;
	free(f->after_interference);
	f->after_interference = NULL;
	sqlite3_busy_handler(f->st->db, on_busy, f);
	assert_int_equal(sqlite3_exec(f->other->db, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
}

/* The write was refused with `status` (message containing needle), after the other store's
 * change went in, and changed nothing. */
static void expect_refused(struct fx *f, int rc, enum maca_status status, const char *needle)
{
	assert_true(f->busy_calls > 0); /* the write really waited: the race happened */
	assert_int_equal(f->interfere_rc, MACA_OK);
	if (rc != (int)status)
		fail_msg("expected status %d, got %d: %s", status, rc, err_msg(&f->err));
	if (needle && !strstr(err_msg(&f->err), needle))
		fail_msg("message \"%s\" lacks \"%s\"", err_msg(&f->err), needle);
	err_clear(&f->err);
	assert_true(sqlite3_get_autocommit(f->st->db)); /* no transaction left open */
	char *now = dump(f->st->db);
	assert_string_equal(now, f->after_interference);
	free(now);
}

/* Fixture: two stores on one file, an audit with two moderated cases, an answer, two
 * learning points (the first with an action) and a good practice item. */
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
	char *db = str_fmt("%s/maca.db", f->dir);
	assert_ok(f, store_open(db, &f->st, &f->err));
	assert_ok(f, store_open(db, &f->other, &f->err));
	free(db);

	struct audit_new a = {.title = "Shared audit", .tpl = f->tpl};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	struct case_fields c = {.reference = "Child A"};
	assert_ok(f, store_case_add(f->st, f->audit, &c, &f->case_a, &f->err));
	c.reference = "Child B";
	assert_ok(f, store_case_add(f->st, f->audit, &c, &f->case_b, &f->err));
	assert_ok(f,
		  store_answer_save(f->st, f->case_a, "police", GRADED, "good", "Seen", &f->err));
	struct learning_point_fields lp = {.title = "One", .text = "First point"};
	assert_ok(f, store_learning_point_add(f->st, f->audit, &lp, &f->lp_one, NULL, &f->err));
	lp.title = "Two";
	assert_ok(f, store_learning_point_add(f->st, f->audit, &lp, &f->lp_two, NULL, &f->err));
	struct action_fields act = {.what = "Audit referrals", .status = ACTION_NOT_STARTED};
	assert_ok(f, store_action_add(f->st, f->lp_one, &act, &f->action, &f->err));
	struct good_practice_fields g = {.text = "Prompt strategy meeting"};
	assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &f->good, &f->err));
	assert_ok(f, store_case_set_moderated(f->st, f->case_a, true, &f->err));
	assert_ok(f, store_case_set_moderated(f->st, f->case_b, true, &f->err));
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
	free(f->after_interference);
	err_clear(&f->err);
	free(f);
	return 0;
}

/* Writes refused once the other maca has closed the audit */

static void test_answer_save(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(
	    f, store_answer_save(f->st, f->case_a, "police", GRADED, "inadequate", NULL, &f->err),
	    MACA_ELOCKED, "closed");
}

static void test_note_save(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f,
		       store_note_save(f->st, f->case_a, "education", "identification",
				       "good-practice", "Late note", &f->err),
		       MACA_ELOCKED, "closed");
}

static void test_agreed_save(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(
	    f, store_agreed_save(f->st, f->case_a, GRADED, "good", "Agreed", "Recheck", &f->err),
	    MACA_ELOCKED, "closed");
}

static void test_case_add(void **state)
{
	struct fx *f = *state;
	struct case_fields c = {.reference = "Child C"};
	int64_t id = 0;
	arm(f, close_audit);
	expect_refused(f, store_case_add(f->st, f->audit, &c, &id, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_case_update(void **state)
{
	struct fx *f = *state;
	struct case_fields c = {.reference = "Child Z"};
	arm(f, close_audit);
	expect_refused(f, store_case_update(f->st, f->case_a, &c, &f->err), MACA_ELOCKED, "closed");
}

static void test_case_remove(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f, store_case_remove(f->st, f->case_b, &f->err), MACA_ELOCKED, "closed");
}

static void test_case_set_moderated(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f, store_case_set_moderated(f->st, f->case_a, false, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_audit_update(void **state)
{
	struct fx *f = *state;
	struct audit_new a = {.title = "Renamed"};
	arm(f, close_audit);
	expect_refused(f, store_audit_update(f->st, f->audit, &a, &f->err), MACA_ELOCKED, "closed");
}

static void test_audit_set_status(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	/* Moving a draft on to moderation: by then it is closed, which needs a reason to leave. */
	expect_refused(f, store_audit_set_status(f->st, f->audit, AUDIT_MODERATION, NULL, &f->err),
		       MACA_ELOCKED, "reason");
}

static void test_audit_delete(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f, store_audit_delete(f->st, f->audit, false, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_good_practice_add(void **state)
{
	struct fx *f = *state;
	struct good_practice_fields g = {.text = "Late good practice"};
	int64_t id = 0;
	arm(f, close_audit);
	expect_refused(f, store_good_practice_add(f->st, f->audit, &g, &id, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_good_practice_update(void **state)
{
	struct fx *f = *state;
	struct good_practice_fields g = {.text = "Changed"};
	arm(f, close_audit);
	expect_refused(f, store_good_practice_update(f->st, f->good, &g, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_good_practice_delete(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f, store_good_practice_delete(f->st, f->good, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_learning_point_add(void **state)
{
	struct fx *f = *state;
	struct learning_point_fields lp = {.title = "Three"};
	int64_t id = 0;
	arm(f, close_audit);
	expect_refused(f, store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err),
		       MACA_ELOCKED, "closed");
}

static void test_learning_point_update(void **state)
{
	struct fx *f = *state;
	struct learning_point_fields lp = {.title = "One, retitled"};
	arm(f, close_audit);
	expect_refused(f, store_learning_point_update(f->st, f->lp_one, &lp, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_learning_point_move(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f, store_learning_point_move(f->st, f->lp_two, 1, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_learning_point_delete(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f, store_learning_point_delete(f->st, f->lp_one, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_action_add(void **state)
{
	struct fx *f = *state;
	struct action_fields a = {.what = "Late action", .owner_agency = "police"};
	int64_t id = 0;
	arm(f, close_audit);
	expect_refused(f, store_action_add(f->st, f->lp_one, &a, &id, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_action_update(void **state)
{
	struct fx *f = *state;
	struct action_fields a = {.what = "Audit every referral"};
	arm(f, close_audit);
	expect_refused(f, store_action_update(f->st, f->action, &a, &f->err), MACA_ELOCKED,
		       "closed");
}

static void test_action_delete(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	expect_refused(f, store_action_delete(f->st, f->action, &f->err), MACA_ELOCKED, "closed");
}

/* Follow-up on actions is allowed once the audit is closed, also when it closed just now. */
static void test_action_status_after_close(void **state)
{
	struct fx *f = *state;
	arm(f, close_audit);
	assert_ok(f, store_action_set_status(f->st, f->action, ACTION_DONE, "Finished", &f->err));
	assert_true(f->busy_calls > 0);
	struct audit_info info;
	assert_ok(f, store_audit_get(f->st, f->audit, &info, &f->err));
	assert_int_equal(info.status, AUDIT_CLOSED);
	audit_info_free(&info);
	struct action_fields same = {.what = "Audit referrals", .status = ACTION_IN_PROGRESS};
	assert_ok(f, store_action_update(f->st, f->action, &same, &f->err)); /* status only */
}

/* Other facts a write depends on, changed by the other maca just before */

static int add_unmoderated_case(struct fx *f, struct maca_err *err)
{
	struct case_fields c = {.reference = "Child C"};
	int64_t id;
	return store_case_add(f->other, f->audit, &c, &id, err);
}

static void test_close_sees_case_added(void **state)
{
	struct fx *f = *state;
	arm(f, add_unmoderated_case);
	expect_refused(f, store_audit_set_status(f->st, f->audit, AUDIT_CLOSED, NULL, &f->err),
		       MACA_EUSER, "not yet marked moderated");
}

static int add_lookalike_case(struct fx *f, struct maca_err *err)
{
	struct case_fields c = {.reference = "CHILD C"};
	int64_t id;
	return store_case_add(f->other, f->audit, &c, &id, err);
}

/* Two makers of one case under lookalike references: the second looks inside its own
 * transaction, sees the first, and is refused. */
static void test_case_add_sees_lookalike_added(void **state)
{
	struct fx *f = *state;
	struct case_fields c = {.reference = "Child\xc2\xa0"
					     "C "};
	int64_t id = 0;
	arm(f, add_lookalike_case);
	expect_refused(f, store_case_add(f->st, f->audit, &c, &id, &f->err), MACA_EEXIST,
		       "already has a case \"CHILD C\"");
}

static int remove_case_b(struct fx *f, struct maca_err *err)
{
	return store_case_remove(f->other, f->case_b, err);
}

static void test_learning_point_link_sees_case_removed(void **state)
{
	struct fx *f = *state;
	struct named_list cases = {0};
	assert_true(named_add(&cases, "Child B", "Child B"));
	struct learning_point_fields lp = {.title = "Three", .cases = &cases};
	int64_t id = 0;
	arm(f, remove_case_b);
	expect_refused(f, store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err),
		       MACA_EUSER, "no case \"Child B\"");
	named_list_free(&cases);
}

static void test_answer_sees_case_removed(void **state)
{
	struct fx *f = *state;
	arm(f, remove_case_b);
	expect_refused(f,
		       store_answer_save(f->st, f->case_b, "police", GRADED, "good", NULL, &f->err),
		       MACA_ENOTFOUND, "was removed, perhaps by another maca");
}

/* A save conditional on what the screen read checks it inside its transaction: the other
 * maca's change, made while the save waited for the lock, is found and nothing is written. */

static int change_answer(struct fx *f, struct maca_err *err)
{
	return store_answer_save(f->other, f->case_a, "police", GRADED, "inadequate", NULL, err);
}

static void test_answer_save_if_sees_change(void **state)
{
	struct fx *f = *state;
	struct answer seen;
	bool found;
	assert_ok(f, store_answer_get(f->st, f->case_a, "police", GRADED, &seen, &found, &f->err));
	arm(f, change_answer);
	expect_refused(f,
		       store_answer_save_if(f->st, f->case_a, "police", GRADED, "outstanding", NULL,
					    &seen, NULL, NULL, &f->err),
		       MACA_ECONFLICT, "changed meanwhile");
	answer_free(&seen);
}

static int rename_case(struct fx *f, struct maca_err *err)
{
	struct case_fields c = {.reference = "Child A1"};
	return store_case_update(f->other, f->case_a, &c, err);
}

static void test_case_update_if_sees_change(void **state)
{
	struct fx *f = *state;
	struct case_info *cases;
	size_t n;
	assert_ok(f, store_case_list(f->st, f->audit, &cases, &n, &f->err));
	struct case_fields c = {.reference = "Child Z"};
	arm(f, rename_case);
	expect_refused(f,
		       store_case_update_if(f->st, f->case_a, &c, &cases[0], NULL, NULL, &f->err),
		       MACA_ECONFLICT, "changed meanwhile");
	case_info_list_free(cases, n);
}

static int finish_action(struct fx *f, struct maca_err *err)
{
	return store_action_set_status(f->other, f->action, ACTION_DONE, "Finished", err);
}

static void test_action_update_if_sees_change(void **state)
{
	struct fx *f = *state;
	struct learning_point_row *points;
	size_t n;
	assert_ok(f, store_learning_points(f->st, f->audit, &points, &n, &f->err));
	struct action_fields a = {.what = "Audit every referral", .status = ACTION_IN_PROGRESS};
	arm(f, finish_action);
	expect_refused(f,
		       store_action_update_if(f->st, f->action, &a, &points[0].actions[0], NULL,
					      NULL, &f->err),
		       MACA_ECONFLICT, "changed meanwhile");
	learning_point_rows_free(points, n);
}

/* Deleting a closed audit takes force; with it the audit goes. */
static void test_delete_closed_with_force(void **state)
{
	struct fx *f = *state;
	assert_ok(f, store_audit_set_status(f->other, f->audit, AUDIT_CLOSED, NULL, &f->err));
	assert_int_equal(store_audit_delete(f->st, f->audit, false, &f->err), MACA_ELOCKED);
	err_clear(&f->err);
	assert_ok(f, store_audit_delete(f->st, f->audit, true, &f->err));
	struct audit_info info;
	assert_int_equal(store_audit_get(f->other, f->audit, &info, &f->err), MACA_ENOTFOUND);
	err_clear(&f->err);
}

int main(void)
{
#define RACE(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
	    RACE(test_answer_save),
	    RACE(test_note_save),
	    RACE(test_agreed_save),
	    RACE(test_case_add),
	    RACE(test_case_update),
	    RACE(test_case_remove),
	    RACE(test_case_set_moderated),
	    RACE(test_audit_update),
	    RACE(test_audit_set_status),
	    RACE(test_audit_delete),
	    RACE(test_good_practice_add),
	    RACE(test_good_practice_update),
	    RACE(test_good_practice_delete),
	    RACE(test_learning_point_add),
	    RACE(test_learning_point_update),
	    RACE(test_learning_point_move),
	    RACE(test_learning_point_delete),
	    RACE(test_action_add),
	    RACE(test_action_update),
	    RACE(test_action_delete),
	    RACE(test_action_status_after_close),
	    RACE(test_close_sees_case_added),
	    RACE(test_case_add_sees_lookalike_added),
	    RACE(test_learning_point_link_sees_case_removed),
	    RACE(test_answer_sees_case_removed),
	    RACE(test_answer_save_if_sees_change),
	    RACE(test_case_update_if_sees_change),
	    RACE(test_action_update_if_sees_change),
	    RACE(test_delete_closed_with_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
