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

enum ui_form_purpose { UI_FORM_NEW_AUDIT, UI_FORM_NEW_CASE, UI_FORM_EDIT_CASE };

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
	bool discard_armed;	     /* Esc was pressed once on a changed form */
	int64_t saved_id;	     /* what the last save created or changed */
	int text_width;		     /* columns the view gives text fields (for Up/Down) */
};

/* Opens the audit form for a new audit from a template (id or path), with defaults. */
int ui_form_new_audit(struct ui_form *uf, const char *template_ref, const char *partnership,
		      const char *chair, struct maca_err *err);
/* Opens the case form to add a case to an audit, or to edit one. */
int ui_form_case(struct ui_form *uf, struct store *st, int64_t audit_id,
		 const struct case_info *existing, struct maca_err *err);
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
/* Any other key: edits the current text field, or moves and picks in a choice field. */
void ui_form_edit(struct ui_form *uf, int key, struct maca_err *err);

#endif
