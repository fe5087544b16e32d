/* Shared by the pack and return importers (return_pack.c, return_import.c); not for use
 * elsewhere. Runs inside the caller's transaction where one is open. */
#ifndef MACA_RETURN_STORE_H
#define MACA_RETURN_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "return_doc.h"
#include "store_internal.h"

/* Steps a statement that returns no rows and finalizes it. */
int ret_step_done(struct store *st, sqlite3_stmt *stmt, const char *what, struct maca_err *err);
/* Equal as text, NULL being "". */
bool ret_same(const char *a, const char *b);
/* The audit of a UUID; *id 0 when there is none. */
int ret_audit_by_uuid(struct store *st, const char *uuid, int64_t *id, struct maca_err *err);
/* The case of a reference in an audit; *id 0 when there is none. */
int ret_case_by_ref(struct store *st, int64_t audit_id, const char *ref, int64_t *id,
		    struct maca_err *err);
/* Sets the history's source and checksum for an import; the caller's source is kept in
 * *saved for ret_origin_pop. */
int ret_origin_push(struct store *st, const char *source, const char *checksum, char **saved,
		    struct maca_err *err);
void ret_origin_pop(struct store *st, char *saved);
/* Writes an answer as the file has it (author and time included) with a history row for the
 * grade and one for the evidence, each only when it changed; old NULL: none was held. */
int ret_write_answer(struct store *st, int64_t audit_id, int64_t case_id, int64_t agency_id,
		     const char *agency, const struct return_answer *a, const struct answer *old,
		     struct maca_err *err);
/* Writes a section note with its history row; old: the text held ("" or NULL: none). */
int ret_write_note(struct store *st, int64_t audit_id, int64_t case_id, int64_t agency_id,
		   const char *agency, const struct return_note *n, const char *old,
		   struct maca_err *err);

#endif
