/* The Briefing parts screen's state: the briefing's settings and its parts in one layout, each
 * shown or left out, moved, given a heading and a text of the chair's own, with the briefing
 * previewed as it will be written and what maca suggests for the part selected. No curses.
 *
 * Every change is written to the store at once and the briefing read again; the selection
 * stays on the row it was on (a part moved takes it along). A text is edited in place and
 * saved when the editor is left, if nobody changed it meanwhile. */
#ifndef MACA_UI_PARTS_H
#define MACA_UI_PARTS_H

#include <stdbool.h>
#include <stdint.h>

#include "briefing.h"
#include "editbuf.h"
#include "store.h"
#include "ui_doc.h"
#include "ui_export.h"
#include "ui_keys.h"

/* The rows: the settings first, then the parts in the layout's order. */
#define UI_PARTS_ROWS (BRIEFING_NSETTINGS + BRIEFING_NPARTS)

enum ui_parts_edit {
	UI_PARTS_EDIT_NONE,
	UI_PARTS_EDIT_TEXT,    /* the selected part's text */
	UI_PARTS_EDIT_HEADING, /* the selected part's heading */
	UI_PARTS_EDIT_SETTING, /* the selected setting */
};

struct ui_parts {
	int64_t audit_id;
	bool seven_minute; /* the layout shown */
	struct briefing_parts parts;
	char *settings[BRIEFING_NSETTINGS]; /* as briefing_setting_get gives them */
	size_t selected;		    /* a row: settings, then parts */
	size_t top;			    /* the list's scroll */
	char *suggestion;		    /* maca's for the selected part; "" none */
	/* What the selected setting picks from, one per line by number: the learning points
	 * (key learning), the template's resources; NULL for the other rows. */
	char *choices;
	/* The briefing as it will be written, laid out for the screen (ui_doc.h), with where each
	 * part starts in the Markdown and in the laid-out lines (SIZE_MAX: not written), and its
	 * words. */
	char *text;
	size_t spans[BRIEFING_NPARTS][2];
	struct ui_doc doc;
	int preview_width; /* what it is laid out for: the terminal's last word */
	bool ascii;
	size_t part_line[BRIEFING_NPARTS];
	size_t part_words[BRIEFING_NPARTS];
	size_t words; /* the whole briefing's */
	size_t preview_top;
	bool preview_full; /* the preview in place of the list (the v key) */
	/* The editor: what it edits, the text as it was read (to find a change made meanwhile)
	 * and its scroll and width. */
	enum ui_parts_edit editing;
	struct editbuf *edit;
	char *edit_expected;
	size_t edit_top;
	int text_width;
	struct ui_export_config cfg; /* what the briefing lists from it; borrowed */
};

/* Reads the audit's briefing in the layout given. On failure up is left empty. */
int ui_parts_open(struct ui_parts *up, struct store *st, int64_t audit_id, bool seven_minute,
		  const struct ui_export_config *cfg, struct maca_err *err);
/* Lays the preview out for width columns (the terminal's, before drawing), the preview at the
 * part selected. */
int ui_parts_layout(struct ui_parts *up, int width, bool ascii, struct maca_err *err);
/* Reads it again (another maca changed it), keeping the selection and what is being typed. */
int ui_parts_reload(struct ui_parts *up, struct store *st, struct maca_err *err);
void ui_parts_free(struct ui_parts *up);

/* Whether the selected row is a part (else a setting), and which. */
bool ui_parts_on_part(const struct ui_parts *up, enum briefing_part *part);
/* The selected part's state, or NULL on a setting. */
const struct briefing_part_state *ui_parts_selected(const struct ui_parts *up);
/* Selects a part's row (the preview follows). */
void ui_parts_select(struct ui_parts *up, enum briefing_part part);
/* Up, down, page up and down, first, last; the preview follows the part selected. With the
 * preview in full, they scroll it instead. */
void ui_parts_move_selection(struct ui_parts *up, struct store *st, enum ui_action action);

/* Shows or leaves out the selected part. */
int ui_parts_toggle(struct ui_parts *up, struct store *st, struct maca_err *err);
/* Moves the selected part one place up (-1) or down (+1). */
int ui_parts_move(struct ui_parts *up, struct store *st, int delta, struct maca_err *err);
/* The other layout, on the same part. */
int ui_parts_switch_layout(struct ui_parts *up, struct store *st, struct maca_err *err);
/* Takes maca's suggestion as the selected part's text. MACA_EUSER when there is none;
 * MACA_EEXIST (nothing changed) when the part has text of its own and not replace. */
int ui_parts_take(struct ui_parts *up, struct store *st, bool replace, struct maca_err *err);

/* Opens the editor on the selected row: a setting, the part's text (UI_PARTS_EDIT_TEXT) or its
 * heading (UI_PARTS_EDIT_HEADING). */
int ui_parts_edit_start(struct ui_parts *up, enum ui_parts_edit what, struct maca_err *err);
/* A key for the editor; Esc and Tab (and Enter on one line) save and close it. A text changed
 * meanwhile by another maca is not overwritten: MACA_ECONFLICT, the editor still open with
 * what was typed, and the next save keeps it. */
int ui_parts_edit_key(struct ui_parts *up, struct store *st, int key, struct maca_err *err);
/* Text pasted into the editor. */
int ui_parts_edit_text(struct ui_parts *up, const wchar_t *s, size_t n, struct maca_err *err);
/* Saves what the editor holds, if it changed (before leaving or quitting); the editor stays
 * open unless close. */
int ui_parts_save(struct ui_parts *up, struct store *st, bool close, struct maca_err *err);

#endif
