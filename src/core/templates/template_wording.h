/* A template's [field KIND.ID] sections: its own wording for the fields of the forms. Read by
 * template.c; used through template_wording() (template.h) and form_reword() (form.h). */
#ifndef MACA_TEMPLATE_WORDING_H
#define MACA_TEMPLATE_WORDING_H

#include "diag.h"
#include "form.h"
#include "ini_doc.h"
#include "template.h"

/* Reads [field ref] (ref is KIND.ID) of file into t->wording; returns the number of
 * problems it added to diags. */
int template_wording_load(const char *file, const struct ini_section *sec, const char *ref,
			  struct template *t, struct diag_list *diags);
void template_wording_free(struct template *t);

/* Words form as tpl does ([field KIND.ID]: label, help), and hides the fields that do not
 * apply: those the template says so of, and choice fields whose choices are a list of the
 * template's (tags, age bands, plan statuses) that ctx has and that is empty. A required
 * field is never hidden. False when out of memory (the form keeps what was done). */
bool form_reword(struct form *form, const struct template *tpl, const struct form_context *ctx);

#endif
