/* Answers (an agency's grade and evidence for one case and question) and agreed grades (the
 * chair's multi-agency grade and rationale for one case and question): reading, and saving
 * with the history every change leaves. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

/* Answers */

static const struct row_text answer_texts[] = {
    {0, offsetof(struct answer, value)},
    {1, offsetof(struct answer, evidence)},
    {2, offsetof(struct answer, author)},
    {3, offsetof(struct answer, updated_at)},
};

int store_answer_get(struct store *st, int64_t case_id, const char *agency, const char *question_id,
		     struct answer *out, bool *found, struct maca_err *err)
{
	*out = (struct answer){0};
	sqlite3_stmt *stmt;
	/* The agency's id first, then the one answer by its key: joining every agency of the
	 * case's answers instead reads them all (320 for 8 agencies). */
	if (store_row(
		st,
		"SELECT w.value, w.evidence, w.author, w.updated_at, w.id FROM answer w WHERE "
		"w.case_id = ?1 AND w.question_id = ?3 AND w.agency_id = " STORE_AGENCY_OF_CASE,
		SQL_ARGS(SQL_INT(case_id), SQL_TEXT(agency), SQL_TEXT(question_id)), &stmt, found,
		"reading the answer", err))
		return err->status;
	int64_t id = *found ? sqlite3_column_int64(stmt, 4) : 0;
	if (store_texts_take(st, stmt, out, ROW_TEXTS(answer_texts), err)) /* none: "" */
		return err->status;
	out->id = id;
	return MACA_OK;
}

void answer_free(struct answer *a)
{
	store_texts_free(a, ROW_TEXTS(answer_texts));
	*a = (struct answer){0};
}

int store_answer_put(struct store *st, int64_t case_id, const char *agency, const char *question_id,
		     const char *value, const char *evidence, const char *author, const char *at,
		     struct maca_err *err)
{
	bool found;
	return store_answer_put_held(st, case_id, agency, question_id, value, evidence, author, at,
				     NULL, &found, err);
}

int store_answer_put_held(struct store *st, int64_t case_id, const char *agency,
			  const char *question_id, const char *value, const char *evidence,
			  const char *author, const char *at, struct answer *held, bool *was,
			  struct maca_err *err)
{
	*was = false;
	if (held)
		*held = (struct answer){0};
	if (store_begin(st, err))
		return err->status;
	struct case_target t;
	struct answer old = {0};
	bool found = false;
	char *now = at ? NULL : store_now();
	int rc = at || now ? store_case_target(st, case_id, agency, false, &t, err)
			   : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_answer_get(st, case_id, agency, question_id, &old, &found, err);
	bool value_changed = !rc && value && !str_same(old.value, value);
	bool evidence_changed = !rc && evidence && !str_same(old.evidence, evidence);
	if (value_changed || evidence_changed)
		rc = store_run(
		    st,
		    "INSERT INTO answer (case_id, agency_id, question_id, value, evidence, "
		    "author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT "
		    "(case_id, agency_id, question_id) DO UPDATE SET value = ?4, evidence "
		    "= ?5, author = ?6, updated_at = ?7",
		    SQL_ARGS(SQL_INT(case_id), SQL_INT(t.agency_id), SQL_TEXT(question_id),
			     SQL_TEXT(value ? value : old.value),
			     SQL_TEXT(evidence ? evidence : old.evidence),
			     SQL_TEXT(author ? author : st->author), SQL_TEXT(at ? at : now)),
		    "saving the answer", err);
	/* Its row: the one read, or the one just inserted (RETURNING would cost a temporary
	 * table per save). */
	int64_t answer_id = found ? old.id : sqlite3_last_insert_rowid(st->db);
	if (!rc && value_changed)
		rc = store_history_add(st, t.audit_id, case_id, agency, question_id, "answer",
				       found ? old.value : NULL, value, NULL, err);
	/* Evidence given where there was none stays in the answer alone (store_history_evidence);
	 * a change keeps old and new in its row, as the answer's first change would write its
	 * text into that row anyway (schema migration 8). */
	bool first = found ? !*old.evidence : true;
	if (!rc && evidence_changed && first && *evidence)
		rc = store_history_evidence(st, t.audit_id, case_id, agency, question_id,
					    found ? old.evidence : NULL, answer_id, err);
	else if (!rc && evidence_changed)
		rc = store_history_add(st, t.audit_id, case_id, agency, question_id, "evidence",
				       found ? old.evidence : NULL, evidence, NULL, err);
	free(now);
	rc = store_end(st, rc, err);
	if (!rc && held) {
		*held = old;
		old = (struct answer){0};
	}
	*was = !rc && found;
	answer_free(&old);
	return rc;
}

/* The case's template has the question, and value (NULL: not checked) is one of its answers;
 * `what` names the value in errors. */
static int check_question(const struct case_target *t, const char *question_id, const char *value,
			  const char *what, struct maca_err *err)
{
	const struct question *q = template_question(t->tpl, question_id);
	if (!q)
		return err_set(err, MACA_EUSER, "template %s has no question '%s'", t->tpl->id,
			       question_id);
	if (value && !template_value_valid(t->tpl, q, value))
		return err_set(err, MACA_EUSER, "'%s' is not a valid %s to question %s", value,
			       what, question_id);
	return MACA_OK;
}

/* Checks an answer against the case's audit (open) and its template. */
static int answer_check(struct store *st, int64_t case_id, const char *agency,
			const char *question_id, const char *value, const char *evidence,
			struct case_target *t, struct maca_err *err)
{
	if (!agency || !*agency)
		return err_set(err, MACA_EUSER, "an answer needs the agency that gives it");
	if (store_case_target(st, case_id, agency, true, t, err) ||
	    check_question(t, question_id, value, "answer", err))
		return err->status;
	if (store_check_utf8("answer", STORE_TEXTS(value, evidence), err) ||
	    store_check_long_text("answer", value, err) ||
	    store_check_long_text("evidence", evidence, err))
		return err->status;
	return MACA_OK;
}

int store_answer_save_if(struct store *st, int64_t case_id, const char *agency,
			 const char *question_id, const char *value, const char *evidence,
			 const struct answer *expected, struct answer *now, struct store_change *by,
			 struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	struct case_target t;
	int rc = answer_check(st, case_id, agency, question_id, value, evidence, &t, err);
	struct answer held = {0};
	bool found;
	if (!rc && expected)
		rc = store_answer_get(st, case_id, agency, question_id, &held, &found, err);
	struct conflicts c = {0};
	if (!rc && expected) {
		store_conflict_check(&c, "answer", value ? expected->value : NULL, held.value,
				     value);
		store_conflict_check(&c, "evidence", evidence ? expected->evidence : NULL,
				     held.evidence, evidence);
	}
	if (!rc && c.n) {
		rc = store_conflict(st,
				    (struct history_key){.audit_id = t.audit_id,
							 .case_id = case_id,
							 .agency = agency,
							 .item = question_id},
				    &c, "the answer", by, err);
		if (now) {
			*now = held;
			held = (struct answer){0};
		}
	}
	answer_free(&held);
	if (!rc)
		rc = store_answer_put(st, case_id, agency, question_id, value, evidence, NULL, NULL,
				      err);
	return store_end(st, rc, err);
}

int store_answer_save(struct store *st, int64_t case_id, const char *agency,
		      const char *question_id, const char *value, const char *evidence,
		      struct maca_err *err)
{
	return store_answer_save_if(st, case_id, agency, question_id, value, evidence, NULL, NULL,
				    NULL, err);
}

static const struct row_text answer_row_texts[] = {
    {0, offsetof(struct answer_row, agency)}, {2, offsetof(struct answer_row, question_id)},
    {3, offsetof(struct answer_row, value)},  {4, offsetof(struct answer_row, evidence)},
    {5, offsetof(struct answer_row, author)}, {6, offsetof(struct answer_row, updated_at)},
};

static bool read_answer(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	struct answer_row *r = p;
	key->k[0] = sqlite3_column_int64(stmt, 1);
	key->k[1] = store_question_index(ctx, r->question_id);
	return true;
}

/* No ORDER BY: the rows are put in order by their keys (the agency's position, the template's
 * order of questions) as they are collected. Sorting in SQL copied every row, evidence and
 * all, into a temporary b-tree: most of moving to another case. */
#define ANSWER_SQL                                                                                 \
	"SELECT g.code, g.position, w.question_id, w.value, w.evidence, w.author, w.updated_at "   \
	"FROM answer w JOIN agency g ON g.id = w.agency_id WHERE w.case_id = ?"

static const struct row_kind answer_kind = {
    "reading the case's answers", ANSWER_SQL,  sizeof(struct answer_row),
    ROW_TEXTS(answer_row_texts),  read_answer, NULL};

/* The answers of case ?1 that sql selects with ?2 = key, read as answer_kind reads them. */
static int case_answers_by(struct store *st, int64_t case_id, const char *sql, const char *key,
			   struct answer_row **out, size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	int64_t audit_id = 0;
	const struct template *tpl;
	sqlite3_stmt *stmt;
	if (store_case_audit(st, case_id, &audit_id, NULL, err) ||
	    store_cached_template(st, audit_id, &tpl, err) ||
	    store_query(st, sql, SQL_ARGS(SQL_INT(case_id), SQL_TEXT(key)), &stmt, err))
		return err->status;
	return store_collect(st, stmt, &answer_kind, tpl, out, n, err);
}

int store_case_agency_answers(struct store *st, int64_t case_id, const char *agency,
			      struct answer_row **out, size_t *n, struct maca_err *err)
{
	return case_answers_by(
	    st, case_id,
	    "SELECT g.code, g.position, w.question_id, w.value, w.evidence, "
	    "w.author, w.updated_at FROM answer w JOIN agency g ON g.id = "
	    "w.agency_id WHERE w.case_id = ?1 AND w.agency_id = " STORE_AGENCY_OF_CASE
	    " ORDER BY w.question_id",
	    agency, out, n, err);
}

int store_question_answers(struct store *st, int64_t case_id, const char *question_id,
			   struct answer_row **out, size_t *n, struct maca_err *err)
{
	/* Agency by agency, each answer found by its whole key: a seek each, not a walk through
	 * the case's answers (CROSS JOIN keeps SQLite to that order). */
	return case_answers_by(st, case_id,
			       "SELECT g.code, g.position, w.question_id, w.value, w.evidence, "
			       "w.author, w.updated_at FROM agency g CROSS JOIN answer w WHERE "
			       "g.audit_id = (SELECT audit_id FROM audit_case WHERE id = ?1) AND "
			       "w.case_id = ?1 AND w.agency_id = g.id AND w.question_id = ?2",
			       question_id, out, n, err);
}

int store_case_answers(struct store *st, int64_t case_id, struct answer_row **out, size_t *n,
		       struct maca_err *err)
{
	return store_case_rows(st, &answer_kind, case_id, out, n, err);
}

void answer_rows_free(struct answer_row *rows, size_t n)
{
	store_rows_free(&answer_kind, rows, n);
}

/* Agreed grades */

int store_agreed_get(struct store *st, int64_t case_id, const char *question_id, char **grade,
		     char **rationale, struct maca_err *err)
{
	*grade = *rationale = NULL;
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(
		st,
		"SELECT grade, rationale FROM agreed_grade WHERE case_id = ? AND question_id = ?",
		SQL_ARGS(SQL_INT(case_id), SQL_TEXT(question_id)), &stmt, &found,
		"reading the agreed grade", err))
		return err->status;
	*grade = found ? store_column_dup(stmt, 0) : strdup("");
	*rationale = found ? store_column_dup(stmt, 1) : strdup("");
	store_done(st, stmt);
	if (!*grade || !*rationale) {
		free(*grade);
		free(*rationale);
		*grade = *rationale = NULL;
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	return MACA_OK;
}

static int agreed_check(struct store *st, int64_t case_id, const char *question_id,
			const char *grade, const char *rationale, struct case_target *t,
			struct maca_err *err)
{
	if (store_case_target(st, case_id, NULL, true, t, err) ||
	    check_question(t, question_id, grade, "agreed answer", err))
		return err->status;
	if (store_check_utf8("rationale", STORE_TEXTS(rationale), err) ||
	    store_check_long_text("rationale", rationale, err))
		return err->status;
	return MACA_OK;
}

int store_agreed_save_if(struct store *st, int64_t case_id, const char *question_id,
			 const char *grade, const char *rationale, const char *reason,
			 const struct agreed_row *expected, struct agreed_row *now,
			 struct store_change *by, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	struct case_target t;
	char *old_grade = NULL, *old_rationale = NULL;
	int64_t moderated = 0;
	bool found;
	int rc = agreed_check(st, case_id, question_id, grade, rationale, &t, err);
	if (!rc)
		rc = store_agreed_get(st, case_id, question_id, &old_grade, &old_rationale, err);
	if (!rc)
		rc = store_int(st, "SELECT moderated_at IS NOT NULL FROM audit_case WHERE id = ?",
			       SQL_ARGS(SQL_INT(case_id)), &moderated, &found, "reading the case",
			       err);
	struct conflicts c = {0};
	if (!rc && expected) {
		store_conflict_check(&c, "agreed", grade ? expected->grade : NULL, old_grade,
				     grade);
		store_conflict_check(&c, "rationale", rationale ? expected->rationale : NULL,
				     old_rationale, rationale);
	}
	if (!rc && c.n) {
		rc = store_conflict(st,
				    (struct history_key){.audit_id = t.audit_id,
							 .case_id = case_id,
							 .agency = "",
							 .item = question_id},
				    &c, "the agreed grade", by, err);
		if (now && !(now->question_id = strdup(question_id)))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		if (now) {
			now->grade = old_grade;
			now->rationale = old_rationale;
			old_grade = old_rationale = NULL;
		}
	}
	bool grade_changed = !rc && grade && !str_same(old_grade, grade);
	bool rationale_changed = !rc && rationale && !str_same(old_rationale, rationale);
	if (grade_changed && moderated && (!reason || !*reason))
		rc = err_set(err, MACA_ELOCKED,
			     "this case is marked moderated; changing its agreed grade needs a "
			     "reason, which the history keeps");
	char *stamp = NULL;
	if (!rc && (grade_changed || rationale_changed))
		rc = (stamp = store_now())
			 ? store_run(st,
				     "INSERT INTO agreed_grade (case_id, question_id, grade, "
				     "rationale, author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
				     "?6) ON CONFLICT (case_id, question_id) DO UPDATE SET grade = "
				     "?3, rationale = ?4, author = ?5, updated_at = ?6",
				     SQL_ARGS(SQL_INT(case_id), SQL_TEXT(question_id),
					      SQL_TEXT(grade ? grade : old_grade),
					      SQL_TEXT(rationale ? rationale : old_rationale),
					      SQL_TEXT(st->author), SQL_TEXT(stamp)),
				     "saving the agreed grade", err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
	free(stamp);
	if (!rc && grade_changed)
		rc = store_history_add(st, t.audit_id, case_id, NULL, question_id, "agreed",
				       *old_grade ? old_grade : NULL, grade,
				       moderated ? reason : NULL, err);
	if (!rc && rationale_changed)
		rc = store_history_add(st, t.audit_id, case_id, NULL, question_id, "rationale",
				       *old_rationale ? old_rationale : NULL, rationale,
				       moderated ? reason : NULL, err);
	free(old_grade);
	free(old_rationale);
	return store_end(st, rc, err);
}

int store_agreed_save(struct store *st, int64_t case_id, const char *question_id, const char *grade,
		      const char *rationale, const char *reason, struct maca_err *err)
{
	return store_agreed_save_if(st, case_id, question_id, grade, rationale, reason, NULL, NULL,
				    NULL, err);
}

static const struct row_text agreed_texts[] = {
    {0, offsetof(struct agreed_row, question_id)},
    {1, offsetof(struct agreed_row, grade)},
    {2, offsetof(struct agreed_row, rationale)},
};

static bool read_agreed(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)stmt;
	key->k[0] = store_question_index(ctx, ((struct agreed_row *)p)->question_id);
	return true;
}

#define AGREED_SQL                                                                                 \
	"SELECT question_id, grade, rationale FROM agreed_grade WHERE case_id = ? "                \
	"ORDER BY question_id"

static const struct row_kind agreed_kind = {"reading the case's agreed grades",
					    AGREED_SQL,
					    sizeof(struct agreed_row),
					    ROW_TEXTS(agreed_texts),
					    read_agreed,
					    NULL};

void agreed_row_free(struct agreed_row *r)
{
	store_row_free(&agreed_kind, r);
}

int store_case_agreed(struct store *st, int64_t case_id, struct agreed_row **out, size_t *n,
		      struct maca_err *err)
{
	return store_case_rows(st, &agreed_kind, case_id, out, n, err);
}

/* An agreed row with the case it belongs to, for reading a whole audit at once. */
struct case_agreed_row {
	int64_t case_id;
	struct agreed_row row;
};

/* The template, and where the next row's question is looked for first: a case's grades
 * mostly come in question order, and a look at one question costs less than a search. */
struct agreed_reading {
	const struct template *tpl;
	size_t next;
};

static bool read_case_agreed(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	struct agreed_reading *at = (struct agreed_reading *)ctx; /* this reading's own */
	struct case_agreed_row *r = p;
	r->case_id = sqlite3_column_int64(stmt, 0);
	key->k[0] = sqlite3_column_int64(stmt, 1); /* the case's position */
	key->k[1] = r->case_id;
	const struct template *tpl = at->tpl;
	size_t q = at->next < tpl->nquestions &&
			   strcmp(tpl->questions[at->next].id, r->row.question_id) == 0
		       ? at->next
		       : (size_t)store_question_index(tpl, r->row.question_id);
	at->next = q + 1;
	key->k[2] = (int64_t)q;
	return true;
}

static const struct row_text case_agreed_texts[] = {
    {2, offsetof(struct case_agreed_row, row.question_id)},
    {3, offsetof(struct case_agreed_row, row.grade)},
    {4, offsetof(struct case_agreed_row, row.rationale)},
};

#define CASE_AGREED_SQL                                                                            \
	"SELECT g.case_id, c.position, g.question_id, g.grade, g.rationale FROM agreed_grade g "   \
	"JOIN audit_case c ON c.id = g.case_id WHERE c.audit_id = ?"

static const struct row_kind case_agreed_kind = {
    "reading the agreed grades",  CASE_AGREED_SQL,  sizeof(struct case_agreed_row),
    ROW_TEXTS(case_agreed_texts), read_case_agreed, NULL};

int store_audit_agreed(struct store *st, int64_t audit_id, const struct case_info *cases,
		       size_t ncases, struct agreed_row **rows, size_t *n, struct maca_err *err)
{
	for (size_t c = 0; c < ncases; c++)
		rows[c] = NULL, n[c] = 0;
	const struct template *tpl;
	if (store_cached_template(st, audit_id, &tpl, err))
		return err->status;
	struct agreed_reading reading = {tpl, 0};
	struct case_agreed_row *sorted;
	size_t nall;
	int rc = store_list(st, &case_agreed_kind, audit_id, &reading, &sorted, &nall, err);
	if (rc)
		return rc;
	/* Sorted by case position, then question order: each case's rows are one run, moved
	 * into an array of its own. */
	size_t at = 0;
	for (size_t c = 0; !rc && c < ncases; c++) {
		size_t end = at;
		while (end < nall && sorted[end].case_id == cases[c].id)
			end++;
		if (end == at)
			continue;
		rows[c] = malloc((end - at) * sizeof **rows);
		if (!rows[c]) {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
		for (size_t i = at; i < end; i++)
			rows[c][n[c]++] = sorted[i].row;
		at = end;
	}
	if (!rc && at != nall)
		rc = err_set(err, MACA_EDB, "the audit's cases changed while reading them");
	/* What was not moved (all of it on failure) is freed here. */
	for (size_t i = at; i < nall; i++)
		store_row_free(&case_agreed_kind, &sorted[i]);
	free(sorted);
	if (rc)
		for (size_t c = 0; c < ncases; c++) {
			agreed_rows_free(rows[c], n[c]);
			rows[c] = NULL, n[c] = 0;
		}
	return rc;
}

void agreed_rows_free(struct agreed_row *rows, size_t n)
{
	store_rows_free(&agreed_kind, rows, n);
}
