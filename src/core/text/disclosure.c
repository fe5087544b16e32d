/* Disclosure check: reads the text (disclosure_text.c), lets each matcher propose what it
 * finds (codes, dates, names, places), settles overlaps, leaves out the caller's vocabulary
 * and reports each finding with its place in the text and a fingerprint. See disclosure.h. */
#include "disclosure.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "disclosure_cands.h"
#include "disclosure_match.h"
#include "disclosure_text.h"
#include "disclosure_vocab.h"
#include "sbuf.h"

const char *disclosure_kind_name(enum disclosure_kind kind)
{
	switch (kind) {
	case DISCLOSURE_NHS:
		return "NHS number";
	case DISCLOSURE_NINO:
		return "National Insurance number";
	case DISCLOSURE_DATE:
		return "date";
	case DISCLOSURE_POSTCODE:
		return "postcode";
	case DISCLOSURE_PHONE:
		return "phone number";
	case DISCLOSURE_EMAIL:
		return "e-mail address";
	case DISCLOSURE_NAME:
		return "case reference that may be a name";
	case DISCLOSURE_PERSON:
		return "personal name";
	case DISCLOSURE_ADDRESS:
		return "address";
	case DISCLOSURE_SCHOOL:
		return "school or nursery";
	case DISCLOSURE_REFERENCE:
		return "case, crime or hospital number";
	case DISCLOSURE_COMBINATION:
		return "combination of case features found in one case only";
	case DISCLOSURE_VEHICLE:
		return "vehicle registration";
	case DISCLOSURE_ACCOUNT:
		return "social network account";
	case DISCLOSURE_AGE:
		return "exact age";
	}
	return "identifier";
}

static int by_start(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->skip != y->skip)
		return x->skip ? -1 : 1;
	return y->rank - x->rank;
}

/* One finding per stretch of text: overlapping candidates of one kind join; of different
 * kinds, the longer wins, then the higher rank. Nothing inside a web address is kept. */
static void settle(struct cands *cs)
{
	if (cs->n == 0)
		return;
	qsort(cs->c, cs->n, sizeof *cs->c, by_start);
	size_t kept = 0, skip_end = 0;
	for (size_t i = 0; i < cs->n; i++) {
		struct cand c = cs->c[i];
		if (c.skip) {
			skip_end = c.end > skip_end ? c.end : skip_end;
			continue;
		}
		if (c.start < skip_end)
			continue;
		struct cand *top = kept ? &cs->c[kept - 1] : NULL;
		if (top && c.start < top->end) {
			if (c.kind == top->kind) {
				if (c.end > top->end)
					top->end = c.end, top->core_end = c.core_end;
			} else if (c.end - c.start > top->end - top->start ||
				   (c.end - c.start == top->end - top->start &&
				    c.rank > top->rank)) {
				*top = c;
			}
			continue;
		}
		cs->c[kept++] = c;
	}
	cs->n = kept;
}

/* ---- Findings ---- */

static void fingerprint(const struct dtext *t, const struct cand *c, char out[17])
{
	crypto_generichash_state st;
	unsigned char h[8];
	const char *kind = disclosure_kind_name(c->kind);
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
	/* Case, runs of spaces and the kind of space or dash do not change it. */
	unsigned char buf[256];
	size_t n = 0;
	bool space = false;
	for (size_t i = c->start; i < c->end; i++) {
		char ch = t->s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = true;
			continue;
		}
		if (n + 2 > sizeof buf) {
			crypto_generichash_update(&st, buf, n);
			n = 0;
		}
		if (space)
			buf[n++] = ' ';
		space = false;
		buf[n++] = (unsigned char)lower(ch);
	}
	crypto_generichash_update(&st, buf, n);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, 17, h, sizeof h);
}

static int add_finding(struct disclosure_list *list, enum disclosure_kind kind, const char *text,
		       size_t start, size_t len, const char *where, const char *fp,
		       struct maca_err *err)
{
	if (!array_grow((void **)&list->items, list->n, sizeof *list->items))
		return err_set(err, MACA_ENOMEM, "out of memory");
	char *m = malloc(len + 1);
	char *w = str_dup(where ? where : "");
	if (!m || !w) {
		free(m);
		free(w);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	memcpy(m, text + start, len);
	m[len] = '\0';
	list->items[list->n] =
	    (struct disclosure){.kind = kind, .match = m, .where = w, .start = start, .len = len};
	memcpy(list->items[list->n].fingerprint, fp, 17);
	list->n++;
	return MACA_OK;
}

int disclosure_add(struct disclosure_list *list, enum disclosure_kind kind, const char *match,
		   const char *where, struct maca_err *err)
{
	size_t len = strlen(match);
	struct dtext t = {.s = (char *)match, .len = len};
	struct cand c = {.start = 0, .end = len, .kind = kind};
	char fp[17];
	fingerprint(&t, &c, fp);
	return add_finding(list, kind, match, 0, len, where, fp, err);
}

static bool capitalised(const struct dword *w)
{
	return w->cap || w->caps;
}

/* Whether the caller's vocabulary holds a candidate. A name is looked up with the capitalised
 * words around it ("Tobias" in "the Tobias Quill Helpline"); a single word alone must be a
 * whole phrase of the vocabulary. */
static bool in_vocab(const struct dtext *t, const struct cand *c,
		     const struct disclosure_vocab *vocab)
{
	if (!c->name_like)
		return vocab_holds(vocab, t->s, c->start, c->end, false);
	if (vocab_holds(vocab, t->s, c->core_start, c->core_end, true))
		return true;
	size_t first = dtext_word_at(t, c->core_start), last = first;
	if (first >= t->nw)
		return false;
	while (last + 1 < t->nw && t->w[last + 1].start < c->core_end)
		last++;
	for (int n = 0;
	     n < 3 && first > 0 && capitalised(&t->w[first - 1]) &&
	     t->w[first].start - t->w[first - 1].end <= 2 && t->s[t->w[first - 1].end] == ' ';
	     n++)
		first--;
	for (int n = 0; n < 3 && last + 1 < t->nw && capitalised(&t->w[last + 1]) &&
			t->w[last + 1].start - t->w[last].end <= 2 && t->s[t->w[last].end] == ' ';
	     n++)
		last++;
	return last > first && vocab_holds(vocab, t->s, t->w[first].start, t->w[last].end, false);
}

int disclosure_scan_vocab(const char *text, const struct disclosure_vocab *vocab, const char *where,
			  struct disclosure_list *list, struct maca_err *err)
{
	struct dtext t;
	struct cands cs = {0};
	int rc = MACA_OK;
	if (dtext_init(&t, text))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		match_email(&t, &cs);
		match_codes(&t, &cs);
		match_dates(&t, &cs);
		match_people(&t, &cs);
		match_places(&t, &cs);
		match_ages(&t, &cs);
		if (cs.failed)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc)
		settle(&cs);
	for (size_t i = 0; !rc && i < cs.n; i++) {
		const struct cand *c = &cs.c[i];
		if (vocab && in_vocab(&t, c, vocab))
			continue;
		size_t start = t.at[c->start], end = t.at[c->end];
		char fp[17];
		fingerprint(&t, c, fp);
		rc = add_finding(list, c->kind, t.orig, start, end - start, where, fp, err);
	}
	free(cs.c);
	dtext_free(&t);
	return rc;
}

int disclosure_scan(const char *text, const char *where, struct disclosure_list *list,
		    struct maca_err *err)
{
	return disclosure_scan_vocab(text, NULL, where, list, err);
}

/* Words that make a pseudonym, not a name. */
static const char *const role_words[] = {
    "adult",   "alpha",	  "and",       "baby",	   "beta",  "boy",	 "brother", "carer",
    "case",    "child",	  "children",  "cohort",   "delta", "eight",	 "eleven",  "family",
    "father",  "five",	  "four",      "gamma",	   "girl",  "household", "infant",  "mother",
    "nine",    "no",	  "number",    "of",	   "one",   "parent",	 "person",  "people",
    "pupil",   "ref",	  "reference", "sample",   "seven", "sibling",	 "sister",  "six",
    "student", "subject", "teen",      "teenager", "ten",   "the",	 "three",   "toddler",
    "twelve",  "twin",	  "two",       "unborn",   "young",
};

static bool is_ref_char(char c)
{
	return is_word(c) || (unsigned char)c >= 0x80;
}

static bool pseudonym_word(const char *w, size_t n)
{
	bool digit = false, lower = false;
	for (size_t i = 0; i < n; i++)
		digit |= is_digit(w[i]), lower |= is_lower(w[i]) || (unsigned char)w[i] >= 0x80;
	if (n == 1 || digit || (!lower && n <= 4))
		return true;
	for (size_t i = 0; i < sizeof role_words / sizeof role_words[0]; i++) {
		size_t len = strlen(role_words[i]);
		bool same = len == n;
		for (size_t k = 0; same && k < n; k++)
			same = (w[k] | 0x20) == role_words[i][k];
		if (same)
			return true;
	}
	return false;
}

int disclosure_check_reference(const char *reference, const struct disclosure_vocab *vocab,
			       const char *where, struct disclosure_list *list,
			       struct maca_err *err)
{
	const char *s = reference ? reference : "";
	bool name = false;
	for (size_t i = 0; s[i] && !name;) {
		if (!is_ref_char(s[i])) {
			i++;
			continue;
		}
		size_t n = 0;
		while (is_ref_char(s[i + n]))
			n++;
		name = !pseudonym_word(s + i, n);
		i += n;
	}
	if (name) {
		char fp[17];
		struct dtext t;
		if (dtext_init(&t, s)) {
			dtext_free(&t);
			return err_set(err, MACA_ENOMEM, "out of memory");
		}
		struct cand c = {.start = 0, .end = t.len, .kind = DISCLOSURE_NAME};
		fingerprint(&t, &c, fp);
		dtext_free(&t);
		if (add_finding(list, DISCLOSURE_NAME, s, 0, strlen(s), where, fp, err))
			return err->status;
	}
	size_t before = list->n;
	if (disclosure_scan_vocab(s, vocab, where, list, err))
		return err->status;
	/* A name in a reference is reported once, as the reference. */
	size_t kept = before;
	for (size_t i = before; i < list->n; i++) {
		if (name && list->items[i].kind == DISCLOSURE_PERSON) {
			free(list->items[i].match);
			free(list->items[i].where);
		} else {
			list->items[kept++] = list->items[i];
		}
	}
	list->n = kept;
	return MACA_OK;
}

void disclosure_list_place(struct disclosure_list *list, size_t from, enum disclosure_place place,
			   int64_t id, const char *field)
{
	for (size_t i = from; i < list->n; i++) {
		list->items[i].place = place;
		list->items[i].place_id = id;
		list->items[i].field = field;
	}
}

void disclosure_list_free(struct disclosure_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].match);
		free(list->items[i].where);
	}
	free(list->items);
	*list = (struct disclosure_list){0};
}
