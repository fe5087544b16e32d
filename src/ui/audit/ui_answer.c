/* Answering (see ui_answer.h): moving, keys and what the walk shows. Reading it from the
 * store is ui_answer_load.c's, saving it ui_answer_save.c's. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui_answer_internal.h"
#include "ui_editkeys.h"
#include "ui_find.h"
#include "ui_value_keys.h"

/* Whether the text has anything but spaces. */
static bool has_text(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return true;
	return false;
}

static bool edit_has_text(const struct editbuf *eb)
{
	size_t len;
	const wchar_t *w = editbuf_wtext(eb, &len);
	for (size_t i = 0; i < len; i++)
		if (!iswspace((wint_t)w[i]))
			return true;
	return false;
}

/* The first item of the section after (or before, dir < 0) the current one's. */
static size_t section_start(const struct ui_answer *ua, int dir)
{
	size_t s = ua->items[ua->cur].section;
	if (dir > 0) {
		for (size_t i = ua->cur; i < ua->nitems; i++)
			if (ua->items[i].section != s)
				return i;
		return ua->cur;
	}
	size_t i = ua->cur;
	while (i > 0 && ua->items[i - 1].section == s)
		i--;
	if (i == ua->cur && i > 0) { /* at a section's start: the previous section's start */
		s = ua->items[i - 1].section;
		while (i > 0 && ua->items[i - 1].section == s)
			i--;
	}
	return i;
}

static int move_case(struct ui_answer *ua, struct store *st, size_t to, struct maca_err *err)
{
	if (to == ua->case_idx)
		return MACA_OK;
	size_t old = ua->case_idx;
	ua->case_idx = to;
	int rc = ui_answer_load_items(ua, st, err);
	if (rc) {
		ua->case_idx = old;
		/* The old case's items went with the failed load: read them again. */
		struct maca_err again = {0};
		if (ui_answer_load_items(ua, st, &again))
			err_clear(&again);
		return rc;
	}
	return MACA_OK;
}

int ui_answer_act(struct ui_answer *ua, struct store *st, enum ui_action action,
		  struct maca_err *err)
{
	if (!ua->open)
		return MACA_OK;
	size_t to = ua->cur;
	switch (action) {
	case UI_ACTION_GUIDANCE:
		ua->guidance = !ua->guidance;
		return MACA_OK;
	case UI_ACTION_EDIT_EVIDENCE:
		ua->editing = true;
		return MACA_OK;
	case UI_ACTION_UP:
		to -= to > 0;
		break;
	case UI_ACTION_DOWN:
		to += to + 1 < ua->nitems;
		break;
	case UI_ACTION_PAGE_UP:
		to = section_start(ua, -1);
		break;
	case UI_ACTION_PAGE_DOWN:
		to = section_start(ua, 1);
		break;
	case UI_ACTION_FIRST:
		to = 0;
		break;
	case UI_ACTION_LAST:
		to = ua->nitems - 1;
		break;
	case UI_ACTION_PREV_CASE:
	case UI_ACTION_NEXT_CASE: {
		size_t c = ua->case_idx;
		if (action == UI_ACTION_PREV_CASE)
			c -= c > 0;
		else
			c += c + 1 < ua->ncases;
		if (c == ua->case_idx)
			return MACA_OK;
		int rc = ui_answer_save(ua, st, err);
		return rc ? rc : move_case(ua, st, c, err);
	}
	default:
		return MACA_OK;
	}
	if (to == ua->cur)
		return MACA_OK;
	int rc = ui_answer_save(ua, st, err);
	if (rc)
		return rc;
	ua->cur = to;
	return ui_answer_load_current(ua, err);
}

static bool item_matches(const void *ctx, size_t i, const char *query)
{
	const struct ui_answer *ua = ctx;
	const struct question *q = ui_answer_question(ua, i);
	if (q)
		return ui_find_match(q->text, query);
	const struct prompt *p = &ua->tpl->prompts[ua->items[i].index];
	return ui_find_match(p->label, query) || ui_find_match(p->text, query);
}

int ui_answer_find(struct ui_answer *ua, struct store *st, const char *query, int dir, bool *found,
		   struct maca_err *err)
{
	*found = false;
	if (!ua->open)
		return MACA_OK;
	size_t to = ua->nitems;
	size_t c = ua->ncases;
	for (size_t i = 0; i < ua->ncases; i++)
		if (ui_find_same(ua->cases[i].reference, query))
			c = i;
	if (c == ua->ncases)
		to = ui_find_next(ua->cur, ua->nitems, dir, item_matches, ua, query);
	if (c == ua->ncases && to == ua->nitems)
		return MACA_OK;
	*found = true;
	int rc = ui_answer_save(ua, st, err);
	if (rc)
		return rc;
	if (c < ua->ncases)
		return move_case(ua, st, c, err);
	if (to == ua->cur)
		return MACA_OK;
	ua->cur = to;
	return ui_answer_load_current(ua, err);
}

/* What the editor holds, as messages name it. */
static const char *editor_name(const struct ui_answer *ua, bool capital)
{
	const struct question *q = ui_answer_question(ua, ua->cur);
	if (q && q->kind == QUESTION_TEXT)
		return capital ? "The answer" : "the answer";
	return capital ? "The evidence" : "the evidence";
}

/* Leaving the editor saves what was typed, as moving on does: a chair who presses Esc
 * takes the text as done, and a crash after it must not lose it. */
static int edit_key(struct ui_answer *ua, struct store *st, int key, struct maca_err *err)
{
	if (ui_bindings_lookup(ui_edit_finish_keys, ui_edit_finish_nkeys, key) ==
	    UI_ACTION_FINISH_EDIT) {
		ua->editing = false;
		return ui_answer_save(ua, st, err);
	}
	int width = ua->text_width > 0 ? ua->text_width : 60;
	int page = ua->page_rows > 0 ? ua->page_rows : 5;
	switch (ui_edit_key(ua->edit, key, width, page, true)) {
	case UI_EDIT_ENOMEM:
		return err_set(err, MACA_ENOMEM, "out of memory");
	case UI_EDIT_TOO_LONG:
		return ui_edit_full(ua->edit, editor_name(ua, true), err);
	default:
		return MACA_OK;
	}
}

static enum question_kind item_kind(const struct ui_answer *ua, size_t item)
{
	const struct question *q = ui_answer_question(ua, item);
	return q ? q->kind : QUESTION_TEXT;
}

size_t ui_answer_value_keys(const struct ui_answer *ua, struct ui_binding *out)
{
	if (!ua->open || ua->editing)
		return 0;
	enum question_kind kind = item_kind(ua, ua->cur);
	return ui_value_bindings(ua->tpl, kind, kind == QUESTION_GRADED ? "grade" : "answer", out);
}

bool ui_answer_key(struct ui_answer *ua, struct store *st, int key, int *rc, struct maca_err *err)
{
	*rc = MACA_OK;
	if (!ua->open)
		return false;
	if (ua->editing) {
		*rc = edit_key(ua, st, key, err);
		return true;
	}
	if (!ui_value_key_class(key))
		return false;
	/* A letter or digit here sets a value, or does nothing: it never moves. */
	enum question_kind kind = item_kind(ua, ua->cur);
	const char *v = ui_value_for_key(ua->tpl, kind, key);
	if (v)
		*rc = ui_answer_set_value(ua, st, v, err);
	else if (kind == QUESTION_TEXT)
		*rc = err_set(err, MACA_EUSER, "'%c' sets nothing here: Tab writes the %s", key,
			      ui_answer_question(ua, ua->cur) ? "answer" : "note");
	else
		*rc = err_set(err, MACA_EUSER, "'%c' sets nothing here: Enter lists the %s", key,
			      kind == QUESTION_GRADED ? "grades" : "answers");
	return true;
}

int ui_answer_insert(struct ui_answer *ua, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (!ua->open)
		return MACA_OK;
	if (!ua->editing)
		return err_set(err, MACA_EUSER, "Nothing was pasted: Tab opens %s to paste into",
			       editor_name(ua, false));
	return ui_edit_paste(ua->edit, s, n, editor_name(ua, false), err);
}

const char *ui_answer_value(const struct ui_answer *ua, size_t item)
{
	return item == ua->cur && ua->value ? ua->value : ua->items[item].value;
}

bool ui_answer_needs_evidence(const struct ui_answer *ua, size_t item)
{
	const struct question *q = ui_answer_question(ua, item);
	if (!q || q->kind == QUESTION_TEXT)
		return false;
	if (!template_needs_evidence(ua->tpl, q, ui_answer_value(ua, item)))
		return false;
	if (item == ua->cur && ua->edit)
		return !edit_has_text(ua->edit);
	return !has_text(ua->items[item].evidence);
}

static bool item_answered(const struct ui_answer *ua, size_t item)
{
	const struct question *q = ui_answer_question(ua, item);
	if (!q)
		return false;
	if (q->kind == QUESTION_TEXT && item == ua->cur && ua->edit)
		return editbuf_length(ua->edit) > 0;
	return *ui_answer_value(ua, item) != '\0';
}

void ui_answer_progress(const struct ui_answer *ua, size_t *answered, size_t *total,
			size_t *flagged)
{
	*answered = *total = *flagged = 0;
	for (size_t i = 0; i < ua->nitems; i++) {
		if (ua->items[i].is_prompt)
			continue;
		(*total)++;
		*answered += item_answered(ua, i);
		*flagged += ui_answer_needs_evidence(ua, i);
	}
}

void ui_answer_position(const struct ui_answer *ua, size_t *i, size_t *n)
{
	const struct ui_answer_item *cur = &ua->items[ua->cur];
	*i = *n = 0;
	for (size_t k = 0; k < ua->nitems; k++) {
		const struct ui_answer_item *it = &ua->items[k];
		if (it->section != cur->section || it->is_prompt != cur->is_prompt)
			continue;
		(*n)++;
		if (k <= ua->cur)
			*i = *n;
	}
}

const char *ui_answer_value_label(const struct ui_answer *ua, size_t item)
{
	const struct question *q = ui_answer_question(ua, item);
	const char *v = ui_answer_value(ua, item);
	return q ? template_value_label(ua->tpl, q, v) : "";
}
