/* The briefing's parts, each written from the audit's data: see briefing_internal.h. */
#include <stdlib.h>
#include <string.h>

#include "briefing_internal.h"
#include "md.h"

static const char *const month_names[] = {"January",   "February", "March",    "April",
					  "May",       "June",	   "July",     "August",
					  "September", "October",  "November", "December"};

void briefing_month_year(struct sbuf *b, const char *date)
{
	if (!date || !date_valid(date))
		return;
	int month = (date[5] - '0') * 10 + (date[6] - '0');
	sbuf_addf(b, "%s %.4s", month_names[month - 1], date);
}

/* "30 September 2025" from YYYY-MM-DD; anything else escaped as it is. */
static void day_month_year(struct sbuf *b, const char *date)
{
	if (!date || !date_valid(date)) {
		md_cell(b, date ? date : "");
		return;
	}
	int day = (date[8] - '0') * 10 + (date[9] - '0');
	sbuf_addf(b, "%d ", day);
	briefing_month_year(b, date);
}

const char *briefing_agency_name(const struct briefing_data *d, const char *code)
{
	const struct named *a = named_find(&d->agencies, code);
	if (!a)
		a = named_find(&d->tpl->agencies, code);
	return a ? a->label : code;
}

/* "six" for small counts, as a briefing would write them; digits from 13. */
static void count_words(struct sbuf *b, size_t n)
{
	static const char *const words[] = {"no",   "one",    "two",   "three", "four",
					    "five", "six",    "seven", "eight", "nine",
					    "ten",  "eleven", "twelve"};
	if (n < sizeof words / sizeof words[0])
		sbuf_add(b, words[n]);
	else
		sbuf_addf(b, "%zu", n);
}

static void template_background(struct sbuf *b, const struct briefing_data *d)
{
	for (size_t i = 0; i < d->tpl->background.n; i++) {
		if (i)
			sbuf_add(b, "\n\n");
		md_block(b, d->tpl->background.items[i].label, "");
	}
}

static void audit_paragraph(struct sbuf *b, const struct briefing_data *d)
{
	const struct audit_info *a = &d->audit;
	const char *theme = a->theme && *a->theme ? a->theme : d->tpl->theme;
	if (theme && *theme) {
		sbuf_add(b, "The theme of this audit was ");
		md_inline(b, theme);
		sbuf_add(b, ". ");
	}
	bool dated = a->audit_date && date_valid(a->audit_date);
	bool chaired = a->chair_agency && *a->chair_agency;
	if (dated) {
		sbuf_add(b, "The audit day took place in ");
		briefing_month_year(b, a->audit_date);
	}
	if (chaired) {
		sbuf_add(b, dated ? " and was chaired by " : "The audit was chaired by ");
		md_inline(b, briefing_agency_name(d, a->chair_agency));
	}
	if (dated || chaired)
		sbuf_add(b, ". ");
	sbuf_add(b, "It considered ");
	count_words(b, d->ncases);
	sbuf_add(b, d->ncases == 1 ? " child's case file." : " children's case files.");
	/* How many agencies, never which stayed away. */
	sbuf_add(b, " In all, ");
	count_words(b, d->agencies.n);
	sbuf_add(b, d->agencies.n == 1 ? " agency took part" : " agencies took part");
	if (d->attendance) {
		sbuf_add(b, "; ");
		count_words(b, d->attended);
		sbuf_add(b, d->agencies.n == 1 ? " attended" : " of them attended");
		sbuf_add(b, " the audit day");
	}
	sbuf_add(b, ".");
	if (a->background && *a->background) {
		sbuf_add(b, "\n\n");
		md_prose(b, a->background, "");
	}
}

static void theme(struct sbuf *b, const char *label, size_t n, size_t threshold, bool first)
{
	sbuf_add(b, first ? "- " : "\n- ");
	md_inline(b, label);
	enum published_state st = published_alone(n, threshold);
	sbuf_add(b, " (");
	published_count(b, n, st, threshold);
	sbuf_addf(b, " case%s)", st == PUBLISHED_SHOWN && n == 1 ? "" : "s");
}

static void themes(struct sbuf *b, const struct briefing_data *d)
{
	const struct named_list *tags = &d->tpl->tags;
	/* Counts per template tag, then tags the template lacks, in first-seen order. */
	struct named_list seen = {0};
	for (size_t c = 0; c < d->ncases; c++)
		for (size_t t = 0; t < d->cases[c].tags.n; t++) {
			const char *id = d->cases[c].tags.items[t].id;
			if (!named_find(tags, id) && !named_find(&seen, id) &&
			    !named_add(&seen, id, id))
				b->failed = true;
		}
	size_t total = tags->n + seen.n;
	size_t *counts = calloc(total ? total : 1, sizeof *counts);
	if (!counts) {
		b->failed = true;
		named_list_free(&seen);
		return;
	}
	for (size_t i = 0; i < total; i++) {
		const char *id = i < tags->n ? tags->items[i].id : seen.items[i - tags->n].id;
		for (size_t c = 0; c < d->ncases; c++)
			counts[i] += named_find(&d->cases[c].tags, id) != NULL;
	}
	/* Most frequent first, equal counts in the template's order; then the themes whose
	 * count is suppressed, in the template's order, so that the order tells nothing. */
	size_t threshold = briefing_threshold(d);
	bool any = false;
	for (size_t want = d->ncases; want > 0 && want >= threshold; want--)
		for (size_t i = 0; i < total; i++) {
			if (counts[i] != want)
				continue;
			theme(b, i < tags->n ? tags->items[i].label : seen.items[i - tags->n].label,
			      want, threshold, !any);
			any = true;
		}
	for (size_t i = 0; i < total; i++) {
		if (counts[i] == 0 || counts[i] >= threshold)
			continue;
		theme(b, i < tags->n ? tags->items[i].label : seen.items[i - tags->n].label,
		      counts[i], threshold, !any);
		any = true;
	}
	if (!any)
		sbuf_add(b, "No other themes were recorded for these cases.");
	free(counts);
	named_list_free(&seen);
}

static void good_practice(struct sbuf *b, const struct briefing_data *d)
{
	for (size_t i = 0; i < d->ngood; i++) {
		sbuf_add(b, i ? "\n- " : "- ");
		md_prose(b, d->good[i].text, "  ");
	}
	if (d->ngood == 0)
		sbuf_add(b, "No good practice has been recorded yet.");
}

static void learning(struct sbuf *b, const struct briefing_data *d, int level)
{
	for (size_t i = 0; i < d->npoints; i++) {
		const struct learning_point_row *lp = &d->points[i];
		sbuf_add(b, i ? "\n\n" : "");
		for (int k = 0; k < level; k++)
			sbuf_addc(b, '#');
		sbuf_addf(b, " Learning Point %d\n\n", lp->number);
		if (*lp->title) {
			sbuf_add(b, "**");
			md_inline(b, lp->title);
			sbuf_add(b, "**\n\n");
		}
		md_prose(b, lp->text, "");
	}
	if (d->npoints == 0)
		sbuf_add(b, "No learning points have been recorded yet.");
}

static void actions(struct sbuf *b, const struct briefing_data *d)
{
	bool any = false;
	for (size_t i = 0; i < d->npoints; i++) {
		const struct learning_point_row *lp = &d->points[i];
		for (size_t k = 0; k < lp->nactions; k++) {
			const struct action_row *a = &lp->actions[k];
			if (!any)
				sbuf_add(b, "| Learning point | Action | Owner | Due | Status |\n"
					    "| --- | --- | --- | --- | --- |");
			any = true;
			sbuf_addf(b, "\n| %d", lp->number);
			if (*lp->title) {
				sbuf_add(b, ". ");
				md_cell(b, lp->title);
			}
			sbuf_add(b, " | ");
			md_cell(b, a->what);
			sbuf_add(b, " | ");
			md_cell(b,
				*a->owner_agency ? briefing_agency_name(d, a->owner_agency) : "");
			sbuf_add(b, " | ");
			day_month_year(b, a->due_date);
			sbuf_addf(b, " | %s |", action_status_label(a->status));
		}
	}
	if (!any)
		sbuf_add(b, "No actions have been agreed yet.");
}

static void resource(struct sbuf *b, const struct resource *r, bool first)
{
	sbuf_add(b, first ? "- " : "\n- ");
	md_link(b, r->title, r->url);
}

static void resources(struct sbuf *b, const struct briefing_data *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->tpl->nresources; i++)
		resource(b, &d->tpl->resources[i], n++ == 0);
	for (size_t i = 0; i < d->opt->nresources; i++)
		resource(b, &d->opt->resources[i], n++ == 0);
	if (n == 0)
		sbuf_add(b, "No resources are listed for this audit.");
}

static void closing(struct sbuf *b, const struct briefing_data *d)
{
	sbuf_add(b, "*This audit reviewed ");
	count_words(b, d->ncases);
	sbuf_addf(b,
		  " children's case file%s, and the findings reflect this sample of %zu "
		  "case%s.*",
		  d->ncases == 1 ? "" : "s", d->ncases, d->ncases == 1 ? "" : "s");
}

/* The comparison's own headings sit one level below the section's. */
static void comparison(struct sbuf *b, const struct briefing_data *d, int level)
{
	if (!d->comparison)
		return;
	struct sbuf part = {0};
	compare_render_published(&part, d->comparison, level, briefing_threshold(d));
	while (part.len && part.data[part.len - 1] == '\n')
		part.data[--part.len] = '\0';
	if (part.failed)
		b->failed = true;
	else if (part.len)
		sbuf_add(b, part.data);
	sbuf_free(&part);
}

void briefing_part_write(struct sbuf *b, const struct briefing_data *d, enum briefing_part part,
			 int level)
{
	switch (part) {
	case BRIEFING_END:
		break;
	case BRIEFING_TEMPLATE_BACKGROUND:
		template_background(b, d);
		break;
	case BRIEFING_AUDIT:
		audit_paragraph(b, d);
		break;
	case BRIEFING_THEMES:
		themes(b, d);
		break;
	case BRIEFING_GOOD_PRACTICE:
		good_practice(b, d);
		break;
	case BRIEFING_LEARNING:
		learning(b, d, level);
		break;
	case BRIEFING_FINDINGS:
		if (d->findings)
			briefing_findings_write(b, d, level);
		break;
	case BRIEFING_ACTIONS:
		actions(b, d);
		break;
	case BRIEFING_RESOURCES:
		resources(b, d);
		break;
	case BRIEFING_CLOSING:
		closing(b, d);
		break;
	case BRIEFING_COMPARISON:
		comparison(b, d, level);
		break;
	}
}
