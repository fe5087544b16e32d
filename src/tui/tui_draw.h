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

/* Draws UTF-8 text at (y, x) using at most `width` columns; returns the columns used. Control
 * characters show as spaces; a double-width character that would not fit is left out. */
int tui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);
/* Columns the UTF-8 text needs. */
int tui_width(const char *text);
/* As tui_put, but text that does not fit ends in an ellipsis, so that the cut shows. */
int tui_put_cut(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);
/* Fills the rest of row y from column x with spaces in attr. */
void tui_fill(WINDOW *w, int y, int x, int width, attr_t attr);
/* The title bar, the footer with the screen's main keys (from its bindings), the status
 * line and any prompt. */
void tui_frame(WINDOW *w, const struct ui *ui, const char *title);
attr_t tui_attr(enum tui_pair pair, attr_t fallback);
/* A view that edits text asks for the terminal cursor here while drawing; otherwise the
 * cursor is hidden. */
void tui_want_cursor(int y, int x);
/* Where a view asked for the cursor; false when none did. */
bool tui_wanted_cursor(int *y, int *x);
extern bool tui_colour;

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
 * large plain layout; um NULL shows `waiting` instead. */
void tui_draw_room(WINDOW *w, struct ui_moderate *um, const char *title, const char *waiting);

/* The colour of a grade by its place on the scale: top half good, the next middle, the rest
 * poor; not-applicable dim. Always paired with the grade's short code, never colour alone. */
attr_t tui_grade_attr(const struct template *tpl, int grade);

#endif
