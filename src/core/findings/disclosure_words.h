/* An audit's own words, which the disclosure check (disclosure.h) does not flag when the
 * audit's text repeats them: what the disclosure gate (publish) and the warning while typing
 * check a record's text with. */
#ifndef MACA_DISCLOSURE_WORDS_H
#define MACA_DISCLOSURE_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "disclosure.h"
#include "err.h"
#include "names.h"
#include "store.h"
#include "template.h"

/* An audit's own words, which are no identifier when its text repeats them: its template
 * (questions, agencies, resources), its partnership's name, the agencies taking part and the
 * partnership's configured resources. */
int disclosure_gate_words_of(const struct template *tpl, const char *partnership,
			     const struct named_list *agencies, const struct resource *resources,
			     size_t nresources, struct disclosure_vocab **out,
			     struct maca_err *err);

/* Each audit's words read from the store once, for a document that spans audits. */
struct disclosure_words {
	const struct resource *resources; /* the configuration's, the caller's */
	size_t nresources;
	struct disclosure_words_entry *entries;
	size_t n;
};
/* The words of audit_id (kept in w until disclosure_words_free). */
int disclosure_words_get(struct disclosure_words *w, struct store *st, int64_t audit_id,
			 const struct disclosure_vocab **out, struct maca_err *err);
void disclosure_words_free(struct disclosure_words *w);

#endif
