/* An audit's agreed grades, read once for comparisons and reports: its own template and,
 * per case, the agreed rows. Plain C, no curses. */
#ifndef MACA_AUDIT_GRADES_H
#define MACA_AUDIT_GRADES_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "names.h"
#include "store.h"
#include "template.h"

struct audit_grades {
	struct template *tpl; /* the audit's own copy */
	size_t ncases;
	struct agreed_row **agreed; /* per case, in case order */
	size_t *nagreed;
};

int audit_grades_load(struct store *st, int64_t audit_id, struct audit_grades *out,
		      struct maca_err *err);
void audit_grades_free(struct audit_grades *ag);

/* Each case's grade (findings_section_grade) for the section at index `section` of ag->tpl,
 * into grades (ncases entries). With `only` non-NULL, only the agreed grades of questions
 * whose ids it lists count. Returns false when out of memory. */
bool audit_grades_section(const struct audit_grades *ag, size_t section,
			  const struct named_list *only, int *grades);

#endif
