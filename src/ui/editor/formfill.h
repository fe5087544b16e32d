/* The model of filling in one form (forms/KIND.ini): no curses here.
 *
 * The curses layer draws every form the same way from this state: one editor per text-like
 * field, and for choice fields the list of choices with a highlight and the selected set.
 * Keys go to the editbuf of the current field (formfill_editbuf) or to the choice functions
 * below; formfill_submit() turns the state into a record and validates it with the form.
 *
 * Fields:
 * - line, date, number: a single-line editbuf; text: a multi-line one. max_chars is the
 *   field's max_length for line and text, none for date and number (the validator reports a
 *   bad date or number). An initial value longer than max_length is kept whole (the editor
 *   then only deletes) and submit reports it.
 * - choice, multi-choice: the entries are the form's choices (the fixed list, or the
 *   context's list for an @source) in their order, followed by the ids of the initial
 *   record that the list lacks ("unknown" entries, in the order first met, label = id).
 *   Unknown entries start selected and stay listed when deselected, so the user can see and
 *   undo; submitting with one selected reports "Label has no choice 'id'" on the field. A
 *   source missing from the context (NULL list) gives no known entries: the field shows no
 *   choices, and an initial value shows as unknown entries.
 *   A single choice has at most one entry selected; a multi-choice any subset, written in
 *   entry order (not the order chosen), comma-separated without spaces: "a,b". Repeated ids
 *   in an initial multi-choice value count once.
 *
 * Values (formfill_record, formfill_submit): every field of the form, in form order, "" when
 * empty. line, date and number values lose leading and trailing spaces; text values lose
 * leading blank lines and trailing spaces and newlines, keeping the first line's indent (an
 * all-blank text is ""). Values the initial record holds for ids the form has no field for
 * are not carried over.
 *
 * Navigation skips hidden fields and stops at the ends: formfill_next() on the last field
 * and formfill_prev() on the first return false and stay put (the UI may wrap with
 * formfill_set_current). The highlight moves the same way within a choice field.
 *
 * The state keeps pointers to the form, the context and the context's lists: they must
 * outlive it and not change. The editbufs belong to the state: edit them, but do not free
 * them or call editbuf_mark_saved on them.
 */
#ifndef MACA_FORMFILL_H
#define MACA_FORMFILL_H

#include <stdbool.h>
#include <stddef.h>

#include "editbuf.h"
#include "form.h"
#include "record.h"

enum formfill_result {
	FORMFILL_OK = 0,
	FORMFILL_REFUSED, /* nothing changed: not a choice field, or no entries to choose */
	FORMFILL_ENOMEM,  /* nothing changed: out of memory */
};

struct formfill;

/* A choice field's entry, for display. */
struct formfill_choice {
	const char *id;
	const char *label; /* the id itself for an unknown entry */
	bool selected;
	bool known; /* false: an id from the initial record that the choices lack */
};

/* A new state for form, with values from initial (NULL: all empty). The current field is
 * the first. NULL when out of memory. */
struct formfill *formfill_new(const struct form *form, const struct form_context *ctx,
			      const struct record *initial);
void formfill_free(struct formfill *ff);

/* Fields, by index in form order. */
size_t formfill_nfields(const struct formfill *ff);
/* The field's definition (label, type, help, required...); NULL when out of range. */
const struct form_field *formfill_field(const struct formfill *ff, size_t field);
bool formfill_required(const struct formfill *ff, size_t field);
/* The editor of a line, text, date or number field; NULL for choice fields. */
struct editbuf *formfill_editbuf(struct formfill *ff, size_t field);
/* The message of the last formfill_submit() for the field, or NULL. Messages stay until the
 * next submit (editing the field does not clear them). */
const char *formfill_problem(const struct formfill *ff, size_t field);

/* Whether a field is hidden (form_field.hidden: it does not apply here). A hidden field is
 * never current and keeps its initial value; one that a submit finds a problem with is
 * shown again. */
bool formfill_hidden(const struct formfill *ff, size_t field);
/* The current field: the first shown one at the start. */
size_t formfill_current(const struct formfill *ff);
/* The current field's help text, "" when it has none. */
const char *formfill_help(const struct formfill *ff);
/* Each returns whether the current field changed; none wraps. */
bool formfill_next(struct formfill *ff);
bool formfill_prev(struct formfill *ff);
bool formfill_set_current(struct formfill *ff, size_t field);

/* A choice field's entries (0 for other fields), entry i (false when out of range), and
 * the highlighted entry (0 when there are none). */
size_t formfill_choice_count(const struct formfill *ff, size_t field);
bool formfill_choice(const struct formfill *ff, size_t field, size_t i,
		     struct formfill_choice *out);
size_t formfill_highlight(const struct formfill *ff, size_t field);
/* The selected entries' labels joined with ", " (caller frees; "" for none or a field that
 * is not a choice field), for a field drawn closed. NULL when out of memory. */
char *formfill_choice_summary(const struct formfill *ff, size_t field);

/* On the current field, when it is a choice field. The highlight starts on the first
 * selected entry, else the first. Up and down return whether it moved. */
bool formfill_choice_up(struct formfill *ff);
bool formfill_choice_down(struct formfill *ff);
bool formfill_set_highlight(struct formfill *ff, size_t i);
/* A list's type-ahead: moves the highlight to the next entry after it (wrapping round to
 * itself last) that has a word starting with the ASCII letter or digit c, either case, and
 * on a single-choice field selects it too, as formfill_choose would (a multi-choice field's
 * ticks stay as they were). False, nothing changing, when no entry has one. */
bool formfill_choice_seek(struct formfill *ff, char c);
/* Single choice: selects the highlighted entry, deselecting any other (choosing the one
 * already selected keeps it). Multi-choice: toggles the highlighted entry. */
enum formfill_result formfill_choose(struct formfill *ff);
/* Deselects every entry. */
enum formfill_result formfill_clear(struct formfill *ff);

/* The current values as a record (see Values above). out is a zeroed record or one from an
 * earlier call: its values are replaced (freed) on success and untouched on ENOMEM. */
enum formfill_result formfill_record(const struct formfill *ff, struct record *out);
/* Validates the current values with form_validate(); keeps each field's first problem for
 * formfill_problem() and makes the first field with a problem current. Returns the number
 * of problems (0: out holds valid values), or -1 when out of memory (out untouched, the
 * problems of the last submit kept). out is replaced as by formfill_record whenever the
 * result is not -1: free it with record_free either way. */
int formfill_submit(struct formfill *ff, struct record *out);

/* Whether any value (as formfill_record gives it) differs from the initial record's, or
 * from the values at the last formfill_mark_saved(). Normalisation by the editor (tabs,
 * bad UTF-8) and trimming are no change. True when out of memory, so the UI asks. */
bool formfill_changed(const struct formfill *ff);
/* Makes the current values the ones formfill_changed() compares with, e.g. after saving. */
enum formfill_result formfill_mark_saved(struct formfill *ff);

#endif
