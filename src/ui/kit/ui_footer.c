#include "ui_footer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

const char *ui_footer_key_name(int key, bool ascii, char *buf, size_t size)
{
	if (ascii)
		return ui_key_name(key, buf, size); /* Up, Down, Left, Right */
	static const struct ui_key_word arrows[] = {{UI_KEY_UP, "\u2191"},
						    {UI_KEY_DOWN, "\u2193"},
						    {UI_KEY_LEFT, "\u2190"},
						    {UI_KEY_RIGHT, "\u2192"}};
	if (ui_key_word(arrows, sizeof arrows / sizeof arrows[0], key, buf, size))
		return buf;
	if (key > 0 && key < 0x20 && key != 0x1b) {
		snprintf(buf, size, "^%c", '@' + key);
		return buf;
	}
	return ui_key_name(key, buf, size);
}

/* Columns of footer text: every character in it is one column wide. */
static int columns(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool is_arrow(int key)
{
	return key == UI_KEY_UP || key == UI_KEY_DOWN || key == UI_KEY_LEFT || key == UI_KEY_RIGHT;
}

struct items {
	char **at;
	size_t n;
	bool failed;
};

static void items_add(struct items *it, char *text)
{
	if (!text || it->failed || !array_grow((void **)&it->at, it->n, sizeof *it->at)) {
		free(text);
		it->failed = true;
		return;
	}
	it->at[it->n++] = text;
}

static void items_free(struct items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->at[i]);
	free(it->at);
}

/* Whether a key's footer name is one punctuation character, such as [ or +. */
static bool is_mark(const char *name)
{
	return name[0] && !name[1] && !isalnum((unsigned char)name[0]);
}

/* One item: "KEYS word". Arrows run together (↑↓), punctuation is spaced ([ ]), anything
 * else is joined with a slash (a/p, Enter/e, PgUp/PgDn). */
static char *item_text(const int *keys, size_t n, const char *word, bool ascii)
{
	struct sbuf b = {0};
	char prev[32] = "", name[32];
	for (size_t i = 0; i < n; i++) {
		ui_footer_key_name(keys[i], ascii, name, sizeof name);
		if (i > 0) {
			bool arrows = !ascii && is_arrow(keys[i - 1]) && is_arrow(keys[i]);
			bool marks = is_mark(prev) && is_mark(name);
			sbuf_add(&b, arrows ? "" : marks ? " " : "/");
		}
		sbuf_add(&b, name);
		strcpy(prev, name); /* both 32 bytes; a footer is built at every frame */
	}
	sbuf_add(&b, " ");
	sbuf_add(&b, word);
	return sbuf_take(&b);
}

/* The first key bound to an action in the global table. */
static int global_key(enum ui_action action)
{
	size_t n;
	const struct ui_binding *g = ui_keymap_global(&n);
	for (size_t i = 0; i < n; i++)
		if (g[i].action == action)
			return g[i].key;
	return UI_KEY_NONE;
}

static char *global_item(const struct ui_footer *f, enum ui_action action, const char *word)
{
	int key = global_key(action);
	return item_text(&key, 1, word, f->ascii);
}

static bool offered(const struct ui_footer *f, enum ui_action action)
{
	return !f->offers || f->offers(f->ctx, action);
}

/* Whether the screen's own keys already show this action (its footer says it once). */
static bool shown_by_screen(const struct ui_footer *f, enum ui_action action)
{
	for (size_t i = 0; i < f->nkeys; i++)
		if (f->keys[i].action == action && f->keys[i].footer)
			return true;
	return false;
}

/* The screen's items: runs of bindings with the same word. */
static void screen_items(const struct ui_footer *f, struct items *out)
{
	for (size_t i = 0; i < f->nkeys;) {
		const struct ui_binding *b = &f->keys[i];
		if (!b->footer || !offered(f, b->action)) {
			i++;
			continue;
		}
		int keys[8];
		size_t n = 0;
		size_t j = i;
		for (;
		     j < f->nkeys && f->keys[j].footer && strcmp(f->keys[j].footer, b->footer) == 0;
		     j++)
			if (n < 8)
				keys[n++] = f->keys[j].key;
		items_add(out, item_text(keys, n, b->footer, f->ascii));
		i = j;
	}
	if (f->scrolls) {
		int keys[] = {global_key(UI_ACTION_UP), global_key(UI_ACTION_DOWN),
			      global_key(UI_ACTION_PAGE_UP), global_key(UI_ACTION_PAGE_DOWN)};
		items_add(out, item_text(keys, 4, "scroll", f->ascii));
	}
}

static int joined_width(const char *lead, char **at, size_t n, const char *const *more,
			size_t nmore)
{
	int w = lead ? columns(lead) : 0;
	bool first = !lead;
	for (size_t i = 0; i < n; i++, first = false)
		w += (first ? 0 : 2) + columns(at[i]);
	for (size_t i = 0; i < nmore; i++) {
		if (!more[i])
			continue;
		w += (first ? 0 : 2) + columns(more[i]);
		first = false;
	}
	return w;
}

char *ui_footer_text(const struct ui_footer *f, int width)
{
	struct items it = {0};
	screen_items(f, &it);
	bool with_help = f->globals && offered(f, UI_ACTION_HELP);
	char *help = with_help ? global_item(f, UI_ACTION_HELP, "help") : NULL;
	bool with_back = f->globals && f->back && offered(f, UI_ACTION_BACK) &&
			 !shown_by_screen(f, UI_ACTION_BACK);
	char *back = with_back ? global_item(f, UI_ACTION_BACK, "back") : NULL;
	bool with_quit = f->globals && offered(f, UI_ACTION_QUIT);
	char *quit = with_quit ? global_item(f, UI_ACTION_QUIT, "quit") : NULL;
	char *out = NULL;
	if (it.failed || (with_help && !help) || (with_quit && !quit) || (with_back && !back))
		goto done;
	/* The screen's own keys give way, last first, until help fits. */
	size_t n = it.n;
	const char *need[1] = {help};
	while (n > 0 && joined_width(f->lead, it.at, n, need, 1) > width)
		n--;
	/* Then back and quit when there is room; back first, being the way out of here. */
	const char *tail[3] = {back, help, quit};
	if (joined_width(f->lead, it.at, n, tail, 3) > width)
		tail[2] = NULL;
	if (joined_width(f->lead, it.at, n, tail, 3) > width) {
		tail[0] = NULL;
		tail[2] = quit;
	}
	if (joined_width(f->lead, it.at, n, tail, 3) > width)
		tail[2] = NULL;
	struct sbuf b = {0};
	if (f->lead)
		sbuf_add(&b, f->lead);
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s", b.len ? "  " : "", it.at[i]);
	for (size_t i = 0; i < 3; i++)
		if (tail[i])
			sbuf_addf(&b, "%s%s", b.len ? "  " : "", tail[i]);
	out = sbuf_take(&b);
done:
	items_free(&it);
	free(help);
	free(back);
	free(quit);
	return out;
}
