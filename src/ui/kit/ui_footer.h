/* The footer: a screen's main keys, from the same bindings that drive it and make its help,
 * e.g. "a/p add  A action  e edit  Esc back  ? help  q quit". */
#ifndef MACA_UI_FOOTER_H
#define MACA_UI_FOOTER_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_keys.h"

struct ui_footer {
	const char *lead; /* first, as it is: keys that come from data (grades), or NULL */
	const struct ui_binding *keys; /* the screen's: each with a footer word is shown */
	size_t nkeys;
	bool scrolls; /* a text view: the keys that scroll it, from the global ones */
	bool globals; /* the global keys apply here: help, quit, and back when */
	bool back;    /* ... there is a screen to go back to */
	/* Whether the screen offers an action now (NULL: every one). */
	bool (*offers)(const void *ctx, enum ui_action action);
	const void *ctx;
	bool ascii; /* the ASCII fallback (ui_ascii.h): arrows by name, "Up/Down" */
};

/* The footer in at most width columns: the lead, then the screen's keys (bindings next to
 * each other with the same word share it: "Enter/e edit"), the scroll keys, then back, help
 * and quit; when it is too long the screen's last keys give way first, and help never does.
 * NULL when out of memory. */
char *ui_footer_text(const struct ui_footer *f, int width);
/* A key's name in a footer: arrows as arrows (by name in ASCII), Ctrl-G as ^G, else as
 * ui_key_name. */
const char *ui_footer_key_name(int key, bool ascii, char *buf, size_t size);

#endif
