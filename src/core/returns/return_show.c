/* A pack or return as plain text, for a person to read before importing it. The text comes
 * from the file, so nothing in it may drive the terminal: control characters are shown as
 * '?', and multi-line text is indented under its heading. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "return_doc.h"
#include "sbuf.h"

/* Adds s; with multi_line, a newline starts a new line indented by `indent`, and tabs stay. */
static void add_safe(struct sbuf *b, const char *s, bool multi_line, const char *indent)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (multi_line && c == '\n') {
			sbuf_addc(b, '\n');
			sbuf_add(b, indent);
		} else if (multi_line && c == '\t') {
			sbuf_addc(b, '\t');
		} else if (c < 0x20 || c == 0x7f) {
			sbuf_addc(b, '?');
		} else if (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xa0) {
			/* C1 controls (U+0080 to U+009F) are escapes to some terminals too. */
			sbuf_addc(b, '?');
			s++;
		} else {
			sbuf_addc(b, (char)c);
		}
	}
}

static void line(struct sbuf *b, const char *label, const char *value)
{
	sbuf_add(b, label);
	add_safe(b, value, false, "");
	sbuf_addc(b, '\n');
}

/* A case's answers and notes are found through these, sorted by case and then by their place
 * in the file: a hostile file's many cases and answers cannot make show quadratic. */
struct by_case {
	const void **items; /* struct return_answer * or struct return_note * */
	size_t n;
};

_Static_assert(offsetof(struct return_answer, case_ref) == 0, "answers begin with case_ref");
_Static_assert(offsetof(struct return_note, case_ref) == 0, "notes begin with case_ref");

static const char *ref_of(const void *item)
{
	return *(char *const *)item;
}

static int cmp_by_case(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;
	int c = strcmp(ref_of(x), ref_of(y));
	if (c)
		return c;
	/* Elements of one array: their addresses keep the file's order. */
	return (uintptr_t)x < (uintptr_t)y ? -1 : (uintptr_t)x > (uintptr_t)y;
}

static bool index_by_case(struct by_case *bc, const void *items, size_t n, size_t size)
{
	bc->n = n;
	bc->items = malloc((n ? n : 1) * sizeof *bc->items);
	if (!bc->items)
		return false;
	for (size_t i = 0; i < n; i++)
		bc->items[i] = (const char *)items + i * size;
	qsort(bc->items, n, sizeof *bc->items, cmp_by_case);
	return true;
}

/* The first item of case ref (bc->n when none). */
static size_t first_of(const struct by_case *bc, const char *ref)
{
	size_t lo = 0, hi = bc->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ref_of(bc->items[mid]), ref) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void show_case(struct sbuf *b, const struct return_case *c, const struct by_case *answers,
		      const struct by_case *notes)
{
	sbuf_add(b, "\nCase ");
	add_safe(b, c->reference, false, "");
	sbuf_addf(b, " (age band %s, plan %s, tags ", *c->age_band ? c->age_band : "-",
		  *c->plan_status ? c->plan_status : "-");
	for (size_t i = 0; i < c->tags.n; i++)
		sbuf_addf(b, "%s%s", i ? "," : "", c->tags.items[i].id);
	sbuf_add(b, c->tags.n ? ")\n" : "-)\n");
	for (size_t i = first_of(answers, c->reference);
	     i < answers->n && strcmp(ref_of(answers->items[i]), c->reference) == 0; i++) {
		const struct return_answer *a = answers->items[i];
		sbuf_addf(b, "  %s: ", a->question_id);
		add_safe(b, *a->value ? a->value : "(no answer)", true, "      ");
		sbuf_add(b, "  [");
		add_safe(b, a->author, false, "");
		sbuf_add(b, ", ");
		add_safe(b, a->updated_at, false, "");
		sbuf_add(b, "]\n");
		if (*a->evidence) {
			sbuf_add(b, "    evidence: ");
			add_safe(b, a->evidence, true, "      ");
			sbuf_addc(b, '\n');
		}
	}
	for (size_t i = first_of(notes, c->reference);
	     i < notes->n && strcmp(ref_of(notes->items[i]), c->reference) == 0; i++) {
		const struct return_note *n = notes->items[i];
		sbuf_addf(b, "  note %s/%s: ", n->section_id, n->prompt_id);
		add_safe(b, n->text, true, "      ");
		sbuf_addc(b, '\n');
	}
}

char *return_show(const struct return_doc *doc)
{
	struct sbuf b = {0};
	sbuf_addf(&b, "maca %s, format %ld\n", return_kind_name(doc->kind), doc->format);
	line(&b, "Audit:     ", doc->title);
	sbuf_addf(&b, "UUID:      %s\n", doc->uuid);
	line(&b, "Theme:     ", doc->theme);
	sbuf_addf(&b, "Template:  %s version %ld (sha256 %.16s...)\n", doc->template_id,
		  doc->template_version, doc->template_hash);
	sbuf_addf(&b, "Agency:    %s (", doc->agency_code);
	add_safe(&b, doc->agency_name, false, "");
	sbuf_add(&b, ")\n");
	line(&b, "Created:   ", doc->created_at);
	line(&b, "By:        ", doc->created_by);
	line(&b, "With maca: ", doc->maca_version);
	if (*doc->agency_token)
		sbuf_addf(&b, "Token:     %.8s... (binds a return to the pack it answers)\n",
			  doc->agency_token);
	else
		sbuf_add(&b, "Token:     none\n");
	sbuf_addf(&b, "%zu case%s, %zu answer%s, %zu section note%s\n", doc->ncases,
		  doc->ncases == 1 ? "" : "s", doc->nanswers, doc->nanswers == 1 ? "" : "s",
		  doc->nnotes, doc->nnotes == 1 ? "" : "s");
	struct by_case answers = {0}, notes = {0};
	bool ok = index_by_case(&answers, doc->answers, doc->nanswers, sizeof *doc->answers) &&
		  index_by_case(&notes, doc->notes, doc->nnotes, sizeof *doc->notes);
	for (size_t i = 0; ok && i < doc->ncases; i++)
		show_case(&b, &doc->cases[i], &answers, &notes);
	free(answers.items);
	free(notes.items);
	if (!ok)
		sbuf_free(&b);
	return ok ? sbuf_take(&b) : NULL;
}
