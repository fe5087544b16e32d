/* Screens that follow the database: two connections to one file, the interface on the first,
 * "another maca" on the second. When the other one commits, ui_poll_changes reads the
 * database again for every screen on the stack, keeping the place (by id) and anything
 * being typed; when nothing changed it reads nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "testutil.h"
#include "ui.h"
#include "ui_fixture.h"

static int setup(void **state)
{
	struct ui_fixture *fx = ui_fixture_on_file();
	struct maca_err err = {0};
	ui_fixture_ok(ui_init(&fx->ui, fx->st, &err), &err);
	ui_key(&fx->ui, 'd'); /* the SYNTHETIC demo audit, six cases */
	assert_false(fx->ui.status_is_error);
	assert_int_equal(fx->ui.home.naudits, 1);
	fx->audit = fx->ui.home.audits[0].id;
	*state = fx;
	return 0;
}

static int64_t other_adds_case(struct ui_fixture *fx, const char *ref)
{
	struct maca_err err = {0};
	struct case_fields c = {.reference = ref};
	int64_t id;
	ui_fixture_ok(store_case_add(fx->other, fx->audit, &c, &id, &err), &err);
	return id;
}

static int64_t other_adds_audit(struct ui_fixture *fx)
{
	struct maca_err err = {0};
	struct audit_new a = {.title = "Made by another maca"};
	int64_t id;
	ui_fixture_ok(ui_fixture_audit(fx->other, &a, &id, &err), &err);
	return id;
}

static void test_own_changes_and_none_read_nothing(void **state)
{
	struct ui_fixture *fx = *state;
	/* The demo was written through the interface's own connection. */
	assert_false(ui_poll_changes(&fx->ui));
	assert_false(ui_poll_changes(&fx->ui));
}

static void test_audit_list_shows_another_makers_audit(void **state)
{
	struct ui_fixture *fx = *state;
	int64_t id = other_adds_audit(fx);
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(fx->ui.home.naudits, 2);
	assert_int_equal(fx->ui.home.audits[fx->ui.home.selected].id, fx->audit);
	assert_int_equal(fx->ui.home.audits[1].id, id);
	assert_false(ui_poll_changes(&fx->ui)); /* read once */
}

static void test_overview_keeps_the_case_when_rows_come_and_go(void **state)
{
	struct ui_fixture *fx = *state;
	struct maca_err err = {0};
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_OVERVIEW);
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_RIGHT);
	assert_string_equal(fx->ui.overview.cases[fx->ui.overview.row].reference, "Child C");
	/* The other maca removes the first case and adds one. */
	ui_fixture_ok(store_case_remove(fx->other, fx->ui.overview.cases[0].id, &err), &err);
	other_adds_case(fx, "Child Z");
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(fx->ui.overview.ncases, 6);
	assert_int_equal(fx->ui.overview.row, 1);
	assert_string_equal(fx->ui.overview.cases[fx->ui.overview.row].reference, "Child C");
	assert_int_equal(fx->ui.overview.col, 1);
	assert_string_equal(fx->ui.overview.cases[5].reference, "Child Z");
	/* The audit list under it was read again too: it counts the cases now. */
	assert_int_equal(fx->ui.home.audits[0].ncases, 6);
}

static void test_cases_keep_the_selected_case(void **state)
{
	struct ui_fixture *fx = *state;
	struct maca_err err = {0};
	ui_key(&fx->ui, UI_KEY_ENTER);
	ui_key(&fx->ui, 'c');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_CASES);
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_DOWN);
	int64_t was = fx->ui.cases.cases[fx->ui.cases.selected].id;
	ui_fixture_ok(store_case_remove(fx->other, fx->ui.cases.cases[1].id, &err), &err);
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(fx->ui.cases.ncases, 5);
	assert_int_equal(fx->ui.cases.cases[fx->ui.cases.selected].id, was);
	assert_int_equal(fx->ui.cases.selected, 1);
	/* The selected case itself removed: the selection stays at its place. */
	ui_fixture_ok(store_case_remove(fx->other, was, &err), &err);
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(fx->ui.cases.ncases, 4);
	assert_int_equal(fx->ui.cases.selected, 1);
}

static void test_moderation_shows_new_grades_and_keeps_the_rationale(void **state)
{
	struct ui_fixture *fx = *state;
	struct maca_err err = {0};
	ui_key(&fx->ui, UI_KEY_ENTER);
	ui_key(&fx->ui, UI_KEY_DOWN); /* Child B */
	ui_key(&fx->ui, 'm');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_MODERATE);
	struct ui_moderate *um = &fx->ui.moderate;
	ui_key(&fx->ui, UI_KEY_DOWN); /* the second question */
	size_t question = um->question;
	const char *qid = um->tpl->questions[ui_moderate_qindex(um)].id;
	int64_t case_id = um->cases[um->case_idx].id;
	ui_key(&fx->ui, UI_KEY_TAB);
	assert_true(um->editing);
	size_t len;
	char *before = editbuf_text(um->text, &len);
	char *typed = str_fmt("%sHalf typed", before);
	free(before);
	ui_type(&fx->ui, "Half typed");
	/* Another maca imports a return that changes the police's grade. */
	ui_fixture_ok(store_answer_save(fx->other, case_id, "police", qid, "inadequate",
					"From the return", &err),
		      &err);
	other_adds_case(fx, "Child Z");
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(um->ncases, 7);
	assert_int_equal(um->cases[um->case_idx].id, case_id);
	assert_int_equal(um->question, question);
	const struct answer_row *a = ui_moderate_answer(um, "police", qid);
	assert_non_null(a);
	assert_string_equal(a->value, "inadequate");
	assert_string_equal(a->evidence, "From the return");
	assert_true(um->editing);
	char *text = editbuf_text(um->text, &len);
	assert_string_equal(text, typed);
	free(text);
	/* Finished, it is saved as typed. */
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_false(fx->ui.status_is_error);
	const struct agreed_row *ag = ui_moderate_agreed(um, qid);
	assert_non_null(ag);
	assert_string_equal(ag->rationale, typed);
	free(typed);
	/* A rationale not being typed shows what another maca saved. */
	ui_fixture_ok(
	    store_agreed_save(fx->other, case_id, qid, NULL, "Agreed elsewhere", NULL, &err), &err);
	assert_true(ui_poll_changes(&fx->ui));
	text = editbuf_text(um->text, &len);
	assert_string_equal(text, "Agreed elsewhere");
	free(text);
}

static void test_answering_keeps_what_is_typed(void **state)
{
	struct ui_fixture *fx = *state;
	struct maca_err err = {0};
	ui_key(&fx->ui, UI_KEY_ENTER);
	ui_key(&fx->ui, 'a');
	assert_true(fx->ui.pick.active);
	const char *agency = fx->ui.pick.items.items[0].id;
	char *code = strdup(agency);
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	struct ui_answer *ua = &fx->ui.answer;
	int64_t case_id = ua->cases[ua->case_idx].id;
	const struct template *tpl = ua->tpl;
	size_t cur = ua->cur;
	const char *here = tpl->questions[ua->items[cur].index].id;
	const char *next = tpl->questions[ua->items[cur + 1].index].id;
	ui_key(&fx->ui, UI_KEY_TAB);
	size_t len;
	char *before = editbuf_text(ua->edit, &len);
	char *typed = str_fmt("%sTyped here", before);
	free(before);
	ui_type(&fx->ui, "Typed here");
	ui_fixture_ok(
	    store_answer_save(fx->other, case_id, code, next, "inadequate", "Elsewhere", &err),
	    &err);
	ui_fixture_ok(
	    store_answer_save(fx->other, case_id, code, here, "good", "Also elsewhere", &err),
	    &err);
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(ua->cur, cur);
	assert_true(ua->editing);
	assert_string_equal(ui_answer_value(ua, cur + 1), "inadequate");
	char *text = editbuf_text(ua->edit, &len);
	assert_string_equal(text, typed);
	free(text);
	/* Leaving the editor saves, but the other maca changed this very answer meanwhile:
	 * nothing is written over it until the user chooses; keeping on editing leaves the
	 * typed text unsaved and still shown. */
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_CONFLICT);
	struct answer held;
	bool found;
	ui_fixture_ok(store_answer_get(fx->other, case_id, code, here, &held, &found, &err), &err);
	assert_string_equal(held.evidence, "Also elsewhere");
	answer_free(&held);
	ui_key(&fx->ui, UI_KEY_ESC); /* keep editing */
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	assert_false(ua->editing);
	ui_fixture_ok(store_answer_save(fx->other, case_id, code, next, "good", "Elsewhere", &err),
		      &err);
	assert_true(ui_poll_changes(&fx->ui));
	text = editbuf_text(ua->edit, &len);
	assert_string_equal(text, typed);
	free(text);
	free(typed);
	/* Moving on saves, but the other maca changed this very answer meanwhile: nothing is
	 * written over it until the user chooses (keep mine here), then the move goes ahead; the
	 * question left shows what the other maca saved since. */
	ui_key(&fx->ui, UI_KEY_DOWN);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_CONFLICT);
	ui_key(&fx->ui, 'm');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	assert_false(fx->ui.status_is_error);
	assert_int_equal(ua->cur, cur + 1);
	ui_fixture_ok(store_answer_save(fx->other, case_id, code, next, "requires-improvement",
					"Third", &err),
		      &err);
	assert_true(ui_poll_changes(&fx->ui));
	assert_string_equal(ui_answer_value(ua, ua->cur), "requires-improvement");
	text = editbuf_text(ua->edit, &len);
	assert_string_equal(text, "Third");
	free(text);
	free(code);
}

static void test_an_open_question_holds_the_screen(void **state)
{
	struct ui_fixture *fx = *state;
	ui_key(&fx->ui, 'D'); /* asks for the audit's title */
	assert_true(fx->ui.prompt.active);
	other_adds_audit(fx);
	assert_false(ui_poll_changes(&fx->ui));
	assert_int_equal(fx->ui.home.naudits, 1);
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(fx->ui.home.naudits, 2);
}

static void test_learning_and_actions_follow(void **state)
{
	struct ui_fixture *fx = *state;
	struct maca_err err = {0};
	ui_key(&fx->ui, UI_KEY_ENTER);
	ui_key(&fx->ui, 'L');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_LEARNING);
	struct ui_learning *ul = &fx->ui.learning;
	ui_key(&fx->ui, UI_KEY_END);
	for (size_t i = 0; i < ul->nnotes; i++) /* past the agencies' notes, to the last action */
		ui_key(&fx->ui, UI_KEY_UP);
	const struct ui_learning_item *it = ui_learning_selected(ul);
	enum ui_learning_kind kind = it->kind;
	size_t was = ul->selected, npoints = ul->npoints;
	struct learning_point_fields lp = {.title = "Added elsewhere", .text = "By the other"};
	int64_t id;
	ui_fixture_ok(store_learning_point_add(fx->other, fx->audit, &lp, &id, NULL, &err), &err);
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(ul->npoints, npoints + 1);
	assert_int_equal(ui_learning_selected(ul)->kind, kind);
	assert_int_equal(ul->selected, was); /* the new point comes last, after the selection */
	assert_string_equal(ul->points[ul->npoints - 1].title, "Added elsewhere");

	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, 't');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ACTIONS);
	size_t nitems = fx->ui.actions.nitems;
	struct action_fields a = {.what = "Act elsewhere", .status = ACTION_NOT_STARTED};
	ui_fixture_ok(store_action_add(fx->other, id, &a, &id, &err), &err);
	assert_true(ui_poll_changes(&fx->ui));
	assert_int_equal(fx->ui.actions.nitems, nitems + 1);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ui_fixture_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_own_changes_and_none_read_nothing),
	    T(test_audit_list_shows_another_makers_audit),
	    T(test_overview_keeps_the_case_when_rows_come_and_go),
	    T(test_cases_keep_the_selected_case),
	    T(test_moderation_shows_new_grades_and_keeps_the_rationale),
	    T(test_answering_keeps_what_is_typed),
	    T(test_an_open_question_holds_the_screen),
	    T(test_learning_and_actions_follow),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
