/* The interface without curses: its state (ui_shell.h) and every screen in it. The terminal
 * layer turns keys into ui_key values, calls ui_key, and draws what struct ui holds; tests
 * do the same without a terminal. */
#ifndef MACA_UI_H
#define MACA_UI_H

#include "ui_shell.h"

/* Opens the interface on the audit list. On failure ui can still be given to ui_free. */
int ui_init(struct ui *ui, struct store *st, struct maca_err *err);

/* The screens' own tables, by enum ui_screen: a title for help and the manual, and the keys
 * bound on each (the global ones come after them, see ui_keymap_global). */
const char *ui_screen_title(enum ui_screen screen);
const struct ui_binding *ui_keymap_screen(enum ui_screen screen, size_t *n);
/* The action a key triggers on a screen (its own bindings first, then the global ones), or
 * UI_ACTION_NONE. Screens where text is typed use only their own bindings. */
enum ui_action ui_keymap_lookup(enum ui_screen screen, int key);

/* Re-reads the audit list (after something changed it). */
int ui_home_reload(struct ui *ui, struct maca_err *err);
/* The help screen's text: every key of the screen under it, one per line (caller frees;
 * NULL when out of memory). */
char *ui_help_text(const struct ui *ui);

#endif
