/* The briefing of our learning: reads the audit, checks its text for identifiers, and writes
 * the title, then each part the layout shows, in its order. See briefing.h. */
#include "briefing.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing_internal.h"
#include "disclosure_words.h"
#include "md.h"

void briefing_data_free(struct briefing_data *d)
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
	briefing_parts_free(&d->parts);
	briefing_settings_free(&d->settings);
}

static int data_read(struct store *st, int64_t audit_id, struct briefing_data *d,
		     struct maca_err *err)
{
	int rc = store_audit_get(st, audit_id, &d->audit, err);
	if (!rc)
		rc = store_audit_template(st, audit_id, &d->tpl, err);
	if (!rc)
		rc = briefing_parts_read(st, audit_id, d->opt->layout, &d->parts, err);
	if (!rc)
		rc = briefing_settings_read(st, audit_id, &d->settings, err);
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &d->agencies, err);
	struct attendance_row *att = NULL;
	size_t natt = 0;
	if (!rc)
		rc = store_attendance_list(st, audit_id, &att, &natt, err);
	for (size_t i = 0; !rc && i < natt; i++) {
		d->attended += att[i].status == ATTENDANCE_ATTENDED;
		d->attendance = d->attendance || att[i].status != ATTENDANCE_UNKNOWN;
	}
	attendance_rows_free(att, natt);
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
	if (!rc)
		d->findings = !d->opt->no_findings; /* the part's shown is the template's */
	return rc;
}

int briefing_data_load(struct store *st, int64_t audit_id, struct briefing_data *d,
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

enum briefing_field briefing_field_parse(const char *field, enum briefing_part *part,
					 enum briefing_setting *setting)
{
	if (!field || strncmp(field, "briefing-", 9) != 0)
		return BRIEFING_FIELD_NONE;
	field += 9;
	if (briefing_setting_parse(field, setting))
		return BRIEFING_FIELD_SETTING;
	if (briefing_part_parse(field, part))
		return BRIEFING_FIELD_TEXT;
	size_t len = strlen(field);
	char *name =
	    len > 8 && strcmp(field + len - 8, "-heading") == 0 ? strndup(field, len - 8) : NULL;
	bool heading = name && briefing_part_parse(name, part);
	free(name);
	return heading ? BRIEFING_FIELD_HEADING : BRIEFING_FIELD_NONE;
}

/* The chair's words in the parts this layout shows: each text and heading, and the title and
 * subtitle. They are the audit's: a finding in them is accepted against the audit, field
 * "briefing-PART" for a part's text ("-heading" for its heading), "briefing-title" and
 * "briefing-subtitle". The standard layout's background is the audit's own (its field
 * "background"), checked with the audit's details. */
static int scan_parts(const struct briefing_data *d, const struct disclosure_vocab *v,
		      struct disclosure_list *found, struct maca_err *err)
{
	const enum disclosure_place IN = DISCLOSURE_IN_BRIEFING;
	int64_t id = d->audit.id;
	int rc = check(found, v, d->settings.title, false, IN, id, "briefing-title", err,
		       "briefing, title") ||
		 check(found, v, d->settings.subtitle, false, IN, id, "briefing-subtitle", err,
		       "briefing, subtitle");
	for (size_t i = 0; !rc && i < BRIEFING_NPARTS; i++) {
		const struct briefing_part_state *p = &d->parts.items[i];
		if (!p->shown)
			continue;
		const char *name = briefing_part_name(p->part);
		rc = check(found, v, p->heading, false, IN, id, briefing_part_field(p->part, true),
			   err, "briefing, %s, heading", name);
		bool audits_own = p->part == BRIEFING_BACKGROUND &&
				  (strcmp(d->parts.layout, "standard") == 0 || p->inherited);
		if (!rc && p->text && !audits_own)
			rc = check(found, v, p->text, false, IN, id,
				   briefing_part_field(p->part, false), err, "briefing, %s, text",
				   name);
	}
	return rc ? err->status : MACA_OK;
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
		       "audit background") ||
		 scan_parts(d, v, found, err);
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

/* "# Briefing of our learning (June 2025)", then the subtitle: the chair's, or the audit's
 * title. The month is the publication date's, or the audit day's until one is set. */
static void title(struct sbuf *b, const struct briefing_data *d)
{
	const char *when = *d->settings.published ? d->settings.published : d->audit.audit_date;
	sbuf_add(b, "# ");
	md_inline(b, d->settings.title);
	struct sbuf month = {0};
	briefing_month_year(&month, when);
	if (month.len)
		sbuf_addf(b, " (%s)", month.data);
	if (month.failed)
		b->failed = true;
	sbuf_free(&month);
	const char *sub = *d->settings.subtitle ? d->settings.subtitle : d->audit.title;
	if (sub && *sub) {
		sbuf_add(b, "\n\n");
		md_inline(b, sub);
	}
	sbuf_add(b, "\n");
}

/* One part: its heading (numbered in a numbered layout), the chair's text, then its records
 * unless the text takes their place. Nothing at all when it has nothing to say. */
static void part(struct sbuf *b, const struct briefing_data *d, const struct briefing_part_state *p,
		 int *number, size_t span[2])
{
	struct sbuf body = {0};
	enum briefing_part_kind kind = briefing_part_kind(p->part);
	if (p->text)
		md_prose(&body, p->text, ""); /* as typed: paragraphs, lists, bold, links */
	if (kind == BRIEFING_KIND_RECORDS || (kind == BRIEFING_KIND_REPLACEABLE && !p->text)) {
		size_t before = body.len;
		if (body.len)
			sbuf_add(&body, "\n\n");
		size_t start = body.len;
		briefing_part_records(&body, d, p->part);
		if (body.len == start && body.data && !body.failed) /* no records */
			body.len = before, body.data[before] = '\0';
	}
	if (body.failed)
		b->failed = true;
	if (body.len) {
		span[0] = b->len;
		if (*p->heading) {
			sbuf_add(b, "\n## ");
			if (d->parts.numbered)
				sbuf_addf(b, "%d. ", ++*number);
			md_inline(b, p->heading);
			sbuf_add(b, "\n");
		}
		sbuf_addf(b, "\n%s\n", body.data);
		span[1] = b->len;
	}
	sbuf_free(&body);
}

int briefing_write(struct store *st, int64_t audit_id, const struct briefing_options *opt,
		   char **out, struct disclosure_list *found, struct maca_err *err)
{
	*out = NULL;
	struct briefing_data d = {.opt = opt};
	int rc = briefing_data_load(st, audit_id, &d, err);
	if (!rc)
		rc = scan_all(st, &d, found, err);
	if (!rc) {
		struct sbuf b = {0};
		title(&b, &d);
		int number = 0;
		for (size_t i = 0; i < BRIEFING_NPARTS; i++) {
			const struct briefing_part_state *p = &d.parts.items[i];
			size_t span[2] = {SIZE_MAX, SIZE_MAX};
			if (p->shown && (p->part != BRIEFING_FINDINGS || d.findings))
				part(&b, &d, p, &number, span);
			if (opt->spans) {
				opt->spans[p->part][0] = span[0];
				opt->spans[p->part][1] = span[1];
			}
		}
		*out = sbuf_take(&b);
		if (!*out)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	briefing_data_free(&d);
	return rc;
}

/* A word: a run of letters or digits (with what joins them: an apostrophe, a hyphen) outside
 * Markdown's marks; a link's address is no words. */
size_t briefing_words(const char *md)
{
	size_t n = 0;
	bool in_word = false;
	for (const char *s = md; *s; s++) {
		if (*s == ']' && s[1] == '(') { /* skip "(address)" */
			const char *close = strchr(s + 2, ')');
			if (close) {
				s = close;
				in_word = false;
				continue;
			}
		}
		unsigned char c = (unsigned char)*s;
		bool letter = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			      (c >= 'a' && c <= 'z') || c >= 0x80;
		if (letter && !in_word)
			n++;
		in_word = letter || (in_word && (c == '\'' || c == '-'));
	}
	return n;
}

/* A part's suggestion is written as the briefing writes the part, from the same reading of
 * the audit (briefing_parts.c), without the comparison. */
int briefing_part_suggestion(struct store *st, int64_t audit_id, enum briefing_part part,
			     const struct briefing_options *opt, char **out, struct maca_err *err)
{
	*out = NULL;
	struct briefing_options o = *opt;
	o.with_comparison = false;
	struct briefing_data d = {.opt = &o};
	int rc = briefing_data_load(st, audit_id, &d, err);
	if (!rc) {
		struct sbuf b = {0};
		briefing_suggest(&b, &d, part);
		if (!b.failed && !b.data)
			sbuf_add(&b, "");
		if (!(*out = sbuf_take(&b)))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	briefing_data_free(&d);
	return rc;
}
