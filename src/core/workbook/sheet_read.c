/* The one entry point that reads any pack or return (workbook.h): the format told from the
 * bytes, then handed to its reader. */
#include "workbook_internal.h"

int sheet_read_any(struct store *st, const unsigned char *buf, size_t len, struct return_doc **out,
		   struct maca_err *err)
{
	switch (sheet_detect(buf, len)) {
	case SHEET_XLSX:
		return xlsx_read(buf, len, sheet_lookup_store, st, out, err);
	case SHEET_CSV:
		return csv_read(buf, len, sheet_lookup_store, st, out, err);
	case SHEET_MACA:
		break;
	}
	return return_parse(buf, len, out, err);
}
