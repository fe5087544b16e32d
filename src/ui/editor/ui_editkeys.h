/* The keys of every text editor on screen (forms, evidence, rationale, prompts), in one
 * place so they behave the same everywhere. */
#ifndef MACA_UI_EDITKEYS_H
#define MACA_UI_EDITKEYS_H

#include <stdbool.h>

#include "editbuf.h"
#include "err.h"
#include "ui_keys.h"

enum ui_edit_outcome {
	UI_EDIT_DONE,	   /* the key was applied (or had nothing to do) */
	UI_EDIT_AT_TOP,	   /* Up on the first row: the caller may move to what is above */
	UI_EDIT_AT_BOTTOM, /* Down on the last row */
	UI_EDIT_ENTER,	   /* Enter in a one-line editor: the caller decides what it means */
	UI_EDIT_IGNORED,   /* not an editing key */
	UI_EDIT_TOO_LONG,  /* a character that would take the text past its limit: not typed */
	UI_EDIT_ENOMEM,
};

/* Applies a key to an editor laid out `width` columns wide: characters, Backspace and Delete
 * (joining lines), the arrows, Home and End of the row, PgUp and PgDn by `page` rows, Enter
 * as a new line when `multiline`, and readline's keys: Ctrl-A and Ctrl-E to the start and
 * end of the line, Ctrl-Left and Ctrl-Right (or Alt-b, Alt-f) by words, Ctrl-W and Alt-d
 * delete the word before and after the cursor, Ctrl-U and Ctrl-K the line before and after
 * it. A one-line editor (not `multiline`) is one row whatever `width`: Home and End go to
 * the ends of its text, Up and Down leave it. */
enum ui_edit_outcome ui_edit_key(struct editbuf *eb, int key, int width, int page, bool multiline);

/* Every key of a text editor with what it does, in one list: the help screen's keys in a
 * text field and the manual's "Text fields" (checked by test_manual) come from it, and
 * ui_edit_key does what it says. */
struct ui_edit_keydoc {
	int key;
	const char *also; /* the same key by the other names terminals send ("Alt-b"), or NULL */
	const char *help;
};
extern const struct ui_edit_keydoc ui_edit_keydocs[];
extern const size_t ui_edit_nkeydocs;

/* Pasted text (or keys read in a burst) into an editor: the whole of it, or nothing when it
 * would take the text past its limit, with an error naming the limit and `what` the text
 * is ("the evidence", "Case reference"). Returns MACA_OK or the error's status. */
int ui_edit_paste(struct editbuf *eb, const wchar_t *s, size_t n, const char *what,
		  struct maca_err *err);
/* The error for a character typed at the limit (UI_EDIT_TOO_LONG): "what holds at most N
 * characters". Returns its status. */
int ui_edit_full(const struct editbuf *eb, const char *what, struct maca_err *err);

/* The keys that leave a screen's text editor (evidence, rationale): Esc and Tab, as
 * UI_ACTION_FINISH_EDIT; every other key is the editor's. For the footer too. */
extern const struct ui_binding ui_edit_finish_keys[];
extern const size_t ui_edit_finish_nkeys;
/* What the footer says of the editor's own keys (ui_edit_key) while one is being typed in. */
#define UI_EDIT_FOOTER "Type to edit  Enter new line  ^A/^E line  ^W/^U/^K delete"

#endif
