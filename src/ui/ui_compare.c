#include "ui_compare.h"

#include <stdlib.h>
#include <string.h>

#include "compare.h"

void ui_compare_free(struct ui_compare *uc)
{
	free(uc->text);
	free(uc->lines);
	memset(uc, 0, sizeof *uc);
}

static int split_lines(struct ui_compare *uc, struct maca_err *err)
{
	size_t n = 1;
	for (const char *p = uc->text; *p; p++)
		n += *p == '\n';
	uc->lines = calloc(n, sizeof *uc->lines);
	if (!uc->lines)
		return err_set(err, MACA_ENOMEM, "out of memory");
	for (char *p = uc->text; p;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (nl || *p)
			uc->lines[uc->nlines++] = p;
		p = nl ? nl + 1 : NULL;
	}
	return MACA_OK;
}

int ui_compare_open(struct ui_compare *uc, struct store *st, int64_t now_id, struct maca_err *err)
{
	ui_compare_free(uc);
	int64_t then_id;
	if (store_audit_earlier(st, now_id, &then_id, err))
		return err->status;
	if (!then_id)
		return err_set(
		    err, MACA_EUSER,
		    "This audit is not a re-audit of an audit here: start a re-audit with "
		    "n on the audit list and choose the earlier audit under \"Re-audit "
		    "of\"");
	struct comparison c;
	if (compare_audits(st, then_id, now_id, &c, err))
		return err->status;
	struct sbuf b = {0};
	compare_render(&b, &c, 1, true);
	comparison_free(&c);
	uc->text = sbuf_take(&b);
	int rc = uc->text ? split_lines(uc, err) : err_set(err, MACA_ENOMEM, "out of memory");
	if (rc) {
		ui_compare_free(uc);
		return rc;
	}
	uc->then_id = then_id;
	uc->now_id = now_id;
	return MACA_OK;
}

void ui_compare_scroll(struct ui_compare *uc, enum ui_action action, size_t page)
{
	size_t last = uc->nlines ? uc->nlines - 1 : 0;
	if (page == 0)
		page = 1;
	if (action == UI_ACTION_UP)
		uc->top -= uc->top > 0;
	else if (action == UI_ACTION_DOWN)
		uc->top += uc->top < last;
	else if (action == UI_ACTION_PAGE_UP)
		uc->top = uc->top > page ? uc->top - page : 0;
	else if (action == UI_ACTION_PAGE_DOWN)
		uc->top = uc->top + page < last ? uc->top + page : last;
	else if (action == UI_ACTION_FIRST)
		uc->top = 0;
	else if (action == UI_ACTION_LAST)
		uc->top = last;
}
