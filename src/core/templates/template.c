#include "template.h"

#include <ctype.h>
#include <stddef.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "ini_doc.h"
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
};

#define PROBLEM(ld, line, ...)                                                                     \
	do {                                                                                       \
		diag_add((ld)->diags, (ld)->doc->file, (line), __VA_ARGS__);                       \
		(ld)->errors++;                                                                    \
	} while (0)

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
			PROBLEM(ld, k->line, "unknown key '%s' in [%s]", k->name, sec->name);
		else if (s->max && utf8_length(k->value) > s->max)
			PROBLEM(ld, k->line, "%s is %zu characters long; the limit is %zu", k->name,
				utf8_length(k->value), s->max);
		else if (!text_check_characters(TEXT_LINE, k->value, &fault))
			PROBLEM(ld, k->line, "%s %s", k->name, fault.why);
	}
	for (const struct keyspec *s = spec; s->name; s++)
		if (s->required && !ini_section_value(sec, s->name))
			PROBLEM(ld, sec->line, "[%s] is missing the required key '%s'", sec->name,
				s->name);
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
	PROBLEM(ld, ini_section_line(sec, key), "%s must be yes or no, not '%s'", key, v);
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
			PROBLEM(
			    ld, k->line,
			    "'%s' is not a valid id (a-z, 0-9, '-', '_'; at most 40 characters)",
			    k->name);
		else if (!*k->value)
			PROBLEM(ld, k->line, "%s has no label", k->name);
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
	static const struct keyspec spec[] = {{"id", true, 40},
					      {"title", true, MAX_TITLE},
					      {"version", true, 10},
					      {"theme", false, MAX_TITLE},
					      {"layout", false, 20},
					      {"findings", false, 3},
					      {"prompts", false, MAX_LONG},
					      {"evidence_required_at", false, 40},
					      {"concern_at", false, 40},
					      {NULL, false, 0}};
	struct template *t = ld->tpl;
	check_keys(ld, sec, spec);
	const char *id = ini_section_value(sec, "id");
	if (id && !id_valid(id))
		PROBLEM(ld, ini_section_line(sec, "id"),
			"id '%s' is not valid (a-z, 0-9, '-', '_'; at most 40 characters)", id);
	t->id = dup_or_empty(ld, id);
	t->title = dup_or_empty(ld, ini_section_value(sec, "title"));
	t->theme =
	    dup_or_empty(ld, ini_section_value(sec, "theme") ? ini_section_value(sec, "theme")
							     : ini_section_value(sec, "title"));
	const char *layout =
	    ini_section_value(sec, "layout") ? ini_section_value(sec, "layout") : "standard";
	if (strcmp(layout, "standard") != 0 && strcmp(layout, "seven-minute") != 0)
		PROBLEM(ld, ini_section_line(sec, "layout"),
			"layout must be standard or seven-minute, not '%s'", layout);
	t->layout = dup_or_empty(ld, layout);
	const char *version = ini_section_value(sec, "version");
	if (version && (!parse_long(version, &t->version) || t->version < 1))
		PROBLEM(ld, ini_section_line(sec, "version"),
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
					      {"not_applicable", false, 3},
					      {"colour", false, 0},
					      {NULL, false, 0}};
	check_keys(ld, sec, spec);
	struct template *t = ld->tpl;
	/* Six hex digits; a '#' before them needs quotes, as it starts a comment. */
	const char *colour = ini_section_value(sec, "colour");
	const char *hex = colour && colour[0] == '#' ? colour + 1 : colour;
	bool colour_ok = hex && strlen(hex) == 6 && strspn(hex, "0123456789abcdefABCDEF") == 6;
	if (colour && !colour_ok)
		PROBLEM(ld, ini_section_line(sec, "colour"),
			"colour must be six hexadecimal digits such as 00703c (or \"#00703c\" in "
			"quotes), not '%s'",
			colour);
	const char *key = ini_section_value(sec, "key");
	char c = 0;
	if (key && (strlen(key) != 1 || !isalnum((unsigned char)key[0]))) {
		PROBLEM(ld, ini_section_line(sec, "key"),
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

/* The grade from which findings are a concern: concern_at, else requires-improvement, else
 * the first grade of the worse half of the graded grades. Needs the grades loaded. */
static void load_concern(struct loader *ld, const struct ini_section *header)
{
	struct template *t = ld->tpl;
	const char *value = header ? ini_section_value(header, "concern_at") : NULL;
	int g = grade_index(t, value ? value : "requires-improvement");
	if (value && g < 0)
		PROBLEM(ld, ini_section_line(header, "concern_at"),
			"concern_at: unknown grade '%s'", value);
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
		if (p == (size_t)-1)
			PROBLEM(ld, line, "prompts: no [prompt %s] in this file", ids.items[i].id);
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
		PROBLEM(ld, line, "evidence_required_at: unknown grade '%s'", value);
	else if (ld->tpl->grades[g].not_applicable)
		PROBLEM(ld, line, "evidence_required_at: '%s' is a not-applicable grade", value);
	return g;
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
		if (strncmp(sec->name, "section ", 8) != 0)
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
			if (strncmp(sec->name, "question ", 9) != 0)
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
				PROBLEM(ld, ini_section_line(sec, "kind"),
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
		if (cur->nquestions == 0)
			PROBLEM(ld, 0, "section %s has no questions", cur->id);
	}
	for (size_t i = 0; i < doc->nsections; i++) {
		const struct ini_section *sec = &doc->sections[i];
		if (strncmp(sec->name, "question ", 9) != 0)
			continue;
		static const struct keyspec spec[] = {{"section", true, 40},
						      {"text", true, MAX_TEXT},
						      {"guidance", false, MAX_LONG},
						      {"kind", false, 10},
						      {"evidence_required_at", false, 40},
						      {NULL, false, 0}};
		check_keys(ld, sec, spec);
		const char *in = ini_section_value(sec, "section");
		if (in && !template_section(t, in))
			PROBLEM(ld, ini_section_line(sec, "section"),
				"section: no [section %s] in this file", in);
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
static void *records(struct loader *ld, const char *kind, size_t size)
{
	size_t n = 0;
	const char *id;
	for (size_t i = 0; i < ld->doc->nsections; i++)
		n += kind_id(ld->doc->sections[i].name, kind, &id);
	return n ? own(ld, 0, calloc(n, size)) : NULL;
}

static void load(struct loader *ld)
{
	const struct ini_doc *doc = ld->doc;
	struct template *t = ld->tpl;
	const struct ini_section *header = NULL;
	bool have_agencies = false;

	if (doc->nsections == 0) {
		PROBLEM(ld, 0,
			"the file is empty: an audit template needs at least [template], "
			"[agencies], [grade ...], [section ...] and [question ...]");
		return;
	}
	t->grades = records(ld, "grade", sizeof *t->grades);
	t->prompts = records(ld, "prompt", sizeof *t->prompts);
	t->resources = records(ld, "resource", sizeof *t->resources);
	t->sections = records(ld, "section", sizeof *t->sections);
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
			have_agencies |= list == &t->agencies;
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
				PROBLEM(ld, sec->line,
					"'%s' is not a valid id (a-z, 0-9, '-', '_'; at most 40 "
					"characters)",
					id);
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
			PROBLEM(ld, sec->line, "unknown section [%s]", sec->name);
		}
	}
	if (!header)
		PROBLEM(ld, 0, "missing the [template] section");
	if (!have_agencies || t->agencies.n == 0)
		PROBLEM(ld, 0, "missing the [agencies] section: list at least one agency");
	size_t graded = 0;
	for (size_t i = 0; i < t->ngrades; i++)
		if (!t->grades[i].not_applicable)
			graded++;
	if (graded < 2)
		PROBLEM(ld, 0,
			"the scale needs at least two [grade ...] sections that are not "
			"not-applicable");
	load_concern(ld, header);
	load_sections_and_questions(ld, header);
	if (t->nsections == 0)
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
