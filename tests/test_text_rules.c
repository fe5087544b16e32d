/* The text rules: each kind's length and characters, the normal form of a case reference
 * and the key that finds lookalike references. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text_rules.h"

static void assert_refused(enum text_kind kind, const char *s, const char *why)
{
	struct text_fault fault = {{0}};
	assert_false(text_check(kind, s, &fault));
	if (!strstr(fault.why, why))
		fail_msg("'%s' does not say '%s'", fault.why, why);
}

static char *repeat(const char *unit, size_t n)
{
	size_t len = strlen(unit);
	char *s = malloc(len * n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

/* Each limit counts characters, not bytes: the limit passes, one more does not. */
static void test_lengths(void **state)
{
	(void)state;
	for (int k = 0; k < TEXT_KIND_COUNT; k++) {
		size_t max = text_rules[k].max_chars;
		const char *unit = k == TEXT_ID ? "a" : "\xc3\xa9"; /* é, two bytes */
		char *at = repeat(unit, max), *over = repeat(unit, max + 1);
		assert_true(text_check((enum text_kind)k, at, NULL));
		assert_refused((enum text_kind)k, over, "characters long; the limit is");
		free(at);
		free(over);
	}
	assert_int_equal(text_rules[TEXT_REFERENCE].max_chars, 40);
	assert_int_equal(text_rules[TEXT_LINE].max_chars, 250);
}

static void test_characters(void **state)
{
	(void)state;
	assert_refused(TEXT_LINE, "Title\x1b]0;x\x07", "control character (U+001B)");
	assert_refused(TEXT_LINE, "Title \xc2\x9b", "control character (U+009B)");
	assert_refused(TEXT_LINE, "Two\nlines", "single line");
	assert_refused(TEXT_LINE, "Two\xe2\x80\xa8lines", "single line");
	assert_refused(TEXT_NAME, "jo\x1b[31m", "control character");
	assert_refused(TEXT_NAME, "tab\there", "a tab (U+0009)");
	assert_refused(TEXT_LINE, "bad \xff", "not valid UTF-8");
	/* One-line text may hold what a title in any script needs. */
	assert_true(
	    text_check(TEXT_LINE, "Caf\xc3\xa9 \xe2\x80\x8b \xe2\x80\xae \xf0\x9f\x92\xa1", NULL));
	/* Long text keeps everything people write, and what the screens neutralise. */
	assert_true(text_check(TEXT_LONG, "a\r\nb\tc \x1b[31m \xc2\x9b", NULL));
	assert_refused(TEXT_LONG, "\xc0\x80", "not valid UTF-8");
	/* A reference must be seen as it is. */
	assert_refused(TEXT_REFERENCE,
		       "Child\xe2\x80\x8b"
		       "A",
		       "invisible character (U+200B)");
	assert_refused(TEXT_REFERENCE, "Child A\xe2\x80\xae", "text-direction control (U+202E)");
	assert_refused(TEXT_REFERENCE,
		       "Child\xc2\xad"
		       "A",
		       "invisible character (U+00AD)");
	assert_refused(TEXT_REFERENCE,
		       "\xef\xbb\xbf"
		       "Child A",
		       "(U+FEFF)");
	assert_refused(TEXT_REFERENCE, "Child A, B", "comma");
	assert_refused(TEXT_REFERENCE,
		       "Child\x01"
		       "A",
		       "control character (U+0001)");
	assert_true(text_check(TEXT_REFERENCE, "Zo\xc3\xab B-2 (sibling)", NULL));
	assert_refused(TEXT_ID, "Police", "is not an id");
	assert_true(text_check(TEXT_ID, "", NULL));
	assert_true(text_check(TEXT_ID, "csc-2", NULL));
}

static void assert_normal(const char *in, const char *want)
{
	char *got = text_normalise(TEXT_REFERENCE, in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_normalise(void **state)
{
	(void)state;
	assert_normal("Child A", "Child A");
	assert_normal(" Child A", "Child A");
	assert_normal("Child A ", "Child A");
	assert_normal("  Child \t  A  ", "Child A");
	assert_normal("Child\xc2\xa0"
		      "A",
		      "Child A"); /* no-break space */
	assert_normal("Child\xe2\x80\x83"
		      "A",
		      "Child A"); /* em space */
	assert_normal("Child\xe3\x80\x80"
		      "A",
		      "Child A"); /* ideographic space */
	assert_normal("Child\xe2\x80\xaf\xe2\x80\xaf"
		      "A",
		      "Child A"); /* narrow no-break */
	assert_normal("   ", "");
	assert_normal("\xc2\xa0", "");
	/* Not spaces: a zero-width space is refused, not made a space. */
	assert_normal("Child\xe2\x80\x8b"
		      "A",
		      "Child\xe2\x80\x8b"
		      "A");
	char *line = text_normalise(TEXT_LINE, " Title ");
	assert_string_equal(line, " Title ");
	free(line);
}

static void assert_same_case(const char *a, const char *b, bool same)
{
	char *x = text_fold(a), *y = text_fold(b);
	assert_non_null(x);
	assert_non_null(y);
	if ((strcmp(x, y) == 0) != same)
		fail_msg("'%s' and '%s' should %sbe the same case", a, b, same ? "" : "not ");
	free(x);
	free(y);
}

static void test_fold(void **state)
{
	(void)state;
	assert_same_case("Child A", "CHILD A", true);
	assert_same_case("Child A", "child a", true);
	assert_same_case("Child A ", " Child  A", true);
	assert_same_case("Child\xc2\xa0"
			 "A",
			 "Child A", true);
	assert_same_case("Zo\xc3\xab", "ZO\xc3\x8b", true);	  /* ë and Ë */
	assert_same_case("Zo\xc3\xab", "Zoe\xcc\x88", true);	  /* ë as e + combining */
	assert_same_case("\xc3\x89LODIE", "\xc3\xa9lodie", true); /* É and é */
	assert_same_case("Child \xef\xbc\xa1", "Child A", true);  /* fullwidth A */
	assert_same_case("Stra\xc3\x9f"
			 "e",
			 "STRASSE", true); /* ß */
	assert_same_case("Child A", "Child B", false);
	assert_same_case("Zoe", "Zo\xc3\xab", false);
	assert_same_case("Child A", "ChildA", false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lengths),
	    cmocka_unit_test(test_characters),
	    cmocka_unit_test(test_normalise),
	    cmocka_unit_test(test_fold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
