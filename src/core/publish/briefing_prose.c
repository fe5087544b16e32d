/* The prose maca offers for a part, for the chair to take into its text and edit: it never
 * appears in a briefing on its own (briefing.h). Written as Markdown the chair can edit. */
#include <string.h>

#include "briefing_internal.h"
#include "md.h"

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
 * It considered six children's case files." */
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

static void questions(struct sbuf *b)
{
	sbuf_add(b, "- What does this learning mean for the children and families your team "
		    "works with?\n"
		    "- What will your team do differently as a result, and by when?\n"
		    "- How will you know that the learning is part of everyday practice?");
}

void briefing_suggest(struct sbuf *b, const struct briefing_data *d, enum briefing_part part)
{
	switch (part) {
	case BRIEFING_BACKGROUND:
		template_background(b, d);
		sbuf_add(b, b->len ? "\n\n" : "");
		audit_day(b, d);
		break;
	case BRIEFING_WHY:
		template_background(b, d);
		break;
	case BRIEFING_THEMES:
		themes(b, d);
		break;
	case BRIEFING_SAMPLE:
		sample(b, d);
		break;
	case BRIEFING_WHAT_TO_DO:
		what_to_do(b, d);
		break;
	case BRIEFING_QUESTIONS:
		questions(b);
		break;
	case BRIEFING_FURTHER:
		briefing_further_list(b, d);
		break;
	case BRIEFING_GOOD_PRACTICE:
	case BRIEFING_LEARNING:
	case BRIEFING_KEY_LEARNING:
	case BRIEFING_FINDINGS:
	case BRIEFING_COMPARISON:
	case BRIEFING_ACTIONS:
	case BRIEFING_RESOURCES:
	case BRIEFING_NPARTS:
		break;
	}
}
