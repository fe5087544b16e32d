/* Learning: the audit's good practice as bullets, then each learning point (number, title,
 * a couple of lines of its text, its links dimmed) followed by its actions, indented. An
 * overdue action says OVERDUE in words, so it reads without colour. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_view.h"

#define TEXT_LINES 2 /* lines of a learning point's text or a good practice item */

struct line {
	char *text;
	attr_t attr;
	int indent;
};

/* The rows one item of the list takes, headings before it included. */
struct block {
	struct line *lines;
	size_t n, cap;
	size_t first_own; /* lines before this are headings, never highlighted */
	size_t end_own;	  /* and so are lines from here on */
	bool failed;
};

static void block_free(struct block *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->lines[i].text);
	free(b->lines);
	memset(b, 0, sizeof *b);
}

/* Takes text (NULL: out of memory). */
static void add_line(struct block *b, int indent, attr_t attr, char *text)
{
	if (!text) {
		b->failed = true;
		return;
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		struct line *l = realloc(b->lines, cap * sizeof *l);
		if (!l) {
			free(text);
			b->failed = true;
			return;
		}
		b->lines = l;
		b->cap = cap;
	}
	b->lines[b->n++] = (struct line){text, attr, indent};
}

/* Word-wraps text (newlines count as spaces) into at most max_lines lines of width
 * columns; the last line keeps the rest, and the drawing cuts it with an ellipsis. */
static void add_wrapped(struct block *b, int indent, int width, attr_t attr, const char *text,
			size_t max_lines)
{
	struct sbuf cur = {0};
	size_t lines = 0;
	int used = 0;
	for (const char *p = text; *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *end = p;
		while (*end && !isspace((unsigned char)*end))
			end++;
		if (end == p)
			break;
		char *word = strndup(p, (size_t)(end - p));
		int ww = word ? tui_width(word) : 0;
		if (used > 0 && used + 1 + ww > width && lines + 1 < max_lines) {
			add_line(b, indent, attr, sbuf_take(&cur));
			lines++;
			used = 0;
		}
		if (used > 0)
			sbuf_addc(&cur, ' ');
		sbuf_add(&cur, word ? word : "");
		cur.failed |= word == NULL;
		used += (used > 0) + ww;
		free(word);
		p = end;
	}
	if (used > 0 || cur.failed)
		add_line(b, indent, attr, sbuf_take(&cur));
	sbuf_free(&cur);
}

static char *join_labels(const struct named_list *l)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", l->items[i].label);
	char *s = sbuf_take(&b);
	return s ? s : NULL;
}

static void add_links(struct block *b, const struct learning_point_row *lp)
{
	const struct {
		const char *name;
		const struct named_list *list;
	} parts[] = {
	    {"Cases", &lp->cases}, {"Agencies", &lp->agencies}, {"Sections", &lp->sections}};
	struct sbuf s = {0};
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i].list->n)
			continue;
		char *labels = join_labels(parts[i].list);
		sbuf_addf(&s, "%s%s: %s", s.len ? "   " : "", parts[i].name, labels ? labels : "?");
		s.failed |= labels == NULL;
		free(labels);
	}
	if (s.len || s.failed)
		add_line(b, 2, tui_attr(TUI_PAIR_DIM, A_DIM), sbuf_take(&s));
	sbuf_free(&s);
}

static void add_action(struct block *b, const struct ui_learning *ul,
		       const struct learning_point_row *lp, const struct action_row *a)
{
	add_line(b, 4, A_NORMAL, str_fmt("%d.%d %s", lp->number, a->position, a->what));
	const char *owner = ui_learning_agency_name(ul, a->owner_agency);
	bool overdue = ui_learning_overdue(a, ul->today);
	add_line(b, 8, overdue ? tui_attr(TUI_PAIR_ERROR, A_BOLD) : A_NORMAL,
		 str_fmt("%s   Due: %s%s   Owner: %s", ui_learning_status_label(a->status),
			 *a->due_date ? a->due_date : "not set", overdue ? " OVERDUE" : "",
			 *owner ? owner : "not set"));
}

/* The lines of item i: any headings that start its part of the list, then its own. */
static void item_block(const struct ui_learning *ul, size_t i, int cols, struct block *b)
{
	const struct ui_learning_item *it = &ul->items[i];
	bool first_point = it->kind == UI_LEARNING_POINT && it->index == 0;
	bool first_note = it->kind == UI_LEARNING_NOTE && it->index == 0;
	if (i == 0)
		add_line(b, 0, A_BOLD | A_UNDERLINE, str_dup("Good practice"));
	if (i == 0 && it->kind != UI_LEARNING_GOOD_PRACTICE)
		add_line(b, 2, A_DIM, str_dup("None recorded yet: press p to add some."));
	if (first_point || (first_note && ul->npoints == 0)) {
		add_line(b, 0, A_NORMAL, str_dup(""));
		add_line(b, 0, A_BOLD | A_UNDERLINE, str_dup("Key learning points"));
	}
	if (first_note && ul->npoints == 0)
		add_line(b, 2, A_DIM, str_dup("None yet: press a to add one."));
	/* Each prompt's notes under a heading of their own, after the learning points. */
	if (it->kind == UI_LEARNING_NOTE &&
	    (i == 0 || ul->items[i - 1].kind != UI_LEARNING_NOTE ||
	     ul->notes[ul->items[i - 1].index].prompt != ul->notes[it->index].prompt)) {
		if (i > 0 && ul->items[i - 1].kind != UI_LEARNING_NOTE)
			add_line(b, 0, A_NORMAL, str_dup(""));
		if (i == 0 || ul->items[i - 1].kind != UI_LEARNING_NOTE)
			add_line(b, 0, A_BOLD | A_UNDERLINE,
				 str_dup("The agencies' notes: p takes one up as good practice, a "
					 "as a learning point"));
		add_line(b, 1, A_BOLD,
			 str_dup(ul->tpl->prompts[ul->notes[it->index].prompt].label));
	}
	b->first_own = b->n;
	if (it->kind == UI_LEARNING_GOOD_PRACTICE) {
		size_t before = b->n;
		add_wrapped(b, 3, cols - 5, A_NORMAL, ul->good_practice[it->index].text,
			    TEXT_LINES);
		if (b->n > before) {
			/* The bullet hangs in the indent of the first line. */
			char *t = str_fmt("\u2022 %s", b->lines[before].text);
			if (t) {
				free(b->lines[before].text);
				b->lines[before].text = t;
				b->lines[before].indent = 1;
			}
		} else {
			add_line(b, 1, A_NORMAL, str_dup("\u2022"));
		}
	} else if (it->kind == UI_LEARNING_POINT) {
		const struct learning_point_row *lp = &ul->points[it->index];
		/* A title is optional: without one, the number alone, as the briefing has it. */
		add_line(b, 0, A_BOLD,
			 str_fmt("Learning Point %d%s%s", lp->number, *lp->title ? ": " : "",
				 lp->title));
		add_wrapped(b, 2, cols - 4, A_NORMAL, lp->text, TEXT_LINES);
		add_links(b, lp);
	} else if (it->kind == UI_LEARNING_ACTION) {
		const struct learning_point_row *lp = &ul->points[it->index];
		add_action(b, ul, lp, &lp->actions[it->action]);
	} else {
		const struct ui_learning_note *n = &ul->notes[it->index];
		add_line(b, 2, tui_attr(TUI_PAIR_DIM, A_DIM),
			 str_fmt("%s \u00b7 %s \u00b7 %zu %s", n->case_ref,
				 ui_learning_agency_name(ul, n->agency), n->section + 1,
				 ul->tpl->sections[n->section].title));
		add_wrapped(b, 4, cols - 6, A_NORMAL, n->text, TEXT_LINES);
	}
	b->end_own = b->n;
	if (it->kind == UI_LEARNING_GOOD_PRACTICE && i + 1 == ul->nitems) {
		add_line(b, 0, A_NORMAL, str_dup(""));
		add_line(b, 0, A_BOLD | A_UNDERLINE, str_dup("Key learning points"));
		add_line(b, 2, A_DIM, str_dup("None yet: press a to add one."));
	}
}

/* The earlier audit's learning (ui_learning_earlier) in the bottom rows from y, after a
 * blank row; what does not fit is counted, not hidden silently. */
static void draw_earlier(WINDOW *w, int y, int height, int cols, const struct ui_learning *ul)
{
	const struct ui_learning_earlier *e = &ul->earlier;
	y++;
	height--;
	size_t fit = e->nlines <= (size_t)height ? e->nlines : (size_t)(height - 1);
	for (size_t i = 0; i < fit; i++, y++)
		tui_put(w, y, 1, cols - 2, e->lines[i], i == 0 ? A_BOLD | A_UNDERLINE : A_NORMAL);
	if (fit < e->nlines) {
		char *more = str_fmt("\u2026 %zu more lines: see Then and now (C on the overview)",
				     e->nlines - fit);
		if (more)
			tui_put(w, y, 1, cols - 2, more, A_DIM);
		free(more);
	}
}

static void draw_learning(WINDOW *w, struct ui *ui)
{
	struct ui_learning *ul = &ui->learning;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Learning");
	int y0 = 2, height = rows - 4 - y0;
	if (ul->earlier.shown && height >= 6) {
		/* At most half the rows: the audit's own list stays the main thing. */
		int panel = (int)ul->earlier.nlines + 1;
		if (panel > height / 2)
			panel = height / 2;
		height -= panel;
		draw_earlier(w, y0 + height, panel, cols, ul);
	}
	if (ul->closed)
		tui_put(w, 1, 1, cols - 2, "Closed audit: only action statuses can change (s)",
			A_BOLD);
	if (ul->nitems == 0) {
		tui_put(w, y0, 1, cols - 2, "Good practice", A_BOLD | A_UNDERLINE);
		tui_put(w, y0 + 2, 1, cols - 2,
			"Nothing yet. Press p to add good practice, or a to add a learning point.",
			A_BOLD);
		return;
	}
	struct block *blocks = calloc(ul->nitems, sizeof *blocks);
	int *heights = calloc(ul->nitems, sizeof *heights);
	bool failed = !blocks || !heights;
	for (size_t i = 0; !failed && i < ul->nitems; i++) {
		item_block(ul, i, cols, &blocks[i]);
		heights[i] = (int)blocks[i].n;
		failed = blocks[i].failed;
	}
	if (failed) {
		tui_put(w, y0, 1, cols - 2, "(out of memory drawing the learning)", A_BOLD);
	} else {
		/* The first item drawn last time, moved as little as keeps the selected item
		 * whole on screen. */
		size_t top =
		    ui_view_follow(&ul->top, ul->selected, ul->nitems, heights, (size_t)height);
		int y = y0;
		for (size_t i = top; i < ul->nitems && y < y0 + height; i++) {
			const struct block *b = &blocks[i];
			bool sel = i == ul->selected;
			for (size_t l = 0; l < b->n && y < y0 + height; l++, y++) {
				const struct line *ln = &b->lines[l];
				if (l >= b->first_own && l < b->end_own)
					ui_hit_add(ui, y, 0, cols, i);
				attr_t attr = ln->attr;
				if (sel && l >= b->first_own && l < b->end_own) {
					attr = tui_attr(TUI_PAIR_SELECTED, A_REVERSE) |
					       (ln->attr & (A_BOLD | A_UNDERLINE));
					tui_fill(w, y, 0, cols, attr);
				}
				tui_put(w, y, 1 + ln->indent, cols - 2 - ln->indent, ln->text,
					attr);
			}
		}
	}
	for (size_t i = 0; blocks && i < ul->nitems; i++)
		block_free(&blocks[i]);
	free(blocks);
	free(heights);
}

const struct tui_view tui_learning_view = {.draw = draw_learning};
