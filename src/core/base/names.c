#include "names.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

bool named_add(struct named_list *list, const char *id, const char *label)
{
	struct named *items = realloc(list->items, (list->n + 1) * sizeof *items);
	if (!items)
		return false;
	list->items = items;
	char *i = str_dup(id), *l = str_dup(label ? label : id);
	if (!i || !l) {
		free(i);
		free(l);
		return false;
	}
	items[list->n++] = (struct named){.id = i, .label = l};
	return true;
}

const struct named *named_find(const struct named_list *list, const char *id)
{
	return array_find(list->items, list->n, sizeof *list->items, offsetof(struct named, id),
			  id);
}

void named_list_free(struct named_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].id);
		free(list->items[i].label);
	}
	free(list->items);
	*list = (struct named_list){0};
}

bool split_list(const char *text, struct named_list *out)
{
	const char *p = text;
	while (*p) {
		const char *comma = strchr(p, ',');
		const char *end = comma ? comma : p + strlen(p);
		const char *a = p, *b = end;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a) {
			char *item = strndup(a, (size_t)(b - a));
			if (!item)
				return false;
			bool ok = named_add(out, item, item);
			free(item);
			if (!ok)
				return false;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	return true;
}

bool id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 40 || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-' ||
		      s[i] == '_'))
			return false;
	return true;
}

char *named_list_ids(const struct named_list *list)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < list->n; i++)
		sbuf_addf(&b, "%s%s", i ? "," : "", list->items[i].id);
	return sbuf_take(&b);
}
