/* Moderation's keys (see ui_moderate.h): moving saves the rationale first, a grade key agrees
 * the grade at once, Enter saves the rationale being typed. */
#include "ui_moderate.h"

#include "ui_editkeys.h"
#include "ui_value_keys.h"
#include "ui_view.h"

int ui_moderate_move(struct ui_moderate *um, struct store *st, enum ui_action action,
		     struct maca_err *err)
{
	if (ui_moderate_save(um, st, err))
		return err->status;
	const struct section *sec = &um->tpl->sections[um->section];
	size_t old_case = um->case_idx;
	switch (action) {
	case UI_ACTION_UP:
	case UI_ACTION_DOWN:
	case UI_ACTION_PAGE_UP:
	case UI_ACTION_PAGE_DOWN:
	case UI_ACTION_FIRST:
	case UI_ACTION_LAST:
		ui_view_move(&um->question, sec->nquestions, action, 5);
		break;
	case UI_ACTION_LEFT:
	case UI_ACTION_RIGHT:
		if (action == UI_ACTION_LEFT && um->section > 0)
			um->section--;
		else if (action == UI_ACTION_RIGHT && um->section + 1 < um->tpl->nsections)
			um->section++;
		um->question = 0;
		break;
	case UI_ACTION_PREV_CASE:
		um->case_idx -= um->case_idx > 0;
		break;
	case UI_ACTION_NEXT_CASE:
		um->case_idx += um->case_idx + 1 < um->ncases;
		break;
	default:
		return MACA_OK;
	}
	if (um->case_idx != old_case)
		return ui_moderate_load_case(um, st, err);
	return ui_moderate_load_rationale(um, err);
}

bool ui_moderate_key(struct ui_moderate *um, struct store *st, int key, int *rc,
		     struct maca_err *err)
{
	*rc = MACA_OK;
	if (!ui_value_key_class(key))
		return false;
	/* A letter or digit here agrees a grade, or does nothing: it never moves. */
	const struct question *q = &um->tpl->questions[ui_moderate_qindex(um)];
	const char *v = q->kind == QUESTION_GRADED ? ui_value_for_key(um->tpl, q->kind, key) : NULL;
	if (v)
		*rc = ui_moderate_set_grade(um, st, v, err);
	else if (q->kind == QUESTION_GRADED)
		*rc =
		    err_set(err, MACA_EUSER, "'%c' is no grade here: Enter lists the grades", key);
	else
		*rc = err_set(err, MACA_EUSER,
			      "'%c' sets nothing here: only graded questions take an agreed grade",
			      key);
	return true;
}

size_t ui_moderate_value_keys(const struct ui_moderate *um, struct ui_binding *out)
{
	if (!um->tpl || um->editing)
		return 0;
	const struct question *q = &um->tpl->questions[ui_moderate_qindex(um)];
	return q->kind == QUESTION_GRADED ? ui_value_bindings(um->tpl, q->kind, "agree", out) : 0;
}

int ui_moderate_edit_key(struct ui_moderate *um, struct store *st, int key, int width,
			 struct maca_err *err)
{
	if (ui_bindings_lookup(ui_edit_finish_keys, ui_edit_finish_nkeys, key) ==
	    UI_ACTION_FINISH_EDIT) {
		um->editing = false;
		return ui_moderate_save(um, st, err);
	}
	switch (ui_edit_key(um->rationale, key, width, 3, true)) {
	case UI_EDIT_ENOMEM:
		return err_set(err, MACA_ENOMEM, "out of memory");
	case UI_EDIT_TOO_LONG:
		return ui_edit_full(um->rationale, "The rationale", err);
	default:
		return MACA_OK;
	}
}

int ui_moderate_paste(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (!um->editing || !um->rationale)
		return err_set(err, MACA_EUSER,
			       "Nothing was pasted: Tab opens the rationale to paste into");
	return ui_edit_paste(um->rationale, s, n, "the rationale", err);
}
