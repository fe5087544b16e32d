#include "template_wording.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "ini_hint.h"
#include "sbuf.h"
#include "text_rules.h"

/* A label as long as the form's own may be; help as long as a prompt. */
enum { MAX_LABEL = 60, MAX_HELP = 500 };

static bool known_kind(const char *kind)
{
	for (int k = 0; k < RECORD_KIND_COUNT; k++)
		if (strcmp(record_kind_name((enum record_kind)k), kind) == 0)
			return true;
	return false;
}

/* What one wording owns. */
static void wording_free(struct form_wording *w)
{
	free(w->form);
	free(w->field);
	free(w->label);
	free(w->help);
}

int template_wording_load(const char *file, const struct ini_section *sec, const char *ref,
			  struct template *t, struct diag_list *diags)
{
	int problems = 0;
#define WORDING_PROBLEM(line, ...)                                                                 \
	do {                                                                                       \
		diag_add(diags, file, (line), __VA_ARGS__);                                        \
		problems++;                                                                        \
	} while (0)
	const char *dot = strchr(ref, '.');
	char *kind = dot ? strndup(ref, (size_t)(dot - ref)) : NULL;
	const char *field = dot ? dot + 1 : "";
	if (dot && !kind) {
		WORDING_PROBLEM(sec->line, "out of memory");
		return problems;
	}
	if (!kind || !known_kind(kind) || !id_valid(field)) {
		WORDING_PROBLEM(sec->line,
				"[field %s]: write it as [field FORM.FIELD], FORM one of audit, "
				"case, learning-point, action and good-practice, FIELD the field's "
				"id in that form",
				ref);
		free(kind);
		return problems;
	}
	struct form_wording w = {.applies = true, .line = sec->line};
	for (size_t i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];
		struct text_fault fault;
		size_t max = strcmp(k->name, "label") == 0 ? MAX_LABEL : MAX_HELP;
		if (strcmp(k->name, "applies") == 0) {
			if (strcmp(k->value, "yes") == 0 || strcmp(k->value, "no") == 0)
				w.applies = strcmp(k->value, "yes") == 0;
			else
				WORDING_PROBLEM(k->line, "applies must be yes or no, not '%s'",
						k->value);
		} else if (strcmp(k->name, "label") != 0 && strcmp(k->name, "help") != 0) {
			static const char *const keys[] = {"label", "help", "applies"};
			const char *near = hint_nearest(k->name, keys, 3, sizeof keys[0], 0);
			if (near)
				WORDING_PROBLEM(k->line,
						"unknown key '%s' in [%s]: did you mean '%s'?",
						k->name, sec->name, near);
			else
				WORDING_PROBLEM(k->line,
						"unknown key '%s' in [%s]; this block takes label, "
						"help and applies",
						k->name, sec->name);
		} else if (!*k->value) {
			WORDING_PROBLEM(k->line, "%s is empty", k->name);
		} else if (utf8_length(k->value) > max) {
			WORDING_PROBLEM(k->line, "%s is %zu characters long; the limit is %zu",
					k->name, utf8_length(k->value), max);
		} else if (!text_check_characters(TEXT_LINE, k->value, &fault)) {
			WORDING_PROBLEM(k->line, "%s %s", k->name, fault.why);
		} else {
			char **slot = strcmp(k->name, "label") == 0 ? &w.label : &w.help;
			free(*slot);
			*slot = strdup(k->value);
			if (!*slot)
				WORDING_PROBLEM(k->line, "out of memory");
		}
	}
	w.form = kind;
	w.field = strdup(field);
	if (!w.field || !array_grow((void **)&t->wording, t->nwording, sizeof *t->wording)) {
		WORDING_PROBLEM(sec->line, "out of memory");
		wording_free(&w);
		return problems;
	}
	t->wording[t->nwording++] = w;
	return problems;
#undef WORDING_PROBLEM
}

void template_wording_free(struct template *t)
{
	for (size_t i = 0; i < t->nwording; i++)
		wording_free(&t->wording[i]);
	free(t->wording);
	t->wording = NULL;
	t->nwording = 0;
}

const struct form_wording *template_wording(const struct template *tpl, const char *form,
					    const char *field)
{
	return array_find2(tpl->wording, tpl->nwording, sizeof *tpl->wording,
			   offsetof(struct form_wording, form), form,
			   offsetof(struct form_wording, field), field);
}

static bool replace(char **slot, const char *with)
{
	if (!with)
		return true;
	char *copy = strdup(with);
	if (!copy)
		return false;
	free(*slot);
	*slot = copy;
	return true;
}

bool form_reword(struct form *form, const struct template *tpl, const struct form_context *ctx)
{
	const char *kind = record_kind_name(form->record);
	for (size_t i = 0; i < form->nfields; i++) {
		struct form_field *f = &form->fields[i];
		const struct form_wording *w = template_wording(tpl, kind, f->id);
		if (w && (!replace(&f->label, w->label) || !replace(&f->help, w->help)))
			return false;
		bool template_list = f->source == CHOICES_TAGS || f->source == CHOICES_AGE_BANDS ||
				     f->source == CHOICES_PLAN_STATUSES;
		bool empty = (f->type == FIELD_CHOICE || f->type == FIELD_MULTI) && template_list &&
			     ctx && ctx->lists[f->source] && ctx->lists[f->source]->n == 0;
		f->hidden = !f->required && ((w && !w->applies) || empty);
	}
	return true;
}
