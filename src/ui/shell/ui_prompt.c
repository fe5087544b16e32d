/* The prompt and the pick: a question answered by typing, and a short list to pick from.
 * Whoever opens one says what the answer leads to; the shell only carries it there. */
#include <ctype.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text_rules.h"
#include "ui_editkeys.h"
#include "ui_find.h"
#include "ui_shell_internal.h"
#include "ui_view.h"

void ui_prompt_paste(struct ui *ui, const wchar_t *s, size_t n)
{
	struct maca_err err = {0};
	if (ui_edit_paste(ui->prompt.edit, s, n, "the answer", &err))
		ui_status_err(ui, &err);
}

void ui_prompt_close(struct ui *ui)
{
	struct ui_prompt *p = &ui->prompt;
	free(p->question);
	free(p->label);
	free(p->expected);
	editbuf_free(p->edit);
	memset(p, 0, sizeof *p);
}

/* A question whose answer, once it confirms, goes to confirmed (with the text) or yes. */
static void prompt_open(struct ui *ui,
			void (*confirmed)(struct ui *ui, const char *answer, size_t len),
			void (*yes)(struct ui *ui), void (*refused)(struct ui *ui),
			const char *expected, const char *label, const char *fmt, va_list ap)
{
	struct ui_prompt *p = &ui->prompt;
	ui_prompt_close(ui);
	p->question = str_vfmt(fmt, ap);
	p->expected = expected ? strdup(expected) : NULL;
	p->label = strdup(label);
	/* Answers are notes and reasons at most: the store's limit for long text. */
	p->edit = editbuf_new("", text_rules[TEXT_LONG].max_chars, EDITBUF_SINGLE_LINE);
	p->confirmed = confirmed;
	p->yes = yes;
	p->refused = refused;
	if (!p->question || !p->label || !p->edit || (expected && !p->expected)) {
		ui_prompt_close(ui);
		ui_set_status(ui, true, "out of memory");
		return;
	}
	p->active = true;
}

void ui_prompt_open(struct ui *ui, void (*confirmed)(struct ui *ui, const char *answer, size_t len),
		    void (*refused)(struct ui *ui), const char *expected, const char *label,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	prompt_open(ui, confirmed, NULL, refused, expected, label, fmt, ap);
	va_end(ap);
}

void ui_confirm_open(struct ui *ui, void (*yes)(struct ui *ui), void (*refused)(struct ui *ui),
		     const char *expected, const char *label, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	prompt_open(ui, NULL, yes, refused, expected, label, fmt, ap);
	va_end(ap);
}

void ui_prompt_on_cancel(struct ui *ui, void (*cancelled)(struct ui *ui))
{
	if (ui->prompt.active)
		ui->prompt.cancelled = cancelled;
}

void ui_prompt_fill(struct ui *ui, const char *text)
{
	if (ui->prompt.active && text &&
	    editbuf_insert_utf8(ui->prompt.edit, text, strlen(text)) == EDITBUF_ENOMEM)
		ui_set_status(ui, true, "out of memory");
}

void ui_prompt_mask(struct ui *ui)
{
	if (!ui->prompt.active)
		return;
	ui->prompt.masked = true;
	editbuf_set_sensitive(ui->prompt.edit);
}

void ui_prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *p = &ui->prompt;
	if (key == UI_KEY_ESC) {
		void (*cancelled)(struct ui *) = p->cancelled;
		ui_prompt_close(ui);
		if (cancelled)
			cancelled(ui);
		else
			ui_set_status(ui, false, "Cancelled");
		return;
	}
	if (key != UI_KEY_ENTER) {
		struct maca_err err = {0};
		enum ui_edit_outcome out = ui_edit_key(p->edit, key, 0, 1, false);
		if (out == UI_EDIT_ENOMEM)
			ui_set_status(ui, true, "out of memory");
		else if (out == UI_EDIT_TOO_LONG && ui_edit_full(p->edit, "The answer", &err))
			ui_status_err(ui, &err);
		return;
	}
	size_t len;
	char *answer = editbuf_text(p->edit, &len);
	if (!answer) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	/* A title is confirmed as typed on an ordinary keyboard: a hyphen for its em dash. */
	bool ok = p->expected ? ui_find_typed(p->expected, answer) : len > 0;
	void (*confirmed)(struct ui *, const char *, size_t) = p->confirmed;
	void (*yes)(struct ui *) = p->yes;
	void (*refused)(struct ui *) = p->refused;
	ui_prompt_close(ui);
	if (ok && yes)
		yes(ui);
	else if (ok && confirmed)
		confirmed(ui, answer, len);
	else if (!ok && refused)
		refused(ui);
	else if (!ok)
		ui_set_status(ui, true, "That is not what was asked for: nothing was changed");
	/* It may have been a passphrase. */
	sodium_memzero(answer, len);
	free(answer);
}

void ui_pick_close(struct ui_pick *p)
{
	free(p->title);
	named_list_free(&p->items);
	memset(p, 0, sizeof *p);
}

bool ui_pick_open(struct ui *ui, void (*picked)(struct ui *ui, const char *id), const char *fmt,
		  ...)
{
	ui_pick_close(&ui->pick);
	va_list ap;
	va_start(ap, fmt);
	ui->pick.title = str_vfmt(fmt, ap);
	va_end(ap);
	ui->pick.picked = picked;
	return ui->pick.title != NULL;
}

void ui_pick_show(struct ui *ui, bool ok, const char *empty)
{
	if (!ok || ui->pick.items.n == 0) {
		ui_pick_close(&ui->pick);
		ui_set_status(ui, true, "%s", ok ? empty : "out of memory");
		return;
	}
	ui->pick.active = true;
}

void ui_pick_values(struct ui *ui, void (*picked)(struct ui *ui, const char *id), const char *title,
		    const struct template *tpl, const struct question *q, const char *now)
{
	bool ok = ui_pick_open(ui, picked, "%s", title);
	if (q->kind == QUESTION_GRADED)
		for (size_t g = 0; ok && g < tpl->ngrades; g++)
			ok = named_add(&ui->pick.items, tpl->grades[g].id, tpl->grades[g].label);
	else
		for (size_t i = 0; ok && i < 4; i++)
			ok = named_add(&ui->pick.items, template_yesno_values[i].id,
				       template_yesno_values[i].label);
	ok = ok && named_add(&ui->pick.items, "", "(none: clear it)");
	ui_pick_show(ui, ok, "");
	for (size_t i = 0; ok && i < ui->pick.items.n; i++)
		if (strcmp(ui->pick.items.items[i].id, now) == 0)
			ui->pick.selected = i;
}

static const char *item_label(const void *items, size_t i)
{
	return ((const struct named_list *)items)->items[i].label;
}

void ui_pick_key(struct ui *ui, int key)
{
	struct ui_pick *p = &ui->pick;
	if (key == UI_KEY_ESC) {
		ui_pick_close(p);
		return;
	}
	/* The list's movement keys, Home, End, PgUp and PgDn as in every list (j and k too, as
	 * everywhere: they are no type-ahead letters here). */
	static const struct {
		int key;
		enum ui_action action;
	} moves[] = {{UI_KEY_UP, UI_ACTION_UP},		  {'k', UI_ACTION_UP},
		     {UI_KEY_DOWN, UI_ACTION_DOWN},	  {'j', UI_ACTION_DOWN},
		     {UI_KEY_HOME, UI_ACTION_FIRST},	  {UI_KEY_END, UI_ACTION_LAST},
		     {UI_KEY_PAGE_UP, UI_ACTION_PAGE_UP}, {UI_KEY_PAGE_DOWN, UI_ACTION_PAGE_DOWN}};
	bool moved = false;
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].key == key) {
			ui_view_move(&p->selected, p->items.n, moves[i].action, UI_PICK_PAGE);
			moved = true;
		}
	/* A letter goes to the next choice with a word starting with it, as in a form's list
	 * ("h" to Health); Enter still picks. */
	if (!moved && key > 0 && key < 0x80 && isalnum(key)) {
		size_t i =
		    ui_find_choice(p->selected, p->items.n, (char)key, item_label, &p->items);
		if (i == p->items.n) {
			ui_set_status(ui, true, "No choice here has a word starting with '%c'",
				      key);
			return;
		}
		p->selected = i;
		ui_status_clear(ui); /* a complaint about the last letter */
		return;
	}
	if (key != UI_KEY_ENTER || p->items.n == 0)
		return;
	char *id = strdup(p->items.items[p->selected].id);
	void (*picked)(struct ui *, const char *) = p->picked;
	ui_pick_close(p);
	if (!id) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	if (picked)
		picked(ui, id);
	free(id);
}
