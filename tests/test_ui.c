/* The interface's state and actions, without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sbuf.h"
#include "testutil.h"
#include "ui.h"
#include "ui_fixture.h"
#include "ui_editkeys.h"
#include "ui_find.h"

struct fixture {
	struct store *st;
	struct ui ui;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct maca_err err = {0};
	if (!fx || store_open(":memory:", &fx->st, &err) || ui_init(&fx->ui, fx->st, &err))
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	ui_free(&fx->ui);
	store_close(fx->st);
	free(fx);
	return 0;
}

/* A key that does nothing says so; the next key that does something and says nothing takes
 * the message away, so the status line never speaks of a key long gone. */
static void test_wrong_keys_say_so_and_messages_go(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	ui_key(ui, 'z');
	assert_true(ui->status_is_error);
	assert_string_equal(ui->status, "'z' does nothing here: ? lists this screen's keys");
	ui_key(ui, UI_KEY_BACKSPACE);
	assert_string_equal(ui->status, "Backspace does nothing here: ? lists this screen's keys");
	ui_key(ui, UI_KEY_DOWN); /* moves, says nothing */
	assert_null(ui->status);
	assert_int_equal(ui->overview.row, 1);
	/* A mouse's wheel where nothing takes it is no wrong key. */
	ui_key(ui, UI_KEY_WHEEL_UP);
	assert_null(ui->status);
	/* A letter of another script is named as typed. */
	ui_key(ui, 0xE9);
	assert_string_equal(ui->status, "'\xc3\xa9' does nothing here: ? lists this screen's keys");
	/* Back from help, what the last key said is not said again. */
	ui_key(ui, '?');
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	assert_null(ui_status_text(ui));
	/* A wrong key between the two q's that quit without an edit starts them again. */
	ui->quit_pending = true;
	ui_key(ui, 'z');
	assert_false(ui->quit_pending);
}

static void test_keymap_is_data(void **state)
{
	(void)state;
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HOME, 'q'), UI_ACTION_QUIT);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HOME, 'j'), UI_ACTION_DOWN);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HOME, UI_KEY_DOWN), UI_ACTION_DOWN);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HOME, UI_KEY_F1), UI_ACTION_HELP);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HOME, 'd'), UI_ACTION_DEMO);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HOME, UI_KEY_ENTER), UI_ACTION_OPEN);
	/* Enter means nothing on the overview yet, so it is not bound there. */
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_OVERVIEW, UI_KEY_ENTER), UI_ACTION_NONE);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HELP, 'd'), UI_ACTION_NONE);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_HOME, 'Z'), UI_ACTION_NONE);
	char buf[32];
	assert_string_equal(ui_key_name(UI_KEY_PAGE_DOWN, buf, sizeof buf), "PgDn");
	assert_string_equal(ui_key_name('?', buf, sizeof buf), "?");
	assert_string_equal(ui_key_name(3, buf, sizeof buf), "Ctrl-C");
	assert_string_equal(ui_action_name(UI_ACTION_DELETE_AUDIT), "delete-audit");
	/* Every bound action has help text. */
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		size_t n;
		const struct ui_binding *b = ui_keymap_screen((enum ui_screen)s, &n);
		for (size_t i = 0; i < n; i++)
			assert_true(strlen(ui_action_help(b[i].action)) > 0);
	}
}

static void test_empty_database_offers_the_demo(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(fx->ui.home.naudits, 0);
	assert_non_null(strstr(fx->ui.status, "SYNTHETIC demo"));
	ui_key(&fx->ui, 'j'); /* moving in an empty list is harmless */
	assert_int_equal(fx->ui.home.selected, 0);
}

static void test_demo_then_navigation(void **state)
{
	struct fixture *fx = *state;
	ui_key(&fx->ui, 'd');
	assert_false(fx->ui.status_is_error);
	/* A second demo, the same as the first but for its number, is asked for first. */
	ui_key(&fx->ui, 'd');
	assert_true(fx->ui.prompt.active);
	assert_non_null(strstr(fx->ui.prompt.question, "The demo is here already"));
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(fx->ui.home.naudits, 1);
	ui_key(&fx->ui, 'd');
	ui_type(&fx->ui, "y");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(fx->ui.home.naudits, 2);
	assert_int_equal(fx->ui.home.selected, 1); /* the new one is selected */
	assert_non_null(strstr(fx->ui.home.audits[0].title, "SYNTHETIC"));
	assert_int_equal(fx->ui.home.audits[0].ncases, 6);
	assert_true(fx->ui.home.expected[0] > fx->ui.home.audits[0].nanswers);
	assert_true(fx->ui.home.audits[0].nanswers > 0);
	ui_key(&fx->ui, UI_KEY_UP);
	assert_int_equal(fx->ui.home.selected, 0);
	ui_key(&fx->ui, UI_KEY_UP);
	assert_int_equal(fx->ui.home.selected, 0);
	ui_key(&fx->ui, 'G');
	assert_int_equal(fx->ui.home.selected, 1);
	ui_key(&fx->ui, 'g');
	assert_int_equal(fx->ui.home.selected, 0);
}

static void test_help_opens_over_the_screen_and_closes(void **state)
{
	struct fixture *fx = *state;
	ui_key(&fx->ui, '?');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_HELP);
	assert_int_equal(fx->ui.stack[fx->ui.depth - 2], UI_SCREEN_HOME);
	ui_key(&fx->ui, UI_KEY_F1); /* not stacked twice */
	assert_int_equal(fx->ui.depth, 2);
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_HOME);
	ui_key(&fx->ui, UI_KEY_ESC); /* Esc on the first screen stays there */
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_HOME);
	assert_false(fx->ui.quit);
	ui_key(&fx->ui, 'q');
	assert_true(fx->ui.quit);
}

static void test_delete_needs_the_exact_title(void **state)
{
	struct fixture *fx = *state;
	ui_key(&fx->ui, 'd');
	char *title = strdup(fx->ui.home.audits[0].title);
	ui_key(&fx->ui, 'D');
	assert_true(fx->ui.prompt.active);
	ui_type(&fx->ui, "SYNTHETIC");
	ui_key(&fx->ui, 'q'); /* in a prompt, q is text, not quit */
	assert_false(fx->ui.quit);
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.prompt.active);
	assert_true(fx->ui.status_is_error);
	assert_int_equal(fx->ui.home.naudits, 1);

	ui_key(&fx->ui, 'D');
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_false(fx->ui.prompt.active);
	assert_int_equal(fx->ui.home.naudits, 1);

	/* Typed as an ordinary keyboard types it: a hyphen for the em dash, spaces doubled,
	 * which confirms it; a different word still does not. */
	ui_key(&fx->ui, 'D');
	ui_type(&fx->ui, "SYNTHETIC  DEMO - Domestic abus audit");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_true(fx->ui.status_is_error);
	assert_int_equal(fx->ui.home.naudits, 1);
	ui_key(&fx->ui, 'D');
	ui_type(&fx->ui, " SYNTHETIC  DEMO - Domestic abuse audit ");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.status_is_error);
	assert_int_equal(fx->ui.home.naudits, 0);
	ui_key(&fx->ui, 'd');
	assert_int_equal(fx->ui.home.naudits, 1);

	ui_key(&fx->ui, 'D');
	/* The title is UTF-8 (an em dash); type it through the editor as code points. */
	struct editbuf *eb = fx->ui.prompt.edit;
	assert_int_equal(editbuf_insert_utf8(eb, title, strlen(title)), EDITBUF_OK);
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.status_is_error);
	assert_int_equal(fx->ui.home.naudits, 0);
	free(title);
}

/* Every case of the first audit marked moderated, then the audit closed, through the store. */
static void close_first_audit(struct fixture *fx)
{
	struct maca_err err = {0};
	int64_t audit = fx->ui.home.audits[0].id;
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(fx->st, audit, &cases, &n, &err), MACA_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(store_case_set_moderated(fx->st, cases[i].id, true, &err),
				 MACA_OK);
	case_info_list_free(cases, n);
	assert_int_equal(store_audit_set_status(fx->st, audit, AUDIT_CLOSED, NULL, &err), MACA_OK);
}

/* Typing the title of an audit the list shows as closed is the explicit request that deleting
 * a closed audit needs. */
static void test_delete_closed_audit_by_its_title(void **state)
{
	struct fixture *fx = *state;
	struct maca_err err = {0};
	ui_key(&fx->ui, 'd');
	close_first_audit(fx);
	assert_int_equal(ui_home_reload(&fx->ui, &err), MACA_OK);
	assert_int_equal(fx->ui.home.audits[0].status, AUDIT_CLOSED);
	char *title = strdup(fx->ui.home.audits[0].title);
	ui_key(&fx->ui, 'D');
	assert_int_equal(editbuf_insert_utf8(fx->ui.prompt.edit, title, strlen(title)), EDITBUF_OK);
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.status_is_error);
	assert_int_equal(fx->ui.home.naudits, 0);
	free(title);
}

/* An audit listed as open but closed since (by another maca): deleting it is refused. */
static void test_delete_refused_when_closed_since_listed(void **state)
{
	struct fixture *fx = *state;
	struct maca_err err = {0};
	ui_key(&fx->ui, 'd');
	assert_int_not_equal(fx->ui.home.audits[0].status, AUDIT_CLOSED);
	close_first_audit(fx); /* the list on screen still says it is open */
	char *title = strdup(fx->ui.home.audits[0].title);
	ui_key(&fx->ui, 'D');
	assert_int_equal(editbuf_insert_utf8(fx->ui.prompt.edit, title, strlen(title)), EDITBUF_OK);
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_true(fx->ui.status_is_error);
	assert_non_null(strstr(fx->ui.status, "closed"));
	struct audit_info *list;
	size_t n;
	assert_int_equal(store_audit_list(fx->st, &list, &n, &err), MACA_OK);
	assert_int_equal(n, 1); /* still there */
	audit_info_list_free(list, n);
	free(title);
}

static void test_overview_grid_from_the_demo(void **state)
{
	struct fixture *fx = *state;
	ui_key(&fx->ui, 'd');
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_OVERVIEW);
	const struct ui_overview *ov = &fx->ui.overview;
	assert_int_equal(ov->ncases, 6);
	assert_int_equal(ov->tpl->nsections, 9);
	assert_string_equal(ov->cases[0].reference, "Child A");
	assert_true(ov->answered > 0 && ov->answered < ov->expected);
	/* The demo agrees grades for some cells; every other cell counts agencies. */
	size_t agreed = 0, answered = 0;
	for (size_t r = 0; r < ov->ncases; r++)
		for (size_t c = 0; c < ov->tpl->nsections; c++) {
			const struct ui_cell *cell = ui_overview_cell(ov, r, c);
			agreed += cell->agreed >= 0;
			answered += cell->answered > 0;
			assert_true(cell->answered <= (int)ov->agencies.n);
		}
	assert_true(agreed > 0);
	assert_true(answered > agreed);
	/* Each cell counts the agencies with a value for some question of its section. */
	for (size_t r = 0; r < ov->ncases; r++) {
		struct answer_row *rows;
		size_t n;
		struct maca_err err = {0};
		assert_int_equal(store_case_answers(fx->ui.st, ov->cases[r].id, &rows, &n, &err),
				 0);
		for (size_t c = 0; c < ov->tpl->nsections; c++) {
			int want = 0;
			for (size_t a = 0; a < ov->agencies.n; a++) {
				bool any = false;
				for (size_t i = 0; i < n; i++) {
					const struct question *q =
					    template_question(ov->tpl, rows[i].question_id);
					any = any || (q && q->section == c && *rows[i].value &&
						      strcmp(rows[i].agency,
							     ov->agencies.items[a].id) == 0);
				}
				want += any;
			}
			assert_int_equal(ui_overview_cell(ov, r, c)->answered, want);
		}
		answer_rows_free(rows, n);
	}
	assert_null(ui_overview_cell(ov, 6, 0));
	assert_null(ui_overview_cell(ov, 0, 9));

	/* Movement stays on the grid. */
	ui_key(&fx->ui, UI_KEY_LEFT);
	ui_key(&fx->ui, UI_KEY_UP);
	assert_int_equal(ov->row, 0);
	assert_int_equal(ov->col, 0);
	ui_key(&fx->ui, 'G');
	assert_int_equal(ov->row, 5);
	assert_int_equal(ov->col, 8);
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_RIGHT);
	assert_int_equal(ov->row, 5);
	assert_int_equal(ov->col, 8);
	ui_key(&fx->ui, 'k');
	ui_key(&fx->ui, 'r'); /* a refresh keeps the selection */
	assert_int_equal(ov->row, 4);
	assert_int_equal(ov->col, 8);

	ui_key(&fx->ui, '?');
	assert_int_equal(fx->ui.stack[fx->ui.depth - 2], UI_SCREEN_OVERVIEW);
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_HOME);
}

static void test_new_audit_through_the_form(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui->default_partnership = "Synthetic Partnership";
	ui->default_chair = "police";
	ui_key(ui, 'a');
	assert_true(ui->pick.active);
	assert_true(ui->pick.items.n >= 2);
	ui_key(ui, UI_KEY_ENTER); /* domestic-abuse sorts first */
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	/* Saving with no title is refused, on the title field, and nothing is written. */
	ui_key(ui, UI_KEY_F2);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_true(ui->status_is_error);
	assert_non_null(formfill_problem(ui->form.ff, 0));
	ui_type(ui, "Audit of q and j"); /* q and j are text here, not quit or down */
	assert_false(ui->quit);
	/* Nobody takes part until the chair says who: the template lists every agency it knows,
	 * more than one audit needs, and counting them all would make every figure wrong. */
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_non_null(formfill_problem(ui->form.ff, 4));
	while (strcmp(formfill_field(ui->form.ff, formfill_current(ui->form.ff))->id, "agencies"))
		ui_key(ui, UI_KEY_TAB);
	ui_key(ui, ' '); /* children's social care */
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, ' '); /* police */
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);
	assert_int_equal(ui->home.naudits, 1);
	struct audit_info *a = &ui->home.audits[0];
	assert_string_equal(a->title, "Audit of q and j");
	assert_string_equal(a->partnership, "Synthetic Partnership");
	assert_string_equal(a->chair_agency, "police");
	assert_string_equal(a->template_id, "domestic-abuse");
	struct named_list agencies = {0};
	assert_int_equal(store_audit_agencies(ui->st, a->id, &agencies, &(struct maca_err){0}),
			 MACA_OK);
	assert_int_equal(agencies.n, 2);
	assert_string_equal(agencies.items[0].id, "csc");
	assert_string_equal(agencies.items[1].id, "police");
	named_list_free(&agencies);
	assert_int_equal(a->nagencies, 2);
}

static void test_cancel_asks_twice_when_changed(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, 'a');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, UI_KEY_ESC); /* unchanged: closes at once */
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);
	ui_key(ui, 'a');
	ui_key(ui, UI_KEY_ENTER);
	ui_type(ui, "Draft");
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_non_null(strstr(ui->status, "Esc again"));
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);
	assert_int_equal(ui->home.naudits, 0);
}

static void test_cases_add_edit_remove(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'c');
	assert_int_equal(ui_screen(ui), UI_SCREEN_CASES);
	assert_int_equal(ui->cases.ncases, 6);
	ui_key(ui, 'a');
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_type(ui, "Child G");
	ui_key(ui, UI_KEY_TAB);	 /* age band */
	ui_key(ui, UI_KEY_DOWN); /* second choice */
	ui_key(ui, ' ');
	ui_key(ui, UI_KEY_F2);
	assert_int_equal(ui_screen(ui), UI_SCREEN_CASES);
	assert_int_equal(ui->cases.ncases, 7);
	const struct case_info *g = &ui->cases.cases[ui->cases.selected];
	assert_string_equal(g->reference, "Child G");
	assert_string_equal(g->age_band, ui->cases.tpl->age_bands.items[1].id);

	/* A duplicate reference is the store's refusal, shown, with the form kept open. */
	ui_key(ui, 'a');
	ui_type(ui, "Child A");
	ui_key(ui, UI_KEY_F2);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "already has a case"));
	ui_key(ui, UI_KEY_ESC);
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_CASES);

	/* Edit keeps what is there and changes what is typed. */
	ui_key(ui, 'e');
	ui_key(ui, UI_KEY_END);
	ui_type(ui, "2");
	ui_key(ui, UI_KEY_CTRL_O);
	assert_string_equal(ui->cases.cases[ui->cases.selected].reference, "Child G2");
	assert_string_equal(ui->cases.cases[ui->cases.selected].age_band,
			    ui->cases.tpl->age_bands.items[1].id);

	ui_key(ui, 'x');
	assert_true(ui->prompt.active);
	ui_type(ui, "Child G2");
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui->cases.ncases, 6);
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	assert_int_equal(ui->overview.ncases, 6);
}

/* A letter in a list of choices goes to the choice it starts a word of; one that starts
 * none says so, and that complaint goes once a later key is taken (Tab, or a letter that
 * works), so the status line never speaks of a field left behind. */
static void test_form_choice_letters_and_their_complaint(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'c');
	ui_key(ui, 'a');
	ui_type(ui, "Child G");
	ui_key(ui, UI_KEY_TAB); /* age band */
	ui_key(ui, 'z');
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "starting with 'z'"));
	ui_key(ui, UI_KEY_TAB); /* the plan status */
	assert_null(ui->status);
	ui_key(ui, 'z');
	assert_non_null(ui->status);
	ui_key(ui, 'p'); /* Child protection */
	assert_null(ui->status);
	ui_key(ui, ' ');
	ui_key(ui, UI_KEY_F2);
	assert_int_equal(ui_screen(ui), UI_SCREEN_CASES);
	const struct case_info *g = &ui->cases.cases[ui->cases.selected];
	assert_string_equal(g->reference, "Child G");
	assert_string_equal(g->plan_status, "child-protection");

	/* A save's refusal is not a key's complaint: typing on leaves it shown. */
	ui_key(ui, 'a');
	ui_type(ui, "Child A");
	ui_key(ui, UI_KEY_F2);
	assert_non_null(strstr(ui->status, "already has a case"));
	ui_type(ui, "2");
	assert_non_null(strstr(ui->status, "already has a case"));
}

/* Opens moderation on the demo audit at a case and section. */
static void open_moderation(struct ui *ui, int case_down, int section_right)
{
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	for (int i = 0; i < case_down; i++)
		ui_key(ui, UI_KEY_DOWN);
	for (int i = 0; i < section_right; i++)
		ui_key(ui, UI_KEY_RIGHT);
	ui_key(ui, 'm');
	assert_int_equal(ui_screen(ui), UI_SCREEN_MODERATE);
}

static char *agreed_grade(struct ui *ui, size_t case_idx, const char *question)
{
	char *grade, *rationale;
	assert_int_equal(store_agreed_get(ui->st, ui->moderate.cases[case_idx].id, question, &grade,
					  &rationale, &(struct maca_err){0}),
			 MACA_OK);
	free(rationale);
	return grade;
}

static void test_moderation_agrees_grades_and_rationale(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_moderation(ui, 2, 1); /* Child C, section 2: nothing agreed yet */
	struct ui_moderate *um = &ui->moderate;
	assert_string_equal(um->cases[um->case_idx].reference, "Child C");
	assert_int_equal(um->section, 1);
	const char *q1 = um->tpl->questions[ui_moderate_qindex(um)].id;
	ui_key(ui, 'g'); /* a grade key wins over the vi key g */
	char *g = agreed_grade(ui, 2, q1);
	assert_string_equal(g, "good");
	free(g);
	ui_key(ui, UI_KEY_TAB);
	assert_true(um->editing);
	ui_type(ui, "Agreed after discussion; q and j are text here.");
	ui_key(ui, UI_KEY_ESC);
	assert_false(um->editing);
	assert_false(ui->quit);
	const struct agreed_row *row = ui_moderate_agreed(um, q1);
	assert_non_null(row);
	assert_string_equal(row->rationale, "Agreed after discussion; q and j are text here.");

	/* Moving on saves a changed rationale first. */
	ui_key(ui, UI_KEY_DOWN);
	const char *q2 = um->tpl->questions[ui_moderate_qindex(um)].id;
	ui_key(ui, 'r');
	ui_key(ui, UI_KEY_TAB);
	ui_type(ui, "Saved on quit");
	ui_key(ui, 'q'); /* text while editing */
	assert_true(um->editing);
	ui_flush(ui); /* what a signal does before maca ends */
	ui_key(ui, UI_KEY_TAB);
	ui_key(ui, 'q');
	assert_true(ui->quit);
	char *grade, *rationale;
	assert_int_equal(store_agreed_get(ui->st, um->cases[2].id, q2, &grade, &rationale,
					  &(struct maca_err){0}),
			 MACA_OK);
	assert_string_equal(grade, "requires-improvement");
	assert_string_equal(rationale, "Saved on quitq");
	free(grade);
	free(rationale);
}

static void test_moderated_case_needs_a_reason(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_moderation(ui, 0, 0); /* Child A is moderated in the demo */
	struct ui_moderate *um = &ui->moderate;
	assert_true(um->cases[0].moderated);
	const char *q = um->tpl->questions[ui_moderate_qindex(um)].id;
	char *before = agreed_grade(ui, 0, q);
	ui_key(ui, 'i');
	assert_true(ui->prompt.active);
	ui_key(ui, UI_KEY_ENTER); /* no reason: nothing changes */
	char *still = agreed_grade(ui, 0, q);
	assert_string_equal(still, before);
	ui_key(ui, 'i');
	ui_type(ui, "New information from health");
	ui_key(ui, UI_KEY_ENTER);
	char *after = agreed_grade(ui, 0, q);
	assert_string_equal(after, "inadequate");
	struct history_row *rows;
	size_t n;
	assert_int_equal(store_history_list(ui->st, um->audit_id, &rows, &n, &(struct maca_err){0}),
			 MACA_OK);
	assert_string_equal(rows[n - 1].field, "agreed");
	assert_string_equal(rows[n - 1].reason, "New information from health");
	history_list_free(rows, n);
	free(before);
	free(still);
	free(after);
}

static void test_close_when_all_moderated_and_reopen_with_reason(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_moderation(ui, 0, 0);
	struct ui_moderate *um = &ui->moderate;
	/* Five cases are not moderated: refused at once, before close is asked for, in words
	 * that say what closing needs and what is missing. */
	ui_key(ui, '!');
	assert_false(ui->prompt.active);
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "once every case is marked moderated"));
	assert_non_null(strstr(ui->status, "5 of 6 are not yet"));
	assert_int_equal(um->status, AUDIT_DRAFT);
	/* Unagreed questions are said, and marking the case anyway is confirmed. */
	for (size_t c = 1; c < um->ncases; c++) {
		ui_key(ui, ']');
		ui_key(ui, '+');
		assert_true(ui->prompt.active);
		assert_non_null(strstr(ui->prompt.question, "moderated with "));
		assert_non_null(strstr(ui->prompt.question, " not agreed ("));
		ui_key(ui, 'y');
		ui_key(ui, UI_KEY_ENTER);
	}
	assert_non_null(strstr(ui->status, "6 of 6 cases moderated"));
	ui_key(ui, '!');
	assert_non_null(strstr(ui->prompt.question, "Close the audit with "));
	assert_non_null(strstr(ui->prompt.question, " not agreed (Child A "));
	ui_type(ui, "close");
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(um->status, AUDIT_CLOSED);
	/* Locked: grading is refused with the store's message. */
	ui_key(ui, '[');
	ui_key(ui, '+');
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "closed"));
	ui_key(ui, '!');
	ui_key(ui, UI_KEY_ENTER); /* a reason is needed */
	assert_int_equal(um->status, AUDIT_CLOSED);
	ui_key(ui, '!');
	ui_type(ui, "Late return from probation");
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(um->status, AUDIT_MODERATION);
}

/* ~ on a case with no summary says so, and where a summary is written; the choice to show
 * summaries still holds for the cases that have one. */
static void test_summary_toggle_says_when_there_is_none(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_moderation(ui, 2, 0); /* Child C: the demo's cases have no summary */
	struct ui_moderate *um = &ui->moderate;
	assert_string_equal(um->cases[um->case_idx].summary, "");
	ui_key(ui, '~');
	assert_true(um->show_summary);
	assert_non_null(strstr(ui->status, "Child C has no summary to show"));
	assert_non_null(strstr(ui->status, "c on the overview lists the cases, and e there"));
	ui_key(ui, '~');
	assert_false(um->show_summary);
	assert_string_equal(ui->status, "The case summary is hidden");
}

static void test_export_previews_and_writes_the_briefing(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	char *dir = tu_tempdir();
	assert_non_null(dir);
	ui->publish.export_dir = dir;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	struct ui_export *ue = &ui->export;
	assert_false(ue->seven_minute);
	assert_true(ue->doc.n > 20);
	assert_non_null(strstr(ue->text, "Learning Point 1"));
	assert_int_equal(ue->found.n, 0); /* the demo holds no identifiers */
	assert_non_null(strstr(ue->path, dir));
	ui_key(ui, 'l');
	assert_true(ue->seven_minute);
	assert_non_null(strstr(ue->path, "-7min.md"));
	ui_key(ui, 'l');
	ui_key(ui, UI_KEY_PAGE_DOWN);
	assert_int_equal(ue->top, 10);

	/* w asks where, offering the folder and the name; Enter takes them. */
	ui_key(ui, 'w');
	assert_true(ui->prompt.active);
	char *offered = editbuf_text(ui->prompt.edit, NULL);
	assert_string_equal(offered, ue->path);
	free(offered);
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	assert_non_null(strstr(ui->status, ue->path)); /* it says where it wrote */
	size_t len;
	char *written = tu_read(ue->path, &len);
	assert_non_null(written);
	assert_string_equal(written, ue->text);
	free(written);
	struct stat sb;
	assert_int_equal(stat(ue->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* Writing again asks before replacing the file. */
	ui_key(ui, 'w');
	ui_key(ui, UI_KEY_ENTER);
	assert_true(ui->prompt.active);
	ui_type(ui, "overwrite");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	assert_non_null(strstr(ui->status, "Wrote"));

	/* Another place: a folder takes the name offered; "~/" is home; a folder that is not
	 * there is refused, nothing written. */
	char *other = str_fmt("%s/other", dir);
	assert_int_equal(mkdir(other, 0700), 0);
	ui_key(ui, 'w');
	for (int i = 0; i < 300; i++)
		ui_key(ui, UI_KEY_BACKSPACE);
	ui_type(ui, other);
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	assert_non_null(strstr(ue->path, "/other/briefing-"));
	assert_int_equal(stat(ue->path, &sb), 0);
	/* Written there, the briefing is offered there from then on, through a change of
	 * layout (which names the file afresh) too. */
	ui_key(ui, 'l');
	assert_non_null(strstr(ue->path, "/other/briefing-"));
	assert_non_null(strstr(ue->path, "-7min.md"));
	ui_key(ui, 'l');
	ui_key(ui, UI_KEY_ESC); /* and when the briefing is opened again */
	ui_key(ui, 'e');
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	assert_non_null(strstr(ue->path, "/other/briefing-"));
	ui_key(ui, 'w');
	for (int i = 0; i < 300; i++)
		ui_key(ui, UI_KEY_BACKSPACE);
	char *missing = str_fmt("%s/missing/b.md", dir);
	ui_type(ui, missing);
	ui_key(ui, UI_KEY_ENTER);
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "There is no folder"));
	free(missing);
	free(other);
	tu_remove_tree(dir);
	free(dir);
}

/* The interface makes the briefing as `maca export briefing` does: with the configuration's
 * small-count threshold and further information, in every format the command line writes. */
static void test_export_as_the_command_line_does(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	char *dir = tu_tempdir();
	assert_non_null(dir);
	struct partnership_info pages = {.website = "https://www.example.org/scp",
					 .website_title = "SCP website",
					 .newsletter = "",
					 .newsletter_title = "",
					 .contact = ""};
	ui->publish.export_dir = dir;
	ui->publish.partnership_info = &pages;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	struct ui_export *ue = &ui->export;
	/* The default threshold: the demo's small counts read "fewer than 3". */
	assert_non_null(strstr(ue->text, "fewer than 3"));
	assert_non_null(strstr(ue->text, "[SCP website](https://www.example.org/scp)"));
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);

	/* small_count = 0 in maca.ini (no suppression), as the command line passes it. */
	ui->publish.small_count = -1;
	ui_key(ui, 'e');
	assert_null(strstr(ue->text, "fewer than"));
	assert_non_null(strstr(ue->text, "Drugs and alcohol (2 cases)"));
	/* The Briefing parts screen's preview too. */
	ui_key(ui, 'p');
	assert_int_equal(ui_screen(ui), UI_SCREEN_PARTS);
	assert_non_null(strstr(ui->parts.text, "Drugs and alcohol (2 cases)"));
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);

	/* f steps through the formats; w writes each. */
	static const struct {
		const char *ext, *magic;
	} want[] = {{".docx", "PK"}, {".html", "<!DOCTYPE html>"}, {".pdf", "%PDF-"}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		ui_key(ui, 'f');
		assert_false(ui->status_is_error);
		size_t n = strlen(ue->path), e = strlen(want[i].ext);
		assert_true(n > e);
		assert_string_equal(ue->path + n - e, want[i].ext);
		ui_key(ui, 'w');
		ui_key(ui, UI_KEY_ENTER);
		assert_false(ui->status_is_error);
		assert_non_null(strstr(ui->status, "Wrote the"));
		size_t len;
		char *written = tu_read(ue->path, &len);
		assert_non_null(written);
		assert_true(len > strlen(want[i].magic));
		assert_memory_equal(written, want[i].magic, strlen(want[i].magic));
		free(written);
		struct stat sb;
		assert_int_equal(stat(ue->path, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
	}
	ui_key(ui, 'f');
	assert_string_equal(ue->path + strlen(ue->path) - 3, ".md");
	ui->publish.partnership_info = NULL;
	tu_remove_tree(dir);
	free(dir);
}

/* Without export_dir the folder offered is the documented default, made when first used. */
static void test_export_default_folder(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	char *home = tu_tempdir();
	char *saved = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char *docs = getenv("XDG_DOCUMENTS_DIR") ? strdup(getenv("XDG_DOCUMENTS_DIR")) : NULL;
	setenv("HOME", home, 1);
	unsetenv("XDG_DOCUMENTS_DIR");
	ui->publish.export_dir = NULL;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	char *want = str_fmt("%s/Documents/maca/briefing-", home);
	assert_non_null(strstr(ui->export.path, want));
	ui_key(ui, 'w');
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	struct stat sb;
	assert_int_equal(stat(ui->export.path, &sb), 0);
	char *folder = str_fmt("%s/Documents/maca", home);
	assert_int_equal(stat(folder, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(folder);
	free(want);
	if (saved)
		setenv("HOME", saved, 1);
	if (docs)
		setenv("XDG_DOCUMENTS_DIR", docs, 1);
	free(saved);
	free(docs);
	tu_remove_tree(home);
	free(home);
}

/* A finding is fixed or accepted with a reason, never waved through: w refuses while one is
 * open; a asks why and keeps it with the chair's name; a again takes it back. */
static void test_export_refuses_identifiers_until_accepted(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	char *dir = tu_tempdir();
	ui->publish.export_dir = dir;
	assert_int_equal(store_set_origin(fx->st, "Jo Chair", "keyboard", &(struct maca_err){0}),
			 MACA_OK);
	ui_key(ui, 'd');
	int64_t audit = ui->home.audits[0].id;
	struct good_practice_fields g = {.text = "Contact the mother on 07700 900123 first."};
	int64_t id;
	assert_int_equal(store_good_practice_add(fx->st, audit, &g, &id, &(struct maca_err){0}),
			 MACA_OK);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	struct ui_export *ue = &ui->export;
	assert_int_equal(ue->found.n, 1);
	assert_int_equal(ue->decided.open, 1);
	ui_key(ui, 'w');
	assert_false(ui->prompt.active); /* nothing to type past it */
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "1 possible identifier is open"));
	struct stat sb;
	assert_int_not_equal(stat(ue->path, &sb), 0);

	/* No reason, no acceptance. */
	ui_key(ui, 'a');
	assert_true(ui->prompt.active);
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ue->decided.open, 1);
	ui_key(ui, 'a');
	ui_type(ui, "   ");
	ui_key(ui, UI_KEY_ENTER);
	assert_true(ui->status_is_error);
	assert_int_equal(ue->decided.open, 1);
	ui_key(ui, 'a');
	ui_type(ui, "The family centre's public number");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	assert_int_equal(ue->decided.open, 0);
	assert_true(ue->decided.items[0].accepted);
	assert_string_equal(ue->decided.items[0].acceptance.author, "Jo Chair");
	struct history_row *rows;
	size_t n;
	assert_int_equal(store_history_list(fx->st, audit, &rows, &n, &(struct maca_err){0}),
			 MACA_OK);
	assert_string_equal(rows[n - 1].field, "disclosure-accepted");
	assert_string_equal(rows[n - 1].new_value, "07700 900123");
	assert_string_equal(rows[n - 1].reason, "The family centre's public number");
	assert_string_equal(rows[n - 1].author, "Jo Chair");
	assert_string_equal(rows[n - 1].source, "keyboard");
	history_list_free(rows, n);
	ui_key(ui, 'w');
	ui_key(ui, UI_KEY_ENTER); /* the place offered */
	assert_false(ui->status_is_error);
	assert_int_equal(stat(ue->path, &sb), 0);

	/* Taken back: open again, and the file cannot be written over. */
	ui_key(ui, 'a');
	assert_true(ui->prompt.active);
	ui_type(ui, "withdraw");
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ue->decided.open, 1);
	ui_key(ui, 'w');
	assert_true(ui->status_is_error);
	assert_false(ui->prompt.active);
	tu_remove_tree(dir);
	free(dir);
}

/* The demo audit, with good practice that holds a phone number for the identifier check to
 * find; its id. */
static int64_t demo_with_a_phone_number(struct fixture *fx)
{
	ui_key(&fx->ui, 'd');
	int64_t audit = fx->ui.home.audits[0].id;
	struct good_practice_fields g = {.text = "Ring 07700 900123."};
	int64_t id;
	assert_int_equal(store_good_practice_add(fx->st, audit, &g, &id, &(struct maca_err){0}),
			 MACA_OK);
	return audit;
}

static void test_export_takes_the_chair_to_each_finding(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	int64_t audit = demo_with_a_phone_number(fx);
	struct case_fields c = {.reference = "Jayden Smith"};
	int64_t case_id;
	assert_int_equal(store_case_add(fx->st, audit, &c, &case_id, &(struct maca_err){0}),
			 MACA_OK);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	assert_int_equal(ui->export.found.n, 2);
	assert_int_equal(ui->export.found.items[0].place, DISCLOSURE_IN_CASE);
	assert_int_equal(ui->export.found.items[0].place_id, case_id);
	assert_int_equal(ui->export.found.items[1].place, DISCLOSURE_IN_GOOD_PRACTICE);

	/* The case: its form opens; a pseudonym fixes it; back on the briefing, one is left. */
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	for (int i = 0; i < 12; i++)
		ui_key(ui, UI_KEY_BACKSPACE);
	ui_type(ui, "Child G");
	/* Saved, the form comes back to the briefing (not the Cases screen it was opened
	 * through), saying what it saved. */
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	assert_false(ui->status_is_error);
	assert_non_null(ui->status);
	assert_int_equal(ui->export.found.n, 1);
	assert_int_equal(ui->depth, 3);

	/* The good practice item: the learning screen with its form open. */
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	for (int i = 0; i < 20; i++)
		ui_key(ui, UI_KEY_BACKSPACE);
	ui_type(ui, "Ring the duty desk.");
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	assert_int_equal(ui->export.found.n, 0);
	assert_int_equal(ui->depth, 3);
}

/* A briefing that cannot be opened (its audit is gone) leaves nothing of it behind, whichever
 * step failed. */
static void test_export_open_fails_cleanly(void **state)
{
	struct fixture *fx = *state;
	struct ui_export ue = {0};
	struct ui_export_config cfg = {.export_dir = "/tmp"};
	struct maca_err err = {0};
	assert_int_not_equal(ui_export_open(&ue, fx->st, 999, &cfg, &err), MACA_OK);
	assert_null(ue.folder);
	assert_int_equal(ue.audit_id, 0);
	err_clear(&err);
	ui_export_free(&ue);
}

/* The number learning point id of audit has in the database now (0: none). */
static int point_number(struct fixture *fx, int64_t audit, int64_t id)
{
	struct learning_point_row *lps;
	size_t n;
	int number = 0;
	assert_int_equal(store_learning_points(fx->st, audit, &lps, &n, &(struct maca_err){0}),
			 MACA_OK);
	for (size_t i = 0; i < n; i++)
		if (lps[i].id == id)
			number = lps[i].number;
	learning_point_rows_free(lps, n);
	return number;
}

/* u undoes only what the screen shows: a learning point moved in one audit is not moved back
 * by u on another audit's Learning screen. */
static void select_audit(struct ui *ui, int64_t id)
{
	for (size_t i = 0; i < ui->home.naudits; i++)
		if (ui->home.audits[i].id == id)
			ui->home.selected = i;
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui->overview.info.id, id);
}

static void test_undo_stays_with_its_audit(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	struct audit_new a = {.title = "Another audit", .audit_date = "2025-01-10"};
	int64_t other;
	struct maca_err err = {0};
	ui_fixture_ok(ui_fixture_audit(fx->st, &a, &other, &err), &err);
	ui_key(ui, 'd'); /* the demo, and the list read again */
	int64_t demo = 0;
	for (size_t i = 0; i < ui->home.naudits; i++)
		if (ui->home.audits[i].id != other)
			demo = ui->home.audits[i].id;
	select_audit(ui, demo);
	ui_key(ui, 'L');
	int64_t point = ui->learning.points[0].id;
	ui_learning_select(&ui->learning, UI_LEARNING_POINT, point);
	ui_key(ui, 'J');
	assert_int_equal(point_number(fx, demo, point), 2);
	ui_key(ui, UI_KEY_ESC);
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);

	select_audit(ui, other);
	ui_key(ui, 'L');
	assert_int_equal(ui_screen(ui), UI_SCREEN_LEARNING);
	ui_key(ui, 'u');
	assert_int_equal(point_number(fx, demo, point), 2);
	assert_non_null(strstr(ui->status, "Nothing to undo"));

	/* Back on the demo's Learning, a new change there is undone as ever. */
	ui_key(ui, UI_KEY_ESC);
	ui_key(ui, UI_KEY_ESC);
	select_audit(ui, demo);
	ui_key(ui, 'L');
	ui_learning_select(&ui->learning, UI_LEARNING_POINT, point);
	ui_key(ui, 'K');
	assert_int_equal(point_number(fx, demo, point), 1);
	ui_key(ui, 'u');
	assert_int_equal(point_number(fx, demo, point), 2);
}

/* A learning point's move cannot go back once points were deleted and its old place is gone:
 * u says so in words and forgets it, rather than repeating the store's range for good. */
/* Creates the demo audit from the home screen and opens its overview; its id. */
static int64_t open_demo(struct ui *ui)
{
	ui_key(ui, 'd');
	int64_t audit = ui->home.audits[0].id;
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	return audit;
}

static void test_undo_of_a_move_whose_place_is_gone(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	int64_t audit = open_demo(ui);
	ui_key(ui, 'L');
	assert_true(ui->learning.npoints >= 3);
	int64_t last = ui->learning.points[ui->learning.npoints - 1].id;
	int was = point_number(fx, audit, last);
	ui_learning_select(&ui->learning, UI_LEARNING_POINT, last);
	ui_key(ui, 'K'); /* up one */
	assert_int_equal(point_number(fx, audit, last), was - 1);
	/* Another maca deletes the first point: the last place is gone. */
	ui_fixture_ok(
	    store_learning_point_delete(fx->st, ui->learning.points[0].id, &(struct maca_err){0}),
	    &(struct maca_err){0});
	ui_key(ui, 'u');
	assert_non_null(strstr(ui->status, "Cannot be undone"));
	assert_non_null(strstr(ui->status, "learning points were deleted"));
	ui_key(ui, 'u');
	assert_non_null(strstr(ui->status, "Nothing to undo"));
}

/* Learning opened from the briefing's list of findings undoes as it does from the overview:
 * a learning point moved there is moved back by u. */
static void test_learning_from_the_briefing_undoes(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	int64_t audit = demo_with_a_phone_number(fx);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	ui_key(ui, UI_KEY_ENTER); /* the finding: learning, with the item's form */
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_key(ui, UI_KEY_ESC); /* unchanged: closes at once */
	assert_int_equal(ui_screen(ui), UI_SCREEN_LEARNING);

	int64_t first = ui->learning.points[0].id;
	ui_learning_select(&ui->learning, UI_LEARNING_POINT, first);
	ui_key(ui, 'J');
	assert_int_equal(point_number(fx, audit, first), 2);
	ui_key(ui, 'u');
	assert_int_equal(point_number(fx, audit, first), 1);
	assert_non_null(strstr(ui->status, "Undone"));
}

/* The status an action of audit has in the database now (-1: there is no such action). */
static int action_status_now(struct fixture *fx, int64_t audit, int64_t id)
{
	struct learning_point_row *lps;
	size_t n;
	int status = -1;
	assert_int_equal(store_learning_points(fx->st, audit, &lps, &n, &(struct maca_err){0}),
			 MACA_OK);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < lps[i].nactions; j++)
			if (lps[i].actions[j].id == id)
				status = (int)lps[i].actions[j].status;
	learning_point_rows_free(lps, n);
	return status;
}

/* An undo whose record was deleted since (the tester's: an action's status changed, then its
 * learning point deleted) says so in the user's words, once, and is forgotten: the next u
 * undoes the change before it, where it used to repeat "no action 6" for ever. */
static void test_undo_of_something_deleted_goes_on(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	int64_t audit = open_demo(ui);
	ui_key(ui, 'L');
	assert_int_equal(ui_screen(ui), UI_SCREEN_LEARNING);
	/* The change before: learning point 1 moved down. */
	int64_t first = ui->learning.points[0].id;
	ui_learning_select(&ui->learning, UI_LEARNING_POINT, first);
	ui_key(ui, 'J');
	assert_int_equal(point_number(fx, audit, first), 2);
	/* Learning point 3's first action: s s u leaves one status change to undo. */
	const struct learning_point_row *lp = &ui->learning.points[2];
	int64_t lp3 = lp->id, action = lp->actions[0].id;
	char *gone = str_fmt("Cannot be undone: the status of action %d.%d, as the action was "
			     "deleted since; u undoes the change before",
			     lp->number, lp->actions[0].position);
	assert_non_null(gone);
	ui_learning_select(&ui->learning, UI_LEARNING_ACTION, action);
	ui_key(ui, 's');
	ui_key(ui, 's');
	ui_key(ui, 'u');
	assert_false(ui->status_is_error);
	ui_learning_select(&ui->learning, UI_LEARNING_POINT, lp3);
	ui_key(ui, 'x');
	assert_true(ui->prompt.active);
	ui_type(ui, "y");
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(action_status_now(fx, audit, action), -1);

	ui_key(ui, 'u');
	assert_true(ui->status_is_error);
	assert_string_equal(ui->status, gone);
	free(gone);
	assert_int_equal(point_number(fx, audit, first), 2);
	ui_key(ui, 'u'); /* the change before */
	assert_false(ui->status_is_error);
	assert_int_equal(point_number(fx, audit, first), 1);
	assert_non_null(strstr(ui->status, "Undone: the place of learning point \""));
	ui_key(ui, 'u');
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "Nothing to undo"));
}

/* The moderated mark undone is named as the mark, not as the question on screen; and when
 * the case is removed, each of its changes says once that it cannot be undone. */
static void test_undo_names_the_moderated_mark(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, 'm');
	assert_int_equal(ui_screen(ui), UI_SCREEN_MODERATE);
	const struct case_info *c = &ui->moderate.cases[ui->moderate.case_idx];
	assert_string_equal(c->reference, "Child C");
	int64_t child_c = c->id;
	for (int round = 0; round < 2; round++) {
		ui_key(ui, 'i'); /* Inadequate */
		ui_key(ui, '+');
		if (ui->prompt.active) { /* questions still unagreed: confirmed */
			ui_type(ui, "y");
			ui_key(ui, UI_KEY_ENTER);
		}
		assert_true(ui->moderate.cases[ui->moderate.case_idx].moderated);
		if (round)
			break;
		ui_key(ui, 'u');
		assert_false(ui->status_is_error);
		assert_string_equal(
		    ui->status, "Undone: the MODERATED mark on Child C (the history keeps both)");
		assert_false(ui->moderate.cases[ui->moderate.case_idx].moderated);
		ui_key(ui, 'u');
		assert_string_equal(
		    ui->status, "Undone: Child C: section 1, question 1 (the history keeps both)");
		/* Taking the mark off is named so too. */
		ui_key(ui, '+');
		if (ui->prompt.active) {
			ui_type(ui, "y");
			ui_key(ui, UI_KEY_ENTER);
		}
		ui_key(ui, '+');
		ui_key(ui, 'u');
		assert_string_equal(
		    ui->status,
		    "Undone: the MODERATED mark taken off Child C (the history keeps both)");
		ui_key(ui, 'u');
		assert_false(ui->moderate.cases[ui->moderate.case_idx].moderated);
	}
	/* The case removed (as from Cases), moderation opened again. */
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	struct maca_err err = {0};
	assert_int_equal(store_case_remove(fx->st, child_c, &err), MACA_OK);
	ui_key(ui, 'm');
	assert_int_equal(ui_screen(ui), UI_SCREEN_MODERATE);
	ui_key(ui, 'u');
	assert_true(ui->status_is_error);
	assert_string_equal(ui->status, "Cannot be undone: the MODERATED mark on Child C, as its "
					"case was removed since; u undoes the change before");
	ui_key(ui, 'u');
	assert_string_equal(ui->status, "Cannot be undone: Child C: section 1, question 1, as its "
					"case was removed since");
	ui_key(ui, 'u');
	assert_non_null(strstr(ui->status, "Nothing to undo"));
}

/* A one-line field longer than the screen is one row drawn scrolled sideways: Home and End
 * go to the ends of its text and Up and Down leave it, not rows of a wrapping never shown
 * (Home in a long title went to the middle of it). */
static void test_one_line_fields_are_one_row(void **state)
{
	(void)state;
	const char *title = "The coordinators visit then the plan was reviewed: more than twenty";
	struct editbuf *eb = editbuf_new(title, 0, EDITBUF_SINGLE_LINE);
	assert_non_null(eb);
	editbuf_text_end(eb);
	assert_int_equal(ui_edit_key(eb, UI_KEY_HOME, 20, 5, false), UI_EDIT_DONE);
	assert_int_equal(editbuf_cursor(eb), 0);
	assert_int_equal(ui_edit_key(eb, UI_KEY_END, 20, 5, false), UI_EDIT_DONE);
	assert_int_equal(editbuf_cursor(eb), strlen(title));
	assert_int_equal(ui_edit_key(eb, UI_KEY_UP, 20, 5, false), UI_EDIT_AT_TOP);
	assert_int_equal(ui_edit_key(eb, UI_KEY_DOWN, 20, 5, false), UI_EDIT_AT_BOTTOM);
	assert_int_equal(editbuf_cursor(eb), strlen(title));
	/* The same text in a multi-line editor of 20 columns wraps, and Home is its row's. */
	struct editbuf *ml = editbuf_new(title, 0, EDITBUF_MULTI_LINE);
	assert_non_null(ml);
	editbuf_text_end(ml);
	assert_int_equal(ui_edit_key(ml, UI_KEY_HOME, 20, 5, true), UI_EDIT_DONE);
	assert_true(editbuf_cursor(ml) > 0);
	editbuf_free(ml);
	editbuf_free(eb);
}

static void test_edit_keys_behave_alike_everywhere(void **state)
{
	(void)state;
	struct editbuf *eb = editbuf_new("ab\ncd", 0, EDITBUF_MULTI_LINE);
	assert_non_null(eb);
	editbuf_text_start(eb);
	assert_int_equal(ui_edit_key(eb, UI_KEY_UP, 20, 5, true), UI_EDIT_AT_TOP);
	assert_int_equal(ui_edit_key(eb, UI_KEY_DOWN, 20, 5, true), UI_EDIT_DONE);
	assert_int_equal(ui_edit_key(eb, UI_KEY_DOWN, 20, 5, true), UI_EDIT_AT_BOTTOM);
	assert_int_equal(ui_edit_key(eb, UI_KEY_HOME, 20, 5, true), UI_EDIT_DONE);
	assert_int_equal(ui_edit_key(eb, UI_KEY_BACKSPACE, 20, 5, true), UI_EDIT_DONE);
	assert_int_equal(ui_edit_key(eb, 0x00F4, 20, 5, true), UI_EDIT_DONE); /* ô */
	assert_int_equal(ui_edit_key(eb, UI_KEY_ENTER, 20, 5, false), UI_EDIT_ENTER);
	assert_int_equal(ui_edit_key(eb, UI_KEY_F2, 20, 5, true), UI_EDIT_IGNORED);
	char *text = editbuf_text(eb, NULL);
	assert_string_equal(text, "ab\xc3\xb4"
				  "cd"); /* lines joined, then ô typed */
	free(text);
	editbuf_free(eb);
}

static void test_audit_details_edited_from_overview_and_briefing(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	int64_t audit = open_demo(ui);
	/* From the overview: E opens the audit form on the audit's details. */
	ui_key(ui, 'E');
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_int_equal(ui->form.purpose, UI_FORM_EDIT_AUDIT);
	size_t len;
	char *title = editbuf_text(formfill_editbuf(ui->form.ff, 0), &len);
	assert_non_null(strstr(title, "SYNTHETIC DEMO"));
	free(title);
	ui_key(ui, UI_KEY_END);
	ui_type(ui, " (contact a.b@example.org)");
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	assert_non_null(strstr(ui->overview.info.title, "example.org"));

	/* The briefing finds the e-mail address in the title and takes the chair back there. */
	ui_key(ui, 'e');
	assert_int_equal(ui->export.found.n, 1);
	assert_int_equal(ui->export.found.items[0].place, DISCLOSURE_IN_AUDIT);
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui->form.purpose, UI_FORM_EDIT_AUDIT);
	for (int i = 0; i < 26; i++)
		ui_key(ui, UI_KEY_BACKSPACE);
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	assert_int_equal(ui->export.found.n, 0);
	struct history_row *rows;
	size_t n;
	assert_int_equal(store_history_list(fx->st, audit, &rows, &n, &(struct maca_err){0}),
			 MACA_OK);
	assert_string_equal(rows[n - 1].field, "audit-title");
	assert_null(strstr(rows[n - 1].new_value, "example.org"));
	history_list_free(rows, n);
}

/* Issue 17, item 3: q in help closes help; Ctrl-C quits as q does but asks over a changed form,
 * and only an answer to that question closes it. */
static void test_nothing_discarded_without_asking(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, '?');
	assert_int_equal(ui_screen(ui), UI_SCREEN_HELP);
	ui_key(ui, 'q');
	assert_false(ui->quit);
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'c');
	ui_key(ui, 'a');
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_key(ui, UI_KEY_CTRL_C); /* nothing typed yet: quits */
	assert_true(ui->quit);
	ui->quit = false;
	ui_type(ui, "Child Q"); /* q is text in a form */
	assert_false(ui->quit);
	assert_true(ui_unsaved(ui));
	ui_key(ui, UI_KEY_CTRL_C);
	assert_false(ui->quit);
	assert_true(ui->pick.active);
	ui_key(ui, UI_KEY_ENTER); /* the default keeps editing */
	assert_false(ui->quit);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_key(ui, UI_KEY_CTRL_C);
	ui_key(ui, UI_KEY_CTRL_C); /* a second Ctrl-C closes the question, as Esc */
	assert_false(ui->pick.active);
	assert_false(ui->quit);
	assert_true(ui_unsaved(ui));
	ui_act(ui, UI_ACTION_QUIT);
	ui_key(ui, UI_KEY_UP);
	ui_key(ui, UI_KEY_UP);
	ui_key(ui, UI_KEY_ENTER); /* save, then quit */
	assert_true(ui->quit);
	int64_t id;
	struct maca_err err = {0};
	assert_int_equal(store_case_by_ref(fx->st, ui->cases.audit_id, "Child Q", &id, &err), 0);
	assert_true(id > 0);
}

/* A typed confirmation is compared as an ordinary keyboard types it: dashes, quotes,
 * ellipses and runs of spaces; everything else, case too, must be as asked. */
static void test_typed_confirmation(void **state)
{
	(void)state;
	assert_true(ui_find_typed("SYNTHETIC DEMO \u2014 Domestic abuse audit",
				  "SYNTHETIC DEMO - Domestic abuse audit"));
	assert_true(ui_find_typed("A \u2013 B", "  A\t-   B "));
	assert_true(
	    ui_find_typed("Children\u2019s \u201cplans\u201d\u2026", "Children's \"plans\"..."));
	assert_true(ui_find_typed("no\u00a0break", "no break"));
	assert_true(ui_find_typed("close", "close"));
	assert_false(ui_find_typed("close", "Close"));
	assert_false(ui_find_typed("A - B", "A-B")); /* a space is not nothing */
	assert_false(ui_find_typed("A - B", "A _ B"));
	assert_false(ui_find_typed("yes", ""));
	assert_true(ui_find_typed("", "   ")); /* nothing asked, nothing typed */
}

/* Issue 17, item 7: / finds in the list on screen, n and N look again either way (wrapping),
 * a case reference typed whole reaches that case, and case is ignored the Unicode way. */
static void test_find(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	assert_true(ui_find_match("Zoë's SCHOOL", "zoË"));
	assert_false(ui_find_match("Zoe", "zoë"));
	assert_true(ui_find_same("Child A", "  child a "));
	assert_false(ui_find_same("Child AB", "child a"));
	size_t sel = 2;
	assert_false(ui_list_select(&sel, 5, 5)); /* nothing found: the selection stays */
	assert_int_equal(sel, 2);
	assert_true(ui_list_select(&sel, 5, 4));
	assert_int_equal(sel, 4);
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, '/');
	assert_true(ui->prompt.active);
	ui_type(ui, "child e");
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui->overview.row, 4);
	ui_key(ui, 'n'); /* "child e" again: only one, so it stays */
	assert_int_equal(ui->overview.row, 4);
	ui_key(ui, '/');
	ui_type(ui, "CHILD");
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui->overview.row, 5);
	ui_key(ui, 'n'); /* wraps round to the first */
	assert_int_equal(ui->overview.row, 0);
	ui_key(ui, 'N');
	ui_key(ui, 'N');
	assert_int_equal(ui->overview.row, 4);
	ui_key(ui, '/');
	ui_type(ui, "nobody");
	ui_key(ui, UI_KEY_ENTER);
	assert_true(ui->status_is_error);
	assert_int_equal(ui->overview.row, 4);
	ui_key(ui, '/');
	ui_key(ui, UI_KEY_ENTER); /* Enter alone: the last again */
	assert_non_null(strstr(ui->status, "nobody"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keymap_is_data),
	    T(test_wrong_keys_say_so_and_messages_go),
	    T(test_nothing_discarded_without_asking),
	    T(test_find),
	    cmocka_unit_test(test_typed_confirmation),
	    cmocka_unit_test(test_one_line_fields_are_one_row),
	    cmocka_unit_test(test_edit_keys_behave_alike_everywhere),
	    T(test_empty_database_offers_the_demo),
	    T(test_demo_then_navigation),
	    T(test_help_opens_over_the_screen_and_closes),
	    T(test_delete_needs_the_exact_title),
	    T(test_delete_closed_audit_by_its_title),
	    T(test_delete_refused_when_closed_since_listed),
	    T(test_overview_grid_from_the_demo),
	    T(test_new_audit_through_the_form),
	    T(test_cancel_asks_twice_when_changed),
	    T(test_cases_add_edit_remove),
	    T(test_form_choice_letters_and_their_complaint),
	    T(test_moderation_agrees_grades_and_rationale),
	    T(test_moderated_case_needs_a_reason),
	    T(test_close_when_all_moderated_and_reopen_with_reason),
	    T(test_summary_toggle_says_when_there_is_none),
	    T(test_export_previews_and_writes_the_briefing),
	    T(test_export_default_folder),
	    T(test_export_as_the_command_line_does),
	    T(test_export_refuses_identifiers_until_accepted),
	    T(test_export_takes_the_chair_to_each_finding),
	    T(test_learning_from_the_briefing_undoes),
	    T(test_undo_stays_with_its_audit),
	    T(test_undo_of_a_move_whose_place_is_gone),
	    T(test_undo_of_something_deleted_goes_on),
	    T(test_undo_names_the_moderated_mark),
	    T(test_export_open_fails_cleanly),
	    T(test_audit_details_edited_from_overview_and_briefing),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
