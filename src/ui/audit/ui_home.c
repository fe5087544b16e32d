#include "ui_home.h"

#include <stdlib.h>
#include <string.h>

#include "ui_view.h"

void ui_home_free(struct ui_home *h)
{
	audit_info_list_free(h->audits, h->naudits);
	free(h->expected);
	memset(h, 0, sizeof *h);
}

int ui_home_load(struct ui_home *h, struct store *st, struct maca_err *err)
{
	struct audit_info *list;
	size_t n;
	if (store_audit_list(st, &list, &n, err))
		return err->status;
	int64_t *expected = calloc(n ? n : 1, sizeof *expected);
	if (!expected) {
		audit_info_list_free(list, n);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		int64_t answered;
		if (store_audit_progress(st, list[i].id, &answered, &expected[i], err)) {
			free(expected);
			audit_info_list_free(list, n);
			return err->status;
		}
	}
	int64_t was = h->selected < h->naudits ? h->audits[h->selected].id : 0;
	size_t selected = h->selected;
	ui_home_free(h);
	h->audits = list;
	h->naudits = n;
	h->expected = expected;
	h->selected = selected;
	ui_home_select(h, was);
	if (h->selected >= n)
		h->selected = n ? n - 1 : 0;
	return MACA_OK;
}

void ui_home_move(struct ui_home *h, enum ui_action action)
{
	ui_view_move(&h->selected, h->naudits, action, 10);
}

void ui_home_select(struct ui_home *h, int64_t id)
{
	for (size_t i = 0; id && i < h->naudits; i++)
		if (h->audits[i].id == id)
			h->selected = i;
}
