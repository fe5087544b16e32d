/* Answering: one agency, one case. Where we are and the progress on top, the question (and
 * its guidance on demand), its value and the keys that set it, then the evidence editor. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_editor.h"

static int text_width(int cols)
{
	return cols - 2;
}

/* Draws text word-wrapped in at most max_rows rows from y; returns the rows used. */
static int put_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *text,
		       attr_t attr)
{
	struct editbuf *eb = editbuf_new(text, 0, EDITBUF_MULTI_LINE);
	struct editbuf_layout lay = {0};
	int used = 0;
	if (eb && editbuf_layout(eb, width, &lay) == EDITBUF_OK) {
		size_t len;
		const wchar_t *wt = editbuf_wtext(eb, &len);
		for (size_t r = 0; r < lay.nrows && used < max_rows; r++, used++) {
			const struct editbuf_row *row = &lay.rows[r];
			size_t n = row->draw_end - row->start;
			if (used + 1 == max_rows && r + 1 < lay.nrows) {
				int cols = tui_put_wide(w, y + used, x, width - 1, wt + row->start,
							n, attr);
				tui_put(w, y + used, x + cols, 1, "\u2026", attr);
			} else {
				tui_put_wide(w, y + used, x, width, wt + row->start, n, attr);
			}
		}
	}
	editbuf_layout_free(&lay);
	editbuf_free(eb);
	return used;
}

/* The section's items in one line: each answered question by its value's short code, an
 * unanswered one as a dot, one needing evidence with '!', prompts after a bar. */
static void draw_strip(WINDOW *w, const struct ui_answer *ua, int y, int cols)
{
	struct sbuf b = {0};
	size_t s = ua->items[ua->cur].section;
	bool prompts = false;
	for (size_t i = 0; i < ua->nitems; i++) {
		const struct ui_answer_item *it = &ua->items[i];
		if (it->section != s)
			continue;
		if (it->is_prompt && !prompts) {
			sbuf_add(&b, " |");
			prompts = true;
		}
		const char *v = ui_answer_value(ua, i);
		char code[8] = "\u00b7";
		if (it->is_prompt)
			snprintf(code, sizeof code, "%s", *it->evidence ? "+" : "\u00b7");
		else if (*v)
			snprintf(code, sizeof code, "%c", toupper((unsigned char)*v));
		int g = it->is_prompt ? -1 : template_grade_index(ua->tpl, v);
		if (g >= 0)
			snprintf(code, sizeof code, "%c",
				 toupper((unsigned char)ua->tpl->grades[g].key));
		const char *flag = ui_answer_needs_evidence(ua, i) ? "!" : "";
		if (i == ua->cur)
			sbuf_addf(&b, " [%s%s]", code, flag);
		else
			sbuf_addf(&b, " %s%s", code, flag);
	}
	char *line = sbuf_take(&b);
	if (line)
		tui_put(w, y, 1, cols - 2, line, A_NORMAL);
	free(line);
}

static void draw_header(WINDOW *w, const struct ui_answer *ua, int cols)
{
	const struct ui_answer_item *it = &ua->items[ua->cur];
	size_t answered, total, flagged, i, n;
	ui_answer_progress(ua, &answered, &total, &flagged);
	ui_answer_position(ua, &i, &n);
	char *line =
	    str_fmt("%s  \u00b7  %s  \u00b7  Answered %zu/%zu%s", ua->cases[ua->case_idx].reference,
		    ua->agency_name, answered, total, flagged ? "  \u00b7  " : "");
	int x = 1;
	if (line)
		x += tui_put(w, 1, 1, cols - 2, line, A_BOLD);
	free(line);
	if (flagged) {
		line = str_fmt("%zu need evidence", flagged);
		if (line)
			tui_put(w, 1, x, cols - 1 - x, line, tui_attr(TUI_PAIR_ERROR, A_BOLD));
		free(line);
	}
	line = str_fmt("Section %zu/%zu: %s  \u00b7  %s %zu of %zu", it->section + 1,
		       ua->tpl->nsections, ua->tpl->sections[it->section].title,
		       it->is_prompt ? "prompt" : "question", i, n);
	if (line)
		tui_put(w, 2, 1, cols - 2, line, A_NORMAL);
	free(line);
	draw_strip(w, ua, 3, cols);
}

/* The value line: what is set now and the keys that set it. */
static char *value_line(const struct ui_answer *ua, const struct question *q)
{
	const char *label = ui_answer_value_label(ua, ua->cur);
	struct sbuf b = {0};
	if (q->kind == QUESTION_GRADED) {
		sbuf_addf(&b, "Grade: %s\n", *label ? label : "not graded");
		/* No-break spaces keep each key with its whole label when the line wraps. */
		for (size_t g = 0; g < ua->tpl->ngrades; g++) {
			sbuf_addf(&b, "%s%c\u00a0", g ? "  " : "",
				  toupper((unsigned char)ua->tpl->grades[g].key));
			for (const char *c = ua->tpl->grades[g].label; *c; c++)
				if (*c == ' ')
					sbuf_add(&b, "\u00a0");
				else
					sbuf_addf(&b, "%c", *c);
		}
	} else {
		sbuf_addf(&b, "Answer: %s\ny Yes  n No  p Partly  k Not known",
			  *label ? label : "not answered");
	}
	return sbuf_take(&b);
}

static void draw_answer(WINDOW *w, struct ui *ui)
{
	struct ui_answer *ua = &ui->answer;
	int rows = getmaxy(w), cols = getmaxx(w);
	const struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = it->is_prompt ? NULL : &ua->tpl->questions[it->index];
	tui_frame(w, ui, "Answering");
	draw_header(w, ua, cols);
	int y = 5, width = cols - 2, bottom = rows - 4;
	const char *text = q ? q->text : ua->tpl->prompts[it->index].text;
	if (!q)
		y += tui_put(w, y, 1, width, ua->tpl->prompts[it->index].label, A_BOLD) > 0;
	y += put_wrapped(w, y, 1, width, 4, text, q ? A_BOLD : A_NORMAL);
	if (q && ua->guidance)
		y += put_wrapped(w, y, 3, width - 2, 4,
				 *q->guidance ? q->guidance : "No guidance for this question.",
				 A_DIM);
	else if (q && *q->guidance)
		y += tui_put(w, y, 1, width, "(^G shows the auditor's guidance)", A_DIM) > 0;
	y++;
	const char *label = "Evidence:";
	if (q && q->kind != QUESTION_TEXT) {
		char *line = value_line(ua, q);
		if (line)
			y += put_wrapped(w, y, 1, width, 3, line, A_NORMAL);
		free(line);
	} else {
		label = q ? "Answer:" : "Note:";
	}
	int x = 1 + tui_put(w, y, 1, width, label, A_BOLD) + 2;
	if (ui_answer_needs_evidence(ua, ua->cur))
		tui_put(w, y, x, cols - 1 - x, "! Evidence required for this grade",
			tui_attr(TUI_PAIR_ERROR, A_BOLD));
	y++;
	int cy, cx;
	tui_draw_editor(w, y, 1, bottom - y + 1, width, ua->edit, &ua->editor_top, ua->editing,
			"(empty: Tab to write)", &cy, &cx);
	if (ua->editing && cy >= 0)
		tui_want_cursor(cy, cx);
}

static void layout_answer(struct ui *ui, int rows, int cols)
{
	ui->answer.text_width = text_width(cols);
	ui->answer.page_rows = rows / 4;
}

const struct tui_view tui_answer_view = {.draw = draw_answer, .layout = layout_answer};
