/* What each part of the briefing says besides the chair's text: the records it lists (good
 * practice, learning points, actions, themes, resources, further information), and the prose
 * maca suggests for the chair to take into its text and edit, which never appears in a
 * briefing on its own (briefing.h). See briefing_internal.h. */
#include <stdlib.h>
#include <string.h>

#include "briefing_internal.h"
#include "md.h"

static const char *const month_names[] = {"January",   "February", "March",    "April",
					  "May",       "June",	   "July",     "August",
					  "September", "October",  "November", "December"};

void briefing_month_year(struct sbuf *b, const char *date)
{
	if (!date || strlen(date) < 7)
		return;
	char day[11] = "YYYY-MM-01";
	memcpy(day, date, 7);
	if (!date_valid(day) || (strlen(date) != 7 && !date_valid(date)))
		return;
	int month = (date[5] - '0') * 10 + (date[6] - '0');
	sbuf_addf(b, "%s %.4s", month_names[month - 1], date);
}

void briefing_day_month_year(struct sbuf *b, const char *date)
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

void briefing_count_words(struct sbuf *b, size_t n)
{
	static const char *const words[] = {"no",   "one",    "two",   "three", "four",
					    "five", "six",    "seven", "eight", "nine",
					    "ten",  "eleven", "twelve"};
	if (n < sizeof words / sizeof words[0])
		sbuf_add(b, words[n]);
	else
		sbuf_addf(b, "%zu", n);
}

/* One theme: as published, with its count of cases (suppressed when small: published.h), or
 * as the chair would type it. */
static void theme(struct sbuf *b, const char *label, size_t n, size_t threshold, bool counts,
		  bool first)
{
	sbuf_add(b, first ? "- " : "\n- ");
	if (!counts) {
		sbuf_add(b, label);
		return;
	}
	md_inline(b, label);
	enum published_state st = published_alone(n, threshold);
	sbuf_add(b, " (");
	published_count(b, n, st, threshold);
	sbuf_addf(b, " case%s)", st == PUBLISHED_SHOWN && n == 1 ? "" : "s");
}

void briefing_themes_list(struct sbuf *b, const struct briefing_data *d, bool counts_shown)
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
			      want, threshold, counts_shown, !any);
			any = true;
		}
	for (size_t i = 0; i < total; i++) {
		if (counts[i] == 0 || counts[i] >= threshold)
			continue;
		theme(b, i < tags->n ? tags->items[i].label : seen.items[i - tags->n].label,
		      counts[i], threshold, counts_shown, !any);
		any = true;
	}
	free(counts);
	named_list_free(&seen);
}

static void good_practice(struct sbuf *b, const struct briefing_data *d)
{
	for (size_t i = 0; i < d->ngood; i++) {
		sbuf_add(b, i ? "\n- " : "- ");
		md_prose(b, d->good[i].text, "  ");
	}
}

/* One learning point as the standard briefing has it: "Learning Point N", its title when it
 * has one, then its text. */
static void learning_point(struct sbuf *b, const struct learning_point_row *lp)
{
	sbuf_addf(b, "### Learning Point %d", lp->number);
	if (*lp->title) {
		sbuf_add(b, "\n\n**");
		md_inline(b, lp->title);
		sbuf_add(b, "**");
	}
	if (*lp->text) {
		sbuf_add(b, "\n\n");
		md_prose(b, lp->text, "");
	}
}

static void learning(struct sbuf *b, const struct briefing_data *d)
{
	for (size_t i = 0; i < d->npoints; i++) {
		sbuf_add(b, i ? "\n\n" : "");
		learning_point(b, &d->points[i]);
	}
}

size_t briefing_key_points(const struct briefing_data *d, size_t idx[BRIEFING_KEY_LEARNING_MAX])
{
	size_t n = 0;
	for (size_t k = 0; k < d->settings.nkey_learning; k++)
		for (size_t i = 0; i < d->npoints; i++)
			if (d->points[i].number == d->settings.key_learning[k])
				idx[n++] = i;
	return n;
}

/* The picked points, shorter than the standard's: a paragraph each, led by its title or
 * "Learning point N". */
static void key_learning(struct sbuf *b, const struct briefing_data *d)
{
	size_t idx[BRIEFING_KEY_LEARNING_MAX];
	size_t n = briefing_key_points(d, idx);
	for (size_t k = 0; k < n; k++) {
		const struct learning_point_row *lp = &d->points[idx[k]];
		sbuf_add(b, k ? "\n\n**" : "**");
		if (*lp->title)
			md_inline(b, lp->title);
		else
			sbuf_addf(b, "Learning point %d", lp->number);
		sbuf_add(b, *lp->text ? ".** " : ".**");
		md_prose(b, lp->text, "");
	}
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
			briefing_day_month_year(b, a->due_date);
			sbuf_addf(b, " | %s |", action_status_label(a->status));
		}
	}
}

static void resource(struct sbuf *b, const struct resource *r, bool first)
{
	sbuf_add(b, first ? "- " : "\n- ");
	md_link(b, r->title, r->url);
}

/* The partnership's own first, then those of the template's the chair kept. */
static void resources(struct sbuf *b, const struct briefing_data *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->opt->nresources; i++)
		resource(b, &d->opt->resources[i], n++ == 0);
	for (size_t i = 0; i < d->tpl->nresources; i++)
		if (i < d->settings.ntemplate_resources && d->settings.template_resources[i])
			resource(b, &d->tpl->resources[i], n++ == 0);
}

void briefing_further_list(struct sbuf *b, const struct briefing_data *d)
{
	const struct partnership_info *p = d->opt->partnership;
	if (!p)
		return;
	size_t n = 0;
	if (*p->website) {
		sbuf_add(b, "- ");
		md_link(b, *p->website_title ? p->website_title : "Our website", p->website);
		n++;
	}
	if (*p->newsletter) {
		sbuf_add(b, n++ ? "\n- " : "- ");
		md_link(b, *p->newsletter_title ? p->newsletter_title : "Our newsletter",
			p->newsletter);
	}
	if (*p->contact) {
		sbuf_add(b, n++ ? "\n- " : "- ");
		sbuf_add(b, "Contact: ");
		md_inline(b, p->contact);
	}
}

/* The comparison's own headings sit one level below the part's. */
static void comparison(struct sbuf *b, const struct briefing_data *d)
{
	if (!d->comparison)
		return;
	struct sbuf part = {0};
	compare_render_published(&part, d->comparison, 3, briefing_threshold(d));
	while (part.len && part.data[part.len - 1] == '\n')
		part.data[--part.len] = '\0';
	if (part.failed)
		b->failed = true;
	else if (part.len)
		sbuf_add(b, part.data);
	sbuf_free(&part);
}

/* The records parts' writers that take more than the part: the themes with their counts,
 * the findings at the briefing's heading level when there are any. */
static void themes_counted(struct sbuf *b, const struct briefing_data *d)
{
	briefing_themes_list(b, d, true);
}

static void findings(struct sbuf *b, const struct briefing_data *d)
{
	if (d->findings)
		briefing_findings_write(b, d, 3);
}

/* Suggestions: Markdown as the chair would type it. */

/* Text as the chair would type it (the chair's text is Markdown, escaped when written), on
 * one line. */
static void plain(struct sbuf *b, const char *s)
{
	for (; *s; s++)
		sbuf_addc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

static void template_background(struct sbuf *b, const struct briefing_data *d)
{
	for (size_t i = 0; i < d->tpl->background.n; i++) {
		if (i)
			sbuf_add(b, "\n\n");
		plain(b, d->tpl->background.items[i].label);
	}
}

/* "The theme of this audit was ... The audit day took place in ... and was chaired by ...
 * It considered six children's case files. In all, five agencies took part; four of them
 * attended the audit day." */
static void audit_day(struct sbuf *b, const struct briefing_data *d)
{
	const struct audit_info *a = &d->audit;
	const char *theme = a->theme && *a->theme ? a->theme : d->tpl->theme;
	if (theme && *theme) {
		sbuf_add(b, "The theme of this audit was ");
		plain(b, theme);
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
		plain(b, briefing_agency_name(d, a->chair_agency));
	}
	if (dated || chaired)
		sbuf_add(b, ". ");
	sbuf_add(b, "It considered ");
	briefing_count_words(b, d->ncases);
	sbuf_add(b, d->ncases == 1 ? " child's case file." : " children's case files.");
	/* How many agencies, never which stayed away. */
	sbuf_add(b, " In all, ");
	briefing_count_words(b, d->agencies.n);
	sbuf_add(b, d->agencies.n == 1 ? " agency took part" : " agencies took part");
	if (d->attendance) {
		sbuf_add(b, "; ");
		briefing_count_words(b, d->attended);
		sbuf_add(b, d->agencies.n == 1 ? " attended" : " of them attended");
		sbuf_add(b, " the audit day");
	}
	sbuf_add(b, ".");
}

static void sample(struct sbuf *b, const struct briefing_data *d)
{
	sbuf_add(b, "This audit reviewed ");
	briefing_count_words(b, d->ncases);
	sbuf_add(b, d->ncases == 1 ? " child's case file" : " children's case files");
	sbuf_add(b, ", and the findings reflect this sample.");
}

static void themes(struct sbuf *b, const struct briefing_data *d)
{
	struct sbuf list = {0};
	briefing_themes_list(&list, d, false);
	if (list.failed)
		b->failed = true;
	else if (list.len)
		sbuf_addf(b, "Other themes which featured in the cases:\n\n%s", list.data);
	sbuf_free(&list);
}

/* What teams are asked to do: the actions of the key learning, one line each. */
static void what_to_do(struct sbuf *b, const struct briefing_data *d)
{
	size_t idx[BRIEFING_KEY_LEARNING_MAX];
	size_t n = briefing_key_points(d, idx), any = 0;
	for (size_t k = 0; k < n; k++) {
		const struct learning_point_row *lp = &d->points[idx[k]];
		for (size_t i = 0; i < lp->nactions; i++) {
			const struct action_row *a = &lp->actions[i];
			sbuf_add(b, any++ ? "\n- " : "- ");
			plain(b, a->what);
			if (*a->owner_agency) {
				sbuf_add(b, " (");
				plain(b, briefing_agency_name(d, a->owner_agency));
				sbuf_add(b, ")");
			}
		}
	}
}

static void questions(struct sbuf *b, const struct briefing_data *d)
{
	(void)d;
	sbuf_add(b, "- What does this learning mean for the children and families your team "
		    "works with?\n"
		    "- What will your team do differently as a result, and by when?\n"
		    "- How will you know that the learning is part of everyday practice?");
}

/* The background the template gives, then the audit's day. */
static void background(struct sbuf *b, const struct briefing_data *d)
{
	template_background(b, d);
	sbuf_add(b, b->len ? "\n\n" : "");
	audit_day(b, d);
}

typedef void part_writer(struct sbuf *b, const struct briefing_data *d);

/* What each part writes: its records (the records and replaceable parts), and the text
 * suggested to start the chair's own (the text and replaceable parts). */
static const struct {
	part_writer *records, *suggest;
} writers[BRIEFING_NPARTS] = {
    [BRIEFING_BACKGROUND] = {NULL, background},
    [BRIEFING_WHY] = {NULL, template_background},
    [BRIEFING_THEMES] = {themes_counted, themes},
    [BRIEFING_SAMPLE] = {NULL, sample},
    [BRIEFING_GOOD_PRACTICE] = {good_practice, NULL},
    [BRIEFING_LEARNING] = {learning, NULL},
    [BRIEFING_KEY_LEARNING] = {key_learning, NULL},
    [BRIEFING_FINDINGS] = {findings, NULL},
    [BRIEFING_COMPARISON] = {comparison, NULL},
    [BRIEFING_ACTIONS] = {actions, NULL},
    [BRIEFING_WHAT_TO_DO] = {NULL, what_to_do},
    [BRIEFING_QUESTIONS] = {NULL, questions},
    [BRIEFING_RESOURCES] = {resources, NULL},
    [BRIEFING_FURTHER] = {briefing_further_list, briefing_further_list},
};

void briefing_part_records(struct sbuf *b, const struct briefing_data *d, enum briefing_part part)
{
	if ((unsigned)part < BRIEFING_NPARTS && writers[part].records)
		writers[part].records(b, d);
}

void briefing_suggest(struct sbuf *b, const struct briefing_data *d, enum briefing_part part)
{
	if ((unsigned)part < BRIEFING_NPARTS && writers[part].suggest)
		writers[part].suggest(b, d);
}
