/* Moderation: grades and the rationale typed in place, marking cases moderated, and closing
 * or reopening the audit with the reason the history keeps. The screen's state is
 * ui_moderate.c's. */
#include <stdlib.h>
#include <string.h>

#include "screens_internal.h"

static void refresh_status(struct ui *ui)
{
	const struct ui_moderate *um = &ui->moderate;
	size_t done = 0;
	for (size_t i = 0; i < um->ncases; i++)
		done += um->cases[i].moderated;
	ui_set_status(ui, false, "%zu of %zu cases moderated%s", done, um->ncases,
		      um->status == AUDIT_CLOSED ? "; the audit is closed" : "");
}

static void moderate_result(struct ui *ui, int rc, struct maca_err *err);

static void moderate_resolved(struct ui *ui, enum ui_action choice)
{
	struct maca_err err = {0};
	moderate_result(ui, ui_moderate_resolve(&ui->moderate, ui->st, choice, &err), &err);
	if (choice == UI_ACTION_KEEP_EDITING && !ui->status)
		ui_set_status(ui, false, "Nothing was saved; moving on saves it (and asks again)");
}

/* A save found the agreed grade changed by someone else: both are shown; the user chooses. */
static void ask_conflict(struct ui *ui)
{
	char *what, *theirs, *mine;
	ui_moderate_conflict_texts(&ui->moderate, &what, &theirs, &mine);
	ui_conflict_ask(ui, moderate_resolved, &ui->moderate.conflict.by, what, theirs, mine);
}

/* After a moderation call: a conflict asks; any other error goes on the status line. */
static void moderate_result(struct ui *ui, int rc, struct maca_err *err)
{
	if (rc == MACA_ECONFLICT && ui->moderate.conflict.open) {
		err_clear(err);
		ask_conflict(ui);
	} else if (rc) {
		ui_status_err(ui, err);
	}
}

void ui_moderate_enter(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_moderate_open(&ui->moderate, ui->st, ui->overview.info.id, ui->overview.row,
			     ui->overview.col, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui->moderate.undo = &ui->undo[UI_SCREEN_MODERATE];
	ui_push(ui, UI_SCREEN_MODERATE);
	refresh_status(ui);
}

static void reason_needed(struct ui *ui)
{
	ui_set_status(ui, true, "A reason is needed: nothing was changed");
}

static void grade_refused(struct ui *ui)
{
	reason_needed(ui);
	free(ui->moderate.pending_value);
	ui->moderate.pending_value = NULL;
}

static void grade_reason_given(struct ui *ui, const char *reason, size_t len)
{
	(void)len;
	struct maca_err err = {0};
	int rc = ui_moderate_grade_reason(&ui->moderate, ui->st, reason, &err);
	if (rc)
		moderate_result(ui, rc, &err);
	else
		refresh_status(ui);
}

/* Closing (typed "close") or reopening (with the reason, which the history keeps). */
static void close_confirmed(struct ui *ui, const char *reason, size_t len)
{
	(void)len;
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	bool closed = um->status == AUDIT_CLOSED;
	enum audit_status to = closed ? AUDIT_MODERATION : AUDIT_CLOSED;
	if (store_audit_set_status(ui->st, um->audit_id, to, closed ? reason : NULL, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	um->status = to;
	refresh_status(ui);
}

/* A moderated case's agreed grade changes only with a reason, asked for here. */
static void ask_reason(struct ui *ui)
{
	if (ui->moderate.pending_value)
		ui_prompt_open(ui, grade_reason_given, grade_refused, NULL, "Reason:",
			       "This case is marked moderated: changing its agreed grade needs a "
			       "reason. Esc cancels.");
}

static void grade_picked(struct ui *ui, const char *value)
{
	struct maca_err err = {0};
	if (ui_moderate_set_grade(&ui->moderate, ui->st, value, &err))
		ui_status_err(ui, &err);
	else
		ask_reason(ui);
}

/* Enter: the grades as a list, every one (a grade whose key is reserved too). */
static void choose_grade(struct ui *ui)
{
	const struct ui_moderate *um = &ui->moderate;
	const struct question *q = &um->tpl->questions[ui_moderate_qindex(um)];
	if (q->kind != QUESTION_GRADED) {
		ui_set_status(ui, true, "Only graded questions take an agreed grade");
		return;
	}
	bool ok = ui_pick_open(ui, grade_picked, "Agreed grade:");
	for (size_t g = 0; ok && g < um->tpl->ngrades; g++)
		ok = named_add(&ui->pick.items, um->tpl->grades[g].id, um->tpl->grades[g].label);
	ok = ok && named_add(&ui->pick.items, "", "(none: clear it)");
	ui_pick_show(ui, ok, "");
	const struct agreed_row *a = ui_moderate_agreed(um, q->id);
	for (size_t i = 0; ok && i < ui->pick.items.n; i++)
		if (strcmp(ui->pick.items.items[i].id, a ? a->grade : "") == 0)
			ui->pick.selected = i;
}

/* The history of the agreed grade of the question on screen. */
static void history(struct ui *ui)
{
	const struct ui_moderate *um = &ui->moderate;
	const struct question *q = &um->tpl->questions[ui_moderate_qindex(um)];
	char *title = str_fmt("%s, agreed: %s", um->cases[um->case_idx].reference, q->text);
	if (!title) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	const char *items[] = {q->id};
	struct ui_history_query hq = {.audit_id = um->audit_id,
				      .case_ref = um->cases[um->case_idx].reference,
				      .agency = "",
				      .items = items,
				      .nitems = 1};
	ui_history_open(ui, &hq, um->tpl, title);
	free(title);
}

static void undo(struct ui *ui)
{
	const struct ui_change *last = ui_undo_last(&ui->undo[UI_SCREEN_MODERATE]);
	char *what = last && last->what ? strdup(last->what) : NULL;
	struct maca_err err = {0};
	int rc = ui_moderate_undo(&ui->moderate, ui->st, &err);
	moderate_result(ui, rc, &err);
	if (!rc)
		ui_set_status(ui, false, "Undone: %s (the history keeps both)", what ? what : "");
	free(what);
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
	case UI_ACTION_CHOOSE_VALUE:
		choose_grade(ui);
		break;
	case UI_ACTION_CLEAR_VALUE:
		rc = ui_moderate_set_grade(um, ui->st, "", &err);
		if (!rc)
			ask_reason(ui);
		break;
	case UI_ACTION_CLEAR_TEXT:
		rc = ui_moderate_clear_rationale(um, ui->st, &err);
		break;
	case UI_ACTION_UNDO:
		undo(ui);
		return;
	case UI_ACTION_HISTORY:
		history(ui);
		return;
	case UI_ACTION_TOGGLE_MODERATED:
		rc = ui_moderate_toggle_case(um, ui->st, &err);
		if (!rc)
			refresh_status(ui);
		break;
	case UI_ACTION_CLOSE_AUDIT:
		rc = ui_moderate_save(um, ui->st, &err);
		if (rc)
			break;
		if (um->status == AUDIT_CLOSED)
			ui_prompt_open(ui, close_confirmed, reason_needed, NULL, "Reason:",
				       "Reopening a closed audit needs a reason, which the history "
				       "keeps. Esc cancels.");
		else
			ui_prompt_open(
			    ui, close_confirmed, NULL, "close", "Type close to confirm:",
			    "Close the audit? Closing locks it; reopening needs a reason.");
		break;
	default:
		rc = ui_moderate_move(um, ui->st, action, &err);
		break;
	}
	moderate_result(ui, rc, &err);
}

/* Grade keys come before the screen's bindings; the rationale editor takes every key. */
static bool moderate_key(struct ui *ui, int key)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc;
	if (um->editing) {
		rc = ui_moderate_edit_key(um, ui->st, key, um->text_width, &err);
	} else if (ui_moderate_key(um, ui->st, key, &rc, &err)) {
		if (!rc)
			ask_reason(ui);
	} else {
		return false;
	}
	moderate_result(ui, rc, &err);
	return true;
}

/* The rationale being typed is saved before leaving (or quitting); if it cannot be, the
 * user stays. */
static bool moderate_flush(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui->moderate.rationale ? ui_moderate_save(&ui->moderate, ui->st, &err) : MACA_OK;
	if (!rc)
		return true;
	if (rc == MACA_ECONFLICT && ui_screen(ui) == UI_SCREEN_CONFLICT)
		ui_status_err(ui, &err);
	else
		moderate_result(ui, rc, &err);
	return false;
}

static void moderate_paste(struct ui *ui, const wchar_t *s, size_t n)
{
	struct maca_err err = {0};
	if (ui_moderate_paste(&ui->moderate, s, n, &err))
		ui_status_err(ui, &err);
}

static bool moderate_editing(const struct ui *ui)
{
	return ui->moderate.editing;
}

/* The rationale is the agreed view the chair turns into learning: warned of as typed, like the
 * text a briefing carries. */
static bool moderate_published_text(const struct ui *ui, struct ui_published_field *out)
{
	if (!ui->moderate.editing || !ui->moderate.rationale)
		return false;
	*out = (struct ui_published_field){.eb = ui->moderate.rationale,
					   .audit_id = ui->moderate.audit_id};
	return true;
}

/* Another maca changed grades, cases or the audit's status: they show, on the same case,
 * section and question, and a rationale being typed stays. */
static void moderate_reload(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_moderate_reload(&ui->moderate, ui->st, &err))
		ui_status_err(ui, &err);
}

static size_t moderate_value_keys(const struct ui *ui, struct ui_binding *out)
{
	return ui_moderate_value_keys(&ui->moderate, out);
}

static void moderate_screen_free(struct ui *ui)
{
	ui_moderate_free(&ui->moderate);
}

/* Letters and digits agree grades here (ui_value_keys.h); these keys never do. */
static const struct ui_binding moderate_keys[] = {
    {UI_KEY_TAB, UI_ACTION_EDIT_RATIONALE, "rationale", NULL},
    {UI_KEY_ENTER, UI_ACTION_CHOOSE_VALUE, "list", "Choose the agreed grade from a list"},
    {UI_KEY_UP, UI_ACTION_UP, "question", "Previous question of the section"},
    {UI_KEY_DOWN, UI_ACTION_DOWN, "question", "Next question of the section"},
    {UI_KEY_LEFT, UI_ACTION_LEFT, "section", "Previous section"},
    {UI_KEY_RIGHT, UI_ACTION_RIGHT, "section", "Next section"},
    {'[', UI_ACTION_PREV_CASE, "case", NULL},
    {']', UI_ACTION_NEXT_CASE, "case", NULL},
    {'+', UI_ACTION_TOGGLE_MODERATED, "moderated", NULL},
    {'!', UI_ACTION_CLOSE_AUDIT, "close", NULL},
    {UI_KEY_BACKSPACE, UI_ACTION_CLEAR_VALUE, "clear", "Clear the agreed grade"},
    {UI_KEY_DELETE, UI_ACTION_CLEAR_TEXT, NULL, "Clear the rationale"},
    {'u', UI_ACTION_UNDO, "undo", NULL},
    {'h', UI_ACTION_HISTORY, "history", "Show the history of this agreed grade and rationale"},
};

const struct ui_screen_ops ui_moderate_screen = {
    .title = "Moderation",
    .keys = moderate_keys,
    .nkeys = sizeof moderate_keys / sizeof moderate_keys[0],
    .values = true,
    .act = moderate_act,
    .key = moderate_key,
    .leave = moderate_flush,
    .reload = moderate_reload,
    .flush = moderate_flush,
    .editing = moderate_editing,
    .paste = moderate_paste,
    .published_text = moderate_published_text,
    .value_keys = moderate_value_keys,
    .free = moderate_screen_free,
};
