#include "ui_find.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>

/* text case-folded (and compatibility-composed, so a decomposed é finds é), NUL-terminated;
 * NULL when out of memory or not UTF-8. */
static char *fold(const char *text, size_t len)
{
	size_t n = 0;
	uint8_t *f = u8_casefold((const uint8_t *)text, len, NULL, UNINORM_NFKC, NULL, &n);
	if (!f)
		return NULL;
	char *s = realloc(f, n + 1);
	if (!s) {
		free(f);
		return NULL;
	}
	s[n] = '\0';
	return s;
}

bool ui_find_match(const char *text, const char *query)
{
	if (!*query)
		return false;
	char *t = fold(text, strlen(text)), *q = fold(query, strlen(query));
	bool found = t && q && strstr(t, q) != NULL;
	free(t);
	free(q);
	return found;
}

bool ui_find_same(const char *text, const char *query)
{
	while (*query == ' ')
		query++;
	size_t len = strlen(query);
	while (len && query[len - 1] == ' ')
		len--;
	if (!len)
		return false;
	char *t = fold(text, strlen(text)), *q = fold(query, len);
	bool same = t && q && strcmp(t, q) == 0;
	free(t);
	free(q);
	return same;
}

bool ui_list_select(size_t *selected, size_t n, size_t i)
{
	if (i >= n)
		return false;
	*selected = i;
	return true;
}

size_t ui_find_next(size_t from, size_t n, int dir,
		    bool (*matches)(const void *ctx, size_t item, const char *query),
		    const void *ctx, const char *query)
{
	for (size_t step = 1; n && step <= n; step++) {
		size_t i = dir < 0 ? (from + n - step % n) % n : (from + step) % n;
		if (matches(ctx, i, query))
			return i;
	}
	return n;
}

size_t ui_list_find(const struct ui_list *l, const char *query, int dir)
{
	for (size_t i = 0; l->names && i < l->n; i++)
		if (l->names(l->items, i, query))
			return i;
	return ui_find_next(*l->selected, l->n, dir, l->matches, l->items, query);
}
