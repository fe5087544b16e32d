/* Answering: choosing the agency, opening the answers, and saving before the user leaves.
 * The walk and its editor are ui_answer.c's. */
#include <stdlib.h>
#include <string.h>

#include "screens_internal.h"

static void answer_result(struct ui *ui, int rc, struct maca_err *err);

static void answer_resolved(struct ui *ui, enum ui_action choice)
{
	struct maca_err err = {0};
	enum ui_action then = ui->answer.conflict.then;
	int rc = ui_answer_resolve(&ui->answer, ui->st, choice, &err);
	/* Mine kept: the move that was asked for goes ahead. */
	if (!rc && choice == UI_ACTION_KEEP_MINE && then != UI_ACTION_NONE)
		rc = ui_answer_act(&ui->answer, ui->st, then, &err);
	answer_result(ui, rc, &err);
	ui_conflict_kept(ui, choice);
}

/* A save found the answer changed by someone else: both are shown, and the user chooses. */
static void ask_conflict(struct ui *ui)
{
	char *what, *theirs, *mine;
	ui_answer_conflict_texts(&ui->answer, &what, &theirs, &mine);
	ui_conflict_ask(ui, answer_resolved, &ui->answer.conflict.by, what, theirs, mine);
}

/* After an answering call: its error on the status line (a conflict asks), or a stale error
 * cleared. */
static void answer_result(struct ui *ui, int rc, struct maca_err *err)
{
	if (!ui_conflict_said(ui, rc, err, ui->answer.conflict.open, ask_conflict) &&
	    ui->status_is_error)
		ui_status_clear(ui);
}

static void agency_picked(struct ui *ui, const char *agency)
{
	struct maca_err err = {0};
	if (ui_answer_open(&ui->answer, ui->st, ui->overview.info.id, ui->overview.row, agency,
			   &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui->answer.undo = ui_undo_in(&ui->undo[UI_SCREEN_ANSWER], ui->overview.info.id);
	ui_status_clear(ui);
	ui_push(ui, UI_SCREEN_ANSWER);
}

void ui_answer_choose(struct ui *ui)
{
	const struct ui_overview *ov = &ui->overview;
	if (ov->ncases == 0) {
		ui_set_status(ui, true, "The audit has no cases to answer yet: c adds them");
		return;
	}
	bool ok = ui_pick_open(ui, agency_picked, "Answer %s as which agency?",
			       ov->cases[ov->row].reference);
	for (size_t i = 0; ok && i < ov->agencies.n; i++)
		ok = named_add(&ui->pick.items, ov->agencies.items[i].id,
			       ov->agencies.items[i].label);
	ui_pick_show(ui, ok, "No agencies take part in this audit");
}

/* The answer being edited is saved first; on failure the user stays with it (a conflict
 * asks, unless it is being asked already). */
static bool answer_flush(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui->answer.open ? ui_answer_save(&ui->answer, ui->st, &err) : MACA_OK;
	return ui_conflict_flushed(ui, rc, &err, answer_result);
}

static int answer_undo(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui_answer_undo(&ui->answer, ui->st, &err);
	answer_result(ui, rc, &err);
	return rc;
}

/* The history of the answer (or note) on screen. */
static void history(struct ui *ui)
{
	const struct ui_answer *ua = &ui->answer;
	const struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = ui_answer_question(ua, ua->cur);
	char *item =
	    q ? str_dup(q->id)
	      : str_fmt("%s/%s", ua->tpl->sections[it->section].id, ua->tpl->prompts[it->index].id);
	char *title = str_fmt("%s, %s: %s", ua->cases[ua->case_idx].reference, ua->agency_name,
			      q ? q->text : ua->tpl->prompts[it->index].label);
	if (item && title) {
		const char *items[] = {item};
		struct ui_history_query hq = {.audit_id = ua->audit_id,
					      .case_ref = ua->cases[ua->case_idx].reference,
					      .agency = ua->agency,
					      .items = items,
					      .nitems = 1};
		ui_history_open(ui, &hq, ua->tpl, title);
	} else {
		ui_set_status(ui, true, "out of memory");
	}
	free(item);
	free(title);
}

static void value_picked(struct ui *ui, const char *value)
{
	struct maca_err err = {0};
	answer_result(ui, ui_answer_set_value(&ui->answer, ui->st, value, &err), &err);
}

/* The question whose values Enter lists, or NULL on a prompt or a text answer: there is
 * nothing to choose, and the footer does not offer it. */
static const struct question *choosable(const struct ui_answer *ua)
{
	const struct question *q = ua->open ? ui_answer_question(ua, ua->cur) : NULL;
	return q && q->kind != QUESTION_TEXT ? q : NULL;
}

/* Enter: the values as a list, every one (a grade whose key is reserved too). */
static void choose_value(struct ui *ui)
{
	const struct ui_answer *ua = &ui->answer;
	const struct question *q = choosable(ua);
	if (!q) {
		q = ua->open ? ui_answer_question(ua, ua->cur) : NULL;
		ui_set_status(ui, true, "Nothing to choose here: Tab writes the %s",
			      q ? "answer" : "note");
		return;
	}
	ui_pick_values(ui, value_picked, q->kind == QUESTION_GRADED ? "Grade:" : "Answer:", ua->tpl,
		       q, ui_answer_value(ua, ua->cur));
}

static int answer_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	switch (action) {
	case UI_ACTION_CHOOSE_VALUE:
		choose_value(ui);
		return MACA_OK;
	case UI_ACTION_CLEAR_VALUE:
		answer_result(ui, ui_answer_set_value(&ui->answer, ui->st, "", err), err);
		return MACA_OK;
	case UI_ACTION_CLEAR_TEXT:
		answer_result(ui, ui_answer_clear_text(&ui->answer, ui->st, err), err);
		return MACA_OK;
	case UI_ACTION_HISTORY:
		history(ui);
		return MACA_OK;
	default: {
		int rc = ui_answer_act(&ui->answer, ui->st, action, err);
		if (rc == MACA_ECONFLICT)
			ui->answer.conflict.then = action;
		answer_result(ui, rc, err);
		return MACA_OK;
	}
	}
}

static bool answer_key(struct ui *ui, int key)
{
	struct maca_err err = {0};
	int rc;
	if (!ui_answer_key(&ui->answer, ui->st, key, &rc, &err))
		return false;
	answer_result(ui, rc, &err);
	return true;
}

static bool answer_leave(struct ui *ui)
{
	if (!answer_flush(ui))
		return false; /* stay: the answer is not saved yet */
	ui_answer_free(&ui->answer);
	return true;
}

static bool answer_find(struct ui *ui, const char *query, int dir)
{
	struct maca_err err = {0};
	bool found;
	int rc = ui_answer_find(&ui->answer, ui->st, query, dir, &found, &err);
	if (rc) {
		answer_result(ui, rc, &err);
		return true; /* found, but the text being typed could not be saved first */
	}
	return found;
}

static bool answer_editing(const struct ui *ui)
{
	return ui->answer.editing;
}

static void answer_text(struct ui *ui, const wchar_t *s, size_t n)
{
	struct maca_err err = {0};
	answer_result(ui, ui_answer_insert(&ui->answer, s, n, &err), &err);
}

/* Another maca changed the answers: they show, and what is being typed stays. */
static int answer_reload(struct ui *ui, struct maca_err *err)
{
	return ui_answer_reload(&ui->answer, ui->st, err);
}

static size_t answer_value_keys(const struct ui *ui, struct ui_binding *out)
{
	return ui_answer_value_keys(&ui->answer, out);
}

static bool answer_offers(const struct ui *ui, enum ui_action action)
{
	return action != UI_ACTION_CHOOSE_VALUE || choosable(&ui->answer);
}

/* Letters and digits set values here (ui_value_keys.h); these keys never do. */
static const struct ui_binding answer_keys[] = {
    {UI_KEY_TAB, UI_ACTION_EDIT_EVIDENCE, "edit", NULL},
    {UI_KEY_ENTER, UI_ACTION_CHOOSE_VALUE, "list", "Choose the grade or answer from a list"},
    {UI_KEY_UP, UI_ACTION_UP, "question", "Previous question or prompt"},
    {UI_KEY_DOWN, UI_ACTION_DOWN, "question", "Next question or prompt"},
    {UI_KEY_PAGE_UP, UI_ACTION_PAGE_UP, "section",
     "First question of this section, then of the previous one"},
    {UI_KEY_PAGE_DOWN, UI_ACTION_PAGE_DOWN, "section", "First question of the next section"},
    {UI_KEY_HOME, UI_ACTION_FIRST, NULL, "First question"},
    {UI_KEY_END, UI_ACTION_LAST, NULL, "Last prompt"},
    {'[', UI_ACTION_PREV_CASE, "case", "The same question of the previous case"},
    {']', UI_ACTION_NEXT_CASE, "case", "The same question of the next case"},
    {UI_KEY_CTRL_G, UI_ACTION_GUIDANCE, "guidance", NULL},
    {UI_KEY_BACKSPACE, UI_ACTION_CLEAR_VALUE, "clear",
     "Clear the grade or yes-no answer (a text answer or note: its text)"},
    {UI_KEY_DELETE, UI_ACTION_CLEAR_TEXT, NULL, "Clear the evidence, text answer or note"},
    {'u', UI_ACTION_UNDO, "undo", NULL},
    {'/', UI_ACTION_FIND, "find",
     "Find a question by its words, or a case by its reference; Enter alone finds again"},
    {'h', UI_ACTION_HISTORY, "history", "Show the history of this answer: who changed it, when"},
    {UI_KEY_ESC, UI_ACTION_BACK, "back", "Save and go back to the overview"},
};

const struct ui_screen_ops ui_answer_screen = {
    .title = "Answering",
    .keys = answer_keys,
    .nkeys = sizeof answer_keys / sizeof answer_keys[0],
    .values = true,
    .act = answer_act,
    .undo = answer_undo,
    .find = answer_find,
    .key = answer_key,
    .leave = answer_leave,
    .reload = answer_reload,
    .flush = answer_flush,
    .editing = answer_editing,
    .text = answer_text,
    .paste = answer_text,
    .value_keys = answer_value_keys,
    .offers = answer_offers,
};
