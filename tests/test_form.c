/* Forms: loading and the errors it reports, and validating records against a form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "sbuf.h"
#include "testutil.h"

/* A valid case form; tests edit it. */
static const char case_form[] = "[form]\n"				      /* 1 */
				"id = case\n"				      /* 2 */
				"title = Case\n"			      /* 3 */
				"record = case\n"			      /* 4 */
				"\n"					      /* 5 */
				"[field reference]\n"			      /* 6 */
				"label = Reference\n"			      /* 7 */
				"type = line\n"				      /* 8 */
				"required = yes\n"			      /* 9 */
				"max_length = 10\n"			      /* 10 */
				"\n"					      /* 11 */
				"[field age_band]\n"			      /* 12 */
				"label = Age band\n"			      /* 13 */
				"type = choice\n"			      /* 14 */
				"choices = @age-bands\n"		      /* 15 */
				"\n"					      /* 16 */
				"[field plan_status]\n"			      /* 17 */
				"label = Plan\n"			      /* 18 */
				"type = choice\n"			      /* 19 */
				"choices = @plan-statuses\n"		      /* 20 */
				"\n"					      /* 21 */
				"[field tags]\n"			      /* 22 */
				"label = Tags\n"			      /* 23 */
				"type = multi-choice\n"			      /* 24 */
				"choices = @tags\n"			      /* 25 */
				"\n"					      /* 26 */
				"[field school]\n"			      /* 27 */
				"label = School year\n"			      /* 28 */
				"type = number\n"			      /* 29 */
				"min = 0\n"				      /* 30 */
				"max = 13\n"				      /* 31 */
				"\n"					      /* 32 */
				"[field seen]\n"			      /* 33 */
				"label = Date last seen\n"		      /* 34 */
				"type = date\n"				      /* 35 */
				"\n"					      /* 36 */
				"[field risk]\n"			      /* 37 */
				"label = Risk\n"			      /* 38 */
				"type = choice\n"			      /* 39 */
				"choices = low: Low, high: High risk, med\n"; /* 40 */

static struct form *load(const char *text, struct diag_list *diags)
{
	char *path = tu_write(tu_group_dir, "form.ini", text);
	assert_non_null(path);
	struct form *f = NULL;
	int rc = form_load_file(path, &f, diags);
	free(path);
	assert_true((rc == 0) == (f != NULL));
	return f;
}

static void expect_problem(const char *from, const char *to, int line, const char *needle)
{
	const char *at = strstr(case_form, from);
	assert_non_null(at);
	char *text = str_fmt("%.*s%s%s", (int)(at - case_form), case_form, to, at + strlen(from));
	struct diag_list diags = {0};
	struct form *f = load(text, &diags);
	assert_null(f);
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
	free(text);
}

static void test_case_form_loads(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	struct form *f = load(case_form, &diags);
	assert_non_null(f);
	assert_int_equal(f->record, RECORD_CASE);
	assert_int_equal(f->nfields, 7);
	assert_string_equal(f->fields[0].id, "reference");
	assert_true(f->fields[0].builtin);
	assert_false(form_field(f, "school")->builtin); /* a local field */
	assert_int_equal(f->fields[0].max_length, 10);
	assert_int_equal(form_field(f, "tags")->source, CHOICES_TAGS);
	const struct form_field *risk = form_field(f, "risk");
	assert_int_equal(risk->choices.n, 3);
	assert_string_equal(risk->choices.items[1].id, "high");
	assert_string_equal(risk->choices.items[1].label, "High risk");
	assert_string_equal(risk->choices.items[2].label, "med");
	form_free(f);
}

/* From bytes in memory: the same form, and diagnostics naming the given name and line. */
static void test_parse_from_memory(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	struct form *f = NULL;
	assert_int_equal(form_parse("mem.ini", case_form, strlen(case_form), &f, &diags), 0);
	assert_non_null(f);
	assert_int_equal(f->nfields, 7);
	form_free(f);
	/* Only the first 4 lines: a [form] with no fields. */
	size_t len = (size_t)(strstr(case_form, "\n\n") - case_form) + 1;
	assert_int_equal(form_parse("mem.ini", case_form, len, &f, &diags), -1);
	assert_null(f);
	assert_true(diags.n > 0);
	assert_string_equal(diags.items[0].file, "mem.ini");
	assert_int_equal(diags.items[0].line, 1);
	diag_list_free(&diags);
}

static void test_shipped_forms_load(void **state)
{
	(void)state;
	for (int k = 0; k < RECORD_KIND_COUNT; k++) {
		char *path = str_fmt("%s/forms/%s.ini", tu_source_dir(),
				     record_kind_name((enum record_kind)k));
		struct diag_list diags = {0};
		struct form *f = NULL;
		int rc = form_load_file(path, &f, &diags);
		diag_print(&diags, stderr);
		assert_int_equal(rc, 0);
		assert_int_equal(f->record, k);
		form_free(f);
		diag_list_free(&diags);
		free(path);
	}
}

static void test_load_errors(void **state)
{
	(void)state;
	expect_problem("type = line\n", "type = paragraph\n", 8, "type must be");
	expect_problem("choices = @age-bands\n", "", 12, "needs 'choices'");
	expect_problem("type = date\n", "type = date\nchoices = a, b\n", 36, "only to choice");
	expect_problem("choices = @tags\n", "choices = @colours\n", 25, "unknown choice source");
	expect_problem("[field tags]\nlabel = Tags\ntype = multi-choice\nchoices = @tags\n", "", 1,
		       "must declare [field tags]");
	expect_problem("type = multi-choice\n", "type = choice\n", 22,
		       "must have type multi-choice");
	expect_problem("choices = @age-bands\n", "choices = @tags\n", 12, "@age-bands");
	expect_problem("required = yes\n", "", 6, "must be required");
	expect_problem("type = date\n", "type = date\nmax_length = 5\n", 36,
		       "only to line and text");
	expect_problem("max = 13\n", "max = -1\n", 31, "below min");
	expect_problem("min = 0\n", "min = zero\n", 30, "whole number");
	expect_problem("label = Risk\n", "label = Risk\nwidth = 3\n", 39, "unknown key 'width'");
	expect_problem("label = Risk\n", "label = Risk\nrequird = yes\n", 39,
		       "unknown key 'requird' in [field risk]: did you mean 'required'?");
	expect_problem("[field seen]", "[layout]", 33, "unknown section [layout]");
	expect_problem("record = case\n", "record = child\n", 4, "record must be");
	expect_problem("choices = low: Low, high: High risk, med\n",
		       "choices = low: Low, low: Again\n", 40, "listed twice");
	expect_problem("label = Reference\n", "", 6, "'label'");
}

/* A form may lower a field's limit, never raise it above what maca can send in a pack or
 * return and take back (issue 14, item 7): a reference at most 40 characters, a line 250. */
static void test_max_length_held_to_the_kind(void **state)
{
	(void)state;
	expect_problem("max_length = 10\n", "max_length = 41\n", 10,
		       "max_length must be at most 40: the limit for case reference");
	expect_problem("type = date\n", "type = line\nmax_length = 251\n", 36,
		       "max_length must be at most 250: the limit for one-line text");
	expect_problem("type = date\n", "type = text\nmax_length = 250001\n", 36,
		       "max_length must be at most 250000: the limit for long text");
	/* A reference declared as text is still a reference: one line, 40 characters. */
	struct diag_list diags = {0};
	const char *at = strstr(case_form, "type = line\nrequired = yes\nmax_length = 10\n");
	assert_non_null(at);
	char *text =
	    str_fmt("%.*stype = text\nrequired = yes\n%s", (int)(at - case_form), case_form,
		    at + strlen("type = line\nrequired = yes\nmax_length = 10\n"));
	struct form *f = load(text, &diags);
	assert_non_null(f);
	const struct form_field *ref = form_field(f, "reference");
	assert_int_equal(ref->kind, TEXT_REFERENCE);
	assert_int_equal(ref->max_length, 40);
	struct record rec = {0};
	struct named_list problems = {0};
	assert_true(record_set(&rec, "reference", "Child\nA"));
	assert_int_equal(form_validate(f, NULL, &rec, &problems), 1);
	assert_string_equal(problems.items[0].label, "Reference must be a single line");
	named_list_free(&problems);
	record_free(&rec);
	form_free(f);
	free(text);
	diag_list_free(&diags);
}

static void test_action_status_choices_are_checked(void **state)
{
	(void)state;
	char *path = str_fmt("%s/forms/action.ini", tu_source_dir());
	size_t len;
	char *text = tu_read(path, &len);
	assert_non_null(text);
	char *at = strstr(text, "done:");
	assert_non_null(at);
	char *bad = str_fmt("%.*sfinished:%s", (int)(at - text), text, at + strlen("done:"));
	struct diag_list diags = {0};
	assert_null(load(bad, &diags));
	bool found = false;
	for (size_t i = 0; i < diags.n; i++)
		found = found || strstr(diags.items[i].msg, "'finished' is not one of") != NULL;
	assert_true(found);
	diag_list_free(&diags);
	free(bad);
	free(text);
	free(path);
}

static void test_missing_form_section_and_empty_file(void **state)
{
	(void)state;
	struct diag_list diags = {0};
	assert_null(load("", &diags));
	assert_int_equal(diags.n, 1);
	assert_non_null(strstr(diags.items[0].msg, "empty"));
	diag_list_free(&diags);
	assert_null(load("[field x]\nlabel = X\ntype = line\n", &diags));
	assert_non_null(strstr(diags.items[0].msg, "missing the [form] section"));
	diag_list_free(&diags);
}

/* Validation */

struct fixture {
	struct form *form;
	struct named_list ages, plans, tags;
	struct form_context ctx;
};

static void fixture_init(struct fixture *fx)
{
	memset(fx, 0, sizeof *fx);
	struct diag_list diags = {0};
	fx->form = load(case_form, &diags);
	assert_non_null(fx->form);
	assert_true(named_add(&fx->ages, "1-4", "1 to 4"));
	assert_true(named_add(&fx->plans, "child-in-need", "Child in need"));
	assert_true(named_add(&fx->tags, "homelessness", "Homelessness"));
	assert_true(named_add(&fx->tags, "nrpf", "No recourse to public funds"));
	fx->ctx.lists[CHOICES_AGE_BANDS] = &fx->ages;
	fx->ctx.lists[CHOICES_PLAN_STATUSES] = &fx->plans;
	fx->ctx.lists[CHOICES_TAGS] = &fx->tags;
}

static void fixture_free(struct fixture *fx)
{
	form_free(fx->form);
	named_list_free(&fx->ages);
	named_list_free(&fx->plans);
	named_list_free(&fx->tags);
}

/* Validates one record built from field/value pairs; returns the problems. */
static size_t check(struct fixture *fx, struct named_list *problems, ...)
{
	struct record rec = {0};
	va_list ap;
	va_start(ap, problems);
	const char *field;
	while ((field = va_arg(ap, const char *)) != NULL)
		assert_true(record_set(&rec, field, va_arg(ap, const char *)));
	va_end(ap);
	size_t n = form_validate(fx->form, &fx->ctx, &rec, problems);
	record_free(&rec);
	return n;
}

static void expect_invalid(struct fixture *fx, const char *field, const char *value,
			   const char *needle)
{
	struct named_list problems = {0};
	assert_int_equal(check(fx, &problems, "reference", "Child A", field, value, NULL), 1);
	assert_string_equal(problems.items[0].id, field);
	if (!strstr(problems.items[0].label, needle))
		fail_msg("\"%s\" lacks \"%s\"", problems.items[0].label, needle);
	named_list_free(&problems);
}

static void test_valid_record(void **state)
{
	(void)state;
	struct fixture fx;
	fixture_init(&fx);
	struct named_list problems = {0};
	assert_int_equal(check(&fx, &problems, "reference", "Zoë A", "age_band", "1-4", "tags",
			       "homelessness, nrpf", "school", "13", "seen", "2024-02-29", "risk",
			       "high", NULL),
			 0);
	assert_int_equal(problems.n, 0);
	fixture_free(&fx);
}

static void test_invalid_values(void **state)
{
	(void)state;
	struct fixture fx;
	fixture_init(&fx);
	expect_invalid(&fx, "age_band", "teen", "no choice 'teen'");
	expect_invalid(&fx, "tags", "nrpf,drugs", "no choice 'drugs'");
	expect_invalid(&fx, "tags", "nrpf,nrpf", "twice");
	expect_invalid(&fx, "seen", "2023-02-29", "YYYY-MM-DD");
	expect_invalid(&fx, "seen", "29/02/2024", "YYYY-MM-DD");
	expect_invalid(&fx, "school", "14", "out of range");
	expect_invalid(&fx, "school", "year 3", "whole number");
	expect_invalid(&fx, "risk", "High risk", "no choice"); /* labels are not ids */
	expect_invalid(&fx, "nickname", "x", "no field 'nickname'");
	fixture_free(&fx);
}

static void test_required_length_and_lines(void **state)
{
	(void)state;
	struct fixture fx;
	fixture_init(&fx);
	struct named_list problems = {0};
	assert_int_equal(check(&fx, &problems, "age_band", "1-4", NULL), 1);
	assert_string_equal(problems.items[0].label, "Reference is required");
	named_list_free(&problems);
	/* Ten characters of two bytes each fit a limit of ten characters. */
	assert_int_equal(check(&fx, &problems, "reference", "éééééééééé", NULL), 0);
	assert_int_equal(check(&fx, &problems, "reference", "ééééééééééé", NULL), 1);
	named_list_free(&problems);
	assert_int_equal(check(&fx, &problems, "reference", "Child\nA", NULL), 1);
	assert_non_null(strstr(problems.items[0].label, "single line"));
	named_list_free(&problems);
	assert_int_equal(check(&fx, &problems, "reference", "\xC3\x28", NULL), 1);
	named_list_free(&problems);
	fixture_free(&fx);
}

/* What a field may hold is its kind's rule (text_rules.h), checked as the store will keep
 * it: a reference normalised (issue 14, items 6 and 7). */
static void test_characters_by_kind(void **state)
{
	(void)state;
	struct fixture fx;
	fixture_init(&fx);
	struct named_list problems = {0};
	const char *refused[][2] = {
	    {"Child\x1b[2J", "Reference holds a control character (U+001B)"},
	    {"Child\xe2\x80\x8b"
	     "A",
	     "Reference holds an invisible character (U+200B)"},
	    {"Child A\xe2\x80\xae", "Reference holds a text-direction control (U+202E)"},
	    {"A, B", "Reference holds a comma: lists of cases use commas"},
	    {"   ", "Reference is required"},
	    {"\xc2\xa0\xe3\x80\x80", "Reference is required"},
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		assert_int_equal(check(&fx, &problems, "reference", refused[i][0], NULL), 1);
		assert_string_equal(problems.items[0].label, refused[i][1]);
		named_list_free(&problems);
	}
	/* Ten characters once its spaces are normalised. */
	assert_int_equal(check(&fx, &problems, "reference", "   Child \xc2\xa0  AB   ", NULL), 0);
	fixture_free(&fx);

	/* One-line and long text in the audit form. */
	char *path = str_fmt("%s/forms/audit.ini", tu_source_dir());
	struct diag_list diags = {0};
	struct form *f = NULL;
	assert_int_equal(form_load_file(path, &f, &diags), 0);
	free(path);
	struct named_list templates = {0};
	assert_true(named_add(&templates, "t", "T"));
	struct form_context ctx = {0};
	ctx.lists[CHOICES_TEMPLATES] = &templates;
	struct record rec = {0};
	assert_true(record_set(&rec, "title",
			       "Audit\xc2\x9b"
			       "2J") &&
		    record_set(&rec, "template", "t") && record_set(&rec, "theme", "Theme\t1") &&
		    record_set(&rec, "background", "Line one\r\n\tLine two \x1b[1m"));
	/* The agencies taking part are chosen on every audit form. */
	assert_true(record_set(&rec, "agencies", "a"));
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "a", "A"));
	ctx.lists[CHOICES_AGENCIES] = &agencies;
	assert_int_equal(form_validate(f, &ctx, &rec, &problems), 2);
	named_list_free(&agencies);
	assert_string_equal(problems.items[0].label,
			    "Audit title holds a control character (U+009B)");
	assert_string_equal(problems.items[1].label, "Theme holds a tab (U+0009)");
	named_list_free(&problems);
	record_free(&rec);
	named_list_free(&templates);
	form_free(f);
	diag_list_free(&diags);
}

static void test_missing_context_list_refuses_choice(void **state)
{
	(void)state;
	struct fixture fx;
	fixture_init(&fx);
	fx.ctx.lists[CHOICES_TAGS] = NULL;
	struct named_list problems = {0};
	assert_int_equal(check(&fx, &problems, "reference", "A", "tags", "nrpf", NULL), 1);
	named_list_free(&problems);
	fixture_free(&fx);
}

static void test_local_fields_become_json(void **state)
{
	(void)state;
	struct fixture fx;
	fixture_init(&fx);
	struct record rec = {0};
	assert_true(record_set(&rec, "reference", "Child A"));
	assert_true(record_set(&rec, "school", "3"));
	assert_true(record_set(&rec, "risk", ""));
	assert_true(record_set(&rec, "seen", "2024-01-02"));
	char *json = form_extra_json(fx.form, &rec);
	assert_string_equal(json, "{\"school\":\"3\",\"seen\":\"2024-01-02\"}");
	free(json);
	assert_true(record_set(&rec, "school", "say \"hi\"\\\n"));
	json = form_extra_json(fx.form, &rec);
	assert_string_equal(json,
			    "{\"school\":\"say \\\"hi\\\"\\\\\\u000a\",\"seen\":\"2024-01-02\"}");
	free(json);
	record_free(&rec);
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_case_form_loads),
	    cmocka_unit_test(test_shipped_forms_load),
	    cmocka_unit_test(test_load_errors),
	    cmocka_unit_test(test_max_length_held_to_the_kind),
	    cmocka_unit_test(test_action_status_choices_are_checked),
	    cmocka_unit_test(test_missing_form_section_and_empty_file),
	    cmocka_unit_test(test_valid_record),
	    cmocka_unit_test(test_invalid_values),
	    cmocka_unit_test(test_required_length_and_lines),
	    cmocka_unit_test(test_characters_by_kind),
	    cmocka_unit_test(test_missing_context_list_refuses_choice),
	    cmocka_unit_test(test_local_fields_become_json),
	    cmocka_unit_test(test_parse_from_memory),
	};
	return cmocka_run_group_tests(tests, tu_group_dir_make, tu_group_dir_remove);
}
