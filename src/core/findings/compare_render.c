/* Writes a comparison as Markdown. The grades go in a fixed-width grid inside a code block,
 * so the columns and the bars line up both in a terminal and in a rendered page, and the
 * arrows (^ more cases now, v fewer, = the same) need no colour. */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "findings.h"
#include "md.h"
#include "published.h"

#define BAR_MAX 12   /* widest bar, in characters */
#define LABEL_MAX 34 /* grade labels are cut to this many characters in the grid */

static void heading(struct sbuf *b, int level, const char *text)
{
	sbuf_add(b, "\n");
	for (int i = 0; i < level; i++)
		sbuf_addc(b, '#');
	sbuf_addf(b, " %s\n\n", text);
}

/* Text inside a code block: one line, no backticks or tildes that could end the block. */
static void code_text(struct sbuf *b, const char *s, size_t width)
{
	size_t cols = 0;
	for (; *s && cols < width; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			sbuf_addc(b, ' ');
		else if (ch == '`' || ch == '~')
			sbuf_addc(b, '\'');
		else
			sbuf_addc(b, *s);
		if ((ch & 0xc0) != 0x80)
			cols++;
	}
	/* A cut in the middle of a character: finish it. */
	while ((*s & 0xc0) == 0x80)
		sbuf_addc(b, *s++);
	for (; cols < width; cols++)
		sbuf_addc(b, ' ');
}

static const char *arrow(size_t then, size_t now)
{
	return now > then ? "^" : now < then ? "v" : "=";
}

static const char *direction_text(enum compare_direction d)
{
	static const char *const texts[] = {
	    [COMPARE_UNKNOWN] = "? not known",
	    [COMPARE_BETTER] = "^ better",
	    [COMPARE_SAME] = "= no change",
	    [COMPARE_WORSE] = "v worse",
	};
	return (unsigned)d < sizeof texts / sizeof *texts ? texts[d] : texts[COMPARE_UNKNOWN];
}

/* "  3 ###         " : the count, then a bar scaled so the largest count fills BAR_MAX;
 * "  -" for a side whose template lacks the section; " <3" and "n/s" for a count suppressed
 * (published.h), with no bar. */
static void count_cell(struct sbuf *b, bool present, size_t n, size_t largest,
		       enum published_state st, size_t t)
{
	size_t bar = largest == 0	 ? 0
		     : largest > BAR_MAX ? (n * BAR_MAX + largest - 1) / largest
					 : n;
	if (!present)
		sbuf_add(b, "  - ");
	else if (st == PUBLISHED_FEWER)
		sbuf_addf(b, "%3s ", t < 10 ? (char[]){'<', (char)('0' + t), '\0'} : "<<");
	else if (st == PUBLISHED_HIDDEN)
		sbuf_add(b, "n/s ");
	else
		sbuf_addf(b, "%3zu ", n);
	for (size_t i = 0; i < BAR_MAX; i++)
		sbuf_addc(b, present && st == PUBLISHED_SHOWN && i < bar ? '#' : ' ');
}

/* A section's counts as published: then (grades, off the scale, none) and now (grades,
 * none), each a row whose total is that audit's cases. With t 0, everything is shown. */
struct side_states {
	enum published_state *then, *now; /* ngrades + 2 each */
};

/* One side's row: the grades, "off the new scale" when the grid shows it (a line that is
 * not there is a known 0), and no agreed grade; states[ngrades] and [ngrades + 1] are for
 * the last two. */
static bool side_row(const size_t *grades, size_t ngrades, size_t other, bool with_other,
		     size_t none, size_t t, enum published_state *states)
{
	size_t n = 0, *row = calloc(ngrades + 2, sizeof *row);
	enum published_state *got = calloc(ngrades + 2, sizeof *got);
	if (!row || !got) {
		free(row);
		free(got);
		return false;
	}
	memcpy(row, grades, ngrades * sizeof *row);
	n = ngrades;
	if (with_other)
		row[n++] = other;
	row[n++] = none;
	published_row(row, n, t, got);
	memcpy(states, got, ngrades * sizeof *states);
	states[ngrades] = with_other ? got[ngrades] : PUBLISHED_SHOWN;
	states[ngrades + 1] = got[n - 1];
	free(row);
	free(got);
	return true;
}

static bool side_states(const struct compare_section *cs, size_t ngrades, size_t t,
			struct side_states *out)
{
	out->then = calloc(ngrades + 2, sizeof *out->then);
	out->now = calloc(ngrades + 2, sizeof *out->now);
	return out->then && out->now &&
	       side_row(cs->then, ngrades, cs->then_other, cs->then_other > 0, cs->then_none,
			cs->in_then ? t : 0, out->then) &&
	       side_row(cs->now, ngrades, 0, false, cs->now_none, cs->in_now ? t : 0, out->now);
}

static void side_states_free(struct side_states *s)
{
	free(s->then);
	free(s->now);
}

static void grid(struct sbuf *b, const struct comparison *c, size_t t)
{
	const struct template *tpl = c->tpl_now;
	size_t width = 20; /* "Cases per grade" and "Off the new scale" fit */
	for (size_t g = 0; g < tpl->ngrades; g++) {
		size_t w = utf8_length(tpl->grades[g].label) + 2;
		if (w > width)
			width = w;
	}
	if (width > LABEL_MAX)
		width = LABEL_MAX;
	size_t largest = 0;
	for (size_t s = 0; s < c->nsections; s++)
		for (size_t g = 0; g < tpl->ngrades; g++) {
			if (c->sections[s].then[g] > largest)
				largest = c->sections[s].then[g];
			if (c->sections[s].now[g] > largest)
				largest = c->sections[s].now[g];
		}
	sbuf_add(b, "```text\n");
	code_text(b, "Cases per grade", width);
	sbuf_add(b, "then             now\n");
	sbuf_add(b, "(^ more cases now, v fewer, = the same; - the section was not in that "
		    "version)\n");
	if (t)
		sbuf_addf(b,
			  "(<%zu: fewer than %zu cases; n/s: not shown, so that a smaller count "
			  "cannot be worked out)\n",
			  t, t);
	for (size_t s = 0; s < c->nsections; s++) {
		const struct compare_section *cs = &c->sections[s];
		struct side_states st = {0};
		if (!side_states(cs, tpl->ngrades, t, &st)) {
			side_states_free(&st);
			b->failed = true;
			break;
		}
		sbuf_add(b, "\n");
		code_text(b, cs->title, width + 34);
		if (!cs->gradable) {
			sbuf_add(b, "\n  (nothing to grade: answered yes or no, or in words)\n");
			side_states_free(&st);
			continue;
		}
		sbuf_addf(b, "%s\n", direction_text(cs->direction));
		if (cs->in_then && cs->in_now && !cs->like_for_like)
			sbuf_add(b,
				 "  (no graded question in common: each on its own questions)\n");
		for (size_t g = 0; g < tpl->ngrades; g++) {
			sbuf_add(b, "  ");
			code_text(b, tpl->grades[g].label, width - 2);
			count_cell(b, cs->in_then, cs->then[g], largest, st.then[g], t);
			sbuf_add(b, " ");
			count_cell(b, cs->in_now, cs->now[g], largest, st.now[g], t);
			if (cs->in_then && cs->in_now && (cs->then[g] || cs->now[g]) &&
			    st.then[g] == PUBLISHED_SHOWN && st.now[g] == PUBLISHED_SHOWN)
				sbuf_addf(b, " %s %zu -> %zu", arrow(cs->then[g], cs->now[g]),
					  cs->then[g], cs->now[g]);
			while (b->len && b->data[b->len - 1] == ' ')
				b->data[--b->len] = '\0';
			sbuf_add(b, "\n");
		}
		if (cs->then_other) {
			sbuf_add(b, "  ");
			code_text(b, "Off the new scale", width - 2);
			count_cell(b, true, cs->then_other, 0, st.then[tpl->ngrades], t);
			while (b->len && b->data[b->len - 1] == ' ')
				b->data[--b->len] = '\0';
			sbuf_add(b, "\n");
		}
		sbuf_add(b, "  ");
		code_text(b, "No agreed grade", width - 2);
		count_cell(b, cs->in_then, cs->then_none, 0, st.then[tpl->ngrades + 1], t);
		sbuf_add(b, " ");
		count_cell(b, cs->in_now, cs->now_none, 0, st.now[tpl->ngrades + 1], t);
		while (b->len && b->data[b->len - 1] == ' ')
			b->data[--b->len] = '\0';
		sbuf_add(b, "\n");
		side_states_free(&st);
	}
	sbuf_add(b, "```\n");
}

static void average(struct sbuf *b, double avg)
{
	if (avg > 0)
		sbuf_addf(b, "%.1f", avg);
	else
		sbuf_add(b, "–");
}

static void questions_changed(struct sbuf *b, const struct compare_section *cs)
{
	if (!cs->gradable)
		sbuf_add(b, "nothing to grade; ");
	if (!cs->in_then)
		sbuf_add(b, "new section");
	else if (!cs->in_now)
		sbuf_add(b, "section no longer in the template");
	else if (!cs->added.n && !cs->removed.n)
		sbuf_add(b, "same questions");
	else
		sbuf_addf(b, "%zu added, %zu removed", cs->added.n, cs->removed.n);
	if (cs->in_then && cs->in_now && !cs->like_for_like && cs->gradable)
		sbuf_add(b, "; no graded question in common");
}

/* With published, the averages are left out: over a few cases, an average can give the
 * counts away (1.0 is every case at the best grade). */
static void glance(struct sbuf *b, const struct comparison *c, bool published)
{
	if (published)
		sbuf_add(b, "| Section | Direction | Questions |\n| --- | --- | --- |\n");
	else
		sbuf_add(b, "| Section | Average then | Average now | Direction | Questions |\n"
			    "| --- | ---: | ---: | --- | --- |\n");
	for (size_t s = 0; s < c->nsections; s++) {
		const struct compare_section *cs = &c->sections[s];
		sbuf_add(b, "| ");
		md_cell(b, cs->title);
		if (!published) {
			sbuf_add(b, " | ");
			average(b, cs->then_average);
			sbuf_add(b, " | ");
			average(b, cs->now_average);
		}
		sbuf_addf(b, " | %s | ", cs->gradable ? direction_text(cs->direction) : "–");
		questions_changed(b, cs);
		sbuf_add(b, " |\n");
	}
}

static void question_list(struct sbuf *b, const char *what, const struct compare_section *cs,
			  const struct named_list *qs)
{
	for (size_t i = 0; i < qs->n; i++) {
		sbuf_add(b, "- ");
		md_inline(b, cs->title);
		sbuf_addf(b, ", %s: `%s` ", what, qs->items[i].id);
		md_inline(b, qs->items[i].label);
		sbuf_add(b, "\n");
	}
}

static void question_changes(struct sbuf *b, const struct comparison *c, int level)
{
	bool any = false;
	for (size_t s = 0; s < c->nsections; s++)
		any = any || c->sections[s].added.n || c->sections[s].removed.n;
	if (!any)
		return;
	heading(b, level, "Questions added and removed");
	sbuf_add(b, "Where a section kept some of its graded questions, both audits are\n"
		    "graded on those it kept; otherwise each on its own questions.\n\n");
	for (size_t s = 0; s < c->nsections; s++) {
		question_list(b, "added", &c->sections[s], &c->sections[s].added);
		question_list(b, "removed", &c->sections[s], &c->sections[s].removed);
	}
}

/* One count of a yes-no row as published: "2", "<3" or "n/s". */
static void yes_no_count(struct sbuf *b, size_t n, enum published_state st, size_t t)
{
	if (st == PUBLISHED_FEWER)
		sbuf_addf(b, "<%zu", t);
	else if (st == PUBLISHED_HIDDEN)
		sbuf_add(b, "n/s");
	else
		sbuf_addf(b, "%zu", n);
}

/* Each yes-no question: how many cases were agreed at each answer, then and now, each side a
 * row whose total is that audit's cases, small counts suppressed when published (t). */
static void yes_or_no(struct sbuf *b, const struct comparison *c, int level, size_t t)
{
	if (c->nyesno == 0 && c->ntext == 0)
		return;
	heading(b, level, "Questions answered yes or no, then and now");
	for (size_t i = 0; i < c->nyesno; i++) {
		const struct compare_yesno *y = &c->yesno[i];
		size_t then[5], now[5];
		enum published_state ts[5], ns[5];
		memcpy(then, y->then, sizeof y->then);
		memcpy(now, y->now, sizeof y->now);
		then[4] = y->then_none;
		now[4] = y->now_none;
		published_row(then, 5, y->in_then ? t : 0, ts);
		published_row(now, 5, t, ns);
		sbuf_add(b, "- ");
		md_inline(b, y->text);
		const char *sep = " ";
		for (size_t k = 0; k < 5; k++) {
			/* A zero left out tells the reader it is zero: only when nothing is hidden.
			 */
			if (!t && k < 4 && !now[k] && !(y->in_then && then[k]))
				continue;
			/* "then 1, now 2": no arrow, which the published comparison keeps for
			 * nothing (its averages are left out). */
			sbuf_addf(b, "%s%s ", sep,
				  k < 4 ? template_yesno_values[k].label : "not agreed");
			if (y->in_then) {
				sbuf_add(b, "then ");
				yes_no_count(b, then[k], ts[k], t);
				sbuf_add(b, ", now ");
			}
			yes_no_count(b, now[k], ns[k], t);
			sep = "; ";
		}
		sbuf_add(b, y->in_then ? "\n" : " (not asked then)\n");
	}
	if (c->ntext)
		sbuf_addf(b,
			  "%sThe %zu question%s answered in words %s not compared: each agreed\n"
			  "summary is about one child.\n",
			  c->nyesno ? "\n" : "", c->ntext, c->ntext == 1 ? "" : "s",
			  c->ntext == 1 ? "is" : "are");
}

/* "3. Title"; a point without a title (they are optional) by the start of its text. */
static void point_title(struct sbuf *b, const struct learning_point_row *lp)
{
	sbuf_addf(b, "%d. ", lp->number);
	if (*lp->title || strlen(lp->text) <= 80) {
		md_inline(b, *lp->title ? lp->title : lp->text);
		return;
	}
	size_t cut = 80;
	while (cut && ((unsigned char)lp->text[cut] & 0xC0) == 0x80) /* not inside a character */
		cut--;
	char *start = strndup(lp->text, cut);
	if (!start) {
		b->failed = true;
		return;
	}
	md_inline(b, start);
	sbuf_add(b, "…");
	free(start);
}

static void recurrences(struct sbuf *b, const struct comparison *c, int level)
{
	heading(b, level, "Learning points that recur");
	if (c->nrecur == 0) {
		sbuf_add(b, "None of this audit's learning points links a section that an\n"
			    "earlier learning point linked, or repeats an earlier title.\n");
		return;
	}
	for (size_t i = 0; i < c->nrecur; i++) {
		const struct compare_recurrence *r = &c->recur[i];
		sbuf_add(b, "- Now ");
		point_title(b, r->now);
		sbuf_add(b, "; then ");
		point_title(b, r->then);
		sbuf_add(b, " (");
		if (r->same_title)
			sbuf_add(b, r->sections.n ? "same title; " : "same title");
		if (r->sections.n)
			sbuf_add(b, "both about ");
		for (size_t s = 0; s < r->sections.n; s++) {
			sbuf_add(b, s ? ", " : "");
			md_inline(b, r->sections.items[s].label);
		}
		sbuf_add(b, ")\n");
	}
}

static void earlier_actions(struct sbuf *b, const struct comparison *c, int level)
{
	heading(b, level, "The earlier audit's learning points and actions");
	if (c->npoints_then == 0) {
		sbuf_add(b, "The earlier audit recorded no learning points.\n");
		return;
	}
	sbuf_add(b, "Actions done: ");
	findings_actions_progress(b, c->actions, c->actions_total, "\n");
	sbuf_add(b, "\n\n");
	for (size_t i = 0; i < c->npoints_then; i++) {
		const struct learning_point_row *lp = &c->points_then[i];
		point_title(b, lp);
		sbuf_add(b, "\n");
		for (size_t k = 0; k < lp->nactions; k++) {
			const struct action_row *a = &lp->actions[k];
			/* Words a reader knows: the status's label, the agency's name. */
			sbuf_add(b, "   - ");
			md_inline(b, action_status_label(a->status));
			sbuf_add(b, ": ");
			md_inline(b, a->what);
			if (*a->owner_agency) {
				const struct named *owner =
				    named_find(&c->tpl_then->agencies, a->owner_agency);
				sbuf_add(b, " (");
				md_inline(b, owner ? owner->label : a->owner_agency);
				sbuf_add(b, ")");
			}
			if (*a->due_date)
				sbuf_addf(b, ", due %s", a->due_date);
			sbuf_add(b, "\n");
		}
	}
}

static void audit_line(struct sbuf *b, const char *when, const struct audit_info *a)
{
	sbuf_addf(b, "- %s: ", when);
	md_inline(b, a->title);
	if (*a->audit_date)
		sbuf_addf(b, " (%s)", a->audit_date);
	sbuf_addf(b, ", template %s version %ld, %lld case%s\n", a->template_id,
		  a->template_version, (long long)a->ncases, a->ncases == 1 ? "" : "s");
}

static void render(struct sbuf *b, const struct comparison *c, int level, bool standalone, size_t t)
{
	if (standalone) {
		for (int i = 0; i < level; i++)
			sbuf_addc(b, '#');
		sbuf_add(b, " Re-audit compared with the earlier audit\n\n");
		level++;
	}
	audit_line(b, "Then", &c->then);
	audit_line(b, "Now", &c->now);
	/* Prose is broken into short lines (one paragraph all the same in Markdown) so that
	 * a terminal 80 columns wide shows all of it. */
	sbuf_add(b, "\nA case's grade for a section is the worst grade agreed for it there.\n");
	if (t) {
		sbuf_add(b, "The direction compares the average place on the grade scale.\n");
	} else {
		sbuf_add(b, "The average is the place on the grade scale, 1 being ");
		md_inline(b, c->tpl_now->ngrades ? c->tpl_now->grades[0].label : "the best");
		sbuf_add(b, ";\nlower is better. ^ more cases now, v fewer, = the same.\n");
	}
	heading(b, level, "Sections at a glance");
	glance(b, c, t > 0);
	heading(b, level, "Cases per grade, then and now");
	grid(b, c, t);
	yes_or_no(b, c, level, t);
	question_changes(b, c, level);
	recurrences(b, c, level);
	earlier_actions(b, c, level);
}

void compare_render(struct sbuf *b, const struct comparison *c, int level, bool standalone)
{
	render(b, c, level, standalone, 0);
}

void compare_render_published(struct sbuf *b, const struct comparison *c, int level,
			      size_t small_count)
{
	render(b, c, level, false, small_count);
}

int compare_scan(const struct comparison *c, const struct disclosure_vocab *vocab,
		 struct disclosure_list *found, struct maca_err *err)
{
	size_t before = found->n;
	int rc = disclosure_scan_vocab(c->then.title, vocab, "earlier audit title", found, err);
	disclosure_list_place(found, before, DISCLOSURE_IN_AUDIT, c->then.id, "title");
	for (size_t i = 0; !rc && i < c->npoints_then; i++) {
		const struct learning_point_row *lp = &c->points_then[i];
		char *where = str_fmt("earlier audit, learning point %d", lp->number);
		before = found->n;
		rc = where ? disclosure_scan_vocab(lp->title, vocab, where, found, err)
			   : err_set(err, MACA_ENOMEM, "out of memory");
		disclosure_list_place(found, before, DISCLOSURE_IN_LEARNING_POINT, lp->id, "title");
		free(where);
		for (size_t k = 0; !rc && k < lp->nactions; k++) {
			const struct action_row *a = &lp->actions[k];
			where = str_fmt("earlier audit, learning point %d, action %d", lp->number,
					a->position);
			before = found->n;
			rc = where ? disclosure_scan_vocab(a->what, vocab, where, found, err)
				   : err_set(err, MACA_ENOMEM, "out of memory");
			disclosure_list_place(found, before, DISCLOSURE_IN_ACTION, a->id, "what");
			free(where);
		}
	}
	return rc;
}
