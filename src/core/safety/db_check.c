/* The soundness check of a database file. See db_check.h. */
#include "db_check.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store.h"

/* Plain words for the tables a foreign key problem can name. */
static const char *table_words(const char *table)
{
	static const char *const words[][2] = {
	    {"audit", "an audit"},
	    {"agency", "an agency"},
	    {"audit_case", "a case"},
	    {"case_tag", "a case's tag"},
	    {"answer", "an answer"},
	    {"section_note", "a section note"},
	    {"agreed_grade", "an agreed grade"},
	    {"history", "a history row"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], table) == 0)
			return words[i][1];
	return NULL;
}

static bool add_problem(struct db_report *r, char *text)
{
	bool ok = text && named_add(&r->problems, "", text);
	free(text);
	r->sound = false;
	return ok;
}

static int count(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *stmt;
	*out = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Runs one checking pragma; each row it returns (other than a lone "ok") is a problem. */
static int run_check(sqlite3 *db, const char *path, bool foreign, struct db_report *r,
		     struct maca_err *err)
{
	sqlite3_stmt *stmt;
	const char *sql = foreign ? "PRAGMA foreign_key_check" : "PRAGMA integrity_check";
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char *text = NULL;
		if (foreign) {
			const char *table = (const char *)sqlite3_column_text(stmt, 0);
			const char *parent = (const char *)sqlite3_column_text(stmt, 2);
			const char *tw = table_words(table ? table : "");
			const char *pw = table_words(parent ? parent : "");
			text =
			    str_fmt("%s (%s row %lld) refers to %s that does not exist",
				    tw	    ? tw
				    : table ? table
					    : "a row",
				    table ? table : "?", (long long)sqlite3_column_int64(stmt, 1),
				    pw	     ? pw
				    : parent ? parent
					     : "a row");
		} else {
			const char *msg = (const char *)sqlite3_column_text(stmt, 0);
			if (!msg || strcmp(msg, "ok") != 0)
				text = str_fmt("the file is damaged: %s", msg ? msg : "?");
			else
				text = NULL;
		}
		if ((foreign || text) && !add_problem(r, text)) {
			sqlite3_finalize(stmt);
			return err_set(err, MACA_ENOMEM, "out of memory");
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return MACA_OK;
	/* A check that cannot even finish has found damage too. */
	if (!add_problem(r, str_fmt("the file is damaged: %s could not finish (%s)", sql + 7,
				    sqlite3_errmsg(db))))
		return err_set(err, MACA_ENOMEM, "out of memory");
	(void)path;
	return MACA_OK;
}

int db_check_file(const char *path, struct db_report *out, struct maca_err *err)
{
	memset(out, 0, sizeof *out);
	out->sound = true;
	/* Our own header reading refuses what is not a maca database without SQLite touching
	 * it. */
	if (store_check_header(path, err))
		return err->status;
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		int rc = db ? err_set(err, MACA_EIO, "%s: %s", path, sqlite3_errmsg(db))
			    : err_set(err, MACA_ENOMEM, "out of memory");
		sqlite3_close_v2(db);
		return rc;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_busy_timeout(db, 3000);
	int64_t version = 0;
	int rc = MACA_OK;
	if (count(db, "PRAGMA user_version", &version) != 0)
		rc = err_set(err, MACA_ENOTMACA, "%s cannot be read as a database: %s", path,
			     sqlite3_errmsg(db));
	else if (version > store_schema_version())
		rc = err_set(err, MACA_ETOONEW,
			     "%s was written by a newer maca (schema %lld; this maca knows up to "
			     "%d)",
			     path, (long long)version, store_schema_version());
	if (!rc)
		rc = run_check(db, path, false, out, err);
	if (!rc)
		rc = run_check(db, path, true, out, err);
	if (!rc && (count(db, "SELECT count(*) FROM audit", &out->audits) != 0 ||
		    count(db, "SELECT count(*) FROM answer WHERE value <> ''", &out->answers) != 0))
		add_problem(out, str_fmt("the audits and answers cannot be counted: %s",
					 sqlite3_errmsg(db)));
	sqlite3_close_v2(db);
	if (rc)
		db_report_free(out);
	return rc;
}

void db_report_free(struct db_report *r)
{
	named_list_free(&r->problems);
}

/* 1204 as "1,204". */
static void add_count(struct sbuf *b, int64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
	for (int i = 0; i < len; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			sbuf_addc(b, ',');
		sbuf_addc(b, digits[i]);
	}
}

char *db_report_summary(const struct db_report *r)
{
	struct sbuf b = {0};
	if (r->sound) {
		sbuf_add(&b, "The database is sound: ");
	} else {
		sbuf_addf(&b, "The database has %zu problem%s", r->problems.n,
			  r->problems.n == 1 ? "" : "s");
		sbuf_add(&b, " (it holds ");
	}
	add_count(&b, r->audits);
	sbuf_addf(&b, " audit%s, ", r->audits == 1 ? "" : "s");
	add_count(&b, r->answers);
	sbuf_addf(&b, " answer%s", r->answers == 1 ? "" : "s");
	sbuf_add(&b, r->sound ? "." : ").");
	return sbuf_take(&b);
}
