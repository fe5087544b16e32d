/* Filling in a form: editors, choices, values, validation. See formfill.h. */
#include "formfill.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_find.h"

struct ff_field {
	const struct form_field *def;
	struct editbuf *eb;		  /* line, text, date, number */
	const struct named_list *choices; /* choice fields; NULL when the context lacks it */
	struct named_list unknown;	  /* initial ids the choices lack */
	bool *selected;			  /* one per entry: choices, then unknown */
	size_t highlight;
	char *baseline; /* the value formfill_changed compares with */
	char *problem;	/* from the last submit, or NULL */
	bool hidden;	/* the form says it does not apply here: skipped, its value kept */
};

struct formfill {
	const struct form *form;
	const struct form_context *ctx;
	struct ff_field *fields;
	size_t nfields;
	size_t current;
};

static bool is_choice(const struct ff_field *f)
{
	return f->def->type == FIELD_CHOICE || f->def->type == FIELD_MULTI;
}

static size_t nknown(const struct ff_field *f)
{
	return f->choices ? f->choices->n : 0;
}

static size_t nentries(const struct ff_field *f)
{
	return is_choice(f) ? nknown(f) + f->unknown.n : 0;
}

static const struct named *entry(const struct ff_field *f, size_t i)
{
	return i < nknown(f) ? &f->choices->items[i] : &f->unknown.items[i - nknown(f)];
}

/* The ticked entries' ids (what is saved) or labels (what is shown), joined by sep; NULL when
 * out of memory. */
static char *ticked_joined(const struct ff_field *f, bool labels, const char *sep)
{
	struct sbuf b = {0};
	const char *before = "";
	for (size_t i = 0; i < nentries(f); i++) {
		if (!f->selected[i])
			continue;
		const struct named *e = entry(f, i);
		sbuf_add(&b, before);
		sbuf_add(&b, labels ? e->label : e->id);
		before = sep;
	}
	return sbuf_take(&b);
}

/* The entry with this id, or nentries(f). */
static size_t entry_index(const struct ff_field *f, const char *id)
{
	size_t n = nentries(f);
	for (size_t i = 0; i < n; i++)
		if (strcmp(entry(f, i)->id, id) == 0)
			return i;
	return n;
}

/* ---- Values ---- */

static char *trimmed_copy(const char *s, size_t len, bool multi_line)
{
	size_t a = 0, b = len;
	while (b > 0 && (s[b - 1] == ' ' || (multi_line && s[b - 1] == '\n')))
		b--;
	if (!multi_line) {
		while (a < b && s[a] == ' ')
			a++;
	} else {
		/* Leading blank lines go; the first line's indentation stays. */
		for (size_t i = 0; i < b && (s[i] == ' ' || s[i] == '\n'); i++)
			if (s[i] == '\n')
				a = i + 1;
	}
	char *out = malloc(b - a + 1);
	if (!out)
		return NULL;
	memcpy(out, s + a, b - a);
	out[b - a] = '\0';
	return out;
}

/* The field's value as the record gets it (caller frees); NULL when out of memory. */
static char *field_value(const struct ff_field *f)
{
	if (!is_choice(f)) {
		size_t len;
		char *text = editbuf_text(f->eb, &len);
		if (!text)
			return NULL;
		char *v = trimmed_copy(text, len, f->def->type == FIELD_TEXT);
		free(text);
		return v;
	}
	return ticked_joined(f, false, ",");
}

/* Sets every field's baseline to its current value. */
static enum formfill_result set_baselines(struct formfill *ff)
{
	char **vals = calloc(ff->nfields ? ff->nfields : 1, sizeof *vals);
	if (!vals)
		return FORMFILL_ENOMEM;
	for (size_t i = 0; i < ff->nfields; i++) {
		vals[i] = field_value(&ff->fields[i]);
		if (!vals[i]) {
			for (size_t j = 0; j < i; j++)
				free(vals[j]);
			free(vals);
			return FORMFILL_ENOMEM;
		}
	}
	for (size_t i = 0; i < ff->nfields; i++) {
		free(ff->fields[i].baseline);
		ff->fields[i].baseline = vals[i];
	}
	free(vals);
	return FORMFILL_OK;
}

/* ---- Creation ---- */

/* Selects the ids of value (one id for a single choice, a comma-separated list for a multi),
 * adding those the choices lack as unknown entries. */
static bool init_choices(struct ff_field *f, const char *value)
{
	struct named_list ids = {0};
	bool ok = true;
	if (value && *value) {
		if (f->def->type == FIELD_MULTI)
			ok = split_list(value, &ids);
		else
			ok = named_add(&ids, value, value);
	}
	for (size_t i = 0; ok && i < ids.n; i++)
		if (entry_index(f, ids.items[i].id) == nentries(f))
			ok = named_add(&f->unknown, ids.items[i].id, ids.items[i].id);
	if (ok) {
		size_t n = nentries(f);
		f->selected = calloc(n ? n : 1, sizeof *f->selected);
		ok = f->selected != NULL;
	}
	for (size_t i = 0; ok && i < ids.n; i++)
		f->selected[entry_index(f, ids.items[i].id)] = true;
	named_list_free(&ids);
	if (!ok)
		return false;
	for (size_t i = 0; i < nentries(f); i++)
		if (f->selected[i]) {
			f->highlight = i;
			break;
		}
	return true;
}

static bool init_field(struct ff_field *f, const struct form_field *def,
		       const struct form_context *ctx, const struct record *initial)
{
	const char *value = initial ? record_get(initial, def->id) : NULL;
	f->def = def;
	switch (def->type) {
	case FIELD_LINE:
		f->eb = editbuf_new(value, def->max_length, EDITBUF_SINGLE_LINE);
		return f->eb != NULL;
	case FIELD_TEXT:
		f->eb = editbuf_new(value, def->max_length, EDITBUF_MULTI_LINE);
		return f->eb != NULL;
	case FIELD_DATE:
	case FIELD_NUMBER:
		f->eb = editbuf_new(value, 0, EDITBUF_SINGLE_LINE);
		return f->eb != NULL;
	case FIELD_CHOICE:
	case FIELD_MULTI:
		f->choices = form_choices(def, ctx);
		return init_choices(f, value);
	}
	return false;
}

struct formfill *formfill_new(const struct form *form, const struct form_context *ctx,
			      const struct record *initial)
{
	struct formfill *ff = calloc(1, sizeof *ff);
	if (!ff)
		return NULL;
	ff->form = form;
	ff->ctx = ctx;
	ff->fields = calloc(form->nfields ? form->nfields : 1, sizeof *ff->fields);
	if (!ff->fields) {
		free(ff);
		return NULL;
	}
	ff->nfields = form->nfields;
	for (size_t i = 0; i < ff->nfields; i++)
		if (!init_field(&ff->fields[i], &form->fields[i], ctx, initial)) {
			formfill_free(ff);
			return NULL;
		}
	if (set_baselines(ff) != FORMFILL_OK) {
		formfill_free(ff);
		return NULL;
	}
	for (size_t i = 0; i < ff->nfields; i++)
		ff->fields[i].hidden = form->fields[i].hidden;
	while (ff->current + 1 < ff->nfields && ff->fields[ff->current].hidden)
		ff->current++;
	return ff;
}

void formfill_free(struct formfill *ff)
{
	if (!ff)
		return;
	for (size_t i = 0; i < ff->nfields; i++) {
		struct ff_field *f = &ff->fields[i];
		editbuf_free(f->eb);
		named_list_free(&f->unknown);
		free(f->selected);
		free(f->baseline);
		free(f->problem);
	}
	free(ff->fields);
	free(ff);
}

/* ---- Fields ---- */

size_t formfill_nfields(const struct formfill *ff)
{
	return ff->nfields;
}

const struct form_field *formfill_field(const struct formfill *ff, size_t field)
{
	return field < ff->nfields ? ff->fields[field].def : NULL;
}

bool formfill_required(const struct formfill *ff, size_t field)
{
	return field < ff->nfields && ff->fields[field].def->required;
}

struct editbuf *formfill_editbuf(struct formfill *ff, size_t field)
{
	return field < ff->nfields ? ff->fields[field].eb : NULL;
}

const char *formfill_problem(const struct formfill *ff, size_t field)
{
	return field < ff->nfields ? ff->fields[field].problem : NULL;
}

size_t formfill_current(const struct formfill *ff)
{
	return ff->current;
}

const char *formfill_help(const struct formfill *ff)
{
	if (ff->current >= ff->nfields)
		return "";
	const char *help = ff->fields[ff->current].def->help;
	return help ? help : "";
}

bool formfill_hidden(const struct formfill *ff, size_t field)
{
	return field < ff->nfields && ff->fields[field].hidden;
}

bool formfill_next(struct formfill *ff)
{
	for (size_t i = ff->current + 1; i < ff->nfields; i++)
		if (!ff->fields[i].hidden) {
			ff->current = i;
			return true;
		}
	return false;
}

bool formfill_prev(struct formfill *ff)
{
	for (size_t i = ff->current; i-- > 0;)
		if (!ff->fields[i].hidden) {
			ff->current = i;
			return true;
		}
	return false;
}

bool formfill_set_current(struct formfill *ff, size_t field)
{
	if (field >= ff->nfields || field == ff->current || ff->fields[field].hidden)
		return false;
	ff->current = field;
	return true;
}

/* ---- Choices ---- */

size_t formfill_choice_count(const struct formfill *ff, size_t field)
{
	return field < ff->nfields ? nentries(&ff->fields[field]) : 0;
}

bool formfill_choice(const struct formfill *ff, size_t field, size_t i, struct formfill_choice *out)
{
	if (field >= ff->nfields || i >= nentries(&ff->fields[field]))
		return false;
	const struct ff_field *f = &ff->fields[field];
	const struct named *e = entry(f, i);
	*out = (struct formfill_choice){
	    .id = e->id, .label = e->label, .selected = f->selected[i], .known = i < nknown(f)};
	return true;
}

size_t formfill_highlight(const struct formfill *ff, size_t field)
{
	return field < ff->nfields ? ff->fields[field].highlight : 0;
}

char *formfill_choice_summary(const struct formfill *ff, size_t field)
{
	if (field >= ff->nfields)
		return calloc(1, 1);
	return ticked_joined(&ff->fields[field], true, ", ");
}

/* The current field when it is a choice field with entries, else NULL. */
static struct ff_field *current_choice(struct formfill *ff)
{
	if (ff->current >= ff->nfields)
		return NULL;
	struct ff_field *f = &ff->fields[ff->current];
	return is_choice(f) && nentries(f) ? f : NULL;
}

bool formfill_choice_up(struct formfill *ff)
{
	struct ff_field *f = current_choice(ff);
	if (!f || f->highlight == 0)
		return false;
	f->highlight--;
	return true;
}

bool formfill_choice_down(struct formfill *ff)
{
	struct ff_field *f = current_choice(ff);
	if (!f || f->highlight + 1 >= nentries(f))
		return false;
	f->highlight++;
	return true;
}

bool formfill_set_highlight(struct formfill *ff, size_t i)
{
	struct ff_field *f = current_choice(ff);
	if (!f || i >= nentries(f) || i == f->highlight)
		return false;
	f->highlight = i;
	return true;
}

static const char *entry_label(const void *field, size_t i)
{
	return entry(field, i)->label;
}

bool formfill_choice_seek(struct formfill *ff, char c)
{
	struct ff_field *f = current_choice(ff);
	if (!f)
		return false;
	size_t n = nentries(f), i = ui_find_choice(f->highlight, n, c, entry_label, f);
	if (i == n)
		return false;
	f->highlight = i;
	/* One of several is picked where it is found, as a drop-down does; a multi-choice list
	 * only moves, since picking is a tick of its own. */
	if (f->def->type != FIELD_MULTI)
		for (size_t j = 0; j < n; j++)
			f->selected[j] = j == i;
	return true;
}

enum formfill_result formfill_choose(struct formfill *ff)
{
	struct ff_field *f = current_choice(ff);
	if (!f)
		return FORMFILL_REFUSED;
	if (f->def->type == FIELD_MULTI) {
		f->selected[f->highlight] = !f->selected[f->highlight];
		return FORMFILL_OK;
	}
	for (size_t i = 0; i < nentries(f); i++)
		f->selected[i] = i == f->highlight;
	return FORMFILL_OK;
}

enum formfill_result formfill_clear(struct formfill *ff)
{
	if (ff->current >= ff->nfields || !is_choice(&ff->fields[ff->current]))
		return FORMFILL_REFUSED;
	struct ff_field *f = &ff->fields[ff->current];
	for (size_t i = 0; i < nentries(f); i++)
		f->selected[i] = false;
	return FORMFILL_OK;
}

/* ---- Records, validation, changes ---- */

enum formfill_result formfill_record(const struct formfill *ff, struct record *out)
{
	struct record rec = {0};
	for (size_t i = 0; i < ff->nfields; i++) {
		char *v = field_value(&ff->fields[i]);
		bool ok = v && record_set(&rec, ff->fields[i].def->id, v);
		free(v);
		if (!ok) {
			record_free(&rec);
			return FORMFILL_ENOMEM;
		}
	}
	record_free(out);
	*out = rec;
	return FORMFILL_OK;
}

int formfill_submit(struct formfill *ff, struct record *out)
{
	struct record rec = {0};
	if (formfill_record(ff, &rec) != FORMFILL_OK)
		return -1;
	struct named_list problems = {0};
	size_t count = form_validate(ff->form, ff->ctx, &rec, &problems);
	/* form_validate counts a problem whose message it could not allocate. */
	char **msgs = calloc(ff->nfields ? ff->nfields : 1, sizeof *msgs);
	bool ok = msgs && problems.n >= count && count <= (size_t)INT_MAX;
	for (size_t p = 0; ok && p < problems.n; p++) {
		for (size_t i = 0; i < ff->nfields; i++) {
			if (msgs[i] || strcmp(ff->fields[i].def->id, problems.items[p].id) != 0)
				continue;
			msgs[i] = str_dup(problems.items[p].label);
			ok = msgs[i] != NULL;
		}
	}
	named_list_free(&problems);
	if (!ok) {
		for (size_t i = 0; msgs && i < ff->nfields; i++)
			free(msgs[i]);
		free(msgs);
		record_free(&rec);
		return -1;
	}
	bool moved = false;
	for (size_t i = 0; i < ff->nfields; i++) {
		free(ff->fields[i].problem);
		ff->fields[i].problem = msgs[i];
		if (msgs[i])
			ff->fields[i].hidden = false; /* a problem is never out of sight */
		if (msgs[i] && !moved) {
			ff->current = i;
			moved = true;
		}
	}
	free(msgs);
	record_free(out);
	*out = rec;
	return (int)count;
}

bool formfill_changed(const struct formfill *ff)
{
	for (size_t i = 0; i < ff->nfields; i++) {
		char *v = field_value(&ff->fields[i]);
		bool same = v && strcmp(v, ff->fields[i].baseline) == 0;
		free(v);
		if (!same)
			return true;
	}
	return false;
}

enum formfill_result formfill_mark_saved(struct formfill *ff)
{
	return set_baselines(ff);
}
