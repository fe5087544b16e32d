/* Filling in a form: the shipped forms, editors, choices, values, validation, changes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formfill.h"

/* The lists of a small audit (no @templates, no @grades), and the form being filled. */
struct fixture {
	struct named_list lists[CHOICES_COUNT];
	struct form_context ctx;
	struct form *form;
	struct formfill *ff;
	struct record init, rec; /* the initial values (none: NULL), the last submit's */
};

/* Each list's items as "id:Label". */
static const char *const lists[CHOICES_COUNT][5] = {
    [CHOICES_AGENCIES] = {"police:Police", "health:Health", "school:Education"},
    [CHOICES_TAGS] = {"domestic-abuse:Domestic abuse", "drugs-alcohol:Drugs and alcohol",
		      "homelessness:Homelessness", "neglect:Neglect"},
    [CHOICES_AGE_BANDS] = {"under-1:Under 1", "1-4:1 to 4", "5-9:5 to 9", "10-17:10 to 17"},
    [CHOICES_PLAN_STATUSES] = {"cin:Child in need", "cp:Child protection"},
    [CHOICES_CASES] = {"c1:Child A"},
    [CHOICES_SECTIONS] = {"s1:Early help"},
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	*state = fx;
	for (size_t s = 0; s < CHOICES_COUNT; s++)
		for (size_t i = 0; i < 5 && lists[s][i]; i++) {
			char id[41];
			const char *colon = strchr(lists[s][i], ':');
			snprintf(id, sizeof id, "%.*s", (int)(colon - lists[s][i]), lists[s][i]);
			if (!named_add(&fx->lists[s], id, colon + 1))
				return -1;
			fx->ctx.lists[s] = &fx->lists[s];
		}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	formfill_free(fx->ff);
	form_free(fx->form);
	record_free(&fx->init);
	record_free(&fx->rec);
	for (size_t i = 0; i < CHOICES_COUNT; i++)
		named_list_free(&fx->lists[i]);
	free(fx);
	return 0;
}

/* A new state for the shipped form called name, with the values set in fx->init. */
static struct formfill *fill(struct fixture *fx, const char *name)
{
	char path[512];
	struct diag_list diags = {0};
	snprintf(path, sizeof path, "%s/forms/%s.ini", MACA_SOURCE_DIR, name);
	formfill_free(fx->ff);
	fx->ff = NULL;
	form_free(fx->form);
	if (form_load_file(path, &fx->form, &diags) != 0)
		diag_print(&diags, stderr);
	diag_list_free(&diags);
	assert_non_null(fx->form);
	fx->ff = formfill_new(fx->form, &fx->ctx, fx->init.values.n ? &fx->init : NULL);
	assert_non_null(fx->ff);
	return fx->ff;
}

static void set(struct fixture *fx, const char *id, const char *value)
{
	assert_true(record_set(&fx->init, id, value));
}

static int submit(struct fixture *fx)
{
	return formfill_submit(fx->ff, &fx->rec);
}

/* A value of the last submit's record. */
static void assert_value(struct fixture *fx, const char *id, const char *want)
{
	assert_non_null(record_get(&fx->rec, id));
	assert_string_equal(record_get(&fx->rec, id), want);
}

static size_t field_index(const struct formfill *ff, const char *id)
{
	for (size_t i = 0; i < formfill_nfields(ff); i++)
		if (strcmp(formfill_field(ff, i)->id, id) == 0)
			return i;
	fail_msg("no field %s", id);
	return 0;
}

static void go_to(struct formfill *ff, const char *id)
{
	formfill_set_current(ff, field_index(ff, id));
	assert_int_equal(formfill_current(ff), field_index(ff, id));
}

static void type(struct formfill *ff, const char *id, const char *text)
{
	struct editbuf *eb = formfill_editbuf(ff, field_index(ff, id));
	assert_non_null(eb);
	assert_int_equal(editbuf_insert_utf8(eb, text, strlen(text)), EDITBUF_OK);
}

/* Highlights entry i of the current field and chooses it. */
static void choose(struct formfill *ff, size_t i)
{
	while (formfill_choice_up(ff))
		;
	for (size_t k = 0; k < i; k++)
		assert_true(formfill_choice_down(ff));
	assert_int_equal(formfill_choose(ff), FORMFILL_OK);
}

/* The record's values as "id=value|id=value|...", in order. */
static void assert_record(const struct record *rec, const char *want)
{
	char got[2048] = "";
	for (size_t i = 0; i < rec->values.n; i++) {
		size_t len = strlen(got);
		snprintf(got + len, sizeof got - len, "%s%s=%s", i ? "|" : "",
			 rec->values.items[i].id, rec->values.items[i].label);
	}
	assert_string_equal(got, want);
}

/* Entry i as "id=label", with "*" before it when selected and "?" after it when unknown. */
static void assert_entry(const struct formfill *ff, size_t field, size_t i, const char *want)
{
	struct formfill_choice c;
	char got[256];
	assert_true(formfill_choice(ff, field, i, &c));
	snprintf(got, sizeof got, "%s%s=%s%s", c.selected ? "*" : "", c.id, c.label,
		 c.known ? "" : "?");
	assert_string_equal(got, want);
}

static void assert_summary(const struct formfill *ff, size_t field, const char *want)
{
	char *got = formfill_choice_summary(ff, field);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The current values, through fx->rec (which formfill_record replaces). */
static void assert_values(struct fixture *fx, const char *want)
{
	assert_int_equal(formfill_record(fx->ff, &fx->rec), FORMFILL_OK);
	assert_record(&fx->rec, want);
}

static void test_fill_case_from_empty(void **state)
{
	struct fixture *fx = *state;
	struct formfill *ff = fill(fx, "case");

	assert_int_equal(formfill_nfields(ff), 5);
	assert_int_equal(formfill_current(ff), 0);
	assert_true(formfill_required(ff, 0));
	assert_false(formfill_required(ff, 1));
	assert_non_null(strstr(formfill_help(ff), "pseudonym"));
	assert_false(formfill_changed(ff));
	assert_values(fx, "reference=|age_band=|plan_status=|tags=|summary=");

	type(ff, "reference", "Child A");
	assert_true(formfill_next(ff)); /* age band */
	assert_null(formfill_editbuf(ff, 1));
	assert_int_equal(formfill_choice_count(ff, 1), 4);
	assert_true(formfill_choice_down(ff));
	assert_true(formfill_choice_down(ff));
	assert_int_equal(formfill_choose(ff), FORMFILL_OK);
	assert_entry(ff, 1, 2, "*5-9=5 to 9");
	assert_entry(ff, 1, 0, "under-1=Under 1");

	assert_true(formfill_next(ff));
	assert_true(formfill_next(ff)); /* tags */
	assert_non_null(strstr(formfill_help(ff), "Choose all that apply"));
	choose(ff, 1); /* drugs-alcohol */
	choose(ff, 3); /* neglect */
	choose(ff, 1); /* drugs-alcohol off again */
	assert_values(fx, "reference=Child A|age_band=5-9|plan_status=|tags=neglect|summary=");
	assert_summary(ff, 3, "Neglect");
	assert_true(formfill_changed(ff));

	assert_int_equal(submit(fx), 0);
	assert_record(&fx->rec,
		      "reference=Child A|age_band=5-9|plan_status=|tags=neglect|summary=");
	for (size_t i = 0; i < 4; i++)
		assert_null(formfill_problem(ff, i));
}

static void test_round_trip_unchanged(void **state)
{
	struct fixture *fx = *state;
	set(fx, "reference", "Child B");
	set(fx, "tags", "neglect, domestic-abuse,neglect");
	set(fx, "plan_status", "cp");
	struct formfill *ff = fill(fx, "case");

	assert_false(formfill_changed(ff));
	/* Form order and choice order; the repeated id counts once. */
	assert_values(fx, "reference=Child B|age_band=|plan_status=cp|tags=domestic-abuse,neglect|"
			  "summary=");
	assert_int_equal(formfill_highlight(ff, 2), 1); /* on the selected entry */
	assert_int_equal(formfill_highlight(ff, 1), 0);

	/* A change, and undoing it. */
	go_to(ff, "tags");
	choose(ff, 2);
	assert_true(formfill_changed(ff));
	choose(ff, 2);
	assert_false(formfill_changed(ff));
	struct editbuf *eb = formfill_editbuf(ff, 0);
	assert_int_equal(editbuf_insert_char(eb, L'x'), EDITBUF_OK);
	assert_true(formfill_changed(ff));
	assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_false(formfill_changed(ff));
	/* Trailing spaces are trimmed from the value: no change. */
	assert_int_equal(editbuf_insert_char(eb, L' '), EDITBUF_OK);
	assert_false(formfill_changed(ff));

	/* After saving, the saved values are the new reference point. */
	go_to(ff, "age_band");
	choose(ff, 0);
	assert_true(formfill_changed(ff));
	assert_int_equal(formfill_mark_saved(ff), FORMFILL_OK);
	assert_false(formfill_changed(ff));
	assert_int_equal(formfill_clear(ff), FORMFILL_OK);
	assert_true(formfill_changed(ff));
}

static void test_required_empty(void **state)
{
	struct fixture *fx = *state;
	struct formfill *ff = fill(fx, "action");
	size_t what = field_index(ff, "what");

	type(ff, "due_date", "2025-03-31");
	go_to(ff, "status");
	choose(ff, 1);
	assert_int_equal(submit(fx), 1);
	assert_string_equal(formfill_problem(ff, what), "Action is required");
	for (size_t i = 0; i < formfill_nfields(ff); i++)
		if (i != what)
			assert_null(formfill_problem(ff, i));
	assert_int_equal(formfill_current(ff), what);
	/* out still holds the values, e.g. for a draft. */
	assert_value(fx, "status", "in-progress");

	/* Spaces alone are still empty. */
	type(ff, "what", "   ");
	assert_int_equal(submit(fx), 1);
	type(ff, "what", "Invite the domestic abuse service");
	assert_int_equal(submit(fx), 0);
	assert_null(formfill_problem(ff, what));
	assert_record(&fx->rec, "what=Invite the domestic abuse service|owner_agency=|"
				"due_date=2025-03-31|measure=|status=in-progress");

	/* A blank text is empty; a text loses blank lines before and spaces after it. */
	ff = fill(fx, "good-practice");
	type(ff, "text", "\n\n  \n");
	assert_int_equal(submit(fx), 1);
	assert_string_equal(formfill_problem(ff, 0), "Good practice is required");
	type(ff, "text", "  Indented\tline  \n\n");
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "text", "  Indented\tline"); /* a pasted tab is kept */
}

/* A field the form hides (form_reword: it does not apply) is skipped by every move, keeps
 * its value, and comes back into view when a submit finds a problem with it. */
static void test_hidden_fields(void **state)
{
	struct fixture *fx = *state;
	set(fx, "reference", "Child A");
	set(fx, "plan_status", "cp");
	char path[512];
	struct diag_list diags = {0};
	snprintf(path, sizeof path, "%s/forms/case.ini", MACA_SOURCE_DIR);
	assert_int_equal(form_load_file(path, &fx->form, &diags), 0);
	size_t plan = 0;
	for (size_t i = 0; i < fx->form->nfields; i++)
		if (strcmp(fx->form->fields[i].id, "plan_status") == 0)
			plan = i;
	fx->form->fields[plan].hidden = true;
	fx->ff = formfill_new(fx->form, &fx->ctx, &fx->init);
	assert_non_null(fx->ff);
	struct formfill *ff = fx->ff;
	assert_true(formfill_hidden(ff, plan));
	/* Walk the fields: the hidden one is never current. */
	size_t seen = 1;
	while (formfill_next(ff)) {
		assert_int_not_equal(formfill_current(ff), plan);
		seen++;
	}
	assert_int_equal(seen, formfill_nfields(ff) - 1);
	while (formfill_prev(ff))
		assert_int_not_equal(formfill_current(ff), plan);
	assert_false(formfill_set_current(ff, plan));
	/* Its value goes through as it was. */
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "plan_status", "cp");
	assert_false(formfill_changed(ff));
	/* A value its choices lack is a problem: the field shows itself, current. */
	formfill_free(fx->ff);
	record_free(&fx->init);
	set(fx, "reference", "Child A");
	set(fx, "plan_status", "gone");
	fx->ff = formfill_new(fx->form, &fx->ctx, &fx->init);
	assert_int_equal(submit(fx), 1);
	assert_false(formfill_hidden(fx->ff, plan));
	assert_int_equal(formfill_current(fx->ff), plan);
	diag_list_free(&diags);
}

/* The first field shown is current from the start, even when the form's first is hidden. */
static void test_hidden_first_field(void **state)
{
	struct fixture *fx = *state;
	char path[512];
	struct diag_list diags = {0};
	snprintf(path, sizeof path, "%s/forms/good-practice.ini", MACA_SOURCE_DIR);
	assert_int_equal(form_load_file(path, &fx->form, &diags), 0);
	fx->form->fields[1].hidden = true; /* agencies; the text is required and stays */
	fx->ff = formfill_new(fx->form, &fx->ctx, NULL);
	assert_int_equal(formfill_current(fx->ff), 0);
	assert_true(formfill_next(fx->ff));
	assert_int_equal(formfill_current(fx->ff), 2);
	assert_false(formfill_next(fx->ff));
	assert_true(formfill_prev(fx->ff));
	assert_int_equal(formfill_current(fx->ff), 0);
	diag_list_free(&diags);
}

static void test_too_long_reference(void **state)
{
	struct fixture *fx = *state;
	set(fx, "reference", "Child with a reference far too long for it"); /* 42 */
	struct formfill *ff = fill(fx, "case");
	struct editbuf *eb = formfill_editbuf(ff, 0);

	/* Kept whole, not cut. */
	assert_values(fx, "reference=Child with a reference far too long for it|age_band=|"
			  "plan_status=|tags=|summary=");
	go_to(ff, "tags");
	assert_int_equal(submit(fx), 1);
	assert_string_equal(formfill_problem(ff, 0), "Case reference is longer than 40 characters");
	assert_int_equal(formfill_current(ff), 0);
	assert_int_equal(editbuf_insert_char(eb, L'x'), EDITBUF_TOO_LONG);
	for (int i = 0; i < 3; i++)
		assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "reference", "Child with a reference far too long for");
	assert_null(formfill_problem(ff, 0));
	/* A paste past max_length goes in not at all, rather than cut. */
	assert_int_equal(editbuf_insert_utf8(eb, "abc", 3), EDITBUF_TOO_LONG);
	assert_int_equal(editbuf_length(eb), 39);
	assert_int_equal(editbuf_insert_utf8(eb, "a", 1), EDITBUF_OK);
	assert_int_equal(editbuf_length(eb), 40);
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "reference", "Child with a reference far too long fora");
}

static void test_invalid_date(void **state)
{
	struct fixture *fx = *state;
	struct formfill *ff = fill(fx, "action");
	size_t due = field_index(ff, "due_date");

	type(ff, "what", "Review the plan");
	type(ff, "due_date", "2025-02-30");
	assert_int_equal(submit(fx), 1);
	assert_string_equal(formfill_problem(ff, due),
			    "Due date must be a date written YYYY-MM-DD, not '2025-02-30'");
	assert_int_equal(formfill_current(ff), due);

	/* Fixed, with spaces around it: trimmed. */
	struct editbuf *eb = formfill_editbuf(ff, due);
	while (editbuf_backspace(eb) == EDITBUF_OK)
		;
	type(ff, "due_date", " 2024-02-29 ");
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "due_date", "2024-02-29");
	assert_null(formfill_problem(ff, due));
}

static void test_single_choice_replaces(void **state)
{
	struct fixture *fx = *state;
	struct formfill *ff = fill(fx, "action");
	size_t owner = field_index(ff, "owner_agency");
	go_to(ff, "owner_agency");

	choose(ff, 0);
	assert_values(fx, "what=|owner_agency=police|due_date=|measure=|status=");
	choose(ff, 2);
	assert_values(fx, "what=|owner_agency=school|due_date=|measure=|status=");
	choose(ff, 2); /* choosing it again keeps it */
	assert_summary(ff, owner, "Education");
	assert_entry(ff, owner, 0, "police=Police");
	assert_int_equal(formfill_clear(ff), FORMFILL_OK);
	assert_values(fx, "what=|owner_agency=|due_date=|measure=|status=");
}

static void test_multi_choice_order(void **state)
{
	struct fixture *fx = *state;
	struct formfill *ff = fill(fx, "case");
	go_to(ff, "tags");

	choose(ff, 3);
	choose(ff, 0);
	choose(ff, 2);
	assert_values(fx, "reference=|age_band=|plan_status=|"
			  "tags=domestic-abuse,homelessness,neglect|summary=");
	assert_summary(ff, 3, "Domestic abuse, Homelessness, Neglect");
}

/* A letter jumps to the next choice with a word starting with it (either case), wrapping;
 * an apostrophe does not start a word; nothing found leaves the highlight where it was. */
static void test_choice_seek(void **state)
{
	struct fixture *fx = *state;
	assert_true(named_add(&fx->lists[CHOICES_AGENCIES], "csc", "Children's social care"));
	assert_true(named_add(&fx->lists[CHOICES_AGENCIES], "wa", "Women's aid"));
	struct formfill *ff = fill(fx, "action");
	size_t owner = field_index(ff, "owner_agency");
	go_to(ff, "owner_agency");

	assert_true(formfill_choice_seek(ff, 'h'));
	assert_int_equal(formfill_highlight(ff, owner), 1); /* Health */
	assert_true(formfill_choice_seek(ff, 'S'));
	assert_int_equal(formfill_highlight(ff, owner), 3); /* Children's social care */
	assert_true(formfill_choice_seek(ff, 's'));
	assert_int_equal(formfill_highlight(ff, owner), 3); /* round to itself, not Women's */
	assert_true(formfill_choice_seek(ff, 'p'));
	assert_int_equal(formfill_highlight(ff, owner), 0); /* Police, round the end */
	assert_true(formfill_choice_seek(ff, 'p'));
	assert_int_equal(formfill_highlight(ff, owner), 0); /* the only one: stays on it */
	assert_true(formfill_choice_seek(ff, 'c'));
	assert_int_equal(formfill_highlight(ff, owner), 3); /* care, not Education's c */
	assert_false(formfill_choice_seek(ff, 'z'));
	assert_false(formfill_choice_seek(ff, '-'));
	assert_int_equal(formfill_highlight(ff, owner), 3);
	/* A single choice is picked where a letter finds it, as a drop-down does. */
	assert_values(fx, "what=|owner_agency=csc|due_date=|measure=|status=");
	assert_true(formfill_choice_seek(ff, 'h'));
	assert_values(fx, "what=|owner_agency=health|due_date=|measure=|status=");
	assert_false(formfill_choice_seek(ff, 'z')); /* nothing found: the pick stays */
	assert_values(fx, "what=|owner_agency=health|due_date=|measure=|status=");

	go_to(ff, "what"); /* a text field: no choices to seek */
	assert_false(formfill_choice_seek(ff, 'p'));
}

/* In a multi-choice list a letter only moves: ticking is Space's, and nothing changes. */
static void test_choice_seek_multi_moves_only(void **state)
{
	struct fixture *fx = *state;
	struct formfill *ff = fill(fx, "case");
	size_t tags = field_index(ff, "tags");
	go_to(ff, "tags");
	assert_true(formfill_choice_seek(ff, 'n'));
	assert_int_equal(formfill_highlight(ff, tags), 3); /* Neglect */
	assert_values(fx, "reference=|age_band=|plan_status=|tags=|summary=");
}

static void test_utf8_round_trip(void **state)
{
	struct fixture *fx = *state;
	const char *names = "Siân, Zoë, Łukasz, Ngozi-Ọlá";
	const char *text = "Siân and Zoë\nŁukasz\n\nNgozi-Ọlá (Ọ̀)";
	set(fx, "title", names);
	set(fx, "text", text);
	struct formfill *ff = fill(fx, "learning-point");

	assert_false(formfill_changed(ff));
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "title", names);
	assert_value(fx, "text", text);

	/* Typed a character at a time through the editor. */
	ff = fill(fx, "case");
	struct editbuf *eb = formfill_editbuf(ff, 0);
	const wchar_t *w = L"Siân Zoë Łukasz Ngozi-Ọlá";
	for (size_t i = 0; w[i]; i++)
		assert_int_equal(editbuf_insert_char(eb, w[i]), EDITBUF_OK);
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "reference", "Siân Zoë Łukasz Ngozi-Ọlá");
}

static void test_missing_source(void **state)
{
	struct fixture *fx = *state;
	fx->ctx.lists[CHOICES_TAGS] = NULL;
	struct formfill *ff = fill(fx, "case");

	go_to(ff, "tags");
	assert_int_equal(formfill_choice_count(ff, 3), 0);
	assert_false(formfill_choice_down(ff));
	assert_int_equal(formfill_choose(ff), FORMFILL_REFUSED);
	struct formfill_choice c;
	assert_false(formfill_choice(ff, 3, 0, &c));
	type(ff, "reference", "Child C");
	assert_int_equal(submit(fx), 0);
	assert_value(fx, "tags", "");

	/* A value set for it shows as unknown and is reported. */
	set(fx, "reference", "Child C");
	set(fx, "tags", "neglect");
	ff = fill(fx, "case");
	assert_int_equal(formfill_choice_count(ff, 3), 1);
	assert_entry(ff, 3, 0, "*neglect=neglect?");
	assert_int_equal(submit(fx), 1);
	assert_string_equal(formfill_problem(ff, 3), "Case features has no choice 'neglect'");
	assert_int_equal(formfill_current(ff), 3);
	assert_int_equal(formfill_clear(ff), FORMFILL_OK);
	assert_int_equal(submit(fx), 0);

	/* No context at all. */
	struct formfill *bare = formfill_new(fx->form, NULL, NULL);
	assert_non_null(bare);
	assert_int_equal(formfill_choice_count(bare, 1), 0);
	formfill_free(bare);
}

static void test_unknown_initial_ids(void **state)
{
	struct fixture *fx = *state;
	set(fx, "reference", "Child D");
	set(fx, "age_band", "teen");
	set(fx, "tags", "gangs,neglect,county-lines");
	struct formfill *ff = fill(fx, "case");

	/* Kept, after the real choices, and reported. */
	assert_false(formfill_changed(ff));
	assert_values(fx, "reference=Child D|age_band=teen|plan_status=|"
			  "tags=neglect,gangs,county-lines|summary=");
	assert_int_equal(formfill_choice_count(ff, 1), 5);
	assert_int_equal(formfill_highlight(ff, 1), 4);
	assert_int_equal(formfill_choice_count(ff, 3), 6);
	assert_entry(ff, 3, 4, "*gangs=gangs?");
	assert_entry(ff, 3, 5, "*county-lines=county-lines?");
	assert_int_equal(submit(fx), 2);
	assert_string_equal(formfill_problem(ff, 1), "Age band has no choice 'teen'");
	assert_string_equal(formfill_problem(ff, 3), "Case features has no choice 'gangs'");
	assert_int_equal(formfill_current(ff), 1);

	/* Choosing a real age band replaces it; the unknown entry stays listed. */
	choose(ff, 0);
	assert_int_equal(formfill_choice_count(ff, 1), 5);
	go_to(ff, "tags");
	choose(ff, 4);
	choose(ff, 5);
	assert_int_equal(submit(fx), 0);
	assert_record(&fx->rec, "reference=Child D|age_band=under-1|plan_status=|tags=neglect|"
				"summary=");
	/* And can be chosen again. */
	choose(ff, 5);
	assert_int_equal(submit(fx), 1);
}

static void test_navigation(void **state)
{
	struct fixture *fx = *state;
	struct formfill *ff = fill(fx, "case");

	assert_false(formfill_prev(ff));
	/* Choice functions refuse a text field. */
	assert_false(formfill_choice_down(ff));
	assert_int_equal(formfill_choose(ff), FORMFILL_REFUSED);
	assert_int_equal(formfill_clear(ff), FORMFILL_REFUSED);
	assert_int_equal(formfill_choice_count(ff, 0), 0);
	for (size_t i = 1; i < 5; i++)
		assert_true(formfill_next(ff));
	assert_false(formfill_next(ff));
	assert_true(formfill_prev(ff));
	assert_false(formfill_set_current(ff, 5));
	assert_int_equal(formfill_current(ff), 3);
	assert_null(formfill_field(ff, 5));
	assert_null(formfill_editbuf(ff, 5));
	assert_null(formfill_problem(ff, 5));

	/* The highlight stops at both ends too. */
	go_to(ff, "age_band");
	assert_false(formfill_choice_up(ff));
	assert_true(formfill_set_highlight(ff, 3));
	assert_false(formfill_choice_down(ff));
	assert_false(formfill_set_highlight(ff, 4));
	assert_int_equal(formfill_highlight(ff, 1), 3);
	assert_false(formfill_changed(ff)); /* moving is no change */
}

/* Every shipped form, submitted empty, reports exactly its required fields. */
static void test_all_forms_empty(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = {"audit", "case", "learning-point", "action",
					    "good-practice"};
	for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
		struct formfill *ff = fill(fx, names[n]);
		size_t required = 0, first = formfill_nfields(ff);
		for (size_t i = 0; i < formfill_nfields(ff); i++)
			if (formfill_required(ff, i) && required++ == 0)
				first = i;
		/* A learning point needs its title or its text: the store says so. */
		assert_true(required > 0 || strcmp(names[n], "learning-point") == 0);
		formfill_set_current(ff, formfill_nfields(ff) - 1);
		assert_int_equal(submit(fx), (int)required);
		assert_int_equal(fx->rec.values.n, formfill_nfields(ff));
		/* Sent to the first required field; with none, left where it was. */
		assert_int_equal(formfill_current(ff), required ? first : formfill_nfields(ff) - 1);
		for (size_t i = 0; i < formfill_nfields(ff); i++)
			assert_true((formfill_problem(ff, i) != NULL) == formfill_required(ff, i));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	    T(test_fill_case_from_empty),
	    T(test_round_trip_unchanged),
	    T(test_required_empty),
	    T(test_too_long_reference),
	    T(test_hidden_fields),
	    T(test_hidden_first_field),
	    T(test_invalid_date),
	    T(test_single_choice_replaces),
	    T(test_multi_choice_order),
	    T(test_choice_seek),
	    T(test_choice_seek_multi_moves_only),
	    T(test_utf8_round_trip),
	    T(test_missing_source),
	    T(test_unknown_initial_ids),
	    T(test_navigation),
	    T(test_all_forms_empty),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
