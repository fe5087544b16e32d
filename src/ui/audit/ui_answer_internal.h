/* What ui_answer.c (saving, moving, keys) and ui_answer_load.c (reading the walk) share. */
#ifndef MACA_UI_ANSWER_INTERNAL_H
#define MACA_UI_ANSWER_INTERNAL_H

#include "ui_answer.h"

/* Sets up the value and the editor for the current item from what was saved. */
int ui_answer_load_current(struct ui_answer *ua, struct maca_err *err);
/* Builds the walk for the current case with what this agency saved for it; on failure the
 * walk is as it was. */
int ui_answer_load_items(struct ui_answer *ua, struct store *st, struct maca_err *err);
/* Forgets a conflict (ui_answer_load.c: loading another item forgets it too). */
void ui_answer_conflict_clear(struct ui_answer *ua);
/* Undoes the last change (force: whatever the record holds now) and shows it. */
int ui_answer_undo_apply(struct ui_answer *ua, struct store *st, bool force, struct maca_err *err);
/* Whether the current item holds what was not saved yet. */
bool ui_answer_unsaved(const struct ui_answer *ua);

#endif
