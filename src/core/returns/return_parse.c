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

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The 100-byte SQLite header, before SQLite sees anything: ours, this version, whole. */
void rd_check_header(struct reader *r, const unsigned char *buf, size_t len)
{
	r->fatal = true;
	if (len < 100 || memcmp(buf, "SQLite format 3", 16) != 0) {
		rd_problem(r, "not a maca pack or return (not an SQLite file)");
		return;
	}
	if (be32(buf + 68) != RETURN_APPLICATION_ID) {
		rd_problem(r, "an SQLite file, but not a maca pack or return");
		return;
	}
	uint32_t version = be32(buf + 60);
	if (version < RETURN_FORMAT_OLDEST || version > RETURN_FORMAT_VERSION) {
		rd_problem(r, "format version %lu, but this maca reads versions %d to %d; %s",
			   (unsigned long)version, RETURN_FORMAT_OLDEST, RETURN_FORMAT_VERSION,
			   version > RETURN_FORMAT_VERSION ? "upgrade maca to read it"
							   : "the file is damaged");
		return;
	}
	r->doc->format = (long)version;
	uint32_t page = (uint32_t)buf[16] << 8 | buf[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)) || len % page != 0 ||
	    (uint64_t)be32(buf + 28) * page != len || memcmp(buf + 24, buf + 92, 4) != 0) {
		rd_problem(r, "the file is truncated or damaged (its size does not match its "
			      "header)");
		return;
	}
	r->fatal = false;
}

int rd_configure(sqlite3 *db)
{
	/* Nothing in the file may run code or write: set before the schema is ever read. */
	int defensive = 0, triggers = 1, views = 1, trusted = 1;
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &triggers) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &views) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &trusted) != SQLITE_OK ||
	    !defensive || triggers || views || trusted)
		return -1;
	/* Pages read, not mapped: a mapped file would count whole in the import's memory. */
	return sqlite3_exec(db,
			    "PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON; "
			    "PRAGMA mmap_size = 0",
			    NULL, NULL, NULL) == SQLITE_OK
		   ? 0
		   : -1;
}

/* The path as a URI's path: unreserved characters as they are, every other byte escaped. */
static char *uri_path(const char *path)
{
	struct sbuf b = {0};
	sbuf_add(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		/* "//" would start an authority: the first slash of two goes escaped. */
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9') || strchr("-._~", *p) ||
			     (*p == '/' && !(p == (const unsigned char *)path && p[1] == '/'));
		if (plain)
			sbuf_addc(&b, (char)*p);
		else
			sbuf_addf(&b, "%%%02X", *p);
	}
	/* Immutable: SQLite takes no lock and never looks for a journal beside it; the walks
	 * check that the file did not change (return_stream.c). */
	sbuf_add(&b, "?immutable=1");
	return sbuf_take(&b);
}

int rd_open_file(struct reader *r, const char *path)
{
	char *uri = uri_path(path);
	if (!uri)
		return -1;
	int rc = sqlite3_open_v2(
	    uri, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK || rd_configure(r->db) != 0)
		return -1;
	return sqlite3_exec(r->db, "PRAGMA query_only = ON", NULL, NULL, NULL) == SQLITE_OK ? 0
											    : -1;
}

int rd_open_bytes(struct reader *r, const unsigned char *buf, size_t len)
{
	if (sqlite3_open_v2(":memory:", &r->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK ||
	    rd_configure(r->db) != 0)
		return -1;
	/* Read in place, not copied: a copy would double the peak memory of importing a large
	 * return. A read-only in-memory database never writes to its buffer, and the
	 * connection is closed before return_parse returns, so the caller's const buffer
	 * stays untouched and outlives it. */
	if (sqlite3_deserialize(r->db, "main", (unsigned char *)buf, (sqlite3_int64)len,
				(sqlite3_int64)len, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		return -1;
	return sqlite3_exec(r->db, "PRAGMA query_only = ON", NULL, NULL, NULL) == SQLITE_OK ? 0
											    : -1;
}

/* Exactly our four tables, each created by exactly our statement; nothing else. */
static void check_schema(struct reader *r)
{
	sqlite3_stmt *stmt = rd_prepare(r, "SELECT type, name, tbl_name, sql FROM sqlite_schema",
					"reading its schema");
	if (!stmt)
		return;
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
			rd_problem(r, "the file holds a %s that is not part of the format",
				   table				  ? "table"
				   : type && strcmp(type, "view") == 0	  ? "view"
				   : type && strcmp(type, "trigger") == 0 ? "trigger"
									  : "schema object");
		} else if (!tbl || strcmp(tbl, name) != 0 || !sql ||
			   strcmp(sql, which == 0 && r->doc->format == 1
					   ? return_meta_sql_v1
					   : return_table_sql[which]) != 0) {
			rd_problem(r, "table %s does not have the format's columns",
				   return_table_names[which]);
		}
		if (which >= 0)
			seen[which] = true;
	}
	if (rc != SQLITE_DONE)
		rd_db_problem(r, "reading its schema");
	sqlite3_finalize(stmt);
	for (int i = 0; i < RETURN_NTABLES; i++)
		if (!seen[i])
			rd_problem(r, "table %s is missing", return_table_names[i]);
	if (r->problems.n)
		r->fatal = true;
}

static bool hex_lower(const char *s)
{
	for (; *s; s++)
		if (!strchr("0123456789abcdef", *s))
			return false;
	return true;
}

static bool hex64(const char *s)
{
	return strlen(s) == 64 && hex_lower(s);
}

static void check_template(struct reader *r)
{
	struct return_doc *d = r->doc;
	struct diag_list diags = {0};
	if (template_parse("the file's template", d->template_text, d->template_len, &d->tpl,
			   &diags) != 0) {
		rd_problem(r, "meta: the template copy is not a valid template (%s)",
			   diags.n ? diags.items[0].msg : "out of memory");
		r->fatal = true;
	} else if (strcmp(d->tpl->id, d->template_id) != 0 ||
		   d->tpl->version != d->template_version ||
		   strcmp(d->tpl->hash, d->template_hash) != 0) {
		rd_problem(r, "meta: the template copy is not template %s version %ld as it claims",
			   d->template_id, d->template_version);
		r->fatal = true;
	}
	diag_list_free(&diags);
}

static void read_meta(struct reader *r)
{
	/* Format 1 had no agency_token: its files are read with none. */
	sqlite3_stmt *stmt = rd_prepare(
	    r,
	    r->doc->format == 1 ? "SELECT format, kind, audit_uuid, title, theme, template_id, "
				  "template_version, template_hash, template_text, agency_code, "
				  "agency_name, created_at, created_by, maca_version, '' FROM meta"
				: "SELECT format, kind, audit_uuid, title, theme, template_id, "
				  "template_version, template_hash, template_text, agency_code, "
				  "agency_name, created_at, created_by, maca_version, agency_token "
				  "FROM meta",
	    "reading meta");
	if (!stmt)
		return;
	struct return_doc *d = r->doc;
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			rd_problem(r, "meta: the file has no meta row");
		else
			rd_db_problem(r, "reading meta");
		sqlite3_finalize(stmt);
		r->fatal = true;
		return;
	}
	const char *w = "meta";
	long format = 0;
	char *kind = NULL, *uuid = NULL;
	if (rd_col_int(r, stmt, 0, w, "format", &format) && format != d->format)
		rd_problem(r, "meta: format %ld, but the file's header says format %ld", format,
			   d->format);
	if ((kind = rd_col_text(r, stmt, 1, w, "kind", 10, true))) {
		if (strcmp(kind, "pack") == 0)
			d->kind = RETURN_PACK;
		else if (strcmp(kind, "return") == 0)
			d->kind = RETURN_RETURN;
		else
			rd_problem(r, "meta: kind '%s' is neither pack nor return", kind);
	}
	if ((uuid = rd_col_text(r, stmt, 2, w, "audit_uuid", 40, true))) {
		if (uuid_valid(uuid))
			memcpy(d->uuid, uuid, UUID_STR_LEN);
		else
			rd_problem(r, "meta: audit_uuid '%s' is not a UUID", uuid);
	}
	free(kind);
	free(uuid);
	d->title = rd_col_kind(r, stmt, 3, w, "title", TEXT_LINE);
	if (d->title && !*d->title)
		rd_problem(r, "meta: the title is empty");
	d->theme = rd_col_kind(r, stmt, 4, w, "theme", TEXT_LINE);
	d->template_id = rd_col_id(r, stmt, 5, w, "template_id");
	if (rd_col_int(r, stmt, 6, w, "template_version", &d->template_version) &&
	    d->template_version < 1)
		rd_problem(r, "meta: template_version must be 1 or more");
	d->template_hash = rd_col_text(r, stmt, 7, w, "template_hash", 64, true);
	if (d->template_hash && !hex64(d->template_hash))
		rd_problem(r, "meta: template_hash is not a SHA-256 in hex");
	d->template_text = rd_col_text(r, stmt, 8, w, "template_text", RETURN_MAX_TEXT, false);
	d->template_len = d->template_text ? strlen(d->template_text) : 0;
	d->agency_code = rd_col_id(r, stmt, 9, w, "agency_code");
	d->agency_name = rd_col_kind(r, stmt, 10, w, "agency_name", TEXT_NAME);
	d->created_at = rd_col_kind(r, stmt, 11, w, "created_at", TEXT_LINE);
	d->created_by = rd_col_kind(r, stmt, 12, w, "created_by", TEXT_NAME);
	d->maca_version = rd_col_kind(r, stmt, 13, w, "maca_version", TEXT_LINE);
	char *token = rd_col_text(r, stmt, 14, w, "agency_token", STORE_TOKEN_LEN, true);
	if (token && *token && (strlen(token) != STORE_TOKEN_LEN || !hex_lower(token)))
		rd_problem(r, "meta: agency_token is not %d hex digits", STORE_TOKEN_LEN);
	else if (token)
		memcpy(d->agency_token, token, strlen(token) + 1);
	free(token);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rd_problem(r, "meta: the file has more than one meta row");
	sqlite3_finalize(stmt);
	if (r->problems.n || !d->template_text || !d->template_id || !d->template_hash ||
	    !d->agency_code)
		r->fatal = true; /* rows cannot be checked without a sound template */
	else
		check_template(r);
}

void rd_read_file(struct reader *r)
{
	check_schema(r);
	if (!r->fatal)
		read_meta(r);
	if (r->fatal)
		return;
	rd_read_rows(r);
}

static void read_all(struct reader *r, const unsigned char *buf, size_t len)
{
	if (len > RETURN_MAX_FILE) {
		rd_problem(r, "the file is larger than any pack or return maca reads");
		return;
	}
	rd_check_header(r, buf, len);
	if (r->fatal)
		return;
	if (rd_open_bytes(r, buf, len) != 0) {
		rd_problem(r, "cannot open the file in memory: %s",
			   r->db ? sqlite3_errmsg(r->db) : "out of memory");
		r->fatal = true;
		return;
	}
	rd_read_file(r);
}

int return_parse(const unsigned char *buf, size_t len, struct return_doc **out,
		 struct maca_err *err)
{
	*out = NULL;
	struct reader r = {.mode = RD_HOLD};
	r.doc = calloc(1, sizeof *r.doc);
	if (!r.doc)
		return err_set(err, MACA_ENOMEM, "out of memory");
	read_all(&r, buf, len);
	sqlite3_close(r.db);
	int rc = rd_end(&r, err);
	if (rc) {
		return_doc_free(r.doc);
		return rc;
	}
	*out = r.doc;
	return MACA_OK;
}
