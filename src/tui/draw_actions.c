/* The action tracker: the filters on top, then two lines per action (what, due date, status;
 * then owner, audit and last progress note, dimmed), and below them the progress notes of the
 * selected action. An overdue action starts with "!" and says OVERDUE in words, so it reads
 * without colour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_view.h"

#define DUE_COLS 18    /* "2026-01-31 OVERDUE" */
#define STATUS_COLS 14 /* "Cannot be done" */
#define POINT_COLS 6
#define NOTES_MIN_ROWS 3 /* the notes pane at its least, its heading included */
#define OWNER_COLS 22
#define AUDIT_COLS 24

/* The date part of an ISO 8601 time. */
static const char *day_of(const char *at, char buf[11])
{
	snprintf(buf, 11, "%.10s", at);
	return buf;
}

static void draw_item(WINDOW *w, int y, int cols, const struct ui_actions *ua,
		      const struct action_item *a, bool selected)
{
	attr_t base = selected ? tui_attr(TUI_PAIR_SELECTED, A_REVERSE) : A_NORMAL;
	attr_t strong = !a->overdue ? base
			: selected  ? base | A_BOLD
				    : tui_attr(TUI_PAIR_ERROR, A_BOLD);
	attr_t dim = selected ? base : tui_attr(TUI_PAIR_DIM, A_DIM);
	tui_fill(w, y, 0, cols, base);
	tui_fill(w, y + 1, 0, cols, base);
	int status_x = cols - 1 - STATUS_COLS, due_x = status_x - 1 - DUE_COLS;
	int what_x = 2 + POINT_COLS;
	char buf[64];
	tui_put(w, y, 1, 1, a->overdue ? "!" : " ", strong);
	snprintf(buf, sizeof buf, "%d.%d", a->point, a->position);
	tui_put(w, y, 2, POINT_COLS - 1, buf, base);
	tui_put(w, y, what_x, due_x - 1 - what_x, a->what, base);
	snprintf(buf, sizeof buf, "%s%s", *a->due_date ? a->due_date : "no date",
		 a->overdue ? " OVERDUE" : "");
	tui_put(w, y, due_x, DUE_COLS, buf, strong);
	tui_put(w, y, status_x, STATUS_COLS, action_status_label(a->status), base);

	/* Owner, audit and note in columns of their own, so a long one never hides the rest. */
	int x = what_x, right = cols - 1;
	tui_put(w, y + 1, x, OWNER_COLS, *a->owner_name ? a->owner_name : "No owner", dim);
	x += OWNER_COLS + 1;
	if (!ua->audit_id) {
		char *audit = str_fmt("%s%s", a->audit_status == AUDIT_CLOSED ? "(closed) " : "",
				      a->audit_title);
		tui_put(w, y + 1, x, AUDIT_COLS, audit ? audit : "", dim);
		free(audit);
		x += AUDIT_COLS + 1;
	}
	char day[11];
	char *note = *a->note ? str_fmt("%s: %s", day_of(a->note_at, day), a->note)
			      : str_dup("no progress notes");
	tui_put(w, y + 1, x, right - x, note ? note : "", dim);
	free(note);
}

static void draw_notes(WINDOW *w, int y, int height, int cols, const struct ui_actions *ua)
{
	const struct action_item *a = ui_actions_selected(ua);
	if (!a || height < 2)
		return;
	char *head =
	    str_fmt("Progress notes for action %d.%d, newest first", a->point, a->position);
	tui_fill(w, y, 0, cols, A_BOLD | A_UNDERLINE);
	tui_put(w, y, 1, cols - 2, head ? head : "Progress notes", A_BOLD | A_UNDERLINE);
	free(head);
	if (ua->nnotes == 0) {
		tui_put(w, y + 1, 2, cols - 3,
			"None yet: s changes the status with a note, p adds a note.",
			tui_attr(TUI_PAIR_DIM, A_DIM));
		return;
	}
	/* Each note wrapped, to be read whole, newest first, as many as the pane holds. */
	for (size_t k = 1, r = 1; (int)r < height && k <= ua->nnotes; k++) {
		const struct action_note *n = &ua->notes[ua->nnotes - k];
		enum action_status from, to;
		bool parsed = action_status_parse(n->old_status, &from) &&
			      action_status_parse(n->new_status, &to);
		char day[11];
		char *text;
		if (parsed && from != to)
			text = str_fmt("%s  %s -> %s  %s%s%s", day_of(n->at, day),
				       action_status_label(from), action_status_label(to),
				       n->author, *n->note ? ": " : "", n->note);
		else
			text = str_fmt("%s  %s%s%s", day_of(n->at, day), n->author,
				       *n->note ? ": " : "", n->note);
		r += (size_t)tui_put_wrapped(w, y + (int)r, 2, cols - 3, height - (int)r,
					     text ? text : "(out of memory)", A_NORMAL);
		free(text);
	}
}

static void draw_actions(WINDOW *w, struct ui *ui)
{
	struct ui_actions *ua = &ui->actions;
	int rows = getmaxy(w), cols = getmaxx(w);
	char *title = ua->audit_id ? str_fmt("Actions \u2014 %s", ua->audit_title)
				   : str_fmt("Actions \u2014 every audit");
	tui_frame(w, ui, title ? title : "Actions");
	free(title);
	/* The filters and the count share the line: the count gives up today's date, then the
	 * filters are cut (with an ellipsis), so neither is ever drawn over the other. */
	char *filters = ui_actions_filter_text(ua);
	char count[64], shorter[32];
	snprintf(count, sizeof count, "%zu shown, today %s", ua->nitems, ua->today);
	snprintf(shorter, sizeof shorter, "%zu shown", ua->nitems);
	int fw = tui_width(filters ? filters : "");
	const char *shown = fw + 3 + tui_width(count) <= cols - 2 ? count : shorter;
	int cw = tui_width(shown);
	tui_put(w, 1, 1, cols - 2 - cw - 3, filters ? filters : "", A_BOLD);
	free(filters);
	tui_put(w, 1, cols - 1 - cw, cw, shown, A_NORMAL);

	/* The list takes the rows its actions need, the notes pane the rest (at least its
	 * least), so no action is left below while rows stand empty. */
	int list_y = 3, room = rows - 3 - list_y;
	int fit = (room - 1 - NOTES_MIN_ROWS) / 2;
	size_t visible = fit < 1 ? 1 : (size_t)fit;
	if (ua->nitems && visible > ua->nitems)
		visible = ua->nitems;
	int notes_y = list_y + 2 * (int)visible + 1;
	int status_x = cols - 1 - STATUS_COLS, due_x = status_x - 1 - DUE_COLS;
	attr_t head = A_BOLD | A_UNDERLINE;
	tui_put(w, 2, 2, POINT_COLS - 1, "No.", head);
	tui_put(w, 2, 2 + POINT_COLS, due_x - 3 - POINT_COLS,
		ua->audit_id ? "Action; owner, last progress note"
			     : "Action; owner, audit, last progress note",
		head);
	tui_put(w, 2, due_x, DUE_COLS, "Due", head);
	tui_put(w, 2, status_x, STATUS_COLS, "Status", head);
	if (ua->nitems == 0) {
		bool filtered = ua->owner || ua->status != UI_ACTIONS_ANY_STATUS ||
				ua->due != UI_ACTIONS_ANY_DUE;
		tui_put(w, list_y + 1, 2, cols - 3,
			filtered ? "No actions match these filters: press o, f or w to change them."
			: ua->audit_id ? "This audit has no actions yet."
				       : "There are no actions yet.",
			A_BOLD);
		tui_put(w, list_y + 2, 2, cols - 3,
			"Actions are added on an audit's Learning screen (L on its overview).",
			A_NORMAL);
		return;
	}
	size_t top = ui_view_follow(&ua->top, ua->selected, ua->nitems, NULL, visible);
	for (size_t i = top; i < ua->nitems && i < top + visible; i++) {
		int y = list_y + 2 * (int)(i - top);
		draw_item(w, y, cols, ua, &ua->items[i], i == ua->selected);
		ui_hit_add(ui, y, 0, cols, i);
		ui_hit_add(ui, y + 1, 0, cols, i);
	}
	if (top + visible < ua->nitems)
		tui_put(w, notes_y - 1, 2, cols - 3, "(more below)", tui_attr(TUI_PAIR_DIM, A_DIM));
	draw_notes(w, notes_y, rows - 3 - notes_y, cols, ua);
}

const struct tui_view tui_actions_view = {.draw = draw_actions};
