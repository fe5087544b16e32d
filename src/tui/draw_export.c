/* The Briefing screen (export): where the briefing will be written, the possible identifiers
 * in it (open, or accepted by whom), then the briefing itself as it will be published; and
 * the Briefing parts screen it opens (below), whose view shares this file so that src/tui
 * keeps to twenty files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_editor.h"
#include "ui_fit.h"
#include "ui_view.h"

#define MAX_FINDINGS_SHOWN 5

static void layout_export(struct ui *ui, int rows, int cols);

static void draw_export(WINDOW *w, struct ui *ui)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	layout_export(ui, rows, cols);
	const struct ui_export *ue = &ui->export;
	tui_frame(w, ui, "Briefing of our learning");
	bool too_long = ue->seven_minute && ue->words > BRIEFING_TWO_PAGES_WORDS;
	char *line = str_fmt("Layout: %s%s, about %zu words%s, as %s",
			     ue->seven_minute ? "seven-minute briefing" : "standard",
			     ue->with_comparison ? ", with the comparison" : "", ue->words,
			     too_long ? " (more than two pages: p to shorten)" : "",
			     ui_export_format_label(ue->format));
	int y = 2;
	if (line) {
		/* The file beside the layout when both fit, else on a line of its own, cut from
		 * its start so that its name and its folder's end show. */
		int used = ui_text_cols(line, tui_ascii) + 3;
		bool beside = used + 6 + ui_text_cols(ue->path, tui_ascii) <= cols - 2;
		tui_put(w, y, 1, cols - 2, line,
			too_long ? tui_attr(TUI_PAIR_ERROR, A_BOLD) : A_BOLD);
		int x = beside ? 1 + used : 1;
		y += beside ? 0 : 1;
		x += tui_put(w, y, x, cols - 1 - x, "File: ", A_BOLD);
		char *path = ui_fit_path(ue->path, cols - 1 - x, tui_ascii);
		tui_put(w, y, x, cols - 1 - x, path ? path : "", A_BOLD);
		free(path);
		y++;
	}
	free(line);
	if (ue->found.n == 0) {
		y += tui_put_wrapped(
		    w, y, 1, cols - 2, 2,
		    "No identifiers found (NHS or NI numbers, dates of birth, postcodes, phone "
		    "numbers, e-mail addresses, names as case references).",
		    A_DIM);
	} else {
		size_t open = ue->decided.open, accepted = ue->found.n - open;
		if (open)
			line = str_fmt("Possible identifiers: %zu open, %zu accepted. Enter fixes "
				       "one, a accepts it",
				       open, accepted);
		else
			line = str_fmt("Possible identifiers: all %zu accepted for publishing (a "
				       "takes one back)",
				       accepted);
		if (line)
			tui_put(w, y++, 1, cols - 2, line,
				open ? tui_attr(TUI_PAIR_ERROR, A_BOLD) : A_BOLD);
		free(line);
		/* The selected finding stays in view as Tab walks through them. */
		size_t first = ui_view_first(ue->finding, MAX_FINDINGS_SHOWN);
		for (size_t i = first; i < ue->found.n && i < first + MAX_FINDINGS_SHOWN; i++) {
			const struct disclosure *d = &ue->found.items[i];
			const struct disclosure_decision *x = &ue->decided.items[i];
			char *state = x->accepted ? str_fmt("accepted by %s", x->acceptance.author)
						  : str_dup("OPEN");
			line = state ? str_fmt("%s %s: %s \"%s\" in %s",
					       i == ue->finding ? ">" : " ", state,
					       disclosure_kind_name(d->kind), d->match, d->where)
				     : NULL;
			if (line)
				tui_put(w, y++, 1, cols - 2, line,
					i == ue->finding ? A_BOLD | A_REVERSE
					: x->accepted	 ? A_NORMAL
							 : A_BOLD);
			free(line);
			free(state);
		}
		if (ue->found.n > MAX_FINDINGS_SHOWN) {
			line = str_fmt("  and %zu more (Tab walks through them); `maca findings "
				       "list` lists them all",
				       ue->found.n - MAX_FINDINGS_SHOWN);
			if (line)
				tui_put(w, y++, 1, cols - 2, line, A_BOLD);
			free(line);
		}
	}
	y++;
	tui_draw_doc(w, y, 1, rows - 3 - y, cols - 2, &ue->doc, &ui->export.top);
}

static void layout_export(struct ui *ui, int rows, int cols)
{
	(void)rows;
	struct ui_export *ue = &ui->export;
	tui_layout_doc(ui, ue->text, &ue->doc, &ue->top, cols - 2);
}

const struct tui_view tui_export_view = {.draw = draw_export, .layout = layout_export};

/* Briefing parts: the settings and the parts as a list (place, shown or not, name, heading,
 * what it holds), with the briefing previewed beside it when the window is wide enough and
 * below it when it is tall enough (or in its place with v); maca's suggestion for a part with
 * no text of its own, and what a setting picks from. The editor opens where the preview is
 * (in place of the list when narrow). Beside the Briefing screen's view: the screen it opens.
 */

#define WIDE 120       /* from this many columns the preview is beside the list */
#define LIST_WIDTH 62  /* the list's least columns when the preview is beside it */
#define LABEL_WIDTH 20 /* a part's name in the list */
#define STATE_WIDTH 16 /* what it holds */

/* Beside the preview, the list takes two fifths of a wide window, headings and all. */
static int list_width(int cols)
{
	return cols * 2 / 5 > LIST_WIDTH ? cols * 2 / 5 : LIST_WIDTH;
}

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

/* Markdown (a suggestion) or lines (what a setting picks from) laid out and drawn in a box;
 * returns the rows used. */
static int draw_text(WINDOW *w, const struct ui *ui, int y, int x, int width, int height,
		     const char *markdown)
{
	struct ui_doc doc = {0};
	struct maca_err err = {0};
	if (ui_doc_layout(markdown, width, ui->ascii, &doc, &err)) {
		err_clear(&err);
		return 0;
	}
	size_t top = 0;
	tui_draw_doc(w, y, x, height, width, &doc, &top);
	int used = doc.n < (size_t)height ? (int)doc.n : height;
	ui_doc_free(&doc);
	return used;
}

/* The preview, or what a setting picks from, or maca's suggestion for a part with no text. */
static void draw_preview(WINDOW *w, struct ui *ui, int y, int x, int width, int height)
{
	struct ui_parts *up = &ui->parts;
	const struct briefing_part_state *p = ui_parts_selected(up);
	if (up->choices && !up->preview_full) {
		draw_text(w, ui, y, x, width, height, up->choices);
		return;
	}
	if (p && !p->text && up->suggestion && *up->suggestion &&
	    briefing_part_kind(p->part) != BRIEFING_KIND_RECORDS && !up->preview_full) {
		tui_put(w, y, x, width,
			"maca suggests (t takes it, to edit; none of it is in the briefing until "
			"then):",
			A_BOLD);
		draw_text(w, ui, y + 1, x + 1, width - 1, height - 1, up->suggestion);
		return;
	}
	tui_draw_doc(w, y, x, height, width, &up->doc, &up->preview_top);
}

static void draw_editor(WINDOW *w, struct ui *ui, int y, int x, int width, int height)
{
	struct ui_parts *up = &ui->parts;
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
	if (one_line && up->choices && height > 4)
		draw_text(w, ui, y + 3, x, width, height - 3, up->choices);
}

static void layout_parts(struct ui *ui, int rows, int cols);

static void draw_parts(WINDOW *w, struct ui *ui)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	layout_parts(ui, rows, cols);
	struct ui_parts *up = &ui->parts;
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
	int list_w = wide ? list_width(cols) : cols - 2;
	if (up->preview_full && !up->editing) {
		draw_preview(w, ui, y, 1, cols - 2, height);
		return;
	}
	if (up->editing && !wide) {
		draw_editor(w, ui, y, 1, cols - 2, height);
		return;
	}
	int list_h = height < UI_PARTS_ROWS ? height : UI_PARTS_ROWS;
	size_t first = ui_view_first(up->selected, (size_t)list_h);
	if (first + (size_t)list_h > UI_PARTS_ROWS)
		first = UI_PARTS_ROWS - (size_t)list_h;
	for (int r = 0; r < list_h; r++)
		draw_row(w, up, first + (size_t)r, y + r, list_w);
	int px = wide ? list_w + 2 : 1, pw = wide ? cols - list_w - 3 : cols - 2;
	int py = wide ? y : y + list_h + 1, ph = wide ? height : height - list_h - 1;
	if (ph < 2)
		return; /* the preview is on v */
	if (!wide)
		tui_put(w, py - 1, 1, cols - 2, "", A_NORMAL);
	if (up->editing)
		draw_editor(w, ui, py, px, pw, ph);
	else
		draw_preview(w, ui, py, px, pw, ph);
}

/* The editor's and the preview's widths: beside the list when wide, else the window's. */
static void layout_parts(struct ui *ui, int rows, int cols)
{
	(void)rows;
	int width = cols >= WIDE ? cols - list_width(cols) - 3 : cols - 2;
	ui->parts.text_width = width;
	struct maca_err err = {0};
	if (ui_parts_layout(&ui->parts, width, ui->ascii, &err))
		ui_set_status(ui, true, "%s", err_msg(&err));
	err_clear(&err);
}

const struct tui_view tui_parts_view = {.draw = draw_parts, .layout = layout_parts};
