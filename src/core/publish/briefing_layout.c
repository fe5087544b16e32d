/* The briefing's parts and layouts, as data: each layout lists every part once, in its order,
 * with whether it is shown and its heading; the chair's changes (store rows) go on top. Adding
 * a layout means adding a table here and a line to BRIEFING_LAYOUTS (and its name to the
 * template's checker, template.c, which cannot see this folder). */
#include <stdlib.h>
#include <string.h>

#include "briefing_internal.h"

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
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].layout, layout) == 0 &&
		    strcmp(rows[i].name, briefing_part_name(part)) == 0)
			return &rows[i];
	return NULL;
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
