/* Moderation, the audit day itself: one case's questions in turn, each read whole (its text,
 * every agency's answer in words and all of its evidence, the agencies' notes on the
 * section), then the group's agreed answer for it, whatever its kind: a grade, yes or no, or
 * an agreed summary. The section's grid is one key away. The room view (maca room) reads the
 * same state, following the chair's place in the database, and never writes. No curses. */
#ifndef MACA_UI_MODERATE_H
#define MACA_UI_MODERATE_H

#include <stdbool.h>
#include <stdint.h>

#include "editbuf.h"
#include "store.h"
#include "ui_change.h"
#include "ui_keys.h"

/* A save (or an undo) found the agreed answer changed by someone else: nothing was written, and
 * the screen asks the user what to do (ui_moderate_resolve). */
struct ui_moderate_conflict {
	bool open;
	bool undoing; /* it was an undo (u), not a save */
	bool grade;   /* the agreed answer's save (else the rationale's) */
	char *now[2]; /* the agreed answer and rationale now (NULL: not compared) */
	char *mine;   /* the answer the save would write */
	char *reason; /* and the reason given with it */
	struct store_change by;
};

enum ui_moderate_view {
	UI_MODERATE_QUESTION, /* the question in focus, read whole */
	UI_MODERATE_GRID,     /* the section's questions against the agencies */
	UI_MODERATE_EVIDENCE, /* one agency's answer and evidence, full screen */
};

struct ui_moderate {
	int64_t audit_id;
	enum audit_status status;
	struct template *tpl;
	struct named_list agencies; /* taking part: code, name */
	struct case_info *cases;
	size_t ncases;
	size_t case_idx;
	size_t section;
	size_t question; /* within the section */
	/* Of the current case: every agency's answers to the template's questions
	 * [answers_first, answers_first + answers_count), the ones the view shows (the current
	 * question's, or in the grid its section's), read as they are first shown. */
	struct answer_row *answers;
	size_t nanswers;
	size_t answers_first, answers_count;
	/* The agreed answers of the current case's section agreed_section (SIZE_MAX: none read),
	 * a row for each question, read as the section is first shown. */
	struct agreed_row *agreed;
	size_t nagreed;
	size_t agreed_section;
	struct note_row *notes; /* the agencies' section notes for the current case */
	size_t nnotes;
	enum ui_moderate_view view;
	size_t agency;	   /* the agency in focus (index into agencies); SIZE_MAX: none */
	bool to_agency;	   /* the reading view is to scroll to the agency in focus */
	bool guidance;	   /* the question's guidance is shown */
	bool show_summary; /* the case summary is shown, here and in the room */
	/* The rationale of the current question, or a text question's agreed summary. */
	struct editbuf *text;
	char *text_base;      /* the text as read: what its save expects to find */
	struct ui_undo *undo; /* where the changes made here are remembered (the screen's) */
	struct ui_moderate_conflict conflict;
	bool editing;	     /* keys go to the editor */
	char *pending;	     /* an agreed answer waiting for a reason (moderated case), or NULL */
	size_t text_top;     /* the editor's scroll: its first row shown */
	size_t read_top;     /* the reading view's first row shown */
	size_t evidence_top; /* the full-screen evidence's first row shown */
	int text_width;	     /* columns the view gives the editor (for Up and Down) */
	int page_rows; /* rows of text the reading view shows at least (PgUp, PgDn move by them) */
};

/* Opens the audit's moderation at case case_idx and section `section` (the overview's
 * selection); at the question the chair was on there when it is the place remembered. */
int ui_moderate_open(struct ui_moderate *um, struct store *st, int64_t audit_id, size_t case_idx,
		     size_t section, struct maca_err *err);
void ui_moderate_free(struct ui_moderate *um);
/* Reads the current case's notes and agreed answers, the answers the view shows and the
 * current text; a new case is read with no agency in focus (ui_moderate_keys.c, on moving to
 * another case). */
int ui_moderate_load_case(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* A new question is read from its top, with no agency in focus, and its answers (when not
 * read yet) and text loaded. */
int ui_moderate_question_changed(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* Shows another view, reading the answers it shows first (the grid, its section's); on
 * failure the view stays as it was. */
int ui_moderate_show(struct ui_moderate *um, struct store *st, enum ui_moderate_view view,
		     struct maca_err *err);
/* Reads the audit's status, its cases and the current case's answers, notes and agreed
 * answers again (another maca may have changed them), staying on the same case (by id),
 * section and question. Text being typed stays as typed. */
int ui_moderate_reload(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* The room view: moves to where the chair is (store_chair_place_get), reading the case when
 * it changed, and takes the chair's choice about the summary. Writes nothing. */
int ui_moderate_follow(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* Writes the current place (and whether the summary is shown) as the chair's: one small
 * write, done on each move so that the room view follows. */
int ui_moderate_remember(const struct ui_moderate *um, struct store *st, struct maca_err *err);

/* The template's question index of the current question, and the question. */
size_t ui_moderate_qindex(const struct ui_moderate *um);
const struct question *ui_moderate_current(const struct ui_moderate *um);
/* An agency's answer to a question of the current case, or NULL. */
const struct answer_row *ui_moderate_answer(const struct ui_moderate *um, const char *agency,
					    const char *question_id);
/* The agreed row of a question of the current case, or NULL; agreed when its value is set. */
const struct agreed_row *ui_moderate_agreed(const struct ui_moderate *um, const char *question_id);
bool ui_moderate_is_agreed(const struct ui_moderate *um, const char *question_id);
/* Whether an answer was saved after its case was marked moderated. */
bool ui_moderate_changed_since(const struct ui_moderate *um, const struct answer_row *a);
/* How many questions of a section of the current case are agreed, of *total. */
size_t ui_moderate_section_agreed(const struct ui_moderate *um, size_t section, size_t *total);

/* Moves between questions (Up and Down cross sections), sections, cases, agencies in focus
 * and views, and scrolls; saves changed text first. Writes nothing else. */
int ui_moderate_move(struct ui_moderate *um, struct store *st, enum ui_action action,
		     struct maca_err *err);

/* --- Agreeing (ui_moderate_save.c; the keys, ui_moderate_keys.c) ------------------------- */

/* Sets the agreed answer of the current question (a grade id, a yes-no value, or a text
 * question's summary; "" clears it), if it is still what the screen read (else
 * MACA_ECONFLICT with conflict filled). On a case marked moderated a change needs a reason:
 * pending is then set, and the caller asks for one and calls ui_moderate_agree_reason. */
int ui_moderate_set_value(struct ui_moderate *um, struct store *st, const char *value,
			  struct maca_err *err);
/* Takes every value key (ui_value_keys.h): a grade's key on a graded question, y n p k on a
 * yes-no one, agrees that answer (as ui_moderate_set_value); any other says what does. False
 * for any other key. */
bool ui_moderate_key(struct ui_moderate *um, struct store *st, int key, int *rc,
		     struct maca_err *err);
/* The value keys of the current question, as bindings; none while text is typed, and none on
 * a text question (its summary is typed). */
size_t ui_moderate_value_keys(const struct ui_moderate *um, struct ui_binding *out);
/* No reason was given: the pending answer is dropped (a summary being typed stays as typed,
 * and asks again when it is next saved). */
void ui_moderate_drop_pending(struct ui_moderate *um);
/* Saves the pending answer (a value, or the summary typed) with the reason given. */
int ui_moderate_agree_reason(struct ui_moderate *um, struct store *st, const char *reason,
			     struct maca_err *err);
/* Starts editing the rationale, or a text question's agreed summary (the reading view, which
 * the editor takes rows from, scrolls to the agency in focus). */
void ui_moderate_edit(struct ui_moderate *um);
/* Keys while the text is edited; Esc or Tab saves and leaves it. */
int ui_moderate_edit_key(struct ui_moderate *um, struct store *st, int key, int width,
			 struct maca_err *err);
/* Text typed in a burst while editing. */
int ui_moderate_edit_text(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err);
/* Pasted text into the text being edited (ui_edit_paste), or refused when none is. */
int ui_moderate_paste(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err);
/* Saves the text if it changed (also before any move, leaving and quitting), if the record
 * still holds what the screen read (else MACA_ECONFLICT with conflict filled). A changed
 * summary of a text question on a case marked moderated needs a reason: MACA_ELOCKED, with
 * pending set, so that the caller asks for one. */
int ui_moderate_save(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* Empties the text of the current question (rationale or summary) and saves it at once. */
int ui_moderate_clear_text(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* After MACA_ECONFLICT: UI_ACTION_KEEP_MINE saves the answer or rationale over the other
 * change (an undo: undoes anyway), UI_ACTION_TAKE_THEIRS shows what is saved now (an undo:
 * forgets it), UI_ACTION_KEEP_EDITING leaves the text as typed, unsaved. */
int ui_moderate_resolve(struct ui_moderate *um, struct store *st, enum ui_action choice,
			struct maca_err *err);
/* The conflict for the Changed meanwhile screen (each malloc'd; NULL when out of memory). */
void ui_moderate_conflict_texts(const struct ui_moderate *um, char **what, char **theirs,
				char **mine);
void ui_moderate_conflict_clear(struct ui_moderate *um);
/* u: saves the text being typed, then undoes the last change made from this screen and shows
 * its case and question; MACA_ECONFLICT as for a save. */
int ui_moderate_undo(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* Reads the agreed answers of the current section again (ui_moderate.c). */
int ui_moderate_load_agreed(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* Reads the current question's rationale (or summary) into the editor (ui_moderate.c). */
int ui_moderate_load_text(struct ui_moderate *um, struct maca_err *err);
/* Marks the current case moderated, or not (remembered for undo). */
int ui_moderate_toggle_case(struct ui_moderate *um, struct store *st, struct maca_err *err);
/* What is not agreed yet in the current case, for the question asked before marking it
 * moderated: "30 not agreed (1.4, 2.2, 9.1 and 27 more)", or NULL when every question is
 * agreed (*out is then NULL too). Caller frees. */
int ui_moderate_unagreed_case(const struct ui_moderate *um, struct store *st, char **out,
			      struct maca_err *err);
/* The same for the whole audit, before closing it: "14 not agreed (Child A 3, Child D 11)",
 * or NULL when none. */
int ui_moderate_unagreed_audit(const struct ui_moderate *um, struct store *st, char **out,
			       struct maca_err *err);

/* --- What the screen shows (ui_moderate_reading.c) ------------------------------------------ */

enum ui_para_style {
	UI_PARA_QUESTION, /* the question itself */
	UI_PARA_GUIDANCE,
	UI_PARA_AGENCY,	 /* an agency's name and its answer in words */
	UI_PARA_TEXT,	 /* evidence, a text answer, a note */
	UI_PARA_QUIET,	 /* not answered, nothing written */
	UI_PARA_HEADING, /* a part of the page: the agencies' notes on the section */
};

/* One paragraph of what the reading view shows, wrapped by the view. */
struct ui_para {
	enum ui_para_style style;
	int indent;
	char *text;
	size_t agency; /* the agency it is about (index into agencies), SIZE_MAX: none */
	bool changed;  /* an answer changed after the case was marked moderated */
	bool space;    /* an empty row before it */
};

/* The current question as paragraphs: the question, its guidance when shown, each agency
 * taking part with its answer in words and everything it wrote (or only the first
 * `evidence_chars` characters of its evidence, the room's start, when not 0), then the
 * agencies' notes on the section (not in the room). only_agency: just that agency's answer
 * and notes (the full-screen evidence), SIZE_MAX for all. */
int ui_moderate_reading(const struct ui_moderate *um, size_t only_agency, size_t evidence_chars,
			struct ui_para **out, size_t *n, struct maca_err *err);
void ui_paras_free(struct ui_para *p, size_t n);
/* The case line: "Child B · 2 of 6 · MODERATED · 5 to 10 · Child protection · Coercive
 * control" (MODERATED when it is); caller frees. */
char *ui_moderate_case_line(const struct ui_moderate *um);
/* The agreed answer in words: "Agreed: G Good", "Agreed: No", "Agreed summary", or what to
 * press when nothing is agreed yet; caller frees. */
char *ui_moderate_agreed_line(const struct ui_moderate *um);
/* The rows the reading view keeps at least while the editor below it grows: its signs of
 * more above and below, and two rows of text. */
#define UI_MODERATE_READING_ROWS 4
/* The rows the editor at the bottom (the rationale, or a text question's agreed summary) gets,
 * its text laid out `width` columns wide, in a window of `rows` rows that leaves `room` rows
 * for the reading view and the editor together: while it is typed in, at least a third of the
 * window and more as its text needs them; otherwise what its text needs, up to a third; never
 * fewer than 2, nor so many that the reading keeps fewer than UI_MODERATE_READING_ROWS. */
int ui_moderate_text_rows(const struct ui_moderate *um, int width, int rows, int room);
/* An answer's short form for the grid, in at most `width` columns: a grade's key, Yes, No,
 * Part, N/K (Y N P ? when narrower), Text, or "-" when none. */
const char *ui_moderate_short(const struct ui_moderate *um, const struct question *q,
			      const char *value, int width);

#endif
