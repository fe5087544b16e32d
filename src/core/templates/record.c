#include "record.h"

#include <stdlib.h>
#include <string.h>

bool record_set(struct record *rec, const char *field, const char *value)
{
	for (size_t i = 0; i < rec->values.n; i++) {
		struct named *v = &rec->values.items[i];
		if (strcmp(v->id, field) == 0) {
			char *copy = strdup(value);
			if (!copy)
				return false;
			free(v->label);
			v->label = copy;
			return true;
		}
	}
	return named_add(&rec->values, field, value);
}

const char *record_get(const struct record *rec, const char *field)
{
	const struct named *v = named_find(&rec->values, field);
	return v ? v->label : NULL;
}

void record_free(struct record *rec)
{
	named_list_free(&rec->values);
}
