/* The briefing of our learning: reads the audit, checks its text for identifiers, and walks
 * the layout's sections, writing each part. See briefing.h. */
#include "briefing.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "briefing_internal.h"
#include "disclosure_words.h"
#include "md.h"

static void data_free(struct briefing_data *d)
{
	audit_info_free(&d->audit);
	template_free(d->tpl);
	named_list_free(&d->agencies);
	for (size_t c = 0; d->agreed && c < d->ncases; c++)
		agreed_rows_free(d->agreed[c], d->nagreed[c]);
	free(d->agreed);
	free(d->nagreed);
	case_info_list_free(d->cases, d->ncases);
	good_practice_rows_free(d->good, d->ngood);
	learning_point_rows_free(d->points, d->npoints);
	if (d->comparison)
		comparison_free(d->comparison);
	free(d->comparison);
}

static int data_read(struct store *st, int64_t audit_id, struct briefing_data *d,
		     struct maca_err *err)
{
	int rc = store_audit_get(st, audit_id, &d->audit, err);
	if (!rc)
		rc = store_audit_template(st, audit_id, &d->tpl, err);
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &d->agencies, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &d->cases, &d->ncases, err);
	if (!rc) {
		d->agreed = calloc(d->ncases ? d->ncases : 1, sizeof *d->agreed);
		d->nagreed = calloc(d->ncases ? d->ncases : 1, sizeof *d->nagreed);
		if (!d->agreed || !d->nagreed)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc)
		rc = store_audit_agreed(st, audit_id, d->cases, d->ncases, d->agreed, d->nagreed,
					err);
	if (!rc)
		rc = store_good_practice_list(st, audit_id, &d->good, &d->ngood, err);
	if (!rc)
		rc = store_learning_points(st, audit_id, &d->points, &d->npoints, err);
	int64_t earlier = 0;
	if (!rc && d->opt->with_comparison)
		rc = store_audit_earlier(st, audit_id, &earlier, err);
	if (!rc && d->opt->with_comparison && !earlier)
		rc = err_set(err, MACA_EUSER,
			     "audit %lld is not a re-audit of an audit in this database, so there "
			     "is nothing to compare it with",
			     (long long)audit_id);
	if (!rc && earlier) {
		d->comparison = calloc(1, sizeof *d->comparison);
		rc = d->comparison ? compare_audits(st, earlier, audit_id, d->comparison, err)
				   : err_set(err, MACA_ENOMEM, "out of memory");
		if (rc) {
			free(d->comparison);
			d->comparison = NULL;
		}
	}
	return rc;
}

/* Everything the briefing says, read as one snapshot. */
static int data_load(struct store *st, int64_t audit_id, struct briefing_data *d,
		     struct maca_err *err)
{
	if (store_read_begin(st, err))
		return err->status;
	int rc = data_read(st, audit_id, d, err);
	store_read_end(st);
	return rc;
}

/* Checks one text of a record's field, with its place written from fmt. */
static int check(struct disclosure_list *found, const struct disclosure_vocab *vocab,
		 const char *text, bool reference, enum disclosure_place place, int64_t id,
		 const char *field, struct maca_err *err, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));
static int check(struct disclosure_list *found, const struct disclosure_vocab *vocab,
		 const char *text, bool reference, enum disclosure_place place, int64_t id,
		 const char *field, struct maca_err *err, const char *fmt, ...)
{
	size_t before = found->n;
	va_list ap;
	va_start(ap, fmt);
	char *where = str_vfmt(fmt, ap);
	va_end(ap);
	if (!where)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = reference ? disclosure_check_reference(text, vocab, where, found, err)
			   : disclosure_scan_vocab(text, vocab, where, found, err);
	free(where);
	disclosure_list_place(found, before, place, id, field);
	return rc;
}

/* The earlier audit's text in the comparison, with the earlier audit's own words. */
static int scan_comparison(struct store *st, const struct briefing_data *d,
			   struct disclosure_list *found, struct maca_err *err)
{
	struct disclosure_words words = {.resources = d->opt->resources,
					 .nresources = d->opt->nresources};
	const struct disclosure_vocab *v = NULL;
	int rc = disclosure_words_get(&words, st, d->comparison->then.id, &v, err);
	if (!rc)
		rc = compare_scan(d->comparison, v, found, err);
	disclosure_words_free(&words);
	return rc;
}

static int scan_all(struct store *st, const struct briefing_data *d, struct disclosure_list *found,
		    struct maca_err *err)
{
	struct disclosure_vocab *v = NULL;
	if (disclosure_gate_words_of(d->tpl, d->audit.partnership, &d->agencies, d->opt->resources,
				     d->opt->nresources, &v, err))
		return err->status;
	const struct audit_info *a = &d->audit;
	const enum disclosure_place AUDIT = DISCLOSURE_IN_AUDIT;
	int rc = check(found, v, a->title, false, AUDIT, a->id, "title", err, "audit title") ||
		 check(found, v, a->theme, false, AUDIT, a->id, "theme", err, "audit theme") ||
		 check(found, v, a->partnership, false, AUDIT, a->id, "partnership", err,
		       "audit partnership") ||
		 check(found, v, a->background, false, AUDIT, a->id, "background", err,
		       "audit background");
	for (size_t c = 0; !rc && c < d->ncases; c++)
		rc = check(found, v, d->cases[c].reference, true, DISCLOSURE_IN_CASE,
			   d->cases[c].id, "reference", err, "case %zu, reference", c + 1);
	for (size_t i = 0; !rc && i < d->ngood; i++)
		rc = check(found, v, d->good[i].text, false, DISCLOSURE_IN_GOOD_PRACTICE,
			   d->good[i].id, "text", err, "good practice %d, text",
			   d->good[i].position);
	for (size_t i = 0; !rc && i < d->npoints; i++) {
		const struct learning_point_row *lp = &d->points[i];
		const enum disclosure_place LP = DISCLOSURE_IN_LEARNING_POINT;
		rc = check(found, v, lp->title, false, LP, lp->id, "title", err,
			   "learning point %d, title", lp->number) ||
		     check(found, v, lp->text, false, LP, lp->id, "text", err,
			   "learning point %d, text", lp->number);
		for (size_t k = 0; !rc && k < lp->nactions; k++)
			rc = check(found, v, lp->actions[k].what, false, DISCLOSURE_IN_ACTION,
				   lp->actions[k].id, "what", err, "learning point %d, action %d",
				   lp->number, lp->actions[k].position);
	}
	disclosure_vocab_free(v);
	/* Features that together single one case out: the themes list would show them. */
	if (!rc)
		rc = published_check_features(d->cases, d->ncases, &d->tpl->tags, found, err);
	if (!rc && d->comparison)
		rc = scan_comparison(st, d, found, err);
	return rc ? err->status : 0;
}

static void title(struct sbuf *b, const struct briefing_data *d)
{
	sbuf_add(b, "# Briefing of our learning");
	if (d->audit.audit_date && date_valid(d->audit.audit_date)) {
		sbuf_add(b, " (");
		briefing_month_year(b, d->audit.audit_date);
		sbuf_add(b, ")");
	}
	if (d->audit.partnership && *d->audit.partnership) {
		sbuf_add(b, "\n\n**");
		md_inline(b, d->audit.partnership);
		sbuf_add(b, "**");
	}
	if (d->audit.title && *d->audit.title) {
		sbuf_add(b, "\n\n");
		md_inline(b, d->audit.title);
	}
	sbuf_add(b, "\n");
}

static void section(struct sbuf *b, const struct briefing_data *d,
		    const struct briefing_section *sec)
{
	struct sbuf body = {0};
	for (size_t p = 0; p < 4 && sec->parts[p].part != BRIEFING_END; p++) {
		size_t before = body.len;
		if (sec->parts[p].subheading) {
			sbuf_add(&body, body.len ? "\n\n### " : "### ");
			sbuf_add(&body, sec->parts[p].subheading);
			sbuf_add(&body, "\n\n");
		} else if (body.len) {
			sbuf_add(&body, "\n\n");
		}
		size_t start = body.len;
		/* A part's own headings sit below the section's, and below its subheading. */
		int level = sec->parts[p].subheading ? 4 : 3;
		briefing_part_write(&body, d, sec->parts[p].part, level);
		if (body.len == start && body.data && !body.failed) /* nothing to say */
			body.len = before, body.data[before] = '\0';
	}
	if (body.failed)
		b->failed = true;
	if (body.len) {
		if (sec->heading)
			sbuf_addf(b, "\n## %s\n", sec->heading);
		sbuf_addf(b, "\n%s\n", body.data);
	}
	sbuf_free(&body);
}

int briefing_write(struct store *st, int64_t audit_id, const struct briefing_options *opt,
		   char **out, struct disclosure_list *found, struct maca_err *err)
{
	*out = NULL;
	struct briefing_data d = {.opt = opt};
	int rc = data_load(st, audit_id, &d, err);
	const struct briefing_layout *layout = NULL;
	if (!rc) {
		const char *name = opt->layout ? opt->layout : d.tpl->layout;
		layout = briefing_layout_find(name);
		if (!layout)
			rc = err_set(err, MACA_EUSER, "unknown briefing layout '%s' (known: %s)",
				     name, briefing_layout_names());
	}
	if (!rc)
		rc = scan_all(st, &d, found, err);
	if (!rc) {
		d.findings = d.tpl->findings && !opt->no_findings;
		struct sbuf b = {0};
		title(&b, &d);
		for (size_t i = 0; i < layout->nsections; i++)
			section(&b, &d, &layout->sections[i]);
		*out = sbuf_take(&b);
		if (!*out)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	data_free(&d);
	return rc;
}
