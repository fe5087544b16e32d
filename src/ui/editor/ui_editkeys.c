#include "ui_editkeys.h"

const struct ui_binding ui_edit_finish_keys[] = {
    {UI_KEY_ESC, UI_ACTION_FINISH_EDIT, "done", NULL},
    {UI_KEY_TAB, UI_ACTION_FINISH_EDIT, "done", NULL},
};
const size_t ui_edit_finish_nkeys = sizeof ui_edit_finish_keys / sizeof ui_edit_finish_keys[0];

static enum ui_edit_outcome result(enum editbuf_result r)
{
	return r == EDITBUF_ENOMEM ? UI_EDIT_ENOMEM : UI_EDIT_DONE;
}

enum ui_edit_outcome ui_edit_key(struct editbuf *eb, int key, int width, int page, bool multiline)
{
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
	default:
		if (key >= 0x20 && key < 0x110000)
			return result(editbuf_insert_char(eb, (wchar_t)key));
		return UI_EDIT_IGNORED;
	}
}
