/* The Briefing parts screen, reached from the audit's overview by e then p: parts shown and
 * left out, moved, headed, their text typed in place or taken from maca's suggestion, the
 * settings, the other layout, a text changed meanwhile by another maca, and a finding in a
 * part's text opening it. Keys in, state and database checked; no curses. */
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
	struct audit_new a = {
	    .title = "JTAI audit", .audit_date = "2024-10-15", .chair_agency = "police"};
	int rc = ui_fixture_audit(fx->st, &a, &fx->audit, &err);
	struct case_fields c = {.reference = "Child A"};
	int64_t id;
	struct good_practice_fields g = {.text = "Joint visits."};
	if (rc || store_case_add(fx->st, fx->audit, &c, &id, &err) ||
	    store_good_practice_add(fx->st, fx->audit, &g, &id, &err) ||
	    ui_init(&fx->ui, fx->st, &err))
		return -1;
	*state = fx;
	return 0;
}

/* From the audit list: Enter (the overview), e (the Briefing screen), p (its parts). */
static void open_parts(struct ui *ui)
{
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_OVERVIEW);
	ui_key(ui, 'e');
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	ui_key(ui, 'p');
	assert_int_equal(ui_screen(ui), UI_SCREEN_PARTS);
	assert_false(ui->status_is_error);
}

/* Selects a part's row with the arrow keys. */
static void go_to(struct ui *ui, enum briefing_part part)
{
	ui_key(ui, UI_KEY_HOME);
	for (int i = 0; i < UI_PARTS_ROWS; i++) {
		const struct briefing_part_state *p = ui_parts_selected(&ui->parts);
		if (p && p->part == part)
			return;
		ui_key(ui, UI_KEY_DOWN);
	}
	fail_msg("no row for %s", briefing_part_name(part));
}

static void test_take_edit_and_show(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_parts(ui);
	assert_null(strstr(ui->parts.text, "This audit reviewed"));
	go_to(ui, BRIEFING_SAMPLE);
	assert_string_equal(ui->parts.suggestion, "This audit reviewed one child's case file, and "
						  "the findings reflect this sample.");
	ui_key(ui, 't');
	assert_false(ui->status_is_error);
	assert_non_null(strstr(ui->parts.text, "\nThis audit reviewed one child's case file"));
	/* Edited in place: the end of the text, then Esc saves. */
	ui_key(ui, UI_KEY_ENTER);
	assert_true(ui_wants_text(ui));
	ui_type(ui, " (a sample of one)");
	ui_key(ui, UI_KEY_ESC);
	assert_false(ui_wants_text(ui));
	assert_int_equal(ui_screen(ui), UI_SCREEN_PARTS);
	assert_non_null(strstr(ui->parts.text, "reflect this sample. (a sample of one)"));
	/* Taking again asks before replacing the chair's text. */
	ui_key(ui, 't');
	assert_true(ui->prompt.active);
	ui_key(ui, UI_KEY_ESC);
	assert_non_null(strstr(ui->parts.text, "(a sample of one)"));
	/* Left out with Space, and back. */
	ui_key(ui, ' ');
	assert_null(strstr(ui->parts.text, "(a sample of one)"));
	ui_key(ui, ' ');
	assert_non_null(strstr(ui->parts.text, "(a sample of one)"));
	/* A part maca has no words for: t says so. */
	go_to(ui, BRIEFING_GOOD_PRACTICE);
	ui_key(ui, 't');
	assert_true(ui->status_is_error);
}

static void test_move_heading_settings_layout(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_parts(ui);
	go_to(ui, BRIEFING_GOOD_PRACTICE);
	ui_key(ui, 'K');
	ui_key(ui, 'K');
	assert_int_equal(ui->parts.parts.items[2].part, BRIEFING_GOOD_PRACTICE);
	assert_int_equal(ui_parts_selected(&ui->parts)->part, BRIEFING_GOOD_PRACTICE);
	/* The heading: H, erase, type, Enter. */
	ui_key(ui, 'H');
	for (int i = 0; i < 60; i++)
		ui_key(ui, UI_KEY_BACKSPACE);
	ui_type(ui, "What areas of good practice was highlighted?");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui_wants_text(ui));
	assert_non_null(strstr(ui->parts.text, "## What areas of good practice was "
					       "highlighted?\n\n- Joint visits."));
	/* A setting: the publication date, first row but two. */
	ui_key(ui, UI_KEY_HOME);
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, UI_KEY_ENTER);
	ui_type(ui, "2025-13");
	ui_key(ui, UI_KEY_ENTER);
	assert_true(ui->status_is_error); /* not a month: the editor stays open */
	assert_true(ui_wants_text(ui));
	ui_key(ui, UI_KEY_BACKSPACE);
	ui_key(ui, UI_KEY_BACKSPACE);
	ui_type(ui, "06");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui_wants_text(ui));
	assert_non_null(strstr(ui->parts.text, "# Briefing of our learning (June 2025)\n"));
	/* The template's resources: the row shows what it picks from, by number. */
	ui_key(ui, UI_KEY_END);
	ui_key(ui, UI_KEY_HOME);
	for (int i = 0; i < BRIEFING_SET_RESOURCES; i++)
		ui_key(ui, UI_KEY_DOWN);
	assert_non_null(ui->parts.choices);
	assert_non_null(strstr(ui->parts.choices, "\n2. Domestic Abuse Act 2021\n"));
	ui_key(ui, UI_KEY_ENTER);
	ui_type(ui, "none");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	assert_null(strstr(ui->parts.text, "Domestic Abuse Act 2021"));
	/* The other layout: its own order, numbered headings. */
	ui_key(ui, 'l');
	assert_true(ui->parts.seven_minute);
	assert_int_equal(ui->parts.parts.items[1].part, BRIEFING_WHY);
	/* Back on the Briefing screen, that layout is the one written. */
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	assert_true(ui->export.seven_minute);
	assert_non_null(strstr(ui->export.text, "(June 2025)"));
}

/* Another maca changed the text while it was being typed: nothing is overwritten, what was
 * typed stays in the editor, and saving again keeps it. */
static void test_text_changed_meanwhile(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_parts(ui);
	go_to(ui, BRIEFING_QUESTIONS);
	ui_key(ui, UI_KEY_ENTER);
	ui_type(ui, "Mine.");
	struct maca_err err = {0};
	assert_int_equal(briefing_part_set_text(fx->st, fx->audit, "standard", BRIEFING_QUESTIONS,
						"Theirs.", NULL, NULL, NULL, &err),
			 MACA_OK);
	ui_key(ui, UI_KEY_ESC);
	assert_true(ui->status_is_error);
	assert_non_null(strstr(ui->status, "changed meanwhile"));
	assert_true(ui_wants_text(ui));
	ui_key(ui, UI_KEY_ESC);
	assert_false(ui_wants_text(ui));
	struct briefing_parts p;
	assert_int_equal(briefing_parts_read(fx->st, fx->audit, "standard", &p, &err), MACA_OK);
	assert_string_equal(briefing_parts_find(&p, BRIEFING_QUESTIONS)->text, "Mine.");
	briefing_parts_free(&p);
}

/* A possible identifier in a part's text: Enter on the Briefing screen opens that part's
 * editor. */
static void test_finding_opens_the_part(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	struct maca_err err = {0};
	assert_int_equal(briefing_part_set_text(fx->st, fx->audit, "standard", BRIEFING_SAMPLE,
						"Ring 07700 900123.", NULL, NULL, NULL, &err),
			 MACA_OK);
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'e');
	assert_int_equal(ui->export.found.n, 1);
	ui_key(ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(ui), UI_SCREEN_PARTS);
	assert_int_equal(ui_parts_selected(&ui->parts)->part, BRIEFING_SAMPLE);
	assert_int_equal(ui->parts.editing, UI_PARTS_EDIT_TEXT);
	for (size_t i = 0; i < strlen("07700 900123."); i++)
		ui_key(ui, UI_KEY_BACKSPACE);
	ui_type(ui, "the duty desk.");
	ui_key(ui, UI_KEY_ESC);
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_EXPORT);
	assert_int_equal(ui->export.found.n, 0);
	assert_non_null(strstr(ui->export.text, "Ring the duty desk."));
}

/* What a published part's text looks like is said as it is typed. */
static void test_warning_while_typing(void **state)
{
	struct ui_fixture *fx = *state;
	struct ui *ui = &fx->ui;
	open_parts(ui);
	go_to(ui, BRIEFING_QUESTIONS);
	ui_key(ui, UI_KEY_ENTER);
	ui_type(ui, "Ring 07700 900123");
	assert_non_null(ui->status);
	assert_non_null(strstr(ui->status, "phone number"));
	ui_key(ui, UI_KEY_ESC);
}

/* A learning point without a title is named by the start of its text. */
static void test_untitled_point_named_by_its_text(void **state)
{
	struct ui_fixture *fx = *state;
	struct maca_err err = {0};
	struct learning_point_fields lp = {.text = "Not all safety plans are joined up."};
	int64_t id;
	assert_int_equal(store_learning_point_add(fx->st, fx->audit, &lp, &id, NULL, &err), 0);
	struct ui_learning *ul = &fx->ui.learning;
	assert_int_equal(ui_learning_load(ul, fx->st, fx->audit, &err), 0);
	assert_true(ui_learning_select(ul, UI_LEARNING_POINT, id));
	char *q = NULL;
	assert_int_equal(ui_learning_delete_question(ul, &q, &err), 0);
	assert_string_equal(q, "Delete learning point 1, \"Not all safety plans are joined up.\"?");
	free(q);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ui_fixture_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_take_edit_and_show),
	    T(test_move_heading_settings_layout),
	    T(test_text_changed_meanwhile),
	    T(test_finding_opens_the_part),
	    T(test_untitled_point_named_by_its_text),
	    T(test_warning_while_typing),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
