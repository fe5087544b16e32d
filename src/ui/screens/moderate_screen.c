/* Moderation: grades and the rationale typed in place, marking cases moderated, and closing
 * or reopening the audit with the reason the history keeps. The screen's state is
 * ui_moderate.c's. */
#include <ctype.h>

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
}

static void reason_needed(struct ui *ui)
{
	ui_set_status(ui, true, "A reason is needed: nothing was changed");
}

static void grade_refused(struct ui *ui)
{
	reason_needed(ui);
	ui->moderate.pending_grade = -1;
}

static void grade_reason_given(struct ui *ui, const char *reason, size_t len)
{
	(void)len;
	struct maca_err err = {0};
	if (ui_moderate_grade_reason(&ui->moderate, ui->st, reason, &err))
		ui_status_err(ui, &err);
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
	if (rc)
		ui_status_err(ui, &err);
}

/* Grade keys come before the screen's bindings; the rationale editor takes every key. */
static bool moderate_key(struct ui *ui, int key)
{
	struct ui_moderate *um = &ui->moderate;
	struct maca_err err = {0};
	int rc;
	if (um->editing) {
		rc = ui_moderate_edit_key(um, ui->st, key, um->text_width, &err);
	} else if (ui_moderate_grade_key(um, ui->st, key, &rc, &err)) {
		if (!rc && um->pending_grade >= 0)
			ui_prompt_open(ui, grade_reason_given, grade_refused, NULL, "Reason:",
				       "This case is marked moderated: changing its agreed grade "
				       "needs a reason. Esc cancels.");
	} else {
		return false;
	}
	if (rc)
		ui_status_err(ui, &err);
	return true;
}

/* The rationale being typed is saved before leaving (or quitting); if it cannot be, the
 * user stays. */
static bool moderate_flush(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui->moderate.rationale && ui_moderate_save(&ui->moderate, ui->st, &err)) {
		ui_status_err(ui, &err);
		return false;
	}
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

static const char *moderate_data_footer(const struct ui *ui)
{
	(void)ui;
	return "grade key agree";
}

static void moderate_data_help(const struct ui *ui, struct sbuf *lines)
{
	const struct template *tpl = ui->moderate.tpl;
	for (size_t g = 0; tpl && g < tpl->ngrades; g++)
		sbuf_addf(lines, "%-18c Agree the grade: %s\n",
			  toupper((unsigned char)tpl->grades[g].key), tpl->grades[g].label);
}

static void moderate_screen_free(struct ui *ui)
{
	ui_moderate_free(&ui->moderate);
}

/* Grade keys (letters and digits, from the template) come first on this screen, so its own
 * keys are punctuation and the arrows. */
static const struct ui_binding moderate_keys[] = {
    {UI_KEY_TAB, UI_ACTION_EDIT_RATIONALE, "rationale"},
    {UI_KEY_UP, UI_ACTION_UP, "question"},
    {UI_KEY_DOWN, UI_ACTION_DOWN, "question"},
    {UI_KEY_LEFT, UI_ACTION_LEFT, "section"},
    {UI_KEY_RIGHT, UI_ACTION_RIGHT, "section"},
    {'[', UI_ACTION_PREV_CASE, "case"},
    {']', UI_ACTION_NEXT_CASE, "case"},
    {'+', UI_ACTION_TOGGLE_MODERATED, "moderated"},
    {'!', UI_ACTION_CLOSE_AUDIT, "close"},
};

const struct ui_screen_ops ui_moderate_screen = {
    .title = "Moderation",
    .keys = moderate_keys,
    .nkeys = sizeof moderate_keys / sizeof moderate_keys[0],
    .act = moderate_act,
    .key = moderate_key,
    .leave = moderate_flush,
    .reload = moderate_reload,
    .flush = moderate_flush,
    .editing = moderate_editing,
    .paste = moderate_paste,
    .published_text = moderate_published_text,
    .data_footer = moderate_data_footer,
    .data_help = moderate_data_help,
    .free = moderate_screen_free,
};
