/* The editor's layout: display rows for a width, and the movements that need them.
 *
 * Wrapping never crosses a newline, so each paragraph (the text between two newlines) is laid
 * out on its own: moving up, down, home or end only lays out the cursor's paragraph and its
 * neighbour, and only editbuf_layout() walks the whole text.
 */
#include "editbuf_internal.h"
#include "ui_view.h"

#include <stdlib.h>

/* The rows of one paragraph, one at a time. */
struct rowit {
	const struct editbuf *eb;
	size_t pend; /* the paragraph's end: its newline, or the end of the text */
	size_t next; /* where the next row starts */
	int width;
	bool done;
};

static void rowit_start(struct rowit *it, const struct editbuf *eb, size_t pstart, int width)
{
	it->eb = eb;
	it->pend = editbuf_para_end(eb, pstart);
	it->next = pstart;
	it->width = width < 1 ? 1 : width;
	it->done = false;
}

/* The start of the cluster after i, inside the paragraph. */
static size_t next_in_para(const struct rowit *it, size_t i)
{
	i++;
	while (i < it->pend && editbuf_attached(it->eb->text, i))
		i++;
	return i;
}

/* Fills row from s: as many clusters as fit (at least one), then back to just after the last
 * space if a word would be cut. Returns whether the columns up to row->end, hanging spaces
 * included, leave none for a cursor after them. */
static bool wrap_one(const struct rowit *it, size_t s, struct editbuf_row *row)
{
	const wchar_t *t = it->eb->text;
	size_t i = s, brk = s;
	int col = 0, brk_col = 0;

	row->start = s;
	while (i < it->pend) {
		int w = editbuf_cell_width(t[i]);
		if (col + w <= it->width || i == s) {
			bool space = t[i] == ' ' || t[i] == '\t';
			col += w;
			i = next_in_para(it, i);
			if (space) {
				brk = i;
				brk_col = col;
			}
			continue;
		}
		if (t[i] == ' ' || t[i] == '\t') { /* the spaces at a wrap hang past the edge */
			row->draw_end = i;
			row->cols = col;
			while (i < it->pend && (t[i] == ' ' || t[i] == '\t'))
				i = next_in_para(it, i);
			row->end = i;
			return true;
		}
		if (brk > s) /* wrap after the last space */
			i = brk, col = brk_col;
		break; /* else break the word at the edge */
	}
	row->end = row->draw_end = i;
	row->cols = col;
	return col >= it->width;
}

static bool rowit_next(struct rowit *it, struct editbuf_row *row)
{
	bool no_room;

	if (it->done)
		return false;
	no_room = wrap_one(it, it->next, row);
	/* At the paragraph's end the cursor needs a column of its own, else a new row. */
	row->continues = row->end < it->pend || no_room;
	if (row->continues)
		it->next = row->end;
	else
		it->done = true;
	return true;
}

static bool row_has(const struct editbuf_row *row, size_t p)
{
	return p >= row->start && (p < row->end || (p == row->end && !row->continues));
}

/* The column of offset p in row, kept inside the width (a cursor in spaces hanging past the
 * edge is shown at the last column). */
static int col_in_row(const struct editbuf *eb, const struct editbuf_row *row, size_t p, int width)
{
	int col = 0;

	for (size_t i = row->start; i < p; i++)
		col += editbuf_cell_width(eb->text[i]);
	return col < width ? col : width - 1;
}

/* The last cluster boundary in row at or before column goal. */
static size_t place_in_row(const struct editbuf *eb, const struct editbuf_row *row, int goal)
{
	size_t p = row->start;
	int col = 0;

	while (p < row->end) {
		size_t n = editbuf_next_cluster(eb, p);
		int w = editbuf_cell_width(eb->text[p]);
		if (n > row->end || (n == row->end && row->continues) || col + w > goal)
			break;
		col += w;
		p = n;
	}
	return p;
}

/* The row holding the cursor; *prev gets the one before it in the paragraph, if any. */
static void cursor_row(const struct editbuf *eb, struct rowit *it, struct editbuf_row *row,
		       struct editbuf_row *prev, bool *have_prev)
{
	*have_prev = false;
	while (rowit_next(it, row) && !row_has(row, eb->cursor)) {
		*prev = *row;
		*have_prev = true;
	}
}

static int goal_col(struct editbuf *eb, const struct editbuf_row *row, int width)
{
	if (eb->goal_col < 0)
		eb->goal_col = col_in_row(eb, row, eb->cursor, width);
	return eb->goal_col;
}

static bool move_to_pos(struct editbuf *eb, size_t pos)
{
	bool moved = pos != eb->cursor;

	eb->cursor = pos;
	return moved;
}

bool editbuf_up(struct editbuf *eb, int width)
{
	struct rowit it;
	struct editbuf_row row, prev, r;
	bool have_prev;
	size_t ps = editbuf_para_start(eb, eb->cursor);
	int goal;

	rowit_start(&it, eb, ps, width);
	cursor_row(eb, &it, &row, &prev, &have_prev);
	goal = goal_col(eb, &row, it.width);
	if (!have_prev) {
		if (ps == 0)
			return false;
		rowit_start(&it, eb, editbuf_para_start(eb, ps - 1), width);
		while (rowit_next(&it, &r))
			prev = r;
	}
	return move_to_pos(eb, place_in_row(eb, &prev, goal));
}

bool editbuf_down(struct editbuf *eb, int width)
{
	struct rowit it;
	struct editbuf_row row, prev, next;
	bool have_prev;
	int goal;

	rowit_start(&it, eb, editbuf_para_start(eb, eb->cursor), width);
	cursor_row(eb, &it, &row, &prev, &have_prev);
	goal = goal_col(eb, &row, it.width);
	if (!row.continues) {
		if (it.pend >= eb->len)
			return false;
		rowit_start(&it, eb, it.pend + 1, width);
	}
	rowit_next(&it, &next);
	return move_to_pos(eb, place_in_row(eb, &next, goal));
}

/* The row holding the cursor, for the moves that need no other. */
static struct editbuf_row row_of_cursor(const struct editbuf *eb, int width)
{
	struct rowit it;
	struct editbuf_row row, prev;
	bool have_prev;

	rowit_start(&it, eb, editbuf_para_start(eb, eb->cursor), width);
	cursor_row(eb, &it, &row, &prev, &have_prev);
	return row;
}

bool editbuf_home(struct editbuf *eb, int width)
{
	struct editbuf_row row = row_of_cursor(eb, width);

	eb->goal_col = -1;
	return move_to_pos(eb, row.start);
}

bool editbuf_end(struct editbuf *eb, int width)
{
	struct editbuf_row row = row_of_cursor(eb, width);

	eb->goal_col = -1;
	return move_to_pos(eb, row.continues ? editbuf_prev_cluster(eb, row.end) : row.end);
}

enum editbuf_result editbuf_layout(const struct editbuf *eb, int width, struct editbuf_layout *lay)
{
	struct rowit it;
	struct editbuf_row row;
	size_t ps = 0;

	lay->nrows = 0;
	lay->width = width < 1 ? 1 : width;
	lay->cursor_row = 0;
	lay->cursor_col = 0;
	for (;;) {
		rowit_start(&it, eb, ps, width);
		while (rowit_next(&it, &row)) {
			if (lay->nrows == lay->cap) {
				size_t cap = lay->cap ? lay->cap * 2 : 64;
				struct editbuf_row *rows = NULL;
				if (cap <= SIZE_MAX / sizeof *rows)
					rows = realloc(lay->rows, cap * sizeof *rows);
				if (!rows) {
					lay->nrows = 0;
					return EDITBUF_ENOMEM;
				}
				lay->rows = rows;
				lay->cap = cap;
			}
			if (row_has(&row, eb->cursor)) {
				lay->cursor_row = lay->nrows;
				lay->cursor_col = col_in_row(eb, &row, eb->cursor, lay->width);
			}
			lay->rows[lay->nrows++] = row;
		}
		if (it.pend >= eb->len)
			return EDITBUF_OK;
		ps = it.pend + 1;
	}
}

void editbuf_layout_free(struct editbuf_layout *lay)
{
	free(lay->rows);
	lay->rows = NULL;
	lay->nrows = lay->cap = 0;
}

size_t editbuf_layout_extent(const struct editbuf_layout *lay, size_t keep)
{
	size_t end = lay->nrows;
	while (end > 0 && end - 1 > keep && lay->rows[end - 1].start == lay->rows[end - 1].draw_end)
		end--;
	return end;
}

size_t editbuf_layout_scroll(const struct editbuf_layout *lay, size_t top, size_t view_rows)
{
	if (view_rows == 0)
		return lay->cursor_row;
	/* Empty rows after the text fill the view only down to the cursor: a view never shows
	 * them while text above is hidden. */
	ui_view_fill(&top, editbuf_layout_extent(lay, lay->cursor_row), NULL, view_rows);
	return ui_view_follow(&top, lay->cursor_row, lay->nrows, NULL, view_rows);
}

void editbuf_move_to(struct editbuf *eb, const struct editbuf_layout *lay, size_t row, int col)
{
	const struct editbuf_row *r;

	eb->goal_col = -1;
	if (lay->nrows == 0)
		return;
	r = &lay->rows[row < lay->nrows ? row : lay->nrows - 1];
	if (r->end > eb->len) { /* a layout of an older text */
		editbuf_set_cursor(eb, r->start);
		return;
	}
	eb->cursor = place_in_row(eb, r, col < 0 ? 0 : col);
}

size_t editbuf_line_first(const wchar_t *text, size_t start, size_t cur, int width, int *col)
{
	*col = 0;
	for (size_t i = start; i < cur; i++) {
		int cw = ui_char_width((uint32_t)text[i]);
		*col += cw > 0 ? cw : 0;
	}
	size_t first = start;
	while (first < cur && *col >= width && width > 0) {
		int cw = ui_char_width((uint32_t)text[first]);
		*col -= cw > 0 ? cw : 0;
		first++;
	}
	return first;
}
