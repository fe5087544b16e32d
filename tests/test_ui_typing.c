/* The warning while typing: in a field that a published document carries (or a rationale),
 * the status line says what the text looks like as soon as it matches an identifier, and
 * clears when it no longer does; the audit's own words (its partnership, agencies, template,
 * the configured resources) do not warn; fields never published, and other messages, are
 * left alone. SYNTHETIC names throughout. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "disclosure_gate.h"
#include "template.h"
#include "ui.h"
#include "ui_fixture.h"

static const struct resource helpline = {.title = "Tobias Quill Helpline 0300 999 1234", .url = ""};

static int setup(void **state)
{
	struct ui_fixture *fx = ui_fixture_in_memory();
	struct maca_err err = {0};
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (!fx || template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl,
				      &diags) != 0)
		return -1;
	diag_list_free(&diags);
	struct audit_new a = {.title = "Typing audit",
			      .partnership = "Ellen Marwood Safeguarding Partnership",
			      .tpl = tpl};
	struct case_fields c = {.reference = "Child A"};
	int64_t case_id;
	if (store_audit_create(fx->st, &a, &fx->audit, &err) ||
	    store_case_add(fx->st, fx->audit, &c, &case_id, &err) || ui_init(&fx->ui, fx->st, &err))
		return -1;
	template_free(tpl);
	fx->ui.publish.resources = &helpline;
	fx->ui.publish.nresources = 1;
	if (ui_home_reload(&fx->ui, &err))
		return -1;
	*state = fx;
	return 0;
}

static void backspace(struct ui *ui, int n)
{
	for (int i = 0; i < n; i++)
		ui_key(ui, UI_KEY_BACKSPACE);
}

static void expect_warning(struct ui *ui, const char *want)
{
	if (!ui->status || strcmp(ui->status, want) != 0)
		fail_msg("status \"%s\", want \"%s\"", ui->status ? ui->status : "(none)", want);
	assert_true(ui->status_is_error);
}

static void expect_no_warning(struct ui *ui)
{
	if (ui->status && strstr(ui->status, "Looks like"))
		fail_msg("status \"%s\", want no warning", ui->status);
}

/* The audit's Learning screen, with the good practice form open. */
static void open_good_practice_form(struct ui *ui)
{
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	ui_key(ui, 'L');
	assert_int_equal(ui_screen(ui), UI_SCREEN_LEARNING);
	ui_key(ui, 'p');
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
}

static void test_warns_as_typed_and_clears(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_good_practice_form(ui);
	ui_type(ui, "The health visitor rang 07700 900");
	expect_no_warning(ui);
	ui_type(ui, "456");
	expect_warning(ui, "Looks like a phone number: 07700 900456");
	/* Moving the cursor changes nothing; deleting the number clears it. */
	ui_key(ui, UI_KEY_LEFT);
	expect_warning(ui, "Looks like a phone number: 07700 900456");
	ui_key(ui, UI_KEY_RIGHT);
	backspace(ui, 4);
	assert_null(ui->status);
	/* The audit's own words do not warn; a name beside them does, the one nearest the
	 * cursor first. */
	ui_type(ui,
		"; the Ellen Marwood Safeguarding Partnership and the Tobias Quill Helpline met");
	expect_no_warning(ui);
	ui_type(ui, " mother Sarah");
	expect_warning(ui, "Looks like a personal name: Sarah");
	ui_type(ui, " at 12 Acacia Road");
	expect_warning(ui, "Looks like an address: 12 Acacia Road (and 1 more)");
	/* Into a field no published document carries (the agencies it names): no warning. */
	ui_key(ui, UI_KEY_TAB);
	expect_no_warning(ui);
	ui_key(ui, UI_KEY_BACKTAB);
	expect_warning(ui, "Looks like an address: 12 Acacia Road (and 1 more)");
	/* A message of its own is left alone while the text does not change. */
	ui_set_status(ui, false, "Something else");
	ui_key(ui, UI_KEY_LEFT);
	assert_string_equal(ui->status, "Something else");
}

/* Pasted in one burst: checked once, whole. */
static void test_paste_is_checked_whole(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_good_practice_form(ui);
	const wchar_t *paste = L"NHS No. 485 777 3456 was on the referral.";
	ui_text(ui, paste, wcslen(paste));
	expect_warning(ui, "Looks like an NHS number: 485 777 3456");
}

/* The rationale for an agreed grade warns too. */
static void test_rationale_warns(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'm');
	assert_int_equal(ui_screen(ui), UI_SCREEN_MODERATE);
	ui_key(ui, UI_KEY_TAB);
	assert_true(ui->moderate.editing);
	ui_type(ui, "Agreed after DOB 03/04/2015 was checked");
	expect_warning(ui, "Looks like a date: 03/04/2015");
	ui_key(ui, UI_KEY_ESC);
	assert_false(ui->moderate.editing);
	expect_no_warning(ui);
}

/* What was accepted for publishing in the record's field does not warn when the record is
 * edited; new text beside it does. */
static void test_accepted_text_does_not_warn(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	struct maca_err err = {0};
	struct good_practice_fields g = {.text = "The duty line 0300 123 4567 answered."};
	int64_t id;
	assert_int_equal(store_good_practice_add(fx->st, fx->audit, &g, &id, &err), MACA_OK);
	struct disclosure_list found = {0};
	assert_int_equal(disclosure_gate_audit(fx->st, fx->audit, &helpline, 1, &found, &err),
			 MACA_OK);
	assert_int_equal(found.n, 1);
	assert_int_equal(
	    disclosure_gate_accept(fx->st, &found.items[0], "The council's duty line", &err),
	    MACA_OK);
	disclosure_list_free(&found);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'L');
	ui_key(ui, 'e'); /* the good practice, the first item */
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_type(ui, " Ask");
	expect_no_warning(ui);
	ui_type(ui, " for Mrs Patel.");
	expect_warning(ui, "Looks like a personal name: Mrs Patel");
}

/* The audit's details: its own partnership's name never warns (the check never flags it);
 * its title does. */
static void test_audit_details(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'E');
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_type(ui, " for Jayden Smith");
	expect_warning(ui, "Looks like a personal name: Jayden Smith");
	ui_key(ui, UI_KEY_TAB); /* theme */
	expect_no_warning(ui);
	ui_key(ui, UI_KEY_TAB); /* partnership */
	ui_type(ui, " of Ellen Marwood");
	expect_no_warning(ui);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ui_fixture_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_warns_as_typed_and_clears),
	    T(test_paste_is_checked_whole),
	    T(test_rationale_warns),
	    T(test_accepted_text_does_not_warn),
	    T(test_audit_details),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
