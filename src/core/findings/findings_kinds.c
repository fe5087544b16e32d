/* What the group agreed beyond grades: sections with nothing to grade, yes-no answers counted
 * across cases, and how many cases have an agreed summary. See findings.h. */
#include <string.h>

#include "findings.h"

bool findings_section_gradable(const struct template *tpl, size_t section)
{
	if (section >= tpl->nsections)
		return false;
	const struct section *sec = &tpl->sections[section];
	for (size_t q = 0; q < sec->nquestions; q++)
		if (tpl->questions[sec->first_question + q].kind == QUESTION_GRADED)
			return true;
	return false;
}

size_t findings_question_counts(const struct template *tpl, const struct question *q,
				struct agreed_row *const *rows, const size_t *n, size_t ncases,
				size_t *counts)
{
	size_t slots = q->kind == QUESTION_GRADED  ? tpl->ngrades
		       : q->kind == QUESTION_YESNO ? 4
						   : 1;
	memset(counts, 0, slots * sizeof *counts);
	size_t none = 0;
	for (size_t c = 0; c < ncases; c++) {
		const char *value = NULL;
		for (size_t i = 0; i < n[c] && !value; i++)
			if (strcmp(rows[c][i].question_id, q->id) == 0 && *rows[c][i].grade)
				value = rows[c][i].grade;
		int at = -1;
		if (value && q->kind == QUESTION_GRADED)
			at = template_grade_index(tpl, value);
		else if (value && q->kind == QUESTION_YESNO)
			for (int k = 0; k < 4 && at < 0; k++)
				at = strcmp(template_yesno_values[k].id, value) == 0 ? k : -1;
		else if (value)
			at = 0;
		if (at < 0)
			none++;
		else
			counts[at]++;
	}
	return none;
}
