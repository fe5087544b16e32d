/* Problems found in a workbook or CSV file: listed one a line (at most PROBLEMS_LISTED, the
 * rest counted), each named by where it is, and turned into the reader's one error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "workbook_internal.h"

void sheet_problem(struct sheet_problems *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problems_vadd(&p->list, fmt, ap);
	va_end(ap);
}

int sheet_problems_end(struct sheet_problems *p, struct maca_err *err)
{
	return problems_end(&p->list, MACA_EUSER, err);
}

int sheet_read_end(struct sheet_problems *p, struct return_doc *doc, struct return_doc **out,
		   struct maca_err *err)
{
	if (!p->list.n && !doc)
		sheet_problem(p, "nothing in the file could be read");
	int rc = sheet_problems_end(p, err);
	if (rc) {
		return_doc_free(doc);
		return rc;
	}
	*out = doc;
	return MACA_OK;
}

void sheet_where(const struct sheet_rows *r, const char *sheet, size_t row,
		 const struct sheet_field *f, char *out, size_t n)
{
	if (r->csv) {
		snprintf(out, n, "line %zu, column %zu (%s)", row, f->col + 1,
			 f->header ? f->header : "?");
	} else {
		char col[8];
		sheet_col_name(f->col, col);
		snprintf(out, n, "%s!%s%zu", sheet, col, row);
	}
}
