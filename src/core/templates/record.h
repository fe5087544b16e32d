/* A record being entered: field id → value, in the order set. */
#ifndef MACA_RECORD_H
#define MACA_RECORD_H

#include <stdbool.h>

#include "names.h"

struct record {
	struct named_list values; /* id: field id, label: value */
};

/* Sets or replaces a value; false on allocation failure. */
bool record_set(struct record *rec, const char *field, const char *value);
/* The value, or NULL when unset. */
const char *record_get(const struct record *rec, const char *field);
void record_free(struct record *rec);

#endif
