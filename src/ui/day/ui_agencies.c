/* The agencies of an audit and their attendance: reading them, taking an agency in or out,
 * and recording the day. */
#include "ui_agencies.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_view.h"

static void rows_free(struct ui_agency_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].name);
		free(rows[i].note);
	}
	free(rows);
}

void ui_agencies_free(struct ui_agencies *ua)
{
	rows_free(ua->rows, ua->n);
	free(ua->title);
	memset(ua, 0, sizeof *ua);
}

static bool add_row(struct ui_agencies *ua, size_t *cap, const struct named *a)
{
	for (size_t i = 0; i < ua->n; i++)
		if (strcmp(ua->rows[i].code, a->id) == 0)
			return true;
	if (ua->n == *cap) {
		size_t want = *cap ? 2 * *cap : 8;
		struct ui_agency_row *grown = realloc(ua->rows, want * sizeof *grown);
		if (!grown)
			return false;
		ua->rows = grown;
		*cap = want;
	}
	struct ui_agency_row *r = &ua->rows[ua->n];
	*r = (struct ui_agency_row){
	    .code = strdup(a->id), .name = strdup(a->label), .note = strdup("")};
	ua->n++;
	return r->code && r->name && r->note;
}

/* Answers with a value or evidence, by agency code, across the audit's cases. */
static int count_answers(struct ui_agencies *ua, struct store *st, const struct case_info *cases,
			 size_t ncases, struct maca_err *err)
{
	int rc = MACA_OK;
	for (size_t c = 0; !rc && c < ncases; c++) {
		struct answer_row *rows;
		size_t n;
		if ((rc = store_case_answers(st, cases[c].id, &rows, &n, err)))
			break;
		for (size_t i = 0; i < n; i++)
			for (size_t a = 0; a < ua->n; a++)
				if ((*rows[i].value || *rows[i].evidence) &&
				    strcmp(rows[i].agency, ua->rows[a].code) == 0)
					ua->rows[a].answers++;
		answer_rows_free(rows, n);
	}
	return rc;
}

/* The audit's title and whether it is closed. */
static int read_audit(struct ui_agencies *ua, struct store *st, struct maca_err *err)
{
	struct audit_info info;
	if (store_audit_get(st, ua->audit_id, &info, err))
		return err->status;
	ua->closed = info.status == AUDIT_CLOSED;
	ua->title = strdup(info.title);
	audit_info_free(&info);
	return ua->title ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

/* A row an agency: the template's in its order, then any the audit has besides; each taking
 * part or not. */
static int read_rows(struct ui_agencies *ua, struct store *st, struct maca_err *err)
{
	struct template *tpl = NULL;
	struct named_list taking_part = {0};
	size_t cap = 0;
	int rc = store_audit_template(st, ua->audit_id, &tpl, err);
	if (!rc)
		rc = store_audit_agencies(st, ua->audit_id, &taking_part, err);
	for (size_t i = 0; !rc && tpl && i < tpl->agencies.n; i++)
		if (!add_row(ua, &cap, &tpl->agencies.items[i]))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < taking_part.n; i++)
		if (!add_row(ua, &cap, &taking_part.items[i]))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < ua->n; i++)
		ua->rows[i].taking_part = named_find(&taking_part, ua->rows[i].code) != NULL;
	template_free(tpl);
	named_list_free(&taking_part);
	return rc;
}

/* Each row's attendance and note as recorded for the day. */
static int take_attendance(struct ui_agencies *ua, const struct attendance_row *att, size_t natt,
			   struct maca_err *err)
{
	int rc = MACA_OK;
	for (size_t i = 0; i < ua->n; i++) {
		struct ui_agency_row *r = &ua->rows[i];
		for (size_t k = 0; k < natt; k++)
			if (strcmp(att[k].agency, r->code) == 0) {
				r->attended = att[k].status;
				free(r->note);
				if (!(r->note = strdup(att[k].note)))
					rc = err_set(err, MACA_ENOMEM, "out of memory");
			}
	}
	return rc;
}

int ui_agencies_load(struct ui_agencies *ua, struct store *st, int64_t audit_id,
		     struct maca_err *err)
{
	struct ui_agencies fresh = {.audit_id = audit_id};
	struct attendance_row *att = NULL;
	struct case_info *cases = NULL;
	size_t natt = 0, ncases = 0;
	int rc = read_audit(&fresh, st, err);
	if (!rc)
		rc = read_rows(&fresh, st, err);
	if (!rc)
		rc = store_attendance_list(st, audit_id, &att, &natt, err);
	if (!rc)
		rc = take_attendance(&fresh, att, natt, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &cases, &ncases, err);
	if (!rc)
		rc = count_answers(&fresh, st, cases, ncases, err);
	attendance_rows_free(att, natt);
	case_info_list_free(cases, ncases);
	if (rc) {
		ui_agencies_free(&fresh);
		return rc;
	}
	const char *was =
	    ua->audit_id == audit_id && ua->selected < ua->n ? ua->rows[ua->selected].code : NULL;
	for (size_t i = 0; was && i < fresh.n; i++)
		if (strcmp(fresh.rows[i].code, was) == 0)
			fresh.selected = i;
	ui_agencies_free(ua);
	*ua = fresh;
	return MACA_OK;
}

void ui_agencies_move(struct ui_agencies *ua, enum ui_action action)
{
	ui_view_move(&ua->selected, ua->n, action, 10);
}

int ui_agencies_toggle(struct ui_agencies *ua, struct store *st, struct maca_err *err)
{
	if (ua->selected >= ua->n)
		return MACA_OK;
	struct named_list want = {0};
	bool ok = true;
	for (size_t i = 0; ok && i < ua->n; i++) {
		const struct ui_agency_row *r = &ua->rows[i];
		if (r->taking_part != (i == ua->selected))
			ok = named_add(&want, r->code, r->name);
	}
	int rc = ok ? store_audit_set_agencies(st, ua->audit_id, &want, err)
		    : err_set(err, MACA_ENOMEM, "out of memory");
	named_list_free(&want);
	return rc ? rc : ui_agencies_load(ua, st, ua->audit_id, err);
}

int ui_agencies_attend(struct ui_agencies *ua, struct store *st, enum attendance a,
		       const char *note, struct maca_err *err)
{
	if (ua->selected >= ua->n)
		return MACA_OK;
	const struct ui_agency_row *r = &ua->rows[ua->selected];
	if (!r->taking_part)
		return err_set(err, MACA_EUSER,
			       "%s does not take part in this audit: Space adds it first", r->name);
	if (note && a == ATTENDANCE_UNKNOWN)
		a = r->attended ? r->attended : ATTENDANCE_ATTENDED; /* a note says who came */
	if (store_attendance_set(st, ua->audit_id, r->code, a, note, err))
		return err->status;
	return ui_agencies_load(ua, st, ua->audit_id, err);
}

char *ui_agencies_summary(const struct ui_agencies *ua)
{
	size_t part = 0, by[ATTENDANCE_COUNT] = {0};
	for (size_t i = 0; i < ua->n; i++)
		if (ua->rows[i].taking_part) {
			part++;
			by[ua->rows[i].attended]++;
		}
	return str_fmt("%zu take part: %zu attended, %zu sent apologies, %zu absent, %zu not "
		       "recorded",
		       part, by[ATTENDANCE_ATTENDED], by[ATTENDANCE_APOLOGIES],
		       by[ATTENDANCE_ABSENT], by[ATTENDANCE_UNKNOWN]);
}
