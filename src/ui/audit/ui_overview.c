#include "ui_overview.h"

#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "ui_view.h"

void ui_overview_free(struct ui_overview *ov)
{
	audit_info_free(&ov->info);
	template_free(ov->tpl);
	named_list_free(&ov->agencies);
	case_info_list_free(ov->cases, ov->ncases);
	free(ov->cells);
	memset(ov, 0, sizeof *ov);
}

/* Fills one case's row: agreed section grades, and which agencies answered what. Each answer
 * is looked at once: a row is sections x agencies cells over every answer of the case. */
static int load_row(struct ui_overview *ov, struct store *st, size_t row, struct maca_err *err)
{
	const struct template *t = ov->tpl;
	size_t nagencies = ov->agencies.n;
	struct agreed_row *agreed;
	struct answer_row *answers;
	size_t nagreed, nanswers;
	size_t ncells = t->nsections * nagencies;
	int *grades = calloc(t->nsections ? t->nsections : 1, sizeof *grades);
	bool *seen = calloc(ncells ? ncells : 1, sizeof *seen);
	if (!grades || !seen) {
		free(grades);
		free(seen);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (store_case_agreed(st, ov->cases[row].id, &agreed, &nagreed, err)) {
		free(grades);
		free(seen);
		return err->status;
	}
	if (store_case_answers(st, ov->cases[row].id, &answers, &nanswers, err)) {
		agreed_rows_free(agreed, nagreed);
		free(grades);
		free(seen);
		return err->status;
	}
	findings_case_grades(t, agreed, nagreed, grades);
	for (size_t i = 0; i < nanswers; i++) {
		if (!*answers[i].value)
			continue;
		const struct question *q = template_question(t, answers[i].question_id);
		const struct named *agency = named_find(&ov->agencies, answers[i].agency);
		if (q && agency)
			seen[q->section * nagencies + (size_t)(agency - ov->agencies.items)] = true;
	}
	for (size_t s = 0; s < t->nsections; s++) {
		struct ui_cell *cell = &ov->cells[row * t->nsections + s];
		cell->agreed = grades[s];
		cell->answered = 0;
		for (size_t a = 0; a < nagencies; a++)
			cell->answered += seen[s * nagencies + a];
	}
	free(grades);
	free(seen);
	agreed_rows_free(agreed, nagreed);
	answer_rows_free(answers, nanswers);
	return MACA_OK;
}

int ui_overview_load(struct ui_overview *ov, struct store *st, int64_t audit_id,
		     struct maca_err *err)
{
	struct ui_overview fresh = {0};
	int rc = store_audit_get(st, audit_id, &fresh.info, err);
	if (!rc)
		rc = store_audit_template(st, audit_id, &fresh.tpl, err);
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &fresh.agencies, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &fresh.cases, &fresh.ncases, err);
	if (!rc)
		rc = store_audit_progress(st, audit_id, &fresh.answered, &fresh.expected, err);
	if (!rc) {
		size_t n = fresh.ncases * fresh.tpl->nsections;
		fresh.cells = calloc(n ? n : 1, sizeof *fresh.cells);
		if (!fresh.cells)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	for (size_t r = 0; !rc && r < fresh.ncases; r++)
		rc = load_row(&fresh, st, r, err);
	if (rc) {
		ui_overview_free(&fresh);
		return rc;
	}
	/* Keep the selection when reloading the same audit: the same case, wherever it now
	 * is (another maca may have added or removed cases), else the same row. */
	if (ov->open && ov->info.id == audit_id) {
		int64_t was = ov->row < ov->ncases ? ov->cases[ov->row].id : 0;
		fresh.row = ov->row;
		for (size_t i = 0; was && i < fresh.ncases; i++)
			if (fresh.cases[i].id == was)
				fresh.row = i;
		if (fresh.row >= fresh.ncases)
			fresh.row = fresh.ncases ? fresh.ncases - 1 : 0;
		fresh.col = ov->col < fresh.tpl->nsections ? ov->col : 0;
	}
	ui_overview_free(ov);
	*ov = fresh;
	ov->open = true;
	return MACA_OK;
}

void ui_overview_move(struct ui_overview *ov, enum ui_action action)
{
	size_t rows = ov->ncases, cols = ov->tpl ? ov->tpl->nsections : 0;
	if (rows == 0 || cols == 0)
		return;
	switch (action) {
	case UI_ACTION_LEFT:
		ov->col -= ov->col > 0;
		break;
	case UI_ACTION_RIGHT:
		ov->col += ov->col + 1 < cols;
		break;
	case UI_ACTION_FIRST:
	case UI_ACTION_LAST:
		ov->col = action == UI_ACTION_FIRST ? 0 : cols - 1;
		ui_view_move(&ov->row, rows, action, 10);
		break;
	default:
		ui_view_move(&ov->row, rows, action, 10);
		break;
	}
}

const struct ui_cell *ui_overview_cell(const struct ui_overview *ov, size_t row, size_t col)
{
	if (row >= ov->ncases || !ov->tpl || col >= ov->tpl->nsections)
		return NULL;
	return &ov->cells[row * ov->tpl->nsections + col];
}
