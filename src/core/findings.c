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
