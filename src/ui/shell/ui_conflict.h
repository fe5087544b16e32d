/* A save that found its record changed by someone else since the screen read it (MACA_ECONFLICT
 * from the store's *_if saves): both versions, side by side on the Changed meanwhile screen,
 * and the choice the user makes. Nothing is written until they choose: keep mine (save what
 * they typed over the other change), take theirs (drop it, show what is saved now), or keep
 * editing (nothing saved yet; the next save asks again). */
#ifndef MACA_UI_CONFLICT_H
#define MACA_UI_CONFLICT_H

#include <stddef.h>

#include "store.h"
#include "ui_keys.h"

struct ui;

struct ui_conflict {
	char *what;   /* "The answer to question 3 (Child A, Police)" */
	char *by;     /* "PC Synthetic (import) at 2026-11-24 10:00:00 UTC"; "" when unknown */
	char *theirs; /* what the record holds now */
	char *mine;   /* what the save would have written */
	size_t top;   /* the view's scroll: its first line shown */
	/* UI_ACTION_KEEP_MINE, UI_ACTION_TAKE_THEIRS or UI_ACTION_KEEP_EDITING, set by whoever
	 * asked; called once the conflict screen is closed. */
	void (*resolve)(struct ui *ui, enum ui_action choice);
};

/* Fills c (freeing what it held); false when out of memory (c is then empty). */
bool ui_conflict_set(struct ui_conflict *c, const struct store_change *by, const char *what,
		     const char *theirs, const char *mine);
void ui_conflict_free(struct ui_conflict *c);
/* The screen's text, paragraph by paragraph (caller frees; NULL when out of memory). */
char *ui_conflict_text(const struct ui_conflict *c);
/* "who (how) at when", from a change the store reported; "" when it knows none. */
char *ui_change_by(const struct store_change *by);

#endif
