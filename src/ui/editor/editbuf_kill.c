/* readline's line moves and kills on the editor's text: Ctrl-A, Ctrl-E, Ctrl-W, Ctrl-U,
 * Ctrl-K and Alt-d, whatever field they are typed in. */
#include "editbuf_internal.h"

static bool move_to(struct editbuf *eb, size_t pos)
{
	bool moved = pos != eb->cursor;
	editbuf_set_cursor(eb, pos);
	return moved;
}

bool editbuf_line_start(struct editbuf *eb)
{
	return move_to(eb, editbuf_para_start(eb, eb->cursor));
}

bool editbuf_line_end(struct editbuf *eb)
{
	return move_to(eb, editbuf_para_end(eb, eb->cursor));
}

static enum editbuf_result kill(struct editbuf *eb, size_t from, size_t to)
{
	if (from >= to)
		return EDITBUF_REFUSED;
	editbuf_remove_range(eb, from, to);
	return EDITBUF_OK;
}

static bool is_space(wchar_t c)
{
	return c == ' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x3000;
}

enum editbuf_result editbuf_kill_word_back(struct editbuf *eb)
{
	size_t p = eb->cursor;
	if (p > 0 && eb->text[p - 1] == '\n')
		return editbuf_backspace(eb);
	while (p > 0 && is_space(eb->text[p - 1]))
		p--;
	while (p > 0 && !is_space(eb->text[p - 1]) && eb->text[p - 1] != '\n')
		p--;
	return kill(eb, p, eb->cursor);
}

enum editbuf_result editbuf_kill_word_forward(struct editbuf *eb)
{
	size_t from = eb->cursor;
	editbuf_word_right(eb);
	size_t to = eb->cursor;
	eb->cursor = from;
	return kill(eb, from, to);
}

enum editbuf_result editbuf_kill_line_back(struct editbuf *eb)
{
	size_t from = editbuf_para_start(eb, eb->cursor);
	if (from == eb->cursor)
		return editbuf_backspace(eb);
	return kill(eb, from, eb->cursor);
}

enum editbuf_result editbuf_kill_line_forward(struct editbuf *eb)
{
	size_t to = editbuf_para_end(eb, eb->cursor);
	if (to == eb->cursor)
		return editbuf_delete(eb);
	return kill(eb, eb->cursor, to);
}
