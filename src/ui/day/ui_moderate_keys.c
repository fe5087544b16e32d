/* Moderation's keys (see ui_moderate.h): moving among questions, sections, cases, agencies
 * and views (saving the text typed first), a value key agreeing the answer at once, and the
 * keys of the rationale or summary being typed. Above the state (ui_moderate.c) and the
 * saves (ui_moderate_save.c), which never call back up here. */
#include "ui_moderate.h"

#include <stdint.h>
#include <stdlib.h>

#include "ui_editkeys.h"
#include "ui_value_keys.h"
#include "ui_view.h"

/* The next or previous question, going on into the next or previous section at its ends. */
static void step_question(struct ui_moderate *um, bool forward)
{
	const struct template *t = um->tpl;
	if (forward && um->question + 1 < t->sections[um->section].nquestions) {
		um->question++;
	} else if (!forward && um->question > 0) {
		um->question--;
	} else {
		size_t s = um->section;
		/* Sections without questions are stepped over. */
		do {
			s = forward ? s + 1 : s - 1;
		} while (s < t->nsections && t->sections[s].nquestions == 0);
		if (s >= t->nsections)
			return;
		um->section = s;
		um->question = forward ? 0 : t->sections[s].nquestions - 1;
	}
}

/* The next agency (or the previous) taking part, round again. */
static void step_agency(struct ui_moderate *um, bool forward)
{
	size_t n = um->agencies.n;
	if (n == 0)
		return;
	if (um->agency >= n)
		um->agency = forward ? 0 : n - 1;
	else
		um->agency = (um->agency + (forward ? 1 : n - 1)) % n;
	um->to_agency = um->view == UI_MODERATE_QUESTION;
	um->evidence_top = 0;
}

int ui_moderate_move(struct ui_moderate *um, struct store *st, enum ui_action action,
		     struct maca_err *err)
{
	size_t page = um->page_rows > 2 ? (size_t)um->page_rows - 1 : 1;
	size_t *top = um->view == UI_MODERATE_EVIDENCE ? &um->evidence_top : &um->read_top;
	/* In the grid, PgUp, PgDn, Home and End move among the section's questions; reading,
	 * they scroll what is read. */
	bool grid_move = um->view == UI_MODERATE_GRID &&
			 (action == UI_ACTION_PAGE_UP || action == UI_ACTION_PAGE_DOWN ||
			  action == UI_ACTION_FIRST || action == UI_ACTION_LAST);
	switch (grid_move ? UI_ACTION_NONE : action) {
	case UI_ACTION_PAGE_UP:
		*top = *top > page ? *top - page : 0;
		return MACA_OK;
	case UI_ACTION_PAGE_DOWN:
		*top += page; /* the view holds it to the text's end */
		return MACA_OK;
	case UI_ACTION_FIRST:
		*top = 0;
		return MACA_OK;
	case UI_ACTION_LAST:
		*top = SIZE_MAX / 2; /* the view holds it to the text's end */
		return MACA_OK;
	case UI_ACTION_NEXT_AGENCY:
	case UI_ACTION_PREV_AGENCY:
		step_agency(um, action == UI_ACTION_NEXT_AGENCY);
		return MACA_OK;
	case UI_ACTION_READ_EVIDENCE:
		if (um->agency >= um->agencies.n)
			um->agency = 0;
		um->view =
		    um->view == UI_MODERATE_EVIDENCE ? UI_MODERATE_QUESTION : UI_MODERATE_EVIDENCE;
		um->evidence_top = 0;
		um->to_agency = um->view == UI_MODERATE_QUESTION;
		return MACA_OK;
	case UI_ACTION_GRID:
		return ui_moderate_show(
		    um, st, um->view == UI_MODERATE_GRID ? UI_MODERATE_QUESTION : UI_MODERATE_GRID,
		    err);
	case UI_ACTION_GUIDANCE:
		um->guidance = !um->guidance;
		return MACA_OK;
	case UI_ACTION_TOGGLE_SUMMARY:
		um->show_summary = !um->show_summary;
		return MACA_OK;
	default:
		break;
	}
	if (ui_moderate_save(um, st, err))
		return err->status;
	size_t old_case = um->case_idx, old_section = um->section, old_question = um->question;
	const struct template *t = um->tpl;
	switch (action) {
	case UI_ACTION_UP:
	case UI_ACTION_DOWN:
		if (um->view == UI_MODERATE_EVIDENCE) {
			/* Reading one agency full screen, the arrows scroll it. */
			um->evidence_top = action == UI_ACTION_UP
					       ? um->evidence_top - (um->evidence_top > 0)
					       : um->evidence_top + 1;
			return MACA_OK;
		}
		step_question(um, action == UI_ACTION_DOWN);
		break;
	case UI_ACTION_LEFT:
	case UI_ACTION_RIGHT:
		if (action == UI_ACTION_LEFT && um->section > 0)
			um->section--;
		else if (action == UI_ACTION_RIGHT && um->section + 1 < t->nsections)
			um->section++;
		um->question = 0;
		break;
	case UI_ACTION_PAGE_UP:
	case UI_ACTION_PAGE_DOWN:
	case UI_ACTION_FIRST:
	case UI_ACTION_LAST:
		ui_view_move(&um->question, t->sections[um->section].nquestions, action, 5);
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
	/* A section without questions is shown empty; the walk never stops on one. */
	if (um->question >= t->sections[um->section].nquestions)
		um->question = 0;
	if (um->case_idx != old_case)
		return ui_moderate_load_case(um, st, err);
	if (um->section == old_section && um->question == old_question)
		return MACA_OK;
	return ui_moderate_question_changed(um, st, err);
}

void ui_moderate_edit(struct ui_moderate *um)
{
	um->editing = true;
	um->view = um->view == UI_MODERATE_EVIDENCE ? UI_MODERATE_QUESTION : um->view;
	/* The editor grows over the reading: the agency in focus is brought back into view. */
	um->to_agency = um->view == UI_MODERATE_QUESTION && um->agency < um->agencies.n;
}

/* What the editor holds, for messages about its limit. */
static const char *what(const struct ui_moderate *um)
{
	return ui_moderate_current(um)->kind == QUESTION_TEXT ? "The agreed summary"
							      : "The rationale";
}

int ui_moderate_edit_key(struct ui_moderate *um, struct store *st, int key, int width,
			 struct maca_err *err)
{
	if (ui_bindings_lookup(ui_edit_finish_keys, ui_edit_finish_nkeys, key) ==
	    UI_ACTION_FINISH_EDIT) {
		um->editing = false;
		return ui_moderate_save(um, st, err);
	}
	switch (ui_edit_key(um->text, key, width, 3, true)) {
	case UI_EDIT_ENOMEM:
		return err_set(err, MACA_ENOMEM, "out of memory");
	case UI_EDIT_TOO_LONG:
		return ui_edit_full(um->text, what(um), err);
	default:
		return MACA_OK;
	}
}

int ui_moderate_edit_text(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (editbuf_insert_wide(um->text, s, n) == EDITBUF_ENOMEM)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}

int ui_moderate_paste(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (!um->editing || !um->text)
		return err_set(err, MACA_EUSER, "Nothing was pasted: Tab opens %s to paste into",
			       ui_moderate_current(um)->kind == QUESTION_TEXT ? "the agreed summary"
									      : "the rationale");
	return ui_edit_paste(um->text, s, n, what(um), err);
}

bool ui_moderate_key(struct ui_moderate *um, struct store *st, int key, int *rc,
		     struct maca_err *err)
{
	*rc = MACA_OK;
	if (!ui_value_key_class(key))
		return false;
	/* A letter or digit here agrees an answer, or does nothing: it never moves. */
	const struct question *q = ui_moderate_current(um);
	const char *v = q->kind != QUESTION_TEXT ? ui_value_for_key(um->tpl, q->kind, key) : NULL;
	if (v)
		*rc = ui_moderate_set_value(um, st, v, err);
	else if (q->kind == QUESTION_GRADED)
		*rc =
		    err_set(err, MACA_EUSER, "'%c' is no grade here: Enter lists the grades", key);
	else if (q->kind == QUESTION_YESNO)
		*rc = err_set(err, MACA_EUSER,
			      "'%c' is no answer here: y yes, n no, p partly, k not known", key);
	else
		*rc = err_set(err, MACA_EUSER,
			      "'%c' sets nothing here: Tab writes the group's agreed summary", key);
	return true;
}

size_t ui_moderate_value_keys(const struct ui_moderate *um, struct ui_binding *out)
{
	if (!um->tpl || um->editing)
		return 0;
	const struct question *q = ui_moderate_current(um);
	return q->kind != QUESTION_TEXT ? ui_value_bindings(um->tpl, q->kind, "agree", out) : 0;
}
