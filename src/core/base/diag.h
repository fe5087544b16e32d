/* A list of problems found in a file, each printed as `file:line: message`. */
#ifndef MACA_DIAG_H
#define MACA_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

#include "err.h"
#include "sbuf.h"

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

/* The problems found in a file someone sent, as one message for one error: a line each, the
 * first PROBLEMS_LISTED listed and the rest counted (a hostile file can hold millions). The
 * pack and return readers, the workbook and CSV readers and the import check share it. */
#define PROBLEMS_LISTED 100
struct problems {
	struct sbuf text;
	size_t n;   /* every problem added, listed or not */
	bool fatal; /* the file cannot be read further (the workbook readers stop) */
};
void problems_add(struct problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void problems_vadd(struct problems *p, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The problems as one error of the status given, or MACA_OK when there were none; frees the
 * text either way. */
int problems_end(struct problems *p, enum maca_status status, struct maca_err *err);

#endif
