/* Import from the interface: a pack or return read from a path, opened with a passphrase
 * when sealed, summarised (what will be added, what changed) and imported only when
 * confirmed. No curses here: the terminal layer draws `lines`. */
#ifndef MACA_UI_IMPORT_H
#define MACA_UI_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "return_doc.h"
#include "return_import.h"
#include "store.h"
#include "ui_keys.h"

struct ui_import {
	char *path;
	struct return_input in; /* the file as opened, until it is read (sealed: its passphrase) */
	char checksum[65];	/* of the file exactly as received */
	struct return_doc *doc;
	struct return_plan plan; /* for a return */
	char *summary;		 /* what the import will do, as lines of plain text */
	char **lines;
	size_t nlines;
	size_t top;   /* first line shown */
	bool refused; /* the summary lists why nothing can be imported */
};

/* Reads path. *sealed is set when the file needs its passphrase (ui_import_unlock next);
 * otherwise the file is checked and summarised at once. */
int ui_import_read(struct ui_import *im, struct store *st, const char *path, bool *sealed,
		   struct maca_err *err);
/* Opens a sealed file with the passphrase, then checks and summarises it. */
int ui_import_unlock(struct ui_import *im, struct store *st, const char *pass, size_t passlen,
		     struct maca_err *err);
/* Shows why the file cannot be imported (msg: one problem a line) instead of a summary. */
int ui_import_refuse(struct ui_import *im, const char *msg, struct maca_err *err);
/* Plans the file again against the database as it is now (another maca may have changed
 * it) and rewrites the summary, keeping its scroll; a file that can no longer be imported
 * shows why. */
int ui_import_reload(struct ui_import *im, struct store *st, struct maca_err *err);
/* Whether importing would change answers or notes the audit already holds. */
bool ui_import_changes(const struct ui_import *im);
/* Imports what the summary said, or nothing; *done is a message for the status line
 * (malloc'd). */
int ui_import_apply(struct ui_import *im, struct store *st, char **done, struct maca_err *err);
void ui_import_scroll(struct ui_import *im, enum ui_action action, size_t page);
void ui_import_free(struct ui_import *im);

#endif
