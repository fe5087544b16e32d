/* A form on screen: opening it, typing into it, and closing it. What a saved form changes
 * on the screen below is the hook its opener gave. The form itself is ui_form.c's. */
#include <stdlib.h>
#include <string.h>

#include "screens_internal.h"

void ui_open_form(struct ui *ui, int rc, struct maca_err *err,
		  void (*saved)(struct ui *ui, enum ui_form_purpose purpose, int64_t id))
{
	if (rc) {
		ui_status_err(ui, err);
		return;
	}
	ui->form.saved = saved;
	ui_status_clear(ui);
	ui_push(ui, UI_SCREEN_FORM);
}

/* Back to the screen that asked for the form through another (the briefing, through the
 * record's own screen), which shows what changed; what the closing said stays said. */
static void back_past_opener(struct ui *ui, size_t depth)
{
	bool is_error = ui->status_is_error;
	char *said = ui->status ? strdup(ui->status) : NULL;
	while (ui->depth > depth + 1)
		ui_pop(ui);
	ui_back(ui);
	if (said && !ui->status)
		ui_set_status(ui, is_error, "%s", said);
	free(said);
}

static void form_closed(struct ui *ui, bool saved)
{
	enum ui_form_purpose purpose = ui->form.purpose;
	int64_t id = ui->form.saved_id;
	void (*hook)(struct ui *, enum ui_form_purpose, int64_t) = ui->form.saved;
	size_t back_to = ui->form.back_to;
	ui_form_free(&ui->form);
	ui_pop(ui);
	if (!saved)
		ui_set_status(ui, false, "Closed the form without saving");
	else if (hook)
		hook(ui, purpose, id);
	/* Closed unsaved, the chair stays on the record's screen, to look round it. */
	if (saved && back_to && back_to < ui->depth)
		back_past_opener(ui, back_to);
}

static void form_outcome(struct ui *ui, enum ui_form_outcome out, struct maca_err *err);

static void form_resolved(struct ui *ui, enum ui_action choice)
{
	struct maca_err err = {0};
	enum ui_form_outcome out = ui_form_resolve(&ui->form, ui->st, choice, &err);
	if (out == UI_FORM_CANCELLED) {
		form_closed(ui, false);
		ui_set_status(ui, false, "Closed the form without saving: what is saved now shows");
		return;
	}
	form_outcome(ui, out, &err);
}

/* A save found the record changed by someone else: both are shown; the user chooses. */
static void ask_conflict(struct ui *ui)
{
	char *what, *theirs, *mine;
	ui_form_conflict_texts(&ui->form, &what, &theirs, &mine);
	ui_conflict_ask(ui, form_resolved, &ui->form.by, what, theirs, mine);
}

static void form_outcome(struct ui *ui, enum ui_form_outcome out, struct maca_err *err)
{
	if (out == UI_FORM_STAY) {
		ui_conflict_said(ui, err->status, err, ui->form.conflict, ask_conflict);
		return;
	}
	form_closed(ui, out == UI_FORM_SAVED);
}

/* What a key in the form said was wrong goes once a later key is taken: it would speak of
 * a key and field left behind ("No choice in Cases ..." on the next field). Anything said
 * since (a save's problem, the identifier check's warning) stays. */
static void forget_complaint(struct ui *ui)
{
	char *said = ui->form.complaint;
	if (said && ui->status && strcmp(ui->status, said) == 0)
		ui_status_clear(ui);
	free(said);
	ui->form.complaint = NULL;
}

static int form_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	forget_complaint(ui);
	enum ui_form_outcome out = ui_form_act(&ui->form, ui->st, action, err);
	if (out == UI_FORM_STAY && err->status) {
		form_outcome(ui, out, err);
		return MACA_OK;
	}
	if (out == UI_FORM_STAY) {
		if (ui->form.discard_armed)
			ui_set_status(ui, false,
				      "Press Esc again to close without saving your "
				      "changes, or Ctrl-O to save");
		return MACA_OK;
	}
	form_closed(ui, out == UI_FORM_SAVED);
	return MACA_OK;
}

static bool form_unsaved(const struct ui *ui)
{
	return ui->form.open && ui->form.ff && formfill_changed(ui->form.ff);
}

/* Before quitting: the form is saved (when valid) or closed without saving, as asked. */
static bool form_settle(struct ui *ui, bool save)
{
	if (!save) {
		form_closed(ui, false);
		return true;
	}
	struct maca_err err = {0};
	enum ui_form_outcome out = ui_form_act(&ui->form, ui->st, UI_ACTION_SAVE, &err);
	if (out != UI_FORM_SAVED) {
		form_outcome(ui, out, &err);
		return false;
	}
	form_closed(ui, true);
	return true;
}

/* Keys the form's bindings leave free are typed into the focused field. */
static bool form_key(struct ui *ui, int key)
{
	if (ui_screen_lookup(&ui_form_screen, key) != UI_ACTION_NONE)
		return false;
	forget_complaint(ui);
	struct maca_err err = {0};
	ui_form_edit(&ui->form, key, &err);
	if (err.status) {
		ui_status_err(ui, &err);
		ui->form.complaint = str_dup(ui->status); /* NULL: it simply stays */
	}
	return true;
}

static void form_paste(struct ui *ui, const wchar_t *s, size_t n)
{
	struct maca_err err = {0};
	if (ui_form_paste(&ui->form, s, n, &err))
		ui_status_err(ui, &err);
}

/* A choice field takes Space (and Enter) to pick. */
static const char *form_data_footer(const struct ui *ui)
{
	struct formfill *ff = ui->form.ff;
	return ff && !formfill_editbuf(ff, formfill_current(ff)) ? "Space pick" : NULL;
}

static bool form_published_text(const struct ui *ui, struct ui_published_field *out)
{
	return ui_form_published_text(&ui->form, &out->eb, &out->audit_id, &out->record,
				      &out->record_id, &out->field);
}

/* Text is typed in forms, so printable keys are text there: only these keys act. */
static const struct ui_binding form_keys[] = {
    {UI_KEY_CTRL_O, UI_ACTION_SAVE, "save", NULL},
    {UI_KEY_F2, UI_ACTION_SAVE, "save", NULL},
    {UI_KEY_TAB, UI_ACTION_NEXT_FIELD, "next field", NULL},
    {UI_KEY_BACKTAB, UI_ACTION_PREV_FIELD, NULL, NULL},
    {UI_KEY_ESC, UI_ACTION_CANCEL, "cancel", NULL},
    {UI_KEY_F1, UI_ACTION_HELP, "help", NULL},
};

/* No reload: a form is an edit in progress and shows what was typed; the screens under it
 * read the database again all the same (ui_poll_changes goes through the whole stack). */
const struct ui_screen_ops ui_form_screen = {
    .title = "Form",
    .keys = form_keys,
    .nkeys = sizeof form_keys / sizeof form_keys[0],
    .own_keys_only = true,
    .act = form_act,
    .key = form_key,
    .unsaved = form_unsaved,
    .settle = form_settle,
    .paste = form_paste,
    .data_footer = form_data_footer,
    .published_text = form_published_text,
};
