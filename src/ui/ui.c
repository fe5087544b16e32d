#include "ui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "demo.h"
#include "sbuf.h"

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

static void status_err(struct ui *ui, struct maca_err *err)
{
	ui_set_status(ui, true, "%s", err_msg(err));
	err_clear(err);
}

enum ui_screen ui_screen(const struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

static void push(struct ui *ui, enum ui_screen screen)
{
	if (ui->depth < UI_STACK_MAX)
		ui->stack[ui->depth++] = screen;
}

static void pop(struct ui *ui)
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
		ui_set_status(ui, false,
			      "No audits yet: press d for a SYNTHETIC demo audit to look around");
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

void ui_free(struct ui *ui)
{
	prompt_close(&ui->prompt);
	home_free(&ui->home);
	ui_overview_free(&ui->overview);
	free(ui->status);
	memset(ui, 0, sizeof *ui);
}

static void prompt_open(struct ui *ui, enum ui_action on_confirm, const char *expected,
			const char *label, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void prompt_open(struct ui *ui, enum ui_action on_confirm, const char *expected,
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

/* Home */

static void home_move(struct ui *ui, enum ui_action action)
{
	struct ui_home *h = &ui->home;
	if (h->naudits == 0)
		return;
	size_t last = h->naudits - 1;
	switch (action) {
	case UI_ACTION_UP:
		h->selected -= h->selected > 0;
		break;
	case UI_ACTION_DOWN:
		h->selected += h->selected < last;
		break;
	case UI_ACTION_PAGE_UP:
		h->selected = h->selected > 10 ? h->selected - 10 : 0;
		break;
	case UI_ACTION_PAGE_DOWN:
		h->selected = h->selected + 10 < last ? h->selected + 10 : last;
		break;
	case UI_ACTION_FIRST:
		h->selected = 0;
		break;
	case UI_ACTION_LAST:
		h->selected = last;
		break;
	default:
		break;
	}
}

static void home_demo(struct ui *ui)
{
	struct maca_err err = {0};
	struct diag_list diags = {0};
	struct template *tpl;
	int64_t id;
	if (catalog_load_template(ui->demo_template, &tpl, &diags, &err)) {
		diag_list_free(&diags);
		status_err(ui, &err);
		return;
	}
	diag_list_free(&diags);
	int rc = demo_create(ui->st, tpl, &id, &err);
	template_free(tpl);
	if (rc || ui_home_reload(ui, &err)) {
		status_err(ui, &err);
		return;
	}
	for (size_t i = 0; i < ui->home.naudits; i++)
		if (ui->home.audits[i].id == id)
			ui->home.selected = i;
	ui_set_status(ui, false,
		      "Created a SYNTHETIC demo audit: every name and fact in it is "
		      "invented");
}

static void home_delete_confirmed(struct ui *ui)
{
	struct ui_home *h = &ui->home;
	struct maca_err err = {0};
	if (h->naudits == 0)
		return;
	struct audit_info *a = &h->audits[h->selected];
	char *title = strdup(a->title);
	if (!title) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	if (store_audit_delete(ui->st, a->id, &err) || ui_home_reload(ui, &err))
		status_err(ui, &err);
	else
		ui_set_status(ui, false, "Deleted the audit \"%s\"", title);
	free(title);
}

static void home_act(struct ui *ui, enum ui_action action)
{
	struct ui_home *h = &ui->home;
	switch (action) {
	case UI_ACTION_DEMO:
		home_demo(ui);
		break;
	case UI_ACTION_OPEN: {
		if (h->naudits == 0)
			break;
		struct maca_err err = {0};
		if (ui_overview_load(&ui->overview, ui->st, h->audits[h->selected].id, &err)) {
			status_err(ui, &err);
			break;
		}
		free(ui->status);
		ui->status = NULL;
		push(ui, UI_SCREEN_OVERVIEW);
		break;
	}
	case UI_ACTION_DELETE_AUDIT:
		if (h->naudits == 0)
			break;
		prompt_open(ui, UI_ACTION_DELETE_AUDIT, h->audits[h->selected].title,
			    "Type its title to confirm:",
			    "Delete \"%s\" with all its cases, answers and learning? Esc cancels.",
			    h->audits[h->selected].title);
		break;
	default:
		home_move(ui, action);
		break;
	}
}

/* Prompt */

static void prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *p = &ui->prompt;
	enum editbuf_result r = EDITBUF_OK;
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
		free(answer);
		enum ui_action action = p->on_confirm;
		prompt_close(p);
		if (!ok) {
			ui_set_status(ui, true, "That is not the title: nothing was deleted");
			return;
		}
		if (action == UI_ACTION_DELETE_AUDIT)
			home_delete_confirmed(ui);
		return;
	}
	if (key == UI_KEY_BACKSPACE)
		r = editbuf_backspace(p->edit);
	else if (key == UI_KEY_DELETE)
		r = editbuf_delete(p->edit);
	else if (key == UI_KEY_LEFT)
		editbuf_left(p->edit);
	else if (key == UI_KEY_RIGHT)
		editbuf_right(p->edit);
	else if (key == UI_KEY_HOME)
		editbuf_text_start(p->edit);
	else if (key == UI_KEY_END)
		editbuf_text_end(p->edit);
	else if (key >= 0x20 && key < 0x110000)
		r = editbuf_insert_char(p->edit, (wchar_t)key);
	if (r == EDITBUF_ENOMEM)
		ui_set_status(ui, true, "out of memory");
}

void ui_act(struct ui *ui, enum ui_action action)
{
	switch (action) {
	case UI_ACTION_NONE:
		return;
	case UI_ACTION_QUIT:
		ui->quit = true;
		return;
	case UI_ACTION_HELP:
		if (ui_screen(ui) != UI_SCREEN_HELP) {
			ui->help_scroll = 0;
			push(ui, UI_SCREEN_HELP);
		}
		return;
	case UI_ACTION_BACK:
		pop(ui);
		if (ui_screen(ui) == UI_SCREEN_HOME) {
			/* Answers given elsewhere change the progress shown. */
			struct maca_err err = {0};
			if (ui_home_reload(ui, &err))
				status_err(ui, &err);
		}
		return;
	default:
		break;
	}
	switch (ui_screen(ui)) {
	case UI_SCREEN_HOME:
		home_act(ui, action);
		break;
	case UI_SCREEN_OVERVIEW:
		if (action == UI_ACTION_REFRESH) {
			struct maca_err err = {0};
			if (ui_overview_load(&ui->overview, ui->st, ui->overview.info.id, &err))
				status_err(ui, &err);
		} else {
			ui_overview_move(&ui->overview, action);
		}
		break;
	case UI_SCREEN_HELP:
		if (action == UI_ACTION_DOWN)
			ui->help_scroll++;
		else if (action == UI_ACTION_UP && ui->help_scroll > 0)
			ui->help_scroll--;
		break;
	case UI_SCREEN_COUNT:
		break;
	}
}

void ui_key(struct ui *ui, int key)
{
	if (ui->prompt.active) {
		prompt_key(ui, key);
		return;
	}
	ui_act(ui, ui_keymap_lookup(ui_screen(ui), key));
}
