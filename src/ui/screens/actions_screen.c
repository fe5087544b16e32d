/* The action tracker: opening it, and setting an action's status with the progress note
 * that must go with it. The tracker's state is ui_actions.c's. */
#include <stdio.h>
#include <stdlib.h>

#include "screens_internal.h"
#include "ui_find.h"

void ui_tracker_open(struct ui *ui, int64_t audit_id)
{
	struct maca_err err = {0};
	if (ui_actions_open(&ui->actions, ui->st, audit_id, NULL, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui->actions.undo = ui_undo_in(&ui->undo[UI_SCREEN_ACTIONS], audit_id);
	ui_push(ui, UI_SCREEN_ACTIONS);
	ui_set_status(ui, false, "%zu action%s%s", ui->actions.nitems,
		      ui->actions.nitems == 1 ? "" : "s",
		      audit_id ? " in this audit" : " across every audit");
}

static void note_given(struct ui *ui, const char *note, size_t len);
static void note_refused(struct ui *ui);
static void note_cancelled(struct ui *ui);

static void actions_resolved(struct ui *ui, enum ui_action choice)
{
	struct ui_actions *ua = &ui->actions;
	struct maca_err err = {0};
	bool undoing = ua->undoing;
	int64_t id = ua->pending_id;
	enum action_status status = ua->pending_status;
	int rc = ui_actions_resolve(ua, ui->st, choice, &err);
	if (rc) {
		ui_status_err(ui, &err);
	} else if (!undoing && choice == UI_ACTION_KEEP_EDITING && ua->note) {
		char *question = ui_actions_note_question(ua);
		ui_prompt_open(ui, note_given, note_refused, NULL, "Note:", "%s",
			       question ? question : "Progress note:");
		ui_prompt_on_cancel(ui, note_cancelled);
		ui_prompt_fill(ui, ua->note);
		free(question);
		free(ua->note);
		ua->note = NULL;
	} else if (!undoing && choice == UI_ACTION_KEEP_MINE) {
		const struct action_item *a = ui_actions_selected(ua);
		if (a && a->id == id)
			ui_set_status(ui, false, "Action %d.%d: %s; note saved", a->point,
				      a->position, action_status_label(status));
	}
}

/* A status change found the action's status changed by someone else: both are shown. */
static void ask_conflict(struct ui *ui)
{
	const struct ui_actions *ua = &ui->actions;
	const struct action_item *a = ui_actions_selected(ua);
	char *what = a ? str_fmt("The status of action %d.%d", a->point, a->position)
		       : str_dup("The action's status");
	char *theirs = str_fmt("Status: %s\n", action_status_label(ua->now_status));
	const struct ui_change *u = ua->undo ? ui_undo_last(ua->undo) : NULL;
	enum action_status back = ACTION_NOT_STARTED;
	if (ua->undoing && u)
		action_status_parse(u->before[0], &back);
	char *mine =
	    ua->undoing ? str_fmt("Status: %s (undone)\n", action_status_label(back))
			: str_fmt("Status: %s\nNote: %s\n", action_status_label(ua->pending_status),
				  ua->note ? ua->note : "");
	ui_conflict_ask(ui, actions_resolved, &ua->by, what, theirs, mine);
}

static void note_given(struct ui *ui, const char *note, size_t len)
{
	(void)len;
	struct maca_err err = {0};
	int64_t id = ui->actions.pending_id;
	enum action_status status = ui->actions.pending_status;
	int rc = ui_actions_apply(&ui->actions, ui->st, note, &err);
	if (ui_conflict_said(ui, rc, &err, ui->actions.conflict, ask_conflict))
		return;
	const struct action_item *a = ui_actions_selected(&ui->actions);
	if (a && a->id == id)
		ui_set_status(ui, false, "Action %d.%d: %s; note saved", a->point, a->position,
			      action_status_label(status));
	else
		ui_set_status(ui, false, "Saved: %s (no longer shown by these filters)",
			      action_status_label(status));
}

/* Asks for the note of the change begun; again: the note was left empty, and is needed. */
static void note_prompt(struct ui *ui, bool again)
{
	char *question = ui_actions_note_question(&ui->actions);
	if (!question) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	ui_prompt_open(ui, note_given, note_refused, NULL, "Note:", "%s%s",
		       again ? "A progress note is needed. " : "", question);
	ui_prompt_on_cancel(ui, note_cancelled);
	free(question);
}

/* Enter on an empty note: the note is required, so it is asked for again with the status
 * just picked kept, rather than the change being dropped; Esc cancels. */
static void note_refused(struct ui *ui)
{
	if (ui->actions.pending_id)
		note_prompt(ui, true);
	else
		ui_set_status(ui, true, "A progress note is needed: nothing was changed");
}

/* Esc on the note: nothing is saved, and the status line says what stays as it was. */
static void note_cancelled(struct ui *ui)
{
	struct ui_actions *ua = &ui->actions;
	const struct action_item *a = ui_actions_selected(ua);
	if (a && a->id == ua->pending_id && ua->pending_status != ua->pending_from)
		ui_set_status(ui, false, "Cancelled: action %d.%d stays %s; nothing was changed",
			      a->point, a->position, action_status_label(ua->pending_from));
	else if (a && a->id == ua->pending_id)
		ui_set_status(ui, false, "Cancelled: no note was added to action %d.%d", a->point,
			      a->position);
	else
		ui_set_status(ui, false, "Cancelled: nothing was changed");
	ua->pending_id = 0;
}

static void ask_note(struct ui *ui, enum action_status status)
{
	struct maca_err err = {0};
	if (ui_actions_begin(&ui->actions, status, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	note_prompt(ui, false);
}

static void status_picked(struct ui *ui, const char *id)
{
	enum action_status status;
	if (action_status_parse(id, &status))
		ask_note(ui, status);
}

/* Asks for the new status: the pick starts on the action's own. */
static void pick_status(struct ui *ui)
{
	const struct action_item *a = ui_actions_selected(&ui->actions);
	if (!a) {
		ui_set_status(ui, true, "There is no action selected");
		return;
	}
	bool ok =
	    ui_pick_open(ui, status_picked, "New status for action %d.%d?", a->point, a->position);
	for (int s = ACTION_NOT_STARTED; ok && s < ACTION_STATUS_COUNT; s++)
		ok = named_add(&ui->pick.items, action_status_name((enum action_status)s),
			       action_status_label((enum action_status)s));
	ui->pick.selected = (size_t)a->status;
	ui_pick_show(ui, ok, "");
}

static int actions_undo(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui_actions_undo(&ui->actions, ui->st, false, &err);
	return ui_conflict_said(ui, rc, &err, ui->actions.conflict, ask_conflict);
}

static int actions_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	const struct action_item *a = ui_actions_selected(&ui->actions);
	int rc = MACA_OK;
	switch (action) {
	case UI_ACTION_SET_STATUS:
		pick_status(ui);
		return MACA_OK;
	case UI_ACTION_PROGRESS_NOTE:
		if (a)
			ask_note(ui, a->status);
		else
			ui_set_status(ui, true, "There is no action selected");
		return MACA_OK;
	case UI_ACTION_FILTER_OWNER:
	case UI_ACTION_FILTER_STATUS:
	case UI_ACTION_FILTER_DUE:
		rc = ui_actions_next_filter(&ui->actions, ui->st, action, err);
		if (!rc)
			ui_set_status(ui, false, "%zu action%s shown", ui->actions.nitems,
				      ui->actions.nitems == 1 ? "" : "s");
		break;
	case UI_ACTION_REFRESH:
		rc = ui_actions_reload(&ui->actions, ui->st, err);
		break;
	case UI_ACTION_HISTORY: {
		if (!a)
			break;
		char item[24], *title = str_fmt("action %d.%d, %s", a->point, a->position, a->what);
		snprintf(item, sizeof item, "%lld", (long long)a->id);
		const char *items[] = {item};
		struct ui_history_query q = {.audit_id = a->audit_id, .items = items, .nitems = 1};
		if (title)
			ui_history_open(ui, &q, NULL, title);
		free(title);
		return MACA_OK;
	}
	case UI_ACTION_ACTION_LEARNING: {
		/* Where the action's what, owner and due date are edited. */
		if (!a)
			break;
		int64_t id = a->id;
		rc = ui_learning_show(ui, a->audit_id, UI_LEARNING_ACTION, id, err);
		if (!rc)
			ui_status_clear(ui);
		break;
	}
	default:
		rc = ui_actions_move(&ui->actions, ui->st, action, err);
		break;
	}
	return rc;
}

/* Back from the Learning screen, or another maca changed actions: they show, on the same
 * action. */
static int actions_reload(struct ui *ui, struct maca_err *err)
{
	return ui_actions_reload(&ui->actions, ui->st, err);
}

static bool action_matches(const void *ctx, size_t i, const char *query)
{
	const struct action_item *a = &((const struct ui_actions *)ctx)->items[i];
	return ui_find_match(a->what, query) || ui_find_match(a->owner_name, query) ||
	       ui_find_match(a->measure, query) ||
	       (a->audit_title && ui_find_match(a->audit_title, query));
}

/* The actions as find and a click see them: by their words, owner and audit. */
static struct ui_list actions_list(struct ui *ui)
{
	struct ui_actions *ua = &ui->actions;
	return (struct ui_list){
	    .selected = &ua->selected, .n = ua->nitems, .items = ua, .matches = action_matches};
}

/* Found or clicked: the action's notes show with it. */
static int actions_selected(struct ui *ui, struct maca_err *err)
{
	struct ui_actions *ua = &ui->actions;
	return ui_actions_select(ua, ui->st, ua->items[ua->selected].id, err);
}

static const struct ui_binding actions_keys[] = {
    {'o', UI_ACTION_FILTER_OWNER, "owner", NULL},
    {'f', UI_ACTION_FILTER_STATUS, "status", NULL},
    {'w', UI_ACTION_FILTER_DUE, "due", NULL},
    {'s', UI_ACTION_SET_STATUS, "set status", NULL},
    {'p', UI_ACTION_PROGRESS_NOTE, "note", NULL},
    {'/', UI_ACTION_FIND, "find", "Find an action by its words, owner or audit"},
    {'n', UI_ACTION_FIND_NEXT, NULL, NULL},
    {'N', UI_ACTION_FIND_PREV, NULL, NULL},
    {'u', UI_ACTION_UNDO, "undo", "Undo the last status change made here"},
    {'h', UI_ACTION_HISTORY, NULL, "Show the selected action's history"},
    {'r', UI_ACTION_REFRESH, NULL, NULL},
    {UI_KEY_ENTER, UI_ACTION_ACTION_LEARNING, "learning", NULL},
};

const struct ui_screen_ops ui_actions_screen = {
    .title = "Actions",
    .keys = actions_keys,
    .nkeys = sizeof actions_keys / sizeof actions_keys[0],
    .act = actions_act,
    .undo = actions_undo,
    .undo_words = "the status of the action",
    .list = actions_list,
    .selected = actions_selected,
    .resume = actions_reload,
    .reload = actions_reload,
};
