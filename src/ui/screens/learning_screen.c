/* The Learning screen: adding and editing learning points, good practice and actions
 * through the form, reordering, deleting once confirmed, cycling an action's status, and
 * showing the earlier audit's learning on a re-audit. The state is ui_learning.c's. */
#include <stdlib.h>

#include "screens_internal.h"

/* A learning form was saved: the list shows what it created or changed, selected. */
static void learning_saved(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	struct maca_err err = {0};
	if (ui_learning_form_saved(&ui->learning, ui->st, purpose, id, &err))
		ui_status_err(ui, &err);
	else
		ui_set_status(ui, false, "Saved");
}

static void delete_confirmed(struct ui *ui, const char *answer, size_t len)
{
	(void)answer;
	(void)len;
	struct maca_err err = {0};
	if (ui_learning_delete(&ui->learning, ui->st, &err))
		ui_status_err(ui, &err);
	else
		ui_set_status(ui, false, "Deleted");
}

static void learning_act(struct ui *ui, enum ui_action action)
{
	struct ui_learning *ul = &ui->learning;
	struct maca_err err = {0};
	int rc = MACA_OK;
	switch (action) {
	case UI_ACTION_ADD_LEARNING_POINT:
	case UI_ACTION_ADD_GOOD_PRACTICE:
	case UI_ACTION_ADD_ACTION:
	case UI_ACTION_EDIT_LEARNING: {
		enum ui_learning_request req =
		    action == UI_ACTION_ADD_LEARNING_POINT  ? UI_LEARNING_ADD_POINT
		    : action == UI_ACTION_ADD_GOOD_PRACTICE ? UI_LEARNING_ADD_GOOD_PRACTICE
		    : action == UI_ACTION_ADD_ACTION	    ? UI_LEARNING_ADD_ACTION
							    : UI_LEARNING_EDIT;
		ui_open_form(ui, ui_learning_open_form(ul, ui->st, &ui->form, req, &err), &err,
			     learning_saved);
		return;
	}
	case UI_ACTION_MOVE_POINT_UP:
	case UI_ACTION_MOVE_POINT_DOWN:
		rc = ui_learning_move_point(ul, ui->st, action == UI_ACTION_MOVE_POINT_UP ? -1 : 1,
					    &err);
		if (!rc && ui_learning_selected_point(ul))
			ui_set_status(ui, false, "Now learning point %d",
				      ui_learning_selected_point(ul)->number);
		break;
	case UI_ACTION_DELETE_LEARNING: {
		char *q;
		rc = ui_learning_delete_question(ul, &q, &err);
		if (!rc) {
			ui_prompt_open(ui, delete_confirmed, NULL, "y",
				       "Type y to confirm:", "%s Esc cancels.", q);
			free(q);
		}
		break;
	}
	case UI_ACTION_ACTION_STATUS:
		rc = ui_learning_cycle_status(ul, ui->st, &err);
		if (!rc) {
			const struct learning_point_row *lp = ui_learning_selected_point(ul);
			const struct action_row *a = &lp->actions[ui_learning_selected(ul)->action];
			ui_set_status(ui, false, "Action %d.%d: %s", lp->number, a->position,
				      ui_learning_status_label(a->status));
		}
		break;
	case UI_ACTION_EARLIER_LEARNING:
		rc = ui_learning_toggle_earlier(ul, ui->st, &err);
		if (!rc)
			ui_set_status(ui, false, "%s",
				      ul->earlier.shown ? "The earlier audit's learning is below"
							: "Earlier learning hidden");
		break;
	default:
		ui_learning_move(ul, action);
		return;
	}
	if (rc)
		ui_status_err(ui, &err);
}

/* Another maca changed the learning: it shows, on the same item. */
static void learning_reload(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_learning_load(&ui->learning, ui->st, ui->learning.audit_id, &err))
		ui_status_err(ui, &err);
}

static void learning_screen_free(struct ui *ui)
{
	ui_learning_free(&ui->learning);
}

static const struct ui_binding learning_keys[] = {
    {'a', UI_ACTION_ADD_LEARNING_POINT, "add", NULL},
    {'p', UI_ACTION_ADD_GOOD_PRACTICE, "add", NULL},
    {'A', UI_ACTION_ADD_ACTION, "action", NULL},
    {'e', UI_ACTION_EDIT_LEARNING, "edit", NULL},
    {UI_KEY_ENTER, UI_ACTION_EDIT_LEARNING, NULL, NULL},
    {'J', UI_ACTION_MOVE_POINT_DOWN, "move", NULL},
    {'K', UI_ACTION_MOVE_POINT_UP, "move", NULL},
    {'x', UI_ACTION_DELETE_LEARNING, "delete", NULL},
    {'s', UI_ACTION_ACTION_STATUS, "status", NULL},
    {'b', UI_ACTION_EARLIER_LEARNING, "earlier", NULL},
};

const struct ui_screen_ops ui_learning_screen = {
    .title = "Learning",
    .keys = learning_keys,
    .nkeys = sizeof learning_keys / sizeof learning_keys[0],
    .act = learning_act,
    .reload = learning_reload,
    .free = learning_screen_free,
};
