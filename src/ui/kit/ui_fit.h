/* Text that fits: how many columns a text takes on screen and where to cut it, with an
 * ellipsis, so that nothing is cut without showing it. No curses: the terminal layer draws
 * what this measured. Widths are the ones ncurses draws with (ui_char_width): 2 for wide
 * characters, 0 for combining marks; in the ASCII fallback (ui_ascii.h) each character takes
 * the width of its replacement. */
#ifndef MACA_UI_FIT_H
#define MACA_UI_FIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "…", or "..." in the ASCII fallback. */
const char *ui_ellipsis(bool ascii);
/* The ellipsis a cut to width columns shows: in ASCII a single "." below six columns, where
 * three dots would leave almost nothing of the text. */
const char *ui_ellipsis_in(int width, bool ascii);
/* Display width of a character: the C library's wcwidth() under C.UTF-8, which is what
 * ncurses draws with under any UTF-8 locale, whatever the caller's locale: 2 for wide and
 * fullwidth characters, 0 for combining marks and other zero-width characters, -1 for
 * control characters and what UTF-8 cannot hold (surrogates, beyond U+10FFFF). A code point
 * the C library does not know yet counts 1. The editor and every other text agree on it. */
int ui_char_width(uint32_t c);
/* Columns of one character as drawn; a control character takes one (drawn as a space). */
int ui_char_cols(uint32_t c, bool ascii);
/* Columns of a UTF-8 text. */
int ui_text_cols(const char *s, bool ascii);

struct ui_fit {
	size_t bytes; /* the start of the text to draw, in bytes */
	int cols;     /* the columns it takes */
	bool cut;     /* the rest did not fit: draw the ellipsis after it */
};

/* The part of s to draw in width columns. When all of s fits it is all of s; otherwise the
 * part leaves room for the ellipsis, ends at a word's end when that keeps two thirds of the
 * room (else mid-word), and has no spaces at its end. A width of 0 or less fits nothing. */
struct ui_fit ui_fit(const char *s, int width, bool ascii);

/* s cut to width columns as ui_fit says, with the ellipsis; caller frees, NULL when out of
 * memory. */
char *ui_fit_text(const char *s, int width, bool ascii);

/* A file's path cut to width columns from its start, so that its end shows, which names
 * it: the ellipsis, then as much of the end as fits, from a '/' when that keeps two thirds
 * of the room ("…/maca/briefing-1a2b3c4d.md"). The whole path when it fits. Caller frees;
 * NULL when out of memory. */
char *ui_fit_path(const char *path, int width, bool ascii);

/* Wrapping s at spaces in lines of width columns: the length in bytes of its first line
 * (without the spaces where it breaks), and in *next where the line after it starts (those
 * spaces skipped). A word longer than the width is broken at the edge; a newline ends the
 * line. The whole of s when it fits. At least one character is taken while there is one, so
 * a loop over the lines always ends. */
size_t ui_wrap(const char *s, int width, bool ascii, size_t *next);

/* The rows s takes wrapped as ui_wrap wraps it in width columns (0 for ""), so that a view
 * can make room for all of it before drawing. */
int ui_wrap_rows(const char *s, int width, bool ascii);

#endif
