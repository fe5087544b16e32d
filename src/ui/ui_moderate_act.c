/* The moderation screen's glue: grades and the rationale typed in place, marking cases
 * moderated, and closing or reopening the audit with the reason the history keeps. The
 * screen's state is in ui_moderate.c. */
#include "ui_internal.h"

void ui_moderate_refresh_status(struct ui *ui)
{
	const struct ui_moderate *um = &ui->moderate;
	size_t done = 0;
	for (size_t i = 0; i < um->ncases; i++)
		done += um->cases[i].moderated;
	ui_set_status(ui, false, "%zu of %zu cases moderated%s", done, um->ncases,
		      um->status == AUDIT_CLOSED ? "; the audit is closed" : "");
}

void ui_moderate_confirmed(struct ui *ui, enum ui_action action, const char *answer)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc = MACA_OK;
	if (action == UI_ACTION_AGREE_GRADE) {
		rc = ui_moderate_grade_reason(um, ui->st, answer, &err);
	} else if (action == UI_ACTION_CLOSE_AUDIT) {
		bool closed = um->status == AUDIT_CLOSED;
		enum audit_status to = closed ? AUDIT_MODERATION : AUDIT_CLOSED;
		rc = store_audit_set_status(ui->st, um->audit_id, to, closed ? answer : NULL, &err);
		if (!rc)
			um->status = to;
	}
	if (rc)
		ui_status_err(ui, &err);
	else
		ui_moderate_refresh_status(ui);
}

static void moderate_act(struct ui *ui, enum ui_action action)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc = MACA_OK;
	switch (action) {
	case UI_ACTION_EDIT_RATIONALE:
		if (um->tpl->questions[ui_moderate_qindex(um)].kind == QUESTION_GRADED)
			um->editing = true;
		break;
	case UI_ACTION_TOGGLE_MODERATED:
		rc = ui_moderate_toggle_case(um, ui->st, &err);
		if (!rc)
			ui_moderate_refresh_status(ui);
		break;
	case UI_ACTION_CLOSE_AUDIT:
		rc = ui_moderate_save(um, ui->st, &err);
		if (rc)
			break;
		if (um->status == AUDIT_CLOSED)
			ui_prompt_open(ui, UI_ACTION_CLOSE_AUDIT, NULL, "Reason:",
				       "Reopening a closed audit needs a reason, which the history "
				       "keeps. Esc cancels.");
		else
			ui_prompt_open(
			    ui, UI_ACTION_CLOSE_AUDIT, "close", "Type close to confirm:",
			    "Close the audit? Closing locks it; reopening needs a reason.");
		break;
	default:
		rc = ui_moderate_move(um, ui->st, action, &err);
		break;
	}
	if (rc)
		ui_status_err(ui, &err);
}

/* Grade keys come before the screen's keymap; the rationale editor takes every key. */
static bool moderate_key(struct ui *ui, int key)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc;
	if (um->editing) {
		rc = ui_moderate_edit_key(um, ui->st, key, ui->text_width, &err);
	} else if (ui_moderate_grade_key(um, ui->st, key, &rc, &err)) {
		if (!rc && um->pending_grade >= 0)
			ui_prompt_open(ui, UI_ACTION_AGREE_GRADE, NULL, "Reason:",
				       "This case is marked moderated: changing its agreed grade "
				       "needs a reason. Esc cancels.");
	} else {
		return false;
	}
	if (rc)
		ui_status_err(ui, &err);
	return true;
}

/* The rationale being typed is saved before leaving; if it cannot be, the user stays. */
static bool moderate_leave(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_moderate_save(&ui->moderate, ui->st, &err)) {
		ui_status_err(ui, &err);
		return false;
	}
	return true;
}

const struct ui_screen_ops ui_moderate_screen = {
    .act = moderate_act,
    .key = moderate_key,
    .leave = moderate_leave,
};
