/* How the screens open one another, and each screen's hooks for the table in screens.c.
 * Private to src/ui/screens. */
#ifndef MACA_SCREENS_INTERNAL_H
#define MACA_SCREENS_INTERNAL_H

#include <stdint.h>

#include "ui.h"
#include "ui_screen.h"

#define UI_SCREEN_OPS(id, name) extern const struct ui_screen_ops ui_##name##_screen;
UI_SCREENS(UI_SCREEN_OPS)
#undef UI_SCREEN_OPS

/* form_screen.c: opens the form a ui_form_* call (returning rc) prepared; saved says what a
 * saved form changes on the screen below it. */
void ui_open_form(struct ui *ui, int rc, struct maca_err *err,
		  void (*saved)(struct ui *ui, enum ui_form_purpose purpose, int64_t id));
/* learning_screen.c: an audit's learning, its changes undoable, at the item of kind with id
 * (0: the first item); an error is the caller's to say. Every way onto the screen is this. */
int ui_learning_show(struct ui *ui, int64_t audit_id, enum ui_learning_kind kind, int64_t id,
		     struct maca_err *err);
/* actions_screen.c: the tracker on one audit's actions, or every audit's (0). */
void ui_tracker_open(struct ui *ui, int64_t audit_id);
/* answer_screen.c: asks which agency answers the overview's selected case, then opens its
 * answers. */
void ui_answer_choose(struct ui *ui);
/* moderate_screen.c: the overview's selected case and section. */
void ui_moderate_enter(struct ui *ui);
/* agencies_screen.c: the overview's audit's agencies and attendance. */
void ui_agencies_open(struct ui *ui);
/* import_screen.c: asks for the path of a file to import. */
void ui_import_ask(struct ui *ui);
/* conflict_screen.c: a save found its record changed by someone else (by): shows what it is
 * about, what is there now and what the save would write (each malloc'd, taken and freed
 * here; NULL: out of memory, said instead), and calls resolve with the user's choice
 * (UI_ACTION_KEEP_MINE, _TAKE_THEIRS or _KEEP_EDITING) once the screen is closed. */
void ui_conflict_ask(struct ui *ui, void (*resolve)(struct ui *ui, enum ui_action choice),
		     const struct store_change *by, char *what, char *theirs, char *mine);
/* conflict_screen.c: what the save a screen's flush hook made (rc) means: true when it went
 * through; else false, the user staying with the text, and `result` saying why (a conflict
 * asks) unless the conflict screen is up already, when the error goes on the status line. */
bool ui_conflict_flushed(struct ui *ui, int rc, struct maca_err *err,
			 void (*result)(struct ui *ui, int rc, struct maca_err *err));
/* conflict_screen.c: after a save (rc): a conflict the screen's state holds open (open) is
 * asked about (ask: its texts to ui_conflict_ask), err cleared; any other error goes on the
 * status line. Returns rc. */
int ui_conflict_said(struct ui *ui, int rc, struct maca_err *err, bool open,
		     void (*ask)(struct ui *ui));
/* conflict_screen.c: keep editing chosen where moving on saves again (an answer, an agreed
 * answer), and the resolve hook said nothing else: says so. */
void ui_conflict_kept(struct ui *ui, enum ui_action choice);
/* history_screen.c: the history of one case of an audit: every change about it. */
void ui_history_case(struct ui *ui, int64_t audit_id, const struct template *tpl,
		     const char *reference);
/* history_screen.c: the history of the record the query picks, titled. */
void ui_history_open(struct ui *ui, const struct ui_history_query *q, const struct template *tpl,
		     const char *title);

#endif
