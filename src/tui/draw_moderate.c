/* Moderation: the case line and the section, then the question in focus read whole (every
 * agency's answer in words with all its evidence, and the agencies' notes on the section),
 * scrolled with a sign where more is above or below; or the section's grid; or one agency's
 * evidence full screen. At the bottom, the agreed answer and its rationale (or a text
 * question's agreed summary). */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_editor.h"
#include "ui_fit.h"
#include "ui_view.h"

/* Columns the editor at the bottom gets. */
static int text_width(int cols)
{
	return cols - 13;
}

/* --- Paragraphs, wrapped and scrolled (the room view draws them too) ----------------------- */

struct wrapped {
	struct editbuf **bufs; /* one per paragraph */
	struct editbuf_layout *lays;
	size_t n;
	size_t *first; /* each paragraph's first display row (a space row before it counts) */
	size_t total;  /* display rows in all */
};

static void wrapped_free(struct wrapped *wr)
{
	for (size_t i = 0; i < wr->n; i++) {
		editbuf_free(wr->bufs ? wr->bufs[i] : NULL);
		if (wr->lays)
			editbuf_layout_free(&wr->lays[i]);
	}
	free(wr->bufs);
	free(wr->lays);
	free(wr->first);
	*wr = (struct wrapped){0};
}

static bool wrap(struct wrapped *wr, const struct ui_para *p, size_t n, int width, int gap)
{
	*wr = (struct wrapped){.n = n};
	wr->bufs = calloc(n ? n : 1, sizeof *wr->bufs);
	wr->lays = calloc(n ? n : 1, sizeof *wr->lays);
	wr->first = calloc(n ? n : 1, sizeof *wr->first);
	if (!wr->bufs || !wr->lays || !wr->first)
		return false;
	for (size_t i = 0; i < n; i++) {
		int w = width - p[i].indent;
		wr->bufs[i] = editbuf_new(p[i].text, 0, EDITBUF_MULTI_LINE);
		if (!wr->bufs[i] || editbuf_layout(wr->bufs[i], w > 1 ? w : 1, &wr->lays[i]))
			return false;
		if (p[i].space && i > 0)
			wr->total += (size_t)gap;
		wr->first[i] = wr->total;
		size_t rows = wr->lays[i].nrows;
		/* The editor's layout keeps an empty row for a cursor after a full last row. */
		if (rows > 1 &&
		    wr->lays[i].rows[rows - 1].start == wr->lays[i].rows[rows - 1].end &&
		    wr->lays[i].rows[rows - 2].end == editbuf_length(wr->bufs[i]))
			rows--;
		wr->lays[i].nrows = rows;
		wr->total += rows;
	}
	return true;
}

static attr_t para_attr(const struct ui_para *p, bool focused)
{
	attr_t a;
	switch (p->style) {
	case UI_PARA_QUESTION:
	case UI_PARA_AGENCY:
		a = A_BOLD;
		break;
	case UI_PARA_HEADING:
		a = A_BOLD | A_UNDERLINE;
		break;
	case UI_PARA_GUIDANCE:
	case UI_PARA_QUIET:
		a = tui_attr(TUI_PAIR_DIM, A_DIM);
		break;
	default:
		a = A_NORMAL;
		break;
	}
	return focused && p->style == UI_PARA_AGENCY ? a | A_REVERSE : a;
}

/* Draws one display row of paragraph i. */
static void draw_row(WINDOW *w, int y, int x, const struct wrapped *wr, const struct ui_para *p,
		     size_t i, size_t row, int width, bool focused)
{
	const struct editbuf_row *r = &wr->lays[i].rows[row];
	const wchar_t *text = editbuf_wtext(wr->bufs[i], NULL);
	/* What changed after the case was marked moderated says so in its words, and in colour
	 * when colour is on. */
	attr_t attr = para_attr(&p[i], focused) | (p[i].changed ? tui_attr(TUI_PAIR_ERROR, 0) : 0);
	tui_put_wide(w, y, x + p[i].indent, width - p[i].indent, text + r->start,
		     r->draw_end - r->start, attr);
}

int tui_draw_paras(WINDOW *w, int y, int x, int height, int width, const struct ui_para *p,
		   size_t n, size_t *top, size_t focus, bool *to_focus, int gap)
{
	struct wrapped wr = {0};
	if (height < 1 || width < 4)
		return 0;
	if (!wrap(&wr, p, n, width, gap)) {
		tui_put(w, y, x, width, "(out of memory)", A_BOLD);
		wrapped_free(&wr);
		return 0;
	}
	size_t h = (size_t)height;
	if (to_focus && *to_focus) {
		for (size_t i = 0; i < n; i++)
			if (p[i].agency == focus && p[i].style == UI_PARA_AGENCY) {
				*top = wr.first[i];
				break;
			}
		*to_focus = false;
	}
	/* Signs take a row each where more is above or below; the last page ends the text. */
	size_t last = wr.total > h ? wr.total - h + 1 : 0;
	if (*top > last)
		*top = last;
	bool above = *top > 0, below = wr.total > *top + h;
	size_t body = h - above - below;
	if (below && above && body < 1)
		body = 1;
	int row_y = y;
	if (above)
		tui_put(w, row_y++, x, width, "▲ more above: PgUp", tui_attr(TUI_PAIR_DIM, A_BOLD));
	size_t i = 0;
	for (size_t d = *top; d < *top + body && d < wr.total; d++, row_y++) {
		while (i < n && d >= wr.first[i] + wr.lays[i].nrows)
			i++;
		/* Rows no paragraph covers are the spaces between them. */
		if (i < n && d >= wr.first[i])
			draw_row(w, row_y, x, &wr, p, i, d - wr.first[i], width,
				 p[i].agency == focus);
	}
	if (below) {
		char *more = str_fmt("▼ %zu more line%s below: PgDn", wr.total - *top - body,
				     wr.total - *top - body == 1 ? "" : "s");
		tui_put(w, y + height - 1, x, width, more ? more : "▼ more below: PgDn",
			tui_attr(TUI_PAIR_DIM, A_BOLD));
		free(more);
	}
	int used = (int)wr.total;
	wrapped_free(&wr);
	return used;
}

/* --- The section's grid ------------------------------------------------------------------- */

/* An agency's column heading, into buf: its name when it fits; else the initials of a name of
 * several words ("Children's social care": CSC); else the name, which the drawing cuts with
 * an ellipsis. */
static const char *column_name(const struct named *a, int width, char *buf, size_t size)
{
	if (tui_width(a->label) <= width)
		return a->label;
	size_t n = 0;
	bool start = true;
	for (const char *p = a->label; *p && n + 1 < size; p++) {
		if (*p == ' ' || *p == '-')
			start = true;
		else if (start && (unsigned char)*p < 0x80) {
			buf[n++] = (char)toupper((unsigned char)*p);
			start = false;
		} else
			start = false;
	}
	buf[n] = '\0';
	return n >= 2 && (int)n <= width ? buf : a->label;
}

static void draw_grid(WINDOW *w, const struct ui_moderate *um, int y, int height, int cols)
{
	const struct template *t = um->tpl;
	const struct section *sec = &t->sections[um->section];
	size_t n = um->agencies.n;
	int agreed_w = 8, min_col = 5, qw_min = 20;
	/* The widest name decides the columns' width, within what the window gives. */
	int name_w = 0;
	for (size_t a = 0; a < n; a++) {
		int nw = tui_width(um->agencies.items[a].label);
		name_w = nw > name_w ? nw : name_w;
	}
	int room = cols - 2 - agreed_w - qw_min;
	int col_w = n ? room / (int)n : 0;
	if (col_w > name_w + 2)
		col_w = name_w + 2;
	size_t shown = n;
	if (col_w < min_col) {
		col_w = min_col;
		shown = (size_t)(room / min_col);
	}
	int qw = cols - 2 - agreed_w - (int)shown * col_w;
	tui_put(w, y, 1, qw - 1, "Question", A_BOLD | A_UNDERLINE);
	char initials[16];
	for (size_t a = 0; a < shown; a++)
		tui_put(w, y, 1 + qw + (int)a * col_w, col_w - 1,
			column_name(&um->agencies.items[a], col_w - 1, initials, sizeof initials),
			A_BOLD | A_UNDERLINE);
	tui_put(w, y, 1 + qw + (int)shown * col_w, agreed_w - 1, "Agreed", A_BOLD | A_UNDERLINE);
	/* The heading above, a line of signs below, and room for the question in full. */
	int rows = height - 2 - (height > 12 ? 4 : 0);
	size_t first = ui_view_first(um->question, (size_t)(rows > 1 ? rows : 1));
	bool changed_any = false;
	for (int r = 0; r < rows && first + (size_t)r < sec->nquestions; r++) {
		size_t qi = sec->first_question + first + (size_t)r;
		const struct question *q = &t->questions[qi];
		bool cur = first + (size_t)r == um->question;
		attr_t attr = cur ? A_REVERSE : A_NORMAL;
		int row = y + 1 + r;
		tui_fill(w, row, 0, cols, attr);
		char *label = str_fmt("%zu. %s", first + (size_t)r + 1, q->text);
		tui_put(w, row, 1, qw - 1, label ? label : q->text, attr);
		free(label);
		for (size_t a = 0; a < shown; a++) {
			const struct answer_row *ans =
			    ui_moderate_answer(um, um->agencies.items[a].id, q->id);
			bool changed = ans && ui_moderate_changed_since(um, ans);
			changed_any = changed_any || changed;
			char *code = str_fmt(
			    "%s%s", ui_moderate_short(um, q, ans ? ans->value : NULL, col_w - 2),
			    changed ? "*" : "");
			int g = ans && q->kind == QUESTION_GRADED
				    ? template_grade_index(t, ans->value)
				    : -1;
			tui_put(w, row, 1 + qw + (int)a * col_w, col_w - 1, code ? code : "?",
				tui_mix(attr, tui_grade_attr(t, g)));
			free(code);
		}
		const struct agreed_row *ag = ui_moderate_agreed(um, q->id);
		const char *v = ag ? ag->grade : NULL;
		int g = v && q->kind == QUESTION_GRADED ? template_grade_index(t, v) : -1;
		tui_put(w, row, 1 + qw + (int)shown * col_w, agreed_w - 1,
			ui_moderate_short(um, q, v, agreed_w - 1),
			tui_mix(attr, tui_grade_attr(t, g)) | A_BOLD);
	}
	/* Signs: rows or columns the window hides, and what a star means. */
	struct sbuf b = {0};
	size_t below =
	    sec->nquestions > first + (size_t)rows ? sec->nquestions - first - (size_t)rows : 0;
	if (first)
		sbuf_addf(&b, "▲ %zu above  ", first);
	if (below)
		sbuf_addf(&b, "▼ %zu below  ", below);
	if (shown < n)
		sbuf_addf(&b, "%zu agenc%s not shown: widen the window  ", n - shown,
			  n - shown == 1 ? "y" : "ies");
	if (changed_any)
		sbuf_add(&b, "* changed after the case was marked moderated");
	char *signs = sbuf_take(&b);
	int used = rows < (int)(sec->nquestions - first) ? rows : (int)(sec->nquestions - first);
	if (signs && *signs)
		tui_put(w, y + 1 + used, 1, cols - 2, signs, tui_attr(TUI_PAIR_DIM, A_BOLD));
	free(signs);
	/* The selected question in full, in the room left under the grid. */
	int left = height - used - 3;
	const struct question *q = ui_moderate_current(um);
	char *full = str_fmt("%zu. %s", um->question + 1, q->text);
	struct ui_para para = {.style = UI_PARA_QUESTION, .text = full, .agency = SIZE_MAX};
	size_t top = 0;
	if (full && left >= 2)
		tui_draw_paras(w, y + used + 3, 1, left, cols - 2, &para, 1, &top, SIZE_MAX, NULL,
			       1);
	free(full);
}

/* --- The screen --------------------------------------------------------------------------- */

/* Text is read in lines no longer than the eye follows easily, in a wide window too. */
static int read_width(int cols)
{
	return cols - 2 > 120 ? 120 : cols - 2;
}

/* The rows a case summary may take, wrapped: "a few lines", in a window of rows rows. */
static int summary_rows(int rows)
{
	return rows / 5 > 3 ? rows / 5 : 3;
}

/* The case line, the summary when the chair shows it, the section: the rows used. */
static int draw_header(WINDOW *w, const struct ui_moderate *um, int cols)
{
	int y = 1;
	char *line = ui_moderate_case_line(um);
	tui_put(w, y++, 1, cols - 2, line ? line : "", A_BOLD);
	free(line);
	const struct case_info *c = &um->cases[um->case_idx];
	if (um->show_summary && *c->summary) {
		line = str_fmt("Summary (confidential): %s", c->summary);
		y += tui_put_wrapped(w, y, 1, cols - 2, summary_rows(getmaxy(w)), line ? line : "",
				     A_NORMAL);
		free(line);
	}
	const struct template *t = um->tpl;
	size_t total, done = ui_moderate_section_agreed(um, um->section, &total);
	line = str_fmt("Section %zu of %zu · question %zu of %zu · %zu of %zu agreed · %s",
		       um->section + 1, t->nsections, um->question + 1, total, done, total,
		       t->sections[um->section].title);
	tui_put(w, y++, 1, cols - 2, line ? line : "", A_NORMAL);
	free(line);
	return y;
}

/* The editor's width: a text question's summary takes the row, a rationale its label's rest. */
static int editor_width(const struct ui_moderate *um, int cols)
{
	return ui_moderate_current(um)->kind == QUESTION_TEXT ? cols - 2 : text_width(cols);
}

static void draw_agreed(WINDOW *w, struct ui_moderate *um, int y, int rows, int cols)
{
	const struct template *t = um->tpl;
	const struct question *q = ui_moderate_current(um);
	const struct agreed_row *ag = ui_moderate_agreed(um, q->id);
	int g = ag && q->kind == QUESTION_GRADED ? template_grade_index(t, ag->grade) : -1;
	tui_fill(w, y - 1, 0, cols, A_NORMAL);
	mvwhline(w, y - 1, 0, ACS_HLINE, cols);
	char *agreed = ui_moderate_agreed_line(um);
	tui_put(w, y, 1, cols - 2, agreed ? agreed : "", A_BOLD | tui_grade_attr(t, g));
	free(agreed);
	bool text = q->kind == QUESTION_TEXT;
	if (!text)
		tui_put(w, y + 1, 1, 11, "Rationale:", A_BOLD);
	int cy, cx;
	tui_draw_editor(w, y + 1, text ? 1 : 12, rows, editor_width(um, cols), um->text,
			&um->text_top, um->editing,
			text ? "(Tab to write what the group agreed)"
			     : "(Tab to write the rationale)",
			&cy, &cx);
	if (cy >= 0)
		tui_want_cursor(cy, cx);
}

static void draw_moderate(WINDOW *w, struct ui *ui)
{
	struct ui_moderate *um = &ui->moderate;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Moderation");
	if (um->view == UI_MODERATE_EVIDENCE && um->agency < um->agencies.n) {
		/* One agency, the whole window: the agreed answer is a key away. */
		struct ui_para *p;
		size_t n;
		struct maca_err err = {0};
		if (ui_moderate_reading(um, um->agency, 0, &p, &n, &err)) {
			tui_put(w, 2, 1, cols - 2, err_msg(&err), A_BOLD);
			return;
		}
		char *head =
		    str_fmt("%s on %s, question %zu.%zu (Space or Esc: back)",
			    um->agencies.items[um->agency].label, um->cases[um->case_idx].reference,
			    um->section + 1, um->question + 1);
		tui_put(w, 1, 1, cols - 2, head ? head : "", A_BOLD);
		free(head);
		um->page_rows = rows - 8; /* less the rows the signs may take */
		tui_draw_paras(w, 3, 1, rows - 6, read_width(cols), p, n, &um->evidence_top,
			       um->agency, NULL, 1);
		ui_paras_free(p, n);
		return;
	}
	int y = draw_header(w, um, cols) + 1;
	/* Under the reading, a rule and the agreed answer, then the editor down to the row above
	 * the status line's two; the editor's share grows while it is typed in. */
	int text_rows = ui_moderate_text_rows(um, editor_width(um, cols), rows, rows - 5 - y);
	int agreed_y = rows - 4 - text_rows;
	if (um->view == UI_MODERATE_GRID) {
		draw_grid(w, um, y, agreed_y - 1 - y, cols);
	} else {
		struct ui_para *p;
		size_t n;
		struct maca_err err = {0};
		if (ui_moderate_reading(um, SIZE_MAX, 0, &p, &n, &err)) {
			tui_put(w, y, 1, cols - 2, err_msg(&err), A_BOLD);
		} else {
			um->page_rows = agreed_y - 3 - y;
			tui_draw_paras(w, y, 1, agreed_y - 1 - y, read_width(cols), p, n,
				       &um->read_top, um->agency, &um->to_agency, 1);
			ui_paras_free(p, n);
		}
	}
	draw_agreed(w, um, agreed_y, text_rows, cols);
}

static void layout_moderate(struct ui *ui, int rows, int cols)
{
	(void)rows;
	const struct question *q = ui->moderate.tpl ? ui_moderate_current(&ui->moderate) : NULL;
	ui->moderate.text_width = q ? editor_width(&ui->moderate, cols) : text_width(cols);
}

const struct tui_view tui_moderate_view = {.draw = draw_moderate, .layout = layout_moderate};

/* --- The room view --------------------------------------------------------------------------- */

void tui_draw_room(WINDOW *w, struct ui_moderate *um, const char *title, const char *waiting,
		   const char *said)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	/* Lines no longer than a reader's eye can follow across a projected screen, centred. */
	int width = cols - 4 > 140 ? 140 : cols - 4;
	int x = (cols - width) / 2;
	attr_t bar = tui_attr(TUI_PAIR_TITLE, A_REVERSE);
	tui_fill(w, 0, 0, cols, bar);
	char *head = str_fmt("maca room \u2014 %s", title);
	tui_put(w, 0, 1, cols - 2, head ? head : "maca room", bar | A_BOLD);
	free(head);
	tui_fill(w, rows - 1, 0, cols, A_NORMAL);
	if (said)
		tui_put(w, rows - 1, 1, cols - 2, said, A_BOLD);
	else
		tui_put(
		    w, rows - 1, 1, cols - 2,
		    "Follows the chair's maca \u00b7 read-only \u00b7 arrows scroll \u00b7 q quits",
		    tui_attr(TUI_PAIR_DIM, A_DIM));
	if (!um) {
		tui_put(w, 2, x, width, waiting ? waiting : "Waiting for the chair", A_BOLD);
		return;
	}
	int y = 2;
	char *line = ui_moderate_case_line(um);
	tui_put(w, y++, x, width, line ? line : "", A_BOLD);
	free(line);
	const struct case_info *c = &um->cases[um->case_idx];
	if (um->show_summary && *c->summary) {
		line = str_fmt("Summary: %s", c->summary);
		y +=
		    tui_put_wrapped(w, y, x, width, summary_rows(rows), line ? line : "", A_NORMAL);
		free(line);
	}
	const struct template *t = um->tpl;
	size_t total, done = ui_moderate_section_agreed(um, um->section, &total);
	line = str_fmt("Section %zu of %zu \u00b7 question %zu of %zu \u00b7 %zu of %zu agreed "
		       "\u00b7 %s",
		       um->section + 1, t->nsections, um->question + 1, total, done, total,
		       t->sections[um->section].title);
	tui_put(w, y++, x, width, line ? line : "", A_NORMAL);
	free(line);
	y++;
	/* The agreed answer at the foot, its rationale's first lines with it. */
	const struct question *q = ui_moderate_current(um);
	const struct agreed_row *ag = ui_moderate_agreed(um, q->id);
	bool agreed = ag && *ag->grade;
	const char *why = !agreed ? "" : q->kind == QUESTION_TEXT ? ag->grade : ag->rationale;
	/* The rationale (or summary) wrapped under it, up to a third of the window. */
	int why_rows = 0;
	for (const char *rest = why; *rest && why_rows < rows / 3; why_rows++) {
		size_t next;
		ui_wrap(rest, width, tui_ascii, &next);
		rest += next;
	}
	int foot = 1 + why_rows;
	int foot_y = rows - 2 - foot;
	/* Each agency gets an even share of what is left for the start of its evidence. */
	int body = foot_y - 1 - y;
	size_t n = um->agencies.n ? um->agencies.n : 1;
	int per = (body - 3) / (int)n - 2;
	size_t chars = (size_t)(per > 1 ? per : 1) * (size_t)(width - 4);
	chars = chars < 60 ? 60 : chars > 600 ? 600 : chars;
	struct ui_para *p;
	size_t np;
	struct maca_err err = {0};
	if (ui_moderate_reading(um, SIZE_MAX, chars, &p, &np, &err)) {
		tui_put(w, y, x, width, err_msg(&err), A_BOLD);
		return;
	}
	tui_draw_paras(w, y, x, body, width, p, np, &um->read_top, SIZE_MAX, NULL, 1);
	ui_paras_free(p, np);
	mvwhline(w, foot_y, x, ACS_HLINE, width);
	char *words = agreed ? ui_moderate_agreed_line(um) : str_dup("Not agreed yet");
	int g = agreed && q->kind == QUESTION_GRADED ? template_grade_index(t, ag->grade) : -1;
	tui_put(w, foot_y + 1, x, width, words ? words : "", A_BOLD | tui_grade_attr(t, g));
	free(words);
	if (why_rows)
		tui_put_wrapped(w, foot_y + 2, x, width, why_rows, why, A_NORMAL);
}
