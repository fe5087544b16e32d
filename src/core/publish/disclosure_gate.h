/* The disclosure gate: a published document (the briefing in every layout and format, the
 * partnership report, the actions export) is written only when every finding of the
 * disclosure check (disclosure.h) in it is fixed or accepted, with a reason, by a named person
 * (store.h's acceptances). Every path checks a record's text the same way, with its audit's
 * own words, so that a finding is the same finding (the same id) in each of them, and one
 * acceptance holds for all. */
#ifndef MACA_DISCLOSURE_GATE_H
#define MACA_DISCLOSURE_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disclosure.h"
#include "disclosure_words.h"
#include "err.h"
#include "names.h"
#include "store.h"
#include "template.h"

/* Whether a published document carries a record's field (record as store_record_name names
 * it, field as a finding's): the audit's title, theme, partnership and background, a case's
 * reference, good practice's text, a learning point's title and text, and an action's what,
 * measure and progress note. What the gate checks, and what is worth a warning as typed. */
bool disclosure_gate_published(const char *record, const char *field);

/* The place of a finding in a record named as store_record_name names it; false for any
 * other name. */
bool disclosure_gate_place(const char *record, enum disclosure_place *place);

/* What an acceptance of the finding is kept against (a finding with no field is about its
 * record as a whole: field "record"); false for a finding in no record (text only: it can be
 * fixed, not accepted). */
bool disclosure_gate_key(const struct disclosure *d, struct acceptance_key *key);

/* What was decided about each finding of a list. */
struct disclosure_decision {
	/* 8 hex digits naming the finding (its record, field and fingerprint): what `maca
	 * findings accept` takes. The same in every document that holds the finding. */
	char id[9];
	int64_t audit_id; /* its record's audit; 0 for a finding in no record */
	bool accepted;
	struct acceptance acceptance; /* when accepted */
};
struct disclosure_decisions {
	struct disclosure_decision *items; /* one per finding of the list, in its order */
	size_t n;
	size_t open; /* findings not accepted: the document may not be written */
};
/* Reads the acceptance of each finding of found. */
int disclosure_gate_decide(struct store *st, const struct disclosure_list *found,
			   struct disclosure_decisions *out, struct maca_err *err);
void disclosure_decisions_free(struct disclosure_decisions *d);
/* The finding whose id starts with `id` (4 hex digits at least): MACA_EUSER when none does,
 * or more than one. */
int disclosure_gate_find(const struct disclosure_decisions *d, const char *id, size_t *index,
			 struct maca_err *err);

/* Accepts finding d for publishing, with reason, by the store's author (store_acceptance_add;
 * MACA_EUSER for a finding in no record). */
int disclosure_gate_accept(struct store *st, const struct disclosure *d, const char *reason,
			   struct maca_err *err);

/* Leaves one finding per record's field and fingerprint (an audit's title is in the actions
 * export once per action), in the order first found. */
void disclosure_gate_dedupe(struct disclosure_list *found);

/* Every finding in what maca publishes from audit_id, each once: its briefing (the same text
 * in every layout and format, with the comparison when the audit re-audits an earlier one)
 * and its actions as the actions export writes them (with measure and last progress note).
 * The report holds no text that is not in these. */
int disclosure_gate_audit(struct store *st, int64_t audit_id, const struct resource *resources,
			  size_t nresources, struct disclosure_list *found, struct maca_err *err);

#endif
