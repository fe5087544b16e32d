/* A form on screen: typing into its fields, moving between them, and writing the record
 * when it is saved. Opening each kind of form is ui_form_open.c's. */
#include "ui_form.h"

#include <stdlib.h>
#include <string.h>

#include "ui_editkeys.h"
#include "ui_view.h"

#include "disclosure_gate.h"

void ui_form_free(struct ui_form *uf)
{
	formfill_free(uf->ff);
	form_free(uf->form);
	template_free(uf->tpl);
	named_list_free(&uf->templates);
	named_list_free(&uf->agencies);
	named_list_free(&uf->cases);
	named_list_free(&uf->sections);
	named_list_free(&uf->audits);
	free(uf->field_tops);
	memset(uf, 0, sizeof *uf);
}

bool ui_form_is_learning(enum ui_form_purpose purpose)
{
	return purpose >= UI_FORM_NEW_GOOD_PRACTICE && purpose <= UI_FORM_EDIT_ACTION;
}

static const char *value(const struct record *rec, const char *field)
{
	const char *v = record_get(rec, field);
	return v ? v : "";
}

/* Writes a good practice item, learning point or action. Edits keep the item's own local
 * fields (the rows read for the screen do not carry them, so the form never showed them). */
static int write_learning(struct ui_form *uf, struct store *st, const struct record *rec,
			  const char *extra, struct maca_err *err)
{
	bool edit = uf->purpose == UI_FORM_EDIT_GOOD_PRACTICE ||
		    uf->purpose == UI_FORM_EDIT_LEARNING_POINT ||
		    uf->purpose == UI_FORM_EDIT_ACTION;
	int rc;
	if (uf->purpose == UI_FORM_NEW_GOOD_PRACTICE || uf->purpose == UI_FORM_EDIT_GOOD_PRACTICE) {
		struct good_practice_fields g = {.text = value(rec, "text"),
						 .agencies = value(rec, "agencies"),
						 .cases = value(rec, "cases"),
						 .extra_json = edit ? NULL : extra};
		rc = edit ? store_good_practice_update(st, uf->item_id, &g, err)
			  : store_good_practice_add(st, uf->audit_id, &g, &uf->saved_id, err);
	} else if (uf->purpose == UI_FORM_NEW_ACTION || uf->purpose == UI_FORM_EDIT_ACTION) {
		struct action_fields a = {.what = value(rec, "what"),
					  .owner_agency = value(rec, "owner_agency"),
					  .due_date = value(rec, "due_date"),
					  .measure = value(rec, "measure"),
					  .status = ACTION_NOT_STARTED,
					  .extra_json = edit ? NULL : extra};
		if (*value(rec, "status") && !action_status_parse(value(rec, "status"), &a.status))
			return err_set(err, MACA_EUSER, "unknown action status '%s'",
				       value(rec, "status"));
		rc = edit ? store_action_update(st, uf->item_id, &a, err)
			  : store_action_add(st, uf->lp_id, &a, &uf->saved_id, err);
	} else {
		struct named_list lists[3] = {{0}};
		static const char *const ids[3] = {"cases", "agencies", "sections"};
		bool ok = true;
		for (size_t i = 0; i < 3; i++)
			ok = ok && split_list(value(rec, ids[i]), &lists[i]);
		struct learning_point_fields lp = {.title = value(rec, "title"),
						   .text = value(rec, "text"),
						   .cases = &lists[0],
						   .agencies = &lists[1],
						   .sections = &lists[2],
						   .extra_json = edit ? NULL : extra};
		if (!ok)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		else if (edit)
			rc = store_learning_point_update(st, uf->item_id, &lp, err);
		else
			rc = store_learning_point_add(st, uf->audit_id, &lp, &uf->saved_id, NULL,
						      err);
		for (size_t i = 0; i < 3; i++)
			named_list_free(&lists[i]);
	}
	if (!rc && edit)
		uf->saved_id = uf->item_id;
	return rc;
}

/* Whether the form has a field: one written before maca knew it may not (form.c). */
static bool has(const struct ui_form *uf, const char *field)
{
	return form_field(uf->form, field) != NULL;
}

/* The agencies chosen, in the order of the choices, with their names. */
static bool chosen_agencies(const struct ui_form *uf, const struct record *rec,
			    struct named_list *out)
{
	struct named_list ids = {0};
	bool ok = split_list(value(rec, "agencies"), &ids);
	for (size_t i = 0; ok && i < uf->agencies.n; i++)
		if (named_find(&ids, uf->agencies.items[i].id))
			ok = named_add(out, uf->agencies.items[i].id, uf->agencies.items[i].label);
	named_list_free(&ids);
	return ok;
}

/* A new audit, or an audit's details changed (its agencies too, when the form has them). */
static int write_audit(struct ui_form *uf, struct store *st, const struct record *rec,
		       const char *extra, struct maca_err *err)
{
	bool edit = uf->purpose == UI_FORM_EDIT_AUDIT;
	struct named_list agencies = {0};
	if (has(uf, "agencies") && !chosen_agencies(uf, rec, &agencies)) {
		named_list_free(&agencies);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	struct audit_new a = {.title = value(rec, "title"),
			      .theme = value(rec, "theme"),
			      .partnership = value(rec, "partnership"),
			      .chair_agency = value(rec, "chair_agency"),
			      .audit_date = value(rec, "audit_date"),
			      .background = value(rec, "background"),
			      .agencies = has(uf, "agencies") ? &agencies : NULL,
			      .extra_json = edit ? NULL : extra,
			      .tpl = uf->tpl,
			      .reaudit_of = value(rec, "reaudit_of")};
	int rc = edit ? store_audit_update(st, uf->audit_id, &a, err)
		      : store_audit_create(st, &a, &uf->saved_id, err);
	if (!rc && edit)
		uf->saved_id = uf->audit_id;
	named_list_free(&agencies);
	return rc;
}

static int write_record(struct ui_form *uf, struct store *st, const struct record *rec,
			struct maca_err *err)
{
	char *extra = form_extra_json(uf->form, rec);
	if (!extra)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc;
	if (ui_form_is_learning(uf->purpose)) {
		rc = write_learning(uf, st, rec, extra, err);
	} else if (uf->purpose == UI_FORM_NEW_AUDIT || uf->purpose == UI_FORM_EDIT_AUDIT) {
		rc = write_audit(uf, st, rec, extra, err);
	} else {
		struct named_list tags = {0};
		if (!split_list(value(rec, "tags"), &tags)) {
			free(extra);
			named_list_free(&tags);
			return err_set(err, MACA_ENOMEM, "out of memory");
		}
		struct case_fields c = {.reference = value(rec, "reference"),
					.age_band = value(rec, "age_band"),
					.plan_status = value(rec, "plan_status"),
					.tags = &tags,
					.summary =
					    has(uf, "summary") ? value(rec, "summary") : NULL,
					.extra_json = extra};
		if (uf->purpose == UI_FORM_NEW_CASE) {
			rc = store_case_add(st, uf->audit_id, &c, &uf->saved_id, err);
		} else {
			rc = store_case_update(st, uf->case_id, &c, err);
			uf->saved_id = uf->case_id;
		}
		named_list_free(&tags);
	}
	free(extra);
	return rc;
}

static enum ui_form_outcome save(struct ui_form *uf, struct store *st, struct maca_err *err)
{
	struct record rec = {0};
	int problems = formfill_submit(uf->ff, &rec);
	enum ui_form_outcome out = UI_FORM_STAY;
	if (problems < 0)
		err_set(err, MACA_ENOMEM, "out of memory");
	else if (problems > 0)
		err_set(err, MACA_EUSER, "%d field%s need%s attention: see the message under %s",
			problems, problems == 1 ? "" : "s", problems == 1 ? "s" : "",
			problems == 1 ? "it" : "each");
	else if (write_record(uf, st, &rec, err) == MACA_OK)
		out = UI_FORM_SAVED;
	record_free(&rec);
	return out;
}

static void move_field(struct formfill *ff, bool forward)
{
	size_t n = formfill_nfields(ff);
	if (forward ? formfill_next(ff) : formfill_prev(ff))
		return;
	/* Round to the other end: its first field shown. */
	for (size_t k = 0; k < n; k++) {
		size_t i = forward ? k : n - 1 - k;
		if (i == formfill_current(ff) || formfill_set_current(ff, i))
			return;
	}
}

static void text_key(struct ui_form *uf, struct editbuf *eb, bool multi, int key,
		     struct maca_err *err)
{
	int width = uf->text_width > 0 ? uf->text_width : 40;
	/* At a field's edges the keys move between fields. */
	switch (ui_edit_key(eb, key, width, 5, multi)) {
	case UI_EDIT_AT_TOP:
		formfill_prev(uf->ff);
		break;
	case UI_EDIT_AT_BOTTOM:
		formfill_next(uf->ff);
		break;
	case UI_EDIT_ENTER:
		move_field(uf->ff, true);
		break;
	case UI_EDIT_ENOMEM:
		err_set(err, MACA_ENOMEM, "out of memory");
		break;
	case UI_EDIT_TOO_LONG:
		ui_edit_full(eb, formfill_field(uf->ff, formfill_current(uf->ff))->label, err);
		break;
	default:
		break;
	}
}

static void choice_key(struct ui_form *uf, int key, struct maca_err *err)
{
	enum formfill_result r = FORMFILL_OK;
	switch (key) {
	case UI_KEY_UP:
	case 'k':
		if (!formfill_choice_up(uf->ff))
			formfill_prev(uf->ff);
		break;
	case UI_KEY_DOWN:
	case 'j':
		if (!formfill_choice_down(uf->ff))
			formfill_next(uf->ff);
		break;
	case UI_KEY_HOME:
	case UI_KEY_END:
	case UI_KEY_PAGE_UP:
	case UI_KEY_PAGE_DOWN: {
		size_t at = formfill_highlight(uf->ff, formfill_current(uf->ff));
		size_t n = formfill_choice_count(uf->ff, formfill_current(uf->ff));
		enum ui_action a = key == UI_KEY_HOME	   ? UI_ACTION_FIRST
				   : key == UI_KEY_END	   ? UI_ACTION_LAST
				   : key == UI_KEY_PAGE_UP ? UI_ACTION_PAGE_UP
							   : UI_ACTION_PAGE_DOWN;
		if (ui_view_move(&at, n, a, 5))
			formfill_set_highlight(uf->ff, at);
		break;
	}
	case ' ':
	case UI_KEY_ENTER:
		r = formfill_choose(uf->ff);
		break;
	case UI_KEY_BACKSPACE:
	case UI_KEY_DELETE:
		r = formfill_clear(uf->ff);
		break;
	default:
		break;
	}
	if (r == FORMFILL_ENOMEM)
		err_set(err, MACA_ENOMEM, "out of memory");
}

enum ui_form_outcome ui_form_act(struct ui_form *uf, struct store *st, enum ui_action action,
				 struct maca_err *err)
{
	if (action == UI_ACTION_CANCEL) {
		if (formfill_changed(uf->ff) && !uf->discard_armed) {
			uf->discard_armed = true;
			return UI_FORM_STAY;
		}
		return UI_FORM_CANCELLED;
	}
	uf->discard_armed = false;
	if (action == UI_ACTION_SAVE)
		return save(uf, st, err);
	if (action == UI_ACTION_NEXT_FIELD || action == UI_ACTION_PREV_FIELD)
		move_field(uf->ff, action == UI_ACTION_NEXT_FIELD);
	return UI_FORM_STAY;
}

int ui_form_paste(struct ui_form *uf, const wchar_t *s, size_t n, struct maca_err *err)
{
	size_t cur = formfill_current(uf->ff);
	struct editbuf *eb = formfill_editbuf(uf->ff, cur);
	const char *label = formfill_field(uf->ff, cur)->label;
	if (!eb)
		return err_set(err, MACA_EUSER,
			       "Nothing was pasted: %s is a list to choose from, not text", label);
	uf->discard_armed = false;
	return ui_edit_paste(eb, s, n, label, err);
}

void ui_form_edit(struct ui_form *uf, int key, struct maca_err *err)
{
	uf->discard_armed = false;
	size_t cur = formfill_current(uf->ff);
	struct editbuf *eb = formfill_editbuf(uf->ff, cur);
	if (eb)
		text_key(uf, eb, formfill_field(uf->ff, cur)->type == FIELD_TEXT, key, err);
	else
		choice_key(uf, key, err);
}

bool ui_form_published_text(const struct ui_form *uf, const struct editbuf **eb, int64_t *audit_id,
			    const char **record, int64_t *record_id, const char **field)
{
	if (!uf->open || !uf->ff || !uf->form)
		return false;
	size_t current = formfill_current(uf->ff);
	const struct form_field *f = formfill_field(uf->ff, current);
	if (!f || !disclosure_gate_published(uf->form->id, f->id) ||
	    (strcmp(uf->form->id, "audit") == 0 && strcmp(f->id, "partnership") == 0))
		return false;
	*eb = formfill_editbuf(uf->ff, current);
	*audit_id = uf->audit_id;
	*record = uf->form->id;
	*field = f->id;
	switch (uf->purpose) {
	case UI_FORM_EDIT_AUDIT:
		*record_id = uf->audit_id;
		break;
	case UI_FORM_EDIT_CASE:
		*record_id = uf->case_id;
		break;
	case UI_FORM_EDIT_GOOD_PRACTICE:
	case UI_FORM_EDIT_LEARNING_POINT:
	case UI_FORM_EDIT_ACTION:
		*record_id = uf->item_id;
		break;
	default:
		*record_id = 0;
		break;
	}
	return *eb != NULL;
}
