/* Reading a pack or return: the file is hostile until proved otherwise. Its header is checked
 * by hand, then SQLite opens a private read-only copy in memory with triggers, views and
 * untrusted schema functions off, and the schema must match ours exactly before a single row
 * is read. Every row is then checked, and every problem reported. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "return_doc.h"
#include "return_internal.h"
#include "sbuf.h"

/* More problems than this are counted, not listed: a hostile file can hold millions. */
#define MAX_LISTED 100

struct reader {
	sqlite3 *db;
	struct return_doc *doc;
	struct sbuf problems;
	size_t nproblems;
	bool fatal; /* the file cannot be read further */
};

static void problem(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct reader *r, const char *fmt, ...)
{
	if (r->nproblems++ >= MAX_LISTED)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = str_vfmt(fmt, ap);
	va_end(ap);
	if (r->problems.len)
		sbuf_addc(&r->problems, '\n');
	sbuf_add(&r->problems, msg ? msg : "out of memory");
	free(msg);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The 100-byte SQLite header, before SQLite sees anything: ours, this version, whole. */
static void check_header(struct reader *r, const unsigned char *buf, size_t len)
{
	r->fatal = true;
	if (len < 100 || memcmp(buf, "SQLite format 3", 16) != 0) {
		problem(r, "not a maca pack or return (not an SQLite file)");
		return;
	}
	if (be32(buf + 68) != RETURN_APPLICATION_ID) {
		problem(r, "an SQLite file, but not a maca pack or return");
		return;
	}
	uint32_t version = be32(buf + 60);
	if (version != RETURN_FORMAT_VERSION) {
		problem(r, "format version %lu, but this maca reads version %d; %s",
			(unsigned long)version, RETURN_FORMAT_VERSION,
			version > RETURN_FORMAT_VERSION ? "upgrade maca to read it"
							: "the file is damaged");
		return;
	}
	uint32_t page = (uint32_t)buf[16] << 8 | buf[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)) || len % page != 0 ||
	    (uint64_t)be32(buf + 28) * page != len || memcmp(buf + 24, buf + 92, 4) != 0) {
		problem(r, "the file is truncated or damaged (its size does not match its "
			   "header)");
		return;
	}
	r->fatal = false;
}

static int open_private(struct reader *r, const unsigned char *buf, size_t len)
{
	if (sqlite3_open_v2(":memory:", &r->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK)
		return -1;
	/* Nothing in the file may run code or write: set before the schema is ever read. */
	int defensive = 0, triggers = 1, views = 1, trusted = 1;
	if (sqlite3_db_config(r->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive) != SQLITE_OK ||
	    sqlite3_db_config(r->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &triggers) != SQLITE_OK ||
	    sqlite3_db_config(r->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &views) != SQLITE_OK ||
	    sqlite3_db_config(r->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &trusted) != SQLITE_OK ||
	    !defensive || triggers || views || trusted)
		return -1;
	if (sqlite3_exec(r->db, "PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON", NULL,
			 NULL, NULL) != SQLITE_OK)
		return -1;
	/* SQLite owns and frees its own copy: the caller's buffer stays untouched. */
	unsigned char *copy = sqlite3_malloc64(len);
	if (!copy)
		return -1;
	memcpy(copy, buf, len);
	if (sqlite3_deserialize(r->db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE) !=
	    SQLITE_OK)
		return -1;
	return sqlite3_exec(r->db, "PRAGMA query_only = ON", NULL, NULL, NULL) == SQLITE_OK ? 0
											    : -1;
}

static void db_problem(struct reader *r, const char *what)
{
	problem(r, "the file is damaged (%s: %s)", what, sqlite3_errmsg(r->db));
	r->fatal = true;
}

/* Exactly our four tables, each created by exactly our statement; nothing else. */
static void check_schema(struct reader *r)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(r->db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", -1,
			       &stmt, NULL) != SQLITE_OK) {
		db_problem(r, "reading its schema");
		return;
	}
	bool seen[RETURN_NTABLES] = {false};
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(stmt, 0);
		const char *name = (const char *)sqlite3_column_text(stmt, 1);
		const char *tbl = (const char *)sqlite3_column_text(stmt, 2);
		const char *sql = (const char *)sqlite3_column_text(stmt, 3);
		int which = -1;
		for (int i = 0; name && i < RETURN_NTABLES; i++)
			if (strcmp(name, return_table_names[i]) == 0)
				which = i;
		bool table = type && strcmp(type, "table") == 0;
		if (which < 0 || !table || seen[which]) {
			/* The name is the file's text: say what it is, not what it is called. */
			problem(r, "the file holds a %s that is not part of the format",
				table				       ? "table"
				: type && strcmp(type, "view") == 0    ? "view"
				: type && strcmp(type, "trigger") == 0 ? "trigger"
								       : "schema object");
		} else if (!tbl || strcmp(tbl, name) != 0 || !sql ||
			   strcmp(sql, return_table_sql[which]) != 0) {
			problem(r, "table %s does not have the format's columns",
				return_table_names[which]);
		}
		if (which >= 0)
			seen[which] = true;
	}
	if (rc != SQLITE_DONE)
		db_problem(r, "reading its schema");
	sqlite3_finalize(stmt);
	for (int i = 0; i < RETURN_NTABLES; i++)
		if (!seen[i])
			problem(r, "table %s is missing", return_table_names[i]);
	if (r->nproblems)
		r->fatal = true;
}

/* A text column: of type TEXT, no NUL inside, valid UTF-8, at most max bytes; one_line also
 * refuses control characters. NULL after reporting a problem (or out of memory). */
static char *col_text(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		      const char *field, size_t max, bool one_line)
{
	if (sqlite3_column_type(stmt, col) != SQLITE_TEXT) {
		problem(r, "%s: %s is not text", where, field);
		return NULL;
	}
	const char *t = (const char *)sqlite3_column_text(stmt, col);
	size_t n = (size_t)sqlite3_column_bytes(stmt, col);
	if (!t)
		return NULL;
	if (n > max) {
		problem(r, "%s: %s is %zu bytes long, more than the %zu allowed", where, field, n,
			max);
		return NULL;
	}
	if (strlen(t) != n || !utf8_valid(t, n)) {
		problem(r, "%s: %s is not valid UTF-8 text", where, field);
		return NULL;
	}
	for (size_t i = 0; one_line && i < n; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f) {
			problem(r, "%s: %s holds a control character", where, field);
			return NULL;
		}
	char *copy = strdup(t);
	if (!copy)
		problem(r, "out of memory");
	return copy;
}

static bool col_int(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		    const char *field, long *out)
{
	if (sqlite3_column_type(stmt, col) != SQLITE_INTEGER) {
		problem(r, "%s: %s is not a whole number", where, field);
		return false;
	}
	sqlite3_int64 v = sqlite3_column_int64(stmt, col);
	if (v < 0 || v > 1000000000) {
		problem(r, "%s: %s is out of range", where, field);
		return false;
	}
	*out = (long)v;
	return true;
}

static char *col_id(struct reader *r, sqlite3_stmt *stmt, int col, const char *where,
		    const char *field)
{
	char *s = col_text(r, stmt, col, where, field, 40, true);
	if (s && !id_valid(s)) {
		problem(r, "%s: %s '%s' is not a valid id", where, field, s);
		free(s);
		return NULL;
	}
	return s;
}

static bool hex64(const char *s)
{
	if (strlen(s) != 64)
		return false;
	for (; *s; s++)
		if (!strchr("0123456789abcdef", *s))
			return false;
	return true;
}

static void check_template(struct reader *r)
{
	struct return_doc *d = r->doc;
	struct diag_list diags = {0};
	if (template_parse("the file's template", d->template_text, d->template_len, &d->tpl,
			   &diags) != 0) {
		problem(r, "meta: the template copy is not a valid template (%s)",
			diags.n ? diags.items[0].msg : "out of memory");
		r->fatal = true;
	} else if (strcmp(d->tpl->id, d->template_id) != 0 ||
		   d->tpl->version != d->template_version ||
		   strcmp(d->tpl->hash, d->template_hash) != 0) {
		problem(r, "meta: the template copy is not template %s version %ld as it claims",
			d->template_id, d->template_version);
		r->fatal = true;
	}
	diag_list_free(&diags);
}

static void read_meta(struct reader *r)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(r->db,
			       "SELECT format, kind, audit_uuid, title, theme, template_id, "
			       "template_version, template_hash, template_text, agency_code, "
			       "agency_name, created_at, created_by, maca_version FROM meta",
			       -1, &stmt, NULL) != SQLITE_OK) {
		db_problem(r, "reading meta");
		return;
	}
	struct return_doc *d = r->doc;
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			problem(r, "meta: the file has no meta row");
		else
			db_problem(r, "reading meta");
		sqlite3_finalize(stmt);
		r->fatal = true;
		return;
	}
	const char *w = "meta";
	long format = 0;
	char *kind = NULL, *uuid = NULL;
	if (col_int(r, stmt, 0, w, "format", &format) && format != RETURN_FORMAT_VERSION)
		problem(r, "meta: format %ld, but this maca reads format %d", format,
			RETURN_FORMAT_VERSION);
	if ((kind = col_text(r, stmt, 1, w, "kind", 10, true))) {
		if (strcmp(kind, "pack") == 0)
			d->kind = RETURN_PACK;
		else if (strcmp(kind, "return") == 0)
			d->kind = RETURN_RETURN;
		else
			problem(r, "meta: kind '%s' is neither pack nor return", kind);
	}
	if ((uuid = col_text(r, stmt, 2, w, "audit_uuid", 40, true))) {
		if (uuid_valid(uuid))
			memcpy(d->uuid, uuid, UUID_STR_LEN);
		else
			problem(r, "meta: audit_uuid '%s' is not a UUID", uuid);
	}
	free(kind);
	free(uuid);
	d->title = col_text(r, stmt, 3, w, "title", RETURN_MAX_LINE, true);
	if (d->title && !*d->title)
		problem(r, "meta: the title is empty");
	d->theme = col_text(r, stmt, 4, w, "theme", RETURN_MAX_LINE, true);
	d->template_id = col_id(r, stmt, 5, w, "template_id");
	if (col_int(r, stmt, 6, w, "template_version", &d->template_version) &&
	    d->template_version < 1)
		problem(r, "meta: template_version must be 1 or more");
	d->template_hash = col_text(r, stmt, 7, w, "template_hash", 64, true);
	if (d->template_hash && !hex64(d->template_hash))
		problem(r, "meta: template_hash is not a SHA-256 in hex");
	d->template_text = col_text(r, stmt, 8, w, "template_text", RETURN_MAX_TEXT, false);
	d->template_len = d->template_text ? strlen(d->template_text) : 0;
	d->agency_code = col_id(r, stmt, 9, w, "agency_code");
	d->agency_name = col_text(r, stmt, 10, w, "agency_name", RETURN_MAX_LINE, true);
	d->created_at = col_text(r, stmt, 11, w, "created_at", RETURN_MAX_LINE, true);
	d->created_by = col_text(r, stmt, 12, w, "created_by", RETURN_MAX_LINE, true);
	d->maca_version = col_text(r, stmt, 13, w, "maca_version", RETURN_MAX_LINE, true);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		problem(r, "meta: the file has more than one meta row");
	sqlite3_finalize(stmt);
	if (r->nproblems || !d->template_text || !d->template_id || !d->template_hash ||
	    !d->agency_code)
		r->fatal = true; /* rows cannot be checked without a sound template */
	else
		check_template(r);
}

static bool grow(void **items, size_t n, size_t size)
{
	if (n != 0 && (n < 4 || (n & (n - 1))))
		return true;
	size_t cap = n == 0 ? 4 : n * 2;
	if (cap > SIZE_MAX / size)
		return false;
	void *p = realloc(*items, cap * size);
	if (!p)
		return false;
	*items = p;
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_tags(struct reader *r, struct return_case *c, const char *text)
{
	struct named_list tags = {0};
	if (!split_list(text, &tags)) {
		problem(r, "out of memory");
		return;
	}
	for (size_t i = 0; i < tags.n; i++) {
		const char *t = tags.items[i].id;
		if (!named_find(&r->doc->tpl->tags, t))
			problem(r, "case '%s': tag '%s' is not one of template %s's tags",
				c->reference, id_valid(t) ? t : "?", r->doc->tpl->id);
		else if (named_find(&c->tags, t))
			problem(r, "case '%s': tag '%s' is given twice", c->reference, t);
		else if (!named_add(&c->tags, t, t))
			problem(r, "out of memory");
	}
	named_list_free(&tags);
}

static void read_cases(struct reader *r)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(r->db,
			       "SELECT reference, age_band, plan_status, position, tags FROM cases "
			       "ORDER BY rowid",
			       -1, &stmt, NULL) != SQLITE_OK) {
		db_problem(r, "reading cases");
		return;
	}
	struct return_doc *d = r->doc;
	const struct template *tpl = d->tpl;
	int rc;
	for (size_t row = 1; (rc = sqlite3_step(stmt)) == SQLITE_ROW; row++) {
		char where[48];
		snprintf(where, sizeof where, "cases row %zu", row);
		char *ref = col_text(r, stmt, 0, where, "reference", RETURN_MAX_LINE, true);
		if (!ref)
			continue;
		if (!*ref) {
			problem(r, "%s: the reference is empty", where);
			free(ref);
			continue;
		}
		if (!grow((void **)&d->cases, d->ncases, sizeof *d->cases)) {
			free(ref);
			problem(r, "out of memory");
			break;
		}
		struct return_case *c = &d->cases[d->ncases++];
		*c = (struct return_case){.reference = ref};
		char *w = str_fmt("case '%s'", ref);
		c->age_band = col_text(r, stmt, 1, w ? w : where, "age_band", 40, true);
		c->plan_status = col_text(r, stmt, 2, w ? w : where, "plan_status", 40, true);
		col_int(r, stmt, 3, w ? w : where, "position", &c->position);
		char *tags = col_text(r, stmt, 4, w ? w : where, "tags", RETURN_MAX_LINE, true);
		free(w);
		if (c->age_band && *c->age_band && !named_find(&tpl->age_bands, c->age_band))
			problem(r, "case '%s': age band '%s' is not one of template %s's", ref,
				id_valid(c->age_band) ? c->age_band : "?", tpl->id);
		if (c->plan_status && *c->plan_status &&
		    !named_find(&tpl->plan_statuses, c->plan_status))
			problem(r, "case '%s': plan status '%s' is not one of template %s's", ref,
				id_valid(c->plan_status) ? c->plan_status : "?", tpl->id);
		if (tags)
			read_tags(r, c, tags);
		free(tags);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		db_problem(r, "reading cases");
	sqlite3_finalize(stmt);
}

/* The case references, sorted, to find cases and duplicates without quadratic time. */
static char **sorted_refs(struct reader *r)
{
	struct return_doc *d = r->doc;
	char **refs = malloc((d->ncases ? d->ncases : 1) * sizeof *refs);
	if (!refs) {
		problem(r, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < d->ncases; i++)
		refs[i] = d->cases[i].reference;
	qsort(refs, d->ncases, sizeof *refs, cmp_str);
	for (size_t i = 1; i < d->ncases; i++)
		if (strcmp(refs[i - 1], refs[i]) == 0 && (i < 2 || strcmp(refs[i - 2], refs[i])))
			problem(r, "case '%s' is listed more than once", refs[i]);
	return refs;
}

static bool case_known(struct reader *r, char **refs, const char *ref)
{
	return bsearch(&ref, refs, r->doc->ncases, sizeof *refs, cmp_str) != NULL;
}

static void read_answers(struct reader *r, char **refs)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(r->db,
			       "SELECT case_reference, question_id, value, evidence, author, "
			       "updated_at FROM answers ORDER BY rowid",
			       -1, &stmt, NULL) != SQLITE_OK) {
		db_problem(r, "reading answers");
		return;
	}
	struct return_doc *d = r->doc;
	int rc;
	for (size_t row = 1; (rc = sqlite3_step(stmt)) == SQLITE_ROW; row++) {
		char where[48];
		snprintf(where, sizeof where, "answers row %zu", row);
		char *ref = col_text(r, stmt, 0, where, "case_reference", RETURN_MAX_LINE, true);
		char *qid = col_id(r, stmt, 1, where, "question_id");
		char *w = ref && qid ? str_fmt("case '%s', question %s", ref, qid) : NULL;
		const struct question *q = qid ? template_question(d->tpl, qid) : NULL;
		if (ref && !case_known(r, refs, ref))
			problem(r, "%s: case '%s' is not among the file's cases", where, ref);
		else if (qid && !q)
			problem(r, "case '%s': template %s has no question %s", ref ? ref : "?",
				d->tpl->id, qid);
		if (!w || !q || !grow((void **)&d->answers, d->nanswers, sizeof *d->answers)) {
			if (w && q)
				problem(r, "out of memory");
			free(ref);
			free(qid);
			free(w);
			continue;
		}
		struct return_answer *a = &d->answers[d->nanswers++];
		*a = (struct return_answer){.case_ref = ref, .question_id = qid};
		a->value = col_text(r, stmt, 2, w, "the answer", RETURN_MAX_TEXT, false);
		a->evidence = col_text(r, stmt, 3, w, "the evidence", RETURN_MAX_TEXT, false);
		a->author = col_text(r, stmt, 4, w, "author", RETURN_MAX_LINE, true);
		a->updated_at = col_text(r, stmt, 5, w, "updated_at", RETURN_MAX_LINE, true);
		if (a->value && !template_value_valid(d->tpl, q, a->value))
			problem(r, "%s: '%s' is not a valid answer", w,
				q->kind == QUESTION_TEXT || !id_valid(a->value) ? "(text)"
										: a->value);
		free(w);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		db_problem(r, "reading answers");
	sqlite3_finalize(stmt);
}

static bool prompt_in_section(const struct template *tpl, const struct section *sec,
			      const char *prompt)
{
	for (size_t i = 0; i < sec->nprompts; i++)
		if (strcmp(tpl->prompts[sec->prompts[i]].id, prompt) == 0)
			return true;
	return false;
}

static void read_notes(struct reader *r, char **refs)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(r->db,
			       "SELECT case_reference, section_id, prompt_id, text, author, "
			       "updated_at FROM notes ORDER BY rowid",
			       -1, &stmt, NULL) != SQLITE_OK) {
		db_problem(r, "reading notes");
		return;
	}
	struct return_doc *d = r->doc;
	int rc;
	for (size_t row = 1; (rc = sqlite3_step(stmt)) == SQLITE_ROW; row++) {
		char where[48];
		snprintf(where, sizeof where, "notes row %zu", row);
		char *ref = col_text(r, stmt, 0, where, "case_reference", RETURN_MAX_LINE, true);
		char *sid = col_id(r, stmt, 1, where, "section_id");
		char *pid = col_id(r, stmt, 2, where, "prompt_id");
		const struct section *sec = sid ? template_section(d->tpl, sid) : NULL;
		bool ok = ref && sid && pid;
		if (ref && !case_known(r, refs, ref))
			problem(r, "%s: case '%s' is not among the file's cases", where, ref);
		else if (sid && !sec)
			problem(r, "case '%s': template %s has no section %s", ref ? ref : "?",
				d->tpl->id, sid);
		else if (sec && pid && !prompt_in_section(d->tpl, sec, pid))
			problem(r, "case '%s': section %s has no prompt %s", ref ? ref : "?", sid,
				pid);
		char *w = ok ? str_fmt("case '%s', note %s/%s", ref, sid, pid) : NULL;
		if (!w || !grow((void **)&d->notes, d->nnotes, sizeof *d->notes)) {
			if (ok)
				problem(r, "out of memory");
			free(ref);
			free(sid);
			free(pid);
			free(w);
			continue;
		}
		struct return_note *n = &d->notes[d->nnotes++];
		*n = (struct return_note){.case_ref = ref, .section_id = sid, .prompt_id = pid};
		n->text = col_text(r, stmt, 3, w, "the note", RETURN_MAX_TEXT, false);
		n->author = col_text(r, stmt, 4, w, "author", RETURN_MAX_LINE, true);
		n->updated_at = col_text(r, stmt, 5, w, "updated_at", RETURN_MAX_LINE, true);
		free(w);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		db_problem(r, "reading notes");
	sqlite3_finalize(stmt);
}

static int cmp_answer(const void *a, const void *b)
{
	const struct return_answer *x = *(const struct return_answer *const *)a;
	const struct return_answer *y = *(const struct return_answer *const *)b;
	int c = strcmp(x->case_ref, y->case_ref);
	return c ? c : strcmp(x->question_id, y->question_id);
}

static int cmp_note(const void *a, const void *b)
{
	const struct return_note *x = *(const struct return_note *const *)a;
	const struct return_note *y = *(const struct return_note *const *)b;
	int c = strcmp(x->case_ref, y->case_ref);
	if (!c)
		c = strcmp(x->section_id, y->section_id);
	return c ? c : strcmp(x->prompt_id, y->prompt_id);
}

/* The same case and question twice (or case, section and prompt) would be ambiguous. */
static void check_duplicates(struct reader *r)
{
	struct return_doc *d = r->doc;
	size_t n = d->nanswers > d->nnotes ? d->nanswers : d->nnotes;
	const void **p = malloc((n ? n : 1) * sizeof *p);
	if (!p) {
		problem(r, "out of memory");
		return;
	}
	for (size_t i = 0; i < d->nanswers; i++)
		p[i] = &d->answers[i];
	qsort(p, d->nanswers, sizeof *p, cmp_answer);
	for (size_t i = 1; i < d->nanswers; i++)
		if (cmp_answer(&p[i - 1], &p[i]) == 0) {
			const struct return_answer *a = p[i];
			problem(r, "case '%s', question %s: answered more than once", a->case_ref,
				a->question_id);
		}
	for (size_t i = 0; i < d->nnotes; i++)
		p[i] = &d->notes[i];
	qsort(p, d->nnotes, sizeof *p, cmp_note);
	for (size_t i = 1; i < d->nnotes; i++)
		if (cmp_note(&p[i - 1], &p[i]) == 0) {
			const struct return_note *o = p[i];
			problem(r, "case '%s', note %s/%s: given more than once", o->case_ref,
				o->section_id, o->prompt_id);
		}
	free(p);
}

static void read_all(struct reader *r, const unsigned char *buf, size_t len)
{
	if (len > RETURN_MAX_FILE) {
		problem(r, "the file is larger than any pack or return maca reads");
		return;
	}
	check_header(r, buf, len);
	if (r->fatal)
		return;
	if (open_private(r, buf, len) != 0) {
		problem(r, "cannot open the file in memory: %s",
			r->db ? sqlite3_errmsg(r->db) : "out of memory");
		r->fatal = true;
		return;
	}
	check_schema(r);
	if (!r->fatal)
		read_meta(r);
	if (r->fatal)
		return;
	read_cases(r);
	char **refs = sorted_refs(r);
	if (!refs)
		return;
	read_answers(r, refs);
	read_notes(r, refs);
	free(refs);
	check_duplicates(r);
}

int return_parse(const unsigned char *buf, size_t len, struct return_doc **out,
		 struct maca_err *err)
{
	*out = NULL;
	struct reader r = {0};
	r.doc = calloc(1, sizeof *r.doc);
	if (!r.doc)
		return err_set(err, MACA_ENOMEM, "out of memory");
	read_all(&r, buf, len);
	sqlite3_close(r.db);
	if (r.nproblems) {
		if (r.nproblems > MAX_LISTED)
			sbuf_addf(&r.problems, "\n... and %zu more problems",
				  r.nproblems - MAX_LISTED);
		char *msg = sbuf_take(&r.problems);
		int rc = err_set(err, MACA_ENOTMACA, "%s", msg ? msg : "out of memory");
		free(msg);
		return_doc_free(r.doc);
		return rc;
	}
	sbuf_free(&r.problems);
	*out = r.doc;
	return MACA_OK;
}
