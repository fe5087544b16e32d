/* Any form from forms/: a label column, each field's value, its problem if any, and the
 * current field's help. The field in focus shows its editor or its list of choices. */
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_editor.h"
#include "ui_fit.h"
#include "ui_view.h"

#define LABEL_W 22
#define TEXT_ROWS 4
#define CHOICE_ROWS 6

static int text_width(int cols)
{
	return cols - LABEL_W - 3;
}

#define PROBLEM_ROWS 3 /* a field's problem, wrapped: what it must be is the point of it */

/* Rows a field's problem takes under it, wrapped in the value's columns (0: none). */
static int problem_rows(struct formfill *ff, size_t i, int width)
{
	const char *problem = formfill_problem(ff, i);
	int n = problem ? ui_wrap_rows(problem, width, tui_ascii) : 0;
	return n < PROBLEM_ROWS ? n : PROBLEM_ROWS;
}

/* Rows a field takes on screen: its value, its choices when current, its problem. */
static int field_rows(struct formfill *ff, size_t i, bool current, int width)
{
	const struct form_field *f = formfill_field(ff, i);
	int n = f->type == FIELD_TEXT ? TEXT_ROWS : 1;
	if (current && !formfill_editbuf(ff, i)) {
		size_t c = formfill_choice_count(ff, i);
		n = 1 + (int)(c < CHOICE_ROWS ? c : CHOICE_ROWS);
	}
	return n + problem_rows(ff, i, width);
}

static void draw_choices(WINDOW *w, struct formfill *ff, size_t i, int y, int x, int width)
{
	size_t n = formfill_choice_count(ff, i), hl = formfill_highlight(ff, i);
	size_t first = ui_view_first(hl, CHOICE_ROWS);
	bool multi = formfill_field(ff, i)->type == FIELD_MULTI;
	for (size_t k = first; k < n && k < first + CHOICE_ROWS; k++) {
		struct formfill_choice ch;
		if (!formfill_choice(ff, i, k, &ch))
			continue;
		char *line =
		    str_fmt("%s %s%s",
			    multi ? (ch.selected ? "[x]" : "[ ]") : (ch.selected ? "(*)" : "( )"),
			    ch.label, ch.known ? "" : "  (not a valid choice)");
		attr_t attr = k == hl ? A_REVERSE : A_NORMAL;
		if (line)
			tui_put(w, y + (int)(k - first), x, width, line, attr);
		free(line);
	}
}

static void draw_form(WINDOW *w, struct ui *ui)
{
	struct ui_form *uf = &ui->form;
	struct formfill *ff = uf->ff;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, uf->form->title);
	size_t n = formfill_nfields(ff), cur = formfill_current(ff);
	int top = 2, bottom = rows - 5, value_w = text_width(cols);
	/* Scroll whole fields so the current one is on screen, from the first each time. */
	int *heights = calloc(cur + 1, sizeof *heights);
	if (!heights) {
		tui_put(w, top, 1, cols - 2, "(out of memory drawing the form)", A_BOLD);
		return;
	}
	for (size_t i = 0; i <= cur; i++)
		heights[i] = formfill_hidden(ff, i) ? 0 : field_rows(ff, i, i == cur, value_w) + 1;
	size_t first = 0;
	ui_view_follow(&first, cur, cur + 1, heights, (size_t)(bottom - top));
	free(heights);
	int y = top;
	for (size_t i = first; i < n && y < bottom; i++) {
		if (formfill_hidden(ff, i))
			continue; /* it does not apply to this audit's template */
		const struct form_field *f = formfill_field(ff, i);
		bool focused = i == cur;
		char *label = str_fmt("%s%s", f->label, formfill_required(ff, i) ? " *" : "");
		tui_put(w, y, 1, LABEL_W, label ? label : f->label, focused ? A_BOLD : A_NORMAL);
		free(label);
		int x = LABEL_W + 2;
		struct editbuf *eb = formfill_editbuf(ff, i);
		int height = f->type == FIELD_TEXT ? TEXT_ROWS : 1;
		if (eb) {
			int cy, cx;
			if (height > bottom - y)
				height = bottom - y;
			tui_draw_editor(w, y, x, height, value_w, eb, &uf->field_tops[i], focused,
					NULL, &cy, &cx);
			if (cy >= 0)
				tui_want_cursor(cy, cx);
		} else {
			char *summary = formfill_choice_summary(ff, i);
			tui_put(w, y, x, value_w, summary && *summary ? summary : "(none)",
				focused ? A_BOLD : A_DIM);
			free(summary);
			height = 1;
			if (focused) {
				size_t c = formfill_choice_count(ff, i);
				draw_choices(w, ff, i, y + 1, x, value_w);
				height += (int)(c < CHOICE_ROWS ? c : CHOICE_ROWS);
				if (c == 0)
					tui_put(w, y + 1, x, value_w, "(nothing to choose from)",
						A_DIM);
			}
		}
		y += height;
		const char *problem = formfill_problem(ff, i);
		int prows = problem_rows(ff, i, value_w);
		if (prows > bottom - y)
			prows = bottom - y;
		if (problem && prows > 0)
			y += tui_put_wrapped(w, y, x, value_w, prows, problem,
					     tui_attr(TUI_PAIR_ERROR, A_BOLD));
		y++;
	}
	/* The current field's help, in two rows: its example is the point of it. */
	const char *help = formfill_help(ff);
	tui_fill(w, rows - 4, 0, cols, A_NORMAL);
	tui_fill(w, rows - 3, 0, cols, A_NORMAL);
	tui_put_wrapped(w, rows - 4, 1, cols - 2, 2, help, A_DIM);
}

static void layout_form(struct ui *ui, int rows, int cols)
{
	(void)rows;
	ui->form.text_width = text_width(cols);
}

const struct tui_view tui_form_view = {.draw = draw_form, .layout = layout_form};
