/* The earlier audit's learning points and actions, shown read-only below a re-audit's list on
 * its Learning screen (issue 8: "visible alongside" in the new audit), laid out as plain
 * lines so the drawing only prints them. */
#ifndef MACA_UI_LEARNING_EARLIER_H
#define MACA_UI_LEARNING_EARLIER_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

struct ui_learning_earlier {
	bool shown;
	int64_t audit_id; /* the audit this one re-audits */
	char **lines;	  /* a heading, then each point and, indented, its actions */
	size_t nlines;
};

/* Reads the learning of the audit that audit_id re-audits into e (shown), replacing what was
 * there; owners are named from agencies, overdue is decided against today (YYYY-MM-DD).
 * MACA_EUSER, saying what to do, when audit_id re-audits none (or it has been deleted). On
 * failure e is unchanged. */
int ui_learning_earlier_load(struct ui_learning_earlier *e, struct store *st, int64_t audit_id,
			     const struct named_list *agencies, const char *today,
			     struct maca_err *err);
void ui_learning_earlier_free(struct ui_learning_earlier *e);

#endif
