/* The audit list, the first screen: every audit in the database with its progress. */
#ifndef MACA_UI_HOME_H
#define MACA_UI_HOME_H

#include <stdint.h>

#include "store.h"
#include "ui_keys.h"

struct ui_home {
	struct audit_info *audits;
	size_t naudits;
	int64_t *expected; /* answers expected per audit: cases x agencies x questions */
	size_t selected;
};

/* Reads the list (again). The selection stays on the audit it was on when that is still
 * listed, else at the same place. On failure h is unchanged. */
int ui_home_load(struct ui_home *h, struct store *st, struct maca_err *err);
void ui_home_free(struct ui_home *h);
void ui_home_move(struct ui_home *h, enum ui_action action);
/* Selects the audit with this id if it is listed. */
void ui_home_select(struct ui_home *h, int64_t id);

#endif
