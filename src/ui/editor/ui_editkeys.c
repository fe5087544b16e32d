#include "ui_editkeys.h"

#include <limits.h>

const struct ui_binding ui_edit_finish_keys[] = {
    {UI_KEY_ESC, UI_ACTION_FINISH_EDIT, "done", NULL},
    {UI_KEY_TAB, UI_ACTION_FINISH_EDIT, "done", NULL},
};
const size_t ui_edit_finish_nkeys = sizeof ui_edit_finish_keys / sizeof ui_edit_finish_keys[0];

const struct ui_edit_keydoc ui_edit_keydocs[] = {
    {UI_KEY_ENTER, NULL, "Start a new line (in a one-line field: go to the next field)"},
    {UI_KEY_BACKSPACE, NULL, "Delete the character before the cursor, joining lines"},
    {UI_KEY_DELETE, NULL, "Delete the character at the cursor, joining lines"},
    {UI_KEY_LEFT, NULL, "Move a character left"},
    {UI_KEY_RIGHT, NULL, "Move a character right"},
    {UI_KEY_UP, NULL, "Move a row up (from the first: to what is above)"},
    {UI_KEY_DOWN, NULL, "Move a row down (from the last: to what is below)"},
    {UI_KEY_HOME, NULL, "Go to the start of the row (of a one-line field's text)"},
    {UI_KEY_END, NULL, "Go to the end of the row (of a one-line field's text)"},
    {UI_KEY_PAGE_UP, NULL, "Move a page of rows up"},
    {UI_KEY_PAGE_DOWN, NULL, "Move a page of rows down"},
    {UI_KEY_CTRL_A, NULL, "Go to the start of the line"},
    {UI_KEY_CTRL_E, NULL, "Go to the end of the line"},
    {UI_KEY_WORD_LEFT, "Alt-b, Alt-Left", "Go to the start of this or the previous word"},
    {UI_KEY_WORD_RIGHT, "Alt-f, Alt-Right", "Go to the end of this or the next word"},
    {UI_KEY_CTRL_W, "Alt-Backspace", "Delete the word before the cursor, back to a space"},
    {UI_KEY_KILL_WORD, NULL, "Delete to the end of the word"},
    {UI_KEY_CTRL_U, NULL, "Delete from the start of the line to the cursor"},
    {UI_KEY_CTRL_K, NULL, "Delete from the cursor to the end of the line"},
};
const size_t ui_edit_nkeydocs = sizeof ui_edit_keydocs / sizeof ui_edit_keydocs[0];

static enum ui_edit_outcome result(enum editbuf_result r)
{
	return r == EDITBUF_ENOMEM     ? UI_EDIT_ENOMEM
	       : r == EDITBUF_TOO_LONG ? UI_EDIT_TOO_LONG
				       : UI_EDIT_DONE;
}

int ui_edit_full(const struct editbuf *eb, const char *what, struct maca_err *err)
{
	return err_set(err, MACA_EUSER, "%s holds at most %zu characters", what,
		       editbuf_max_chars(eb));
}

int ui_edit_paste(struct editbuf *eb, const wchar_t *s, size_t n, const char *what,
		  struct maca_err *err)
{
	size_t room = editbuf_room(eb);
	switch (editbuf_insert_wide(eb, s, n)) {
	case EDITBUF_ENOMEM:
		return err_set(err, MACA_ENOMEM, "out of memory: nothing was pasted");
	case EDITBUF_TOO_LONG:
		if (room == 0)
			return err_set(err, MACA_EUSER,
				       "Nothing was pasted: %s is at its limit of %zu characters",
				       what, editbuf_max_chars(eb));
		return err_set(err, MACA_EUSER,
			       "Nothing was pasted: %zu characters, and %s has room for %zu more "
			       "(its limit is %zu characters)",
			       n, what, room, editbuf_max_chars(eb));
	default:
		return MACA_OK;
	}
}

enum ui_edit_outcome ui_edit_key(struct editbuf *eb, int key, int width, int page, bool multiline)
{
	/* A one-line field is one row, drawn scrolled sideways however long: Home and End go to
	 * its ends and Up and Down leave it, never to rows of a wrapping the screen does not
	 * show. */
	if (!multiline)
		width = INT_MAX / 2;
	switch (key) {
	case UI_KEY_ENTER:
		return multiline ? result(editbuf_newline(eb)) : UI_EDIT_ENTER;
	case UI_KEY_BACKSPACE:
		return result(editbuf_backspace(eb));
	case UI_KEY_DELETE:
		return result(editbuf_delete(eb));
	case UI_KEY_UP:
		return editbuf_up(eb, width) ? UI_EDIT_DONE : UI_EDIT_AT_TOP;
	case UI_KEY_DOWN:
		return editbuf_down(eb, width) ? UI_EDIT_DONE : UI_EDIT_AT_BOTTOM;
	case UI_KEY_PAGE_UP:
		for (int i = 0; i < page && editbuf_up(eb, width); i++)
			;
		return UI_EDIT_DONE;
	case UI_KEY_PAGE_DOWN:
		for (int i = 0; i < page && editbuf_down(eb, width); i++)
			;
		return UI_EDIT_DONE;
	case UI_KEY_LEFT:
		editbuf_left(eb);
		return UI_EDIT_DONE;
	case UI_KEY_RIGHT:
		editbuf_right(eb);
		return UI_EDIT_DONE;
	case UI_KEY_HOME:
		editbuf_home(eb, width);
		return UI_EDIT_DONE;
	case UI_KEY_END:
		editbuf_end(eb, width);
		return UI_EDIT_DONE;
	/* readline's keys, the same in every field. */
	case UI_KEY_CTRL_A:
		editbuf_line_start(eb);
		return UI_EDIT_DONE;
	case UI_KEY_CTRL_E:
		editbuf_line_end(eb);
		return UI_EDIT_DONE;
	case UI_KEY_WORD_LEFT:
		editbuf_word_left(eb);
		return UI_EDIT_DONE;
	case UI_KEY_WORD_RIGHT:
		editbuf_word_right(eb);
		return UI_EDIT_DONE;
	case UI_KEY_CTRL_W:
		return result(editbuf_kill_word_back(eb));
	case UI_KEY_KILL_WORD:
		return result(editbuf_kill_word_forward(eb));
	case UI_KEY_CTRL_U:
		return result(editbuf_kill_line_back(eb));
	case UI_KEY_CTRL_K:
		return result(editbuf_kill_line_forward(eb));
	default:
		if (key >= 0x20 && key < 0x110000)
			return result(editbuf_insert_char(eb, (wchar_t)key));
		return UI_EDIT_IGNORED;
	}
}
