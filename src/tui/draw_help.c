/* Help: every key of the screen it was opened from, from the same tables that bind them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui_draw.h"

/* Adds each action once, with all the keys bound to it, in binding order. */
static void collect(const struct ui_binding *b, size_t n, const struct ui_binding *all, size_t nall,
		    enum ui_action *seen, size_t *nseen, char **lines, size_t *nlines)
{
	for (size_t i = 0; i < n; i++) {
		bool dup = false;
		for (size_t s = 0; s < *nseen; s++)
			dup = dup || seen[s] == b[i].action;
		if (dup || b[i].action == UI_ACTION_NONE)
			continue;
		seen[(*nseen)++] = b[i].action;
		struct sbuf keys = {0};
		for (size_t j = 0; j < nall; j++) {
			if (all[j].action != b[i].action)
				continue;
			char name[32];
			sbuf_addf(&keys, "%s%s", keys.len ? ", " : "",
				  ui_key_name(all[j].key, name, sizeof name));
		}
		char *k = sbuf_take(&keys);
		lines[(*nlines)++] = str_fmt("%-18s %s", k ? k : "?", ui_action_help(b[i].action));
		free(k);
	}
}

void tui_draw_help(WINDOW *w, const struct ui *ui)
{
	enum ui_screen of = ui->depth >= 2 ? ui->stack[ui->depth - 2] : UI_SCREEN_HOME;
	int rows = getmaxy(w), cols = getmaxx(w);
	char *title = str_fmt("Keys of %s", ui_screen_title(of));
	tui_frame(w, ui, title ? title : "Keys", "Esc back  Up/Down scroll  q quit");
	free(title);
	size_t ns, ng;
	const struct ui_binding *sb = ui_keymap_screen(of, &ns), *gb = ui_keymap_global(&ng);
	/* Screen keys first, then the global ones; keys bound on both lists are merged. */
	struct ui_binding all[128];
	size_t nall = 0;
	for (size_t i = 0; i < ns && nall < 128; i++)
		all[nall++] = sb[i];
	for (size_t i = 0; i < ng && nall < 128; i++)
		all[nall++] = gb[i];
	/* The template's grade keys belong to these screens too, though they are data. */
	const struct template *tpl = of == UI_SCREEN_MODERATE ? ui->moderate.tpl
				     : of == UI_SCREEN_ANSWER ? ui->answer.tpl
							      : NULL;
	size_t ngrades = tpl ? tpl->ngrades : 0;
	enum ui_action seen[UI_ACTION_COUNT];
	char **lines = calloc(UI_ACTION_COUNT + ngrades + 1, sizeof *lines);
	if (!lines)
		return;
	size_t nseen = 0, nlines = 0;
	for (size_t g = 0; g < ngrades; g++)
		lines[nlines++] = str_fmt(
		    "%-18c %s: %s", toupper((unsigned char)tpl->grades[g].key),
		    of == UI_SCREEN_MODERATE ? "Agree the grade" : "Grade", tpl->grades[g].label);
	if (of == UI_SCREEN_ANSWER)
		lines[nlines++] = str_fmt("%-18s %s", "y, n, p, k",
					  "Yes-no questions: yes, no, partly, not known");
	collect(all, nall, all, nall, seen, &nseen, lines, &nlines);
	int height = rows - 4 - 2;
	size_t first = ui->help_scroll < nlines ? ui->help_scroll : 0;
	for (int r = 0; r < height && first + (size_t)r < nlines; r++)
		if (lines[first + (size_t)r])
			tui_put(w, 2 + r, 2, cols - 4, lines[first + (size_t)r], A_NORMAL);
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
}
