#include "audit_grades.h"

#include <stdlib.h>

#include "findings.h"

int audit_grades_load(struct store *st, int64_t audit_id, struct audit_grades *out,
		      struct maca_err *err)
{
	*out = (struct audit_grades){0};
	struct case_info *cases = NULL;
	size_t ncases = 0;
	int rc = store_audit_template(st, audit_id, &out->tpl, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &cases, &ncases, err);
	if (!rc && ncases) {
		out->agreed = calloc(ncases, sizeof *out->agreed);
		out->nagreed = calloc(ncases, sizeof *out->nagreed);
		if (!out->agreed || !out->nagreed)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		else
			out->ncases = ncases;
	}
	for (size_t i = 0; !rc && i < out->ncases; i++)
		rc = store_case_agreed(st, cases[i].id, &out->agreed[i], &out->nagreed[i], err);
	case_info_list_free(cases, ncases);
	if (rc)
		audit_grades_free(out);
	return rc;
}

void audit_grades_free(struct audit_grades *ag)
{
	for (size_t i = 0; ag->agreed && i < ag->ncases; i++)
		agreed_rows_free(ag->agreed[i], ag->nagreed[i]);
	free(ag->agreed);
	free(ag->nagreed);
	template_free(ag->tpl);
	*ag = (struct audit_grades){0};
}

bool audit_grades_section(const struct audit_grades *ag, size_t section,
			  const struct named_list *only, int *grades)
{
	for (size_t c = 0; c < ag->ncases; c++) {
		const struct agreed_row *rows = ag->agreed[c];
		size_t n = ag->nagreed[c];
		struct agreed_row *kept = NULL;
		if (only && n) {
			kept = malloc(n * sizeof *kept);
			if (!kept)
				return false;
			size_t k = 0;
			for (size_t i = 0; i < n; i++)
				if (named_find(only, rows[i].question_id))
					kept[k++] = rows[i];
			rows = kept;
			n = k;
		}
		grades[c] = findings_section_grade(ag->tpl, section, rows, n);
		free(kept);
	}
	return true;
}
