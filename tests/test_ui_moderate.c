/* Moderation's state without a terminal, on the demo audit in a database file: the question
 * read as paragraphs (every agency by name, its answer in words, a text answer, the notes,
 * what changed after marking), every kind of question agreed, what is unagreed, and the room
 * view following the chair's place written by another store. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sbuf.h"
#include "testutil.h"
#include "ui.h"

struct fixture {
	char *dir, *db;
	struct store *st;
	int64_t audit;
	struct ui_moderate um;
	struct maca_err err;
};

#define ok(fx, call)                                                                               \
	do {                                                                                       \
		if ((call) != 0)                                                                   \
			fail_msg("%s: %s", #call, err_msg(&(fx)->err));                            \
	} while (0)

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct diag_list diags = {0};
	struct template *tpl = NULL;
	assert_non_null(fx);
	fx->dir = tu_tempdir();
	fx->db = str_fmt("%s/maca.db", fx->dir);
	ok(fx, store_open(fx->db, &fx->st, &fx->err));
	assert_int_equal(
	    template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl, &diags),
	    0);
	ok(fx, demo_create(fx->st, tpl, &fx->audit, &fx->err));
	template_free(tpl);
	diag_list_free(&diags);
	ok(fx, ui_moderate_open(&fx->um, fx->st, fx->audit, 0, 0, &fx->err));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	ui_moderate_free(&fx->um);
	store_close(fx->st);
	tu_remove_tree(fx->dir);
	free(fx->dir);
	free(fx->db);
	err_clear(&fx->err);
	free(fx);
	return 0;
}

/* The paragraphs of the current question, joined "style|text" a line each. */
static char *reading(struct fixture *fx, size_t only, size_t chars)
{
	struct ui_para *p;
	size_t n;
	ok(fx, ui_moderate_reading(&fx->um, only, chars, &p, &n, &fx->err));
	struct sbuf b = {0};
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%d|%s%s\n", (int)p[i].style, p[i].text,
			  p[i].changed ? "|changed" : "");
	ui_paras_free(p, n);
	char *s = sbuf_take(&b);
	assert_non_null(s);
	return s;
}

static void expect_in(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" not in:\n%s", want, text);
}

/* Go to section s (0-based), question q, by the moves a chair makes. */
static void go(struct fixture *fx, size_t s, size_t q)
{
	while (fx->um.section > s)
		ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_LEFT, &fx->err));
	while (fx->um.section < s)
		ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_RIGHT, &fx->err));
	while (fx->um.question < q)
		ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_DOWN, &fx->err));
}

static void test_reading_whole(void **state)
{
	struct fixture *fx = *state;
	char *r = reading(fx, SIZE_MAX, 0);
	/* The question first, then every agency by name with its answer in words. */
	assert_true(strncmp(r, "0|1. Was domestic abuse recognised promptly,", 44) == 0);
	expect_in(r, "2|Children's social care — Good\n");
	expect_in(r, "2|Police — Outstanding\n");
	expect_in(r, "2|Education — not answered\n");
	expect_in(r, "5|The agencies' notes on section 1\n");
	expect_in(r, "2|Health — Good practice\n");
	/* The auditor's guidance: one key away, and whole once shown. */
	expect_in(r, "\n4|(Ctrl-G shows the auditor's guidance)\n");
	free(r);
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_GUIDANCE, &fx->err));
	r = reading(fx, SIZE_MAX, 0);
	expect_in(r, "\n1|Good: the first agency to see the signs named the abuse for what it was");
	assert_null(strstr(r, "Ctrl-G shows"));
	free(r);
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_GUIDANCE, &fx->err));
	/* The room's start of the evidence: cut, with an ellipsis, and no notes or keys. */
	r = reading(fx, SIZE_MAX, 40);
	expect_in(r, "…\n");
	assert_null(strstr(r, "notes on section"));
	assert_null(strstr(r, "Ctrl-G"));
	free(r);
	/* One agency alone: its answer and its notes. */
	r = reading(fx, 0, 0);
	expect_in(r, "2|Children's social care — Good\n");
	assert_null(strstr(r, "Police"));
	expect_in(r, "2|Children's social care — Recommendations\n");
	free(r);
	/* A text question: what the agency wrote. */
	go(fx, 2, 4);
	r = reading(fx, SIZE_MAX, 0);
	expect_in(r, "2|Children's social care — wrote\n3|Child A now lives with the mother");
	free(r);
}

/* Down runs on into the next section, Up back; a case changed keeps the place. */
static void test_moves(void **state)
{
	struct fixture *fx = *state;
	go(fx, 0, 4);
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_DOWN, &fx->err));
	assert_int_equal(fx->um.section, 1);
	assert_int_equal(fx->um.question, 0);
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_UP, &fx->err));
	assert_int_equal(fx->um.section, 0);
	assert_int_equal(fx->um.question, 4);
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	assert_int_equal(fx->um.case_idx, 1);
	assert_int_equal(fx->um.question, 4);
}

/* How many answers the case holds to the current section's questions, each checked against
 * what moderation holds; all: to every question, only counted. */
static size_t case_answers_in(struct fixture *fx, bool all)
{
	struct answer_row *rows;
	size_t n, in = 0;
	ok(fx, store_case_answers(fx->st, fx->um.cases[fx->um.case_idx].id, &rows, &n, &fx->err));
	for (size_t i = 0; i < n; i++) {
		const struct question *q = template_question(fx->um.tpl, rows[i].question_id);
		if (!all && q->section != fx->um.section)
			continue;
		in++;
		if (all)
			continue;
		const struct answer_row *held =
		    ui_moderate_answer(&fx->um, rows[i].agency, rows[i].question_id);
		assert_non_null(held);
		assert_string_equal(held->value, rows[i].value);
		assert_string_equal(held->evidence, rows[i].evidence);
	}
	answer_rows_free(rows, n);
	return in;
}

/* What is read is what is shown: the answers to the question on screen (not the case's other
 * answers, whose evidence made moving to another case slow), the section's in the grid, and
 * the section's agreed answers, a row for each question. */
static void test_reads_what_is_shown(void **state)
{
	struct fixture *fx = *state;
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_PREV_CASE, &fx->err));
	go(fx, 1, 2);
	const char *id = ui_moderate_current(&fx->um)->id;
	assert_true(fx->um.nanswers > 0);
	for (size_t i = 0; i < fx->um.nanswers; i++)
		assert_string_equal(fx->um.answers[i].question_id, id);
	assert_true(fx->um.nanswers < case_answers_in(fx, true));
	/* The grid: every answer of the section, each as the case holds it. */
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_GRID, &fx->err));
	assert_int_equal(fx->um.view, UI_MODERATE_GRID);
	assert_int_equal(fx->um.nanswers, case_answers_in(fx, false));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_RIGHT, &fx->err));
	assert_int_equal(fx->um.nanswers, case_answers_in(fx, false));
	assert_int_equal(fx->um.nagreed, fx->um.tpl->sections[fx->um.section].nquestions);
	/* Back to the question, the section's are kept; another case reads its question's. */
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_GRID, &fx->err));
	assert_int_equal(fx->um.view, UI_MODERATE_QUESTION);
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_DOWN, &fx->err));
	assert_int_equal(fx->um.nanswers, case_answers_in(fx, false));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	for (size_t i = 0; i < fx->um.nanswers; i++)
		assert_string_equal(fx->um.answers[i].question_id,
				    ui_moderate_current(&fx->um)->id);
}

/* Yes-no and text questions are agreed as what they are; what is unagreed is said. */
static void test_every_kind_agreed(void **state)
{
	struct fixture *fx = *state;
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err)); /* Child C */
	assert_false(fx->um.cases[fx->um.case_idx].moderated);
	go(fx, 3, 3); /* the family court question, yes or no */
	int rc = -1;
	/* A grade's key sets nothing here, and says what does. */
	assert_true(ui_moderate_key(&fx->um, fx->st, 'g', &rc, &fx->err));
	assert_int_equal(rc, MACA_EUSER);
	assert_non_null(strstr(err_msg(&fx->err), "y yes, n no, p partly, k not known"));
	err_clear(&fx->err);
	assert_false(ui_moderate_is_agreed(&fx->um, "prevention-court"));
	assert_true(ui_moderate_key(&fx->um, fx->st, 'k', &rc, &fx->err));
	assert_int_equal(rc, 0);
	char *line = ui_moderate_agreed_line(&fx->um);
	assert_string_equal(line, "Agreed: Not known");
	free(line);
	go(fx, 3, 3);
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_LEFT, &fx->err));
	go(fx, 2, 4); /* what difference has it made, in words */
	assert_true(ui_moderate_key(&fx->um, fx->st, 'y', &rc, &fx->err));
	assert_int_equal(rc, MACA_EUSER); /* the summary is typed */
	err_clear(&fx->err);
	assert_false(ui_moderate_is_agreed(&fx->um, "protection-difference"));
	ui_moderate_edit(&fx->um);
	for (const char *p = "Safer."; *p; p++)
		ok(fx, ui_moderate_edit_key(&fx->um, fx->st, *p, 60, &fx->err));
	ok(fx, ui_moderate_edit_key(&fx->um, fx->st, UI_KEY_TAB, 60, &fx->err));
	assert_true(ui_moderate_is_agreed(&fx->um, "protection-difference"));
	assert_string_equal(ui_moderate_agreed(&fx->um, "protection-difference")->grade, "Safer.");
	char *open;
	ok(fx, ui_moderate_unagreed_case(&fx->um, fx->st, &open, &fx->err));
	assert_non_null(open);
	assert_non_null(strstr(open, " not agreed ("));
	assert_null(strstr(open, "3.5")); /* agreed now */
	free(open);
	ok(fx, ui_moderate_unagreed_audit(&fx->um, fx->st, &open, &fx->err));
	assert_non_null(strstr(open, " not agreed (Child A "));
	free(open);
	/* Once the case is marked, a change to the summary needs a reason. */
	ok(fx, ui_moderate_toggle_case(&fx->um, fx->st, &fx->err));
	ui_moderate_edit(&fx->um);
	ok(fx, ui_moderate_edit_key(&fx->um, fx->st, '!', 60, &fx->err));
	assert_int_equal(ui_moderate_edit_key(&fx->um, fx->st, UI_KEY_TAB, 60, &fx->err),
			 MACA_ELOCKED);
	err_clear(&fx->err);
	assert_string_equal(fx->um.pending, "Safer.!");
	ok(fx, ui_moderate_agree_reason(&fx->um, fx->st, "Read again", &fx->err));
	assert_string_equal(ui_moderate_agreed(&fx->um, "protection-difference")->grade, "Safer.!");
}

/* Delete clears the rationale (several lines, characters of more than one byte) and the
 * agreed summary, and saves at once: the editor is empty from its top and the store holds "". */
static void test_clear_text(void **state)
{
	struct fixture *fx = *state;
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err)); /* Child C */
	int64_t case_id = fx->um.cases[fx->um.case_idx].id;
	const char *id = ui_moderate_current(&fx->um)->id;
	int rc = -1;
	assert_true(ui_moderate_key(&fx->um, fx->st, fx->um.tpl->grades[0].key, &rc, &fx->err));
	assert_int_equal(rc, 0);
	ui_moderate_edit(&fx->um);
	const wchar_t typed[] = L"Seen twice — é\u0301 ✓\nthen again";
	ok(fx, ui_moderate_edit_text(&fx->um, typed, wcslen(typed), &fx->err));
	ok(fx, ui_moderate_edit_key(&fx->um, fx->st, UI_KEY_TAB, 60, &fx->err));
	char *grade, *rationale;
	ok(fx, store_agreed_get(fx->st, case_id, id, &grade, &rationale, &fx->err));
	assert_string_equal(rationale, "Seen twice — é\u0301 ✓\nthen again");
	free(grade);
	free(rationale);
	fx->um.text_top = 1;
	ok(fx, ui_moderate_clear_text(&fx->um, fx->st, &fx->err));
	assert_int_equal(editbuf_length(fx->um.text), 0);
	assert_int_equal(fx->um.text_top, 0);
	assert_string_equal(ui_moderate_agreed(&fx->um, id)->rationale, "");
	ok(fx, store_agreed_get(fx->st, case_id, id, &grade, &rationale, &fx->err));
	assert_string_equal(rationale, "");
	assert_string_equal(grade, fx->um.tpl->grades[0].id); /* the grade stays */
	free(grade);
	free(rationale);
	/* A text question's summary: cleared, it is no longer agreed. */
	go(fx, 2, 4);
	ui_moderate_edit(&fx->um);
	for (const char *p = "Safer."; *p; p++)
		ok(fx, ui_moderate_edit_key(&fx->um, fx->st, *p, 60, &fx->err));
	ok(fx, ui_moderate_edit_key(&fx->um, fx->st, UI_KEY_TAB, 60, &fx->err));
	assert_true(ui_moderate_is_agreed(&fx->um, "protection-difference"));
	ok(fx, ui_moderate_clear_text(&fx->um, fx->st, &fx->err));
	assert_false(ui_moderate_is_agreed(&fx->um, "protection-difference"));
	assert_int_equal(editbuf_length(fx->um.text), 0);
}

/* The editor's share of the window: what its text needs (2 rows at least, a third at most)
 * while the agencies' answers are read; a third at least while it is typed in, more as its
 * text grows, the reading above keeping its 4 rows. */
static void test_text_rows(void **state)
{
	struct fixture *fx = *state;
	struct ui_moderate *um = &fx->um;
	/* 80x24 with no summary: the reading and the editor share 15 rows; at 132x40, 31. */
	editbuf_free(um->text);
	um->text = editbuf_new("", 0, EDITBUF_MULTI_LINE);
	assert_non_null(um->text);
	assert_int_equal(ui_moderate_text_rows(um, 67, 24, 15), 2);
	um->agency = 1; /* in focus: the reading, made smaller, scrolls back to it */
	ui_moderate_edit(um);
	assert_true(um->to_agency);
	assert_int_equal(ui_moderate_text_rows(um, 67, 24, 15), 8);
	assert_int_equal(ui_moderate_text_rows(um, 119, 40, 31), 14);
	struct sbuf b = {0};
	for (int i = 1; i <= 30; i++)
		sbuf_addf(&b, "Line %d of the rationale\n", i);
	char *long_text = sbuf_take(&b);
	assert_non_null(long_text);
	editbuf_free(um->text);
	um->text = editbuf_new(long_text, 0, EDITBUF_MULTI_LINE); /* the cursor at its end */
	assert_non_null(um->text);
	free(long_text);
	assert_int_equal(ui_moderate_text_rows(um, 67, 24, 15), 11);
	assert_int_equal(ui_moderate_text_rows(um, 119, 40, 31), 27);
	um->editing = false;
	assert_int_equal(ui_moderate_text_rows(um, 67, 24, 15), 8);
	assert_int_equal(ui_moderate_text_rows(um, 119, 40, 31), 14);
	/* Line breaks after the text count while the cursor is on them, as it is typed. */
	editbuf_free(um->text);
	um->text = editbuf_new("Three\nlines\nof it\n\n\n", 0, EDITBUF_MULTI_LINE);
	assert_non_null(um->text);
	assert_int_equal(ui_moderate_text_rows(um, 67, 24, 15), 3);
	ui_moderate_edit(um);
	assert_int_equal(ui_moderate_text_rows(um, 67, 24, 15), 8);
	assert_int_equal(ui_moderate_text_rows(um, 67, 40, 31), 14);
	/* A window with little room still keeps 2 rows for the editor. */
	assert_int_equal(ui_moderate_text_rows(um, 67, 24, 5), 2);
}

/* An answer saved after the case was marked moderated says so. */
static void test_changed_after_marking(void **state)
{
	struct fixture *fx = *state;
	assert_true(fx->um.cases[0].moderated); /* Child A */
	ok(fx, store_answer_save(fx->st, fx->um.cases[0].id, "police", "identification-recognised",
				 "requires-improvement", NULL, &fx->err));
	ok(fx, ui_moderate_reload(&fx->um, fx->st, &fx->err));
	char *r = reading(fx, SIZE_MAX, 0);
	expect_in(r, "2|Police — Requires improvement to be good  (changed after the case was "
		     "marked moderated)|changed\n");
	expect_in(r, "2|Children's social care — Good\n");
	free(r);
}

/* The room follows the chair's place, written by another store on the same file, and takes
 * the chair's choice about the summary; reading it writes nothing. */
static void test_room_follows(void **state)
{
	struct fixture *fx = *state;
	struct store *room;
	ok(fx, store_open_readonly(fx->db, &room, &fx->err));
	struct ui_moderate rm = {0};
	ok(fx, ui_moderate_open(&rm, room, fx->audit, 0, 0, &fx->err));
	ok(fx, ui_moderate_follow(&rm, room, &fx->err)); /* no place yet: stays */
	assert_int_equal(rm.case_idx, 0);
	/* The chair moves: Child D, section 2, question 3, summary shown. */
	for (int i = 0; i < 3; i++)
		ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	go(fx, 1, 2);
	fx->um.show_summary = true;
	ok(fx, ui_moderate_remember(&fx->um, fx->st, &fx->err));
	ok(fx, ui_moderate_follow(&rm, room, &fx->err));
	assert_int_equal(rm.case_idx, 3);
	assert_int_equal(rm.section, 1);
	assert_int_equal(rm.question, 2);
	assert_true(rm.show_summary);
	assert_int_equal(rm.nanswers, fx->um.nanswers);
	/* What the chair agrees shows in the room. */
	int rc;
	assert_true(ui_moderate_key(&fx->um, fx->st, 'i', &rc, &fx->err));
	assert_int_equal(rc, 0);
	ok(fx, ui_moderate_follow(&rm, room, &fx->err));
	assert_string_equal(ui_moderate_agreed(&rm, ui_moderate_current(&rm)->id)->grade,
			    "inadequate");
	ui_moderate_free(&rm);
	store_close(room);
}

/* Agreeing any kind of question goes through the conditional saves, as grades do: a text
 * question's agreed summary changed by another maca while the chair typed is not written
 * over (both are kept for the chair to choose), and a yes-no answer agreed is undone. */
static void test_every_kind_conflict_and_undo(void **state)
{
	struct fixture *fx = *state;
	struct ui_undo undo = {0};
	fx->um.undo = &undo;
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err)); /* Child C */
	go(fx, 2, 4); /* what difference has it made, in words */
	int64_t child_c = fx->um.cases[fx->um.case_idx].id;
	ui_moderate_edit(&fx->um);
	for (const char *p = "Mine."; *p; p++)
		ok(fx, ui_moderate_edit_key(&fx->um, fx->st, *p, 60, &fx->err));
	/* Meanwhile another maca agrees a summary of its own. */
	struct store *other;
	ok(fx, store_open(fx->db, &other, &fx->err));
	ok(fx, store_agreed_save(other, child_c, "protection-difference", "Theirs.", NULL, NULL,
				 &fx->err));
	assert_int_equal(ui_moderate_edit_key(&fx->um, fx->st, UI_KEY_TAB, 60, &fx->err),
			 MACA_ECONFLICT);
	err_clear(&fx->err);
	assert_true(fx->um.conflict.open);
	char *what, *theirs, *mine;
	ui_moderate_conflict_texts(&fx->um, &what, &theirs, &mine);
	assert_string_equal(theirs, "Agreed summary: Theirs.\n");
	assert_string_equal(mine, "Agreed summary: Mine.\n");
	free(what);
	free(theirs);
	free(mine);
	struct agreed_row *rows;
	size_t n;
	ok(fx, store_case_agreed(other, child_c, &rows, &n, &fx->err));
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].question_id, "protection-difference") == 0)
			assert_string_equal(rows[i].grade, "Theirs.");
	agreed_rows_free(rows, n);
	ok(fx, ui_moderate_resolve(&fx->um, fx->st, UI_ACTION_KEEP_MINE, &fx->err));
	assert_string_equal(ui_moderate_agreed(&fx->um, "protection-difference")->grade, "Mine.");
	store_close(other);
	/* A yes-no answer agreed, then undone. */
	go(fx, 3, 3);
	assert_false(ui_moderate_is_agreed(&fx->um, "prevention-court"));
	int rc;
	assert_true(ui_moderate_key(&fx->um, fx->st, 'p', &rc, &fx->err));
	assert_int_equal(rc, 0);
	assert_string_equal(ui_moderate_agreed(&fx->um, "prevention-court")->grade, "partly");
	ok(fx, ui_moderate_undo(&fx->um, fx->st, &fx->err));
	assert_false(ui_moderate_is_agreed(&fx->um, "prevention-court"));
	ui_undo_free(&undo);
	fx->um.undo = NULL;
}

/* Another maca removes a case while the chair is on the next one: each change about it says
 * once that it cannot be undone, the screen stays where it is, and u goes on to the change
 * before (it used to move to the removed case and stop there at every u). */
static void test_undo_after_the_case_is_removed(void **state)
{
	struct fixture *fx = *state;
	struct ui_undo undo = {0};
	fx->um.undo = &undo;
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err)); /* Child C */
	int64_t child_c = fx->um.cases[fx->um.case_idx].id;
	ok(fx, ui_moderate_set_value(&fx->um, fx->st, "inadequate", &fx->err));
	ok(fx, ui_moderate_toggle_case(&fx->um, fx->st, &fx->err));
	assert_string_equal(ui_undo_last(&undo)->what, "the MODERATED mark on Child C");
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err));
	int64_t child_d = fx->um.cases[fx->um.case_idx].id;
	struct store *other;
	ok(fx, store_open(fx->db, &other, &fx->err));
	ok(fx, store_case_remove(other, child_c, &fx->err));
	store_close(other);

	assert_int_equal(ui_moderate_undo(&fx->um, fx->st, &fx->err), MACA_ENOTFOUND);
	assert_string_equal(err_msg(&fx->err), "Cannot be undone: the MODERATED mark on Child C, "
					       "as its case was removed since; u undoes the "
					       "change before");
	err_clear(&fx->err);
	assert_int_equal(fx->um.cases[fx->um.case_idx].id, child_d);
	assert_int_equal(ui_moderate_undo(&fx->um, fx->st, &fx->err), MACA_ENOTFOUND);
	assert_string_equal(err_msg(&fx->err), "Cannot be undone: Child C: section 1, question "
					       "1, as its case was removed since");
	err_clear(&fx->err);
	assert_int_equal(fx->um.cases[fx->um.case_idx].id, child_d);
	assert_null(ui_undo_last(&undo));
	ui_undo_free(&undo);
	fx->um.undo = NULL;
}

/* The chair's own case removed by another maca, the last change on it at another question:
 * u says it cannot be undone and goes on, the screen staying where it was. */
static void test_undo_on_the_removed_case_itself(void **state)
{
	struct fixture *fx = *state;
	struct ui_undo undo = {0};
	fx->um.undo = &undo;
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_NEXT_CASE, &fx->err)); /* Child B */
	int64_t child_b = fx->um.cases[fx->um.case_idx].id;
	ok(fx, ui_moderate_set_value(&fx->um, fx->st, "inadequate", &fx->err));
	ok(fx, ui_moderate_move(&fx->um, fx->st, UI_ACTION_DOWN, &fx->err));
	size_t section = fx->um.section, question = fx->um.question;
	struct store *other;
	ok(fx, store_open(fx->db, &other, &fx->err));
	ok(fx, store_case_remove(other, child_b, &fx->err));
	store_close(other);

	assert_int_equal(ui_moderate_undo(&fx->um, fx->st, &fx->err), MACA_ENOTFOUND);
	assert_non_null(strstr(err_msg(&fx->err), "Cannot be undone"));
	err_clear(&fx->err);
	assert_int_equal(fx->um.section, section);
	assert_int_equal(fx->um.question, question);
	assert_null(ui_undo_last(&undo));
	ui_undo_free(&undo);
	fx->um.undo = NULL;
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_reading_whole),
	    T(test_moves),
	    T(test_reads_what_is_shown),
	    T(test_every_kind_agreed),
	    T(test_clear_text),
	    T(test_changed_after_marking),
	    T(test_room_follows),
	    T(test_every_kind_conflict_and_undo),
	    T(test_undo_after_the_case_is_removed),
	    T(test_undo_on_the_removed_case_itself),
	    T(test_text_rows),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
