/* The Learning screen's state and operations, on the demo audit, without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui.h"

struct fixture {
	struct store *st;
	int64_t audit;
	struct ui_learning ul;
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
	    demo_create(fx->st, tpl, &fx->audit, &fx->err) ||
	    ui_learning_load(&fx->ul, fx->st, fx->audit, &fx->err))
		return -1;
	template_free(tpl);
	diag_list_free(&diags);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	ui_learning_free(&fx->ul);
	ui_form_free(&fx->uf);
	err_clear(&fx->err);
	store_close(fx->st);
	free(fx);
	return 0;
}

/* The demo: three good practice items; points 1, 2 and 3 with 2, 1 and 2 actions; then the
 * agencies' five written notes (two good practice, two areas for development, one
 * recommendation). */
#define DEMO_LEARNING 11
#define DEMO_NOTES 5
#define DEMO_ITEMS (DEMO_LEARNING + DEMO_NOTES)

static void expect(const struct ui_learning *ul, size_t i, enum ui_learning_kind kind, size_t index,
		   size_t action)
{
	assert_true(i < ul->nitems);
	assert_int_equal(ul->items[i].kind, kind);
	assert_int_equal(ul->items[i].index, index);
	if (kind == UI_LEARNING_ACTION)
		assert_int_equal(ul->items[i].action, action);
}

static void test_flat_list_order_and_moving(void **state)
{
	struct fixture *fx = *state;
	struct ui_learning *ul = &fx->ul;
	assert_false(ul->closed);
	assert_int_equal(strlen(ul->today), 10);
	assert_int_equal(ul->nitems, DEMO_ITEMS);
	expect(ul, 0, UI_LEARNING_GOOD_PRACTICE, 0, 0);
	expect(ul, 2, UI_LEARNING_GOOD_PRACTICE, 2, 0);
	expect(ul, 3, UI_LEARNING_POINT, 0, 0);
	expect(ul, 4, UI_LEARNING_ACTION, 0, 0);
	expect(ul, 5, UI_LEARNING_ACTION, 0, 1);
	expect(ul, 6, UI_LEARNING_POINT, 1, 0);
	expect(ul, 7, UI_LEARNING_ACTION, 1, 0);
	expect(ul, 8, UI_LEARNING_POINT, 2, 0);
	expect(ul, 10, UI_LEARNING_ACTION, 2, 1);
	assert_int_equal(ul->selected, 0);
	assert_null(ui_learning_selected_point(ul));
	ui_learning_move(ul, UI_ACTION_UP);
	assert_int_equal(ul->selected, 0);
	ui_learning_move(ul, UI_ACTION_PAGE_DOWN);
	assert_int_equal(ul->selected, 10);
	assert_int_equal(ui_learning_selected_point(ul)->number, 3);
	ui_learning_move(ul, UI_ACTION_PAGE_UP);
	assert_int_equal(ul->selected, 0);
	/* The agencies' notes come last: good practice first, a note is no learning point. */
	ui_learning_move(ul, UI_ACTION_LAST);
	assert_int_equal(ul->selected, DEMO_ITEMS - 1);
	ui_learning_move(ul, UI_ACTION_DOWN);
	assert_int_equal(ul->selected, DEMO_ITEMS - 1);
	expect(ul, DEMO_LEARNING, UI_LEARNING_NOTE, 0, 0);
	assert_null(ui_learning_selected_point(ul));
	assert_int_equal(ul->nnotes, DEMO_NOTES);
	assert_string_equal(ul->tpl->prompts[ul->notes[0].prompt].id, "good-practice");
	assert_string_equal(ul->tpl->prompts[ul->notes[DEMO_NOTES - 1].prompt].id,
			    "recommendations");
	for (size_t i = 1; i < ul->nnotes; i++)
		assert_true(ul->notes[i - 1].prompt <= ul->notes[i].prompt);
	ui_learning_move(ul, UI_ACTION_FIRST);
	ui_learning_move(ul, UI_ACTION_DOWN);
	assert_int_equal(ul->selected, 1);
	/* A reload keeps the selected item. */
	int64_t id = ul->good_practice[1].id;
	assert_int_equal(ui_learning_load(ul, fx->st, fx->audit, &fx->err), 0);
	assert_int_equal(ul->selected, 1);
	assert_int_equal(ul->good_practice[1].id, id);
	assert_string_equal(ui_learning_agency_name(ul, "police"),
			    named_find(&ul->agencies, "police")->label);
	assert_string_equal(ui_learning_agency_name(ul, "nobody"), "nobody");
}

static void test_moving_point_3_to_1_renumbers(void **state)
{
	struct fixture *fx = *state;
	struct ui_learning *ul = &fx->ul;
	assert_true(ui_learning_select(ul, UI_LEARNING_POINT, ul->points[2].id));
	assert_int_equal(ul->selected, 8);
	char *title = strdup(ul->points[2].title);
	assert_int_equal(ui_learning_move_point(ul, fx->st, -1, &fx->err), 0);
	/* From an action, its point moves. */
	ui_learning_move(ul, UI_ACTION_DOWN);
	assert_int_equal(ul->items[ul->selected].kind, UI_LEARNING_ACTION);
	assert_int_equal(ui_learning_move_point(ul, fx->st, -1, &fx->err), 0);
	assert_string_equal(ul->points[0].title, title);
	assert_int_equal(ul->points[0].number, 1);
	assert_int_equal(ul->points[1].number, 2);
	assert_string_equal(ul->points[1].title, "Name coercive control from the first contact");
	assert_int_equal(ul->points[2].number, 3);
	assert_string_equal(ul->points[2].title, "Plans must hold the perpetrator to account");
	/* The selection follows the point; its actions come with it. */
	expect(ul, ul->selected, UI_LEARNING_POINT, 0, 0);
	assert_int_equal(ul->selected, 3);
	assert_int_equal(ul->points[0].nactions, 2);
	expect(ul, 5, UI_LEARNING_ACTION, 0, 1);
	free(title);

	assert_int_equal(ui_learning_move_point(ul, fx->st, -1, &fx->err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&fx->err), "already first"));
	err_clear(&fx->err);
	ui_learning_move(ul, UI_ACTION_FIRST);
	assert_int_equal(ui_learning_move_point(ul, fx->st, 1, &fx->err), MACA_EUSER);
	err_clear(&fx->err);
}

static void test_delete_keeps_selection_in_range(void **state)
{
	struct fixture *fx = *state;
	struct ui_learning *ul = &fx->ul;
	char *q;
	/* A note is the agency's: not deleted here. */
	ui_learning_move(ul, UI_ACTION_LAST);
	assert_int_equal(ui_learning_delete_question(ul, &q, &fx->err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&fx->err), "the agency's"));
	err_clear(&fx->err);
	ul->selected = DEMO_LEARNING - 1; /* the last action */
	assert_int_equal(ui_learning_delete_question(ul, &q, &fx->err), 0);
	assert_non_null(strstr(q, "Delete action 3.2, \""));
	free(q);
	assert_int_equal(ui_learning_delete(ul, fx->st, &fx->err), 0);
	assert_int_equal(ul->nitems, DEMO_ITEMS - 1);
	assert_int_equal(ul->selected, DEMO_LEARNING - 1); /* the same place: the first note */

	ul->selected = 3;
	assert_int_equal(ui_learning_delete_question(ul, &q, &fx->err), 0);
	assert_string_equal(q, "Delete learning point 1, \"Name coercive control from the first "
			       "contact\", and its 2 actions?");
	free(q);
	assert_int_equal(ui_learning_delete(ul, fx->st, &fx->err), 0);
	assert_int_equal(ul->nitems, DEMO_ITEMS - 4);
	assert_int_equal(ul->selected, 3); /* now the next point, renumbered 1 */
	expect(ul, 3, UI_LEARNING_POINT, 0, 0);
	assert_int_equal(ul->points[0].number, 1);
	assert_string_equal(ul->points[0].title, "Plans must hold the perpetrator to account");

	ul->selected = 0;
	assert_int_equal(ui_learning_delete_question(ul, &q, &fx->err), 0);
	assert_non_null(strstr(q, "Delete good practice item 1, \"The health visitor"));
	assert_non_null(strstr(q, "...\"?"));
	free(q);
	/* Everything the chair wrote goes; the agencies' notes stay. */
	while (ul->nitems > ul->nnotes) {
		ul->selected = ul->nitems - ul->nnotes - 1;
		assert_int_equal(ui_learning_delete(ul, fx->st, &fx->err), 0);
		assert_true(ul->selected < ul->nitems);
	}
	assert_int_equal(ul->nitems, DEMO_NOTES);
	/* With the notes emptied where they were written, the list is empty. */
	for (size_t i = 0; i < ul->nnotes; i++) {
		const struct ui_learning_note *note = &ul->notes[i];
		int64_t case_id = 0;
		assert_int_equal(
		    store_case_by_ref(fx->st, fx->audit, note->case_ref, &case_id, &fx->err), 0);
		assert_int_equal(store_note_save(fx->st, case_id, note->agency,
						 ul->tpl->sections[note->section].id,
						 ul->tpl->prompts[note->prompt].id, "", &fx->err),
				 0);
	}
	assert_int_equal(ui_learning_load(ul, fx->st, fx->audit, &fx->err), 0);
	assert_int_equal(ul->nitems, 0);
	assert_int_equal(ul->selected, 0);
	assert_null(ui_learning_selected(ul));
	assert_int_equal(ui_learning_delete(ul, fx->st, &fx->err), MACA_EUSER);
	err_clear(&fx->err);
	assert_int_equal(ui_learning_delete_question(ul, &q, &fx->err), MACA_EUSER);
	assert_null(q);
	err_clear(&fx->err);
}

static void test_status_cycles(void **state)
{
	struct fixture *fx = *state;
	struct ui_learning *ul = &fx->ul;
	assert_int_equal(ui_learning_cycle_status(ul, fx->st, &fx->err), MACA_EUSER);
	err_clear(&fx->err);
	ul->selected = 4; /* action 1.1, in progress */
	const enum action_status expected[] = {ACTION_DONE, ACTION_CANNOT, ACTION_NOT_STARTED,
					       ACTION_IN_PROGRESS};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(ui_learning_cycle_status(ul, fx->st, &fx->err), 0);
		assert_int_equal(ul->selected, 4);
		assert_int_equal(ul->points[0].actions[0].status, expected[i]);
	}
	assert_string_equal(ui_learning_status_label(ACTION_CANNOT), "Cannot be done");
	struct history_row *rows;
	size_t n;
	assert_int_equal(store_history_list(fx->st, fx->audit, &rows, &n, &fx->err), 0);
	size_t notes = 0;
	for (size_t i = 0; i < n; i++)
		notes += rows[i].reason && strcmp(rows[i].field, "action-status") == 0 &&
			 strcmp(rows[i].reason, "changed in the learning screen") == 0;
	assert_int_equal(notes, 4);
	history_list_free(rows, n);
}

static void test_overdue(void **state)
{
	(void)state;
	struct action_row a = {.due_date = "2025-09-30", .status = ACTION_IN_PROGRESS};
	assert_true(ui_learning_overdue(&a, "2026-01-01"));
	assert_false(ui_learning_overdue(&a, "2025-09-30"));
	assert_false(ui_learning_overdue(&a, ""));
	a.status = ACTION_DONE;
	assert_false(ui_learning_overdue(&a, "2026-01-01"));
	a.status = ACTION_NOT_STARTED;
	a.due_date = "";
	assert_false(ui_learning_overdue(&a, "2026-01-01"));
}

static void test_forms_and_selection_after_saving(void **state)
{
	struct fixture *fx = *state;
	struct ui_learning *ul = &fx->ul;
	struct ui_learning_target t;
	assert_int_equal(ui_learning_target(ul, UI_LEARNING_ADD_ACTION, &t, &fx->err), MACA_EUSER);
	err_clear(&fx->err);
	assert_int_equal(ui_learning_target(ul, UI_LEARNING_EDIT, &t, &fx->err), 0);
	assert_int_equal(t.form, UI_LEARNING_GOOD_PRACTICE);
	assert_ptr_equal(t.good_practice, &ul->good_practice[0]);
	ul->selected = 7; /* action 2.1 */
	assert_int_equal(ui_learning_target(ul, UI_LEARNING_ADD_ACTION, &t, &fx->err), 0);
	assert_int_equal(t.lp_id, ul->points[1].id);
	assert_null(t.action);
	assert_int_equal(ui_learning_open_form(ul, fx->st, &fx->uf, UI_LEARNING_EDIT, &fx->err), 0);
	assert_int_equal(fx->uf.purpose, UI_FORM_EDIT_ACTION);

	assert_int_equal(
	    ui_learning_open_form(ul, fx->st, &fx->uf, UI_LEARNING_ADD_POINT, &fx->err), 0);
	assert_int_equal(fx->uf.purpose, UI_FORM_NEW_LEARNING_POINT);
	for (const char *p = "Early years voices"; *p; p++)
		ui_form_edit(&fx->uf, *p, &fx->err);
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err), UI_FORM_SAVED);
	assert_int_equal(
	    ui_learning_form_saved(ul, fx->st, fx->uf.purpose, fx->uf.saved_id, &fx->err), 0);
	assert_int_equal(ul->nitems, DEMO_ITEMS + 1);
	assert_int_equal(ul->selected, DEMO_LEARNING);
	assert_string_equal(ui_learning_selected_point(ul)->title, "Early years voices");
	assert_int_equal(ui_learning_selected_point(ul)->number, 4);
}

/* The value of a field of the open form. */
static char *form_value(struct ui_form *uf, const char *field)
{
	struct record rec = {0};
	assert_int_equal(formfill_record(uf->ff, &rec), FORMFILL_OK);
	const char *v = record_get(&rec, field);
	char *out = strdup(v ? v : "");
	record_free(&rec);
	return out;
}

/* An agency's note is taken up with one key: the form opens with its text, its case, its
 * agency and (for a learning point) its section; saving makes the item, the note stays. */
static void test_notes_taken_up(void **state)
{
	struct fixture *fx = *state;
	struct ui_learning *ul = &fx->ul;
	ul->selected = DEMO_LEARNING; /* the first note: good practice */
	const struct ui_learning_note *note = &ul->notes[0];
	char *text = strdup(note->text), *ref = strdup(note->case_ref);
	char *agency = strdup(note->agency);
	assert_int_equal(
	    ui_learning_open_form(ul, fx->st, &fx->uf, UI_LEARNING_ADD_GOOD_PRACTICE, &fx->err), 0);
	assert_int_equal(fx->uf.purpose, UI_FORM_NEW_GOOD_PRACTICE);
	char *v = form_value(&fx->uf, "text");
	assert_string_equal(v, text);
	free(v);
	v = form_value(&fx->uf, "cases");
	assert_string_equal(v, ref);
	free(v);
	v = form_value(&fx->uf, "agencies");
	assert_string_equal(v, agency);
	free(v);
	assert_int_equal(ui_form_act(&fx->uf, fx->st, UI_ACTION_SAVE, &fx->err), UI_FORM_SAVED);
	assert_int_equal(
	    ui_learning_form_saved(ul, fx->st, fx->uf.purpose, fx->uf.saved_id, &fx->err), 0);
	assert_int_equal(ul->ngood_practice, 4);
	assert_string_equal(ul->good_practice[3].text, text);
	assert_int_equal(ul->nnotes, DEMO_NOTES);
	ui_form_free(&fx->uf);

	ul->selected = ul->nitems - 1; /* a recommendation, as a learning point */
	assert_int_equal(
	    ui_learning_open_form(ul, fx->st, &fx->uf, UI_LEARNING_ADD_POINT, &fx->err), 0);
	assert_int_equal(fx->uf.purpose, UI_FORM_NEW_LEARNING_POINT);
	v = form_value(&fx->uf, "sections");
	assert_string_equal(v, ul->tpl->sections[ul->notes[DEMO_NOTES - 1].section].id);
	free(v);
	v = form_value(&fx->uf, "title");
	assert_string_equal(v, ""); /* the chair's words */
	free(v);
	/* Editing or deleting a note is refused: it is the agency's. */
	assert_int_equal(ui_learning_open_form(ul, fx->st, &fx->uf, UI_LEARNING_EDIT, &fx->err),
			 MACA_EUSER);
	err_clear(&fx->err);
	free(text);
	free(ref);
	free(agency);
}

static void test_closed_audit_is_locked(void **state)
{
	struct fixture *fx = *state;
	struct ui_learning *ul = &fx->ul;
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(fx->st, fx->audit, &cases, &n, &fx->err), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(store_case_set_moderated(fx->st, cases[i].id, true, &fx->err), 0);
	case_info_list_free(cases, n);
	assert_int_equal(store_audit_set_status(fx->st, fx->audit, AUDIT_CLOSED, NULL, &fx->err),
			 0);
	assert_int_equal(ui_learning_load(ul, fx->st, fx->audit, &fx->err), 0);
	assert_true(ul->closed);

	struct ui_learning_target t;
	assert_int_equal(ui_learning_target(ul, UI_LEARNING_ADD_POINT, &t, &fx->err), MACA_ELOCKED);
	assert_non_null(strstr(err_msg(&fx->err), "closed"));
	err_clear(&fx->err);
	assert_int_equal(ui_learning_target(ul, UI_LEARNING_EDIT, &t, &fx->err), MACA_ELOCKED);
	err_clear(&fx->err);
	assert_int_equal(ui_learning_delete(ul, fx->st, &fx->err), MACA_ELOCKED);
	err_clear(&fx->err);
	ul->selected = 8;
	assert_int_equal(ui_learning_move_point(ul, fx->st, -1, &fx->err), MACA_ELOCKED);
	err_clear(&fx->err);
	assert_int_equal(ul->points[2].number, 3);
	assert_int_equal(ul->nitems, DEMO_ITEMS);

	/* Follow-up: an action's status still changes, and its form still opens. */
	ul->selected = 9;
	assert_int_equal(ui_learning_cycle_status(ul, fx->st, &fx->err), 0);
	assert_int_equal(ul->points[2].actions[0].status, ACTION_DONE);
	assert_int_equal(ui_learning_target(ul, UI_LEARNING_EDIT, &t, &fx->err), 0);
	assert_ptr_equal(t.action, &ul->points[2].actions[0]);
	assert_int_equal(ui_learning_delete(ul, fx->st, &fx->err), MACA_ELOCKED);
	err_clear(&fx->err);
}

/* On a re-audit, b shows the earlier audit's points and actions below the list, read-only,
 * follows changes made there when the list is read again, and hides them again. */
static void test_earlier_learning_on_a_reaudit(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_LEARNING, 'b'), UI_ACTION_EARLIER_LEARNING);
	/* The demo audit re-audits none: refused with what to do. */
	assert_int_equal(ui_learning_toggle_earlier(&fx->ul, fx->st, &fx->err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&fx->err), "not a re-audit of an audit here"));
	assert_false(fx->ul.earlier.shown);
	err_clear(&fx->err);

	struct diag_list diags = {0};
	struct template *tpl = NULL;
	assert_int_equal(
	    template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl, &diags),
	    MACA_OK);
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)fx->audit);
	struct audit_new an = {.title = "Again", .tpl = tpl, .reaudit_of = ref};
	int64_t again = 0;
	assert_int_equal(store_audit_create(fx->st, &an, &again, &fx->err), MACA_OK);
	template_free(tpl);
	diag_list_free(&diags);

	struct ui_learning ul = {0};
	assert_int_equal(ui_learning_load(&ul, fx->st, again, &fx->err), MACA_OK);
	assert_int_equal(ul.nitems, 0);
	assert_int_equal(ui_learning_toggle_earlier(&ul, fx->st, &fx->err), MACA_OK);
	assert_true(ul.earlier.shown);
	assert_int_equal(ul.earlier.audit_id, fx->audit);
	const struct ui_learning *then = &fx->ul;
	size_t want = 1;
	for (size_t i = 0; i < then->npoints; i++)
		want += 1 + then->points[i].nactions;
	assert_int_equal(ul.earlier.nlines, want);
	struct audit_info info;
	assert_int_equal(store_audit_get(fx->st, fx->audit, &info, &fx->err), MACA_OK);
	char *line = str_fmt("Earlier audit %lld, %s: its learning (read-only)",
			     (long long)fx->audit, info.title);
	assert_string_equal(ul.earlier.lines[0], line);
	free(line);
	audit_info_free(&info);
	line = str_fmt("Learning Point 1: %s", then->points[0].title);
	assert_string_equal(ul.earlier.lines[1], line);
	free(line);
	const struct action_row *a = &then->points[0].actions[0];
	line = str_fmt("  1.1 %s: %s", a->what, ui_learning_status_label(a->status));
	assert_true(strncmp(ul.earlier.lines[2], line, strlen(line)) == 0);
	free(line);
	assert_non_null(strstr(ul.earlier.lines[2], ui_learning_agency_name(&ul, a->owner_agency)));

	/* Marked done on the earlier audit: reading the re-audit again shows it. */
	assert_int_equal(store_action_set_status(fx->st, a->id, ACTION_DONE, "Done", &fx->err),
			 MACA_OK);
	assert_int_equal(ui_learning_load(&ul, fx->st, again, &fx->err), MACA_OK);
	assert_true(ul.earlier.shown);
	line = str_fmt("  1.1 %s: Done", a->what);
	assert_true(strncmp(ul.earlier.lines[2], line, strlen(line)) == 0);
	assert_null(strstr(ul.earlier.lines[2], "OVERDUE"));
	free(line);

	/* b again hides it; another audit's list starts without it. */
	assert_int_equal(ui_learning_toggle_earlier(&ul, fx->st, &fx->err), MACA_OK);
	assert_false(ul.earlier.shown);
	assert_int_equal(ul.earlier.nlines, 0);
	assert_int_equal(ui_learning_toggle_earlier(&ul, fx->st, &fx->err), MACA_OK);
	assert_int_equal(ui_learning_load(&ul, fx->st, fx->audit, &fx->err), MACA_OK);
	assert_false(ul.earlier.shown);
	ui_learning_free(&ul);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_flat_list_order_and_moving),
	    T(test_moving_point_3_to_1_renumbers),
	    T(test_delete_keeps_selection_in_range),
	    T(test_status_cycles),
	    cmocka_unit_test(test_overdue),
	    T(test_forms_and_selection_after_saving),
	    T(test_notes_taken_up),
	    T(test_closed_audit_is_locked),
	    T(test_earlier_learning_on_a_reaudit),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
