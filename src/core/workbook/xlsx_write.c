/* A pack as a workbook, written with libxlsxwriter: Instructions, Answers (a row per case and
 * question, the answer from an in-cell list), Notes (a row per case, section and prompt), and
 * a hidden sheet saying which audit, template, agency and pack the workbook answers. Every
 * cell is locked except the answers, evidence and notes (protection without a password: a
 * guard against slips, not security). Text cells are formatted as text, so that a date or
 * number typed into them stays as typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "workbook_internal.h"

struct book {
	lxw_workbook *wb;
	lxw_format *head, *fixed, *open, *item;
	const struct sheet_pack *pk;
	lxw_error rc;
	struct maca_err *err;
};

/* Excel reads "_x0041_" in a cell as "A": a literal "_x" followed by four hex digits and
 * "_" is escaped as "_x005F_" so the text comes back as it was. NULL when out of memory. */
static char *escape_x(const char *s)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (const char *c = s; *c; c++) {
		if (c[0] == '_' && c[1] == 'x' && strspn(c + 2, "0123456789abcdefABCDEF") >= 4 &&
		    c[6] == '_')
			sbuf_add(&b, "_x005F_");
		else
			sbuf_addc(&b, *c);
	}
	return sbuf_take(&b);
}

static void put(struct book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
		lxw_format *f)
{
	if (b->rc)
		return;
	if (!*s) {
		b->rc = worksheet_write_blank(ws, row, col, f);
		return;
	}
	char *e = escape_x(s);
	b->rc = e ? worksheet_write_string(ws, row, col, e, f) : LXW_ERROR_MEMORY_MALLOC_FAILED;
	free(e);
}

static void formats(struct book *b)
{
	lxw_workbook *wb = b->wb;
	b->head = workbook_add_format(wb);
	format_set_bold(b->head);
	format_set_bg_color(b->head, 0xD9D9D9);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_text_wrap(b->head);
	b->fixed = workbook_add_format(wb);
	format_set_text_wrap(b->fixed);
	format_set_align(b->fixed, LXW_ALIGN_VERTICAL_TOP);
	b->open = workbook_add_format(wb);
	format_set_text_wrap(b->open);
	format_set_align(b->open, LXW_ALIGN_VERTICAL_TOP);
	format_set_unlocked(b->open);
	format_set_num_format(b->open, "@");
	format_set_bg_color(b->open, 0xFFF2CC);
	format_set_border(b->open, LXW_BORDER_HAIR);
	b->item = workbook_add_format(wb);
	format_set_font_color(b->item, LXW_COLOR_GRAY);
	format_set_align(b->item, LXW_ALIGN_VERTICAL_TOP);
}

static void protect(struct book *b, lxw_worksheet *ws)
{
	/* People may still widen columns, resize rows, filter and sort. */
	lxw_protection prot = {.format_columns = 1, .format_rows = 1, .sort = 1, .autofilter = 1};
	worksheet_protect(ws, NULL, &prot);
	(void)b;
}

static void headers(struct book *b, lxw_worksheet *ws, const char *const *names, size_t n,
		    const double *widths)
{
	for (size_t i = 0; i < n; i++) {
		put(b, ws, 0, (lxw_col_t)i, names[i], b->head);
		if (!b->rc)
			b->rc =
			    worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

/* Whether the choices fit a list given inline, as Excel takes it: 255 characters in all,
 * separated by commas (so none may hold one). */
static bool fits_inline(const char *const *labels, size_t n)
{
	size_t total = n ? n - 1 : 0;
	for (size_t i = 0; i < n; i++) {
		if (strpbrk(labels[i], ",\""))
			return false;
		total += strlen(labels[i]);
	}
	return total <= 255;
}

/* The answer cells of graded and yes-no questions choose from a list: given inline when it
 * fits, else the list on the hidden sheet (libxlsxwriter 1.1.4 leaks a copy of each list
 * formula, a few bytes a range, so the inline list is preferred). */
static void validate(struct book *b, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
		     enum question_kind kind)
{
	if (b->rc || kind == QUESTION_TEXT)
		return;
	const struct template *tpl = b->pk->doc->tpl;
	size_t n = kind == QUESTION_GRADED ? tpl->ngrades : 4;
	const char **labels = calloc(n + 1, sizeof *labels);
	if (!labels) {
		b->rc = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	for (size_t i = 0; i < n; i++)
		labels[i] =
		    kind == QUESTION_GRADED ? tpl->grades[i].label : template_yesno_values[i].label;
	char formula[64];
	snprintf(formula, sizeof formula, "=%s!$%c$1:$%c$%zu", SHEET_HIDDEN,
		 kind == QUESTION_GRADED ? 'D' : 'E', kind == QUESTION_GRADED ? 'D' : 'E', n);
	lxw_data_validation dv = {
	    .ignore_blank = LXW_VALIDATION_ON,
	    .error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
	    .error_title = "Not one of the choices",
	    .error_message = kind == QUESTION_GRADED ? "Choose a grade from the list."
						     : "Choose Yes, No, Partly or Not known.",
	};
	if (fits_inline(labels, n)) {
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)labels;
	} else {
		dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		dv.value_formula = formula;
	}
	b->rc = worksheet_data_validation_range(ws, first, 4, last, 4, &dv);
	free(labels);
}

static void answers_sheet(struct book *b, lxw_worksheet *ws)
{
	static const char *const names[] = {"Case",   "Section",  "Question", "Guidance",
					    "Answer", "Evidence", "Item"};
	static const double widths[] = {14, 20, 50, 50, 26, 70, 24};
	headers(b, ws, names, 7, widths);
	const struct return_doc *d = b->pk->doc;
	const struct template *tpl = d->tpl;
	lxw_row_t row = 1, run_start = 1;
	int run_kind = -1;
	for (size_t c = 0; c < d->ncases && !b->rc; c++) {
		const char *ref = d->cases[c].reference;
		for (size_t i = 0; i < tpl->nquestions && !b->rc; i++, row++) {
			const struct question *q = &tpl->questions[i];
			const struct return_answer *a = sheet_pack_answer(b->pk, ref, q->id);
			put(b, ws, row, 0, ref, b->fixed);
			put(b, ws, row, 1, tpl->sections[q->section].title, b->fixed);
			put(b, ws, row, 2, q->text, b->fixed);
			put(b, ws, row, 3, q->guidance, b->fixed);
			put(b, ws, row, 4, a ? template_value_label(tpl, q, a->value) : "",
			    b->open);
			put(b, ws, row, 5, a ? a->evidence : "", b->open);
			put(b, ws, row, 6, q->id, b->item);
			if ((int)q->kind != run_kind) {
				if (run_kind >= 0)
					validate(b, ws, run_start, row - 1,
						 (enum question_kind)run_kind);
				run_kind = (int)q->kind;
				run_start = row;
			}
		}
	}
	if (run_kind >= 0)
		validate(b, ws, run_start, row - 1, (enum question_kind)run_kind);
	if (!b->rc && row > 1)
		b->rc = worksheet_autofilter(ws, 0, 0, row - 1, 6);
	protect(b, ws);
}

static void notes_sheet(struct book *b, lxw_worksheet *ws)
{
	static const char *const names[] = {"Case", "Section", "Prompt", "Note", "Item"};
	static const double widths[] = {14, 24, 60, 80, 34};
	headers(b, ws, names, 5, widths);
	const struct return_doc *d = b->pk->doc;
	const struct template *tpl = d->tpl;
	lxw_row_t row = 1;
	for (size_t c = 0; c < d->ncases && !b->rc; c++) {
		const char *ref = d->cases[c].reference;
		for (size_t s = 0; s < tpl->nsections && !b->rc; s++) {
			const struct section *sec = &tpl->sections[s];
			for (size_t k = 0; k < sec->nprompts && !b->rc; k++, row++) {
				const struct prompt *pr = &tpl->prompts[sec->prompts[k]];
				const struct return_note *n =
				    sheet_pack_note(b->pk, ref, sec->id, pr->id);
				char *prompt = str_fmt("%s: %s", pr->label, pr->text);
				char *item = str_fmt("%s/%s", sec->id, pr->id);
				if (!prompt || !item)
					b->rc = LXW_ERROR_MEMORY_MALLOC_FAILED;
				put(b, ws, row, 0, ref, b->fixed);
				put(b, ws, row, 1, sec->title, b->fixed);
				if (prompt)
					put(b, ws, row, 2, prompt, b->fixed);
				put(b, ws, row, 3, n ? n->text : "", b->open);
				if (item)
					put(b, ws, row, 4, item, b->item);
				free(prompt);
				free(item);
			}
		}
	}
	if (!b->rc && row > 1)
		b->rc = worksheet_autofilter(ws, 0, 0, row - 1, 4);
	protect(b, ws);
}

/* Which audit, template, agency and pack: what makes the workbook a return. Columns D and E
 * hold the lists the answer cells choose from. */
static void hidden_sheet(struct book *b, lxw_worksheet *ws)
{
	const struct return_doc *d = b->pk->doc;
	char version[24], format[8];
	snprintf(version, sizeof version, "%ld", d->template_version);
	snprintf(format, sizeof format, "%d", SHEET_FORMAT_VERSION);
	const char *rows[][2] = {{"format", format},
				 {"kind", "pack"},
				 {"audit_uuid", d->uuid},
				 {"template_id", d->template_id},
				 {"template_version", version},
				 {"template_hash", d->template_hash},
				 {"agency_code", d->agency_code},
				 {"agency_name", d->agency_name},
				 {"pack_token", sheet_pack_token(d)},
				 {"created_at", d->created_at},
				 {"created_by", d->created_by},
				 {"maca_version", d->maca_version}};
	for (lxw_row_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		put(b, ws, i, 0, rows[i][0], NULL);
		put(b, ws, i, 1, rows[i][1], NULL);
	}
	const struct template *tpl = d->tpl;
	for (lxw_row_t i = 0; i < tpl->ngrades; i++)
		put(b, ws, i, 3, tpl->grades[i].label, NULL);
	for (lxw_row_t i = 0; i < 4; i++)
		put(b, ws, i, 4, template_yesno_values[i].label, NULL);
	worksheet_hide(ws);
	protect(b, ws);
}

int xlsx_write_pack(const struct sheet_pack *pk, const char *path, struct maca_err *err)
{
	struct book b = {.pk = pk, .err = err};
	b.wb = workbook_new(path);
	if (!b.wb)
		return err_set(err, MACA_EIO, "%s: cannot create the workbook", path);
	formats(&b);
	lxw_worksheet *instr = workbook_add_worksheet(b.wb, SHEET_INSTRUCTIONS),
		      *answers = workbook_add_worksheet(b.wb, SHEET_ANSWERS),
		      *notes = workbook_add_worksheet(b.wb, SHEET_NOTES),
		      *hidden = workbook_add_worksheet(b.wb, SHEET_HIDDEN);
	if (!instr || !answers || !notes || !hidden || !b.head || !b.fixed || !b.open || !b.item)
		b.rc = LXW_ERROR_MEMORY_MALLOC_FAILED;
	if (!b.rc)
		b.rc = (lxw_error)xlsx_write_instructions(b.wb, instr, pk);
	if (!b.rc)
		answers_sheet(&b, answers);
	if (!b.rc)
		notes_sheet(&b, notes);
	if (!b.rc)
		hidden_sheet(&b, hidden);
	lxw_error closed = workbook_close(b.wb);
	if (!b.rc)
		b.rc = closed;
	if (b.rc)
		return err_set(err, b.rc == LXW_ERROR_MEMORY_MALLOC_FAILED ? MACA_ENOMEM : MACA_EIO,
			       "%s: writing the workbook: %s", path, lxw_strerror(b.rc));
	return MACA_OK;
}
