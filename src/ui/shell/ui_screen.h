/* What a screen is to the shell (one table of hooks per screen, as tig's view operations),
 * and what the shell offers the screens: the stack, the status line, the prompt and the
 * pick. Each screen fills its table in its own file in src/ui/screens. */
#ifndef MACA_UI_SCREEN_H
#define MACA_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"
#include "ui_find.h"
#include "ui_shell.h"

/* A field being typed in that a published document carries: its editor; the audit whose own
 * words are no identifier in it (0: none); and the record and field it is (record as
 * store_record_name names it, NULL for none; record_id 0 for one not saved yet), so that
 * what was accepted there (store.h) does not warn. */
struct ui_published_field {
	const struct editbuf *eb;
	int64_t audit_id;
	const char *record;
	int64_t record_id;
	const char *field;
};

/* Every hook may be NULL: the screen has nothing to do then. */
struct ui_screen_ops {
	const char *title;	       /* in help and the manual's SCREENS section */
	const struct ui_binding *keys; /* its keys, before the global ones; help and footer */
	size_t nkeys;
	bool own_keys_only; /* text is typed here: the global keys do not apply */
	bool scrolls;	    /* a text view: the footer says how to scroll it */
	/* A question the user must answer (Changed meanwhile): Ctrl-C answers it as Esc does. */
	bool modal;
	/* Letters and digits set values here (ui_value_keys.h): the global letters (j k g G)
	 * do not apply, and the key hook takes every value key. */
	bool values;
	/* An action its keys (or a caller) chose, after quit, help, back and undo. A failure is
	 * returned, with err set, and the shell says it on the status line; what the screen says
	 * itself (a conflict's question, a result in words) it says and returns MACA_OK. */
	int (*act)(struct ui *ui, enum ui_action action, struct maca_err *err);
	/* u where the screen saves: undoes the last change it remembered (in ui->undo[the
	 * screen]), showing any error or conflict, and returns rc. The shell then says what was
	 * undone (ui_undo_said), in undo_words where the change has no words of its own (NULL:
	 * it says nothing more). */
	int (*undo)(struct ui *ui);
	const char *undo_words;
	/* A key before its bindings see it; true when the screen took it. */
	bool (*key)(struct ui *ui, int key);
	/* Back was pressed here; false keeps the user on the screen (nothing is lost). */
	bool (*leave)(struct ui *ui);
	/* Back from the screen above: what changed there shows here. An error goes on the
	 * status line (what was shown stays). */
	int (*resume)(struct ui *ui, struct maca_err *err);
	/* Another maca changed the database: read it again, keeping the place (by id where
	 * rows may come and go) and anything being typed. An error goes on the status line. */
	int (*reload)(struct ui *ui, struct maca_err *err);
	/* Saves what is being typed (before quitting); false, with the reason on the status
	 * line, when it could not be. */
	bool (*flush)(struct ui *ui);
	/* Whether the screen holds typed text that leaving would not save (a changed form); q
	 * and Ctrl-C then ask before quitting. */
	bool (*unsaved)(const struct ui *ui);
	/* Saves that text (save) or drops it; false, with the reason on the status line, when
	 * it could not be saved (the screen stays). */
	bool (*settle)(struct ui *ui, bool save);
	/* A list screen: its list now (ui_find.h). Find (/, n, N) selects the item the list
	 * finds, and a click on a row the view noted (ui_hit_add) the item drawn there, unless
	 * the screen has its own find or select hook. */
	struct ui_list (*list)(struct ui *ui);
	/* The list's selection was moved by find or a click: what goes with the item selected is
	 * read (an action's notes); an error goes on the status line. */
	int (*selected)(struct ui *ui, struct maca_err *err);
	/* Find (/, n, N) where there is no list: selects the next item whose words hold query
	 * (dir < 0: the one before), wrapping; a case reference typed whole goes to that case.
	 * False when none matches (the selection stays). */
	bool (*find)(struct ui *ui, const char *query, int dir);
	/* A click on a row the view noted selects its item where there is no list; x: the
	 * click's column (the overview's columns are sections). */
	void (*select)(struct ui *ui, size_t item, int x);
	/* Whether keys go to a text editor now; the footer then shows the editor's keys. */
	bool (*editing)(const struct ui *ui);
	/* Text typed or pasted in a burst while editing. */
	void (*text)(struct ui *ui, const wchar_t *s, size_t n);
	/* Text the terminal marked as pasted: into the text field open now, whole or not at
	 * all; refused (saying why) where none is. NULL: the screen has no text fields. */
	void (*paste)(struct ui *ui, const wchar_t *s, size_t n);
	/* Whether keys go now to a field a published document can carry, and which (out): the
	 * shell warns on the status line as it is typed (ui_typing.c). */
	bool (*published_text)(const struct ui *ui, struct ui_published_field *out);
	/* Whether an action of its keys means something now (for the footer). */
	bool (*offers)(const struct ui *ui, enum ui_action action);
	/* A lead for the footer that comes from data (a choice field's Space), or NULL. */
	const char *(*data_footer)(const struct ui *ui);
	/* Keys that come from data: the value keys of what is selected now (a template's
	 * grades, y n p k), as bindings into out (UI_VALUE_KEYS_MAX); how many. They come first
	 * in the footer and in help, and are documented as changing data. */
	size_t (*value_keys)(const struct ui *ui, struct ui_binding *out);
};

void ui_push(struct ui *ui, enum ui_screen screen);
void ui_pop(struct ui *ui);
/* Pops the screen on top and lets the one below show what changed (its resume hook). */
void ui_back(struct ui *ui);
/* Shows the error on the status line and clears it. */
void ui_status_err(struct ui *ui, struct maca_err *err);
/* After a change (rc): its error on the status line (cleared), else what it did. */
void ui_status_said(struct ui *ui, int rc, struct maca_err *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ui_status_clear(struct ui *ui);
/* A screen's undo (its u key): undo is the screen's own (it undoes the last change in u, shows
 * any error or conflict, and returns rc); once it went through, the status says what was
 * undone, "Undone: <the change's words> (the history keeps both)", with fallback for the words
 * where the change has none (fallback NULL: it says nothing more). Returns rc. */
int ui_undo_said(struct ui *ui, const struct ui_undo *u, int (*undo)(struct ui *ui),
		 const char *fallback);
/* The hooks of a screen. */
const struct ui_screen_ops *ui_ops(const struct ui *ui, enum ui_screen screen);
/* Every key in force on a screen now, each once: its value keys, its own bindings, then the
 * global ones it does not override (none where text is typed; no global letters where
 * letters set values). *out is allocated (free it); returns how many, 0 with *out NULL when
 * out of memory. */
size_t ui_screen_bindings(const struct ui *ui, enum ui_screen screen, struct ui_binding **out);

/* Asks a one-line question. expected: the exact text that confirms, or NULL for any
 * non-empty answer. confirmed gets the answer (wiped once it returns); refused runs when the
 * answer does not confirm (NULL: the status says nothing was changed). Esc cancels. */
void ui_prompt_open(struct ui *ui, void (*confirmed)(struct ui *ui, const char *answer, size_t len),
		    void (*refused)(struct ui *ui), const char *expected, const char *label,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same for a question whose answer is only a yes (typing expected, or anything when
 * NULL): yes runs once it is given. */
void ui_confirm_open(struct ui *ui, void (*yes)(struct ui *ui), void (*refused)(struct ui *ui),
		     const char *expected, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Makes Esc on the prompt just opened run cancelled, which says what was cancelled, in place
 * of the plain "Cancelled". */
void ui_prompt_on_cancel(struct ui *ui, void (*cancelled)(struct ui *ui));
/* Puts text in the prompt just opened, as an answer offered to edit (the cursor at its end). */
void ui_prompt_fill(struct ui *ui, const char *text);
/* Makes the prompt just opened a passphrase's: nothing typed is shown, and its editor wipes
 * every block it releases. */
void ui_prompt_mask(struct ui *ui);
/* Starts a pick titled as given, empty, for picked to get the id chosen; the opener adds the
 * items to ui->pick.items and calls ui_pick_show. False when out of memory. */
bool ui_pick_open(struct ui *ui, void (*picked)(struct ui *ui, const char *id), const char *fmt,
		  ...) __attribute__((format(printf, 3, 4)));
/* Shows the pick started (ok: its items were all added); when out of memory or with nothing
 * to pick (saying `empty`), closes it and says so instead. */
void ui_pick_show(struct ui *ui, bool ok, const char *empty);
void ui_pick_close(struct ui_pick *p);
/* Asks for one of the values a graded or yes-no question of tpl takes (its grades, or y n p k),
 * every one (a grade whose key is reserved too), or none to clear it; the pick starts on the
 * value `now` and picked gets the id chosen ("" for none). */
void ui_pick_values(struct ui *ui, void (*picked)(struct ui *ui, const char *id), const char *title,
		    const struct template *tpl, const struct question *q, const char *now);

#endif
