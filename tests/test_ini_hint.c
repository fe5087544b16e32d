/* The hints messages about a template, form or configuration file give: the name a slip was
 * meant to be, the character one cannot see, and why an id is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ini_hint.h"

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(hint_edit_distance("", ""), 0);
	assert_int_equal(hint_edit_distance("label", "label"), 0);
	assert_int_equal(hint_edit_distance("", "abc"), 3);
	assert_int_equal(hint_edit_distance("abc", ""), 3);
	assert_int_equal(hint_edit_distance("tag", "tags"), 1);	   /* insertion */
	assert_int_equal(hint_edit_distance("tags", "tag"), 1);	   /* deletion */
	assert_int_equal(hint_edit_distance("kind", "kine"), 1);   /* substitution */
	assert_int_equal(hint_edit_distance("lable", "label"), 2); /* transposition */
	assert_int_equal(hint_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(hint_edit_distance("evidense_required_at", "evidence_required_at"), 1);
}

static void test_nearest(void **state)
{
	(void)state;
	static const char *const keys[] = {"label", "key", "not_applicable", "colour"};
	assert_string_equal(hint_nearest("lable", keys, 4, sizeof keys[0], 0), "label");
	assert_string_equal(hint_nearest("color", keys, 4, sizeof keys[0], 0), "colour");
	assert_string_equal(hint_nearest("ky", keys, 4, sizeof keys[0], 0), "key");
	assert_string_equal(hint_nearest("not-applicable", keys, 4, sizeof keys[0], 0),
			    "not_applicable");
	/* A singular for a plural. */
	static const char *const blocks[] = {"template", "agencies", "tags"};
	assert_string_equal(hint_nearest("agency", blocks, 3, sizeof blocks[0], 0), "agencies");
	assert_string_equal(hint_nearest("templates", blocks, 3, sizeof blocks[0], 0), "template");
	assert_null(hint_nearest("age", blocks, 3, sizeof blocks[0], 0));
	/* A different word, not a slip, and a word that is there: no hint. */
	assert_null(hint_nearest("shade", keys, 4, sizeof keys[0], 0));
	assert_null(hint_nearest("id", keys, 4, sizeof keys[0], 0));
	assert_null(hint_nearest("key", keys, 4, sizeof keys[0], 0));
	/* In records, by offset; a NULL name ends the list. */
	struct rec {
		int n;
		const char *id;
	} recs[] = {{1, "response"}, {2, "impact"}, {3, NULL}, {4, "respons"}};
	assert_string_equal(
	    hint_nearest("respnse", recs, 4, sizeof recs[0], offsetof(struct rec, id)), "response");
	assert_null(hint_nearest("", recs, 4, sizeof recs[0], offsetof(struct rec, id)));
}

static void expect_odd(const char *s, unsigned cp, const char *what)
{
	struct hint_char c;
	assert_true(hint_odd_char(s, &c));
	assert_int_equal(c.cp, cp);
	if (!strstr(c.what, what))
		fail_msg("\"%s\" lacks \"%s\"", c.what, what);
	assert_non_null(c.fix);
}

static void test_odd_characters_are_named(void **state)
{
	(void)state;
	struct hint_char c;
	assert_false(hint_odd_char("plain text, with 'quotes' and \"more\" - and \xc3\xa9", &c));
	expect_odd("g\xc2\xa0", 0xA0, "no-break space");
	expect_odd("a\tb", 0x09, "tab");
	expect_odd("\xe2\x80\x9cGood\xe2\x80\x9d", 0x201C, "curly quote");
	expect_odd("Children\xe2\x80\x99s", 0x2019, "curly quote");
	expect_odd("a\xe2\x80\x8b", 0x200B, "zero-width space");
	expect_odd("rec\xe2\x80\x93tool", 0x2013, "en dash");
	expect_odd("x\xe2\x80\x83y", 0x2003, "unusual space");
	expect_odd("x\xe2\x80\xaey", 0x202E, "text-direction");
	expect_odd("x\x1b", 0x1B, "control character");

	char *note = hint_odd_note("g\xc2\xa0");
	assert_string_equal(note, "; it holds a no-break space (U+00A0): replace it with an "
				  "ordinary space, or delete it");
	free(note);
	note = hint_odd_note("plain");
	assert_string_equal(note, "");
	free(note);
}

static void expect_id_problem(const char *id, const char *want)
{
	char *why = hint_id_problem(id);
	assert_non_null(why);
	if (!strstr(why, want))
		fail_msg("\"%s\" lacks \"%s\"", why, want);
	free(why);
}

static void test_id_problems(void **state)
{
	(void)state;
	char *ok = hint_id_problem("rec-tool_2");
	assert_string_equal(ok, "");
	free(ok);
	expect_id_problem("", "empty");
	expect_id_problem("recognition-graded-care-profile-two-tool-used",
			  "45 characters long; the limit is 40");
	expect_id_problem("Neglect", "capital N");
	expect_id_problem("rec.tool", "holds '.'");
	expect_id_problem("rec tool", "use '-' between words");
	expect_id_problem("-rec", "starts with '-'");
	expect_id_problem("rec\xc2\xa0tool", "no-break space (U+00A0)");
	expect_id_problem("caf\xc3\xa9", "outside a-z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_edit_distance),
	    cmocka_unit_test(test_nearest),
	    cmocka_unit_test(test_odd_characters_are_named),
	    cmocka_unit_test(test_id_problems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
