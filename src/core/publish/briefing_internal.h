/* Shared by the briefing writer (briefing.c), its parts (briefing_parts.c,
 * briefing_findings.c), its layouts and the chair's
 * changes to them (briefing_layout.c). */
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
	struct briefing_parts parts;
	struct briefing_settings settings;
	const struct briefing_options *opt;
	bool findings; /* whether the findings are written */
};

/* Reads what the briefing is written from (parts of opt->layout, or the template's) as one
 * snapshot; free with briefing_data_free, also after a failure. */
int briefing_data_load(struct store *st, int64_t audit_id, struct briefing_data *d,
		       struct maca_err *err);
void briefing_data_free(struct briefing_data *d);

/* A layout's defaults for one part. */
struct briefing_layout_part {
	enum briefing_part part;
	bool shown;
	const char *heading; /* "": none */
};

struct briefing_layout {
	const char *name;
	bool numbered; /* headings numbered 1., 2., ... in the order shown */
	const struct briefing_layout_part *parts; /* every part once, in order */
};

const struct briefing_layout *briefing_layout_find(const char *name);
/* The parts as the layout has them and as the chair changed them (rows of the store); the
 * findings are shown by default only when the template has them. */
int briefing_parts_make(const struct briefing_layout *layout, const struct briefing_part_row *rows,
			size_t nrows, bool template_findings, struct briefing_parts *out,
			struct maca_err *err);

/* Appends one part's records (paragraphs separated by blank lines, no trailing newline), or
 * nothing when it has none: good practice, learning, key learning, findings, comparison,
 * actions, resources, themes, further information. */
void briefing_part_records(struct sbuf *b, const struct briefing_data *d, enum briefing_part part);
/* The findings: per section a heading at `level` (3: "###"), a chart or a table of counts
 * and a sentence (briefing_findings.c). */
void briefing_findings_write(struct sbuf *b, const struct briefing_data *d, int level);
/* The threshold below which counts of cases are suppressed (0: none). */
size_t briefing_threshold(const struct briefing_data *d);
/* The cases' tags as a list, most frequent first (equal counts in the template's order): as
 * published, each with its count of cases (counts_shown), or as the chair would type it. */
void briefing_themes_list(struct sbuf *b, const struct briefing_data *d, bool counts_shown);
/* The partnership's website, newsletter and contact (the configuration's), as a list. */
void briefing_further_list(struct sbuf *b, const struct briefing_data *d);
/* A part's suggestion (briefing.h), from the data. */
void briefing_suggest(struct sbuf *b, const struct briefing_data *d, enum briefing_part part);

/* "March 2025" from YYYY-MM-DD or YYYY-MM; nothing for anything else. */
void briefing_month_year(struct sbuf *b, const char *date);
/* "30 September 2025" from YYYY-MM-DD; anything else escaped as it is. */
void briefing_day_month_year(struct sbuf *b, const char *date);
/* "six" for small counts, as a briefing would write them; digits from 13. */
void briefing_count_words(struct sbuf *b, size_t n);
/* An agency's name from its code; the code itself when unknown. */
const char *briefing_agency_name(const struct briefing_data *d, const char *code);
/* The learning points the key learning part shows: indexes into d->points, at most
 * BRIEFING_KEY_LEARNING_MAX. */
size_t briefing_key_points(const struct briefing_data *d, size_t idx[BRIEFING_KEY_LEARNING_MAX]);

#endif
