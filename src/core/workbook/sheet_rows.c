/* Rows of a workbook or CSV file into a return: the step both readers end in. Each row is
 * checked against the audit (its case, its question or note, its answer among the choices)
 * and every problem is named by sheet and cell, or line and column, with what was expected. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text_rules.h"
#include "workbook_internal.h"

void sheet_row_clear(struct sheet_row *r)
{
	for (int i = 0; i < COL_NFIELDS; i++) {
		free(r->f[i].text);
		r->f[i].text = NULL;
		r->f[i].bad = NULL;
	}
}

/* A piece of the file's text for a message: one line, control characters as '?', cut short. */
static char *quoted(const char *s)
{
	struct sbuf b = {0};
	sbuf_add(&b, "");
	size_t i = 0;
	for (; s[i] && i < 60; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xc2 && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] < 0xa0) {
			sbuf_addc(&b, '?');
			i++;
		} else {
			sbuf_addc(&b, c < 0x20 || c == 0x7f ? '?' : (char)c);
		}
	}
	/* Never cut a character in two. */
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80 && b.len > 0) {
		b.data[--b.len] = '\0';
		i--;
	}
	if (s[i])
		sbuf_add(&b, "...");
	return sbuf_take(&b);
}

int sheet_rows_begin(struct sheet_rows *r, struct return_doc *skeleton, bool csv,
		     struct problems *p)
{
	struct return_doc *d = skeleton;
	*r = (struct sheet_rows){.doc = d, .p = p, .csv = csv};
	r->refs = malloc((d->ncases ? d->ncases : 1) * sizeof *r->refs);
	r->author = str_fmt("%s (%s)", d->agency_name, csv ? "CSV" : "workbook");
	r->now = return_now_text();
	if (!r->refs || !r->author || !r->now) {
		problems_add(p, "out of memory");
		p->fatal = true;
		return -1;
	}
	for (size_t i = 0; i < d->ncases; i++)
		r->refs[i] = d->cases[i].reference;
	qsort(r->refs, d->ncases, sizeof *r->refs, str_ptr_cmp);
	return 0;
}

/* The one place a text from a spreadsheet is held to maca's limits: UTF-8 first, then the
 * kind's rule (text_rules.h), the same that entry and return_parse hold text to. */
static bool text_ok(struct sheet_rows *r, const char *where, const char *field, const char *s,
		    enum text_kind kind)
{
	if (!utf8_valid(s, strlen(s))) {
		problems_add(r->p, "%s: the %s is not valid UTF-8 text%s", where, field,
			     r->csv ? "; save the file as CSV UTF-8" : "");
		return false;
	}
	struct text_fault fault;
	if (!text_check(kind, s, &fault)) {
		problems_add(r->p, "%s: the %s %s", where, field, fault.why);
		return false;
	}
	return true;
}

/* Spaces at either end, as a person may leave them around a choice. */
static bool same_choice(const char *typed, const char *choice)
{
	while (*typed == ' ' || *typed == '\t')
		typed++;
	size_t n = strlen(typed), m = strlen(choice);
	while (n && (typed[n - 1] == ' ' || typed[n - 1] == '\t'))
		n--;
	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)typed[i]) != tolower((unsigned char)choice[i]))
			return false;
	return true;
}

/* The value an answer cell means: a grade's or yes-no value's id for its label (or id), or
 * the text of a text question. NULL after a problem. */
static char *answer_value(struct sheet_rows *r, const char *where, const struct question *q,
			  const char *typed)
{
	const struct template *tpl = r->doc->tpl;
	if (!typed)
		return strdup("");
	if (q->kind == QUESTION_TEXT)
		return text_ok(r, where, "answer", typed, TEXT_LONG) ? strdup(typed) : NULL;
	if (q->kind == QUESTION_GRADED) {
		for (size_t i = 0; i < tpl->ngrades; i++)
			if (same_choice(typed, tpl->grades[i].label) ||
			    same_choice(typed, tpl->grades[i].id))
				return strdup(tpl->grades[i].id);
	} else {
		for (size_t i = 0; i < 4; i++)
			if (same_choice(typed, template_yesno_values[i].label) ||
			    same_choice(typed, template_yesno_values[i].id))
				return strdup(template_yesno_values[i].id);
	}
	char *shown = quoted(typed), *choices = sheet_choices(tpl, q);
	problems_add(r->p, "%s: '%s' is not %s; choose from %s", where, shown ? shown : "?",
		     q->kind == QUESTION_GRADED ? "a grade of this audit"
						: "an answer to a yes-no question",
		     choices ? choices : "the list");
	free(shown);
	free(choices);
	return NULL;
}

/* The case cell: one of the audit's cases. NULL after a problem. */
static char *row_case(struct sheet_rows *r, const char *sheet, struct sheet_row *row)
{
	struct sheet_field *f = &row->f[COL_CASE];
	char where[96];
	sheet_where(r, sheet, row->row, f, where, sizeof where);
	if (!f->text) {
		problems_add(r->p, "%s: the case is empty; each row names its case", where);
		return NULL;
	}
	if (!text_ok(r, where, "case reference", f->text, TEXT_REFERENCE))
		return NULL;
	/* As maca stores a reference: spaces typed around it do not make it another case. */
	char *normal = text_normalise(TEXT_REFERENCE, f->text);
	if (!normal) {
		problems_add(r->p, "out of memory");
		return NULL;
	}
	free(f->text);
	f->text = normal;
	const char *key = f->text;
	if (!bsearch(&key, r->refs, r->doc->ncases, sizeof *r->refs, str_ptr_cmp)) {
		char *shown = quoted(f->text);
		problems_add(r->p, "%s: '%s' is not a case of this audit", where,
			     shown ? shown : "?");
		free(shown);
		return NULL;
	}
	char *ref = f->text;
	f->text = NULL;
	return ref;
}

/* Refuses formulas and unreadable cells in the columns read; true when none. */
static bool cells_readable(struct sheet_rows *r, const char *sheet, struct sheet_row *row)
{
	bool ok = true;
	for (int i = 0; i < COL_NFIELDS; i++) {
		struct sheet_field *f = &row->f[i];
		if (!f->bad)
			continue;
		char where[96];
		sheet_where(r, sheet, row->row, f, where, sizeof where);
		problems_add(r->p, "%s: %s", where, f->bad);
		ok = false;
	}
	return ok;
}

/* Whether the row is for maca at all: a row with no Item and nothing answered is someone's
 * own (a blank line, a total, a comment); one with an answer but no Item cannot be placed. */
static bool row_wanted(struct sheet_rows *r, const char *sheet, struct sheet_row *row)
{
	if (row->f[COL_ITEM].text || row->f[COL_ITEM].bad)
		return true;
	const struct sheet_field *a = &row->f[COL_ANSWER], *e = &row->f[COL_EVIDENCE];
	if (!a->text && !e->text && !a->bad && !e->bad)
		return false;
	char where[96];
	sheet_where(r, sheet, row->row, &row->f[COL_ITEM], where, sizeof where);
	problems_add(r->p,
		     "%s: the Item is empty, so maca cannot tell what this row answers; "
		     "answer in the rows the pack came with",
		     where);
	return false;
}

/* The reference as the skeleton holds it: a string that outlives the row. */
static const char *held_ref(const struct sheet_rows *r, const char *ref)
{
	char **hit = bsearch(&ref, r->refs, r->doc->ncases, sizeof *r->refs, str_ptr_cmp);
	return hit ? *hit : "";
}

/* With a sink: a checked row counted and its key kept (the check on opening), or handed on. */
static void sink_row(struct sheet_rows *r, const struct return_answer *a,
		     const struct return_note *n, struct sheet_key key)
{
	struct sheet_sink *k = r->sink;
	if (k->on_answer) {
		/* Read again from the same bytes: a problem now is the audit's, changed since. */
		if (r->p->n || k->rc)
			return;
		k->rc = a ? k->on_answer(k->ctx, a, k->err) : k->on_note(k->ctx, n, k->err);
		r->p->fatal = k->rc != MACA_OK;
		return;
	}
	struct sheet_key **keys = a ? &r->ans_keys : &r->note_keys;
	size_t *nkeys = a ? &r->nans_keys : &r->nnote_keys;
	if (!array_grow((void **)keys, *nkeys, sizeof **keys)) {
		problems_add(r->p, "out of memory");
		return;
	}
	(*keys)[(*nkeys)++] = key;
	if (a)
		r->doc->nanswers++;
	else
		r->doc->nnotes++;
}

static void add_answer(struct sheet_rows *r, const char *sheet, struct sheet_row *row,
		       const struct question *q, char *ref)
{
	struct return_doc *d = r->doc;
	char where[96], ewhere[96];
	sheet_where(r, sheet, row->row, &row->f[COL_ANSWER], where, sizeof where);
	sheet_where(r, sheet, row->row, &row->f[COL_EVIDENCE], ewhere, sizeof ewhere);
	if (!row->f[COL_ANSWER].text && !row->f[COL_EVIDENCE].text) {
		free(ref); /* a row left empty changes nothing */
		return;
	}
	char *value = answer_value(r, where, q, row->f[COL_ANSWER].text);
	char *evidence = row->f[COL_EVIDENCE].text;
	bool ok = value && (!evidence || text_ok(r, ewhere, "evidence", evidence, TEXT_LONG));
	if (ok && r->sink) {
		struct return_answer a = {.case_ref = ref,
					  .question_id = (char *)q->id,
					  .value = value,
					  .evidence = evidence ? evidence : "",
					  .author = r->author,
					  .updated_at = r->now};
		sink_row(r, &a, NULL, (struct sheet_key){held_ref(r, ref), q->id, "", row->row});
	}
	if (!ok || r->sink || !array_grow((void **)&d->answers, d->nanswers, sizeof *d->answers) ||
	    !array_grow((void **)&r->ans_rows, d->nanswers, sizeof *r->ans_rows)) {
		if (ok && !r->sink)
			problems_add(r->p, "out of memory");
		free(value);
		free(ref);
		return;
	}
	row->f[COL_EVIDENCE].text = NULL;
	r->ans_rows[d->nanswers] = row->row;
	struct return_answer *a = &d->answers[d->nanswers++];
	*a = (struct return_answer){.case_ref = ref,
				    .question_id = strdup(q->id),
				    .value = value,
				    .evidence = evidence ? evidence : strdup(""),
				    .author = strdup(r->author),
				    .updated_at = strdup(r->now)};
	if (!a->question_id || !a->evidence || !a->author || !a->updated_at)
		problems_add(r->p, "out of memory");
}

static void add_note(struct sheet_rows *r, struct sheet_row *row, const struct section *sec,
		     const struct prompt *pr, char *ref)
{
	struct return_doc *d = r->doc;
	if (!row->f[COL_ANSWER].text) {
		free(ref); /* a note left empty changes nothing */
		return;
	}
	if (r->sink) {
		struct return_note n = {.case_ref = ref,
					.section_id = (char *)sec->id,
					.prompt_id = (char *)pr->id,
					.text = row->f[COL_ANSWER].text,
					.author = r->author,
					.updated_at = r->now};
		sink_row(r, NULL, &n,
			 (struct sheet_key){held_ref(r, ref), sec->id, pr->id, row->row});
		free(ref);
		return;
	}
	if (!array_grow((void **)&d->notes, d->nnotes, sizeof *d->notes) ||
	    !array_grow((void **)&r->note_rows, d->nnotes, sizeof *r->note_rows)) {
		problems_add(r->p, "out of memory");
		free(ref);
		return;
	}
	char *text = row->f[COL_ANSWER].text;
	row->f[COL_ANSWER].text = NULL;
	r->note_rows[d->nnotes] = row->row;
	struct return_note *n = &d->notes[d->nnotes++];
	*n = (struct return_note){.case_ref = ref,
				  .section_id = strdup(sec->id),
				  .prompt_id = strdup(pr->id),
				  .text = text,
				  .author = strdup(r->author),
				  .updated_at = strdup(r->now)};
	if (!n->section_id || !n->prompt_id || !n->author || !n->updated_at)
		problems_add(r->p, "out of memory");
}

/* "section/prompt" of the audit's template; false when it is none. */
static bool note_item(const struct template *tpl, const char *item, const struct section **sec,
		      const struct prompt **pr)
{
	const char *slash = strchr(item, '/');
	if (!slash || (size_t)(slash - item) > 40)
		return false;
	char sid[41];
	memcpy(sid, item, (size_t)(slash - item));
	sid[slash - item] = '\0';
	*sec = template_section(tpl, sid);
	for (size_t i = 0; *sec && i < (*sec)->nprompts; i++) {
		*pr = &tpl->prompts[(*sec)->prompts[i]];
		if (strcmp((*pr)->id, slash + 1) == 0)
			return true;
	}
	return false;
}

static void read_note(struct sheet_rows *r, const char *sheet, struct sheet_row *row)
{
	char where[96];
	const struct section *sec = NULL;
	const struct prompt *pr = NULL;
	const char *item = row->f[COL_ITEM].text;
	sheet_where(r, sheet, row->row, &row->f[COL_ITEM], where, sizeof where);
	if (!note_item(r->doc->tpl, item, &sec, &pr)) {
		char *shown = quoted(item);
		problems_add(r->p, "%s: '%s' is not a section note of this audit's template", where,
			     shown ? shown : "?");
		free(shown);
		return;
	}
	const char *text = row->f[COL_ANSWER].text;
	sheet_where(r, sheet, row->row, &row->f[COL_ANSWER], where, sizeof where);
	if (text && !text_ok(r, where, "note", text, TEXT_LONG))
		return;
	if (row->f[COL_EVIDENCE].text) {
		sheet_where(r, sheet, row->row, &row->f[COL_EVIDENCE], where, sizeof where);
		problems_add(r->p,
			     "%s: a section note has no evidence; write it all in the "
			     "Answer column",
			     where);
		return;
	}
	char *ref = row_case(r, sheet, row);
	if (ref)
		add_note(r, row, sec, pr, ref);
}

void sheet_rows_answer(struct sheet_rows *r, const char *sheet, struct sheet_row *row)
{
	if (!row_wanted(r, sheet, row) || !cells_readable(r, sheet, row)) {
		sheet_row_clear(row);
		return;
	}
	const char *item = row->f[COL_ITEM].text;
	if (r->csv && strchr(item, '/')) {
		read_note(r, sheet, row);
		sheet_row_clear(row);
		return;
	}
	const struct question *q = template_question(r->doc->tpl, item);
	if (!q) {
		char where[96];
		sheet_where(r, sheet, row->row, &row->f[COL_ITEM], where, sizeof where);
		char *shown = quoted(item);
		problems_add(r->p, "%s: '%s' is not a question of this audit's template", where,
			     shown ? shown : "?");
		free(shown);
	} else {
		char *ref = row_case(r, sheet, row);
		if (ref)
			add_answer(r, sheet, row, q, ref);
	}
	sheet_row_clear(row);
}

void sheet_rows_note(struct sheet_rows *r, const char *sheet, struct sheet_row *row)
{
	if (row_wanted(r, sheet, row) && cells_readable(r, sheet, row))
		read_note(r, sheet, row);
	sheet_row_clear(row);
}

/* ---- the same case and question (or note) twice ---- */

struct keyed {
	const char *a, *b, *c;
	size_t row;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *p = x, *q = y;
	int c = strcmp(p->a, q->a);
	if (!c)
		c = strcmp(p->b, q->b);
	if (!c)
		c = strcmp(p->c, q->c);
	return c ? c : (p->row > q->row) - (p->row < q->row);
}

static void report_twice(struct sheet_rows *r, struct keyed *k, size_t n, const char *sheet,
			 bool notes)
{
	qsort(k, n, sizeof *k, cmp_keyed);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(k[i - 1].a, k[i].a) || strcmp(k[i - 1].b, k[i].b) ||
		    strcmp(k[i - 1].c, k[i].c))
			continue;
		char *shown = quoted(k[i].a);
		if (r->csv)
			problems_add(r->p,
				     "line %zu: case '%s', %s %s%s%s is answered also on line "
				     "%zu; keep one",
				     k[i].row, shown ? shown : "?", notes ? "note" : "question",
				     k[i].b, notes ? "/" : "", k[i].c, k[i - 1].row);
		else
			problems_add(r->p,
				     "%s row %zu: case '%s', %s %s%s%s is answered also in "
				     "row %zu; keep one",
				     sheet, k[i].row, shown ? shown : "?",
				     notes ? "note" : "question", k[i].b, notes ? "/" : "", k[i].c,
				     k[i - 1].row);
		free(shown);
	}
}

void sheet_rows_end(struct sheet_rows *r, const char *answers, const char *notes)
{
	struct return_doc *d = r->doc;
	size_t n = d->nanswers > d->nnotes ? d->nanswers : d->nnotes;
	struct keyed *k = malloc((n ? n : 1) * sizeof *k);
	if (!k) {
		problems_add(r->p, "out of memory");
	} else if (r->sink) {
		/* Checked when the file was opened; read again, the same bytes give the same rows.
		 */
		for (size_t i = 0; !r->sink->on_answer && i < r->nans_keys; i++)
			k[i] = (struct keyed){r->ans_keys[i].a, r->ans_keys[i].b, "",
					      r->ans_keys[i].row};
		if (!r->sink->on_answer)
			report_twice(r, k, r->nans_keys, answers, false);
		for (size_t i = 0; !r->sink->on_answer && i < r->nnote_keys; i++)
			k[i] = (struct keyed){r->note_keys[i].a, r->note_keys[i].b,
					      r->note_keys[i].c, r->note_keys[i].row};
		if (!r->sink->on_answer)
			report_twice(r, k, r->nnote_keys, notes, true);
	} else {
		for (size_t i = 0; i < d->nanswers; i++)
			k[i] = (struct keyed){d->answers[i].case_ref, d->answers[i].question_id, "",
					      r->ans_rows[i]};
		report_twice(r, k, d->nanswers, answers, false);
		for (size_t i = 0; i < d->nnotes; i++)
			k[i] = (struct keyed){d->notes[i].case_ref, d->notes[i].section_id,
					      d->notes[i].prompt_id, r->note_rows[i]};
		report_twice(r, k, d->nnotes, notes, true);
	}
	free(k);
	free(r->refs);
	free(r->ans_rows);
	free(r->note_rows);
	free(r->ans_keys);
	free(r->note_keys);
	r->ans_keys = r->note_keys = NULL;
	r->nans_keys = r->nnote_keys = 0;
	free(r->author);
	free(r->now);
	r->refs = NULL;
	r->ans_rows = r->note_rows = NULL;
	r->author = r->now = NULL;
}
