#include "ui_cases.h"

#include <string.h>

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
	if (uc->audit_id == audit_id)
		fresh.selected = uc->selected;
	if (fresh.selected >= fresh.ncases)
		fresh.selected = fresh.ncases ? fresh.ncases - 1 : 0;
	ui_cases_free(uc);
	*uc = fresh;
	return MACA_OK;
}

void ui_cases_move(struct ui_cases *uc, enum ui_action action)
{
	if (uc->ncases == 0)
		return;
	size_t last = uc->ncases - 1;
	if (action == UI_ACTION_UP)
		uc->selected -= uc->selected > 0;
	else if (action == UI_ACTION_DOWN)
		uc->selected += uc->selected < last;
	else if (action == UI_ACTION_FIRST || action == UI_ACTION_PAGE_UP)
		uc->selected = 0;
	else if (action == UI_ACTION_LAST || action == UI_ACTION_PAGE_DOWN)
		uc->selected = last;
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
