/* The core of the ui: its state, the screen stack, the status line, the prompt and the
 * pick, and the dispatch of keys and actions to the screen on top (each screen's glue is
 * in its own ui_*_act.c, listed in the table below). */
#include "ui.h"

#include <stdarg.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_editkeys.h"
#include "ui_internal.h"

void ui_set_status(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = str_vfmt(fmt, ap);
	va_end(ap);
	free(ui->status);
	ui->status = s;
	ui->status_is_error = error;
}

void ui_status_err(struct ui *ui, struct maca_err *err)
{
	ui_set_status(ui, true, "%s", err_msg(err));
	err_clear(err);
}

bool ui_idle(struct ui *ui)
{
	/* Said while the keyboard rests too, before anything else is typed in vain; the saves
	 * themselves are refused by the store, which keeps the edit on screen. */
	struct maca_err err = {0};
	if (!ui->st || !store_file_check(ui->st, &err))
		return false;
	bool shown = ui->status && ui->status_is_error && strcmp(ui->status, err_msg(&err)) == 0;
	if (!shown)
		ui_status_err(ui, &err);
	err_clear(&err);
	return !shown;
}

enum ui_screen ui_screen(const struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

void ui_push(struct ui *ui, enum ui_screen screen)
{
	if (ui->depth < UI_STACK_MAX)
		ui->stack[ui->depth++] = screen;
}

void ui_pop(struct ui *ui)
{
	if (ui->depth > 1)
		ui->depth--;
}

static void home_free(struct ui_home *h)
{
	audit_info_list_free(h->audits, h->naudits);
	free(h->expected);
	h->audits = NULL;
	h->expected = NULL;
	h->naudits = 0;
}

int ui_home_reload(struct ui *ui, struct maca_err *err)
{
	struct ui_home *h = &ui->home;
	struct audit_info *list;
	size_t n;
	if (store_audit_list(ui->st, &list, &n, err))
		return err->status;
	int64_t *expected = calloc(n ? n : 1, sizeof *expected);
	if (!expected) {
		audit_info_list_free(list, n);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		int64_t answered;
		if (store_audit_progress(ui->st, list[i].id, &answered, &expected[i], err)) {
			free(expected);
			audit_info_list_free(list, n);
			return err->status;
		}
	}
	home_free(h);
	h->audits = list;
	h->naudits = n;
	h->expected = expected;
	if (h->selected >= n)
		h->selected = n ? n - 1 : 0;
	return MACA_OK;
}

int ui_init(struct ui *ui, struct store *st, struct maca_err *err)
{
	memset(ui, 0, sizeof *ui);
	ui->st = st;
	ui->stack[0] = UI_SCREEN_HOME;
	ui->depth = 1;
	ui->demo_template = "domestic-abuse";
	if (ui_home_reload(ui, err))
		return err->status;
	if (ui->home.naudits == 0)
		ui_set_status(
		    ui, false,
		    "No audits yet: press n to create one, or d for a SYNTHETIC demo audit");
	return MACA_OK;
}

static void prompt_close(struct ui_prompt *p)
{
	free(p->question);
	free(p->label);
	free(p->expected);
	editbuf_free(p->edit);
	memset(p, 0, sizeof *p);
}

void ui_pick_close(struct ui_pick *p)
{
	free(p->title);
	named_list_free(&p->items);
	memset(p, 0, sizeof *p);
}

void ui_free(struct ui *ui)
{
	prompt_close(&ui->prompt);
	ui_pick_close(&ui->pick);
	home_free(&ui->home);
	ui_overview_free(&ui->overview);
	ui_cases_free(&ui->cases);
	ui_form_free(&ui->form);
	ui_moderate_free(&ui->moderate);
	ui_learning_free(&ui->learning);
	ui_export_free(&ui->export);
	ui_actions_free(&ui->actions);
	ui_compare_free(&ui->compare);
	ui_answer_free(&ui->answer);
	ui_import_free(&ui->import);
	free(ui->status);
	memset(ui, 0, sizeof *ui);
}

void ui_prompt_open(struct ui *ui, enum ui_action on_confirm, const char *expected,
		    const char *label, const char *fmt, ...)
{
	struct ui_prompt *p = &ui->prompt;
	prompt_close(p);
	va_list ap;
	va_start(ap, fmt);
	p->question = str_vfmt(fmt, ap);
	va_end(ap);
	p->expected = expected ? strdup(expected) : NULL;
	p->label = strdup(label);
	p->edit = editbuf_new("", 0, EDITBUF_SINGLE_LINE);
	p->on_confirm = on_confirm;
	if (!p->question || !p->label || !p->edit || (expected && !p->expected)) {
		prompt_close(p);
		ui_set_status(ui, true, "out of memory");
		return;
	}
	p->active = true;
}

void ui_prompt_mask(struct ui *ui)
{
	if (!ui->prompt.active)
		return;
	ui->prompt.masked = true;
	editbuf_set_sensitive(ui->prompt.edit);
}

bool ui_wants_text(const struct ui *ui)
{
	return ui_screen(ui) == UI_SCREEN_ANSWER && ui->answer.editing && !ui->pick.active &&
	       !ui->prompt.active;
}

void ui_text(struct ui *ui, const wchar_t *s, size_t n)
{
	if (ui_wants_text(ui)) {
		struct maca_err err = {0};
		ui_answer_result(ui, ui_answer_insert(&ui->answer, s, n, &err), &err);
		return;
	}
	for (size_t i = 0; i < n; i++)
		ui_key(ui, s[i] == L'\n' ? UI_KEY_ENTER : (int)s[i]);
}

/* Pick */

static void pick_key(struct ui *ui, int key)
{
	struct ui_pick *p = &ui->pick;
	if (key == UI_KEY_ESC) {
		ui_pick_close(p);
		return;
	}
	if (key == UI_KEY_UP || key == 'k')
		p->selected -= p->selected > 0;
	else if (key == UI_KEY_DOWN || key == 'j')
		p->selected += p->selected + 1 < p->items.n;
	if (key != UI_KEY_ENTER || p->items.n == 0)
		return;
	char *id = strdup(p->items.items[p->selected].id);
	enum ui_action action = p->on_pick;
	ui_pick_close(p);
	if (!id) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	struct maca_err err = {0};
	if (action == UI_ACTION_NEW_AUDIT)
		ui_open_form(ui,
			     ui_form_new_audit(&ui->form, ui->st, id, ui->default_partnership,
					       ui->default_chair, &err),
			     &err);
	else if (action == UI_ACTION_ANSWER)
		ui_answer_start(ui, id);
	else if (action == UI_ACTION_SET_STATUS) {
		enum action_status status;
		if (action_status_parse(id, &status))
			ui_tracker_ask_note(ui, status);
	}
	free(id);
}

/* Prompt */

static void prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *p = &ui->prompt;
	if (key == UI_KEY_ESC) {
		prompt_close(p);
		ui_set_status(ui, false, "Cancelled");
		return;
	}
	if (key == UI_KEY_ENTER) {
		size_t len;
		char *answer = editbuf_text(p->edit, &len);
		if (!answer) {
			ui_set_status(ui, true, "out of memory");
			return;
		}
		bool ok = p->expected ? strcmp(answer, p->expected) == 0 : len > 0;
		bool exact = p->expected != NULL;
		enum ui_action action = p->on_confirm;
		bool importing = action == UI_ACTION_IMPORT || action == UI_ACTION_UNLOCK ||
				 ui_screen(ui) == UI_SCREEN_IMPORT;
		prompt_close(p);
		if (!ok && importing) {
			ui_set_status(ui, true, "Nothing was imported");
			if (action == UI_ACTION_UNLOCK)
				ui_import_free(&ui->import);
		} else if (!ok) {
			ui_set_status(ui, true,
				      exact ? "That is not what was asked for: nothing was changed"
				      : action == UI_ACTION_SET_STATUS
					  ? "A progress note is needed: nothing was changed"
					  : "A reason is needed: nothing was changed");
		} else if (action == UI_ACTION_DELETE_AUDIT)
			ui_home_delete_confirmed(ui);
		else if (action == UI_ACTION_REMOVE_CASE)
			ui_cases_remove_confirmed(ui);
		else if (action == UI_ACTION_DELETE_LEARNING)
			ui_learning_delete_confirmed(ui);
		else if (action == UI_ACTION_WRITE_FILE)
			ui_export_write_file(ui, true, false); /* identifiers acknowledged */
		else if (action == UI_ACTION_OVERWRITE_FILE)
			ui_export_write_file(ui, true, true);
		else if (action == UI_ACTION_SET_STATUS)
			ui_tracker_note_confirmed(ui, answer);
		else if (action == UI_ACTION_IMPORT)
			ui_import_path_given(ui, answer);
		else if (action == UI_ACTION_UNLOCK)
			ui_import_passphrase_given(ui, answer, len);
		else if (action == UI_ACTION_CONFIRM && ui_screen(ui) == UI_SCREEN_IMPORT)
			ui_import_confirmed(ui);
		else
			ui_moderate_confirmed(ui, action, answer);
		if (!ok && action == UI_ACTION_AGREE_GRADE)
			ui->moderate.pending_grade = -1;
		/* It may have been a passphrase. */
		sodium_memzero(answer, len);
		free(answer);
		return;
	}
	/* One line, never wrapped: the widest layout keeps Home and End at its ends. */
	if (ui_edit_key(p->edit, key, 1 << 20, 1, false) == UI_EDIT_ENOMEM)
		ui_set_status(ui, true, "out of memory");
}

/* Help: the screen scrolls; its text is the terminal layer's. */
static void help_act(struct ui *ui, enum ui_action action)
{
	if (action == UI_ACTION_DOWN)
		ui->help_scroll++;
	else if (action == UI_ACTION_UP && ui->help_scroll > 0)
		ui->help_scroll--;
}

static const struct ui_screen_ops help_screen = {
    .act = help_act,
};

/* Each screen's glue lives in its own file; this is the only place that lists them. */
/* clang-format off */
static const struct ui_screen_ops *const screens[UI_SCREEN_COUNT] = {
	[UI_SCREEN_HOME] = &ui_home_screen,
	[UI_SCREEN_OVERVIEW] = &ui_overview_screen,
	[UI_SCREEN_CASES] = &ui_cases_screen,
	[UI_SCREEN_ANSWER] = &ui_answer_screen,
	[UI_SCREEN_FORM] = &ui_form_screen,
	[UI_SCREEN_MODERATE] = &ui_moderate_screen,
	[UI_SCREEN_LEARNING] = &ui_learning_screen,
	[UI_SCREEN_EXPORT] = &ui_export_screen,
	[UI_SCREEN_COMPARE] = &ui_compare_screen,
	[UI_SCREEN_HELP] = &help_screen,
	[UI_SCREEN_ACTIONS] = &ui_tracker_screen,
	[UI_SCREEN_IMPORT] = &ui_import_screen,
};
/* clang-format on */

static const struct ui_screen_ops *screen_ops(const struct ui *ui)
{
	static const struct ui_screen_ops none = {0};
	enum ui_screen screen = ui_screen(ui);
	return (unsigned)screen < UI_SCREEN_COUNT && screens[screen] ? screens[screen] : &none;
}

bool ui_flush(struct ui *ui)
{
	struct maca_err err = {0};
	bool ok = true;
	if (ui->moderate.rationale && ui_moderate_save(&ui->moderate, ui->st, &err)) {
		ui_status_err(ui, &err);
		ok = false;
	}
	if (ui->answer.open && !ui_answer_saved(ui))
		ok = false;
	return ok;
}

void ui_act(struct ui *ui, enum ui_action action)
{
	bool quit_again = ui->quit_pending;
	ui->quit_pending = false;
	switch (action) {
	case UI_ACTION_NONE:
		return;
	case UI_ACTION_QUIT:
		/* An edit that cannot be saved (disk full, read-only) is never dropped silently. */
		if (!ui_flush(ui)) {
			if (!quit_again) {
				char *why = str_dup(ui->status ? ui->status : "");
				ui_set_status(ui, true,
					      "q again quits WITHOUT this edit. Not saved: %s",
					      why ? why : "");
				free(why);
				ui->quit_pending = true;
				return;
			}
			ui->quit_unsaved = true;
		}
		ui->quit = true;
		return;
	case UI_ACTION_HELP:
		if (ui_screen(ui) != UI_SCREEN_HELP) {
			ui->help_scroll = 0;
			ui_push(ui, UI_SCREEN_HELP);
		}
		return;
	case UI_ACTION_BACK: {
		const struct ui_screen_ops *left = screen_ops(ui);
		if (left->leave && !left->leave(ui))
			return;
		ui_pop(ui);
		/* What changed on the screen left behind shows on the one returned to. */
		const struct ui_screen_ops *back = screen_ops(ui);
		if (back->resume)
			back->resume(ui);
		return;
	}
	default:
		break;
	}
	const struct ui_screen_ops *ops = screen_ops(ui);
	if (ops->act)
		ops->act(ui, action);
}

void ui_key(struct ui *ui, int key)
{
	if (ui->pick.active) {
		pick_key(ui, key);
		return;
	}
	if (ui->prompt.active) {
		prompt_key(ui, key);
		return;
	}
	const struct ui_screen_ops *ops = screen_ops(ui);
	if (ops->key && ops->key(ui, key))
		return;
	ui_act(ui, ui_keymap_lookup(ui_screen(ui), key));
}
