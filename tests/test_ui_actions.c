/* The action tracker's screen model, without a terminal: two demo audits (one closed), the
 * filters in turn against a fixed today, selection across reloads, and a status change with
 * its progress note, directly and through the keys from the home screen and the overview. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "ui_fixture.h"

/* Each demo audit's actions: 1.1 police 2025-09-30 in progress, 1.2 csc 2025-06-30 done,
 * 2.1 csc 2025-07-31 not started, 3.1 health 2025-10-31 in progress, 3.2 police 2025-12-31
 * cannot be done. */
struct fixture {
	struct store *st;
	int64_t open_audit, closed_audit;
	struct ui_actions ua;
	struct maca_err err;
};

#define OK(fx, call)                                                                               \
	do {                                                                                       \
		if ((call) != MACA_OK)                                                             \
			fail_msg("%s: %s", #call, err_msg(&(fx)->err));                            \
	} while (0)

static void close_audit(struct fixture *fx, int64_t audit)
{
	struct case_info *cases;
	size_t n;
	OK(fx, store_case_list(fx->st, audit, &cases, &n, &fx->err));
	for (size_t i = 0; i < n; i++)
		OK(fx, store_case_set_moderated(fx->st, cases[i].id, true, &fx->err));
	case_info_list_free(cases, n);
	OK(fx, store_audit_set_status(fx->st, audit, AUDIT_CLOSED, NULL, &fx->err));
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct diag_list diags = {0};
	struct template *tpl = NULL;
	if (!fx || store_open(":memory:", &fx->st, &fx->err) ||
	    template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl,
			       &diags) ||
	    demo_create(fx->st, tpl, &fx->closed_audit, &fx->err) ||
	    demo_create(fx->st, tpl, &fx->open_audit, &fx->err))
		return -1;
	template_free(tpl);
	diag_list_free(&diags);
	close_audit(fx, fx->closed_audit);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	ui_actions_free(&fx->ua);
	err_clear(&fx->err);
	store_close(fx->st);
	free(fx);
	return 0;
}

static size_t count_overdue(const struct ui_actions *ua)
{
	size_t n = 0;
	for (size_t i = 0; i < ua->nitems; i++)
		n += ua->items[i].overdue;
	return n;
}

static void expect_filter_text(const struct ui_actions *ua, const char *want)
{
	char *got = ui_actions_filter_text(ua);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_open_across_and_one(void **state)
{
	struct fixture *fx = *state;
	OK(fx, ui_actions_open(&fx->ua, fx->st, 0, "2026-01-01", &fx->err));
	assert_int_equal(fx->ua.nitems, 10);
	assert_int_equal(count_overdue(&fx->ua), 6);
	assert_null(fx->ua.audit_title);
	/* By due date: both audits' 1.2 (June) first. */
	assert_int_equal(fx->ua.items[0].position, 2);
	assert_int_equal(fx->ua.items[1].position, 2);
	assert_int_not_equal(fx->ua.items[0].audit_id, fx->ua.items[1].audit_id);
	expect_filter_text(&fx->ua, "Owner: any   Status: any   Due: any");
	assert_int_equal(fx->ua.owners.n, 3);

	OK(fx, ui_actions_open(&fx->ua, fx->st, fx->closed_audit, "2025-08-01", &fx->err));
	assert_int_equal(fx->ua.nitems, 5);
	assert_non_null(strstr(fx->ua.audit_title, "Domestic abuse"));
	assert_int_equal(count_overdue(&fx->ua), 1); /* 2.1, due 2025-07-31 */
	for (size_t i = 0; i < fx->ua.nitems; i++)
		assert_int_equal(fx->ua.items[i].audit_id, fx->closed_audit);

	/* A failed open leaves the tracker as it was. */
	assert_int_equal(ui_actions_open(&fx->ua, fx->st, 999, "2025-08-01", &fx->err),
			 MACA_ENOTFOUND);
	err_clear(&fx->err);
	assert_int_equal(fx->ua.nitems, 5);
	assert_int_equal(ui_actions_open(&fx->ua, fx->st, 0, "2025-13-01", &fx->err), MACA_EUSER);
	err_clear(&fx->err);
	assert_int_equal(fx->ua.audit_id, fx->closed_audit);
}

static void test_filters_in_turn(void **state)
{
	struct fixture *fx = *state;
	struct ui_actions *ua = &fx->ua;
	OK(fx, ui_actions_open(ua, fx->st, fx->open_audit, "2025-09-01", &fx->err));
	/* Owners by name: Children's social care, Health, Police; then any again. */
	OK(fx, ui_actions_next_filter(ua, fx->st, UI_ACTION_FILTER_OWNER, &fx->err));
	assert_int_equal(ua->nitems, 2);
	expect_filter_text(ua, "Owner: Children's social care   Status: any   Due: any");
	OK(fx, ui_actions_next_filter(ua, fx->st, UI_ACTION_FILTER_OWNER, &fx->err));
	OK(fx, ui_actions_next_filter(ua, fx->st, UI_ACTION_FILTER_OWNER, &fx->err));
	assert_int_equal(ua->nitems, 2);
	assert_string_equal(ua->items[0].owner_agency, "police");
	OK(fx, ui_actions_next_filter(ua, fx->st, UI_ACTION_FILTER_OWNER, &fx->err));
	assert_int_equal(ua->nitems, 5);

	static const size_t by_status[] = {5, 3, 1, 2, 1, 1, 5};
	for (size_t i = 1; i < sizeof by_status / sizeof by_status[0]; i++) {
		OK(fx, ui_actions_next_filter(ua, fx->st, UI_ACTION_FILTER_STATUS, &fx->err));
		if (ua->nitems != by_status[i])
			fail_msg("status filter %zu: %zu actions, want %zu", i, ua->nitems,
				 by_status[i]);
	}
	assert_int_equal(ua->status, UI_ACTIONS_ANY_STATUS);

	/* On 2025-09-01: 2.1 is overdue; 1.1 (09-30) falls within 30 days, not 7. */
	static const size_t by_due[] = {5, 1, 1, 2, 5};
	for (size_t i = 1; i < sizeof by_due / sizeof by_due[0]; i++) {
		OK(fx, ui_actions_next_filter(ua, fx->st, UI_ACTION_FILTER_DUE, &fx->err));
		if (ua->nitems != by_due[i])
			fail_msg("due filter %zu: %zu actions, want %zu", i, ua->nitems, by_due[i]);
	}
	assert_int_equal(ua->due, UI_ACTIONS_ANY_DUE);

	/* Filters combine: police, open, due within 30 days. */
	ua->owner = 3;
	ua->status = UI_ACTIONS_OPEN;
	ua->due = UI_ACTIONS_DUE_30;
	OK(fx, ui_actions_reload(ua, fx->st, &fx->err));
	assert_int_equal(ua->nitems, 1);
	assert_int_equal(ua->items[0].point, 1);
	assert_int_equal(ua->items[0].position, 1);
	expect_filter_text(ua, "Owner: Police   Status: open   Due: within 30 days");
}

static void test_selection_and_notes(void **state)
{
	struct fixture *fx = *state;
	struct ui_actions *ua = &fx->ua;
	OK(fx, ui_actions_open(ua, fx->st, 0, "2026-01-01", &fx->err));
	int64_t third = ua->items[2].id;
	OK(fx, store_action_set_status(fx->st, third, ua->items[2].status, "Checked in", &fx->err));
	OK(fx, ui_actions_move(ua, fx->st, UI_ACTION_DOWN, &fx->err));
	assert_int_equal(ua->nnotes, 0);
	OK(fx, ui_actions_move(ua, fx->st, UI_ACTION_DOWN, &fx->err));
	assert_int_equal(ui_actions_selected(ua)->id, third);
	assert_int_equal(ua->nnotes, 1);
	assert_string_equal(ua->notes[0].note, "Checked in");
	OK(fx, ui_actions_move(ua, fx->st, UI_ACTION_LAST, &fx->err));
	assert_int_equal(ua->selected, 9);
	OK(fx, ui_actions_move(ua, fx->st, UI_ACTION_PAGE_UP, &fx->err));
	assert_int_equal(ua->selected, 0);
	OK(fx, ui_actions_select(ua, fx->st, third, &fx->err));
	/* A reload keeps the selected action, wherever it now is. */
	OK(fx, ui_actions_next_filter(ua, fx->st, UI_ACTION_FILTER_STATUS, &fx->err));
	assert_int_equal(ui_actions_selected(ua)->id, third);
	assert_string_equal(ui_actions_selected(ua)->note, "Checked in");
	assert_int_equal(ui_actions_select(ua, fx->st, 99999, &fx->err), MACA_ENOTFOUND);
	err_clear(&fx->err);
}

static const struct action_item *find(const struct ui_actions *ua, int64_t id)
{
	for (size_t i = 0; i < ua->nitems; i++)
		if (ua->items[i].id == id)
			return &ua->items[i];
	return NULL;
}

static void test_status_change_on_closed_audit(void **state)
{
	struct fixture *fx = *state;
	struct ui_actions *ua = &fx->ua;
	OK(fx, ui_actions_open(ua, fx->st, fx->closed_audit, "2026-01-01", &fx->err));
	OK(fx, ui_actions_move(ua, fx->st, UI_ACTION_DOWN, &fx->err)); /* 2.1, not started */
	const struct action_item *a = ui_actions_selected(ua);
	int64_t id = a->id;
	assert_true(a->overdue);
	OK(fx, ui_actions_begin(ua, ACTION_IN_PROGRESS, &fx->err));
	char *q = ui_actions_note_question(ua);
	assert_string_equal(q, "Progress note for action 2.1 (Not started -> In progress), dated "
			       "today. Esc cancels.");
	free(q);
	/* No note: refused, nothing changed. */
	assert_int_equal(ui_actions_apply(ua, fx->st, "", &fx->err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&fx->err), "progress note is needed"));
	err_clear(&fx->err);
	assert_int_equal(find(ua, id)->status, ACTION_NOT_STARTED);

	OK(fx,
	   ui_actions_apply(ua, fx->st, "Template drafted; goes to the board in March", &fx->err));
	a = ui_actions_selected(ua);
	assert_int_equal(a->id, id);
	assert_int_equal(a->status, ACTION_IN_PROGRESS);
	assert_true(a->overdue); /* still open, still past its date */
	assert_string_equal(a->note, "Template drafted; goes to the board in March");
	assert_int_equal(ua->nnotes, 1);
	assert_string_equal(ua->notes[0].old_status, "not-started");
	assert_string_equal(ua->notes[0].new_status, "in-progress");

	/* A note alone keeps the status. */
	OK(fx, ui_actions_begin(ua, ACTION_IN_PROGRESS, &fx->err));
	q = ui_actions_note_question(ua);
	assert_string_equal(q, "Progress note for action 2.1 (In progress), dated today. Esc "
			       "cancels.");
	free(q);
	OK(fx, ui_actions_apply(ua, fx->st, "Board agreed", &fx->err));
	assert_int_equal(ua->nnotes, 2);
	assert_string_equal(ui_actions_selected(ua)->note, "Board agreed");

	/* Done: gone from the open filter, the selection stays in the list. */
	ua->status = UI_ACTIONS_OPEN;
	OK(fx, ui_actions_reload(ua, fx->st, &fx->err));
	assert_int_equal(ua->nitems, 3);
	OK(fx, ui_actions_select(ua, fx->st, id, &fx->err));
	OK(fx, ui_actions_begin(ua, ACTION_DONE, &fx->err));
	OK(fx, ui_actions_apply(ua, fx->st, "Live in every plan", &fx->err));
	assert_int_equal(ua->nitems, 2);
	assert_null(find(ua, id));
	assert_true(ua->selected < ua->nitems);
	/* Nothing pending any more. */
	assert_int_equal(ui_actions_apply(ua, fx->st, "again", &fx->err), MACA_EUSER);
	err_clear(&fx->err);

	struct audit_info info;
	OK(fx, store_audit_get(fx->st, fx->closed_audit, &info, &fx->err));
	assert_int_equal(info.status, AUDIT_CLOSED);
	audit_info_free(&info);
}

/* The keys, from the home screen: t, s, a status from the pick, a note in the prompt. */
static void test_through_the_keys(void **state)
{
	struct fixture *fx = *state;
	struct ui ui;
	OK(fx, ui_init(&ui, fx->st, &fx->err));
	ui_key(&ui, 't');
	assert_int_equal(ui_screen(&ui), UI_SCREEN_ACTIONS);
	assert_int_equal(ui.actions.audit_id, 0);
	assert_int_equal(ui.actions.nitems, 10);
	assert_non_null(strstr(ui.status, "10 actions across every audit"));
	ui_key(&ui, 'f'); /* open */
	assert_int_equal(ui.actions.nitems, 6);
	const struct action_item *a = ui_actions_selected(&ui.actions);
	int64_t id = a->id;
	enum action_status was = a->status;

	ui_key(&ui, 's');
	assert_true(ui.pick.active);
	assert_int_equal(ui.pick.items.n, 4);
	assert_int_equal(ui.pick.selected, (size_t)was);
	ui_key(&ui, UI_KEY_ESC); /* cancelled: nothing asked, nothing changed */
	assert_false(ui.pick.active);
	assert_false(ui.prompt.active);

	ui_key(&ui, 's');
	ui_key(&ui, 'G'); /* not a pick key: stays on the action's own status */
	ui_key(&ui, 'j');
	ui_key(&ui, 'j');
	ui_key(&ui, 'j');
	ui_key(&ui, UI_KEY_ENTER); /* cannot be done */
	assert_true(ui.prompt.active);
	assert_non_null(strstr(ui.prompt.question, "-> Cannot be done"));
	ui_key(&ui, UI_KEY_ENTER); /* an empty note is asked for again */
	assert_true(ui.prompt.active);
	assert_non_null(strstr(ui.prompt.question, "progress note is needed"));
	ui_key(&ui, UI_KEY_ESC); /* cancels the change */
	assert_false(ui.prompt.active);
	assert_false(ui.status_is_error);
	assert_non_null(strstr(ui.status, "nothing was changed"));

	ui_key(&ui, 's');
	ui_key(&ui, 'j');
	ui_key(&ui, 'j');
	ui_key(&ui, 'j');
	ui_key(&ui, UI_KEY_ENTER);
	ui_type(&ui, "No budget this year");
	ui_key(&ui, UI_KEY_ENTER);
	assert_false(ui.status_is_error);
	assert_non_null(strstr(ui.status, "Cannot be done"));
	assert_int_equal(ui.actions.nitems, 5); /* no longer open */

	struct action_note *notes;
	size_t n;
	OK(fx, store_action_notes(fx->st, id, &notes, &n, &fx->err));
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].new_status, "cannot-be-done");
	assert_string_equal(notes[0].note, "No budget this year");
	action_notes_free(notes, n);

	/* p: a note alone. */
	id = ui_actions_selected(&ui.actions)->id;
	ui_key(&ui, 'p');
	assert_true(ui.prompt.active);
	ui_type(&ui, "Chased");
	ui_key(&ui, UI_KEY_ENTER);
	assert_string_equal(ui_actions_selected(&ui.actions)->note, "Chased");
	assert_int_equal(ui_actions_selected(&ui.actions)->id, id);

	/* Enter: the action on its audit's Learning screen; Esc comes back to the tracker. */
	ui_key(&ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&ui), UI_SCREEN_LEARNING);
	const struct ui_learning_item *it = ui_learning_selected(&ui.learning);
	assert_non_null(it);
	assert_int_equal(it->kind, UI_LEARNING_ACTION);
	assert_int_equal(ui.learning.points[it->index].actions[it->action].id, id);
	ui_key(&ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&ui), UI_SCREEN_ACTIONS);
	assert_int_equal(ui_actions_selected(&ui.actions)->id, id);

	/* Back home, then one audit's tracker from its overview. */
	ui_key(&ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&ui), UI_SCREEN_HOME);
	ui_key(&ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&ui), UI_SCREEN_OVERVIEW);
	ui_key(&ui, 't');
	assert_int_equal(ui_screen(&ui), UI_SCREEN_ACTIONS);
	assert_int_equal(ui.actions.audit_id, ui.overview.info.id);
	assert_int_equal(ui.actions.nitems, 5);
	ui_free(&ui);
}

/* u on the tracker undoes the last status change made there and says whose it was. */
static void test_undo_says_the_status(void **state)
{
	struct fixture *fx = *state;
	struct ui ui;
	OK(fx, ui_init(&ui, fx->st, &fx->err));
	ui_key(&ui, 't');
	ui_key(&ui, 'f'); /* open */
	const struct action_item *a = ui_actions_selected(&ui.actions);
	int64_t id = a->id;
	enum action_status was = a->status;
	char *named = str_fmt("Undone: the status of action %d.%d (the history keeps both)",
			      a->point, a->position);
	assert_non_null(named);
	ui_key(&ui, 's');
	ui_key(&ui, 'j');
	ui_key(&ui, 'j');
	ui_key(&ui, 'j');
	ui_key(&ui, UI_KEY_ENTER); /* cannot be done */
	ui_type(&ui, "No budget this year");
	ui_key(&ui, UI_KEY_ENTER);
	assert_int_equal(ui.actions.nitems, 5);
	ui_key(&ui, 'u');
	assert_false(ui.status_is_error);
	assert_string_equal(ui.status, named); /* the action named, as the change was */
	free(named);
	assert_int_equal(ui.actions.nitems, 6);
	assert_int_equal(find(&ui.actions, id)->status, was);
	ui_key(&ui, 'u');
	assert_true(ui.status_is_error); /* nothing more to undo */
	ui_free(&ui);
}

/* An action deleted after its status was changed here: u says once that the change cannot be
 * undone, in words, and forgets it. */
static void test_undo_of_a_deleted_action(void **state)
{
	struct fixture *fx = *state;
	struct ui ui;
	OK(fx, ui_init(&ui, fx->st, &fx->err));
	ui_key(&ui, 't');
	struct learning_point_row *lps;
	size_t n;
	OK(fx, store_learning_points(fx->st, fx->open_audit, &lps, &n, &fx->err));
	OK(fx, ui_actions_select(&ui.actions, fx->st, lps[0].actions[0].id, &fx->err));
	learning_point_rows_free(lps, n);
	const struct action_item *a = ui_actions_selected(&ui.actions);
	int64_t id = a->id;
	char *gone = str_fmt("Cannot be undone: the status of action %d.%d, as the action was "
			     "deleted since",
			     a->point, a->position);
	assert_non_null(gone);
	ui_key(&ui, 's');
	ui_key(&ui, UI_KEY_END);
	ui_key(&ui, UI_KEY_ENTER);
	ui_type(&ui, "No budget this year");
	ui_key(&ui, UI_KEY_ENTER);
	OK(fx, store_action_delete(fx->st, id, &fx->err));
	ui_key(&ui, 'u');
	assert_true(ui.status_is_error);
	assert_string_equal(ui.status, gone);
	free(gone);
	ui_key(&ui, 'u');
	assert_non_null(strstr(ui.status, "Nothing to undo"));
	ui_free(&ui);
}

/* An empty progress note after a status is picked does not drop the change: the note is asked
 * for again with the status kept, and once typed both are saved; Esc on the question asked
 * again cancels, saying what stays as it was. */
static void test_empty_note_asks_again(void **state)
{
	struct fixture *fx = *state;
	struct ui ui;
	OK(fx, ui_init(&ui, fx->st, &fx->err));
	ui_key(&ui, 't');
	ui_key(&ui, 'f'); /* open */
	const struct action_item *a = ui_actions_selected(&ui.actions);
	int64_t id = a->id;
	enum action_status was = a->status;
	char *stays = str_fmt("Cancelled: action %d.%d stays %s; nothing was changed", a->point,
			      a->position, action_status_label(was));
	assert_non_null(stays);

	ui_key(&ui, 's');
	ui_key(&ui, UI_KEY_END); /* cannot be done */
	ui_key(&ui, UI_KEY_ENTER);
	ui_key(&ui, UI_KEY_ENTER); /* no note */
	assert_true(ui.prompt.active);
	assert_non_null(strstr(ui.prompt.question, "A progress note is needed. "));
	assert_non_null(strstr(ui.prompt.question, "-> Cannot be done"));
	ui_key(&ui, UI_KEY_ENTER); /* still none: asked again */
	assert_true(ui.prompt.active);
	assert_non_null(strstr(ui.prompt.question, "-> Cannot be done"));
	ui_type(&ui, "No budget this year");
	ui_key(&ui, UI_KEY_ENTER);
	assert_false(ui.prompt.active);
	assert_false(ui.status_is_error);
	assert_non_null(strstr(ui.status, "Saved: Cannot be done")); /* gone from "open" */
	struct action_note *notes;
	size_t n;
	OK(fx, store_action_notes(fx->st, id, &notes, &n, &fx->err));
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].new_status, "cannot-be-done");
	assert_string_equal(notes[0].note, "No budget this year");
	action_notes_free(notes, n);

	/* The next open action: an empty note, then Esc, changes nothing and says so. */
	a = ui_actions_selected(&ui.actions);
	id = a->id;
	was = a->status;
	free(stays);
	stays = str_fmt("Cancelled: action %d.%d stays %s; nothing was changed", a->point,
			a->position, action_status_label(was));
	ui_key(&ui, 's');
	ui_key(&ui, UI_KEY_END);
	ui_key(&ui, UI_KEY_ENTER);
	ui_key(&ui, UI_KEY_ENTER);
	assert_true(ui.prompt.active);
	ui_key(&ui, UI_KEY_ESC);
	assert_false(ui.prompt.active);
	assert_false(ui.status_is_error);
	assert_string_equal(ui.status, stays);
	assert_int_equal(find(&ui.actions, id)->status, was);
	OK(fx, store_action_notes(fx->st, id, &notes, &n, &fx->err));
	assert_int_equal(n, 0);
	action_notes_free(notes, n);

	/* p, a note alone: Esc says no note was added. */
	ui_key(&ui, 'p');
	ui_key(&ui, UI_KEY_ENTER);
	assert_true(ui.prompt.active);
	ui_key(&ui, UI_KEY_ESC);
	assert_non_null(strstr(ui.status, "Cancelled: no note was added to action"));
	free(stays);
	ui_free(&ui);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_open_across_and_one, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_filters_in_turn, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_selection_and_notes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_status_change_on_closed_audit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_through_the_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_undo_says_the_status, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_note_asks_again, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_undo_of_a_deleted_action, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
