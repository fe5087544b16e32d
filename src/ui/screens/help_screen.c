/* Help: every key of the screen it was opened over, from the same tables that bind them,
 * scrolled line by line. */
#include <stdlib.h>

#include "screens_internal.h"
#include "ui_editkeys.h"
#include "ui_lines.h"
#include "ui_view.h"

/* Adds each action once, with all the keys bound to it, in binding order. */
static void collect(const struct ui_binding *all, size_t nall, struct sbuf *out)
{
	for (size_t i = 0; i < nall; i++) {
		bool dup = all[i].action == UI_ACTION_NONE;
		for (size_t s = 0; s < i && !dup; s++)
			dup = all[s].action == all[i].action;
		if (dup)
			continue;
		struct sbuf keys = {0};
		for (size_t j = 0; j < nall; j++) {
			if (all[j].action != all[i].action)
				continue;
			char name[32];
			sbuf_addf(&keys, "%s%s", keys.len ? ", " : "",
				  ui_key_name(all[j].key, name, sizeof name));
		}
		char *k = sbuf_take(&keys);
		sbuf_addf(out, "%-18s %s\n", k ? k : "?", ui_action_help(all[i].action));
		free(k);
	}
}

/* The screen under help: the one whose keys it lists. */
static enum ui_screen below(const struct ui *ui)
{
	return ui->depth >= 2 ? ui->stack[ui->depth - 2] : UI_SCREEN_HOME;
}

char *ui_help_text(const struct ui *ui)
{
	const struct ui_screen_ops *of = ui_ops(ui, below(ui));
	size_t ng;
	const struct ui_binding *global = ui_keymap_global(&ng);
	/* Screen keys first, then the global ones; keys bound on both lists are merged. */
	size_t nall = of->nkeys + (of->own_keys_only ? 0 : ng);
	struct ui_binding *all = calloc(nall ? nall : 1, sizeof *all);
	if (!all)
		return NULL;
	for (size_t i = 0; i < of->nkeys; i++)
		all[i] = of->keys[i];
	for (size_t i = of->nkeys; i < nall; i++)
		all[i] = global[i - of->nkeys];
	struct sbuf lines = {0};
	/* Keys that come from data (the template's grades) belong to the screen too. */
	if (of->data_help)
		of->data_help(ui, &lines);
	collect(all, nall, &lines);
	free(all);
	/* A screen with text fields: the keys that edit text there. */
	if (of->paste) {
		sbuf_add(&lines, "\nIn a text field (and pasting puts text there as it is):\n");
		for (size_t i = 0; i < ui_edit_nkeydocs; i++) {
			char name[32];
			const struct ui_edit_keydoc *d = &ui_edit_keydocs[i];
			char *keys = str_fmt("%s%s%s", ui_key_name(d->key, name, sizeof name),
					     d->also ? ", " : "", d->also ? d->also : "");
			sbuf_addf(&lines, "%-18s %s\n", keys ? keys : name, d->help);
			free(keys);
		}
	}
	return sbuf_take(&lines);
}

/* The number of lines the help shows. */
static size_t help_lines(const struct ui *ui)
{
	char *text = ui_help_text(ui), *copy;
	char **lines;
	size_t n = 0;
	struct maca_err err = {0};
	if (text && !ui_lines_split(text, false, &copy, &lines, &n, &err)) {
		free(copy);
		free(lines);
	}
	err_clear(&err);
	free(text);
	return n;
}

static void help_act(struct ui *ui, enum ui_action action)
{
	size_t n = help_lines(ui);
	ui_view_scroll(&ui->help.top, action, n ? n - 1 : 0, 10);
}

/* Opened again, help starts from the top. */
static bool help_leave(struct ui *ui)
{
	ui->help.top = 0;
	return true;
}

static const struct ui_binding help_keys[] = {
    {UI_KEY_ENTER, UI_ACTION_BACK, NULL},
};

const struct ui_screen_ops ui_help_screen = {
    .title = "Keys",
    .keys = help_keys,
    .nkeys = sizeof help_keys / sizeof help_keys[0],
    .scrolls = true,
    .act = help_act,
    .leave = help_leave,
};
