/* Moderation, the audit day itself: for one case and section, every agency's grade and
 * evidence, then the agreed grade and its rationale. */
#ifndef MACA_UI_MODERATE_H
#define MACA_UI_MODERATE_H

#include <stdbool.h>
#include <stdint.h>

#include "editbuf.h"
#include "store.h"
#include "ui_keys.h"

struct ui_moderate {
	int64_t audit_id;
	enum audit_status status;
	struct template *tpl;
	struct named_list agencies; /* code, name */
	struct case_info *cases;
	size_t ncases;
	size_t case_idx;
	size_t section;
	size_t question;	    /* within the section */
	struct answer_row *answers; /* of the current case */
	size_t nanswers;
	struct agreed_row *agreed;
	size_t nagreed;
	struct editbuf *rationale; /* of the current question */
	bool editing;		   /* keys go to the rationale */
	int pending_grade;	   /* grade waiting for a reason (moderated case), or -1 */
	size_t rationale_top;	   /* the rationale editor's scroll: its first row shown */
	int text_width;		   /* columns the view gives the rationale (for Up and Down) */
};

int ui_moderate_open(struct ui_moderate *um, struct store *st, int64_t audit_id, size_t case_idx,
		     size_t section, struct maca_err *err);
void ui_moderate_free(struct ui_moderate *um);
/* Reads the audit's status, its cases and the current case's answers and agreed grades
 * again (another maca may have changed them), staying on the same case (by id), section
 * and question. A rationale being typed stays as typed. */
int ui_moderate_reload(struct ui_moderate *um, struct store *st, struct maca_err *err);

/* The template's question index of the current question. */
size_t ui_moderate_qindex(const struct ui_moderate *um);
/* An agency's answer to a question of the current case, or NULL. */
const struct answer_row *ui_moderate_answer(const struct ui_moderate *um, const char *agency,
					    const char *question_id);
/* The agreed row of a question of the current case, or NULL. */
const struct agreed_row *ui_moderate_agreed(const struct ui_moderate *um, const char *question_id);

/* Moves between questions, sections and cases, saving a changed rationale first. */
int ui_moderate_move(struct ui_moderate *um, struct store *st, enum ui_action action,
		     struct maca_err *err);
/* A key that may set the agreed grade of the current question. Returns true when the key
 * was a grade key. When the case is marked moderated the change needs a reason: then
 * pending_grade is set and the caller asks for one and calls ui_moderate_grade_reason. */
bool ui_moderate_grade_key(struct ui_moderate *um, struct store *st, int key, int *rc,
			   struct maca_err *err);
int ui_moderate_grade_reason(struct ui_moderate *um, struct store *st, const char *reason,
			     struct maca_err *err);
/* Keys while the rationale is being edited; Esc or Tab saves and leaves it. */
int ui_moderate_edit_key(struct ui_moderate *um, struct store *st, int key, int width,
			 struct maca_err *err);
/* Saves the rationale if it changed (also called before leaving the screen). */
int ui_moderate_save(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* Marks the current case moderated, or not. */
/* Pasted text into the rationale being edited (ui_edit_paste), or refused when none is. */
int ui_moderate_paste(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err);
int ui_moderate_toggle_case(struct ui_moderate *um, struct store *st, struct maca_err *err);

#endif
