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

/* Fills one case's row: how much is agreed and the grade once all is, and which agencies
 * answered what. Each answer is looked at once: a row is sections x agencies cells over every
 * answer of the case. */
static int load_row(struct ui_overview *ov, struct store *st, size_t row, struct maca_err *err)
{
	const struct template *t = ov->tpl;
	size_t nagencies = ov->agencies.n, nsections = t->nsections ? t->nsections : 1;
	struct agreed_row *agreed = NULL;
	struct answer_row *answers = NULL;
	size_t nagreed = 0, nanswers = 0;
	int *grades = calloc(nsections, sizeof *grades);
	size_t *done = calloc(nsections, sizeof *done);
	bool *seen = calloc(nsections * (nagencies ? nagencies : 1), sizeof *seen);
	int rc = grades && done && seen ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_case_agreed(st, ov->cases[row].id, &agreed, &nagreed, err);
	if (!rc)
		rc = store_case_answers(st, ov->cases[row].id, &answers, &nanswers, err);
	if (!rc) {
		findings_case_grades(t, agreed, nagreed, grades);
		/* Agreed answers by section: every kind of question counts. */
		for (size_t i = 0; i < nagreed; i++) {
			const struct question *q = template_question(t, agreed[i].question_id);
			if (q && *agreed[i].grade)
				done[q->section]++;
		}
		for (size_t i = 0; i < nanswers; i++) {
			const struct question *q = template_question(t, answers[i].question_id);
			const struct named *agency = named_find(&ov->agencies, answers[i].agency);
			if (*answers[i].value && q && agency)
				seen[q->section * nagencies +
				     (size_t)(agency - ov->agencies.items)] = true;
		}
	}
	for (size_t s = 0; !rc && s < t->nsections; s++) {
		struct ui_cell *cell = &ov->cells[row * t->nsections + s];
		const struct section *sec = &t->sections[s];
		cell->questions = sec->nquestions;
		cell->nagreed = done[s];
		cell->gradable = false;
		for (size_t q = 0; q < sec->nquestions; q++)
			cell->gradable =
			    cell->gradable ||
			    t->questions[sec->first_question + q].kind == QUESTION_GRADED;
		/* A grade is shown once every question is agreed, never sooner. */
		cell->agreed = done[s] == sec->nquestions ? grades[s] : -1;
		cell->answered = 0;
		for (size_t a = 0; a < nagencies; a++)
			cell->answered += seen[s * nagencies + a];
	}
	free(grades);
	free(done);
	free(seen);
	agreed_rows_free(agreed, nagreed);
	answer_rows_free(answers, nanswers);
	return rc;
}

/* Selects the case and section where the chair was in moderation, if anywhere. */
static int select_chair_place(struct ui_overview *ov, struct store *st, struct maca_err *err)
{
	struct chair_place place;
	bool found;
	if (store_chair_place_get(st, ov->info.id, &place, &found, err))
		return err->status;
	for (size_t i = 0; found && i < ov->ncases; i++)
		if (ov->cases[i].id == place.case_id)
			ov->row = i;
	const struct section *sec = found ? template_section(ov->tpl, place.section_id) : NULL;
	if (sec)
		ov->col = (size_t)(sec - ov->tpl->sections);
	chair_place_free(&place);
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
	} else if ((rc = select_chair_place(&fresh, st, err))) {
		ui_overview_free(&fresh);
		return rc;
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
