/* The store's records for the audit day: a case's confidential summary, the agencies taking
 * part chosen and changed, attendance, where the chair is, and the read-only way in the room
 * view uses (which must leave the database file's bytes as they were). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "names.h"
#include "store.h"
#include "testutil.h"

#define GRADED "identification-recognised"

struct fx {
	struct store *st;
	struct template *tpl;
	int64_t audit;
	char *dir;
	char *db;
	struct maca_err err;
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

static void expect_fail(struct maca_err *err, int rc, enum maca_status status, const char *needle)
{
	if (rc != (int)status)
		fail_msg("expected status %d, got %d: %s", status, rc, err_msg(err));
	if (needle && !strstr(err_msg(err), needle))
		fail_msg("message \"%s\" lacks \"%s\"", err_msg(err), needle);
	err_clear(err);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	char *path = NULL;
	assert_true(asprintf(&path, "%s/audit-templates/domestic-abuse.ini", tu_source_dir()) > 0);
	struct diag_list diags = {0};
	assert_int_equal(template_load_file(path, &f->tpl, &diags), 0);
	diag_list_free(&diags);
	free(path);
	f->dir = tu_tempdir();
	assert_true(asprintf(&f->db, "%s/maca.db", f->dir) > 0);
	assert_ok(f, store_open(f->db, &f->st, &f->err));
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "csc", "Children's social care"));
	assert_true(named_add(&agencies, "police", "Police"));
	assert_true(named_add(&agencies, "health", "Health"));
	struct audit_new a = {
	    .title = "Day audit", .tpl = f->tpl, .agencies = &agencies, .chair_agency = "csc"};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	named_list_free(&agencies);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	template_free(f->tpl);
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	free(f);
	return 0;
}

static int64_t add_case(struct fx *f, const char *ref, const char *summary)
{
	struct case_fields c = {.reference = ref, .summary = summary};
	int64_t id = 0;
	assert_ok(f, store_case_add(f->st, f->audit, &c, &id, &f->err));
	return id;
}

static char *sql(struct fx *f, const char *query)
{
	return tu_sql_value(f->db, query);
}

static void expect_sql(struct fx *f, const char *query, const char *want)
{
	tu_expect_sql(f->db, query, want);
}

/* The summary is kept with the case, left alone by an edit that does not give one, and its
 * changes are in the history. */
static void test_case_summary(void **state)
{
	struct fx *f = *state;
	int64_t id = add_case(f, "Child A", "Two siblings; father left in March.");
	struct case_info *cases;
	size_t n;
	assert_ok(f, store_case_list(f->st, f->audit, &cases, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(cases[0].summary, "Two siblings; father left in March.");
	assert_string_equal(cases[0].moderated_at, "");
	case_info_list_free(cases, n);
	struct case_fields keep = {.reference = "Child A", .age_band = "5-10"};
	assert_ok(f, store_case_update(f->st, id, &keep, &f->err));
	expect_sql(f, "SELECT summary FROM audit_case", "Two siblings; father left in March.");
	struct case_fields change = {.reference = "Child A", .summary = "Three siblings."};
	assert_ok(f, store_case_update(f->st, id, &change, &f->err));
	expect_sql(f, "SELECT summary FROM audit_case", "Three siblings.");
	expect_sql(f,
		   "SELECT old_value || ' -> ' || new_value FROM history WHERE field = "
		   "'case-summary'",
		   "Two siblings; father left in March. -> Three siblings.");
	/* Marked moderated: the time is read back for comparing with answers changed later. */
	assert_ok(f, store_case_set_moderated(f->st, id, true, &f->err));
	assert_ok(f, store_case_list(f->st, f->audit, &cases, &n, &f->err));
	assert_true(cases[0].moderated);
	assert_true(strlen(cases[0].moderated_at) >= 20);
	case_info_list_free(cases, n);
}

/* An edit expecting the summary it read fails when another maca changed it meanwhile. */
static void test_case_summary_conflict(void **state)
{
	struct fx *f = *state;
	int64_t id = add_case(f, "Child A", "First");
	struct case_info *cases;
	size_t n;
	assert_ok(f, store_case_list(f->st, f->audit, &cases, &n, &f->err));
	struct case_fields other = {.reference = "Child A", .summary = "Other"};
	assert_ok(f, store_case_update(f->st, id, &other, &f->err));
	struct case_fields mine = {.reference = "Child A", .summary = "Mine"};
	struct case_info now = {0};
	expect_fail(&f->err, store_case_update_if(f->st, id, &mine, &cases[0], &now, NULL, &f->err),
		    MACA_ECONFLICT, NULL);
	assert_string_equal(now.summary, "Other");
	case_info_free(&now);
	/* An edit that keeps the summary does not look at it. */
	struct case_fields keep = {.reference = "Child A"};
	assert_ok(f, store_case_update_if(f->st, id, &keep, &cases[0], NULL, NULL, &f->err));
	case_info_list_free(cases, n);
}

static struct named_list agencies_of(const char *const *codes)
{
	struct named_list l = {0};
	for (size_t i = 0; codes[i]; i++)
		assert_true(named_add(&l, codes[i], codes[i]));
	return l;
}

/* Agencies are added and reordered; one that holds nothing leaves; one with answers, the
 * chair's, an empty list or a repeated one are refused with nothing changed. */
static void test_set_agencies(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A", NULL);
	assert_ok(f, store_answer_save(f->st, a, "police", GRADED, "good", "Seen", &f->err));
	struct named_list l = agencies_of((const char *[]){"police", "csc", "education", NULL});
	assert_ok(f, store_audit_set_agencies(f->st, f->audit, &l, &f->err));
	named_list_free(&l);
	expect_sql(
	    f, "SELECT group_concat(code, ',') FROM (SELECT code FROM agency ORDER BY position)",
	    "police,csc,education");
	expect_sql(f,
		   "SELECT old_value || ' -> ' || new_value FROM history WHERE field = "
		   "'audit-agencies'",
		   "csc,health,police -> csc,education,police");
	expect_sql(f, "SELECT count(*) FROM answer", "1");

	l = agencies_of((const char *[]){"csc", "education", NULL});
	expect_fail(&f->err, store_audit_set_agencies(f->st, f->audit, &l, &f->err), MACA_EUSER,
		    "Kept police: it has 1 answer in this audit");
	named_list_free(&l);
	l = agencies_of((const char *[]){"police", "education", NULL});
	expect_fail(&f->err, store_audit_set_agencies(f->st, f->audit, &l, &f->err), MACA_EUSER,
		    "chair agency");
	named_list_free(&l);
	l = agencies_of((const char *[]){"police", "csc", "police", NULL});
	expect_fail(&f->err, store_audit_set_agencies(f->st, f->audit, &l, &f->err), MACA_EUSER,
		    "listed twice");
	named_list_free(&l);
	l = (struct named_list){0};
	expect_fail(&f->err, store_audit_set_agencies(f->st, f->audit, &l, &f->err), MACA_EUSER,
		    "at least one agency");
	expect_sql(
	    f, "SELECT group_concat(code, ',') FROM (SELECT code FROM agency ORDER BY position)",
	    "police,csc,education");

	/* The audit form changes the chair and the agencies in one save. */
	l = agencies_of((const char *[]){"police", "education", NULL});
	struct audit_new edit = {.title = "Day audit", .chair_agency = "police", .agencies = &l};
	assert_ok(f, store_audit_update(f->st, f->audit, &edit, &f->err));
	named_list_free(&l);
	expect_sql(f, "SELECT chair_agency FROM audit", "police");
	expect_sql(
	    f, "SELECT group_concat(code, ',') FROM (SELECT code FROM agency ORDER BY position)",
	    "police,education");
}

/* A section note or a learning point keeps an agency in the audit too. */
static void test_agency_with_notes_stays(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A", NULL);
	assert_ok(f, store_note_save(f->st, a, "health", "identification", "good-practice",
				     "Seen at home", &f->err));
	struct named_list l = agencies_of((const char *[]){"csc", "police", NULL});
	expect_fail(&f->err, store_audit_set_agencies(f->st, f->audit, &l, &f->err), MACA_EUSER,
		    "1 note");
	named_list_free(&l);
}

static void test_attendance(void **state)
{
	struct fx *f = *state;
	struct attendance_row *rows;
	size_t n;
	assert_ok(f, store_attendance_list(f->st, f->audit, &rows, &n, &f->err));
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].status, ATTENDANCE_UNKNOWN);
	attendance_rows_free(rows, n);
	assert_ok(f, store_attendance_set(f->st, f->audit, "police", ATTENDANCE_ATTENDED,
					  "DS Okafor", &f->err));
	assert_ok(f, store_attendance_set(f->st, f->audit, "health", ATTENDANCE_APOLOGIES, NULL,
					  &f->err));
	assert_ok(f, store_attendance_list(f->st, f->audit, &rows, &n, &f->err));
	assert_string_equal(rows[0].agency, "csc");
	assert_int_equal(rows[0].status, ATTENDANCE_UNKNOWN);
	assert_int_equal(rows[1].status, ATTENDANCE_ATTENDED);
	assert_string_equal(rows[1].note, "DS Okafor");
	assert_int_equal(rows[2].status, ATTENDANCE_APOLOGIES);
	attendance_rows_free(rows, n);
	assert_string_equal(attendance_label(ATTENDANCE_APOLOGIES), "Sent apologies");
	expect_sql(f, "SELECT count(*) FROM history WHERE field LIKE 'attendance%'", "3");
	/* Cleared again; an agency not taking part, and a closed audit, are refused. */
	assert_ok(
	    f, store_attendance_set(f->st, f->audit, "police", ATTENDANCE_UNKNOWN, NULL, &f->err));
	expect_sql(f, "SELECT count(*) FROM attendance", "1");
	expect_fail(
	    &f->err,
	    store_attendance_set(f->st, f->audit, "probation", ATTENDANCE_ATTENDED, NULL, &f->err),
	    MACA_ENOTFOUND, "probation");
	assert_ok(f, store_audit_set_status(f->st, f->audit, AUDIT_CLOSED, NULL, &f->err));
	expect_fail(
	    &f->err,
	    store_attendance_set(f->st, f->audit, "csc", ATTENDANCE_ATTENDED, NULL, &f->err),
	    MACA_ELOCKED, NULL);
}

/* One row per audit, overwritten, never in the history; kept when the audit is closed; a
 * removed case leaves no place in it. */
static void test_chair_place(void **state)
{
	struct fx *f = *state;
	struct chair_place p;
	bool found = true;
	assert_ok(f, store_chair_place_get(f->st, f->audit, &p, &found, &f->err));
	assert_false(found);
	chair_place_free(&p);
	int64_t latest = -1;
	assert_ok(f, store_chair_place_latest(f->st, &latest, &f->err));
	assert_int_equal(latest, 0);
	int64_t a = add_case(f, "Child A", NULL), b = add_case(f, "Child B", NULL);
	char *before = sql(f, "SELECT count(*) FROM history");
	struct chair_place at = {
	    .case_id = a, .section_id = "assessment", .question_id = "assessment-holistic"};
	assert_ok(f, store_chair_place_set(f->st, f->audit, &at, &f->err));
	at = (struct chair_place){
	    .case_id = b, .section_id = "voice", .question_id = "voice-seen", .show_summary = true};
	assert_ok(f, store_chair_place_set(f->st, f->audit, &at, &f->err));
	char *after = sql(f, "SELECT count(*) FROM history");
	assert_string_equal(before, after);
	free(before);
	free(after);
	expect_sql(f, "SELECT count(*) FROM chair_place", "1");
	assert_ok(f, store_chair_place_get(f->st, f->audit, &p, &found, &f->err));
	assert_true(found);
	assert_int_equal(p.case_id, b);
	assert_string_equal(p.section_id, "voice");
	assert_string_equal(p.question_id, "voice-seen");
	assert_true(p.show_summary);
	chair_place_free(&p);
	assert_ok(f, store_chair_place_latest(f->st, &latest, &f->err));
	assert_int_equal(latest, f->audit);
	assert_ok(f, store_case_set_moderated(f->st, a, true, &f->err));
	assert_ok(f, store_case_set_moderated(f->st, b, true, &f->err));
	assert_ok(f, store_audit_set_status(f->st, f->audit, AUDIT_CLOSED, NULL, &f->err));
	at.question_id = "voice-direct-work";
	assert_ok(f, store_chair_place_set(f->st, f->audit, &at, &f->err));
	assert_ok(f,
		  store_audit_set_status(f->st, f->audit, AUDIT_MODERATION, "a reason", &f->err));
	assert_ok(f, store_case_remove(f->st, b, &f->err));
	assert_ok(f, store_chair_place_get(f->st, f->audit, &p, &found, &f->err));
	assert_int_equal(p.case_id, 0);
	assert_string_equal(p.question_id, "voice-direct-work");
	chair_place_free(&p);
}

/* The place never keeps the chair waiting: while another maca writes, it is left for the next
 * move at once, and the next write, the lock gone, succeeds. */
static void test_chair_place_never_waits(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A", NULL);
	struct store *other;
	assert_ok(f, store_open(f->db, &other, &f->err));
	assert_ok(f, store_begin(other, &f->err)); /* holds the write lock */
	struct chair_place at = {.case_id = a, .section_id = "voice", .question_id = "voice-seen"};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_fail(&f->err, store_chair_place_set(f->st, f->audit, &at, &f->err), MACA_EBUSY,
		    NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* Not the three seconds every other write waits for a busy database. */
	double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(waited < 1.0);
	assert_int_equal(store_end(other, MACA_OK, &f->err), MACA_OK);
	store_close(other);
	assert_ok(f, store_chair_place_set(f->st, f->audit, &at, &f->err));
}

static char *file_digest(const char *path)
{
	size_t len = 0;
	char *bytes = tu_read(path, &len);
	assert_non_null(bytes);
	/* FNV-1a over every byte: a change anywhere shows. */
	unsigned long long h = 14695981039346656037ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)bytes[i]) * 1099511628211ull;
	free(bytes);
	char *out = NULL;
	assert_true(asprintf(&out, "%zu:%016llx", len, h) > 0);
	return out;
}

/* The room view's store reads what the chair writes, refuses to write, and leaves the file's
 * bytes as they were, with and without a writer open beside it. */
static void test_open_readonly(void **state)
{
	struct fx *f = *state;
	int64_t a = add_case(f, "Child A", "Confidential");
	struct chair_place at = {.case_id = a, .section_id = "voice", .question_id = "voice-seen"};
	assert_ok(f, store_chair_place_set(f->st, f->audit, &at, &f->err));
	store_close(f->st);
	f->st = NULL;
	char *before = file_digest(f->db);

	struct store *room;
	assert_ok(f, store_open_readonly(f->db, &room, &f->err));
	struct chair_place p;
	bool found;
	assert_ok(f, store_chair_place_get(room, f->audit, &p, &found, &f->err));
	assert_true(found);
	assert_int_equal(p.case_id, a);
	expect_fail(&f->err, store_chair_place_set(room, f->audit, &p, &f->err), MACA_EIO,
		    "cannot be written");
	chair_place_free(&p);
	int64_t v1 = 0, v2 = 0;
	assert_ok(f, store_data_version(room, &v1, &f->err));

	/* The chair moves, in a store of its own: the room sees the data version move and the
	 * new place. */
	assert_ok(f, store_open(f->db, &f->st, &f->err));
	at.question_id = "voice-direct-work";
	assert_ok(f, store_chair_place_set(f->st, f->audit, &at, &f->err));
	assert_ok(f, store_data_version(room, &v2, &f->err));
	assert_true(v2 != v1);
	assert_ok(f, store_chair_place_get(room, f->audit, &p, &found, &f->err));
	assert_string_equal(p.question_id, "voice-direct-work");
	chair_place_free(&p);
	store_close(f->st);
	f->st = NULL;
	store_close(room);

	/* With no writer, the room alone leaves the file as it found it. */
	free(before);
	before = file_digest(f->db);
	assert_ok(f, store_open_readonly(f->db, &room, &f->err));
	struct case_info *cases;
	size_t n;
	assert_ok(f, store_case_list(room, f->audit, &cases, &n, &f->err));
	assert_int_equal(n, 1);
	case_info_list_free(cases, n);
	store_close(room);
	char *after = file_digest(f->db);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* A database of an older schema is not upgraded by the room view: it says what to do. */
	char *old = NULL;
	assert_true(asprintf(&old, "%s/old.db", f->dir) > 0);
	struct store *st;
	assert_ok(f, store_open(old, &st, &f->err));
	store_close(st);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(old, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 5", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	expect_fail(&f->err, store_open_readonly(old, &room, &f->err), MACA_EUSER,
		    "open it once in maca");
	free(old);
	assert_ok(f, store_open(f->db, &f->st, &f->err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_case_summary, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_case_summary_conflict, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_set_agencies, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_agency_with_notes_stays, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attendance, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_chair_place, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_chair_place_never_waits, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_open_readonly, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
