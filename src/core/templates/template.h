/* Audit templates: the question set an audit is run against, loaded from INI. */
#ifndef MACA_TEMPLATE_H
#define MACA_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "names.h"

enum question_kind {
	QUESTION_GRADED, /* graded on the template's scale */
	QUESTION_YESNO,	 /* yes / no / partly / not known */
	QUESTION_TEXT,	 /* free text */
};

struct grade {
	char *id;
	char *label;
	char key; /* one-key short code, as written in the file */
	bool not_applicable;
	char colour[8]; /* "#rrggbb" (lower case) for charts; "" when the template gives none */
};

struct question {
	char *id;
	char *text;
	char *guidance; /* "" when none */
	enum question_kind kind;
	int evidence_at; /* grades at index >= this (not n/a) need evidence; -1: never */
	size_t section;	 /* index into sections */
};

struct prompt {
	char *id;
	char *label;
	char *text;
};

struct section {
	char *id;
	char *title;
	size_t first_question; /* questions are stored in audit order, section by section */
	size_t nquestions;
	size_t *prompts; /* indexes into prompts */
	size_t nprompts;
};

struct resource {
	char *title;
	char *url; /* "" when none */
};

/* A template's own wording for a field of one of the forms ([field KIND.ID]): its label
 * and help (with the template's examples), and whether the field applies at all. */
struct form_wording {
	char *form;  /* the record kind, as a form's `record` names it: "case", "audit", ... */
	char *field; /* the field's id in that form */
	char *label; /* NULL: the form's own */
	char *help;  /* NULL: the form's own */
	bool applies;
	int line; /* of its [field ...] header in the template file */
};

struct template
{
	char *id;
	char *title;
	char *theme;
	char *layout; /* "standard" or "seven-minute" */
	long version;
	bool findings;
	struct grade *grades; /* scale order, best first */
	size_t ngrades;
	/* The grade from which a finding is a concern ("below the line"): it and every graded
	 * grade after it. From `concern_at`; by default the grade requires-improvement, or on a
	 * scale without it the first grade of the worse half of the graded grades. */
	size_t concern_at;
	struct section *sections;
	size_t nsections;
	struct question *questions;
	size_t nquestions;
	size_t *by_id; /* indexes into questions, sorted by id: template_question's lookup */
	struct prompt *prompts;
	size_t nprompts;
	struct named_list agencies;
	struct named_list tags;
	struct named_list age_bands;
	struct named_list plan_statuses;
	struct named_list background; /* id: key name, label: paragraph */
	struct resource *resources;
	size_t nresources;
	struct form_wording *wording; /* file order */
	size_t nwording;
	/* The record arrays above and every string and list their records point to (from
	 * template_parse): freed with the template, so a new field needs no freeing of its own. */
	void **owned;
	size_t nowned;
	char *source; /* the file's bytes, kept so an audit can store its own copy */
	size_t source_len;
	char hash[65]; /* SHA-256 of source, hex */
	/* Holders besides the first (template_hold): each template_free lets one go, the last
	 * frees. A store hands the audit's template it keeps to every screen that asks, rather
	 * than parsing it again each time. Not atomic: a template stays in one thread. */
	unsigned holds;
};

/* Both return 0 and set *out on success; -1 after adding every problem to diags. A file must
 * keep its grade keys off TEMPLATE_RESERVED_KEYS; text parsed from an audit's stored copy (or a
 * pack's) need not, so that audits made before that rule still open. */
int template_load_file(const char *path, struct template **out, struct diag_list *diags);
int template_parse(const char *name, const char *text, size_t len, struct template **out,
		   struct diag_list *diags);
void template_free(struct template *tpl);
/* One more holder of tpl (returned), let go by its own template_free. A held template is
 * never changed: every holder reads the same one. */
struct template *template_hold(struct template *tpl);

/* The template's wording for field `field` of the form for record kind `form`, or NULL. */
const struct form_wording *template_wording(const struct template *tpl, const char *form,
					    const char *field);

const struct question *template_question(const struct template *tpl, const char *id);
const struct section *template_section(const struct template *tpl, const char *id);
/* Index of a grade by id, or -1. */
int template_grade_index(const struct template *tpl, const char *id);
/* The letters the interface keeps for itself on every screen, in either case: q quits, u
 * undoes, h shows the history. Everywhere else on the screens where grades are set, a letter
 * or digit sets a value, so a grade key may be any other letter or digit. Loading a template
 * file refuses a grade key among them (maca check says so); a copy stored in an audit before
 * this rule is still read, its grade then chosen from the list. */
#define TEMPLATE_RESERVED_KEYS "hqu"
bool template_key_reserved(int key);
/* Grade for a typed key (case-insensitive), or NULL. */
const struct grade *template_grade_by_key(const struct template *tpl, int key);
/* Whether value is acceptable for the question ("" is always acceptable: not answered). */
bool template_value_valid(const struct template *tpl, const struct question *q, const char *value);
/* Whether the answer value needs evidence under the question's rule. */
bool template_needs_evidence(const struct template *tpl, const struct question *q,
			     const char *value);
/* The values of a yes-no question, in order. */
extern const struct named template_yesno_values[4];
/* The keys that set them, in the same order: y, n, p, k. */
extern const char template_yesno_keys[5];
/* The value a key sets on a question: a grade's key (either case) on a graded question, y n p
 * k on a yes-no question; NULL for any other key, and on a text question (typed, not keyed). */
const char *template_value_for_key(const struct template *tpl, const struct question *q, int key);
/* An answer value in words: the grade's label, Yes, No, Partly or Not known, or a text
 * question's text itself; "" for none, and the value itself when the template lacks it (or
 * the question, q NULL). */
const char *template_value_label(const struct template *tpl, const struct question *q,
				 const char *value);

#endif
