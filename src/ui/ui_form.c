#include "ui_form.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "sbuf.h"

void ui_form_free(struct ui_form *uf)
{
	formfill_free(uf->ff);
	form_free(uf->form);
	template_free(uf->tpl);
	named_list_free(&uf->templates);
	memset(uf, 0, sizeof *uf);
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

static int start(struct ui_form *uf, const struct record *initial, struct maca_err *err)
{
	uf->ff = formfill_new(uf->form, &uf->ctx, initial);
	if (!uf->ff)
		return err_set(err, MACA_ENOMEM, "out of memory");
	uf->open = true;
	return MACA_OK;
}

int ui_form_new_audit(struct ui_form *uf, const char *template_ref, const char *partnership,
		      const char *chair, struct maca_err *err)
{
	ui_form_free(uf);
	uf->purpose = UI_FORM_NEW_AUDIT;
	struct diag_list diags = {0};
	int rc = catalog_load_template(template_ref, &uf->tpl, &diags, err);
	diag_list_free(&diags);
	if (!rc)
		rc = load_form(uf, RECORD_AUDIT, err);
	if (!rc && !named_add(&uf->templates, uf->tpl->id, uf->tpl->title))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	struct record initial = {0};
	if (!rc) {
		uf->ctx.lists[CHOICES_TEMPLATES] = &uf->templates;
		uf->ctx.lists[CHOICES_AGENCIES] = &uf->tpl->agencies;
		bool ok = record_set(&initial, "template", uf->tpl->id) &&
			  record_set(&initial, "theme", uf->tpl->theme) &&
			  record_set(&initial, "partnership", partnership ? partnership : "");
		if (ok && chair && named_find(&uf->tpl->agencies, chair))
			ok = record_set(&initial, "chair_agency", chair);
		rc = ok ? start(uf, &initial, err) : err_set(err, MACA_ENOMEM, "out of memory");
	}
	record_free(&initial);
	if (rc)
		ui_form_free(uf);
	return rc;
}

static char *join_ids(const struct named_list *l)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(&b, "%s%s", i ? "," : "", l->items[i].id);
	return sbuf_take(&b);
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
	if (!rc) {
		uf->ctx.lists[CHOICES_AGE_BANDS] = &uf->tpl->age_bands;
		uf->ctx.lists[CHOICES_PLAN_STATUSES] = &uf->tpl->plan_statuses;
		uf->ctx.lists[CHOICES_TAGS] = &uf->tpl->tags;
		bool ok = true;
		if (existing) {
			char *tags = join_ids(&existing->tags);
			ok = tags && record_set(&initial, "reference", existing->reference) &&
			     record_set(&initial, "age_band", existing->age_band) &&
			     record_set(&initial, "plan_status", existing->plan_status) &&
			     record_set(&initial, "tags", tags);
			free(tags);
		}
		rc = ok ? start(uf, existing ? &initial : NULL, err)
			: err_set(err, MACA_ENOMEM, "out of memory");
	}
	record_free(&initial);
	if (rc)
		ui_form_free(uf);
	return rc;
}

static const char *value(const struct record *rec, const char *field)
{
	const char *v = record_get(rec, field);
	return v ? v : "";
}

static int write_record(struct ui_form *uf, struct store *st, const struct record *rec,
			struct maca_err *err)
{
	char *extra = form_extra_json(uf->form, rec);
	if (!extra)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc;
	if (uf->purpose == UI_FORM_NEW_AUDIT) {
		struct audit_new a = {.title = value(rec, "title"),
				      .theme = value(rec, "theme"),
				      .partnership = value(rec, "partnership"),
				      .chair_agency = value(rec, "chair_agency"),
				      .audit_date = value(rec, "audit_date"),
				      .background = value(rec, "background"),
				      .extra_json = extra,
				      .tpl = uf->tpl};
		rc = store_audit_create(st, &a, &uf->saved_id, err);
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
	if (forward && !formfill_next(ff))
		formfill_set_current(ff, 0);
	else if (!forward && !formfill_prev(ff))
		formfill_set_current(ff, n ? n - 1 : 0);
}

static void text_key(struct ui_form *uf, struct editbuf *eb, bool multi, int key,
		     struct maca_err *err)
{
	enum editbuf_result r = EDITBUF_OK;
	int width = uf->text_width > 0 ? uf->text_width : 40;
	switch (key) {
	case UI_KEY_ENTER:
		if (multi)
			r = editbuf_newline(eb);
		else
			move_field(uf->ff, true);
		break;
	case UI_KEY_UP:
		if (!editbuf_up(eb, width))
			formfill_prev(uf->ff);
		break;
	case UI_KEY_DOWN:
		if (!editbuf_down(eb, width))
			formfill_next(uf->ff);
		break;
	case UI_KEY_LEFT:
		editbuf_left(eb);
		break;
	case UI_KEY_RIGHT:
		editbuf_right(eb);
		break;
	case UI_KEY_HOME:
		editbuf_home(eb, width);
		break;
	case UI_KEY_END:
		editbuf_end(eb, width);
		break;
	case UI_KEY_BACKSPACE:
		r = editbuf_backspace(eb);
		break;
	case UI_KEY_DELETE:
		r = editbuf_delete(eb);
		break;
	default:
		if (key >= 0x20 && key < 0x110000)
			r = editbuf_insert_char(eb, (wchar_t)key);
		break;
	}
	if (r == EDITBUF_ENOMEM)
		err_set(err, MACA_ENOMEM, "out of memory");
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
