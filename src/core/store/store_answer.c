/* What agencies and the chair record per case: answers, section notes, agreed grades, and
 * the history every change to them leaves. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"
#include "text_rules.h"

static int finish(struct store *st, int rc, struct maca_err *err)
{
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Where an answer or note goes: the case's audit (open), its template and the agency. Read
 * inside the write's transaction, so a case removed or an audit closed by another maca just
 * before is refused. */
struct target {
	int64_t audit_id;
	int64_t agency_id;
	const struct template *tpl;
};

static int resolve_target(struct store *st, int64_t case_id, const char *agency, struct target *t,
			  struct maca_err *err)
{
	if (store_case_require_open(st, case_id, &t->audit_id, err))
		return err->status;
	if (agency && store_agency_id(st, t->audit_id, agency, &t->agency_id, err))
		return err->status;
	return store_cached_template(st, t->audit_id, &t->tpl, err);
}

/* Long text (text_rules.h), as maca can send it in a return and take it back. */
static int long_text_check(const char *what, const char *s, struct maca_err *err)
{
	struct text_fault fault;
	if (s && !text_check(TEXT_LONG, s, &fault))
		return err_set(err, MACA_EUSER, "the %s %s", what, fault.why);
	return MACA_OK;
}

static int answer_check(struct store *st, int64_t case_id, const char *agency,
			const char *question_id, const char *value, const char *evidence,
			struct target *tp, struct maca_err *err)
{
	struct target t = {0};
	if (!agency || !*agency)
		return err_set(err, MACA_EUSER, "an answer needs the agency that gives it");
	if (resolve_target(st, case_id, agency, &t, err))
		return err->status;
	const struct question *q = template_question(t.tpl, question_id);
	if (!q)
		return err_set(err, MACA_EUSER, "template %s has no question '%s'", t.tpl->id,
			       question_id);
	if (value && !template_value_valid(t.tpl, q, value))
		return err_set(err, MACA_EUSER, "'%s' is not a valid answer to question %s", value,
			       question_id);
	if ((value && !utf8_valid(value, strlen(value))) ||
	    (evidence && !utf8_valid(evidence, strlen(evidence))))
		return err_set(err, MACA_EUSER, "the answer is not valid UTF-8");
	if (long_text_check("answer", value, err) || long_text_check("evidence", evidence, err))
		return err->status;
	*tp = t;
	return MACA_OK;
}

int store_answer_save(struct store *st, int64_t case_id, const char *agency,
		      const char *question_id, const char *value, const char *evidence,
		      struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	struct target t = {0};
	struct answer old;
	bool found;
	int rc = answer_check(st, case_id, agency, question_id, value, evidence, &t, err);
	if (!rc)
		rc = store_answer_get(st, case_id, agency, question_id, &old, &found, err);
	if (rc)
		return finish(st, rc, err);
	bool value_changed = value && !same(old.value, value);
	bool evidence_changed = evidence && !same(old.evidence, evidence);
	if (value_changed || evidence_changed) {
		sqlite3_stmt *stmt;
		char *now = store_now();
		rc = now ? store_prepare(
			       st,
			       "INSERT INTO answer (case_id, agency_id, question_id, value, "
			       "evidence, author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			       "?7) ON CONFLICT (case_id, agency_id, question_id) DO UPDATE "
			       "SET value = ?4, evidence = ?5, author = ?6, updated_at = ?7",
			       &stmt, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
		if (!rc) {
			sqlite3_bind_int64(stmt, 1, case_id);
			sqlite3_bind_int64(stmt, 2, t.agency_id);
			store_bind_text(stmt, 3, question_id);
			store_bind_text(stmt, 4, value ? value : old.value);
			store_bind_text(stmt, 5, evidence ? evidence : old.evidence);
			store_bind_text(stmt, 6, st->author);
			store_bind_text(stmt, 7, now);
			int step = sqlite3_step(stmt);
			sqlite3_finalize(stmt);
			if (step != SQLITE_DONE)
				rc = store_db_error(st, err, "saving the answer");
		}
		free(now);
		if (!rc && value_changed)
			rc =
			    store_history_add(st, t.audit_id, case_id, agency, question_id,
					      "answer", found ? old.value : NULL, value, NULL, err);
		if (!rc && evidence_changed)
			rc = store_history_add(st, t.audit_id, case_id, agency, question_id,
					       "evidence", found ? old.evidence : NULL, evidence,
					       NULL, err);
	}
	answer_free(&old);
	return finish(st, rc, err);
}

int store_answer_get(struct store *st, int64_t case_id, const char *agency, const char *question_id,
		     struct answer *out, bool *found, struct maca_err *err)
{
	*out = (struct answer){0};
	*found = false;
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "SELECT w.value, w.evidence, w.author, w.updated_at FROM answer w JOIN "
			  "agency g ON g.id = w.agency_id WHERE w.case_id = ? AND g.code = ? AND "
			  "w.question_id = ?",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	store_bind_text(stmt, 2, agency);
	store_bind_text(stmt, 3, question_id);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW) {
		*found = true;
		out->value = store_column_dup(stmt, 0);
		out->evidence = store_column_dup(stmt, 1);
		out->author = store_column_dup(stmt, 2);
		out->updated_at = store_column_dup(stmt, 3);
	} else if (rc == SQLITE_DONE) {
		out->value = strdup("");
		out->evidence = strdup("");
		out->author = strdup("");
		out->updated_at = strdup("");
	} else {
		result = store_db_error(st, err, "reading the answer");
	}
	sqlite3_finalize(stmt);
	if (!result && (!out->value || !out->evidence || !out->author || !out->updated_at)) {
		answer_free(out);
		result = err_set(err, MACA_ENOMEM, "out of memory");
	}
	return result;
}

void answer_free(struct answer *a)
{
	free(a->value);
	free(a->evidence);
	free(a->author);
	free(a->updated_at);
	*a = (struct answer){0};
}

int store_note_get(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		   const char *prompt_id, char **text, struct maca_err *err)
{
	*text = NULL;
	sqlite3_stmt *stmt;
	if (store_prepare(
		st,
		"SELECT n.text FROM section_note n JOIN agency g ON g.id = n.agency_id "
		"WHERE n.case_id = ? AND g.code = ? AND n.section_id = ? AND n.prompt_id = ?",
		&stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	store_bind_text(stmt, 2, agency);
	store_bind_text(stmt, 3, section_id);
	store_bind_text(stmt, 4, prompt_id);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW)
		*text = store_column_dup(stmt, 0);
	else if (rc == SQLITE_DONE)
		*text = strdup("");
	else
		result = store_db_error(st, err, "reading the note");
	sqlite3_finalize(stmt);
	if (!result && !*text)
		result = err_set(err, MACA_ENOMEM, "out of memory");
	return result;
}

static int note_check(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		      const char *prompt_id, const char *text, struct target *tp,
		      struct maca_err *err)
{
	struct target t = {0};
	if (!agency || !*agency)
		return err_set(err, MACA_EUSER, "a section note needs the agency that writes it");
	if (resolve_target(st, case_id, agency, &t, err))
		return err->status;
	const struct section *sec = template_section(t.tpl, section_id);
	if (!sec)
		return err_set(err, MACA_EUSER, "template %s has no section '%s'", t.tpl->id,
			       section_id);
	bool known = false;
	for (size_t i = 0; i < sec->nprompts; i++)
		if (strcmp(t.tpl->prompts[sec->prompts[i]].id, prompt_id) == 0)
			known = true;
	if (!known)
		return err_set(err, MACA_EUSER, "section %s has no prompt '%s'", section_id,
			       prompt_id);
	if (!utf8_valid(text, strlen(text)))
		return err_set(err, MACA_EUSER, "the note is not valid UTF-8");
	if (long_text_check("note", text, err))
		return err->status;
	*tp = t;
	return MACA_OK;
}

int store_note_save(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		    const char *prompt_id, const char *text, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	struct target t = {0};
	char *old = NULL;
	int rc = note_check(st, case_id, agency, section_id, prompt_id, text, &t, err);
	if (!rc)
		rc = store_note_get(st, case_id, agency, section_id, prompt_id, &old, err);
	if (!rc && !same(old, text)) {
		sqlite3_stmt *stmt;
		char *now = store_now();
		rc = now ? store_prepare(
			       st,
			       "INSERT INTO section_note (case_id, agency_id, section_id, "
			       "prompt_id, text, author, updated_at) VALUES (?1, ?2, ?3, ?4, "
			       "?5, ?6, ?7) ON CONFLICT (case_id, agency_id, section_id, "
			       "prompt_id) DO UPDATE SET text = ?5, author = ?6, updated_at "
			       "= ?7",
			       &stmt, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
		if (!rc) {
			sqlite3_bind_int64(stmt, 1, case_id);
			sqlite3_bind_int64(stmt, 2, t.agency_id);
			store_bind_text(stmt, 3, section_id);
			store_bind_text(stmt, 4, prompt_id);
			store_bind_text(stmt, 5, text);
			store_bind_text(stmt, 6, st->author);
			store_bind_text(stmt, 7, now);
			int step = sqlite3_step(stmt);
			sqlite3_finalize(stmt);
			if (step != SQLITE_DONE)
				rc = store_db_error(st, err, "saving the note");
		}
		free(now);
		char *item = rc ? NULL : str_fmt("%s/%s", section_id, prompt_id);
		if (!rc && !item)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		if (!rc)
			rc = store_history_add(st, t.audit_id, case_id, agency, item, "note",
					       *old ? old : NULL, text, NULL, err);
		free(item);
	}
	free(old);
	return finish(st, rc, err);
}

int store_agreed_get(struct store *st, int64_t case_id, const char *question_id, char **grade,
		     char **rationale, struct maca_err *err)
{
	*grade = *rationale = NULL;
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "SELECT grade, rationale FROM agreed_grade WHERE case_id = ? AND "
			  "question_id = ?",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	store_bind_text(stmt, 2, question_id);
	int rc = sqlite3_step(stmt);
	int result = MACA_OK;
	if (rc == SQLITE_ROW) {
		*grade = store_column_dup(stmt, 0);
		*rationale = store_column_dup(stmt, 1);
	} else if (rc == SQLITE_DONE) {
		*grade = strdup("");
		*rationale = strdup("");
	} else {
		result = store_db_error(st, err, "reading the agreed grade");
	}
	sqlite3_finalize(stmt);
	if (!result && (!*grade || !*rationale)) {
		free(*grade);
		free(*rationale);
		*grade = *rationale = NULL;
		result = err_set(err, MACA_ENOMEM, "out of memory");
	}
	return result;
}

static int case_moderated(struct store *st, int64_t case_id, bool *moderated, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT moderated_at IS NOT NULL FROM audit_case WHERE id = ?", &stmt,
			  err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	int rc = sqlite3_step(stmt);
	*moderated = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? MACA_OK : store_db_error(st, err, "reading the case");
}

static int agreed_check(struct store *st, int64_t case_id, const char *question_id,
			const char *grade, const char *rationale, struct target *tp,
			struct maca_err *err)
{
	struct target t = {0};
	if (resolve_target(st, case_id, NULL, &t, err))
		return err->status;
	const struct question *q = template_question(t.tpl, question_id);
	if (!q)
		return err_set(err, MACA_EUSER, "template %s has no question '%s'", t.tpl->id,
			       question_id);
	if (grade && !template_value_valid(t.tpl, q, grade))
		return err_set(err, MACA_EUSER, "'%s' is not a valid agreed answer to question %s",
			       grade, question_id);
	if (rationale && !utf8_valid(rationale, strlen(rationale)))
		return err_set(err, MACA_EUSER, "the rationale is not valid UTF-8");
	if (long_text_check("rationale", rationale, err))
		return err->status;
	*tp = t;
	return MACA_OK;
}

int store_agreed_save(struct store *st, int64_t case_id, const char *question_id, const char *grade,
		      const char *rationale, const char *reason, struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	struct target t = {0};
	char *old_grade = NULL, *old_rationale = NULL;
	bool moderated = false;
	int rc = agreed_check(st, case_id, question_id, grade, rationale, &t, err);
	if (!rc)
		rc = store_agreed_get(st, case_id, question_id, &old_grade, &old_rationale, err);
	if (!rc)
		rc = case_moderated(st, case_id, &moderated, err);
	bool grade_changed = !rc && grade && !same(old_grade, grade);
	bool rationale_changed = !rc && rationale && !same(old_rationale, rationale);
	if (grade_changed && moderated && (!reason || !*reason))
		rc = err_set(err, MACA_ELOCKED,
			     "this case is marked moderated; changing its agreed grade needs a "
			     "reason, which the history keeps");
	if (!rc && (grade_changed || rationale_changed)) {
		sqlite3_stmt *stmt;
		char *now = store_now();
		rc = now ? store_prepare(
			       st,
			       "INSERT INTO agreed_grade (case_id, question_id, grade, "
			       "rationale, author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
			       "?6) ON CONFLICT (case_id, question_id) DO UPDATE SET grade = "
			       "?3, rationale = ?4, author = ?5, updated_at = ?6",
			       &stmt, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
		if (!rc) {
			sqlite3_bind_int64(stmt, 1, case_id);
			store_bind_text(stmt, 2, question_id);
			store_bind_text(stmt, 3, grade ? grade : old_grade);
			store_bind_text(stmt, 4, rationale ? rationale : old_rationale);
			store_bind_text(stmt, 5, st->author);
			store_bind_text(stmt, 6, now);
			int step = sqlite3_step(stmt);
			sqlite3_finalize(stmt);
			if (step != SQLITE_DONE)
				rc = store_db_error(st, err, "saving the agreed grade");
		}
		free(now);
		if (!rc && grade_changed)
			rc = store_history_add(st, t.audit_id, case_id, NULL, question_id, "agreed",
					       *old_grade ? old_grade : NULL, grade,
					       moderated ? reason : NULL, err);
		if (!rc && rationale_changed)
			rc = store_history_add(st, t.audit_id, case_id, NULL, question_id,
					       "rationale", *old_rationale ? old_rationale : NULL,
					       rationale, moderated ? reason : NULL, err);
	}
	free(old_grade);
	free(old_rationale);
	return finish(st, rc, err);
}

int store_history_list(struct store *st, int64_t audit_id, struct history_row **out, size_t *n,
		       struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(
		st,
		"SELECT h.id, coalesce(c.reference, ''), h.agency, h.item, h.field, "
		"h.old_value, h.new_value, h.at, h.author, h.source, h.reason, h.checksum "
		"FROM history "
		"h LEFT JOIN audit_case c ON c.id = h.case_id WHERE h.audit_id = ? ORDER BY "
		"h.id",
		&stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	struct history_row *rows = NULL;
	size_t count = 0;
	int rc, result = MACA_OK;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct history_row *grown = realloc(rows, (count + 1) * sizeof *grown);
		if (!grown) {
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
		rows = grown;
		struct history_row *r = &rows[count++];
		*r = (struct history_row){.id = sqlite3_column_int64(stmt, 0),
					  .case_ref = store_column_dup(stmt, 1),
					  .agency = store_column_dup(stmt, 2),
					  .item = store_column_dup(stmt, 3),
					  .field = store_column_dup(stmt, 4),
					  .old_value = sqlite3_column_type(stmt, 5) == SQLITE_NULL
							   ? NULL
							   : store_column_dup(stmt, 5),
					  .new_value = sqlite3_column_type(stmt, 6) == SQLITE_NULL
							   ? NULL
							   : store_column_dup(stmt, 6),
					  .at = store_column_dup(stmt, 7),
					  .author = store_column_dup(stmt, 8),
					  .source = store_column_dup(stmt, 9),
					  .reason = sqlite3_column_type(stmt, 10) == SQLITE_NULL
							? NULL
							: store_column_dup(stmt, 10),
					  .checksum = sqlite3_column_type(stmt, 11) == SQLITE_NULL
							  ? NULL
							  : store_column_dup(stmt, 11)};
		bool oom = !r->case_ref || !r->agency || !r->item || !r->field || !r->at ||
			   !r->author || !r->source ||
			   (sqlite3_column_type(stmt, 5) != SQLITE_NULL && !r->old_value) ||
			   (sqlite3_column_type(stmt, 6) != SQLITE_NULL && !r->new_value) ||
			   (sqlite3_column_type(stmt, 10) != SQLITE_NULL && !r->reason) ||
			   (sqlite3_column_type(stmt, 11) != SQLITE_NULL && !r->checksum);
		if (oom) {
			result = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
	}
	if (!result && rc != SQLITE_DONE)
		result = store_db_error(st, err, "reading the history");
	sqlite3_finalize(stmt);
	if (result) {
		history_list_free(rows, count);
		return result;
	}
	*out = rows;
	*n = count;
	return MACA_OK;
}

void history_list_free(struct history_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].case_ref);
		free(rows[i].agency);
		free(rows[i].item);
		free(rows[i].field);
		free(rows[i].old_value);
		free(rows[i].new_value);
		free(rows[i].at);
		free(rows[i].author);
		free(rows[i].source);
		free(rows[i].reason);
		free(rows[i].checksum);
	}
	free(rows);
}
