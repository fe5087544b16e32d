#include "tui_draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "term_text.h"
#include "ui_view.h"

bool tui_colour;
static int cursor_y = -1, cursor_x = -1;

void tui_want_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

bool tui_wanted_cursor(int *y, int *x)
{
	*y = cursor_y;
	*x = cursor_x;
	return cursor_y >= 0;
}

attr_t tui_attr(enum tui_pair pair, attr_t fallback)
{
	return tui_colour ? (attr_t)COLOR_PAIR(pair) | fallback : fallback;
}

/* Decodes one character as it may be drawn (term_text.h: no control or format character
 * reaches the terminal); invalid bytes become U+FFFD and advance one byte. */
static size_t next_char(const char *s, size_t len, wchar_t *wc)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = 0xFFFD;
		return 1;
	}
	*wc = (wchar_t)term_text_char((uint32_t)*wc, TERM_TEXT_LINE);
	return n;
}

static int char_width(wchar_t wc)
{
	if (wc < 0x20 || wc == 0x7F)
		return 1; /* drawn as a space */
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int tui_width(const char *text)
{
	size_t len = strlen(text);
	int cols = 0;
	for (size_t i = 0; i < len;) {
		wchar_t wc;
		i += next_char(text + i, len - i, &wc);
		cols += char_width(wc);
	}
	return cols;
}

int tui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	size_t len = strlen(text);
	int used = 0;
	wmove(w, y, x);
	for (size_t i = 0; i < len && used < width;) {
		wchar_t wc;
		i += next_char(text + i, len - i, &wc);
		int cw = char_width(wc);
		if (used + cw > width)
			break;
		if (cw == 1 && wcwidth(wc) < 0)
			wc = 0xFFFD; /* what this locale cannot show */
		wchar_t str[2] = {wc, 0};
		cchar_t cc;
		setcchar(&cc, str, attr, 0, NULL);
		if (cw == 0) {
			/* A combining mark joins the cell already drawn. */
			continue;
		}
		wadd_wch(w, &cc);
		used += cw;
	}
	return used;
}

int tui_put_cut(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	if (tui_width(text) <= width)
		return tui_put(w, y, x, width, text, attr);
	if (width < 2)
		return tui_put(w, y, x, width, "…", attr);
	int used = tui_put(w, y, x, width - 1, text, attr);
	return used + tui_put(w, y, x + used, 1, "…", attr);
}

void tui_fill(WINDOW *w, int y, int x, int width, attr_t attr)
{
	wattr_set(w, attr, 0, NULL);
	mvwhline(w, y, x, ' ', width);
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* A box in the middle of the screen listing what can be picked. */
void tui_draw_pick(WINDOW *w, const struct ui_pick *p)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	int height = (int)p->items.n + 4, width = cols - 8;
	if (height > rows - 4)
		height = rows - 4;
	int y0 = (rows - height) / 2, x0 = 4;
	for (int r = 0; r < height; r++)
		tui_fill(w, y0 + r, x0, width, A_REVERSE);
	tui_put(w, y0 + 1, x0 + 2, width - 4, p->title, A_REVERSE | A_BOLD);
	int visible = height - 4;
	size_t first = ui_view_first(p->selected, (size_t)visible);
	for (int r = 0; r < visible && first + (size_t)r < p->items.n; r++) {
		size_t i = first + (size_t)r;
		attr_t attr = i == p->selected ? A_NORMAL | A_BOLD : A_REVERSE;
		tui_fill(w, y0 + 2 + r, x0 + 2, width - 4, attr);
		tui_put(w, y0 + 2 + r, x0 + 3, width - 6, p->items.items[i].label, attr);
	}
	tui_put(w, y0 + height - 1, x0 + 2, width - 4, "Enter pick  Esc cancel", A_REVERSE);
}

void tui_frame(WINDOW *w, const struct ui *ui, const char *title)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	attr_t bar = tui_attr(TUI_PAIR_TITLE, A_REVERSE);
	tui_fill(w, 0, 0, cols, bar);
	int used = tui_put(w, 0, 1, cols - 2, "maca", bar | A_BOLD);
	tui_put(w, 0, 1 + used, cols - 2 - used, " \u2014 ", bar);
	tui_put(w, 0, 4 + used, cols - 5 - used, title, bar);

	attr_t foot = tui_attr(TUI_PAIR_TITLE, A_REVERSE);
	tui_fill(w, rows - 1, 0, cols, foot);
	char *keys = ui_footer(ui, cols - 2);
	tui_put(w, rows - 1, 1, cols - 2, keys ? keys : "", foot);
	free(keys);

	tui_fill(w, rows - 2, 0, cols, A_NORMAL);
	if (ui->prompt.active) {
		tui_fill(w, rows - 3, 0, cols, A_NORMAL);
		tui_put(w, rows - 3, 1, cols - 2, ui->prompt.question, A_BOLD);
		int x = 1 + tui_put(w, rows - 2, 1, cols - 2, ui->prompt.label, A_BOLD) + 1;
		size_t len;
		char *answer = ui->prompt.masked ? NULL : editbuf_text(ui->prompt.edit, &len);
		tui_put(w, rows - 2, x, cols - x - 1, answer ? answer : "", A_UNDERLINE);
		free(answer);
	} else if (ui->status) {
		tui_put(w, rows - 2, 1, cols - 2, ui->status,
			ui->status_is_error ? tui_attr(TUI_PAIR_ERROR, A_BOLD) : A_NORMAL);
	}
}

attr_t tui_grade_attr(const struct template *tpl, int grade)
{
	if (grade < 0 || (size_t)grade >= tpl->ngrades)
		return A_NORMAL;
	if (tpl->grades[grade].not_applicable)
		return tui_attr(TUI_PAIR_DIM, A_DIM);
	size_t graded = 0;
	for (size_t i = 0; i < tpl->ngrades; i++)
		graded += !tpl->grades[i].not_applicable;
	size_t half = graded / 2;
	if ((size_t)grade < half)
		return tui_attr(TUI_PAIR_GRADE_GOOD, A_BOLD);
	if ((size_t)grade == half)
		return tui_attr(TUI_PAIR_GRADE_MIDDLE, A_BOLD);
	return tui_attr(TUI_PAIR_GRADE_POOR, A_BOLD | A_UNDERLINE);
}
