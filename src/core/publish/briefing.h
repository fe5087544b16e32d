/* The briefing of our learning: the audit written up as GitHub-flavoured Markdown, for the
 * partnership to share. Plain C, no curses; nothing printed.
 *
 * The briefing is deterministic: the same audit gives the same bytes (no timestamps, no
 * UUIDs, stable order). Its layout is data (briefing_layout.c): a list of headed sections,
 * each made of parts that the writer fills in. */
#ifndef MACA_BRIEFING_H
#define MACA_BRIEFING_H

#include <stdbool.h>
#include <stdint.h>

#include "document.h"
#include "disclosure.h"
#include "err.h"
#include "store.h"
#include "template.h"

struct briefing_options {
	const char *layout; /* "standard" or "seven-minute"; NULL: the template's */
	bool no_findings;   /* leave out the findings even when the template has them */
	/* Add the comparison with the earlier audit this one re-audits (compare.h); refused
	 * (MACA_EUSER) for an audit that re-audits none. */
	bool with_comparison;
	/* The partnership's own resources (from maca.ini), listed after the template's. */
	const struct resource *resources;
	size_t nresources;
	/* Counts of cases below this are suppressed as published.h says (the themes, the
	 * findings, the comparison): 0 means the default, PUBLISHED_SMALL_COUNT, so that a
	 * caller that sets nothing publishes nothing small; negative means none. */
	long small_count;
	/* For documents (publish.h): when set, each section's findings are a chart, added
	 * here as chart-N.<chart_ext> and written as an image with its text alternative,
	 * instead of the plain table the Markdown briefing has. */
	struct chart_list *charts;
	const char *chart_ext; /* "svg" or "png" */
};

/* Whether name is a layout briefing_write knows. */
bool briefing_layout_known(const char *name);
/* The known layouts, e.g. "standard, seven-minute" (static text). */
const char *briefing_layout_names(void);
/* The i-th layout's name, NULL past the last. */
const char *briefing_layout_name(size_t i);

/* Writes the briefing of audit_id into *out (caller frees). Before writing, every piece of
 * user text that goes into it (the audit's title, theme, partnership and background, case
 * references, good practice, learning points and actions) is checked for identifiers, and
 * the cases' features for a combination that one case alone has (published.h); the
 * findings are appended to *found whether or not there are any, and the briefing is written
 * all the same: the caller decides. The chair's long texts (background, good practice,
 * learning points) keep the shape typed in Markdown (md_prose). Text that comes from the template
 * or the configuration (background paragraphs, resources) and fields maca itself validated (dates,
 * agency names, grades, statuses) are not checked. Returns 0 or an error (MACA_EUSER for an unknown
 * layout). */
int briefing_write(struct store *st, int64_t audit_id, const struct briefing_options *opt,
		   char **out, struct disclosure_list *found, struct maca_err *err);

#endif
