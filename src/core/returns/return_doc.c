/* The pack and return document: the file's schema as both ends keep it, freeing a parsed
 * document, the order of its rows' keys, its time stamps, the file's checksum, and reading
 * the file in. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "input_file.h"
#include "return_doc.h"
#include "return_internal.h"

const char *const return_table_names[RETURN_NTABLES] = {"meta", "cases", "answers", "notes"};

const char *const return_meta_sql_v1 =
    "CREATE TABLE meta (format INTEGER NOT NULL, kind TEXT NOT NULL, audit_uuid TEXT NOT NULL, "
    "title TEXT NOT NULL, theme TEXT NOT NULL, template_id TEXT NOT NULL, template_version "
    "INTEGER NOT NULL, template_hash TEXT NOT NULL, template_text TEXT NOT NULL, agency_code "
    "TEXT NOT NULL, agency_name TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT "
    "NULL, maca_version TEXT NOT NULL) STRICT";

const char *const return_table_sql[RETURN_NTABLES] = {
    "CREATE TABLE meta (format INTEGER NOT NULL, kind TEXT NOT NULL, audit_uuid TEXT NOT NULL, "
    "title TEXT NOT NULL, theme TEXT NOT NULL, template_id TEXT NOT NULL, template_version "
    "INTEGER NOT NULL, template_hash TEXT NOT NULL, template_text TEXT NOT NULL, agency_code "
    "TEXT NOT NULL, agency_name TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT "
    "NULL, maca_version TEXT NOT NULL, agency_token TEXT NOT NULL) STRICT",
    "CREATE TABLE cases (reference TEXT NOT NULL, age_band TEXT NOT NULL, plan_status TEXT NOT "
    "NULL, position INTEGER NOT NULL, tags TEXT NOT NULL) STRICT",
    "CREATE TABLE answers (case_reference TEXT NOT NULL, question_id TEXT NOT NULL, value TEXT "
    "NOT NULL, evidence TEXT NOT NULL, author TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT",
    "CREATE TABLE notes (case_reference TEXT NOT NULL, section_id TEXT NOT NULL, prompt_id TEXT "
    "NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT",
};

const char *return_kind_name(enum return_kind k)
{
	return k == RETURN_PACK ? "pack" : "return";
}

int return_answer_ptr_cmp(const void *a, const void *b)
{
	const struct return_answer *x = *(const struct return_answer *const *)a;
	const struct return_answer *y = *(const struct return_answer *const *)b;
	int c = strcmp(x->case_ref, y->case_ref);
	return c ? c : strcmp(x->question_id, y->question_id);
}

int return_note_ptr_cmp(const void *a, const void *b)
{
	const struct return_note *x = *(const struct return_note *const *)a;
	const struct return_note *y = *(const struct return_note *const *)b;
	int c = strcmp(x->case_ref, y->case_ref);
	if (!c)
		c = strcmp(x->section_id, y->section_id);
	return c ? c : strcmp(x->prompt_id, y->prompt_id);
}

char *return_now_text(void)
{
	time_t t = time(NULL);
	struct tm tm;
	char buf[32];
	if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return strdup("");
	return strdup(buf);
}

static void case_clear(struct return_case *c)
{
	free(c->reference);
	free(c->age_band);
	free(c->plan_status);
	named_list_free(&c->tags);
}

bool return_doc_add_case(struct return_doc *doc, const struct case_info *ci, long position)
{
	if (!array_grow((void **)&doc->cases, doc->ncases, sizeof *doc->cases))
		return false;
	struct return_case *c = &doc->cases[doc->ncases];
	*c = (struct return_case){.reference = strdup(ci->reference),
				  .age_band = strdup(ci->age_band),
				  .plan_status = strdup(ci->plan_status),
				  .position = position};
	bool ok = c->reference && c->age_band && c->plan_status;
	for (size_t i = 0; ok && i < ci->tags.n; i++)
		ok = named_add(&c->tags, ci->tags.items[i].id, ci->tags.items[i].id);
	if (!ok) {
		case_clear(c);
		return false;
	}
	doc->ncases++;
	return true;
}

bool return_texts_all(char *const texts[RETURN_ROW_TEXTS])
{
	for (size_t k = 0; k < RETURN_ROW_TEXTS; k++)
		if (!texts[k])
			return false;
	return true;
}

bool return_texts_copy(char *out[RETURN_ROW_TEXTS], char *const in[RETURN_ROW_TEXTS])
{
	for (size_t k = 0; k < RETURN_ROW_TEXTS; k++)
		out[k] = strdup(in[k]);
	return return_texts_all(out);
}

void return_texts_free(char *texts[RETURN_ROW_TEXTS])
{
	for (size_t k = 0; k < RETURN_ROW_TEXTS; k++)
		free(texts[k]);
}

void return_doc_free(struct return_doc *doc)
{
	if (!doc)
		return;
	free(doc->title);
	free(doc->theme);
	free(doc->template_id);
	free(doc->template_hash);
	free(doc->template_text);
	free(doc->agency_code);
	free(doc->agency_name);
	free(doc->created_at);
	free(doc->created_by);
	free(doc->maca_version);
	template_free(doc->tpl);
	for (size_t i = 0; i < doc->ncases; i++)
		case_clear(&doc->cases[i]);
	free(doc->cases);
	/* Counted but not held when the document was opened by return_open. */
	for (size_t i = 0; doc->answers && i < doc->nanswers; i++)
		return_texts_free(doc->answers[i].texts);
	free(doc->answers);
	for (size_t i = 0; doc->notes && i < doc->nnotes; i++)
		return_texts_free(doc->notes[i].texts);
	free(doc->notes);
	return_stream_free(doc->stream);
	free(doc);
}

void return_stream_free(struct return_stream *s)
{
	if (!s)
		return;
	if (s->replay_free)
		s->replay_free(s->replay_ctx);
	sqlite3_close(s->db);
	free(s->refs); /* the document's own references, sorted */
	if (s->fd >= 0)
		close(s->fd);
	free(s->path);
	if (s->bytes)
		sodium_memzero(s->bytes, s->len);
	free(s->bytes);
	free(s);
}

void return_checksum(const unsigned char *buf, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, buf, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int return_file_read(const char *path, unsigned char **buf, size_t *len, struct maca_err *err)
{
	char *data;
	if (input_file_read(path, RETURN_MAX_FILE, "any pack or return maca reads", &data, len,
			    err)) {
		err_prefix(err, "%s", path);
		*buf = NULL;
		return err->status;
	}
	*buf = (unsigned char *)data;
	return MACA_OK;
}
