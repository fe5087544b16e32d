/* An audit's record, template, agencies and cases read together: see audit_scope.h. */
#include "audit_scope.h"

int audit_scope_read(struct store *st, int64_t audit_id, struct audit_scope *out,
		     struct maca_err *err)
{
	*out = (struct audit_scope){0};
	if (store_audit_get(st, audit_id, &out->info, err) ||
	    store_audit_template(st, audit_id, &out->tpl, err) ||
	    store_audit_agencies(st, audit_id, &out->agencies, err) ||
	    store_case_list(st, audit_id, &out->cases, &out->ncases, err))
		return err->status;
	return MACA_OK;
}

void audit_scope_free(struct audit_scope *s)
{
	case_info_list_free(s->cases, s->ncases);
	named_list_free(&s->agencies);
	template_free(s->tpl);
	audit_info_free(&s->info);
	*s = (struct audit_scope){0};
}
