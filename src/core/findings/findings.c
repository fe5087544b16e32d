#include "findings.h"

#include <string.h>

int findings_section_grade(const struct template *tpl, size_t section,
			   const struct agreed_row *rows, size_t n)
{
	if (section >= tpl->nsections)
		return -1;
	int worst = -1, not_applicable = -1;
	for (size_t i = 0; i < n; i++) {
		const struct question *q = template_question(tpl, rows[i].question_id);
		if (!q || q->section != section || q->kind != QUESTION_GRADED)
			continue;
		int g = template_grade_index(tpl, rows[i].grade);
		if (g < 0)
			continue; /* "" (not agreed yet) or a grade the template lacks */
		if (tpl->grades[g].not_applicable) {
			if (g > not_applicable)
				not_applicable = g;
		} else if (g > worst) {
			worst = g;
		}
	}
	return worst >= 0 ? worst : not_applicable;
}

void findings_case_grades(const struct template *tpl, const struct agreed_row *rows, size_t n,
			  int *grades)
{
	/* The same rule in one pass. While folding, grades[s] is the worst grade so far (>= 0),
	 * or -2 - g when only not-applicable grades were seen (the highest being g), or -1. */
	for (size_t s = 0; s < tpl->nsections; s++)
		grades[s] = -1;
	for (size_t i = 0; i < n; i++) {
		const struct question *q = template_question(tpl, rows[i].question_id);
		if (!q || q->kind != QUESTION_GRADED || q->section >= tpl->nsections)
			continue;
		int g = template_grade_index(tpl, rows[i].grade);
		if (g < 0)
			continue;
		int *cell = &grades[q->section];
		if (!tpl->grades[g].not_applicable) {
			if (g > *cell)
				*cell = g;
		} else if (*cell < 0 && g > (*cell <= -2 ? -2 - *cell : -1)) {
			*cell = -2 - g;
		}
	}
	for (size_t s = 0; s < tpl->nsections; s++)
		if (grades[s] <= -2)
			grades[s] = -2 - grades[s];
}

size_t findings_distribution(const struct template *tpl, size_t section, const int *grades,
			     size_t ncases, size_t *counts)
{
	memset(counts, 0, tpl->ngrades * sizeof *counts);
	if (section >= tpl->nsections)
		return ncases;
	size_t none = 0;
	for (size_t i = 0; i < ncases; i++) {
		if (grades[i] >= 0 && (size_t)grades[i] < tpl->ngrades)
			counts[grades[i]]++;
		else
			none++;
	}
	return none;
}

bool findings_is_concern(const struct template *tpl, int g)
{
	return g >= 0 && (size_t)g < tpl->ngrades && (size_t)g >= tpl->concern_at &&
	       !tpl->grades[g].not_applicable;
}

void findings_concern_words(struct sbuf *b, const struct template *tpl)
{
	size_t n = 0, total = 0;
	for (size_t g = 0; g < tpl->ngrades; g++)
		total += findings_is_concern(tpl, (int)g);
	for (size_t g = 0; g < tpl->ngrades; g++) {
		if (!findings_is_concern(tpl, (int)g))
			continue;
		if (n)
			sbuf_add(b, n + 1 == total ? " or " : ", ");
		sbuf_add(b, tpl->grades[g].label);
		n++;
	}
}

size_t findings_percent(size_t part, size_t whole)
{
	return whole ? (part * 200 + whole) / (2 * whole) : 0;
}

void findings_actions_progress(struct sbuf *b, const size_t counts[4], size_t total,
			       const char *sep)
{
	sbuf_addf(b, "%zu of %zu (%zu%%);%sin progress %zu, not started %zu, cannot be done %zu.",
		  counts[ACTION_DONE], total, findings_percent(counts[ACTION_DONE], total), sep,
		  counts[ACTION_IN_PROGRESS], counts[ACTION_NOT_STARTED], counts[ACTION_CANNOT]);
}
