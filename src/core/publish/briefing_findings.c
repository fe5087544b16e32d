/* "Findings at a glance": per section, how many of the audit's cases reached each grade, as
 * published (small counts suppressed: published.h), drawn as a chart in documents or a plain
 * table in Markdown, then a sentence saying it in words. No case's own grades: those are
 * for the audit group (export_cases.c). Grades come from findings.h's rule. */
#include <stdio.h>
#include <stdlib.h>

#include "briefing_internal.h"
#include "findings.h"
#include "md.h"

/* One section's published counts: a cell per grade of the scale, then "not yet agreed"
 * when some case has no agreed grade there (left out otherwise: it is then known to be 0). */
struct findings_row {
	size_t ncases;
	size_t threshold;
	size_t n;
	const char **labels; /* the scale's words; NULL for "not yet agreed" */
	size_t *counts;
	enum published_state *states;
	bool published; /* false: the whole row is withheld */
};

size_t briefing_threshold(const struct briefing_data *d)
{
	long t = d->opt->small_count;
	return t == 0 ? PUBLISHED_SMALL_COUNT : t < 0 ? 0 : (size_t)t;
}

static void label(struct sbuf *b, const struct findings_row *r, size_t i, bool capital)
{
	if (r->labels[i])
		md_inline(b, r->labels[i]);
	else
		sbuf_add(b, capital ? "Not yet agreed" : "not yet agreed");
}

/* "A, B and C" of the cells in the given state. */
static size_t join_labels(struct sbuf *b, const struct findings_row *r, enum published_state st)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < r->n; i++)
		total += r->states[i] == st;
	for (size_t i = 0; i < r->n; i++) {
		if (r->states[i] != st)
			continue;
		if (k)
			sbuf_add(b, k + 1 == total ? " and " : ", ");
		label(b, r, i, false);
		k++;
	}
	return total;
}

/* The sentence under a section's findings, from what is published only. A generated
 * default: the chair may one day replace it with words of their own. */
static void sentence(struct sbuf *b, const struct findings_row *r)
{
	if (!r->published) {
		sbuf_add(b, "With so few cases, the counts for this section are not published, so "
			    "that no child can be recognised from them.");
		return;
	}
	size_t shown = 0;
	for (size_t i = 0; i < r->n; i++)
		shown += r->states[i] == PUBLISHED_SHOWN;
	if (shown) {
		sbuf_addf(b, "Of the %zu cases, ", r->ncases);
		size_t k = 0;
		for (size_t i = 0; i < r->n; i++) {
			if (r->states[i] != PUBLISHED_SHOWN)
				continue;
			if (k)
				sbuf_add(b, k + 1 == shown ? " and " : ", ");
			sbuf_addf(b, "%zu ", r->counts[i]);
			if (!r->labels[i]) {
				sbuf_add(b, r->counts[i] == 1 ? "has" : "have");
				sbuf_add(b, " no agreed grade yet");
			} else {
				sbuf_add(b, k			? ""
					    : r->counts[i] == 1 ? "was graded "
								: "were graded ");
				md_inline(b, r->labels[i]);
			}
			k++;
		}
		sbuf_add(b, ".");
	}
	struct sbuf few = {0};
	size_t nfew = join_labels(&few, r, PUBLISHED_FEWER);
	for (size_t i = 0; nfew == 1 && i < r->n; i++) {
		if (r->states[i] != PUBLISHED_FEWER)
			continue;
		sbuf_add(b, shown ? " " : "");
		label(b, r, i, true);
		sbuf_addf(b, " had fewer than %zu.", r->threshold);
	}
	if (nfew > 1 && shown)
		sbuf_addf(b, " %s each had fewer than %zu.", few.data, r->threshold);
	else if (nfew > 1)
		sbuf_addf(b, "%s each had fewer than %zu of the %zu cases.", few.data, r->threshold,
			  r->ncases);
	struct sbuf hidden = {0};
	size_t nhidden = join_labels(&hidden, r, PUBLISHED_HIDDEN);
	if (nhidden)
		sbuf_addf(b,
			  " The count%s for %s %s not shown, so that a smaller count cannot be "
			  "worked out from %s.",
			  nhidden == 1 ? "" : "s", hidden.data, nhidden == 1 ? "is" : "are",
			  nhidden == 1 ? "it" : "them");
	if (few.failed || hidden.failed)
		b->failed = true;
	sbuf_free(&few);
	sbuf_free(&hidden);
}

static void table(struct sbuf *b, const struct findings_row *r)
{
	sbuf_add(b, "| Grade | Cases |\n| --- | ---: |");
	for (size_t i = 0; i < r->n; i++) {
		sbuf_add(b, "\n| ");
		if (r->labels[i])
			md_cell(b, r->labels[i]);
		else
			sbuf_add(b, "Not yet agreed");
		sbuf_add(b, " | ");
		published_count(b, r->counts[i], r->states[i], r->threshold);
		sbuf_add(b, " |");
	}
}

/* The chart of one section, added to the options' list and written as an image whose
 * alternative text says what the chart shows. */
static void chart(struct sbuf *b, const struct briefing_data *d, size_t s,
		  const struct findings_row *r)
{
	struct chart_list *list = d->opt->charts;
	struct sbuf alt = {0}, value = {0};
	sbuf_add(&alt, "Bar chart: ");
	sbuf_add(&alt, d->tpl->sections[s].title);
	sbuf_addf(&alt, ", the %zu cases by agreed grade. ", r->ncases);
	for (size_t i = 0; i < r->n; i++) {
		sbuf_add(&alt, r->labels[i] ? r->labels[i] : "Not yet agreed");
		sbuf_add(&alt, ": ");
		published_count(&alt, r->counts[i], r->states[i], r->threshold);
		sbuf_add(&alt, i + 1 < r->n ? ". " : ".");
	}
	char *name = str_fmt("chart-%zu.%s", list->n + 1, d->opt->chart_ext);
	struct chart *c = name && !alt.failed ? chart_add(list, name, alt.data, r->ncases) : NULL;
	for (size_t i = 0; c && i < r->n; i++) {
		char colour[8];
		if (r->labels[i])
			chart_grade_colour(d->tpl, i, colour);
		else
			snprintf(colour, sizeof colour, "%s", CHART_NOT_AGREED_COLOUR);
		value.len = 0;
		published_count(&value, r->counts[i], r->states[i], r->threshold);
		if (value.failed ||
		    !chart_add_bar(c, r->labels[i] ? r->labels[i] : "Not yet agreed", colour,
				   r->counts[i], value.data, r->states[i] == PUBLISHED_SHOWN))
			c = NULL;
	}
	if (!c) {
		b->failed = true;
	} else {
		sbuf_add(b, "![");
		md_inline(b, alt.data);
		sbuf_addf(b, "](%s)", name);
	}
	free(name);
	sbuf_free(&alt);
	sbuf_free(&value);
}

static void heading(struct sbuf *b, int level, const char *text)
{
	for (int i = 0; i < level; i++)
		sbuf_addc(b, '#');
	sbuf_addc(b, ' ');
	md_inline(b, text);
	sbuf_add(b, "\n\n");
}

/* Writes one section; false (nothing written) when no case has an agreed grade there. */
static bool section_findings(struct sbuf *b, const struct briefing_data *d, size_t s,
			     const int *all, int *column, struct findings_row *r, int level)
{
	const struct template *tpl = d->tpl;
	for (size_t c = 0; c < d->ncases; c++)
		column[c] = all[c * tpl->nsections + s];
	size_t none = findings_distribution(tpl, s, column, d->ncases, r->counts);
	if (none == d->ncases)
		return false;
	r->n = tpl->ngrades;
	for (size_t g = 0; g < tpl->ngrades; g++)
		r->labels[g] = tpl->grades[g].label;
	if (none) {
		r->labels[r->n] = NULL;
		r->counts[r->n++] = none;
	}
	r->published = published_row(r->counts, r->n, r->threshold, r->states);
	sbuf_add(b, b->len ? "\n\n" : "");
	heading(b, level, tpl->sections[s].title);
	if (d->opt->charts)
		chart(b, d, s, r);
	else
		table(b, r);
	sbuf_add(b, "\n\n");
	sentence(b, r);
	return true;
}

/* What the group agreed on the questions that have no grade: each yes-no question with how
 * many of the cases were agreed at each answer (a row whose total is the audit's cases,
 * small counts suppressed as the grades' are), and how many written summaries it agreed for
 * the questions answered in words (each about one child: the summaries stay in the record). */
static void beyond_grades(struct sbuf *b, const struct briefing_data *d, int level,
			  size_t threshold)
{
	const struct template *tpl = d->tpl;
	size_t counts[5];
	enum published_state states[5];
	bool table = false;
	for (size_t i = 0; i < tpl->nquestions; i++) {
		const struct question *q = &tpl->questions[i];
		if (q->kind != QUESTION_YESNO)
			continue;
		counts[4] = findings_question_counts(tpl, q, d->agreed, d->nagreed, d->ncases,
						     counts);
		if (counts[4] == d->ncases)
			continue;
		if (!table) {
			sbuf_add(b, "\n\n");
			heading(b, level, "Questions answered yes or no");
			sbuf_add(b, "| Question | Yes | No | Partly | Not known | Not yet agreed |\n"
				    "| --- | ---: | ---: | ---: | ---: | ---: |");
			table = true;
		}
		published_row(counts, 5, threshold, states);
		sbuf_add(b, "\n| ");
		md_cell(b, q->text);
		for (size_t k = 0; k < 5; k++) {
			sbuf_add(b, " | ");
			published_count(b, counts[k], states[k], threshold);
		}
		sbuf_add(b, " |");
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

void briefing_findings_write(struct sbuf *b, const struct briefing_data *d, int level)
{
	const struct template *tpl = d->tpl;
	size_t ncells = d->ncases * tpl->nsections;
	int *grades = calloc(ncells ? ncells : 1, sizeof *grades);
	int *column = calloc(d->ncases ? d->ncases : 1, sizeof *column);
	struct findings_row r = {.ncases = d->ncases, .threshold = briefing_threshold(d)};
	r.labels = calloc(tpl->ngrades + 1, sizeof *r.labels);
	r.counts = calloc(tpl->ngrades + 1, sizeof *r.counts);
	r.states = calloc(tpl->ngrades + 1, sizeof *r.states);
	if (!grades || !column || !r.labels || !r.counts || !r.states) {
		b->failed = true;
	} else if (d->ncases == 0 || tpl->nsections == 0) {
		sbuf_add(b, "There are no cases to show.");
	} else {
		for (size_t c = 0; c < d->ncases; c++)
			findings_case_grades(tpl, d->agreed[c], d->nagreed[c],
					     &grades[c * tpl->nsections]);
		sbuf_addf(
		    b,
		    "How many of the %zu cases reached each grade in each section, as the "
		    "partnership agreed them (a case's grade in a section is the worst it was "
		    "given there).",
		    d->ncases);
		if (r.threshold)
			sbuf_addf(
			    b,
			    " So that no child can be recognised, a count below %zu reads "
			    "\"fewer than %zu\", and another count is not shown where it would "
			    "let one be worked out.",
			    r.threshold, r.threshold);
		size_t pending = 0, ungraded = 0;
		struct sbuf rest = {0}, none = {0};
		for (size_t s = 0; s < tpl->nsections; s++) {
			/* Nothing to grade is not "not yet agreed". */
			if (!findings_section_gradable(tpl, s)) {
				sbuf_add(&none, ungraded++ ? "; " : "");
				md_inline(&none, tpl->sections[s].title);
				continue;
			}
			if (section_findings(b, d, s, grades, column, &r, level))
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
		beyond_grades(b, d, level, r.threshold);
		if (rest.failed || none.failed)
			b->failed = true;
		sbuf_free(&rest);
		sbuf_free(&none);
	}
	free(grades);
	free(column);
	free(r.labels);
	free(r.counts);
	free(r.states);
}
