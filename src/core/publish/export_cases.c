/* Case summaries for the audit group. See export_cases.h. */
#include "export_cases.h"

#include <stdlib.h>
#include <string.h>

#include "audit_scope.h"
#include "findings.h"
#include "md.h"
#include "sbuf.h"

struct case_data {
	struct answer_row *answers;
	size_t nanswers;
	struct agreed_row *agreed;
	size_t nagreed;
	struct note_row *notes;
	size_t nnotes;
};

static const char *label(const struct named_list *list, const char *id)
{
	const struct named *n = named_find(list, id);
	return n ? n->label : id;
}

/* The rest of a list item: the answer's label (none, when there is no answer), then the words
 * given with it (the chair's rationale, an agency's evidence) as a block beneath. */
static void answer_item(struct sbuf *b, const struct template *tpl, const struct question *q,
			const char *value, const char *none, const char *words)
{
	md_inline(b, *value ? template_value_label(tpl, q, value) : none);
	if (*words) {
		sbuf_add(b, ". ");
		md_block(b, words, "  ");
	}
	sbuf_add(b, "\n");
}

static void question(struct sbuf *b, const struct template *tpl, const struct question *q,
		     const struct named_list *agencies, const struct case_data *d)
{
	bool header = false;
	for (size_t i = 0; i < d->nagreed; i++) {
		const struct agreed_row *a = &d->agreed[i];
		if (strcmp(a->question_id, q->id) != 0 || (!*a->grade && !*a->rationale))
			continue;
		sbuf_add(b, "\n**");
		md_inline(b, q->text);
		sbuf_add(b, "**\n\n- Agreed: ");
		answer_item(b, tpl, q, a->grade, "(none)", a->rationale);
		header = true;
	}
	for (size_t i = 0; i < d->nanswers; i++) {
		const struct answer_row *a = &d->answers[i];
		if (strcmp(a->question_id, q->id) != 0)
			continue;
		if (!header) {
			sbuf_add(b, "\n**");
			md_inline(b, q->text);
			sbuf_add(b, "**\n\n");
			header = true;
		}
		sbuf_add(b, "- ");
		md_inline(b, label(agencies, a->agency));
		sbuf_add(b, ": ");
		answer_item(b, tpl, q, a->value, "(no answer)", a->evidence);
	}
}

/* A prompt by its label ("What went well"), as the agency saw it; its id if the template
 * has no such prompt. */
static const char *prompt_label(const struct template *tpl, const char *id)
{
	for (size_t i = 0; i < tpl->nprompts; i++)
		if (strcmp(tpl->prompts[i].id, id) == 0)
			return tpl->prompts[i].label;
	return id;
}

static void section(struct sbuf *b, const struct template *tpl, size_t s,
		    const struct named_list *agencies, const struct case_data *d)
{
	const struct section *sec = &tpl->sections[s];
	struct sbuf body = {0};
	for (size_t q = sec->first_question; q < sec->first_question + sec->nquestions; q++)
		question(&body, tpl, &tpl->questions[q], agencies, d);
	for (size_t i = 0; i < d->nnotes; i++) {
		const struct note_row *n = &d->notes[i];
		if (strcmp(n->section_id, sec->id) != 0 || !*n->text)
			continue;
		sbuf_add(&body, "\n*Note from ");
		md_inline(&body, label(agencies, n->agency));
		sbuf_add(&body, " (");
		md_inline(&body, prompt_label(tpl, n->prompt_id));
		sbuf_add(&body, "):* ");
		md_block(&body, n->text, "");
		sbuf_add(&body, "\n");
	}
	if (body.failed)
		b->failed = true;
	if (body.len) {
		sbuf_add(b, "\n### ");
		md_inline(b, sec->title);
		sbuf_addf(b, "\n%s", body.data);
	}
	sbuf_free(&body);
}

static int one_case(struct store *st, const struct template *tpl, const struct named_list *agencies,
		    const struct case_info *c, struct sbuf *b, struct maca_err *err)
{
	struct case_data d = {0};
	int rc = store_case_answers(st, c->id, &d.answers, &d.nanswers, err);
	if (!rc)
		rc = store_case_agreed(st, c->id, &d.agreed, &d.nagreed, err);
	if (!rc)
		rc = store_case_notes(st, c->id, &d.notes, &d.nnotes, err);
	if (!rc) {
		sbuf_add(b, "\n## ");
		md_inline(b, c->reference);
		sbuf_add(b, "\n\nAge: ");
		md_inline(b, *c->age_band ? label(&tpl->age_bands, c->age_band) : "not recorded");
		sbuf_add(b, ". Plan: ");
		md_inline(b, *c->plan_status ? label(&tpl->plan_statuses, c->plan_status)
					     : "not recorded");
		sbuf_add(b, ". Themes: ");
		for (size_t t = 0; t < c->tags.n; t++) {
			sbuf_add(b, t ? "; " : "");
			md_inline(b, label(&tpl->tags, c->tags.items[t].id));
		}
		sbuf_add(b, c->tags.n ? ". " : "none. ");
		sbuf_add(b, c->moderated ? "Moderated.\n" : "Not yet moderated.\n");
		/* The audit group's own summary of the case: confidential, so it belongs here and
		 * never in what is published. */
		if (c->summary && *c->summary) {
			sbuf_add(b, "\nSummary: ");
			md_block(b, c->summary, "");
			sbuf_add(b, "\n");
		}
		for (size_t s = 0; s < tpl->nsections; s++)
			section(b, tpl, s, agencies, &d);
	}
	answer_rows_free(d.answers, d.nanswers);
	agreed_rows_free(d.agreed, d.nagreed);
	note_rows_free(d.notes, d.nnotes);
	return rc;
}

/* The grid of every case's agreed grade in every section (findings.h's rule): for the audit
 * group only, never in the briefing, which publishes counts. */
static int grid(struct store *st, int64_t audit_id, const struct template *tpl,
		const struct case_info *cases, size_t ncases, struct sbuf *b, struct maca_err *err)
{
	if (ncases == 0 || tpl->nsections == 0)
		return MACA_OK;
	struct agreed_row **agreed = calloc(ncases, sizeof *agreed);
	size_t *nagreed = calloc(ncases, sizeof *nagreed);
	int *grades = calloc(tpl->nsections, sizeof *grades);
	int rc = agreed && nagreed && grades
		     ? store_audit_agreed(st, audit_id, cases, ncases, agreed, nagreed, err)
		     : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		sbuf_add(
		    b, "\n## Findings at a glance\n\nEach case's agreed grade in each section "
		       "(the worst agreed grade of its graded questions); a dash where none is "
		       "agreed yet, \"not graded\" for a section whose questions are answered yes "
		       "or no, or in words.\n\n| Case |");
		for (size_t s = 0; s < tpl->nsections; s++) {
			sbuf_add(b, " ");
			md_cell(b, tpl->sections[s].title);
			sbuf_add(b, " |");
		}
		sbuf_add(b, "\n| --- |");
		for (size_t s = 0; s < tpl->nsections; s++)
			sbuf_add(b, " --- |");
		for (size_t c = 0; c < ncases; c++) {
			findings_case_grades(tpl, agreed[c], nagreed[c], grades);
			sbuf_add(b, "\n| ");
			md_cell(b, cases[c].reference);
			sbuf_add(b, " |");
			for (size_t s = 0; s < tpl->nsections; s++) {
				sbuf_add(b, " ");
				if (grades[s] >= 0 && (size_t)grades[s] < tpl->ngrades)
					md_cell(b, tpl->grades[grades[s]].label);
				else if (!findings_section_gradable(tpl, s))
					sbuf_add(b, "not graded");
				else
					sbuf_add(b, "–");
				sbuf_add(b, " |");
			}
		}
		sbuf_add(b, "\n");
	}
	for (size_t c = 0; agreed && c < ncases; c++)
		agreed_rows_free(agreed[c], nagreed[c]);
	free(agreed);
	free(nagreed);
	free(grades);
	return rc;
}

/* Where an accepted finding is, in the words the briefing's findings use: "learning point 2,
 * text", "case Child A, reference". */
static void accepted_place(struct sbuf *b, const struct acceptance *a,
			   const struct case_info *cases, size_t ncases,
			   const struct good_practice_row *good, size_t ngood,
			   const struct learning_point_row *points, size_t npoints)
{
	bool named = false;
	if (a->record == STORE_RECORD_AUDIT) {
		sbuf_add(b, "the audit's ");
		named = true;
	}
	for (size_t i = 0; !named && a->record == STORE_RECORD_CASE && i < ncases; i++)
		if (cases[i].id == a->record_id) {
			sbuf_add(b, "case ");
			md_inline(b, cases[i].reference);
			sbuf_add(b, ", ");
			named = true;
		}
	for (size_t i = 0; !named && a->record == STORE_RECORD_GOOD_PRACTICE && i < ngood; i++)
		if (good[i].id == a->record_id) {
			sbuf_addf(b, "good practice %d, ", good[i].position);
			named = true;
		}
	for (size_t i = 0; !named && i < npoints; i++) {
		if (a->record == STORE_RECORD_LEARNING_POINT && points[i].id == a->record_id) {
			sbuf_addf(b, "learning point %d, ", points[i].number);
			named = true;
		}
		for (size_t k = 0;
		     !named && a->record == STORE_RECORD_ACTION && k < points[i].nactions; k++)
			if (points[i].actions[k].id == a->record_id) {
				sbuf_addf(b, "action %d.%d, ", points[i].number,
					  points[i].actions[k].position);
				named = true;
			}
	}
	if (!named)
		sbuf_addf(b, "%s %lld, ", store_record_name(a->record), (long long)a->record_id);
	md_inline(b, a->field);
}

/* The identifiers accepted for publishing: who accepted which text where, when and why. */
static int acceptances(struct store *st, int64_t audit_id, const struct case_info *cases,
		       size_t ncases, struct sbuf *b, struct maca_err *err)
{
	struct acceptance *list = NULL;
	size_t n = 0;
	struct good_practice_row *good = NULL;
	size_t ngood = 0;
	struct learning_point_row *points = NULL;
	size_t npoints = 0;
	int rc = store_acceptance_list(st, audit_id, &list, &n, err);
	if (!rc && n)
		rc = store_good_practice_list(st, audit_id, &good, &ngood, err);
	if (!rc && n)
		rc = store_learning_points(st, audit_id, &points, &npoints, err);
	if (!rc && n) {
		sbuf_add(b,
			 "\n## Identifiers accepted for publishing\n\n"
			 "What the disclosure check found and a named person accepted, with why. "
			 "Each holds for its text in its record only: the same text elsewhere, "
			 "or this text changed, is checked afresh.\n\n");
		for (size_t i = 0; i < n; i++) {
			const struct acceptance *a = &list[i];
			sbuf_add(b, "- ");
			md_inline(b, a->kind);
			sbuf_add(b, " \"");
			md_inline(b, a->match);
			sbuf_add(b, "\" in ");
			accepted_place(b, a, cases, ncases, good, ngood, points, npoints);
			sbuf_add(b, ": accepted by ");
			md_inline(b, a->author);
			sbuf_addf(b, " at %s. Why: ", a->at);
			md_block(b, a->reason, "  ");
			sbuf_add(b, "\n");
		}
	}
	acceptances_free(list, n);
	good_practice_rows_free(good, ngood);
	learning_point_rows_free(points, npoints);
	return rc;
}

int export_cases(struct store *st, int64_t audit_id, char **out, struct maca_err *err)
{
	*out = NULL;
	struct audit_scope a;
	int rc = audit_scope_read(st, audit_id, &a, err);
	struct sbuf b = {0};
	if (!rc) {
		sbuf_add(&b, EXPORT_CASES_BANNER "\n\n# Case summaries: ");
		md_inline(&b, a.info.title);
		sbuf_add(&b, "\n");
		rc = grid(st, audit_id, a.tpl, a.cases, a.ncases, &b, err);
	}
	for (size_t c = 0; !rc && c < a.ncases; c++)
		rc = one_case(st, a.tpl, &a.agencies, &a.cases[c], &b, err);
	if (!rc)
		rc = acceptances(st, audit_id, a.cases, a.ncases, &b, err);
	if (!rc)
		rc = err_sbuf_take(&b, out, err);
	sbuf_free(&b);
	audit_scope_free(&a);
	return rc;
}
