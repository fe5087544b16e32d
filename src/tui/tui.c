#include "tui.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "tui_keys.h"
#include "ui.h"

#define MIN_COLS 80
#define MIN_ROWS 24
/* How often an idle interface asks whether another maca changed the database. */
#define POLL_MS 1000

/* Every screen's view, from the list in ui_shell.h. */
static const struct tui_view *const views[UI_SCREEN_COUNT] = {
#define TUI_VIEW_ENTRY(id, name) [UI_SCREEN_##id] = &tui_##name##_view,
    UI_SCREENS(TUI_VIEW_ENTRY)
#undef TUI_VIEW_ENTRY
};

/* Set by SIGTERM and SIGHUP; the loop notices, saves what is being typed (as leaving would),
 * restores the terminal and returns. */
static volatile sig_atomic_t stop_signal;
/* Set by SIGINT from another process (kill -INT): the loop hands it to the interface as the key
 * Ctrl-C, which quits as q does, asking first where quitting would drop a form. Ctrl-C typed
 * comes as that key itself, in order with the keys before it (tui_keys_start). */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		interrupted = 1;
	else
		stop_signal = sig;
}

static void catch_signals(struct sigaction *saved)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal interrupts the wait for a key. */
	const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &saved[i]);
}

static void restore_signals(const struct sigaction *saved)
{
	const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &saved[i], NULL);
}

static int translate(int r, wint_t ch)
{
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			return UI_KEY_UP;
		case KEY_DOWN:
			return UI_KEY_DOWN;
		case KEY_LEFT:
			return UI_KEY_LEFT;
		case KEY_RIGHT:
			return UI_KEY_RIGHT;
		case KEY_HOME:
			return UI_KEY_HOME;
		case KEY_END:
			return UI_KEY_END;
		case KEY_PPAGE:
			return UI_KEY_PAGE_UP;
		case KEY_NPAGE:
			return UI_KEY_PAGE_DOWN;
		case KEY_ENTER:
			return UI_KEY_ENTER;
		case KEY_BACKSPACE:
			return UI_KEY_BACKSPACE;
		case KEY_DC:
			return UI_KEY_DELETE;
		case KEY_BTAB:
			return UI_KEY_BACKTAB;
		case KEY_F(1):
			return UI_KEY_F1;
		case KEY_F(2):
			return UI_KEY_F2;
		default:
			return tui_key_extended((int)ch);
		}
	}
	switch (ch) {
	case '\r':
	case '\n':
		return UI_KEY_ENTER;
	case 27:
		return UI_KEY_ESC;
	case 127:
	case 8:
		return UI_KEY_BACKSPACE;
	case '\t':
		return UI_KEY_TAB;
	default:
		return (int)ch;
	}
}

static bool is_text(int key)
{
	return key == UI_KEY_ENTER || (key >= 0x20 && key < 0x110000 && key != 0x7F);
}

/* Text arriving faster than typing (a paste) is read in one burst and inserted at once:
 * one key at a time costs a copy of the whole text each. The key that ends the burst is put
 * back for the main loop, which reads it as it reads every key: an Esc there may begin
 * Alt-b (read as a lone Esc here, it closed the editor when maca fell behind the typing),
 * and a resize, click or paste is handled there too. Returns UI_KEY_NONE, or `first` when
 * there is no memory for the burst. */
static int read_burst(struct ui *ui, int first)
{
	struct tui_typed t;
	if (!tui_typed_init(&t, 64))
		return first;
	int key = first;
	timeout(0);
	for (;;) {
		if (!tui_typed_add(&t, key == UI_KEY_ENTER ? L'\n' : (wchar_t)key)) {
			/* Not typed yet: handled on its own after the rest. */
			unget_wch(key == UI_KEY_ENTER ? L'\r' : (wchar_t)key);
			break;
		}
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR)
			break;
		key = translate(r, ch);
		if (!is_text(key)) {
			if (r == KEY_CODE_YES)
				ungetch((int)ch);
			else
				unget_wch((wchar_t)ch);
			break;
		}
	}
	timeout(500);
	ui_text(ui, t.s, t.n);
	free(t.s);
	return UI_KEY_NONE;
}

/* A mouse event: the wheel moves as Up and Down do, a press of the first button selects what
 * the view drew there. Not while the window is too small, nor while keys are text. */
static void mouse_event(struct ui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || COLS < MIN_COLS || LINES < MIN_ROWS)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		ui_key(ui, UI_KEY_WHEEL_UP);
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_key(ui, UI_KEY_WHEEL_DOWN);
	else if (ev.bstate & BUTTON1_PRESSED && !ui_wants_text(ui))
		ui_click(ui, ev.y, ev.x);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void draw_too_small(const struct ui *ui)
{
	erase();
	mvprintw(0, 0, "maca needs a window of at least %dx%d;", MIN_COLS, MIN_ROWS);
	mvprintw(1, 0, "this one is %dx%d. Make it larger,", COLS, LINES);
	if (ui_unsaved(ui)) {
		/* Nothing typed is dropped unseen: the question needs room to be asked. */
		mvprintw(2, 0, "then save or leave the form:");
		mvprintw(3, 0, "it holds changes not saved yet.");
	} else {
		mvprintw(2, 0, "or press q to quit.");
	}
	refresh();
}

/* A key while the window is too small: q and Ctrl-C quit as they do anywhere (saving what is
 * being typed), but never past a form with unsaved changes; every other key waits. */
static void key_too_small(struct ui *ui, int key)
{
	if ((key == 'q' || key == UI_KEY_CTRL_C) && !ui_unsaved(ui))
		ui_act(ui, UI_ACTION_QUIT);
}

/* Puts the terminal cursor where the prompt's cursor is, or where a view asked, or hides it. */
static void place_cursor(const struct ui *ui)
{
	if (ui->prompt.active) {
		int x = 1 + tui_width(ui->prompt.label) + 1, col;
		if (x > COLS - 2)
			x = COLS - 2;
		tui_prompt_first(ui, COLS - x - 1, &col);
		col += x;
		tui_want_cursor(LINES - 2, col < COLS ? col : COLS - 1);
	}
	int y, x;
	if (!tui_wanted_cursor(&y, &x)) {
		curs_set(0);
		return;
	}
	move(y, x);
	curs_set(1);
}

static const struct tui_view *view_of(const struct ui *ui)
{
	static const struct tui_view none = {0};
	enum ui_screen s = ui_screen(ui);
	return (unsigned)s < UI_SCREEN_COUNT && views[s] ? views[s] : &none;
}

/* Text the terminal marked as pasted goes in as text, whole (ui_paste); in a window too small
 * to work in it is read and dropped. */
static void paste(struct ui *ui)
{
	wchar_t *text;
	size_t n;
	if (!tui_read_paste(&text, &n)) {
		ui_set_status(ui, true, "out of memory: nothing was pasted");
		return;
	}
	if (COLS >= MIN_COLS && LINES >= MIN_ROWS) {
		const struct tui_view *view = view_of(ui);
		if (view->layout)
			view->layout(ui, LINES, COLS);
		ui_paste(ui, text, n);
	}
	free(text);
}

void tui_draw_frame(struct ui *ui)
{
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		draw_too_small(ui);
		return;
	}
	erase();
	tui_want_cursor(-1, -1);
	ui_hits_clear(ui); /* the view notes again where it draws what a click selects */
	const struct tui_view *view = view_of(ui);
	if (view->draw)
		view->draw(stdscr, ui);
	tui_messages(stdscr, ui);
	if (ui->pick.active)
		tui_draw_pick(stdscr, &ui->pick);
	place_cursor(ui);
	refresh();
}

int tui_run(struct store *st, const struct tui_options *opts, struct maca_err *err)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(
		    err, MACA_EUSER,
		    "the full-screen interface needs a terminal; `maca --help` lists the "
		    "commands that work without one");
	struct ui ui;
	if (ui_init(&ui, st, err)) {
		ui_free(&ui);
		return err->status;
	}
	ui.default_partnership = opts->partnership;
	ui.default_chair = opts->chair_agency;
	ui.publish = opts->publish;
	ui.author = opts->author;
	ui.backup = opts->backup;
	if (opts->warning)
		ui_set_status(&ui, true, "%s", opts->warning);
	struct sigaction saved[3];
	stop_signal = 0;
	interrupted = 0;
	catch_signals(saved);
	/* LANG=C and the like: the terminal is drawn in ASCII, never in characters it lacks. */
	const char *codeset = nl_langinfo(CODESET);
	tui_ascii = !codeset || strcmp(codeset, "UTF-8") != 0;
	ui.ascii = tui_ascii;
	if (!initscr()) {
		restore_signals(saved);
		ui_free(&ui);
		return err_set(err, MACA_EIO, "cannot start the terminal interface");
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	tui_keys_start();
	timeout(500); /* wake now and then to notice a signal, and changes by another maca */
	tui_colour_start(opts->colour);
	if (opts->mouse) {
		/* Clicks as soon as pressed, and the wheel; no double-click wait. */
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	bool dirty = true;
	long long polled = now_ms();
	while (!ui.quit && !stop_signal) {
		if (interrupted) {
			interrupted = 0;
			if (COLS < MIN_COLS || LINES < MIN_ROWS)
				key_too_small(&ui, UI_KEY_CTRL_C);
			else
				ui_key(&ui, UI_KEY_CTRL_C);
			dirty = true;
			continue;
		}
		if (dirty)
			tui_draw_frame(&ui);
		dirty = false;
		/* Drawn first, then the backup's steps while no key comes (ui_idle_wait). */
		timeout(ui_idle_wait(&ui));
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			/* Idle: a database file replaced under maca is said at once; when another
			 * maca changed the database, the screen shows it, drawn only then. */
			dirty = ui_idle(&ui);
			if (now_ms() - polled >= POLL_MS) {
				polled = now_ms();
				dirty = ui_poll_changes(&ui) || dirty;
			}
			continue;
		}
		dirty = true;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue; /* LINES and COLS are updated; the next draw lays out afresh */
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			mouse_event(&ui);
			continue;
		}
		if (r == KEY_CODE_YES && tui_key_is_paste((int)ch)) {
			paste(&ui);
			continue;
		}
		int key = translate(r, ch);
		if (key == UI_KEY_ESC)
			key = tui_key_after_esc();
		if (COLS < MIN_COLS || LINES < MIN_ROWS) {
			key_too_small(&ui, key);
			continue;
		}
		const struct tui_view *view = view_of(&ui);
		if (view->layout)
			view->layout(&ui, LINES, COLS);
		if (ui_wants_text(&ui) && is_text(key))
			key = read_burst(&ui, key);
		if (key != UI_KEY_NONE)
			ui_key(&ui, key);
	}
	/* SIGTERM and SIGHUP end maca like q does: what is being edited is saved first. */
	bool unsaved = ui.quit_unsaved || (stop_signal && !ui_flush(&ui));
	char *why = unsaved ? str_dup(ui.status ? ui.status : "") : NULL;
	tui_keys_end();
	endwin();
	restore_signals(saved);
	ui_free(&ui);
	if (unsaved) {
		/* Said again once the terminal is back, where it stays in view. */
		err_set(err, MACA_EIO, "the edit in progress was not saved: %s",
			why ? why : "out of memory");
		free(why);
		return MACA_EIO;
	}
	return MACA_OK;
}

/* --- The room view (maca room) -------------------------------------------------------------- */

/* What the room shows: the chair's place, read again whenever another process (the chair's
 * maca) changed the database; until there is a case, why not. */
struct room {
	struct store *st;
	int64_t audit_id;
	char *title;
	struct ui_moderate um;
	bool open;
	char *waiting; /* why nothing is shown yet, or NULL */
	char *said;    /* what the last key did not do, until the next key, or NULL */
};

/* Follows the chair: opens the audit's moderation state the first time (and after a failure),
 * then moves wherever the chair's place says. Never writes. */
static void room_follow(struct room *r)
{
	struct maca_err err = {0};
	int rc = r->open ? ui_moderate_follow(&r->um, r->st, &err)
			 : ui_moderate_open(&r->um, r->st, r->audit_id, 0, 0, &err);
	if (!rc && !r->open) {
		r->open = true;
		rc = ui_moderate_follow(&r->um, r->st, &err);
	}
	free(r->waiting);
	r->waiting = rc ? str_fmt("Waiting: %s", err_msg(&err)) : NULL;
	if (rc && r->open) {
		ui_moderate_free(&r->um);
		r->open = false;
	}
	err_clear(&err);
}

int tui_room(struct store *st, int64_t audit_id, bool colour, struct maca_err *err)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(err, MACA_EUSER,
			       "the room view needs a terminal: run it in the window the room "
			       "sees (a second terminal, a tmux pane, an ssh session)");
	struct audit_info info;
	if (store_audit_get(st, audit_id, &info, err))
		return err->status;
	struct room r = {.st = st, .audit_id = audit_id, .title = str_dup(info.title)};
	audit_info_free(&info);
	if (!r.title)
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct sigaction saved[3];
	stop_signal = 0;
	catch_signals(saved);
	if (!initscr()) {
		restore_signals(saved);
		free(r.title);
		return err_set(err, MACA_EIO, "cannot start the terminal interface");
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	tui_keys_in_band(); /* Ctrl-C quits as q does (a SIGINT was caught and ignored here) */
	curs_set(0);
	timeout(250);
	tui_colour_start(colour);
	int64_t seen = -1;
	long long polled = 0;
	bool dirty = true, quit = false;
	while (!quit && !stop_signal) {
		/* About once a second: has the chair's maca (or anyone) changed anything? */
		if (now_ms() - polled >= POLL_MS) {
			polled = now_ms();
			int64_t version = seen;
			struct maca_err ignored = {0};
			if (store_data_version(st, &version, &ignored) || version != seen ||
			    !r.open) {
				err_clear(&ignored);
				seen = version;
				room_follow(&r);
				dirty = true;
			}
		}
		if (dirty) {
			erase();
			tui_draw_room(stdscr, r.open ? &r.um : NULL, r.title, r.waiting, r.said);
			refresh();
			dirty = false;
		}
		wint_t ch;
		int got = get_wch(&ch);
		if (got == ERR)
			continue;
		dirty = true;
		free(r.said);
		r.said = NULL;
		if (got == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		int key = translate(got, ch);
		if (key == 'q' || key == 'Q' || key == 0x03)
			quit = true;
		else if (r.open && (key == UI_KEY_PAGE_DOWN || key == UI_KEY_DOWN || key == ' '))
			r.um.read_top += key == UI_KEY_DOWN ? 1 : (size_t)(LINES / 2);
		else if (r.open && (key == UI_KEY_PAGE_UP || key == UI_KEY_UP)) {
			size_t step = key == UI_KEY_UP ? 1 : (size_t)(LINES / 2);
			r.um.read_top = r.um.read_top > step ? r.um.read_top - step : 0;
		} else if (key != UI_KEY_NONE &&
			   !(key == UI_KEY_UP || key == UI_KEY_DOWN || key == UI_KEY_PAGE_UP ||
			     key == UI_KEY_PAGE_DOWN || key == ' ')) {
			/* Read-only: a key pressed in the wrong window is said to do nothing (the
			 * arrows do, once there is something to scroll; a key without a name is
			 * passed over). */
			char name[32];
			r.said =
			    str_fmt("'%s' does nothing here: this window follows the chair's maca "
				    "(arrows scroll, q quits)",
				    ui_key_name(key, name, sizeof name));
		}
	}
	endwin();
	restore_signals(saved);
	if (r.open)
		ui_moderate_free(&r.um);
	free(r.title);
	free(r.waiting);
	free(r.said);
	return MACA_OK;
}
