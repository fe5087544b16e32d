/* The audit a workbook or CSV file answers, from the chair's database: the return it will
 * become, with the audit's identity, template and cases and no answers yet. */
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

static int fill(struct store *st, int64_t audit_id, const struct sheet_identity *id,
		struct return_doc *d, struct maca_err *err)
{
	struct audit_info info = {0};
	struct named_list agencies = {0};
	struct case_info *cases = NULL;
	size_t ncases = 0;
	int rc = MACA_OK;
	if (store_audit_get(st, audit_id, &info, err) ||
	    store_audit_agencies(st, audit_id, &agencies, err) ||
	    store_audit_template(st, audit_id, &d->tpl, err) ||
	    store_case_list(st, audit_id, &cases, &ncases, err))
		rc = err->status;
	const struct named *a = rc ? NULL : named_find(&agencies, id->agency);
	if (!rc && !a)
		rc = err_set(err, MACA_EUSER,
			     "the file is agency %s's, which is not taking part in audit %lld (%s)",
			     id->agency, (long long)audit_id, info.title);
	if (!rc && (strcmp(info.template_id, id->template_id) != 0 ||
		    info.template_version != id->template_version ||
		    strcmp(info.template_hash, id->template_hash) != 0))
		rc = err_set(err, MACA_EUSER,
			     "the file was made for template %s version %ld, but audit %lld uses "
			     "template %s version %ld%s; export a new pack for the agency",
			     id->template_id, id->template_version, (long long)audit_id,
			     info.template_id, info.template_version,
			     strcmp(info.template_id, id->template_id) == 0 &&
				     info.template_version == id->template_version
				 ? " (a different copy of it)"
				 : "");
	/* The token goes into the return as read; return_plan_make compares it with the one
	 * sent to the agency, as for a maca return. */
	size_t tlen = strlen(id->pack_token);
	if (!rc && ((tlen != 0 && tlen != STORE_TOKEN_LEN) ||
		    strspn(id->pack_token, "0123456789abcdef") != tlen))
		rc = err_set(err, MACA_EUSER,
			     "the file's pack token is not one maca writes (%d hex digits); "
			     "answer in the file maca exported",
			     STORE_TOKEN_LEN);
	if (!rc) {
		memcpy(d->agency_token, id->pack_token, tlen + 1);
		d->kind = RETURN_RETURN;
		bool ok = return_doc_identify(d, &info, a);
		d->created_at = strdup("");
		d->created_by = strdup("");
		d->maca_version = strdup("");
		if (!ok || !d->created_at || !d->created_by || !d->maca_version)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	for (size_t i = 0; !rc && i < ncases; i++)
		if (!return_doc_add_case(d, &cases[i], (long)i + 1))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	case_info_list_free(cases, ncases);
	named_list_free(&agencies);
	audit_info_free(&info);
	return rc;
}

int sheet_lookup_store(void *ctx, const struct sheet_identity *id, struct return_doc **skeleton,
		       struct maca_err *err)
{
	struct store *st = ctx;
	*skeleton = NULL;
	int64_t audit_id = 0;
	if (!uuid_valid(id->audit_uuid))
		return err_set(err, MACA_EUSER, "the file's audit id is not a UUID");
	if (store_audit_resolve(st, id->audit_uuid, &audit_id, err)) {
		if (err->status != MACA_ENOTFOUND)
			return err->status;
		err_clear(err);
		return err_set(err, MACA_ENOTFOUND,
			       "the file answers audit %s, which is not in this database; import "
			       "it into the database that made the pack",
			       id->audit_uuid);
	}
	struct return_doc *d = calloc(1, sizeof *d);
	if (!d)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (fill(st, audit_id, id, d, err)) {
		return_doc_free(d);
		return err->status;
	}
	*skeleton = d;
	return MACA_OK;
}
