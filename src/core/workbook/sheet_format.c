/* The spreadsheet formats: telling them apart, what their sheets and columns are called, the
 * labels answers are shown with. Reading any of them starts in sheet_read.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

const char *const sheet_answer_headers[COL_NFIELDS] = {"Case", "Item", "Answer", "Evidence"};
const char *const sheet_note_headers[COL_NFIELDS] = {"Case", "Item", "Note", NULL};
const char *const csv_headers[CSV_NCOLS] = {
    "Case",	"Section",	    "Question",	     "Guidance",   "Choices",
    "Answer",	"Evidence",	    "Item",	     "Audit",	   "Agency",
    "Template", "Template version", "Template hash", "Pack token", "Format"};

bool sheet_format_parse(const char *name, enum sheet_format *out)
{
	static const char *const names[] = {"maca", "xlsx", "csv"};
	for (int i = 0; i < 3; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum sheet_format)i;
			return true;
		}
	return false;
}

const char *sheet_format_ext(enum sheet_format f)
{
	return f == SHEET_XLSX ? "xlsx" : f == SHEET_CSV ? "csv" : "maca";
}

enum sheet_format sheet_detect(const unsigned char *buf, size_t len)
{
	if (len >= 4 && memcmp(buf, "PK\x03\x04", 4) == 0)
		return SHEET_XLSX;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return SHEET_CSV;
	/* Saved again without its byte order mark (or with it garbled): the header line still
	 * names the columns. */
	size_t n = 0;
	while (n < len && n < 4096 && buf[n] != '\n' && buf[n] != '\0')
		n++;
	bool is_case = false, is_item = false;
	for (size_t i = 0; n < len && buf[n] == '\n' && i + 4 <= n; i++) {
		bool start = i == 0 || strchr(",;\t\"\xbf", buf[i - 1]);
		is_case = is_case || (start && memcmp(buf + i, "Case", 4) == 0 &&
				      strchr(",;\t\"\r\n", buf[i + 4]));
		is_item = is_item || (start && memcmp(buf + i, "Item", 4) == 0 &&
				      strchr(",;\t\"\r\n", buf[i + 4]));
	}
	return is_case && is_item ? SHEET_CSV : SHEET_MACA;
}

void sheet_col_name(size_t col, char out[8])
{
	char tmp[8];
	size_t n = 0;
	for (size_t c = col + 1; c && n < 7; c = (c - 1) / 26)
		tmp[n++] = (char)('A' + (c - 1) % 26);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

char *sheet_choices(const struct template *tpl, const struct question *q)
{
	if (q->kind == QUESTION_TEXT)
		return strdup("any text");
	struct sbuf b = {0};
	size_t n = q->kind == QUESTION_GRADED ? tpl->ngrades : 4;
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s",
			  i == 0       ? ""
			  : i + 1 == n ? " or "
				       : ", ",
			  q->kind == QUESTION_GRADED ? tpl->grades[i].label
						     : template_yesno_values[i].label);
	return sbuf_take(&b);
}

const char *sheet_pack_token(const struct return_doc *doc)
{
	return doc->agency_token;
}
