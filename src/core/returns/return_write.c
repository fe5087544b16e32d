/* Packs and returns: collecting one agency's share of an audit, and writing it as an SQLite
 * database built in memory and serialized, so no plaintext copy ever reaches the disk. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "input_file.h"
#include "return_doc.h"
#include "return_internal.h"
#include "sbuf.h"

bool return_doc_identify(struct return_doc *doc, const struct audit_info *info,
			 const struct named *agency)
{
	memcpy(doc->uuid, info->uuid, sizeof doc->uuid);
	doc->title = strdup(info->title);
	doc->theme = strdup(info->theme);
	doc->template_id = strdup(info->template_id);
	doc->template_version = info->template_version;
	doc->template_hash = strdup(info->template_hash);
	doc->template_text = malloc(doc->tpl->source_len + 1);
	if (doc->template_text) {
		memcpy(doc->template_text, doc->tpl->source, doc->tpl->source_len);
		doc->template_text[doc->tpl->source_len] = '\0';
		doc->template_len = doc->tpl->source_len;
	}
	doc->agency_code = strdup(agency->id);
	doc->agency_name = strdup(agency->label);
	return doc->title && doc->theme && doc->template_id && doc->template_hash &&
	       doc->template_text && doc->agency_code && doc->agency_name;
}

static int add_answers(struct return_doc *doc, const char *ref, const struct answer_row *rows,
		       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].agency, doc->agency_code) != 0)
			continue; /* nothing from other agencies, ever */
		if (!array_grow((void **)&doc->answers, doc->nanswers, sizeof *doc->answers))
			return -1;
		struct return_answer *a = &doc->answers[doc->nanswers++];
		*a = (struct return_answer){.case_ref = strdup(ref),
					    .question_id = strdup(rows[i].question_id),
					    .value = strdup(rows[i].value),
					    .evidence = strdup(rows[i].evidence),
					    .author = strdup(rows[i].author),
					    .updated_at = strdup(rows[i].updated_at)};
		if (!return_texts_all(a->texts))
			return -1;
	}
	return 0;
}

static int add_notes(struct return_doc *doc, const char *ref, const struct note_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].agency, doc->agency_code) != 0)
			continue;
		if (!array_grow((void **)&doc->notes, doc->nnotes, sizeof *doc->notes))
			return -1;
		struct return_note *o = &doc->notes[doc->nnotes++];
		/* The store's note rows carry no author or time: the file records who sent it. */
		*o = (struct return_note){.case_ref = strdup(ref),
					  .section_id = strdup(rows[i].section_id),
					  .prompt_id = strdup(rows[i].prompt_id),
					  .text = strdup(rows[i].text),
					  .author = strdup(doc->created_by),
					  .updated_at = strdup(doc->created_at)};
		if (!return_texts_all(o->texts))
			return -1;
	}
	return 0;
}

static int collect_cases(struct store *st, int64_t audit_id, struct return_doc *doc,
			 struct maca_err *err)
{
	struct case_info *cases;
	size_t ncases;
	if (store_case_list(st, audit_id, &cases, &ncases, err))
		return err->status;
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < ncases; i++) {
		struct answer_row *answers = NULL;
		struct note_row *notes = NULL;
		size_t na = 0, nn = 0;
		if (store_case_answers(st, cases[i].id, &answers, &na, err) ||
		    store_case_notes(st, cases[i].id, &notes, &nn, err))
			rc = err->status;
		else if (!return_doc_add_case(doc, &cases[i], (long)i + 1) ||
			 add_answers(doc, cases[i].reference, answers, na) ||
			 add_notes(doc, cases[i].reference, notes, nn))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		answer_rows_free(answers, na);
		note_rows_free(notes, nn);
	}
	case_info_list_free(cases, ncases);
	return rc;
}

int return_collect(struct store *st, int64_t audit_id, const char *agency, enum return_kind kind,
		   const char *created_by, const char *maca_version, struct return_doc **out,
		   struct maca_err *err)
{
	*out = NULL;
	struct return_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return err_set(err, MACA_ENOMEM, "out of memory");
	doc->kind = kind;
	doc->format = RETURN_FORMAT_VERSION;
	struct audit_info info = {0};
	struct named_list agencies = {0};
	int rc = MACA_OK;
	if (store_audit_get(st, audit_id, &info, err) ||
	    store_audit_agencies(st, audit_id, &agencies, err) ||
	    store_audit_template(st, audit_id, &doc->tpl, err))
		rc = err->status;
	const struct named *a = rc ? NULL : named_find(&agencies, agency);
	if (!rc && !a)
		rc = err_set(err, MACA_ENOTFOUND,
			     "agency '%s' is not taking part in audit %lld (%s)", agency,
			     (long long)audit_id, info.title);
	if (!rc) {
		bool ok = return_doc_identify(doc, &info, a);
		doc->created_at = return_now_text();
		doc->created_by = strdup(created_by ? created_by : "");
		doc->maca_version = strdup(maca_version ? maca_version : "");
		if (!ok || !doc->created_at || !doc->created_by || !doc->maca_version)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc && kind == RETURN_PACK)
		rc = store_pack_token_issue(st, audit_id, doc->agency_code, doc->agency_token, err);
	else if (!rc)
		rc = store_pack_token_get(st, audit_id, doc->agency_code, doc->agency_token, NULL,
					  err);
	if (!rc)
		rc = collect_cases(st, audit_id, doc, err);
	audit_info_free(&info);
	named_list_free(&agencies);
	if (rc) {
		return_doc_free(doc);
		return rc;
	}
	*out = doc;
	return MACA_OK;
}

/* ---- serializing ---- */

struct writer {
	sqlite3 *db;
	struct maca_err *err;
};

static int db_fail(struct writer *w, const char *what)
{
	return err_set(w->err, sqlite3_errcode(w->db) == SQLITE_NOMEM ? MACA_ENOMEM : MACA_EDB,
		       "writing the %s: %s", what, sqlite3_errmsg(w->db));
}

/* Runs sql with the NULL-terminated text parameters; a "#" parameter binds the next long. */
static int insert(struct writer *w, const char *what, const char *sql, const char *const *texts,
		  const long *numbers)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(w->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(w, what);
	int n = sqlite3_bind_parameter_count(stmt);
	for (int i = 1; i <= n; i++) {
		const char *t = texts[i - 1];
		if (t == NULL)
			sqlite3_bind_int64(stmt, i, *numbers++);
		else
			sqlite3_bind_text(stmt, i, t, -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? MACA_OK : db_fail(w, what);
}

static int write_rows(struct writer *w, const struct return_doc *doc)
{
	long nums[2] = {RETURN_FORMAT_VERSION, doc->template_version};
	const char *meta[] = {NULL,
			      return_kind_name(doc->kind),
			      doc->uuid,
			      doc->title,
			      doc->theme,
			      doc->template_id,
			      NULL,
			      doc->template_hash,
			      doc->template_text,
			      doc->agency_code,
			      doc->agency_name,
			      doc->created_at,
			      doc->created_by,
			      doc->maca_version,
			      doc->agency_token};
	if (insert(w, "meta", "INSERT INTO meta VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", meta,
		   nums))
		return w->err->status;
	for (size_t i = 0; i < doc->ncases; i++) {
		const struct return_case *c = &doc->cases[i];
		char *tags = named_list_ids(&c->tags);
		if (!tags)
			return err_set(w->err, MACA_ENOMEM, "out of memory");
		const char *t[] = {c->reference, c->age_band, c->plan_status, NULL, tags};
		int rc =
		    insert(w, "cases", "INSERT INTO cases VALUES (?,?,?,?,?)", t, &c->position);
		free(tags);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < doc->nanswers; i++) {
		const struct return_answer *a = &doc->answers[i];
		const char *t[] = {a->case_ref, a->question_id, a->value,
				   a->evidence, a->author,	a->updated_at};
		if (insert(w, "answers", "INSERT INTO answers VALUES (?,?,?,?,?,?)", t, NULL))
			return w->err->status;
	}
	for (size_t i = 0; i < doc->nnotes; i++) {
		const struct return_note *n = &doc->notes[i];
		const char *t[] = {n->case_ref, n->section_id, n->prompt_id,
				   n->text,	n->author,     n->updated_at};
		if (insert(w, "notes", "INSERT INTO notes VALUES (?,?,?,?,?,?)", t, NULL))
			return w->err->status;
	}
	return MACA_OK;
}

/* Never a file maca itself would refuse: what was let in before today's rules (or by a bug)
 * is named now, while the sender can still change it, not at the other end. */
static int read_back(unsigned char **out, size_t *len, struct maca_err *err)
{
	struct return_doc *doc = NULL;
	struct maca_err why = {0};
	if (return_parse(*out, *len, &doc, &why) == MACA_OK) {
		return_doc_free(doc);
		return MACA_OK;
	}
	int rc = why.status == MACA_ENOMEM
		     ? err_set(err, MACA_ENOMEM, "out of memory")
		     : err_set(err, MACA_EUSER,
			       "maca would write a file it cannot read back; change what is named "
			       "here and export again:\n%s",
			       err_msg(&why));
	err_clear(&why);
	free(*out);
	*out = NULL;
	*len = 0;
	return rc;
}

int return_serialize(const struct return_doc *doc, unsigned char **out, size_t *len,
		     struct maca_err *err)
{
	*out = NULL;
	*len = 0;
	struct writer w = {.err = err};
	if (sqlite3_open_v2(":memory:", &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(w.db);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	char *pragmas = str_fmt("PRAGMA application_id = %d; PRAGMA user_version = %d; BEGIN",
				RETURN_APPLICATION_ID, RETURN_FORMAT_VERSION);
	int rc = pragmas ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && sqlite3_exec(w.db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(&w, "file header");
	free(pragmas);
	for (int i = 0; !rc && i < RETURN_NTABLES; i++)
		if (sqlite3_exec(w.db, return_table_sql[i], NULL, NULL, NULL) != SQLITE_OK)
			rc = db_fail(&w, "schema");
	if (!rc)
		rc = write_rows(&w, doc);
	if (!rc && sqlite3_exec(w.db, "COMMIT; VACUUM", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(&w, "file");
	if (!rc) {
		sqlite3_int64 size = 0;
		unsigned char *bytes = sqlite3_serialize(w.db, "main", &size, 0);
		*out = bytes && size > 0 ? malloc((size_t)size) : NULL;
		if (*out) {
			memcpy(*out, bytes, (size_t)size);
			*len = (size_t)size;
		} else {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		}
		sqlite3_free(bytes);
	}
	sqlite3_close(w.db);
	if (!rc)
		rc = read_back(out, len, err);
	return rc;
}
