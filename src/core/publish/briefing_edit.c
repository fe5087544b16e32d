/* The chair's changes to a briefing: its parts (shown or not, heading, place, text) and its
 * settings, checked here and kept by the store (store_briefing.c). See briefing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing_internal.h"
#include "text_rules.h"

/* The layout called name, or the audit's template's when name is NULL. */
static int find_layout(struct store *st, int64_t audit_id, const char *name,
		       const struct briefing_layout **out, bool *findings, struct maca_err *err)
{
	struct template *tpl = NULL;
	if (store_audit_template(st, audit_id, &tpl, err))
		return err->status;
	*out = briefing_layout_find(name ? name : tpl->layout);
	*findings = tpl->findings;
	int rc = *out ? MACA_OK
		      : err_set(err, MACA_EUSER, "unknown briefing layout '%s' (known: %s)",
				name ? name : tpl->layout, briefing_layout_names());
	template_free(tpl);
	return rc;
}

int briefing_parts_read(struct store *st, int64_t audit_id, const char *layout,
			struct briefing_parts *out, struct maca_err *err)
{
	*out = (struct briefing_parts){0};
	const struct briefing_layout *l = NULL;
	bool findings = false;
	if (find_layout(st, audit_id, layout, &l, &findings, err))
		return err->status;
	struct briefing_part_row *rows;
	size_t n;
	if (store_briefing_parts(st, audit_id, &rows, &n, err))
		return err->status;
	int rc = briefing_parts_make(l, rows, n, findings, out, err);
	briefing_part_rows_free(rows, n);
	return rc;
}

/* The layout's name as the store keeps it, checked. */
static int layout_name(struct store *st, int64_t audit_id, const char *layout, const char **out,
		       struct maca_err *err)
{
	const struct briefing_layout *l = NULL;
	bool findings = false;
	if (find_layout(st, audit_id, layout, &l, &findings, err))
		return err->status;
	*out = l->name;
	return MACA_OK;
}

int briefing_part_show(struct store *st, int64_t audit_id, const char *layout,
		       enum briefing_part part, bool shown, struct maca_err *err)
{
	const char *name = NULL;
	if (layout_name(st, audit_id, layout, &name, err))
		return err->status;
	return store_briefing_part_shown(st, audit_id, name, briefing_part_name(part), shown, err);
}

int briefing_part_heading(struct store *st, int64_t audit_id, const char *layout,
			  enum briefing_part part, const char *heading, struct maca_err *err)
{
	struct text_fault fault;
	if (heading && !text_check(TEXT_LINE, heading, &fault))
		return err_set(err, MACA_EUSER, "the heading %s", fault.why);
	const char *name = NULL;
	if (layout_name(st, audit_id, layout, &name, err))
		return err->status;
	return store_briefing_part_heading(st, audit_id, name, briefing_part_name(part), heading,
					   err);
}

int briefing_part_move(struct store *st, int64_t audit_id, const char *layout,
		       enum briefing_part part, size_t position, struct maca_err *err)
{
	if (position < 1 || position > BRIEFING_NPARTS)
		return err_set(err, MACA_EUSER, "a briefing's parts are in places 1 to %d",
			       (int)BRIEFING_NPARTS);
	struct briefing_parts p;
	if (briefing_parts_read(st, audit_id, layout, &p, err))
		return err->status;
	const char *names[BRIEFING_NPARTS];
	size_t n = 0;
	for (size_t i = 0; i < BRIEFING_NPARTS; i++)
		if (p.items[i].part != part)
			names[n++] = briefing_part_name(p.items[i].part);
	memmove(&names[position], &names[position - 1], (n - (position - 1)) * sizeof names[0]);
	names[position - 1] = briefing_part_name(part);
	int rc = store_briefing_order(st, audit_id, p.layout, names, BRIEFING_NPARTS, err);
	briefing_parts_free(&p);
	return rc;
}

int briefing_part_set_text(struct store *st, int64_t audit_id, const char *layout,
			   enum briefing_part part, const char *text, const char *expected,
			   char **now, struct store_change *by, struct maca_err *err)
{
	const char *name = NULL;
	if (layout_name(st, audit_id, layout, &name, err))
		return err->status;
	return store_briefing_part_text_if(st, audit_id, name, briefing_part_name(part), text,
					   expected, now, by, err);
}

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

/* Settings */

static const struct {
	const char *name, *label;
} settings[] = {
#define BRIEFING_SETTING_ROW(id, name, label) {name, label},
    BRIEFING_SETTINGS(BRIEFING_SETTING_ROW)
#undef BRIEFING_SETTING_ROW
};

const char *briefing_setting_name(enum briefing_setting s)
{
	return (unsigned)s < BRIEFING_NSETTINGS ? settings[s].name : "?";
}

const char *briefing_setting_label(enum briefing_setting s)
{
	return (unsigned)s < BRIEFING_NSETTINGS ? settings[s].label : "?";
}

bool briefing_setting_parse(const char *name, enum briefing_setting *out)
{
	for (size_t i = 0; name && i < BRIEFING_NSETTINGS; i++)
		if (strcmp(settings[i].name, name) == 0) {
			*out = (enum briefing_setting)i;
			return true;
		}
	return false;
}

/* Whether s is YYYY-MM (a valid month) or a valid YYYY-MM-DD. */
static bool month_or_date(const char *s)
{
	if (strlen(s) == 10)
		return date_valid(s);
	char day[11];
	if (strlen(s) != 7)
		return false;
	snprintf(day, sizeof day, "%s-01", s);
	return date_valid(day);
}

/* Reads "1,4,6" (spaces allowed) into at most max numbers from 1 to limit, each once; false
 * with why (static text) otherwise. */
static bool parse_numbers(const char *s, size_t max, size_t limit, int *out, size_t *n,
			  const char **why)
{
	*n = 0;
	while (*s) {
		s += strspn(s, " ");
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 1) {
			*why = "is not a list of numbers such as 1,4,6";
			return false;
		}
		if ((size_t)v > limit) {
			*why = "names a number past the last";
			return false;
		}
		for (size_t i = 0; i < *n; i++)
			if (out[i] == (int)v) {
				*why = "names a number twice";
				return false;
			}
		if (*n == max) {
			*why = "names too many";
			return false;
		}
		out[(*n)++] = (int)v;
		s = end + strspn(end, " ");
		if (*s == ',')
			s++;
		else if (*s) {
			*why = "is not a list of numbers such as 1,4,6";
			return false;
		}
	}
	return true;
}

/* The settings' stored values by name. */
static const char *stored(const struct named_list *l, enum briefing_setting s)
{
	const struct named *v = named_find(l, briefing_setting_name(s));
	return v ? v->label : "";
}

/* The key learning as stored (learning point ids) into numbers as the points are numbered
 * now; ids of points since deleted are dropped. */
static void key_numbers(const char *ids, const struct learning_point_row *points, size_t npoints,
			struct briefing_settings *out)
{
	out->nkey_learning = 0;
	for (const char *p = ids; *p && out->nkey_learning < BRIEFING_KEY_LEARNING_MAX;) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p)
			break;
		for (size_t i = 0; i < npoints; i++)
			if (points[i].id == id)
				out->key_learning[out->nkey_learning++] = points[i].number;
		p = end + (*end == ',');
	}
	out->key_learning_default = out->nkey_learning == 0;
	for (size_t i = 0;
	     out->key_learning_default && i < npoints && i < BRIEFING_KEY_LEARNING_MIN; i++)
		out->key_learning[out->nkey_learning++] = points[i].number;
}

int briefing_settings_read(struct store *st, int64_t audit_id, struct briefing_settings *out,
			   struct maca_err *err)
{
	*out = (struct briefing_settings){0};
	struct named_list l = {0};
	struct template *tpl = NULL;
	struct learning_point_row *points = NULL;
	size_t npoints = 0;
	int rc = store_briefing_settings(st, audit_id, &l, err);
	if (!rc)
		rc = store_audit_template(st, audit_id, &tpl, err);
	if (!rc)
		rc = store_learning_points(st, audit_id, &points, &npoints, err);
	if (!rc) {
		const char *title = stored(&l, BRIEFING_SET_TITLE);
		out->title = strdup(*title ? title : BRIEFING_TITLE);
		out->published = strdup(stored(&l, BRIEFING_SET_PUBLISHED));
		out->subtitle = strdup(stored(&l, BRIEFING_SET_SUBTITLE));
		out->ntemplate_resources = tpl->nresources;
		out->template_resources = calloc(tpl->nresources + 1, sizeof(bool));
		if (!out->title || !out->published || !out->subtitle || !out->template_resources)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc) {
		key_numbers(stored(&l, BRIEFING_SET_KEY_LEARNING), points, npoints, out);
		const char *chosen = stored(&l, BRIEFING_SET_RESOURCES);
		out->resources_chosen = *chosen != '\0';
		int *nums = calloc(tpl->nresources + 1, sizeof *nums);
		size_t n = 0;
		const char *why;
		bool all = !*chosen || strcmp(chosen, "all") == 0;
		if (!nums)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		else if (!all && strcmp(chosen, "none") != 0 &&
			 !parse_numbers(chosen, tpl->nresources, tpl->nresources, nums, &n, &why))
			n = 0; /* a value the template no longer fits: none */
		for (size_t i = 0; !rc && i < tpl->nresources; i++)
			out->template_resources[i] = all;
		for (size_t i = 0; !rc && i < n; i++)
			out->template_resources[nums[i] - 1] = true;
		free(nums);
	}
	if (rc)
		briefing_settings_free(out);
	learning_point_rows_free(points, npoints);
	template_free(tpl);
	named_list_free(&l);
	return rc;
}

void briefing_settings_free(struct briefing_settings *s)
{
	free(s->title);
	free(s->published);
	free(s->subtitle);
	free(s->template_resources);
	*s = (struct briefing_settings){0};
}

int briefing_setting_get(struct store *st, int64_t audit_id, enum briefing_setting s, char **out,
			 struct maca_err *err)
{
	*out = NULL;
	struct named_list l = {0};
	struct briefing_settings set = {0};
	int rc = store_briefing_settings(st, audit_id, &l, err);
	if (!rc && (s == BRIEFING_SET_KEY_LEARNING || s == BRIEFING_SET_RESOURCES) &&
	    *stored(&l, s))
		rc = briefing_settings_read(st, audit_id, &set, err);
	if (!rc) {
		struct sbuf b = {0};
		if (s == BRIEFING_SET_KEY_LEARNING && *stored(&l, s)) {
			for (size_t i = 0; i < set.nkey_learning; i++)
				sbuf_addf(&b, "%s%d", i ? "," : "", set.key_learning[i]);
		} else if (s == BRIEFING_SET_RESOURCES && *stored(&l, s) &&
			   strcmp(stored(&l, s), "all") != 0) {
			for (size_t i = 0; i < set.ntemplate_resources; i++)
				if (set.template_resources[i])
					sbuf_addf(&b, "%s%zu", b.len ? "," : "", i + 1);
			if (!b.len)
				sbuf_add(&b, "none");
		} else {
			sbuf_add(&b, stored(&l, s));
		}
		if (!b.failed && !b.data)
			sbuf_add(&b, "");
		if (!(*out = sbuf_take(&b)))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	briefing_settings_free(&set);
	named_list_free(&l);
	return rc;
}

/* The key learning as the store keeps it: the picked points' ids. */
static int key_learning_ids(struct store *st, int64_t audit_id, const char *numbers, char **out,
			    struct maca_err *err)
{
	struct learning_point_row *points;
	size_t npoints;
	if (store_learning_points(st, audit_id, &points, &npoints, err))
		return err->status;
	int nums[BRIEFING_KEY_LEARNING_MAX];
	size_t n;
	const char *why = NULL;
	int rc = MACA_OK;
	if (!parse_numbers(numbers, BRIEFING_KEY_LEARNING_MAX, npoints, nums, &n, &why))
		rc = err_set(err, MACA_EUSER,
			     "key learning '%s' %s; pick %d to %d of the learning points 1 to %zu",
			     numbers, why, BRIEFING_KEY_LEARNING_MIN, BRIEFING_KEY_LEARNING_MAX,
			     npoints);
	struct sbuf b = {0};
	for (size_t i = 0; !rc && i < n; i++)
		for (size_t k = 0; k < npoints; k++)
			if (points[k].number == nums[i])
				sbuf_addf(&b, "%s%lld", b.len ? "," : "", (long long)points[k].id);
	if (!rc && !(*out = sbuf_take(&b)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	sbuf_free(&b);
	learning_point_rows_free(points, npoints);
	return rc;
}

/* The template's resources chosen: "all", "none" or numbers, checked. */
static int check_resources(struct store *st, int64_t audit_id, const char *value,
			   struct maca_err *err)
{
	if (strcmp(value, "all") == 0 || strcmp(value, "none") == 0)
		return MACA_OK;
	struct template *tpl;
	if (store_audit_template(st, audit_id, &tpl, err))
		return err->status;
	int *nums = calloc(tpl->nresources + 1, sizeof *nums);
	size_t n;
	const char *why = NULL;
	int rc = MACA_OK;
	if (!nums)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	else if (!parse_numbers(value, tpl->nresources, tpl->nresources, nums, &n, &why))
		rc = err_set(err, MACA_EUSER,
			     "template resources '%s' %s; give all, none or numbers from 1 to %zu",
			     value, why, tpl->nresources);
	free(nums);
	template_free(tpl);
	return rc;
}

int briefing_setting_set(struct store *st, int64_t audit_id, enum briefing_setting s,
			 const char *value, struct maca_err *err)
{
	const char *v = value ? value : "";
	const char *name = briefing_setting_name(s);
	struct text_fault fault;
	char *keep = NULL;
	int rc = MACA_OK;
	if (*v && !text_check(TEXT_LINE, v, &fault))
		return err_set(err, MACA_EUSER, "the briefing's %s %s", name, fault.why);
	switch (s) {
	case BRIEFING_SET_PUBLISHED:
		if (*v && !month_or_date(v))
			return err_set(err, MACA_EUSER,
				       "publication date '%s' is not a month written YYYY-MM or "
				       "a date written YYYY-MM-DD",
				       v);
		break;
	case BRIEFING_SET_KEY_LEARNING:
		if (*v && (rc = key_learning_ids(st, audit_id, v, &keep, err)))
			return rc;
		break;
	case BRIEFING_SET_RESOURCES:
		if (*v && (rc = check_resources(st, audit_id, v, err)))
			return rc;
		break;
	case BRIEFING_SET_TITLE:
	case BRIEFING_SET_SUBTITLE:
	case BRIEFING_NSETTINGS:
		break;
	}
	rc = store_briefing_setting(st, audit_id, name, keep ? keep : v, err);
	free(keep);
	return rc;
}
