/* The interface for re-audits: "Re-audit of" on the new-audit form, and the "then and now"
 * screen reached from a re-audit's overview. Keys in, state checked; no curses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "ui_fixture.h"

static int setup(void **state)
{
	struct ui_fixture *fx = ui_fixture_in_memory();
	struct maca_err err = {0};
	if (!fx)
		return -1;
	struct audit_new a = {.title = "First look", .audit_date = "2025-03-01"};
	int rc = ui_fixture_audit(fx->st, &a, &fx->audit, &err);
	if (rc || ui_init(&fx->ui, fx->st, &err))
		return -1;
	*state = fx;
	return 0;
}

/* Creates "Second look" through the form, choosing the first audit under "Re-audit of". */
static void new_reaudit(struct ui *ui)
{
	ui_key(ui, 'a');
	assert_true(ui->pick.active);
	ui_key(ui, UI_KEY_ENTER); /* domestic-abuse sorts first */
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_type(ui, "Second look");
	for (int i = 0; i < 4; i++) /* template, theme, partnership, the agencies */
		ui_key(ui, UI_KEY_TAB);
	ui_key(ui, ' '); /* children's social care takes part */
	/* Last on the form, so that the fields people fill every time come first. */
	for (int i = 0; i < 4; i++) /* chair, date, background, it */
		ui_key(ui, UI_KEY_TAB);
	const struct form_field *f = formfill_field(ui->form.ff, formfill_current(ui->form.ff));
	assert_string_equal(f->id, "reaudit_of");
	assert_int_equal(formfill_choice_count(ui->form.ff, formfill_current(ui->form.ff)), 1);
	ui_key(ui, ' ');
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);
}

static void test_form_offers_earlier_audits(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	new_reaudit(ui);
	assert_int_equal(ui->home.naudits, 2);
	assert_string_equal(ui->home.audits[1].title, "Second look");
	assert_string_equal(ui->home.audits[1].reaudit_of, ui->home.audits[0].uuid);
	assert_string_equal(ui->home.audits[0].reaudit_of, "");
	/* The multi-agency template's form offers no domestic-abuse audit. */
	ui_key(ui, 'a');
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_string_equal(ui->form.tpl->id, "multi-agency-practice");
	assert_int_equal(ui->form.audits.n, 0);
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);
	/* Editing the re-audit keeps its link, shown by the earlier audit's title. */
	ui_key(ui, UI_KEY_END);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'E');
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_int_equal(ui->form.audits.n, 1);
	assert_string_equal(ui->form.audits.items[0].label, "First look");
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	assert_string_equal(ui->overview.info.reaudit_of, ui->home.audits[0].uuid);
}

static void test_then_and_now_screen(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	new_reaudit(ui);
	/* The first audit is no re-audit: C says so and stays. */
	ui_key(ui, UI_KEY_HOME);
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	ui_key(ui, 'C');
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "not a re-audit"));
	ui_key(ui, UI_KEY_ESC);
	ui_key(ui, UI_KEY_END);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'C');
	assert_int_equal(ui_screen(ui), UI_SCREEN_COMPARE);
	const struct ui_compare *uc = &ui->compare;
	assert_int_equal(uc->then_id, fx->audit);
	assert_true(uc->doc.n > 40);
	/* Laid out as a document: the heading without its #, the table without its bars. */
	assert_string_equal(uc->doc.lines[0].text, "Re-audit compared with the earlier audit");
	assert_int_equal(uc->doc.lines[0].style, UI_DOC_HEADING);
	bool grid = false, bars = false;
	for (size_t i = 0; i < uc->doc.n; i++) {
		grid = grid || strstr(uc->doc.lines[i].text, "Voice of the child") != NULL;
		bars = bars || strstr(uc->doc.lines[i].text, "| ---") != NULL;
	}
	assert_true(grid);
	assert_false(bars);
	ui_key(ui, UI_KEY_DOWN);
	assert_int_equal(uc->top, 1);
	ui_key(ui, UI_KEY_PAGE_DOWN);
	assert_int_equal(uc->top, 11);
	ui_key(ui, 'G');
	assert_int_equal(uc->top, uc->doc.n - 1);
	ui_key(ui, 'r'); /* read again, staying where it was */
	assert_int_equal(uc->top, uc->doc.n - 1);
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
}

static void test_briefing_comparison_toggle(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	new_reaudit(ui);
	ui_key(ui, UI_KEY_HOME);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	ui_key(ui, 'c'); /* the first audit re-audits none */
	assert_true(ui->status_is_error);
	assert_false(ui->export.with_comparison);
	assert_null(strstr(ui->export.text, "Then and now"));
	ui_key(ui, UI_KEY_ESC);
	ui_key(ui, UI_KEY_ESC);
	ui_key(ui, UI_KEY_END);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	ui_key(ui, 'c');
	assert_false(ui->status_is_error);
	assert_true(ui->export.with_comparison);
	assert_non_null(strstr(ui->export.text, "\n## Then and now: compared with the earlier "
						"audit\n\n- Then: First look (2025-03-01)"));
	ui_key(ui, 'l'); /* the other layout keeps it */
	assert_non_null(strstr(ui->export.text, ". Then and now\n"));
	ui_key(ui, 'c');
	assert_false(ui->export.with_comparison);
	assert_null(strstr(ui->export.text, "Then and now"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ui_fixture_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_form_offers_earlier_audits),
	    T(test_then_and_now_screen),
	    T(test_briefing_comparison_toggle),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
