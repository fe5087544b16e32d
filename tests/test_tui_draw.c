/* tui_put and tui_put_wide in a curses window of their own (no terminal: the output goes to
 * /dev/null), read back cell by cell: printable ASCII is put into the cells directly, with its
 * attributes and colour pair, the cursor left after it; other characters between runs of it,
 * an ellipsis after text cut short, and nothing ever past the window's edge onto the next row. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui_draw.h"

static SCREEN *screen;
static FILE *out, *in;

static int setup(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	/* 100 columns, so that a run is longer than put_ascii's chunk of 64. */
	setenv("COLUMNS", "100", 1);
	setenv("LINES", "12", 1);
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	assert_non_null(out);
	assert_non_null(in);
	screen = newterm("xterm-256color", out, in);
	assert_non_null(screen);
	assert_int_equal(COLS, 100);
	assert_int_equal(start_color(), OK);
	assert_int_equal(init_pair(3, COLOR_RED, COLOR_BLACK), OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	endwin();
	delscreen(screen);
	fclose(out);
	fclose(in);
	return 0;
}

/* The character, attributes (without colour) and pair of cell (y, x). */
static wchar_t cell(int y, int x, attr_t *attrs, short *pair)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1] = {0};
	assert_int_equal(mvwin_wch(stdscr, y, x, &cc), OK);
	assert_int_equal(getcchar(&cc, wch, attrs, pair, NULL), OK);
	return wch[0];
}

/* Row y from column x holds the wide string want, every cell with attrs and pair. */
static void expect_cells(int y, int x, const wchar_t *want, attr_t attrs, short pair)
{
	for (size_t i = 0; want[i]; i++) {
		attr_t a;
		short p;
		wchar_t c = cell(y, x + (int)i, &a, &p);
		if (c != want[i] || (a & ~A_COLOR) != attrs || p != pair)
			fail_msg("cell %d,%d: U+%04X attrs %#lx pair %d; wanted U+%04X attrs %#lx "
				 "pair %d",
				 y, x + (int)i, (unsigned)c, (unsigned long)(a & ~A_COLOR), p,
				 (unsigned)want[i], (unsigned long)attrs, pair);
	}
}

static void test_ascii_keeps_attributes_colour_and_cursor(void **state)
{
	(void)state;
	erase();
	attr_t attr = A_BOLD | (attr_t)COLOR_PAIR(3);
	assert_int_equal(tui_put(stdscr, 2, 3, 30, "Plain text", attr), 10);
	assert_int_equal(getcury(stdscr), 2);
	assert_int_equal(getcurx(stdscr), 13);
	expect_cells(2, 3, L"Plain text", A_BOLD, 3);
	/* Cut short: the ellipsis follows where the text stopped. */
	assert_int_equal(tui_put(stdscr, 3, 0, 8, "abcdefghijkl", A_UNDERLINE), 8);
	expect_cells(3, 0, L"abcdefg\u2026", A_UNDERLINE, 0);
}

static void test_other_characters_between_ascii_runs(void **state)
{
	(void)state;
	erase();
	assert_int_equal(tui_put(stdscr, 4, 1, 40, "Agency 1 \u2014 Good", A_REVERSE), 15);
	expect_cells(4, 1, L"Agency 1 \u2014 Good", A_REVERSE, 0);
	const wchar_t *wide = L"caf\u00e9 au lait";
	assert_int_equal(tui_put_wide(stdscr, 5, 0, 6, wide, wcslen(wide), A_NORMAL), 6);
	expect_cells(5, 0, L"caf\u00e9 a ", A_NORMAL, 0);
}

static void test_a_run_longer_than_a_chunk(void **state)
{
	(void)state;
	erase();
	wchar_t line[101];
	for (int i = 0; i < 100; i++)
		line[i] = L'a' + i % 26;
	line[100] = 0;
	assert_int_equal(tui_put_wide(stdscr, 7, 0, 100, line, 100, A_BOLD), 100);
	expect_cells(7, 0, line, A_BOLD, 0);
}

/* Asked for more columns than the window has, the text stops at its edge: it never runs on
 * into the next row (waddnstr wrapped it there). */
static void test_never_past_the_edge(void **state)
{
	(void)state;
	erase();
	tui_put(stdscr, 8, 95, 20, "abcdefghij", A_NORMAL);
	expect_cells(8, 95, L"abcde", A_NORMAL, 0);
	expect_cells(9, 0, L"     ", A_NORMAL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ascii_keeps_attributes_colour_and_cursor),
	    cmocka_unit_test(test_other_characters_between_ascii_runs),
	    cmocka_unit_test(test_a_run_longer_than_a_chunk),
	    cmocka_unit_test(test_never_past_the_edge),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
