/* Comparing a re-audit with the earlier audit it follows: per section of the new audit's
 * template, the agreed grades then and now; which learning points recur; what became of the
 * earlier audit's actions. Plain C, no curses; nothing printed.
 *
 * The rules, as documented in maca(1):
 * - A case's grade for a section is findings_section_grade's: the worst agreed grade of the
 *   section's graded questions. Sections are matched by id between the two templates.
 * - Like for like: when the two versions of a section share graded questions (matched by
 *   id), both sides are graded on those shared questions only, so a question added or
 *   removed cannot move the grade by itself. Questions added and removed are listed with
 *   the section. When a section shares no graded question with the earlier version (or is
 *   new), each side is graded on its own questions and the section is marked so.
 * - Earlier grades are counted under the new scale's grade of the same id; an earlier grade
 *   the new scale lacks is counted apart ("other").
 * - The direction compares the average position on the grade scale (best = 1) of the cases
 *   graded (not-applicable left out): better when it rose by more than 0.1 of a grade,
 *   worse when it fell by more than that, otherwise no change; unknown when either side has
 *   no case graded.
 * - A learning point of the new audit recurs when a learning point of the earlier audit
 *   links at least one of the same sections, or has the same title (ignoring case,
 *   punctuation and spacing).
 * - Sections of the earlier template that the new one lacks are listed after the others,
 *   never dropped.
 * - A section with no graded question in either version has nothing to grade: it is said so,
 *   never counted as "no agreed grade".
 * - Each yes-no question of the new template is compared by how many cases were agreed at
 *   each answer, then (when the earlier template has the same question, yes-no) and now.
 *   Questions answered in words are not compared: their agreed summaries are about one child
 *   each. */
#ifndef MACA_COMPARE_H
#define MACA_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disclosure.h"
#include "err.h"
#include "sbuf.h"
#include "store.h"
#include "template.h"

enum compare_direction {
	COMPARE_UNKNOWN, /* a side has no case graded in the section */
	COMPARE_BETTER,
	COMPARE_SAME,
	COMPARE_WORSE,
};

struct compare_section {
	char *id;
	char *title;
	bool in_then, in_now;	   /* whether each template has the section */
	bool like_for_like;	   /* graded on the questions both versions share */
	struct named_list added;   /* questions new in this version: id, text */
	struct named_list removed; /* questions the earlier version had: id, text */
	/* Cases per grade of the new scale (ncounts = the new template's ngrades). */
	size_t *then, *now;
	size_t then_other;		  /* earlier grades the new scale lacks */
	size_t then_none, now_none;	  /* cases with no agreed grade in the section */
	double then_average, now_average; /* 1 = best grade; 0 when nothing graded */
	enum compare_direction direction;
	bool gradable; /* a version of the section has graded questions */
};

/* A yes-no question, then and now: cases agreed at each of template_yesno_values. */
struct compare_yesno {
	char *id;
	char *text;
	bool in_then; /* the earlier template asks it too, yes or no */
	size_t then[4], now[4];
	size_t then_none, now_none; /* cases with no agreed answer */
};

struct compare_recurrence {
	const struct learning_point_row *now;  /* in comparison.points_now */
	const struct learning_point_row *then; /* in comparison.points_then */
	struct named_list sections;	       /* linked by both: id, title */
	bool same_title;
};

struct comparison {
	struct audit_info then, now;
	struct template *tpl_then, *tpl_now;
	struct compare_section *sections; /* the new template's, then those it dropped */
	size_t nsections;
	struct learning_point_row *points_then, *points_now;
	size_t npoints_then, npoints_now;
	struct compare_recurrence *recur;
	size_t nrecur;
	struct compare_yesno *yesno; /* the new template's yes-no questions, in its order */
	size_t nyesno;
	size_t ntext; /* questions answered in words, not compared */
	/* The earlier audit's actions by status (indexed by enum action_status). */
	size_t actions[4];
	size_t actions_total;
};

/* Compares audit then_id with audit now_id (normally a re-audit of it: same template id).
 * Refuses audits on different template ids. Fills *out (free with comparison_free). */
int compare_audits(struct store *st, int64_t then_id, int64_t now_id, struct comparison *out,
		   struct maca_err *err);
void comparison_free(struct comparison *c);

/* Writes the comparison as Markdown (readable as plain text) into b, its headings at
 * `level` ("#" when 1, "###" when 3); `standalone` adds the title and the audits compared. */
void compare_render(struct sbuf *b, const struct comparison *c, int level, bool standalone);
/* The same, for a published document (the briefing): counts of cases suppressed as
 * published.h says (small_count 0: none), and no averages, which over a few cases can give
 * the counts away. */
void compare_render_published(struct sbuf *b, const struct comparison *c, int level,
			      size_t small_count);
/* Checks the earlier audit's text that compare_render writes (its title, learning point
 * titles and actions) for identifiers, leaving out what vocab (the earlier audit's own words;
 * NULL: none) holds, and appends the findings to found, each placed in its record of the
 * earlier audit (so that an acceptance there holds here too). The new audit's own text is
 * the briefing's to check. */
int compare_scan(const struct comparison *c, const struct disclosure_vocab *vocab,
		 struct disclosure_list *found, struct maca_err *err);

/* A grade's position from 1 (best) among the scale's grades that are not not-applicable;
 * 0 for a not-applicable grade or an index out of range. */
int compare_scale_position(const struct template *tpl, int grade);

#endif
