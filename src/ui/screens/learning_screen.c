/* The Learning screen: adding and editing learning points, good practice and actions
 * through the form, reordering, deleting once confirmed, cycling an action's status, and
 * showing the earlier audit's learning on a re-audit. The state is ui_learning.c's. */
#include <stdlib.h>

#include "screens_internal.h"
#include "ui_find.h"
#include "ui_lines.h"

int ui_learning_show(struct ui *ui, int64_t audit_id, enum ui_learning_kind kind, int64_t id,
		     struct maca_err *err)
{
	int rc = ui_learning_load(&ui->learning, ui->st, audit_id, err);
	if (rc)
		return rc;
	ui->learning.undo = ui_undo_in(&ui->undo[UI_SCREEN_LEARNING], audit_id);
	if (id)
		ui_learning_select(&ui->learning, kind, id);
	ui_push(ui, UI_SCREEN_LEARNING);
	return MACA_OK;
}

/* A learning form was saved: the list shows what it created or changed, selected. */
static void learning_saved(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	struct maca_err err = {0};
	ui_status_said(ui, ui_learning_form_saved(&ui->learning, ui->st, purpose, id, &err), &err,
		       "Saved");
}

static void delete_confirmed(struct ui *ui)
{
	struct maca_err err = {0};
	ui_status_said(ui, ui_learning_delete(&ui->learning, ui->st, &err), &err, "Deleted");
}

static void learning_result(struct ui *ui, int rc, struct maca_err *err);

static void learning_resolved(struct ui *ui, enum ui_action choice)
{
	struct maca_err err = {0};
	learning_result(ui, ui_learning_resolve(&ui->learning, ui->st, choice, &err), &err);
}

/* A status change found the status changed by someone else: both are shown. */
static void ask_conflict(struct ui *ui)
{
	const struct ui_learning_conflict *c = &ui->learning.conflict;
	const struct ui_change *u = ui->learning.undo ? ui_undo_last(ui->learning.undo) : NULL;
	enum action_status mine = c->mine;
	if (c->undoing && u)
		action_status_parse(u->before[0], &mine);
	char *what = str_dup(c->undoing && u && u->what ? u->what : "The action's status");
	char *theirs = str_fmt("Status: %s\n", action_status_label(c->now));
	char *typed = str_fmt("Status: %s\n", action_status_label(mine));
	ui_conflict_ask(ui, learning_resolved, &c->by, what, theirs, typed);
}

static void learning_result(struct ui *ui, int rc, struct maca_err *err)
{
	ui_conflict_said(ui, rc, err, ui->learning.conflict.open, ask_conflict);
}

static int learning_undo(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui_learning_undo(&ui->learning, ui->st, false, &err);
	learning_result(ui, rc, &err);
	return rc;
}

/* The history of the selected good practice, learning point (its actions too) or action. */
static void history(struct ui *ui)
{
	const struct ui_learning *ul = &ui->learning;
	const struct ui_learning_item *it = ui_learning_selected(ul);
	if (!it)
		return;
	struct sbuf ids = {0};
	char *title = NULL;
	if (it->kind == UI_LEARNING_GOOD_PRACTICE) {
		const struct good_practice_row *g = &ul->good_practice[it->index];
		sbuf_addf(&ids, "%lld", (long long)g->id);
		title = str_fmt("good practice %d", g->position);
	} else {
		const struct learning_point_row *lp = &ul->points[it->index];
		if (it->kind == UI_LEARNING_ACTION) {
			sbuf_addf(&ids, "%lld", (long long)lp->actions[it->action].id);
			title =
			    str_fmt("action %d.%d", lp->number, lp->actions[it->action].position);
		} else {
			/* A point's rows name it by id, its moves by title; its actions' by id. */
			sbuf_addf(&ids, "%lld\n%s", (long long)lp->id, lp->title);
			for (size_t a = 0; a < lp->nactions; a++)
				sbuf_addf(&ids, "\n%lld", (long long)lp->actions[a].id);
			title = str_fmt("learning point %d, %s", lp->number, lp->title);
		}
	}
	char *text = sbuf_take(&ids), *copy = NULL;
	char **items = NULL;
	size_t n = 0;
	struct maca_err err = {0};
	if (text && title && !ui_lines_split(text, false, &copy, &items, &n, &err)) {
		struct ui_history_query q = {
		    .audit_id = ul->audit_id, .items = (const char *const *)items, .nitems = n};
		ui_history_open(ui, &q, NULL, title);
	} else {
		err_clear(&err);
		ui_set_status(ui, true, "out of memory");
	}
	free(items);
	free(copy);
	free(text);
	free(title);
}

static int learning_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	struct ui_learning *ul = &ui->learning;
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
		ui_open_form(ui, ui_learning_open_form(ul, ui->st, &ui->form, req, err), err,
			     learning_saved);
		return MACA_OK;
	}
	case UI_ACTION_MOVE_POINT_UP:
	case UI_ACTION_MOVE_POINT_DOWN:
		rc = ui_learning_move_point(ul, ui->st, action == UI_ACTION_MOVE_POINT_UP ? -1 : 1,
					    err);
		if (!rc && ui_learning_selected_point(ul))
			ui_set_status(ui, false, "Now learning point %d",
				      ui_learning_selected_point(ul)->number);
		break;
	case UI_ACTION_DELETE_LEARNING: {
		char *q;
		rc = ui_learning_delete_question(ul, &q, err);
		if (!rc) {
			ui_confirm_open(ui, delete_confirmed, NULL, "y",
					"Type y to confirm:", "%s Esc cancels.", q);
			free(q);
		}
		break;
	}
	case UI_ACTION_HISTORY:
		history(ui);
		return MACA_OK;
	case UI_ACTION_ACTION_STATUS:
		rc = ui_learning_cycle_status(ul, ui->st, err);
		if (rc == MACA_ECONFLICT) {
			learning_result(ui, rc, err);
			return MACA_OK;
		}
		if (!rc) {
			const struct learning_point_row *lp = ui_learning_selected_point(ul);
			const struct action_row *a = &lp->actions[ui_learning_selected(ul)->action];
			ui_set_status(ui, false, "Action %d.%d: %s", lp->number, a->position,
				      ui_learning_status_label(a->status));
		}
		break;
	case UI_ACTION_EARLIER_LEARNING:
		rc = ui_learning_toggle_earlier(ul, ui->st, err);
		if (!rc)
			ui_set_status(ui, false, "%s",
				      ul->earlier.shown ? "The earlier audit's learning is below"
							: "Earlier learning hidden");
		break;
	default:
		ui_learning_move(ul, action);
		return MACA_OK;
	}
	return rc;
}

/* Another maca changed the learning: it shows, on the same item. */
static int learning_reload(struct ui *ui, struct maca_err *err)
{
	return ui_learning_load(&ui->learning, ui->st, ui->learning.audit_id, err);
}

static bool learning_matches(const void *ctx, size_t i, const char *query)
{
	const struct ui_learning *ul = ctx;
	const struct ui_learning_item *it = &ul->items[i];
	if (it->kind == UI_LEARNING_GOOD_PRACTICE)
		return ui_find_match(ul->good_practice[it->index].text, query);
	/* An agency's note: its case and its words, as shown (index is into the notes). */
	if (it->kind == UI_LEARNING_NOTE)
		return ui_find_match(ul->notes[it->index].case_ref, query) ||
		       ui_find_match(ul->notes[it->index].text, query);
	const struct learning_point_row *lp = &ul->points[it->index];
	if (it->kind == UI_LEARNING_ACTION)
		return ui_find_match(lp->actions[it->action].what, query) ||
		       ui_find_match(lp->actions[it->action].measure, query);
	return ui_find_match(lp->title, query) || ui_find_match(lp->text, query);
}

/* Good practice, learning points and actions as find and a click see them. */
static struct ui_list learning_list(struct ui *ui)
{
	struct ui_learning *ul = &ui->learning;
	return (struct ui_list){
	    .selected = &ul->selected, .n = ul->nitems, .items = ul, .matches = learning_matches};
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
    {'u', UI_ACTION_UNDO, NULL, "Undo the last status change or move made here"},
    {'h', UI_ACTION_HISTORY, NULL, "Show the selected item's history"},
    {'b', UI_ACTION_EARLIER_LEARNING, "earlier", NULL},
    {'/', UI_ACTION_FIND, "find", "Find good practice, a learning point or an action by its words"},
    {'n', UI_ACTION_FIND_NEXT, NULL, NULL},
    {'N', UI_ACTION_FIND_PREV, NULL, NULL},
};

const struct ui_screen_ops ui_learning_screen = {
    .title = "Learning",
    .keys = learning_keys,
    .nkeys = sizeof learning_keys / sizeof learning_keys[0],
    .act = learning_act,
    .undo = learning_undo,
    .undo_words = "the last change",
    .list = learning_list,
    .reload = learning_reload,
};
