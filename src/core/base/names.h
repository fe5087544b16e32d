/* Ordered lists of (id, label) pairs: agencies, tags, age bands, plan statuses, choices. */
#ifndef MACA_NAMES_H
#define MACA_NAMES_H

#include <stdbool.h>
#include <stddef.h>

struct named {
	char *id;
	char *label;
};

struct named_list {
	struct named *items;
	size_t n;
};

/* Appends copies of id and label; false on allocation failure. */
bool named_add(struct named_list *list, const char *id, const char *label);
const struct named *named_find(const struct named_list *list, const char *id);
void named_list_free(struct named_list *list);

/* Splits a comma-separated list into trimmed, non-empty items (ids and labels alike).
 * Returns false on allocation failure. */
bool split_list(const char *text, struct named_list *out);
/* The list's ids joined by commas, as split_list reads them ("" for none); malloc'd, NULL
 * when out of memory. */
char *named_list_ids(const struct named_list *list);
/* Whether s is a valid id: 1-40 chars of a-z, 0-9, '-', '_', starting with a letter or digit. */
bool id_valid(const char *s);

#endif
