/* The disclosure gate: the decisions on findings, an audit's findings (its words are in
 * disclosure_words.c, below). See disclosure_gate.h. */
#include "disclosure_gate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing.h"
#include "export_actions.h"
#include "sbuf.h"
#include "store_actions.h"

bool disclosure_gate_published(const char *record, const char *field)
{
	static const char *const published[][2] = {
	    {"audit", "title"},		 {"audit", "theme"},	     {"audit", "partnership"},
	    {"audit", "background"},	 {"case", "reference"},	     {"good-practice", "text"},
	    {"learning-point", "title"}, {"learning-point", "text"}, {"action", "what"},
	    {"action", "measure"},	 {"action", "note"},
	};
	for (size_t i = 0; record && field && i < sizeof published / sizeof published[0]; i++)
		if (strcmp(published[i][0], record) == 0 && strcmp(published[i][1], field) == 0)
			return true;
	return false;
}

/* A record's place in a finding, and its kind in the store. */
static const struct {
	enum disclosure_place place;
	enum store_record record;
} map[] = {
    {DISCLOSURE_IN_AUDIT, STORE_RECORD_AUDIT},
    {DISCLOSURE_IN_CASE, STORE_RECORD_CASE},
    {DISCLOSURE_IN_GOOD_PRACTICE, STORE_RECORD_GOOD_PRACTICE},
    {DISCLOSURE_IN_LEARNING_POINT, STORE_RECORD_LEARNING_POINT},
    {DISCLOSURE_IN_ACTION, STORE_RECORD_ACTION},
    /* The briefing's words are the audit's (fields "briefing-..."). */
    {DISCLOSURE_IN_BRIEFING, STORE_RECORD_AUDIT},
};

bool disclosure_gate_place(const char *record, enum disclosure_place *place)
{
	for (size_t i = 0; record && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(store_record_name(map[i].record), record) == 0) {
			*place = map[i].place;
			return true;
		}
	return false;
}

bool disclosure_gate_key(const struct disclosure *d, struct acceptance_key *key)
{
	if (d->place_id <= 0)
		return false;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].place == d->place) {
			*key = (struct acceptance_key){.record = map[i].record,
						       .record_id = d->place_id,
						       .field = d->field && *d->field ? d->field
										      : "record",
						       .fingerprint = d->fingerprint};
			return true;
		}
	return false;
}

/* The finding's id: a short hash of what its acceptance is kept against, or, for text in no
 * record, of its place in words and its fingerprint. */
static void finding_id(const struct disclosure *d, char out[9])
{
	struct acceptance_key key;
	crypto_generichash_state h;
	unsigned char bin[4];
	crypto_generichash_init(&h, NULL, 0, sizeof bin);
	if (disclosure_gate_key(d, &key)) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)key.record_id);
		const char *parts[] = {store_record_name(key.record), id, key.field};
		for (size_t i = 0; i < 3; i++)
			crypto_generichash_update(&h, (const unsigned char *)parts[i],
						  strlen(parts[i]) + 1);
	} else {
		crypto_generichash_update(&h, (const unsigned char *)d->where,
					  strlen(d->where) + 1);
	}
	crypto_generichash_update(&h, (const unsigned char *)d->fingerprint,
				  strlen(d->fingerprint));
	crypto_generichash_final(&h, bin, sizeof bin);
	sodium_bin2hex(out, 9, bin, sizeof bin);
}

void disclosure_decisions_free(struct disclosure_decisions *d)
{
	for (size_t i = 0; i < d->n; i++)
		acceptance_free(&d->items[i].acceptance);
	free(d->items);
	*d = (struct disclosure_decisions){0};
}

int disclosure_gate_decide(struct store *st, const struct disclosure_list *found,
			   struct disclosure_decisions *out, struct maca_err *err)
{
	*out = (struct disclosure_decisions){0};
	if (found->n == 0)
		return MACA_OK;
	out->items = calloc(found->n, sizeof *out->items);
	if (!out->items)
		return err_set(err, MACA_ENOMEM, "out of memory");
	out->n = found->n;
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < found->n; i++) {
		struct disclosure_decision *dd = &out->items[i];
		finding_id(&found->items[i], dd->id);
		struct acceptance_key key;
		if (disclosure_gate_key(&found->items[i], &key)) {
			rc = store_acceptance_find(st, &key, &dd->acceptance, &dd->accepted, err);
			/* A record deleted since it was read is nobody's to accept. */
			int found = rc ? rc
				       : store_record_audit(st, key.record, key.record_id,
							    &dd->audit_id, err);
			if (found == MACA_ENOTFOUND)
				err_clear(err);
			else
				rc = found;
		}
		out->open += !dd->accepted;
	}
	if (rc)
		disclosure_decisions_free(out);
	return rc;
}

int disclosure_gate_find(const struct disclosure_decisions *d, const char *id, size_t *index,
			 struct maca_err *err)
{
	size_t len = strlen(id), hits = 0;
	if (len < 4 || len > 8 || strspn(id, "0123456789abcdefABCDEF") != len)
		return err_set(err, MACA_EUSER,
			       "'%s' is not a finding's id (8 hex digits, as `maca findings list` "
			       "shows them; the first 4 or more will do)",
			       id);
	for (size_t i = 0; i < d->n; i++)
		if (strncasecmp(d->items[i].id, id, len) == 0 && hits++ == 0)
			*index = i;
	if (hits == 1)
		return MACA_OK;
	if (hits == 0)
		return err_set(err, MACA_EUSER,
			       "no finding %s in this audit (fixed meanwhile? `maca findings list` "
			       "shows what is found now)",
			       id);
	return err_set(err, MACA_EUSER, "%s names %zu findings; give more of its id", id, hits);
}

int disclosure_gate_accept(struct store *st, const struct disclosure *d, const char *reason,
			   struct maca_err *err)
{
	struct acceptance_key key;
	if (!disclosure_gate_key(d, &key))
		return err_set(err, MACA_EUSER,
			       "the %s \"%s\" in %s is in no record that can be accepted: fix it "
			       "there",
			       disclosure_kind_name(d->kind), d->match, d->where);
	return store_acceptance_add(st, &key, disclosure_kind_name(d->kind), d->match, reason, NULL,
				    err);
}

void disclosure_gate_dedupe(struct disclosure_list *found)
{
	size_t kept = 0;
	for (size_t i = 0; i < found->n; i++) {
		struct disclosure *d = &found->items[i];
		bool seen = false;
		for (size_t k = 0; k < kept && !seen; k++) {
			const struct disclosure *e = &found->items[k];
			seen = d->place == e->place && d->place_id == e->place_id &&
			       str_same(d->field, e->field) &&
			       strcmp(d->fingerprint, e->fingerprint) == 0 &&
			       (d->field || strcmp(d->where, e->where) == 0);
		}
		if (seen) {
			free(d->match);
			free(d->where);
		} else {
			found->items[kept++] = *d;
		}
	}
	found->n = kept;
}

int disclosure_gate_audit(struct store *st, int64_t audit_id, const struct resource *resources,
			  size_t nresources, struct disclosure_list *found, struct maca_err *err)
{
	int64_t earlier = 0;
	char today[11];
	action_today(today, sizeof today);
	if (store_audit_earlier(st, audit_id, &earlier, err))
		return err->status;
	/* Each layout holds words of its own (the chair's text for a part in one layout). */
	int rc = MACA_OK;
	for (size_t i = 0; !rc && briefing_layout_name(i); i++) {
		struct briefing_options opt = {.layout = briefing_layout_name(i),
					       .with_comparison = earlier != 0,
					       .resources = resources,
					       .nresources = nresources};
		char *md = NULL;
		rc = briefing_write(st, audit_id, &opt, &md, found, err);
		free(md);
	}
	struct action_filter f = {.today = today, .audit_id = audit_id};
	struct action_item *items = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_actions_list(st, &f, &items, &n, err);
	if (!rc) {
		struct disclosure_words words = {.resources = resources, .nresources = nresources};
		rc = export_actions_scan(st, &words, items, n, found, err);
		disclosure_words_free(&words);
	}
	action_items_free(items, n);
	if (!rc)
		disclosure_gate_dedupe(found);
	return rc;
}
