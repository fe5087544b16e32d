/* "Findings at a glance": the agreed grade of each case in each section, and how the cases
 * are spread across the grades in each section. Grades come from findings.h's rule. */
#include <stdlib.h>

#include "briefing_internal.h"
#include "findings.h"
#include "md.h"

#define BAR_WIDTH 10

/* Percent of part in whole, rounded half up. */
static size_t percent(size_t part, size_t whole)
{
	return whole ? (part * 200 + whole) / (2 * whole) : 0;
}

static void grid(struct sbuf *b, const struct briefing_data *d, const int *grades)
{
	const struct template *tpl = d->tpl;
	sbuf_add(b, "| Case |");
	for (size_t s = 0; s < tpl->nsections; s++) {
		sbuf_add(b, " ");
		md_cell(b, tpl->sections[s].title);
		sbuf_add(b, " |");
	}
	sbuf_add(b, "\n| --- |");
	for (size_t s = 0; s < tpl->nsections; s++)
		sbuf_add(b, " --- |");
	for (size_t c = 0; c < d->ncases; c++) {
		sbuf_add(b, "\n| ");
		md_cell(b, d->cases[c].reference);
		sbuf_add(b, " |");
		for (size_t s = 0; s < tpl->nsections; s++) {
			int g = grades[c * tpl->nsections + s];
			sbuf_add(b, " ");
			if (g >= 0 && (size_t)g < tpl->ngrades)
				md_cell(b, tpl->grades[g].label);
			else if (!findings_section_gradable(tpl, s))
				sbuf_add(b, "not graded");
			else
				sbuf_add(b, "–");
			sbuf_add(b, " |");
		}
	}
	sbuf_add(b, "\n\nA dash means the partnership has not yet agreed a grade for that part "
		    "of the case.");
	for (size_t s = 0; s < tpl->nsections; s++)
		if (!findings_section_gradable(tpl, s)) {
			sbuf_add(b, " \"Not graded\" marks a section whose questions are answered "
				    "yes or no, or in words, which have no grade.");
			break;
		}
}

/* The spread of one section's agreed grades, as a small table with a text bar per grade.
 * Writes nothing and returns false when no case has an agreed grade in the section. */
static bool distribution(struct sbuf *b, const struct briefing_data *d, size_t s, const int *all,
			 int *column, size_t *counts)
{
	const struct template *tpl = d->tpl;
	for (size_t c = 0; c < d->ncases; c++)
		column[c] = all[c * tpl->nsections + s];
	size_t none = findings_distribution(tpl, s, column, d->ncases, counts);
	size_t agreed = d->ncases - none;
	if (agreed == 0)
		return false;
	sbuf_add(b, "\n\n**");
	md_inline(b, tpl->sections[s].title);
	sbuf_add(b, "**\n\n");
	sbuf_add(b, "| Grade | Cases | Share | |\n| --- | ---: | ---: | --- |");
	for (size_t g = 0; g < tpl->ngrades; g++) {
		size_t pc = percent(counts[g], agreed);
		sbuf_add(b, "\n| ");
		md_cell(b, tpl->grades[g].label);
		sbuf_addf(b, " | %zu | %zu%% | ", counts[g], pc);
		size_t filled = (pc * BAR_WIDTH + 50) / 100;
		for (size_t i = 0; i < BAR_WIDTH; i++)
			sbuf_add(b, i < filled ? "█" : "░");
		sbuf_add(b, " |");
	}
	if (none)
		sbuf_addf(b,
			  "\n\nShares are of the %zu case%s with an agreed grade; %zu %s not "
			  "yet agreed.",
			  agreed, agreed == 1 ? "" : "s", none, none == 1 ? "is" : "are");
	return true;
}

/* What the group agreed on the questions that have no grade: each yes-no question with how
 * many cases were agreed at each answer, and how many cases have an agreed summary of a text
 * question (the summaries themselves are about one child each: they stay in the record). */
static void beyond_grades(struct sbuf *b, const struct briefing_data *d)
{
	const struct template *tpl = d->tpl;
	size_t counts[4];
	bool heading = false;
	for (size_t i = 0; i < tpl->nquestions; i++) {
		const struct question *q = &tpl->questions[i];
		if (q->kind != QUESTION_YESNO)
			continue;
		size_t none =
		    findings_question_counts(tpl, q, d->agreed, d->nagreed, d->ncases, counts);
		if (none == d->ncases)
			continue;
		if (!heading)
			sbuf_add(b, "\n\n**Questions answered yes or no**\n");
		heading = true;
		sbuf_add(b, "\n- ");
		md_inline(b, q->text);
		sbuf_add(b, " ");
		const char *sep = "";
		for (size_t k = 0; k < 4; k++) {
			if (!counts[k])
				continue;
			sbuf_addf(b, "%s%s in %zu case%s", sep, template_yesno_values[k].label,
				  counts[k], counts[k] == 1 ? "" : "s");
			sep = ", ";
		}
		if (none)
			sbuf_addf(b, "; not yet agreed in %zu", none);
		sbuf_add(b, ".");
	}
	size_t text_questions = 0, with_summary = 0;
	for (size_t i = 0; i < tpl->nquestions; i++) {
		const struct question *q = &tpl->questions[i];
		if (q->kind != QUESTION_TEXT)
			continue;
		text_questions++;
		findings_question_counts(tpl, q, d->agreed, d->nagreed, d->ncases, counts);
		with_summary += counts[0];
	}
	if (with_summary)
		sbuf_addf(b,
			  "\n\nThe partnership agreed %zu written summar%s for the %zu "
			  "question%s answered in words; each is about one child, and stays in the "
			  "audit's confidential record.",
			  with_summary, with_summary == 1 ? "y" : "ies", text_questions,
			  text_questions == 1 ? "" : "s");
}

void briefing_findings_write(struct sbuf *b, const struct briefing_data *d)
{
	const struct template *tpl = d->tpl;
	size_t ncells = d->ncases * tpl->nsections;
	int *grades = calloc(ncells ? ncells : 1, sizeof *grades);
	int *column = calloc(d->ncases ? d->ncases : 1, sizeof *column);
	size_t *counts = calloc(tpl->ngrades ? tpl->ngrades : 1, sizeof *counts);
	if (!grades || !column || !counts) {
		b->failed = true;
	} else if (d->ncases == 0 || tpl->nsections == 0) {
		sbuf_add(b, "There are no cases to show.");
	} else {
		for (size_t c = 0; c < d->ncases; c++)
			findings_case_grades(tpl, d->agreed[c], d->nagreed[c],
					     &grades[c * tpl->nsections]);
		grid(b, d, grades);
		size_t pending = 0, ungraded = 0;
		struct sbuf rest = {0}, none = {0};
		for (size_t s = 0; s < tpl->nsections; s++) {
			if (!findings_section_gradable(tpl, s)) {
				sbuf_add(&none, ungraded++ ? "; " : "");
				md_inline(&none, tpl->sections[s].title);
				continue;
			}
			if (distribution(b, d, s, grades, column, counts))
				continue;
			sbuf_add(&rest, pending++ ? "; " : "");
			md_inline(&rest, tpl->sections[s].title);
		}
		if (pending)
			sbuf_addf(b, "\n\nNo grades have been agreed yet for %s: %s.",
				  pending == 1 ? "this section" : "these sections",
				  rest.data ? rest.data : "");
		if (ungraded)
			sbuf_addf(b,
				  "\n\n%s nothing to grade, as %s questions are answered yes or "
				  "no, or in words: %s.",
				  ungraded == 1 ? "This section has" : "These sections have",
				  ungraded == 1 ? "its" : "their", none.data ? none.data : "");
		beyond_grades(b, d);
		if (rest.failed || none.failed)
			b->failed = true;
		sbuf_free(&rest);
		sbuf_free(&none);
	}
	free(grades);
	free(column);
	free(counts);
}
