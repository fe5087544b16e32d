/* Reading what the screens show of an audit and its cases: progress, answers, section notes
 * and agreed grades. Rows are read in SQL and put in template order in C, since the order of
 * questions, sections and prompts lives only in the audit's copy of its template. */
#include <stdlib.h>
#include <string.h>

#include "store_query_internal.h"

/* Shared helpers */

static int key_cmp(const void *a, const void *b)
{
	const struct row_key *x = a, *y = b;
	for (size_t j = 0; j < 3; j++)
		if (x->k[j] != y->k[j])
			return x->k[j] < y->k[j] ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Reorders rows by their keys; false on allocation failure (rows left as they were). */
static bool sort_rows(char *rows, size_t n, size_t size, struct row_key *keys)
{
	if (n < 2)
		return true;
	char *sorted = malloc(n * size);
	if (!sorted)
		return false;
	qsort(keys, n, sizeof *keys, key_cmp);
	for (size_t i = 0; i < n; i++)
		memcpy(sorted + i * size, rows + keys[i].i * size, size);
	memcpy(rows, sorted, n * size);
	free(sorted);
	return true;
}

int store_collect(struct store *st, sqlite3_stmt *stmt, size_t size, row_reader read,
		  row_freer free_row, const void *ctx, void **out, size_t *n, const char *what,
		  struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	char *rows = NULL;
	struct row_key *keys = NULL;
	size_t count = 0, cap = 0;
	int rc, result = MACA_OK;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (count == cap) {
			/* Doubling: an export reads tens of thousands of rows. */
			size_t want = cap ? 2 * cap : 16;
			char *grown = realloc(rows, want * size);
			if (grown)
				rows = grown;
			struct row_key *more = grown ? realloc(keys, want * sizeof *more) : NULL;
			if (more)
				keys = more;
			if (!grown || !more) {
				result = err_set(err, MACA_ENOMEM, "out of memory");
				break;
			}
			cap = want;
		}
		void *row = rows + count * size;
		memset(row, 0, size);
		keys[count] = (struct row_key){.i = count};
		count++;
		if (!read(stmt, row, &keys[count - 1], ctx)) {
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
	}
	if (!result && rc != SQLITE_DONE)
		result = store_db_error(st, err, what);
	sqlite3_finalize(stmt);
	if (!result && !sort_rows(rows, count, size, keys))
		result = err_set(err, MACA_ENOMEM, "out of memory");
	free(keys);
	if (result) {
		for (size_t i = 0; i < count; i++)
			free_row(rows + i * size);
		free(rows);
		return result;
	}
	*out = rows;
	*n = count;
	return MACA_OK;
}

int store_collect_by_id(struct store *st, const char *sql, int64_t id, size_t size, row_reader read,
			row_freer free_row, const void *ctx, void **out, size_t *n,
			const char *what, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(st, sql, &stmt, err))
		return err->status;
	if (store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, id), err))
		return err->status;
	return store_collect(st, stmt, size, read, free_row, ctx, out, n, what, err);
}

int store_bound(struct store *st, sqlite3_stmt *stmt, int binds, struct maca_err *err)
{
	if (binds == SQLITE_OK)
		return MACA_OK;
	int rc = store_db_error(st, err, "binding a query's values");
	sqlite3_finalize(stmt);
	return rc;
}

int store_run(struct store *st, sqlite3_stmt *stmt, const char *what, struct maca_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? MACA_OK : store_db_error(st, err, what);
}

int store_finish(struct store *st, int rc, struct maca_err *err)
{
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_audit_exists(struct store *st, int64_t audit_id, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	int rc = store_prepare(st, "SELECT 1 FROM audit WHERE id = ?", &stmt, err);
	if (rc)
		return rc;
	rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, audit_id), err);
	if (rc)
		return rc;
	int step = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (step == SQLITE_DONE)
		return err_set(err, MACA_ENOTFOUND, "no audit %lld", (long long)audit_id);
	return step == SQLITE_ROW ? MACA_OK : store_db_error(st, err, "reading the audit");
}

/* Position of a question in the template; unknown ids sort after every known one. */
static int64_t question_index(const struct template *tpl, const char *id)
{
	const struct question *q = template_question(tpl, id);
	return q ? (int64_t)(q - tpl->questions) : (int64_t)tpl->nquestions;
}

/* The template of the audit a case belongs to (ENOTFOUND for no such case). */
static int case_template(struct store *st, int64_t case_id, const struct template **tpl,
			 struct maca_err *err)
{
	int64_t audit_id;
	int rc = store_case_audit(st, case_id, &audit_id, NULL, err);
	return rc ? rc : store_cached_template(st, audit_id, tpl, err);
}

/* Progress */

int store_audit_progress(struct store *st, int64_t audit_id, int64_t *answered, int64_t *expected,
			 struct maca_err *err)
{
	*answered = *expected = 0;
	const struct template *tpl;
	int rc = store_cached_template(st, audit_id, &tpl, err);
	sqlite3_stmt *stmt;
	if (!rc)
		rc = store_prepare(st,
				   "SELECT (SELECT count(*) FROM audit_case WHERE audit_id = ?1), "
				   "(SELECT count(*) FROM agency WHERE audit_id = ?1), "
				   "(SELECT coalesce(sum(answered), 0) FROM audit_case "
				   "WHERE audit_id = ?1)",
				   &stmt, err);
	if (rc)
		return rc;
	rc = store_bound(st, stmt, sqlite3_bind_int64(stmt, 1, audit_id), err);
	if (rc)
		return rc;
	int step = sqlite3_step(stmt);
	int64_t ncases = step == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	int64_t nagencies = step == SQLITE_ROW ? sqlite3_column_int64(stmt, 1) : 0;
	/* Kept by triggers (migration 2); saving checks every answer is to one of the
	 * template's questions, so this counts the template's own questions only. */
	int64_t count = step == SQLITE_ROW ? sqlite3_column_int64(stmt, 2) : 0;
	sqlite3_finalize(stmt);
	if (step != SQLITE_ROW)
		return store_db_error(st, err, "counting cases and answers");
	*answered = count;
	*expected = ncases * nagencies * (int64_t)tpl->nquestions;
	return MACA_OK;
}

/* Answers */

static void answer_row_free(void *p)
{
	struct answer_row *r = p;
	free(r->agency);
	free(r->question_id);
	free(r->value);
	free(r->evidence);
	free(r->author);
	free(r->updated_at);
}

static bool read_answer(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	struct answer_row *r = p;
	r->agency = store_column_dup(stmt, 0);
	r->question_id = store_column_dup(stmt, 2);
	r->value = store_column_dup(stmt, 3);
	r->evidence = store_column_dup(stmt, 4);
	r->author = store_column_dup(stmt, 5);
	r->updated_at = store_column_dup(stmt, 6);
	if (!r->agency || !r->question_id || !r->value || !r->evidence || !r->author ||
	    !r->updated_at)
		return false;
	key->k[0] = sqlite3_column_int64(stmt, 1);
	key->k[1] = question_index(ctx, r->question_id);
	return true;
}

int store_case_answers(struct store *st, int64_t case_id, struct answer_row **out, size_t *n,
		       struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	const struct template *tpl;
	if (case_template(st, case_id, &tpl, err))
		return err->status;
	void *rows;
	int rc = store_collect_by_id(
	    st,
	    "SELECT g.code, g.position, w.question_id, w.value, w.evidence, w.author, "
	    "w.updated_at FROM answer w JOIN agency g ON g.id = w.agency_id WHERE w.case_id = ? "
	    "ORDER BY g.position, w.question_id",
	    case_id, sizeof **out, read_answer, answer_row_free, tpl, &rows, n,
	    "reading the case's answers", err);
	*out = rows;
	return rc;
}

void answer_rows_free(struct answer_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		answer_row_free(&rows[i]);
	free(rows);
}

/* Section notes */

static void note_row_free(void *p)
{
	struct note_row *r = p;
	free(r->agency);
	free(r->section_id);
	free(r->prompt_id);
	free(r->text);
}

static bool read_note(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	const struct template *tpl = ctx;
	struct note_row *r = p;
	r->agency = store_column_dup(stmt, 0);
	r->section_id = store_column_dup(stmt, 2);
	r->prompt_id = store_column_dup(stmt, 3);
	r->text = store_column_dup(stmt, 4);
	if (!r->agency || !r->section_id || !r->prompt_id || !r->text)
		return false;
	key->k[0] = sqlite3_column_int64(stmt, 1);
	const struct section *sec = template_section(tpl, r->section_id);
	key->k[1] = sec ? (int64_t)(sec - tpl->sections) : (int64_t)tpl->nsections;
	size_t prompt = sec ? sec->nprompts : 0;
	for (size_t i = 0; sec && i < sec->nprompts; i++)
		if (strcmp(tpl->prompts[sec->prompts[i]].id, r->prompt_id) == 0) {
			prompt = i;
			break;
		}
	key->k[2] = (int64_t)prompt;
	return true;
}

int store_case_notes(struct store *st, int64_t case_id, struct note_row **out, size_t *n,
		     struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	const struct template *tpl;
	if (case_template(st, case_id, &tpl, err))
		return err->status;
	void *rows;
	int rc = store_collect_by_id(
	    st,
	    "SELECT g.code, g.position, n.section_id, n.prompt_id, n.text FROM section_note n "
	    "JOIN agency g ON g.id = n.agency_id WHERE n.case_id = ? "
	    "ORDER BY g.position, n.section_id, n.prompt_id",
	    case_id, sizeof **out, read_note, note_row_free, tpl, &rows, n,
	    "reading the case's section notes", err);
	*out = rows;
	return rc;
}

void note_rows_free(struct note_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		note_row_free(&rows[i]);
	free(rows);
}

/* Agreed grades */

static void agreed_row_free(void *p)
{
	struct agreed_row *r = p;
	free(r->question_id);
	free(r->grade);
	free(r->rationale);
}

static bool read_agreed(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	struct agreed_row *r = p;
	r->question_id = store_column_dup(stmt, 0);
	r->grade = store_column_dup(stmt, 1);
	r->rationale = store_column_dup(stmt, 2);
	if (!r->question_id || !r->grade || !r->rationale)
		return false;
	key->k[0] = question_index(ctx, r->question_id);
	return true;
}

int store_case_agreed(struct store *st, int64_t case_id, struct agreed_row **out, size_t *n,
		      struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	const struct template *tpl;
	if (case_template(st, case_id, &tpl, err))
		return err->status;
	void *rows;
	int rc = store_collect_by_id(st,
				     "SELECT question_id, grade, rationale FROM agreed_grade WHERE "
				     "case_id = ? ORDER BY question_id",
				     case_id, sizeof **out, read_agreed, agreed_row_free, tpl,
				     &rows, n, "reading the case's agreed grades", err);
	*out = rows;
	return rc;
}

/* An agreed row with the case it belongs to, for reading a whole audit at once. */
struct case_agreed_row {
	int64_t case_id;
	struct agreed_row row;
};

static bool read_case_agreed(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	struct case_agreed_row *r = p;
	r->case_id = sqlite3_column_int64(stmt, 0);
	key->k[0] = sqlite3_column_int64(stmt, 1); /* the case's position */
	key->k[1] = r->case_id;
	r->row.question_id = store_column_dup(stmt, 2);
	r->row.grade = store_column_dup(stmt, 3);
	r->row.rationale = store_column_dup(stmt, 4);
	if (!r->row.question_id || !r->row.grade || !r->row.rationale)
		return false;
	key->k[2] = question_index(ctx, r->row.question_id);
	return true;
}

static void case_agreed_row_free(void *p)
{
	agreed_row_free(&((struct case_agreed_row *)p)->row);
}

int store_audit_agreed(struct store *st, int64_t audit_id, const struct case_info *cases,
		       size_t ncases, struct agreed_row **rows, size_t *n, struct maca_err *err)
{
	for (size_t c = 0; c < ncases; c++)
		rows[c] = NULL, n[c] = 0;
	const struct template *tpl;
	if (store_cached_template(st, audit_id, &tpl, err))
		return err->status;
	void *all;
	size_t nall;
	int rc = store_collect_by_id(
	    st,
	    "SELECT g.case_id, c.position, g.question_id, g.grade, g.rationale FROM agreed_grade g "
	    "JOIN audit_case c ON c.id = g.case_id WHERE c.audit_id = ?",
	    audit_id, sizeof(struct case_agreed_row), read_case_agreed, case_agreed_row_free, tpl,
	    &all, &nall, "reading the agreed grades", err);
	if (rc)
		return rc;
	/* Sorted by case position, then question order: each case's rows are one run, moved
	 * into an array of its own. */
	struct case_agreed_row *sorted = all;
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
		case_agreed_row_free(&sorted[i]);
	free(all);
	if (rc)
		for (size_t c = 0; c < ncases; c++) {
			agreed_rows_free(rows[c], n[c]);
			rows[c] = NULL, n[c] = 0;
		}
	return rc;
}

void agreed_rows_free(struct agreed_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		agreed_row_free(&rows[i]);
	free(rows);
}
