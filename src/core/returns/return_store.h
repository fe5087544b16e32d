/* Shared by the pack and return importers (return_pack.c, return_import.c); not for use
 * elsewhere. What they write goes through the store's public functions, each a transaction
 * nested in the importer's. */
#ifndef MACA_RETURN_STORE_H
#define MACA_RETURN_STORE_H

#include "err.h"
#include "store.h"

/* Sets the history's source ("KIND AGENCY", e.g. "return from police") and checksum for an
 * import; the caller's source is kept in *saved for ret_origin_pop. */
int ret_origin_push(struct store *st, const char *kind, const char *agency, const char *checksum,
		    char **saved, struct maca_err *err);
void ret_origin_pop(struct store *st, char *saved);

#endif
