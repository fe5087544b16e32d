/* The workbook's first sheet: what the audit is, how to answer, the scale, and whom to send
 * the workbook back to and how to send it safely. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "workbook_internal.h"

struct page {
	lxw_worksheet *ws;
	lxw_format *label, *text, *title;
	lxw_row_t row;
	lxw_error rc;
};

static void line(struct page *p, const char *label, const char *text)
{
	if (p->rc)
		return;
	if (label && *label)
		p->rc = worksheet_write_string(p->ws, p->row, 0, label, p->label);
	if (!p->rc && text && *text)
		p->rc = worksheet_write_string(p->ws, p->row, 1, text, p->text);
	p->row++;
}

static void linef(struct page *p, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void linef(struct page *p, const char *label, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = str_vfmt(fmt, ap);
	va_end(ap);
	if (!text)
		p->rc = LXW_ERROR_MEMORY_MALLOC_FAILED;
	line(p, label, text);
	free(text);
}

/* What a grade asks of the answer: evidence on all, some or none of the graded questions. */
static void grade_line(struct page *p, const struct template *tpl, size_t g, size_t last)
{
	const struct grade *gr = &tpl->grades[g];
	size_t graded = 0, needs = 0;
	for (size_t i = 0; i < tpl->nquestions; i++) {
		const struct question *q = &tpl->questions[i];
		if (q->kind != QUESTION_GRADED)
			continue;
		graded++;
		needs += template_needs_evidence(tpl, q, gr->id);
	}
	const char *place = gr->not_applicable ? "The question does not apply to this case."
			    : g == 0	       ? "The best grade on this scale."
			    : g == last	       ? "The lowest grade on this scale."
					       : "";
	if (needs == 0)
		linef(p, gr->label, "%s", place);
	else if (needs == graded)
		linef(p, gr->label, "%s%sGive evidence for this grade.", place, *place ? " " : "");
	else
		linef(p, gr->label,
		      "%s%sGive evidence for this grade on the %zu questions that ask "
		      "for it (their guidance says so).",
		      place, *place ? " " : "", needs);
}

static void scale(struct page *p, const struct template *tpl)
{
	line(p, "The scale",
	     "Graded questions are answered on this audit's scale, best first. "
	     "Choose the grade from the list in the Answer cell:");
	size_t last = 0;
	for (size_t g = 0; g < tpl->ngrades; g++)
		if (!tpl->grades[g].not_applicable)
			last = g;
	for (size_t g = 0; g < tpl->ngrades; g++)
		grade_line(p, tpl, g, last);
	line(p, "Yes-no questions", "Choose Yes, No, Partly or Not known from the list.");
	line(p, "Text questions", "Type your answer in the Answer cell.");
}

static void send_back(struct page *p, const struct sheet_pack *pk)
{
	const struct return_doc *d = pk->doc;
	const struct audit_info *a = pk->audit;
	linef(p, "Send it back to",
	      "%s%s%s%s, who chairs the audit%s%s, by the date the partnership set for returns.",
	      *d->created_by ? d->created_by : "The audit's chair", *pk->chair ? " (" : "",
	      pk->chair, *pk->chair ? ")" : "", *a->partnership ? " for " : "", a->partnership);
	line(p, "Sending it safely",
	     "maca does not encrypt this workbook, and it holds case information about children. "
	     "Send it back only through your agency's secure e-mail (or the secure route the "
	     "partnership has agreed), never by ordinary e-mail or on an unencrypted memory stick. "
	     "Do not add a password in Excel: maca cannot open a password-protected workbook.");
	line(
	    p, "",
	    "Nothing in a workbook shows whether it was changed on its way. If your agency can run "
	    "maca, a sealed maca return (maca export return --encrypt) is the way to detect any "
	    "change in transit.");
}

static void how_to_answer(struct page *p)
{
	line(
	    p, "How to answer",
	    "On the Answers sheet each row is one question about one case. Choose your agency's "
	    "answer in the Answer column from the list in the cell, or type it where the question "
	    "asks for text. Write your evidence in the Evidence column: what your agency's records "
	    "show, with dates, and no names (use the case reference).");
	line(p, "", "On the Notes sheet, write your agency's notes for each section of each case.");
	line(p, "",
	     "Only the shaded cells can be changed. Leave the headings and the Case and Item "
	     "columns as they are: maca reads them to place each answer. You may sort, filter, "
	     "widen columns and add rows of your own; rows without an Item are not read. The "
	     "sheets are protected without a password, as a guard against slips, not as security.");
}

int xlsx_write_instructions(struct lxw_workbook *wb, struct lxw_worksheet *ws,
			    const struct sheet_pack *pk)
{
	const struct return_doc *d = pk->doc;
	const struct audit_info *a = pk->audit;
	struct page p = {.ws = ws};
	p.title = workbook_add_format(wb);
	p.label = workbook_add_format(wb);
	p.text = workbook_add_format(wb);
	if (!p.title || !p.label || !p.text)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	format_set_bold(p.title);
	format_set_font_size(p.title, 14);
	format_set_bold(p.label);
	format_set_align(p.label, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(p.text);
	format_set_align(p.text, LXW_ALIGN_VERTICAL_TOP);
	p.rc = worksheet_set_column(ws, 0, 0, 26, NULL);
	if (!p.rc)
		p.rc = worksheet_set_column(ws, 1, 1, 100, NULL);
	char *title = str_fmt("Audit return for %s", d->agency_name);
	if (!p.rc)
		p.rc = title ? worksheet_write_string(ws, 0, 0, title, p.title)
			     : LXW_ERROR_MEMORY_MALLOC_FAILED;
	free(title);
	p.row = 2;
	line(&p, "Audit", d->title);
	line(&p, "Theme", d->theme);
	line(&p, "Partnership", a->partnership);
	line(&p, "Audit day", a->audit_date && *a->audit_date ? a->audit_date : "not set yet");
	linef(&p, "Agency", "%s (%s)", d->agency_name, d->agency_code);
	linef(&p, "Pack made", "%s%s%s", d->created_at, *d->created_by ? " by " : "",
	      d->created_by);
	p.row++;
	how_to_answer(&p);
	p.row++;
	scale(&p, d->tpl);
	p.row++;
	send_back(&p, pk);
	lxw_protection prot = {.format_columns = 1, .format_rows = 1};
	if (!p.rc)
		worksheet_protect(ws, NULL, &prot);
	return (int)p.rc;
}
