/* Moderation: reading each question whole, agreeing its answer (with the reason the history
 * keeps once the case is marked moderated), jotting learning or good practice without losing
 * the place, marking cases moderated and closing the audit once what is unagreed has been
 * said. Every move writes the chair's place, which the room view follows. The state is
 * ui_moderate.c's. */
#include <ctype.h>
#include <stdlib.h>

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

void ui_moderate_enter(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_moderate_open(&ui->moderate, ui->st, ui->overview.info.id, ui->overview.row,
			     ui->overview.col, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui_push(ui, UI_SCREEN_MODERATE);
	refresh_status(ui);
	remember(ui);
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
	if (ui_moderate_agree_reason(&ui->moderate, ui->st, reason, &err))
		ui_status_err(ui, &err);
	else
		refresh_status(ui);
}

/* An agreed answer of a case marked moderated changes only with a reason. */
static void ask_reason(struct ui *ui)
{
	ui_prompt_open(ui, reason_given, reason_refused, NULL, "Reason:",
		       "The case is marked moderated: a change needs a reason, which the "
		       "history keeps.");
}

/* A failed save that waits for a reason asks for it; anything else is said. */
static void failed(struct ui *ui, struct maca_err *err)
{
	if (err->status == MACA_ELOCKED && ui->moderate.pending) {
		err_clear(err);
		ask_reason(ui);
		return;
	}
	ui_status_err(ui, err);
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
	if (ui_moderate_unagreed_audit(um, ui->st, &open, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui_prompt_open(ui, close_confirmed, NULL, "close", "Type close to confirm:",
		       "Close the audit%s%s? Closing locks it; reopening needs a reason.",
		       open ? " with " : "", open ? open : "");
	free(open);
}

static void toggle_confirmed(struct ui *ui, const char *answer, size_t len)
{
	(void)answer;
	(void)len;
	struct maca_err err = {0};
	if (ui_moderate_toggle_case(&ui->moderate, ui->st, &err))
		ui_status_err(ui, &err);
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
	if (!c->moderated && ui_moderate_unagreed_case(um, &open, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	if (open)
		ui_prompt_open(ui, toggle_confirmed, NULL, "y",
			       "Type y to confirm:", "Mark %s moderated with %s? Esc cancels.",
			       c->reference, open);
	else
		toggle_confirmed(ui, "", 0);
	free(open);
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
	if (ui_moderate_save(um, ui->st, &err)) {
		failed(ui, &err);
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

static void moderate_act(struct ui *ui, enum ui_action action)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc = MACA_OK;
	switch (action) {
	case UI_ACTION_EDIT_RATIONALE:
		ui_moderate_edit(um);
		return;
	case UI_ACTION_TOGGLE_MODERATED:
		toggle_moderated(ui);
		return;
	case UI_ACTION_CLOSE_AUDIT:
		if ((rc = ui_moderate_save(um, ui->st, &err)))
			break;
		close_or_reopen(ui);
		return;
	case UI_ACTION_JOT_LEARNING:
	case UI_ACTION_JOT_GOOD_PRACTICE:
		jot(ui, action == UI_ACTION_JOT_GOOD_PRACTICE);
		return;
	default: {
		size_t c = um->case_idx, s = um->section, q = um->question;
		bool shown = um->show_summary;
		rc = ui_moderate_move(um, ui->st, action, &err);
		if (!rc && (c != um->case_idx || s != um->section || q != um->question ||
			    shown != um->show_summary))
			remember(ui);
		if (!rc && action == UI_ACTION_TOGGLE_SUMMARY)
			ui_set_status(ui, false, "%s",
				      um->show_summary
					  ? "The case summary is shown here and in the "
					    "room view"
					  : "The case summary is hidden");
		break;
	}
	}
	if (rc)
		failed(ui, &err);
}

/* Agreeing keys come before the screen's bindings; the editor takes every key. */
static bool moderate_key(struct ui *ui, int key)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc;
	/* A question for a reason cancelled with Esc leaves nothing waiting. */
	ui_moderate_drop_pending(um);
	if (um->editing) {
		rc = ui_moderate_edit_key(um, ui->st, key, um->text_width, &err);
	} else if (ui_moderate_agree_key(um, ui->st, key, &rc, &err)) {
		if (!rc && um->pending)
			ask_reason(ui);
	} else {
		return false;
	}
	if (rc)
		failed(ui, &err);
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
	if (ui->moderate.text && ui_moderate_save(&ui->moderate, ui->st, &err)) {
		failed(ui, &err);
		return false;
	}
	return true;
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
static void moderate_reload(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_moderate_reload(&ui->moderate, ui->st, &err))
		ui_status_err(ui, &err);
}

static const char *moderate_data_footer(const struct ui *ui)
{
	if (!ui->moderate.tpl)
		return NULL;
	const struct question *q = ui_moderate_current(&ui->moderate);
	return q->kind == QUESTION_GRADED  ? "grade key agree"
	       : q->kind == QUESTION_YESNO ? "y/n/p/k agree"
					   : "Tab summary";
}

static void moderate_data_help(const struct ui *ui, struct sbuf *lines)
{
	const struct template *tpl = ui->moderate.tpl;
	for (size_t g = 0; tpl && g < tpl->ngrades; g++)
		sbuf_addf(lines, "%-18c Agree the grade: %s\n",
			  toupper((unsigned char)tpl->grades[g].key), tpl->grades[g].label);
	for (size_t i = 0; i < 4; i++)
		sbuf_addf(lines, "%-18c Agree a yes-no question: %s\n", template_yesno_keys[i],
			  template_yesno_values[i].label);
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
		return !um->tpl || ui_moderate_current(um)->kind != QUESTION_TEXT;
	default:
		return true;
	}
}

static void moderate_screen_free(struct ui *ui)
{
	ui_moderate_free(&ui->moderate);
}

/* Agreeing keys (a template's grade keys, letters or digits, and y n p k) come first on this
 * screen, so its own keys are punctuation, Enter and the arrows. */
static const struct ui_binding moderate_keys[] = {
    {UI_KEY_TAB, UI_ACTION_EDIT_RATIONALE, "rationale"},
    {UI_KEY_UP, UI_ACTION_UP, "question"},
    {UI_KEY_DOWN, UI_ACTION_DOWN, "question"},
    {' ', UI_ACTION_READ_EVIDENCE, "read"},
    {'=', UI_ACTION_GRID, "grid"},
    {'#', UI_ACTION_JOT_LEARNING, "learning"},
    {'*', UI_ACTION_JOT_GOOD_PRACTICE, "practice"},
    {UI_KEY_LEFT, UI_ACTION_LEFT, "section"},
    {UI_KEY_RIGHT, UI_ACTION_RIGHT, "section"},
    {'[', UI_ACTION_PREV_CASE, "case"},
    {']', UI_ACTION_NEXT_CASE, "case"},
    {'>', UI_ACTION_NEXT_AGENCY, "agency"},
    {'<', UI_ACTION_PREV_AGENCY, "agency"},
    {'+', UI_ACTION_TOGGLE_MODERATED, "moderated"},
    {'!', UI_ACTION_CLOSE_AUDIT, "close"},
    {'~', UI_ACTION_TOGGLE_SUMMARY, NULL},
    {UI_KEY_CTRL_G, UI_ACTION_GUIDANCE, NULL},
};

const struct ui_screen_ops ui_moderate_screen = {
    .title = "Moderation",
    .keys = moderate_keys,
    .nkeys = sizeof moderate_keys / sizeof moderate_keys[0],
    .scrolls = true,
    .act = moderate_act,
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
    .data_help = moderate_data_help,
    .free = moderate_screen_free,
};
