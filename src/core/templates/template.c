#include "template.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "ini_doc.h"
#include "ini_hint.h"
#include "sbuf.h"
#include "template_wording.h"
#include "text_rules.h"
#include "url.h"

const struct named template_yesno_values[4] = {
    {"yes", "Yes"}, {"no", "No"}, {"partly", "Partly"}, {"not-known", "Not known"}};
const char template_yesno_keys[5] = "ynpk";

/* Limits in characters, so a template cannot push text the screens and briefing can't show. */
enum { MAX_LABEL = 60, MAX_TITLE = 200, MAX_TEXT = 500, MAX_LONG = 1000 };

struct keyspec {
	const char *name;
	bool required;
	size_t max;
};

struct loader {
	const struct ini_doc *doc;
	struct diag_list *diags;
	struct template *tpl;
	int errors;
	bool file; /* a template file, not an audit's stored copy: the reserved keys apply */
	/* Kinds of block (KIND_...) one of which had no id, a bad one or a misspelt name: it
	 * was reported, so references to it or its absence are not reported again. */
	unsigned misnamed;
};

/* The kinds of block that take an id, with one to show in a message; their order gives the
 * bits of loader.misnamed. */
static const struct block_kind {
	const char *kind;
	const char *example;
} kinds[] = {{"grade", "[grade good]"},	       {"section", "[section response]"},
	     {"question", "[question q1]"},    {"prompt", "[prompt went-well]"},
	     {"resource", "[resource guide]"}, {"field", "[field case.tags]"}};
enum {
	KIND_GRADE = 1u << 0,
	KIND_SECTION = 1u << 1,
	KIND_QUESTION = 1u << 2,
	KIND_PROMPT = 1u << 3,
	KIND_TEMPLATE = 1u << 6,
	KIND_AGENCIES = 1u << 7
};

#define PROBLEM(ld, line, ...)                                                                     \
	do {                                                                                       \
		diag_add((ld)->diags, (ld)->doc->file, (line), __VA_ARGS__);                       \
		(ld)->errors++;                                                                    \
	} while (0)

/* A problem with a value: the message, and the character in the value that the writer may
 * not see or may take for another, which is often why it was refused. */
static void refuse(struct loader *ld, int line, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void refuse(struct loader *ld, int line, const char *value, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = str_vfmt(fmt, ap);
	va_end(ap);
	char *note = hint_odd_note(value);
	PROBLEM(ld, line, "%s%s", msg ? msg : "out of memory", note ? note : "");
	free(msg);
	free(note);
}

/* A refused id, and why: "'x' is not a valid id: ...", or for the template's own id key
 * "id 'x' is not valid: ...". */
static void refuse_id(struct loader *ld, int line, bool key, const char *id)
{
	char *why = hint_id_problem(id);
	PROBLEM(ld, line, key ? "id '%s' is not valid: %s" : "'%s' is not a valid id: %s", id,
		why ? why : "out of memory");
	free(why);
}

/* An unknown key: the key of spec it is likely a misspelling of, else the keys there are. */
static void unknown_key(struct loader *ld, const struct ini_key *k, const char *block,
			const struct keyspec *spec)
{
	size_t n = 0;
	while (spec[n].name)
		n++;
	const char *near =
	    hint_nearest(k->name, spec, n, sizeof *spec, offsetof(struct keyspec, name));
	if (near) {
		PROBLEM(ld, k->line, "unknown key '%s' in [%s]: did you mean '%s'?", k->name, block,
			near);
		return;
	}
	struct sbuf b = {0};
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", spec[i].name);
	char *list = sbuf_take(&b);
	PROBLEM(ld, k->line, "unknown key '%s' in [%s]; this block takes %s", k->name, block,
		list ? list : "other keys");
	free(list);
}

/* Unknown keys, missing required keys and over-long values of a fixed-shape section. */
static void check_keys(struct loader *ld, const struct ini_section *sec, const struct keyspec *spec)
{
	for (size_t i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];
		const struct keyspec *s = spec;
		while (s->name && strcmp(s->name, k->name) != 0)
			s++;
		struct text_fault fault;
		if (!s->name)
			unknown_key(ld, k, sec->name, spec);
		else if (s->max && utf8_length(k->value) > s->max)
			PROBLEM(ld, k->line, "%s is %zu characters long; the limit is %zu", k->name,
				utf8_length(k->value), s->max);
		else if (!text_check_characters(TEXT_LINE, k->value, &fault))
			PROBLEM(ld, k->line, "%s %s", k->name, fault.why);
	}
	for (const struct keyspec *s = spec; s->name; s++) {
		const struct ini_key *k = ini_section_find(sec, s->name);
		/* An empty one is put right where it is written. */
		if (s->required && k && !*k->value)
			PROBLEM(ld, k->line, "%s is empty: [%s] needs one, written after the '='",
				s->name, sec->name);
		else if (s->required && !k)
			PROBLEM(ld, sec->line, "[%s] is missing the required key '%s'", sec->name,
				s->name);
	}
}

static bool parse_bool(struct loader *ld, const struct ini_section *sec, const char *key, bool dflt)
{
	const char *v = ini_section_value(sec, key);
	if (!v)
		return dflt;
	if (strcmp(v, "yes") == 0)
		return true;
	if (strcmp(v, "no") == 0)
		return false;
	refuse(ld, ini_section_line(sec, key), v, "%s must be yes or no, not '%s'", key, v);
	return dflt;
}

/* Keeps p (a record's string or list) in the template, which frees it with itself; NULL,
 * with p freed and the problem said at line, when there is no room. */
static void *own(struct loader *ld, int line, void *p)
{
	struct template *t = ld->tpl;
	if (p && !array_grow((void **)&t->owned, t->nowned, sizeof *t->owned)) {
		free(p);
		p = NULL;
	}
	if (!p)
		PROBLEM(ld, line, "out of memory");
	else
		t->owned[t->nowned++] = p;
	return p;
}

/* A copy of s ("" for NULL) that the template owns. */
static char *dup_or_empty(struct loader *ld, const char *s)
{
	return own(ld, 0, strdup(s ? s : ""));
}

/* The template's lists of names, by the sections that hold them: `id = label` lines, but for
 * background's `key = paragraph`. The i-th, or NULL past the last. */
static struct named_list *named_list_at(struct template *t, size_t i, const char **section)
{
	const struct {
		const char *section;
		struct named_list *list;
	} lists[] = {{"agencies", &t->agencies},
		     {"tags", &t->tags},
		     {"age-bands", &t->age_bands},
		     {"plan-statuses", &t->plan_statuses},
		     {"background", &t->background}};
	if (i >= sizeof lists / sizeof lists[0])
		return NULL;
	*section = lists[i].section;
	return lists[i].list;
}

/* The list section name holds, or NULL. */
static struct named_list *named_section(struct template *t, const char *name)
{
	const char *section;
	struct named_list *list;
	for (size_t i = 0; (list = named_list_at(t, i, &section)); i++)
		if (strcmp(section, name) == 0)
			return list;
	return NULL;
}

/* A section of `id = label` lines: agencies, tags, age bands, plan statuses. */
static void load_named(struct loader *ld, const struct ini_section *sec, struct named_list *out,
		       size_t max)
{
	for (size_t i = 0; i < sec->nkeys; i++) {
		const struct ini_key *k = &sec->keys[i];
		struct text_fault fault;
		if (!id_valid(k->name))
			refuse_id(ld, k->line, false, k->name);
		else if (!*k->value)
			PROBLEM(ld, k->line, "%s has no label: write it after the '='", k->name);
		else if (utf8_length(k->value) > max)
			PROBLEM(ld, k->line, "%s is %zu characters long; the limit is %zu", k->name,
				utf8_length(k->value), max);
		else if (!text_check_characters(TEXT_NAME, k->value, &fault))
			PROBLEM(ld, k->line, "%s %s", k->name, fault.why);
		else if (!named_add(out, k->name, k->value))
			PROBLEM(ld, k->line, "out of memory");
	}
}

static void load_header(struct loader *ld, const struct ini_section *sec)
{
	/* No length for a key whose value is checked against its few allowed values: that
	 * check says what to write, the length would be a second message for one slip. */
	static const struct keyspec spec[] = {{"id", true, 0},
					      {"title", true, MAX_TITLE},
					      {"version", true, 0},
					      {"theme", false, MAX_TITLE},
					      {"layout", false, 0},
					      {"findings", false, 0},
					      {"prompts", false, MAX_LONG},
					      {"evidence_required_at", false, 0},
					      {"concern_at", false, 0},
					      {NULL, false, 0}};
	struct template *t = ld->tpl;
	check_keys(ld, sec, spec);
	const char *id = ini_section_value(sec, "id");
	if (id && !id_valid(id))
		refuse_id(ld, ini_section_line(sec, "id"), true, id);
	t->id = dup_or_empty(ld, id);
	t->title = dup_or_empty(ld, ini_section_value(sec, "title"));
	t->theme =
	    dup_or_empty(ld, ini_section_value(sec, "theme") ? ini_section_value(sec, "theme")
							     : ini_section_value(sec, "title"));
	const char *layout =
	    ini_section_value(sec, "layout") ? ini_section_value(sec, "layout") : "standard";
	if (strcmp(layout, "standard") != 0 && strcmp(layout, "seven-minute") != 0)
		refuse(ld, ini_section_line(sec, "layout"), layout,
		       "layout must be standard or seven-minute, not '%s'", layout);
	t->layout = dup_or_empty(ld, layout);
	const char *version = ini_section_value(sec, "version");
	if (version && (!parse_long(version, &t->version) || t->version < 1))
		refuse(ld, ini_section_line(sec, "version"), version,
		       "version must be a positive whole number, not '%s'", version);
	t->findings = parse_bool(ld, sec, "findings", true);
}

static int grade_index(const struct template *t, const char *id)
{
	const struct grade *g =
	    array_find(t->grades, t->ngrades, sizeof *t->grades, offsetof(struct grade, id), id);
	return g ? (int)(g - t->grades) : -1;
}

static void load_grade(struct loader *ld, const struct ini_section *sec, const char *id)
{
	static const struct keyspec spec[] = {{"label", true, MAX_LABEL},
					      {"key", true, 0},
					      {"not_applicable", false, 0},
					      {"colour", false, 0},
					      {NULL, false, 0}};
	check_keys(ld, sec, spec);
	struct template *t = ld->tpl;
	/* Six hex digits; a '#' before them needs quotes, as it starts a comment. */
	const char *colour = ini_section_value(sec, "colour");
	const char *hex = colour && colour[0] == '#' ? colour + 1 : colour;
	bool colour_ok = hex && strlen(hex) == 6 && strspn(hex, "0123456789abcdefABCDEF") == 6;
	if (colour && !colour_ok)
		refuse(ld, ini_section_line(sec, "colour"), colour,
		       "colour must be six hexadecimal digits such as 00703c (or \"#00703c\" in "
		       "quotes), not '%s'",
		       colour);
	const char *key = ini_section_value(sec, "key");
	char c = 0;
	if (key && (strlen(key) != 1 || !isalnum((unsigned char)key[0]))) {
		refuse(ld, ini_section_line(sec, "key"), key,
		       "key must be one letter or digit, not '%s'", key);
	} else if (key) {
		c = key[0];
		if (ld->file && template_key_reserved(c))
			PROBLEM(
			    ld, ini_section_line(sec, "key"),
			    "grade key '%c' is reserved: on every screen q quits, u undoes and h "
			    "shows the history; choose another letter or a digit",
			    c);
		for (size_t i = 0; i < t->ngrades; i++)
			if (tolower((unsigned char)t->grades[i].key) == tolower((unsigned char)c))
				PROBLEM(ld, ini_section_line(sec, "key"),
					"duplicate grade key '%c': grade %s already uses it", c,
					t->grades[i].id);
	}
	t->grades[t->ngrades++] =
	    (struct grade){.id = dup_or_empty(ld, id),
			   .label = dup_or_empty(ld, ini_section_value(sec, "label")),
			   .key = c,
			   .not_applicable = parse_bool(ld, sec, "not_applicable", false)};
	if (colour_ok) {
		char *out = t->grades[t->ngrades - 1].colour;
		out[0] = '#';
		for (int i = 0; i < 6; i++)
			out[i + 1] = (char)tolower((unsigned char)hex[i]);
		out[7] = '\0';
	}
}

/* The message for a key naming a grade there is none of, with the grade it likely means. */
static void unknown_grade(struct loader *ld, int line, const char *key, const char *value)
{
	const struct template *t = ld->tpl;
	if (ld->misnamed & KIND_GRADE)
		return; /* the grade may be the one whose header lacks its id */
	const char *near = hint_nearest(value, t->grades, t->ngrades, sizeof *t->grades,
					offsetof(struct grade, id));
	refuse(ld, line, value, "%s: unknown grade '%s'%s%s%s", key, value,
	       near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* The grade from which findings are a concern: concern_at, else requires-improvement, else
 * the first grade of the worse half of the graded grades. Needs the grades loaded. */
static void load_concern(struct loader *ld, const struct ini_section *header)
{
	struct template *t = ld->tpl;
	const char *value = header ? ini_section_value(header, "concern_at") : NULL;
	int g = grade_index(t, value ? value : "requires-improvement");
	if (value && g < 0)
		unknown_grade(ld, ini_section_line(header, "concern_at"), "concern_at", value);
	else if (value && t->grades[g].not_applicable)
		PROBLEM(ld, ini_section_line(header, "concern_at"),
			"concern_at: '%s' is a not-applicable grade", value);
	if (g >= 0 && !t->grades[g].not_applicable) {
		t->concern_at = (size_t)g;
		return;
	}
	size_t graded = 0, seen = 0;
	for (size_t i = 0; i < t->ngrades; i++)
		graded += !t->grades[i].not_applicable;
	t->concern_at = 0;
	for (size_t i = 0; i < t->ngrades; i++) {
		if (t->grades[i].not_applicable)
			continue;
		if (++seen == graded / 2 + 1) {
			t->concern_at = i;
			break;
		}
	}
}

static void load_prompt(struct loader *ld, const struct ini_section *sec, const char *id)
{
	static const struct keyspec spec[] = {
	    {"label", true, MAX_LABEL}, {"text", true, MAX_TEXT}, {NULL, false, 0}};
	check_keys(ld, sec, spec);
	struct template *t = ld->tpl;
	t->prompts[t->nprompts++] =
	    (struct prompt){.id = dup_or_empty(ld, id),
			    .label = dup_or_empty(ld, ini_section_value(sec, "label")),
			    .text = dup_or_empty(ld, ini_section_value(sec, "text"))};
}

static void load_resource(struct loader *ld, const struct ini_section *sec)
{
	static const struct keyspec spec[] = {
	    {"title", true, MAX_TITLE}, {"url", false, MAX_LONG}, {NULL, false, 0}};
	check_keys(ld, sec, spec);
	struct template *t = ld->tpl;
	const char *url = ini_section_value(sec, "url");
	/* The url becomes a live link in the briefings: http, https and mailto only. */
	const char *why = url && *url ? url_link_problem(url) : NULL;
	if (why)
		PROBLEM(ld, ini_section_line(sec, "url"), "url is not allowed (%s); %s", why,
			URL_LINK_ALLOWED);
	t->resources[t->nresources++] =
	    (struct resource){.title = dup_or_empty(ld, ini_section_value(sec, "title")),
			      .url = dup_or_empty(ld, url)};
}

static size_t find_prompt(const struct template *t, const char *id)
{
	const struct prompt *p = array_find(t->prompts, t->nprompts, sizeof *t->prompts,
					    offsetof(struct prompt, id), id);
	return p ? (size_t)(p - t->prompts) : (size_t)-1;
}

/* Resolves a prompts list against the [prompt] sections. */
static void resolve_prompts(struct loader *ld, const char *list, int line, struct section *s)
{
	struct named_list ids = {0};
	if (!split_list(list, &ids)) {
		PROBLEM(ld, line, "out of memory");
		return;
	}
	s->prompts = own(ld, line, calloc(ids.n ? ids.n : 1, sizeof *s->prompts));
	if (!s->prompts) {
		named_list_free(&ids);
		return;
	}
	for (size_t i = 0; i < ids.n; i++) {
		size_t p = find_prompt(ld->tpl, ids.items[i].id);
		const struct template *t = ld->tpl;
		const char *near = hint_nearest(ids.items[i].id, t->prompts, t->nprompts,
						sizeof *t->prompts, offsetof(struct prompt, id));
		if (p == (size_t)-1 && !(ld->misnamed & KIND_PROMPT))
			refuse(ld, line, ids.items[i].id,
			       "prompts: no [prompt %s] in this file%s%s%s", ids.items[i].id,
			       near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
		else
			s->prompts[s->nprompts++] = p;
	}
	named_list_free(&ids);
}

static int evidence_level(struct loader *ld, const char *value, int line, int dflt)
{
	if (!value)
		return dflt;
	if (strcmp(value, "none") == 0)
		return -1;
	int g = grade_index(ld->tpl, value);
	if (g < 0)
		unknown_grade(ld, line, "evidence_required_at", value);
	else if (ld->tpl->grades[g].not_applicable)
		PROBLEM(ld, line, "evidence_required_at: '%s' is a not-applicable grade", value);
	return g;
}

/* Whether a question names a section that is not there but likely means section id: its
 * "did you mean" is reported, so the section's lack of questions is not reported again. */
static bool meant_for(struct loader *ld, const char *id)
{
	const struct template *t = ld->tpl;
	for (size_t i = 0; i < ld->doc->nsections; i++) {
		const struct ini_section *sec = &ld->doc->sections[i];
		const char *in = ini_section_value(sec, "section");
		if (strncmp(sec->name, "question ", 9) != 0 || !in || template_section(t, in))
			continue;
		const char *near = hint_nearest(in, t->sections, t->nsections, sizeof *t->sections,
						offsetof(struct section, id));
		if (near && strcmp(near, id) == 0)
			return true;
	}
	return false;
}

/* Sections and questions need the grades and prompts first, so they are a second pass. */
static void load_sections_and_questions(struct loader *ld, const struct ini_section *header)
{
	const struct ini_doc *doc = ld->doc;
	struct template *t = ld->tpl;
	int dflt_evidence =
	    header ? evidence_level(ld, ini_section_value(header, "evidence_required_at"),
				    ini_section_line(header, "evidence_required_at"), -1)
		   : -1;
	const char *dflt_prompts = header ? ini_section_value(header, "prompts") : NULL;
	int dflt_prompts_line = header ? ini_section_line(header, "prompts") : 0;

	for (size_t i = 0; i < doc->nsections; i++) {
		const struct ini_section *sec = &doc->sections[i];
		/* One with a bad id was reported by load(). */
		if (strncmp(sec->name, "section ", 8) != 0 || !id_valid(sec->name + 8))
			continue;
		static const struct keyspec spec[] = {
		    {"title", true, MAX_TITLE}, {"prompts", false, MAX_LONG}, {NULL, false, 0}};
		check_keys(ld, sec, spec);
		struct section *cur = &t->sections[t->nsections++];
		*cur = (struct section){.id = dup_or_empty(ld, sec->name + 8),
					.title = dup_or_empty(ld, ini_section_value(sec, "title"))};
		if (ini_section_value(sec, "prompts"))
			resolve_prompts(ld, ini_section_value(sec, "prompts"),
					ini_section_line(sec, "prompts"), cur);
		else if (dflt_prompts)
			resolve_prompts(ld, dflt_prompts, dflt_prompts_line, cur);
	}

	/* Count questions, check them, then store them grouped by section. */
	size_t total = 0;
	for (size_t i = 0; i < doc->nsections; i++)
		if (strncmp(doc->sections[i].name, "question ", 9) == 0)
			total++;
	t->questions = own(ld, 0, calloc(total ? total : 1, sizeof *t->questions));
	if (!t->questions)
		return;
	for (size_t si = 0; si < t->nsections; si++) {
		struct section *cur = &t->sections[si];
		cur->first_question = t->nquestions;
		for (size_t i = 0; i < doc->nsections; i++) {
			const struct ini_section *sec = &doc->sections[i];
			if (strncmp(sec->name, "question ", 9) != 0 || !id_valid(sec->name + 9))
				continue;
			const char *in = ini_section_value(sec, "section");
			if (!in || strcmp(in, cur->id) != 0)
				continue;
			const char *kind = ini_section_value(sec, "kind")
					       ? ini_section_value(sec, "kind")
					       : "graded";
			enum question_kind k = QUESTION_GRADED;
			if (strcmp(kind, "yes-no") == 0)
				k = QUESTION_YESNO;
			else if (strcmp(kind, "text") == 0)
				k = QUESTION_TEXT;
			else if (strcmp(kind, "graded") != 0)
				refuse(ld, ini_section_line(sec, "kind"), kind,
				       "kind must be graded, yes-no or text, not '%s'", kind);
			int ev = evidence_level(ld, ini_section_value(sec, "evidence_required_at"),
						ini_section_line(sec, "evidence_required_at"),
						dflt_evidence);
			t->questions[t->nquestions++] = (struct question){
			    .id = dup_or_empty(ld, sec->name + 9),
			    .text = dup_or_empty(ld, ini_section_value(sec, "text")),
			    .guidance = dup_or_empty(ld, ini_section_value(sec, "guidance")),
			    .kind = k,
			    .evidence_at = k == QUESTION_GRADED ? ev : -1,
			    .section = si};
			cur->nquestions++;
		}
		if (cur->nquestions == 0 && !(ld->misnamed & KIND_QUESTION) &&
		    !meant_for(ld, cur->id)) {
			char *name = str_fmt("section %s", cur->id);
			const struct ini_section *at = name ? ini_doc_find(doc, name) : NULL;
			free(name);
			PROBLEM(ld, at ? at->line : 0,
				"[section %s] has no questions: add a [question ID] block with "
				"section = %s, or delete this block",
				cur->id, cur->id);
		}
	}
	for (size_t i = 0; i < doc->nsections; i++) {
		const struct ini_section *sec = &doc->sections[i];
		if (strncmp(sec->name, "question ", 9) != 0)
			continue;
		static const struct keyspec spec[] = {{"section", true, 0},
						      {"text", true, MAX_TEXT},
						      {"guidance", false, MAX_LONG},
						      {"kind", false, 0},
						      {"evidence_required_at", false, 0},
						      {NULL, false, 0}};
		check_keys(ld, sec, spec);
		const char *in = ini_section_value(sec, "section");
		const char *near = hint_nearest(in ? in : "", t->sections, t->nsections,
						sizeof *t->sections, offsetof(struct section, id));
		if (in && !template_section(t, in) && !(ld->misnamed & KIND_SECTION))
			refuse(ld, ini_section_line(sec, "section"), in,
			       "section: no [section %s] in this file%s%s%s", in,
			       near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
	}
}

static bool kind_id(const char *name, const char *kind, const char **id)
{
	size_t n = strlen(kind);
	if (strncmp(name, kind, n) != 0 || name[n] != ' ')
		return false;
	*id = name + n + 1;
	return true;
}

/* The array for the records of one kind ("grade": the [grade ...] sections), the
 * template's, with room for every section of that kind; NULL when there is none. */
static void *array_for_kind(struct loader *ld, const char *kind, size_t size)
{
	size_t n = 0;
	const char *id;
	for (size_t i = 0; i < ld->doc->nsections; i++)
		n += kind_id(ld->doc->sections[i].name, kind, &id);
	return n ? own(ld, 0, calloc(n, size)) : NULL;
}

static unsigned kind_bit(const char *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return 1u << i;
	return 0;
}

/* [question  q1] (two spaces) or [grade Good!]: the id, and how to write it. */
static void bad_block_id(struct loader *ld, const struct ini_section *sec, const char *id)
{
	size_t kind_len = (size_t)(id - 1 - sec->name);
	char *kind = strndup(sec->name, kind_len);
	ld->misnamed |= kind ? kind_bit(kind) : 0;
	if (kind && *id == ' ') {
		const char *rest = id + strspn(id, " ");
		PROBLEM(ld, sec->line,
			"[%s]: write exactly one space between %s and the id, as in [%s %s]",
			sec->name, kind, kind, rest);
	} else {
		char *why = hint_id_problem(id);
		PROBLEM(ld, sec->line, "[%s]: '%s' is not a valid id: %s", sec->name, id,
			why ? why : "out of memory");
		free(why);
	}
	free(kind);
}

/* A block maca does not know: one of the kinds without its id, a misspelt name, or one
 * that has no place in a template. */
static void unknown_block(struct loader *ld, const struct ini_section *sec)
{
	static const char *const names[] = {"template",	 "agencies",	  "tags",
					    "age-bands", "plan-statuses", "background"};
	const char *name = sec->name;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(name, kinds[i].kind) == 0) {
			ld->misnamed |= 1u << i;
			PROBLEM(ld, sec->line, "[%s] needs an id: write [%s ID], such as %s", name,
				name, kinds[i].example);
			return;
		}
	const char *space = strchr(name, ' ');
	char *word = space ? strndup(name, (size_t)(space - name)) : str_dup(name);
	const char *near = NULL;
	if (word && space)
		near = hint_nearest(word, kinds, sizeof kinds / sizeof kinds[0], sizeof kinds[0],
				    offsetof(struct block_kind, kind));
	else if (word)
		near =
		    hint_nearest(word, names, sizeof names / sizeof names[0], sizeof names[0], 0);
	free(word);
	/* [grades ri] is likely the grade ri, [agency] the agencies: references to them, or
	 * their absence, are not reported again. */
	if (near && space)
		ld->misnamed |= kind_bit(near);
	else if (near)
		ld->misnamed |= strcmp(near, "template") == 0	? KIND_TEMPLATE
				: strcmp(near, "agencies") == 0 ? KIND_AGENCIES
								: 0;
	if (near)
		PROBLEM(ld, sec->line, "unknown block [%s]: did you mean [%s%s]?", name, near,
			space ? space : "");
	else
		PROBLEM(ld, sec->line,
			"unknown block [%s]: a template has [template], [agencies], [tags], "
			"[age-bands], [plan-statuses], [background] and blocks such as %s, %s, "
			"%s, %s, %s and %s",
			name, kinds[0].example, kinds[1].example, kinds[2].example,
			kinds[3].example, kinds[4].example, kinds[5].example);
}

static void load(struct loader *ld)
{
	const struct ini_doc *doc = ld->doc;
	struct template *t = ld->tpl;
	const struct ini_section *header = NULL;
	const struct ini_section *agencies = NULL;

	if (doc->nsections == 0) {
		PROBLEM(ld, 0,
			"the file is empty: an audit template needs at least [template], "
			"[agencies], [grade ...], [section ...] and [question ...]");
		return;
	}
	t->grades = array_for_kind(ld, "grade", sizeof *t->grades);
	t->prompts = array_for_kind(ld, "prompt", sizeof *t->prompts);
	t->resources = array_for_kind(ld, "resource", sizeof *t->resources);
	t->sections = array_for_kind(ld, "section", sizeof *t->sections);
	if (ld->errors)
		return;
	for (size_t i = 0; i < doc->nsections; i++) {
		const struct ini_section *sec = &doc->sections[i];
		const char *id = NULL;
		struct named_list *list = named_section(t, sec->name);
		if (strcmp(sec->name, "template") == 0) {
			header = sec;
			load_header(ld, sec);
		} else if (list && list != &t->background) {
			if (list == &t->agencies)
				agencies = sec;
			load_named(ld, sec, list, MAX_LABEL);
		} else if (list) {
			for (size_t k = 0; k < sec->nkeys; k++)
				if (!named_add(&t->background, sec->keys[k].name,
					       sec->keys[k].value))
					PROBLEM(ld, sec->keys[k].line, "out of memory");
		} else if (kind_id(sec->name, "grade", &id) || kind_id(sec->name, "section", &id) ||
			   kind_id(sec->name, "question", &id) ||
			   kind_id(sec->name, "prompt", &id) ||
			   kind_id(sec->name, "resource", &id)) {
			if (!id_valid(id)) {
				bad_block_id(ld, sec, id);
				continue;
			}
			if (kind_id(sec->name, "grade", &id))
				load_grade(ld, sec, id);
			else if (kind_id(sec->name, "prompt", &id))
				load_prompt(ld, sec, id);
			else if (kind_id(sec->name, "resource", &id))
				load_resource(ld, sec);
		} else if (kind_id(sec->name, "field", &id)) {
			ld->errors += template_wording_load(doc->file, sec, id, t, ld->diags);
		} else {
			unknown_block(ld, sec);
		}
	}
	if (!header && !(ld->misnamed & KIND_TEMPLATE))
		PROBLEM(ld, 0, "missing the [template] block: start the file with it");
	if (!agencies && !(ld->misnamed & KIND_AGENCIES))
		PROBLEM(ld, 0,
			"missing the [agencies] block: add it, with a line for each agency such "
			"as police = Police");
	else if (agencies && agencies->nkeys == 0)
		PROBLEM(ld, agencies->line,
			"[agencies] lists no agency: add a line for each, such as police = Police");
	size_t graded = 0;
	for (size_t i = 0; i < t->ngrades; i++)
		if (!t->grades[i].not_applicable)
			graded++;
	if (graded < 2 && !(ld->misnamed & KIND_GRADE))
		PROBLEM(ld, 0,
			"the scale needs at least two [grade ...] blocks that are not "
			"not-applicable");
	load_concern(ld, header);
	load_sections_and_questions(ld, header);
	if (t->nsections == 0 && !(ld->misnamed & KIND_SECTION))
		PROBLEM(ld, 0, "no [section ...]: a template needs at least one section");
}

/* Question lookups by id come per answer, per row of an export and per cell of a grid: sort
 * once so that each is a binary search. (Insertion sort: a template has tens of questions,
 * and qsort would need a global to see them.) */
static int index_questions(struct template *t)
{
	t->by_id = malloc((t->nquestions ? t->nquestions : 1) * sizeof *t->by_id);
	if (!t->by_id)
		return -1;
	for (size_t i = 0; i < t->nquestions; i++) {
		size_t j = i;
		while (j > 0 && strcmp(t->questions[t->by_id[j - 1]].id, t->questions[i].id) > 0) {
			t->by_id[j] = t->by_id[j - 1];
			j--;
		}
		t->by_id[j] = i;
	}
	return 0;
}

bool template_key_reserved(int key)
{
	return key > 0 && key < 0x80 && isalpha(key) &&
	       strchr(TEMPLATE_RESERVED_KEYS, tolower(key)) != NULL;
}

static int parse(const char *name, const char *text, size_t len, bool file, struct template **out,
		 struct diag_list *diags)
{
	*out = NULL;
	struct ini_doc doc;
	if (ini_doc_parse(name, text, len, &doc, diags) != 0) {
		ini_doc_free(&doc);
		return -1;
	}
	struct template *t = calloc(1, sizeof *t);
	if (!t) {
		diag_add(diags, name, 0, "out of memory");
		ini_doc_free(&doc);
		return -1;
	}
	struct loader ld = {.doc = &doc, .diags = diags, .tpl = t, .file = file};
	load(&ld);
	if (ld.errors == 0) {
		t->source = malloc(len + 1);
		if (!t->source) {
			diag_add(diags, name, 0, "out of memory");
			ld.errors++;
		} else {
			memcpy(t->source, text, len);
			t->source[len] = '\0';
			t->source_len = len;
			unsigned char h[crypto_hash_sha256_BYTES];
			crypto_hash_sha256(h, (const unsigned char *)text, len);
			sodium_bin2hex(t->hash, sizeof t->hash, h, sizeof h);
		}
	}
	if (ld.errors == 0 && index_questions(t) != 0) {
		diag_add(diags, name, 0, "out of memory");
		ld.errors++;
	}
	ini_doc_free(&doc);
	if (ld.errors) {
		template_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

int template_parse(const char *name, const char *text, size_t len, struct template **out,
		   struct diag_list *diags)
{
	return parse(name, text, len, false, out, diags);
}

int template_load_file(const char *path, struct template **out, struct diag_list *diags)
{
	*out = NULL;
	struct ini_doc doc;
	int rc = ini_doc_read_file(path, &doc, diags);
	if (rc == 0)
		rc = parse(path, doc.text, doc.len, true, out, diags);
	ini_doc_free(&doc);
	return rc;
}

struct template *template_hold(struct template *t)
{
	t->holds++;
	return t;
}

void template_free(struct template *t)
{
	if (!t)
		return;
	if (t->holds) {
		t->holds--;
		return;
	}
	for (size_t i = 0; i < t->nowned; i++)
		free(t->owned[i]);
	free(t->owned);
	free(t->by_id);
	const char *section;
	struct named_list *list;
	for (size_t i = 0; (list = named_list_at(t, i, &section)); i++)
		named_list_free(list);
	template_wording_free(t);
	free(t->source);
	free(t);
}

const struct question *template_question(const struct template *t, const char *id)
{
	if (!t->by_id) /* a template not made by template_parse */
		return array_find(t->questions, t->nquestions, sizeof *t->questions,
				  offsetof(struct question, id), id);
	size_t lo = 0, hi = t->nquestions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct question *q = &t->questions[t->by_id[mid]];
		int c = strcmp(q->id, id);
		if (c == 0)
			return q;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct section *template_section(const struct template *t, const char *id)
{
	return array_find(t->sections, t->nsections, sizeof *t->sections,
			  offsetof(struct section, id), id);
}

int template_grade_index(const struct template *t, const char *id)
{
	return grade_index(t, id);
}

const struct grade *template_grade_by_key(const struct template *t, int key)
{
	if (key < 0 || key > 0x7f) /* tolower() is defined only for unsigned char values */
		return NULL;
	for (size_t i = 0; i < t->ngrades; i++)
		if (tolower((unsigned char)t->grades[i].key) == tolower(key))
			return &t->grades[i];
	return NULL;
}

bool template_value_valid(const struct template *t, const struct question *q, const char *value)
{
	if (!value || !*value)
		return true;
	switch (q->kind) {
	case QUESTION_GRADED:
		return grade_index(t, value) >= 0;
	case QUESTION_YESNO:
		for (size_t i = 0; i < 4; i++)
			if (strcmp(template_yesno_values[i].id, value) == 0)
				return true;
		return false;
	case QUESTION_TEXT:
		return true;
	}
	return false;
}

bool template_needs_evidence(const struct template *t, const struct question *q, const char *value)
{
	if (q->kind != QUESTION_GRADED || q->evidence_at < 0 || !value)
		return false;
	int g = grade_index(t, value);
	return g >= 0 && !t->grades[g].not_applicable && g >= q->evidence_at;
}

const char *template_value_for_key(const struct template *t, const struct question *q, int key)
{
	if (!q || key <= 0 || key >= 0x80 || !isalnum(key))
		return NULL;
	if (q->kind == QUESTION_GRADED) {
		const struct grade *g = template_grade_by_key(t, key);
		return g ? g->id : NULL;
	}
	const char *k =
	    q->kind == QUESTION_YESNO ? strchr(template_yesno_keys, tolower(key)) : NULL;
	return k ? template_yesno_values[k - template_yesno_keys].id : NULL;
}

const char *template_value_label(const struct template *t, const struct question *q,
				 const char *value)
{
	if (!value || !*value)
		return "";
	if (!q)
		return value;
	if (q->kind == QUESTION_GRADED) {
		int g = grade_index(t, value);
		return g >= 0 ? t->grades[g].label : value;
	}
	if (q->kind == QUESTION_YESNO)
		for (size_t i = 0; i < 4; i++)
			if (strcmp(template_yesno_values[i].id, value) == 0)
				return template_yesno_values[i].label;
	return value;
}
