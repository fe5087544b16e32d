/* Setting up the audit day: which agencies take part (the template's, and any the audit has
 * besides), how many answers each has given, and on the day who attended, who sent
 * apologies and who did not come. Attendance is kept in the confidential record. No curses. */
#ifndef MACA_UI_AGENCIES_H
#define MACA_UI_AGENCIES_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "ui_keys.h"

struct ui_agency_row {
	char *code;
	char *name;
	bool taking_part;
	size_t answers;		  /* answers (a value or evidence) across the audit's cases */
	enum attendance attended; /* ATTENDANCE_UNKNOWN when not recorded, or not taking part */
	char *note;
};

struct ui_agencies {
	int64_t audit_id;
	char *title;
	bool closed;
	struct ui_agency_row *rows; /* the template's agencies in its order, then any others */
	size_t n;
	size_t selected;
};

/* Reads the audit's agencies, answers and attendance. Reading the same audit again keeps the
 * selection on the same agency. On failure ua is unchanged. */
int ui_agencies_load(struct ui_agencies *ua, struct store *st, int64_t audit_id,
		     struct maca_err *err);
void ui_agencies_free(struct ui_agencies *ua);
void ui_agencies_move(struct ui_agencies *ua, enum ui_action action);
/* Adds the selected agency to the audit, or takes it out (refused, with the store's reason,
 * when it has answered or is the chair agency). */
int ui_agencies_toggle(struct ui_agencies *ua, struct store *st, struct maca_err *err);
/* Records the selected agency's attendance (and note, NULL: keep); refused for an agency not
 * taking part. */
int ui_agencies_attend(struct ui_agencies *ua, struct store *st, enum attendance a,
		       const char *note, struct maca_err *err);
/* "5 take part: 3 attended, 1 sent apologies, 0 absent, 1 not recorded"; caller frees. */
char *ui_agencies_summary(const struct ui_agencies *ua);

#endif
