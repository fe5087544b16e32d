#include "ui_cases.h"

#include <stdint.h>
#include <string.h>

#include "ui_find.h"
#include "ui_view.h"

static bool reference_matches(const void *ctx, size_t i, const char *query)
{
	const struct case_info *cases = ctx;
	return ui_find_match(cases[i].reference, query);
}

static bool reference_named(const void *ctx, size_t i, const char *query)
{
	const struct case_info *cases = ctx;
	return ui_find_same(cases[i].reference, query);
}

struct ui_list ui_cases_list(const struct case_info *cases, size_t n, size_t *selected)
{
	return (struct ui_list){.selected = selected,
				.n = n,
				.items = cases,
				.matches = reference_matches,
				.names = reference_named};
}

void ui_cases_free(struct ui_cases *uc)
{
	template_free(uc->tpl);
	case_info_list_free(uc->cases, uc->ncases);
	memset(uc, 0, sizeof *uc);
}

int ui_cases_load(struct ui_cases *uc, struct store *st, int64_t audit_id, struct maca_err *err)
{
	struct ui_cases fresh = {.audit_id = audit_id};
	int rc = store_audit_template(st, audit_id, &fresh.tpl, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &fresh.cases, &fresh.ncases, err);
	if (rc) {
		ui_cases_free(&fresh);
		return rc;
	}
	/* Reloading the same audit keeps the same case selected (by id: another maca may have
	 * added or removed cases), else the same row. */
	if (uc->audit_id == audit_id) {
		fresh.selected = uc->selected;
		if (uc->selected < uc->ncases)
			ui_cases_select(&fresh, uc->cases[uc->selected].id);
	}
	if (fresh.selected >= fresh.ncases)
		fresh.selected = fresh.ncases ? fresh.ncases - 1 : 0;
	ui_cases_free(uc);
	*uc = fresh;
	return MACA_OK;
}

void ui_cases_move(struct ui_cases *uc, enum ui_action action)
{
	ui_view_move(&uc->selected, uc->ncases, action, 10);
}

void ui_cases_select(struct ui_cases *uc, int64_t case_id)
{
	for (size_t i = 0; i < uc->ncases; i++)
		if (uc->cases[i].id == case_id)
			uc->selected = i;
}

const char *ui_label(const struct named_list *list, const char *id)
{
	const struct named *n = named_find(list, id);
	return n ? n->label : id;
}
