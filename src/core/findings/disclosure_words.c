/* An audit's own words, for the disclosure check: see disclosure_words.h. */
#include "disclosure_words.h"

#include <stdlib.h>

#include "audit_scope.h"

int disclosure_gate_words_of(const struct template *tpl, const char *partnership,
			     const struct named_list *agencies, const struct resource *resources,
			     size_t nresources, struct disclosure_vocab **out, struct maca_err *err)
{
	struct disclosure_vocab *v = NULL;
	if (disclosure_vocab_new(&v, err))
		return err->status;
	int rc = disclosure_vocab_add(v, tpl ? tpl->source : NULL, err) ||
		 disclosure_vocab_add(v, partnership, err);
	for (size_t i = 0; !rc && agencies && i < agencies->n; i++)
		rc = disclosure_vocab_add(v, agencies->items[i].label, err);
	for (size_t i = 0; !rc && i < nresources; i++)
		rc = disclosure_vocab_add(v, resources[i].title, err);
	if (rc) {
		disclosure_vocab_free(v);
		return err->status;
	}
	*out = v;
	return MACA_OK;
}

struct disclosure_words_entry {
	int64_t audit_id;
	struct disclosure_vocab *vocab;
};

static int words_read(struct store *st, int64_t audit_id, const struct disclosure_words *w,
		      struct disclosure_vocab **out, struct maca_err *err)
{
	struct audit_scope a;
	int rc = audit_scope_read(st, audit_id, &a, err);
	if (!rc)
		rc = disclosure_gate_words_of(a.tpl, a.info.partnership, &a.agencies, w->resources,
					      w->nresources, out, err);
	audit_scope_free(&a);
	return rc;
}

int disclosure_words_get(struct disclosure_words *w, struct store *st, int64_t audit_id,
			 const struct disclosure_vocab **out, struct maca_err *err)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->entries[i].audit_id == audit_id) {
			*out = w->entries[i].vocab;
			return MACA_OK;
		}
	struct disclosure_words_entry *e = realloc(w->entries, (w->n + 1) * sizeof *e);
	if (!e)
		return err_set(err, MACA_ENOMEM, "out of memory");
	w->entries = e;
	struct disclosure_vocab *v = NULL;
	if (words_read(st, audit_id, w, &v, err))
		return err->status;
	w->entries[w->n++] = (struct disclosure_words_entry){audit_id, v};
	*out = v;
	return MACA_OK;
}

void disclosure_words_free(struct disclosure_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		disclosure_vocab_free(w->entries[i].vocab);
	free(w->entries);
	w->entries = NULL;
	w->n = 0;
}
