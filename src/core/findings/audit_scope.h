/* An audit as the published documents read it: its record, its own copy of the template, the
 * agencies taking part and its cases, read together (the exports, the disclosure check's own
 * words). */
#ifndef MACA_AUDIT_SCOPE_H
#define MACA_AUDIT_SCOPE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct audit_scope {
	struct audit_info info;
	struct template *tpl;
	struct named_list agencies;
	struct case_info *cases;
	size_t ncases;
};

/* MACA_ENOTFOUND ("no audit N") when there is no such audit; on any error *out holds what was
 * read, for audit_scope_free. */
int audit_scope_read(struct store *st, int64_t audit_id, struct audit_scope *out,
		     struct maca_err *err);
void audit_scope_free(struct audit_scope *s);

#endif
