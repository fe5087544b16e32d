/* Packs and returns in the core: the round trip of every field for two agencies into one
 * chair's audit, each refusal, idempotence, the change listing and replacing, and hostile
 * files refused cleanly with nothing written. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "return_doc.h"
#include "return_import.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"

/* Evidence as people write it: pages, several lines, CRLF, tabs, accents, emoji, quotes. */
static const char long_evidence_head[] =
    "Strategy meeting held 3 May.\r\nMother's account: \"he took the car keys\"\n\n"
    "\tFollow-up: café visit; naïve über 💡 \xe2\x80\x94 done;\n";

struct fx {
	struct template *tpl;
	struct store *chair;
	int64_t audit;
	int64_t child_a, child_b;
	char *evidence; /* long multi-line evidence */
};

static int64_t case_id(struct store *st, int64_t audit, const char *ref)
{
	struct case_info *list;
	size_t n;
	struct maca_err err = {0};
	assert_int_equal(store_case_list(st, audit, &list, &n, &err), 0);
	int64_t id = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].reference, ref) == 0)
			id = list[i].id;
	case_info_list_free(list, n);
	assert_true(id > 0);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	struct diag_list diags = {0};
	assert_int_equal(template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini",
					    &f->tpl, &diags),
			 0);
	struct maca_err err = {0};
	assert_int_equal(store_open(":memory:", &f->chair, &err), 0);
	assert_int_equal(store_set_origin(f->chair, "Chair Person", "keyboard", &err), 0);
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "csc", "Children's social care"));
	assert_true(named_add(&agencies, "police", "Police"));
	assert_true(named_add(&agencies, "health", "Health"));
	struct audit_new a = {.title = "Returns test audit", .agencies = &agencies, .tpl = f->tpl};
	assert_int_equal(store_audit_create(f->chair, &a, &f->audit, &err), 0);
	named_list_free(&agencies);
	struct named_list tags = {0};
	assert_true(named_add(&tags, "marac", "marac"));
	assert_true(named_add(&tags, "drugs-alcohol", "drugs-alcohol"));
	struct case_fields ca = {.reference = "Child A",
				 .age_band = "1-4",
				 .plan_status = "child-protection",
				 .tags = &tags};
	assert_int_equal(store_case_add(f->chair, f->audit, &ca, &f->child_a, &err), 0);
	struct case_fields cb = {.reference = "Child B"};
	assert_int_equal(store_case_add(f->chair, f->audit, &cb, &f->child_b, &err), 0);
	named_list_free(&tags);
	/* Children's social care answered in the chair's database: never in a pack for others. */
	assert_int_equal(store_answer_save(f->chair, f->child_a, "csc", "identification-recognised",
					   "good", "CSC SECRET evidence", &err),
			 0);
	struct sbuf b = {0};
	sbuf_add(&b, long_evidence_head);
	for (int i = 0; i < 400; i++)
		sbuf_addf(&b, "Line %d of the chronology, with detail.\n", i);
	f->evidence = sbuf_take(&b);
	assert_non_null(f->evidence);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->chair);
	template_free(f->tpl);
	free(f->evidence);
	free(f);
	return 0;
}

/* Writes a doc to bytes and parses it back, as a file would travel. */
static unsigned char *to_bytes(const struct return_doc *doc, size_t *len)
{
	unsigned char *buf;
	struct maca_err err = {0};
	assert_int_equal(return_serialize(doc, &buf, len, &err), 0);
	return buf;
}

static struct return_doc *parse_ok(const unsigned char *buf, size_t len)
{
	struct return_doc *doc = NULL;
	struct maca_err err = {0};
	int rc = return_parse(buf, len, &doc, &err);
	if (rc)
		print_error("%s\n", err_msg(&err));
	assert_int_equal(rc, 0);
	return doc;
}

/* The pack for agency, as bytes. */
static unsigned char *pack_for(struct fx *f, const char *agency, size_t *len)
{
	struct return_doc *doc;
	struct maca_err err = {0};
	assert_int_equal(return_collect(f->chair, f->audit, agency, RETURN_PACK, "Chair Person",
					"0.1.0", &doc, &err),
			 0);
	unsigned char *buf = to_bytes(doc, len);
	return_doc_free(doc);
	return buf;
}

/* An agency's own database, made from the chair's pack; its audit id in *audit. */
static struct store *agency_db(struct fx *f, const char *agency, int64_t *audit)
{
	size_t len;
	unsigned char *buf = pack_for(f, agency, &len);
	struct return_doc *doc = parse_ok(buf, len);
	assert_int_equal(doc->kind, RETURN_PACK);
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(":memory:", &st, &err), 0);
	assert_int_equal(store_set_origin(st, "Agency Person", "keyboard", &err), 0);
	char sum[65];
	return_checksum(buf, len, sum);
	assert_int_equal(return_import_pack(st, doc, sum, audit, &err), 0);
	return_doc_free(doc);
	free(buf);
	return st;
}

static unsigned char *return_from(struct store *st, int64_t audit, const char *agency, size_t *len)
{
	struct return_doc *doc;
	struct maca_err err = {0};
	assert_int_equal(
	    return_collect(st, audit, agency, RETURN_RETURN, "Agency Person", "0.1.0", &doc, &err),
	    0);
	unsigned char *buf = to_bytes(doc, len);
	return_doc_free(doc);
	return buf;
}

static size_t history_count(struct store *st, int64_t audit)
{
	struct history_row *rows;
	size_t n;
	struct maca_err err = {0};
	assert_int_equal(store_history_list(st, audit, &rows, &n, &err), 0);
	history_list_free(rows, n);
	return n;
}

/* Imports a return into the chair's audit; returns the status, the plan in *plan. */
static int import(struct fx *f, const unsigned char *buf, size_t len, bool replace,
		  struct return_plan *plan, struct maca_err *err)
{
	struct return_doc *doc = parse_ok(buf, len);
	char sum[65];
	return_checksum(buf, len, sum);
	int rc = return_plan_make(f->chair, doc, plan, err);
	if (!rc)
		rc = return_apply(f->chair, doc, plan, replace, sum, err);
	return_doc_free(doc);
	return rc;
}

static void expect_answer(struct store *st, int64_t case_id, const char *agency, const char *q,
			  const char *value, const char *evidence, const char *author)
{
	struct answer a;
	bool found;
	struct maca_err err = {0};
	assert_int_equal(store_answer_get(st, case_id, agency, q, &a, &found, &err), 0);
	assert_true(found);
	assert_string_equal(a.value, value);
	assert_string_equal(a.evidence, evidence);
	if (author)
		assert_string_equal(a.author, author);
	answer_free(&a);
}

/* The pack holds the audit, its template and cases, and nothing of other agencies. */
static void test_pack_contents(void **state)
{
	struct fx *f = *state;
	size_t len;
	unsigned char *buf = pack_for(f, "police", &len);
	struct return_doc *doc = parse_ok(buf, len);
	struct audit_info info;
	struct maca_err err = {0};
	assert_int_equal(store_audit_get(f->chair, f->audit, &info, &err), 0);
	assert_string_equal(doc->uuid, info.uuid);
	assert_string_equal(doc->title, "Returns test audit");
	assert_string_equal(doc->template_id, "domestic-abuse");
	assert_int_equal(doc->template_version, f->tpl->version);
	assert_string_equal(doc->template_hash, f->tpl->hash);
	assert_int_equal(doc->template_len, f->tpl->source_len);
	assert_memory_equal(doc->template_text, f->tpl->source, f->tpl->source_len);
	assert_string_equal(doc->agency_code, "police");
	assert_string_equal(doc->agency_name, "Police");
	assert_int_equal(doc->ncases, 2);
	assert_string_equal(doc->cases[0].reference, "Child A");
	assert_string_equal(doc->cases[0].age_band, "1-4");
	assert_string_equal(doc->cases[0].plan_status, "child-protection");
	assert_int_equal(doc->cases[0].tags.n, 2);
	assert_int_equal(doc->nanswers, 0); /* csc's answer stays home */
	assert_null(memmem(buf, len, "CSC SECRET", 10));
	audit_info_free(&info);
	return_doc_free(doc);
	free(buf);
}

/* Two agencies answer in their own databases; both returns merge into the chair's audit with
 * every field byte for byte and every history row accounted for. */
static void test_round_trip_two_agencies(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	int64_t pa, ha;
	struct store *police = agency_db(f, "police", &pa);
	struct store *health = agency_db(f, "health", &ha);
	int64_t pa_a = case_id(police, pa, "Child A"), pa_b = case_id(police, pa, "Child B");
	int64_t ha_a = case_id(health, ha, "Child A");
	assert_int_equal(store_answer_save(police, pa_a, "police", "identification-recognised",
					   "requires-improvement", f->evidence, &err),
			 0);
	assert_int_equal(store_answer_save(police, pa_b, "police", "identification-referral",
					   "outstanding", "", &err),
			 0);
	assert_int_equal(store_note_save(police, pa_a, "police", "identification", "good-practice",
					 "Note line one\nline two ✓", &err),
			 0);
	assert_int_equal(store_answer_save(health, ha_a, "health", "identification-recognised",
					   "inadequate", "Health's evidence\n", &err),
			 0);
	size_t before = history_count(f->chair, f->audit);

	size_t plen, hlen;
	unsigned char *pret = return_from(police, pa, "police", &plen);
	unsigned char *hret = return_from(health, ha, "health", &hlen);
	struct return_plan plan;
	assert_int_equal(import(f, pret, plen, false, &plan, &err), 0);
	assert_int_equal(plan.nadd, 3);
	assert_int_equal(plan.nchanges, 0);
	return_plan_free(&plan);
	assert_int_equal(import(f, hret, hlen, false, &plan, &err), 0);
	assert_int_equal(plan.nadd, 1);
	return_plan_free(&plan);

	expect_answer(f->chair, f->child_a, "police", "identification-recognised",
		      "requires-improvement", f->evidence, "Agency Person");
	expect_answer(f->chair, f->child_b, "police", "identification-referral", "outstanding", "",
		      NULL);
	expect_answer(f->chair, f->child_a, "health", "identification-recognised", "inadequate",
		      "Health's evidence\n", NULL);
	expect_answer(f->chair, f->child_a, "csc", "identification-recognised", "good",
		      "CSC SECRET evidence", NULL);
	char *note;
	assert_int_equal(store_note_get(f->chair, f->child_a, "police", "identification",
					"good-practice", &note, &err),
			 0);
	assert_string_equal(note, "Note line one\nline two ✓");
	free(note);

	/* History: police answer+evidence, answer, note; health answer+evidence = 6 rows. */
	struct history_row *rows;
	size_t n;
	assert_int_equal(store_history_list(f->chair, f->audit, &rows, &n, &err), 0);
	assert_int_equal(n, before + 6);
	char psum[65], hsum[65];
	return_checksum(pret, plen, psum);
	return_checksum(hret, hlen, hsum);
	for (size_t i = before; i < n; i++) {
		bool p = strcmp(rows[i].agency, "police") == 0;
		assert_string_equal(rows[i].source,
				    p ? "return from police" : "return from health");
		assert_non_null(rows[i].checksum);
		assert_string_equal(rows[i].checksum, p ? psum : hsum);
		assert_string_equal(rows[i].author, "Chair Person");
	}
	for (size_t i = 0; i < before; i++)
		assert_null(rows[i].checksum);
	history_list_free(rows, n);
	/* The origin is the caller's again afterwards. */
	assert_string_equal(store_source(f->chair), "keyboard");

	/* Idempotent: the same return twice changes nothing. */
	assert_int_equal(import(f, pret, plen, false, &plan, &err), 0);
	assert_int_equal(plan.nadd, 0);
	assert_int_equal(plan.nchanges, 0);
	assert_int_equal(plan.nsame, 3);
	return_plan_free(&plan);
	assert_int_equal(history_count(f->chair, f->audit), before + 6);

	free(pret);
	free(hret);
	store_close(police);
	store_close(health);
}

/* Answers that differ from the chair's are listed, and applied only with replace. */
static void test_changes_listed_and_replace(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	int64_t pa;
	struct store *police = agency_db(f, "police", &pa);
	int64_t pa_a = case_id(police, pa, "Child A");
	assert_int_equal(store_answer_save(police, pa_a, "police", "identification-recognised",
					   "inadequate", "New evidence", &err),
			 0);
	assert_int_equal(
	    store_answer_save(police, pa_a, "police", "identification-referral", "good", "", &err),
	    0);
	/* Meanwhile the chair recorded a different grade for police. */
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-recognised", "good", "Old evidence",
					   &err),
			 0);
	size_t before = history_count(f->chair, f->audit);
	size_t len;
	unsigned char *ret = return_from(police, pa, "police", &len);
	struct return_plan plan;
	assert_int_equal(import(f, ret, len, false, &plan, &err), MACA_EEXIST);
	err_clear(&err);
	assert_int_equal(plan.nchanges, 1);
	assert_int_equal(plan.nadd, 1);
	assert_string_equal(plan.changes[0].case_ref, "Child A");
	assert_string_equal(plan.changes[0].item, "identification-recognised");
	assert_string_equal(plan.changes[0].old_value, "good");
	assert_string_equal(plan.changes[0].new_value, "inadequate");
	assert_true(plan.changes[0].evidence_changed);
	return_plan_free(&plan);
	/* Refused: nothing at all was written, not even the new answer. */
	assert_int_equal(history_count(f->chair, f->audit), before);
	struct answer a;
	bool found;
	assert_int_equal(store_answer_get(f->chair, f->child_a, "police", "identification-referral",
					  &a, &found, &err),
			 0);
	assert_false(found);
	answer_free(&a);

	assert_int_equal(import(f, ret, len, true, &plan, &err), 0);
	return_plan_free(&plan);
	expect_answer(f->chair, f->child_a, "police", "identification-recognised", "inadequate",
		      "New evidence", NULL);
	expect_answer(f->chair, f->child_a, "police", "identification-referral", "good", "", NULL);
	/* answer + evidence changed, one new answer. */
	assert_int_equal(history_count(f->chair, f->audit), before + 3);
	struct history_row *rows;
	size_t n;
	assert_int_equal(store_history_list(f->chair, f->audit, &rows, &n, &err), 0);
	assert_string_equal(rows[before].old_value, "good");
	assert_string_equal(rows[before].new_value, "inadequate");
	history_list_free(rows, n);
	free(ret);
	store_close(police);
}

static void expect_refused(struct fx *f, struct return_doc *doc, int status, const char *needle)
{
	size_t before = history_count(f->chair, f->audit);
	struct return_plan plan;
	struct maca_err err = {0};
	int rc = return_plan_make(f->chair, doc, &plan, &err);
	if (!rc) {
		rc = return_apply(f->chair, doc, &plan, true, "00", &err);
		return_plan_free(&plan);
	}
	if (rc != status || !strstr(err_msg(&err), needle))
		print_error("got %d: %s\n", rc, err_msg(&err));
	assert_int_equal(rc, status);
	assert_non_null(strstr(err_msg(&err), needle));
	err_clear(&err);
	assert_int_equal(history_count(f->chair, f->audit), before);
}

static struct return_doc *police_return(struct fx *f, struct store **police, int64_t *pa)
{
	*police = agency_db(f, "police", pa);
	struct maca_err err = {0};
	int64_t c = case_id(*police, *pa, "Child A");
	assert_int_equal(
	    store_answer_save(*police, c, "police", "identification-recognised", "good", "x", &err),
	    0);
	size_t len;
	unsigned char *buf = return_from(*police, *pa, "police", &len);
	struct return_doc *doc = parse_ok(buf, len);
	free(buf);
	return doc;
}

static void replace_text(char **field, const char *text)
{
	free(*field);
	*field = strdup(text);
	assert_non_null(*field);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	struct store *police;
	int64_t pa;
	struct maca_err err = {0};
	struct return_doc *doc = police_return(f, &police, &pa);

	/* Another audit. */
	char uuid[UUID_STR_LEN];
	memcpy(uuid, doc->uuid, sizeof uuid);
	assert_true(uuid_generate(doc->uuid));
	expect_refused(f, doc, MACA_ENOTFOUND, "not in this database");
	memcpy(doc->uuid, uuid, sizeof uuid);

	/* An agency not taking part. */
	replace_text(&doc->agency_code, "probation");
	expect_refused(f, doc, MACA_EUSER, "agency probation is not taking part");
	replace_text(&doc->agency_code, "police");

	/* A different template version, and a question the audit's template lacks: both said. */
	doc->template_version = 7;
	replace_text(&doc->answers[0].question_id, "made-up-question");
	expect_refused(f, doc, MACA_EUSER, "template domestic-abuse version 7");
	expect_refused(f, doc, MACA_EUSER, "question made-up-question: the audit's template");
	doc->template_version = f->tpl->version;
	replace_text(&doc->answers[0].question_id, "identification-recognised");

	/* A pack whose audit is already here. */
	doc->kind = RETURN_PACK;
	expect_refused(f, doc, MACA_EEXIST, "already in this database");
	doc->kind = RETURN_RETURN;
	return_doc_free(doc);

	/* A case the chair's audit does not have (the agency added one). */
	struct case_fields cz = {.reference = "Child Z"};
	int64_t z;
	assert_int_equal(store_case_add(police, pa, &cz, &z, &err), 0);
	size_t len;
	unsigned char *buf = return_from(police, pa, "police", &len);
	doc = parse_ok(buf, len);
	free(buf);
	expect_refused(f, doc, MACA_EUSER, "case 'Child Z': the audit has no such case");

	/* A closed audit. */
	assert_int_equal(store_case_set_moderated(f->chair, f->child_a, true, &err), 0);
	assert_int_equal(store_case_set_moderated(f->chair, f->child_b, true, &err), 0);
	assert_int_equal(store_audit_set_status(f->chair, f->audit, AUDIT_CLOSED, NULL, &err), 0);
	expect_refused(f, doc, MACA_EUSER, "is closed");
	return_doc_free(doc);
	store_close(police);
}

static void test_pack_imported_once(void **state)
{
	struct fx *f = *state;
	int64_t pa, again;
	struct store *police = agency_db(f, "police", &pa);
	size_t len;
	unsigned char *buf = pack_for(f, "police", &len);
	struct return_doc *doc = parse_ok(buf, len);
	struct maca_err err = {0};
	assert_int_equal(return_import_pack(police, doc, "00", &again, &err), MACA_EEXIST);
	err_clear(&err);
	/* The pack made the agency's audit: same UUID, one agency, the cases, a template copy. */
	struct audit_info info;
	assert_int_equal(store_audit_get(police, pa, &info, &err), 0);
	assert_string_equal(info.uuid, doc->uuid);
	assert_int_equal(info.nagencies, 1);
	assert_int_equal(info.ncases, 2);
	audit_info_free(&info);
	struct template *tpl;
	assert_int_equal(store_audit_template(police, pa, &tpl, &err), 0);
	assert_string_equal(tpl->hash, f->tpl->hash);
	template_free(tpl);
	return_doc_free(doc);
	free(buf);
	store_close(police);
}

/* ---- hostile files ---- */

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
	struct store *police;
	int64_t pa;
	struct return_doc *doc = police_return(f, &police, &pa);
	size_t len;
	unsigned char *buf = to_bytes(doc, &len);
	return_doc_free(doc);
	store_close(police);

	/* Wrong application_id, another format version, not SQLite at all. */
	unsigned char *bad = malloc(len);
	memcpy(bad, buf, len);
	bad[71] ^= 1;
	expect_bad(bad, len, "not a maca pack or return");
	memcpy(bad, buf, len);
	bad[63] = 2;
	expect_bad(bad, len, "format version 2");
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

/* show: everything a person needs, and no terminal control from the file's text. */
static void test_show_neutralises(void **state)
{
	struct fx *f = *state;
	struct store *police;
	int64_t pa;
	struct return_doc *doc = police_return(f, &police, &pa);
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
	store_close(police);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_pack_contents, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip_two_agencies, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changes_listed_and_replace, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pack_imported_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hostile_files, setup, teardown),
	    cmocka_unit_test(test_file_read_cap),
	    cmocka_unit_test_setup_teardown(test_show_neutralises, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
