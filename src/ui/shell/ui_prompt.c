/* The prompt and the pick: a question answered by typing, and a short list to pick from.
 * Whoever opens one says what the answer leads to; the shell only carries it there. */
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui_editkeys.h"
#include "ui_shell_internal.h"
#include "ui_view.h"

void ui_prompt_close(struct ui *ui)
{
	struct ui_prompt *p = &ui->prompt;
	free(p->question);
	free(p->label);
	free(p->expected);
	editbuf_free(p->edit);
	memset(p, 0, sizeof *p);
}

void ui_prompt_open(struct ui *ui, void (*confirmed)(struct ui *ui, const char *answer, size_t len),
		    void (*refused)(struct ui *ui), const char *expected, const char *label,
		    const char *fmt, ...)
{
	struct ui_prompt *p = &ui->prompt;
	ui_prompt_close(ui);
	va_list ap;
	va_start(ap, fmt);
	p->question = str_vfmt(fmt, ap);
	va_end(ap);
	p->expected = expected ? strdup(expected) : NULL;
	p->label = strdup(label);
	p->edit = editbuf_new("", 0, EDITBUF_SINGLE_LINE);
	p->confirmed = confirmed;
	p->refused = refused;
	if (!p->question || !p->label || !p->edit || (expected && !p->expected)) {
		ui_prompt_close(ui);
		ui_set_status(ui, true, "out of memory");
		return;
	}
	p->active = true;
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
		ui_prompt_close(ui);
		ui_set_status(ui, false, "Cancelled");
		return;
	}
	if (key != UI_KEY_ENTER) {
		/* One line, never wrapped: the widest layout keeps Home and End at its ends. */
		if (ui_edit_key(p->edit, key, 1 << 20, 1, false) == UI_EDIT_ENOMEM)
			ui_set_status(ui, true, "out of memory");
		return;
	}
	size_t len;
	char *answer = editbuf_text(p->edit, &len);
	if (!answer) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	bool ok = p->expected ? strcmp(answer, p->expected) == 0 : len > 0;
	void (*confirmed)(struct ui *, const char *, size_t) = p->confirmed;
	void (*refused)(struct ui *) = p->refused;
	ui_prompt_close(ui);
	if (ok && confirmed)
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

void ui_pick_key(struct ui *ui, int key)
{
	struct ui_pick *p = &ui->pick;
	if (key == UI_KEY_ESC) {
		ui_pick_close(p);
		return;
	}
	if (key == UI_KEY_UP || key == 'k')
		ui_view_move(&p->selected, p->items.n, UI_ACTION_UP, 1);
	else if (key == UI_KEY_DOWN || key == 'j')
		ui_view_move(&p->selected, p->items.n, UI_ACTION_DOWN, 1);
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
