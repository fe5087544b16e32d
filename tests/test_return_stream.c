/* A return imported from the file where it lies: checked whole on opening, its answers read
 * again one at a time by each walk (the plan shown, then the one transaction), never held
 * whole, and refused when the file changes under the import. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "return_doc.h"
#include "return_import.h"
#include "sbuf.h"
#include "sealed.h"
#include "store.h"
#include "testutil.h"
#include "workbook.h"

#define Q1 "identification-recognised"
#define Q2 "identification-referral"

struct fx {
	char *dir;
	struct template *tpl;
	struct store *chair;
	int64_t audit;
	unsigned char *bytes; /* police's return */
	size_t len;
	char *path; /* the return, written to dir */
};

#define OK(call)                                                                                   \
	do {                                                                                       \
		struct maca_err e_ = {0};                                                          \
		int rc_ = (call);                                                                  \
		if (rc_)                                                                           \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&e_));                      \
	} while (0)

static void write_file(const char *path, const unsigned char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	struct diag_list diags = {0};
	assert_int_equal(template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini",
					    &f->tpl, &diags),
			 0);
	struct maca_err err = {0};
	char *db = str_fmt("%s/chair.db", f->dir);
	assert_int_equal(store_open(db, &f->chair, &err), 0);
	free(db);
	assert_int_equal(store_set_origin(f->chair, "Chair Person", "keyboard", &err), 0);
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "csc", "Children's social care"));
	assert_true(named_add(&agencies, "police", "Police"));
	struct audit_new a = {.title = "Streaming audit", .agencies = &agencies, .tpl = f->tpl};
	assert_int_equal(store_audit_create(f->chair, &a, &f->audit, &err), 0);
	named_list_free(&agencies);
	int64_t ids[3];
	const char *refs[3] = {"Child A", "Child B", "Child C"};
	for (int i = 0; i < 3; i++) {
		struct case_fields c = {.reference = refs[i]};
		assert_int_equal(store_case_add(f->chair, f->audit, &c, &ids[i], &err), 0);
	}
	/* Police's answers, collected into a return as their maca would write it, then taken out
	 * of the chair's database again: importing the return adds them. */
	for (int i = 0; i < 3; i++) {
		char *ev = str_fmt("Evidence for %s: PPN sent,\nstrategy call held.", refs[i]);
		assert_int_equal(
		    store_answer_save(f->chair, ids[i], "police", Q1, "good", ev, &err), 0);
		assert_int_equal(
		    store_answer_save(f->chair, ids[i], "police", Q2, "inadequate", "None", &err),
		    0);
		free(ev);
	}
	struct return_doc *doc;
	assert_int_equal(return_collect(f->chair, f->audit, "police", RETURN_RETURN, "Police",
					"0.1.0", &doc, &err),
			 0);
	assert_int_equal(return_serialize(doc, &f->bytes, &f->len, &err), 0);
	return_doc_free(doc);
	sqlite3 *raw;
	char *path = str_fmt("%s/chair.db", f->dir);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	free(path);
	assert_int_equal(
	    sqlite3_exec(raw, "DELETE FROM history_log; DELETE FROM answer", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	f->path = str_fmt("%s/return-police.maca", f->dir);
	write_file(f->path, f->bytes, f->len);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->chair);
	template_free(f->tpl);
	free(f->bytes);
	free(f->path);
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static long long count(struct fx *f, const char *sql)
{
	char *db = str_fmt("%s/chair.db", f->dir);
	char *v = tu_sql_value(db, sql);
	long long n = strtoll(v, NULL, 10);
	free(v);
	free(db);
	return n;
}

/* Opens the file as maca import does. */
static struct return_doc *open_file(const char *path, char sum[65])
{
	struct return_input in;
	struct maca_err err = {0};
	if (return_input_open(path, &in, &err))
		fail_msg("%s", err_msg(&err));
	memcpy(sum, in.checksum, 65);
	struct return_doc *doc = NULL;
	if (sheet_open_input(NULL, &in, &doc, &err))
		fail_msg("%s", err_msg(&err));
	return_input_free(&in);
	return doc;
}

struct seen {
	size_t answers;
	char refs[8][16];
};

static int see_answer(void *ctx, const struct return_answer *a, struct maca_err *err)
{
	(void)err;
	struct seen *s = ctx;
	if (s->answers < 8)
		snprintf(s->refs[s->answers], sizeof s->refs[0], "%s", a->case_ref);
	s->answers++;
	return MACA_OK;
}

static int see_note(void *ctx, const struct return_note *n, struct maca_err *err)
{
	(void)ctx, (void)n, (void)err;
	return MACA_OK;
}

/* A maca file is left where it lies: hashed as read, its rows counted but not held, read again
 * by each walk in the file's order; importing it adds every answer, with the file's
 * checksum in the history. */
static void test_file_read_where_it_lies(void **state)
{
	struct fx *f = *state;
	struct return_input in;
	struct maca_err err = {0};
	assert_int_equal(return_input_open(f->path, &in, &err), 0);
	assert_null(in.bytes);
	assert_true(in.fd >= 0);
	char sum[65];
	return_checksum(f->bytes, f->len, sum);
	assert_string_equal(in.checksum, sum);
	struct return_doc *doc = NULL;
	assert_int_equal(return_open(&in, &doc, &err), 0);
	assert_int_equal(in.fd, -1); /* the document took the file */
	return_input_free(&in);
	assert_null(doc->answers);
	assert_int_equal(doc->nanswers, 6);
	assert_int_equal(doc->ncases, 3);
	for (int pass = 0; pass < 2; pass++) {
		struct seen s = {0};
		assert_int_equal(return_walk(doc, see_answer, see_note, &s, &err), 0);
		assert_int_equal(s.answers, 6);
		assert_string_equal(s.refs[0], "Child A");
		assert_string_equal(s.refs[5], "Child C");
	}
	struct return_plan plan;
	assert_int_equal(return_plan_make(f->chair, doc, &plan, &err), 0);
	assert_int_equal(plan.nadd, 6);
	assert_int_equal(return_apply(f->chair, doc, &plan, false, sum, &err), 0);
	return_plan_free(&plan);
	return_doc_free(doc);
	assert_int_equal(count(f, "SELECT count(*) FROM answer"), 6);
	char *q = str_fmt("SELECT count(*) FROM history WHERE checksum = '%s' AND field = "
			  "'evidence' AND new_value LIKE 'Evidence for Child _: PPN sent,%%'",
			  sum);
	assert_int_equal(count(f, q), 3);
	free(q);
}

/* Written to while it is being imported: nothing is imported, and the message says why. */
static void test_changed_file_refused(void **state)
{
	struct fx *f = *state;
	char sum[65];
	struct return_doc *doc = open_file(f->path, sum);
	struct return_plan plan;
	struct maca_err err = {0};
	assert_int_equal(return_plan_make(f->chair, doc, &plan, &err), 0);
	/* The same bytes written again: the file is not the one that was checked any more. */
	int fd = open(f->path, O_WRONLY);
	assert_true(fd >= 0);
	usleep(10000);
	assert_int_equal(pwrite(fd, f->bytes, 100, 0), 100);
	close(fd);
	assert_int_equal(return_apply(f->chair, doc, &plan, false, sum, &err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&err), "changed while maca was reading it"));
	err_clear(&err);
	return_plan_free(&plan);
	return_doc_free(doc);
	assert_int_equal(count(f, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM history WHERE field = 'evidence'"), 0);
}

/* Another file put in its place (renamed over it) after it was checked: refused too. */
static void test_replaced_file_refused(void **state)
{
	struct fx *f = *state;
	char sum[65];
	struct return_doc *doc = open_file(f->path, sum);
	char *other = str_fmt("%s/other.maca", f->dir);
	write_file(other, f->bytes, f->len);
	assert_int_equal(rename(other, f->path), 0);
	free(other);
	struct return_plan plan;
	struct maca_err err = {0};
	assert_int_equal(return_plan_make(f->chair, doc, &plan, &err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&err), "changed while maca was reading it"));
	err_clear(&err);
	return_doc_free(doc);
	assert_int_equal(count(f, "SELECT count(*) FROM answer"), 0);
}

/* Whatever the file is called, SQLite is given the file maca hashed. */
static void test_any_file_name(void **state)
{
	struct fx *f = *state;
	char *sub = str_fmt("%s/a dir?x=1#y", f->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	/* "//" at the start of a path is still the root on Linux, not a URI's authority. */
	char *odd = str_fmt("/%s/ret%%urn 100%% é?.maca", sub);
	write_file(odd, f->bytes, f->len);
	char sum[65];
	struct return_doc *doc = open_file(odd, sum);
	struct return_plan plan;
	struct maca_err err = {0};
	assert_int_equal(return_plan_make(f->chair, doc, &plan, &err), 0);
	assert_int_equal(return_apply(f->chair, doc, &plan, false, sum, &err), 0);
	return_plan_free(&plan);
	return_doc_free(doc);
	assert_int_equal(count(f, "SELECT count(*) FROM answer"), 6);
	free(odd);
	free(sub);
}

/* Found on opening as return_parse finds it: the same case and question twice. */
static void test_duplicates_found_without_holding(void **state)
{
	struct fx *f = *state;
	sqlite3 *raw;
	char *copy = str_fmt("%s/twice.maca", f->dir);
	write_file(copy, f->bytes, f->len);
	assert_int_equal(sqlite3_open(copy, &raw), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(raw,
			 "INSERT INTO answers SELECT * FROM answers WHERE rowid = 2; "
			 "INSERT INTO notes (case_reference, section_id, prompt_id, "
			 "text, author, updated_at) VALUES ('Child A', "
			 "'identification', 'good-practice', 'a', 'b', 'c'), ('Child A', "
			 "'identification', 'good-practice', 'a', 'b', 'c')",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	struct return_input in;
	struct maca_err err = {0};
	assert_int_equal(return_input_open(copy, &in, &err), 0);
	struct return_doc *doc = NULL;
	assert_int_equal(return_open(&in, &doc, &err), MACA_ENOTMACA);
	assert_null(doc);
	assert_non_null(strstr(err_msg(&err), "question " Q2 ": answered more than once"));
	assert_non_null(
	    strstr(err_msg(&err), "note identification/good-practice: given more than once"));
	err_clear(&err);
	return_input_free(&in);
	free(copy);
}

/* A sealed file is opened in memory (its plaintext never goes to disk) and read from there;
 * maca show holds every row to list them. */
static void test_sealed_read_in_memory(void **state)
{
	struct fx *f = *state;
	unsigned char *sealed;
	size_t slen;
	struct maca_err err = {0};
	assert_int_equal(sealed_seal_limits(f->bytes, f->len, "a long passphrase", 17, 1, 8192,
					    &sealed, &slen, &err),
			 0);
	char *path = str_fmt("%s/sealed.maca", f->dir);
	write_file(path, sealed, slen);
	free(sealed);
	struct return_input in;
	assert_int_equal(return_input_open(path, &in, &err), 0);
	assert_true(in.sealed);
	assert_int_equal(return_input_unseal(&in, "a long passphrase", 17, &err), 0);
	assert_false(in.sealed);
	struct return_doc *doc = NULL;
	assert_int_equal(sheet_open_input(NULL, &in, &doc, &err), 0);
	assert_null(in.bytes); /* the document took the plaintext */
	return_input_free(&in);
	assert_null(doc->answers);
	assert_int_equal(return_hold(doc, &err), 0);
	assert_int_equal(doc->nanswers, 6);
	assert_non_null(doc->answers);
	assert_string_equal(doc->answers[1].question_id, Q2);
	assert_string_equal(doc->answers[1].evidence, "None");
	return_doc_free(doc);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_file_read_where_it_lies, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changed_file_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_replaced_file_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_any_file_name, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_duplicates_found_without_holding, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sealed_read_in_memory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
