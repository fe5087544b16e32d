/* The store's way with SQLite: nested transactions whose failure sticks until the outermost
 * end, statements prepared once and kept (and never handed out twice while in use), and the
 * one table of action statuses that the forms agree with. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "form.h"
#include "query_fixture.h"
#include "sbuf.h"
#include "testutil.h"

#define GRADED "identification-recognised" /* a question graded on the scale */

/* The fixture's audit with one case, "Child A". */
static int setup(void **state)
{
	fx_setup(state);
	struct fx *f = *state;
	fx_case_in(f, f->audit, "Child A");
	return 0;
}

static int64_t case_a(struct fx *f)
{
	int64_t id;
	assert_ok(f, store_case_by_ref(f->st, f->audit, "Child A", &id, &f->err));
	return id;
}

static int64_t count(struct store *st, const char *sql)
{
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* Nested transactions */

static void test_nested_writes_commit_together(void **state)
{
	struct fx *f = *state;
	int64_t history = count(f->st, "SELECT count(*) FROM history");
	assert_ok(f, store_begin(f->st, &f->err));
	assert_ok(f,
		  store_answer_save(f->st, case_a(f), "police", GRADED, "good", "Seen", &f->err));
	assert_ok(f, store_note_save(f->st, case_a(f), "police", "identification", "good-practice",
				     "A note", &f->err));
	assert_false(sqlite3_get_autocommit(f->st->db)); /* still the outer transaction */
	assert_ok(f, store_end(f->st, MACA_OK, &f->err));
	assert_true(sqlite3_get_autocommit(f->st->db));
	assert_int_equal(count(f->st, "SELECT count(*) FROM answer"), 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM section_note"), 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM history") - history, 3);
}

/* A write that fails inside undoes its own part at once; the whole change is rolled back at
 * the outermost end even when that end is told all went well. */
static void test_inner_failure_sticks_until_the_end(void **state)
{
	struct fx *f = *state;
	int64_t audits = count(f->st, "SELECT count(*) FROM audit");
	assert_ok(f, store_begin(f->st, &f->err));
	assert_ok(f, store_answer_save(f->st, case_a(f), "police", GRADED, "good", NULL, &f->err));
	/* Inserts the audit and an agency, then fails on the agency listed twice. */
	struct named_list twice = {0};
	assert_true(named_add(&twice, "police", "Police") && named_add(&twice, "police", "Police"));
	struct audit_new a = {.title = "Half made", .tpl = f->tpl, .agencies = &twice};
	int64_t id = 0;
	assert_int_equal(store_audit_create(f->st, &a, &id, &f->err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&f->err), "listed twice"));
	err_clear(&f->err);
	named_list_free(&twice);
	/* Undone at once: the outer transaction no longer sees the half-made audit... */
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit"), audits);
	/* ...but still sees its own earlier write, and may go on reading and writing. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM answer"), 1);
	assert_ok(f, store_note_save(f->st, case_a(f), "police", "identification", "good-practice",
				     "After", &f->err));
	assert_int_equal(store_end(f->st, MACA_OK, &f->err), MACA_EDB);
	assert_non_null(strstr(err_msg(&f->err), "nothing was saved"));
	err_clear(&f->err);
	assert_true(sqlite3_get_autocommit(f->st->db));
	assert_int_equal(count(f->st, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(count(f->st, "SELECT count(*) FROM section_note"), 0);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit"), audits);
	/* The failure does not outlive its transaction. */
	assert_ok(f, store_answer_save(f->st, case_a(f), "police", GRADED, "good", NULL, &f->err));
	assert_int_equal(count(f->st, "SELECT count(*) FROM answer"), 1);
}

static void test_outer_failure_rolls_back_inner_writes(void **state)
{
	struct fx *f = *state;
	assert_ok(f, store_begin(f->st, &f->err));
	assert_ok(f, store_answer_save(f->st, case_a(f), "police", GRADED, "good", NULL, &f->err));
	assert_int_equal(store_end(f->st, err_set(&f->err, MACA_EUSER, "changed my mind"), &f->err),
			 MACA_EUSER);
	assert_string_equal(err_msg(&f->err), "changed my mind");
	err_clear(&f->err);
	assert_int_equal(count(f->st, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(count(f->st, "SELECT count(*) FROM history WHERE field = 'answer'"), 0);
}

static void test_end_without_begin_is_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_end(f->st, MACA_OK, &f->err), MACA_EDB);
	err_clear(&f->err);
	/* A series of reads cannot begin inside a change. */
	assert_ok(f, store_begin(f->st, &f->err));
	assert_int_equal(store_read_begin(f->st, &f->err), MACA_EDB);
	err_clear(&f->err);
	assert_ok(f, store_end(f->st, MACA_OK, &f->err));
}

/* Statements */

static int statements(sqlite3 *db, int *busy)
{
	int n = 0;
	*busy = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s)) {
		n++;
		*busy += sqlite3_stmt_busy(s) != 0;
	}
	return n;
}

static void save_and_read(struct fx *f, int i)
{
	const char *grades[] = {"good", "inadequate"};
	assert_ok(
	    f, store_answer_save(f->st, case_a(f), "police", GRADED, grades[i % 2], NULL, &f->err));
	struct answer_row *rows;
	size_t n;
	assert_ok(f, store_case_answers(f->st, case_a(f), &rows, &n, &f->err));
	answer_rows_free(rows, n);
	struct history_row *h;
	assert_ok(f, store_history_list(f->st, f->audit, &h, &n, &f->err));
	history_list_free(h, n);
}

/* Prepared once and kept: as many statements after a hundred saves as after two, none of
 * them left running (a running statement would hold a snapshot of the database). */
static void test_statements_are_kept_and_reset(void **state)
{
	struct fx *f = *state;
	save_and_read(f, 0);
	save_and_read(f, 1);
	int busy, kept = statements(f->st->db, &busy);
	assert_true(kept > 5);
	assert_int_equal(busy, 0);
	for (int i = 0; i < 100; i++)
		save_and_read(f, i);
	assert_int_equal(statements(f->st->db, &busy), kept);
	assert_int_equal(busy, 0);
	assert_true(sqlite3_get_autocommit(f->st->db));
}

static void test_statement_in_use_is_not_handed_out_twice(void **state)
{
	struct fx *f = *state;
	const char *sql = "SELECT ?1 + 0";
	sqlite3_stmt *first, *second, *again;
	int busy, before = statements(f->st->db, &busy);
	assert_ok(f, store_prepare(f->st, sql, &first, &f->err));
	assert_int_equal(sqlite3_bind_int(first, 1, 7), SQLITE_OK);
	assert_int_equal(sqlite3_step(first), SQLITE_ROW);
	/* Still in use: a second user gets a statement of its own. */
	assert_ok(f, store_prepare(f->st, sql, &second, &f->err));
	assert_ptr_not_equal(first, second);
	assert_int_equal(sqlite3_bind_int(second, 1, 8), SQLITE_OK);
	assert_int_equal(sqlite3_step(second), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(second, 0), 8);
	assert_int_equal(sqlite3_column_int(first, 0), 7);
	assert_int_equal(statements(f->st->db, &busy), before + 2);
	store_done(f->st, second); /* finalized: it was not the kept one */
	assert_int_equal(statements(f->st->db, &busy), before + 1);
	store_done(f->st, first); /* kept, reset, its bindings cleared */
	assert_int_equal(statements(f->st->db, &busy), before + 1);
	assert_int_equal(busy, 0);
	assert_ok(f, store_prepare(f->st, sql, &again, &f->err));
	assert_ptr_equal(again, first);
	assert_int_equal(sqlite3_step(again), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(again, 0), SQLITE_NULL); /* ?1 unbound */
	store_done(f->st, again);
}

/* A record's text columns by table */

struct texts_row {
	int64_t id;
	char *first;
	char *missing;
	char *last;
};

/* Each column into its field ("" for SQL NULL), whatever the fields' order; freed to NULL. */
static void test_texts_are_read_and_freed_by_table(void **state)
{
	struct fx *f = *state;
	static const struct row_text texts[] = {
	    {2, offsetof(struct texts_row, last)},
	    {0, offsetof(struct texts_row, first)},
	    {1, offsetof(struct texts_row, missing)},
	};
	sqlite3_stmt *stmt;
	bool found;
	assert_ok(f, store_row(f->st, "SELECT 'Child A', NULL, 'Health'", NULL, 0, &stmt, &found,
			       "reading", &f->err));
	assert_true(found);
	struct texts_row r = {.id = 7};
	assert_true(store_texts_read(stmt, &r, ROW_TEXTS(texts)));
	store_done(f->st, stmt);
	assert_string_equal(r.first, "Child A");
	assert_string_equal(r.missing, "");
	assert_string_equal(r.last, "Health");
	assert_int_equal(r.id, 7);
	store_texts_free(&r, ROW_TEXTS(texts));
	assert_null(r.first);
	assert_null(r.missing);
	assert_null(r.last);
	assert_int_equal(r.id, 7);
}

/* No row: each text empty; a column that keeps SQL NULL leaves its field NULL. */
static void test_texts_of_no_row_are_empty_and_kept_nulls_stay_null(void **state)
{
	struct fx *f = *state;
	static const struct row_text texts[] = {
	    {0, offsetof(struct texts_row, first)},
	    {1 | ROW_KEEP_NULL, offsetof(struct texts_row, missing)},
	    {2 | ROW_KEEP_NULL, offsetof(struct texts_row, last)},
	};
	struct texts_row r = {0};
	assert_true(store_texts_read(NULL, &r, ROW_TEXTS(texts)));
	assert_string_equal(r.first, "");
	assert_string_equal(r.missing, "");
	assert_string_equal(r.last, "");
	store_texts_free(&r, ROW_TEXTS(texts));
	sqlite3_stmt *stmt;
	bool found;
	assert_ok(f, store_row(f->st, "SELECT 'Child A', NULL, 'Health'", NULL, 0, &stmt, &found,
			       "reading", &f->err));
	assert_true(found);
	assert_true(store_texts_read(stmt, &r, ROW_TEXTS(texts)));
	store_done(f->st, stmt);
	assert_string_equal(r.first, "Child A");
	assert_null(r.missing);
	assert_string_equal(r.last, "Health");
	store_texts_free(&r, ROW_TEXTS(texts));
}

/* A named list from a query: a label where there is one, else the id. */
static void test_named_read_labels_or_ids(void **state)
{
	struct fx *f = *state;
	struct named_list l = {0};
	assert_ok(f,
		  store_named_read(f->st,
				   "SELECT 'csc', 'Children''s social care' WHERE ?1 = 7 UNION ALL "
				   "SELECT 'health', NULL",
				   7, true, &l, "reading", &f->err));
	assert_ok(f, store_named_read(f->st, "SELECT 'voice', 'ignored' WHERE ?1 = 7", 7, false, &l,
				      "reading", &f->err));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].label, "Children's social care");
	assert_string_equal(l.items[1].id, "health");
	assert_string_equal(l.items[1].label, "health");
	assert_string_equal(l.items[2].label, "voice");
	named_list_free(&l);
}

/* One found row's texts are taken; no row: each text empty. */
static void test_texts_are_taken_from_a_row_or_none(void **state)
{
	struct fx *f = *state;
	static const struct row_text texts[] = {
	    {0, offsetof(struct texts_row, first)},
	    {1, offsetof(struct texts_row, last)},
	};
	sqlite3_stmt *stmt;
	bool found;
	assert_ok(f, store_row(f->st, "SELECT 'Child A', 'Health' WHERE ?1 = 1",
			       SQL_ARGS(SQL_INT(1)), &stmt, &found, "reading", &f->err));
	struct texts_row r = {0};
	assert_ok(f, store_texts_take(f->st, stmt, &r, ROW_TEXTS(texts), &f->err));
	assert_string_equal(r.first, "Child A");
	assert_string_equal(r.last, "Health");
	store_texts_free(&r, ROW_TEXTS(texts));
	assert_ok(f, store_row(f->st, "SELECT 'Child A', 'Health' WHERE ?1 = 1",
			       SQL_ARGS(SQL_INT(2)), &stmt, &found, "reading", &f->err));
	assert_false(found);
	assert_ok(f, store_texts_take(f->st, stmt, &r, ROW_TEXTS(texts), &f->err));
	assert_string_equal(r.first, "");
	assert_string_equal(r.last, "");
	store_texts_free(&r, ROW_TEXTS(texts));
}

/* Any text a user wrote that is not UTF-8 is refused, naming what it is; none passes. */
static void test_utf8_is_checked_for_each_text(void **state)
{
	struct fx *f = *state;
	assert_ok(f, store_check_utf8("note", STORE_TEXTS("fine", NULL), &f->err));
	assert_int_equal(store_check_utf8("action", STORE_TEXTS("fine", "bad \xff"), &f->err),
			 MACA_EUSER);
	assert_string_equal(err_msg(&f->err), "the action is not valid UTF-8");
}

/* Good practice, learning points and actions: numbered, sorting by number, then id. */
static void test_numbered_rows_sort_by_number_then_id(void **state)
{
	struct fx *f = *state;
	sqlite3_stmt *stmt;
	bool found;
	assert_ok(f, store_row(f->st, "SELECT 42, 3", NULL, 0, &stmt, &found, "reading", &f->err));
	assert_true(found);
	int64_t id = 0;
	int number = 0;
	struct row_key key = {.i = 5};
	store_read_numbered(stmt, &id, &number, &key);
	store_done(f->st, stmt);
	assert_int_equal(id, 42);
	assert_int_equal(number, 3);
	assert_int_equal(key.k[0], 3);
	assert_int_equal(key.k[1], 42);
	assert_int_equal(key.k[2], 0);
	assert_int_equal(key.i, 5);
}

/* The statuses */

/* The shipped action form offers exactly the store's statuses, in its order. */
static void test_action_form_offers_the_store_statuses(void **state)
{
	(void)state;
	char *path = str_fmt("%s/forms/action.ini", tu_source_dir());
	struct form *form = NULL;
	struct diag_list diags = {0};
	assert_int_equal(form_load_file(path, &form, &diags), 0);
	const struct form_field *status = form_field(form, "status");
	assert_non_null(status);
	assert_int_equal(status->choices.n, ACTION_STATUS_COUNT);
	for (int s = 0; s < ACTION_STATUS_COUNT; s++) {
		enum action_status parsed;
		assert_string_equal(status->choices.items[s].id,
				    action_status_name((enum action_status)s));
		assert_true(action_status_parse(status->choices.items[s].id, &parsed));
		assert_int_equal(parsed, s);
	}
	assert_string_equal(action_status_label(ACTION_CANNOT), "Cannot be done");
	assert_true(action_status_open(ACTION_IN_PROGRESS));
	assert_false(action_status_open(ACTION_DONE));
	form_free(form);
	diag_list_free(&diags);
	free(path);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, fx_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_nested_writes_commit_together),
	    T(test_inner_failure_sticks_until_the_end),
	    T(test_outer_failure_rolls_back_inner_writes),
	    T(test_end_without_begin_is_refused),
	    T(test_statements_are_kept_and_reset),
	    T(test_statement_in_use_is_not_handed_out_twice),
	    T(test_texts_are_read_and_freed_by_table),
	    T(test_texts_of_no_row_are_empty_and_kept_nulls_stay_null),
	    T(test_named_read_labels_or_ids),
	    T(test_texts_are_taken_from_a_row_or_none),
	    T(test_utf8_is_checked_for_each_text),
	    T(test_numbered_rows_sort_by_number_then_id),
	    cmocka_unit_test(test_action_form_offers_the_store_statuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
