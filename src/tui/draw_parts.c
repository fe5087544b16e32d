/* Briefing parts: the settings and the parts as a list (place, shown or not, name, heading,
 * what it holds), with the briefing previewed beside it when the window is wide enough and
 * below it when it is tall enough (or in its place with v); maca's suggestion for a part with
 * no text of its own. The editor opens where the preview is (in place of the list when
 * narrow). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_editor.h"
#include "ui_view.h"

#define WIDE 120       /* from this many columns the preview is beside the list */
#define LIST_WIDTH 62  /* the list's columns when the preview is beside it */
#define LABEL_WIDTH 20 /* a part's name in the list */
#define STATE_WIDTH 16 /* what it holds */

static const char *setting_shown(const struct ui_parts *up, enum briefing_setting s)
{
	const char *v = up->settings[s];
	if (v && *v)
		return v;
	switch (s) {
	case BRIEFING_SET_TITLE:
		return BRIEFING_TITLE;
	case BRIEFING_SET_PUBLISHED:
		return "(the audit day's month)";
	case BRIEFING_SET_SUBTITLE:
		return "(the audit's title)";
	case BRIEFING_SET_KEY_LEARNING:
		return "(the first three points)";
	case BRIEFING_SET_RESOURCES:
		return "all";
	case BRIEFING_NSETTINGS:
		break;
	}
	return "";
}

/* What a part holds, in a few words. */
static char *part_state(const struct ui_parts *up, const struct briefing_part_state *p)
{
	size_t words = up->part_words[p->part];
	bool written = up->part_line[p->part] != SIZE_MAX;
	enum briefing_part_kind kind = briefing_part_kind(p->part);
	const char *what = p->inherited ? "standard's"
			   : p->text	? (kind == BRIEFING_KIND_RECORDS ? "text+list" : "text")
			   : kind != BRIEFING_KIND_TEXT ? "list"
							: NULL;
	if (what)
		return written			 ? str_fmt("%s, %zuw", what, words)
		       : p->text || p->inherited ? str_dup(what)
						 : str_dup("nothing yet");
	return str_dup(up->suggestion && *up->suggestion && ui_parts_selected(up) == p
			   ? "t takes maca's"
			   : "no text");
}

static void draw_row(WINDOW *w, const struct ui_parts *up, size_t row, int y, int width)
{
	bool selected = row == up->selected;
	attr_t attr = selected ? tui_attr(TUI_PAIR_SELECTED, A_REVERSE) : A_NORMAL;
	tui_fill(w, y, 0, width + 1, attr);
	if (row < BRIEFING_NSETTINGS) {
		enum briefing_setting s = (enum briefing_setting)row;
		int x = 1 + tui_put(w, y, 1, LABEL_WIDTH + 7, briefing_setting_label(s), attr);
		x = x < LABEL_WIDTH + 8 ? LABEL_WIDTH + 8 : x + 1;
		tui_put(w, y, x, width - x, setting_shown(up, s), attr | A_BOLD);
		return;
	}
	size_t i = row - BRIEFING_NSETTINGS;
	const struct briefing_part_state *p = &up->parts.items[i];
	attr_t part_attr = p->shown ? attr : attr | tui_attr(TUI_PAIR_DIM, A_DIM);
	char *head =
	    str_fmt("%2zu %s %s", i + 1, p->shown ? "[x]" : "[ ]", briefing_part_label(p->part));
	tui_put(w, y, 1, LABEL_WIDTH + 7, head ? head : "", part_attr | A_BOLD);
	free(head);
	int hx = LABEL_WIDTH + 8, hw = width - hx - STATE_WIDTH - 1;
	tui_put(w, y, hx, hw, *p->heading ? p->heading : "(no heading)",
		*p->heading ? part_attr : part_attr | A_DIM);
	char *state = part_state(up, p);
	tui_put(w, y, width - STATE_WIDTH, STATE_WIDTH, state ? state : "", part_attr);
	free(state);
}

/* Draws text wrapped at spaces into width columns from row y, at most max rows; returns the
 * rows used. */
static int draw_wrapped(WINDOW *w, int y, int x, int width, int max, const char *text, attr_t attr)
{
	int used = 0;
	const char *p = text;
	while (*p && used < max) {
		/* As many words as fit. */
		const char *end = p, *fit = NULL;
		while (*end) {
			const char *next = end + strcspn(end, " ");
			char *piece = strndup(p, (size_t)(next - p));
			int cols = piece ? tui_width(piece) : 0;
			free(piece);
			if (cols > width && fit)
				break;
			fit = next;
			if (cols > width || !*next)
				break;
			end = next + 1;
		}
		char *line = strndup(p, (size_t)(fit - p));
		tui_put(w, y + used, x, width, line ? line : "", attr);
		free(line);
		used++;
		p = fit + strspn(fit, " ");
	}
	return used ? used : (*text ? 0 : 1);
}

/* The preview (or the suggestion) in a box of rows from y. */
static void draw_preview(WINDOW *w, struct ui_parts *up, int y, int x, int width, int height)
{
	const struct briefing_part_state *p = ui_parts_selected(up);
	if (up->choices && !up->preview_full) {
		int r = 0;
		char *copy = strdup(up->choices);
		for (char *line = copy ? strtok(copy, "\n") : NULL; line && r < height;
		     line = strtok(NULL, "\n"))
			r += draw_wrapped(w, y + r, x, width, height - r, line,
					  r == 0 ? A_BOLD : A_NORMAL);
		free(copy);
		return;
	}
	if (p && !p->text && up->suggestion && *up->suggestion &&
	    briefing_part_kind(p->part) != BRIEFING_KIND_RECORDS && !up->preview_full) {
		tui_put(w, y, x, width,
			"maca suggests (t takes it, to edit; nothing of it is "
			"in the briefing until then):",
			A_BOLD);
		int r = 1;
		char *copy = strdup(up->suggestion);
		for (char *line = copy ? strtok(copy, "\n") : NULL; line && r < height;
		     line = strtok(NULL, "\n"))
			r += draw_wrapped(w, y + r, x + 1, width - 1, height - r, line, A_DIM);
		free(copy);
		return;
	}
	int r = 0;
	for (size_t i = up->preview_top; i < up->nlines && r < height; i++)
		r += draw_wrapped(w, y + r, x, width, height - r, up->lines[i],
				  up->lines[i][0] == '#' ? A_BOLD : A_NORMAL);
}

static void draw_editor(WINDOW *w, struct ui_parts *up, int y, int x, int width, int height)
{
	const struct briefing_part_state *p = ui_parts_selected(up);
	char *what = up->editing == UI_PARTS_EDIT_SETTING
			 ? str_fmt("%s (empty: the default)",
				   briefing_setting_label((enum briefing_setting)up->selected))
		     : up->editing == UI_PARTS_EDIT_HEADING
			 ? str_fmt("Heading of %s (empty: none)", briefing_part_label(p->part))
			 : str_fmt("%s, as Markdown: a blank line between paragraphs, \"- \" for "
				   "a list, **bold**, [text](https://...)",
				   briefing_part_label(p->part));
	tui_put(w, y, x, width, what ? what : "", A_BOLD);
	free(what);
	/* One line for a heading or a setting, with what a setting picks from below it. */
	bool one_line = up->editing != UI_PARTS_EDIT_TEXT;
	int rows = one_line ? 1 : height - 1, cy, cx;
	tui_draw_editor(w, y + 1, x, rows, width, up->edit, &up->edit_top, true, "", &cy, &cx);
	if (cy >= 0)
		tui_want_cursor(cy, cx);
	if (one_line && up->choices && height > 4) {
		int r = 0;
		char *copy = strdup(up->choices);
		for (char *line = copy ? strtok(copy, "\n") : NULL; line && r < height - 3;
		     line = strtok(NULL, "\n"))
			r += draw_wrapped(w, y + 3 + r, x, width, height - 3 - r, line, A_DIM);
		free(copy);
	}
}

static void draw_parts(WINDOW *w, struct ui *ui)
{
	struct ui_parts *up = &ui->parts;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Briefing parts");
	bool seven = up->seven_minute, long_seven = seven && up->words > BRIEFING_TWO_PAGES_WORDS;
	char *head = str_fmt(
	    "%s briefing, about %zu words%s", seven ? "Seven-minute" : "Standard", up->words,
	    long_seven ? ": longer than two pages; leave parts out or shorten them" : "");
	tui_put(w, 1, 1, cols - 2, head ? head : "",
		long_seven ? tui_attr(TUI_PAIR_ERROR, A_BOLD) : A_BOLD);
	free(head);
	int y = 2, bottom = rows - 4, height = bottom - y + 1;
	bool wide = cols >= WIDE;
	int list_w = wide ? LIST_WIDTH : cols - 2;
	if (up->preview_full && !up->editing) {
		draw_preview(w, up, y, 1, cols - 2, height);
		return;
	}
	if (up->editing && !wide) {
		draw_editor(w, up, y, 1, cols - 2, height);
		return;
	}
	int list_h = height < UI_PARTS_ROWS ? height : UI_PARTS_ROWS;
	size_t first = ui_view_first(up->selected, (size_t)list_h);
	if (first + (size_t)list_h > UI_PARTS_ROWS)
		first = UI_PARTS_ROWS - (size_t)list_h;
	for (int r = 0; r < list_h; r++)
		draw_row(w, up, first + (size_t)r, y + r, list_w);
	int px = wide ? LIST_WIDTH + 2 : 1, pw = wide ? cols - LIST_WIDTH - 3 : cols - 2;
	int py = wide ? y : y + list_h + 1, ph = wide ? height : height - list_h - 1;
	if (ph < 2)
		return; /* the preview is on v */
	if (!wide)
		tui_put(w, py - 1, 1, cols - 2, "", A_NORMAL);
	if (up->editing)
		draw_editor(w, up, py, px, pw, ph);
	else
		draw_preview(w, up, py, px, pw, ph);
}

/* The editor's width, for Up and Down. */
static void layout_parts(struct ui *ui, int rows, int cols)
{
	(void)rows;
	ui->parts.text_width = cols >= WIDE ? cols - LIST_WIDTH - 3 : cols - 2;
}

const struct tui_view tui_parts_view = {.draw = draw_parts, .layout = layout_parts};
