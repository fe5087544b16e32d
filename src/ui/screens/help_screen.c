/* Help: every key of the screen it was opened over, from the same tables that bind them,
 * scrolled line by line. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "screens_internal.h"
#include "ui_editkeys.h"
#include "ui_fit.h"
#include "ui_lines.h"
#include "ui_view.h"

/* What a binding does, as help says it: a value key's word and label ("Grade: Good"), else its
 * help. */
static char *what(const struct ui_binding *b)
{
	if (b->action == UI_ACTION_SET_VALUE && b->footer && b->help)
		return str_fmt("%c%s: %s", toupper((unsigned char)b->footer[0]), b->footer + 1,
			       b->help);
	return str_dup(ui_binding_help(b));
}

/* Each key once (ui_screen_bindings sees to that), keys that do the same joined on one line,
 * in binding order. */
static void collect(const struct ui_binding *all, size_t nall, struct sbuf *out)
{
	bool *done = calloc(nall ? nall : 1, sizeof *done);
	if (!done) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < nall; i++) {
		if (done[i] || all[i].action == UI_ACTION_NONE)
			continue;
		char *help = what(&all[i]);
		struct sbuf keys = {0};
		for (size_t j = i; j < nall; j++) {
			char *other = j == i ? NULL : what(&all[j]);
			bool same = j == i || (all[j].action == all[i].action && other && help &&
					       strcmp(other, help) == 0);
			free(other);
			if (!same)
				continue;
			done[j] = true;
			char name[32];
			sbuf_addf(&keys, "%s%s", keys.len ? ", " : "",
				  ui_key_name(all[j].key, name, sizeof name));
			/* A value key works in either case. */
			if (all[j].action == UI_ACTION_SET_VALUE && all[j].key < 0x80 &&
			    islower(all[j].key))
				sbuf_addf(&keys, ", %c", toupper(all[j].key));
		}
		char *k = sbuf_take(&keys);
		sbuf_addf(out, "%s\t%s\n", k ? k : "?", help ? help : "?");
		free(k);
		free(help);
	}
	free(done);
}

/* "keys\twhat" lines as two columns: the keys in KEYS_COLS columns, a space, then what they
 * do; keys that fill the column have a line of their own, what they do under the column on
 * the next, so that no description runs into its keys. Lines without a tab stay as they
 * are. NULL when out of memory. */
#define KEYS_COLS 18
static char *columns(const char *text)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (const char *p = text; *p;) {
		const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (tab && tab < nl) {
			char *keys = strndup(p, (size_t)(tab - p));
			int cols = keys ? ui_text_cols(keys, false) : 0;
			if (cols < KEYS_COLS)
				sbuf_addf(&b, "%s%*s %.*s\n", keys ? keys : "?", KEYS_COLS - cols,
					  "", (int)(nl - tab - 1), tab + 1);
			else
				sbuf_addf(&b, "%s\n%*s %.*s\n", keys ? keys : "?", KEYS_COLS, "",
					  (int)(nl - tab - 1), tab + 1);
			free(keys);
		} else {
			sbuf_addf(&b, "%.*s\n", (int)(nl - p), p);
		}
		p = *nl ? nl + 1 : nl;
	}
	return sbuf_take(&b);
}

/* The screen under help: the one whose keys it lists. */
static enum ui_screen below(const struct ui *ui)
{
	return ui->depth >= 2 ? ui->stack[ui->depth - 2] : UI_SCREEN_HOME;
}

char *ui_help_text(const struct ui *ui)
{
	const struct ui_screen_ops *of = ui_ops(ui, below(ui));
	struct ui_binding *all;
	size_t n = ui_screen_bindings(ui, below(ui), &all);
	if (!all)
		return NULL;
	struct sbuf lines = {0};
	collect(all, n, &lines);
	free(all);
	/* A screen with text fields: the keys that edit text there. */
	if (of->paste) {
		sbuf_add(&lines, "\nIn a text field (and pasting puts text there as it is):\n");
		for (size_t i = 0; i < ui_edit_nkeydocs; i++) {
			char name[32];
			const struct ui_edit_keydoc *d = &ui_edit_keydocs[i];
			char *keys = str_fmt("%s%s%s", ui_key_name(d->key, name, sizeof name),
					     d->also ? ", " : "", d->also ? d->also : "");
			sbuf_addf(&lines, "%s\t%s\n", keys ? keys : name, d->help);
			free(keys);
		}
	}
	char *text = sbuf_take(&lines);
	char *page = text ? columns(text) : NULL;
	free(text);
	return page;
}

static int help_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	(void)err;
	size_t n = ui_lines_count(ui_help_text(ui), false);
	ui_view_scroll(&ui->help.top, action, n ? n - 1 : 0, 10);
	return MACA_OK;
}

/* Opened again, help starts from the top. */
static bool help_leave(struct ui *ui)
{
	ui->help.top = 0;
	return true;
}

/* q closes help rather than quitting: help is read with a hand near q. */
static const struct ui_binding help_keys[] = {
    {'q', UI_ACTION_BACK, "close", "Close help"},
    {UI_KEY_ENTER, UI_ACTION_BACK, NULL, "Close help"},
    {UI_KEY_ESC, UI_ACTION_BACK, NULL, "Close help"},
};

const struct ui_screen_ops ui_help_screen = {
    .title = "Keys",
    .keys = help_keys,
    .nkeys = sizeof help_keys / sizeof help_keys[0],
    .scrolls = true,
    .act = help_act,
    .leave = help_leave,
};
