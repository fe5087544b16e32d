#include "tui_draw.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>

#include "editbuf.h"
#include "sbuf.h"
#include "term_text.h"
#include "ui_ascii.h"
#include "ui_fit.h"
#include "ui_view.h"

bool tui_colour;
bool tui_ascii;
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

/* Each pair sets its background as well as its text wherever the text alone could vanish
 * (yellow or white text on a light terminal, blue on a dark one), so the palette reads on
 * dark and light terminals alike; -1 is the terminal's own colour. Without colour every use
 * has its monochrome attribute (tui_attr's fallback). */
static const struct {
	short fg, bg;
	attr_t attrs;
} palette[] = {
    [TUI_PAIR_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD},
    [TUI_PAIR_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0},
    [TUI_PAIR_ERROR] = {COLOR_RED, -1, A_BOLD},
    [TUI_PAIR_DIM] = {-1, -1, A_DIM},
    [TUI_PAIR_GRADE_GOOD] = {COLOR_BLACK, COLOR_GREEN, 0},
    [TUI_PAIR_GRADE_MIDDLE] = {COLOR_BLACK, COLOR_YELLOW, 0},
    [TUI_PAIR_GRADE_POOR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
};

void tui_colour_start(bool wanted)
{
	const char *no_color = getenv("NO_COLOR");
	tui_colour = wanted && !(no_color && *no_color) && has_colors();
	if (!tui_colour || start_color() == ERR) {
		tui_colour = false;
		return;
	}
	use_default_colors();
	for (short p = 1; p < (short)(sizeof palette / sizeof palette[0]); p++)
		init_pair(p, palette[p].fg, palette[p].bg);
}

attr_t tui_attr(enum tui_pair pair, attr_t fallback)
{
	return tui_colour ? (attr_t)COLOR_PAIR(pair) | palette[pair].attrs : fallback;
}

attr_t tui_mix(attr_t under, attr_t over)
{
	attr_t pair = (over & A_COLOR) ? over & A_COLOR : under & A_COLOR;
	return ((under | over) & ~A_COLOR) | pair;
}

/* The colour pair is passed on its own: setcchar and wattr_set take the pair from their
 * argument, not from the attributes, and pair 0 there would wipe it. */
static short pair_of(attr_t attr)
{
	return (short)PAIR_NUMBER(attr);
}

void tui_cell(cchar_t *cc, wchar_t wc, attr_t attr)
{
	wchar_t str[2] = {wc, 0};
	setcchar(cc, str, attr & ~A_COLOR, pair_of(attr), NULL);
}

int tui_width(const char *text)
{
	return ui_text_cols(text, tui_ascii);
}

/* The text as the terminal may be shown it (term_text.h: no control or format character
 * reaches it, bad UTF-8 is '?'), in ASCII when the locale is not UTF-8. NULL when out of
 * memory. */
static char *shown(const char *text)
{
	struct sbuf b = {0};
	term_text_add(&b, text, strlen(text), TERM_TEXT_LINE);
	sbuf_add(&b, "");
	char *safe = sbuf_take(&b);
	if (!safe || !tui_ascii)
		return safe;
	char *ascii = ui_ascii_text(safe);
	free(safe);
	return ascii;
}

/* Puts n printable ASCII characters (s, or else ws) at the cursor straight into the window's
 * cells with waddchnstr: waddnstr and wadd_wch interpret each character as they go, some ten
 * times the work, and these need nothing interpreted. The cursor ends past them, where
 * waddnstr leaves it. */
static void put_ascii(WINDOW *w, const char *s, const wchar_t *ws, int n, attr_t attr)
{
	int y, x;
	getyx(w, y, x);
	chtype cells[64]; /* a chunk at a time, not a limit */
	for (int done = 0; done < n;) {
		int k = n - done < 64 ? n - done : 64;
		for (int i = 0; i < k; i++)
			cells[i] =
			    (s ? (chtype)(unsigned char)s[done + i] : (chtype)ws[done + i]) | attr;
		if (wmove(w, y, x + done) == ERR)
			break; /* past the window's edge */
		waddchnstr(w, cells, k);
		done += k;
	}
	wmove(w, y, x + n);
}

static bool is_plain(unsigned c)
{
	return c >= 0x20 && c < 0x7F;
}

/* Draws the characters of s[0..len) from the cursor, in at most width columns. */
static int draw_run(WINDOW *w, const char *s, size_t len, int width, attr_t attr)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	int used = 0;
	while (p < end) {
		int run = 0;
		while (p + run < end && used + run < width && is_plain(p[run]))
			run++;
		if (run) {
			put_ascii(w, (const char *)p, NULL, run, attr);
			p += run;
			used += run;
			continue;
		}
		ucs4_t c;
		int n = u8_mbtouc(&c, p, (size_t)(end - p));
		p += n > 0 ? n : 1;
		int cw = ui_char_cols(c, tui_ascii);
		if (cw == 0)
			continue; /* a combining mark: its letter is drawn without it */
		if (used + cw > width)
			break;
		wchar_t wc = (wchar_t)c;
		if (!tui_ascii && wcwidth(wc) < 0)
			wc = 0xFFFD; /* what this locale cannot show */
		cchar_t cc;
		tui_cell(&cc, wc, attr);
		wadd_wch(w, &cc);
		used += cw;
	}
	return used;
}

/* draw_run for printable ASCII: the run in one call. */
static int draw_plain(WINDOW *w, const char *s, size_t len, int width, attr_t attr)
{
	int n = len < (size_t)width ? (int)len : width;
	put_ascii(w, s, NULL, n, attr);
	return n;
}

int tui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	if (width <= 0)
		return 0;
	/* Printable ASCII, most of what is drawn, is shown as it is: no copy to make. */
	bool plain = true;
	const char *p = text;
	for (; *p && plain; p++)
		plain = *p >= 0x20 && *p < 0x7F;
	/* ASCII that fits needs no fitting: a column a byte (most of a frame's short cells). */
	if (plain && p - text <= width) {
		wmove(w, y, x);
		return draw_plain(w, text, (size_t)(p - text), width, attr);
	}
	char *s = plain ? (char *)text : shown(text);
	if (!s)
		return 0;
	struct ui_fit fit = ui_fit(s, width, tui_ascii);
	wmove(w, y, x);
	int used = plain ? draw_plain(w, s, fit.bytes, width, attr)
			 : draw_run(w, s, fit.bytes, width, attr);
	if (fit.cut) {
		const char *e = ui_ellipsis_in(width, tui_ascii);
		used += draw_run(w, e, strlen(e), width - used, attr);
	}
	if (!plain)
		free(s);
	return used;
}

int tui_put_wide(WINDOW *w, int y, int x, int width, const wchar_t *s, size_t n, attr_t attr)
{
	int used = 0;
	wmove(w, y, x);
	for (size_t i = 0; i < n && used < width; i++) {
		size_t run = 0;
		while (i + run < n && used + (int)run < width && is_plain((unsigned)s[i + run]))
			run++;
		if (run) {
			put_ascii(w, NULL, s + i, (int)run, attr);
			used += (int)run;
			i += run - 1;
			continue;
		}
		wchar_t wc = s[i];
		int cw = ui_char_width((uint32_t)wc);
		if (cw == 0)
			continue; /* combining marks: the editor keeps them with their base */
		if (used + cw > width)
			break;
		if (wc < 0x20 || wc == 0x7F)
			wc = L' ';
		else if (tui_ascii && wc >= 0x80) {
			/* One ASCII character in the columns the editor laid it out in. */
			char buf[UI_ASCII_CHAR_MAX];
			const char *a = ui_ascii_char((uint32_t)wc, buf);
			wc = *a ? (wchar_t)(unsigned char)a[0] : L'?';
			for (int k = 1; k < cw; k++) {
				cchar_t pad;
				tui_cell(&pad, L' ', attr);
				wadd_wch(w, &pad);
			}
		} else if (wcwidth(wc) < 0)
			wc = 0xFFFD;
		cchar_t cc;
		tui_cell(&cc, wc, attr);
		wadd_wch(w, &cc);
		used += cw;
	}
	return used;
}

void tui_fill(WINDOW *w, int y, int x, int width, attr_t attr)
{
	wattr_set(w, attr & ~A_COLOR, pair_of(attr), NULL);
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

size_t tui_prompt_first(const struct ui *ui, int width, int *cursor_col)
{
	size_t len;
	const wchar_t *text = editbuf_wtext(ui->prompt.edit, &len);
	size_t cur = editbuf_cursor(ui->prompt.edit);
	int col;
	size_t first = editbuf_line_first(text, 0, cur < len ? cur : len, width, &col);
	*cursor_col = ui->prompt.masked ? 0 : col;
	return ui->prompt.masked ? len : first;
}

/* The rows a message or a question may take over the screen, wrapped: a long error is read
 * whole (a file's path, a refusal and what to do) at 80 columns. */
#define MESSAGE_ROWS 4

/* A message in the rows ending at row `last`: one row when it fits, else wrapped at words into
 * up to `max` rows (the last cut with an ellipsis if even they are too few), so a long error
 * is read whole. */
static void put_above(WINDOW *w, int last, int max, int cols, const char *text, attr_t attr)
{
	int width = cols - 2, n = 0;
	size_t at[8];
	for (size_t pos = 0; text[pos] && n < max && n < 8; n++) {
		at[n] = pos;
		size_t next;
		ui_wrap(text + pos, width, tui_ascii, &next);
		pos += next;
	}
	if (n == 0)
		return;
	for (int i = 0; i < n; i++) {
		int y = last - (n - 1) + i;
		tui_fill(w, y, 0, cols, A_NORMAL);
		char *line = NULL;
		if (i + 1 < n) {
			size_t next;
			size_t len = ui_wrap(text + at[i], width, tui_ascii, &next);
			line = strndup(text + at[i], len);
		}
		tui_put(w, y, 1, width, line ? line : text + at[i], attr);
		free(line);
	}
}

int tui_put_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *text, attr_t attr)
{
	int rows = 0;
	while (*text && rows < max_rows) {
		size_t next, len = ui_wrap(text, width, tui_ascii, &next);
		/* The last row takes the rest, cut with an ellipsis if it is too long; a line ended
		 * by a line break with more after it is its line and the ellipsis. */
		char *line = NULL;
		if (rows + 1 < max_rows)
			line = strndup(text, len);
		else if (text[next] && next > 0 && text[next - 1] == '\n')
			line = str_fmt("%.*s %s", (int)len, text, ui_ellipsis(tui_ascii));
		tui_put(w, y + rows, x, width, line ? line : text, attr);
		free(line);
		text += next;
		rows++;
	}
	return rows;
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
}

void tui_messages(WINDOW *w, const struct ui *ui)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	if (ui->prompt.active) {
		put_above(w, rows - 3, MESSAGE_ROWS, cols, ui->prompt.question, A_BOLD);
		int x = 1 + tui_put(w, rows - 2, 1, cols - 2, ui->prompt.label, A_BOLD) + 1;
		/* A passphrase shows nothing, not even how long it is; a long answer scrolls
		 * so that the cursor stays in view. */
		if (!ui->prompt.masked) {
			size_t len;
			const wchar_t *text = editbuf_wtext(ui->prompt.edit, &len);
			int col;
			size_t first = tui_prompt_first(ui, cols - x - 1, &col);
			tui_put_wide(w, rows - 2, x, cols - x - 1, text + first, len - first,
				     A_UNDERLINE);
		}
	} else if (ui_status_text(ui)) {
		put_above(w, rows - 2, MESSAGE_ROWS, cols, ui_status_text(ui),
			  ui->status_is_error ? tui_attr(TUI_PAIR_ERROR, A_BOLD) : A_NORMAL);
	}
}

int tui_list_height(WINDOW *w)
{
	return getmaxy(w) - 4 - TUI_LIST_TOP;
}

void tui_table_draw(WINDOW *w, struct ui *ui, const struct tui_table *t)
{
	int top = TUI_LIST_TOP, height = tui_list_height(w), cols = getmaxx(w);
	for (size_t c = 0; c < t->ncols; c++)
		tui_put(w, top, t->cols[c].x, t->cols[c].width, t->cols[c].heading,
			A_BOLD | A_UNDERLINE);
	size_t first = ui_view_first(t->selected, (size_t)height);
	for (int r = 0; r < height && first + (size_t)r < t->n; r++) {
		size_t i = first + (size_t)r;
		int y = top + 1 + r;
		attr_t attr = i == t->selected ? tui_attr(TUI_PAIR_SELECTED, A_REVERSE) : A_NORMAL;
		tui_fill(w, y, 0, cols, attr);
		ui_hit_add(ui, y, 0, cols, i);
		t->row(w, y, i, attr, t->cols, t->ctx);
	}
}

void tui_layout_doc(struct ui *ui, const char *markdown, struct ui_doc *doc, size_t *top, int width)
{
	struct maca_err err = {0};
	if (ui_doc_relayout(markdown, width, ui->ascii, doc, top, &err))
		ui_set_status(ui, true, "%s", err_msg(&err));
	err_clear(&err);
}

void tui_draw_doc(WINDOW *w, int y, int x, int height, int width, const struct ui_doc *doc,
		  size_t *scroll)
{
	/* Scrolled to the end (End, or the text got shorter): a screenful ends with its last
	 * line. */
	if (height > 0)
		ui_view_fill(scroll, doc->n, NULL, (size_t)height);
	size_t top = *scroll;
	for (int r = 0; r < height && top + (size_t)r < doc->n; r++) {
		const struct ui_doc_line *line = &doc->lines[top + (size_t)r];
		attr_t attr = A_NORMAL;
		switch (line->style) {
		case UI_DOC_HEADING:
			attr = line->level <= 1 ? A_BOLD | A_UNDERLINE : A_BOLD;
			break;
		case UI_DOC_STRONG:
		case UI_DOC_TABLE_HEAD:
			attr = A_BOLD;
			break;
		case UI_DOC_RULE:
			attr = tui_attr(TUI_PAIR_DIM, A_DIM);
			break;
		default:
			break;
		}
		tui_put(w, y + r, x, width, line->text, attr);
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
