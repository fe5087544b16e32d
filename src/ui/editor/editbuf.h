/* The model of the text editor the curses interface uses for answers, evidence and prose.
 *
 * No curses here: the text, the cursor, editing, and the layout of the text into display
 * rows of a given width are plain data and pure functions; the interface only draws what
 * editbuf_layout() produced and feeds keys in.
 *
 * Text is held as wide characters (one wchar_t per Unicode code point). UTF-8 goes in and
 * out through the module's own codec, so nothing depends on the process locale. Offsets and
 * lengths are counted in characters (code points), like a form's max_length.
 *
 * What is normalised on the way in (creation, typing and pasting alike):
 * - invalid UTF-8 becomes U+FFFD, one per maximal invalid sequence;
 * - CR LF, a lone CR, VT, FF, NEL, U+2028 and U+2029 become a newline;
 * - a tab is kept in multi-line mode, where it takes one column and is drawn as a space
 *   (so pasted text keeps every character and columns stay exact); typed, or in
 *   single-line mode, it becomes one space;
 * - other control characters (C0, DEL, C1) are dropped when pasted, refused when typed;
 * - in single-line mode every newline becomes a space.
 *
 * Clusters: a character of width 0 (a combining mark, a zero-width joiner) belongs to the
 * character before it, unless that is a newline or there is none. The cursor is always at
 * the start of a cluster; Backspace and Delete remove a whole cluster.
 *
 * Drawing: for each row on view, draw characters [start, draw_end) of editbuf_wtext() from
 * column 0 (mvwaddnwstr), and put the cursor at cursor_row - top, cursor_col. Widths are
 * ui_char_width() (ui_fit.h), which is what ncurses uses under a UTF-8 locale; a character the
 * locale does not know (wcwidth() < 0: assigned after Unicode 14) is better drawn as U+FFFD.
 */
#ifndef MACA_EDITBUF_H
#define MACA_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum editbuf_result {
	EDITBUF_OK = 0,
	EDITBUF_REFUSED,  /* nothing changed: a control character, Enter in a single-line
			     editor, Backspace at the start, Delete at the end */
	EDITBUF_TOO_LONG, /* nothing changed: the text would pass its maximum length (a paste
			     goes in whole or not at all) */
	EDITBUF_ENOMEM,	  /* nothing changed: out of memory */
};

enum editbuf_mode {
	EDITBUF_MULTI_LINE = 0,
	EDITBUF_SINGLE_LINE,
};

struct editbuf;

/* A display row: characters [start, end) of the text; the newline ending a paragraph is in
 * no row. Rows cover the text in order. Characters [draw_end, end) are spaces hanging past
 * the right edge at a word wrap: not drawn. */
struct editbuf_row {
	size_t start;
	size_t end;
	size_t draw_end;
	int cols;	/* columns of [start, draw_end); more than the width only when the
			   width is 1 and the row holds one double-width character */
	bool continues; /* the next row continues the same paragraph (a wrap) */
};

struct editbuf_layout {
	struct editbuf_row *rows;
	size_t nrows;
	size_t cap;	   /* allocated rows; reused by the next editbuf_layout() */
	int width;	   /* the width it was made for, at least 1 */
	size_t cursor_row; /* the cursor's row and column; the column is less than the */
	int cursor_col;	   /* width: in spaces hanging past the edge it is the last column */
};

/* A new editor holding text (UTF-8, NULL for empty), normalised as above. max_chars is the
 * maximum length in characters, 0 for none; a longer text is kept whole, and then only
 * deleting is possible until it fits (inserting is EDITBUF_TOO_LONG). The cursor starts at the end.
 * NULL when out of memory. */
struct editbuf *editbuf_new(const char *text, size_t max_chars, enum editbuf_mode mode);
void editbuf_free(struct editbuf *eb);
/* For a passphrase: from now on every block the editor releases is wiped first (growth
 * copies to a new block and wipes the old one, deleting wipes what moved, editbuf_free
 * wipes), so freed memory holds no copy. Call it before anything is typed. */
void editbuf_set_sensitive(struct editbuf *eb);

/* The text as UTF-8 (caller frees; from a sensitive editor, wipes with sodium_memzero
 * first); its length in bytes goes to *len unless len is NULL. NULL when out of memory. */
char *editbuf_text(const struct editbuf *eb, size_t *len);
/* The text itself, for drawing rows: valid until the next edit. Never NULL. */
const wchar_t *editbuf_wtext(const struct editbuf *eb, size_t *len);
size_t editbuf_length(const struct editbuf *eb);
size_t editbuf_max_chars(const struct editbuf *eb);
/* How many more characters fit (SIZE_MAX without a limit; 0 at it or past it). */
size_t editbuf_room(const struct editbuf *eb);
/* Whether the text differs from the text at creation (after normalisation) or at the last
 * editbuf_mark_saved(). Typing a letter and deleting it again is no change. */
bool editbuf_changed(const struct editbuf *eb);
/* Makes the current text the one editbuf_changed() compares with. */
enum editbuf_result editbuf_mark_saved(struct editbuf *eb);
/* Whether normalisation altered the text given to editbuf_new (bad UTF-8, tabs, CRs...). */
bool editbuf_normalised(const struct editbuf *eb);

/* Editing, at the cursor. */
/* A typed character. '\n' and '\r' act as editbuf_newline, a tab types a space (the Tab
 * key is never text; a pasted tab comes in through editbuf_insert_utf8 or _wide). */
enum editbuf_result editbuf_insert_char(struct editbuf *eb, wchar_t c);
/* A paste: normalised, then inserted as one block, whole or not at all (EDITBUF_TOO_LONG when
 * it would pass the maximum length). Insert keys read in a burst this way too: one
 * character at a time costs a copy of the text each. */
enum editbuf_result editbuf_insert_utf8(struct editbuf *eb, const char *s, size_t len);
enum editbuf_result editbuf_insert_wide(struct editbuf *eb, const wchar_t *s, size_t n);
/* Enter: refused in a single-line editor. */
enum editbuf_result editbuf_newline(struct editbuf *eb);
/* Delete the cluster before / after the cursor; across a newline they join the lines. */
enum editbuf_result editbuf_backspace(struct editbuf *eb);
enum editbuf_result editbuf_delete(struct editbuf *eb);
/* Removes the whole text, as backspacing it all would, in one step. */
void editbuf_clear(struct editbuf *eb);

/* readline's kills (editbuf_kill.c); each returns EDITBUF_REFUSED when there was nothing to
 * remove. Words here are what editbuf_word_left and editbuf_word_right move over, except
 * for kill_word_back, which, like readline's Ctrl-W, removes back to the previous space.
 * At the start of a line Ctrl-W and Ctrl-U join it to the line before (as Backspace); at its
 * end Ctrl-K joins the next line to it. */
enum editbuf_result editbuf_kill_word_back(struct editbuf *eb);	   /* Ctrl-W */
enum editbuf_result editbuf_kill_word_forward(struct editbuf *eb); /* Alt-d */
enum editbuf_result editbuf_kill_line_back(struct editbuf *eb);	   /* Ctrl-U */
enum editbuf_result editbuf_kill_line_forward(struct editbuf *eb); /* Ctrl-K */

/* The cursor, as an offset in characters. */
size_t editbuf_cursor(const struct editbuf *eb);
/* Moves the cursor to offset pos (clamped), or to the start of the cluster holding it. */
void editbuf_set_cursor(struct editbuf *eb, size_t pos);

/* Movements. Each returns whether the cursor moved. Up and down keep the column the cursor
 * had before the first of a run of them (the preferred column); every other call forgets
 * it. Those taking a width move by display rows of editbuf_layout(eb, width, ...). */
bool editbuf_left(struct editbuf *eb);
bool editbuf_right(struct editbuf *eb);
bool editbuf_word_left(struct editbuf *eb);  /* to the start of this or the previous word */
bool editbuf_word_right(struct editbuf *eb); /* to the end of this or the next word */
bool editbuf_text_start(struct editbuf *eb);
bool editbuf_text_end(struct editbuf *eb);
/* Start and end of the line the cursor is in: the text between two newlines, however many
 * display rows it takes (readline's Ctrl-A and Ctrl-E). */
bool editbuf_line_start(struct editbuf *eb);
bool editbuf_line_end(struct editbuf *eb);
/* Up and down return false on the first and last display row: the interface may then move
 * to the previous or next field. */
bool editbuf_up(struct editbuf *eb, int width);
bool editbuf_down(struct editbuf *eb, int width);
/* Start and end of the display row. The end of a wrapped row is its last cluster (the
 * offset after it is the start of the next row). */
bool editbuf_home(struct editbuf *eb, int width);
bool editbuf_end(struct editbuf *eb, int width);

/* Lays the text out in rows of width columns (less than 1 counts as 1): word wrap after
 * spaces, a word wider than the row broken at the edge, a double-width character never
 * split. A run of spaces at a wrap stays on its row and may hang past the edge. When a
 * paragraph's last row leaves no column for the cursor after it, an empty row follows.
 * lay starts zeroed, or is a layout from an earlier call (its rows are reused); free it with
 * editbuf_layout_free. On EDITBUF_ENOMEM lay holds no rows (and is still to be freed). */
enum editbuf_result editbuf_layout(const struct editbuf *eb, int width, struct editbuf_layout *lay);
void editbuf_layout_free(struct editbuf_layout *lay);
/* The rows of lay down to its last row holding text, or down to row `keep` (the cursor's, when
 * it is shown) if that is further: the empty rows after the text (line breaks at its end, the
 * row kept for a cursor after a full last row) count only down to it. */
size_t editbuf_layout_extent(const struct editbuf_layout *lay, size_t keep);
/* The first row to show in a view of view_rows rows, given the one shown before (top): the
 * smallest change that keeps the cursor's row in view and leaves no rows at the bottom empty
 * (past the end of the text, or empty rows after it that the cursor is not on) while text
 * above is hidden: the start of the text shows whenever it fits with the cursor. */
size_t editbuf_layout_scroll(const struct editbuf_layout *lay, size_t top, size_t view_rows);
/* Where a line of text (from start) shown in one row of width columns begins so that the
 * cursor (cur, in it) is in view: the line's start while the cursor fits, else as far on as
 * keeps the cursor in the last column, so that as much as fits before it shows. *col is the
 * cursor's column in the row. */
size_t editbuf_line_first(const wchar_t *text, size_t start, size_t cur, int width, int *col);
/* Moves the cursor to row, col of lay (made from eb's current text), e.g. for a mouse
 * click: the last cluster starting at or before col, clamped to the rows there are. */
void editbuf_move_to(struct editbuf *eb, const struct editbuf_layout *lay, size_t row, int col);

#endif
