/* A pack or return as plain text, for a person to read before importing it. The text comes
 * from the file, so nothing in it may drive the terminal: control characters are shown as
 * '?', and multi-line text is indented under its heading. */
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

static void show_case(struct sbuf *b, const struct return_doc *doc, const struct return_case *c)
{
	sbuf_add(b, "\nCase ");
	add_safe(b, c->reference, false, "");
	sbuf_addf(b, " (age band %s, plan %s, tags ", *c->age_band ? c->age_band : "-",
		  *c->plan_status ? c->plan_status : "-");
	for (size_t i = 0; i < c->tags.n; i++)
		sbuf_addf(b, "%s%s", i ? "," : "", c->tags.items[i].id);
	sbuf_add(b, c->tags.n ? ")\n" : "-)\n");
	for (size_t i = 0; i < doc->nanswers; i++) {
		const struct return_answer *a = &doc->answers[i];
		if (strcmp(a->case_ref, c->reference) != 0)
			continue;
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
	for (size_t i = 0; i < doc->nnotes; i++) {
		const struct return_note *n = &doc->notes[i];
		if (strcmp(n->case_ref, c->reference) != 0)
			continue;
		sbuf_addf(b, "  note %s/%s: ", n->section_id, n->prompt_id);
		add_safe(b, n->text, true, "      ");
		sbuf_addc(b, '\n');
	}
}

char *return_show(const struct return_doc *doc)
{
	struct sbuf b = {0};
	sbuf_addf(&b, "maca %s, format %d\n", return_kind_name(doc->kind), RETURN_FORMAT_VERSION);
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
	sbuf_addf(&b, "%zu case%s, %zu answer%s, %zu section note%s\n", doc->ncases,
		  doc->ncases == 1 ? "" : "s", doc->nanswers, doc->nanswers == 1 ? "" : "s",
		  doc->nnotes, doc->nnotes == 1 ? "" : "s");
	for (size_t i = 0; i < doc->ncases; i++)
		show_case(&b, doc, &doc->cases[i]);
	return sbuf_take(&b);
}
