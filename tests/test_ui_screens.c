/* Screens as tables of hooks: every screen is one table (title, keys, hooks), footers come
 * from the same bindings as help, the prompt and the pick carry the hook their opener gave,
 * scrolling is one module, and the views keep their scroll in the ui, where this test reaches
 * it after drawing on a terminal made on /dev/null. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui.h"
#include "ui.h"
#include "ui_find.h"
#include "ui_fixture.h"
#include "ui_footer.h"
#include "ui_lines.h"
#include "ui_screen.h"
#include "ui_view.h"

struct fixture {
	struct store *st;
	struct ui ui;
	FILE *out, *in;
	SCREEN *term;
	/* What the hooks under test were given. */
	int confirmed, refused, picked;
	char answer[64];
};

static struct fixture *current;

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct maca_err err = {0};
	if (!fx || store_open(":memory:", &fx->st, &err) || ui_init(&fx->ui, fx->st, &err))
		return -1;
	current = fx;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	if (fx->term) {
		endwin();
		delscreen(fx->term);
		fclose(fx->out);
		fclose(fx->in);
	}
	ui_free(&fx->ui);
	store_close(fx->st);
	free(fx);
	return 0;
}

/* A terminal of rows x cols on /dev/null, as maca-bench makes. */
static void term_open(struct fixture *fx, int rows, int cols)
{
	fx->out = fopen("/dev/null", "w");
	fx->in = fopen("/dev/null", "r");
	assert_non_null(fx->out);
	assert_non_null(fx->in);
	fx->term = newterm("xterm-256color", fx->out, fx->in);
	assert_non_null(fx->term);
	set_term(fx->term);
	resizeterm(rows, cols);
}

/* Columns of footer text (every character in it is one column). */
static int columns(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Issue 17, item 1: on any screen a key moves or changes data, never both. Each screen's keys
 * are listed once; where letters set values, the only letters the screen binds are the ones
 * templates may not use (so no grade key can collide with them), and the list letters do not
 * apply there; q, u and h are reserved in either case. */
static void test_keys_move_or_change_never_both(void **state)
{
	struct fixture *fx = *state;
	ui_key(&fx->ui, 'd');
	ui_key(&fx->ui, UI_KEY_ENTER);
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		const struct ui_screen_ops *ops = ui_ops(&fx->ui, (enum ui_screen)s);
		struct ui_binding *all;
		size_t n = ui_screen_bindings(&fx->ui, (enum ui_screen)s, &all);
		assert_non_null(all);
		for (size_t i = 0; i < n; i++) {
			for (size_t j = i + 1; j < n; j++)
				assert_int_not_equal(all[i].key, all[j].key);
			bool letter = all[i].key > 0 && all[i].key < 0x80 && isalnum(all[i].key);
			if (ops->values && letter && all[i].action != UI_ACTION_SET_VALUE) {
				if (!template_key_reserved(all[i].key))
					fail_msg("%s binds '%c', which a grade may use", ops->title,
						 all[i].key);
			}
		}
		free(all);
		for (const char *k = "jkgG"; ops->values && *k; k++)
			assert_int_equal(ui_screen_lookup(ops, *k), UI_ACTION_NONE);
	}
	for (const char *k = "quhQUH"; *k; k++)
		assert_true(template_key_reserved(*k));
	/* The shipped templates' keys and a RAG scale's are all free. */
	for (const char *k = "ogrinakGK1"; *k; k++)
		assert_false(template_key_reserved(*k));
}

static void test_every_screen_is_one_table(void **state)
{
	struct fixture *fx = *state;
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		const struct ui_screen_ops *ops = ui_ops(&fx->ui, (enum ui_screen)s);
		assert_non_null(ops->title);
		assert_string_equal(ops->title, ui_screen_title((enum ui_screen)s));
		size_t n;
		assert_ptr_equal(ui_keymap_screen((enum ui_screen)s, &n), ops->keys);
		assert_int_equal(n, ops->nkeys);
		assert_non_null(ops->act);
		/* Its footer, made from its bindings, fits an 80-column window and keeps help. */
		fx->ui.stack[1] = (enum ui_screen)s;
		fx->ui.depth = 2;
		char *footer = ui_footer(&fx->ui, 78);
		assert_non_null(footer);
		assert_true(columns(footer) <= 78);
		if (s == UI_SCREEN_HELP)
			assert_null(strstr(footer, "? help"));
		else
			assert_non_null(strstr(footer, "help"));
		free(footer);
		/* Wide enough for everything, it says each thing once ("Esc back" not twice). */
		footer = ui_footer(&fx->ui, 400);
		assert_non_null(footer);
		for (const char *p = footer; *p;) {
			const char *end = strstr(p, "  ");
			size_t len = end ? (size_t)(end - p) : strlen(p);
			char *item = strndup(p, len);
			assert_non_null(item);
			const char *again = strstr(p + len, item);
			if (again)
				print_error("%s: '%s' twice in '%s'\n", ops->title, item, footer);
			free(item);
			assert_null(again);
			p += len;
			while (*p == ' ')
				p++;
		}
		free(footer);
	}
	fx->ui.depth = 1;
}

static void test_footers_come_from_the_bindings(void **state)
{
	struct fixture *fx = *state;
	char *f = ui_footer(&fx->ui, 78);
	assert_string_equal(f, "Enter open  a new  d demo  i import  t actions  D delete  ? help  "
			       "q quit");
	free(f);
	/* Narrow: the screen's last keys give way, help never does. */
	f = ui_footer(&fx->ui, 30);
	assert_string_equal(f, "Enter open  a new  ? help");
	free(f);
	ui_key(&fx->ui, 'd');
	ui_key(&fx->ui, UI_KEY_ENTER);
	ui_key(&fx->ui, 'c');
	f = ui_footer(&fx->ui, 78);
	assert_string_equal(
	    f, "a add  Enter/e edit  x remove  / find  h history  Esc back  ? help  q quit");
	free(f);
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, 'a');
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	f = ui_footer(&fx->ui, 78);
	/* The grade keys lead, from the template; no letter there moves. */
	assert_non_null(strstr(f, "o/g/r/i/n grade  Tab edit  Enter list  \u2191\u2193 question  "
				  "PgUp/PgDn section  ? help"));
	free(f);
	/* A prompt has nothing to choose from a list: Enter is not offered there. */
	ui_key(&fx->ui, UI_KEY_END);
	f = ui_footer(&fx->ui, 200);
	assert_null(strstr(f, "Enter list"));
	assert_non_null(strstr(f, "Tab edit"));
	free(f);
	ui_key(&fx->ui, UI_KEY_HOME);
	f = ui_footer(&fx->ui, 200);
	assert_non_null(strstr(f, "Enter list"));
	free(f);
	/* Typing: the editor's keys, and the keys that leave it. */
	ui_key(&fx->ui, UI_KEY_TAB);
	f = ui_footer(&fx->ui, 78);
	assert_string_equal(f, "Type to edit  Enter new line  ^A/^E line  ^W/^U/^K delete  Esc/Tab "
			       "done");
	free(f);
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, UI_KEY_ESC);
	/* The briefing offers its findings' keys only when there are findings. */
	ui_key(&fx->ui, 'e');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_EXPORT);
	f = ui_footer(&fx->ui, 200);
	assert_true((strstr(f, "Tab next finding") != NULL) == (fx->ui.export.found.n > 0));
	assert_non_null(strstr(f, "w write  l layout"));
	free(f);
}

static void test_footer_items_merge_by_word(void **state)
{
	(void)state;
	static const struct ui_binding keys[] = {
	    {'a', UI_ACTION_ADD_LEARNING_POINT, "add", NULL},
	    {'p', UI_ACTION_ADD_GOOD_PRACTICE, "add", NULL},
	    {'[', UI_ACTION_PREV_CASE, "case", NULL},
	    {']', UI_ACTION_NEXT_CASE, "case", NULL},
	    {UI_KEY_LEFT, UI_ACTION_LEFT, "section", NULL},
	    {UI_KEY_RIGHT, UI_ACTION_RIGHT, "section", NULL},
	    {'e', UI_ACTION_EDIT_LEARNING, NULL, NULL},
	    {UI_KEY_CTRL_O, UI_ACTION_SAVE, "save", NULL},
	};
	struct ui_footer f = {.lead = "grade key agree", .keys = keys, .nkeys = 8};
	char *text = ui_footer_text(&f, 200);
	assert_string_equal(text,
			    "grade key agree  a/p add  [ ] case  \u2190\u2192 section  ^O save");
	free(text);
}

static void confirmed(struct ui *ui, const char *answer, size_t len)
{
	(void)ui;
	current->confirmed++;
	snprintf(current->answer, sizeof current->answer, "%.*s", (int)len, answer);
}

static void refused(struct ui *ui)
{
	(void)ui;
	current->refused++;
}

static void picked(struct ui *ui, const char *id)
{
	(void)ui;
	current->picked++;
	snprintf(current->answer, sizeof current->answer, "%s", id);
}

static void test_the_prompt_carries_its_openers_hook(void **state)
{
	struct fixture *fx = *state;
	ui_prompt_open(&fx->ui, confirmed, refused, "yes", "Type yes:", "Go on?");
	assert_true(fx->ui.prompt.active);
	ui_type(&fx->ui, "yes");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.prompt.active);
	assert_int_equal(fx->confirmed, 1);
	assert_string_equal(fx->answer, "yes");
	ui_prompt_open(&fx->ui, confirmed, refused, "yes", "Type yes:", "Go on?");
	ui_type(&fx->ui, "no");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(fx->confirmed, 1);
	assert_int_equal(fx->refused, 1);
	/* No refusal hook: the status says nothing was changed. */
	ui_prompt_open(&fx->ui, confirmed, NULL, NULL, "Why:", "Say why");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(fx->confirmed, 1);
	assert_true(fx->ui.status_is_error);
	assert_non_null(strstr(fx->ui.status, "nothing was changed"));
	/* Esc: neither hook. */
	ui_prompt_open(&fx->ui, confirmed, refused, NULL, "Why:", "Say why");
	ui_type(&fx->ui, "because");
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(fx->confirmed + fx->refused, 2);
	assert_string_equal(fx->ui.status, "Cancelled");
}

static void test_the_pick_carries_its_openers_hook(void **state)
{
	struct fixture *fx = *state;
	assert_true(ui_pick_open(&fx->ui, picked, "Which %s?", "one"));
	bool ok = named_add(&fx->ui.pick.items, "first", "First") &&
		  named_add(&fx->ui.pick.items, "second", "Second");
	ui_pick_show(&fx->ui, ok, "nothing to pick");
	assert_true(fx->ui.pick.active);
	assert_string_equal(fx->ui.pick.title, "Which one?");
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.pick.active);
	assert_int_equal(fx->picked, 1);
	assert_string_equal(fx->answer, "second");
	/* Nothing to pick: closed at once, saying so. */
	assert_true(ui_pick_open(&fx->ui, picked, "Which?"));
	ui_pick_show(&fx->ui, true, "nothing to pick");
	assert_false(fx->ui.pick.active);
	assert_string_equal(fx->ui.status, "nothing to pick");
}

static void test_scrolling_is_one_module(void **state)
{
	(void)state;
	/* Follow: as little movement as keeps the selection in view. */
	size_t top = 0;
	assert_int_equal(ui_view_follow(&top, 9, 20, NULL, 5), 5);
	assert_int_equal(ui_view_follow(&top, 7, 20, NULL, 5), 5); /* still in view */
	assert_int_equal(ui_view_follow(&top, 2, 20, NULL, 5), 2);
	top = 30; /* the list shrank under it */
	assert_int_equal(ui_view_follow(&top, 1, 4, NULL, 5), 0);
	/* Items of several rows: the selected one whole. */
	const int heights[] = {3, 3, 3, 3};
	top = 0;
	assert_int_equal(ui_view_follow(&top, 3, 4, heights, 7), 2);
	assert_int_equal(ui_view_first(3, 2), 2);
	/* An editor's view leaves no empty rows that text could fill. */
	top = 8;
	ui_view_fill(&top, 10, NULL, 4);
	assert_int_equal(top, 6);
	/* A page of wrapped lines scrolled to its end (End): a screenful that ends with the last
	 * line, not the last line alone; one taller than the view from its start. */
	const int wrapped[] = {1, 2, 1, 3, 2};
	top = 4;
	ui_view_fill(&top, 5, wrapped, 6);
	assert_int_equal(top, 2);
	top = 4;
	ui_view_fill(&top, 5, wrapped, 8);
	assert_int_equal(top, 1);
	top = 0;
	ui_view_fill(&top, 5, wrapped, 8);
	assert_int_equal(top, 0); /* never raised */
	top = 4;
	ui_view_fill(&top, 5, wrapped, 1);
	assert_int_equal(top, 4);
	top = 2;
	ui_view_fill(&top, 0, wrapped, 8);
	assert_int_equal(top, 0);
	/* Moving a selection, and scrolling a text. */
	size_t sel = 0;
	assert_true(ui_view_move(&sel, 25, UI_ACTION_PAGE_DOWN, 10));
	assert_int_equal(sel, 10);
	ui_view_move(&sel, 25, UI_ACTION_PAGE_DOWN, 10);
	ui_view_move(&sel, 25, UI_ACTION_PAGE_DOWN, 10);
	assert_int_equal(sel, 24);
	assert_false(ui_view_move(&sel, 25, UI_ACTION_DOWN, 10));
	ui_view_move(&sel, 25, UI_ACTION_FIRST, 10);
	assert_int_equal(sel, 0);
	top = 0;
	ui_view_scroll(&top, UI_ACTION_LAST, 12, 10);
	assert_int_equal(top, 12);
	ui_view_scroll(&top, UI_ACTION_PAGE_UP, 12, 10);
	assert_int_equal(top, 2);
	/* Lines of a text, the empty ones at the end left out when asked. */
	char *copy;
	char **lines;
	size_t n;
	struct maca_err err = {0};
	assert_int_equal(ui_lines_split("a\n\nb\n\n\n", true, &copy, &lines, &n, &err), MACA_OK);
	assert_int_equal(n, 3);
	assert_string_equal(lines[2], "b");
	free(copy);
	free(lines);
	assert_int_equal(ui_lines_split("a\n\nb\n", false, &copy, &lines, &n, &err), MACA_OK);
	assert_int_equal(n, 3);
	free(copy);
	free(lines);
}

/* Issue 17, item 11: a click selects what the view drew under it (the views note each
 * selectable row while drawing); the wheel moves as Up and Down do. */
static void test_a_click_selects_what_is_under_it(void **state)
{
	struct fixture *fx = *state;
	term_open(fx, 24, 80);
	ui_key(&fx->ui, 'd');
	ui_key(&fx->ui, UI_KEY_ENTER);
	tui_draw_frame(&fx->ui);
	/* Find Child D's row and section 3's cell among the rows the view noted. */
	size_t want = 3 * fx->ui.overview.tpl->nsections + 2;
	int y = -1, x = -1;
	for (size_t i = 0; i < fx->ui.nhits; i++)
		if (fx->ui.hits[i].item == want && fx->ui.hits[i].x0 > 0) {
			y = fx->ui.hits[i].y;
			x = fx->ui.hits[i].x0 + 1;
		}
	assert_true(y > 0);
	ui_click(&fx->ui, y, x);
	assert_int_equal(fx->ui.overview.row, 3);
	assert_int_equal(fx->ui.overview.col, 2);
	ui_click(&fx->ui, 0, 0); /* the title bar: nothing there to select */
	assert_int_equal(fx->ui.overview.row, 3);
	ui_key(&fx->ui, UI_KEY_WHEEL_DOWN);
	assert_int_equal(fx->ui.overview.row, 4);
	/* The list of cases: a click on the first row drawn. */
	ui_key(&fx->ui, 'c');
	tui_draw_frame(&fx->ui);
	assert_true(fx->ui.nhits >= 6);
	ui_click(&fx->ui, fx->ui.hits[5].y, 3);
	assert_int_equal(fx->ui.cases.selected, 5);
	ui_key(&fx->ui, UI_KEY_WHEEL_UP);
	assert_int_equal(fx->ui.cases.selected, 4);
}

/* Whether the screen as drawn now shows text (on one row: ASCII cells only). */
static bool on_screen(struct ui *ui, const char *text)
{
	tui_draw_frame(ui);
	char row[512];
	for (int y = 0; y < LINES; y++)
		if (mvinnstr(y, 0, row, COLS) != ERR && strstr(row, text))
			return true;
	return false;
}

/* Day report item 12: at 80 columns what was cut unreadably is read whole, wrapped where
 * there is room (a field's problem, an attendance note, a progress note, the overview's
 * legend), and a one-line field typed past its width keeps what comes before the cursor. */
static void test_text_is_read_whole_at_80_columns(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	term_open(fx, 24, 80);
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	assert_true(on_screen(ui, "answered, nothing agreed yet"));

	ui_key(ui, 'A');
	ui_key(ui, 'n');
	ui_type(ui, "DSL Mrs P. attended for the first hour only; the deputy covered the "
		    "afternoon and took the actions back");
	ui_key(ui, UI_KEY_ENTER);
	assert_true(on_screen(ui, "DSL Mrs P. attended for"));
	assert_true(on_screen(ui, "took the actions back"));
	ui_key(ui, UI_KEY_ESC);

	ui_key(ui, 't');
	assert_int_equal(ui_screen(ui), UI_SCREEN_ACTIONS);
	ui_key(ui, 'p');
	ui_type(ui, "Form change agreed at MASH meeting on the 3rd; the new prompt goes live "
		    "next month after the training of every duty worker");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	assert_true(on_screen(ui, "training of every duty worker"));
	assert_false(on_screen(ui, "(more below)")); /* every action is shown */
	ui_key(ui, UI_KEY_ESC);

	ui_key(ui, 'L');
	for (int i = 0; i < 3; i++)
		ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, 'A');
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	ui_type(ui, "Add the perpetrator to every safety plan template and check the MASH "
		    "contact formc");
	assert_true(on_screen(ui, "check the MASH contact formc"));
	ui_key(ui, UI_KEY_TAB);
	ui_key(ui, UI_KEY_TAB);
	ui_type(ui, "next spring");
	ui_key(ui, UI_KEY_CTRL_O);
	assert_int_equal(ui_screen(ui), UI_SCREEN_FORM);
	assert_true(on_screen(ui, "Due date must be a date written YYYY-MM-DD, not 'next"));
	assert_true(on_screen(ui, "spring'"));
}

/* Help's keys never run into what they do: keys as wide as their column have a line of
 * their own, what they do under the column (day report item 14). */
static void test_help_keys_keep_their_column(void **state)
{
	struct fixture *fx = *state;
	ui_key(&fx->ui, 'd');
	ui_key(&fx->ui, '?');
	char *text = ui_help_text(&fx->ui);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nDown, j, Wheel-down\n                   Move down\n"));
	assert_non_null(strstr(text, "Enter              Open"));
	free(text);
}

static void test_views_keep_their_scroll_in_the_ui(void **state)
{
	struct fixture *fx = *state;
	term_open(fx, 24, 80);
	ui_key(&fx->ui, 'd');
	ui_key(&fx->ui, 'd');
	ui_type(&fx->ui, "y"); /* a second demo */
	ui_key(&fx->ui, UI_KEY_ENTER);
	/* The action tracker, every audit's actions: seven fit at 80x24 above the least of
	 * the notes pane (which takes every row the list does not need). */
	ui_key(&fx->ui, 't');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ACTIONS);
	assert_true(fx->ui.actions.nitems > 7);
	ui_key(&fx->ui, UI_KEY_END);
	tui_draw_frame(&fx->ui);
	assert_int_equal(fx->ui.actions.top, fx->ui.actions.nitems - 7);
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, UI_KEY_ENTER);
	/* Learning: the demo's list is longer than the window. */
	ui_key(&fx->ui, 'L');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_LEARNING);
	tui_draw_frame(&fx->ui);
	assert_int_equal(fx->ui.learning.top, 0);
	ui_key(&fx->ui, UI_KEY_END);
	tui_draw_frame(&fx->ui);
	assert_true(fx->ui.learning.top > 0);
	size_t top = fx->ui.learning.top;
	ui_key(&fx->ui, UI_KEY_UP); /* still in view: the view stays */
	tui_draw_frame(&fx->ui);
	assert_int_equal(fx->ui.learning.top, top);
	ui_key(&fx->ui, UI_KEY_ESC);
	/* The rationale editor on moderation, typed past its rows (11 at most at 80x24). */
	ui_key(&fx->ui, 'm');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_MODERATE);
	ui_key(&fx->ui, UI_KEY_TAB);
	for (int i = 0; i < 14; i++) {
		ui_type(&fx->ui, "line");
		ui_key(&fx->ui, UI_KEY_ENTER);
	}
	tui_draw_frame(&fx->ui);
	assert_true(fx->ui.moderate.text_top > 0);
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, UI_KEY_ESC);
	/* A form's fields, each with its own editor's scroll. */
	ui_key(&fx->ui, 'E');
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_FORM);
	assert_non_null(fx->ui.form.field_tops);
	while (formfill_field(fx->ui.form.ff, formfill_current(fx->ui.form.ff))->type != FIELD_TEXT)
		ui_key(&fx->ui, UI_KEY_TAB);
	size_t field = formfill_current(fx->ui.form.ff);
	for (int i = 0; i < 8; i++) {
		ui_type(&fx->ui, "more");
		ui_key(&fx->ui, UI_KEY_ENTER);
	}
	tui_draw_frame(&fx->ui);
	assert_true(fx->ui.form.field_tops[field] > 0);
}

/* A question whose answer is only a yes: the hook gets no text to drop, only the yes. */
static void said_yes(struct ui *ui)
{
	(void)ui;
	current->confirmed++;
}

static void test_a_confirmation_is_a_yes(void **state)
{
	struct fixture *fx = *state;
	ui_confirm_open(&fx->ui, said_yes, refused, "close", "Type close:", "Close %s?", "it");
	assert_true(fx->ui.prompt.active);
	assert_string_equal(fx->ui.prompt.question, "Close it?");
	ui_type(&fx->ui, "close");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.prompt.active);
	assert_int_equal(fx->confirmed, 1);
	ui_confirm_open(&fx->ui, said_yes, refused, "close", "Type close:", "Close it?");
	ui_type(&fx->ui, "clos");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(fx->confirmed, 1);
	assert_int_equal(fx->refused, 1);
	/* A question answered with text still gets it. */
	ui_prompt_open(&fx->ui, confirmed, NULL, NULL, "Why:", "Say why");
	ui_type(&fx->ui, "because");
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(fx->confirmed, 2);
	assert_string_equal(fx->answer, "because");
}

/* After a change: its error (cleared) on the status line, or what it did. */
static void test_the_status_says_a_result(void **state)
{
	struct fixture *fx = *state;
	struct maca_err err = {0};
	ui_status_said(&fx->ui, MACA_OK, &err, "Deleted %d", 2);
	assert_false(fx->ui.status_is_error);
	assert_string_equal(fx->ui.status, "Deleted 2");
	int rc = err_set(&err, MACA_EUSER, "no such thing");
	ui_status_said(&fx->ui, rc, &err, "Deleted %d", 3);
	assert_true(fx->ui.status_is_error);
	assert_string_equal(fx->ui.status, "no such thing");
	assert_int_equal(err.status, MACA_OK);
}

/* A screen's undo as ui_undo_said runs it: it forgets the change (as the real ones do) and
 * fails when told to. */
static struct ui_undo *undo_list;
static int undo_rc;

static int undo_hook(struct ui *ui)
{
	(void)ui;
	if (!undo_rc)
		ui_undo_drop(undo_list);
	return undo_rc;
}

/* An undo says what it undid, in the change's words taken before the undo forgot them; a
 * failed one says nothing more; a change without words takes the screen's fallback, or none. */
static void test_an_undo_says_what_was_undone(void **state)
{
	struct fixture *fx = *state;
	struct ui_undo u = {0};
	undo_list = &u;
	struct ui_change c = {.kind = UI_CHANGE_NOTE, .what = "Child A, Police: note 1"};
	assert_true(ui_undo_push(&u, &c));
	assert_true(ui_undo_push(&u, &c));
	undo_rc = MACA_ECONFLICT;
	ui_set_status(&fx->ui, false, "asked");
	assert_int_equal(ui_undo_said(&fx->ui, &u, undo_hook, "x"), MACA_ECONFLICT);
	assert_string_equal(fx->ui.status, "asked");
	assert_int_equal(u.n, 2);
	undo_rc = MACA_OK;
	assert_int_equal(ui_undo_said(&fx->ui, &u, undo_hook, NULL), MACA_OK);
	assert_false(fx->ui.status_is_error);
	assert_string_equal(fx->ui.status,
			    "Undone: Child A, Police: note 1 (the history keeps both)");
	assert_int_equal(u.n, 1);
	c.what = NULL;
	assert_true(ui_undo_push(&u, &c));
	assert_true(ui_undo_push(&u, &c));
	ui_set_status(&fx->ui, false, "before");
	assert_int_equal(ui_undo_said(&fx->ui, &u, undo_hook, NULL), MACA_OK);
	assert_string_equal(fx->ui.status, "before");
	assert_int_equal(ui_undo_said(&fx->ui, &u, undo_hook, "the last change"), MACA_OK);
	assert_string_equal(fx->ui.status, "Undone: the last change (the history keeps both)");
	assert_int_equal(u.n, 1);
	ui_undo_free(&u);
}

/* u is the shell's: a screen binds it exactly where it has an undo hook (what it undoes), and
 * the shell says what was undone. */
static void test_u_is_bound_where_a_screen_undoes(void **state)
{
	struct fixture *fx = *state;
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		const struct ui_screen_ops *ops = ui_ops(&fx->ui, (enum ui_screen)s);
		bool binds = false;
		for (size_t i = 0; i < ops->nkeys; i++)
			binds = binds || ops->keys[i].action == UI_ACTION_UNDO;
		if (binds != (ops->undo != NULL))
			print_error("%s: u bound %d, undo hook %d\n", ops->title, binds,
				    ops->undo != NULL);
		assert_int_equal(binds, ops->undo != NULL);
	}
}

/* A key's name from a table of words, as the key names and the footer's arrows look them up. */
static void test_a_key_is_named_from_a_table(void **state)
{
	(void)state;
	static const struct ui_key_word words[] = {{UI_KEY_UP, "Up"}, {'x', "ex"}};
	char buf[8];
	assert_string_equal(ui_key_word(words, 2, 'x', buf, sizeof buf), "ex");
	assert_null(ui_key_word(words, 2, 'y', buf, sizeof buf));
	assert_string_equal(ui_key_name(UI_KEY_PAGE_DOWN, buf, sizeof buf), "PgDn");
	assert_string_equal(ui_footer_key_name(UI_KEY_LEFT, false, buf, sizeof buf), "\u2190");
	assert_string_equal(ui_footer_key_name(UI_KEY_LEFT, true, buf, sizeof buf), "Left");
}

static bool word_matches(const void *items, size_t i, const char *query)
{
	return ui_find_match(((const char *const *)items)[i], query);
}

static bool word_named(const void *items, size_t i, const char *query)
{
	return ui_find_same(((const char *const *)items)[i], query);
}

/* The list kit: a name typed whole goes first, else the next match either way, wrapping. */
static void test_the_list_kit_finds(void **state)
{
	(void)state;
	const char *words[] = {"Child AB", "child a", "Other", "Child C"};
	size_t sel = 0;
	struct ui_list l = {.selected = &sel, .n = 4, .items = words, .matches = word_matches};
	assert_int_equal(ui_list_find(&l, "child", 1), 1);
	assert_int_equal(ui_list_find(&l, "child", -1), 3);
	assert_int_equal(ui_list_find(&l, "nothing", 1), 4);
	sel = 3;
	assert_int_equal(ui_list_find(&l, "child", 1), 0); /* wraps */
	assert_int_equal(ui_list_find(&l, "child a", 1), 0);
	l.names = word_named;
	assert_int_equal(ui_list_find(&l, " CHILD A ", 1), 1); /* named whole: that one */
}

/* The list screens describe their lists; find (/ n N) and a click come from the kit, and the
 * tracker's selected hook reads the notes of the action found or clicked. */
static void test_list_screens_find_and_click_through_the_kit(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		const struct ui_screen_ops *ops = ui_ops(ui, (enum ui_screen)s);
		if (!ops->list)
			continue;
		assert_null(ops->find); /* the list finds */
		assert_int_equal(ui_keymap_lookup((enum ui_screen)s, '/'), UI_ACTION_FIND);
	}
	term_open(fx, 24, 80);
	ui_key(ui, 'd');
	ui_key(ui, 't');
	assert_int_equal(ui_screen(ui), UI_SCREEN_ACTIONS);
	assert_true(ui->actions.nitems > 2);
	/* A progress note on the first action, so that its notes are not none. */
	int64_t first = ui->actions.items[0].id;
	ui_key(ui, 'p');
	ui_type(ui, "checked with the school");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	/* Find the last action by its own words: it is selected, its notes (none) with it. */
	size_t last = ui->actions.nitems - 1;
	char *what = str_dup(ui->actions.items[last].what);
	assert_non_null(what);
	ui_key(ui, '/');
	ui_type(ui, what);
	ui_key(ui, UI_KEY_ENTER);
	free(what);
	assert_int_equal(ui->actions.selected, last);
	struct action_note *notes = NULL;
	size_t n = 0;
	struct maca_err err = {0};
	assert_int_equal(store_action_notes(fx->st, ui->actions.items[last].id, &notes, &n, &err),
			 0);
	assert_int_equal(ui->actions.nnotes, n);
	action_notes_free(notes, n);
	/* A click on the first action's row selects it, and reads its note. */
	tui_draw_frame(ui);
	int y = -1, x = -1;
	for (size_t i = 0; i < ui->nhits; i++)
		if (ui->actions.items[ui->hits[i].item].id == first) {
			y = ui->hits[i].y;
			x = ui->hits[i].x0;
		}
	assert_true(y >= 0);
	ui_click(ui, y, x);
	assert_int_equal(ui->actions.items[ui->actions.selected].id, first);
	assert_true(ui->actions.nnotes >= 1);
	assert_string_equal(ui->actions.notes[ui->actions.nnotes - 1].note,
			    "checked with the school");
	/* The audit list: found by a word of its title, and N goes back round. */
	ui_key(ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(ui), UI_SCREEN_HOME);
	ui_key(ui, '/');
	ui_type(ui, "synthetic");
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->status_is_error);
	ui_key(ui, 'N');
	assert_false(ui->status_is_error);
}

/* The values a question takes, as answering and moderation offer them in a pick. */
static void test_a_questions_values_are_picked(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	const struct template *tpl = ui->overview.tpl;
	const struct question *graded = NULL, *yesno = NULL;
	for (size_t i = 0; i < tpl->nquestions; i++) {
		if (!graded && tpl->questions[i].kind == QUESTION_GRADED)
			graded = &tpl->questions[i];
		if (!yesno && tpl->questions[i].kind == QUESTION_YESNO)
			yesno = &tpl->questions[i];
	}
	assert_non_null(graded);
	ui_pick_values(ui, picked, "Grade:", tpl, graded, tpl->grades[1].id);
	assert_true(ui->pick.active);
	assert_string_equal(ui->pick.title, "Grade:");
	assert_int_equal(ui->pick.items.n, tpl->ngrades + 1);
	assert_string_equal(ui->pick.items.items[tpl->ngrades].id, "");
	assert_int_equal(ui->pick.selected, 1);
	ui_key(ui, UI_KEY_ENTER);
	assert_string_equal(fx->answer, tpl->grades[1].id);
	if (yesno) {
		ui_pick_values(ui, picked, "Answer:", tpl, yesno, "");
		assert_int_equal(ui->pick.items.n, 5);
		assert_int_equal(ui->pick.selected, 4); /* none yet: "(none: clear it)" */
		ui_key(ui, UI_KEY_ESC);
	}
	/* A letter goes to the next choice with a word starting with it, as in a form's list,
	 * and Enter picks it; a letter no choice starts says so and moves nothing. */
	ui_pick_values(ui, picked, "Grade:", tpl, graded, "");
	size_t at = ui->pick.selected;
	ui_key(ui, 'z');
	assert_int_equal(ui->pick.selected, at);
	assert_non_null(ui->status);
	assert_non_null(strstr(ui->status, "No choice here has a word starting with 'z'"));
	ui_key(ui, 'I');
	assert_string_equal(ui->pick.items.items[ui->pick.selected].label, "Inadequate");
	assert_null(ui->status);
	/* Again: the only choice it starts stays chosen; "r" reaches Requires improvement. */
	ui_key(ui, 'i');
	assert_string_equal(ui->pick.items.items[ui->pick.selected].label, "Inadequate");
	ui_key(ui, 'r');
	assert_string_equal(ui->pick.items.items[ui->pick.selected].label,
			    "Requires improvement to be good");
	ui_key(ui, 'c'); /* "(none: clear it)": a word after the bracket */
	assert_string_equal(ui->pick.items.items[ui->pick.selected].id, "");
	ui_key(ui, 'g');
	ui_key(ui, UI_KEY_ENTER);
	assert_false(ui->pick.active);
	assert_string_equal(fx->answer, "good");
}

/* Find on the Learning screen walks over the agencies' notes listed under the learning points
 * too, matching their words (it read a note's place as a learning point's, past the end). */
static void test_learning_find_reaches_the_agencies_notes(void **state)
{
	struct fixture *fx = *state;
	struct ui *ui = &fx->ui;
	ui_key(ui, 'd');
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, 'L');
	assert_int_equal(ui_screen(ui), UI_SCREEN_LEARNING);
	const struct ui_learning *ul = &ui->learning;
	assert_true(ul->nnotes > 0);
	size_t last = ul->nnotes - 1;
	char *words = str_dup(ul->notes[last].text);
	assert_non_null(words);
	ui_key(ui, '/');
	ui_type(ui, words);
	ui_key(ui, UI_KEY_ENTER);
	free(words);
	assert_false(ui->status_is_error);
	assert_int_equal(ul->items[ul->selected].kind, UI_LEARNING_NOTE);
	assert_int_equal(ul->items[ul->selected].index, last);
	/* n and N walk the whole list, notes and all, either way round. */
	ui_key(ui, '/');
	ui_type(ui, "e");
	ui_key(ui, UI_KEY_ENTER);
	for (size_t i = 0; i < 2 * ul->nitems; i++)
		ui_key(ui, i < ul->nitems ? 'n' : 'N');
	assert_false(ui->status_is_error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_keys_move_or_change_never_both, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_every_screen_is_one_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_footers_come_from_the_bindings, setup, teardown),
	    cmocka_unit_test(test_footer_items_merge_by_word),
	    cmocka_unit_test_setup_teardown(test_the_prompt_carries_its_openers_hook, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_the_pick_carries_its_openers_hook, setup,
					    teardown),
	    cmocka_unit_test(test_scrolling_is_one_module),
	    cmocka_unit_test_setup_teardown(test_text_is_read_whole_at_80_columns, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_help_keys_keep_their_column, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_views_keep_their_scroll_in_the_ui, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_a_click_selects_what_is_under_it, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_a_confirmation_is_a_yes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_the_status_says_a_result, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_an_undo_says_what_was_undone, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_u_is_bound_where_a_screen_undoes, setup, teardown),
	    cmocka_unit_test(test_a_key_is_named_from_a_table),
	    cmocka_unit_test(test_the_list_kit_finds),
	    cmocka_unit_test_setup_teardown(test_list_screens_find_and_click_through_the_kit, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_a_questions_values_are_picked, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_learning_find_reaches_the_agencies_notes, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
