/* Moderation: the section's questions with every agency's grade side by side, the current
 * question's evidence from each agency (side by side when the window is wide enough,
 * stacked otherwise), then the agreed grade and its rationale. */
#include <ctype.h>
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_editor.h"
#include "ui_view.h"

#define AGENCY_W 5	    /* grid column per agency */
#define MIN_SIDE_BY_SIDE 30 /* evidence columns narrower than this are stacked instead */

static int text_width(int cols)
{
	return cols - 13;
}

/* The short code of an answer: the grade's key, or the first letter of a yes-no value. */
static char code_of(const struct template *t, const struct question *q, const char *value)
{
	if (!value || !*value)
		return '-';
	if (q->kind == QUESTION_GRADED) {
		int g = template_grade_index(t, value);
		return g >= 0 ? (char)toupper((unsigned char)t->grades[g].key) : '?';
	}
	return q->kind == QUESTION_TEXT ? 'T' : (char)toupper((unsigned char)value[0]);
}

static void draw_grid(WINDOW *w, const struct ui_moderate *um, int y, int cols, int max_rows)
{
	const struct template *t = um->tpl;
	const struct section *sec = &t->sections[um->section];
	int qw = cols - 2 - (int)um->agencies.n * AGENCY_W - 7;
	tui_put(w, y, 1, qw, "Question", A_BOLD | A_UNDERLINE);
	for (size_t a = 0; a < um->agencies.n; a++)
		tui_put(w, y, 2 + qw + (int)a * AGENCY_W, AGENCY_W - 1, um->agencies.items[a].id,
			A_BOLD | A_UNDERLINE);
	tui_put(w, y, 2 + qw + (int)um->agencies.n * AGENCY_W, 6, "Agreed", A_BOLD | A_UNDERLINE);
	size_t first = ui_view_first(um->question, (size_t)max_rows);
	for (int r = 0; r < max_rows && first + (size_t)r < sec->nquestions; r++) {
		size_t qi = sec->first_question + first + (size_t)r;
		const struct question *q = &t->questions[qi];
		bool cur = first + (size_t)r == um->question;
		attr_t attr = cur ? A_REVERSE : A_NORMAL;
		int row = y + 1 + r;
		tui_fill(w, row, 0, cols, attr);
		char *label = str_fmt("%zu. %s", first + (size_t)r + 1, q->text);
		tui_put(w, row, 1, qw, label ? label : q->text, attr);
		free(label);
		for (size_t a = 0; a < um->agencies.n; a++) {
			const struct answer_row *ans =
			    ui_moderate_answer(um, um->agencies.items[a].id, q->id);
			char code[4] = {' ', code_of(t, q, ans ? ans->value : NULL), 0, 0};
			int g = ans && q->kind == QUESTION_GRADED
				    ? template_grade_index(t, ans->value)
				    : -1;
			tui_put(w, row, 2 + qw + (int)a * AGENCY_W, AGENCY_W - 1, code,
				tui_mix(attr, tui_grade_attr(t, g)));
		}
		const struct agreed_row *ag = ui_moderate_agreed(um, q->id);
		int g = ag && q->kind == QUESTION_GRADED ? template_grade_index(t, ag->grade) : -1;
		char code[4] = {' ', code_of(t, q, ag ? ag->grade : NULL), 0, 0};
		tui_put(w, row, 2 + qw + (int)um->agencies.n * AGENCY_W, 6, code,
			tui_mix(attr, tui_grade_attr(t, g)) | A_BOLD);
	}
}

/* Each answering agency's evidence for the current question, in `rows` rows. */
static void draw_evidence(WINDOW *w, const struct ui_moderate *um, int y, int cols, int rows)
{
	const struct question *q = &um->tpl->questions[ui_moderate_qindex(um)];
	const struct answer_row *list[64];
	const char *names[64];
	size_t n = 0;
	for (size_t a = 0; a < um->agencies.n && n < 64; a++) {
		const struct answer_row *ans =
		    ui_moderate_answer(um, um->agencies.items[a].id, q->id);
		if (ans && (*ans->value || *ans->evidence)) {
			names[n] = um->agencies.items[a].label;
			list[n++] = ans;
		}
	}
	if (n == 0) {
		tui_put(w, y, 1, cols - 2,
			"No agency has answered this question for this case yet.", A_DIM);
		return;
	}
	bool side = (cols - 2) / (int)n >= MIN_SIDE_BY_SIDE;
	int colw = side ? (cols - 2) / (int)n : cols - 2;
	int per = side ? rows : rows / (int)n;
	if (per < 1)
		per = 1;
	/* Stacked, each agency's name and grade sit in a column of their own, evidence beside. */
	int label_w = 0;
	for (size_t i = 0; !side && i < n; i++) {
		int lw = tui_width(names[i]) + 4;
		label_w = lw > label_w ? lw : label_w;
	}
	if (label_w > 26)
		label_w = 26;
	for (size_t i = 0; i < n; i++) {
		int x = side ? 1 + (int)i * colw : 1;
		int top = side ? y : y + (int)i * per;
		if (top >= y + rows)
			break;
		char *head = str_fmt("%s: %c", names[i], code_of(um->tpl, q, list[i]->value));
		tui_put(w, top, x, side ? colw - 1 : label_w - 1, head ? head : names[i], A_BOLD);
		free(head);
		struct editbuf *eb = editbuf_new(list[i]->evidence, 0, EDITBUF_MULTI_LINE);
		if (!eb)
			continue;
		size_t view = 0; /* each agency's evidence shows from its start */
		int cy, cx;
		int ey = side ? top + 1 : top, ex = side ? x + 1 : x + label_w;
		int ew = side ? colw - 2 : cols - 1 - ex;
		int lines = side ? per - 1 : per;
		if (lines > y + rows - ey)
			lines = y + rows - ey;
		if (lines > 0 && ew > 0)
			tui_draw_editor(w, ey, ex, lines, ew, eb, &view, false,
					"(no evidence written)", &cy, &cx);
		editbuf_free(eb);
	}
}

static void draw_moderate(WINDOW *w, struct ui *ui)
{
	struct ui_moderate *um = &ui->moderate;
	const struct template *t = um->tpl;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Moderation");
	const struct case_info *c = &um->cases[um->case_idx];
	char *line = str_fmt("%s (%zu of %zu)%s", c->reference, um->case_idx + 1, um->ncases,
			     c->moderated ? "  MODERATED" : "");
	if (line)
		tui_put(w, 2, 1, cols - 2, line, A_BOLD);
	free(line);
	line = str_fmt("Section %zu of %zu: %s", um->section + 1, t->nsections,
		       t->sections[um->section].title);
	if (line)
		tui_put(w, 3, 1, cols - 2, line, A_BOLD);
	free(line);

	const struct section *sec = &t->sections[um->section];
	/* Space goes to the grid and the evidence alike; the grid scrolls. */
	int rationale_rows = rows >= 30 ? 3 : 2;
	int spare = rows - 13 - rationale_rows;
	int grid_rows = spare / 2 < 6 ? spare / 2 : 6;
	if (grid_rows < 2)
		grid_rows = 2;
	if ((int)sec->nquestions < grid_rows)
		grid_rows = (int)sec->nquestions;
	draw_grid(w, um, 5, cols, grid_rows);
	int y = 5 + 1 + grid_rows;
	const struct question *q = &t->questions[ui_moderate_qindex(um)];
	int agreed_y = rows - 3 - rationale_rows - 1;
	draw_evidence(w, um, y, cols, agreed_y - y);

	const struct agreed_row *ag = ui_moderate_agreed(um, q->id);
	int g = ag && q->kind == QUESTION_GRADED ? template_grade_index(t, ag->grade) : -1;
	char *agreed = g >= 0 ? str_fmt("Agreed: %c %s", toupper((unsigned char)t->grades[g].key),
					t->grades[g].label)
		       : q->kind == QUESTION_GRADED
			   ? str_fmt("Agreed: not yet (press a grade key)")
			   : str_fmt("Agreed grades are for graded questions");
	tui_fill(w, agreed_y, 0, cols, A_NORMAL);
	if (agreed)
		tui_put(w, agreed_y, 1, cols - 2, agreed, tui_grade_attr(t, g) | A_BOLD);
	free(agreed);
	tui_put(w, agreed_y + 1, 1, 11, "Rationale:", A_BOLD);
	int cy, cx;
	tui_draw_editor(w, agreed_y + 1, 12, rationale_rows, text_width(cols), um->rationale,
			&um->rationale_top, um->editing, "(Tab to write the rationale)", &cy, &cx);
	if (cy >= 0)
		tui_want_cursor(cy, cx);
}

static void layout_moderate(struct ui *ui, int rows, int cols)
{
	(void)rows;
	ui->moderate.text_width = text_width(cols);
}

const struct tui_view tui_moderate_view = {.draw = draw_moderate, .layout = layout_moderate};
