/* Reading a pack's or return's rows: cases, answers and notes, each checked against the
 * file's own template, and duplicates found without quadratic time. */
#include <stdlib.h>
#include <string.h>

#include "return_internal.h"
#include "sbuf.h"

static void read_tags(struct reader *r, struct return_case *c, const char *text)
{
	struct named_list tags = {0};
	if (!split_list(text, &tags)) {
		rd_problem(r, "out of memory");
		return;
	}
	for (size_t i = 0; i < tags.n; i++) {
		const char *t = tags.items[i].id;
		if (!named_find(&r->doc->tpl->tags, t))
			rd_problem(r, "case '%s': tag '%s' is not one of template %s's tags",
				   c->reference, id_valid(t) ? t : "?", r->doc->tpl->id);
		else if (named_find(&c->tags, t))
			rd_problem(r, "case '%s': tag '%s' is given twice", c->reference, t);
		else if (!named_add(&c->tags, t, t))
			rd_problem(r, "out of memory");
	}
	named_list_free(&tags);
}

static void read_cases(struct reader *r)
{
	sqlite3_stmt *stmt =
	    rd_prepare(r,
		       "SELECT reference, age_band, plan_status, position, tags FROM cases "
		       "ORDER BY rowid",
		       "reading cases");
	if (!stmt)
		return;
	struct return_doc *d = r->doc;
	const struct template *tpl = d->tpl;
	int rc;
	for (size_t row = 1; (rc = sqlite3_step(stmt)) == SQLITE_ROW; row++) {
		char where[48];
		snprintf(where, sizeof where, "cases row %zu", row);
		char *ref = rd_col_kind(r, stmt, 0, where, "reference", TEXT_REFERENCE);
		if (!ref)
			continue;
		char *normal = text_normalise(TEXT_REFERENCE, ref);
		bool blank = normal && !*normal;
		free(normal);
		if (blank) {
			rd_problem(r, "%s: the reference is empty", where);
			free(ref);
			continue;
		}
		if (!array_grow((void **)&d->cases, d->ncases, sizeof *d->cases)) {
			free(ref);
			rd_problem(r, "out of memory");
			break;
		}
		struct return_case *c = &d->cases[d->ncases++];
		*c = (struct return_case){.reference = ref};
		char *w = str_fmt("case '%s'", ref);
		c->age_band = rd_col_text(r, stmt, 1, w ? w : where, "age_band", 40, true);
		c->plan_status = rd_col_text(r, stmt, 2, w ? w : where, "plan_status", 40, true);
		rd_col_int(r, stmt, 3, w ? w : where, "position", &c->position);
		char *tags = rd_col_text(r, stmt, 4, w ? w : where, "tags", RETURN_MAX_LINE, true);
		free(w);
		if (c->age_band && *c->age_band && !named_find(&tpl->age_bands, c->age_band))
			rd_problem(r, "case '%s': age band '%s' is not one of template %s's", ref,
				   id_valid(c->age_band) ? c->age_band : "?", tpl->id);
		if (c->plan_status && *c->plan_status &&
		    !named_find(&tpl->plan_statuses, c->plan_status))
			rd_problem(r, "case '%s': plan status '%s' is not one of template %s's",
				   ref, id_valid(c->plan_status) ? c->plan_status : "?", tpl->id);
		if (tags)
			read_tags(r, c, tags);
		free(tags);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		rd_db_problem(r, "reading cases");
	sqlite3_finalize(stmt);
}

/* The case references, sorted, to find cases and duplicates without quadratic time. */
static char **sorted_refs(struct reader *r)
{
	struct return_doc *d = r->doc;
	char **refs = malloc((d->ncases ? d->ncases : 1) * sizeof *refs);
	if (!refs) {
		rd_problem(r, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < d->ncases; i++)
		refs[i] = d->cases[i].reference;
	qsort(refs, d->ncases, sizeof *refs, str_ptr_cmp);
	for (size_t i = 1; i < d->ncases; i++)
		if (strcmp(refs[i - 1], refs[i]) == 0 && (i < 2 || strcmp(refs[i - 2], refs[i])))
			rd_problem(r, "case '%s' is listed more than once", refs[i]);
	return refs;
}

struct ref_key {
	char *key; /* text_fold of the reference */
	const char *reference;
};

static int cmp_key(const void *a, const void *b)
{
	const struct ref_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->reference, y->reference);
}

/* Two references a reader would take for the same case ("Child A", "CHILD A") are refused as
 * entry refuses them; the same reference twice is sorted_refs' to report. */
static void check_lookalikes(struct reader *r)
{
	struct return_doc *d = r->doc;
	struct ref_key *keys = calloc(d->ncases ? d->ncases : 1, sizeof *keys);
	bool ok = keys != NULL;
	for (size_t i = 0; ok && i < d->ncases; i++) {
		keys[i].reference = d->cases[i].reference;
		ok = (keys[i].key = text_fold(keys[i].reference)) != NULL;
	}
	if (!ok)
		rd_problem(r, "out of memory");
	else
		qsort(keys, d->ncases, sizeof *keys, cmp_key);
	for (size_t i = 1; ok && i < d->ncases; i++)
		if (strcmp(keys[i - 1].key, keys[i].key) == 0 &&
		    strcmp(keys[i - 1].reference, keys[i].reference) != 0)
			rd_problem(r, "case '%s' is case '%s' again (capitals and spaces aside)",
				   keys[i].reference, keys[i - 1].reference);
	for (size_t i = 0; keys && i < d->ncases; i++)
		free(keys[i].key);
	free(keys);
}

static bool case_known(struct reader *r, char **refs, const char *ref)
{
	return bsearch(&ref, refs, r->doc->ncases, sizeof *refs, str_ptr_cmp) != NULL;
}

/* Keeps a key to find what is given twice: the document's strings (RD_HOLD) or the row's
 * own, taken (RD_CHECK). */
static bool add_key(struct rd_key **keys, size_t *n, char *ref, char *a, char *b)
{
	if (!array_grow((void **)keys, *n, sizeof **keys))
		return false;
	(*keys)[(*n)++] = (struct rd_key){ref, a, b};
	return true;
}

/* A row's texts freed, unless borrowed (rd_free). */
static void texts_clear(const struct reader *r, char *texts[RETURN_ROW_TEXTS])
{
	if (!r->borrow)
		return_texts_free(texts);
}

/* An answer checked: kept, counted or handed on, as the mode says. */
static void take_answer(struct reader *r, struct return_answer *a)
{
	struct return_doc *d = r->doc;
	bool ok = true;
	switch (r->mode) {
	case RD_HOLD:
		ok = array_grow((void **)&d->answers, d->nanswers, sizeof *d->answers) &&
		     add_key(&r->answer_keys, &r->nanswer_keys, a->case_ref, a->question_id, NULL);
		if (ok) {
			d->answers[d->nanswers++] = *a;
			return;
		}
		break;
	case RD_CHECK:
		ok = add_key(&r->answer_keys, &r->nanswer_keys, a->case_ref, a->question_id, NULL);
		if (ok) {
			d->nanswers++;
			a->case_ref = a->question_id = NULL;
		}
		break;
	case RD_WALK:
		/* A row that fails its checks now was changed since they passed. */
		if (!r->problems.n && !r->rc)
			r->rc = r->on_answer(r->ctx, a, r->err);
		break;
	}
	if (!ok)
		rd_problem(r, "out of memory");
	texts_clear(r, a->texts);
}

/* One row of answers, checked, then taken; a row that is not an answer to go on with (after
 * its problems, or with none for an unusable one) has its fields freed instead. */
static void read_answer(struct reader *r, sqlite3_stmt *stmt, size_t row, char **refs)
{
	struct return_doc *d = r->doc;
	char where[48];
	snprintf(where, sizeof where, "answers row %zu", row);
	char *ref = rd_col_kind(r, stmt, 0, where, "case_reference", TEXT_REFERENCE);
	char *qid = rd_col_id(r, stmt, 1, where, "question_id");
	char *w = ref && qid ? str_fmt("case '%s', question %s", ref, qid) : NULL;
	const struct question *q = qid ? template_question(d->tpl, qid) : NULL;
	if (ref && !case_known(r, refs, ref))
		rd_problem(r, "%s: case '%s' is not among the file's cases", where, ref);
	else if (qid && !q)
		rd_problem(r, "case '%s': template %s has no question %s", ref ? ref : "?",
			   d->tpl->id, qid);
	if (!w || !q) {
		if (ref && qid && !w)
			rd_problem(r, "out of memory");
		rd_free(r, ref);
		rd_free(r, qid);
		free(w);
		return;
	}
	struct return_answer a = {.case_ref = ref, .question_id = qid};
	a.value = rd_col_kind(r, stmt, 2, w, "the answer", TEXT_LONG);
	a.evidence = rd_col_kind(r, stmt, 3, w, "the evidence", TEXT_LONG);
	a.author = rd_col_kind(r, stmt, 4, w, "author", TEXT_NAME);
	a.updated_at = rd_col_kind(r, stmt, 5, w, "updated_at", TEXT_LINE);
	if (a.value && !template_value_valid(d->tpl, q, a.value))
		rd_problem(r, "%s: '%s' is not a valid answer", w,
			   q->kind == QUESTION_TEXT || !id_valid(a.value) ? "(text)" : a.value);
	free(w);
	take_answer(r, &a);
}

static bool prompt_in_section(const struct template *tpl, const struct section *sec,
			      const char *prompt)
{
	for (size_t i = 0; i < sec->nprompts; i++)
		if (strcmp(tpl->prompts[sec->prompts[i]].id, prompt) == 0)
			return true;
	return false;
}

static void take_note(struct reader *r, struct return_note *n)
{
	struct return_doc *d = r->doc;
	bool ok = true;
	switch (r->mode) {
	case RD_HOLD:
		ok = array_grow((void **)&d->notes, d->nnotes, sizeof *d->notes) &&
		     add_key(&r->note_keys, &r->nnote_keys, n->case_ref, n->section_id,
			     n->prompt_id);
		if (ok) {
			d->notes[d->nnotes++] = *n;
			return;
		}
		break;
	case RD_CHECK:
		ok = add_key(&r->note_keys, &r->nnote_keys, n->case_ref, n->section_id,
			     n->prompt_id);
		if (ok) {
			d->nnotes++;
			n->case_ref = n->section_id = n->prompt_id = NULL;
		}
		break;
	case RD_WALK:
		if (!r->problems.n && !r->rc)
			r->rc = r->on_note(r->ctx, n, r->err);
		break;
	}
	if (!ok)
		rd_problem(r, "out of memory");
	texts_clear(r, n->texts);
}

/* One row of notes, checked and taken, as read_answer. */
static void read_note(struct reader *r, sqlite3_stmt *stmt, size_t row, char **refs)
{
	struct return_doc *d = r->doc;
	char where[48];
	snprintf(where, sizeof where, "notes row %zu", row);
	char *ref = rd_col_kind(r, stmt, 0, where, "case_reference", TEXT_REFERENCE);
	char *sid = rd_col_id(r, stmt, 1, where, "section_id");
	char *pid = rd_col_id(r, stmt, 2, where, "prompt_id");
	const struct section *sec = sid ? template_section(d->tpl, sid) : NULL;
	bool ok = ref && sid && pid;
	if (ref && !case_known(r, refs, ref))
		rd_problem(r, "%s: case '%s' is not among the file's cases", where, ref);
	else if (sid && !sec)
		rd_problem(r, "case '%s': template %s has no section %s", ref ? ref : "?",
			   d->tpl->id, sid);
	else if (sec && pid && !prompt_in_section(d->tpl, sec, pid))
		rd_problem(r, "case '%s': section %s has no prompt %s", ref ? ref : "?", sid, pid);
	char *w = ok ? str_fmt("case '%s', note %s/%s", ref, sid, pid) : NULL;
	if (!w) {
		if (ok)
			rd_problem(r, "out of memory");
		rd_free(r, ref);
		rd_free(r, sid);
		rd_free(r, pid);
		return;
	}
	struct return_note n = {.case_ref = ref, .section_id = sid, .prompt_id = pid};
	n.text = rd_col_kind(r, stmt, 3, w, "the note", TEXT_LONG);
	n.author = rd_col_kind(r, stmt, 4, w, "author", TEXT_NAME);
	n.updated_at = rd_col_kind(r, stmt, 5, w, "updated_at", TEXT_LINE);
	free(w);
	take_note(r, &n);
}

static bool walk_on(const struct reader *r)
{
	return r->mode != RD_WALK || (!r->problems.n && !r->rc);
}

/* The tables of rows, in the order they are read; each row is its reader's to check and take. */
static const struct {
	const char *sql;
	const char *what; /* the reading, as a problem with the file names it */
	void (*read)(struct reader *r, sqlite3_stmt *stmt, size_t row, char **refs);
} row_tables[] = {
    {"SELECT case_reference, question_id, value, evidence, author, updated_at FROM answers "
     "ORDER BY rowid",
     "reading answers", read_answer},
    {"SELECT case_reference, section_id, prompt_id, text, author, updated_at FROM notes "
     "ORDER BY rowid",
     "reading notes", read_note},
};

/* Answers, then notes, each row numbered from 1, until a walk stops. */
static void read_tables(struct reader *r, char **refs)
{
	for (size_t t = 0; t < sizeof row_tables / sizeof *row_tables && walk_on(r); t++) {
		sqlite3_stmt *stmt = rd_prepare(r, row_tables[t].sql, row_tables[t].what);
		if (!stmt)
			continue;
		int rc = SQLITE_DONE;
		for (size_t row = 1; walk_on(r) && (rc = sqlite3_step(stmt)) == SQLITE_ROW; row++)
			row_tables[t].read(r, stmt, row, refs);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			rd_db_problem(r, row_tables[t].what);
		sqlite3_finalize(stmt);
	}
}

static int cmp_twice(const void *a, const void *b)
{
	const struct rd_key *x = a, *y = b;
	int c = strcmp(x->ref, y->ref);
	if (!c)
		c = strcmp(x->a, y->a);
	return c || !x->b ? c : strcmp(x->b, y->b);
}

/* The same case and question twice (or case, section and prompt) would be ambiguous. */
static void check_duplicates(struct reader *r)
{
	struct rd_key *k = r->answer_keys;
	if (r->nanswer_keys > 1)
		qsort(k, r->nanswer_keys, sizeof *k, cmp_twice);
	for (size_t i = 1; i < r->nanswer_keys; i++)
		if (cmp_twice(&k[i - 1], &k[i]) == 0)
			rd_problem(r, "case '%s', question %s: answered more than once", k[i].ref,
				   k[i].a);
	k = r->note_keys;
	if (r->nnote_keys > 1)
		qsort(k, r->nnote_keys, sizeof *k, cmp_twice);
	for (size_t i = 1; i < r->nnote_keys; i++)
		if (cmp_twice(&k[i - 1], &k[i]) == 0)
			rd_problem(r, "case '%s', note %s/%s: given more than once", k[i].ref,
				   k[i].a, k[i].b);
}

void rd_read_rows(struct reader *r)
{
	read_cases(r);
	char **refs = sorted_refs(r);
	if (!refs)
		return;
	check_lookalikes(r);
	read_tables(r, refs);
	check_duplicates(r);
	rd_keys_free(r);
	/* Kept for the walks of a document whose rows are not held. */
	if (r->mode == RD_CHECK)
		r->refs = refs;
	else
		free(refs);
}

void rd_walk_rows(struct reader *r)
{
	read_tables(r, r->refs);
}
