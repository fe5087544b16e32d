#include "catalog.h"

#include <dirent.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ini_hint.h"
#include "paths.h"
#include "sbuf.h"

static int by_id(const void *a, const void *b)
{
	const struct catalog_entry *x = a, *y = b;
	return strcmp(x->id, y->id);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .ini files of a directory, sorted so the scan order never depends on the filesystem. */
static int list_ini(const char *dir, struct named_list *out, struct maca_err *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return MACA_OK;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int rc = MACA_OK;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".ini"))
			continue;
		char **grown = realloc(names, (n + 1) * sizeof *grown);
		char *path = str_fmt("%s/%s", dir, e->d_name);
		if (!grown || !path) {
			free(path);
			if (grown)
				names = grown;
			rc = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
		names = grown;
		names[n++] = path;
	}
	closedir(d);
	if (!rc)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (!rc && !named_add(out, names[i], names[i]))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		free(names[i]);
	}
	free(names);
	return rc;
}

int catalog_templates(struct catalog_entry **out, size_t *n, struct diag_list *diags,
		      struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	struct named_list dirs = {0}, files = {0};
	int rc = paths_search_dirs("audit-templates", &dirs, err);
	for (size_t i = 0; !rc && i < dirs.n; i++)
		rc = list_ini(dirs.items[i].id, &files, err);
	struct catalog_entry *list = NULL;
	size_t count = 0;
	for (size_t i = 0; !rc && i < files.n; i++) {
		struct template *t;
		if (template_load_file(files.items[i].id, &t, diags) != 0)
			continue;
		bool seen = false;
		for (size_t j = 0; j < count; j++)
			seen = seen || strcmp(list[j].id, t->id) == 0;
		if (!seen) {
			struct catalog_entry *grown = realloc(list, (count + 1) * sizeof *grown);
			if (grown) {
				list = grown;
				list[count] =
				    (struct catalog_entry){.id = strdup(t->id),
							   .version = t->version,
							   .title = strdup(t->title),
							   .path = strdup(files.items[i].id)};
				if (list[count].id && list[count].title && list[count].path)
					count++;
				else {
					free(list[count].id);
					free(list[count].title);
					free(list[count].path);
					rc = err_set(err, MACA_ENOMEM, "out of memory");
				}
			} else {
				rc = err_set(err, MACA_ENOMEM, "out of memory");
			}
		}
		template_free(t);
	}
	named_list_free(&dirs);
	named_list_free(&files);
	if (rc) {
		catalog_free(list, count);
		return rc;
	}
	if (count > 1) /* qsort's array must not be NULL, and an empty catalog has none */
		qsort(list, count, sizeof *list, by_id);
	*out = list;
	*n = count;
	return MACA_OK;
}

void catalog_free(struct catalog_entry *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].id);
		free(list[i].title);
		free(list[i].path);
	}
	free(list);
}

/* Whether path's file name is ref.ini. */
static bool file_is(const char *path, const char *ref)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(ref);
	return strncmp(base, ref, n) == 0 && strcmp(base + n, ".ini") == 0;
}

const struct diag *catalog_failure(const struct diag_list *diags, size_t *i, const char *ref)
{
	for (; *i < diags->n; (*i)++) {
		const struct diag *d = &diags->items[*i];
		bool first = *i == 0 || strcmp(diags->items[*i - 1].file, d->file) != 0;
		if (first && (!ref || file_is(d->file, ref))) {
			(*i)++;
			return d;
		}
	}
	return NULL;
}

char *catalog_failure_text(const struct diag *d)
{
	return d->line ? str_fmt("%s did not load: line %d: %s", d->file, d->line, d->msg)
		       : str_fmt("%s did not load: %s", d->file, d->msg);
}

int catalog_load_template(const char *ref, struct template **out, struct diag_list *diags,
			  struct maca_err *err)
{
	*out = NULL;
	if (strchr(ref, '/') || ends_with(ref, ".ini")) {
		if (template_load_file(ref, out, diags) != 0)
			return err_set(err, MACA_EUSER,
				       "%s has problems; `maca check %s` lists them", ref, ref);
		return MACA_OK;
	}
	struct diag_list failed = {0};
	struct catalog_entry *list;
	size_t n;
	int rc = catalog_templates(&list, &n, &failed, err);
	if (rc) {
		diag_list_free(&failed);
		return rc;
	}
	const char *path = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].id, ref) == 0)
			path = list[i].path;
	size_t at = 0;
	const struct diag *why = path ? NULL : catalog_failure(&failed, &at, ref);
	char *because = why ? catalog_failure_text(why) : NULL;
	if (!path && because)
		/* Named after a file that is there but broken: say so, and why. */
		rc = err_set(err, MACA_EUSER,
			     "no template '%s': %s; `maca check %s` lists every problem", ref,
			     because, why->file);
	else if (!path)
		rc = err_set(err, MACA_ENOTFOUND,
			     "no template '%s'; `maca templates` lists the installed ones", ref);
	else if (template_load_file(path, out, diags) != 0)
		rc = err_set(err, MACA_EUSER,
			     "template %s has problems; `maca check %s` lists them", ref, path);
	free(because);
	diag_list_free(&failed);
	catalog_free(list, n);
	return rc;
}

int catalog_load_form(enum record_kind kind, struct form **out, struct diag_list *diags,
		      struct maca_err *err)
{
	*out = NULL;
	struct named_list dirs = {0};
	int rc = paths_search_dirs("forms", &dirs, err);
	char *path = NULL;
	for (size_t i = 0; !rc && !path && i < dirs.n; i++) {
		char *p = str_fmt("%s/%s.ini", dirs.items[i].id, record_kind_name(kind));
		if (!p) {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
		/* Only whether it is there: opening a FIFO to find out would block. */
		if (access(p, R_OK) == 0) {
			path = p;
		} else {
			free(p);
		}
	}
	named_list_free(&dirs);
	if (rc)
		return rc;
	if (!path)
		return err_set(err, MACA_ENOTFOUND,
			       "no %s form (forms/%s.ini) on the search path; reinstall maca",
			       record_kind_name(kind), record_kind_name(kind));
	if (form_load_file(path, out, diags) != 0)
		rc = err_set(err, MACA_EUSER, "form %s has problems; `maca check %s` lists them",
			     path, path);
	if (!rc && (*out)->record != kind) {
		enum record_kind found = (*out)->record;
		form_free(*out);
		*out = NULL;
		rc = err_set(err, MACA_EUSER, "%s is a form for %s records, not %s", path,
			     record_kind_name(found), record_kind_name(kind));
	}
	free(path);
	return rc;
}

size_t catalog_check_wording(const struct template *t, const char *file, struct diag_list *diags)
{
	size_t problems = 0;
	struct form *forms[RECORD_KIND_COUNT] = {0};
	bool tried[RECORD_KIND_COUNT] = {0};
	for (size_t i = 0; i < t->nwording; i++) {
		const struct form_wording *w = &t->wording[i];
		int k = 0;
		while (k < RECORD_KIND_COUNT &&
		       strcmp(record_kind_name((enum record_kind)k), w->form))
			k++;
		if (k == RECORD_KIND_COUNT)
			continue; /* the loader refuses an unknown form */
		if (!tried[k]) {
			struct diag_list ignored = {0};
			struct maca_err e = {0};
			tried[k] = true;
			catalog_load_form((enum record_kind)k, &forms[k], &ignored, &e);
			err_clear(&e);
			diag_list_free(&ignored);
		}
		const struct form *f = forms[k];
		if (!f || form_field(f, w->field))
			continue;
		const char *near = hint_nearest(w->field, f->fields, f->nfields, sizeof *f->fields,
						offsetof(struct form_field, id));
		struct sbuf ids = {0};
		for (size_t j = 0; j < f->nfields; j++)
			sbuf_addf(&ids, "%s%s", j ? ", " : "", f->fields[j].id);
		char *list = sbuf_take(&ids);
		if (near)
			diag_add(
			    diags, file, w->line,
			    "[field %s.%s]: the %s form has no field '%s', so this block would "
			    "never be used; did you mean [field %s.%s]?",
			    w->form, w->field, w->form, w->field, w->form, near);
		else
			diag_add(
			    diags, file, w->line,
			    "[field %s.%s]: the %s form has no field '%s', so this block would "
			    "never be used; its fields are %s",
			    w->form, w->field, w->form, w->field, list ? list : "others");
		free(list);
		problems++;
	}
	for (int k = 0; k < RECORD_KIND_COUNT; k++)
		form_free(forms[k]);
	return problems;
}
