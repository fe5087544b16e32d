/* A list of problems found in a file, each printed as `file:line: message`. */
#ifndef MACA_DIAG_H
#define MACA_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct diag {
	char *file;
	int line; /* 1-based; 0 when the problem is the file as a whole */
	char *msg;
};

struct diag_list {
	struct diag *items;
	size_t n;
	size_t cap;
	bool oom; /* some diagnostics were lost to an allocation failure */
};

void diag_add(struct diag_list *list, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Writes every diagnostic as `file:line: message` (or `file: message` for line 0). */
void diag_print(const struct diag_list *list, FILE *out);
void diag_list_free(struct diag_list *list);

#endif
