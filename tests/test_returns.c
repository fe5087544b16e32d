/* Packs and returns in the core: the round trip of every field for two agencies into one
 * chair's audit, each refusal, idempotence, and the change listing and replacing (hostile
 * files: test_return_parse.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diag.h"
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

/* The user confirmed the changes they were shown; when the chair's answers move in between so
 * that the return would now replace other ones (the counts the same), nothing is written. */
static void test_apply_refuses_changes_not_shown(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	int64_t pa;
	struct store *police = agency_db(f, "police", &pa);
	int64_t pa_a = case_id(police, pa, "Child A");
	assert_int_equal(store_answer_save(police, pa_a, "police", "identification-recognised",
					   "inadequate", "New", &err),
			 0);
	assert_int_equal(store_answer_save(police, pa_a, "police", "identification-referral",
					   "good", "Same", &err),
			 0);
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-recognised", "good", "Old", &err),
			 0);
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-referral", "good", "Same", &err),
			 0);
	size_t len;
	unsigned char *ret = return_from(police, pa, "police", &len);
	struct return_doc *doc = parse_ok(ret, len);
	struct return_plan shown;
	assert_int_equal(return_plan_make(f->chair, doc, &shown, &err), 0);
	assert_int_equal(shown.nchanges, 1);
	assert_string_equal(shown.changes[0].item, "identification-recognised");
	/* Meanwhile: the shown change is made by hand, and another answer moves away. */
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-recognised", "inadequate", "New", &err),
			 0);
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-referral", "inadequate", "Chair's",
					   &err),
			 0);
	size_t before = history_count(f->chair, f->audit);
	assert_int_equal(return_apply(f->chair, doc, &shown, true, "00", &err), MACA_EBUSY);
	err_clear(&err);
	assert_int_equal(history_count(f->chair, f->audit), before);
	expect_answer(f->chair, f->child_a, "police", "identification-referral", "inadequate",
		      "Chair's", NULL);
	return_plan_free(&shown);
	return_doc_free(doc);
	free(ret);
	store_close(police);
}

/* A hostile return can hold a million cases the audit lacks: the refusal lists the first
 * hundred problems and counts the rest, as the parser does. */
static void test_refusal_listing_capped(void **state)
{
	struct fx *f = *state;
	struct store *police;
	int64_t pa;
	struct return_doc *doc = police_return(f, &police, &pa);
	size_t extra = 250;
	struct return_case *grown = realloc(doc->cases, (doc->ncases + extra) * sizeof *doc->cases);
	assert_non_null(grown);
	doc->cases = grown;
	for (size_t i = 0; i < extra; i++) {
		char *ref = str_fmt("Ghost %zu", i);
		assert_non_null(ref);
		doc->cases[doc->ncases++] = (struct return_case){
		    .reference = ref, .age_band = strdup(""), .plan_status = strdup("")};
	}
	struct return_plan plan;
	struct maca_err err = {0};
	assert_int_equal(return_plan_make(f->chair, doc, &plan, &err), MACA_EUSER);
	size_t lines = 1;
	for (const char *p = err_msg(&err); *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 101);
	assert_non_null(strstr(err_msg(&err), "case 'Ghost 0': the audit has no such case"));
	assert_non_null(strstr(err_msg(&err), "\n... and 150 more problems"));
	err_clear(&err);
	return_doc_free(doc);
	store_close(police);
}

/* An answer given and then cleared leaves an empty row; a pack carries it, but importing the
 * pack writes no answer for it: an answer with nothing in it would be a change with no history
 * row (a return's empty answer is skipped the same way). */
static void test_pack_skips_cleared_answers(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	assert_int_equal(store_answer_save(f->chair, f->child_b, "police",
					   "identification-referral", "good", "x", &err),
			 0);
	assert_int_equal(store_answer_save(f->chair, f->child_b, "police",
					   "identification-referral", "", "", &err),
			 0);
	int64_t pa;
	struct store *police = agency_db(f, "police", &pa);
	struct answer a;
	bool found = true;
	assert_int_equal(store_answer_get(police, case_id(police, pa, "Child B"), "police",
					  "identification-referral", &a, &found, &err),
			 0);
	assert_false(found);
	answer_free(&a);
	store_close(police);
}

/* The chair edits only the evidence of an answer the user was shown as changing: the grade
 * and "evidence changed" are the same, but replacing it would overwrite words nobody saw. */
static void test_apply_refuses_evidence_edited_meanwhile(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	int64_t pa;
	struct store *police = agency_db(f, "police", &pa);
	int64_t pa_a = case_id(police, pa, "Child A");
	assert_int_equal(store_answer_save(police, pa_a, "police", "identification-recognised",
					   "inadequate", "Police's", &err),
			 0);
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-recognised", "good", "Old", &err),
			 0);
	size_t len;
	unsigned char *ret = return_from(police, pa, "police", &len);
	struct return_doc *doc = parse_ok(ret, len);
	struct return_plan shown;
	assert_int_equal(return_plan_make(f->chair, doc, &shown, &err), 0);
	assert_int_equal(shown.nchanges, 1);
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-recognised", NULL, "Chair's new words",
					   &err),
			 0);
	size_t before = history_count(f->chair, f->audit);
	assert_int_equal(return_apply(f->chair, doc, &shown, true, "00", &err), MACA_EBUSY);
	err_clear(&err);
	assert_int_equal(history_count(f->chair, f->audit), before);
	expect_answer(f->chair, f->child_a, "police", "identification-recognised", "good",
		      "Chair's new words", NULL);
	return_plan_free(&shown);
	return_doc_free(doc);
	free(ret);
	store_close(police);
}

/* An answer given and then cleared (no grade, no evidence) is not one the chair holds: the
 * return's answer is an addition, not a change needing --replace. */
static void test_cleared_answer_is_not_held(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	int64_t pa;
	struct store *police = agency_db(f, "police", &pa);
	int64_t pa_a = case_id(police, pa, "Child A");
	assert_int_equal(store_answer_save(police, pa_a, "police", "identification-recognised",
					   "good", "Seen", &err),
			 0);
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-recognised", "inadequate", "Typed",
					   &err),
			 0);
	assert_int_equal(store_answer_save(f->chair, f->child_a, "police",
					   "identification-recognised", "", "", &err),
			 0);
	size_t len;
	unsigned char *ret = return_from(police, pa, "police", &len);
	struct return_doc *doc = parse_ok(ret, len);
	struct return_plan plan;
	assert_int_equal(return_plan_make(f->chair, doc, &plan, &err), 0);
	assert_int_equal(plan.nchanges, 0);
	assert_int_equal(plan.nadd, 1);
	assert_int_equal(return_apply(f->chair, doc, &plan, false, "00", &err), 0);
	expect_answer(f->chair, f->child_a, "police", "identification-recognised", "good", "Seen",
		      NULL);
	return_plan_free(&plan);
	return_doc_free(doc);
	free(ret);
	store_close(police);
}

/* The helpers every reader of rows shares: growing arrays, and the order of keys that must
 * not be given twice. */
static void test_row_helpers(void **state)
{
	(void)state;
	long *items = NULL;
	for (size_t n = 0; n < 100; n++) {
		assert_true(array_grow((void **)&items, n, sizeof *items));
		items[n] = (long)n; /* ASan: each slot written is within the allocation */
	}
	assert_int_equal(items[99], 99);
	long *before = items;
	assert_false(array_grow((void **)&items, 64, SIZE_MAX / 64));
	assert_ptr_equal(items, before);
	free(items);

	char *refs[] = {"C-3", "C-1", "C-2"};
	qsort(refs, 3, sizeof *refs, str_ptr_cmp);
	assert_string_equal(refs[0], "C-1");
	assert_string_equal(refs[2], "C-3");

	struct return_answer a = {.case_ref = "C-1", .question_id = "q2"};
	struct return_answer b = {.case_ref = "C-1", .question_id = "q1"};
	struct return_answer c = {.case_ref = "C-0", .question_id = "q9"};
	const struct return_answer *pa = &a, *pb = &b, *pc = &c, *pa2 = &a;
	assert_true(return_answer_ptr_cmp(&pa, &pb) > 0);
	assert_true(return_answer_ptr_cmp(&pc, &pb) < 0);
	assert_int_equal(return_answer_ptr_cmp(&pa, &pa2), 0);
	struct return_note x = {.case_ref = "C-1", .section_id = "s1", .prompt_id = "p2"};
	struct return_note y = {.case_ref = "C-1", .section_id = "s2", .prompt_id = "p1"};
	struct return_note z = {.case_ref = "C-1", .section_id = "s1", .prompt_id = "p1"};
	const struct return_note *px = &x, *py = &y, *pz = &z;
	assert_true(return_note_ptr_cmp(&px, &py) < 0);
	assert_true(return_note_ptr_cmp(&px, &pz) > 0);

	char *now = return_now_text();
	assert_non_null(now);
	assert_int_equal(strlen(now), strlen("2026-01-01T00:00:00Z"));
	assert_int_equal(now[10], 'T');
	assert_int_equal(now[19], 'Z');
	free(now);
}

/* A case's tags are written as split_list reads them back. */
static void test_list_ids(void **state)
{
	(void)state;
	struct named_list l = {0};
	char *none = named_list_ids(&l);
	assert_string_equal(none, "");
	free(none);
	assert_true(split_list(" neglect, housing ,marac", &l));
	char *ids = named_list_ids(&l);
	assert_string_equal(ids, "neglect,housing,marac");
	named_list_free(&l);
	assert_true(split_list(ids, &l));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[2].id, "marac");
	named_list_free(&l);
	free(ids);
}

/* The list of a file's problems the readers and the import check share: a line each, the
 * first hundred listed and the rest counted, as one error of the status asked for. */
static void test_problems_listed_then_counted(void **state)
{
	(void)state;
	struct maca_err err = {0};
	struct problems none = {0};
	assert_int_equal(problems_end(&none, MACA_EUSER, &err), MACA_OK);
	struct problems p = {0};
	for (int i = 1; i <= PROBLEMS_LISTED + 2; i++)
		problems_add(&p, "row %d: wrong", i);
	assert_int_equal(p.n, PROBLEMS_LISTED + 2);
	assert_int_equal(problems_end(&p, MACA_ENOTMACA, &err), MACA_ENOTMACA);
	const char *msg = err_msg(&err);
	assert_true(strncmp(msg, "row 1: wrong\nrow 2: wrong\n", 26) == 0);
	assert_non_null(strstr(msg, "\nrow 100: wrong\n... and 2 more problems"));
	assert_null(strstr(msg, "row 101"));
	err_clear(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_problems_listed_then_counted),
	    cmocka_unit_test(test_row_helpers),
	    cmocka_unit_test(test_list_ids),
	    cmocka_unit_test_setup_teardown(test_pack_contents, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pack_skips_cleared_answers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip_two_agencies, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changes_listed_and_replace, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_apply_refuses_changes_not_shown, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_apply_refuses_evidence_edited_meanwhile, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_cleared_answer_is_not_held, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusal_listing_capped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pack_imported_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
