#include "ui_form.h"
#include "ui_form_internal.h"

#include <stdlib.h>
#include <string.h>

#include "ui_editkeys.h"
#include "ui_view.h"

#include "catalog.h"
#include "template_wording.h"
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
	record_free(&uf->loaded);
	record_free(&uf->now);
	store_change_free(&uf->by);
	free(uf->complaint);
	memset(uf, 0, sizeof *uf);
}

/* Adds to `to` the items of `from` it lacks, in their order; false when out of memory. */
static bool add_missing(struct named_list *to, const struct named_list *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (!named_find(to, from->items[i].id) &&
		    !named_add(to, from->items[i].id, from->items[i].label))
			return false;
	return true;
}

static int load_form(struct ui_form *uf, enum record_kind kind, struct maca_err *err)
{
	struct diag_list diags = {0};
	int rc = catalog_load_form(kind, &uf->form, &diags, err);
	if (rc && diags.n)
		err_set(err, rc, "%s:%d: %s", diags.items[0].file, diags.items[0].line,
			diags.items[0].msg);
	diag_list_free(&diags);
	return rc;
}

/* The audit form, choosing from the template's agencies, the one template the audit is on
 * and the audits it may re-audit (both audit forms fill those lists). */
static int load_audit_form(struct ui_form *uf, struct maca_err *err)
{
	int rc = load_form(uf, RECORD_AUDIT, err);
	if (!rc && !named_add(&uf->templates, uf->tpl->id, uf->tpl->title))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		uf->ctx.lists[CHOICES_TEMPLATES] = &uf->templates;
		uf->ctx.lists[CHOICES_AGENCIES] = &uf->agencies;
		uf->ctx.lists[CHOICES_AUDITS] = &uf->audits;
	}
	return rc;
}

static int start(struct ui_form *uf, const struct record *initial, struct maca_err *err)
{
	/* The template's own wording, and only the fields that apply to it. */
	if (uf->tpl && !form_reword(uf->form, uf->tpl, &uf->ctx))
		return err_set(err, MACA_ENOMEM, "out of memory");
	/* An edited record as read: what its save expects to find (ui_form_save.c). */
	for (size_t i = 0; initial && i < initial->values.n; i++)
		if (!record_set(&uf->loaded, initial->values.items[i].id,
				initial->values.items[i].label))
			return err_set(err, MACA_ENOMEM, "out of memory");
	uf->ff = formfill_new(uf->form, &uf->ctx, initial);
	size_t n = uf->ff ? formfill_nfields(uf->ff) : 0;
	uf->field_tops = calloc(n ? n : 1, sizeof *uf->field_tops);
	if (!uf->ff || !uf->field_tops)
		return err_set(err, MACA_ENOMEM, "out of memory");
	uf->open = true;
	return MACA_OK;
}

/* How every form opens: after rc, what reading its lists gave, and ok, whether its initial
 * values could all be set, it starts with them (existing false: a new record, with none),
 * then frees them; on failure the form is left empty. */
static int start_or_free(struct ui_form *uf, struct record *initial, bool ok, bool existing, int rc,
			 struct maca_err *err)
{
	if (!rc)
		rc = ok ? start(uf, existing ? initial : NULL, err)
			: err_set(err, MACA_ENOMEM, "out of memory");
	record_free(initial);
	if (rc)
		ui_form_free(uf);
	return rc;
}

/* The audits a new audit on tpl may re-audit (same template id, same or older version),
 * newest first: the one being followed up is usually the latest. */
static int reauditable(struct ui_form *uf, struct store *st, struct maca_err *err)
{
	struct audit_info *list;
	size_t n;
	if (store_audit_list(st, &list, &n, err))
		return err->status;
	int rc = MACA_OK;
	for (size_t i = n; !rc && i-- > 0;) {
		const struct audit_info *a = &list[i];
		if (strcmp(a->template_id, uf->tpl->id) != 0 ||
		    a->template_version > uf->tpl->version)
			continue;
		char *label = *a->audit_date ? str_fmt("%s (%s)", a->title, a->audit_date)
					     : str_fmt("%s", a->title);
		if (!label || !named_add(&uf->audits, a->uuid, label))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		free(label);
	}
	audit_info_list_free(list, n);
	return rc;
}

int ui_form_new_audit(struct ui_form *uf, struct store *st, const char *template_ref,
		      const char *partnership, const char *chair, struct maca_err *err)
{
	ui_form_free(uf);
	uf->purpose = UI_FORM_NEW_AUDIT;
	struct diag_list diags = {0};
	int rc = catalog_load_template(template_ref, &uf->tpl, &diags, err);
	diag_list_free(&diags);
	if (!rc)
		rc = load_audit_form(uf, err);
	if (!rc)
		rc = reauditable(uf, st, err);
	struct record initial = {0};
	bool ok = true;
	if (!rc) {
		/* None ticked: the chair chooses who takes part (the template lists every
		 * agency it knows, more than any one audit needs). */
		ok = add_missing(&uf->agencies, &uf->tpl->agencies) &&
		     record_set(&initial, "template", uf->tpl->id) &&
		     record_set(&initial, "theme", uf->tpl->theme) &&
		     record_set(&initial, "partnership", partnership ? partnership : "");
		if (ok && chair && named_find(&uf->tpl->agencies, chair))
			ok = record_set(&initial, "chair_agency", chair);
	}
	return start_or_free(uf, &initial, ok, true, rc, err);
}

static int earlier_choice(struct ui_form *uf, struct store *st, int64_t audit_id, const char *uuid,
			  struct maca_err *err)
{
	int64_t earlier;
	struct audit_info then = {0};
	if (store_audit_earlier(st, audit_id, &earlier, err) ||
	    (earlier && store_audit_get(st, earlier, &then, err)))
		return err->status;
	char *label = earlier ? str_fmt("%s", then.title) : str_fmt("%s (deleted)", uuid);
	int rc = label && named_add(&uf->audits, uuid, label)
		     ? MACA_OK
		     : err_set(err, MACA_ENOMEM, "out of memory");
	free(label);
	audit_info_free(&then);
	return rc;
}

int ui_form_edit_audit(struct ui_form *uf, struct store *st, int64_t audit_id, struct maca_err *err)
{
	ui_form_free(uf);
	uf->purpose = UI_FORM_EDIT_AUDIT;
	uf->audit_id = audit_id;
	struct audit_info info;
	int rc = store_audit_get(st, audit_id, &info, err);
	if (rc)
		return rc;
	rc = store_audit_template(st, audit_id, &uf->tpl, err);
	struct named_list taking_part = {0};
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &taking_part, err);
	/* The agencies it may take on: the template's, then any it has that the template lacks
	 * (an audit from a pack). */
	if (!rc && !(add_missing(&uf->agencies, &uf->tpl->agencies) &&
		     add_missing(&uf->agencies, &taking_part)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	char *chosen = rc ? NULL : named_list_ids(&taking_part);
	named_list_free(&taking_part);
	if (!rc && !chosen)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = load_audit_form(uf, err);
	/* What an audit re-audits is fixed at creation: its one choice is the one it has. */
	if (!rc && *info.reaudit_of)
		rc = earlier_choice(uf, st, audit_id, info.reaudit_of, err);
	struct record initial = {0};
	bool ok = true;
	if (!rc)
		ok = record_set(&initial, "reaudit_of", info.reaudit_of) &&
		     record_set(&initial, "title", info.title) &&
		     record_set(&initial, "template", uf->tpl->id) &&
		     record_set(&initial, "theme", info.theme) &&
		     record_set(&initial, "partnership", info.partnership) &&
		     record_set(&initial, "chair_agency", info.chair_agency) &&
		     record_set(&initial, "audit_date", info.audit_date) &&
		     record_set(&initial, "background", info.background) &&
		     record_set(&initial, "agencies", chosen);
	free(chosen);
	audit_info_free(&info);
	return start_or_free(uf, &initial, ok, true, rc, err);
}

int ui_form_case(struct ui_form *uf, struct store *st, int64_t audit_id,
		 const struct case_info *existing, struct maca_err *err)
{
	ui_form_free(uf);
	uf->purpose = existing ? UI_FORM_EDIT_CASE : UI_FORM_NEW_CASE;
	uf->audit_id = audit_id;
	uf->case_id = existing ? existing->id : 0;
	int rc = store_audit_template(st, audit_id, &uf->tpl, err);
	if (!rc)
		rc = load_form(uf, RECORD_CASE, err);
	struct record initial = {0};
	bool ok = true;
	if (!rc) {
		uf->ctx.lists[CHOICES_AGE_BANDS] = &uf->tpl->age_bands;
		uf->ctx.lists[CHOICES_PLAN_STATUSES] = &uf->tpl->plan_statuses;
		uf->ctx.lists[CHOICES_TAGS] = &uf->tpl->tags;
		if (existing)
			ok = ui_form_case_fields(&initial, existing);
	}
	return start_or_free(uf, &initial, ok, existing != NULL, rc, err);
}

bool ui_form_is_learning(enum ui_form_purpose purpose)
{
	return purpose >= UI_FORM_NEW_GOOD_PRACTICE && purpose <= UI_FORM_EDIT_ACTION;
}

static enum record_kind learning_kind(enum ui_form_purpose purpose)
{
	switch (purpose) {
	case UI_FORM_NEW_GOOD_PRACTICE:
	case UI_FORM_EDIT_GOOD_PRACTICE:
		return RECORD_GOOD_PRACTICE;
	case UI_FORM_NEW_ACTION:
	case UI_FORM_EDIT_ACTION:
		return RECORD_ACTION;
	default:
		return RECORD_LEARNING_POINT;
	}
}

/* How a learning form opens (item_id: the record edited, 0 a new one): empty, then with the
 * audit's template, agencies, case references and sections to choose from. */
static int open_learning(struct ui_form *uf, struct store *st, int64_t audit_id,
			 enum ui_form_purpose purpose, int64_t item_id, struct maca_err *err)
{
	ui_form_free(uf);
	uf->purpose = purpose;
	uf->item_id = item_id;
	uf->audit_id = audit_id;
	enum record_kind kind = learning_kind(purpose);
	struct case_info *cases = NULL;
	size_t ncases = 0;
	int rc = store_audit_template(st, audit_id, &uf->tpl, err);
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &uf->agencies, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &cases, &ncases, err);
	bool ok = true;
	for (size_t i = 0; !rc && ok && i < ncases; i++)
		ok = named_add(&uf->cases, cases[i].reference, cases[i].reference);
	for (size_t i = 0; !rc && ok && i < uf->tpl->nsections; i++)
		ok = named_add(&uf->sections, uf->tpl->sections[i].id, uf->tpl->sections[i].title);
	case_info_list_free(cases, ncases);
	if (!rc && !ok)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = load_form(uf, kind, err);
	if (!rc) {
		uf->ctx.lists[CHOICES_AGENCIES] = &uf->agencies;
		uf->ctx.lists[CHOICES_CASES] = &uf->cases;
		uf->ctx.lists[CHOICES_SECTIONS] = &uf->sections;
	}
	return rc;
}

int ui_form_good_practice(struct ui_form *uf, struct store *st, int64_t audit_id,
			  const struct good_practice_row *existing, struct maca_err *err)
{
	struct record initial = {0};
	bool ok = !existing || ui_form_good_practice_fields(&initial, existing);
	int rc = open_learning(uf, st, audit_id,
			       existing ? UI_FORM_EDIT_GOOD_PRACTICE : UI_FORM_NEW_GOOD_PRACTICE,
			       existing ? existing->id : 0, err);
	return start_or_free(uf, &initial, ok, existing != NULL, rc, err);
}

int ui_form_learning_point(struct ui_form *uf, struct store *st, int64_t audit_id,
			   const struct learning_point_row *existing, struct maca_err *err)
{
	struct record initial = {0};
	bool ok = !existing || ui_form_point_fields(&initial, existing);
	int rc = open_learning(uf, st, audit_id,
			       existing ? UI_FORM_EDIT_LEARNING_POINT : UI_FORM_NEW_LEARNING_POINT,
			       existing ? existing->id : 0, err);
	return start_or_free(uf, &initial, ok, existing != NULL, rc, err);
}

int ui_form_action(struct ui_form *uf, struct store *st, int64_t audit_id, int64_t lp_id,
		   const struct action_row *existing, struct maca_err *err)
{
	struct record initial = {0};
	bool ok;
	if (existing)
		ok = ui_form_action_fields(&initial, existing);
	else
		ok = record_set(&initial, "status", action_status_name(ACTION_NOT_STARTED));
	int rc =
	    open_learning(uf, st, audit_id, existing ? UI_FORM_EDIT_ACTION : UI_FORM_NEW_ACTION,
			  existing ? existing->id : 0, err);
	uf->lp_id = lp_id;
	return start_or_free(uf, &initial, ok, true, rc, err);
}

int ui_form_new_learning(struct ui_form *uf, struct store *st, int64_t audit_id, bool good_practice,
			 const struct ui_form_links *links, struct maca_err *err)
{
	int rc = open_learning(
	    uf, st, audit_id,
	    good_practice ? UI_FORM_NEW_GOOD_PRACTICE : UI_FORM_NEW_LEARNING_POINT, 0, err);
	struct record initial = {0};
	bool ok = true;
	/* Only what the form and the audit have: a field a local form leaves out stays out. */
	if (links->case_ref && named_find(&uf->cases, links->case_ref))
		ok = record_set(&initial, "cases", links->case_ref);
	if (ok && links->agency && named_find(&uf->agencies, links->agency))
		ok = record_set(&initial, "agencies", links->agency);
	if (ok && !good_practice && links->section_id &&
	    named_find(&uf->sections, links->section_id))
		ok = record_set(&initial, "sections", links->section_id);
	if (ok && links->text)
		ok = record_set(&initial, "text", links->text);
	return start_or_free(uf, &initial, ok, true, rc, err);
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
		/* A letter or digit jumps to a choice with a word starting with it, as lists do;
		 * any other printable key says why nothing moved. */
		if (key > ' ' && key < 0x7f && !formfill_choice_seek(uf->ff, (char)key))
			err_set(err, MACA_EUSER, "No choice in %s has a word starting with '%c'",
				formfill_field(uf->ff, formfill_current(uf->ff))->label, key);
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
		return ui_form_save(uf, st, err);
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
