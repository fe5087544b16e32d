/* The full-screen interface: draws the ui state with ncursesw and feeds it keys. */
#ifndef MACA_TUI_H
#define MACA_TUI_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "store.h"
#include "template.h"
#include "ui_export.h"

struct tui_options {
	bool colour; /* from the config; NO_COLOR in the environment always turns it off */
	bool mouse;  /* from the config: clicks select, the wheel scrolls */
	const char *partnership; /* defaults for new audits, from the config */
	const char *chair_agency;
	/* Where exports go and what briefings are made with, from the configuration. */
	struct ui_export_config publish;
	const char *author;  /* who the history names for changes made here */
	const char *warning; /* shown on the status line at the start, or NULL */
	/* The day's backup, taken in steps while the keyboard rests (NULL: none); the caller
	 * ends it. */
	struct backup_job *backup;
};

/* Runs until the user quits or a signal asks maca to stop; restores the terminal either way.
 * Needs a terminal on standard input and output. */
int tui_run(struct store *st, const struct tui_options *opts, struct maca_err *err);

/* The room view (maca room): the audit's moderation as the chair's maca has it, in a large
 * plain layout for a projector, following the chair's place in the database within about a
 * second of each move. Reads only (st opened with store_open_readonly). q quits; the arrows
 * and PgUp, PgDn scroll what does not fit. */
int tui_room(struct store *st, int64_t audit_id, bool colour, struct maca_err *err);

struct ui;
/* Draws one full frame of the ui's current screen on stdscr and refreshes the terminal: what
 * tui_run does after every key (also used by maca-bench, on a terminal made with newterm).
 * Views keep their scroll in the ui, so the ui is not const. */
void tui_draw_frame(struct ui *ui);

#endif
