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

static char *prose(const char *s, const char *indent, bool *kept)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	bool k = md_prose(&b, s, indent);
	if (kept)
		*kept = k;
	char *out = sbuf_take(&b);
	assert_non_null(out);
	return out;
}

static void expect_prose(const char *in, const char *want)
{
	bool kept = false;
	char *got = prose(in, "", &kept);
	assert_string_equal(got, want);
	assert_true(kept);
	free(got);
}

/* York's background as the chair typed it: paragraphs, and a bullet list after a line that
 * introduces it. The list stays a list, the paragraphs stay apart. */
static void test_prose_keeps_york_shape(void **state)
{
	(void)state;
	expect_prose("They are thematic and are an inspection of multi-agency arrangements for:\n"
		     "- the response to all forms of child abuse, neglect and exploitation at the "
		     "point of identification\n"
		     "- the leadership and management of this work\n"
		     "\n"
		     "The most recent theme announced in September 2024 was regarding Domestic "
		     "Abuse.",
		     "They are thematic and are an inspection of multi-agency arrangements for:\n"
		     "\n"
		     "- the response to all forms of child abuse, neglect and exploitation at the "
		     "point of identification\n"
		     "- the leadership and management of this work\n"
		     "\n"
		     "The most recent theme announced in September 2024 was regarding Domestic "
		     "Abuse.");
	/* Numbered lists keep their numbers; nested lists their nesting; a loose list its
	 * blank lines. */
	expect_prose("3. third\n4. fourth\n   - under it", "3. third\n4. fourth\n   * under it");
	expect_prose("- a\n\n- b", "- a\n\n- b");
	/* A single line break stays a line break. */
	expect_prose("one\ntwo", "one\\\ntwo");
}

static void test_prose_emphasis_and_links(void **state)
{
	(void)state;
	expect_prose("**Police** and *health* with __both__ and _one_",
		     "**Police** and *health* with **both** and *one*");
	expect_prose("see [IDAS](https://www.idas.org.uk/) or <mailto:a@b.org>",
		     "see [IDAS](https://www.idas.org.uk/) or [mailto:a\\@b.org](mailto:a@b.org)");
	/* Only http, https and mailto: any other link is its text and its address. */
	expect_prose("[click](javascript:alert(1))", "click (javascript:alert(1))");
	expect_prose("[file](file:///etc/passwd) [rel](x.html)",
		     "file (file\\:///etc/passwd) rel (x.html)");
	/* Bare addresses stay text, as before. */
	expect_prose("www.evil.example and https://evil.example/x",
		     "www\\.evil.example and https\\://evil.example/x");
	/* Emphasis with nothing in it, or blanks at its edges. */
	expect_prose("a *&#32;b* c", "a *b* c");
}

/* Whatever else is typed stays the text it was typed as: no heading, HTML, image, code,
 * table, quote or rule comes out. */
static void test_prose_hostile_stays_text(void **state)
{
	(void)state;
	expect_prose("# Heading", "\\# Heading");
	expect_prose("Title\n===", "Title\\\n\\===");
	expect_prose("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>");
	expect_prose("a <b onclick=x>bold</b>", "a \\<b onclick=x\\>bold\\</b\\>");
	expect_prose("![pic](https://evil.example/p.png)",
		     "!\\[pic\\](https\\://evil.example/p.png)");
	expect_prose("`code` and\n\n    indented", "\\`code\\` and\n\nindented");
	expect_prose("| a | b |\n|---|---|\n| 1 | 2 |",
		     "\\| a \\| b \\|\\\n\\|---\\|---\\|\\\n\\| 1 \\| 2 \\|");
	expect_prose("> quoted\n---", "\\> quoted\n\n\\---");
	expect_prose("- # in a list", "- \\# in a list");
	expect_prose("```\nfenced\n```", "\\`\\`\\`\\\nfenced\\\n\\`\\`\\`");
	expect_prose("[ref]: https://x.example\n[ref]", "[ref](https://x.example)");
	/* Deep nesting is bounded: the fifth level is the text it was typed as. */
	bool kept = false;
	char *got = prose("- a\n  - b\n    - c\n      - d\n        - e", "", &kept);
	assert_true(kept);
	assert_string_equal(got, "- a\n  * b\n    + c\n      - d\n        \\- e");
	free(got);
	/* Found by fuzz_md: as a good practice bullet, "- " then "- -" was a rule ("- - -"). Each
	 * depth has its own marker, so no run of them is one. */
	got = prose("* *", "  ", &kept);
	assert_string_equal(got, "- *");
	free(got);
	/* Found by fuzz_md: lines of characters that are dropped (DEL) left blank lines, or a
	 * line break with nothing before it, which after a list marker unmade the list. */
	got = prose("```\na\n\n\n\x7f\n\n\nb\n```", "", &kept);
	assert_true(kept);
	assert_string_equal(got, "\\`\\`\\`\\\na\n\nb\\\n\\`\\`\\`");
	free(got);
	got = prose("* \x7f\n\tc", "", &kept);
	assert_true(kept);
	assert_string_equal(got, "- c");
	free(got);
	/* ...and a "!" typed just before a link, which made it an image. */
	expect_prose("look!<a@b.org>", "look\\![a\\@b.org](mailto:a@b.org)");
	/* ...and a line break before emphasis with nothing in it, after text ending in blanks:
	 * undoing the emphasis left the break behind, then a blank line. */
	got = prose("a\t\x08\n**\x7f**\n\nb", "", &kept);
	assert_true(kept);
	assert_string_equal(got, "a  \n\nb");
	free(got);
	/* ...and emphasis left empty inside emphasis, after which the outer one's text began
	 * with blanks (control characters) and made "* " a list. */
	got = prose("*\x1b  \x1b\x1b***\x19*\x1b  \x1b\x07\xff\xba\x1b***\x1b"
		    "a",
		    "", &kept);
	assert_true(kept);
	assert_false(got[0] == '*' && got[1] == ' ');
	free(got);
}

static void test_prose_indent_and_empty(void **state)
{
	(void)state;
	char *got = prose("first\n\n- one\n- two", "  ", NULL);
	assert_string_equal(got, "first\n\n  - one\n  - two");
	free(got);
	got = prose("", "  ", NULL);
	assert_string_equal(got, "");
	free(got);
	got = prose("  \n\n ", "  ", NULL);
	assert_string_equal(got, "");
	free(got);
	got = prose("bad \xff byte", "", NULL);
	assert_string_equal(got, "bad \xef\xbf\xbd byte");
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
	    cmocka_unit_test(test_prose_keeps_york_shape),
	    cmocka_unit_test(test_prose_emphasis_and_links),
	    cmocka_unit_test(test_prose_hostile_stays_text),
	    cmocka_unit_test(test_prose_indent_and_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
