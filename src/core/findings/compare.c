/* Works out the comparison (see compare.h for the rules); compare_render.c writes it. */
#include "compare.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "audit_grades.h"
#include "findings.h"

/* How far (in grades) an average must move to count as a change. */
#define COMPARE_THRESHOLD 0.1

int compare_scale_position(const struct template *tpl, int grade)
{
	if (grade < 0 || (size_t)grade >= tpl->ngrades || tpl->grades[grade].not_applicable)
		return 0;
	int pos = 0;
	for (int i = 0; i <= grade; i++)
		pos += !tpl->grades[i].not_applicable;
	return pos;
}

static void section_free(struct compare_section *s)
{
	free(s->id);
	free(s->title);
	named_list_free(&s->added);
	named_list_free(&s->removed);
	free(s->then);
	free(s->now);
}

void comparison_free(struct comparison *c)
{
	for (size_t i = 0; i < c->nsections; i++)
		section_free(&c->sections[i]);
	free(c->sections);
	for (size_t i = 0; i < c->nrecur; i++)
		named_list_free(&c->recur[i].sections);
	free(c->recur);
	for (size_t i = 0; i < c->nyesno; i++) {
		free(c->yesno[i].id);
		free(c->yesno[i].text);
	}
	free(c->yesno);
	learning_point_rows_free(c->points_then, c->npoints_then);
	learning_point_rows_free(c->points_now, c->npoints_now);
	audit_info_free(&c->then);
	audit_info_free(&c->now);
	template_free(c->tpl_then);
	template_free(c->tpl_now);
	*c = (struct comparison){0};
}

static size_t section_index(const struct template *tpl, const struct section *s)
{
	return (size_t)(s - tpl->sections);
}

/* Whether question id is in section s of tpl. */
static const struct question *in_section(const struct template *tpl, const struct section *s,
					 const char *id)
{
	const struct question *q = s ? template_question(tpl, id) : NULL;
	return q && q->section == section_index(tpl, s) ? q : NULL;
}

/* Questions of section `from` (in tpl `a`) missing from section `other` (in tpl `b`) go into
 * out; graded questions in both go into shared (when not NULL). */
static bool diff_questions(const struct template *a, const struct section *from,
			   const struct template *b, const struct section *other,
			   struct named_list *out, struct named_list *shared)
{
	for (size_t i = 0; from && i < from->nquestions; i++) {
		const struct question *q = &a->questions[from->first_question + i];
		const struct question *match = in_section(b, other, q->id);
		bool ok = true;
		if (!match)
			ok = named_add(out, q->id, q->text);
		else if (shared && q->kind == QUESTION_GRADED && match->kind == QUESTION_GRADED)
			ok = named_add(shared, q->id, q->text);
		if (!ok)
			return false;
	}
	return true;
}

/* Counts one side's case grades under the new scale; returns the average position. */
static double count_side(const struct template *own, const struct template *scale,
			 const int *grades, size_t ncases, size_t *counts, size_t *other,
			 size_t *none)
{
	double sum = 0;
	size_t graded = 0;
	for (size_t c = 0; c < ncases; c++) {
		if (grades[c] < 0) {
			(*none)++;
			continue;
		}
		int g = template_grade_index(scale, own->grades[grades[c]].id);
		if (g < 0) {
			if (other)
				(*other)++;
			continue;
		}
		counts[g]++;
		int pos = compare_scale_position(scale, g);
		if (pos > 0) {
			sum += pos;
			graded++;
		}
	}
	return graded ? sum / (double)graded : 0;
}

static enum compare_direction direction(double then, double now)
{
	if (then <= 0 || now <= 0)
		return COMPARE_UNKNOWN;
	if (now < then - COMPARE_THRESHOLD)
		return COMPARE_BETTER;
	if (now > then + COMPARE_THRESHOLD)
		return COMPARE_WORSE;
	return COMPARE_SAME;
}

/* Fills one compare_section from the section `sn` of the new template and `so` of the old
 * (either may be NULL, not both). */
static int build_section(struct compare_section *cs, const struct audit_grades *then,
			 const struct section *so, const struct audit_grades *now,
			 const struct section *sn, struct maca_err *err)
{
	const struct template *tn = now->tpl, *to = then->tpl;
	const struct section *named = sn ? sn : so;
	struct named_list shared = {0};
	int *grades = malloc((then->ncases + now->ncases + 1) * sizeof *grades);
	cs->id = strdup(named->id);
	cs->title = strdup(named->title);
	cs->then = calloc(tn->ngrades, sizeof *cs->then);
	cs->now = calloc(tn->ngrades, sizeof *cs->now);
	cs->in_then = so != NULL;
	cs->in_now = sn != NULL;
	bool ok = grades && cs->id && cs->title && cs->then && cs->now &&
		  diff_questions(tn, sn, to, so, &cs->added, &shared) &&
		  diff_questions(to, so, tn, sn, &cs->removed, NULL);
	cs->like_for_like = shared.n > 0;
	const struct named_list *only = cs->like_for_like ? &shared : NULL;
	if (ok && so) {
		ok = audit_grades_section(then, section_index(to, so), only, grades);
		if (ok)
			cs->then_average = count_side(to, tn, grades, then->ncases, cs->then,
						      &cs->then_other, &cs->then_none);
	}
	if (ok && sn) {
		ok = audit_grades_section(now, section_index(tn, sn), only, grades);
		if (ok)
			cs->now_average =
			    count_side(tn, tn, grades, now->ncases, cs->now, NULL, &cs->now_none);
	}
	cs->direction = direction(cs->then_average, cs->now_average);
	cs->gradable = (sn && findings_section_gradable(tn, section_index(tn, sn))) ||
		       (so && findings_section_gradable(to, section_index(to, so)));
	named_list_free(&shared);
	free(grades);
	return ok ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

static int build_sections(struct comparison *c, const struct audit_grades *then,
			  const struct audit_grades *now, struct maca_err *err)
{
	const struct template *tn = now->tpl, *to = then->tpl;
	c->sections = calloc(tn->nsections + to->nsections + 1, sizeof *c->sections);
	if (!c->sections)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < tn->nsections; i++) {
		const struct section *sn = &tn->sections[i];
		rc = build_section(&c->sections[c->nsections++], then, template_section(to, sn->id),
				   now, sn, err);
	}
	for (size_t i = 0; !rc && i < to->nsections; i++)
		if (!template_section(tn, to->sections[i].id))
			rc = build_section(&c->sections[c->nsections++], then, &to->sections[i],
					   now, NULL, err);
	return rc;
}

/* The new template's yes-no questions, with the cases agreed at each answer then and now. */
static int build_yesno(struct comparison *c, const struct audit_grades *then,
		       const struct audit_grades *now, struct maca_err *err)
{
	const struct template *tn = now->tpl, *to = then->tpl;
	c->yesno = calloc(tn->nquestions + 1, sizeof *c->yesno);
	if (!c->yesno)
		return err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t i = 0; i < tn->nquestions; i++) {
		const struct question *q = &tn->questions[i];
		c->ntext += q->kind == QUESTION_TEXT;
		if (q->kind != QUESTION_YESNO)
			continue;
		struct compare_yesno *y = &c->yesno[c->nyesno++];
		y->id = strdup(q->id);
		y->text = strdup(q->text);
		if (!y->id || !y->text)
			return err_set(err, MACA_ENOMEM, "out of memory");
		y->now_none =
		    findings_question_counts(tn, q, now->agreed, now->nagreed, now->ncases, y->now);
		const struct question *was = template_question(to, q->id);
		y->in_then = was && was->kind == QUESTION_YESNO;
		if (y->in_then)
			y->then_none = findings_question_counts(
			    to, was, then->agreed, then->nagreed, then->ncases, y->then);
	}
	return MACA_OK;
}

/* Lower-cased letters and digits only: "Plans: not SMART!" and "plans not smart" match. */
static char *title_key(const char *s)
{
	char *k = malloc(strlen(s) + 1), *p = k;
	if (!k)
		return NULL;
	for (; *s; s++)
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			*p++ = (char)tolower((unsigned char)*s);
	*p = '\0';
	return k;
}

static int build_recurrences(struct comparison *c, struct maca_err *err)
{
	size_t most = c->npoints_now * c->npoints_then;
	if (most == 0)
		return MACA_OK;
	c->recur = calloc(most, sizeof *c->recur);
	if (!c->recur)
		return err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t i = 0; i < c->npoints_now; i++) {
		const struct learning_point_row *now = &c->points_now[i];
		char *kn = title_key(now->title);
		if (!kn)
			return err_set(err, MACA_ENOMEM, "out of memory");
		for (size_t j = 0; j < c->npoints_then; j++) {
			const struct learning_point_row *then = &c->points_then[j];
			struct compare_recurrence *r = &c->recur[c->nrecur];
			char *kt = title_key(then->title);
			bool ok = kt != NULL;
			r->same_title = ok && *kn && strcmp(kn, kt) == 0;
			for (size_t s = 0; ok && s < now->sections.n; s++)
				if (named_find(&then->sections, now->sections.items[s].id))
					ok = named_add(&r->sections, now->sections.items[s].id,
						       now->sections.items[s].label);
			free(kt);
			if (!ok) {
				free(kn);
				return err_set(err, MACA_ENOMEM, "out of memory");
			}
			if (r->same_title || r->sections.n) {
				r->now = now;
				r->then = then;
				c->nrecur++;
			}
		}
		free(kn);
	}
	return MACA_OK;
}

int compare_audits(struct store *st, int64_t then_id, int64_t now_id, struct comparison *out,
		   struct maca_err *err)
{
	*out = (struct comparison){0};
	struct audit_grades then = {0}, now = {0};
	int rc = store_audit_get(st, then_id, &out->then, err);
	if (!rc)
		rc = store_audit_get(st, now_id, &out->now, err);
	if (!rc && strcmp(out->then.template_id, out->now.template_id) != 0)
		rc = err_set(err, MACA_EUSER,
			     "audit %lld uses template %s and audit %lld uses %s: only audits on "
			     "the same template can be compared",
			     (long long)then_id, out->then.template_id, (long long)now_id,
			     out->now.template_id);
	if (!rc)
		rc = audit_grades_load(st, then_id, &then, err);
	if (!rc)
		rc = audit_grades_load(st, now_id, &now, err);
	if (!rc)
		rc = build_sections(out, &then, &now, err);
	if (!rc)
		rc = build_yesno(out, &then, &now, err);
	if (!rc)
		rc = store_learning_points(st, then_id, &out->points_then, &out->npoints_then, err);
	if (!rc)
		rc = store_learning_points(st, now_id, &out->points_now, &out->npoints_now, err);
	if (!rc)
		rc = build_recurrences(out, err);
	for (size_t i = 0; !rc && i < out->npoints_then; i++)
		for (size_t k = 0; k < out->points_then[i].nactions; k++) {
			out->actions[out->points_then[i].actions[k].status]++;
			out->actions_total++;
		}
	/* The templates are kept for rendering (grade labels, keys). */
	out->tpl_then = then.tpl;
	out->tpl_now = now.tpl;
	then.tpl = now.tpl = NULL;
	audit_grades_free(&then);
	audit_grades_free(&now);
	if (rc)
		comparison_free(out);
	return rc;
}
