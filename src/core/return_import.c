/* Importing packs and returns into the store (see return_import.h). */
#include "return_import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

static int step_done(struct store *st, sqlite3_stmt *stmt, const char *what, struct maca_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? MACA_OK : store_db_error(st, err, what);
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The audit of a UUID: *id 0 when there is none. */
static int audit_by_uuid(struct store *st, const char *uuid, int64_t *id, struct maca_err *err)
{
	*id = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT id FROM audit WHERE uuid = ?", &stmt, err))
		return err->status;
	store_bind_text(stmt, 1, uuid);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "finding the audit");
	return MACA_OK;
}

/* The case of a reference in an audit: *id 0 when there is none. */
static int case_by_ref(struct store *st, int64_t audit_id, const char *ref, int64_t *id,
		       struct maca_err *err)
{
	*id = 0;
	sqlite3_stmt *stmt;
	if (store_prepare(st, "SELECT id FROM audit_case WHERE audit_id = ? AND reference = ?",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	store_bind_text(stmt, 2, ref);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "finding a case");
	return MACA_OK;
}

/* Sets source and checksum for the history rows of an import, keeping the caller's source
 * to put back afterwards (in *saved, malloc'd). */
static int origin_push(struct store *st, const char *source, const char *checksum, char **saved,
		       struct maca_err *err)
{
	*saved = strdup(st->source);
	if (!*saved)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (store_set_origin(st, st->author, source, err) ||
	    store_set_checksum(st, checksum, err)) {
		free(*saved);
		*saved = NULL;
		return err->status;
	}
	return MACA_OK;
}

static void origin_pop(struct store *st, char *saved)
{
	if (saved)
		store_set_origin(st, st->author, saved, NULL);
	store_set_checksum(st, NULL, NULL);
	free(saved);
}

static int upsert_answer(struct store *st, int64_t case_id, int64_t agency_id,
			 const struct return_answer *a, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO answer (case_id, agency_id, question_id, value, evidence, "
			  "author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT "
			  "(case_id, agency_id, question_id) DO UPDATE SET value = ?4, evidence = "
			  "?5, author = ?6, updated_at = ?7",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_int64(stmt, 2, agency_id);
	store_bind_text(stmt, 3, a->question_id);
	store_bind_text(stmt, 4, a->value);
	store_bind_text(stmt, 5, a->evidence);
	store_bind_text(stmt, 6, a->author);
	store_bind_text(stmt, 7, a->updated_at);
	return step_done(st, stmt, "saving an answer", err);
}

static int upsert_note(struct store *st, int64_t case_id, int64_t agency_id,
		       const struct return_note *n, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO section_note (case_id, agency_id, section_id, prompt_id, "
			  "text, author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON "
			  "CONFLICT (case_id, agency_id, section_id, prompt_id) DO UPDATE SET text "
			  "= ?5, author = ?6, updated_at = ?7",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_int64(stmt, 2, agency_id);
	store_bind_text(stmt, 3, n->section_id);
	store_bind_text(stmt, 4, n->prompt_id);
	store_bind_text(stmt, 5, n->text);
	store_bind_text(stmt, 6, n->author);
	store_bind_text(stmt, 7, n->updated_at);
	return step_done(st, stmt, "saving a section note", err);
}

/* Writes an answer and its history: a row for the grade and one for the evidence, each only
 * when it changed. old is NULL when the chair held no answer. */
static int write_answer(struct store *st, int64_t audit_id, int64_t case_id, int64_t agency_id,
			const char *agency, const struct return_answer *a, const struct answer *old,
			struct maca_err *err)
{
	if (upsert_answer(st, case_id, agency_id, a, err))
		return err->status;
	if (!same(old ? old->value : "", a->value) &&
	    store_history_add(st, audit_id, case_id, agency, a->question_id, "answer",
			      old ? old->value : NULL, a->value, NULL, err))
		return err->status;
	if (!same(old ? old->evidence : "", a->evidence) &&
	    store_history_add(st, audit_id, case_id, agency, a->question_id, "evidence",
			      old ? old->evidence : NULL, a->evidence, NULL, err))
		return err->status;
	return MACA_OK;
}

static int write_note(struct store *st, int64_t audit_id, int64_t case_id, int64_t agency_id,
		      const char *agency, const struct return_note *n, const char *old,
		      struct maca_err *err)
{
	if (upsert_note(st, case_id, agency_id, n, err))
		return err->status;
	char *item = str_fmt("%s/%s", n->section_id, n->prompt_id);
	if (!item)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = store_history_add(st, audit_id, case_id, agency, item, "note",
				   old && *old ? old : NULL, n->text, NULL, err);
	free(item);
	return rc;
}

/* ---- packs ---- */

static int insert_audit(struct store *st, const struct return_doc *doc, int64_t *id,
			struct maca_err *err)
{
	char *now = store_now();
	if (!now)
		return err_set(err, MACA_ENOMEM, "out of memory");
	sqlite3_stmt *stmt;
	int rc = store_prepare(st,
			       "INSERT INTO audit (uuid, title, theme, template_id, "
			       "template_version, template_hash, template_text, created_at, "
			       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       &stmt, err);
	if (!rc) {
		store_bind_text(stmt, 1, doc->uuid);
		store_bind_text(stmt, 2, doc->title);
		store_bind_text(stmt, 3, doc->theme);
		store_bind_text(stmt, 4, doc->template_id);
		sqlite3_bind_int64(stmt, 5, doc->template_version);
		store_bind_text(stmt, 6, doc->template_hash);
		sqlite3_bind_text(stmt, 7, doc->template_text, (int)doc->template_len,
				  SQLITE_TRANSIENT);
		store_bind_text(stmt, 8, now);
		store_bind_text(stmt, 9, now);
		rc = step_done(st, stmt, "creating the audit", err);
	}
	free(now);
	if (!rc)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int insert_agency(struct store *st, int64_t audit_id, const struct return_doc *doc,
			 int64_t *agency_id, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO agency (audit_id, code, name, position) VALUES (?, ?, ?, 1)",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	store_bind_text(stmt, 2, doc->agency_code);
	store_bind_text(stmt, 3, doc->agency_name);
	if (step_done(st, stmt, "adding the agency", err))
		return err->status;
	*agency_id = sqlite3_last_insert_rowid(st->db);
	return MACA_OK;
}

static int insert_case(struct store *st, int64_t audit_id, const struct return_case *c,
		       long position, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st,
			  "INSERT INTO audit_case (audit_id, reference, age_band, plan_status, "
			  "position) VALUES (?, ?, ?, ?, ?)",
			  &stmt, err))
		return err->status;
	sqlite3_bind_int64(stmt, 1, audit_id);
	store_bind_text(stmt, 2, c->reference);
	store_bind_text(stmt, 3, c->age_band);
	store_bind_text(stmt, 4, c->plan_status);
	sqlite3_bind_int64(stmt, 5, position);
	if (step_done(st, stmt, "adding a case", err))
		return err->status;
	int64_t case_id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < c->tags.n; i++) {
		if (store_prepare(st, "INSERT INTO case_tag (case_id, tag) VALUES (?, ?)", &stmt,
				  err))
			return err->status;
		sqlite3_bind_int64(stmt, 1, case_id);
		store_bind_text(stmt, 2, c->tags.items[i].id);
		if (step_done(st, stmt, "adding a case's tags", err))
			return err->status;
	}
	return store_history_add(st, audit_id, case_id, NULL, NULL, "case", NULL, c->reference,
				 NULL, err);
}

/* Cases first, in the pack's order, then the agency's answers and notes. */
static int fill_pack(struct store *st, const struct return_doc *doc, int64_t audit_id,
		     int64_t agency_id, struct maca_err *err)
{
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < doc->ncases; i++)
		rc = insert_case(st, audit_id, &doc->cases[i], (long)i + 1, err);
	for (size_t i = 0; !rc && i < doc->nanswers; i++) {
		int64_t case_id;
		rc = case_by_ref(st, audit_id, doc->answers[i].case_ref, &case_id, err);
		if (!rc)
			rc = write_answer(st, audit_id, case_id, agency_id, doc->agency_code,
					  &doc->answers[i], NULL, err);
	}
	for (size_t i = 0; !rc && i < doc->nnotes; i++) {
		int64_t case_id;
		rc = case_by_ref(st, audit_id, doc->notes[i].case_ref, &case_id, err);
		if (!rc && *doc->notes[i].text)
			rc = write_note(st, audit_id, case_id, agency_id, doc->agency_code,
					&doc->notes[i], NULL, err);
	}
	return rc;
}

int return_import_pack(struct store *st, const struct return_doc *doc, const char *checksum,
		       int64_t *audit_id, struct maca_err *err)
{
	if (doc->kind != RETURN_PACK)
		return err_set(err, MACA_EUSER, "this is a return, not a pack");
	char *source = str_fmt("pack for %s", doc->agency_code), *saved = NULL;
	if (!source)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = origin_push(st, source, checksum, &saved, err);
	free(source);
	if (rc)
		return rc;
	int64_t existing = 0, agency_id = 0;
	rc = store_begin(st, err);
	if (!rc)
		rc = audit_by_uuid(st, doc->uuid, &existing, err);
	if (!rc && existing)
		rc = err_set(err, MACA_EEXIST,
			     "the audit of this pack (%s) is already in this database as audit "
			     "%lld; a pack is imported once, then answered there",
			     doc->uuid, (long long)existing);
	if (!rc)
		rc = insert_audit(st, doc, audit_id, err);
	if (!rc)
		rc = insert_agency(st, *audit_id, doc, &agency_id, err);
	if (!rc)
		rc = store_history_add(st, *audit_id, 0, NULL, NULL, "audit", NULL, doc->title,
				       NULL, err);
	if (!rc)
		rc = fill_pack(st, doc, *audit_id, agency_id, err);
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	origin_pop(st, saved);
	return rc;
}

/* ---- returns ---- */

struct problems {
	struct sbuf text;
	size_t n;
};

static void problem(struct problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct problems *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = str_vfmt(fmt, ap);
	va_end(ap);
	if (p->n++)
		sbuf_addc(&p->text, '\n');
	sbuf_add(&p->text, msg ? msg : "out of memory");
	free(msg);
}

/* Checks the return against the audit: every problem into p. */
static int check_return(struct store *st, const struct return_doc *doc, int64_t audit_id,
			struct problems *p, struct maca_err *err)
{
	struct audit_info info;
	if (store_audit_get(st, audit_id, &info, err))
		return err->status;
	if (info.status == AUDIT_CLOSED)
		problem(p, "audit %lld (%s) is closed; reopen it, giving a reason, to import",
			(long long)audit_id, info.title);
	bool same_template = strcmp(info.template_id, doc->template_id) == 0 &&
			     info.template_version == doc->template_version &&
			     strcmp(info.template_hash, doc->template_hash) == 0;
	if (!same_template)
		problem(p,
			"the return is for template %s version %ld, but the audit uses template %s "
			"version %ld%s",
			doc->template_id, doc->template_version, info.template_id,
			info.template_version,
			strcmp(info.template_id, doc->template_id) == 0 &&
				info.template_version == doc->template_version
			    ? " (a different copy of it)"
			    : "");
	audit_info_free(&info);
	int64_t agency_id;
	if (store_agency_id(st, audit_id, doc->agency_code, &agency_id, err)) {
		if (err->status != MACA_ENOTFOUND)
			return err->status;
		problem(p, "agency %s is not taking part in audit %lld", doc->agency_code,
			(long long)audit_id);
		err_clear(err);
	}
	const struct template *tpl;
	if (store_cached_template(st, audit_id, &tpl, err))
		return err->status;
	for (size_t i = 0; i < doc->ncases; i++) {
		int64_t case_id;
		if (case_by_ref(st, audit_id, doc->cases[i].reference, &case_id, err))
			return err->status;
		if (!case_id)
			problem(p, "case '%s': the audit has no such case",
				doc->cases[i].reference);
	}
	for (size_t i = 0; !same_template && i < doc->nanswers; i++)
		if (!template_question(tpl, doc->answers[i].question_id))
			problem(p,
				"case '%s', question %s: the audit's template has no such question",
				doc->answers[i].case_ref, doc->answers[i].question_id);
	for (size_t i = 0; !same_template && i < doc->nnotes; i++)
		if (!template_section(tpl, doc->notes[i].section_id))
			problem(p,
				"case '%s', note %s/%s: the audit's template has no such section",
				doc->notes[i].case_ref, doc->notes[i].section_id,
				doc->notes[i].prompt_id);
	return MACA_OK;
}

static int add_change(struct return_plan *plan, const char *ref, const char *item, bool note,
		      const char *old_value, const char *new_value, bool evidence_changed)
{
	struct return_change *grown =
	    realloc(plan->changes, (plan->nchanges + 1) * sizeof *plan->changes);
	if (!grown)
		return -1;
	plan->changes = grown;
	struct return_change *c = &plan->changes[plan->nchanges++];
	*c = (struct return_change){.case_ref = strdup(ref),
				    .item = strdup(item),
				    .note = note,
				    .old_value = strdup(old_value),
				    .new_value = strdup(new_value),
				    .evidence_changed = evidence_changed};
	return c->case_ref && c->item && c->old_value && c->new_value ? 0 : -1;
}

/* Goes through the return's answers and notes, counting what is new, the same or changed;
 * with write, also writes each one that is new or changed. */
static int walk(struct store *st, const struct return_doc *doc, struct return_plan *plan,
		bool write, struct maca_err *err)
{
	int64_t audit_id = plan->audit_id, agency_id = 0;
	if (store_agency_id(st, audit_id, doc->agency_code, &agency_id, err))
		return err->status;
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < doc->nanswers; i++) {
		const struct return_answer *a = &doc->answers[i];
		int64_t case_id;
		struct answer old = {0};
		bool found = false;
		rc = case_by_ref(st, audit_id, a->case_ref, &case_id, err);
		if (!rc)
			rc = store_answer_get(st, case_id, doc->agency_code, a->question_id, &old,
					      &found, err);
		bool differs =
		    !rc && (!same(old.value, a->value) || !same(old.evidence, a->evidence));
		if (rc || !differs) {
			plan->nsame += !rc;
		} else if (!found) {
			plan->nadd++;
			if (write)
				rc = write_answer(st, audit_id, case_id, agency_id,
						  doc->agency_code, a, NULL, err);
		} else {
			if (add_change(plan, a->case_ref, a->question_id, false, old.value,
				       a->value, !same(old.evidence, a->evidence)))
				rc = err_set(err, MACA_ENOMEM, "out of memory");
			else if (write)
				rc = write_answer(st, audit_id, case_id, agency_id,
						  doc->agency_code, a, &old, err);
		}
		answer_free(&old);
	}
	for (size_t i = 0; !rc && i < doc->nnotes; i++) {
		const struct return_note *n = &doc->notes[i];
		int64_t case_id;
		char *old = NULL;
		rc = case_by_ref(st, audit_id, n->case_ref, &case_id, err);
		if (!rc)
			rc = store_note_get(st, case_id, doc->agency_code, n->section_id,
					    n->prompt_id, &old, err);
		char *item = rc ? NULL : str_fmt("%s/%s", n->section_id, n->prompt_id);
		if (!rc && !item)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		if (rc || same(old, n->text)) {
			plan->nsame += !rc;
		} else if (!*old) {
			plan->nadd++;
			if (write)
				rc = write_note(st, audit_id, case_id, agency_id, doc->agency_code,
						n, old, err);
		} else {
			if (add_change(plan, n->case_ref, item, true, old, n->text, false))
				rc = err_set(err, MACA_ENOMEM, "out of memory");
			else if (write)
				rc = write_note(st, audit_id, case_id, agency_id, doc->agency_code,
						n, old, err);
		}
		free(item);
		free(old);
	}
	return rc;
}

void return_plan_free(struct return_plan *plan)
{
	for (size_t i = 0; i < plan->nchanges; i++) {
		free(plan->changes[i].case_ref);
		free(plan->changes[i].item);
		free(plan->changes[i].old_value);
		free(plan->changes[i].new_value);
	}
	free(plan->changes);
	free(plan->audit_title);
	*plan = (struct return_plan){0};
}

/* The audit, checked; then the walk. Runs inside or outside a transaction. */
static int make_plan(struct store *st, const struct return_doc *doc, bool write,
		     struct return_plan *out, struct maca_err *err)
{
	*out = (struct return_plan){0};
	if (audit_by_uuid(st, doc->uuid, &out->audit_id, err))
		return err->status;
	if (!out->audit_id)
		return err_set(err, MACA_ENOTFOUND,
			       "this %s is for audit \"%s\" (%s), which is not in this database%s",
			       return_kind_name(doc->kind), doc->title, doc->uuid,
			       doc->kind == RETURN_RETURN ? "; import a return into the database "
							    "that made the pack"
							  : "");
	if (doc->kind == RETURN_PACK)
		return err_set(err, MACA_EEXIST,
			       "this is a pack for audit %lld (%s), which is already in this "
			       "database; a pack is imported once, in the agency's database",
			       (long long)out->audit_id, doc->title);
	struct problems p = {0};
	int rc = check_return(st, doc, out->audit_id, &p, err);
	if (!rc && p.n) {
		char *msg = sbuf_take(&p.text);
		rc = err_set(err, MACA_EUSER, "%s", msg ? msg : "out of memory");
		free(msg);
	}
	sbuf_free(&p.text);
	struct audit_info info;
	if (!rc && !store_audit_get(st, out->audit_id, &info, err)) {
		out->audit_title = strdup(info.title);
		audit_info_free(&info);
		if (!out->audit_title)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	} else if (!rc) {
		rc = err->status;
	}
	if (!rc)
		rc = walk(st, doc, out, write, err);
	if (rc)
		return_plan_free(out);
	return rc;
}

int return_plan_make(struct store *st, const struct return_doc *doc, struct return_plan *out,
		     struct maca_err *err)
{
	return make_plan(st, doc, false, out, err);
}

int return_apply(struct store *st, const struct return_doc *doc, const struct return_plan *seen,
		 bool replace, const char *checksum, struct maca_err *err)
{
	char *source = str_fmt("return from %s", doc->agency_code), *saved = NULL;
	if (!source)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = origin_push(st, source, checksum, &saved, err);
	free(source);
	if (rc)
		return rc;
	struct return_plan now = {0};
	/* Checked again inside the transaction: nobody can close the audit or change an answer
	 * between the check and the writes. */
	rc = store_begin(st, err);
	if (!rc)
		rc = make_plan(st, doc, true, &now, err);
	if (!rc && now.nchanges && !replace)
		rc = err_set(err, MACA_EEXIST,
			     "the return changes %zu answer%s or note%s the audit already holds; "
			     "nothing was imported (import with --replace to take the return's)",
			     now.nchanges, now.nchanges == 1 ? "" : "s",
			     now.nchanges == 1 ? "" : "s");
	if (!rc && seen && (now.nadd != seen->nadd || now.nchanges != seen->nchanges))
		rc = err_set(err, MACA_EBUSY,
			     "the audit changed since the return was checked; nothing was "
			     "imported, look at it again");
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	return_plan_free(&now);
	origin_pop(st, saved);
	return rc;
}
