/* Drawing helpers shared by the views: UTF-8 text measured in columns, never past a width. */
#ifndef MACA_TUI_DRAW_H
#define MACA_TUI_DRAW_H

#include <curses.h>

#include "ui.h"

/* Colour pairs; used only when colour is on. */
enum tui_pair {
	TUI_PAIR_TITLE = 1,
	TUI_PAIR_SELECTED,
	TUI_PAIR_ERROR,
	TUI_PAIR_DIM,
	TUI_PAIR_GRADE_GOOD,
	TUI_PAIR_GRADE_MIDDLE,
	TUI_PAIR_GRADE_POOR,
};

/* Draws UTF-8 text at (y, x) using at most `width` columns; returns the columns used. Text
 * that does not fit is cut with an ellipsis (ui_fit.h); control characters show as '?'; in
 * the ASCII fallback every character is drawn as ui_ascii.h says. */
int tui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);
/* Draws n wide characters at (y, x) in at most `width` columns; returns the columns used. */
int tui_put_wide(WINDOW *w, int y, int x, int width, const wchar_t *s, size_t n, attr_t attr);
/* Text wrapped at spaces from (y, x) in at most max_rows rows of width columns, the last cut
 * with an ellipsis if there is more; returns the rows used. */
int tui_put_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *text,
		    attr_t attr);
/* Columns the UTF-8 text needs. */
int tui_width(const char *text);
/* Fills the rest of row y from column x with spaces in attr. */
void tui_fill(WINDOW *w, int y, int x, int width, attr_t attr);
/* The title bar and the footer with the screen's main keys (from its bindings); the row
 * above the footer is left for tui_messages. */
void tui_frame(WINDOW *w, const struct ui *ui, const char *title);
/* The status line and any prompt, drawn over the screen once it is drawn: a message (or a
 * prompt's question) too long for its row wraps at words onto the rows above, up to four. */
void tui_messages(WINDOW *w, const struct ui *ui);
/* pair's colours and attributes when colour is on, else fallback (the monochrome look). */
attr_t tui_attr(enum tui_pair pair, attr_t fallback);
/* over drawn on under: both attributes, over's colour pair when it has one (OR-ing two pairs
 * would make a third). */
attr_t tui_mix(attr_t under, attr_t over);
/* Turns colour on when wanted, NO_COLOR is unset or empty and the terminal has colours. */
void tui_colour_start(bool wanted);
/* One character cell with attr's attributes and colour pair. */
void tui_cell(cchar_t *cc, wchar_t wc, attr_t attr);
/* A view that edits text asks for the terminal cursor here while drawing; otherwise the
 * cursor is hidden. */
void tui_want_cursor(int y, int x);
/* Where a view asked for the cursor; false when none did. */
bool tui_wanted_cursor(int *y, int *x);
extern bool tui_colour;
/* The terminal's locale is not UTF-8: everything is drawn in ASCII (ui_ascii.h). */
extern bool tui_ascii;

/* The prompt's answer in width columns: the first character to show, so that the cursor
 * stays in view, and in *cursor_col the cursor's column from the answer's start. A
 * passphrase shows nothing and its cursor stays at the start. */
size_t tui_prompt_first(const struct ui *ui, int width, int *cursor_col);

/* Lines [*top, *top + height) of a laid-out document (ui_doc.h) from (y, x), each in its
 * style: headings and table headers bold, rules dim. *top is lowered first so that no rows
 * are left empty that earlier lines could fill (ui_view_fill). */
void tui_draw_doc(WINDOW *w, int y, int x, int height, int width, const struct ui_doc *doc,
		  size_t *top);

/* A list of records drawn as a table: one column's heading, first column and width. */
struct tui_column {
	const char *heading;
	int x, width;
};
/* Draws record i's cells on row y in attr (the selection's highlight, or normal). */
typedef void tui_row_fn(WINDOW *w, int y, size_t i, attr_t attr, const struct tui_column *cols,
			const void *ctx);
struct tui_table {
	const struct tui_column *cols;
	size_t ncols;
	size_t n, selected; /* the records, and the one selected */
	tui_row_fn *row;
	const void *ctx; /* what row reads the records from */
};
/* A list screen's table between the title bar and the footer: the headings bold and
 * underlined, then the records that fit with the selected one in view and highlighted, each
 * row filled across the window and clickable (ui_hit_add, with its record's index). */
void tui_table_draw(WINDOW *w, struct ui *ui, const struct tui_table *t);
/* The first row a list screen draws under the title bar, and how many rows it has. */
#define TUI_LIST_TOP 2
int tui_list_height(WINDOW *w);

/* Lays a screen's document out for width columns and the terminal's characters when either
 * changed (ui_doc_relayout), saying in the status line when that fails. */
void tui_layout_doc(struct ui *ui, const char *markdown, struct ui_doc *doc, size_t *top,
		    int width);

/* Drawn over whatever screen is showing. */
void tui_draw_pick(WINDOW *w, const struct ui_pick *pick);

/* What the terminal layer does for one screen: draw it (its scroll, kept in the screen's
 * state, follows what is selected) and, before a key, tell its state how wide its editors
 * are. Each screen's view is in its own draw_NAME.c, as tui_NAME_view. */
struct tui_view {
	void (*draw)(WINDOW *w, struct ui *ui);
	void (*layout)(struct ui *ui, int rows, int cols);
};

#define TUI_VIEW_DECLARE(id, name) extern const struct tui_view tui_##name##_view;
UI_SCREENS(TUI_VIEW_DECLARE)
#undef TUI_VIEW_DECLARE

/* Draws paragraphs (ui_moderate_reading's) wrapped to `width` in `height` rows from display row
 * *top, with a sign row where more is above or below; `gap` empty rows go before a paragraph
 * that asks for space. The agency `focus` is shown selected; when *to_focus, the view first
 * scrolls to its name and clears it (to_focus may be NULL). Keeps *top within the text.
 * Returns the display rows the whole text takes. */
int tui_draw_paras(WINDOW *w, int y, int x, int height, int width, const struct ui_para *p,
		   size_t n, size_t *top, size_t focus, bool *to_focus, int gap);

/* The room view's frame (tui_room): the audit's title, the chair's case and question in a
 * large plain layout; um NULL shows `waiting` instead. `said`, when not NULL, stands in the
 * footer: what the last key did not do. */
void tui_draw_room(WINDOW *w, struct ui_moderate *um, const char *title, const char *waiting,
		   const char *said);

/* The colour of a grade by its place on the scale: top half good, the next middle, the rest
 * poor; not-applicable dim. Always paired with the grade's short code, never colour alone. */
attr_t tui_grade_attr(const struct template *tpl, int grade);

#endif
