/* Writing a form's record (see ui_form.h): a new record, or an edit conditional on the record
 * as the form read it (the store's *_if saves), and what happens after a conflict. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_form.h"
#include "ui_form_internal.h"

static const char *value(const struct record *rec, const char *field)
{
	const char *v = record_get(rec, field);
	return v ? v : "";
}

static bool is_edit(enum ui_form_purpose p)
{
	return p == UI_FORM_EDIT_CASE || p == UI_FORM_EDIT_GOOD_PRACTICE ||
	       p == UI_FORM_EDIT_LEARNING_POINT || p == UI_FORM_EDIT_ACTION;
}

/* After an edit saved only if the record was still as the form read it (a *_if save): a save
 * refused because the record changed keeps what is there now (held, as fields; held_ok false
 * when they could not all be set) and who changed it, for the question. held and by are
 * emptied either way. */
static int after_save_if(struct ui_form *uf, int rc, bool held_ok, struct record *held,
			 struct store_change *by, struct maca_err *err)
{
	if (rc == MACA_ECONFLICT && !held_ok)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (rc == MACA_ECONFLICT) {
		record_free(&uf->now);
		store_change_free(&uf->by);
		uf->now = *held;
		*held = (struct record){0};
		uf->by = *by;
		*by = (struct store_change){0};
		uf->conflict = true;
	}
	record_free(held);
	store_change_free(by);
	return rc;
}

static int write_good_practice(struct ui_form *uf, struct store *st, const struct record *rec,
			       const char *extra, struct maca_err *err)
{
	bool edit = is_edit(uf->purpose);
	struct good_practice_fields g = {.text = value(rec, "text"),
					 .agencies = value(rec, "agencies"),
					 .cases = value(rec, "cases"),
					 .extra_json = edit ? NULL : extra};
	if (!edit)
		return store_good_practice_add(st, uf->audit_id, &g, &uf->saved_id, err);
	struct good_practice_row want = {.text = (char *)value(&uf->loaded, "text"),
					 .agencies = (char *)value(&uf->loaded, "agencies"),
					 .cases = (char *)value(&uf->loaded, "cases")};
	struct good_practice_row now = {0};
	struct store_change by = {0};
	int rc = store_good_practice_update_if(st, uf->item_id, &g, &want, &now, &by, err);
	struct record held = {0};
	bool held_ok = rc != MACA_ECONFLICT || ui_form_good_practice_fields(&held, &now);
	good_practice_row_free(&now);
	return after_save_if(uf, rc, held_ok, &held, &by, err);
}

static int write_action(struct ui_form *uf, struct store *st, const struct record *rec,
			const char *extra, struct maca_err *err)
{
	bool edit = is_edit(uf->purpose);
	struct action_fields a = {.what = value(rec, "what"),
				  .owner_agency = value(rec, "owner_agency"),
				  .due_date = value(rec, "due_date"),
				  .measure = value(rec, "measure"),
				  .status = ACTION_NOT_STARTED,
				  .extra_json = edit ? NULL : extra};
	if (*value(rec, "status") && !action_status_parse(value(rec, "status"), &a.status))
		return err_set(err, MACA_EUSER, "unknown action status '%s'", value(rec, "status"));
	if (!edit)
		return store_action_add(st, uf->lp_id, &a, &uf->saved_id, err);
	struct action_row want = {.what = (char *)value(&uf->loaded, "what"),
				  .owner_agency = (char *)value(&uf->loaded, "owner_agency"),
				  .due_date = (char *)value(&uf->loaded, "due_date"),
				  .measure = (char *)value(&uf->loaded, "measure")};
	if (!action_status_parse(value(&uf->loaded, "status"), &want.status))
		want.status = ACTION_NOT_STARTED;
	struct action_row now = {0};
	struct store_change by = {0};
	int rc = store_action_update_if(st, uf->item_id, &a, &want, &now, &by, err);
	struct record held = {0};
	bool held_ok = rc != MACA_ECONFLICT || ui_form_action_fields(&held, &now);
	action_row_free(&now);
	return after_save_if(uf, rc, held_ok, &held, &by, err);
}

static const char *const point_lists[3] = {"cases", "agencies", "sections"};

static int write_point(struct ui_form *uf, struct store *st, const struct record *rec,
		       const char *extra, struct maca_err *err)
{
	bool edit = is_edit(uf->purpose);
	struct named_list lists[3] = {{0}}, was[3] = {{0}};
	bool ok = true;
	for (size_t i = 0; i < 3; i++)
		ok = ok && split_list(value(rec, point_lists[i]), &lists[i]) &&
		     split_list(value(&uf->loaded, point_lists[i]), &was[i]);
	struct learning_point_fields lp = {.title = value(rec, "title"),
					   .text = value(rec, "text"),
					   .cases = &lists[0],
					   .agencies = &lists[1],
					   .sections = &lists[2],
					   .extra_json = edit ? NULL : extra};
	struct learning_point_row want = {.title = (char *)value(&uf->loaded, "title"),
					  .text = (char *)value(&uf->loaded, "text"),
					  .cases = was[0],
					  .agencies = was[1],
					  .sections = was[2]};
	struct learning_point_row now = {0};
	struct store_change by = {0};
	struct record held = {0};
	int rc;
	if (!ok)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	else if (!edit)
		rc = store_learning_point_add(st, uf->audit_id, &lp, &uf->saved_id, NULL, err);
	else
		rc = store_learning_point_update_if(st, uf->item_id, &lp, &want, &now, &by, err);
	bool held_ok = rc != MACA_ECONFLICT || ui_form_point_fields(&held, &now);
	learning_point_row_free(&now);
	rc = after_save_if(uf, rc, held_ok, &held, &by, err);
	for (size_t i = 0; i < 3; i++) {
		named_list_free(&lists[i]);
		named_list_free(&was[i]);
	}
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
			      .tpl = edit ? NULL : uf->tpl,
			      .reaudit_of = edit ? NULL : value(rec, "reaudit_of")};
	int rc = edit ? store_audit_update(st, uf->audit_id, &a, err)
		      : store_audit_create(st, &a, &uf->saved_id, err);
	if (!rc && edit)
		uf->saved_id = uf->audit_id;
	named_list_free(&agencies);
	return rc;
}

static int write_case(struct ui_form *uf, struct store *st, const struct record *rec,
		      const char *extra, struct maca_err *err)
{
	struct named_list tags = {0}, was_tags = {0};
	if (!split_list(value(rec, "tags"), &tags) ||
	    !split_list(value(&uf->loaded, "tags"), &was_tags)) {
		named_list_free(&tags);
		named_list_free(&was_tags);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	struct case_fields c = {.reference = value(rec, "reference"),
				.age_band = value(rec, "age_band"),
				.plan_status = value(rec, "plan_status"),
				.tags = &tags,
				.summary = has(uf, "summary") ? value(rec, "summary") : NULL,
				.extra_json = extra};
	int rc;
	if (uf->purpose == UI_FORM_NEW_CASE) {
		rc = store_case_add(st, uf->audit_id, &c, &uf->saved_id, err);
	} else {
		struct case_info want = {.reference = (char *)value(&uf->loaded, "reference"),
					 .age_band = (char *)value(&uf->loaded, "age_band"),
					 .plan_status = (char *)value(&uf->loaded, "plan_status"),
					 .tags = was_tags,
					 .summary = (char *)value(&uf->loaded, "summary")};
		struct case_info now = {0};
		struct store_change by = {0};
		struct record held = {0};
		rc = store_case_update_if(st, uf->case_id, &c, &want, &now, &by, err);
		bool held_ok = rc != MACA_ECONFLICT || ui_form_case_fields(&held, &now);
		case_info_free(&now);
		rc = after_save_if(uf, rc, held_ok, &held, &by, err);
		uf->saved_id = uf->case_id;
	}
	named_list_free(&tags);
	named_list_free(&was_tags);
	return rc;
}

/* Who writes each purpose's record: one writer a record kind, new or edited. */
typedef int writer_fn(struct ui_form *uf, struct store *st, const struct record *rec,
		      const char *extra, struct maca_err *err);
static writer_fn *const writers[] = {
    [UI_FORM_NEW_AUDIT] = write_audit,
    [UI_FORM_EDIT_AUDIT] = write_audit,
    [UI_FORM_NEW_CASE] = write_case,
    [UI_FORM_EDIT_CASE] = write_case,
    [UI_FORM_NEW_GOOD_PRACTICE] = write_good_practice,
    [UI_FORM_EDIT_GOOD_PRACTICE] = write_good_practice,
    [UI_FORM_NEW_LEARNING_POINT] = write_point,
    [UI_FORM_EDIT_LEARNING_POINT] = write_point,
    [UI_FORM_NEW_ACTION] = write_action,
    [UI_FORM_EDIT_ACTION] = write_action,
};

static int write_record(struct ui_form *uf, struct store *st, const struct record *rec,
			struct maca_err *err)
{
	char *extra = form_extra_json(uf->form, rec);
	if (!extra)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = writers[uf->purpose](uf, st, rec, extra, err);
	if (!rc && is_edit(uf->purpose) && uf->purpose != UI_FORM_EDIT_CASE)
		uf->saved_id = uf->item_id;
	free(extra);
	return rc;
}

enum ui_form_outcome ui_form_save(struct ui_form *uf, struct store *st, struct maca_err *err)
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

static void conflict_clear(struct ui_form *uf)
{
	record_free(&uf->now);
	store_change_free(&uf->by);
	uf->conflict = false;
}

enum ui_form_outcome ui_form_resolve(struct ui_form *uf, struct store *st, enum ui_action choice,
				     struct maca_err *err)
{
	if (!uf->conflict || choice == UI_ACTION_KEEP_EDITING) {
		conflict_clear(uf);
		return UI_FORM_STAY;
	}
	if (choice == UI_ACTION_TAKE_THEIRS) {
		conflict_clear(uf);
		return UI_FORM_CANCELLED;
	}
	/* Keep mine: the same save, now expecting what is there. */
	record_free(&uf->loaded);
	uf->loaded = uf->now;
	uf->now = (struct record){0};
	conflict_clear(uf);
	return ui_form_save(uf, st, err);
}

/* The record field by field, as the form labels them. */
static void describe(struct sbuf *b, const struct ui_form *uf, const struct record *rec)
{
	for (size_t i = 0; i < uf->form->nfields; i++) {
		const struct form_field *f = &uf->form->fields[i];
		const char *v = record_get(rec, f->id);
		if (v)
			sbuf_addf(b, "%s: %s\n", f->label, *v ? v : "(none)");
	}
}

void ui_form_conflict_texts(const struct ui_form *uf, char **what, char **theirs, char **mine)
{
	struct sbuf t = {0}, m = {0};
	struct record typed = {0};
	const char *title = uf->form->title;
	*what = str_fmt("The %c%s",
			title[0] >= 'A' && title[0] <= 'Z' ? title[0] - 'A' + 'a' : title[0],
			title[0] ? title + 1 : "");
	describe(&t, uf, &uf->now);
	if (formfill_submit(uf->ff, &typed) >= 0)
		describe(&m, uf, &typed);
	record_free(&typed);
	*theirs = sbuf_take(&t);
	*mine = sbuf_take(&m);
}
