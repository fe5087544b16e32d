#include "ui_compare.h"

#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "sbuf.h"
#include "ui_view.h"

void ui_compare_free(struct ui_compare *uc)
{
	free(uc->text);
	ui_doc_free(&uc->doc);
	memset(uc, 0, sizeof *uc);
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
		    "a on the audit list and choose the earlier audit under \"Re-audit "
		    "of\"");
	struct comparison c;
	if (compare_audits(st, then_id, now_id, &c, err))
		return err->status;
	struct sbuf b = {0};
	compare_render(&b, &c, 1, true);
	comparison_free(&c);
	uc->text = sbuf_take(&b);
	/* Laid out for 80 columns until the screen says its width. */
	int rc = uc->text ? ui_doc_layout(uc->text, UI_DOC_DEFAULT_WIDTH, false, &uc->doc, err)
			  : err_set(err, MACA_ENOMEM, "out of memory");
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
	ui_view_scroll(&uc->top, action, uc->doc.n ? uc->doc.n - 1 : 0, page ? page : 1);
}

int ui_compare_layout(struct ui_compare *uc, int width, bool ascii, struct maca_err *err)
{
	return ui_doc_relayout(uc->text, width, ascii, &uc->doc, &uc->top, err);
}
