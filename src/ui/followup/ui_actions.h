/* The action tracker screen's state: actions across every audit (or one audit), filtered by
 * owner agency, status and due date, with the progress notes of the selected action. No
 * curses here.
 *
 * A status change is two steps: begin (the chosen status, for the selected action), then apply
 * with the progress note typed in a prompt; the note is dated by the history row that keeps it.
 * Closed audits take status changes too: they are follow-up. Every operation that fails comes
 * back as a status with err set, the list unchanged. */
#ifndef MACA_UI_ACTIONS_H
#define MACA_UI_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "store_actions.h"
#include "ui_change.h"
#include "ui_keys.h"

enum ui_actions_status_filter {
	UI_ACTIONS_ANY_STATUS,
	UI_ACTIONS_OPEN,       /* the open statuses: not started or in progress */
	UI_ACTIONS_ONE_STATUS, /* then one filter per status, in store.h's order */
	UI_ACTIONS_STATUS_FILTERS = UI_ACTIONS_ONE_STATUS + ACTION_STATUS_COUNT
};

enum ui_actions_due_filter {
	UI_ACTIONS_ANY_DUE,
	UI_ACTIONS_OVERDUE,
	UI_ACTIONS_DUE_7,  /* open and due within 7 days (overdue included) */
	UI_ACTIONS_DUE_30, /* within 30 days */
	UI_ACTIONS_DUE_FILTERS
};

struct ui_actions {
	int64_t audit_id;	  /* 0: every audit */
	char *audit_title;	  /* the one audit's, NULL across audits */
	char today[16];		  /* YYYY-MM-DD: what is overdue is decided against this */
	struct named_list owners; /* owner agencies in scope: code, name */
	size_t owner;		  /* 0: any owner; i: owners.items[i - 1] */
	enum ui_actions_status_filter status;
	enum ui_actions_due_filter due;
	struct action_item *items;
	size_t nitems;
	size_t selected;	   /* 0 when the list is empty */
	size_t top;		   /* the list's scroll: the first action shown */
	struct action_note *notes; /* the selected action's, oldest first */
	size_t nnotes;
	/* The change asked for, waiting for its note, and the status it changes from (what the
	 * save expects to find). */
	int64_t pending_id;
	enum action_status pending_status;
	enum action_status pending_from;
	/* A save found the status changed by someone else (MACA_ECONFLICT): the status now, who
	 * changed it, and the note typed. Nothing was written; the screen asks what to do. */
	bool conflict;
	bool undoing; /* the conflict was an undo's */
	enum action_status now_status;
	struct store_change by;
	char *note;
	/* Where the changes made here are remembered, for u (the screen's). */
	struct ui_undo *undo;
};

/* Opens the tracker on one audit (audit_id) or every audit (0), with no filters. today is
 * YYYY-MM-DD (NULL: the system's date). On failure ua is unchanged. */
int ui_actions_open(struct ui_actions *ua, struct store *st, int64_t audit_id, const char *today,
		    struct maca_err *err);
/* Reads the list again with the same filters, keeping the selected action when it is still
 * listed, else the same place. */
int ui_actions_reload(struct ui_actions *ua, struct store *st, struct maca_err *err);
void ui_actions_free(struct ui_actions *ua);

/* Up, down, page up, page down (10 rows), first and last; reads the new selection's notes. */
int ui_actions_move(struct ui_actions *ua, struct store *st, enum ui_action action,
		    struct maca_err *err);
/* UI_ACTION_FILTER_OWNER: any owner, then each owner in scope in turn; UI_ACTION_FILTER_STATUS:
 * any, open, then each status; UI_ACTION_FILTER_DUE: any, overdue, due within 7 days, within
 * 30 days. Then reloads. */
int ui_actions_next_filter(struct ui_actions *ua, struct store *st, enum ui_action which,
			   struct maca_err *err);
/* The filter as the store takes it (pointers into ua). */
struct action_filter ui_actions_filter(const struct ui_actions *ua);
/* The filters in words for the screen, e.g. "Owner: Police   Status: open   Due: overdue";
 * caller frees; NULL when out of memory. */
char *ui_actions_filter_text(const struct ui_actions *ua);

const struct action_item *ui_actions_selected(const struct ui_actions *ua);
/* Selects the listed action with this id (MACA_ENOTFOUND when it is not listed) and reads its
 * notes. */
int ui_actions_select(struct ui_actions *ua, struct store *st, int64_t id, struct maca_err *err);

/* Starts a status change of the selected action to `status` (its own status for a progress
 * note alone). Fails (MACA_EUSER) when nothing is selected. */
int ui_actions_begin(struct ui_actions *ua, enum action_status status, struct maca_err *err);
/* The question the note prompt asks, e.g. "Progress note for action 2.1 (In progress -> Done),
 * dated today. Esc cancels."; caller frees. */
char *ui_actions_note_question(const struct ui_actions *ua);
/* Records the pending change with its note (required), if the status is still the one it
 * changes from (else MACA_ECONFLICT, ua->conflict set, the change kept pending); reloads and
 * keeps the action selected when the filters still list it. */
int ui_actions_apply(struct ui_actions *ua, struct store *st, const char *note,
		     struct maca_err *err);
/* After a conflict: UI_ACTION_KEEP_MINE records the change over the other one;
 * UI_ACTION_TAKE_THEIRS drops it and shows what is saved; UI_ACTION_KEEP_EDITING keeps it
 * pending (the screen asks for the note again, as typed). */
int ui_actions_resolve(struct ui_actions *ua, struct store *st, enum ui_action choice,
		       struct maca_err *err);
/* u: undoes the last status change made here (the history records it with the note "undone
 * with u"); MACA_ECONFLICT, ua->conflict set, when the status changed since. */
int ui_actions_undo(struct ui_actions *ua, struct store *st, bool force, struct maca_err *err);

#endif
