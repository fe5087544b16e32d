/* The origin of the history rows an import writes: the file's kind and agency, and its
 * checksum. */
#include "return_store.h"

#include <stdlib.h>
#include <string.h>

int ret_origin_push(struct store *st, const char *source, const char *checksum, char **saved,
		    struct maca_err *err)
{
	*saved = strdup(store_source(st));
	if (!*saved)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (store_set_origin(st, store_author(st), source, err) ||
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
		store_set_origin(st, store_author(st), saved, NULL);
	store_set_checksum(st, NULL, NULL);
	free(saved);
}
