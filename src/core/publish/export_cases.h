/* Case summaries: every case's answers, evidence, agreed grades and notes, for the audit
 * group only. Markdown, escaped like the briefing; the first line says it is confidential.
 * It is not checked for identifiers: it is the working record, not for sharing. */
#ifndef MACA_EXPORT_CASES_H
#define MACA_EXPORT_CASES_H

#include <stdint.h>

#include "err.h"
#include "store.h"

/* The first line of every case summary. */
#define EXPORT_CASES_BANNER                                                                        \
	"CONFIDENTIAL: case audit records. Do not share outside the audit group."

/* Writes the case summaries of audit_id into *out (caller frees): first the grid of every
 * case's agreed grade in every section (which the published briefing never shows), then per
 * case, its age band, plan and themes, then per section with anything recorded, each
 * question's agreed grade and rationale, and each agency's answer and evidence, then the
 * section notes; last, the disclosure findings accepted for publishing (what, where, by
 * whom, when and why). */
int export_cases(struct store *st, int64_t audit_id, char **out, struct maca_err *err);

#endif
