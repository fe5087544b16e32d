#include "ui_lines.h"

#include <stdlib.h>
#include <string.h>

size_t ui_lines_count(char *text, bool trim)
{
	char *copy;
	char **lines;
	size_t n = 0;
	struct maca_err err = {0};
	if (text && !ui_lines_split(text, trim, &copy, &lines, &n, &err)) {
		free(copy);
		free(lines);
	}
	err_clear(&err);
	free(text);
	return n;
}

int ui_lines_split(const char *text, bool trim, char **copy, char ***lines, size_t *n,
		   struct maca_err *err)
{
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	*n = 0;
	*copy = strdup(text);
	*lines = calloc(cap, sizeof **lines);
	if (!*copy || !*lines) {
		free(*copy);
		free(*lines);
		*copy = NULL;
		*lines = NULL;
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	for (char *p = *copy; *p;) {
		(*lines)[(*n)++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	while (trim && *n && !*(*lines)[*n - 1])
		(*n)--;
	return MACA_OK;
}
