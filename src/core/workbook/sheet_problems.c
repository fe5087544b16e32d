/* Problems found in a workbook or CSV file (a list of problems, diag.h), each named by where it
 * is, and turned into the reader's one error. */
#include <stdio.h>
#include <stdlib.h>

#include "workbook_internal.h"

int sheet_read_end(struct problems *p, struct return_doc *doc, struct return_doc **out,
		   struct maca_err *err)
{
	if (!p->n && !doc)
		problems_add(p, "nothing in the file could be read");
	int rc = problems_end(p, MACA_EUSER, err);
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
