/* Text that fits (ui_fit.h) and the ASCII fallback (ui_ascii.h): every cut shows an ellipsis,
 * cuts prefer a word's end, wide characters are never split, lines wrap at spaces, and under
 * a locale that is not UTF-8 every character has a printable ASCII stand-in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ui_ascii.h"
#include "ui_fit.h"

static void assert_cut(const char *s, int width, bool ascii, const char *want)
{
	char *got = ui_fit_text(s, width, ascii);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' in %d columns: got '%s', want '%s'", s, width, got, want);
	assert_true(ui_text_cols(got, ascii) <= (width > 0 ? width : 0));
	free(got);
}

static void assert_path(const char *s, int width, bool ascii, const char *want)
{
	char *got = ui_fit_path(s, width, ascii);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' in %d columns: got '%s', want '%s'", s, width, got, want);
	assert_true(ui_text_cols(got, ascii) <= width);
	free(got);
}

/* A path is cut from its start, keeping the file's name, from a folder's start if it can. */
static void path_keeps_its_end(void **state)
{
	(void)state;
	const char *p = "/root/Documents/maca/briefing-1a2b3c4d.md";
	assert_path(p, 60, false, p);
	assert_path(p, 30, false, "\u2026/maca/briefing-1a2b3c4d.md");
	assert_path(p, 25, false, "\u2026/briefing-1a2b3c4d.md");
	assert_path(p, 22, false, "\u2026/briefing-1a2b3c4d.md");
	assert_path(p, 12, false, "\u20261a2b3c4d.md");
	assert_path(p, 30, true, ".../maca/briefing-1a2b3c4d.md");
}

/* The rows a text takes wrapped, as a view counts them to make room. */
static void wrap_rows_count(void **state)
{
	(void)state;
	assert_int_equal(ui_wrap_rows("", 10, false), 0);
	assert_int_equal(ui_wrap_rows("one two", 10, false), 1);
	assert_int_equal(ui_wrap_rows("one two three four", 10, false), 2);
	assert_int_equal(ui_wrap_rows("a\nb", 10, false), 2);
	assert_int_equal(ui_wrap_rows("abcdefghijklmnopqrstu", 10, false), 3);
}

static void fits_whole(void **state)
{
	(void)state;
	assert_cut("Child A", 7, false, "Child A");
	assert_cut("Child A", 20, false, "Child A");
	assert_cut("", 5, false, "");
	struct ui_fit fit = ui_fit("Child A", 7, false);
	assert_false(fit.cut);
	assert_int_equal(fit.cols, 7);
	assert_int_equal(fit.bytes, 7);
}

static void cut_shows_ellipsis(void **state)
{
	(void)state;
	/* The "actio" and "reopen it first, gi": cut at a word's end, with "…". */
	assert_cut("Open the action on its audit's Learning screen", 20, false,
		   "Open the action on\u2026");
	assert_cut("The audit is closed: reopen it first, giving a reason", 40, false,
		   "The audit is closed: reopen it first,\u2026");
	/* One long word is cut inside it: nothing better. */
	assert_cut("Supercalifragilistic", 8, false, "Superca\u2026");
	/* A word boundary that would waste more than a third of the room is not taken. */
	assert_cut("Go Supercalifragilistic", 12, false, "Go Supercal\u2026");
	/* The ASCII fallback's three dots. */
	assert_cut("Open the action on its audit's Learning screen", 20, true,
		   "Open the action...");
	/* Tiny widths: the ellipsis alone, or nothing. */
	assert_cut("Child A", 1, false, "\u2026");
	assert_cut("Child A", 0, false, "");
	assert_cut("Child A", -3, false, "");
	/* Narrow ASCII columns get one dot, not three. */
	assert_cut("police", 4, true, "pol.");
	assert_cut("police", 5, true, "poli.");
	assert_cut("Child A", 6, true, "Chi...");
}

static void wide_characters(void **state)
{
	(void)state;
	/* Each CJK character takes two columns and is never split. */
	assert_int_equal(ui_text_cols("\u5b69\u5b50", false), 4);
	assert_cut("\u5b69\u5b50\u4eec", 5, false, "\u5b69\u5b50\u2026");
	assert_cut("\u5b69\u5b50\u4eec", 4, false, "\u5b69\u2026");
	/* A combining accent takes none. */
	assert_int_equal(ui_text_cols("Sia\u0302n", false), 4);
	assert_int_equal(ui_text_cols("Si\u00e2n", false), 4);
	/* In ASCII, each character takes its stand-in's width. */
	assert_int_equal(ui_text_cols("a\u2026b", true), 5);
	assert_int_equal(ui_text_cols("a\u2026b", false), 3);
}

/* One width for every text on screen, the editor's and the rest: the C library's, which
 * ncurses draws with, in any locale (the tests run in C). Where Unicode's own tables differ
 * from it (a soft hyphen pasted from Word, Arabic number signs, Kannada vowel signs) a line
 * measured otherwise would be drawn a column off. */
static void one_width_as_drawn(void **state)
{
	(void)state;
	assert_int_equal(ui_char_width(0x00AD), 1); /* soft hyphen */
	assert_int_equal(ui_text_cols("co\u00adordinate", false), 11);
	assert_int_equal(ui_char_width(0x0600), 1);
	assert_int_equal(ui_char_width(0x0CBF), 0);
	assert_int_equal(ui_char_width(0x1160), 0);  /* Hangul medial jamo */
	assert_int_equal(ui_char_width(0x1F600), 2); /* an emoji */
	assert_int_equal(ui_char_width(0xFF21), 2);  /* fullwidth A */
	assert_int_equal(ui_char_width(0x0378), 1);  /* unassigned: one column */
	assert_int_equal(ui_char_width(0x0000), 0);
	assert_int_equal(ui_char_width(0x009B), -1); /* a C1 control */
	assert_int_equal(ui_char_width(0xD800), -1); /* a surrogate */
	assert_int_equal(ui_char_width(0x110000), -1);
	/* A control still takes one column where a line is fitted (drawn as a space). */
	assert_int_equal(ui_char_cols(0x0009, false), 1);
}

static char *first_line(const char *s, int width, size_t *next)
{
	size_t len = ui_wrap(s, width, false, next);
	return strndup(s, len);
}

static void wraps_at_spaces(void **state)
{
	(void)state;
	size_t next;
	char *line = first_line("The audit is closed: reopen it first", 20, &next);
	assert_string_equal(line, "The audit is closed:");
	assert_string_equal("The audit is closed: reopen it first" + next, "reopen it first");
	free(line);
	/* A word longer than the line is broken at the edge. */
	line = first_line("Supercalifragilistic", 8, &next);
	assert_string_equal(line, "Supercal");
	assert_int_equal(next, 8);
	free(line);
	/* A newline ends the line and is skipped. */
	line = first_line("one\ntwo", 20, &next);
	assert_string_equal(line, "one");
	assert_int_equal(next, 4);
	free(line);
	/* Everything fits. */
	line = first_line("short", 20, &next);
	assert_string_equal(line, "short");
	assert_int_equal(next, 5);
	free(line);
	/* Every line of a long text fits its width, and the loop ends. */
	const char *text = "Where a section kept some of its graded questions, both audits are "
			   "graded on those it kept; otherwise each on its own questions.";
	size_t pos = 0;
	int lines = 0;
	while (text[pos]) {
		size_t len = ui_wrap(text + pos, 16, false, &next);
		char *l = strndup(text + pos, len);
		assert_true(ui_text_cols(l, false) <= 16);
		free(l);
		assert_true(next > 0);
		pos += next;
		lines++;
	}
	assert_in_range(lines, 8, 11);
}

static void assert_ascii(const char *s, const char *want)
{
	char *got = ui_ascii_text(s);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' in ASCII: got '%s', want '%s'", s, got, want);
	for (const char *p = got; *p; p++)
		assert_true((*p >= 0x20 && *p < 0x7F) || *p == '\n' || *p == '\t');
	free(got);
}

static void ascii_fallback(void **state)
{
	(void)state;
	/* What the interface itself draws: dashes, bullets, dots, arrows, the ellipsis. */
	assert_ascii("maca \u2014 Audits", "maca - Audits");
	assert_ascii("Child A  \u00b7  Police", "Child A  |  Police");
	assert_ascii("\u2022 Good practice", "* Good practice");
	assert_ascii("\u2191\u2193 question  \u2190\u2192 section", "^v question  <--> section");
	assert_ascii("more\u2026", "more...");
	assert_ascii("\u2018verbal arguments\u2019 \u201cquoted\u201d",
		     "'verbal arguments' \"quoted\"");
	/* People's words: accents fall away, ligatures come apart. */
	assert_ascii("Si\u00e2n, Zo\u00eb, Ren\u00e9e, Stra\u00dfe", "Sian, Zoe, Renee, Strasse");
	assert_ascii("Sia\u0302n", "Sian");
	assert_ascii("\ufb01le", "file");
	/* What has no stand-in is a question mark, one per character; bad bytes too. */
	assert_ascii("\u5b69\u5b50", "??");
	assert_ascii("a\xff"
		     "b",
		     "a?b");
	/* Lines and tabs are kept for the caller. */
	assert_ascii("a\nb\tc", "a\nb\tc");
	char buf[UI_ASCII_CHAR_MAX];
	assert_string_equal(ui_ascii_char('x', buf), "x");
	assert_string_equal(ui_ascii_char(0x0301, buf), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fits_whole),	  cmocka_unit_test(cut_shows_ellipsis),
	    cmocka_unit_test(wide_characters),	  cmocka_unit_test(one_width_as_drawn),
	    cmocka_unit_test(wraps_at_spaces),	  cmocka_unit_test(ascii_fallback),
	    cmocka_unit_test(path_keeps_its_end), cmocka_unit_test(wrap_rows_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
