/* Findings: one grade per case and section, drawn from the chair's agreed grades. Used by
 * the overview grid and the briefing's "findings at a glance". Pure functions, no store. */
#ifndef MACA_FINDINGS_H
#define MACA_FINDINGS_H

#include <stddef.h>

#include "sbuf.h"
#include "store.h"
#include "template.h"

/* The agreed grade of one section of one case, as a grade index, from that case's agreed
 * rows (any order; rows of other sections are skipped).
 *
 * The rule: the worst agreed grade (highest index, lowest on the scale) among the section's
 * graded questions. A section is only as good as its weakest agreed finding: averaging would
 * let strong practice in one place hide a child left unprotected in another, and the worst
 * grade is the one the partnership has to act on.
 *
 * Ignored: yes-no and text questions, not-applicable grades, empty or unknown grade ids.
 * When every agreed grade of the section's graded questions is not-applicable, the result is
 * that not-applicable grade's index (the highest such index, should a scale have several), so
 * "does not apply" reads differently from "not yet agreed". When there is nothing agreed at
 * all, -1. Also -1 for a section index out of range. */
int findings_section_grade(const struct template *tpl, size_t section,
			   const struct agreed_row *rows, size_t n);
/* findings_section_grade for every section of one case at once (grades: tpl->nsections
 * entries), looking each row's question up once rather than once per section. */
void findings_case_grades(const struct template *tpl, const struct agreed_row *rows, size_t n,
			  int *grades);

/* Counts the cases at each grade of one section: grades[i] is case i's result from
 * findings_section_grade for that section, and counts (tpl->ngrades entries) is overwritten.
 * Returns the number of cases with no finding (-1 or out of range), which no count holds.
 * `section` is the section the grades were computed for: out of range, nothing is counted
 * and every case is returned as having no finding. */
size_t findings_distribution(const struct template *tpl, size_t section, const int *grades,
			     size_t ncases, size_t *counts);

/* Whether grade index g counts as a concern on tpl's scale: a graded grade at or after
 * tpl->concern_at ("below the line"). */
bool findings_is_concern(const struct template *tpl, int g);
/* The scale's own words for its concern grades: "Amber or Red", "Requires improvement to be
 * good or Inadequate", "Red" (labels as written, not escaped). */
void findings_concern_words(struct sbuf *b, const struct template *tpl);

/* Every kind of question is agreed, and each is reported as what it is (findings_kinds.c): a
 * section's grade comes from its graded questions only, so a section without any has nothing
 * to grade, which is not the same as "not yet agreed"; a yes-no question is counted by the
 * answer agreed; a text question's agreed summaries are case by case and confidential, so
 * only how many cases have one is reported. */
bool findings_section_gradable(const struct template *tpl, size_t section);
/* The agreed answers to question q across cases (rows[c], n[c]: case c's agreed rows, as
 * store_audit_agreed reads them). For a yes-no question, counts[i] is how many cases agreed
 * template_yesno_values[i]; for a graded question, how many agreed grade i (counts then has
 * tpl->ngrades entries); for a text question, counts[0] is how many cases have an agreed
 * summary. Returns the cases with no agreed answer. */
size_t findings_question_counts(const struct template *tpl, const struct question *q,
				struct agreed_row *const *rows, const size_t *n, size_t ncases,
				size_t *counts);

/* part as a whole percentage of whole, rounded half up; 0 of nothing is 0. */
size_t findings_percent(size_t part, size_t whole);
/* How far an action plan has got, as the comparison and the partnership report say it:
 * "3 of 4 (75%);", sep, then "in progress 1, not started 0, cannot be done 0." (counts by
 * action status, total their sum). */
void findings_actions_progress(struct sbuf *b, const size_t counts[4], size_t total,
			       const char *sep);

#endif
