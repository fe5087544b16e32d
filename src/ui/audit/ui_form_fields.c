/* Each record kind's row as its form's fields (ui_form_internal.h): one mapping a kind, for
 * opening a form on a record (ui_form.c) and for holding what is there now when a save was
 * refused because the record changed (ui_form_save.c). */
#include <stdlib.h>

#include "ui_form_internal.h"

/* Sets a field to a list's ids joined; false when out of memory. */
static bool set_list(struct record *rec, const char *field, const struct named_list *l)
{
	char *joined = named_list_ids(l);
	bool ok = joined && record_set(rec, field, joined);
	free(joined);
	return ok;
}

bool ui_form_case_fields(struct record *rec, const struct case_info *c)
{
	return record_set(rec, "reference", c->reference) &&
	       record_set(rec, "age_band", c->age_band) &&
	       record_set(rec, "plan_status", c->plan_status) && set_list(rec, "tags", &c->tags) &&
	       record_set(rec, "summary", c->summary);
}

bool ui_form_good_practice_fields(struct record *rec, const struct good_practice_row *g)
{
	return record_set(rec, "text", g->text) && record_set(rec, "agencies", g->agencies) &&
	       record_set(rec, "cases", g->cases);
}

bool ui_form_point_fields(struct record *rec, const struct learning_point_row *lp)
{
	return record_set(rec, "title", lp->title) && record_set(rec, "text", lp->text) &&
	       set_list(rec, "cases", &lp->cases) && set_list(rec, "agencies", &lp->agencies) &&
	       set_list(rec, "sections", &lp->sections);
}

bool ui_form_action_fields(struct record *rec, const struct action_row *a)
{
	return record_set(rec, "what", a->what) &&
	       record_set(rec, "owner_agency", a->owner_agency) &&
	       record_set(rec, "due_date", a->due_date) && record_set(rec, "measure", a->measure) &&
	       record_set(rec, "status", action_status_name(a->status));
}
