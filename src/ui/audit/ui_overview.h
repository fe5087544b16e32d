/* The audit overview: cases as rows, the template's sections as columns. */
#ifndef MACA_UI_OVERVIEW_H
#define MACA_UI_OVERVIEW_H

#include <stdint.h>

#include "store.h"
#include "template.h"
#include "ui_keys.h"

struct ui_cell {
	int agreed;	  /* the section's grade (findings.h) once all is agreed, else -1 */
	int answered;	  /* agencies that have answered at least one question of the section */
	size_t questions; /* the section's questions */
	size_t nagreed;	  /* of them, those with an agreed answer */
	bool gradable;	  /* the section has graded questions (else nothing to grade) */
};

struct ui_overview {
	bool open;
	struct audit_info info;
	struct template *tpl; /* the audit's own copy */
	struct named_list agencies;
	struct case_info *cases;
	size_t ncases;
	struct ui_cell *cells; /* ncases x tpl->nsections, row by row */
	int64_t answered, expected;
	size_t row, col; /* the selected cell */
};

/* Reads the audit. The first time (another audit before), the selection is where the chair
 * was in moderation (store_chair_place_get); reading the same audit again keeps it. */
int ui_overview_load(struct ui_overview *ov, struct store *st, int64_t audit_id,
		     struct maca_err *err);
void ui_overview_free(struct ui_overview *ov);
void ui_overview_move(struct ui_overview *ov, enum ui_action action);
const struct ui_cell *ui_overview_cell(const struct ui_overview *ov, size_t row, size_t col);

#endif
