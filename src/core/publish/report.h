/* The partnership report: what every audit in the database adds up to, as Markdown for the
 * partnership's quality assurance subgroup. Plain C, no curses; nothing printed.
 *
 * It holds, for the audits dated on or after `since` (all audits when NULL):
 * - the audits and their themes, by date;
 * - learning points by section (of each template) and by agency linked;
 * - action completion: done out of all actions, overall, per audit and per owner agency;
 * - overdue actions in those audits (store_actions.h's definition, on `today`), most overdue
 *   first, with the days overdue;
 * - sections that stayed a concern: on one template, graded in at least two audits, and in
 *   every one of them at least half the cases graded there (not counting not-applicable)
 *   had a case grade (findings_section_grade) the template counts as a concern
 *   (findings_is_concern: its concern_at grade or worse), named in the scale's own words.
 *   The counts of cases are suppressed as published.h says, with small_count as threshold.
 * User text that goes in (audit titles and themes, overdue actions) is checked for identifiers
 * first, each audit's with its own words (disclosure_gate.h; resources: the configuration's). */
#ifndef MACA_REPORT_H
#define MACA_REPORT_H

#include <stddef.h>

#include "disclosure.h"
#include "err.h"
#include "store.h"
#include "template.h"

/* Writes the report into *out (caller frees) and appends every possible identifier in it to
 * found; the caller decides whether to use it. since: YYYY-MM-DD or NULL (MACA_EUSER for
 * anything else). today: YYYY-MM-DD, required, what overdue is measured against. Audits
 * without a date are left out when since is given, and the report says how many. */
int report_write(struct store *st, const char *since, const char *today,
		 const struct resource *resources, size_t nresources, size_t small_count,
		 char **out, struct disclosure_list *found, struct maca_err *err);

/* The scale position (as compare_scale_position counts it) from which a grade counts as a
 * concern on tpl's scale (tpl->concern_at). */
int report_low_position(const struct template *tpl);

#endif
