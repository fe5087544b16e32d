/* Keys curses does not name: Ctrl- and Alt-arrows (terminfo's extended kLFT5, kRIT5, kLFT3,
 * kRIT3), Alt-letters (Esc then the letter), and bracketed paste (the terminal's markers
 * around pasted text, so that its tabs and newlines are text, never keys). */
#ifndef MACA_TUI_KEYS_H
#define MACA_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* After initscr and cbreak: Ctrl-C read as a key (0x03) in order with the rest, and nothing
 * typed or drawn thrown away by the terminal on a signal. */
void tui_keys_in_band(void);
/* After initscr and cbreak: tui_keys_in_band; learns the terminal's codes and turns bracketed
 * paste on. */
void tui_keys_start(void);
/* Before endwin: turns bracketed paste off again. */
void tui_keys_end(void);
/* The ui key for a curses key code curses has no name for, or UI_KEY_NONE. */
int tui_key_extended(int code);
/* Esc was read: the Alt-key it starts when another key follows at once (Alt-b, Alt-f,
 * Alt-d, Alt-Backspace), else Esc itself; anything else that followed is read again next. */
int tui_key_after_esc(void);
/* Whether a curses key code starts a paste. */
bool tui_key_is_paste(int code);
/* Text read from the keyboard as it comes: a paste, a burst of typing. */
struct tui_typed {
	wchar_t *s;
	size_t n, cap;
};
/* Room for cap characters to start with; false when out of memory. */
bool tui_typed_init(struct tui_typed *t, size_t cap);
/* Adds c, the room doubled when full; false when out of memory, with what was read kept. */
bool tui_typed_add(struct tui_typed *t, wchar_t c);

/* Reads pasted text up to the end marker (or a pause of a second: a terminal that lost it)
 * into *text (caller frees): newlines and tabs as they were, CR LF as a newline. False when
 * out of memory (the paste is read all the same, and dropped). */
bool tui_read_paste(wchar_t **text, size_t *n);

#endif
