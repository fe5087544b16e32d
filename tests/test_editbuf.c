/* The text editor's model: UTF-8 in and out, editing, wrapping and cursor movement. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editbuf.h"
#include "sbuf.h"
#include "ui_fit.h"

static struct editbuf *mk(const char *text, size_t max, enum editbuf_mode mode)
{
	struct editbuf *eb = editbuf_new(text, max, mode);
	assert_non_null(eb);
	return eb;
}

static struct editbuf *ml(const char *text)
{
	return mk(text, 0, EDITBUF_MULTI_LINE);
}

static void assert_text(const struct editbuf *eb, const char *want)
{
	size_t len = 0;
	char *s = editbuf_text(eb, &len);
	assert_non_null(s);
	assert_string_equal(s, want);
	assert_int_equal(len, strlen(want));
	free(s);
}

/* The rows of a layout as "row|row|...", drawn part only; the layout stays in lay. */
static char *rows_of(const struct editbuf *eb, int width, struct editbuf_layout *lay)
{
	size_t total = 0;
	const wchar_t *w = editbuf_wtext(eb, NULL);
	struct editbuf *tmp;
	char *out;

	assert_int_equal(editbuf_layout(eb, width, lay), EDITBUF_OK);
	tmp = ml(NULL);
	for (size_t r = 0; r < lay->nrows; r++) {
		const struct editbuf_row *row = &lay->rows[r];
		assert_true(row->start <= row->draw_end && row->draw_end <= row->end);
		assert_int_equal(row->start, total); /* rows cover the text in order */
		if (r)
			assert_int_equal(editbuf_insert_char(tmp, L'|'), EDITBUF_OK);
		if (row->draw_end > row->start)
			assert_int_equal(
			    editbuf_insert_wide(tmp, w + row->start, row->draw_end - row->start),
			    EDITBUF_OK);
		total = row->end + (row->continues ? 0 : 1);
	}
	out = editbuf_text(tmp, NULL);
	editbuf_free(tmp);
	assert_non_null(out);
	return out;
}

static void assert_rows(const struct editbuf *eb, int width, const char *want)
{
	struct editbuf_layout lay = {0};
	char *got = rows_of(eb, width, &lay);
	assert_string_equal(got, want);
	free(got);
	editbuf_layout_free(&lay);
}

static void assert_cursor_at(const struct editbuf *eb, int width, size_t row, int col)
{
	struct editbuf_layout lay = {0};
	assert_int_equal(editbuf_layout(eb, width, &lay), EDITBUF_OK);
	assert_int_equal(lay.cursor_row, row);
	assert_int_equal(lay.cursor_col, col);
	editbuf_layout_free(&lay);
}

static void test_insert(void **state)
{
	(void)state;
	struct editbuf *eb = ml("bd");
	assert_int_equal(editbuf_cursor(eb), 2);
	assert_int_equal(editbuf_insert_char(eb, L'e'), EDITBUF_OK); /* end */
	editbuf_text_start(eb);
	assert_int_equal(editbuf_insert_char(eb, L'a'), EDITBUF_OK); /* start */
	assert_int_equal(editbuf_cursor(eb), 1);
	editbuf_right(eb);
	assert_int_equal(editbuf_insert_utf8(eb, "c", 1), EDITBUF_OK); /* middle */
	assert_int_equal(editbuf_cursor(eb), 3);
	assert_text(eb, "abcde");
	assert_int_equal(editbuf_newline(eb), EDITBUF_OK);
	assert_text(eb, "abc\nde");
	assert_int_equal(editbuf_length(eb), 6);
	editbuf_free(eb);
}

static void test_delete(void **state)
{
	(void)state;
	struct editbuf *eb = ml("abcde");
	assert_int_equal(editbuf_delete(eb), EDITBUF_REFUSED); /* at the end */
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_text(eb, "abcd");
	editbuf_set_cursor(eb, 2);
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_text(eb, "acd");
	assert_int_equal(editbuf_delete(eb), EDITBUF_OK);
	assert_text(eb, "ad");
	assert_int_equal(editbuf_cursor(eb), 1);
	editbuf_text_start(eb);
	assert_int_equal(editbuf_backspace(eb), EDITBUF_REFUSED);
	assert_int_equal(editbuf_delete(eb), EDITBUF_OK);
	assert_text(eb, "d");
	assert_int_equal(editbuf_cursor(eb), 0);
	editbuf_free(eb);
}

static void test_join_lines(void **state)
{
	(void)state;
	struct editbuf *eb = ml("one\ntwo\nsix");
	editbuf_set_cursor(eb, 4); /* start of "two" */
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_text(eb, "onetwo\nsix");
	assert_int_equal(editbuf_cursor(eb), 3);
	editbuf_set_cursor(eb, 6); /* end of "onetwo" */
	assert_int_equal(editbuf_delete(eb), EDITBUF_OK);
	assert_text(eb, "onetwosix");
	assert_int_equal(editbuf_cursor(eb), 6);
	editbuf_free(eb);
}

static void test_left_right(void **state)
{
	(void)state;
	struct editbuf *eb = ml("ab\ncd");
	editbuf_set_cursor(eb, 3);
	assert_true(editbuf_left(eb));
	assert_int_equal(editbuf_cursor(eb), 2); /* end of "ab", before the newline */
	assert_true(editbuf_right(eb));
	assert_int_equal(editbuf_cursor(eb), 3);
	assert_true(editbuf_text_end(eb));
	assert_false(editbuf_right(eb));
	assert_true(editbuf_text_start(eb));
	assert_false(editbuf_left(eb));
	editbuf_free(eb);
}

static void test_utf8_names(void **state)
{
	(void)state;
	const char *names = "Si\xc3\xa2n, Zo\xc3\xab, \xc5\x81ukasz, Ngozi-\xe1\xbb\x8cl\xc3\xa1";
	struct editbuf *eb = ml(names);
	assert_int_equal(editbuf_length(eb), 28);
	assert_int_equal(editbuf_wtext(eb, NULL)[25], 0x1ECC); /* Ọ, precomposed */
	assert_false(editbuf_normalised(eb));
	assert_false(editbuf_changed(eb));
	assert_text(eb, names);
	assert_cursor_at(eb, 80, 0, 28);
	editbuf_free(eb);
}

static void test_combining(void **state)
{
	(void)state;
	struct editbuf *eb = ml("e\xcc\x81x"); /* e + U+0301, x */
	assert_int_equal(editbuf_length(eb), 3);
	assert_text(eb, "e\xcc\x81x");
	assert_cursor_at(eb, 80, 0, 2);
	editbuf_left(eb);
	assert_int_equal(editbuf_cursor(eb), 2);
	editbuf_left(eb); /* over the mark and its base together */
	assert_int_equal(editbuf_cursor(eb), 0);
	editbuf_right(eb);
	assert_int_equal(editbuf_cursor(eb), 2);
	editbuf_set_cursor(eb, 1); /* between base and mark: snaps back */
	assert_int_equal(editbuf_cursor(eb), 0);
	assert_int_equal(editbuf_delete(eb), EDITBUF_OK); /* the whole cluster */
	assert_text(eb, "x");
	assert_int_equal(editbuf_insert_char(eb, 0x0301), EDITBUF_OK); /* lone mark */
	editbuf_text_start(eb);
	assert_int_equal(editbuf_insert_char(eb, L'a'), EDITBUF_OK); /* it joins the a */
	assert_int_equal(editbuf_cursor(eb), 2);
	assert_text(eb, "a\xcc\x81x");
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_text(eb, "x");
	editbuf_free(eb);
}

static void test_cjk(void **state)
{
	(void)state;
	const char *cjk = "\xe7\xa4\xbe\xe4\xbc\x9a\xe7\xa6\x8f\xe7\xa5\x89"; /* 社会福祉 */
	struct editbuf *eb = ml(cjk);
	struct editbuf_layout lay = {0};
	assert_int_equal(editbuf_length(eb), 4);
	assert_text(eb, cjk);
	assert_int_equal(editbuf_layout(eb, 80, &lay), EDITBUF_OK);
	assert_int_equal(lay.nrows, 1);
	assert_int_equal(lay.rows[0].cols, 8);
	assert_int_equal(lay.cursor_col, 8);
	editbuf_layout_free(&lay);
	assert_int_equal(ui_char_width(0x793E), 2);
	assert_int_equal(ui_char_width('a'), 1);
	assert_int_equal(ui_char_width(0x0301), 0);
	assert_int_equal(ui_char_width(0x1ECC), 1);
	assert_int_equal(ui_char_width(0x01), -1);
	editbuf_free(eb);
}

static void test_wrap_10(void **state)
{
	(void)state;
	struct editbuf *eb = ml("the quick brown fox jumps\n\nabcdefghijklmnopqrstuvwxy");
	struct editbuf_layout lay = {0};
	char *rows = rows_of(eb, 10, &lay);
	assert_string_equal(rows, "the quick |brown fox |jumps||abcdefghij|klmnopqrst|uvwxy");
	assert_int_equal(lay.rows[1].start, 10);
	assert_int_equal(lay.rows[1].end, 20);
	assert_int_equal(lay.rows[1].cols, 10);
	assert_true(lay.rows[1].continues);
	assert_false(lay.rows[2].continues);
	assert_int_equal(lay.rows[3].start, 26); /* the empty paragraph */
	assert_int_equal(lay.rows[3].end, 26);
	assert_int_equal(lay.cursor_row, 6);
	assert_int_equal(lay.cursor_col, 5);
	free(rows);
	editbuf_layout_free(&lay);
	editbuf_free(eb);
}

static void test_wrap_edges(void **state)
{
	(void)state;
	struct editbuf_layout lay = {0};
	struct editbuf *eb = ml("hello world");
	char *rows = rows_of(eb, 5, &lay); /* the space hangs past the edge */
	assert_string_equal(rows, "hello|world|");
	assert_int_equal(lay.rows[0].end, 6);
	assert_int_equal(lay.rows[0].draw_end, 5);
	assert_int_equal(lay.cursor_row, 2); /* "world" fills its row: the cursor goes below */
	assert_int_equal(lay.cursor_col, 0);
	free(rows);
	editbuf_layout_free(&lay);
	editbuf_free(eb);

	eb = ml("abcd");
	assert_rows(eb, 5, "abcd");
	assert_rows(eb, 4, "abcd|");
	assert_rows(eb, 0, "a|b|c|d|"); /* a width under 1 counts as 1 */
	editbuf_free(eb);
	eb = ml(NULL);
	assert_rows(eb, 10, "");
	editbuf_free(eb);
}

static void test_wrap_narrow_cjk(void **state)
{
	(void)state;
	struct editbuf_layout lay = {0};
	/* 社a, then a社会 */
	struct editbuf *eb = ml("\xe7\xa4\xbe"
				"a\na\xe7\xa4\xbe\xe4\xbc\x9a");
	char *rows = rows_of(eb, 1, &lay); /* one double-width character per row: progress */
	assert_string_equal(rows, "\xe7\xa4\xbe|a||a|\xe7\xa4\xbe|\xe4\xbc\x9a|");
	assert_int_equal(lay.rows[0].cols, 2);
	free(rows);
	editbuf_layout_free(&lay);
	assert_rows(eb, 2, "\xe7\xa4\xbe|a|a|\xe7\xa4\xbe|\xe4\xbc\x9a|");
	assert_rows(eb, 3,
		    "\xe7\xa4\xbe"
		    "a||a\xe7\xa4\xbe|\xe4\xbc\x9a");
	editbuf_free(eb);
	eb = ml("\xe7\xa4\xbe\xe4\xbc\x9a\xe7\xa6\x8f\xe7\xa5\x89");
	assert_rows(eb, 2, "\xe7\xa4\xbe|\xe4\xbc\x9a|\xe7\xa6\x8f|\xe7\xa5\x89|");
	assert_rows(eb, 5, "\xe7\xa4\xbe\xe4\xbc\x9a|\xe7\xa6\x8f\xe7\xa5\x89");
	assert_cursor_at(eb, 5, 1, 4);
	editbuf_free(eb);
}

static void test_up_down(void **state)
{
	(void)state;
	/* 0..13 "long line here", 15..16 "ab", 18.. "another long line" */
	struct editbuf *eb = ml("long line here\nab\nanother long line");
	editbuf_set_cursor(eb, 10);
	assert_true(editbuf_down(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 17); /* end of the short line */
	assert_true(editbuf_down(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 28); /* column 10 again */
	assert_false(editbuf_down(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 28);
	assert_true(editbuf_up(eb, 80));
	assert_true(editbuf_up(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 10);
	assert_false(editbuf_up(eb, 80));
	/* By display rows inside a wrapped paragraph: at width 8 "another |long |line" */
	editbuf_set_cursor(eb, 20); /* "ot", column 2 */
	assert_true(editbuf_down(eb, 8));
	assert_int_equal(editbuf_cursor(eb), 28);
	assert_true(editbuf_down(eb, 8));
	assert_int_equal(editbuf_cursor(eb), 33);
	assert_true(editbuf_up(eb, 8));
	assert_true(editbuf_up(eb, 8));
	assert_true(editbuf_up(eb, 8)); /* into "ab" */
	assert_int_equal(editbuf_cursor(eb), 17);
	assert_true(editbuf_up(eb, 8)); /* "long |line |here": column 2 of its last row */
	assert_int_equal(editbuf_cursor(eb), 12);
	assert_cursor_at(eb, 8, 2, 2);
	editbuf_free(eb);
}

static void test_up_down_wide(void **state)
{
	(void)state;
	/* abcdef at 0..5, 社会福祉 at 7..10 (columns 0, 2, 4, 6) */
	struct editbuf *eb = ml("abcdef\n\xe7\xa4\xbe\xe4\xbc\x9a\xe7\xa6\x8f\xe7\xa5\x89");
	editbuf_set_cursor(eb, 3);
	assert_true(editbuf_down(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 8); /* column 2: never inside a wide character */
	assert_cursor_at(eb, 80, 1, 2);
	assert_true(editbuf_up(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 3); /* the preferred column came back */
	editbuf_set_cursor(eb, 4);
	assert_true(editbuf_down(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 9);
	editbuf_text_end(eb); /* column 8 */
	assert_true(editbuf_up(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 6);
	editbuf_free(eb);
}

static void test_home_end(void **state)
{
	(void)state;
	/* at width 8: "hello |world |again" */
	struct editbuf *eb = ml("hello world again\nnext");
	editbuf_set_cursor(eb, 8);
	assert_true(editbuf_home(eb, 8));
	assert_int_equal(editbuf_cursor(eb), 6);
	assert_false(editbuf_home(eb, 8));
	assert_true(editbuf_end(eb, 8));
	assert_int_equal(editbuf_cursor(eb), 11); /* before the space the row wraps at */
	assert_cursor_at(eb, 8, 1, 5);
	editbuf_set_cursor(eb, 13);
	assert_true(editbuf_end(eb, 8));
	assert_int_equal(editbuf_cursor(eb), 17); /* end of the paragraph */
	assert_true(editbuf_home(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 0);
	assert_true(editbuf_end(eb, 80));
	assert_int_equal(editbuf_cursor(eb), 17);
	editbuf_free(eb);
}

static void test_words(void **state)
{
	(void)state;
	struct editbuf *eb = ml("Siân's plan, agreed.\nNext");
	assert_true(editbuf_word_left(eb));
	assert_int_equal(editbuf_cursor(eb), 21);
	assert_true(editbuf_word_left(eb));
	assert_int_equal(editbuf_cursor(eb), 13);
	assert_true(editbuf_word_left(eb));
	assert_int_equal(editbuf_cursor(eb), 7);
	assert_true(editbuf_word_right(eb));
	assert_int_equal(editbuf_cursor(eb), 11);
	editbuf_text_start(eb);
	assert_true(editbuf_word_right(eb));
	assert_int_equal(editbuf_cursor(eb), 4);
	editbuf_free(eb);
}

static void test_max_length(void **state)
{
	(void)state;
	struct editbuf *eb = mk("abc", 5, EDITBUF_MULTI_LINE);
	assert_int_equal(editbuf_insert_char(eb, L'd'), EDITBUF_OK);
	assert_int_equal(editbuf_newline(eb), EDITBUF_OK);
	assert_int_equal(editbuf_insert_char(eb, L'f'), EDITBUF_TOO_LONG);
	assert_int_equal(editbuf_room(eb), 0);
	assert_text(eb, "abcd\n");
	editbuf_set_cursor(eb, 3);
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_int_equal(editbuf_room(eb), 1);
	/* A paste longer than the room left is refused whole, never cut. */
	assert_int_equal(editbuf_insert_utf8(eb, "\xc3\xa2xyz", 5), EDITBUF_TOO_LONG);
	assert_text(eb, "abd\n");
	assert_int_equal(editbuf_cursor(eb), 2);
	assert_int_equal(editbuf_insert_utf8(eb, "\xc3\xa2", 2), EDITBUF_OK);
	assert_text(eb, "ab\xc3\xa2"
			"d\n");
	assert_int_equal(editbuf_cursor(eb), 3);
	assert_int_equal(editbuf_insert_utf8(eb, "q", 1), EDITBUF_TOO_LONG);
	/* The limit counts characters after normalisation: CR LF is one newline. */
	editbuf_free(eb);
	eb = mk("", 4, EDITBUF_MULTI_LINE);
	assert_int_equal(editbuf_insert_utf8(eb, "ab\r\nc", 5), EDITBUF_OK);
	assert_text(eb, "ab\nc");
	editbuf_free(eb);
	eb = mk("abcdef", 3, EDITBUF_MULTI_LINE); /* too long already: kept whole */
	assert_text(eb, "abcdef");
	assert_int_equal(editbuf_insert_char(eb, L'g'), EDITBUF_TOO_LONG);
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_int_equal(editbuf_max_chars(eb), 3);
	editbuf_free(eb);
}

#define BIG_LINE                                                                                   \
	"Si\xc3\xa2n (Ngozi-\xe1\xbb\x8cl\xc3\xa1) said the "                                      \
	"\xe7\xa4\xbe\xe4\xbc\x9a\xe7\xa6\x8f\xe7\xa5\x89 worker called on cafe\xcc\x81 day "      \
	"%05zu.\n"

/* Evidence of a little over 200 KB, with every kind of character the editor handles. */
static char *big_text(size_t *len, size_t *lines)
{
	size_t cap = 210 * 1024, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	for (size_t i = 0; n < 200 * 1024; i++) {
		int k = snprintf(s + n, cap - n, BIG_LINE, i);
		assert_true(k > 0 && (size_t)k < cap - n);
		n += (size_t)k;
	}
	*len = n;
	*lines = 0;
	for (size_t i = 0; i < n; i++)
		*lines += s[i] == '\n';
	return s;
}

static void test_paste_200k(void **state)
{
	(void)state;
	size_t len, lines, outlen;
	char *text = big_text(&len, &lines), *out;
	struct editbuf *eb = ml("[]");
	struct editbuf_layout lay = {0};
	editbuf_set_cursor(eb, 1);
	assert_int_equal(editbuf_insert_utf8(eb, text, len), EDITBUF_OK);
	assert_int_equal(editbuf_layout(eb, 80, &lay), EDITBUF_OK);
	assert_true(len >= 200 * 1024);
	assert_int_equal(lay.nrows, lines + 1); /* one row a line, and "]" */
	assert_int_equal(lay.rows[0].cols, 68); /* "[" and 67 */
	assert_int_equal(lay.rows[1].cols, 67);
	assert_int_equal(editbuf_layout_scroll(&lay, 0, 20), lay.cursor_row - 19);
	editbuf_layout_free(&lay);
	assert_true(editbuf_delete(eb) == EDITBUF_OK && editbuf_text_start(eb));
	assert_int_equal(editbuf_delete(eb), EDITBUF_OK);
	out = editbuf_text(eb, &outlen);
	assert_non_null(out);
	assert_int_equal(outlen, len);
	assert_memory_equal(out, text, len);
	assert_true(editbuf_changed(eb));
	free(out);
	editbuf_free(eb);
	eb = ml(text); /* and loaded whole */
	out = editbuf_text(eb, &outlen);
	assert_non_null(out);
	assert_int_equal(outlen, len);
	assert_memory_equal(out, text, len);
	free(out);
	editbuf_free(eb);
	free(text);
}

static void test_single_line(void **state)
{
	(void)state;
	struct editbuf *eb = mk("Child\nA", 0, EDITBUF_SINGLE_LINE);
	assert_text(eb, "Child A");
	assert_true(editbuf_normalised(eb));
	assert_int_equal(editbuf_newline(eb), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_char(eb, L'\n'), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_utf8(eb, ", x\r\ny\nz", 8), EDITBUF_OK);
	assert_text(eb, "Child A, x y z");
	assert_false(editbuf_down(eb, 80));
	/* One line holds no tab: a pasted one is a space. */
	assert_int_equal(editbuf_insert_utf8(eb, "\tq", 2), EDITBUF_OK);
	assert_text(eb, "Child A, x y z q");
	editbuf_free(eb);
}

/* readline's keys: Ctrl-A and Ctrl-E by lines (not rows), Ctrl-W back to a space, Alt-d to a
 * word's end, Ctrl-U and Ctrl-K the line before and after the cursor, joining lines at the
 * edges. */
static void test_readline_keys(void **state)
{
	(void)state;
	struct editbuf *eb = ml("first line here\nsecond line, with words");
	/* A line wider than the rows it wraps into is still one line. */
	editbuf_set_cursor(eb, 20);
	assert_true(editbuf_line_start(eb));
	assert_int_equal(editbuf_cursor(eb), 16);
	assert_false(editbuf_line_start(eb));
	assert_true(editbuf_line_end(eb));
	assert_int_equal(editbuf_cursor(eb), 39);
	/* Ctrl-W: the word before the cursor and the spaces after it, back to a space. */
	assert_int_equal(editbuf_kill_word_back(eb), EDITBUF_OK);
	assert_text(eb, "first line here\nsecond line, with ");
	assert_int_equal(editbuf_kill_word_back(eb), EDITBUF_OK);
	assert_text(eb, "first line here\nsecond line, ");
	assert_int_equal(editbuf_kill_word_back(eb), EDITBUF_OK);
	assert_text(eb, "first line here\nsecond ");
	/* Ctrl-U: back to the line's start; at it, the line joins the one before. */
	assert_int_equal(editbuf_kill_line_back(eb), EDITBUF_OK);
	assert_text(eb, "first line here\n");
	assert_int_equal(editbuf_cursor(eb), 16);
	assert_int_equal(editbuf_kill_word_back(eb), EDITBUF_OK); /* the newline, as Backspace */
	assert_text(eb, "first line here");
	/* Ctrl-K: to the line's end; at it, the next line joins. */
	editbuf_free(eb);
	eb = ml("one two\nthree");
	editbuf_set_cursor(eb, 3);
	assert_int_equal(editbuf_kill_line_forward(eb), EDITBUF_OK);
	assert_text(eb, "one\nthree");
	assert_int_equal(editbuf_kill_line_forward(eb), EDITBUF_OK);
	assert_text(eb, "onethree");
	/* Alt-d: to the end of the next word. */
	assert_int_equal(editbuf_kill_word_forward(eb), EDITBUF_OK);
	assert_text(eb, "one");
	assert_int_equal(editbuf_kill_word_forward(eb), EDITBUF_REFUSED);
	assert_int_equal(editbuf_kill_line_forward(eb), EDITBUF_REFUSED);
	editbuf_text_start(eb);
	assert_int_equal(editbuf_kill_word_back(eb), EDITBUF_REFUSED);
	assert_int_equal(editbuf_kill_line_back(eb), EDITBUF_REFUSED);
	editbuf_free(eb);
	/* A word with a combining accent goes whole; the cursor stays on a cluster's start. */
	eb = ml("caf\xc3\xa9 Sia\xcc\x82n");
	assert_int_equal(editbuf_kill_word_back(eb), EDITBUF_OK);
	assert_text(eb, "caf\xc3\xa9 ");
	editbuf_free(eb);
	/* In one line Ctrl-U and Ctrl-K take everything before and after the cursor. */
	eb = mk("Child A, Child B", 0, EDITBUF_SINGLE_LINE);
	editbuf_set_cursor(eb, 7);
	assert_int_equal(editbuf_kill_line_forward(eb), EDITBUF_OK);
	assert_text(eb, "Child A");
	assert_int_equal(editbuf_kill_line_back(eb), EDITBUF_OK);
	assert_text(eb, "");
	editbuf_free(eb);
}

static void test_changed(void **state)
{
	(void)state;
	struct editbuf *eb = ml("abc");
	assert_false(editbuf_changed(eb));
	editbuf_left(eb);
	assert_false(editbuf_changed(eb));
	assert_int_equal(editbuf_insert_char(eb, L'x'), EDITBUF_OK);
	assert_true(editbuf_changed(eb));
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_false(editbuf_changed(eb)); /* back as it was */
	assert_int_equal(editbuf_delete(eb), EDITBUF_OK);
	assert_true(editbuf_changed(eb));
	assert_int_equal(editbuf_mark_saved(eb), EDITBUF_OK);
	assert_false(editbuf_changed(eb));
	editbuf_free(eb);
}

static void test_normalise(void **state)
{
	(void)state;
	/* bad byte, truncated sequence, overlong, surrogate, tab, CR LF, lone CR, control */
	struct editbuf *eb = ml("a\xff"
				"b\xe2\x82"
				"c\xc0\xaf"
				"d\xed\xa0\x80"
				"e\tf\r\ng\rh\x01i");
	assert_text(eb, "a\xef\xbf\xbd"
			"b\xef\xbf\xbd"
			"c\xef\xbf\xbd\xef\xbf\xbd"
			"d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			"e\tf\ng\nhi");
	assert_true(editbuf_normalised(eb));
	assert_false(editbuf_changed(eb));
	assert_int_equal(editbuf_insert_char(eb, 0x07), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_char(eb, 0x9B), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_char(eb, 0xD800), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_utf8(eb, "\x1b\x7f", 2), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_char(eb, L'\t'), EDITBUF_OK);
	assert_int_equal(editbuf_insert_char(eb, L'\r'), EDITBUF_OK);
	assert_int_equal(editbuf_insert_utf8(eb, "x\0y", 3), EDITBUF_OK);
	assert_text(eb, "a\xef\xbf\xbd"
			"b\xef\xbf\xbd"
			"c\xef\xbf\xbd\xef\xbf\xbd"
			"d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			"e\tf\ng\nhi \nxy");
	editbuf_free(eb);
}

/* Each row of Unicode's table 3-7 at its edges: what is well formed is kept, and each maximal
 * subpart of what is not becomes one U+FFFD. */
static void test_utf8_edges(void **state)
{
	(void)state;
	/* The first and last of every row's range (C2..DF, E0, E1..EC, ED, EE..EF, F0, F1..F3,
	 * F4), well formed. */
	const char *good = "\xc2\xa9\xdf\xbf\xe0\xa0\x80\xe1\x80\x80\xec\xbf\xbf\xed\x80\x80"
			   "\xee\x80\x80\xf0\x90\x80\x80\xf3\x80\x80\x80\xf4\x80\x80\x80";
	struct editbuf *eb = ml(good);
	assert_text(eb, good);
	editbuf_free(eb);
	/* Just past them; what each becomes, R for one U+FFFD. */
	eb = ml("\xc1\xbf|\xe0\x9f\x80|\xed\xa0\x80|\xe2\x82x|\xf0\x8f\xbf\xbf|\xf4\x90\x80\x80|"
		"\xf0\x90\x80x|\xf5\x80");
	struct sbuf want = {0};
	for (const char *p = "RR|RRR|RRR|Rx|RRRR|RRRR|Rx|RR"; *p; p++)
		sbuf_add(&want, *p == 'R' ? "\xef\xbf\xbd" : (char[2]){*p, '\0'});
	char *w = sbuf_take(&want);
	assert_text(eb, w);
	free(w);
	editbuf_free(eb);
}

/* Clearing leaves what backspacing everything would: no text, the cursor at 0, a change. */
static void test_clear(void **state)
{
	(void)state;
	struct editbuf *eb = ml("Sia\xcc\x82n\nline two");
	editbuf_set_cursor(eb, 3);
	editbuf_clear(eb);
	assert_text(eb, "");
	assert_int_equal(editbuf_length(eb), 0);
	assert_int_equal(editbuf_cursor(eb), 0);
	assert_true(editbuf_changed(eb));
	assert_int_equal(editbuf_backspace(eb), EDITBUF_REFUSED);
	editbuf_clear(eb); /* nothing left: nothing happens */
	assert_text(eb, "");
	editbuf_free(eb);
}

static void test_scroll_and_click(void **state)
{
	(void)state;
	struct editbuf *eb = ml("0\n1\n2\n3\n4\n5\n6\n7\n8\n9");
	struct editbuf_layout lay = {0};
	editbuf_set_cursor(eb, 10); /* row 5 */
	assert_int_equal(editbuf_layout(eb, 10, &lay), EDITBUF_OK);
	assert_int_equal(lay.nrows, 10);
	assert_int_equal(editbuf_layout_scroll(&lay, 0, 3), 3);
	assert_int_equal(editbuf_layout_scroll(&lay, 4, 3), 4);
	assert_int_equal(editbuf_layout_scroll(&lay, 6, 3), 5);
	assert_int_equal(editbuf_layout_scroll(&lay, 2, 20), 0);
	editbuf_move_to(eb, &lay, 7, 5); /* past the end of row 7 */
	assert_int_equal(editbuf_cursor(eb), 15);
	editbuf_move_to(eb, &lay, 99, 0);
	assert_int_equal(editbuf_cursor(eb), 18);
	editbuf_layout_free(&lay);
	editbuf_free(eb);
}

/* Empty rows after the text (pasted line breaks at its end) show only while the cursor is on
 * them: once it moves up, the view goes back to the start when the text fits. */
/* A one-line field scrolled sideways shows as much as fits before the cursor; a wide
 * character counts two columns. */
static void test_line_first(void **state)
{
	(void)state;
	int col;
	assert_int_equal(editbuf_line_first(L"abcdefghij", 0, 2, 4, &col), 0);
	assert_int_equal(col, 2);
	assert_int_equal(editbuf_line_first(L"abcdefghij", 0, 10, 4, &col), 7);
	assert_int_equal(col, 3);
	assert_int_equal(editbuf_line_first(L"ab\u4e2d\u6587", 0, 4, 4, &col), 3);
	assert_int_equal(col, 2);
}

static void test_scroll_end(void **state)
{
	(void)state;
	struct editbuf *eb = ml("a\nb\nc\n\n\n");
	struct editbuf_layout lay = {0};
	assert_int_equal(editbuf_layout(eb, 10, &lay), EDITBUF_OK);
	assert_int_equal(lay.nrows, 6);
	assert_int_equal(editbuf_layout_extent(&lay, 0), 3);
	assert_int_equal(editbuf_layout_extent(&lay, 4), 5);
	/* The cursor at the end, on the last empty row: it is shown. */
	assert_int_equal(editbuf_layout_scroll(&lay, 0, 4), 2);
	editbuf_set_cursor(eb, 2); /* "b" */
	assert_int_equal(editbuf_layout(eb, 10, &lay), EDITBUF_OK);
	assert_int_equal(editbuf_layout_scroll(&lay, 2, 4), 0);
	assert_int_equal(editbuf_layout_scroll(&lay, 2, 2), 1); /* too few rows: b and c */
	editbuf_layout_free(&lay);
	editbuf_free(eb);
	/* A full last row keeps an empty row for a cursor after it; with the cursor elsewhere it
	 * is not text to fill the view with. */
	eb = ml("abcd\nefgh");
	editbuf_set_cursor(eb, 5); /* the start of "efgh" */
	assert_int_equal(editbuf_layout(eb, 4, &lay), EDITBUF_OK);
	assert_int_equal(lay.nrows, 4); /* abcd, its cursor's row, efgh, its cursor's row */
	assert_int_equal(lay.cursor_row, 2);
	assert_int_equal(editbuf_layout_scroll(&lay, 1, 3), 0);
	editbuf_layout_free(&lay);
	editbuf_free(eb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_insert),	  cmocka_unit_test(test_delete),
	    cmocka_unit_test(test_join_lines),	  cmocka_unit_test(test_left_right),
	    cmocka_unit_test(test_utf8_names),	  cmocka_unit_test(test_combining),
	    cmocka_unit_test(test_cjk),		  cmocka_unit_test(test_wrap_10),
	    cmocka_unit_test(test_wrap_edges),	  cmocka_unit_test(test_wrap_narrow_cjk),
	    cmocka_unit_test(test_up_down),	  cmocka_unit_test(test_up_down_wide),
	    cmocka_unit_test(test_home_end),	  cmocka_unit_test(test_words),
	    cmocka_unit_test(test_max_length),	  cmocka_unit_test(test_paste_200k),
	    cmocka_unit_test(test_single_line),	  cmocka_unit_test(test_changed),
	    cmocka_unit_test(test_normalise),	  cmocka_unit_test(test_utf8_edges),
	    cmocka_unit_test(test_clear),	  cmocka_unit_test(test_scroll_and_click),
	    cmocka_unit_test(test_readline_keys), cmocka_unit_test(test_scroll_end),
	    cmocka_unit_test(test_line_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
