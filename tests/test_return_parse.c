/* Hostile packs and returns: every malformed file refused cleanly by return_parse, with
 * every problem named; the read size capped; and `show` safe for hostile text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "return_doc.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

struct fx {
	struct template *tpl;
	struct store *st;
	int64_t audit;
};

/* An audit with two cases and a police answer and note: what a return would carry. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	struct diag_list diags = {0};
	assert_int_equal(template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini",
					    &f->tpl, &diags),
			 0);
	struct maca_err err = {0};
	assert_int_equal(store_open(":memory:", &f->st, &err), 0);
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "police", "Police"));
	struct audit_new a = {.title = "Returns test audit", .agencies = &agencies, .tpl = f->tpl};
	assert_int_equal(store_audit_create(f->st, &a, &f->audit, &err), 0);
	named_list_free(&agencies);
	struct named_list tags = {0};
	assert_true(named_add(&tags, "marac", "marac"));
	struct case_fields ca = {.reference = "Child A", .age_band = "1-4", .tags = &tags};
	struct case_fields cb = {.reference = "Child B"};
	int64_t a_id, b_id;
	assert_int_equal(store_case_add(f->st, f->audit, &ca, &a_id, &err), 0);
	assert_int_equal(store_case_add(f->st, f->audit, &cb, &b_id, &err), 0);
	named_list_free(&tags);
	assert_int_equal(store_answer_save(f->st, a_id, "police", "identification-recognised",
					   "good", "x", &err),
			 0);
	assert_int_equal(store_note_save(f->st, a_id, "police", "identification", "good-practice",
					 "A note", &err),
			 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	template_free(f->tpl);
	free(f);
	return 0;
}

static struct return_doc *collect(struct fx *f)
{
	struct return_doc *doc;
	struct maca_err err = {0};
	assert_int_equal(
	    return_collect(f->st, f->audit, "police", RETURN_RETURN, "T", "0", &doc, &err), 0);
	return doc;
}

static unsigned char *valid_return(struct fx *f, size_t *len)
{
	struct return_doc *doc = collect(f);
	unsigned char *buf;
	struct maca_err err = {0};
	assert_int_equal(return_serialize(doc, &buf, len, &err), 0);
	return_doc_free(doc);
	return buf;
}

static void replace_text(char **field, const char *text)
{
	free(*field);
	*field = strdup(text);
	assert_non_null(*field);
}

/* A copy of a valid file changed by sql, through SQLite itself. */
static unsigned char *mutate(const unsigned char *buf, size_t len, const char *sql, size_t *out)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	unsigned char *copy = sqlite3_malloc64(len);
	assert_non_null(copy);
	memcpy(copy, buf, len);
	assert_int_equal(
	    sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE),
	    SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		print_error("%s: %s\n", sql, msg);
	assert_null(msg);
	sqlite3_int64 size;
	unsigned char *bytes = sqlite3_serialize(db, "main", &size, 0);
	assert_non_null(bytes);
	unsigned char *res = malloc((size_t)size);
	memcpy(res, bytes, (size_t)size);
	*out = (size_t)size;
	sqlite3_free(bytes);
	sqlite3_close(db);
	return res;
}

static void expect_bad(const unsigned char *buf, size_t len, const char *needle)
{
	struct return_doc *doc = NULL;
	struct maca_err err = {0};
	int rc = return_parse(buf, len, &doc, &err);
	if (rc == 0 || !strstr(err_msg(&err), needle))
		print_error("got %d: %s (want %s)\n", rc, err_msg(&err), needle);
	assert_int_not_equal(rc, 0);
	assert_null(doc);
	assert_non_null(strstr(err_msg(&err), needle));
	err_clear(&err);
}

static void expect_bad_sql(const unsigned char *buf, size_t len, const char *sql,
			   const char *needle)
{
	size_t n;
	unsigned char *bad = mutate(buf, len, sql, &n);
	expect_bad(bad, n, needle);
	free(bad);
}

static void test_hostile_files(void **state)
{
	struct fx *f = *state;
	size_t len;
	unsigned char *buf = valid_return(f, &len);

	/* Wrong application_id, another format version, not SQLite at all. */
	unsigned char *bad = malloc(len);
	memcpy(bad, buf, len);
	bad[71] ^= 1;
	expect_bad(bad, len, "not a maca pack or return");
	memcpy(bad, buf, len);
	bad[63] = 3;
	expect_bad(bad, len, "format version 3, but this maca reads versions 1 to 2; upgrade");
	memcpy(bad, buf, len);
	bad[63] = 0;
	expect_bad(bad, len, "format version 0");
	expect_bad((const unsigned char *)"hello", 5, "not an SQLite file");
	expect_bad(buf, 0, "not an SQLite file");
	/* Truncated, at a page boundary and not. */
	expect_bad(buf, len - 4096, "truncated");
	expect_bad(buf, len / 2 + 1, "truncated");
	free(bad);
	/* Oversize: refused before a byte of it is read. */
	unsigned char *huge = calloc(1, RETURN_MAX_FILE + 1);
	assert_non_null(huge);
	expect_bad(huge, RETURN_MAX_FILE + 1, "larger than any");
	free(huge);

	expect_bad_sql(buf, len, "CREATE TABLE extra (x)", "a table that is not part");
	expect_bad_sql(buf, len, "CREATE VIEW v AS SELECT 1", "a view that is not part");
	expect_bad_sql(buf, len,
		       "CREATE TRIGGER t AFTER INSERT ON cases BEGIN DELETE FROM notes; END",
		       "a trigger that is not part");
	expect_bad_sql(buf, len, "CREATE INDEX i ON cases(reference)", "schema object");
	expect_bad_sql(buf, len,
		       "DROP TABLE notes; CREATE TABLE notes (case_reference TEXT NOT NULL, "
		       "section_id TEXT NOT NULL, prompt_id TEXT NOT NULL, text TEXT NOT NULL, "
		       "author TEXT NOT NULL, updated_at TEXT NOT NULL, extra TEXT) STRICT",
		       "table notes does not have the format's columns");
	expect_bad_sql(buf, len, "DROP TABLE notes", "table notes is missing");
	expect_bad_sql(buf, len, "UPDATE answers SET evidence = CAST(x'41ff42' AS TEXT)",
		       "the evidence is not valid UTF-8");
	expect_bad_sql(buf, len, "UPDATE answers SET evidence = CAST(x'410042' AS TEXT)",
		       "the evidence is not valid UTF-8");
	expect_bad_sql(buf, len,
		       "UPDATE cases SET reference = 'Child' || char(27) || '[2J' WHERE rowid = 2",
		       "reference holds a control character");
	/* U+009B is CSI to terminals that take C1 controls: printed in a message, it would
	 * drive the terminal as ESC [ does. */
	expect_bad_sql(buf, len,
		       "UPDATE cases SET reference = 'Child' || char(155) || '2J' WHERE rowid = 2",
		       "reference holds a control character");
	expect_bad_sql(buf, len, "UPDATE answers SET value = 'splendid'",
		       "question identification-recognised: 'splendid' is not a valid answer");
	expect_bad_sql(buf, len, "UPDATE answers SET question_id = 'no-such-question'",
		       "template domestic-abuse has no question no-such-question");
	expect_bad_sql(buf, len, "INSERT INTO answers SELECT * FROM answers",
		       "answered more than once");
	expect_bad_sql(buf, len, "INSERT INTO cases SELECT * FROM cases WHERE rowid = 1",
		       "case 'Child A' is listed more than once");
	expect_bad_sql(buf, len, "UPDATE answers SET case_reference = 'Child Q'",
		       "case 'Child Q' is not among the file's cases");
	expect_bad_sql(buf, len, "UPDATE cases SET tags = 'marac,nonsense'",
		       "tag 'nonsense' is not one of");
	expect_bad_sql(buf, len, "UPDATE meta SET template_text = template_text || ' '",
		       "is not template domestic-abuse");
	expect_bad_sql(buf, len, "INSERT INTO meta SELECT * FROM meta", "more than one meta row");
	expect_bad_sql(buf, len, "DELETE FROM meta", "no meta row");
	expect_bad_sql(buf, len, "UPDATE meta SET kind = 'gift'", "neither pack nor return");
	expect_bad_sql(buf, len, "UPDATE meta SET audit_uuid = 'x'", "is not a UUID");
	expect_bad_sql(buf, len,
		       "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
		       "replace(sql, 'STRICT', '') WHERE name = 'cases'",
		       "table cases does not have the format's columns");
	/* Every problem is reported, not just the first. */
	expect_bad_sql(
	    buf, len,
	    "UPDATE answers SET value = 'splendid'; UPDATE cases SET age_band = 'ancient'",
	    "age band 'ancient'");
	free(buf);
}

/* A file's case references are held to the rule entry keeps (issue 14, item 6): no two a
 * reader would take for the same case, none blank, none with an invisible character. */
static void test_lookalike_references(void **state)
{
	struct fx *f = *state;
	size_t len;
	unsigned char *buf = valid_return(f, &len);
	const char *lookalikes[] = {"'CHILD A'", "' Child A'", "'Child A '",
				    "'Child' || char(160) || 'A'"};
	for (size_t i = 0; i < sizeof lookalikes / sizeof lookalikes[0]; i++) {
		char *sql =
		    str_fmt("UPDATE cases SET reference = %s WHERE rowid = 2", lookalikes[i]);
		expect_bad_sql(buf, len, sql, "again (capitals and spaces aside)");
		free(sql);
	}
	expect_bad_sql(buf, len,
		       "UPDATE cases SET reference = 'Child' || char(8203) || 'B' WHERE rowid = 2",
		       "cases row 2: reference holds an invisible character (U+200B)");
	expect_bad_sql(buf, len, "UPDATE cases SET reference = '  ' WHERE rowid = 2",
		       "cases row 2: the reference is empty");
	expect_bad_sql(buf, len,
		       "UPDATE cases SET reference = char(160, 32, 12288) WHERE rowid = 2",
		       "cases row 2: the reference is empty");
	free(buf);
}

static void test_file_read_cap(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = str_fmt("%s/big.maca", dir);
	int fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, RETURN_MAX_FILE + 1), 0);
	close(fd);
	unsigned char *buf;
	size_t len;
	struct maca_err err = {0};
	assert_int_equal(return_file_read(path, &buf, &len, &err), MACA_EUSER);
	assert_non_null(strstr(err_msg(&err), "larger than any pack or return"));
	err_clear(&err);
	assert_int_equal(return_file_read(dir, &buf, &len, &err), MACA_EUSER);
	err_clear(&err);
	tu_remove_tree(dir);
	free(path);
	free(dir);
}

/* The file is read in place (no copy, for the memory of a large import): from a buffer in
 * read-only pages, which a single write by SQLite would fault on, twice over. */
static void test_parse_in_place(void **state)
{
	size_t len;
	unsigned char *buf = valid_return(*state, &len);
	unsigned char *ro =
	    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(ro != MAP_FAILED);
	memcpy(ro, buf, len);
	assert_int_equal(mprotect(ro, len, PROT_READ), 0);
	for (int i = 0; i < 2; i++) {
		struct return_doc *doc = NULL;
		struct maca_err err = {0};
		assert_int_equal(return_parse(ro, len, &doc, &err), 0);
		assert_int_equal(doc->nanswers, 1);
		assert_string_equal(doc->answers[0].evidence, "x");
		return_doc_free(doc);
	}
	assert_memory_equal(ro, buf, len);
	munmap(ro, len);
	free(buf);
}

/* show: everything a person needs, and no terminal control from the file's text. */
static void test_show_neutralises(void **state)
{
	struct fx *f = *state;
	struct return_doc *doc = collect(f);
	replace_text(&doc->answers[0].evidence, "line one\n\x1b]0;owned\x07 line two \xc2\x9b"
						"2J");
	char *text = return_show(doc);
	assert_non_null(text);
	assert_non_null(strstr(text, "Audit:     Returns test audit"));
	assert_non_null(strstr(text, "Agency:    police (Police)"));
	assert_non_null(strstr(text, "Case Child A"));
	assert_non_null(strstr(text, "identification-recognised: good"));
	assert_non_null(strstr(text, "line one\n      ?]0;owned? line two ?2J"));
	for (const char *p = text; *p; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t');
	assert_null(strstr(text, "\xc2\x9b"));
	free(text);
	return_doc_free(doc);
}

/* Each case lists its own answers and notes, in the file's order, whatever the order of the
 * cases; a case with none lists nothing. */
static void test_show_groups_by_case(void **state)
{
	(void)state;
	struct return_doc *doc = calloc(1, sizeof *doc);
	assert_non_null(doc);
	const char *cases[] = {"Zed", "Amy", "Empty"};
	doc->cases = calloc(3, sizeof *doc->cases);
	assert_non_null(doc->cases);
	for (size_t i = 0; i < 3; i++)
		doc->cases[doc->ncases++] = (struct return_case){.reference = strdup(cases[i]),
								 .age_band = strdup(""),
								 .plan_status = strdup("")};
	const char *answers[][2] = {
	    {"Amy", "q-three"}, {"Zed", "q-one"}, {"Amy", "q-two"}, {"Zed", "q-four"}};
	doc->answers = calloc(4, sizeof *doc->answers);
	assert_non_null(doc->answers);
	for (size_t i = 0; i < 4; i++)
		doc->answers[doc->nanswers++] =
		    (struct return_answer){.case_ref = strdup(answers[i][0]),
					   .question_id = strdup(answers[i][1]),
					   .value = strdup("good"),
					   .evidence = strdup(""),
					   .author = strdup("A"),
					   .updated_at = strdup("T")};
	doc->notes = calloc(1, sizeof *doc->notes);
	assert_non_null(doc->notes);
	doc->notes[doc->nnotes++] = (struct return_note){.case_ref = strdup("Amy"),
							 .section_id = strdup("s"),
							 .prompt_id = strdup("p"),
							 .text = strdup("Amy's note"),
							 .author = strdup("A"),
							 .updated_at = strdup("T")};
	doc->title = strdup("T");
	doc->theme = strdup("");
	doc->template_id = strdup("t");
	doc->template_hash = strdup("");
	doc->agency_code = strdup("police");
	doc->agency_name = strdup("Police");
	doc->created_at = strdup("");
	doc->created_by = strdup("");
	doc->maca_version = strdup("");
	char *text = return_show(doc);
	assert_non_null(text);
	const char *zed = strstr(text, "\nCase Zed"), *amy = strstr(text, "\nCase Amy"),
		   *empty = strstr(text, "\nCase Empty");
	assert_non_null(zed);
	assert_non_null(amy);
	assert_non_null(empty);
	assert_true(zed < strstr(text, "q-one:") &&
		    strstr(text, "q-one:") < strstr(text, "q-four:"));
	assert_true(strstr(text, "q-four:") < amy);
	assert_true(amy < strstr(text, "q-three:") &&
		    strstr(text, "q-three:") < strstr(text, "q-two:"));
	assert_true(strstr(text, "q-two:") < strstr(text, "note s/p: Amy's note"));
	assert_true(strstr(text, "note s/p") < empty);
	assert_string_equal(empty, "\nCase Empty (age band -, plan -, tags -)\n");
	free(text);
	return_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_hostile_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lookalike_references, setup, teardown),
	    cmocka_unit_test(test_file_read_cap),
	    cmocka_unit_test_setup_teardown(test_parse_in_place, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_show_neutralises, setup, teardown),
	    cmocka_unit_test(test_show_groups_by_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
