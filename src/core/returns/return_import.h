/* Taking a pack or return into the store. A pack creates the audit in an agency's database;
 * a return brings an agency's answers and section notes into the chair's audit, checked in
 * full first, then written in one transaction or not at all. */
#ifndef MACA_RETURN_IMPORT_H
#define MACA_RETURN_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "return_doc.h"
#include "store.h"

/* Creates the pack's audit with the same UUID, its template copy, its cases and the one
 * agency, with that agency's answers and notes so far. Refused (MACA_EEXIST) when the audit
 * is already in the database. checksum: return_checksum of the file as received. */
int return_import_pack(struct store *st, const struct return_doc *doc, const char *checksum,
		       int64_t *audit_id, struct maca_err *err);

/* A pack whose audit is already in the database, for an agency that holds no pack token
 * there (it imported a pack of format 1, from before tokens): remembers the pack's token, so
 * that the agency's returns carry it from now on; nothing else of the pack is taken. MACA_OK
 * with *audit_id when taken; MACA_EEXIST (the agency already holds a token, or the pack has
 * none) or MACA_ENOTFOUND (no such audit or agency here) when there is nothing to take. */
int return_pack_take_token(struct store *st, const struct return_doc *doc, int64_t *audit_id,
			   struct maca_err *err);

/* An answer or note the return would change: the chair holds a different one. */
struct return_change {
	char *case_ref;
	char *item;	 /* question id, or section/prompt for a note */
	bool note;	 /* a section note rather than an answer */
	char *old_value; /* the grade (or note text) held now */
	char *new_value;
	bool evidence_changed;
	/* A digest of the evidence held now, so that applying can tell the chair's evidence
	 * was edited after the user saw this change (without keeping pages of it twice). */
	unsigned char old_evidence_digest[16];
};

/* An answer of the return at a grade its question needs evidence for (the template's
 * evidence_required_at), with none written. */
struct return_unevidenced {
	char *case_ref;
	char *question_id;
	char *grade; /* the grade's label */
};

/* How many of those a plan names; the rest it counts. */
enum { RETURN_UNEVIDENCED_NAMED = 5 };

struct return_plan {
	int64_t audit_id;
	char *audit_title;
	size_t nadd;  /* answers and notes the chair does not hold yet */
	size_t nsame; /* already held, identical */
	struct return_change *changes;
	size_t nchanges;
	/* The return's answers that need evidence and have none (blank evidence is none), in
	 * its order: how many, and the first few. Said, never refused: the answer screen
	 * takes such an answer too, and marks it (maca-template(5), evidence_required_at). */
	size_t nunevidenced;
	struct return_unevidenced unevidenced[RETURN_UNEVIDENCED_NAMED];
};

/* Checks a return against the audit of the same UUID and works out what importing it would
 * do, and which of its answers need evidence they lack. Every problem (another audit, a closed
 * audit, an unknown agency, case or question, a different template) is listed in err's message, one
 * per line. Writes nothing. */
int return_plan_make(struct store *st, const struct return_doc *doc, struct return_plan *out,
		     struct maca_err *err);
void return_plan_free(struct return_plan *plan);

/* Applies a return in one transaction: adds what the chair lacks and, only when replace is
 * true, changes what differs (refused with MACA_EEXIST otherwise). seen is the plan the user
 * was shown: if what would be added or changed is no longer what it lists (MACA_EBUSY), nothing
 * is written. Every change leaves a history
 * row with source "return from AGENCY" and the checksum. */
int return_apply(struct store *st, const struct return_doc *doc, const struct return_plan *seen,
		 bool replace, const char *checksum, struct maca_err *err);

#endif
