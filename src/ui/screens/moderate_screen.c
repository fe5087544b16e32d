/* Moderation: reading each question whole, agreeing its answer (with the reason the history
 * keeps once the case is marked moderated), jotting learning or good practice without losing
 * the place, marking cases moderated and closing the audit once what is unagreed has been
 * said; undo, history and Changed meanwhile as on every screen that saves. Every move writes
 * the chair's place, which the room view follows. The state is ui_moderate.c's. */
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

/* Where the chair is, for the room view and for coming back. While another maca is writing
 * it is left for the next move, silently; any other failure says so on the status line. */
static void remember(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_moderate_remember(&ui->moderate, ui->st, &err) && err.status != MACA_EBUSY)
		ui_status_err(ui, &err);
	err_clear(&err);
}

static void moderate_result(struct ui *ui, int rc, struct maca_err *err);

static void moderate_resolved(struct ui *ui, enum ui_action choice)
{
	struct maca_err err = {0};
	moderate_result(ui, ui_moderate_resolve(&ui->moderate, ui->st, choice, &err), &err);
	ui_conflict_kept(ui, choice);
}

/* A save found the agreed answer changed by someone else: both are shown; the user chooses. */
static void ask_conflict(struct ui *ui)
{
	char *what, *theirs, *mine;
	ui_moderate_conflict_texts(&ui->moderate, &what, &theirs, &mine);
	ui_conflict_ask(ui, moderate_resolved, &ui->moderate.conflict.by, what, theirs, mine);
}

static void reason_refused(struct ui *ui)
{
	ui_moderate_drop_pending(&ui->moderate);
	ui_set_status(ui, true, "A reason is needed: nothing was saved");
}

static void reason_given(struct ui *ui, const char *reason, size_t len)
{
	(void)len;
	struct maca_err err = {0};
	int rc = ui_moderate_agree_reason(&ui->moderate, ui->st, reason, &err);
	if (rc)
		moderate_result(ui, rc, &err);
	else
		refresh_status(ui);
}

/* An agreed answer of a case marked moderated changes only with a reason. */
static void ask_reason(struct ui *ui)
{
	if (ui->moderate.pending)
		ui_prompt_open(ui, reason_given, reason_refused, NULL, "Reason:",
			       "The case is marked moderated: a change needs a reason, which the "
			       "history keeps. Esc cancels.");
}

/* After a moderation call: a conflict asks what to do, a save waiting for a reason asks for
 * it; any other error goes on the status line. */
static void moderate_result(struct ui *ui, int rc, struct maca_err *err)
{
	if (rc == MACA_ELOCKED && ui->moderate.pending) {
		err_clear(err);
		ask_reason(ui);
	} else {
		ui_conflict_said(ui, rc, err, ui->moderate.conflict.open, ask_conflict);
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
	ui->moderate.undo = ui_undo_in(&ui->undo[UI_SCREEN_MODERATE], ui->overview.info.id);
	ui_push(ui, UI_SCREEN_MODERATE);
	refresh_status(ui);
	remember(ui);
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

static void close_or_reopen(struct ui *ui)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	char *open = NULL;
	if (um->status == AUDIT_CLOSED) {
		ui_prompt_open(ui, close_confirmed, reason_refused, NULL, "Reason:",
			       "Reopening a closed audit needs a reason, which the history keeps. "
			       "Esc cancels.");
		return;
	}
	/* Cases not marked moderated refuse at once, read as they are now (another maca may
	 * have marked them), before anything is asked: the store would refuse the close. */
	if (ui_moderate_reload(um, ui->st, &err) ||
	    ui_moderate_unagreed_audit(um, ui->st, &open, &err)) {
		ui_status_err(ui, &err);
		free(open);
		return;
	}
	size_t unmarked = 0;
	for (size_t i = 0; i < um->ncases; i++)
		unmarked += !um->cases[i].moderated;
	if (unmarked) {
		ui_set_status(
		    ui, true,
		    "Not closed: an audit closes once every case is marked moderated, and "
		    "%zu of %zu %s not yet (+ marks the case on screen)",
		    unmarked, um->ncases, unmarked == 1 ? "is" : "are");
		free(open);
		return;
	}
	ui_prompt_open(ui, close_confirmed, NULL, "close", "Type close to confirm:",
		       "Close the audit%s%s? Closing locks it; reopening needs a reason.",
		       open ? " with " : "", open ? open : "");
	free(open);
}

static void toggle_confirmed(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui_moderate_toggle_case(&ui->moderate, ui->st, &err);
	if (rc)
		moderate_result(ui, rc, &err);
	else
		refresh_status(ui);
}

/* Marking a case moderated while questions are unagreed is said, and confirmed. */
static void toggle_moderated(struct ui *ui)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	char *open = NULL;
	const struct case_info *c = &um->cases[um->case_idx];
	if (!c->moderated && ui_moderate_unagreed_case(um, ui->st, &open, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	if (open)
		ui_confirm_open(ui, toggle_confirmed, NULL, "y",
				"Type y to confirm:", "Mark %s moderated with %s? Esc cancels.",
				c->reference, open);
	else
		toggle_confirmed(ui);
	free(open);
}

static void value_picked(struct ui *ui, const char *value)
{
	struct maca_err err = {0};
	int rc = ui_moderate_set_value(&ui->moderate, ui->st, value, &err);
	if (rc)
		moderate_result(ui, rc, &err);
	else
		ask_reason(ui);
}

/* Enter: the answers a question takes as a list, every one (a grade whose key is reserved
 * too); a text question's summary is typed instead. */
static void choose_value(struct ui *ui)
{
	const struct ui_moderate *um = &ui->moderate;
	const struct question *q = ui_moderate_current(um);
	if (q->kind == QUESTION_TEXT) {
		ui_set_status(ui, true, "Tab writes the group's agreed summary of this question");
		return;
	}
	const struct agreed_row *a = ui_moderate_agreed(um, q->id);
	ui_pick_values(ui, value_picked, "Agreed answer:", um->tpl, q, a ? a->grade : "");
}

/* The history of the agreed answer of the question on screen. */
static void history(struct ui *ui)
{
	const struct ui_moderate *um = &ui->moderate;
	const struct question *q = ui_moderate_current(um);
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

static int moderate_undo(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui_moderate_undo(&ui->moderate, ui->st, &err);
	moderate_result(ui, rc, &err);
	if (!rc)
		remember(ui); /* an undo shows its case and question */
	return rc;
}

/* The jotted item was saved: moderation is where it was, and says what was added. */
static void jotted(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	(void)id;
	ui_set_status(ui, false, "%s added; back at question %zu.%zu",
		      purpose == UI_FORM_NEW_GOOD_PRACTICE ? "Good practice" : "The learning point",
		      ui->moderate.section + 1, ui->moderate.question + 1);
}

/* A learning point or good practice, linked to this case, this section (a learning point)
 * and the agency in focus; the form returns here. */
static void jot(struct ui *ui, bool good_practice)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc = ui_moderate_save(um, ui->st, &err);
	if (rc) {
		moderate_result(ui, rc, &err);
		return;
	}
	const struct ui_form_links links = {
	    .case_ref = um->cases[um->case_idx].reference,
	    .section_id = good_practice ? NULL : um->tpl->sections[um->section].id,
	    .agency = um->agency < um->agencies.n ? um->agencies.items[um->agency].id : NULL};
	ui_open_form(
	    ui, ui_form_new_learning(&ui->form, ui->st, um->audit_id, good_practice, &links, &err),
	    &err, jotted);
}

/* ~ says what it did; on a case with no summary, that there is none and where it is written
 * (the case form), for the choice to show summaries holds for every case. */
static void summary_said(struct ui *ui)
{
	const struct ui_moderate *um = &ui->moderate;
	const struct case_info *c = &um->cases[um->case_idx];
	if (!um->show_summary)
		ui_set_status(ui, false, "The case summary is hidden");
	else if (*c->summary)
		ui_set_status(ui, false, "The case summary is shown here and in the room view");
	else
		ui_set_status(
		    ui, false,
		    "%s has no summary to show: c on the overview lists the cases, and e "
		    "there edits one (Case summary). Summaries now show for the cases that "
		    "have one",
		    c->reference);
}

static int moderate_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	struct ui_moderate *um = &ui->moderate;
	int rc = MACA_OK;
	switch (action) {
	case UI_ACTION_EDIT_RATIONALE:
		ui_moderate_edit(um);
		return MACA_OK;
	case UI_ACTION_CHOOSE_VALUE:
		choose_value(ui);
		return MACA_OK;
	case UI_ACTION_CLEAR_VALUE:
		rc = ui_moderate_set_value(um, ui->st, "", err);
		if (!rc)
			ask_reason(ui);
		break;
	case UI_ACTION_CLEAR_TEXT:
		rc = ui_moderate_clear_text(um, ui->st, err);
		break;
	case UI_ACTION_HISTORY:
		history(ui);
		return MACA_OK;
	case UI_ACTION_TOGGLE_MODERATED:
		toggle_moderated(ui);
		return MACA_OK;
	case UI_ACTION_CLOSE_AUDIT:
		if ((rc = ui_moderate_save(um, ui->st, err)))
			break;
		close_or_reopen(ui);
		return MACA_OK;
	case UI_ACTION_JOT_LEARNING:
	case UI_ACTION_JOT_GOOD_PRACTICE:
		jot(ui, action == UI_ACTION_JOT_GOOD_PRACTICE);
		return MACA_OK;
	default: {
		size_t c = um->case_idx, s = um->section, q = um->question;
		bool shown = um->show_summary;
		rc = ui_moderate_move(um, ui->st, action, err);
		if (!rc && (c != um->case_idx || s != um->section || q != um->question ||
			    shown != um->show_summary))
			remember(ui);
		if (!rc && action == UI_ACTION_TOGGLE_SUMMARY)
			summary_said(ui);
		break;
	}
	}
	moderate_result(ui, rc, err);
	return MACA_OK;
}

/* Value keys come before the screen's bindings; the editor takes every key. */
static bool moderate_key(struct ui *ui, int key)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc;
	/* A question for a reason cancelled with Esc leaves nothing waiting. */
	ui_moderate_drop_pending(um);
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

static void moderate_text(struct ui *ui, const wchar_t *s, size_t n)
{
	struct maca_err err = {0};
	if (ui_moderate_edit_text(&ui->moderate, s, n, &err))
		ui_status_err(ui, &err);
}

/* Text being typed is saved before leaving (or quitting); if it cannot be, the user stays. */
static bool moderate_flush(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui->moderate.text ? ui_moderate_save(&ui->moderate, ui->st, &err) : MACA_OK;
	return ui_conflict_flushed(ui, rc, &err, moderate_result);
}

/* Esc from the grid or one agency's evidence goes back to the question, not the overview. */
static bool moderate_leave(struct ui *ui)
{
	struct ui_moderate *um = &ui->moderate;
	if (um->view != UI_MODERATE_QUESTION) {
		um->to_agency = um->view == UI_MODERATE_EVIDENCE;
		um->view = UI_MODERATE_QUESTION;
		return false;
	}
	if (!moderate_flush(ui))
		return false;
	/* The overview shows where the chair was. */
	ui->overview.row = um->case_idx;
	ui->overview.col = um->section;
	return true;
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

/* The rationale (or a text question's agreed summary) is the agreed view the chair turns into
 * learning: warned of as typed, like the text a briefing carries. */
static bool moderate_published_text(const struct ui *ui, struct ui_published_field *out)
{
	if (!ui->moderate.editing || !ui->moderate.text)
		return false;
	*out =
	    (struct ui_published_field){.eb = ui->moderate.text, .audit_id = ui->moderate.audit_id};
	return true;
}

/* Another maca changed answers, agreed answers, cases or the audit's status: they show, on
 * the same case, section and question, and text being typed stays. */
static int moderate_reload(struct ui *ui, struct maca_err *err)
{
	return ui_moderate_reload(&ui->moderate, ui->st, err);
}

/* A text question's answer is typed: the footer says so where value keys would be. */
static const char *moderate_data_footer(const struct ui *ui)
{
	if (!ui->moderate.tpl || ui->moderate.editing)
		return NULL;
	return ui_moderate_current(&ui->moderate)->kind == QUESTION_TEXT ? "Tab summary" : NULL;
}

static size_t moderate_value_keys(const struct ui *ui, struct ui_binding *out)
{
	return ui_moderate_value_keys(&ui->moderate, out);
}

/* The footer leaves out what does nothing on the current question. */
static bool moderate_offers(const struct ui *ui, enum ui_action action)
{
	const struct ui_moderate *um = &ui->moderate;
	switch (action) {
	case UI_ACTION_NEXT_AGENCY:
	case UI_ACTION_PREV_AGENCY:
	case UI_ACTION_READ_EVIDENCE:
		return um->view != UI_MODERATE_GRID;
	case UI_ACTION_JOT_LEARNING:
	case UI_ACTION_JOT_GOOD_PRACTICE:
		return um->status != AUDIT_CLOSED;
	case UI_ACTION_EDIT_RATIONALE: /* a text question's says "Tab summary" first */
	case UI_ACTION_CHOOSE_VALUE:
		return !um->tpl || ui_moderate_current(um)->kind != QUESTION_TEXT;
	default:
		return true;
	}
}

/* Letters and digits agree answers here (ui_value_keys.h: a grade's key, or y n p k); these
 * keys never do, so the screen's own are punctuation, Enter and the arrows. */
static const struct ui_binding moderate_keys[] = {
    {UI_KEY_TAB, UI_ACTION_EDIT_RATIONALE, "rationale", NULL},
    {UI_KEY_ENTER, UI_ACTION_CHOOSE_VALUE, "list", "Choose the agreed answer from a list"},
    {UI_KEY_UP, UI_ACTION_UP, "question",
     "Previous question (the last of the previous section at the first)"},
    {UI_KEY_DOWN, UI_ACTION_DOWN, "question",
     "Next question (the first of the next section at the last)"},
    {' ', UI_ACTION_READ_EVIDENCE, "read", NULL},
    {'=', UI_ACTION_GRID, "grid", NULL},
    {'#', UI_ACTION_JOT_LEARNING, "learning", NULL},
    {'*', UI_ACTION_JOT_GOOD_PRACTICE, "practice", NULL},
    {UI_KEY_LEFT, UI_ACTION_LEFT, "section", "Previous section"},
    {UI_KEY_RIGHT, UI_ACTION_RIGHT, "section", "Next section"},
    {'[', UI_ACTION_PREV_CASE, "case", NULL},
    {']', UI_ACTION_NEXT_CASE, "case", NULL},
    {'>', UI_ACTION_NEXT_AGENCY, "agency", NULL},
    {'<', UI_ACTION_PREV_AGENCY, "agency", NULL},
    {'+', UI_ACTION_TOGGLE_MODERATED, "moderated", NULL},
    {'!', UI_ACTION_CLOSE_AUDIT, "close", NULL},
    {UI_KEY_BACKSPACE, UI_ACTION_CLEAR_VALUE, "clear", "Clear the agreed answer"},
    {UI_KEY_DELETE, UI_ACTION_CLEAR_TEXT, NULL, "Clear the rationale, or the agreed summary"},
    {'u', UI_ACTION_UNDO, "undo", NULL},
    {'h', UI_ACTION_HISTORY, "history", "Show the history of this agreed answer and rationale"},
    {'~', UI_ACTION_TOGGLE_SUMMARY, NULL, NULL},
    {UI_KEY_CTRL_G, UI_ACTION_GUIDANCE, NULL, NULL},
};

const struct ui_screen_ops ui_moderate_screen = {
    .title = "Moderation",
    .keys = moderate_keys,
    .nkeys = sizeof moderate_keys / sizeof moderate_keys[0],
    .scrolls = true,
    .values = true,
    .act = moderate_act,
    .undo = moderate_undo,
    .undo_words = "",
    .key = moderate_key,
    .leave = moderate_leave,
    .reload = moderate_reload,
    .flush = moderate_flush,
    .editing = moderate_editing,
    .text = moderate_text,
    .offers = moderate_offers,
    .paste = moderate_paste,
    .published_text = moderate_published_text,
    .data_footer = moderate_data_footer,
    .value_keys = moderate_value_keys,
};
