/* Finding installed templates and forms along the search path. */
#ifndef MACA_CATALOG_H
#define MACA_CATALOG_H

#include "diag.h"
#include "err.h"
#include "form.h"
#include "template.h"

struct catalog_entry {
	char *id;
	long version;
	char *title;
	char *path;
};

/* Every template on the search path, sorted by id; where two share an id the one found
 * first wins. Files that fail to load are skipped and their problems added to diags. */
int catalog_templates(struct catalog_entry **out, size_t *n, struct diag_list *diags,
		      struct maca_err *err);
void catalog_free(struct catalog_entry *list, size_t n);
/* The template files that did not load, from the diags catalog_templates gave: each file's
 * first problem, in the order met ("audit-templates/neglect.ini:12: ..."). With a ref, only
 * the file that ref names (neglect for neglect.ini); NULL when there is none. */
const struct diag *catalog_failure(const struct diag_list *diags, size_t *i, const char *ref);
/* A failure as one line: "PATH did not load: line N: problem". Caller frees; NULL when out
 * of memory. */
char *catalog_failure_text(const struct diag *d);
/* Loads a template by id from the search path, or from a path when `ref` names a file
 * (contains '/' or ends in ".ini"). Problems in the file go to diags. */
int catalog_load_template(const char *ref, struct template **out, struct diag_list *diags,
			  struct maca_err *err);
/* Loads the form for a record kind: forms/KIND.ini, first found on the search path. */
int catalog_load_form(enum record_kind kind, struct form **out, struct diag_list *diags,
		      struct maca_err *err);

/* The [field FORM.FIELD] blocks of t (read from file) that name a field the form installed
 * for FORM does not have, which would never be shown: a problem each, at the block's line,
 * with the field it likely means. A form that cannot be loaded is not checked (checking it
 * lists its own problems). Returns the number of problems added. */
size_t catalog_check_wording(const struct template *t, const char *file, struct diag_list *diags);

#endif
