/* The synthetic demo audit: what it holds, that it says it is synthetic, that none of its text
 * looks like an identifier, that it is the same every time, and that it refuses other
 * templates and cleans up after a failure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

#define TEMPLATE_PATH MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini"

struct fx {
	struct store *st;
	struct template *tpl;
	int64_t audit;
	struct maca_err err;
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

static struct template *load_file(const char *path)
{
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (template_load_file(path, &tpl, &diags) != 0)
		fail_msg("%s: %s", path, diags.n ? diags.items[0].msg : "cannot load");
	diag_list_free(&diags);
	return tpl;
}

/* A fresh store with the demo audit made in it. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->tpl = load_file(TEMPLATE_PATH);
	assert_ok(f, store_open(":memory:", &f->st, &f->err));
	assert_ok(f, demo_create(f->st, f->tpl, &f->audit, &f->err));
	assert_true(f->audit > 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	template_free(f->tpl);
	err_clear(&f->err);
	free(f);
	return 0;
}

static struct case_info *cases(struct fx *f, int64_t audit, size_t *n)
{
	struct case_info *list;
	assert_ok(f, store_case_list(f->st, audit, &list, n, &f->err));
	return list;
}

static void test_counts(void **state)
{
	struct fx *f = *state;
	size_t ncases;
	struct case_info *list = cases(f, f->audit, &ncases);
	assert_int_equal(ncases, 6);
	size_t answers = 0, agreed = 0, notes = 0, moderated = 0, agreed_cases = 0;
	for (size_t i = 0; i < ncases; i++) {
		char want[16];
		snprintf(want, sizeof want, "Child %c", (char)('A' + i));
		assert_string_equal(list[i].reference, want);
		assert_true(list[i].tags.n >= 2);
		struct answer_row *a;
		struct agreed_row *g;
		struct note_row *nr;
		size_t na, ng, nn;
		assert_ok(f, store_case_answers(f->st, list[i].id, &a, &na, &f->err));
		assert_ok(f, store_case_agreed(f->st, list[i].id, &g, &ng, &f->err));
		assert_ok(f, store_case_notes(f->st, list[i].id, &nr, &nn, &f->err));
		answers += na;
		agreed += ng;
		notes += nn;
		agreed_cases += ng > 0;
		moderated += list[i].moderated;
		answer_rows_free(a, na);
		agreed_rows_free(g, ng);
		note_rows_free(nr, nn);
	}
	/* Four cases answered by three agencies in three sections (police leave one question),
	 * one case by children's social care in one section, and three free-text answers. */
	assert_int_equal(answers, 4 * (14 * 3 - 1) + 5 + 3);
	assert_int_equal(agreed, 2 * (5 + 4) + 0);
	assert_int_equal(agreed_cases, 2);
	assert_int_equal(notes, 5);
	assert_int_equal(moderated, 1);
	assert_true(list[0].moderated);
	/* Varied age bands and plan statuses. */
	assert_string_not_equal(list[0].age_band, list[1].age_band);
	assert_string_not_equal(list[0].plan_status, list[3].plan_status);
	case_info_list_free(list, ncases);

	int64_t answered, expected;
	assert_ok(f, store_audit_progress(f->st, f->audit, &answered, &expected, &f->err));
	assert_int_equal(answered, (int64_t)answers);
	assert_int_equal(expected, 6 * 5 * 42);

	struct good_practice_row *gp;
	size_t ngp;
	assert_ok(f, store_good_practice_list(f->st, f->audit, &gp, &ngp, &f->err));
	assert_int_equal(ngp, 3);
	good_practice_rows_free(gp, ngp);

	struct learning_point_row *lp;
	size_t nlp, nactions = 0;
	bool statuses[4] = {false};
	assert_ok(f, store_learning_points(f->st, f->audit, &lp, &nlp, &f->err));
	assert_int_equal(nlp, 3);
	for (size_t i = 0; i < nlp; i++) {
		assert_true(lp[i].nactions >= 1 && lp[i].nactions <= 2);
		assert_true(lp[i].cases.n > 0 && lp[i].agencies.n > 0 && lp[i].sections.n > 0);
		nactions += lp[i].nactions;
		for (size_t j = 0; j < lp[i].nactions; j++) {
			assert_true(*lp[i].actions[j].owner_agency && *lp[i].actions[j].due_date &&
				    *lp[i].actions[j].measure);
			statuses[lp[i].actions[j].status] = true;
		}
	}
	assert_int_equal(nactions, 5);
	assert_true(statuses[0] && statuses[1] && statuses[2] && statuses[3]);
	learning_point_rows_free(lp, nlp);
}

static void test_says_it_is_synthetic(void **state)
{
	struct fx *f = *state;
	struct audit_info a;
	assert_ok(f, store_audit_get(f->st, f->audit, &a, &f->err));
	assert_non_null(strstr(a.title, "SYNTHETIC"));
	assert_int_equal(strncmp(a.title, "SYNTHETIC DEMO — ", strlen("SYNTHETIC DEMO — ")), 0);
	assert_string_equal(a.partnership, "Synthetic Safeguarding Partnership (demo)");
	assert_string_equal(a.chair_agency, "police");
	assert_string_equal(a.template_id, "domestic-abuse");
	assert_non_null(strstr(a.background, "invented"));
	assert_true(*a.audit_date);
	assert_int_equal(a.nagencies, 5);
	audit_info_free(&a);
	/* Everything it wrote is credited to the demo, and the caller's origin is back. */
	assert_string_equal(store_author(f->st), "unknown");
	assert_string_equal(store_source(f->st), "keyboard");
	struct history_row *rows;
	size_t n;
	assert_ok(f, store_history_list(f->st, f->audit, &rows, &n, &f->err));
	assert_true(n > 100);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(rows[i].author, "maca demo");
		assert_string_equal(rows[i].source, "demo");
	}
	history_list_free(rows, n);
}

/* Identifier-looking text: a run of ten or more digits (NHS, phone numbers), an '@' (e-mail
 * addresses), or a date written d/m/yyyy (with '/', '.' or '-'). Returns what it found. */
static const char *identifier_like(const char *s)
{
	if (strchr(s, '@'))
		return "an '@'";
	size_t run = 0;
	for (const char *p = s; *p; p++) {
		run = isdigit((unsigned char)*p) ? run + 1 : 0;
		if (run >= 10)
			return "ten or more digits in a row";
	}
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		const char *q = p;
		size_t d = 0;
		while (isdigit((unsigned char)*q) && d < 3)
			q++, d++;
		if (d < 1 || d > 2 || !strchr("/.-", *q) || !*q)
			continue;
		char sep = *q++;
		for (d = 0; isdigit((unsigned char)*q); q++)
			d++;
		if (d < 1 || d > 2 || *q != sep)
			continue;
		for (d = 0, q++; isdigit((unsigned char)*q); q++)
			d++;
		if (d == 4)
			return "a date written d/m/yyyy";
	}
	return NULL;
}

static void test_scanner_catches_identifiers(void **state)
{
	(void)state;
	assert_non_null(identifier_like("call 01234567890 today"));
	assert_non_null(identifier_like("NHS 9434765919"));
	assert_non_null(identifier_like("someone@example.org"));
	assert_non_null(identifier_like("born 3/11/2019, seen"));
	assert_non_null(identifier_like("born 03.11.2019"));
	assert_non_null(identifier_like("12-03-2025"));
	assert_null(identifier_like("due 2025-09-30; dip sample of 20; 123456789"));
	assert_null(identifier_like("Siân (social worker) saw Child A twice"));
}

static void scan(struct sbuf *all, const char *s)
{
	const char *found = identifier_like(s);
	if (found)
		fail_msg("demo text holds %s: \"%s\"", found, s);
	sbuf_add(all, s);
	sbuf_addc(all, '\n');
}

static void scan_list(struct sbuf *all, const struct named_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		scan(all, l->items[i].id);
		scan(all, l->items[i].label);
	}
}

/* Every text the demo wrote, through the store's reads, scanned; returns them all, joined. */
static char *scan_audit(struct fx *f, int64_t audit)
{
	struct sbuf all = {0};
	struct audit_info a;
	assert_ok(f, store_audit_get(f->st, audit, &a, &f->err));
	scan(&all, a.title);
	scan(&all, a.partnership);
	scan(&all, a.background);
	scan(&all, a.audit_date);
	audit_info_free(&a);
	size_t ncases;
	struct case_info *list = cases(f, audit, &ncases);
	for (size_t i = 0; i < ncases; i++) {
		scan(&all, list[i].reference);
		scan(&all, list[i].age_band);
		scan(&all, list[i].plan_status);
		scan_list(&all, &list[i].tags);
		struct answer_row *ans;
		struct agreed_row *g;
		struct note_row *nr;
		size_t na, ng, nn;
		assert_ok(f, store_case_answers(f->st, list[i].id, &ans, &na, &f->err));
		assert_ok(f, store_case_agreed(f->st, list[i].id, &g, &ng, &f->err));
		assert_ok(f, store_case_notes(f->st, list[i].id, &nr, &nn, &f->err));
		for (size_t j = 0; j < na; j++) {
			scan(&all, ans[j].question_id);
			scan(&all, ans[j].value);
			scan(&all, ans[j].evidence);
		}
		for (size_t j = 0; j < ng; j++) {
			scan(&all, g[j].grade);
			scan(&all, g[j].rationale);
		}
		for (size_t j = 0; j < nn; j++)
			scan(&all, nr[j].text);
		answer_rows_free(ans, na);
		agreed_rows_free(g, ng);
		note_rows_free(nr, nn);
	}
	case_info_list_free(list, ncases);
	struct good_practice_row *gp;
	size_t ngp;
	assert_ok(f, store_good_practice_list(f->st, audit, &gp, &ngp, &f->err));
	for (size_t i = 0; i < ngp; i++) {
		scan(&all, gp[i].text);
		scan(&all, gp[i].agencies);
		scan(&all, gp[i].cases);
	}
	good_practice_rows_free(gp, ngp);
	struct learning_point_row *lp;
	size_t nlp;
	assert_ok(f, store_learning_points(f->st, audit, &lp, &nlp, &f->err));
	for (size_t i = 0; i < nlp; i++) {
		scan(&all, lp[i].title);
		scan(&all, lp[i].text);
		scan_list(&all, &lp[i].cases);
		scan_list(&all, &lp[i].agencies);
		scan_list(&all, &lp[i].sections);
		for (size_t j = 0; j < lp[i].nactions; j++) {
			scan(&all, lp[i].actions[j].what);
			scan(&all, lp[i].actions[j].owner_agency);
			scan(&all, lp[i].actions[j].due_date);
			scan(&all, lp[i].actions[j].measure);
		}
	}
	learning_point_rows_free(lp, nlp);
	/* The history holds every value as written, old and new. */
	struct history_row *h;
	size_t nh;
	assert_ok(f, store_history_list(f->st, audit, &h, &nh, &f->err));
	for (size_t i = 0; i < nh; i++) {
		scan(&all, h[i].old_value ? h[i].old_value : "");
		scan(&all, h[i].new_value ? h[i].new_value : "");
	}
	history_list_free(h, nh);
	char *text = sbuf_take(&all);
	assert_non_null(text);
	return text;
}

static void test_no_identifier_like_text(void **state)
{
	struct fx *f = *state;
	char *all = scan_audit(f, f->audit);
	/* Multi-line evidence, and UTF-8 in a practitioner's role, not a child's name. */
	assert_non_null(strstr(all, "Siân (social worker)"));
	assert_non_null(strstr(all, "\nSiân"));
	free(all);
}

static void test_twice_gives_two_identical_audits(void **state)
{
	struct fx *f = *state;
	int64_t second = 0;
	assert_ok(f, demo_create(f->st, f->tpl, &second, &f->err));
	assert_true(second > 0 && second != f->audit);
	struct audit_info *list;
	size_t n;
	assert_ok(f, store_audit_list(f->st, &list, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_not_equal(list[0].uuid, list[1].uuid);
	assert_string_equal(list[0].title, list[1].title);
	assert_int_equal(list[0].nanswers, list[1].nanswers);
	audit_info_list_free(list, n);
	/* The same content, apart from the UUID. */
	char *one = scan_audit(f, f->audit);
	char *two = scan_audit(f, second);
	assert_string_equal(one, two);
	free(one);
	free(two);
}

static void test_findings_show_for_agreed_cases(void **state)
{
	struct fx *f = *state;
	size_t ncases;
	struct case_info *list = cases(f, f->audit, &ncases);
	size_t identification =
	    (size_t)(template_section(f->tpl, "identification") - f->tpl->sections);
	size_t voice = (size_t)(template_section(f->tpl, "voice") - f->tpl->sections);
	int grades[6];
	for (size_t i = 0; i < ncases; i++) {
		struct agreed_row *g;
		size_t ng;
		assert_ok(f, store_case_agreed(f->st, list[i].id, &g, &ng, &f->err));
		grades[i] = findings_section_grade(f->tpl, identification, g, ng);
		if (i < 2)
			assert_true(findings_section_grade(f->tpl, voice, g, ng) >= 0);
		agreed_rows_free(g, ng);
	}
	case_info_list_free(list, ncases);
	assert_true(grades[0] >= 0 && grades[1] >= 0);
	for (size_t i = 2; i < 6; i++)
		assert_int_equal(grades[i], -1);
	size_t counts[5];
	assert_int_equal(findings_distribution(f->tpl, identification, grades, 6, counts), 4);
}

static void test_refuses_other_templates(void **state)
{
	struct fx *f = *state;
	struct template *other =
	    load_file(MACA_SOURCE_DIR "/audit-templates/multi-agency-practice.ini");
	int64_t id = 123;
	int rc = demo_create(f->st, other, &id, &f->err);
	template_free(other);
	assert_int_equal(rc, MACA_EUSER);
	assert_non_null(strstr(err_msg(&f->err), "domestic-abuse"));
	err_clear(&f->err);
	assert_int_equal(id, 0);
	struct audit_info *list;
	size_t n;
	assert_ok(f, store_audit_list(f->st, &list, &n, &f->err));
	assert_int_equal(n, 1); /* only the one setup made */
	audit_info_list_free(list, n);
}

/* A domestic-abuse template lacking a question the demo answers: the demo fails part-way and
 * takes its half-made audit away again. */
static void test_failure_leaves_no_audit(void **state)
{
	struct fx *f = *state;
	char *text = tu_read(TEMPLATE_PATH, NULL);
	assert_non_null(text);
	const char *from = "[question voice-all-agencies]";
	char *at = strstr(text, from);
	assert_non_null(at);
	char *edited = str_fmt("%.*s[question voice-every-agency]%s", (int)(at - text), text,
			       at + strlen(from));
	free(text);
	assert_non_null(edited);
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (template_parse("edited.ini", edited, strlen(edited), &tpl, &diags) != 0)
		fail_msg("%s", diags.n ? diags.items[0].msg : "cannot parse");
	diag_list_free(&diags);
	free(edited);
	int64_t id = 1;
	int rc = demo_create(f->st, tpl, &id, &f->err);
	template_free(tpl);
	assert_int_equal(rc, MACA_EUSER);
	assert_non_null(strstr(err_msg(&f->err), "voice-all-agencies"));
	err_clear(&f->err);
	assert_int_equal(id, 0);
	struct audit_info *list;
	size_t n;
	assert_ok(f, store_audit_list(f->st, &list, &n, &f->err));
	assert_int_equal(n, 1);
	audit_info_list_free(list, n);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_counts),
	    T(test_says_it_is_synthetic),
	    cmocka_unit_test(test_scanner_catches_identifiers),
	    T(test_no_identifier_like_text),
	    T(test_twice_gives_two_identical_audits),
	    T(test_findings_show_for_agreed_cases),
	    T(test_refuses_other_templates),
	    T(test_failure_leaves_no_audit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
