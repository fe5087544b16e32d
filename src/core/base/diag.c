#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "sbuf.h"

void diag_add(struct diag_list *list, const char *file, int line, const char *fmt, ...)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		struct diag *items = realloc(list->items, cap * sizeof *items);
		if (!items) {
			list->oom = true;
			return;
		}
		list->items = items;
		list->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = str_vfmt(fmt, ap);
	va_end(ap);
	char *f = str_dup(file ? file : "-");
	if (!msg || !f) {
		free(msg);
		free(f);
		list->oom = true;
		return;
	}
	list->items[list->n++] = (struct diag){.file = f, .line = line, .msg = msg};
}

void diag_print(const struct diag_list *list, FILE *out)
{
	for (size_t i = 0; i < list->n; i++) {
		const struct diag *d = &list->items[i];
		if (d->line > 0)
			fprintf(out, "%s:%d: %s\n", d->file, d->line, d->msg);
		else
			fprintf(out, "%s: %s\n", d->file, d->msg);
	}
	if (list->oom)
		fprintf(out, "maca: out of memory: some problems could not be reported\n");
}

void diag_list_free(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].file);
		free(list->items[i].msg);
	}
	free(list->items);
	*list = (struct diag_list){0};
}

void problems_vadd(struct problems *p, const char *fmt, va_list ap)
{
	if (p->n++ >= PROBLEMS_LISTED)
		return;
	char *msg = str_vfmt(fmt, ap);
	if (p->text.len)
		sbuf_addc(&p->text, '\n');
	sbuf_add(&p->text, msg ? msg : "out of memory");
	free(msg);
}

void problems_add(struct problems *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problems_vadd(p, fmt, ap);
	va_end(ap);
}

int problems_end(struct problems *p, enum maca_status status, struct maca_err *err)
{
	if (!p->n) {
		sbuf_free(&p->text);
		return MACA_OK;
	}
	if (p->n > PROBLEMS_LISTED)
		sbuf_addf(&p->text, "\n... and %zu more problems", p->n - PROBLEMS_LISTED);
	char *msg = sbuf_take(&p->text);
	int rc = err_set(err, status, "%s", msg ? msg : "out of memory");
	free(msg);
	return rc;
}
