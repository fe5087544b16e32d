#include "form.h"

#include <stdlib.h>
#include <string.h>

#include "ini_doc.h"
#include "ini_hint.h"
#include "sbuf.h"

static const char *const kind_names[RECORD_KIND_COUNT] = {"audit", "case", "learning-point",
							  "action", "good-practice"};
static const char *const type_names[] = {"line",   "text",	   "date",
					 "choice", "multi-choice", "number"};
static const char *const source_names[CHOICES_COUNT] = {
    NULL,	 "@agencies", "@tags",	    "@age-bands", "@plan-statuses",
    "@sections", "@cases",    "@templates", "@grades",	  "@audits"};

/* The fields maca keeps in a record's own columns; a form for that record must declare them.
 * `text_ok` lets a line field be declared as text and vice versa. */
struct builtin {
	enum record_kind kind;
	const char *id;
	enum field_type type;
	enum choice_source source;
	bool required;
	bool late; /* added after forms were written: a form without it still loads */
};

static const struct builtin builtins[] = {
    {RECORD_AUDIT, "title", FIELD_LINE, CHOICES_FIXED, true, false},
    {RECORD_AUDIT, "template", FIELD_CHOICE, CHOICES_TEMPLATES, true, false},
    {RECORD_AUDIT, "theme", FIELD_LINE, CHOICES_FIXED, false, false},
    {RECORD_AUDIT, "partnership", FIELD_LINE, CHOICES_FIXED, false, false},
    {RECORD_AUDIT, "agencies", FIELD_MULTI, CHOICES_AGENCIES, false, true},
    {RECORD_AUDIT, "chair_agency", FIELD_CHOICE, CHOICES_AGENCIES, false, false},
    {RECORD_AUDIT, "audit_date", FIELD_DATE, CHOICES_FIXED, false, false},
    {RECORD_AUDIT, "background", FIELD_TEXT, CHOICES_FIXED, false, false},
    {RECORD_AUDIT, "reaudit_of", FIELD_CHOICE, CHOICES_AUDITS, false, true},
    {RECORD_CASE, "reference", FIELD_LINE, CHOICES_FIXED, true, false},
    {RECORD_CASE, "age_band", FIELD_CHOICE, CHOICES_AGE_BANDS, false, false},
    {RECORD_CASE, "plan_status", FIELD_CHOICE, CHOICES_PLAN_STATUSES, false, false},
    {RECORD_CASE, "tags", FIELD_MULTI, CHOICES_TAGS, false, false},
    {RECORD_CASE, "summary", FIELD_TEXT, CHOICES_FIXED, false, true},
    {RECORD_LEARNING_POINT, "title", FIELD_LINE, CHOICES_FIXED, false, false},
    {RECORD_LEARNING_POINT, "text", FIELD_TEXT, CHOICES_FIXED, false, false},
    {RECORD_LEARNING_POINT, "cases", FIELD_MULTI, CHOICES_CASES, false, false},
    {RECORD_LEARNING_POINT, "agencies", FIELD_MULTI, CHOICES_AGENCIES, false, false},
    {RECORD_LEARNING_POINT, "sections", FIELD_MULTI, CHOICES_SECTIONS, false, false},
    {RECORD_ACTION, "what", FIELD_TEXT, CHOICES_FIXED, true, false},
    {RECORD_ACTION, "owner_agency", FIELD_CHOICE, CHOICES_AGENCIES, false, false},
    {RECORD_ACTION, "due_date", FIELD_DATE, CHOICES_FIXED, false, false},
    {RECORD_ACTION, "measure", FIELD_TEXT, CHOICES_FIXED, false, false},
    {RECORD_ACTION, "status", FIELD_CHOICE, CHOICES_FIXED, false, false},
    {RECORD_GOOD_PRACTICE, "text", FIELD_TEXT, CHOICES_FIXED, true, false},
    {RECORD_GOOD_PRACTICE, "agencies", FIELD_MULTI, CHOICES_AGENCIES, false, false},
    {RECORD_GOOD_PRACTICE, "cases", FIELD_MULTI, CHOICES_CASES, false, false},
};

/* The action statuses the store accepts; an action form's status choices must be these. */
static const char *const action_statuses[] = {"not-started", "in-progress", "done",
					      "cannot-be-done"};

struct loader {
	const struct ini_doc *doc;
	struct diag_list *diags;
	int errors;
};

#define PROBLEM(ld, line, ...)                                                                     \
	do {                                                                                       \
		diag_add((ld)->diags, (ld)->doc->file, (line), __VA_ARGS__);                       \
		(ld)->errors++;                                                                    \
	} while (0)

static int lookup(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

static bool check_known_keys(struct loader *ld, const struct ini_section *sec,
			     const char *const *known)
{
	bool ok = true;
	for (size_t i = 0; i < sec->nkeys; i++) {
		const char *const *k = known;
		while (*k && strcmp(*k, sec->keys[i].name) != 0)
			k++;
		if (!*k) {
			size_t n = (size_t)(k - known);
			const char *near =
			    hint_nearest(sec->keys[i].name, known, n, sizeof *known, 0);
			PROBLEM(ld, sec->keys[i].line, "unknown key '%s' in [%s]%s%s%s",
				sec->keys[i].name, sec->name, near ? ": did you mean '" : "",
				near ? near : "", near ? "'?" : "");
			ok = false;
		}
	}
	return ok;
}

static bool load_number(struct loader *ld, const struct ini_section *sec, const char *key,
			long *out)
{
	const char *v = ini_section_value(sec, key);
	if (!v)
		return false;
	if (!parse_long(v, out)) {
		PROBLEM(ld, ini_section_line(sec, key), "%s must be a whole number, not '%s'", key,
			v);
		return false;
	}
	return true;
}

/* Parses `id: Label, id: Label` (or bare ids) into a fixed choice list. */
static void load_fixed_choices(struct loader *ld, const struct ini_section *sec,
			       struct form_field *f)
{
	struct named_list items = {0};
	int line = ini_section_line(sec, "choices");
	if (!split_list(ini_section_value(sec, "choices"), &items)) {
		PROBLEM(ld, line, "out of memory");
		return;
	}
	for (size_t i = 0; i < items.n; i++) {
		char *item = items.items[i].id;
		char *colon = strchr(item, ':');
		char *label = item;
		if (colon) {
			*colon = '\0';
			label = colon + 1;
			while (*label == ' ')
				label++;
			char *e = colon;
			while (e > item && e[-1] == ' ')
				*--e = '\0';
		}
		if (!id_valid(item))
			PROBLEM(ld, line, "choice '%s' is not a valid id (a-z, 0-9, '-', '_')",
				item);
		else if (named_find(&f->choices, item))
			PROBLEM(ld, line, "choice '%s' is listed twice", item);
		else if (!*label)
			PROBLEM(ld, line, "choice '%s' has an empty label", item);
		else if (!named_add(&f->choices, item, label))
			PROBLEM(ld, line, "out of memory");
	}
	named_list_free(&items);
	if (f->choices.n == 0)
		PROBLEM(ld, line, "choices lists nothing");
}

static void load_field(struct loader *ld, const struct ini_section *sec, const char *id,
		       struct form *form)
{
	static const char *const known[] = {"label", "type",	"required", "max_length", "min",
					    "max",   "choices", "help",	    NULL};
	check_known_keys(ld, sec, known);
	if (!array_grow((void **)&form->fields, form->nfields, sizeof *form->fields)) {
		PROBLEM(ld, sec->line, "out of memory");
		return;
	}
	struct form_field *f = &form->fields[form->nfields++];
	*f = (struct form_field){
	    .id = str_dup(id),
	    .label =
		str_dup(ini_section_value(sec, "label") ? ini_section_value(sec, "label") : ""),
	    .help = str_dup(ini_section_value(sec, "help") ? ini_section_value(sec, "help") : "")};
	if (!f->id || !f->label || !f->help) {
		PROBLEM(ld, sec->line, "out of memory");
		return;
	}
	if (!ini_section_value(sec, "label"))
		PROBLEM(ld, sec->line, "[%s] is missing the required key 'label'", sec->name);
	else if (utf8_length(f->label) > 60)
		PROBLEM(ld, ini_section_line(sec, "label"), "label is longer than 60 characters");
	if (utf8_length(f->help) > 200)
		PROBLEM(ld, ini_section_line(sec, "help"), "help is longer than 200 characters");

	const char *type = ini_section_value(sec, "type");
	int t = type ? lookup(type_names, 6, type) : -1;
	if (!type)
		PROBLEM(ld, sec->line, "[%s] is missing the required key 'type'", sec->name);
	else if (t < 0)
		PROBLEM(ld, ini_section_line(sec, "type"),
			"type must be line, text, date, choice, multi-choice or number, not '%s'",
			type);
	f->type = t < 0 ? FIELD_LINE : (enum field_type)t;

	const char *req = ini_section_value(sec, "required");
	if (req && strcmp(req, "yes") != 0 && strcmp(req, "no") != 0)
		PROBLEM(ld, ini_section_line(sec, "required"),
			"required must be yes or no, not '%s'", req);
	f->required = req && strcmp(req, "yes") == 0;

	long n;
	f->kind = f->type == FIELD_TEXT ? TEXT_LONG : TEXT_LINE;
	if (load_number(ld, sec, "max_length", &n)) {
		if (f->type != FIELD_LINE && f->type != FIELD_TEXT)
			PROBLEM(ld, ini_section_line(sec, "max_length"),
				"max_length applies only to line and text fields");
		else if (n < 1)
			PROBLEM(ld, ini_section_line(sec, "max_length"),
				"max_length must be 1 or more");
		else
			f->max_length = (size_t)n; /* held to the kind's limit in settle_lengths */
	}
	f->has_min = load_number(ld, sec, "min", &f->min);
	f->has_max = load_number(ld, sec, "max", &f->max);
	if ((f->has_min || f->has_max) && f->type != FIELD_NUMBER)
		PROBLEM(ld, sec->line, "min and max apply only to number fields");
	if (f->has_min && f->has_max && f->min > f->max)
		PROBLEM(ld, ini_section_line(sec, "max"), "max is below min");

	const char *choices = ini_section_value(sec, "choices");
	bool is_choice = f->type == FIELD_CHOICE || f->type == FIELD_MULTI;
	if (is_choice && !choices) {
		PROBLEM(ld, sec->line, "[%s] is a %s field and needs 'choices'", sec->name, type);
	} else if (!is_choice && choices) {
		PROBLEM(ld, ini_section_line(sec, "choices"),
			"choices applies only to choice fields");
	} else if (choices && choices[0] == '@') {
		int s = lookup(source_names, CHOICES_COUNT, choices);
		if (s < 0)
			PROBLEM(ld, ini_section_line(sec, "choices"),
				"unknown choice source '%s' (use @agencies, @tags, @age-bands, "
				"@plan-statuses, @sections, @cases, @templates, @grades or "
				"@audits)",
				choices);
		else
			f->source = (enum choice_source)s;
	} else if (choices) {
		load_fixed_choices(ld, sec, f);
	}
}

/* The record's built-in fields must be there, with a type maca can store. */
static void check_builtins(struct loader *ld, struct form *form, int form_line)
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		const struct builtin *b = &builtins[i];
		if (b->kind != form->record)
			continue;
		struct form_field *f = NULL;
		for (size_t j = 0; j < form->nfields; j++)
			if (strcmp(form->fields[j].id, b->id) == 0)
				f = &form->fields[j];
		const struct ini_section *sec = NULL;
		char *name = str_fmt("field %s", b->id);
		if (name)
			sec = ini_doc_find(ld->doc, name);
		free(name);
		/* A form written before maca knew the field still loads without it. */
		if (!f && b->late)
			continue;
		if (!f) {
			PROBLEM(ld, form_line, "a form for %s records must declare [field %s]",
				kind_names[form->record], b->id);
			continue;
		}
		f->builtin = true;
		if (b->type == FIELD_TEXT)
			f->kind = TEXT_LONG;
		else if (b->type == FIELD_LINE)
			f->kind = b->kind == RECORD_CASE && strcmp(b->id, "reference") == 0
				      ? TEXT_REFERENCE
				      : TEXT_LINE;
		int line = sec ? sec->line : form_line;
		bool texty = (b->type == FIELD_LINE || b->type == FIELD_TEXT) &&
			     (f->type == FIELD_LINE || f->type == FIELD_TEXT);
		if (f->type != b->type && !texty)
			PROBLEM(ld, line, "field %s must have type %s", b->id, type_names[b->type]);
		else if (b->source != CHOICES_FIXED && f->source != b->source)
			PROBLEM(ld, line, "field %s must take its choices from %s", b->id,
				source_names[b->source]);
		if (b->required && !f->required)
			PROBLEM(ld, line, "field %s must be required", b->id);
		if (form->record == RECORD_ACTION && strcmp(b->id, "status") == 0) {
			if (f->source != CHOICES_FIXED)
				PROBLEM(ld, line, "field status must list fixed choices");
			for (size_t c = 0; c < f->choices.n; c++)
				if (lookup(action_statuses, 4, f->choices.items[c].id) < 0)
					PROBLEM(ld, line,
						"status choice '%s' is not one of not-started, "
						"in-progress, done, cannot-be-done",
						f->choices.items[c].id);
		}
	}
}

/* A line or text field holds at most what its kind allows (what maca can send in a pack or
 * return and take back); without max_length it holds that much. */
static void settle_lengths(struct loader *ld, struct form *form)
{
	for (size_t i = 0; i < form->nfields; i++) {
		struct form_field *f = &form->fields[i];
		if (f->type != FIELD_LINE && f->type != FIELD_TEXT)
			continue;
		const struct text_rule *rule = &text_rules[f->kind];
		if (f->max_length == 0) {
			f->max_length = rule->max_chars;
		} else if (f->max_length > rule->max_chars) {
			char *name = str_fmt("field %s", f->id);
			const struct ini_section *sec = name ? ini_doc_find(ld->doc, name) : NULL;
			free(name);
			PROBLEM(ld, sec ? ini_section_line(sec, "max_length") : 0,
				"max_length must be at most %zu: the limit for %s (see maca(1), "
				"LIMITS)",
				rule->max_chars, rule->name);
		}
	}
}

/* Builds the form from a document read without problems; frees the document. */
static int load_doc(const char *path, struct ini_doc *docp, struct form **out,
		    struct diag_list *diags)
{
	struct ini_doc doc = *docp;
	struct loader ld = {.doc = &doc, .diags = diags};
	struct form *form = calloc(1, sizeof *form);
	if (!form) {
		diag_add(diags, path, 0, "out of memory");
		ini_doc_free(&doc);
		return -1;
	}
	const struct ini_section *header = ini_doc_find(&doc, "form");
	if (doc.nsections == 0) {
		PROBLEM(&ld, 0,
			"the file is empty: a form needs [form] and at least one [field ...]");
	} else if (!header) {
		PROBLEM(&ld, 0, "missing the [form] section");
	} else {
		static const char *const known[] = {"id", "title", "record", NULL};
		check_known_keys(&ld, header, known);
		const char *id = ini_section_value(header, "id"),
			   *title = ini_section_value(header, "title"),
			   *record = ini_section_value(header, "record");
		if (!id)
			PROBLEM(&ld, header->line, "[form] is missing the required key 'id'");
		else if (!id_valid(id))
			PROBLEM(&ld, ini_section_line(header, "id"), "id '%s' is not valid", id);
		if (!title)
			PROBLEM(&ld, header->line, "[form] is missing the required key 'title'");
		int kind = record ? lookup(kind_names, RECORD_KIND_COUNT, record) : -1;
		if (!record)
			PROBLEM(&ld, header->line, "[form] is missing the required key 'record'");
		else if (kind < 0)
			PROBLEM(&ld, ini_section_line(header, "record"),
				"record must be audit, case, learning-point, action or "
				"good-practice, not '%s'",
				record);
		form->id = str_dup(id ? id : "");
		form->title = str_dup(title ? title : "");
		form->record = kind < 0 ? RECORD_AUDIT : (enum record_kind)kind;
		if (!form->id || !form->title)
			PROBLEM(&ld, 0, "out of memory");
		for (size_t i = 0; i < doc.nsections; i++) {
			const struct ini_section *sec = &doc.sections[i];
			if (sec == header)
				continue;
			if (strncmp(sec->name, "field ", 6) != 0) {
				PROBLEM(&ld, sec->line, "unknown section [%s]", sec->name);
				continue;
			}
			const char *fid = sec->name + 6;
			if (!id_valid(fid)) {
				PROBLEM(&ld, sec->line, "'%s' is not a valid field id", fid);
				continue;
			}
			load_field(&ld, sec, fid, form);
		}
		if (form->nfields == 0)
			PROBLEM(&ld, header->line, "the form has no [field ...] sections");
		if (kind >= 0)
			check_builtins(&ld, form, header->line);
		settle_lengths(&ld, form);
	}
	ini_doc_free(&doc);
	if (ld.errors) {
		form_free(form);
		return -1;
	}
	*out = form;
	return 0;
}

int form_load_file(const char *path, struct form **out, struct diag_list *diags)
{
	*out = NULL;
	struct ini_doc doc;
	if (ini_doc_read_file(path, &doc, diags) != 0) {
		ini_doc_free(&doc);
		return -1;
	}
	return load_doc(path, &doc, out, diags);
}

int form_parse(const char *name, const char *text, size_t len, struct form **out,
	       struct diag_list *diags)
{
	*out = NULL;
	struct ini_doc doc;
	if (ini_doc_parse(name, text, len, &doc, diags) != 0) {
		ini_doc_free(&doc);
		return -1;
	}
	return load_doc(name, &doc, out, diags);
}

void form_free(struct form *form)
{
	if (!form)
		return;
	for (size_t i = 0; i < form->nfields; i++) {
		free(form->fields[i].id);
		free(form->fields[i].label);
		free(form->fields[i].help);
		named_list_free(&form->fields[i].choices);
	}
	free(form->fields);
	free(form->id);
	free(form->title);
	free(form);
}

const struct form_field *form_field(const struct form *form, const char *id)
{
	for (size_t i = 0; i < form->nfields; i++)
		if (strcmp(form->fields[i].id, id) == 0)
			return &form->fields[i];
	return NULL;
}

const struct named_list *form_choices(const struct form_field *field,
				      const struct form_context *ctx)
{
	if (field->source == CHOICES_FIXED)
		return &field->choices;
	return ctx ? ctx->lists[field->source] : NULL;
}

const char *record_kind_name(enum record_kind kind)
{
	return kind < RECORD_KIND_COUNT ? kind_names[kind] : "?";
}

static bool add_problem(struct named_list *problems, const struct form_field *f, const char *fmt,
			const char *arg)
{
	char *msg = str_fmt(fmt, f->label, arg ? arg : "");
	bool ok = msg && named_add(problems, f->id, msg);
	free(msg);
	return ok;
}

static size_t check_value(const struct form_field *f, const struct form_context *ctx, const char *v,
			  struct named_list *problems)
{
	if (!utf8_valid(v, strlen(v)))
		return add_problem(problems, f, "%s is not valid UTF-8%s", NULL), 1;
	char lenbuf[32];
	switch (f->type) {
	case FIELD_LINE:
		if (strpbrk(v, "\r\n"))
			return add_problem(problems, f, "%s must be a single line%s", NULL), 1;
		/* fall through */
	case FIELD_TEXT: {
		if (utf8_length(v) > f->max_length) {
			snprintf(lenbuf, sizeof lenbuf, "%zu", f->max_length);
			return add_problem(problems, f, "%s is longer than %s characters", lenbuf),
			       1;
		}
		struct text_fault fault;
		if (!text_check(f->kind, v, &fault))
			return add_problem(problems, f, "%s %s", fault.why), 1;
		return 0;
	}
	case FIELD_DATE:
		if (!date_valid(v))
			return add_problem(problems, f,
					   "%s must be a date written YYYY-MM-DD, not '%s'", v),
			       1;
		return 0;
	case FIELD_NUMBER: {
		long n;
		if (!parse_long(v, &n))
			return add_problem(problems, f, "%s must be a whole number, not '%s'", v),
			       1;
		if ((f->has_min && n < f->min) || (f->has_max && n > f->max))
			return add_problem(problems, f, "%s is out of range: '%s'", v), 1;
		return 0;
	}
	case FIELD_CHOICE:
	case FIELD_MULTI: {
		const struct named_list *choices = form_choices(f, ctx);
		struct named_list picked = {0};
		bool listed =
		    f->type == FIELD_MULTI ? split_list(v, &picked) : named_add(&picked, v, v);
		if (!listed) {
			named_list_free(&picked);
			add_problem(problems, f, "%s: out of memory%s", NULL);
			return 1;
		}
		/* A problem counts even when its message could not be allocated. */
		size_t found = 0;
		for (size_t i = 0; i < picked.n && !found; i++) {
			const char *id = picked.items[i].id;
			if (!choices || !named_find(choices, id)) {
				add_problem(problems, f, "%s has no choice '%s'", id);
				found = 1;
			}
			for (size_t j = 0; j < i && !found; j++)
				if (strcmp(picked.items[j].id, id) == 0) {
					add_problem(problems, f, "%s lists '%s' twice", id);
					found = 1;
				}
		}
		named_list_free(&picked);
		return found ? 1 : 0;
	}
	}
	return 0;
}

size_t form_validate(const struct form *form, const struct form_context *ctx,
		     const struct record *rec, struct named_list *problems)
{
	size_t count = 0;
	for (size_t i = 0; i < rec->values.n; i++) {
		const char *id = rec->values.items[i].id;
		if (!form_field(form, id)) {
			char *msg = str_fmt("the %s form has no field '%s'", form->id, id);
			if (msg)
				named_add(problems, id, msg);
			free(msg);
			count++;
		}
	}
	for (size_t i = 0; i < form->nfields; i++) {
		const struct form_field *f = &form->fields[i];
		const char *v = record_get(rec, f->id);
		char *normal = NULL;
		bool texty = f->type == FIELD_LINE || f->type == FIELD_TEXT;
		if (v && texty && !(v = normal = text_normalise(f->kind, v))) {
			add_problem(problems, f, "%s: out of memory%s", NULL);
			count++;
			continue;
		}
		if (!v || !*v) {
			if (f->required) {
				add_problem(problems, f, "%s is required%s", NULL);
				count++;
			}
		} else {
			count += check_value(f, ctx, v, problems);
		}
		free(normal);
	}
	return count;
}

static void json_string(struct sbuf *b, const char *s)
{
	sbuf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			sbuf_addf(b, "\\%c", c);
		else if (c < 0x20)
			sbuf_addf(b, "\\u%04x", c);
		else
			sbuf_addc(b, (char)c);
	}
	sbuf_addc(b, '"');
}

char *form_extra_json(const struct form *form, const struct record *rec)
{
	struct sbuf b = {0};
	sbuf_addc(&b, '{');
	bool first = true;
	for (size_t i = 0; i < form->nfields; i++) {
		const struct form_field *f = &form->fields[i];
		const char *v = record_get(rec, f->id);
		if (f->builtin || !v || !*v)
			continue;
		if (!first)
			sbuf_addc(&b, ',');
		first = false;
		json_string(&b, f->id);
		sbuf_addc(&b, ':');
		json_string(&b, v);
	}
	sbuf_addc(&b, '}');
	return sbuf_take(&b);
}
