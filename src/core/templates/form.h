/* Declarative data-entry forms (forms/KIND.ini) and validation of records against them. */
#ifndef MACA_FORM_H
#define MACA_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "names.h"
#include "record.h"
#include "text_rules.h"

enum field_type { FIELD_LINE, FIELD_TEXT, FIELD_DATE, FIELD_CHOICE, FIELD_MULTI, FIELD_NUMBER };

/* Where a choice field's choices come from: a fixed list in the form, or the audit. */
enum choice_source {
	CHOICES_FIXED,
	CHOICES_AGENCIES,
	CHOICES_TAGS,
	CHOICES_AGE_BANDS,
	CHOICES_PLAN_STATUSES,
	CHOICES_SECTIONS,
	CHOICES_CASES,
	CHOICES_TEMPLATES,
	CHOICES_GRADES,
	CHOICES_AUDITS, /* earlier audits a new audit may re-audit: UUID, title */
	CHOICES_COUNT
};

enum record_kind {
	RECORD_AUDIT,
	RECORD_CASE,
	RECORD_LEARNING_POINT,
	RECORD_ACTION,
	RECORD_GOOD_PRACTICE,
	RECORD_KIND_COUNT
};

struct form_field {
	char *id;
	char *label;
	char *help; /* "" when none */
	enum field_type type;
	bool required;
	/* A line or text field's rule (text_rules.h): a built-in field's own, whatever type the
	 * form gives it, else one-line text for line and long text for text. */
	enum text_kind kind;
	size_t max_length; /* characters; at most the kind's limit, which is the default */
	bool has_min, has_max;
	long min, max;
	enum choice_source source;
	struct named_list choices; /* for CHOICES_FIXED */
	bool builtin; /* stored in the record's own column rather than as a local field */
	/* Not shown (form_reword): the template says it does not apply, or its choices are a
	 * list the template leaves empty. Its value is kept as it was. */
	bool hidden;
};

struct form {
	char *id;
	char *title;
	enum record_kind record;
	struct form_field *fields; /* screen order */
	size_t nfields;
};

/* The lists a form's @sources draw from; NULL where the caller has none. */
struct form_context {
	const struct named_list *lists[CHOICES_COUNT];
};

/* Both return 0 and set *out on success; -1 after adding every problem to diags. name is the
 * file name the diagnostics give for text. */
int form_load_file(const char *path, struct form **out, struct diag_list *diags);
int form_parse(const char *name, const char *text, size_t len, struct form **out,
	       struct diag_list *diags);
void form_free(struct form *form);
const struct form_field *form_field(const struct form *form, const char *id);
/* The choices of a choice field in this context (NULL if the context lacks the list). */
const struct named_list *form_choices(const struct form_field *field,
				      const struct form_context *ctx);
/* Checks every value of rec against the form; adds (field id, message) to problems and
 * returns how many were found. Multi-choice values are comma-separated ids. A reference is
 * checked as the store will keep it, normalised (text_normalise): "  " is an empty one. */
size_t form_validate(const struct form *form, const struct form_context *ctx,
		     const struct record *rec, struct named_list *problems);
/* The record's local fields (those not stored in columns of their own) as a JSON object,
 * e.g. {"school_year":"3"}; empty values are left out. Caller frees; NULL on ENOMEM. */
char *form_extra_json(const struct form *form, const struct record *rec);
/* "case", "audit", ... as written in a form's `record` key. */
const char *record_kind_name(enum record_kind kind);

#endif
