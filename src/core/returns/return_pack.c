/* Importing a pack: the agency's database gets the audit, with the same UUID, through the
 * store's own writes, each nested in the import's one transaction. */
#include <stdlib.h>
#include <string.h>

#include "return_import.h"
#include "return_store.h"
#include "sbuf.h"

struct pack_fill {
	struct store *st;
	const struct return_doc *doc;
	int64_t audit_id;
};

static int fill_answer(void *ctx, const struct return_answer *a, struct maca_err *err)
{
	struct pack_fill *f = ctx;
	/* An answer given and then cleared: nothing to write, and no history for it. */
	if (!*a->value && !*a->evidence)
		return MACA_OK;
	int64_t case_id;
	if (store_case_by_ref(f->st, f->audit_id, a->case_ref, &case_id, err))
		return err->status;
	return store_answer_put(f->st, case_id, f->doc->agency_code, a->question_id, a->value,
				a->evidence, a->author, a->updated_at, err);
}

static int fill_note(void *ctx, const struct return_note *n, struct maca_err *err)
{
	struct pack_fill *f = ctx;
	int64_t case_id;
	if (store_case_by_ref(f->st, f->audit_id, n->case_ref, &case_id, err))
		return err->status;
	if (!*n->text)
		return MACA_OK;
	return store_note_put(f->st, case_id, f->doc->agency_code, n->section_id, n->prompt_id,
			      n->text, n->author, n->updated_at, err);
}

/* Cases first, in the pack's order, then the agency's answers and notes. */
static int fill_pack(struct store *st, const struct return_doc *doc, int64_t audit_id,
		     struct maca_err *err)
{
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < doc->ncases; i++) {
		const struct return_case *c = &doc->cases[i];
		struct case_fields f = {.reference = c->reference,
					.age_band = c->age_band,
					.plan_status = c->plan_status,
					.tags = &c->tags};
		int64_t case_id;
		rc = store_case_add(st, audit_id, &f, &case_id, err);
	}
	struct pack_fill f = {st, doc, audit_id};
	return rc ? rc : return_walk(doc, fill_answer, fill_note, &f, err);
}

int return_import_pack(struct store *st, const struct return_doc *doc, const char *checksum,
		       int64_t *audit_id, struct maca_err *err)
{
	if (doc->kind != RETURN_PACK)
		return err_set(err, MACA_EUSER, "this is a return, not a pack");
	char *saved = NULL;
	int rc = ret_origin_push(st, "pack for", doc->agency_code, checksum, &saved, err);
	if (rc)
		return rc;
	int64_t existing = 0;
	rc = store_begin(st, err);
	if (!rc) {
		rc = store_audit_by_uuid(st, doc->uuid, &existing, err);
		if (!rc && existing)
			rc = err_set(err, MACA_EEXIST,
				     "the audit of this pack (%s) is already in this database as "
				     "audit %lld; a pack is imported once, then answered there",
				     doc->uuid, (long long)existing);
		struct audit_copy a = {.uuid = doc->uuid,
				       .title = doc->title,
				       .theme = doc->theme,
				       .tpl = doc->tpl,
				       .agency_code = doc->agency_code,
				       .agency_name = doc->agency_name};
		if (!rc)
			rc = store_audit_copy(st, &a, audit_id, err);
		/* Kept to write back into the agency's return (store.h, pack tokens). */
		if (!rc && *doc->agency_token)
			rc = store_pack_token_keep(st, *audit_id, doc->agency_code,
						   doc->agency_token, err);
		if (!rc)
			rc = fill_pack(st, doc, *audit_id, err);
		rc = store_end(st, rc, err);
	}
	ret_origin_pop(st, saved);
	return rc;
}

int return_pack_take_token(struct store *st, const struct return_doc *doc, int64_t *audit_id,
			   struct maca_err *err)
{
	*audit_id = 0;
	if (doc->kind != RETURN_PACK || !*doc->agency_token)
		return err_set(err, MACA_EEXIST, "the pack carries no token");
	if (store_begin(st, err))
		return err->status;
	char held[STORE_TOKEN_LEN + 1] = "";
	int rc = store_audit_by_uuid(st, doc->uuid, audit_id, err);
	if (!rc && !*audit_id)
		rc = err_set(err, MACA_ENOTFOUND, "the pack's audit is not in this database");
	if (!rc)
		rc = store_pack_token_get(st, *audit_id, doc->agency_code, held, NULL, err);
	if (!rc && *held)
		rc = err_set(err, MACA_EEXIST, "agency %s already holds a pack token",
			     doc->agency_code);
	if (!rc)
		rc = store_pack_token_keep(st, *audit_id, doc->agency_code, doc->agency_token, err);
	return store_end(st, rc, err);
}
