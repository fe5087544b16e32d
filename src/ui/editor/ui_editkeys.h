/* The keys of every text editor on screen (forms, evidence, rationale, prompts), in one
 * place so they behave the same everywhere. */
#ifndef MACA_UI_EDITKEYS_H
#define MACA_UI_EDITKEYS_H

#include <stdbool.h>

#include "editbuf.h"
#include "ui_keys.h"

enum ui_edit_outcome {
	UI_EDIT_DONE,	   /* the key was applied (or had nothing to do) */
	UI_EDIT_AT_TOP,	   /* Up on the first row: the caller may move to what is above */
	UI_EDIT_AT_BOTTOM, /* Down on the last row */
	UI_EDIT_ENTER,	   /* Enter in a one-line editor: the caller decides what it means */
	UI_EDIT_IGNORED,   /* not an editing key */
	UI_EDIT_ENOMEM,
};

/* Applies a key to an editor laid out `width` columns wide: characters, Backspace and Delete
 * (joining lines), the arrows, Home and End of the row, PgUp and PgDn by `page` rows, and
 * Enter as a new line when `multiline`. */
enum ui_edit_outcome ui_edit_key(struct editbuf *eb, int key, int width, int page, bool multiline);

/* The keys that leave a screen's text editor (evidence, rationale): Esc and Tab, as
 * UI_ACTION_FINISH_EDIT; every other key is the editor's. For the footer too. */
extern const struct ui_binding ui_edit_finish_keys[];
extern const size_t ui_edit_finish_nkeys;
/* What the footer says of the editor's own keys (ui_edit_key) while one is being typed in. */
#define UI_EDIT_FOOTER "Type to edit  Enter new line  arrows Home End PgUp PgDn"

#endif
