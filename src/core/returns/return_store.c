/* The origin of the history rows an import writes: the file's kind and agency, and its
 * checksum. */
#include "return_store.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

int ret_origin_push(struct store *st, const char *kind, const char *agency, const char *checksum,
		    char **saved, struct maca_err *err)
{
	char *source = str_fmt("%s %s", kind, agency);
	*saved = source ? strdup(store_source(st)) : NULL;
	int rc = *saved ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && (store_set_origin(st, store_author(st), source, err) ||
		    store_set_checksum(st, checksum, err)))
		rc = err->status;
	if (rc) {
		free(*saved);
		*saved = NULL;
	}
	free(source);
	return rc;
}

void ret_origin_pop(struct store *st, char *saved)
{
	if (saved)
		store_set_origin(st, store_author(st), saved, NULL);
	store_set_checksum(st, NULL, NULL);
	free(saved);
}
