/* Markdown laid out for the terminal (ui_doc.h): paragraphs wrapped, lists with their
 * markers and hanging indent, headings without their marks, tables aligned (narrowed and
 * wrapped inside their cells, or as records when even that is too wide), code kept. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_doc.h"
#include "ui_fit.h"

/* The lines as "text\n" each; the layout stays in doc. */
static char *lay(const char *md, int width, struct ui_doc *doc)
{
	struct maca_err err = {0};
	assert_int_equal(ui_doc_layout(md, width, false, doc, &err), MACA_OK);
	size_t total = 1;
	for (size_t i = 0; i < doc->n; i++)
		total += strlen(doc->lines[i].text) + 1;
	char *all = malloc(total), *p = all;
	assert_non_null(all);
	for (size_t i = 0; i < doc->n; i++)
		p += sprintf(p, "%s\n", doc->lines[i].text);
	*p = '\0';
	return all;
}

static void assert_layout(const char *md, int width, const char *want)
{
	struct ui_doc doc = {0};
	char *got = lay(md, width, &doc);
	if (strcmp(got, want) != 0)
		fail_msg("at %d columns:\n--- got\n%s--- want\n%s", width, got, want);
	for (size_t i = 0; i < doc.n; i++)
		if (doc.lines[i].style != UI_DOC_CODE)
			assert_true(ui_text_cols(doc.lines[i].text, false) <= width);
	free(got);
	ui_doc_free(&doc);
}

static void paragraphs_wrap(void **state)
{
	(void)state;
	assert_layout("# Briefing\n\nThe Act defines domestic abuse broadly, including "
		      "coercive control.\n\n**Partnership**\n",
		      30,
		      "Briefing\n"
		      "\n"
		      "The Act defines domestic abuse\n"
		      "broadly, including coercive\n"
		      "control.\n"
		      "\n"
		      "Partnership\n");
	struct ui_doc doc = {0};
	char *got = lay("# Title\n\n## Sub\n\n**Bold all**\n\nplain *em* word\n", 40, &doc);
	assert_int_equal(doc.lines[0].style, UI_DOC_HEADING);
	assert_int_equal(doc.lines[0].level, 1);
	assert_int_equal(doc.lines[2].level, 2);
	assert_int_equal(doc.lines[4].style, UI_DOC_STRONG);
	assert_string_equal(doc.lines[6].text, "plain em word");
	assert_int_equal(doc.lines[6].style, UI_DOC_TEXT);
	free(got);
	ui_doc_free(&doc);
	/* Escapes are the characters themselves; a link keeps its address. */
	assert_layout("Ages 5\\-10 \\*not bold\\* and [the guide](https://example.org/g).\n", 80,
		      "Ages 5-10 *not bold* and the guide <https://example.org/g>.\n");
}

static void lists_hang(void **state)
{
	(void)state;
	assert_layout("- Drugs and alcohol (2 cases) in the first list item\n"
		      "- Homelessness\n\n"
		      "1. First point that runs long\n"
		      "2. Second\n",
		      24,
		      "\u2022 Drugs and alcohol (2\n"
		      "  cases) in the first\n"
		      "  list item\n"
		      "\u2022 Homelessness\n"
		      "\n"
		      "1. First point that runs\n"
		      "   long\n"
		      "2. Second\n");
	/* A nested list indents under its item. */
	assert_layout("- outer\n  - inner\n", 40, "\u2022 outer\n  \u2022 inner\n");
}

static void tables_align(void **state)
{
	(void)state;
	/* Each column as wide as its widest cell, aligned as the table says. */
	assert_layout("| Section | Average then | Direction |\n"
		      "| --- | ---: | :---: |\n"
		      "| Voice of the child | 2.5 | ^ better |\n"
		      "| Planning | – | ? |\n",
		      80,
		      "Section             Average then  Direction\n"
		      "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500"
		      "\u2500\u2500\u2500\u2500\u2500\u2500  "
		      "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500  "
		      "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n"
		      "Voice of the child           2.5  ^ better\n"
		      "Planning                       \u2013      ?\n");
	/* Narrower: the widest column wraps inside, between words. */
	assert_layout("| Section | Avg |\n| --- | ---: |\n| Responding at the point of "
		      "identification | 3.0 |\n",
		      24,
		      "Section              Avg\n"
		      "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500"
		      "\u2500\u2500\u2500\u2500\u2500\u2500\u2500  \u2500\u2500\u2500\n"
		      "Responding at the    3.0\n"
		      "point of\n"
		      "identification\n");
	struct ui_doc doc = {0};
	char *got = lay("| A | B |\n| - | - |\n| x | y |\n", 40, &doc);
	assert_int_equal(doc.lines[0].style, UI_DOC_TABLE_HEAD);
	assert_int_equal(doc.lines[1].style, UI_DOC_RULE);
	assert_int_equal(doc.lines[2].style, UI_DOC_TABLE);
	free(got);
	ui_doc_free(&doc);
}

static void wide_tables_become_records(void **state)
{
	(void)state;
	/* Too wide even with every word whole: each row a record under its first cell. */
	assert_layout("| Case | Responding at the point | Assessment and planning |\n"
		      "| --- | --- | --- |\n"
		      "| Child A | Requires improvement | Good |\n",
		      26,
		      "Child A\n"
		      "  Responding at the point:\n"
		      "      Requires improvement\n"
		      "  Assessment and planning:\n"
		      "      Good\n");
}

static void code_is_kept(void **state)
{
	(void)state;
	struct ui_doc doc = {0};
	char *got =
	    lay("```text\nCases per grade     then   now\n  Good              1 #    2 ##\n```\n",
		20, &doc);
	assert_string_equal(got,
			    "Cases per grade     then   now\n  Good              1 #    2 ##\n");
	assert_int_equal(doc.lines[0].style, UI_DOC_CODE);
	free(got);
	ui_doc_free(&doc);
	/* Nothing at all, and a rule. */
	assert_layout("", 40, "");
	assert_layout(
	    "a\n\n---\n\nb\n", 12,
	    "a\n\n\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n\nb\n");
}

/* A document laid out again for another width keeps the place read; the same width and
 * characters, or no text yet, leave it as it is. */
static void relayout_keeps_the_place(void **state)
{
	(void)state;
	char md[2000] = "";
	for (int i = 0; i < 20; i++)
		snprintf(md + strlen(md), sizeof md - strlen(md),
			 "Paragraph %d says a few words more than fit.\n\n", i);
	struct maca_err err = {0};
	struct ui_doc doc = {0};
	size_t top = 0;
	assert_int_equal(ui_doc_relayout(md, 80, false, &doc, &top, &err), MACA_OK);
	assert_int_equal(doc.width, 80);
	size_t wide = doc.n;
	top = wide / 2;
	assert_int_equal(ui_doc_relayout(md, 20, false, &doc, &top, &err), MACA_OK);
	assert_true(doc.n > wide);
	assert_int_equal(top, (wide / 2) * doc.n / wide);
	size_t narrow_top = top;
	assert_int_equal(ui_doc_relayout(md, 20, false, &doc, &top, &err), MACA_OK);
	assert_int_equal(top, narrow_top);
	/* The ASCII fallback is another layout; past the end comes back to the last line. */
	top = 10 * doc.n;
	assert_int_equal(ui_doc_relayout(md, 20, true, &doc, &top, &err), MACA_OK);
	assert_true(doc.ascii);
	assert_int_equal(top, doc.n - 1);
	assert_int_equal(ui_doc_relayout(NULL, 40, false, &doc, &top, &err), MACA_OK);
	assert_int_equal(doc.width, 20);
	ui_doc_free(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(paragraphs_wrap), cmocka_unit_test(lists_hang),
	    cmocka_unit_test(tables_align),    cmocka_unit_test(wide_tables_become_records),
	    cmocka_unit_test(code_is_kept),    cmocka_unit_test(relayout_keeps_the_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
