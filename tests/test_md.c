/* Markdown escaping: hostile user text must stay literal text in a briefing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "md.h"

typedef void (*md_fn)(struct sbuf *, const char *);

static char *run(md_fn fn, const char *s)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	fn(&b, s);
	char *out = sbuf_take(&b);
	assert_non_null(out);
	return out;
}

static void expect(md_fn fn, const char *in, const char *want)
{
	char *got = run(fn, in);
	assert_string_equal(got, want);
	free(got);
}

static char *block(const char *s, const char *indent)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	md_block(&b, s, indent);
	char *out = sbuf_take(&b);
	assert_non_null(out);
	return out;
}

static void test_inline_metacharacters(void **state)
{
	(void)state;
	expect(md_inline, "plain text, with commas.", "plain text, with commas.");
	expect(md_inline, "*bold* _em_ `code`", "\\*bold\\* \\_em\\_ \\`code\\`");
	expect(md_inline, "<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>");
	expect(md_inline, "[link](http://x)", "\\[link\\](http\\://x)");
	/* Bare URLs stay text: GFM would link them. A word merely ending in www is left. */
	expect(md_inline, "see www.example.org or https://a.b/c",
	       "see www\\.example.org or https\\://a.b/c");
	expect(md_inline, "WWW.X and awww.y and time: 10:30", "WWW.X and awww.y and time: 10:30");
	expect(md_inline, "![img](x.png)", "!\\[img\\](x.png)");
	expect(md_inline, "# not a heading", "\\# not a heading");
	expect(md_inline, "a | b", "a \\| b");
	expect(md_inline, "back\\slash", "back\\\\slash");
	expect(md_inline, "~~gone~~ $x$ ^sup^ @cite", "\\~\\~gone\\~\\~ \\$x\\$ \\^sup\\^ \\@cite");
	expect(md_inline, "&amp; &#60; & here", "\\&amp; \\&\\#60; & here");
}

static void test_inline_line_start(void **state)
{
	(void)state;
	expect(md_inline, "1. first", "1\\. first");
	expect(md_inline, "2024) year", "2024\\) year");
	expect(md_inline, "- dash", "\\- dash");
	expect(md_inline, "+ plus", "\\+ plus");
	expect(md_inline, "> quote", "\\> quote");
	expect(md_inline, "=====", "\\=====");
	expect(md_inline, "    indented code", "indented code");
	expect(md_inline, "a 1. b - c", "a 1. b - c");
	expect(md_inline, "3.5 hours", "3.5 hours");
}

static void test_inline_lines_and_bytes(void **state)
{
	(void)state;
	expect(md_inline, "one\r\ntwo\n\n\nthree\rfour", "one two three four");
	expect(md_inline, "tab\there\x01\x7f", "tab here");
	expect(md_inline, "", "");
	expect(md_inline, "  \n \t\n", "");
	expect(md_inline, "Zoë, Siân, 日本", "Zoë, Siân, 日本");
	expect(md_inline, "bad \xff\xc3 end \xed\xa0\x80",
	       "bad \xef\xbf\xbd\xef\xbf\xbd end "
	       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	expect(md_inline, "cut \xe6\x97", "cut \xef\xbf\xbd\xef\xbf\xbd");
	expect(md_inline, "line\n- item\n# head", "line \\- item \\# head");
}

static void test_cell(void **state)
{
	(void)state;
	expect(md_cell, "a|b||c", "a\\|b\\|\\|c");
	expect(md_cell, "first\nsecond\r\n\nthird", "first / second / third");
	expect(md_cell, "", "");
	expect(md_cell, "ends with \\", "ends with \\\\");
	/* Every | in a cell is preceded by an odd run of backslashes. */
	char *got = run(md_cell, "\\|\\\\|x|\\");
	for (const char *p = got; *p; p++) {
		if (*p != '|')
			continue;
		size_t n = 0;
		while (p - n > got && p[-1 - (ptrdiff_t)n] == '\\')
			n++;
		assert_true(n % 2 == 1);
	}
	free(got);
}

static void test_block(void **state)
{
	(void)state;
	char *got = block("First line\nsecond line\n\n\n\n- not a list\n1. nor this\n", "  ");
	assert_string_equal(got, "First line\n  second line\n\n  \\- not a list\n  1\\. nor this");
	free(got);
	got = block("\n\n  text  \n\n", "");
	assert_string_equal(got, "text");
	free(got);
	got = block("Title\n===\nmore\n---", "");
	assert_string_equal(got, "Title\n\\===\nmore\n\\---");
	free(got);
}

static void test_long_line(void **state)
{
	(void)state;
	size_t n = 200000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = "ab*|"[i % 4];
	s[n] = '\0';
	char *got = run(md_cell, s);
	assert_int_equal(strlen(got), n + n / 2);
	free(got);
	free(s);
}

static void test_url(void **state)
{
	(void)state;
	expect(md_url, "https://www.gov.uk/a_b?x=1&y=2", "https://www.gov.uk/a_b?x=1&y=2");
	expect(md_url, "http://x/a b)<c>|", "http://x/a%20b%29%3Cc%3E%7C");
	/* Found by fuzz_md: invalid UTF-8 passed through. Valid sequences stay as they are. */
	expect(md_url, "http://x/caf\xc3\xa9\xff\xc3(", "http://x/caf\xc3\xa9%FF%C3%28");
}

static char *link(const char *title, const char *url)
{
	struct sbuf b = {0};
	md_link(&b, title, url);
	char *got = sbuf_take(&b);
	assert_non_null(got);
	return got;
}

/* A link only to an http, https or mailto address; anything else reaching the writer is
 * plain text (title, then the address), never a link. */
static void test_link_only_to_allowed_schemes(void **state)
{
	(void)state;
	char *got = link("Guide", "https://www.gov.uk/a b");
	assert_string_equal(got, "[Guide](https://www.gov.uk/a%20b)");
	free(got);
	got = link("Write", "MAILTO:chair@example.org");
	assert_string_equal(got, "[Write](MAILTO:chair@example.org)");
	free(got);
	const char *bad[] = {"javascript:fetch(1)", " javascript:x",	  "java\tscript:x",
			     "data:text/html,x",    "file:///etc/passwd", "docs/x.html"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		got = link("Procedures", bad[i]);
		assert_null(strstr(got, "]("));
		assert_null(strchr(got, '<'));
		assert_non_null(strstr(got, "Procedures"));
		free(got);
	}
	got = link("Procedures", "javascript:fetch(1)");
	assert_string_equal(got, "Procedures (javascript:fetch(1))");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inline_metacharacters),
	    cmocka_unit_test(test_inline_line_start),
	    cmocka_unit_test(test_inline_lines_and_bytes),
	    cmocka_unit_test(test_cell),
	    cmocka_unit_test(test_block),
	    cmocka_unit_test(test_long_line),
	    cmocka_unit_test(test_url),
	    cmocka_unit_test(test_link_only_to_allowed_schemes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
