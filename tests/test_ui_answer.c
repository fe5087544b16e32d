/* Answering: the model and its keys, without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sbuf.h"
#include "testutil.h"
#include "ui.h"

struct fixture {
	struct store *st;
	struct template *tpl;
	int64_t audit_id, case_id, case_b;
	struct ui ui;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct maca_err err = {0};
	struct diag_list diags = {0};
	char *path = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	int rc = !fx || !path || template_load_file(path, &fx->tpl, &diags);
	free(path);
	diag_list_free(&diags);
	if (rc || store_open(":memory:", &fx->st, &err) ||
	    store_set_origin(fx->st, "Tester", "keyboard", &err))
		return -1;
	struct audit_new a = {.title = "Answering test", .tpl = fx->tpl};
	struct case_fields c1 = {.reference = "Child A"}, c2 = {.reference = "Child B"};
	if (store_audit_create(fx->st, &a, &fx->audit_id, &err) ||
	    store_case_add(fx->st, fx->audit_id, &c1, &fx->case_id, &err) ||
	    store_case_add(fx->st, fx->audit_id, &c2, &fx->case_b, &err) ||
	    ui_init(&fx->ui, fx->st, &err))
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	ui_free(&fx->ui);
	store_close(fx->st);
	template_free(fx->tpl);
	free(fx);
	return 0;
}

/* Home -> overview -> a -> the agency at position `pick` -> Enter. */
static void open_answering(struct fixture *fx, size_t pick)
{
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_OVERVIEW);
	ui_key(&fx->ui, 'a');
	assert_true(fx->ui.pick.active);
	for (size_t i = 0; i < pick; i++)
		ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_false(fx->ui.pick.active);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
}

static struct answer saved(struct fixture *fx, const char *agency, const char *qid, bool *found)
{
	struct answer a;
	struct maca_err err = {0};
	assert_int_equal(store_answer_get(fx->st, fx->case_id, agency, qid, &a, found, &err), 0);
	return a;
}

static void type(struct ui *ui, const char *utf8)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, utf8, 256);
	assert_true(n != (size_t)-1);
	for (size_t i = 0; i < n; i++)
		ui_key(ui, w[i] == L'\n' ? UI_KEY_ENTER : (int)w[i]);
}

/* Moves to the first item of the given kind (a question kind, or -1 for a prompt). */
static void go_to_kind(struct fixture *fx, int kind)
{
	struct ui_answer *ua = &fx->ui.answer;
	for (size_t guard = 0; guard < 200; guard++) {
		const struct ui_answer_item *it = &ua->items[ua->cur];
		if (kind < 0 ? it->is_prompt
			     : !it->is_prompt && (int)fx->tpl->questions[it->index].kind == kind)
			return;
		ui_key(&fx->ui, UI_KEY_DOWN);
	}
	fail_msg("no item of kind %d", kind);
}

static void test_agency_chooser(void **state)
{
	struct fixture *fx = *state;
	ui_key(&fx->ui, UI_KEY_ENTER);
	ui_key(&fx->ui, 'a');
	assert_true(fx->ui.pick.active);
	assert_int_equal(fx->ui.pick.items.n, fx->tpl->agencies.n);
	assert_non_null(strstr(fx->ui.pick.title, "Child A"));
	ui_key(&fx->ui, UI_KEY_ESC); /* cancels */
	assert_false(fx->ui.pick.active);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_OVERVIEW);
	ui_key(&fx->ui, 'j'); /* Child B */
	ui_key(&fx->ui, 'a');
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_ENTER);
	struct ui_answer *ua = &fx->ui.answer;
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	assert_string_equal(ua->agency, fx->tpl->agencies.items[1].id);
	assert_string_equal(ua->cases[ua->case_idx].reference, "Child B");
	assert_int_equal(ua->cur, 0);
	size_t answered, total, flagged, i, n;
	ui_answer_progress(ua, &answered, &total, &flagged);
	assert_int_equal(answered, 0);
	assert_int_equal(total, fx->tpl->nquestions);
	ui_answer_position(ua, &i, &n);
	assert_int_equal(i, 1);
	assert_int_equal(n, fx->tpl->sections[0].nquestions);
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_OVERVIEW);
	assert_false(ua->open);
}

static void test_grade_key_saves_at_once(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	const char *agency = fx->tpl->agencies.items[0].id, *q0 = fx->tpl->questions[0].id;
	ui_key(&fx->ui, 'G'); /* case-insensitive: Good, and no longer "last item" here */
	assert_int_equal(fx->ui.answer.cur, 0);
	bool found;
	struct answer a = saved(fx, agency, q0, &found);
	assert_true(found); /* saved at once, as every confirmed change is */
	assert_string_equal(a.value, "good");
	answer_free(&a);
	ui_key(&fx->ui, 'o'); /* changing one's mind is one more change (u undoes it) */
	ui_key(&fx->ui, UI_KEY_DOWN);
	a = saved(fx, agency, q0, &found);
	assert_true(found);
	assert_string_equal(a.value, "outstanding");
	assert_string_equal(a.author, "Tester");
	answer_free(&a);
	size_t answered, total, flagged;
	ui_answer_progress(&fx->ui.answer, &answered, &total, &flagged);
	assert_int_equal(answered, 1);
	/* Back up: the saved value is shown. */
	ui_key(&fx->ui, UI_KEY_UP);
	assert_string_equal(ui_answer_value_label(&fx->ui.answer, 0), "Outstanding");
	/* A key that is no grade does nothing to the value. */
	ui_key(&fx->ui, 'z');
	assert_string_equal(ui_answer_value(&fx->ui.answer, 0), "outstanding");
}

static void test_no_save_without_change(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	struct maca_err err = {0};
	struct history_row *h;
	size_t nh, before;
	assert_int_equal(store_history_list(fx->st, fx->audit_id, &h, &before, &err), 0);
	history_list_free(h, before);
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_DOWN);
	ui_key(&fx->ui, UI_KEY_UP);
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, "x");
	ui_key(&fx->ui, UI_KEY_BACKSPACE); /* typed and deleted again: no change */
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, UI_KEY_PAGE_DOWN);
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(store_history_list(fx->st, fx->audit_id, &h, &nh, &err), 0);
	history_list_free(h, nh);
	assert_int_equal(nh, before);
	int64_t answered, expected;
	assert_int_equal(store_audit_progress(fx->st, fx->audit_id, &answered, &expected, &err), 0);
	assert_int_equal(answered, 0);
}

/* Delete, outside the editor, empties the evidence and saves that as an edit would; u brings
 * it back. */
static void test_delete_clears_the_evidence(void **state)
{
	struct fixture *fx = *state;
	struct ui_answer *ua = &fx->ui.answer;
	open_answering(fx, 0);
	const char *agency = fx->tpl->agencies.items[0].id, *qid = fx->tpl->questions[0].id;
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, "Seen at school.\nTwice.");
	ui_key(&fx->ui, UI_KEY_TAB);
	ui_key(&fx->ui, ']'); /* saved on the way */
	ui_key(&fx->ui, '[');
	bool found;
	struct answer a = saved(fx, agency, qid, &found);
	assert_true(found);
	assert_string_equal(a.evidence, "Seen at school.\nTwice.");
	answer_free(&a);
	ui_key(&fx->ui, UI_KEY_DELETE);
	assert_false(fx->ui.status_is_error);
	assert_int_equal(editbuf_length(ua->edit), 0);
	assert_int_equal(ua->editor_top, 0);
	a = saved(fx, agency, qid, &found);
	assert_string_equal(a.evidence, "");
	answer_free(&a);
	ui_key(&fx->ui, 'u');
	a = saved(fx, agency, qid, &found);
	assert_string_equal(a.evidence, "Seen at school.\nTwice.");
	answer_free(&a);
}

static void test_evidence_required_flag(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	struct ui_answer *ua = &fx->ui.answer;
	ui_key(&fx->ui, 'g');
	assert_false(ui_answer_needs_evidence(ua, 0));
	ui_key(&fx->ui, 'r'); /* requires improvement: evidence needed */
	assert_true(ui_answer_needs_evidence(ua, 0));
	ui_key(&fx->ui, UI_KEY_DOWN); /* saved anyway, flagged until it has evidence */
	size_t answered, total, flagged;
	ui_answer_progress(ua, &answered, &total, &flagged);
	assert_int_equal(flagged, 1);
	assert_true(ui_answer_needs_evidence(ua, 0));
	ui_key(&fx->ui, UI_KEY_UP);
	ui_key(&fx->ui, UI_KEY_TAB);
	assert_true(ua->editing);
	type(&fx->ui, "   ");
	assert_true(ui_answer_needs_evidence(ua, 0)); /* spaces are no evidence */
	type(&fx->ui, "Siân saw Zoë at school.\nŁukasz (teacher) raised it.");
	assert_false(ui_answer_needs_evidence(ua, 0));
	ui_key(&fx->ui, 'q'); /* text while editing, not quit */
	assert_false(fx->ui.quit);
	ui_key(&fx->ui, UI_KEY_BACKSPACE);
	ui_key(&fx->ui, UI_KEY_TAB); /* leaves the editor */
	assert_false(ua->editing);
	ui_key(&fx->ui, ']'); /* next case saves first */
	assert_string_equal(ua->cases[ua->case_idx].reference, "Child B");
	assert_int_equal(ua->cur, 0); /* the same question of the next case */
	bool found;
	struct answer a =
	    saved(fx, fx->tpl->agencies.items[0].id, fx->tpl->questions[0].id, &found);
	assert_string_equal(a.value, "requires-improvement");
	assert_string_equal(a.evidence, "   Siân saw Zoë at school.\nŁukasz (teacher) raised it.");
	answer_free(&a);
	ui_key(&fx->ui, '[');
	ui_answer_progress(ua, &answered, &total, &flagged);
	assert_int_equal(flagged, 0);
}

static void test_yes_no_question(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 2);
	go_to_kind(fx, QUESTION_YESNO);
	struct ui_answer *ua = &fx->ui.answer;
	size_t q = ua->items[ua->cur].index;
	ui_key(&fx->ui, 'g'); /* not a yes-no key: sets nothing, and moves nowhere */
	assert_false(ua->guidance);
	assert_true(fx->ui.status_is_error);
	assert_string_equal(ui_answer_value(ua, ua->cur), "");
	size_t at = ua->cur;
	ui_key(&fx->ui, 'j');
	assert_int_equal(ua->cur, at);
	ui_key(&fx->ui, UI_KEY_CTRL_G);
	assert_true(ua->guidance);
	ui_key(&fx->ui, 'P');
	assert_string_equal(ui_answer_value_label(ua, ua->cur), "Partly");
	ui_key(&fx->ui, 'k'); /* k is "not known" here, not Up */
	assert_string_equal(ui_answer_value(ua, ua->cur), "not-known");
	ui_key(&fx->ui, 'n');
	ui_key(&fx->ui, UI_KEY_UP);
	bool found;
	struct answer a =
	    saved(fx, fx->tpl->agencies.items[2].id, fx->tpl->questions[q].id, &found);
	assert_string_equal(a.value, "no");
	answer_free(&a);
}

static void test_text_question(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	go_to_kind(fx, QUESTION_TEXT);
	struct ui_answer *ua = &fx->ui.answer;
	size_t q = ua->items[ua->cur].index;
	ui_key(&fx->ui, 'o'); /* no grade keys on a text question */
	assert_string_equal(ui_answer_value(ua, ua->cur), "");
	ui_key(&fx->ui, UI_KEY_TAB);
	static const wchar_t paste[] = L"Ngozi-Ọlá's plan\r\nchanged.";
	ui_text(&fx->ui, paste, wcslen(paste)); /* a burst, as a paste arrives */
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER); /* Esc left the editor only */
	ui_key(&fx->ui, UI_KEY_DOWN);
	bool found;
	struct answer a =
	    saved(fx, fx->tpl->agencies.items[0].id, fx->tpl->questions[q].id, &found);
	assert_string_equal(a.value, "Ngozi-Ọlá's plan\nchanged.");
	assert_string_equal(a.evidence, "");
	answer_free(&a);
}

static void test_prompts_saved_as_notes(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	struct ui_answer *ua = &fx->ui.answer;
	ui_key(&fx->ui, UI_KEY_PAGE_DOWN); /* section 2 */
	assert_int_equal(ua->items[ua->cur].section, 1);
	ui_key(&fx->ui, UI_KEY_PAGE_UP);
	assert_int_equal(ua->cur, 0);
	go_to_kind(fx, -1);
	assert_int_equal(ua->items[ua->cur].section, 0);
	const struct prompt *p = &fx->tpl->prompts[ua->items[ua->cur].index];
	ui_key(&fx->ui, 'o'); /* no value on a prompt */
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, "Quick joint visit.");
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, UI_KEY_DOWN);
	char *text = NULL;
	struct maca_err err = {0};
	assert_int_equal(store_note_get(fx->st, fx->case_id, fx->tpl->agencies.items[0].id,
					fx->tpl->sections[0].id, p->id, &text, &err),
			 0);
	assert_string_equal(text, "Quick joint visit.");
	free(text);
	size_t answered, total, flagged;
	ui_answer_progress(ua, &answered, &total, &flagged);
	assert_int_equal(answered, 0); /* notes are not answers */
}

/* Leaving the editor (Esc or Tab) saves what was typed, without leaving the question: a
 * crash after it loses nothing the chair took as done. */
static void test_leaving_the_editor_saves(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	const char *agency = fx->tpl->agencies.items[0].id, *qid = fx->tpl->questions[0].id;
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, "Seen at home.");
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_false(fx->ui.answer.editing);
	bool found;
	struct answer a = saved(fx, agency, qid, &found);
	assert_true(found);
	assert_string_equal(a.evidence, "Seen at home.");
	answer_free(&a);
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, " Twice.");
	ui_key(&fx->ui, UI_KEY_TAB);
	a = saved(fx, agency, qid, &found);
	assert_string_equal(a.evidence, "Seen at home. Twice.");
	answer_free(&a);
	/* A prompt's note the same way. */
	go_to_kind(fx, -1);
	const struct ui_answer_item *it = &fx->ui.answer.items[fx->ui.answer.cur];
	const char *sec = fx->tpl->sections[it->section].id;
	const char *prompt = fx->tpl->prompts[it->index].id;
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, "A note.");
	ui_key(&fx->ui, UI_KEY_ESC);
	struct maca_err err = {0};
	char *note = NULL;
	assert_int_equal(store_note_get(fx->st, fx->case_id, agency, sec, prompt, &note, &err), 0);
	assert_string_equal(note, "A note.");
	free(note);
}

static void test_save_on_quit(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 1);
	ui_key(&fx->ui, 'i');
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, "Seen twice.");
	ui_key(&fx->ui, UI_KEY_ESC);
	ui_key(&fx->ui, 'q');
	assert_true(fx->ui.quit);
	bool found;
	struct answer a =
	    saved(fx, fx->tpl->agencies.items[1].id, fx->tpl->questions[0].id, &found);
	assert_string_equal(a.value, "inadequate");
	assert_string_equal(a.evidence, "Seen twice.");
	answer_free(&a);
	/* The signal path saves the same way. */
	fx->ui.quit = false;
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, " Again.");
	ui_flush(&fx->ui);
	a = saved(fx, fx->tpl->agencies.items[1].id, fx->tpl->questions[0].id, &found);
	assert_string_equal(a.evidence, "Seen twice. Again.");
	answer_free(&a);
}

static void test_closed_audit_keeps_the_text(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	struct maca_err err = {0};
	assert_int_equal(store_case_set_moderated(fx->st, fx->case_id, true, &err), 0);
	assert_int_equal(store_case_set_moderated(fx->st, fx->case_b, true, &err), 0);
	assert_int_equal(store_audit_set_status(fx->st, fx->audit_id, AUDIT_CLOSED, NULL, &err), 0);
	ui_key(&fx->ui, 'g');
	ui_key(&fx->ui, UI_KEY_TAB);
	type(&fx->ui, "Zoë");
	ui_key(&fx->ui, UI_KEY_TAB);
	ui_key(&fx->ui, UI_KEY_DOWN);
	struct ui_answer *ua = &fx->ui.answer;
	assert_true(fx->ui.status_is_error);
	assert_int_equal(ua->cur, 0); /* stayed */
	char *text = editbuf_text(ua->edit, NULL);
	assert_string_equal(text, "Zoë");
	free(text);
	assert_string_equal(ui_answer_value(ua, 0), "good");
	ui_key(&fx->ui, UI_KEY_ESC); /* leaving is refused too */
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	ui_key(&fx->ui, ']');
	assert_int_equal(ua->case_idx, 0);
	/* Reopened, the same move saves it. */
	assert_int_equal(
	    store_audit_set_status(fx->st, fx->audit_id, AUDIT_MODERATION, "typo", &err), 0);
	ui_key(&fx->ui, UI_KEY_DOWN);
	assert_false(fx->ui.status_is_error);
	assert_null(fx->ui.status);
	assert_int_equal(ua->cur, 1);
	bool found;
	struct answer a =
	    saved(fx, fx->tpl->agencies.items[0].id, fx->tpl->questions[0].id, &found);
	assert_string_equal(a.evidence, "Zoë");
	answer_free(&a);
}

static void test_keys_are_data(void **state)
{
	(void)state;
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_OVERVIEW, 'a'), UI_ACTION_ANSWER);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_ANSWER, UI_KEY_TAB), UI_ACTION_EDIT_EVIDENCE);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_ANSWER, UI_KEY_CTRL_G), UI_ACTION_GUIDANCE);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_ANSWER, ']'), UI_ACTION_NEXT_CASE);
	assert_int_equal(ui_keymap_lookup(UI_SCREEN_ANSWER, 'q'), UI_ACTION_QUIT);
}

static void test_guidance_toggles(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	assert_false(fx->ui.answer.guidance);
	ui_key(&fx->ui, UI_KEY_CTRL_G);
	assert_true(fx->ui.answer.guidance);
	ui_key(&fx->ui, UI_KEY_CTRL_G);
	assert_false(fx->ui.answer.guidance);
	ui_key(&fx->ui, UI_KEY_END);
	assert_int_equal(fx->ui.answer.cur, fx->ui.answer.nitems - 1);
	assert_true(fx->ui.answer.items[fx->ui.answer.cur].is_prompt);
}

/* An answer given, then its case removed (from Cases, or by another maca): u says once that
 * the change cannot be undone, in words, and forgets it. */
static void test_undo_after_the_case_is_removed(void **state)
{
	struct fixture *fx = *state;
	open_answering(fx, 0);
	assert_int_equal(fx->ui.answer.cases[fx->ui.answer.case_idx].id, fx->case_id);
	ui_key(&fx->ui, 'g');
	bool found;
	struct answer a = saved(fx, fx->ui.answer.agency, fx->tpl->questions[0].id, &found);
	assert_true(found);
	answer_free(&a);
	ui_key(&fx->ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_OVERVIEW);
	struct maca_err err = {0};
	assert_int_equal(store_case_remove(fx->st, fx->case_id, &err), MACA_OK);
	ui_key(&fx->ui, 'a');
	ui_key(&fx->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&fx->ui), UI_SCREEN_ANSWER);
	ui_key(&fx->ui, 'u');
	assert_true(fx->ui.status_is_error);
	assert_true(strncmp(fx->ui.status, "Cannot be undone: Child A, ", 27) == 0);
	assert_non_null(strstr(fx->ui.status, ": section 1, question 1, as its case or agency was "
					      "removed since"));
	ui_key(&fx->ui, 'u');
	assert_non_null(strstr(fx->ui.status, "Nothing to undo"));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_agency_chooser),
	    T(test_grade_key_saves_at_once),
	    T(test_no_save_without_change),
	    T(test_evidence_required_flag),
	    T(test_delete_clears_the_evidence),
	    T(test_yes_no_question),
	    T(test_text_question),
	    T(test_prompts_saved_as_notes),
	    T(test_leaving_the_editor_saves),
	    T(test_save_on_quit),
	    T(test_closed_audit_keeps_the_text),
	    T(test_undo_after_the_case_is_removed),
	    cmocka_unit_test(test_keys_are_data),
	    T(test_guidance_toggles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
