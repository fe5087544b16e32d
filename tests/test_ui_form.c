/* The learning forms: good practice, learning points and actions, filled in and saved. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ui_form.h"

struct fixture {
	struct store *st;
	int64_t audit;
	struct ui_form uf;
	struct maca_err err;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct diag_list diags = {0};
	struct template *tpl = NULL;
	if (!fx || store_open(":memory:", &fx->st, &fx->err) ||
	    template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl,
			       &diags) ||
	    demo_create(fx->st, tpl, &fx->audit, &fx->err))
		return -1;
	template_free(tpl);
	diag_list_free(&diags);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	ui_form_free(&fx->uf);
	err_clear(&fx->err);
	store_close(fx->st);
	free(fx);
	return 0;
}

static void type(struct fixture *fx, const char *text)
{
	for (const char *p = text; *p; p++)
		ui_form_edit(&fx->uf, (unsigned char)*p, &fx->err);
	assert_int_equal(fx->err.status, MACA_OK);
}

static void key(struct fixture *fx, int k)
{
	ui_form_edit(&fx->uf, k, &fx->err);
	assert_int_equal(fx->err.status, MACA_OK);
}

static void next_field(struct fixture *fx)
{
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_NEXT_FIELD, &fx->err),
			 UI_FORM_STAY);
}

static void save(struct fixture *fx)
{
	enum ui_form_outcome out = ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err);
	if (out != UI_FORM_SAVED)
		fail_msg("not saved: %s", err_msg(&fx->err));
}

/* Opens the form for a new action on the audit's learning point at index `point`. */
static void open_new_action(struct fixture *fx, size_t point)
{
	struct learning_point_row *lps;
	size_t n;
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_true(point < n);
	int64_t lp_id = lps[point].id;
	learning_point_rows_free(lps, n);
	assert_int_equal(ui_form_action(&fx->uf, fx->st, fx->audit, lp_id, NULL, &fx->err), 0);
}

static void test_new_good_practice(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(ui_form_good_practice(&fx->uf, fx->st, fx->audit, NULL, &fx->err), 0);
	assert_int_equal(fx->uf.purpose, UI_FORM_NEW_GOOD_PRACTICE);
	assert_true(fx->uf.agencies.n >= 3);
	assert_int_equal(fx->uf.cases.n, 6);
	assert_string_equal(fx->uf.cases.items[1].id, "Child B");
	assert_string_equal(fx->uf.cases.items[1].label, "Child B");
	type(fx, "Joint visits with the school nurse.");
	next_field(fx);
	key(fx, ' '); /* the first agency */
	next_field(fx);
	key(fx, UI_KEY_DOWN);
	key(fx, ' '); /* Child B */
	key(fx, UI_KEY_DOWN);
	key(fx, UI_KEY_DOWN);
	key(fx, ' '); /* Child D */
	save(fx);

	struct good_practice_row *rows;
	size_t n;
	assert_int_equal(store_good_practice_list(fx->st, fx->audit, &rows, &n, &fx->err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rows[3].id, fx->uf.saved_id);
	assert_string_equal(rows[3].text, "Joint visits with the school nurse.");
	assert_string_equal(rows[3].agencies, fx->uf.agencies.items[0].id);
	assert_string_equal(rows[3].cases, "Child B,Child D");
	good_practice_rows_free(rows, n);
}

static void test_edit_good_practice(void **state)
{
	struct fixture *fx = *state;
	struct good_practice_row *rows;
	size_t n;
	assert_int_equal(store_good_practice_list(fx->st, fx->audit, &rows, &n, &fx->err), 0);
	assert_int_equal(ui_form_good_practice(&fx->uf, fx->st, fx->audit, &rows[0], &fx->err), 0);
	assert_int_equal(fx->uf.purpose, UI_FORM_EDIT_GOOD_PRACTICE);
	type(fx, " Seen twice."); /* the cursor starts at the end of the text */
	save(fx);
	assert_int_equal(fx->uf.saved_id, rows[0].id);
	char *old_text = strdup(rows[0].text);
	good_practice_rows_free(rows, n);
	assert_int_equal(store_good_practice_list(fx->st, fx->audit, &rows, &n, &fx->err), 0);
	assert_int_equal(n, 3);
	assert_non_null(strstr(rows[0].text, " Seen twice."));
	assert_int_equal(strncmp(rows[0].text, old_text, strlen(old_text)), 0);
	assert_string_equal(rows[0].agencies, "health");
	assert_string_equal(rows[0].cases, "Child A");
	free(old_text);
	good_practice_rows_free(rows, n);
}

/* Good practice changed by someone else while its form was open: nothing is written, and the
 * form holds it as it is now, for the question. */
static void test_edit_conflict_holds_theirs(void **state)
{
	struct fixture *fx = *state;
	struct good_practice_row *rows;
	size_t n;
	assert_int_equal(store_good_practice_list(fx->st, fx->audit, &rows, &n, &fx->err), 0);
	assert_int_equal(ui_form_good_practice(&fx->uf, fx->st, fx->audit, &rows[0], &fx->err), 0);
	const struct good_practice_fields theirs = {
	    .text = "Rewritten elsewhere.", .agencies = "police", .cases = "Child B"};
	assert_int_equal(store_good_practice_update(fx->st, rows[0].id, &theirs, &fx->err), 0);
	type(fx, " Mine.");
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err), UI_FORM_STAY);
	assert_int_equal(fx->err.status, MACA_ECONFLICT);
	err_clear(&fx->err);
	assert_true(fx->uf.conflict);
	assert_string_equal(record_get(&fx->uf.now, "text"), "Rewritten elsewhere.");
	assert_string_equal(record_get(&fx->uf.now, "agencies"), "police");
	assert_string_equal(record_get(&fx->uf.now, "cases"), "Child B");
	int64_t id = rows[0].id;
	good_practice_rows_free(rows, n);
	assert_int_equal(store_good_practice_list(fx->st, fx->audit, &rows, &n, &fx->err), 0);
	assert_int_equal(rows[0].id, id);
	assert_string_equal(rows[0].text, "Rewritten elsewhere.");
	good_practice_rows_free(rows, n);
}

static void test_new_learning_point(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(ui_form_learning_point(&fx->uf, fx->st, fx->audit, NULL, &fx->err), 0);
	assert_int_equal(fx->uf.sections.n, 9);
	/* Saving without a title is refused, and nothing is written. */
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err), UI_FORM_STAY);
	assert_int_equal(fx->err.status, MACA_EUSER);
	err_clear(&fx->err);
	type(fx, "Invite the domestic abuse service to strategy meetings");
	next_field(fx);
	type(fx, "The service was not invited in two cases.");
	next_field(fx);
	key(fx, ' '); /* Child A */
	key(fx, UI_KEY_DOWN);
	key(fx, UI_KEY_DOWN);
	key(fx, ' '); /* Child C */
	next_field(fx);
	key(fx, UI_KEY_DOWN);
	key(fx, ' '); /* the second agency */
	next_field(fx);
	key(fx, ' '); /* the first section */
	save(fx);

	struct learning_point_row *lps;
	size_t n;
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(lps[3].id, fx->uf.saved_id);
	assert_int_equal(lps[3].number, 4);
	assert_string_equal(lps[3].text, "The service was not invited in two cases.");
	assert_int_equal(lps[3].cases.n, 2);
	assert_string_equal(lps[3].cases.items[0].id, "Child A");
	assert_string_equal(lps[3].cases.items[1].id, "Child C");
	assert_int_equal(lps[3].agencies.n, 1);
	assert_string_equal(lps[3].agencies.items[0].id, fx->uf.agencies.items[1].id);
	assert_int_equal(lps[3].sections.n, 1);
	assert_string_equal(lps[3].sections.items[0].id, fx->uf.sections.items[0].id);
	learning_point_rows_free(lps, n);
}

/* In a list of choices a letter jumps to the choice with a word starting with it; a key
 * that finds none says so and picks nothing. */
static void test_choice_letters(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(ui_form_learning_point(&fx->uf, fx->st, fx->audit, NULL, &fx->err), 0);
	type(fx, "Joint safety plans");
	next_field(fx);
	next_field(fx); /* the cases */
	key(fx, 'd');
	key(fx, ' ');
	ui_form_edit(&fx->uf, 'z', &fx->err);
	assert_int_equal(fx->err.status, MACA_EUSER);
	assert_string_equal(err_msg(&fx->err), "No choice in Cases has a word starting with 'z'");
	err_clear(&fx->err);
	save(fx);

	struct learning_point_row *lps;
	size_t n;
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_int_equal(lps[n - 1].cases.n, 1);
	assert_string_equal(lps[n - 1].cases.items[0].id, "Child D");
	learning_point_rows_free(lps, n);
}

/* In a single-choice list the letter that finds a choice picks it, as a drop-down does:
 * the owner typed and Tab past it is the owner saved, with no Space needed. */
static void test_choice_letter_picks_one(void **state)
{
	struct fixture *fx = *state;
	open_new_action(fx, 1);
	type(fx, "Check the plans");
	next_field(fx);
	key(fx, tolower((unsigned char)fx->uf.agencies.items[1].label[0]));
	next_field(fx);
	type(fx, "2026-03-31");
	next_field(fx);
	type(fx, "Ten plans checked");
	save(fx);
	struct learning_point_row *lps;
	size_t n;
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	const struct action_row *a = &lps[1].actions[lps[1].nactions - 1];
	assert_string_equal(a->what, "Check the plans");
	assert_string_equal(a->owner_agency, fx->uf.agencies.items[1].id);
	learning_point_rows_free(lps, n);
}

static void test_edit_learning_point_keeps_links(void **state)
{
	struct fixture *fx = *state;
	struct learning_point_row *lps;
	size_t n;
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_int_equal(ui_form_learning_point(&fx->uf, fx->st, fx->audit, &lps[1], &fx->err), 0);
	type(fx, " now");
	save(fx);
	assert_int_equal(fx->uf.saved_id, lps[1].id);
	learning_point_rows_free(lps, n);
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_string_equal(lps[1].title, "Plans must hold the perpetrator to account now");
	assert_int_equal(lps[1].cases.n, 2);
	assert_string_equal(lps[1].cases.items[1].id, "Child D");
	assert_int_equal(lps[1].agencies.n, 2);
	assert_int_equal(lps[1].sections.n, 2);
	assert_int_equal(lps[1].nactions, 1);
	learning_point_rows_free(lps, n);
}

static void test_new_and_edit_action(void **state)
{
	struct fixture *fx = *state;
	open_new_action(fx, 1);
	type(fx, "Add the perpetrator to the plan template");
	next_field(fx);
	key(fx, UI_KEY_DOWN);
	key(fx, ' '); /* the second agency owns it */
	next_field(fx);
	type(fx, "2026-03-31");
	next_field(fx);
	type(fx, "Ten plans checked");
	save(fx); /* status left as it starts: not started */
	int64_t action_id = fx->uf.saved_id;

	struct learning_point_row *lps;
	size_t n;
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_int_equal(lps[1].nactions, 2);
	struct action_row *a = &lps[1].actions[1];
	assert_int_equal(a->id, action_id);
	assert_string_equal(a->what, "Add the perpetrator to the plan template");
	assert_string_equal(a->owner_agency, fx->uf.agencies.items[1].id);
	assert_string_equal(a->due_date, "2026-03-31");
	assert_string_equal(a->measure, "Ten plans checked");
	assert_int_equal(a->status, ACTION_NOT_STARTED);

	/* Edit: the status field is last; move its choice down to "in progress". */
	assert_int_equal(ui_form_action(&fx->uf, fx->st, fx->audit, lps[1].id, a, &fx->err), 0);
	learning_point_rows_free(lps, n);
	assert_int_equal(fx->uf.purpose, UI_FORM_EDIT_ACTION);
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_PREV_FIELD, &fx->err),
			 UI_FORM_STAY); /* wraps to the last field */
	key(fx, UI_KEY_DOWN);
	key(fx, ' ');
	save(fx);
	assert_int_equal(fx->uf.saved_id, action_id);
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_int_equal(lps[1].actions[1].status, ACTION_IN_PROGRESS);
	assert_string_equal(lps[1].actions[1].what, "Add the perpetrator to the plan template");
	learning_point_rows_free(lps, n);
}

/* An action whose status changed elsewhere while its form was open: nothing is written, and
 * the form holds the action as it is now, its status by name, for the question. */
static void test_edit_action_conflict_holds_status(void **state)
{
	struct fixture *fx = *state;
	struct learning_point_row *lps;
	size_t n;
	assert_int_equal(store_learning_points(fx->st, fx->audit, &lps, &n, &fx->err), 0);
	assert_true(lps[1].nactions > 0);
	struct action_row *a = &lps[1].actions[0];
	char *what = strdup(a->what);
	assert_non_null(what);
	assert_int_equal(ui_form_action(&fx->uf, fx->st, fx->audit, lps[1].id, a, &fx->err), 0);
	assert_int_equal(store_action_set_status(fx->st, a->id, ACTION_DONE, "elsewhere", &fx->err),
			 0);
	learning_point_rows_free(lps, n);
	type(fx, " Mine.");
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err), UI_FORM_STAY);
	assert_int_equal(fx->err.status, MACA_ECONFLICT);
	err_clear(&fx->err);
	assert_true(fx->uf.conflict);
	assert_string_equal(record_get(&fx->uf.now, "what"), what);
	assert_string_equal(record_get(&fx->uf.now, "status"), action_status_name(ACTION_DONE));
	assert_non_null(record_get(&fx->uf.now, "owner_agency"));
	assert_non_null(record_get(&fx->uf.now, "due_date"));
	assert_non_null(record_get(&fx->uf.now, "measure"));
	free(what);
}

static void test_bad_due_date_stays(void **state)
{
	struct fixture *fx = *state;
	open_new_action(fx, 0);
	type(fx, "Something");
	next_field(fx);
	next_field(fx);
	type(fx, "31/03/2026");
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err), UI_FORM_STAY);
	assert_int_equal(fx->err.status, MACA_EUSER);
	assert_non_null(formfill_problem(fx->uf.ff, 2));
	assert_true(ui_form_is_learning(fx->uf.purpose));
	assert_false(ui_form_is_learning(UI_FORM_EDIT_CASE));
}

/* The interface's case form: a lookalike of another case's reference is refused and the
 * form stays open; a new reference is kept normalised (issue 14, item 6). */
static void test_case_form_lookalikes(void **state)
{
	struct fixture *fx = *state;
	const int lookalike[][8] = {{'C', 'H', 'I', 'L', 'D', ' ', 'A', 0},
				    {'C', 'h', 'i', 'l', 'd', 0xA0, 'A', 0},
				    {' ', 'c', 'h', 'i', 'l', 'd', ' ', 'a'}};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(ui_form_case(&fx->uf, fx->st, fx->audit, NULL, &fx->err), 0);
		for (size_t k = 0; k < 8 && lookalike[i][k]; k++)
			key(fx, lookalike[i][k]);
		assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err),
				 UI_FORM_STAY);
		assert_int_equal(fx->err.status, MACA_EEXIST);
		assert_non_null(strstr(err_msg(&fx->err), "already has a case \"Child A\""));
		err_clear(&fx->err);
		ui_form_free(&fx->uf);
	}
	assert_int_equal(ui_form_case(&fx->uf, fx->st, fx->audit, NULL, &fx->err), 0);
	type(fx, "   ");
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err), UI_FORM_STAY);
	assert_int_equal(fx->err.status, MACA_EUSER);
	assert_non_null(strstr(formfill_problem(fx->uf.ff, 0), "Case reference is required"));
	err_clear(&fx->err);
	ui_form_free(&fx->uf);

	assert_int_equal(ui_form_case(&fx->uf, fx->st, fx->audit, NULL, &fx->err), 0);
	type(fx, "  Child  G ");
	save(fx);
	struct case_info *list;
	size_t n;
	assert_int_equal(store_case_list(fx->st, fx->audit, &list, &n, &fx->err), 0);
	assert_int_equal(n, 7);
	assert_string_equal(list[6].reference, "Child G");
	case_info_list_free(list, n);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_new_good_practice),
	    T(test_edit_good_practice),
	    T(test_new_learning_point),
	    T(test_choice_letters),
	    T(test_choice_letter_picks_one),
	    T(test_edit_learning_point_keeps_links),
	    T(test_new_and_edit_action),
	    T(test_bad_due_date_stays),
	    T(test_case_form_lookalikes),
	    T(test_edit_conflict_holds_theirs),
	    T(test_edit_action_conflict_holds_status),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
