/* What the glue of each screen (src/ui/ui_*_act.c and friends) shares with the core in
 * ui.c: the screen stack, the status line, the prompt and the pick, and the table through
 * which ui.c hands a screen its keys and actions. Private to maca_ui_model. */
#ifndef MACA_UI_INTERNAL_H
#define MACA_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui.h"

/* What one screen does with the ui; a NULL hook means the screen has nothing to do then. */
struct ui_screen_ops {
	/* An action the keymap (or a caller) chose, after quit, help and back. */
	void (*act)(struct ui *ui, enum ui_action action);
	/* A key before the keymap sees it; true when the screen took it. */
	bool (*key)(struct ui *ui, int key);
	/* Back was pressed here; false keeps the user on the screen (nothing is lost). */
	bool (*leave)(struct ui *ui);
	/* Back from the screen above: what changed there shows here. */
	void (*resume)(struct ui *ui);
};

extern const struct ui_screen_ops ui_home_screen;
extern const struct ui_screen_ops ui_overview_screen;
extern const struct ui_screen_ops ui_cases_screen;
extern const struct ui_screen_ops ui_answer_screen;
extern const struct ui_screen_ops ui_form_screen;
extern const struct ui_screen_ops ui_moderate_screen;
extern const struct ui_screen_ops ui_learning_screen;
extern const struct ui_screen_ops ui_export_screen;
extern const struct ui_screen_ops ui_compare_screen;
extern const struct ui_screen_ops ui_tracker_screen;
extern const struct ui_screen_ops ui_import_screen;

/* ui.c: the stack, the status line, the prompt and the pick. */
void ui_push(struct ui *ui, enum ui_screen screen);
void ui_pop(struct ui *ui);
/* Shows the error on the status line and clears it. */
void ui_status_err(struct ui *ui, struct maca_err *err);
/* Asks a one-line question; on_confirm says what a confirmed answer does. expected: the
 * exact text that confirms, or NULL for any non-empty answer. */
void ui_prompt_open(struct ui *ui, enum ui_action on_confirm, const char *expected,
		    const char *label, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Makes the prompt just opened a passphrase's: nothing typed is shown, and its editor wipes
 * every block it releases. The answer handed to the action is wiped once used. */
void ui_prompt_mask(struct ui *ui);
void ui_pick_close(struct ui_pick *p);

/* ui_form_act.c: opens the form a ui_form_* call (returning rc) prepared. */
void ui_open_form(struct ui *ui, int rc, struct maca_err *err);

/* What a confirmed prompt or a pick leads to, in the screen's own file. */
void ui_home_delete_confirmed(struct ui *ui);
void ui_cases_remove_confirmed(struct ui *ui);
void ui_learning_delete_confirmed(struct ui *ui);
void ui_export_write_file(struct ui *ui, bool allowed, bool overwrite);
/* Opens the tracker on one audit's actions, or every audit's (0). */
void ui_tracker_open(struct ui *ui, int64_t audit_id);
void ui_tracker_ask_note(struct ui *ui, enum action_status status);
void ui_tracker_note_confirmed(struct ui *ui, const char *note);
void ui_import_path_given(struct ui *ui, const char *path);
void ui_import_passphrase_given(struct ui *ui, const char *pass, size_t len);
void ui_import_confirmed(struct ui *ui);
void ui_moderate_confirmed(struct ui *ui, enum ui_action action, const char *answer);
void ui_moderate_refresh_status(struct ui *ui);
/* Asks which agency answers the selected case, then opens its answers. */
void ui_answer_choose(struct ui *ui);
void ui_answer_start(struct ui *ui, const char *agency);
/* Saves the answer being edited; false (the reason on the status line) when it failed. */
bool ui_answer_saved(struct ui *ui);
/* After an answering call: its error on the status line, or a stale error cleared. */
void ui_answer_result(struct ui *ui, int rc, struct maca_err *err);

#endif
