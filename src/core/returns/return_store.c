/* What importing packs and returns share: finding audits and cases by their portable keys,
 * the origin of the history rows, and writing an answer or note with its history. */
#include "return_store.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

int ret_step_done(struct store *st, sqlite3_stmt *stmt, const char *what, struct maca_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? MACA_OK : store_db_error(st, err, what);
}

bool ret_same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The audit of a UUID: *id 0 when there is none. */
int ret_audit_by_uuid(struct store *st, const char *uuid, int64_t *id, struct maca_err *err)
{
	*id = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT id FROM audit WHERE uuid = ?", &stmt, err))
		return err->status;
	store_bind_text(stmt, 1, uuid);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "finding the audit");
	return MACA_OK;
}

/* The case of a reference in an audit: *id 0 when there is none. */
int ret_case_by_ref(struct store *st, int64_t audit_id, const char *ref, int64_t *id,
		    struct maca_err *err)
{
	*id = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT id FROM audit_case WHERE audit_id = ? AND reference = ?",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	store_bind_text(stmt, 2, ref);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "finding a case");
	return MACA_OK;
}

/* Sets source and checksum for the history rows of an import, keeping the caller's source
 * to put back afterwards (in *saved, malloc'd). */
int ret_origin_push(struct store *st, const char *source, const char *checksum, char **saved,
		    struct maca_err *err)
{
	*saved = strdup(st->source);
	if (!*saved)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (store_set_origin(st, st->author, source, err) ||
	    store_set_checksum(st, checksum, err)) {
		free(*saved);
		*saved = NULL;
		return err->status;
	}
	return MACA_OK;
}

void ret_origin_pop(struct store *st, char *saved)
{
	if (saved)
		store_set_origin(st, st->author, saved, NULL);
	store_set_checksum(st, NULL, NULL);
	free(saved);
}

static int upsert_answer(struct store *st, int64_t case_id, int64_t agency_id,
			 const struct return_answer *a, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO answer (case_id, agency_id, question_id, value, evidence, "
			  "author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT "
			  "(case_id, agency_id, question_id) DO UPDATE SET value = ?4, evidence = "
			  "?5, author = ?6, updated_at = ?7",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_int64(stmt, 2, agency_id);
	store_bind_text(stmt, 3, a->question_id);
	store_bind_text(stmt, 4, a->value);
	store_bind_text(stmt, 5, a->evidence);
	store_bind_text(stmt, 6, a->author);
	store_bind_text(stmt, 7, a->updated_at);
	return ret_step_done(st, stmt, "saving an answer", err);
}

static int upsert_note(struct store *st, int64_t case_id, int64_t agency_id,
		       const struct return_note *n, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO section_note (case_id, agency_id, section_id, prompt_id, "
			  "text, author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON "
			  "CONFLICT (case_id, agency_id, section_id, prompt_id) DO UPDATE SET text "
			  "= ?5, author = ?6, updated_at = ?7",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_int64(stmt, 2, agency_id);
	store_bind_text(stmt, 3, n->section_id);
	store_bind_text(stmt, 4, n->prompt_id);
	store_bind_text(stmt, 5, n->text);
	store_bind_text(stmt, 6, n->author);
	store_bind_text(stmt, 7, n->updated_at);
	return ret_step_done(st, stmt, "saving a section note", err);
}

/* Writes an answer and its history: a row for the grade and one for the evidence, each only
 * when it changed. old is NULL when the chair held no answer. */
int ret_write_answer(struct store *st, int64_t audit_id, int64_t case_id, int64_t agency_id,
		     const char *agency, const struct return_answer *a, const struct answer *old,
		     struct maca_err *err)
{
	if (upsert_answer(st, case_id, agency_id, a, err))
		return err->status;
	if (!ret_same(old ? old->value : "", a->value) &&
	    store_history_add(st, audit_id, case_id, agency, a->question_id, "answer",
			      old ? old->value : NULL, a->value, NULL, err))
		return err->status;
	if (!ret_same(old ? old->evidence : "", a->evidence) &&
	    store_history_add(st, audit_id, case_id, agency, a->question_id, "evidence",
			      old ? old->evidence : NULL, a->evidence, NULL, err))
		return err->status;
	return MACA_OK;
}

int ret_write_note(struct store *st, int64_t audit_id, int64_t case_id, int64_t agency_id,
		   const char *agency, const struct return_note *n, const char *old,
		   struct maca_err *err)
{
	if (upsert_note(st, case_id, agency_id, n, err))
		return err->status;
	char *item = str_fmt("%s/%s", n->section_id, n->prompt_id);
	if (!item)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = store_history_add(st, audit_id, case_id, agency, item, "note",
				   old && *old ? old : NULL, n->text, NULL, err);
	free(item);
	return rc;
}
