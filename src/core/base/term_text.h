/* Text from a user or a file, made safe to show on a terminal. Whatever maca prints or draws
 * that it did not write itself (titles, references, answers, file names, arguments echoed in
 * messages) goes through here, so that nothing in it can move the cursor, set the window
 * title, reorder what is shown or hide characters. Files maca writes are not terminal output
 * and never pass through here. */
#ifndef MACA_TERM_TEXT_H
#define MACA_TERM_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

enum term_text_mode {
	TERM_TEXT_LINE,	 /* one line: tabs and line breaks become spaces */
	TERM_TEXT_BLOCK, /* several lines: newlines and tabs are kept */
};

/* What a terminal is shown for code point c: c itself; a space for a tab or line break in
 * TERM_TEXT_LINE; '?' for a control character (C0, DEL, C1), a format character (bidi
 * embeddings, overrides and isolates, zero-width spaces and joiners, the byte order mark), a
 * line or paragraph separator, a surrogate, or anything past U+10FFFF. */
uint32_t term_text_char(uint32_t c, enum term_text_mode mode);

/* Appends s[0..len) to b as a terminal may show it: each character through term_text_char,
 * each byte that is not part of valid UTF-8 as '?'. */
void term_text_add(struct sbuf *b, const char *s, size_t len, enum term_text_mode mode);

#endif
