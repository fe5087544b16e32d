/* Moderation, the audit day itself: for one case and section, every agency's grade and
 * evidence, then the agreed grade and its rationale. */
#ifndef MACA_UI_MODERATE_H
#define MACA_UI_MODERATE_H

#include <stdbool.h>
#include <stdint.h>

#include "editbuf.h"
#include "store.h"
#include "ui_change.h"
#include "ui_keys.h"

/* A save (or an undo) found the agreed grade changed by someone else: nothing was written, and
 * the screen asks the user what to do (ui_moderate_resolve). */
struct ui_moderate_conflict {
	bool open;
	bool undoing; /* it was an undo (u), not a save */
	bool grade;   /* the grade's save (else the rationale's) */
	char *now[2]; /* the agreed grade and rationale now (NULL: not compared) */
	char *mine;   /* the grade the save would write */
	char *reason; /* and the reason given with it */
	struct store_change by;
};

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
	char *rationale_base;	   /* the rationale as read: what its save expects to find */
	struct ui_undo *undo;	   /* where the changes made here are remembered (the screen's) */
	struct ui_moderate_conflict conflict;
	bool editing;	      /* keys go to the rationale */
	char *pending_value;  /* agreed grade waiting for a reason (moderated case) */
	size_t rationale_top; /* the rationale editor's scroll: its first row shown */
	int text_width;	      /* columns the view gives the rationale (for Up and Down) */
};

int ui_moderate_open(struct ui_moderate *um, struct store *st, int64_t audit_id, size_t case_idx,
		     size_t section, struct maca_err *err);
void ui_moderate_free(struct ui_moderate *um);
/* Reads the current case's answers, agreed grades and rationale (ui_moderate_keys.c, on
 * moving to another case). */
int ui_moderate_load_case(struct ui_moderate *um, struct store *st, struct maca_err *err);
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
/* Sets the agreed grade of the current question (a grade id; "" clears it). When the case is
 * marked moderated the change needs a reason: then pending_value is set and the caller asks
 * for one and calls ui_moderate_grade_reason. */
int ui_moderate_set_grade(struct ui_moderate *um, struct store *st, const char *value,
			  struct maca_err *err);
/* Takes every value key (ui_value_keys.h): a grade's key agrees that grade (as
 * ui_moderate_set_grade), any other says what does. False for any other key. */
bool ui_moderate_key(struct ui_moderate *um, struct store *st, int key, int *rc,
		     struct maca_err *err);
/* The grade keys of the current question, as bindings; none while the rationale is typed. */
size_t ui_moderate_value_keys(const struct ui_moderate *um, struct ui_binding *out);
/* Empties the rationale of the current question and saves it at once. */
int ui_moderate_clear_rationale(struct ui_moderate *um, struct store *st, struct maca_err *err);
int ui_moderate_grade_reason(struct ui_moderate *um, struct store *st, const char *reason,
			     struct maca_err *err);
/* Keys while the rationale is being edited; Esc or Tab saves and leaves it. */
int ui_moderate_edit_key(struct ui_moderate *um, struct store *st, int key, int width,
			 struct maca_err *err);
/* Saves the rationale if it changed (also called before leaving the screen), if the record
 * still holds what the screen read (else MACA_ECONFLICT with um->conflict filled). */
int ui_moderate_save(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* After MACA_ECONFLICT: UI_ACTION_KEEP_MINE saves the grade or rationale over the other change
 * (an undo: undoes anyway), UI_ACTION_TAKE_THEIRS shows what is saved now (an undo: forgets
 * it), UI_ACTION_KEEP_EDITING leaves the rationale as typed, unsaved. */
int ui_moderate_resolve(struct ui_moderate *um, struct store *st, enum ui_action choice,
			struct maca_err *err);
/* The conflict for the Changed meanwhile screen (each malloc'd; NULL when out of memory). */
void ui_moderate_conflict_texts(const struct ui_moderate *um, char **what, char **theirs,
				char **mine);
void ui_moderate_conflict_clear(struct ui_moderate *um);
/* u: saves the rationale being typed, then undoes the last change made from this screen and
 * shows its case and question; MACA_ECONFLICT as for a save. */
int ui_moderate_undo(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* Reads the current question's rationale into the editor (ui_moderate.c). */
int ui_moderate_load_rationale(struct ui_moderate *um, struct maca_err *err);
/* Marks the current case moderated, or not. */
/* Pasted text into the rationale being edited (ui_edit_paste), or refused when none is. */
int ui_moderate_paste(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err);
int ui_moderate_toggle_case(struct ui_moderate *um, struct store *st, struct maca_err *err);

#endif
