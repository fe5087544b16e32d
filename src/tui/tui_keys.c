#include "tui_keys.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "ui_keys.h"

/* Codes curses gives the keys it learnt from the terminal's extended capabilities or was
 * taught here, and the two it is taught for the paste markers; -1 where there are none. */
#define WORD_CODES 6
static int word_left[WORD_CODES], word_right[WORD_CODES];
static int paste_start = -1, paste_end = -1;

/* The code curses returns for an extended capability's key, or -1. */
static int code_of(const char *cap)
{
	char *seq = tigetstr(cap);
	if (!seq || seq == (char *)-1)
		return -1;
	int code = key_defined(seq);
	return code > 0 ? code : -1;
}

/* The code of a sequence, taught to curses as `code` when it does not know it. */
static int teach(const char *seq, int code)
{
	int known = key_defined(seq);
	if (known > 0)
		return known;
	return known == 0 && define_key(seq, code) == OK ? code : -1;
}

/* Ctrl-C comes in as a key (0x03), after the keys typed before it, instead of as SIGINT from
 * the terminal: on SIGINT the terminal also throws away the keys not read yet and, on a
 * pseudo-terminal, the drawing not yet passed on, so typed text was lost or the screen left
 * unlike what curses believes is on it (a field drawn "Chë" that held "Child Zoë"). NOFLSH
 * keeps both for the signals the terminal still sends (Ctrl-Z, Ctrl-backslash). A SIGINT from
 * another process is still caught (tui.c). The saved program mode is curses' own for
 * returning from Ctrl-Z; endwin restores the terminal as it was. */
void tui_keys_in_band(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_cc[VINTR] = _POSIX_VDISABLE;
	t.c_lflag |= NOFLSH;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

void tui_keys_start(void)
{
	tui_keys_in_band();
	/* The terminal's own names for Ctrl- and Alt-arrows first; then the sequences xterm,
	 * tmux and rxvt send, which a description such as screen's leaves out. Taught codes
	 * come after curses' own. */
	static const char *const caps[2][2] = {{"kLFT5", "kLFT3"}, {"kRIT5", "kRIT3"}};
	static const char *const seqs[2][WORD_CODES - 2] = {
	    {"\033[1;5D", "\033[1;3D", "\033Od", "\033[5D"},
	    {"\033[1;5C", "\033[1;3C", "\033Oc", "\033[5C"}};
	for (int side = 0; side < 2; side++) {
		int *codes = side ? word_right : word_left;
		for (int i = 0; i < WORD_CODES; i++)
			codes[i] = i < 2 ? code_of(caps[side][i])
					 : teach(seqs[side][i - 2], KEY_MAX + 101 + 10 * side + i);
	}
	paste_start = teach("\033[200~", KEY_MAX + 200);
	paste_end = teach("\033[201~", KEY_MAX + 201);
	if (paste_start > 0 && paste_end > 0) {
		fputs("\033[?2004h", stdout);
		fflush(stdout);
	}
}

void tui_keys_end(void)
{
	if (paste_start > 0 && paste_end > 0) {
		fputs("\033[?2004l", stdout);
		fflush(stdout);
	}
}

int tui_key_extended(int code)
{
	for (int i = 0; code > 0 && i < WORD_CODES; i++) {
		if (code == word_left[i])
			return UI_KEY_WORD_LEFT;
		if (code == word_right[i])
			return UI_KEY_WORD_RIGHT;
	}
	return UI_KEY_NONE;
}

bool tui_key_is_paste(int code)
{
	return code > 0 && code == paste_start;
}

int tui_key_after_esc(void)
{
	wint_t ch;
	timeout(0);
	int r = get_wch(&ch);
	timeout(500);
	if (r == ERR)
		return UI_KEY_ESC;
	if (r == OK) {
		switch (ch) {
		case 'b':
			return UI_KEY_WORD_LEFT;
		case 'f':
			return UI_KEY_WORD_RIGHT;
		case 'd':
			return UI_KEY_KILL_WORD;
		case 127:
		case 8:
			return UI_KEY_CTRL_W;
		default:
			unget_wch((wchar_t)ch);
			return UI_KEY_ESC;
		}
	}
	ungetch((int)ch);
	return UI_KEY_ESC;
}

bool tui_typed_init(struct tui_typed *t, size_t cap)
{
	t->n = 0;
	t->cap = cap;
	t->s = malloc(cap * sizeof *t->s);
	return t->s != NULL;
}

bool tui_typed_add(struct tui_typed *t, wchar_t c)
{
	if (t->n == t->cap) {
		wchar_t *grown = realloc(t->s, 2 * t->cap * sizeof *grown);
		if (!grown)
			return false;
		t->s = grown;
		t->cap *= 2;
	}
	t->s[t->n++] = c;
	return true;
}

bool tui_read_paste(wchar_t **text, size_t *n)
{
	struct tui_typed t;
	bool ok = tui_typed_init(&t, 256), cr = false;
	timeout(1000);
	for (;;) {
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR || (r == KEY_CODE_YES && (int)ch == paste_end))
			break;
		if (r == KEY_CODE_YES) {
			/* A key curses recognised inside the paste: its text is lost to curses;
			 * Enter at least is a newline. */
			if (ch != KEY_ENTER)
				continue;
			ch = '\n';
		}
		/* CR LF and a lone CR are a newline. */
		if (cr && ch == '\n') {
			cr = false;
			continue;
		}
		cr = ch == '\r';
		if (ch == '\r')
			ch = '\n';
		if (ok)
			ok = tui_typed_add(&t, (wchar_t)ch);
	}
	timeout(500);
	if (!ok) {
		free(t.s);
		*text = NULL;
		*n = 0;
		return false;
	}
	*text = t.s;
	*n = t.n;
	return true;
}
