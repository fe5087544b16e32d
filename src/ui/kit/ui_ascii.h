/* The ASCII fallback: what the interface draws when the terminal's locale is not UTF-8
 * (LANG=C), where a dash, a bullet or an arrow would otherwise come out blank or as
 * garbage. Every character becomes printable ASCII: symbols by a table ("—" "-", "•" "*",
 * "…" "...", "→" "->"), letters by their decomposition without the accents ("â" "a",
 * "ﬁ" "fi"), anything else "?". No curses and no locale: the caller says when it applies. */
#ifndef MACA_UI_ASCII_H
#define MACA_UI_ASCII_H

#include <stddef.h>
#include <stdint.h>

/* Enough for any character's fallback, with its terminating NUL. */
#define UI_ASCII_CHAR_MAX 16

/* The fallback of one code point (printable ASCII stays itself; control characters are the
 * caller's business and come back as "?"): written into buf, which is returned. Combining
 * marks give "". */
const char *ui_ascii_char(uint32_t c, char buf[UI_ASCII_CHAR_MAX]);

/* The whole of a UTF-8 text in ASCII (invalid bytes "?"); newlines and tabs are kept.
 * Caller frees; NULL when out of memory. */
char *ui_ascii_text(const char *s);

#endif
