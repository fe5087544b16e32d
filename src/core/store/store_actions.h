/* The action tracker's reading: actions across every audit (or one), filtered by owner
 * agency, status and due date, each with its last progress note; and the progress notes of
 * one action. Progress notes are the history rows of status changes ("action-status"), whose
 * reason holds the note and whose time is its date: no table of their own.
 *
 * "Today" is always passed in, so that what is overdue is the caller's choice (and tests are
 * deterministic). Plain C, no curses. */
#ifndef MACA_STORE_ACTIONS_H
#define MACA_STORE_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "names.h"
#include "store.h"

/* Status sets for action_filter.statuses: a bit per status. */
#define ACTION_STATUS_BIT(s) (1u << (unsigned)(s))
#define ACTION_STATUS_OPEN_BIT(id, name, label, open) | ((open) ? ACTION_STATUS_BIT(id) : 0u)
#define ACTION_STATUSES_OPEN (0u ACTION_STATUSES(ACTION_STATUS_OPEN_BIT))

enum action_due {
	ACTION_DUE_ANY,
	ACTION_DUE_OVERDUE, /* due before today and still open */
	ACTION_DUE_WITHIN,  /* still open and due on or before today + within_days (overdue too) */
};

struct action_filter {
	const char *today;  /* YYYY-MM-DD: required */
	int64_t audit_id;   /* 0: every audit */
	const char *agency; /* NULL or "": any owner; else an agency code or name (any case) */
	unsigned statuses;  /* ACTION_STATUS_BIT(...) or-ed; 0: any status */
	enum action_due due;
	int within_days;	/* for ACTION_DUE_WITHIN, 0 or more */
	const char *due_before; /* NULL: no limit; else YYYY-MM-DD, due strictly before it */
};

struct action_item {
	int64_t id;
	int64_t audit_id;
	char *audit_title;
	enum audit_status audit_status;
	int point;    /* the learning point's number */
	int position; /* the action's place within its learning point: "point.position" */
	char *what;
	char *owner_agency; /* code, "" when none */
	char *owner_name;   /* the audit's name for the code; the code when it has none */
	char *due_date;	    /* YYYY-MM-DD or "" */
	char *measure;
	enum action_status status;
	bool overdue;
	char *note;    /* the last progress note, "" when none */
	char *note_at; /* when it was written (ISO 8601 UTC), "" when none */
};

/* Checks the filter (dates, days) with a message naming the bad value, then lists matching
 * actions: by due date (those without one last), then audit, learning point and position. */
int store_actions_list(struct store *st, const struct action_filter *f, struct action_item **out,
		       size_t *n, struct maca_err *err);
void action_items_free(struct action_item *items, size_t n);

/* One status change or progress note of an action. */
struct action_note {
	char *at; /* ISO 8601 UTC */
	char *author;
	char *source;
	char *old_status; /* status names as stored; "" when the row had none */
	char *new_status;
	char *note; /* "" when the change came without one */
};

/* Every status change and progress note of an action, oldest first. */
int store_action_notes(struct store *st, int64_t action_id, struct action_note **out, size_t *n,
		       struct maca_err *err);
void action_notes_free(struct action_note *notes, size_t n);

/* The owner agencies that actions in scope name (audit_id 0: every audit): id = code, label =
 * name, sorted by name, each code once. */
int store_action_owners(struct store *st, int64_t audit_id, struct named_list *out,
			struct maca_err *err);

/* Whether an action with this due date and status is overdue on `today`. */
bool action_is_overdue(const char *due_date, enum action_status status, const char *today);

/* Today's local date as YYYY-MM-DD into buf (at least 11 bytes); "" if the clock fails. */
void action_today(char *buf, size_t size);

#endif
