/* Answering's saves (see ui_answer.h): a value key's at once, the text when the item is left;
 * each conditional on what the screen read (the store's *_if saves), each remembered for undo;
 * and what happens after a conflict, once the user has chosen. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_answer_internal.h"

/* Copies s into *slot (freeing what it held); false when out of memory. */
static bool replace(char **slot, const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		return false;
	free(*slot);
	*slot = d;
	return true;
}

/* "Child A, Police: section 2, question 3" (or the prompt's label). */
static char *item_words(const struct ui_answer *ua, size_t item)
{
	const struct ui_answer_item *it = &ua->items[item];
	size_t n = 0;
	for (size_t k = 0; k <= item; k++)
		n += ua->items[k].section == it->section && ua->items[k].is_prompt == it->is_prompt;
	if (it->is_prompt)
		return str_fmt("%s, %s: section %zu, %s", ua->cases[ua->case_idx].reference,
			       ua->agency_name, it->section + 1, ua->tpl->prompts[it->index].label);
	return str_fmt("%s, %s: section %zu, question %zu", ua->cases[ua->case_idx].reference,
		       ua->agency_name, it->section + 1, n);
}

/* Remembers a change just saved, for u (a change that cannot be remembered still stands). */
static void remember(struct ui_answer *ua, const char *before0, const char *after0,
		     const char *before1, const char *after1)
{
	if (!ua->undo)
		return;
	const struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = ui_answer_question(ua, ua->cur);
	char *what = item_words(ua, ua->cur);
	struct ui_change c = {
	    .kind = q ? UI_CHANGE_ANSWER : UI_CHANGE_NOTE,
	    .case_id = ua->cases[ua->case_idx].id,
	    .agency = ua->agency,
	    .item = q ? q->id : ua->tpl->sections[it->section].id,
	    .item2 = q ? NULL : ua->tpl->prompts[it->index].id,
	    .before = {(char *)before0, (char *)before1},
	    .after = {(char *)after0, (char *)after1},
	    .what = what,
	};
	ui_undo_push(ua->undo, &c);
	free(what);
}

/* The value and evidence out of an answer the store filled; the rest is freed. */
static void split(struct answer *a, char **value, char **evidence)
{
	*value = a->value;
	*evidence = a->evidence;
	a->value = a->evidence = NULL;
	answer_free(a);
}

/* A save refused because the record changed: what it holds now is kept for the question the
 * screen asks. */
static int conflicted(struct ui_answer *ua, bool value_only, char *now0, char *now1,
		      struct store_change *by, int rc)
{
	ui_answer_conflict_clear(ua);
	ua->conflict = (struct ui_answer_conflict){
	    .open = true, .value_only = value_only, .now = {now0, now1}, .by = *by};
	*by = (struct store_change){0};
	return rc;
}

int ui_answer_save(struct ui_answer *ua, struct store *st, struct maca_err *err)
{
	if (!ua->open || !ua->edit || !ui_answer_unsaved(ua))
		return MACA_OK;
	struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = ui_answer_question(ua, ua->cur);
	size_t len;
	char *text = editbuf_text(ua->edit, &len);
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int64_t case_id = ua->cases[ua->case_idx].id;
	bool text_q = q && q->kind == QUESTION_TEXT;
	struct answer expected = {.value = it->value, .evidence = it->evidence};
	struct answer now = {0};
	char *note_now = NULL;
	struct store_change by = {0};
	int rc;
	if (!q)
		rc = store_note_save_if(st, case_id, ua->agency, ua->tpl->sections[it->section].id,
					ua->tpl->prompts[it->index].id, text, it->evidence,
					&note_now, &by, err);
	else if (text_q)
		rc = store_answer_save_if(st, case_id, ua->agency, q->id, text, NULL, &expected,
					  &now, &by, err);
	else /* the value too when it was set but not saved; else it stays as it is */
		rc = store_answer_save_if(st, case_id, ua->agency, q->id,
					  strcmp(ua->value, it->value) != 0 ? ua->value : NULL,
					  text, &expected, &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		free(text);
		if (!q)
			return conflicted(ua, false, NULL, note_now, &by, rc);
		char *v, *e;
		split(&now, &v, &e);
		if (text_q) {
			free(e);
			return conflicted(ua, false, NULL, v, &by, rc);
		}
		return conflicted(ua, false, v, e, &by, rc);
	}
	answer_free(&now);
	free(note_now);
	store_change_free(&by);
	if (rc) {
		free(text);
		return rc;
	}
	if (!q)
		remember(ua, it->evidence, text, NULL, NULL);
	else if (text_q)
		remember(ua, it->value, text, NULL, NULL);
	else if (strcmp(ua->value, it->value) != 0)
		remember(ua, it->value, ua->value, it->evidence, text);
	else
		remember(ua, NULL, NULL, it->evidence, text);
	/* Keep the walk's copy in step with what was saved. */
	char **saved_text = text_q ? &it->value : &it->evidence;
	free(*saved_text);
	*saved_text = text;
	if (q && !text_q && !replace(&it->value, ua->value))
		return err_set(err, MACA_ENOMEM, "out of memory");
	editbuf_mark_saved(ua->edit);
	return MACA_OK;
}

int ui_answer_set_value(struct ui_answer *ua, struct store *st, const char *value,
			struct maca_err *err)
{
	if (!ua->open)
		return MACA_OK;
	const struct question *q = ui_answer_question(ua, ua->cur);
	if (!q || q->kind == QUESTION_TEXT)
		return ui_answer_clear_text(ua, st, err);
	struct ui_answer_item *it = &ua->items[ua->cur];
	if (strcmp(it->value, value) == 0 && strcmp(ua->value, value) == 0)
		return MACA_OK;
	/* Shown at once; when it cannot be saved (the database is busy, the audit closed,
	 * someone else changed it) it stays as set, to be saved when the question is left.
	 */
	if (!replace(&ua->value, value))
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct answer expected = {.value = it->value, .evidence = it->evidence};
	struct answer now = {0};
	struct store_change by = {0};
	/* The value alone: the text being typed is saved when the question is left. */
	int rc = store_answer_save_if(st, ua->cases[ua->case_idx].id, ua->agency, q->id, value,
				      NULL, &expected, &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		char *v, *e;
		split(&now, &v, &e);
		free(e);
		return conflicted(ua, true, v, NULL, &by, rc);
	}
	answer_free(&now);
	store_change_free(&by);
	if (rc)
		return rc;
	remember(ua, it->value, value, NULL, NULL);
	return replace(&it->value, value) ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int ui_answer_clear_text(struct ui_answer *ua, struct store *st, struct maca_err *err)
{
	if (!ua->open || !ua->edit)
		return MACA_OK;
	/* Emptied as backspacing would, then saved as an edit is. */
	editbuf_clear(ua->edit);
	ua->editor_top = 0;
	return ui_answer_save(ua, st, err);
}

/* The record as the screen now reads it: what someone else saved becomes the item's own. */
static bool adopt(struct ui_answer *ua)
{
	struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = ui_answer_question(ua, ua->cur);
	char *const *now = ua->conflict.now;
	if (!q)
		return !now[1] || replace(&it->evidence, now[1]);
	if (q->kind == QUESTION_TEXT)
		return !now[1] || replace(&it->value, now[1]);
	/* A value the user did not set follows theirs; one they set stays theirs to keep.
	 */
	bool set_here = strcmp(ua->value, it->value) != 0;
	return (!now[0] || set_here || replace(&ua->value, now[0])) &&
	       (!now[0] || replace(&it->value, now[0])) &&
	       (!now[1] || replace(&it->evidence, now[1]));
}

/* The screen shows the record as it is now: after an undo, or when the user took theirs. */
static int read_again(struct ui_answer *ua, struct store *st, struct maca_err *err)
{
	/* Nothing is being typed now (it was saved first), so the current item is read
	 * afresh. */
	free(ua->value);
	ua->value = strdup(ua->items[ua->cur].value);
	if (!ua->value)
		return err_set(err, MACA_ENOMEM, "out of memory");
	ua->editing = false;
	return ui_answer_reload(ua, st, err);
}

int ui_answer_resolve(struct ui_answer *ua, struct store *st, enum ui_action choice,
		      struct maca_err *err)
{
	if (!ua->open || !ua->conflict.open)
		return MACA_OK;
	struct ui_answer_conflict c = ua->conflict;
	int rc = MACA_OK;
	if (c.undoing) {
		ua->conflict.open = false;
		if (choice == UI_ACTION_KEEP_MINE)
			rc = ui_answer_undo_apply(ua, st, true, err);
		else if (choice == UI_ACTION_TAKE_THEIRS && ua->undo)
			ui_undo_drop(ua->undo);
		ui_answer_conflict_clear(ua);
		return rc;
	}
	if (choice == UI_ACTION_KEEP_EDITING) {
		ui_answer_conflict_clear(ua);
		return MACA_OK;
	}
	if (!adopt(ua)) {
		ui_answer_conflict_clear(ua);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	ui_answer_conflict_clear(ua);
	if (choice == UI_ACTION_TAKE_THEIRS)
		return ui_answer_load_current(ua, err);
	/* Keep mine: the same save again, now expecting what is there. */
	if (c.value_only) {
		char *mine = strdup(ua->value);
		if (!mine)
			return err_set(err, MACA_ENOMEM, "out of memory");
		rc = ui_answer_set_value(ua, st, mine, err);
		free(mine);
		return rc;
	}
	return ui_answer_save(ua, st, err);
}

/* Whether the current item is all text: a text question or a prompt. */
static bool text_only(const struct ui_answer *ua)
{
	const struct question *q = ui_answer_question(ua, ua->cur);
	return !q || q->kind == QUESTION_TEXT;
}

/* The text of a value or a text, as the conflict screen shows it. */
static void describe(struct sbuf *b, const struct ui_answer *ua, const char *value,
		     const char *text)
{
	const struct question *q = ui_answer_question(ua, ua->cur);
	if (value && q && q->kind != QUESTION_TEXT) {
		const char *label = "";
		if (*value) {
			int g = template_grade_index(ua->tpl, value);
			label = g >= 0 ? ua->tpl->grades[g].label : value;
			for (size_t i = 0; q->kind == QUESTION_YESNO && i < 4; i++)
				if (strcmp(template_yesno_values[i].id, value) == 0)
					label = template_yesno_values[i].label;
		}
		sbuf_addf(b, "%s: %s\n", q->kind == QUESTION_GRADED ? "Grade" : "Answer",
			  *label ? label : "(none)");
	}
	if (text)
		sbuf_addf(b, "%s: %s\n",
			  !q			     ? "Note"
			  : q->kind == QUESTION_TEXT ? "Answer"
						     : "Evidence",
			  *text ? text : "(none)");
}

void ui_answer_conflict_texts(const struct ui_answer *ua, char **what, char **theirs, char **mine)
{
	const struct ui_answer_conflict *c = &ua->conflict;
	struct sbuf t = {0}, m = {0};
	char *words = item_words(ua, ua->cur);
	*what = words ? str_fmt("The answer (%s)", words) : NULL;
	free(words);
	describe(&t, ua, c->now[0], c->now[1]);
	char *typed = NULL;
	if (c->undoing) {
		const struct ui_change *u = ua->undo ? ui_undo_last(ua->undo) : NULL;
		if (u && text_only(ua))
			describe(&m, ua, NULL, u->before[0]);
		else if (u)
			describe(&m, ua, u->before[0], u->before[1]);
	} else {
		typed = c->value_only ? NULL : editbuf_text(ua->edit, NULL);
		bool value_set = strcmp(ua->value, ua->items[ua->cur].value) != 0;
		describe(&m, ua, c->value_only || value_set ? ua->value : NULL,
			 c->value_only ? NULL : typed);
	}
	free(typed);
	*theirs = sbuf_take(&t);
	*mine = sbuf_take(&m);
}

/* The walk on the item a change was about, when it is this case's and agency's. */
static void show_item(struct ui_answer *ua, const struct ui_change *c)
{
	if (!c || c->case_id != ua->cases[ua->case_idx].id || strcmp(c->agency, ua->agency) != 0)
		return;
	for (size_t i = 0; i < ua->nitems; i++) {
		const struct question *q = ui_answer_question(ua, i);
		const struct ui_answer_item *it = &ua->items[i];
		bool same = q ? c->kind == UI_CHANGE_ANSWER && strcmp(q->id, c->item) == 0
			      : c->kind == UI_CHANGE_NOTE &&
				    strcmp(ua->tpl->sections[it->section].id, c->item) == 0 &&
				    strcmp(ua->tpl->prompts[it->index].id, c->item2) == 0;
		if (same)
			ua->cur = i;
	}
}

int ui_answer_undo_apply(struct ui_answer *ua, struct store *st, bool force, struct maca_err *err)
{
	if (!ua->undo)
		return err_set(err, MACA_EUSER, "Nothing to undo");
	const struct ui_change *last = ui_undo_last(ua->undo);
	size_t at = ua->cur;
	if (last) {
		show_item(ua, last);
		if (ua->cur != at && ui_answer_load_current(ua, err))
			return err->status;
	}
	char *now[2];
	struct store_change by = {0};
	int rc = ui_undo_apply(ua->undo, st, force, now, &by, err);
	if (rc == MACA_ECONFLICT) {
		if (text_only(ua))
			conflicted(ua, false, NULL, now[0], &by, rc);
		else
			conflicted(ua, false, now[0], now[1], &by, rc);
		ua->conflict.undoing = true;
		return rc;
	}
	store_change_free(&by);
	return rc ? rc : read_again(ua, st, err);
}

int ui_answer_undo(struct ui_answer *ua, struct store *st, struct maca_err *err)
{
	if (!ua->open)
		return MACA_OK;
	/* What is being typed is a change too: saved first, so that u undoes it. */
	int rc = ui_answer_save(ua, st, err);
	return rc ? rc : ui_answer_undo_apply(ua, st, false, err);
}
