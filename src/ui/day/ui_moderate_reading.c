/* What the moderation screen shows, built from its state (ui_moderate.c) as words: the
 * current question as paragraphs to read, the case line, the agreed answer in words and the
 * grid's short answers. Reads nothing from the store. */
#include "ui_moderate.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

void ui_paras_free(struct ui_para *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].text);
	free(p);
}

struct paras {
	struct ui_para *items;
	size_t n, cap;
	bool failed;
};

/* Adds a paragraph, taking text (a malloc'd string, NULL when out of memory). */
static struct ui_para *add(struct paras *ps, enum ui_para_style style, int indent, char *text)
{
	if (!text || ps->failed) {
		free(text);
		ps->failed = true;
		return NULL;
	}
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? 2 * ps->cap : 16;
		struct ui_para *grown = realloc(ps->items, cap * sizeof *grown);
		if (!grown) {
			free(text);
			ps->failed = true;
			return NULL;
		}
		ps->items = grown;
		ps->cap = cap;
	}
	struct ui_para *p = &ps->items[ps->n++];
	*p = (struct ui_para){.style = style, .indent = indent, .text = text, .agency = SIZE_MAX};
	return p;
}

/* The start of a text: its first `chars` characters, cut at a space, with an ellipsis. */
static char *text_start(const char *s, size_t chars)
{
	size_t len = strlen(s), seen = 0, cut = len;
	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (seen++ == chars) {
			cut = i;
			break;
		}
	}
	if (cut == len)
		return str_dup(s);
	size_t at = cut;
	while (at > cut / 2 && s[at] != ' ' && s[at] != '\n')
		at--;
	if (at <= cut / 2)
		at = cut;
	return str_fmt("%.*s…", (int)at, s);
}

/* One agency's answer to the current question, and what it wrote. */
static void agency_answer(struct paras *ps, const struct ui_moderate *um, size_t a,
			  size_t evidence_chars)
{
	const struct question *q = ui_moderate_current(um);
	const struct named *ag = &um->agencies.items[a];
	const struct answer_row *ans = ui_moderate_answer(um, ag->id, q->id);
	bool answered = ans && (*ans->value || *ans->evidence);
	const char *words = !answered	   ? "not answered"
			    : !*ans->value ? "no answer given, evidence only"
			    : q->kind == QUESTION_TEXT
				? "wrote"
				: template_value_label(um->tpl, q, ans->value);
	bool changed = answered && ui_moderate_changed_since(um, ans);
	struct ui_para *head =
	    add(ps, UI_PARA_AGENCY, 0,
		str_fmt("%s — %s%s", ag->label, words,
			changed ? "  (changed after the case was marked moderated)" : ""));
	if (!head)
		return;
	head->agency = a;
	head->space = true;
	head->changed = changed;
	if (!answered)
		return;
	/* A text question's answer is its value; the evidence beside a value. */
	const char *text = q->kind == QUESTION_TEXT && *ans->value ? ans->value : ans->evidence;
	if (q->kind == QUESTION_TEXT && *ans->value && *ans->evidence)
		text = NULL; /* both: the answer, then the evidence */
	struct ui_para *p;
	if (!text) {
		if ((p = add(ps, UI_PARA_TEXT, 2,
			     evidence_chars ? text_start(ans->value, evidence_chars)
					    : str_dup(ans->value))))
			p->agency = a;
		text = ans->evidence;
	}
	if (!*text)
		p = add(ps, UI_PARA_QUIET, 2, str_dup("(no evidence written)"));
	else
		p = add(ps, UI_PARA_TEXT, 2,
			evidence_chars ? text_start(text, evidence_chars) : str_dup(text));
	if (p)
		p->agency = a;
}

/* The agencies' notes on the current section (what went well, what to do better...). */
static void section_notes(struct paras *ps, const struct ui_moderate *um, size_t only)
{
	const struct template *t = um->tpl;
	const struct section *sec = &t->sections[um->section];
	bool heading = false;
	for (size_t i = 0; i < um->nnotes; i++) {
		const struct note_row *n = &um->notes[i];
		const struct named *ag = named_find(&um->agencies, n->agency);
		if (!*n->text || strcmp(n->section_id, sec->id) != 0 || !ag)
			continue;
		size_t a = (size_t)(ag - um->agencies.items);
		if (only != SIZE_MAX && a != only)
			continue;
		const char *label = n->prompt_id;
		for (size_t p = 0; p < t->nprompts; p++)
			if (strcmp(t->prompts[p].id, n->prompt_id) == 0)
				label = t->prompts[p].label;
		if (!heading) {
			struct ui_para *h =
			    add(ps, UI_PARA_HEADING, 0,
				str_fmt("The agencies' notes on section %zu", um->section + 1));
			if (h)
				h->space = true;
			heading = true;
		}
		struct ui_para *h =
		    add(ps, UI_PARA_AGENCY, 0, str_fmt("%s — %s", ag->label, label));
		if (h) {
			h->agency = a;
			h->space = true;
		}
		struct ui_para *p = add(ps, UI_PARA_TEXT, 2, str_dup(n->text));
		if (p)
			p->agency = a;
	}
}

int ui_moderate_reading(const struct ui_moderate *um, size_t only_agency, size_t evidence_chars,
			struct ui_para **out, size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	struct paras ps = {0};
	const struct question *q = ui_moderate_current(um);
	add(&ps, UI_PARA_QUESTION, 0, str_fmt("%zu. %s", um->question + 1, q->text));
	if (um->guidance && *q->guidance && only_agency == SIZE_MAX)
		add(&ps, UI_PARA_GUIDANCE, 2, str_dup(q->guidance));
	/* Hidden, it is one key away, as on the answering screen (not in the room: no keys). */
	else if (*q->guidance && only_agency == SIZE_MAX && !evidence_chars)
		add(&ps, UI_PARA_QUIET, 2, str_dup("(Ctrl-G shows the auditor's guidance)"));
	for (size_t a = 0; a < um->agencies.n; a++)
		if (only_agency == SIZE_MAX || a == only_agency)
			agency_answer(&ps, um, a, evidence_chars);
	if (!evidence_chars)
		section_notes(&ps, um, only_agency);
	if (ps.failed) {
		ui_paras_free(ps.items, ps.n);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	*out = ps.items;
	*n = ps.n;
	return MACA_OK;
}

char *ui_moderate_case_line(const struct ui_moderate *um)
{
	const struct template *t = um->tpl;
	const struct case_info *c = &um->cases[um->case_idx];
	struct sbuf b = {0};
	sbuf_addf(&b, "%s · %zu of %zu", c->reference, um->case_idx + 1, um->ncases);
	/* Before what the window may cut. */
	if (c->moderated)
		sbuf_add(&b, " · MODERATED");
	const struct named *age = named_find(&t->age_bands, c->age_band);
	const struct named *plan = named_find(&t->plan_statuses, c->plan_status);
	if (age)
		sbuf_addf(&b, " · %s", age->label);
	if (plan)
		sbuf_addf(&b, " · %s", plan->label);
	for (size_t i = 0; i < c->tags.n; i++) {
		const struct named *tag = named_find(&t->tags, c->tags.items[i].id);
		sbuf_addf(&b, "%s%s", i ? ", " : " · ", tag ? tag->label : c->tags.items[i].id);
	}
	return sbuf_take(&b);
}

char *ui_moderate_agreed_line(const struct ui_moderate *um)
{
	const struct template *t = um->tpl;
	const struct question *q = ui_moderate_current(um);
	const struct agreed_row *a = ui_moderate_agreed(um, q->id);
	const char *v = a ? a->grade : "";
	if (q->kind == QUESTION_TEXT)
		return str_dup(*v ? "Agreed summary:"
				  : "Agreed summary: not yet (Tab to write it)");
	if (!*v && q->kind == QUESTION_YESNO)
		return str_dup("Agreed: not yet (y yes, n no, p partly, k not known)");
	if (!*v) {
		struct sbuf b = {0};
		sbuf_add(&b, "Agreed: not yet (");
		for (size_t g = 0; g < t->ngrades; g++)
			sbuf_addf(&b, "%s%c", g ? " " : "", t->grades[g].key);
		sbuf_add(&b, ")");
		return sbuf_take(&b);
	}
	int g = q->kind == QUESTION_GRADED ? template_grade_index(t, v) : -1;
	if (g >= 0)
		return str_fmt("Agreed: %c %s", toupper((unsigned char)t->grades[g].key),
			       t->grades[g].label);
	return str_fmt("Agreed: %s", template_value_label(t, q, v));
}

const char *ui_moderate_short(const struct ui_moderate *um, const struct question *q,
			      const char *value, int width)
{
	static char key[2];
	if (!value || !*value)
		return "-";
	switch (q->kind) {
	case QUESTION_GRADED: {
		int g = template_grade_index(um->tpl, value);
		key[0] = g >= 0 ? (char)toupper((unsigned char)um->tpl->grades[g].key) : '?';
		key[1] = '\0';
		return key;
	}
	case QUESTION_YESNO: {
		static const char *const words[4] = {"Yes", "No", "Part", "N/K"};
		static const char *const letters[4] = {"Y", "N", "P", "?"};
		for (size_t i = 0; i < 4; i++)
			if (strcmp(template_yesno_values[i].id, value) == 0)
				return width >= 4 ? words[i] : letters[i];
		return "?";
	}
	case QUESTION_TEXT:
		return width >= 4 ? "Text" : "T";
	}
	return "?";
}

int ui_moderate_text_rows(const struct ui_moderate *um, int width, int rows, int room)
{
	int third = (rows + 2) / 3, most = room - UI_MODERATE_READING_ROWS;
	struct editbuf_layout lay = {0};
	int need = third; /* out of memory: a third, as for a long text */
	if (um->text && editbuf_layout(um->text, width, &lay) == EDITBUF_OK)
		need = (int)editbuf_layout_extent(&lay, um->editing ? lay.cursor_row : 0);
	editbuf_layout_free(&lay);
	/* Typed in, the text is what the room reads: a third of the window at least, and more
	 * as it grows. Otherwise the agencies' answers are, and the text takes what it needs. */
	int want = um->editing ? (need > third ? need : third) : (need < third ? need : third);
	if (want > most)
		want = most;
	return want < 2 ? 2 : want;
}
