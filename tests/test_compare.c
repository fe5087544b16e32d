/* Re-audits, the comparison and the partnership report, on two versions of a small template:
 * version 2 adds and removes questions, empties a section of its old questions, drops a
 * section and adds one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "compare.h"
#include "query_fixture.h"
#include "report.h"

#define SCALE                                                                                      \
	"[grade outstanding]\nlabel = Outstanding\nkey = o\n"                                      \
	"[grade good]\nlabel = Good\nkey = g\n"                                                    \
	"[grade requires-improvement]\nlabel = Requires improvement\nkey = r\n"                    \
	"[grade inadequate]\nlabel = Inadequate\nkey = i\n"                                        \
	"[grade not-applicable]\nlabel = Not applicable\nkey = n\nnot_applicable = yes\n"          \
	"[agencies]\npolice = Police\ncsc = Children's social care\n"

static const char v1[] = "[template]\nid = plans\ntitle = Plans\nversion = 1\n" SCALE
			 "[section plan]\ntitle = Planning\n"
			 "[question plan-a]\nsection = plan\ntext = Plan A?\n"
			 "[question plan-b]\nsection = plan\ntext = Plan B?\n"
			 "[question plan-old]\nsection = plan\ntext = Old plan question?\n"
			 "[section voice]\ntitle = Voice of the child\n"
			 "[question voice-a]\nsection = voice\ntext = Seen alone?\n"
			 "[section gone]\ntitle = Dropped section\n"
			 "[question gone-a]\nsection = gone\ntext = Gone?\n";

static const char v2[] = "[template]\nid = plans\ntitle = Plans\nversion = 2\n" SCALE
			 "[section plan]\ntitle = Planning\n"
			 "[question plan-a]\nsection = plan\ntext = Plan A?\n"
			 "[question plan-b]\nsection = plan\ntext = Plan B?\n"
			 "[question plan-new]\nsection = plan\ntext = New plan question?\n"
			 "[section voice]\ntitle = Voice of the child\n"
			 "[question voice-new]\nsection = voice\ntext = Heard?\n"
			 "[section fresh]\ntitle = New section\n"
			 "[question fresh-a]\nsection = fresh\ntext = Fresh?\n";

static struct template *parse(const char *name, const char *text)
{
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (template_parse(name, text, strlen(text), &tpl, &diags) != 0)
		fail_msg("%s: %s", name, diags.n ? diags.items[0].msg : "cannot parse");
	diag_list_free(&diags);
	return tpl;
}

/* Fails unless every one of want is in text; prints the text and each missing line. */
static void expect_lines(const char *text, const char *const *want, size_t n)
{
	size_t missing = 0;
	for (size_t i = 0; i < n; i++)
		if (!strstr(text, want[i])) {
			fprintf(stderr, "missing line %zu: \"%s\"\n", i, want[i]);
			missing++;
		}
	if (missing)
		fprintf(stderr, "in:\n%s\n", text);
	assert_int_equal(missing, 0);
}

struct two {
	struct fx f;
	struct template *t1, *t2;
	int64_t then, now;
};

static int64_t new_audit(struct two *w, struct template *tpl, const char *title, const char *date,
			 const char *reaudit_of)
{
	struct audit_new a = {
	    .title = title, .audit_date = date, .tpl = tpl, .reaudit_of = reaudit_of};
	int64_t id = 0;
	assert_ok(&w->f, store_audit_create(w->f.st, &a, &id, &w->f.err));
	return id;
}

static void agree(struct two *w, int64_t case_id, const char *q, const char *grade)
{
	assert_ok(&w->f, store_agreed_save(w->f.st, case_id, q, grade, "", NULL, &w->f.err));
}

static int setup(void **state)
{
	struct two *w = calloc(1, sizeof *w);
	assert_non_null(w);
	w->t1 = parse("v1.ini", v1);
	w->t2 = parse("v2.ini", v2);
	assert_ok(&w->f, store_open(":memory:", &w->f.st, &w->f.err));
	w->then = new_audit(w, w->t1, "Plans audit", "2025-03-01", NULL);
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)w->then);
	w->now = new_audit(w, w->t2, "Plans re-audit", "2025-11-01", ref);

	/* Then: plan-old is removed in version 2, so case 1's Inadequate there must not
	 * count; case 3 has nothing agreed. */
	int64_t c1 = fx_case_in(&w->f, w->then, "Child A");
	int64_t c2 = fx_case_in(&w->f, w->then, "Child B");
	fx_case_in(&w->f, w->then, "Child C");
	agree(w, c1, "plan-a", "good");
	agree(w, c1, "plan-old", "inadequate");
	agree(w, c1, "voice-a", "good");
	agree(w, c1, "gone-a", "requires-improvement");
	agree(w, c2, "plan-a", "requires-improvement");
	agree(w, c2, "plan-b", "requires-improvement");
	/* Now: plan-new is new, so case 1's Inadequate there must not count either. */
	int64_t n1 = fx_case_in(&w->f, w->now, "Child D");
	int64_t n2 = fx_case_in(&w->f, w->now, "Child E");
	agree(w, n1, "plan-a", "outstanding");
	agree(w, n1, "plan-new", "inadequate");
	agree(w, n1, "voice-new", "inadequate");
	agree(w, n1, "fresh-a", "good");
	agree(w, n2, "plan-b", "good");

	w->f.audit = w->then;
	int64_t lp1 = fx_point(&w->f, "Plans are not SMART", "", "police", "plan");
	fx_action(&w->f, lp1, "Train on SMART plans", ACTION_DONE);
	fx_action(&w->f, lp1, "Audit ten plans", ACTION_IN_PROGRESS);
	int64_t lp2 = fx_point(&w->f, "Voice missing", "", "csc", "voice");
	fx_action(&w->f, lp2, "Direct work toolkit", ACTION_CANNOT);
	w->f.audit = w->now;
	fx_point(&w->f, "plans: are not smart!", "", "", "");
	fx_point(&w->f, "Something new", "", "", "fresh");
	fx_point(&w->f, "The child's voice", "", "csc", "voice");
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct two *w = *state;
	store_close(w->f.st);
	template_free(w->t1);
	template_free(w->t2);
	err_clear(&w->f.err);
	free(w);
	return 0;
}

static void test_reaudit_is_recorded(void **state)
{
	struct two *w = *state;
	struct audit_info then, now;
	assert_ok(&w->f, store_audit_get(w->f.st, w->then, &then, &w->f.err));
	assert_ok(&w->f, store_audit_get(w->f.st, w->now, &now, &w->f.err));
	assert_string_equal(then.reaudit_of, "");
	assert_string_equal(now.reaudit_of, then.uuid);
	int64_t earlier = -1;
	assert_ok(&w->f, store_audit_earlier(w->f.st, w->now, &earlier, &w->f.err));
	assert_int_equal(earlier, w->then);
	assert_ok(&w->f, store_audit_earlier(w->f.st, w->then, &earlier, &w->f.err));
	assert_int_equal(earlier, 0);
	struct history_row *rows;
	size_t n;
	assert_ok(&w->f, store_history_list(w->f.st, w->now, &rows, &n, &w->f.err));
	bool seen = false;
	for (size_t i = 0; i < n; i++)
		seen = seen || (strcmp(rows[i].field, "audit-reaudit-of") == 0 &&
				strcmp(rows[i].new_value, then.uuid) == 0);
	assert_true(seen);
	history_list_free(rows, n);
	/* By UUID as well as by local id. */
	int64_t again = new_audit(w, w->t2, "Third look", NULL, then.uuid);
	assert_ok(&w->f, store_audit_earlier(w->f.st, again, &earlier, &w->f.err));
	assert_int_equal(earlier, w->then);
	audit_info_free(&then);
	audit_info_free(&now);
}

static void test_reaudit_refusals(void **state)
{
	struct two *w = *state;
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)w->now);
	int64_t id = 0;
	/* An older version than the audit it follows. */
	struct audit_new older = {.title = "Backwards", .tpl = w->t1, .reaudit_of = ref};
	expect_fail(&w->f.err, store_audit_create(w->f.st, &older, &id, &w->f.err), MACA_EUSER,
		    "version 2, newer than version 1");
	/* Another template. */
	struct template *other = parse("other.ini", "[template]\nid = other\ntitle = Other\n"
						    "version = 9\n" SCALE "[section s]\ntitle = S\n"
						    "[question q]\nsection = s\ntext = Q?\n");
	struct audit_new diff = {.title = "Elsewhere", .tpl = other, .reaudit_of = ref};
	expect_fail(&w->f.err, store_audit_create(w->f.st, &diff, &id, &w->f.err), MACA_EUSER,
		    "uses template plans, not other");
	struct audit_new missing = {.title = "Nowhere", .tpl = w->t2, .reaudit_of = "999"};
	expect_fail(&w->f.err, store_audit_create(w->f.st, &missing, &id, &w->f.err),
		    MACA_ENOTFOUND, "re-audit of: no audit '999'");
	template_free(other);
	struct audit_info *list;
	size_t n;
	assert_ok(&w->f, store_audit_list(w->f.st, &list, &n, &w->f.err));
	assert_int_equal(n, 2); /* nothing was created */
	audit_info_list_free(list, n);
}

enum { O, G, R, I, NA };

static void test_sections_like_for_like(void **state)
{
	struct two *w = *state;
	struct comparison c;
	assert_ok(&w->f, compare_audits(w->f.st, w->then, w->now, &c, &w->f.err));
	/* The new template's sections in order, then the one it dropped. */
	assert_int_equal(c.nsections, 4);
	const struct compare_section *plan = &c.sections[0], *voice = &c.sections[1],
				     *fresh = &c.sections[2], *gone = &c.sections[3];
	assert_string_equal(plan->id, "plan");
	assert_string_equal(gone->id, "gone");

	assert_true(plan->like_for_like);
	assert_int_equal(plan->added.n, 1);
	assert_string_equal(plan->added.items[0].id, "plan-new");
	assert_int_equal(plan->removed.n, 1);
	assert_string_equal(plan->removed.items[0].id, "plan-old");
	/* Then: Good (plan-old's Inadequate left out), Requires improvement, nothing. */
	assert_int_equal(plan->then[G], 1);
	assert_int_equal(plan->then[R], 1);
	assert_int_equal(plan->then[I], 0);
	assert_int_equal(plan->then_none, 1);
	/* Now: Outstanding (plan-new's Inadequate left out), Good. */
	assert_int_equal(plan->now[O], 1);
	assert_int_equal(plan->now[G], 1);
	assert_int_equal(plan->now[I], 0);
	assert_int_equal(plan->now_none, 0);
	assert_true(plan->then_average > 2.49 && plan->then_average < 2.51);
	assert_true(plan->now_average > 1.49 && plan->now_average < 1.51);
	assert_int_equal(plan->direction, COMPARE_BETTER);

	/* No question in common: each side on its own questions. */
	assert_false(voice->like_for_like);
	assert_int_equal(voice->then[G], 1);
	assert_int_equal(voice->now[I], 1);
	assert_int_equal(voice->direction, COMPARE_WORSE);
	assert_int_equal(voice->added.n, 1);
	assert_int_equal(voice->removed.n, 1);

	assert_false(fresh->in_then);
	assert_true(fresh->in_now);
	assert_int_equal(fresh->now[G], 1);
	assert_int_equal(fresh->then_none, 0);
	assert_int_equal(fresh->direction, COMPARE_UNKNOWN);

	assert_true(gone->in_then);
	assert_false(gone->in_now);
	assert_int_equal(gone->then[R], 1);
	assert_int_equal(gone->removed.n, 1);
	assert_string_equal(gone->removed.items[0].id, "gone-a");
	comparison_free(&c);
}

static void test_recurrence(void **state)
{
	struct two *w = *state;
	struct comparison c;
	assert_ok(&w->f, compare_audits(w->f.st, w->then, w->now, &c, &w->f.err));
	assert_int_equal(c.nrecur, 2);
	/* The same title, whatever the case, punctuation and spacing; no section needed. */
	assert_string_equal(c.recur[0].now->title, "plans: are not smart!");
	assert_string_equal(c.recur[0].then->title, "Plans are not SMART");
	assert_true(c.recur[0].same_title);
	assert_int_equal(c.recur[0].sections.n, 0);
	/* A section in common, titles unlike. "Something new" links only a new section. */
	assert_string_equal(c.recur[1].now->title, "The child's voice");
	assert_string_equal(c.recur[1].then->title, "Voice missing");
	assert_false(c.recur[1].same_title);
	assert_int_equal(c.recur[1].sections.n, 1);
	assert_string_equal(c.recur[1].sections.items[0].id, "voice");
	comparison_free(&c);
}

/* Titles are optional: untitled points never recur by their (empty) titles, and are named by
 * the start of their text. */
static void test_untitled_points(void **state)
{
	struct two *w = *state;
	static const char *const texts[] = {
	    "Plans were not shared with the school.",
	    "Where it was identified that the Independent Domestic Abuse Service (IDAS) were "
	    "working with a family, they were not routinely invited to strategy meetings."};
	for (int k = 0; k < 2; k++) {
		struct learning_point_fields lp = {.text = texts[k]};
		int64_t id;
		assert_ok(&w->f, store_learning_point_add(w->f.st, k ? w->then : w->now, &lp, &id,
							  NULL, &w->f.err));
	}
	struct comparison c;
	assert_ok(&w->f, compare_audits(w->f.st, w->then, w->now, &c, &w->f.err));
	assert_int_equal(c.nrecur, 2);
	struct sbuf b = {0};
	compare_render(&b, &c, 1, true);
	char *text = sbuf_take(&b);
	assert_non_null(text);
	if (!strstr(text, "\n3. Where it was identified that the Independent Domestic Abuse "
			  "Service (IDAS) were…\n"))
		fail_msg("no point named by its text in:\n%s", text);
	free(text);
	comparison_free(&c);
}

static void test_actions_counted(void **state)
{
	struct two *w = *state;
	struct comparison c;
	assert_ok(&w->f, compare_audits(w->f.st, w->then, w->now, &c, &w->f.err));
	assert_int_equal(c.actions_total, 3);
	assert_int_equal(c.actions[ACTION_DONE], 1);
	assert_int_equal(c.actions[ACTION_IN_PROGRESS], 1);
	assert_int_equal(c.actions[ACTION_CANNOT], 1);
	assert_int_equal(c.actions[ACTION_NOT_STARTED], 0);
	comparison_free(&c);
}

static void test_render(void **state)
{
	struct two *w = *state;
	struct comparison c;
	assert_ok(&w->f, compare_audits(w->f.st, w->then, w->now, &c, &w->f.err));
	struct sbuf b = {0};
	compare_render(&b, &c, 1, true);
	char *text = sbuf_take(&b);
	assert_non_null(text);
	const char *want[] = {
	    "# Re-audit compared with the earlier audit\n",
	    "- Then: Plans audit (2025-03-01), template plans version 1, 3 cases\n",
	    "- Now: Plans re-audit (2025-11-01), template plans version 2, 2 cases\n",
	    "| Planning | 2.5 | 1.5 | ^ better | 1 added, 1 removed |\n",
	    "| Voice of the child | 2.0 | 4.0 | v worse | 1 added, 1 removed; no graded question "
	    "in common |\n",
	    "| New section | – | 2.0 | ? not known | new section |\n",
	    "| Dropped section | 3.0 | – | ? not known | section no longer in the template |\n",
	    "Planning                                                ^ better\n"
	    "  Outstanding           0                1 #            ^ 0 -> 1\n"
	    "  Good                  1 #              1 #            = 1 -> 1\n"
	    "  Requires improvement  1 #              0              v 1 -> 0\n"
	    "  Inadequate            0                0\n",
	    "  (no graded question in common: each on its own questions)\n",
	    "New section                                             ? not known\n"
	    "  Outstanding           -                0\n"
	    "  Good                  -                1 #\n",
	    "  Requires improvement  1 #              -\n"
	    "  Inadequate            0                -\n",
	    "- Planning, added: `plan-new` New plan question?\n",
	    "- Planning, removed: `plan-old` Old plan question?\n",
	    "- Dropped section, removed: `gone-a` Gone?\n",
	    "- Now 1. plans: are not smart!; then 1. Plans are not SMART (same title)\n",
	    "- Now 3. The child's voice; then 2. Voice missing (both about Voice of the child)\n",
	    "Actions done: 1 of 3 (33%);\nin progress 1, not started 0, cannot be done 1.\n",
	    "   - Done: Train on SMART plans (Police), due 2026-03-31\n",
	    "   - Cannot be done: Direct work toolkit (Police), due 2026-03-31\n",
	};
	expect_lines(text, want, sizeof want / sizeof want[0]);
	free(text);
	comparison_free(&c);
}

/* Every kind of question, as what it is: a section of yes-no and text questions has nothing
 * to grade (not "no agreed grade"); a yes-no question is compared by the cases agreed at each
 * answer, then and now; text questions are not compared. */
static void test_every_kind_compared(void **state)
{
	struct two *w = *state;
	static const char k[] = "[template]\nid = kinds\ntitle = Kinds\nversion = 1\n" SCALE
				"[section plan]\ntitle = Planning\n"
				"[question plan-a]\nsection = plan\ntext = Plan A?\n"
				"[section seen]\ntitle = Seen and heard\n"
				"[question seen-alone]\nsection = seen\nkind = yes-no\n"
				"text = Seen alone?\n"
				"[question difference]\nsection = seen\nkind = text\n"
				"text = What difference?\n";
	struct template *tpl = parse("kinds.ini", k);
	int64_t then = new_audit(w, tpl, "Kinds", "2025-01-01", NULL);
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)then);
	int64_t now = new_audit(w, tpl, "Kinds again", "2025-09-01", ref);
	int64_t a = fx_case_in(&w->f, then, "Child A"), b = fx_case_in(&w->f, then, "Child B");
	fx_case_in(&w->f, then, "Child C");
	agree(w, a, "seen-alone", "yes");
	agree(w, b, "seen-alone", "no");
	agree(w, a, "difference", "Safer now.");
	int64_t d = fx_case_in(&w->f, now, "Child D"), e = fx_case_in(&w->f, now, "Child E");
	agree(w, d, "seen-alone", "yes");
	agree(w, e, "seen-alone", "yes");
	struct comparison c;
	assert_ok(&w->f, compare_audits(w->f.st, then, now, &c, &w->f.err));
	assert_int_equal(c.nyesno, 1);
	assert_int_equal(c.ntext, 1);
	assert_false(c.sections[1].gradable);
	struct sbuf sb = {0};
	compare_render(&sb, &c, 1, true);
	char *text = sbuf_take(&sb);
	assert_non_null(text);
	const char *want[] = {
	    "| Seen and heard | – | – | – | nothing to grade; same questions |\n",
	    "Seen and heard",
	    "  (nothing to grade: answered yes or no, or in words)\n",
	    "- Seen alone? Yes then 1, now 2; No then 1, now 0; not agreed then 1, now 0\n",
	    "The 1 question answered in words is not compared",
	};
	expect_lines(text, want, sizeof want / sizeof want[0]);
	assert_null(strstr(text, "Safer now."));
	free(text);
	comparison_free(&c);
	template_free(tpl);
}

/* Version 3 renames a grade: an earlier grade the new scale lacks is counted apart, not
 * dropped, and the direction is worked out from the grades both scales have. */
static void test_grade_missing_from_new_scale(void **state)
{
	struct two *w = *state;
	struct template *v3 =
	    parse("v3.ini", "[template]\nid = plans\ntitle = Plans\nversion = 3\n"
			    "[grade outstanding]\nlabel = Outstanding\nkey = o\n"
			    "[grade good]\nlabel = Good\nkey = g\n"
			    "[grade not-yet-good]\nlabel = Not yet good\nkey = y\n"
			    "[grade inadequate]\nlabel = Inadequate\nkey = i\n"
			    "[agencies]\npolice = Police\n"
			    "[section plan]\ntitle = Planning\n"
			    "[question plan-a]\nsection = plan\ntext = Plan A?\n"
			    "[question plan-b]\nsection = plan\ntext = Plan B?\n");
	int64_t id = new_audit(w, v3, "Plans, third version", NULL, NULL);
	int64_t c = fx_case_in(&w->f, id, "Child Z");
	agree(w, c, "plan-a", "good");
	struct comparison cmp;
	assert_ok(&w->f, compare_audits(w->f.st, w->then, id, &cmp, &w->f.err));
	const struct compare_section *plan = &cmp.sections[0];
	assert_string_equal(plan->id, "plan");
	assert_int_equal(plan->then[1], 1);    /* Good */
	assert_int_equal(plan->then_other, 1); /* Requires improvement: not on the new scale */
	assert_int_equal(plan->now[1], 1);
	assert_int_equal(plan->direction, COMPARE_SAME);
	struct sbuf b = {0};
	compare_render(&b, &cmp, 1, true);
	char *text = sbuf_take(&b);
	const char *want[] = {"Cases per grade     then             now\n",
			      "  Good                1 #              1 #            = 1 -> 1\n"
			      "  Not yet good        0                0\n"
			      "  Inadequate          0                0\n"
			      "  Off the new scale   1\n"};
	expect_lines(text, want, 2);
	free(text);
	comparison_free(&cmp);
	template_free(v3);
}

static void test_compare_other_template_refused(void **state)
{
	struct two *w = *state;
	struct template *other = parse("other.ini", "[template]\nid = other\ntitle = Other\n"
						    "version = 1\n" SCALE "[section s]\ntitle = S\n"
						    "[question q]\nsection = s\ntext = Q?\n");
	int64_t id = new_audit(w, other, "Other", NULL, NULL);
	struct comparison c;
	expect_fail(&w->f.err, compare_audits(w->f.st, w->then, id, &c, &w->f.err), MACA_EUSER,
		    "only audits on the same template can be compared");
	template_free(other);
}

static void test_scan_earlier_points(void **state)
{
	struct two *w = *state;
	w->f.audit = w->then;
	fx_point(&w->f, "Call 07700 900123 first", "", "", "");
	struct comparison c;
	assert_ok(&w->f, compare_audits(w->f.st, w->then, w->now, &c, &w->f.err));
	struct disclosure_list found = {0};
	assert_ok(&w->f, compare_scan(&c, NULL, &found, &w->f.err));
	assert_int_equal(found.n, 1);
	assert_int_equal(found.items[0].kind, DISCLOSURE_PHONE);
	assert_string_equal(found.items[0].where, "earlier audit, learning point 3");
	/* The earlier audit's record: an acceptance there holds in the comparison too. */
	assert_int_equal(found.items[0].place, DISCLOSURE_IN_LEARNING_POINT);
	assert_int_equal(found.items[0].place_id, c.points_then[2].id);
	assert_string_equal(found.items[0].field, "title");
	disclosure_list_free(&found);
	comparison_free(&c);
}

/* ---- the partnership report ---- */

static char *report_on(struct two *w, const char *since, const char *today,
		       struct disclosure_list *found)
{
	char *text = NULL;
	assert_ok(&w->f, report_write(w->f.st, since, today, NULL, 0, 0, &text, found, &w->f.err));
	assert_non_null(text);
	return text;
}

/* On the day the fixture's actions fall due: none is overdue yet. */
static char *report(struct two *w, const char *since, struct disclosure_list *found)
{
	char *text = NULL;
	assert_ok(&w->f,
		  report_write(w->f.st, since, "2026-03-31", NULL, 0, 0, &text, found, &w->f.err));
	assert_non_null(text);
	return text;
}

static void test_report_aggregates(void **state)
{
	struct two *w = *state;
	struct disclosure_list found = {0};
	char *text = report(w, NULL, &found);
	assert_int_equal(found.n, 0);
	const char *want[] = {
	    "All audits: 2.\n",
	    "| 1 | 2025-03-01 | Plans audit | Plans | plans v1 | 3 | 2 | draft |  |\n",
	    "| 2 | 2025-11-01 | Plans re-audit | Plans | plans v2 | 2 | 3 | draft | audit 1 |\n",
	    "| Planning | 1 |\n",
	    "| Voice of the child | 2 |\n",
	    "| New section | 1 |\n",
	    "| Police | 1 |\n",
	    "| Children's social care | 2 |\n",
	    "Done: 1 of 3 (33%); in progress 1, not started 0, cannot be done 1.\n",
	    "| Plans audit | 3 | 1 | 33% |\n",
	    "| police | 3 | 1 | 33% |\n",
	};
	expect_lines(text, want, sizeof want / sizeof want[0]);
	/* Without like for like here: Planning was at Requires improvement or below in 2 of
	 * 2 graded cases then and 1 of 2 now (half is enough); Voice in 0 of 1 then. */
	assert_non_null(strstr(
	    text, "| plans | Planning | Requires improvement or Inadequate | 2025-03-01: 2 of 2; "
		  "2025-11-01: 1 of 2 |\n"));
	assert_null(strstr(text, "| plans | Voice of the child |"));
	assert_null(strstr(text, "| plans | New section |"));
	free(text);
}

static void test_report_sections_that_stayed_low(void **state)
{
	struct two *w = *state;
	/* A third audit on version 2 where Planning is poor again alongside the re-audit's... */
	int64_t third = new_audit(w, w->t2, "Plans third look", "2026-06-01", NULL);
	int64_t c = fx_case_in(&w->f, third, "Child F");
	agree(w, c, "plan-a", "inadequate");
	agree(w, c, "voice-new", "requires-improvement");
	struct disclosure_list found = {0};
	/* ...and from 2025-06-01 only the re-audit and this one count. */
	char *text = report(w, "2025-06-01", &found);
	const char *want[] = {
	    "Audits dated from 2025-06-01: 2.\n",
	    "| plans | Planning | Requires improvement or Inadequate | 2025-11-01: 1 of 2; "
	    "2026-06-01: 1 of 1 |\n",
	    "| plans | Voice of the child | Requires improvement or Inadequate | 2025-11-01: 1 of "
	    "1; 2026-06-01: 1 of 1 |\n",
	};
	expect_lines(text, want, sizeof want / sizeof want[0]);
	assert_null(strstr(text, "| Plans audit |"));
	/* The earlier audit is outside --since, but the link to it still shows. */
	assert_non_null(
	    strstr(text, "| Plans re-audit | Plans | plans v2 | 2 | 3 | draft | audit 1 |"));
	assert_null(strstr(text, "| plans | New section |"));
	free(text);
	disclosure_list_free(&found);
}

static void test_report_checks_and_refuses(void **state)
{
	struct two *w = *state;
	new_audit(w, w->t2, "Follow-up for SW1A 1AA", "2026-01-01", NULL);
	struct disclosure_list found = {0};
	char *text = report(w, NULL, &found);
	assert_int_equal(found.n, 1);
	assert_int_equal(found.items[0].kind, DISCLOSURE_POSTCODE);
	assert_int_equal(found.items[0].place, DISCLOSURE_IN_AUDIT);
	free(text);
	disclosure_list_free(&found);
	char *none = NULL;
	expect_fail(
	    &w->f.err,
	    report_write(w->f.st, "2025-13-01", "2026-01-01", NULL, 0, 0, &none, &found, &w->f.err),
	    MACA_EUSER, "--since '2025-13-01' is not a date");
	assert_null(none);
	expect_fail(&w->f.err,
		    report_write(w->f.st, NULL, "2026-02-30", NULL, 0, 0, &none, &found, &w->f.err),
		    MACA_EUSER, "today's date '2026-02-30' is not a date");
	assert_null(none);
}

static void test_report_overdue_actions(void **state)
{
	struct two *w = *state;
	struct disclosure_list found = {0};
	char *text = report(w, NULL, &found);
	/* Due today is not overdue yet. */
	assert_non_null(strstr(text, "## Overdue actions\n\nActions still open on 2026-03-31 "));
	assert_non_null(strstr(text, "most overdue first.\n\nNone.\n"));
	free(text);

	/* An open action in the re-audit, due earlier, with a phone number in it; a done one
	 * past its date is not overdue. */
	w->f.audit = w->now;
	int64_t lp = fx_point(&w->f, "Plans drift", "", "", "");
	struct action_fields late = {.what = "Ring 07700 900123 about plans",
				     .owner_agency = "police",
				     .due_date = "2026-01-15",
				     .status = ACTION_NOT_STARTED};
	int64_t id = 0;
	assert_ok(&w->f, store_action_add(w->f.st, lp, &late, &id, &w->f.err));
	late.what = "Already done";
	int64_t done = 0;
	assert_ok(&w->f, store_action_add(w->f.st, lp, &late, &done, &w->f.err));
	assert_ok(&w->f, store_action_set_status(w->f.st, done, ACTION_DONE, NULL, &w->f.err));
	text = report_on(w, NULL, "2026-04-10", &found);
	const char *want[] = {
	    "| Plans re-audit | 4 | 4.1 Ring 07700 900123 about plans | Police | 2026-01-15 | 85 "
	    "|\n",
	    "| Plans audit | 1 | 1.2 Audit ten plans | Police | 2026-03-31 | 10 |\n",
	};
	expect_lines(text, want, sizeof want / sizeof want[0]);
	/* Most overdue first, and only open actions. */
	assert_true(strstr(text, want[0]) < strstr(text, want[1]));
	assert_null(strstr(text, "Already done | Police"));
	assert_int_equal(found.n, 1);
	assert_int_equal(found.items[0].kind, DISCLOSURE_PHONE);
	assert_int_equal(found.items[0].place, DISCLOSURE_IN_ACTION);
	assert_int_equal(found.items[0].place_id, id);
	free(text);
	disclosure_list_free(&found);

	/* Only the audits in scope: from 2025-06-01 the first audit's action is left out. */
	struct disclosure_list more = {0};
	text = report_on(w, "2025-06-01", "2026-04-10", &more);
	assert_non_null(strstr(text, want[0]));
	assert_null(strstr(text, "Audit ten plans"));
	free(text);
	disclosure_list_free(&more);
}

static void test_low_position(void **state)
{
	struct two *w = *state;
	assert_int_equal(report_low_position(w->t1), 3);
	struct template *five =
	    parse("five.ini", "[template]\nid = five\ntitle = Five\nversion = 1\n"
			      "[grade a]\nlabel = A\nkey = a\n[grade b]\nlabel = B\nkey = b\n"
			      "[grade c]\nlabel = C\nkey = c\n[grade d]\nlabel = D\nkey = d\n"
			      "[grade e]\nlabel = E\nkey = e\n[agencies]\npolice = Police\n"
			      "[section s]\ntitle = S\n[question q]\nsection = s\ntext = Q?\n");
	assert_int_equal(report_low_position(five), 3);
	template_free(five);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define EVERY_KIND T(test_every_kind_compared),

int main(void)
{
	const struct CMUnitTest tests[] = {
	    EVERY_KIND T(test_reaudit_is_recorded),
	    T(test_reaudit_refusals),
	    T(test_sections_like_for_like),
	    T(test_recurrence),
	    T(test_untitled_points),
	    T(test_actions_counted),
	    T(test_render),
	    T(test_grade_missing_from_new_scale),
	    T(test_compare_other_template_refused),
	    T(test_scan_earlier_points),
	    T(test_report_aggregates),
	    T(test_report_sections_that_stayed_low),
	    T(test_report_checks_and_refuses),
	    T(test_report_overdue_actions),
	    T(test_low_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
