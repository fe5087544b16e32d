/* The briefing's parts and layouts, and the chair's changes to them. The layouts are data:
 * each lists every part once, in its order, with whether it is shown and its heading; the
 * chair's changes (shown or not, heading, place, text, kept by the store: store_briefing.c) go
 * on top, with the briefing's settings, checked here. Adding a layout means adding a table here
 * and a line to BRIEFING_LAYOUTS (and its name to the template's checker, template.c, which
 * cannot see this folder). One file with the changes, so that src/core/publish keeps to twenty
 * files. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing_internal.h"
#include "text_rules.h"

static const struct {
	const char *name;
	const char *label;
	enum briefing_part_kind kind;
	const char *text_field, *heading_field; /* a disclosure finding's, in its text, heading */
} parts[] = {
#define BRIEFING_PART_ROW(id, name, label, kind)                                                   \
	{name, label, BRIEFING_KIND_##kind, "briefing-" name, "briefing-" name "-heading"},
    BRIEFING_PARTS(BRIEFING_PART_ROW)
#undef BRIEFING_PART_ROW
};

const char *briefing_part_name(enum briefing_part p)
{
	return (unsigned)p < BRIEFING_NPARTS ? parts[p].name : "?";
}

const char *briefing_part_label(enum briefing_part p)
{
	return (unsigned)p < BRIEFING_NPARTS ? parts[p].label : "?";
}

enum briefing_part_kind briefing_part_kind(enum briefing_part p)
{
	return (unsigned)p < BRIEFING_NPARTS ? parts[p].kind : BRIEFING_KIND_TEXT;
}

const char *briefing_part_field(enum briefing_part p, bool heading)
{
	if ((unsigned)p >= BRIEFING_NPARTS)
		return "?";
	return heading ? parts[p].heading_field : parts[p].text_field;
}

bool briefing_part_parse(const char *name, enum briefing_part *out)
{
	for (size_t i = 0; name && i < BRIEFING_NPARTS; i++)
		if (strcmp(parts[i].name, name) == 0) {
			*out = (enum briefing_part)i;
			return true;
		}
	return false;
}

#define AS_PART_LISTED(id, name, label, kind) ", " name
const char *briefing_part_names(void)
{
	return &BRIEFING_PARTS(AS_PART_LISTED)[2];
}

/* York's briefing and the like: the background with the themes and the sample under it, the
 * good practice and the learning, then what the partnership does and where to read more. */
static const struct briefing_layout_part standard[] = {
    {BRIEFING_BACKGROUND, true, "Background"},
    {BRIEFING_THEMES, true, "Other themes featured in the cases"},
    {BRIEFING_SAMPLE, true, ""},
    {BRIEFING_WHY, false, "Why it matters"},
    {BRIEFING_GOOD_PRACTICE, true, "What areas of good practice were highlighted?"},
    {BRIEFING_LEARNING, true, "Key learning points"},
    {BRIEFING_KEY_LEARNING, false, "Key learning"},
    {BRIEFING_FINDINGS, true, "Findings at a glance"},
    {BRIEFING_COMPARISON, true, "Then and now: compared with the earlier audit"},
    {BRIEFING_ACTIONS, true, "Action plan"},
    {BRIEFING_WHAT_TO_DO, false, "What to do"},
    {BRIEFING_QUESTIONS, false, "Questions for your team to reflect on"},
    {BRIEFING_RESOURCES, true, "Useful resources"},
    {BRIEFING_FURTHER, true, "Where do I go for further information?"},
};

/* The seven-minute briefing: read aloud in a team meeting, on two pages at most, ending with
 * questions for the team. The parts not in the form are there to turn on. */
static const struct briefing_layout_part seven_minute[] = {
    {BRIEFING_BACKGROUND, true, "Background"},
    {BRIEFING_WHY, true, "Why it matters"},
    {BRIEFING_FINDINGS, true, "What we found"},
    {BRIEFING_SAMPLE, true, ""},
    {BRIEFING_COMPARISON, true, "Then and now"},
    {BRIEFING_KEY_LEARNING, true, "Key learning"},
    {BRIEFING_WHAT_TO_DO, true, "What to do"},
    {BRIEFING_QUESTIONS, true, "Questions for your team to reflect on"},
    {BRIEFING_FURTHER, true, "Further information"},
    {BRIEFING_THEMES, false, "Themes in the cases"},
    {BRIEFING_GOOD_PRACTICE, false, "Good practice"},
    {BRIEFING_LEARNING, false, "Learning points"},
    {BRIEFING_ACTIONS, false, "Action plan"},
    {BRIEFING_RESOURCES, false, "Useful resources"},
};

_Static_assert(sizeof standard / sizeof standard[0] == BRIEFING_NPARTS, "every part once");
_Static_assert(sizeof seven_minute / sizeof seven_minute[0] == BRIEFING_NPARTS, "every part once");

/* Every layout, by the name templates and `--layout` use; its names and the list of them
 * in messages come from here alone. */
#define BRIEFING_LAYOUTS(X) X("standard", false, standard) X("seven-minute", true, seven_minute)

#define AS_LAYOUT(name, numbered, parts) {name, numbered, parts},
static const struct briefing_layout layouts[] = {BRIEFING_LAYOUTS(AS_LAYOUT)};
#define NLAYOUTS (sizeof layouts / sizeof layouts[0])

const struct briefing_layout *briefing_layout_find(const char *name)
{
	for (size_t i = 0; name && i < NLAYOUTS; i++)
		if (strcmp(layouts[i].name, name) == 0)
			return &layouts[i];
	return NULL;
}

bool briefing_layout_known(const char *name)
{
	return briefing_layout_find(name) != NULL;
}

const char *briefing_layout_name(size_t i)
{
	return i < NLAYOUTS ? layouts[i].name : NULL;
}

/* ", standard, seven-minute" joined at compile time, less its first separator. */
#define AS_LISTED(name, numbered, parts) ", " name
const char *briefing_layout_names(void)
{
	return &BRIEFING_LAYOUTS(AS_LISTED)[2];
}

/* The store's row for one part of one layout, or NULL. */
static const struct briefing_part_row *row_of(const struct briefing_part_row *rows, size_t n,
					      const char *layout, enum briefing_part part)
{
	return array_find2(rows, n, sizeof *rows, offsetof(struct briefing_part_row, layout),
			   layout, offsetof(struct briefing_part_row, name),
			   briefing_part_name(part));
}

/* Where a part sorts: the chair's place when moved, else the layout's; the layout's breaks
 * ties (a part new to maca after the chair ordered the rest). */
struct place {
	size_t key, index;
};

static int by_place(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

int briefing_parts_make(const struct briefing_layout *layout, const struct briefing_part_row *rows,
			size_t nrows, bool template_findings, struct briefing_parts *out,
			struct maca_err *err)
{
	*out = (struct briefing_parts){.layout = layout->name, .numbered = layout->numbered};
	struct place order[BRIEFING_NPARTS];
	for (size_t i = 0; i < BRIEFING_NPARTS; i++) {
		const struct briefing_layout_part *lp = &layout->parts[i];
		const struct briefing_part_row *r = row_of(rows, nrows, layout->name, lp->part);
		order[i] = (struct place){r && r->position > 0 ? (size_t)r->position : i + 1, i};
	}
	qsort(order, BRIEFING_NPARTS, sizeof order[0], by_place);
	for (size_t k = 0; k < BRIEFING_NPARTS; k++) {
		const struct briefing_layout_part *lp = &layout->parts[order[k].index];
		const struct briefing_part_row *r = row_of(rows, nrows, layout->name, lp->part);
		struct briefing_part_state *s = &out->items[k];
		bool shown =
		    lp->part == BRIEFING_FINDINGS ? lp->shown && template_findings : lp->shown;
		s->part = lp->part;
		s->shown = r && r->shown >= 0 ? r->shown == 1 : shown;
		s->own_heading = r && r->heading;
		s->own_place = r && r->position > 0;
		s->heading = strdup(s->own_heading ? r->heading : lp->heading);
		const char *text = r ? r->text : NULL;
		/* The seven-minute briefing says what the standard one says unless given its own.
		 */
		if (!text && strcmp(layout->name, "standard") != 0) {
			const struct briefing_part_row *base =
			    row_of(rows, nrows, "standard", lp->part);
			text = base ? base->text : NULL;
			s->inherited = text != NULL;
		}
		s->text = text ? strdup(text) : NULL;
		if (!s->heading || (text && !s->text)) {
			briefing_parts_free(out);
			return err_set(err, MACA_ENOMEM, "out of memory");
		}
	}
	return MACA_OK;
}

void briefing_parts_free(struct briefing_parts *p)
{
	for (size_t i = 0; i < BRIEFING_NPARTS; i++) {
		free(p->items[i].heading);
		free(p->items[i].text);
		p->items[i].heading = p->items[i].text = NULL;
	}
}

const struct briefing_part_state *briefing_parts_find(const struct briefing_parts *p,
						      enum briefing_part part)
{
	for (size_t i = 0; i < BRIEFING_NPARTS; i++)
		if (p->items[i].part == part)
			return &p->items[i];
	return &p->items[0];
}

/* The chair's changes: parts */

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
