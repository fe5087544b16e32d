/* Shared by the briefing writer (briefing.c), its parts (briefing_parts.c, briefing_findings.c)
 * and its layouts (briefing_layout.c). */
#ifndef MACA_BRIEFING_INTERNAL_H
#define MACA_BRIEFING_INTERNAL_H

#include "briefing.h"
#include "compare.h"
#include "published.h"
#include "sbuf.h"

/* Everything the briefing is written from, read once from the store. */
struct briefing_data {
	struct audit_info audit;
	struct template *tpl;
	struct named_list agencies; /* taking part: id = code, label = name */
	/* How many of them attended the audit day (a number only: who sent apologies is in
	 * the confidential record), and whether attendance was recorded at all. */
	size_t attended;
	bool attendance;
	struct case_info *cases;
	size_t ncases;
	struct agreed_row **agreed; /* per case */
	size_t *nagreed;
	struct good_practice_row *good;
	size_t ngood;
	struct learning_point_row *points;
	size_t npoints;
	struct comparison *comparison; /* NULL unless asked for */
	const struct briefing_options *opt;
	bool findings; /* whether the findings are written */
};

enum briefing_part {
	BRIEFING_END,		      /* ends a section's parts */
	BRIEFING_TEMPLATE_BACKGROUND, /* the template's background paragraphs */
	BRIEFING_AUDIT,		      /* theme, audit day, chair, cases, the audit's background */
	BRIEFING_THEMES,	      /* case tags with counts */
	BRIEFING_GOOD_PRACTICE,
	BRIEFING_LEARNING,
	BRIEFING_FINDINGS, /* agreed section grades and their distribution; may be empty */
	BRIEFING_ACTIONS,
	BRIEFING_RESOURCES,
	BRIEFING_CLOSING,    /* the findings reflect this sample of N cases */
	BRIEFING_COMPARISON, /* then and now against the earlier audit; only when asked for */
};

struct briefing_part_ref {
	enum briefing_part part;
	const char *subheading; /* NULL: none */
};

struct briefing_section {
	const char *heading; /* NULL: no heading */
	struct briefing_part_ref parts[4];
};

struct briefing_layout {
	const char *name;
	const struct briefing_section *sections;
	size_t nsections;
};

const struct briefing_layout *briefing_layout_find(const char *name);

/* Appends one part (paragraphs separated by blank lines, no trailing newline); appends
 * nothing when the part has nothing to say (only the findings, when left out). Headings of
 * its own are at `level` (3: "###"). */
void briefing_part_write(struct sbuf *b, const struct briefing_data *d, enum briefing_part part,
			 int level);
void briefing_findings_write(struct sbuf *b, const struct briefing_data *d, int level);
/* The threshold below which counts of cases are suppressed (0: none). */
size_t briefing_threshold(const struct briefing_data *d);

/* "March 2025" from YYYY-MM-DD; nothing for anything else. */
void briefing_month_year(struct sbuf *b, const char *date);
/* An agency's name from its code; the code itself when unknown. */
const char *briefing_agency_name(const struct briefing_data *d, const char *code);

#endif
