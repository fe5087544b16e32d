/* The shell: the screen stack, the status line, and keys and actions handed to the screen on
 * top through its hooks. It names no screen: they come as a table (src/ui/screens). */
#include <stdlib.h>
#include <string.h>

#include "ui_editkeys.h"
#include "ui_footer.h"
#include "ui_shell_internal.h"
#include "ui_value_keys.h"

static const struct ui_screen_ops *top(const struct ui *ui)
{
	return ui_ops(ui, ui_screen(ui));
}

void ui_push(struct ui *ui, enum ui_screen screen)
{
	if (ui->depth < UI_STACK_MAX)
		ui->stack[ui->depth++] = screen;
}

void ui_pop(struct ui *ui)
{
	if (ui->depth <= 1)
		return;
	/* What the screen left behind said goes with it. */
	if (ui->status && ui->status_depth >= ui->depth)
		ui_status_clear(ui);
	ui->depth--;
}

void ui_back(struct ui *ui)
{
	ui_pop(ui);
	const struct ui_screen_ops *back = top(ui);
	struct maca_err err = {0};
	if (back->resume && back->resume(ui, &err))
		ui_status_err(ui, &err);
}

void ui_shell_init(struct ui *ui, struct store *st, const struct ui_screen_ops *const *screens,
		   enum ui_screen first, enum ui_screen help)
{
	memset(ui, 0, sizeof *ui);
	ui->st = st;
	ui->screens = screens;
	ui->stack[0] = first;
	ui->depth = 1;
	ui->help_screen = help;
	/* What the screens are about to read is this version of the database. */
	struct maca_err err = {0};
	if (store_data_version(st, &ui->data_version, &err))
		err_clear(&err);
}

void ui_free(struct ui *ui)
{
	ui_prompt_close(ui);
	ui_pick_close(&ui->pick);
	/* Each screen's state by its own ui_NAME_free: the list names them all. */
#define UI_SCREEN_FREE(id, name)                                                                   \
	ui_##name##_free(&ui->name);                                                               \
	ui_undo_free(&ui->undo[UI_SCREEN_##id]);
	UI_SCREENS(UI_SCREEN_FREE)
#undef UI_SCREEN_FREE
	ui_typing_free(ui);
	free(ui->status);
	free(ui->find_query);
	free(ui->hits);
	memset(ui, 0, sizeof *ui);
}

bool ui_wants_text(const struct ui *ui)
{
	const struct ui_screen_ops *ops = top(ui);
	return !ui->pick.active && !ui->prompt.active && ops->text && ops->editing &&
	       ops->editing(ui);
}

static void key(struct ui *ui, int key);

void ui_text(struct ui *ui, const wchar_t *s, size_t n)
{
	if (ui_wants_text(ui))
		top(ui)->text(ui, s, n);
	else
		for (size_t i = 0; i < n; i++)
			key(ui, s[i] == L'\n' ? UI_KEY_ENTER : (int)s[i]);
	/* Once for the burst: a paste is checked whole, not once per character. */
	ui_typing_check(ui);
}

void ui_paste(struct ui *ui, const wchar_t *s, size_t n)
{
	if (n == 0)
		return;
	if (ui->pick.active) {
		ui_set_status(ui, true, "Nothing was pasted: pick from the list, or Esc");
		return;
	}
	if (ui->prompt.active) {
		ui_prompt_paste(ui, s, n);
		return;
	}
	const struct ui_screen_ops *ops = top(ui);
	if (!ops->paste) {
		ui_set_status(ui, true,
			      "Nothing was pasted: there is no text to edit on this screen");
		return;
	}
	ops->paste(ui, s, n);
	/* What was pasted is checked whole, as typing is. */
	ui_typing_check(ui);
}

void ui_act(struct ui *ui, enum ui_action action)
{
	bool quit_again = ui->quit_pending;
	ui->quit_pending = false;
	switch (action) {
	case UI_ACTION_NONE:
		return;
	case UI_ACTION_QUIT:
		ui_quit(ui, quit_again);
		return;
	case UI_ACTION_INTERRUPT:
		ui->quit_pending = quit_again;
		ui_interrupt(ui);
		return;
	case UI_ACTION_SELECT:
		ui_select_clicked(ui);
		return;
	case UI_ACTION_FIND:
	case UI_ACTION_FIND_NEXT:
	case UI_ACTION_FIND_PREV:
		if (ui_finds(ui)) {
			ui_find(ui, action);
			return;
		}
		break;
	case UI_ACTION_UNDO:
		if (top(ui)->undo) {
			ui_undo_said(ui, &ui->undo[ui_screen(ui)], top(ui)->undo,
				     top(ui)->undo_words);
			return;
		}
		break;
	case UI_ACTION_HELP:
		if (ui_screen(ui) != ui->help_screen) {
			/* What the last key said is not said again on coming back from help. */
			if (ui->status && ui->status_depth == ui->depth)
				ui_status_clear(ui);
			ui_push(ui, ui->help_screen);
		}
		return;
	case UI_ACTION_BACK: {
		const struct ui_screen_ops *left = top(ui);
		unsigned serial = ui->status_serial;
		if (left->leave && !left->leave(ui))
			return;
		/* Said while leaving (what was saved): for the screen returned to. */
		if (serial != ui->status_serial && ui->depth > 1) {
			ui->status_depth = ui->depth - 1;
			ui->status_screen = ui->stack[ui->depth - 2];
		}
		/* What changed on the screen left behind shows on the one returned to. */
		ui_back(ui);
		return;
	}
	default:
		break;
	}
	const struct ui_screen_ops *ops = top(ui);
	unsigned serial = ui->status_serial;
	struct maca_err err = {0};
	if (ops->act && ops->act(ui, action, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	err_clear(&err);
	/* The status line speaks of the last key: one that did something and said nothing takes
	 * an older message away ("Nothing to undo" over a rationale just cleared, "'j' is no
	 * grade here" four questions on). */
	if (serial == ui->status_serial && ui->status && ui->status_depth == ui->depth &&
	    !ops->modal) /* a question's own line stays while it is read */
		ui_status_clear(ui);
}

/* Whether a global binding applies on a screen that does not bind its key itself. */
static bool global_applies(const struct ui_screen_ops *ops, int key)
{
	return !ops->own_keys_only && !(ops->values && ui_value_key_class(key));
}

enum ui_action ui_screen_lookup(const struct ui_screen_ops *ops, int key)
{
	enum ui_action a = ui_bindings_lookup(ops->keys, ops->nkeys, key);
	if (a != UI_ACTION_NONE || !global_applies(ops, key))
		return a;
	size_t n;
	const struct ui_binding *global = ui_keymap_global(&n);
	return ui_bindings_lookup(global, n, key);
}

static bool has_key(const struct ui_binding *b, size_t n, int key)
{
	for (size_t i = 0; i < n; i++)
		if (b[i].key == key)
			return true;
	return false;
}

size_t ui_screen_bindings(const struct ui *ui, enum ui_screen screen, struct ui_binding **out)
{
	const struct ui_screen_ops *ops = ui_ops(ui, screen);
	size_t ng;
	const struct ui_binding *global = ui_keymap_global(&ng);
	struct ui_binding *all = calloc(UI_VALUE_KEYS_MAX + ops->nkeys + ng, sizeof *all);
	*out = all;
	if (!all)
		return 0;
	size_t n = ops->value_keys ? ops->value_keys(ui, all) : 0;
	/* A key is listed once, for what it does here: the first binding of it wins, as in
	 * ui_screen_lookup (the screen's value keys are taken before its bindings). */
	for (size_t i = 0; i < ops->nkeys; i++)
		if (!has_key(all, n, ops->keys[i].key))
			all[n++] = ops->keys[i];
	/* A click is listed where it selects something. */
	for (size_t i = 0; i < ng; i++)
		if (global_applies(ops, global[i].key) && !has_key(all, n, global[i].key) &&
		    (global[i].action != UI_ACTION_SELECT || ops->select || ops->list))
			all[n++] = global[i];
	return n;
}

/* An open pick or prompt takes every key before any screen; false when neither is open. */
static bool asking_takes(struct ui *ui, int key)
{
	if (ui->pick.active)
		ui_pick_key(ui, key);
	else if (ui->prompt.active)
		ui_prompt_key(ui, key);
	else
		return false;
	return true;
}

/* A key that does nothing on the screen says so, and where the keys are listed; the mouse's
 * own (a click or the wheel where nothing takes them) and a resize pass in silence. */
static bool said_unbound(struct ui *ui, const struct ui_screen_ops *ops, int key)
{
	if (key == UI_KEY_NONE || key == UI_KEY_CLICK || key == UI_KEY_WHEEL_UP ||
	    key == UI_KEY_WHEEL_DOWN)
		return false;
	char name[16];
	bool character = key > ' ' && key < UI_KEY_UP;
	ui_set_status(ui, true, "%s%s%s does nothing here: %s lists this screen's keys",
		      character ? "'" : "", ui_key_name(key, name, sizeof name),
		      character ? "'" : "", ops->own_keys_only ? "F1" : "?");
	return true;
}

static void key(struct ui *ui, int key)
{
	/* Ctrl-C means the same everywhere, in a prompt, a pick or a form too. */
	if (key == UI_KEY_CTRL_C) {
		ui_interrupt(ui);
		return;
	}
	if (asking_takes(ui, key))
		return;
	const struct ui_screen_ops *ops = top(ui);
	if (ops->key && ops->key(ui, key))
		return;
	enum ui_action action = ui_screen_lookup(ops, key);
	if (action == UI_ACTION_NONE) {
		/* Any key but q between the two q's that quit without an edit starts again. */
		ui->quit_pending = false;
		if (said_unbound(ui, ops, key))
			return;
	}
	ui_act(ui, action);
}

void ui_interrupt(struct ui *ui)
{
	if (asking_takes(ui, UI_KEY_ESC))
		return;
	if (ui_ops(ui, ui_screen(ui))->modal) {
		ui_key(ui, UI_KEY_ESC);
		return;
	}
	bool again = ui->quit_pending;
	ui->quit_pending = false;
	ui_quit(ui, again);
}

void ui_click(struct ui *ui, int y, int x)
{
	ui->click_y = y;
	ui->click_x = x;
	ui_key(ui, UI_KEY_CLICK);
}

void ui_key(struct ui *ui, int k)
{
	key(ui, k);
	ui_typing_check(ui);
}

static bool offers(const void *ctx, enum ui_action action)
{
	const struct ui *ui = ctx;
	const struct ui_screen_ops *ops = top(ui);
	if (action == UI_ACTION_HELP && ui_screen(ui) == ui->help_screen)
		return false;
	/* q does something else here (closes help). */
	if (action == UI_ACTION_QUIT && ui_screen_lookup(ops, 'q') != UI_ACTION_QUIT)
		return false;
	return !ops->offers || ops->offers(ui, action);
}

char *ui_footer(const struct ui *ui, int width)
{
	const struct ui_screen_ops *ops = top(ui);
	struct ui_footer f = {.ascii = ui->ascii};
	if (ops->editing && ops->editing(ui)) {
		/* Keys are the editor's: only those that leave it do anything else. */
		f.lead = UI_EDIT_FOOTER;
		f.keys = ui_edit_finish_keys;
		f.nkeys = ui_edit_finish_nkeys;
		return ui_footer_text(&f, width);
	}
	/* The value keys lead, then the screen's own keys. */
	struct ui_binding *keys = calloc(UI_VALUE_KEYS_MAX + ops->nkeys + 1, sizeof *keys);
	if (!keys)
		return NULL;
	size_t n = ops->value_keys ? ops->value_keys(ui, keys) : 0;
	for (size_t i = 0; i < ops->nkeys; i++)
		keys[n++] = ops->keys[i];
	f.lead = ops->data_footer ? ops->data_footer(ui) : NULL;
	f.keys = keys;
	f.nkeys = n;
	f.scrolls = ops->scrolls;
	f.globals = !ops->own_keys_only;
	f.back = ui->depth > 1;
	f.offers = offers;
	f.ctx = ui;
	char *text = ui_footer_text(&f, width);
	free(keys);
	return text;
}
