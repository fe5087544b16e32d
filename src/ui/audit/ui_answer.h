/* Answering: one agency walks the template's questions for one case, section by section.
 *
 * The walk is a list of items: each section's questions, then its prose prompts (good
 * practice, areas for development, recommendations). The current item is edited here and
 * saved the moment the user moves off it, leaves the screen or quits; there is no save key.
 * A failed save (busy database, closed audit) keeps the user on the item with the text as
 * typed.
 *
 * What the editor holds: for a graded or yes-no question, its evidence (the value is set by
 * one key); for a text question, the answer itself (saved as the value; evidence is left as
 * it is); for a prompt, the agency's note (saved with store_note_save). */
#ifndef MACA_UI_ANSWER_H
#define MACA_UI_ANSWER_H

#include <stdbool.h>
#include <stdint.h>

#include "editbuf.h"
#include "store.h"
#include "ui_change.h"
#include "ui_keys.h"

struct ui_answer_item {
	size_t section;
	bool is_prompt;
	size_t index;	/* into tpl->questions, or tpl->prompts for a prompt */
	char *value;	/* saved value ("" when none); "" for a prompt */
	char *evidence; /* saved evidence, or the saved note of a prompt */
};

/* A save (or an undo) found the record changed by someone else: nothing was written, and the
 * screen asks the user what to do (ui_answer_resolve). */
struct ui_answer_conflict {
	bool open;
	bool undoing;	     /* it was an undo (u), not a save */
	bool value_only;     /* a value key's save, not the text's */
	enum ui_action then; /* the move that saved first, made once mine is kept */
	char *now[2];	     /* the record now: value and text (evidence, text answer or note) */
	struct store_change by;
};

struct ui_answer {
	bool open;
	struct ui_undo *undo; /* where the changes made here are remembered (the screen's) */
	struct ui_answer_conflict conflict;
	int64_t audit_id;
	struct template *tpl;
	struct case_info *cases;
	size_t ncases;
	size_t case_idx;
	char *agency;	   /* code */
	char *agency_name; /* for display */
	struct ui_answer_item *items;
	size_t nitems;
	size_t cur;
	char *value;	      /* the current question's value as set now (not yet saved) */
	struct editbuf *edit; /* evidence, text answer or note of the current item */
	bool editing;	      /* keys go to the editor */
	bool guidance;	      /* the question's guidance is shown */
	int text_width;	      /* columns the view gives the editor (for Up, Down, Home, End) */
	int page_rows;	      /* rows PgUp and PgDn move in the editor */
	size_t editor_top;    /* the editor's scroll: its first row shown */
};

/* Opens the walk for case case_idx of the audit as agency (a code taking part), at the
 * first question. */
int ui_answer_open(struct ui_answer *ua, struct store *st, int64_t audit_id, size_t case_idx,
		   const char *agency, struct maca_err *err);
void ui_answer_free(struct ui_answer *ua);

/* Reads what the agency saved for the case again (another maca may have changed it),
 * staying on the same case and item. What is being typed (the editor is focused, or holds
 * or sets what was not saved) stays as it is. */
int ui_answer_reload(struct ui_answer *ua, struct store *st, struct maca_err *err);
/* Saves the current item if it changed, if the record still holds what the screen read (else
 * MACA_ECONFLICT with ua->conflict filled). On failure nothing moves and the text stays. */
int ui_answer_save(struct ui_answer *ua, struct store *st, struct maca_err *err);
/* After MACA_ECONFLICT: UI_ACTION_KEEP_MINE saves what was typed over the other change (an
 * undo: undoes anyway), UI_ACTION_TAKE_THEIRS shows what is saved now and drops it (an undo:
 * forgets it), UI_ACTION_KEEP_EDITING leaves it unsaved. */
int ui_answer_resolve(struct ui_answer *ua, struct store *st, enum ui_action choice,
		      struct maca_err *err);
/* The conflict for the Changed meanwhile screen: what it is about, what the record holds now,
 * and what the screen would write (each malloc'd; NULL when out of memory). */
void ui_answer_conflict_texts(const struct ui_answer *ua, char **what, char **theirs, char **mine);
/* u: saves what is being typed, then undoes the last change made from this screen (see
 * ui_change.h) and shows the item it changed; MACA_ECONFLICT as for a save. */
int ui_answer_undo(struct ui_answer *ua, struct store *st, struct maca_err *err);
/* Moves (saving first): UP/DOWN previous/next item, PAGE_UP/PAGE_DOWN previous/next
 * section, FIRST/LAST, PREV_CASE/NEXT_CASE; EDIT_EVIDENCE focuses the editor; GUIDANCE
 * toggles the guidance. */
int ui_answer_act(struct ui_answer *ua, struct store *st, enum ui_action action,
		  struct maca_err *err);
/* Keys the screen takes before its keymap: every key while the editor is focused (Esc and
 * Tab leave it), and every value key (ui_value_keys.h): one of the current question's sets
 * its value at once, any other says what does. Returns whether the key was taken; *rc is the
 * outcome. */
bool ui_answer_key(struct ui_answer *ua, struct store *st, int key, int *rc, struct maca_err *err);
/* Sets the current question's value (a grade id, a yes-no value; "" clears it) and saves it
 * at once; the text being typed stays in the editor. On a text question or a prompt it clears
 * the text instead. */
int ui_answer_set_value(struct ui_answer *ua, struct store *st, const char *value,
			struct maca_err *err);
/* Empties the current item's text (evidence, text answer or note) and saves it at once. */
int ui_answer_clear_text(struct ui_answer *ua, struct store *st, struct maca_err *err);
/* The value keys of the current question, as bindings (see ui_value_keys.h); none while the
 * editor has the keys. */
size_t ui_answer_value_keys(const struct ui_answer *ua, struct ui_binding *out);
/* Find: a case reference typed whole goes to that case (the same question); else the next
 * question or prompt (dir < 0: the one before) whose words hold the query, wrapping. Saves
 * what is being typed first; *found says whether anything matched. */
int ui_answer_find(struct ui_answer *ua, struct store *st, const char *query, int dir, bool *found,
		   struct maca_err *err);
/* Text typed or pasted in a burst, into the focused editor. */
int ui_answer_insert(struct ui_answer *ua, const wchar_t *s, size_t n, struct maca_err *err);

/* The question of an item; NULL for a prompt. */
const struct question *ui_answer_question(const struct ui_answer *ua, size_t item);
/* The item's value and evidence as they stand now (the current one with its edits). */
const char *ui_answer_value(const struct ui_answer *ua, size_t item);
/* Whether a question's value needs evidence under its rule and it has none. */
bool ui_answer_needs_evidence(const struct ui_answer *ua, size_t item);
/* Questions answered (with a value) and in all, for this case and agency; and how many are
 * flagged as needing evidence. */
void ui_answer_progress(const struct ui_answer *ua, size_t *answered, size_t *total,
			size_t *flagged);
/* The current item's place in its section: *i of *n questions, or of *n prompts. */
void ui_answer_position(const struct ui_answer *ua, size_t *i, size_t *n);
/* A value for display: a grade's or yes-no value's label, the text itself, or "". */
const char *ui_answer_value_label(const struct ui_answer *ua, size_t item);

#endif
