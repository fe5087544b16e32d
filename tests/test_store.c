/* The store: opening, creating and refusing database files; audits, cases, answers, notes,
 * agreed grades, status, good practice, learning points and actions; the history each change
 * leaves, and that every write is one transaction. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "names.h"
#include "store_internal.h" /* struct store, to reach st->db for checks in SQL */
#include "testutil.h"
#include "uuid.h"

#define GRADED "identification-recognised" /* a question graded on the scale */
#define YESNO "prevention-court"	   /* a yes-no question */

struct fx {
	struct store *st;
	struct template *tpl; /* audit-templates/domestic-abuse.ini */
	int64_t audit;	      /* an audit made from tpl, when the store is in memory */
	char *dir;	      /* a private temporary directory, made on first use */
	struct maca_err err;
};

/* Fails the test with the store's message when a call did not succeed. */
#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

/* Asserts that a call failed with `status`, its message containing `needle` (if given). */
static void expect_fail(struct maca_err *err, int rc, enum maca_status status, const char *needle)
{
	if (rc != (int)status)
		fail_msg("expected status %d, got %d: %s", status, rc, err_msg(err));
	assert_int_equal(err->status, status);
	if (needle && !strstr(err_msg(err), needle))
		fail_msg("message \"%s\" lacks \"%s\"", err_msg(err), needle);
	err_clear(err);
}

/* Asserts two strings are equal, where expected NULL means actual must be NULL too. */
static void assert_text(const char *actual, const char *expected)
{
	if (!expected) {
		if (actual)
			fail_msg("expected NULL, got \"%s\"", actual);
		return;
	}
	if (!actual)
		fail_msg("expected \"%s\", got NULL", expected);
	assert_string_equal(actual, expected);
}

/* Fixtures */

static struct template *load_template(const char *path)
{
	struct template *tpl = NULL;
	struct diag_list diags = {0};
	if (template_load_file(path, &tpl, &diags) != 0)
		fail_msg("%s: %s", path, diags.n ? diags.items[0].msg : "cannot load");
	diag_list_free(&diags);
	return tpl;
}

static char *shipped_template_path(void)
{
	char *path = NULL;
	assert_true(asprintf(&path, "%s/audit-templates/domestic-abuse.ini", tu_source_dir()) > 0);
	return path;
}

static int64_t new_audit(struct fx *f, const char *title)
{
	struct audit_new a = {.title = title, .tpl = f->tpl};
	int64_t id = 0;
	assert_ok(f, store_audit_create(f->st, &a, &id, &f->err));
	assert_true(id > 0);
	return id;
}

/* Just the shipped template: for tests that open database files of their own. */
static int setup_template(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	char *path = shipped_template_path();
	f->tpl = load_template(path);
	free(path);
	*state = f;
	return 0;
}

/* A fresh in-memory store holding one audit made from the shipped template. */
static int setup(void **state)
{
	setup_template(state);
	struct fx *f = *state;
	assert_ok(f, store_open(":memory:", &f->st, &f->err));
	f->audit = new_audit(f, "Domestic abuse audit, spring");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	template_free(f->tpl);
	if (f->dir) {
		tu_remove_tree(f->dir);
		free(f->dir);
	}
	err_clear(&f->err);
	free(f);
	return 0;
}

/* A path inside the test's temporary directory; caller frees. */
static char *path_in(struct fx *f, const char *name)
{
	if (!f->dir)
		f->dir = tu_tempdir();
	assert_non_null(f->dir);
	char *path = NULL;
	assert_true(asprintf(&path, "%s/%s", f->dir, name) > 0);
	return path;
}

/* SQL checks, on the store's own connection or a separate one */

static char *vquery(sqlite3 *db, const char *fmt, va_list ap)
{
	char *sql = sqlite3_vmprintf(fmt, ap);
	assert_non_null(sql);
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_free(sql);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	const unsigned char *text = sqlite3_column_text(stmt, 0);
	char *out = strdup(text ? (const char *)text : "");
	sqlite3_finalize(stmt);
	assert_non_null(out);
	return out;
}

/* The one value a query returns, as a number (sqlite3_mprintf formats: %lld, %Q). */
static long long query_int(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vquery(db, fmt, ap);
	va_end(ap);
	long long v = strtoll(text, NULL, 10);
	free(text);
	return v;
}

/* The one value a query returns, as text ("" for NULL); caller frees. */
static char *query_text(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vquery(db, fmt, ap);
	va_end(ap);
	return text;
}

/* Asserts the one value a query returns, as text ("" for NULL). */
static void expect_query(sqlite3 *db, const char *expected, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vquery(db, fmt, ap);
	va_end(ap);
	if (strcmp(text, expected) != 0)
		fail_msg("expected \"%s\", got \"%s\"", expected, text);
	free(text);
}

static void exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

static sqlite3 *open_raw(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	    SQLITE_OK);
	return db;
}

/* History */

static struct history_row *history(struct fx *f, size_t *n)
{
	struct history_row *rows = NULL;
	assert_ok(f, store_history_list(f->st, f->audit, &rows, n, &f->err));
	return rows;
}

static size_t history_count(struct fx *f)
{
	size_t n;
	struct history_row *rows = history(f, &n);
	history_list_free(rows, n);
	return n;
}

struct want {
	const char *case_ref, *agency, *item, *field, *old_value, *new_value, *reason;
};

static void expect_row(const struct history_row *r, const struct want *w)
{
	assert_string_equal(r->case_ref, w->case_ref ? w->case_ref : "");
	assert_string_equal(r->agency, w->agency ? w->agency : "");
	assert_string_equal(r->item, w->item ? w->item : "");
	assert_string_equal(r->field, w->field);
	assert_text(r->old_value, w->old_value);
	assert_text(r->new_value, w->new_value);
	assert_text(r->reason, w->reason);
}

/* Asserts the history has grown by exactly `added` rows since `before`, the newest as `w`. */
static void expect_history(struct fx *f, size_t before, size_t added, const struct want *w)
{
	size_t n;
	struct history_row *rows = history(f, &n);
	assert_int_equal(n, before + added);
	expect_row(&rows[n - 1], w);
	history_list_free(rows, n);
}

/* Cases, answers and learning points */

static int64_t add_case_with(struct fx *f, const char *reference, const char *age_band,
			     const char *tags)
{
	struct named_list list = {0};
	assert_true(split_list(tags, &list));
	struct case_fields c = {.reference = reference, .age_band = age_band, .tags = &list};
	int64_t id = 0;
	int rc = store_case_add(f->st, f->audit, &c, &id, &f->err);
	named_list_free(&list);
	assert_ok(f, rc);
	return id;
}

static int64_t add_case(struct fx *f, const char *reference)
{
	return add_case_with(f, reference, "", "");
}

static struct case_info *cases(struct fx *f, size_t *n)
{
	struct case_info *list = NULL;
	assert_ok(f, store_case_list(f->st, f->audit, &list, n, &f->err));
	return list;
}

/* The case references of the audit in display order, comma-separated; caller frees. */
static char *case_refs(struct fx *f)
{
	return query_text(
	    f->st->db,
	    "SELECT coalesce(group_concat(reference, ','), '') FROM (SELECT reference "
	    "FROM audit_case WHERE audit_id = %lld ORDER BY position)",
	    (long long)f->audit);
}

static void expect_answer(struct fx *f, int64_t case_id, const char *agency, const char *question,
			  const char *value, const char *evidence)
{
	struct answer a;
	bool found;
	assert_ok(f, store_answer_get(f->st, case_id, agency, question, &a, &found, &f->err));
	assert_true(found);
	assert_string_equal(a.value, value);
	assert_string_equal(a.evidence, evidence);
	answer_free(&a);
}

static void close_audit(struct fx *f)
{
	assert_ok(f, store_audit_set_status(f->st, f->audit, AUDIT_CLOSED, NULL, &f->err));
}

static int64_t add_point_with(struct fx *f, const char *title, const char *cases_csv,
			      const char *agencies_csv, const char *sections_csv, int *number)
{
	struct named_list c = {0}, a = {0}, s = {0};
	assert_true(split_list(cases_csv, &c) && split_list(agencies_csv, &a) &&
		    split_list(sections_csv, &s));
	struct learning_point_fields lp = {.title = title,
					   .text = "What we learned.",
					   .cases = &c,
					   .agencies = &a,
					   .sections = &s};
	int64_t id = 0;
	int rc = store_learning_point_add(f->st, f->audit, &lp, &id, number, &f->err);
	named_list_free(&c);
	named_list_free(&a);
	named_list_free(&s);
	assert_ok(f, rc);
	return id;
}

static int64_t add_point(struct fx *f, const char *title)
{
	return add_point_with(f, title, "", "", "", NULL);
}

/* Learning point titles in number order, and their numbers, as "title:number,...". */
static void expect_points(struct fx *f, const char *expected)
{
	expect_query(f->st->db, expected,
		     "SELECT coalesce(group_concat(title || ':' || number, ','), '') FROM (SELECT "
		     "title, number FROM learning_point WHERE audit_id = %lld ORDER BY number)",
		     (long long)f->audit);
}

static int64_t add_action(struct fx *f, int64_t lp_id, const char *what)
{
	struct action_fields a = {.what = what,
				  .owner_agency = "police",
				  .due_date = "2026-03-31",
				  .measure = "Dip sample of 20 referrals shows the child's voice"};
	int64_t id = 0;
	assert_ok(f, store_action_add(f->st, lp_id, &a, &id, &f->err));
	return id;
}

/* Open and migrate */

static mode_t mode_of(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		fail_msg("%s does not exist", path);
	return sb.st_mode & 07777;
}

static bool exists(const char *path, const char *suffix)
{
	char *full = NULL;
	assert_true(asprintf(&full, "%s%s", path, suffix) > 0);
	bool yes = access(full, F_OK) == 0;
	free(full);
	return yes;
}

static void test_open_creates_private_file_and_directories(void **state)
{
	struct fx *f = *state;
	char *top = path_in(f, "data");
	char *dir = path_in(f, "data/maca/db");
	char *db = path_in(f, "data/maca/db/maca.db");
	assert_false(exists(top, ""));
	assert_ok(f, store_open(db, &f->st, &f->err));
	assert_int_equal(mode_of(db), 0600);
	assert_int_equal(mode_of(dir), 0700);
	assert_int_equal(mode_of(top), 0700); /* made only to hold maca's data */
	/* While open in WAL mode, the side files share the database's mode. */
	new_audit(f, "An audit");
	assert_true(exists(db, "-wal"));
	char *wal = path_in(f, "data/maca/db/maca.db-wal");
	assert_int_equal(mode_of(wal), 0600);
	free(wal);
	free(top);
	free(dir);
	free(db);
}

static void test_open_tags_migrates_and_uses_wal(void **state)
{
	struct fx *f = *state;
	char *db = path_in(f, "maca.db");
	assert_ok(f, store_open(db, &f->st, &f->err));
	sqlite3 *raw = open_raw(db);
	assert_int_equal(query_int(raw, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(query_int(raw, "PRAGMA user_version"), store_schema_version());
	assert_true(store_schema_version() >= 1);
	expect_query(raw, "wal", "PRAGMA journal_mode");
	assert_int_equal(
	    query_int(raw, "SELECT count(*) FROM sqlite_schema WHERE name = 'history'"), 1);
	sqlite3_close(raw);
	/* The work file the new database was built in is gone. */
	char *tmp = NULL;
	assert_true(asprintf(&tmp, "%s.new-%ld", db, (long)getpid()) > 0);
	assert_false(exists(tmp, ""));
	free(tmp);
	free(db);
}

/* A name in double quotes that is no column is an error, not quietly the string it spells
 * (SQLite's legacy double-quoted strings are off), on a store opened to write and to read. */
static void test_double_quoted_names_are_names(void **state)
{
	struct fx *f = *state;
	char *db = path_in(f, "maca.db");
	assert_ok(f, store_open(db, &f->st, &f->err));
	const char *sql = "SELECT count(*) FROM audit WHERE \"no_such_column\" = 'x'";
	sqlite3_stmt *stmt = NULL;
	assert_int_not_equal(sqlite3_prepare_v2(f->st->db, sql, -1, &stmt, NULL), SQLITE_OK);
	sqlite3_finalize(stmt);
	store_close(f->st);
	f->st = NULL;
	assert_ok(f, store_open_readonly(db, &f->st, &f->err));
	stmt = NULL;
	assert_int_not_equal(sqlite3_prepare_v2(f->st->db, sql, -1, &stmt, NULL), SQLITE_OK);
	sqlite3_finalize(stmt);
	free(db);
}

static void test_reopen_keeps_data(void **state)
{
	struct fx *f = *state;
	char *db = path_in(f, "maca.db");
	assert_ok(f, store_open(db, &f->st, &f->err));
	f->audit = new_audit(f, "Kept across a reopen");
	int64_t case_id = add_case(f, "Child A");
	assert_ok(f, store_answer_save(f->st, case_id, "csc", GRADED, "good", "Seen the same day",
				       &f->err));
	store_close(f->st);
	f->st = NULL;
	assert_false(exists(db, "-wal"));
	assert_false(exists(db, "-shm"));

	assert_ok(f, store_open(db, &f->st, &f->err));
	struct audit_info *list;
	size_t n;
	assert_ok(f, store_audit_list(f->st, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].title, "Kept across a reopen");
	assert_int_equal(list[0].ncases, 1);
	assert_int_equal(list[0].nanswers, 1);
	audit_info_list_free(list, n);
	expect_answer(f, case_id, "csc", GRADED, "good", "Seen the same day");
	free(db);
}

/* Refusals: the file is left exactly as it was */

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(data, 1, len, out), len);
	assert_int_equal(fclose(out), 0);
}

static void expect_refused(const char *path, enum maca_status status, const char *needle)
{
	size_t before_len, after_len;
	char *before = tu_read(path, &before_len);
	assert_non_null(before);
	struct store *st = NULL;
	struct maca_err err = {0};
	int rc = store_open(path, &st, &err);
	assert_null(st);
	if (!strstr(err_msg(&err), path))
		fail_msg("message \"%s\" does not name %s", err_msg(&err), path);
	expect_fail(&err, rc, status, needle);
	char *after = tu_read(path, &after_len);
	assert_non_null(after);
	assert_int_equal(after_len, before_len);
	if (before_len)
		assert_memory_equal(after, before, before_len);
	assert_false(exists(path, "-wal"));
	assert_false(exists(path, "-shm"));
	assert_false(exists(path, "-journal"));
	free(before);
	free(after);
}

/* A maca database with an audit, a case and an answer in it, closed; caller frees the path. */
static char *make_maca_db(struct fx *f, const char *name)
{
	char *db = path_in(f, name);
	assert_ok(f, store_open(db, &f->st, &f->err));
	f->audit = new_audit(f, "Audit on file");
	for (int i = 0; i < 40; i++) {
		char ref[16];
		snprintf(ref, sizeof ref, "Child %d", i);
		int64_t case_id = add_case(f, ref);
		assert_ok(f, store_answer_save(f->st, case_id, "police", GRADED, "inadequate",
					       "No record of the child at the incident", &f->err));
	}
	store_close(f->st);
	f->st = NULL;
	return db;
}

static void test_refuses_text_file(void **state)
{
	struct fx *f = *state;
	char *path = path_in(f, "notes.txt");
	free(tu_write(f->dir, "notes.txt", "Child A: seen at school on Monday.\n"));
	expect_refused(path, MACA_ENOTMACA, "not a maca database");
	free(path);
}

static void test_refuses_empty_file(void **state)
{
	struct fx *f = *state;
	char *path = path_in(f, "empty.db");
	write_bytes(path, "", 0);
	expect_refused(path, MACA_ENOTMACA, "empty file");
	free(path);
}

static void test_refuses_other_sqlite_database(void **state)
{
	struct fx *f = *state;
	char *path = path_in(f, "other.db");
	sqlite3 *raw = open_raw(path);
	exec_sql(raw, "CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('someone');");
	sqlite3_close(raw);
	expect_refused(path, MACA_ENOTMACA, "not a maca one");
	free(path);
}

static void test_refuses_truncated_maca_database(void **state)
{
	struct fx *f = *state;
	char *db = make_maca_db(f, "maca.db");
	size_t len;
	char *bytes = tu_read(db, &len);
	assert_non_null(bytes);
	assert_true(len >= 4 * 4096); /* enough pages that half of it is a real truncation */
	char *half = path_in(f, "half.db");
	write_bytes(half, bytes, len / 2);
	expect_refused(half, MACA_ENOTMACA, "truncated");
	/* The same cut at a page boundary: still refused. */
	write_bytes(half, bytes, len / 2 - (len / 2) % 4096);
	expect_refused(half, MACA_ENOTMACA, "truncated");
	free(bytes);
	free(half);
	free(db);
}

/* A power cut during a checkpoint: the main file's new first page already counts pages that
 * are still only in the -wal file. SQLite recovers from this, so it is not a truncated copy. */
static void test_opens_database_cut_off_mid_checkpoint(void **state)
{
	struct fx *f = *state;
	char *db = make_maca_db(f, "maca.db");
	char *wal_path = path_in(f, "maca.db-wal");
	size_t old_len, new_len, wal_len;
	char *old = tu_read(db, &old_len);
	sqlite3 *raw = open_raw(db);
	exec_sql(raw,
		 "PRAGMA wal_autocheckpoint = 0; CREATE TABLE filler (b BLOB); "
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
		 "INSERT INTO filler SELECT randomblob(4000) FROM n");
	char *wal = tu_read(wal_path, &wal_len);
	exec_sql(raw, "PRAGMA wal_checkpoint(FULL)");
	char *new = tu_read(db, &new_len);
	size_t page = (size_t)query_int(raw, "PRAGMA page_size");
	sqlite3_close(raw);
	assert_true(old && wal && new &&wal_len > 0);
	assert_true(new_len > old_len);

	memcpy(old, new, page); /* the new header reached the disk, the longer file did not */
	write_bytes(db, old, old_len);
	write_bytes(wal_path, wal, wal_len);
	assert_ok(f, store_open(db, &f->st, &f->err));
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM filler"), 200);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM audit_case"), 40);
	free(old);
	free(new);
	free(wal);
	free(wal_path);
	free(db);
}

static void test_refuses_newer_database(void **state)
{
	struct fx *f = *state;
	char *db = make_maca_db(f, "maca.db");
	sqlite3 *raw = open_raw(db);
	exec_sql(raw, "PRAGMA user_version = 99");
	sqlite3_close(raw);
	expect_refused(db, MACA_ETOONEW, "newer");
	free(db);
}

static void test_refuses_directory(void **state)
{
	struct fx *f = *state;
	char *dir = path_in(f, "a-directory");
	assert_int_equal(mkdir(dir, 0700), 0);
	struct store *st = NULL;
	int rc = store_open(dir, &st, &f->err);
	assert_null(st);
	expect_fail(&f->err, rc, MACA_EUSER, "is a directory");
	free(dir);
}

/* Answers with a value, as the audit list and progress report them. */
static int64_t answered_of(struct fx *f, int64_t audit)
{
	struct audit_info info;
	assert_ok(f, store_audit_get(f->st, audit, &info, &f->err));
	int64_t n = info.nanswers, progress, expected;
	audit_info_free(&info);
	assert_ok(f, store_audit_progress(f->st, audit, &progress, &expected, &f->err));
	assert_int_equal(progress, n);
	return n;
}

/* A version 1 database (no per-case answer counts) is counted when migrated. */
static void test_migration_counts_existing_answers(void **state)
{
	struct fx *f = *state;
	char *db = path_in(f, "maca.db");
	assert_ok(f, store_open(db, &f->st, &f->err));
	int64_t audit = new_audit(f, "Before the counts");
	struct case_fields c = {.reference = "Child A"};
	int64_t a;
	assert_ok(f, store_case_add(f->st, audit, &c, &a, &f->err));
	assert_ok(f, store_answer_save(f->st, a, "csc", GRADED, "good", "Seen", &f->err));
	assert_ok(f, store_answer_save(f->st, a, "police", GRADED, "inadequate", "No", &f->err));
	assert_ok(f, store_answer_save(f->st, a, "health", GRADED, NULL, "Evidence only", &f->err));
	store_close(f->st);
	f->st = NULL;
	sqlite3 *raw = open_raw(db);
	exec_sql(
	    raw,
	    "DROP TRIGGER answer_evidence_kept; DROP TRIGGER answer_evidence_deleted; "
	    "DROP TRIGGER history_insert; DROP VIEW history; "
	    "ALTER TABLE history_log DROP COLUMN answer_id; "
	    "ALTER TABLE answer DROP COLUMN evidence_row; "
	    "ALTER TABLE history_log RENAME TO history; "
	    "DROP TABLE attendance; DROP TABLE chair_place; "
	    "ALTER TABLE audit_case DROP COLUMN summary; "
	    "DROP TRIGGER acceptance_case_gone; DROP TRIGGER acceptance_good_practice_gone; "
	    "DROP TRIGGER acceptance_learning_point_gone; DROP TRIGGER acceptance_action_gone; "
	    "DROP TABLE disclosure_acceptance; "
	    "DROP TABLE pack_token; DROP TABLE briefing_part; DROP TABLE briefing_setting; "
	    "DROP TRIGGER answer_counted_insert; DROP TRIGGER answer_counted_update; "
	    "DROP TRIGGER answer_counted_delete; "
	    "ALTER TABLE audit_case DROP COLUMN answered; PRAGMA user_version = 2");
	sqlite3_close(raw);
	assert_ok(f, store_open(db, &f->st, &f->err));
	assert_int_equal(answered_of(f, audit), 2);
	/* And kept from then on. */
	assert_ok(f, store_answer_save(f->st, a, "health", GRADED, "good", NULL, &f->err));
	assert_int_equal(answered_of(f, audit), 3);
	free(db);
}

/* The counts follow every way an answer's value can change. */
static void test_answer_counts_follow_changes(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A"), b = add_case(f, "Child B");
	assert_int_equal(answered_of(f, f->audit), 0);
	assert_ok(f, store_answer_save(f->st, a, "csc", GRADED, "good", "Seen", &f->err));
	assert_ok(f, store_answer_save(f->st, a, "police", GRADED, NULL, "Evidence only", &f->err));
	assert_ok(f, store_answer_save(f->st, b, "csc", GRADED, "inadequate", "No", &f->err));
	assert_int_equal(answered_of(f, f->audit), 2);
	/* A value given to evidence written earlier; a value changed; a value cleared. */
	assert_ok(f, store_answer_save(f->st, a, "police", GRADED, "good", NULL, &f->err));
	assert_ok(f, store_answer_save(f->st, a, "csc", GRADED, "inadequate", NULL, &f->err));
	assert_int_equal(answered_of(f, f->audit), 3);
	assert_ok(f, store_answer_save(f->st, b, "csc", GRADED, "", NULL, &f->err));
	assert_int_equal(answered_of(f, f->audit), 2);
	/* A second audit counts apart. */
	int64_t other = new_audit(f, "Another audit");
	assert_int_equal(answered_of(f, other), 0);
	assert_ok(f, store_case_remove(f->st, a, &f->err));
	assert_int_equal(answered_of(f, f->audit), 0);
	assert_int_equal(query_int(f->st->db, "SELECT sum(answered) FROM audit_case"), 0);
}

/* Audits */

static void test_audit_create_takes_template_defaults(void **state)
{
	struct fx *f = *state;
	struct audit_info a;
	assert_ok(f, store_audit_get(f->st, f->audit, &a, &f->err));
	assert_int_equal(a.id, f->audit);
	assert_true(uuid_valid(a.uuid));
	assert_string_equal(a.title, "Domestic abuse audit, spring");
	assert_string_equal(a.theme, "Domestic abuse");
	assert_string_equal(a.template_id, "domestic-abuse");
	assert_int_equal(a.template_version, 1);
	assert_string_equal(a.template_hash, f->tpl->hash);
	assert_string_equal(a.partnership, "");
	assert_int_equal(a.status, AUDIT_DRAFT);
	assert_int_equal(a.ncases, 0);
	assert_int_equal(a.nagencies, 8);
	assert_int_equal(a.nanswers, 0);
	audit_info_free(&a);

	struct named_list agencies = {0};
	assert_ok(f, store_audit_agencies(f->st, f->audit, &agencies, &f->err));
	assert_int_equal(agencies.n, f->tpl->agencies.n);
	for (size_t i = 0; i < agencies.n; i++) {
		assert_string_equal(agencies.items[i].id, f->tpl->agencies.items[i].id);
		assert_string_equal(agencies.items[i].label, f->tpl->agencies.items[i].label);
	}
	assert_string_equal(agencies.items[0].id, "csc");
	named_list_free(&agencies);
	expect_history(
	    f, 0, 1, &(struct want){.field = "audit", .new_value = "Domestic abuse audit, spring"});
}

static void test_audit_create_with_own_theme_and_agencies(void **state)
{
	struct fx *f = *state;
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "police", "Police") &&
		    named_add(&agencies, "csc", "Children's services"));
	struct audit_new n = {.title = "Two agencies",
			      .theme = "Coercive control",
			      .chair_agency = "csc",
			      .audit_date = "2026-02-14",
			      .agencies = &agencies,
			      .tpl = f->tpl};
	int64_t id;
	assert_ok(f, store_audit_create(f->st, &n, &id, &f->err));
	struct audit_info a;
	assert_ok(f, store_audit_get(f->st, id, &a, &f->err));
	assert_string_equal(a.theme, "Coercive control");
	assert_string_equal(a.chair_agency, "csc");
	assert_string_equal(a.audit_date, "2026-02-14");
	assert_int_equal(a.nagencies, 2);
	audit_info_free(&a);
	struct named_list got = {0};
	assert_ok(f, store_audit_agencies(f->st, id, &got, &f->err));
	assert_int_equal(got.n, 2);
	assert_string_equal(got.items[0].id, "police");
	assert_string_equal(got.items[1].label, "Children's services");
	named_list_free(&got);

	/* A chair agency not taking part, or a bad date, creates nothing. */
	n.chair_agency = "housing";
	expect_fail(&f->err, store_audit_create(f->st, &n, &id, &f->err), MACA_EUSER, "housing");
	n.chair_agency = "csc";
	n.audit_date = "2026-02-30";
	expect_fail(&f->err, store_audit_create(f->st, &n, &id, &f->err), MACA_EUSER, "2026-02-30");
	/* An agency listed twice fails after the audit row was written: that row goes too. */
	n.audit_date = NULL;
	assert_true(named_add(&agencies, "police", "Police again"));
	expect_fail(&f->err, store_audit_create(f->st, &n, &id, &f->err), MACA_EUSER, "twice");
	named_list_free(&agencies);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM agency"), 8 + 2);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM audit"), 2);
}

static void test_audit_get_and_list(void **state)
{
	struct fx *f = *state;
	int64_t second = new_audit(f, "Neglect audit");
	int64_t case_id = add_case(f, "Child A");
	add_case(f, "Child B");
	assert_ok(f, store_answer_save(f->st, case_id, "csc", GRADED, "good", "", &f->err));
	assert_ok(
	    f, store_answer_save(f->st, case_id, "health", GRADED, "", "Evidence only", &f->err));

	struct audit_info *list;
	size_t n;
	assert_ok(f, store_audit_list(f->st, &list, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, f->audit);
	assert_int_equal(list[0].ncases, 2);
	assert_int_equal(list[0].nanswers, 1); /* the evidence-only answer has no value */
	assert_int_equal(list[1].id, second);
	assert_string_equal(list[1].title, "Neglect audit");
	assert_int_equal(list[1].ncases, 0);
	assert_string_not_equal(list[0].uuid, list[1].uuid);
	audit_info_list_free(list, n);

	struct audit_info a;
	expect_fail(&f->err, store_audit_get(f->st, 9999, &a, &f->err), MACA_ENOTFOUND, "9999");
}

static void expect_resolves(struct fx *f, const char *ref, int64_t expected)
{
	int64_t id = -1;
	assert_ok(f, store_audit_resolve(f->st, ref, &id, &f->err));
	assert_int_equal(id, expected);
}

static void test_audit_resolve(void **state)
{
	struct fx *f = *state;
	int64_t other = new_audit(f, "Another");
	struct audit_info a, b;
	assert_ok(f, store_audit_get(f->st, f->audit, &a, &f->err));
	assert_ok(f, store_audit_get(f->st, other, &b, &f->err));
	char ref[UUID_STR_LEN];

	snprintf(ref, sizeof ref, "%lld", (long long)other);
	expect_resolves(f, ref, other);
	expect_resolves(f, a.uuid, f->audit);
	snprintf(ref, sizeof ref, "%.8s", a.uuid);
	expect_resolves(f, ref, f->audit);
	for (char *p = ref; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'f' ? *p - 'a' + 'A' : *p);
	expect_resolves(f, ref, f->audit); /* a prefix typed in capitals */

	/* Eight hex digits that start neither audit's UUID; an id no audit has. */
	int64_t id = -1;
	snprintf(ref, sizeof ref, "%.8s", a.uuid);
	for (const char *h = "0123456789abcdef"; *h; h++)
		if (*h != a.uuid[0] && *h != b.uuid[0])
			ref[0] = *h;
	expect_fail(&f->err, store_audit_resolve(f->st, ref, &id, &f->err), MACA_ENOTFOUND, ref);
	expect_fail(&f->err, store_audit_resolve(f->st, "77", &id, &f->err), MACA_ENOTFOUND, "77");

	/* Seven characters are too few, even when they start a UUID (seven digits would be
	 * taken as a local id, so the UUID is made to start with letters). */
	exec_sql(f->st->db, "UPDATE audit SET uuid = 'ab12cd3' || substr(uuid, 8)");
	expect_fail(&f->err, store_audit_resolve(f->st, "ab12cd3", &id, &f->err), MACA_EUSER,
		    "at least 8 characters");
	expect_fail(&f->err, store_audit_resolve(f->st, "", &id, &f->err), MACA_EUSER, NULL);
	assert_int_equal(id, -1);
	audit_info_free(&a);
	audit_info_free(&b);
}

/* One UUID in 40 starts with 8 decimal digits: such a prefix must still find its audit. */
static void test_audit_resolve_all_digit_prefix(void **state)
{
	struct fx *f = *state;
	exec_sql(f->st->db, "UPDATE audit SET uuid = '12345678-9abc-4def-8123-456789abcdef'");
	expect_resolves(f, "12345678", f->audit);
	char ref[16];
	snprintf(ref, sizeof ref, "%lld", (long long)f->audit);
	expect_resolves(f, ref, f->audit);
}

static void test_audit_keeps_its_template_copy(void **state)
{
	struct fx *f = *state;
	char *shipped = shipped_template_path();
	size_t len;
	char *text = tu_read(shipped, &len);
	free(shipped);
	assert_non_null(text);
	char *copy = path_in(f, "domestic-abuse.ini");
	write_bytes(copy, text, len);
	struct template *tpl = load_template(copy);
	char hash[sizeof tpl->hash];
	memcpy(hash, tpl->hash, sizeof hash);
	struct audit_new n = {.title = "From a local copy", .tpl = tpl};
	int64_t id;
	assert_ok(f, store_audit_create(f->st, &n, &id, &f->err));
	template_free(tpl);

	/* The file changes on disk: a new version with another title. */
	char *v = strstr(text, "version = 1\n");
	assert_non_null(v);
	v[10] = '2';
	char *t = strstr(text, "title = Multi-agency");
	assert_non_null(t);
	memcpy(t + 8, "MULTI", 5);
	write_bytes(copy, text, len);
	struct template *changed = load_template(copy);
	assert_string_not_equal(changed->hash, hash);
	assert_int_equal(changed->version, 2);
	template_free(changed);

	struct template *kept;
	assert_ok(f, store_audit_template(f->st, id, &kept, &f->err));
	assert_string_equal(kept->hash, hash);
	assert_int_equal(kept->version, 1);
	assert_string_equal(kept->title,
			    "Multi-agency response to children who are victims of domestic abuse");
	assert_int_equal(kept->nquestions, f->tpl->nquestions);
	template_free(kept);
	struct audit_info a;
	assert_ok(f, store_audit_get(f->st, id, &a, &f->err));
	assert_string_equal(a.template_hash, hash);
	audit_info_free(&a);
	free(copy);
	free(text);
}

/* The audit's template is parsed once and handed out again while its text is the same; a held
 * one outlives the store's keeping another and the store itself; a text changed under the
 * store (another process) is parsed again. */
static void test_audit_template_parsed_once(void **state)
{
	struct fx *f = *state;
	struct template *a, *b;
	assert_ok(f, store_audit_template(f->st, f->audit, &a, &f->err));
	assert_ok(f, store_audit_template(f->st, f->audit, &b, &f->err));
	assert_ptr_equal(a, b);

	/* Another audit of another template: the store keeps that one now. */
	char *text = strndup(f->tpl->source, f->tpl->source_len);
	assert_non_null(text);
	char *t = strstr(text, "title = Multi-agency");
	assert_non_null(t);
	memcpy(t + 8, "MULTI", 5);
	struct template *other = NULL;
	struct diag_list diags = {0};
	assert_int_equal(template_parse("other", text, strlen(text), &other, &diags), 0);
	struct audit_new n = {.title = "Another", .tpl = other};
	int64_t id;
	assert_ok(f, store_audit_create(f->st, &n, &id, &f->err));
	template_free(other);
	struct template *c;
	assert_ok(f, store_audit_template(f->st, id, &c, &f->err));
	assert_ptr_not_equal(c, a);
	assert_non_null(strstr(c->title, "MULTI-agency"));
	template_free(a);
	assert_string_equal(b->title, f->tpl->title); /* still b's to read */

	/* The first audit's text changed by another program: parsed again, not the kept one. */
	char *sql = NULL;
	assert_true(asprintf(&sql,
			     "UPDATE audit SET template_text = (SELECT template_text FROM audit "
			     "WHERE id = %lld) WHERE id = %lld",
			     (long long)id, (long long)f->audit) > 0);
	exec_sql(f->st->db, sql);
	free(sql);
	struct template *d;
	assert_ok(f, store_audit_template(f->st, f->audit, &d, &f->err));
	assert_ptr_not_equal(d, b);
	assert_non_null(strstr(d->title, "MULTI-agency"));
	template_free(d);
	template_free(c);

	store_close(f->st);
	f->st = NULL;
	assert_string_equal(b->title, f->tpl->title);
	template_free(b);
	free(text);
}

/* Cases */

static void test_case_add_and_list(void **state)
{
	struct fx *f = *state;
	struct named_list tags = {0};
	assert_true(split_list("marac, coercive-control", &tags));
	struct case_fields c = {.reference = "Child B",
				.age_band = "5-10",
				.plan_status = "child-protection",
				.tags = &tags};
	int64_t b;
	assert_ok(f, store_case_add(f->st, f->audit, &c, &b, &f->err));
	named_list_free(&tags);
	int64_t a = add_case_with(f, "Child A", "unborn", "");
	int64_t c3 = add_case(f, "Child C");

	size_t n;
	struct case_info *list = cases(f, &n);
	assert_int_equal(n, 3);
	/* In the order added, not alphabetical. */
	assert_int_equal(list[0].id, b);
	assert_int_equal(list[1].id, a);
	assert_int_equal(list[2].id, c3);
	assert_string_equal(list[0].reference, "Child B");
	assert_string_equal(list[0].age_band, "5-10");
	assert_string_equal(list[0].plan_status, "child-protection");
	assert_int_equal(list[0].tags.n, 2);
	assert_string_equal(list[0].tags.items[0].id, "coercive-control");
	assert_string_equal(list[0].tags.items[1].id, "marac");
	assert_false(list[0].moderated);
	assert_string_equal(list[1].age_band, "unborn");
	assert_int_equal(list[1].tags.n, 0);
	assert_string_equal(list[2].plan_status, "");
	case_info_list_free(list, n);
	expect_history(
	    f, 1, 3,
	    &(struct want){.case_ref = "Child C", .field = "case", .new_value = "Child C"});
}

static void expect_case_refused(struct fx *f, const struct case_fields *c, enum maca_status status,
				const char *needle)
{
	int64_t id = 0;
	size_t before = history_count(f);
	int rc = store_case_add(f->st, f->audit, c, &id, &f->err);
	expect_fail(&f->err, rc, status, needle);
	assert_int_equal(history_count(f), before);
}

static void test_case_add_refuses_unknown_age_band_and_tag(void **state)
{
	struct fx *f = *state;
	expect_case_refused(f, &(struct case_fields){.reference = "Child A", .age_band = "teen"},
			    MACA_EUSER, "teen");
	struct named_list tags = {0};
	assert_true(split_list("marac, gangs", &tags));
	expect_case_refused(f, &(struct case_fields){.reference = "Child A", .tags = &tags},
			    MACA_EUSER, "gangs");
	named_list_free(&tags);
	assert_true(split_list("marac, marac", &tags));
	expect_case_refused(f, &(struct case_fields){.reference = "Child A", .tags = &tags},
			    MACA_EUSER, "twice");
	named_list_free(&tags);
	expect_case_refused(f, &(struct case_fields){.reference = "Child A", .plan_status = "cp"},
			    MACA_EUSER, "cp");
	expect_case_refused(f, &(struct case_fields){.reference = ""}, MACA_EUSER, "reference");
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM audit_case"), 0);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM case_tag"), 0);
}

static void test_case_add_refuses_duplicate_reference(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case_with(f, "Child A", "1-4", "marac");
	expect_case_refused(f, &(struct case_fields){.reference = "Child A", .age_band = "5-10"},
			    MACA_EEXIST, "Child A");
	size_t n;
	struct case_info *list = cases(f, &n);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, a);
	assert_string_equal(list[0].age_band, "1-4");
	case_info_list_free(list, n);
	/* Another audit may use the same reference. */
	f->audit = new_audit(f, "Second audit");
	add_case(f, "Child A");
}

/* Lookalike references (issue 14, item 6): a reader takes each for "Child A", so each is that
 * case again; a reference of spaces only is none; invisible characters are refused. */
static void test_case_refuses_lookalike_references(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A");
	const char *same[] = {"Child A ",
			      " Child A",
			      "Child  A",
			      "Child\tA",
			      "Child\xc2\xa0"
			      "A", /* no-break space */
			      "Child\xe2\x80\x83"
			      "A", /* em space */
			      "CHILD A",
			      "child a",
			      "Child \xef\xbc\xa1"}; /* fullwidth A */
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		expect_case_refused(f, &(struct case_fields){.reference = same[i]}, MACA_EEXIST,
				    "already has a case \"Child A\"");
	expect_case_refused(f,
			    &(struct case_fields){.reference = "Child\xe2\x80\x8b"
							       "A"},
			    MACA_EUSER, "invisible character (U+200B)");
	expect_case_refused(f, &(struct case_fields){.reference = "Child A\xe2\x80\xae"},
			    MACA_EUSER, "text-direction control (U+202E)");
	expect_case_refused(f, &(struct case_fields){.reference = "Child\x1b[2JA"}, MACA_EUSER,
			    "control character (U+001B)");
	expect_case_refused(f, &(struct case_fields){.reference = "   "}, MACA_EUSER,
			    "needs a reference");
	expect_case_refused(f, &(struct case_fields){.reference = "\xc2\xa0 \t"}, MACA_EUSER,
			    "needs a reference");
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM audit_case"), 1);

	/* Kept as normalised; an edit may change a case's own capitals, never make it another's
	 * lookalike. */
	int64_t b = add_case(f, "  Zo\xc3\xab \xc2\xa0 B ");
	size_t n;
	struct case_info *list = cases(f, &n);
	assert_string_equal(list[1].reference, "Zo\xc3\xab B");
	case_info_list_free(list, n);
	expect_fail(
	    &f->err,
	    store_case_update(f->st, b, &(struct case_fields){.reference = "child A"}, &f->err),
	    MACA_EEXIST, "already has a case \"Child A\" (capitals and spaces aside)");
	assert_ok(f, store_case_update(f->st, a, &(struct case_fields){.reference = "CHILD A "},
				       &f->err));
	list = cases(f, &n);
	assert_string_equal(list[0].reference, "CHILD A");
	case_info_list_free(list, n);
	/* Accents count: Zoe is not Zoë. */
	add_case(f, "ZOE B");
}

static void test_case_update(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case_with(f, "Child A", "1-4", "marac, send");
	add_case(f, "Child B");
	struct named_list tags = {0};
	assert_true(split_list("homelessness", &tags));
	struct case_fields c = {.reference = "Child Z",
				.age_band = "11-15",
				.plan_status = "looked-after",
				.tags = &tags};
	assert_ok(f, store_case_update(f->st, a, &c, &f->err));
	c.reference = "Child B";
	expect_fail(&f->err, store_case_update(f->st, a, &c, &f->err), MACA_EEXIST, "Child B");
	c.reference = "Child Y";
	c.age_band = "adult";
	expect_fail(&f->err, store_case_update(f->st, a, &c, &f->err), MACA_EUSER, "adult");
	named_list_free(&tags);

	size_t n;
	struct case_info *list = cases(f, &n);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, a); /* keeps its place */
	assert_string_equal(list[0].reference, "Child Z");
	assert_string_equal(list[0].age_band, "11-15");
	assert_string_equal(list[0].plan_status, "looked-after");
	assert_int_equal(list[0].tags.n, 1);
	assert_string_equal(list[0].tags.items[0].id, "homelessness");
	case_info_list_free(list, n);
	expect_fail(&f->err, store_case_update(f->st, 4242, &c, &f->err), MACA_ENOTFOUND, "4242");

	/* The one successful edit left a row per changed field, old and new; the refused ones
	 * left none. */
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM history WHERE field LIKE "
					      "'case-%%'"),
			 4);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM history WHERE field = "
					      "'case-reference' AND old_value = 'Child A' AND "
					      "new_value = 'Child Z'"),
			 1);
	assert_int_equal(query_int(f->st->db,
				   "SELECT count(*) FROM history WHERE field = "
				   "'case-tags' AND old_value = 'marac,send' AND new_value "
				   "= 'homelessness'"),
			 1);
	/* Saving the same fields again changes nothing and records nothing. */
	struct named_list same_tags = {0};
	assert_true(split_list("homelessness", &same_tags));
	struct case_fields same = {.reference = "Child Z",
				   .age_band = "11-15",
				   .plan_status = "looked-after",
				   .tags = &same_tags};
	assert_ok(f, store_case_update(f->st, a, &same, &f->err));
	named_list_free(&same_tags);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM history WHERE field LIKE "
					      "'case-%%'"),
			 4);
}

static void test_audit_update_records_each_change(void **state)
{
	struct fx *f = *state;
	struct audit_new a = {.title = "Renamed audit",
			      .theme = "Domestic abuse",
			      .partnership = "Synthetic Partnership",
			      .chair_agency = "police",
			      .audit_date = "2026-06-12",
			      .background = ""};
	assert_ok(f, store_audit_update(f->st, f->audit, &a, &f->err));
	struct audit_info info;
	assert_ok(f, store_audit_get(f->st, f->audit, &info, &f->err));
	assert_string_equal(info.title, "Renamed audit");
	assert_string_equal(info.chair_agency, "police");
	assert_string_equal(info.audit_date, "2026-06-12");
	audit_info_free(&info);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM history WHERE field = "
					      "'audit-title' AND new_value = 'Renamed audit'"),
			 1);
	size_t before = history_count(f);
	assert_ok(f, store_audit_update(f->st, f->audit, &a, &f->err)); /* nothing changed */
	assert_int_equal(history_count(f), before);
	a.chair_agency = "fire-service";
	expect_fail(&f->err, store_audit_update(f->st, f->audit, &a, &f->err), MACA_ENOTFOUND,
		    "fire-service");
	a.chair_agency = "police";
	a.audit_date = "12/06/2026";
	expect_fail(&f->err, store_audit_update(f->st, f->audit, &a, &f->err), MACA_EUSER,
		    "YYYY-MM-DD");
	a.audit_date = "";
	a.title = "";
	expect_fail(&f->err, store_audit_update(f->st, f->audit, &a, &f->err), MACA_EUSER, "title");
	assert_int_equal(history_count(f), before);
}

static void test_case_remove_cascades(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case_with(f, "Child A", "", "marac");
	int64_t b = add_case(f, "Child B");
	assert_ok(f, store_answer_save(f->st, a, "csc", GRADED, "good", "Seen", &f->err));
	assert_ok(f, store_note_save(f->st, a, "csc", "identification", "development", "Sooner",
				     &f->err));
	assert_ok(f, store_agreed_save(f->st, a, GRADED, "good", "Agreed", NULL, &f->err));
	assert_ok(f, store_answer_save(f->st, b, "csc", GRADED, "inadequate", "Not seen", &f->err));
	size_t before = history_count(f);

	assert_ok(f, store_case_remove(f->st, a, &f->err));
	sqlite3 *db = f->st->db;
	assert_int_equal(
	    query_int(db, "SELECT count(*) FROM answer WHERE case_id = %lld", (long long)a), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM section_note"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM agreed_grade"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM case_tag"), 0);
	assert_int_equal(
	    query_int(db, "SELECT count(*) FROM history WHERE case_id = %lld", (long long)a), 0);
	expect_answer(f, b, "csc", GRADED, "inadequate", "Not seen");
	/* The case's own rows went with it (answer, evidence, note, agreed, rationale, case);
	 * one row remains that says which reference was removed. */
	expect_history(f, before - 6, 1,
		       &(struct want){.field = "case", .old_value = "Child A", .new_value = NULL});
	char *refs = case_refs(f);
	assert_string_equal(refs, "Child B");
	free(refs);
	expect_fail(&f->err, store_case_remove(f->st, a, &f->err), MACA_ENOTFOUND, NULL);
}

/* Answers */

static void test_answer_roundtrip_is_byte_exact(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	const char *utf8 =
	    "Siân said…\nZoë ✓\r\n\ttabbed line, \"quoted\"; 'single' -- and ; # marks";
	assert_ok(
	    f, store_answer_save(f->st, c, "csc", GRADED, "requires-improvement", utf8, &f->err));
	expect_answer(f, c, "csc", GRADED, "requires-improvement", utf8);

	const char *line = "Health visitor saw Zoë at home; mother disclosed coercion ✓\n";
	size_t line_len = strlen(line), size = 100 * 1024;
	char *big = malloc(size + line_len + 1);
	assert_non_null(big);
	size_t used = 0;
	while (used < size) {
		memcpy(big + used, line, line_len);
		used += line_len;
	}
	big[used] = '\0';
	assert_ok(f, store_answer_save(f->st, c, "health", GRADED, "good", big, &f->err));
	expect_answer(f, c, "health", GRADED, "good", big);
	assert_int_equal(query_int(f->st->db, "SELECT length(CAST(evidence AS BLOB)) FROM answer "
					      "WHERE evidence LIKE 'Health%%'"),
			 used);
	free(big);

	/* Yes-no and free-text questions take their own kinds of value. */
	assert_ok(f, store_answer_save(f->st, c, "police", YESNO, "partly", NULL, &f->err));
	assert_ok(f, store_answer_save(f->st, c, "police", "protection-difference",
				       "Fewer incidents; attending school again.", NULL, &f->err));
	expect_answer(f, c, "police", "protection-difference",
		      "Fewer incidents; attending school again.", "");
	struct answer none;
	bool found = true;
	assert_ok(f, store_answer_get(f->st, c, "education", GRADED, &none, &found, &f->err));
	assert_false(found);
	assert_string_equal(none.value, "");
	assert_string_equal(none.evidence, "");
	answer_free(&none);
}

static void test_answer_refuses_invalid_input(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	size_t before = history_count(f);
	struct {
		const char *agency, *question, *value;
		enum maca_status status;
		const char *needle;
	} bad[] = {
	    {"csc", GRADED, "excellent", MACA_EUSER, "excellent"},
	    {"csc", GRADED, "yes", MACA_EUSER, "yes"},
	    {"csc", YESNO, "good", MACA_EUSER, "good"},
	    {"csc", "no-such-question", "good", MACA_EUSER, "no-such-question"},
	    {"fire-service", GRADED, "good", MACA_ENOTFOUND, "fire-service"},
	    {NULL, GRADED, "good", MACA_EUSER, "agency"},
	    {"", GRADED, "good", MACA_EUSER, "agency"},
	    {"csc", GRADED, "\xff", MACA_EUSER, NULL},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = store_answer_save(f->st, c, bad[i].agency, bad[i].question, bad[i].value,
					   "Evidence", &f->err);
		expect_fail(&f->err, rc, bad[i].status, bad[i].needle);
	}
	expect_fail(&f->err,
		    store_answer_save(f->st, c, "csc", GRADED, "good", "bad \xc3 byte", &f->err),
		    MACA_EUSER, "UTF-8");
	expect_fail(&f->err, store_answer_save(f->st, 555, "csc", GRADED, "good", "", &f->err),
		    MACA_ENOTFOUND, "555");
	/* Long text is held to what a return carries (issue 14, item 7). */
	char *huge = malloc(250002);
	assert_non_null(huge);
	memset(huge, 'e', 250001);
	huge[250001] = '\0';
	expect_fail(&f->err, store_answer_save(f->st, c, "csc", GRADED, "good", huge, &f->err),
		    MACA_EUSER, "the evidence is 250001 characters long; the limit is 250000");
	expect_fail(
	    &f->err,
	    store_note_save(f->st, c, "csc", "identification", "good-practice", huge, &f->err),
	    MACA_EUSER, "the note is 250001 characters long");
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(history_count(f), before);
	huge[250000] = '\0';
	assert_ok(f, store_answer_save(f->st, c, "csc", GRADED, "good", huge, &f->err));
	free(huge);
}

static void test_answer_same_save_writes_no_history(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	assert_ok(f, store_answer_save(f->st, c, "csc", GRADED, "good", "Seen alone", &f->err));
	size_t before = history_count(f);
	assert_ok(f, store_answer_save(f->st, c, "csc", GRADED, "good", "Seen alone", &f->err));
	assert_ok(f, store_answer_save(f->st, c, "csc", GRADED, NULL, NULL, &f->err));
	assert_ok(f, store_answer_save(f->st, c, "csc", GRADED, NULL, "Seen alone", &f->err));
	assert_int_equal(history_count(f), before);
	/* Nothing at all saved yet for another agency: saving "" is not a change either. */
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, "", "", &f->err));
	assert_int_equal(history_count(f), before);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM answer"), 1);
}

static void test_answer_history_records_changes(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	assert_ok(f, store_set_origin(f->st, "Jo Bloggs", "command line", &f->err));
	size_t before = history_count(f);
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, "good", "PPN sent", &f->err));
	size_t n;
	struct history_row *rows = history(f, &n);
	assert_int_equal(n, before + 2);
	expect_row(&rows[n - 2],
		   &(struct want){"Child A", "police", GRADED, "answer", NULL, "good", NULL});
	expect_row(&rows[n - 1],
		   &(struct want){"Child A", "police", GRADED, "evidence", NULL, "PPN sent", NULL});
	assert_string_equal(rows[n - 1].author, "Jo Bloggs");
	assert_string_equal(rows[n - 1].source, "command line");
	assert_int_equal(strlen(rows[n - 1].at), 24); /* 2026-01-31T12:00:00.000Z */
	assert_int_equal(rows[n - 1].at[10], 'T');
	assert_int_equal(rows[n - 1].at[23], 'Z');
	history_list_free(rows, n);

	/* A new value alone: one 'answer' row with old and new; the evidence is kept. */
	assert_ok(f, store_set_origin(f->st, "Sam Chair", "keyboard", &f->err));
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, "inadequate", NULL, &f->err));
	rows = history(f, &n);
	assert_int_equal(n, before + 3);
	expect_row(&rows[n - 1], &(struct want){"Child A", "police", GRADED, "answer", "good",
						"inadequate", NULL});
	assert_string_equal(rows[n - 1].author, "Sam Chair");
	assert_string_equal(rows[n - 1].source, "keyboard");
	history_list_free(rows, n);
	expect_answer(f, c, "police", GRADED, "inadequate", "PPN sent");

	struct answer a;
	bool found;
	assert_ok(f, store_answer_get(f->st, c, "police", GRADED, &a, &found, &f->err));
	assert_string_equal(a.author, "Sam Chair");
	answer_free(&a);
}

static void test_answer_evidence_change_keeps_value(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	assert_ok(f, store_answer_save(f->st, c, "health", GRADED, "good", "GP letter", &f->err));
	size_t before = history_count(f);
	assert_ok(f,
		  store_answer_save(f->st, c, "health", GRADED, NULL, "GP letter, 3 May", &f->err));
	expect_history(f, before, 1,
		       &(struct want){"Child A", "health", GRADED, "evidence", "GP letter",
				      "GP letter, 3 May", NULL});
	expect_answer(f, c, "health", GRADED, "good", "GP letter, 3 May");
	/* Clearing the value is a change like any other. */
	assert_ok(f, store_answer_save(f->st, c, "health", GRADED, "", NULL, &f->err));
	expect_history(f, before, 2,
		       &(struct want){"Child A", "health", GRADED, "answer", "good", "", NULL});
	expect_answer(f, c, "health", GRADED, "", "GP letter, 3 May");
}

/* One agency's answers to a case, in question order, and no other agency's: what the
 * answering screen reads on moving to another case. */
static void test_case_agency_answers(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A"), other = add_case(f, "Child B");
	assert_ok(f, store_answer_save(f->st, c, "police", YESNO, "yes", "", &f->err));
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, "good", "PPN", &f->err));
	assert_ok(f, store_answer_save(f->st, c, "csc", GRADED, "inadequate", "No", &f->err));
	assert_ok(f, store_answer_save(f->st, other, "police", GRADED, "good", "B", &f->err));
	struct answer_row *rows;
	size_t n;
	assert_ok(f, store_case_agency_answers(f->st, c, "police", &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].question_id,
			    GRADED); /* identification-... before prevention- */
	assert_string_equal(rows[0].evidence, "PPN");
	assert_string_equal(rows[1].question_id, YESNO);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rows[i].agency, "police");
	answer_rows_free(rows, n);
	assert_ok(f, store_case_agency_answers(f->st, c, "health", &rows, &n, &f->err));
	assert_int_equal(n, 0);
	answer_rows_free(rows, n);
}

/* Evidence given where there was none is written once: its history row finds the text in the
 * answer. The first change writes it into that row, and the history reads old and new as
 * before, in the store and by hand. */
static void test_answer_evidence_written_once(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	size_t before = history_count(f);
	sqlite3 *db = f->st->db;
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, "good", "PPN sent", &f->err));
	assert_int_equal(query_int(db, "SELECT count(*) FROM history_log WHERE new_value = 'PPN "
				       "sent' OR old_value = 'PPN sent'"),
			 0);
	expect_history(
	    f, before, 2,
	    &(struct want){"Child A", "police", GRADED, "evidence", NULL, "PPN sent", NULL});
	expect_query(
	    db, ">PPN sent",
	    "SELECT coalesce(old_value, '') || '>' || new_value FROM history WHERE field = "
	    "'evidence'");
	/* Changed: the first row gets its text, the new row holds old and new. */
	assert_ok(f,
		  store_answer_save(f->st, c, "police", GRADED, NULL, "PPN sent, 2 May", &f->err));
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, NULL, "", &f->err));
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, NULL, "Strategy call", &f->err));
	assert_int_equal(query_int(db, "SELECT count(*) FROM history_log WHERE answer_id IS NOT "
				       "NULL"),
			 1); /* the last: given where there was none again */
	size_t n;
	struct history_row *rows = history(f, &n);
	assert_int_equal(n, before + 5);
	const struct want w[] = {
	    {"Child A", "police", GRADED, "evidence", NULL, "PPN sent", NULL},
	    {"Child A", "police", GRADED, "evidence", "PPN sent", "PPN sent, 2 May", NULL},
	    {"Child A", "police", GRADED, "evidence", "PPN sent, 2 May", "", NULL},
	    {"Child A", "police", GRADED, "evidence", "", "Strategy call", NULL}};
	expect_row(&rows[before],
		   &(struct want){"Child A", "police", GRADED, "answer", NULL, "good", NULL});
	for (size_t i = 0; i < 4; i++)
		expect_row(&rows[before + 1 + i], &w[i]);
	history_list_free(rows, n);
	/* A change of the value alone leaves the evidence's row pointing. */
	assert_ok(f, store_answer_save(f->st, c, "police", GRADED, "inadequate", NULL, &f->err));
	expect_query(db, "Strategy call",
		     "SELECT new_value FROM history WHERE field = 'evidence' ORDER BY id DESC "
		     "LIMIT 1");
}

/* An answer deleted without its case (its agency taken out of the audit by hand) leaves its
 * history whole: the text its row found in the answer is written into the row first. */
static void test_answer_deleted_keeps_history_texts(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	assert_ok(f, store_answer_save(f->st, c, "health", GRADED, "good", "GP letter", &f->err));
	size_t before = history_count(f);
	exec_sql(f->st->db, "DELETE FROM answer");
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM history_log WHERE answer_id "
					      "IS NOT NULL"),
			 0);
	/* A new answer may take the deleted one's id: the old row is no longer tied to it. */
	assert_ok(f, store_answer_save(f->st, c, "health", GRADED, NULL, "Clinic note", &f->err));
	size_t n;
	struct history_row *rows = history(f, &n);
	assert_int_equal(n, before + 1);
	expect_row(&rows[n - 2], &(struct want){"Child A", "health", GRADED, "evidence", NULL,
						"GP letter", NULL});
	expect_row(&rows[n - 1], &(struct want){"Child A", "health", GRADED, "evidence", NULL,
						"Clinic note", NULL});
	history_list_free(rows, n);
	/* Changed by hand, not through maca: the row still gets its text first. */
	exec_sql(f->st->db, "UPDATE answer SET evidence = 'Edited by hand'");
	expect_query(f->st->db, "Clinic note",
		     "SELECT new_value FROM history WHERE field = 'evidence' ORDER BY id DESC "
		     "LIMIT 1");
}

/* A database of schema 7 keeps its history rows as they were, and writes the new way from
 * then on; rows inserted into `history` by another program still go in. */
static void test_migration_8_keeps_history(void **state)
{
	struct fx *f = *state;
	char *db = path_in(f, "maca.db");
	assert_ok(f, store_open(db, &f->st, &f->err));
	f->audit = new_audit(f, "Before evidence was kept once");
	struct case_fields cf = {.reference = "Child A"};
	int64_t c;
	assert_ok(f, store_case_add(f->st, f->audit, &cf, &c, &f->err));
	store_close(f->st);
	f->st = NULL;
	/* Back to schema 7, with a history row as maca wrote it then, text and all. */
	sqlite3 *raw = open_raw(db);
	exec_sql(raw, "DROP TRIGGER answer_evidence_kept; DROP TRIGGER answer_evidence_deleted; "
		      "DROP TRIGGER history_insert; DROP VIEW history; "
		      "ALTER TABLE history_log DROP COLUMN answer_id; "
		      "ALTER TABLE answer DROP COLUMN evidence_row; "
		      "ALTER TABLE history_log RENAME TO history; PRAGMA user_version = 7");
	char *sql = sqlite3_mprintf(
	    "INSERT INTO answer (case_id, agency_id, question_id, value, evidence, author, "
	    "updated_at) SELECT %lld, id, %Q, 'good', 'Old text', 'Jo', '2026-01-01' FROM agency "
	    "WHERE audit_id = %lld AND code = 'csc'; "
	    "INSERT INTO history (audit_id, case_id, agency, item, field, old_value, new_value, "
	    "at, author, source) VALUES (%lld, %lld, 'csc', %Q, 'evidence', NULL, 'Old text', "
	    "'2026-01-01', 'Jo', 'keyboard')",
	    (long long)c, GRADED, (long long)f->audit, (long long)f->audit, (long long)c, GRADED);
	exec_sql(raw, sql);
	sqlite3_free(sql);
	sqlite3_close(raw);
	assert_ok(f, store_open(db, &f->st, &f->err));
	assert_ok(f, store_answer_save(f->st, c, "csc", GRADED, NULL, "New text", &f->err));
	size_t n;
	struct history_row *rows = history(f, &n);
	assert_true(n >= 2);
	expect_row(&rows[n - 2],
		   &(struct want){"Child A", "csc", GRADED, "evidence", NULL, "Old text", NULL});
	expect_row(&rows[n - 1], &(struct want){"Child A", "csc", GRADED, "evidence", "Old text",
						"New text", NULL});
	history_list_free(rows, n);
	sql = sqlite3_mprintf("INSERT INTO history (audit_id, field, old_value, new_value, at, "
			      "author, source) VALUES (%lld, 'title', 'a', 'b', '2026-01-02', "
			      "'Jo', 'by hand')",
			      (long long)f->audit);
	exec_sql(f->st->db, sql);
	sqlite3_free(sql);
	expect_history(f, n, 1, &(struct want){NULL, NULL, NULL, "title", "a", "b", NULL});
	free(db);
}

/* Section notes */

static void test_note_save_get_and_history(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	size_t before = history_count(f);
	const char *text = "Encompass call made by 8am.\nTeacher noted Zoë's mood ✓";
	assert_ok(f, store_note_save(f->st, c, "education", "identification", "good-practice", text,
				     &f->err));
	char *got = NULL;
	assert_ok(f, store_note_get(f->st, c, "education", "identification", "good-practice", &got,
				    &f->err));
	assert_string_equal(got, text);
	free(got);
	expect_history(f, before, 1,
		       &(struct want){"Child A", "education", "identification/good-practice",
				      "note", NULL, text, NULL});
	assert_ok(f, store_note_save(f->st, c, "education", "identification", "good-practice", text,
				     &f->err));
	assert_ok(f, store_note_save(f->st, c, "education", "identification", "good-practice",
				     "Shorter.", &f->err));
	expect_history(f, before, 2,
		       &(struct want){"Child A", "education", "identification/good-practice",
				      "note", text, "Shorter.", NULL});

	/* An empty note where none was saved reads back as "". */
	assert_ok(f, store_note_get(f->st, c, "education", "voice", "development", &got, &f->err));
	assert_string_equal(got, "");
	free(got);
	expect_fail(
	    &f->err,
	    store_note_save(f->st, c, "education", "identification", "summary", "x", &f->err),
	    MACA_EUSER, "summary");
	expect_fail(&f->err,
		    store_note_save(f->st, c, "education", "epilogue", "development", "x", &f->err),
		    MACA_EUSER, "epilogue");
	expect_fail(&f->err,
		    store_note_save(f->st, c, "nobody", "voice", "development", "x", &f->err),
		    MACA_ENOTFOUND, "nobody");
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM section_note"), 1);
	assert_int_equal(history_count(f), before + 2);
}

/* Agreed grades */

static void expect_agreed(struct fx *f, int64_t c, const char *grade, const char *rationale)
{
	char *g = NULL, *r = NULL;
	assert_ok(f, store_agreed_get(f->st, c, GRADED, &g, &r, &f->err));
	assert_string_equal(g, grade);
	assert_string_equal(r, rationale);
	free(g);
	free(r);
}

static void test_agreed_save_and_get(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	expect_agreed(f, c, "", "");
	size_t before = history_count(f);
	assert_ok(f, store_agreed_save(f->st, c, GRADED, "requires-improvement",
				       "Police and health disagreed; panel settled on RI.", NULL,
				       &f->err));
	expect_agreed(f, c, "requires-improvement",
		      "Police and health disagreed; panel settled on RI.");
	expect_history(f, before, 2,
		       &(struct want){"Child A", NULL, GRADED, "rationale", NULL,
				      "Police and health disagreed; panel settled on RI.", NULL});
	assert_ok(f, store_agreed_save(f->st, c, GRADED, "good", NULL, NULL, &f->err));
	expect_agreed(f, c, "good", "Police and health disagreed; panel settled on RI.");
	expect_history(f, before, 3,
		       &(struct want){"Child A", NULL, GRADED, "agreed", "requires-improvement",
				      "good", NULL});
	expect_fail(&f->err, store_agreed_save(f->st, c, GRADED, "superb", NULL, NULL, &f->err),
		    MACA_EUSER, "superb");
	expect_fail(&f->err, store_agreed_save(f->st, c, "nope", "good", NULL, NULL, &f->err),
		    MACA_EUSER, "nope");
	expect_agreed(f, c, "good", "Police and health disagreed; panel settled on RI.");
}

static void test_agreed_change_after_moderation_needs_reason(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	assert_ok(f, store_agreed_save(f->st, c, GRADED, "good", "Clear records", NULL, &f->err));
	assert_ok(f, store_case_set_moderated(f->st, c, true, &f->err));
	size_t before = history_count(f);

	expect_fail(&f->err,
		    store_agreed_save(f->st, c, GRADED, "inadequate", "Changed", NULL, &f->err),
		    MACA_ELOCKED, "reason");
	expect_fail(&f->err, store_agreed_save(f->st, c, GRADED, "inadequate", NULL, "", &f->err),
		    MACA_ELOCKED, "reason");
	expect_agreed(f, c, "good", "Clear records");
	assert_int_equal(history_count(f), before);

	assert_ok(f, store_agreed_save(f->st, c, GRADED, "inadequate", NULL,
				       "New police records found after the panel", &f->err));
	expect_agreed(f, c, "inadequate", "Clear records");
	expect_history(f, before, 1,
		       &(struct want){"Child A", NULL, GRADED, "agreed", "good", "inadequate",
				      "New police records found after the panel"});
}

/* Status */

static void expect_status(struct fx *f, enum audit_status status)
{
	struct audit_info a;
	assert_ok(f, store_audit_get(f->st, f->audit, &a, &f->err));
	assert_int_equal(a.status, status);
	audit_info_free(&a);
}

static void test_close_needs_every_case_moderated(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A");
	int64_t b = add_case(f, "Child B");
	assert_ok(f, store_audit_set_status(f->st, f->audit, AUDIT_MODERATION, NULL, &f->err));
	expect_fail(&f->err, store_audit_set_status(f->st, f->audit, AUDIT_CLOSED, NULL, &f->err),
		    MACA_EUSER, "2 case(s)");
	assert_ok(f, store_case_set_moderated(f->st, a, true, &f->err));
	expect_fail(&f->err, store_audit_set_status(f->st, f->audit, AUDIT_CLOSED, NULL, &f->err),
		    MACA_EUSER, "1 case(s)");
	expect_status(f, AUDIT_MODERATION);
	assert_ok(f, store_case_set_moderated(f->st, b, true, &f->err));
	size_t before = history_count(f);
	close_audit(f);
	expect_status(f, AUDIT_CLOSED);
	expect_history(
	    f, before, 1,
	    &(struct want){.field = "status", .old_value = "moderation", .new_value = "closed"});
	size_t n;
	struct case_info *list = cases(f, &n);
	assert_true(list[0].moderated && list[1].moderated);
	case_info_list_free(list, n);
}

static void test_closed_audit_refuses_writes(void **state)
{
	struct fx *f = *state;
	int64_t c = add_case(f, "Child A");
	assert_ok(f, store_case_set_moderated(f->st, c, true, &f->err));
	close_audit(f);
	size_t before = history_count(f);
	int64_t id;
	struct case_fields cf = {.reference = "Child B"};
	struct learning_point_fields lp = {.title = "Late learning"};
	struct good_practice_fields gp = {.text = "Late praise"};
	expect_fail(&f->err, store_answer_save(f->st, c, "csc", GRADED, "good", "x", &f->err),
		    MACA_ELOCKED, "closed");
	expect_fail(&f->err, store_note_save(f->st, c, "csc", "voice", "development", "x", &f->err),
		    MACA_ELOCKED, "closed");
	expect_fail(&f->err, store_agreed_save(f->st, c, GRADED, "good", "x", "why", &f->err),
		    MACA_ELOCKED, "closed");
	expect_fail(&f->err, store_case_add(f->st, f->audit, &cf, &id, &f->err), MACA_ELOCKED,
		    "closed");
	expect_fail(&f->err, store_case_update(f->st, c, &cf, &f->err), MACA_ELOCKED, "closed");
	struct audit_new renamed = {.title = "Renamed after closing"};
	expect_fail(&f->err, store_audit_update(f->st, f->audit, &renamed, &f->err), MACA_ELOCKED,
		    "closed");
	expect_fail(&f->err, store_case_remove(f->st, c, &f->err), MACA_ELOCKED, "closed");
	expect_fail(&f->err, store_case_set_moderated(f->st, c, false, &f->err), MACA_ELOCKED,
		    "closed");
	expect_fail(&f->err, store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err),
		    MACA_ELOCKED, "closed");
	expect_fail(&f->err, store_good_practice_add(f->st, f->audit, &gp, &id, &f->err),
		    MACA_ELOCKED, "closed");
	assert_int_equal(history_count(f), before);
	char *refs = case_refs(f);
	assert_string_equal(refs, "Child A");
	free(refs);
	sqlite3 *db = f->st->db;
	assert_int_equal(query_int(db, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM section_note"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM good_practice"), 0);
}

static void test_reopen_needs_reason(void **state)
{
	struct fx *f = *state;
	close_audit(f); /* no cases: nothing to moderate */
	size_t before = history_count(f);
	expect_fail(&f->err, store_audit_set_status(f->st, f->audit, AUDIT_DRAFT, NULL, &f->err),
		    MACA_ELOCKED, "reason");
	expect_fail(&f->err, store_audit_set_status(f->st, f->audit, AUDIT_MODERATION, "", &f->err),
		    MACA_ELOCKED, "reason");
	expect_status(f, AUDIT_CLOSED);
	assert_int_equal(history_count(f), before);

	assert_ok(f, store_audit_set_status(f->st, f->audit, AUDIT_DRAFT,
					    "Health records for Child C arrived late", &f->err));
	expect_status(f, AUDIT_DRAFT);
	expect_history(f, before, 1,
		       &(struct want){.field = "status",
				      .old_value = "closed",
				      .new_value = "draft",
				      .reason = "Health records for Child C arrived late"});
	add_case(f, "Child C"); /* writable again */
}

/* Good practice and learning */

static void test_good_practice_add(void **state)
{
	struct fx *f = *state;
	add_case(f, "Child A");
	struct good_practice_fields g = {.text = "Midwife asked about abuse at every contact.",
					 .agencies = "health",
					 .cases = "Child A"};
	int64_t first, second;
	size_t before = history_count(f);
	assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &first, &f->err));
	g = (struct good_practice_fields){.text = "School used the Encompass call well."};
	assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &second, &f->err));
	sqlite3 *db = f->st->db;
	expect_query(db, "1|health|Child A|Midwife asked about abuse at every contact.",
		     "SELECT position || '|' || agencies || '|' || cases || '|' || text FROM "
		     "good_practice WHERE id = %lld",
		     (long long)first);
	expect_query(db, "2||",
		     "SELECT position || '|' || agencies || '|' || cases FROM "
		     "good_practice WHERE id = %lld",
		     (long long)second);
	char item[24]; /* "added" rows name the new item by its id */
	snprintf(item, sizeof item, "%lld", (long long)second);
	expect_history(f, before, 2,
		       &(struct want){.item = item,
				      .field = "good-practice",
				      .new_value = "School used the Encompass call well."});
	g.text = "";
	expect_fail(&f->err, store_good_practice_add(f->st, f->audit, &g, &first, &f->err),
		    MACA_EUSER, "text");
}

/* Good practice moves as learning points do (one helper, store_numbered_move), with its own
 * words: the history names the item by its id. */
static void test_good_practice_move_history(void **state)
{
	struct fx *f = *state;
	int64_t id[3];
	for (int i = 0; i < 3; i++) {
		struct good_practice_fields g = {.text = i == 2 ? "third" : "item"};
		assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &id[i], &f->err));
	}
	size_t before = history_count(f);
	assert_ok(f, store_good_practice_move(f->st, id[2], 1, &f->err));
	char item[24];
	snprintf(item, sizeof item, "%lld", (long long)id[2]);
	expect_history(f, before, 1,
		       &(struct want){.item = item,
				      .field = "good-practice-position",
				      .old_value = "3",
				      .new_value = "1"});
	assert_ok(f, store_good_practice_move(f->st, id[2], 1, &f->err)); /* already there */
	assert_int_equal(history_count(f), before + 1);
	expect_fail(&f->err, store_good_practice_move(f->st, id[2], 0, &f->err), MACA_EUSER,
		    "good practice items are numbered 1 to 3");
	expect_fail(&f->err, store_good_practice_move(f->st, 999, 1, &f->err), MACA_ENOTFOUND,
		    "no good practice item 999");
	assert_int_equal(history_count(f), before + 1);
}

static void test_learning_point_add_numbers_and_links(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A");
	add_case(f, "Child B");
	int number = 0;
	size_t before = history_count(f);
	int64_t lp = add_point_with(f, "Perpetrators are invisible", "Child A", "csc, police",
				    "assessment, voice", &number);
	assert_int_equal(number, 1);
	add_point_with(f, "Second", "", "", "", &number);
	assert_int_equal(number, 2);
	add_point_with(f, "Third", "Child B, Child A", "", "", &number);
	assert_int_equal(number, 3);
	expect_points(f, "Perpetrators are invisible:1,Second:2,Third:3");

	sqlite3 *db = f->st->db;
	expect_query(db, "1",
		     "SELECT count(*) FROM learning_point_case WHERE learning_point_id = %lld",
		     (long long)lp);
	assert_int_equal(
	    query_int(db, "SELECT case_id FROM learning_point_case WHERE learning_point_id = %lld",
		      (long long)lp),
	    a);
	expect_query(
	    db, "csc,police",
	    "SELECT group_concat(code, ',') FROM (SELECT g.code FROM learning_point_agency l "
	    "JOIN agency g ON g.id = l.agency_id WHERE l.learning_point_id = %lld ORDER BY "
	    "g.code)",
	    (long long)lp);
	expect_query(db, "assessment,voice",
		     "SELECT group_concat(section_id, ',') FROM (SELECT section_id FROM "
		     "learning_point_section WHERE learning_point_id = %lld ORDER BY section_id)",
		     (long long)lp);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point_case"), 3);
	expect_history(f, before, 3,
		       &(struct want){.field = "learning-point", .new_value = "Third"});
}

static void test_learning_point_add_refuses_unknown_links(void **state)
{
	struct fx *f = *state;
	add_case(f, "Child A");
	size_t before = history_count(f);
	struct named_list list = {0};
	assert_true(split_list("Child Q", &list));
	struct learning_point_fields lp = {.title = "Refused", .cases = &list};
	int64_t id;
	expect_fail(&f->err, store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err),
		    MACA_EUSER, "Child Q");
	named_list_free(&list);
	assert_true(split_list("csc, fire-service", &list));
	lp = (struct learning_point_fields){.title = "Refused", .agencies = &list};
	expect_fail(&f->err, store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err),
		    MACA_ENOTFOUND, "fire-service");
	named_list_free(&list);
	lp = (struct learning_point_fields){.title = ""};
	expect_fail(&f->err, store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err),
		    MACA_EUSER, "title");
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM learning_point"), 0);
	assert_int_equal(query_int(f->st->db, "SELECT count(*) FROM learning_point_agency"), 0);
	assert_int_equal(history_count(f), before);
}

static void test_learning_point_move(void **state)
{
	struct fx *f = *state;
	add_point(f, "one");
	add_point(f, "two");
	int64_t three = add_point(f, "three");
	add_point(f, "four");
	size_t before = history_count(f);
	assert_ok(f, store_learning_point_move(f->st, three, 1, &f->err));
	expect_points(f, "three:1,one:2,two:3,four:4");
	expect_history(f, before, 1,
		       &(struct want){.item = "three",
				      .field = "learning-point-number",
				      .old_value = "3",
				      .new_value = "1"});
	assert_ok(f, store_learning_point_move(f->st, three, 4, &f->err));
	expect_points(f, "one:1,two:2,four:3,three:4");
	assert_ok(f, store_learning_point_move(f->st, three, 4, &f->err)); /* already there */
	assert_int_equal(history_count(f), before + 2);

	expect_fail(&f->err, store_learning_point_move(f->st, three, 0, &f->err), MACA_EUSER,
		    "1 to 4");
	expect_fail(&f->err, store_learning_point_move(f->st, three, 5, &f->err), MACA_EUSER,
		    "1 to 4");
	expect_fail(&f->err, store_learning_point_move(f->st, 999, 1, &f->err), MACA_ENOTFOUND,
		    "999");
	expect_points(f, "one:1,two:2,four:3,three:4");
	assert_int_equal(history_count(f), before + 2);
}

static void test_learning_point_delete(void **state)
{
	struct fx *f = *state;
	add_case(f, "Child A");
	add_point(f, "one");
	int64_t two = add_point_with(f, "two", "Child A", "health", "voice", NULL);
	add_point(f, "three");
	add_action(f, two, "Audit of GP records");
	add_action(f, two, "Training for health visitors");
	size_t before = history_count(f);
	assert_ok(f, store_learning_point_delete(f->st, two, &f->err));
	expect_points(f, "one:1,three:2");
	sqlite3 *db = f->st->db;
	assert_int_equal(query_int(db, "SELECT count(*) FROM action"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point_case"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point_agency"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point_section"), 0);
	expect_history(f, before, 1, &(struct want){.field = "learning-point", .old_value = "two"});
	expect_fail(&f->err, store_learning_point_delete(f->st, two, &f->err), MACA_ENOTFOUND,
		    NULL);
	/* Numbering continues from the new last one. */
	int number;
	add_point_with(f, "four", "", "", "", &number);
	assert_int_equal(number, 3);
}

static void test_action_add(void **state)
{
	struct fx *f = *state;
	int64_t lp = add_point(f, "Child's voice missing from police records");
	size_t before = history_count(f);
	int64_t first = add_action(f, lp, "Add child's presentation to the DA incident form");
	struct action_fields a = {.what = "Second action", .status = ACTION_IN_PROGRESS};
	int64_t second;
	assert_ok(f, store_action_add(f->st, lp, &a, &second, &f->err));
	sqlite3 *db = f->st->db;
	expect_query(
	    db,
	    "1|police|2026-03-31|Dip sample of 20 referrals shows the child's voice|"
	    "not-started",
	    "SELECT position || '|' || owner_agency || '|' || due_date || '|' || measure || "
	    "'|' || status FROM action WHERE id = %lld",
	    (long long)first);
	expect_query(db, "2|||in-progress",
		     "SELECT position || '|' || owner_agency || '|' || due_date || '|' || status "
		     "FROM action WHERE id = %lld",
		     (long long)second);
	char item[24];
	snprintf(item, sizeof item, "%lld", (long long)second);
	expect_history(
	    f, before, 2,
	    &(struct want){.item = item, .field = "action", .new_value = "Second action"});

	const char *bad_dates[] = {"2026-02-30", "31/03/2026", "2026-3-31", "soon"};
	for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
		a.due_date = bad_dates[i];
		expect_fail(&f->err, store_action_add(f->st, lp, &a, &second, &f->err), MACA_EUSER,
			    bad_dates[i]);
	}
	a.due_date = "2024-02-29";
	a.owner_agency = "fire-service";
	expect_fail(&f->err, store_action_add(f->st, lp, &a, &second, &f->err), MACA_ENOTFOUND,
		    "fire-service");
	a.owner_agency = "";
	a.what = "";
	expect_fail(&f->err, store_action_add(f->st, lp, &a, &second, &f->err), MACA_EUSER, NULL);
	a.what = "Orphan";
	expect_fail(&f->err, store_action_add(f->st, 999, &a, &second, &f->err), MACA_ENOTFOUND,
		    "999");
	assert_int_equal(query_int(db, "SELECT count(*) FROM action"), 2);
	assert_int_equal(history_count(f), before + 2);
}

static void test_action_status_after_close(void **state)
{
	struct fx *f = *state;
	int64_t lp = add_point(f, "Step-down plans");
	int64_t action = add_action(f, lp, "Step-down template names the pastoral lead");
	close_audit(f);
	struct action_fields more = {.what = "Too late"};
	int64_t id;
	expect_fail(&f->err, store_action_add(f->st, lp, &more, &id, &f->err), MACA_ELOCKED,
		    "closed");
	size_t before = history_count(f);
	assert_ok(f, store_set_origin(f->st, "Board manager", "command line", &f->err));
	assert_ok(f, store_action_set_status(f->st, action, ACTION_IN_PROGRESS,
					     "Template drafted, out for consultation", &f->err));
	expect_query(f->st->db, "in-progress", "SELECT status FROM action WHERE id = %lld",
		     (long long)action);
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)action);
	size_t n;
	struct history_row *rows = history(f, &n);
	assert_int_equal(n, before + 1);
	expect_row(&rows[n - 1],
		   &(struct want){.agency = "police",
				  .item = item,
				  .field = "action-status",
				  .old_value = "not-started",
				  .new_value = "in-progress",
				  .reason = "Template drafted, out for consultation"});
	assert_string_equal(rows[n - 1].author, "Board manager");
	history_list_free(rows, n);
	assert_ok(f,
		  store_action_set_status(f->st, action, ACTION_DONE, "In use since May", &f->err));
	expect_history(f, before, 2,
		       &(struct want){.agency = "police",
				      .item = item,
				      .field = "action-status",
				      .old_value = "in-progress",
				      .new_value = "done",
				      .reason = "In use since May"});
	expect_fail(&f->err, store_action_set_status(f->st, 999, ACTION_DONE, "", &f->err),
		    MACA_ENOTFOUND, "999");
	expect_fail(&f->err,
		    store_action_set_status(f->st, action, (enum action_status)9, "", &f->err),
		    MACA_EUSER, "unknown action status");
	char *huge = malloc(250002);
	assert_non_null(huge);
	memset(huge, 'n', 250001);
	huge[250001] = '\0';
	expect_fail(&f->err, store_action_set_status(f->st, action, ACTION_DONE, huge, &f->err),
		    MACA_EUSER, "the progress note is 250001 characters long");
	free(huge);
}

/* Every write is one transaction */

static void test_failed_write_leaves_nothing(void **state)
{
	struct fx *f = *state;
	add_case(f, "Child A");
	size_t before = history_count(f);
	struct named_list c = {0}, a = {0}, s = {0};
	assert_true(split_list("Child A", &c) && split_list("csc", &a) &&
		    split_list("identification, not-a-section", &s));
	struct learning_point_fields lp = {
	    .title = "Half-made", .cases = &c, .agencies = &a, .sections = &s};
	int64_t id;
	expect_fail(&f->err, store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err),
		    MACA_EUSER, "not-a-section");
	named_list_free(&c);
	named_list_free(&a);
	named_list_free(&s);
	sqlite3 *db = f->st->db;
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point_case"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point_agency"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM learning_point_section"), 0);
	assert_int_equal(history_count(f), before);
	assert_true(sqlite3_get_autocommit(db)); /* no transaction left open */
	/* The next point is still number 1. */
	int number;
	add_point_with(f, "Whole", "Child A", "csc", "identification", &number);
	assert_int_equal(number, 1);
}

/* Busy */

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_busy_database(void **state)
{
	struct fx *f = *state;
	char *db = path_in(f, "maca.db");
	assert_ok(f, store_open(db, &f->st, &f->err));
	f->audit = new_audit(f, "Shared audit");
	add_case(f, "Child A");
	size_t before = history_count(f);

	sqlite3 *other = open_raw(db);
	exec_sql(other, "BEGIN IMMEDIATE");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int64_t id;
	struct case_fields c = {.reference = "Child B"};
	expect_fail(&f->err, store_case_add(f->st, f->audit, &c, &id, &f->err), MACA_EBUSY, "busy");
	assert_true(seconds_since(&t0) >= 2.5); /* it waited for the other writer */
	exec_sql(other, "ROLLBACK");
	sqlite3_close(other);

	char *refs = case_refs(f);
	assert_string_equal(refs, "Child A");
	free(refs);
	assert_int_equal(history_count(f), before);
	assert_true(sqlite3_get_autocommit(f->st->db));
	add_case(f, "Child B"); /* and it works once the other writer is done */
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_open_creates_private_file_and_directories,
					    setup_template, teardown),
	    cmocka_unit_test_setup_teardown(test_open_tags_migrates_and_uses_wal, setup_template,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_double_quoted_names_are_names, setup_template,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_reopen_keeps_data, setup_template, teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_text_file, setup_template, teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_empty_file, setup_template, teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_other_sqlite_database, setup_template,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_truncated_maca_database, setup_template,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_opens_database_cut_off_mid_checkpoint,
					    setup_template, teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_newer_database, setup_template, teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_directory, setup_template, teardown),
	    cmocka_unit_test_setup_teardown(test_migration_counts_existing_answers, setup_template,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_answer_counts_follow_changes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_create_takes_template_defaults, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_audit_create_with_own_theme_and_agencies, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_audit_get_and_list, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_resolve, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_resolve_all_digit_prefix, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_template_parsed_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_keeps_its_template_copy, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_case_add_and_list, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_case_add_refuses_unknown_age_band_and_tag, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_case_add_refuses_duplicate_reference, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_case_refuses_lookalike_references, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_case_update, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_update_records_each_change, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_case_remove_cascades, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_roundtrip_is_byte_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_refuses_invalid_input, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_same_save_writes_no_history, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_answer_history_records_changes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_evidence_change_keeps_value, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_case_agency_answers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_evidence_written_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_deleted_keeps_history_texts, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_migration_8_keeps_history, setup_template,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_note_save_get_and_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_agreed_save_and_get, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_agreed_change_after_moderation_needs_reason, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_close_needs_every_case_moderated, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_closed_audit_refuses_writes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reopen_needs_reason, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_good_practice_add, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_good_practice_move_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_learning_point_add_numbers_and_links, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_learning_point_add_refuses_unknown_links, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_learning_point_move, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_learning_point_delete, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_action_add, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_action_status_after_close, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failed_write_leaves_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_busy_database, setup_template, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
