/* Another process's change is never silently written over (issue 14, item 2), and u undoes
 * (issue 17, item 2). The interface runs here on a database file; "another maca" is a real
 * second process (the maca binary importing a return with --replace) or a second connection.
 * A save that finds its record changed opens Changed meanwhile, writes nothing, and does what
 * the user chooses; an undo is a conditional save like any other. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
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
	ui_fixture_ok(store_set_origin(fx->st, "Chair", "keyboard", &err), &err);
	ui_key(&fx->ui, 'd'); /* the SYNTHETIC demo audit */
	fx->audit = fx->ui.home.audits[0].id;
	ui_fixture_ok(store_case_by_ref(fx->st, fx->audit, "Child A", &fx->case_id, &err), &err);
	*state = fx;
	return 0;
}

static void run(const char *cmd)
{
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

/* csc's answer to the demo's first question of Child A, as the database holds it now. */
static struct answer first_answer(struct ui_fixture *fx)
{
	struct answer a;
	bool found;
	struct maca_err err = {0};
	ui_fixture_ok(store_answer_get(fx->other, fx->case_id, "csc", "identification-recognised",
				       &a, &found, &err),
		      &err);
	return a;
}

/* Another maca process replaces csc's answer with `value` and `evidence`: a copy of the
 * database is changed, its return written and imported into this one with --replace. */
static void other_process_replaces(struct ui_fixture *fx, const char *value, const char *evidence)
{
	char *copy = str_fmt("%s/copy.db", fx->dir), *ret = str_fmt("%s/return.maca", fx->dir);
	char *cmd = str_fmt("cp '%s' '%s' && rm -f '%s'", fx->db, copy, ret);
	run(cmd);
	free(cmd);
	struct store *c;
	struct maca_err err = {0};
	ui_fixture_ok(store_open(copy, &c, &err), &err);
	ui_fixture_ok(store_set_origin(c, "PC Synthetic", "keyboard", &err), &err);
	ui_fixture_ok(store_answer_save(c, fx->case_id, "csc", "identification-recognised", value,
					evidence, &err),
		      &err);
	store_close(c);
	cmd = str_fmt("'%s' --db '%s' export return %lld --agency csc -o '%s' >/dev/null && "
		      "'%s' --db '%s' import --replace '%s' >/dev/null",
		      MACA_BINARY, copy, (long long)fx->audit, ret, MACA_BINARY, fx->db, ret);
	run(cmd);
	free(cmd);
	free(copy);
	free(ret);
}

static void open_answering(struct ui_fixture *fx)
{
	ui_key(&fx->ui, UI_KEY_ENTER); /* the overview, Child A */
	ui_key(&fx->ui, 'a');
	ui_key(&fx->ui, UI_KEY_ENTER); /* the first agency, csc */
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	assert_string_equal(fx->ui.answer.agency, "csc");
}

static void test_answer_changed_by_another_process(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_answering(fx);
	ui_key(ui, UI_KEY_TAB);
	ui_key(ui, UI_KEY_END);
	ui_type(ui, " Mine.");
	other_process_replaces(fx, "inadequate", "Theirs.");
	ui_poll_changes(ui);	/* what is being typed stays */
	ui_key(ui, UI_KEY_ESC); /* leaving the editor saves: asks */
	/* Both shown, who changed it named, nothing written. */
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	assert_non_null(strstr(ui->conflict.theirs, "Evidence: Theirs."));
	assert_non_null(strstr(ui->conflict.theirs, "Grade: Inadequate"));
	assert_non_null(strstr(ui->conflict.mine, " Mine."));
	assert_non_null(strstr(ui->conflict.by, "return from csc"));
	struct answer a = first_answer(fx);
	assert_string_equal(a.evidence, "Theirs.");
	answer_free(&a);
	/* Keys that mean something elsewhere do nothing here. */
	ui_key(ui, 'q');
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->quit);
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	/* Keep editing: still nothing written, the text as typed. */
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_ANSWER);
	assert_int_equal(ui->answer.cur, 0);
	a = first_answer(fx);
	assert_string_equal(a.evidence, "Theirs.");
	answer_free(&a);
	/* Asked again on moving; keep mine: the evidence typed, their grade kept, and the move
	 * goes ahead. */
	ui_key(ui, UI_KEY_DOWN);
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	ui_key(ui, 'm');
	assert_int_equal(ui_screen(ui), UI_SCREEN_ANSWER);
	assert_int_equal(ui->answer.cur, 1);
	a = first_answer(fx);
	assert_string_equal(a.value, "inadequate");
	assert_non_null(strstr(a.evidence, " Mine."));
	answer_free(&a);
	/* Once more, and take theirs: what was typed goes. */
	ui_key(ui, UI_KEY_UP);
	ui_key(ui, UI_KEY_TAB);
	ui_type(ui, "Dropped. ");
	other_process_replaces(fx, "good", "Theirs again.");
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	ui_key(ui, 't');
	assert_int_equal(ui_screen(ui), UI_SCREEN_ANSWER);
	assert_int_equal(ui->answer.cur, 0);
	assert_string_equal(ui_answer_value(&ui->answer, 0), "good");
	char *shown = editbuf_text(ui->answer.edit, NULL);
	assert_string_equal(shown, "Theirs again.");
	free(shown);
	a = first_answer(fx);
	assert_string_equal(a.evidence, "Theirs again.");
	answer_free(&a);
}

/* Quitting with an answer changed meanwhile: the save asks, and nothing is dropped; saving
 * again while the question is up says so on the status line and asks nothing more. */
static void test_quit_with_answer_changed_meanwhile(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_answering(fx);
	ui_key(ui, UI_KEY_TAB);
	ui_type(ui, " Mine.");
	other_process_replaces(fx, "inadequate", "Theirs.");
	ui_act(ui, UI_ACTION_QUIT); /* still typing */
	assert_false(ui->quit);
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	size_t depth = ui->depth;
	assert_false(ui_flush(ui));
	assert_int_equal(ui->depth, depth);
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "changed"));
	struct answer a = first_answer(fx);
	assert_string_equal(a.evidence, "Theirs.");
	answer_free(&a);
	ui_key(ui, 'm'); /* keep mine: saved, and leaving now goes through */
	assert_int_equal(ui_screen(ui), UI_SCREEN_ANSWER);
	assert_true(ui_flush(ui));
	a = first_answer(fx);
	assert_non_null(strstr(a.evidence, " Mine."));
	answer_free(&a);
}

static void test_grade_key_conflict(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_answering(fx);
	struct maca_err err = {0};
	/* Changed by another connection since the screen read it (no poll in between). */
	ui_fixture_ok(store_answer_save(fx->other, fx->case_id, "csc", "identification-recognised",
					"inadequate", NULL, &err),
		      &err);
	ui_key(ui, 'o');
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	struct answer a = first_answer(fx);
	assert_string_equal(a.value, "inadequate");
	answer_free(&a);
	ui_key(ui, 'm');
	a = first_answer(fx);
	assert_string_equal(a.value, "outstanding");
	answer_free(&a);
}

static void test_rationale_changed_meanwhile(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'm'); /* moderate Child A, section 1 */
	assert_int_equal(ui_screen(ui), UI_SCREEN_MODERATE);
	const char *qid = ui->moderate.tpl->questions[ui_moderate_qindex(&ui->moderate)].id;
	ui_key(ui, UI_KEY_TAB);
	ui_type(ui, "Ours.");
	struct maca_err err = {0};
	ui_fixture_ok(store_agreed_save(fx->other, fx->case_id, qid, NULL, "Theirs.", NULL, &err),
		      &err);
	ui_poll_changes(ui);
	ui_key(ui, UI_KEY_TAB); /* leaving the editor saves: it was changed meanwhile */
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	assert_non_null(strstr(ui->conflict.theirs, "Rationale: Theirs."));
	char *grade, *rationale;
	ui_fixture_ok(store_agreed_get(fx->other, fx->case_id, qid, &grade, &rationale, &err),
		      &err);
	assert_string_equal(rationale, "Theirs.");
	free(grade);
	free(rationale);
	ui_key(ui, 't');
	assert_int_equal(ui_screen(ui), UI_SCREEN_MODERATE);
	char *shown = editbuf_text(ui->moderate.text, NULL);
	assert_string_equal(shown, "Theirs.");
	free(shown);
}

/* u undoes the last change made from the screen, then the one before; each undo is a change
 * of its own in the history; an undo that finds the record changed asks like a save. */
static void test_undo_and_history(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	struct maca_err err = {0};
	struct history_row *h;
	size_t before, after;
	ui_fixture_ok(store_history_list(fx->other, fx->audit, &h, &before, &err), &err);
	history_list_free(h, before);
	open_answering(fx);
	struct answer was = first_answer(fx);
	ui_key(ui, 'o');
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, UI_KEY_BACKSPACE); /* clears question 2's grade */
	ui_key(ui, 'u');	      /* question 2's grade is back */
	assert_int_equal(ui->answer.cur, 1);
	assert_string_not_equal(ui_answer_value(&ui->answer, 1), "");
	ui_key(ui, 'u'); /* and question 1's, the screen back on it */
	assert_int_equal(ui->answer.cur, 0);
	struct answer a = first_answer(fx);
	assert_string_equal(a.value, was.value);
	answer_free(&a);
	answer_free(&was);
	ui_fixture_ok(store_history_list(fx->other, fx->audit, &h, &after, &err), &err);
	history_list_free(h, after);
	assert_int_equal(after, before + 4); /* two changes, two undos */
	ui_key(ui, 'u');
	assert_true(ui->status_is_error); /* nothing more to undo */
	/* The history view of the answer shows who did what, newest first. */
	ui_key(ui, 'h');
	assert_int_equal(ui_screen(ui), UI_SCREEN_HISTORY);
	char *text = ui_history_text(&ui->history);
	assert_non_null(strstr(text, "Chair (keyboard)"));
	assert_non_null(strstr(text, "answer: Outstanding -> "));
	assert_true(strstr(text, "Outstanding -> ") < strstr(text, "-> Outstanding"));
	free(text);
	ui_key(ui, 'q'); /* closes it */
	assert_int_equal(ui_screen(ui), UI_SCREEN_ANSWER);
	/* An undo that finds the answer changed meanwhile asks first. */
	ui_key(ui, 'i');
	ui_fixture_ok(store_answer_save(fx->other, fx->case_id, "csc", "identification-recognised",
					"requires-improvement", NULL, &err),
		      &err);
	ui_key(ui, 'u');
	assert_int_equal(ui_screen(ui), UI_SCREEN_CONFLICT);
	ui_key(ui, 't'); /* theirs stands; the undo is forgotten */
	a = first_answer(fx);
	assert_string_equal(a.value, "requires-improvement");
	answer_free(&a);
	ui_key(ui, 'u');
	assert_true(ui->status_is_error);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ui_fixture_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_answer_changed_by_another_process),
	    T(test_quit_with_answer_changed_meanwhile),
	    T(test_grade_key_conflict),
	    T(test_rationale_changed_meanwhile),
	    T(test_undo_and_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
