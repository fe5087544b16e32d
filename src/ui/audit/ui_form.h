/* A form being filled in on screen: any forms/KIND.ini definition, drawn generically. The
 * record is written to the store only when the form is saved and valid. */
#ifndef MACA_UI_FORM_H
#define MACA_UI_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "form.h"
#include "formfill.h"
#include "store.h"
#include "ui_keys.h"

struct ui;

enum ui_form_purpose {
	UI_FORM_NEW_AUDIT,
	UI_FORM_EDIT_AUDIT,
	UI_FORM_NEW_CASE,
	UI_FORM_EDIT_CASE,
	UI_FORM_NEW_GOOD_PRACTICE,
	UI_FORM_EDIT_GOOD_PRACTICE,
	UI_FORM_NEW_LEARNING_POINT,
	UI_FORM_EDIT_LEARNING_POINT,
	UI_FORM_NEW_ACTION,
	UI_FORM_EDIT_ACTION,
};

struct ui_form {
	bool open;
	enum ui_form_purpose purpose;
	struct form *form;
	struct formfill *ff;
	struct form_context ctx;
	struct named_list templates; /* the one template a new audit is made from */
	struct template *tpl;	     /* the template the choices come from */
	int64_t audit_id;	     /* the audit a case belongs to */
	int64_t case_id;	     /* the case being edited */
	int64_t item_id;	     /* the good practice, learning point or action being edited */
	int64_t lp_id;		     /* the learning point a new action is for */
	struct named_list agencies;  /* @agencies: code, name */
	struct named_list cases;     /* @cases: reference, reference */
	struct named_list sections;  /* @sections: id, title */
	struct named_list audits;    /* @audits: UUID, title of audits it may re-audit */
	bool discard_armed;	     /* Esc was pressed once on a changed form */
	char *complaint;	     /* what the last key said was wrong, while shown */
	int64_t saved_id;	     /* what the last save created or changed */
	int text_width;		     /* columns the view gives text fields (for Up/Down) */
	struct record loaded;	     /* an edited record as read: what its save expects */
	/* A save found the record changed by someone else (MACA_ECONFLICT): it as it is now,
	 * and who changed it. Nothing was written; the screen asks what to do. */
	bool conflict;
	struct record now;
	struct store_change by;
	size_t *field_tops; /* each field's editor scroll: its first row shown */
	/* What a saved form changes on the screen it returns to: set by whoever opened it. */
	void (*saved)(struct ui *ui, enum ui_form_purpose purpose, int64_t saved_id);
	/* The stack's depth it goes back to when it closes, past the screen that opened it
	 * (a briefing finding fixed: the briefing); 0: the screen below. */
	size_t back_to;
};

/* Opens the audit form for a new audit from a template (id or path), with defaults. */
int ui_form_new_audit(struct ui_form *uf, struct store *st, const char *template_ref,
		      const char *partnership, const char *chair, struct maca_err *err);
/* Opens the case form to add a case to an audit, or to edit one. */
int ui_form_case(struct ui_form *uf, struct store *st, int64_t audit_id,
		 const struct case_info *existing, struct maca_err *err);
/* Opens the good practice form to add an item to an audit, or to edit one. */
int ui_form_good_practice(struct ui_form *uf, struct store *st, int64_t audit_id,
			  const struct good_practice_row *existing, struct maca_err *err);
/* Opens the learning point form to add a point (numbered after the last), or to edit one. */
int ui_form_learning_point(struct ui_form *uf, struct store *st, int64_t audit_id,
			   const struct learning_point_row *existing, struct maca_err *err);
/* What a new learning point or good practice starts with: its links and text, filled in for
 * the chair (jotted in moderation, or an agency's note taken up on the Learning screen). Any
 * may be NULL. */
struct ui_form_links {
	const char *case_ref;
	const char *section_id; /* a learning point's only */
	const char *agency;	/* code */
	const char *text;
};
/* Opens the good practice form, or the learning point form, for a new item starting with
 * these links and text. */
int ui_form_new_learning(struct ui_form *uf, struct store *st, int64_t audit_id, bool good_practice,
			 const struct ui_form_links *links, struct maca_err *err);
/* Opens the action form to add an action to learning point lp_id, or to edit one (lp_id is
 * then the action's own point). A new action starts "not started". */
int ui_form_action(struct ui_form *uf, struct store *st, int64_t audit_id, int64_t lp_id,
		   const struct action_row *existing, struct maca_err *err);
/* Whether the form is one of good practice, a learning point or an action. */
bool ui_form_is_learning(enum ui_form_purpose purpose);
/* Opens the audit form on an audit's details. Its template and agencies stay as they are;
 * local form fields are kept as stored. */
int ui_form_edit_audit(struct ui_form *uf, struct store *st, int64_t audit_id,
		       struct maca_err *err);
void ui_form_free(struct ui_form *uf);

enum ui_form_outcome {
	UI_FORM_STAY,	   /* still editing (perhaps with problems shown) */
	UI_FORM_SAVED,	   /* written to the store; close the form */
	UI_FORM_CANCELLED, /* closed without saving */
};

/* Save, cancel (twice when something changed: the first arms discard_armed), or move
 * between fields. Store errors come back in err with UI_FORM_STAY, and nothing typed is
 * lost. */
enum ui_form_outcome ui_form_act(struct ui_form *uf, struct store *st, enum ui_action action,
				 struct maca_err *err);
/* Writes the form's record (ui_form_save.c): a new one, or an edit if the record still holds
 * what the form read (else MACA_ECONFLICT, uf->conflict set, UI_FORM_STAY, nothing written). */
enum ui_form_outcome ui_form_save(struct ui_form *uf, struct store *st, struct maca_err *err);
/* After a conflict: UI_ACTION_KEEP_MINE saves the form over the other change (expecting what
 * is there now), UI_ACTION_TAKE_THEIRS drops it (UI_FORM_CANCELLED: close it; the screen
 * below shows what is saved), UI_ACTION_KEEP_EDITING stays. */
enum ui_form_outcome ui_form_resolve(struct ui_form *uf, struct store *st, enum ui_action choice,
				     struct maca_err *err);
/* The conflict for the Changed meanwhile screen: what, theirs and mine, field by field
 * (malloc'd; NULL when out of memory). */
void ui_form_conflict_texts(const struct ui_form *uf, char **what, char **theirs, char **mine);
/* Any other key: edits the current text field, or moves and picks in a choice field. */
void ui_form_edit(struct ui_form *uf, int key, struct maca_err *err);
/* Pasted text into the current field, whole or not at all (ui_edit_paste); refused on a
 * choice field, so that nothing pasted ticks a choice or moves to another field. */
int ui_form_paste(struct ui_form *uf, const wchar_t *s, size_t n, struct maca_err *err);
/* Whether a published document carries the current field (disclosure_gate_published): then
 * its editor, the form's audit (0 for a new audit), the record edited (its form's id; id 0
 * for a new one) and the field's id. The partnership's name is not one: it is the audit's own
 * word, which the check never flags. */
bool ui_form_published_text(const struct ui_form *uf, const struct editbuf **eb, int64_t *audit_id,
			    const char **record, int64_t *record_id, const char **field);

#endif
