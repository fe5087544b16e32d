/* The INI layer: every iniparser 4.1 trap is refused with its line number. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ini_doc.h"
#include "sbuf.h"

struct parsed {
	struct ini_doc doc;
	struct diag_list diags;
	int rc;
};

static void parse(struct parsed *p, const char *text)
{
	memset(p, 0, sizeof *p);
	p->rc = ini_doc_parse("t.ini", text, strlen(text), &p->doc, &p->diags);
}

static void done(struct parsed *p)
{
	ini_doc_free(&p->doc);
	diag_list_free(&p->diags);
}

/* Asserts exactly one problem, on `line`, whose message contains `needle`. */
static void expect_one(const char *text, int line, const char *needle)
{
	struct parsed p;
	parse(&p, text);
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.diags.n, 1);
	assert_string_equal(p.diags.items[0].file, "t.ini");
	assert_int_equal(p.diags.items[0].line, line);
	if (!strstr(p.diags.items[0].msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", p.diags.items[0].msg, needle);
	done(&p);
}

static void test_reads_sections_keys_and_lines_in_order(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "; comment\n[b]\nz = 1\n\n# another\n[a]\ny = \"quoted; with # marks\"\nx = "
		  "plain value  \n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.n, 0);
	assert_int_equal(p.doc.nsections, 2);
	assert_string_equal(p.doc.sections[0].name, "b");
	assert_int_equal(p.doc.sections[0].line, 2);
	assert_string_equal(p.doc.sections[1].name, "a");
	const struct ini_section *a = ini_doc_find(&p.doc, "a");
	assert_non_null(a);
	assert_int_equal(a->nkeys, 2);
	assert_string_equal(a->keys[0].name, "y");
	assert_string_equal(a->keys[0].value, "quoted; with # marks");
	assert_int_equal(a->keys[0].line, 7);
	assert_string_equal(ini_section_find(a, "x")->value, "plain value");
	assert_null(ini_section_find(a, "nope"));
	assert_null(ini_doc_find(&p.doc, "c"));
	done(&p);
}

static void test_crlf_and_utf8_values_are_fine(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "[s]\r\nname = Siân, Zoë, Łukasz, Ngozi-Ọlá\r\nk = 'single; quoted'\r\n");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.doc.sections[0].keys[0].value, "Siân, Zoë, Łukasz, Ngozi-Ọlá");
	assert_string_equal(p.doc.sections[0].keys[1].value, "single; quoted");
	done(&p);
}

static void test_empty_file_is_empty_document(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.doc.nsections, 0);
	done(&p);
}

static void test_byte_order_mark(void **state)
{
	(void)state;
	expect_one("\xEF\xBB\xBF[s]\nk = v\n", 1, "byte order mark");
}

static void test_long_line(void **state)
{
	(void)state;
	struct sbuf b = {0};
	sbuf_add(&b, "[s]\nk = ");
	for (int i = 0; i < 1100; i++)
		sbuf_addc(&b, 'x');
	sbuf_add(&b, "\n");
	char *text = sbuf_take(&b);
	expect_one(text, 2, "the limit is 1000");
	free(text);
}

static void test_continuation_line(void **state)
{
	(void)state;
	expect_one("[s]\nk = first \\\n", 2, "continuation");
	/* iniparser would swallow the next line into the comment. */
	expect_one("[s]\n; a comment \\\nk = v\n", 2, "continuation");
}

static void test_upper_case_names(void **state)
{
	(void)state;
	expect_one("[Section]\n", 1, "lower case");
	expect_one("[s]\nKey = v\n", 2, "lower case");
}

static void test_repeated_key_names_first_line(void **state)
{
	(void)state;
	expect_one("[s]\nk = 1\n\nk = 2\n", 4, "repeats the one on line 2");
}

static void test_repeated_section_names_first_line(void **state)
{
	(void)state;
	expect_one("[s]\na = 1\n[t]\n[s]\nb = 2\n", 4, "repeats the one on line 1");
}

static void test_unquoted_comment_characters(void **state)
{
	(void)state;
	expect_one("[s]\nk = seen; alone?\n", 2, "double quotes");
	expect_one("[s]\nk = case #3\n", 2, "double quotes");
}

/* Each refusal says how to write the line instead (issue: a tester's template). */
static void test_refusals_give_the_fix(void **state)
{
	(void)state;
	/* A comment after an unquoted value: quote the value, not the comment too. */
	expect_one("[s]\nkey = g  ; good\n", 2, "write key = \"g\" ; good");
	expect_one("[s]\nk = seen; alone?\n", 2, "k = \"seen; alone?\"");
	expect_one("[s]\ncolour = #00703c\n", 2, "colour = \"#00703c\"");
	/* Curly quotes typed by a word processor are named: they are not quote marks. */
	expect_one("[s]\nguidance = \xe2\x80\x9cGood: with the family; revisited\xe2\x80\x9d\n", 2,
		   "curly quote \xe2\x80\x9c (U+201C), which is not a quote mark");
	expect_one("[s]\nguidance = \xe2\x80\x9cGood; yes\xe2\x80\x9d\n", 2,
		   "guidance = \"Good; yes\"");
	/* Headers: what to write, with no INI word "section" for a block. */
	expect_one("[Section impact]\n", 1, "write [section impact]");
	expect_one("[s]\nGP = GP\n", 2, "write 'gp'");
	expect_one("[]\n", 1, "such as [template]");
	expect_one("[question q1]\nk = 1\n[question q1]\n", 3,
		   "[question q1] repeats the one on line 1: give this block another id");
	expect_one("[agencies]\n[agencies]\n", 2, "merge the two blocks");
	expect_one("[s]\nk = 1\nk = 2\n", 3, "keep one of them");
	/* A character that cannot be seen, or looks like another, is named. */
	expect_one("[question q\xc2\xa0"
		   "1]\n",
		   1, "no-break space (U+00A0)");
	expect_one("[s]\npol\xe2\x80\x93ice = Police\n", 2,
		   "en dash \xe2\x80\x93 that looks like '-' (U+2013)");
	expect_one("[s]\nhealth visiting = Health\n", 2, "use '-' between words");
	expect_one("[s]\nno equals\n", 2, "or a header such as [template]");
}

static void test_quote_inside_quoted_value(void **state)
{
	(void)state;
	expect_one("[s]\nk = \"he said \"no\"\"\n", 2, "closing double quote");
	expect_one("[s]\nk = \"unterminated\n", 2, "unterminated");
}

static void test_key_before_any_section(void **state)
{
	(void)state;
	expect_one("k = v\n[s]\n", 1, "before the first header");
}

static void test_keys_under_a_refused_header_are_not_reported_again(void **state)
{
	(void)state;
	expect_one("[Bad]\na = 1\nb = 2\n", 1, "lower case");
}

static void test_invalid_utf8_and_nul(void **state)
{
	(void)state;
	expect_one("[s]\nk = \xC3\x28\n", 2, "UTF-8");
	expect_one("[s]\nk = \xED\xA0\x80\n", 2, "UTF-8"); /* a surrogate */
	struct parsed p;
	memset(&p, 0, sizeof p);
	p.rc = ini_doc_parse("t.ini", "[s]\nk = a\0b\n", 12, &p.doc, &p.diags);
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.diags.items[0].line, 2);
	done(&p);
}

static void test_not_a_key_value_line(void **state)
{
	(void)state;
	expect_one("[s]\njust words\n", 2, "key = value");
	expect_one("[s]\n= v\n", 2, "missing key name");
	expect_one("[s\n", 1, "must end with ']'");
}

static void test_every_problem_is_reported(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "[s]\nA = 1\nb = x;y\nb = 2\nc = 3 \\\n");
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.diags.n, 3);
	assert_int_equal(p.diags.items[0].line, 2);
	assert_int_equal(p.diags.items[1].line, 3);
	assert_int_equal(p.diags.items[2].line, 5);
	done(&p);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct ini_doc doc;
	struct diag_list diags = {0};
	assert_int_equal(ini_doc_read_file("/nonexistent/x.ini", &doc, &diags), -1);
	assert_int_equal(diags.n, 1);
	assert_int_equal(diags.items[0].line, 0);
	assert_non_null(strstr(diags.items[0].msg, "cannot read"));
	ini_doc_free(&doc);
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reads_sections_keys_and_lines_in_order),
	    cmocka_unit_test(test_crlf_and_utf8_values_are_fine),
	    cmocka_unit_test(test_empty_file_is_empty_document),
	    cmocka_unit_test(test_byte_order_mark),
	    cmocka_unit_test(test_long_line),
	    cmocka_unit_test(test_continuation_line),
	    cmocka_unit_test(test_upper_case_names),
	    cmocka_unit_test(test_repeated_key_names_first_line),
	    cmocka_unit_test(test_repeated_section_names_first_line),
	    cmocka_unit_test(test_unquoted_comment_characters),
	    cmocka_unit_test(test_quote_inside_quoted_value),
	    cmocka_unit_test(test_key_before_any_section),
	    cmocka_unit_test(test_keys_under_a_refused_header_are_not_reported_again),
	    cmocka_unit_test(test_invalid_utf8_and_nul),
	    cmocka_unit_test(test_not_a_key_value_line),
	    cmocka_unit_test(test_every_problem_is_reported),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_refusals_give_the_fix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
