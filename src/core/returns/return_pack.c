/* Importing a pack: the agency's database gets the audit, with the same UUID. */
#include <stdlib.h>
#include <string.h>

#include "return_import.h"
#include "return_store.h"
#include "sbuf.h"

static int insert_audit(struct store *st, const struct return_doc *doc, int64_t *id,
			struct maca_err *err)
{
	char *now = store_now();
	if (!now)
		return err_set(err, MACA_ENOMEM, "out of memory");
	sqlite3_stmt *stmt;
	int rc = store_prepare(st,
			       "INSERT INTO audit (uuid, title, theme, template_id, "
			       "template_version, template_hash, template_text, created_at, "
			       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       &stmt, err);
	if (!rc) {
		store_bind_text(stmt, 1, doc->uuid);
		store_bind_text(stmt, 2, doc->title);
		store_bind_text(stmt, 3, doc->theme);
		store_bind_text(stmt, 4, doc->template_id);
		sqlite3_bind_int64(stmt, 5, doc->template_version);
		store_bind_text(stmt, 6, doc->template_hash);
		sqlite3_bind_text(stmt, 7, doc->template_text, (int)doc->template_len,
				  SQLITE_TRANSIENT);
		store_bind_text(stmt, 8, now);
		store_bind_text(stmt, 9, now);
		rc = ret_step_done(st, stmt, "creating the audit", err);
	}
	free(now);
	if (!rc)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int insert_agency(struct store *st, int64_t audit_id, const struct return_doc *doc,
			 int64_t *agency_id, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO agency (audit_id, code, name, position) VALUES (?, ?, ?, 1)",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	store_bind_text(stmt, 2, doc->agency_code);
	store_bind_text(stmt, 3, doc->agency_name);
	if (ret_step_done(st, stmt, "adding the agency", err))
		return err->status;
	*agency_id = sqlite3_last_insert_rowid(st->db);
	return MACA_OK;
}

static int insert_case(struct store *st, int64_t audit_id, const struct return_case *c,
		       long position, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO audit_case (audit_id, reference, age_band, plan_status, "
			  "position) VALUES (?, ?, ?, ?, ?)",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	store_bind_text(stmt, 2, c->reference);
	store_bind_text(stmt, 3, c->age_band);
	store_bind_text(stmt, 4, c->plan_status);
	sqlite3_bind_int64(stmt, 5, position);
	if (ret_step_done(st, stmt, "adding a case", err))
		return err->status;
	int64_t case_id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < c->tags.n; i++) {
		if (store_prepare(st, "INSERT INTO case_tag (case_id, tag) VALUES (?, ?)", &stmt,
				  err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, case_id);
		store_bind_text(stmt, 2, c->tags.items[i].id);
		if (ret_step_done(st, stmt, "adding a case's tags", err))
			return err->status;
	}
	return store_history_add(st, audit_id, case_id, NULL, NULL, "case", NULL, c->reference,
				 NULL, err);
}

/* Cases first, in the pack's order, then the agency's answers and notes. */
static int fill_pack(struct store *st, const struct return_doc *doc, int64_t audit_id,
		     int64_t agency_id, struct maca_err *err)
{
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < doc->ncases; i++)
		rc = insert_case(st, audit_id, &doc->cases[i], (long)i + 1, err);
	for (size_t i = 0; !rc && i < doc->nanswers; i++) {
		const struct return_answer *a = &doc->answers[i];
		/* An answer given and then cleared: nothing to write, and no history for it. */
		if (!*a->value && !*a->evidence)
			continue;
		int64_t case_id;
		rc = ret_case_by_ref(st, audit_id, a->case_ref, &case_id, err);
		if (!rc)
			rc = ret_write_answer(st, audit_id, case_id, agency_id, doc->agency_code, a,
					      NULL, err);
	}
	for (size_t i = 0; !rc && i < doc->nnotes; i++) {
		int64_t case_id;
		rc = ret_case_by_ref(st, audit_id, doc->notes[i].case_ref, &case_id, err);
		if (!rc && *doc->notes[i].text)
			rc = ret_write_note(st, audit_id, case_id, agency_id, doc->agency_code,
					    &doc->notes[i], NULL, err);
	}
	return rc;
}

int return_import_pack(struct store *st, const struct return_doc *doc, const char *checksum,
		       int64_t *audit_id, struct maca_err *err)
{
	if (doc->kind != RETURN_PACK)
		return err_set(err, MACA_EUSER, "this is a return, not a pack");
	char *source = str_fmt("pack for %s", doc->agency_code), *saved = NULL;
	if (!source)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = ret_origin_push(st, source, checksum, &saved, err);
	free(source);
	if (rc)
		return rc;
	int64_t existing = 0, agency_id = 0;
	rc = store_begin(st, err);
	if (!rc)
		rc = ret_audit_by_uuid(st, doc->uuid, &existing, err);
	if (!rc && existing)
		rc = err_set(err, MACA_EEXIST,
			     "the audit of this pack (%s) is already in this database as audit "
			     "%lld; a pack is imported once, then answered there",
			     doc->uuid, (long long)existing);
	if (!rc)
		rc = insert_audit(st, doc, audit_id, err);
	if (!rc)
		rc = insert_agency(st, *audit_id, doc, &agency_id, err);
	/* Kept to write back into the agency's return (store.h, pack tokens). */
	if (!rc && *doc->agency_token)
		rc = store_pack_token_keep(st, *audit_id, doc->agency_code, doc->agency_token, err);
	if (!rc)
		rc = store_history_add(st, *audit_id, 0, NULL, NULL, "audit", NULL, doc->title,
				       NULL, err);
	if (!rc)
		rc = fill_pack(st, doc, *audit_id, agency_id, err);
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	ret_origin_pop(st, saved);
	return rc;
}

int return_pack_take_token(struct store *st, const struct return_doc *doc, int64_t *audit_id,
			   struct maca_err *err)
{
	*audit_id = 0;
	if (doc->kind != RETURN_PACK || !*doc->agency_token)
		return err_set(err, MACA_EEXIST, "the pack carries no token");
	int rc = store_begin(st, err);
	char held[STORE_TOKEN_LEN + 1] = "";
	if (!rc)
		rc = ret_audit_by_uuid(st, doc->uuid, audit_id, err);
	if (!rc && !*audit_id)
		rc = err_set(err, MACA_ENOTFOUND, "the pack's audit is not in this database");
	if (!rc)
		rc = store_pack_token_get(st, *audit_id, doc->agency_code, held, NULL, err);
	if (!rc && *held)
		rc = err_set(err, MACA_EEXIST, "agency %s already holds a pack token",
			     doc->agency_code);
	if (!rc)
		rc = store_pack_token_keep(st, *audit_id, doc->agency_code, doc->agency_token, err);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
