/* Workbook and CSV packs and returns in process: Excel's escapes and number cells back to the
 * text typed, column names, telling the formats apart, the command line's refusals, texts too
 * long for a cell, maca's own text surviving the round trip exactly, and the interface's
 * import of a workbook. (tests/workbook_roundtrip.py fills packs with another writer.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_run.h"
#include "return_import.h"
#include "sbuf.h"
#include "store.h"
#include "testutil.h"
#include "ui_import.h"
#include "workbook.h"
#include "workbook_internal.h"

struct fx {
	char *dir, *config, *db, *xlsx, *csv;
};

#define maca(f, ...) cli_run_db((f)->db, (f)->config, __VA_ARGS__)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	char *ini = str_fmt("[maca]\nauthor = Test Chair\nexport_dir = %s\n", f->dir);
	f->config = tu_write(f->dir, "maca.ini", ini);
	free(ini);
	f->db = str_fmt("%s/chair.db", f->dir);
	f->xlsx = str_fmt("%s/pack.xlsx", f->dir);
	f->csv = str_fmt("%s/pack.csv", f->dir);
	cli_run_expect(maca(f, "new", "multi-agency-practice", "Workbook audit", "--agencies",
			    "csc,police", NULL),
		       0, "1\n", NULL);
	cli_run_expect(maca(f, "case", "add", "1", "Child A", NULL), 0, NULL, NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->config);
	free(f->db);
	free(f->xlsx);
	free(f->csv);
	free(f);
	return 0;
}

/* Saves police's answer for Child A straight into the chair's database. */
static void answer(struct fx *f, const char *q, const char *value, const char *evidence)
{
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(f->db, &st, &err), 0);
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(st, 1, &cases, &n, &err), 0);
	assert_int_equal(store_answer_save(st, cases[0].id, "police", q, value, evidence, &err), 0);
	case_info_list_free(cases, n);
	store_close(st);
}

static void test_unescape(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"a_x000D_b", "a\rb"},
	    {"_x005F_x0041_", "_x0041_"},
	    {"_x0041__x0042_", "AB"},
	    {"_xD83D__xDC4D_", "\xf0\x9f\x91\x8d"}, /* a surrogate pair: one character */
	    {"_xD83D_ alone", "_xD83D_ alone"},	    /* a lone surrogate is no character */
	    {"_x0000_", "_x0000_"},		    /* a NUL would cut the text short */
	    {"_x00e9_", "\xc3\xa9"},
	    {"_x12_ _xZZZZ_ _x0041", "_x12_ _xZZZZ_ _x0041"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = strdup(cases[i].in);
		size_t len = strlen(s);
		xlsx_unescape(s, &len);
		assert_string_equal(s, cases[i].out);
		assert_int_equal(len, strlen(cases[i].out));
		free(s);
	}
}

static void test_number_text(void **state)
{
	(void)state;
	bool dates[2] = {false, true};
	struct xlsx_strings ss = {.date_xf = dates, .nxf = 2};
	static const struct {
		const char *v;
		size_t style;
		bool date1904;
		const char *out;
	} cases[] = {
	    {"12", 0, false, "12"},
	    {"3.5", 0, false, "3.5"},
	    {"0.30000000000000004", 0, false, "0.3"},
	    {"1E+20", 0, false, "1e+20"},
	    {"45363", 1, false, "2024-03-12"},
	    {"45363.604166666664", 1, false, "2024-03-12 14:30"},
	    {"0.5", 1, false, "12:00"},
	    {"1", 1, false, "1900-01-01"},
	    {"60", 1, false, "1900-02-29"}, /* the day Excel counts and the calendar does not */
	    {"61", 1, false, "1900-03-01"},
	    {"0", 1, true, "1904-01-01"},
	    {"43902", 1, true, "2024-03-13"},
	    {"45363", 7, false, "45363"}, /* a style the workbook does not have */
	    {"not a number", 0, false, "not a number"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ss.date1904 = cases[i].date1904;
		char *t = xlsx_number_text(&ss, cases[i].v, cases[i].style);
		assert_non_null(t);
		assert_string_equal(t, cases[i].out);
		free(t);
	}
}

static void test_col_name(void **state)
{
	(void)state;
	char n[8];
	sheet_col_name(0, n);
	assert_string_equal(n, "A");
	sheet_col_name(25, n);
	assert_string_equal(n, "Z");
	sheet_col_name(26, n);
	assert_string_equal(n, "AA");
	sheet_col_name(16383, n);
	assert_string_equal(n, "XFD");
}

static void test_detect(void **state)
{
	(void)state;
	const char *zip = "PK\x03\x04 rest", *bom = "\xef\xbb\xbf\"Case\"",
		   *plain = "Case,Section,Item\r\nx", *semi = "\"Case\";\"Item\"\nx",
		   *garbled = "\"\xc3\xaf\xc2\xbb\xc2\xbf"
			      "Case\",\"Item\"\n",
		   *sqlite = "SQLite format 3", *other = "Cases,Items\nx";
	assert_int_equal(sheet_detect((const unsigned char *)zip, strlen(zip)), SHEET_XLSX);
	assert_int_equal(sheet_detect((const unsigned char *)bom, strlen(bom)), SHEET_CSV);
	assert_int_equal(sheet_detect((const unsigned char *)plain, strlen(plain)), SHEET_CSV);
	assert_int_equal(sheet_detect((const unsigned char *)semi, strlen(semi)), SHEET_CSV);
	assert_int_equal(sheet_detect((const unsigned char *)garbled, strlen(garbled)), SHEET_CSV);
	assert_int_equal(sheet_detect((const unsigned char *)sqlite, strlen(sqlite)), SHEET_MACA);
	assert_int_equal(sheet_detect((const unsigned char *)other, strlen(other)), SHEET_MACA);
	/* An SQLite file is maca's own, whatever its first line looks like: told from its first
	 * 16 bytes, as the import tells it without reading the rest. */
	static const unsigned char sqlite_csv[] = "SQLite format 3\0,Case,Item\nx";
	assert_int_equal(sheet_detect(sqlite_csv, sizeof sqlite_csv - 1), SHEET_MACA);
}

static void test_cli_refusals(void **state)
{
	struct fx *f = *state;
	cli_run_expect(
	    maca(f, "export", "pack", "1", "--agency", "police", "--format", "ods", NULL), 2, NULL,
	    "unknown format 'ods' (known: maca, xlsx, csv)");
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "--encrypt", NULL),
		       2, NULL, "maca cannot encrypt a workbook or CSV file");
	cli_run_expect(
	    maca(f, "export", "return", "1", "--agency", "police", "--format", "csv", NULL), 2,
	    NULL, "export return: unknown option: --format");
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "probation", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       1, NULL, "agency 'probation' is not taking part");
	/* The default name says what it is, in the configured export directory. */
	struct cli_run r =
	    maca(f, "export", "pack", "1", "--agency", "police", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	char *want = str_fmt("%s/pack-police-", f->dir);
	assert_non_null(strstr(r.out, want));
	assert_non_null(strstr(r.out, ".csv\n"));
	free(want);
	cli_run_free(&r);
	/* An existing file is kept without --force. */
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       0, NULL, NULL);
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       1, NULL, "exists");
	struct stat sb;
	assert_int_equal(stat(f->xlsx, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

static void test_too_long_for_a_cell(void **state)
{
	struct fx *f = *state;
	char *longer = malloc(SHEET_CELL_MAX + 2);
	assert_non_null(longer);
	memset(longer, 'x', SHEET_CELL_MAX + 1);
	longer[SHEET_CELL_MAX + 1] = '\0';
	answer(f, "recognition-early", "good", longer);
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       1, NULL,
		       "case 'Child A', question recognition-early: the evidence is 32768 "
		       "characters, more than a spreadsheet cell holds (32767)");
	/* Exactly a cell's worth, in two-byte characters, goes. */
	struct sbuf b = {0};
	for (int i = 0; i < SHEET_CELL_MAX; i++)
		sbuf_add(&b, "\xc3\xa9");
	char *full = sbuf_take(&b);
	answer(f, "recognition-early", "good", full);
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       0, NULL, NULL);
	cli_run_expect(maca(f, "import", f->xlsx, NULL), 0, "0 added, 0 changed, 1 unchanged",
		       NULL);
	free(full);
	free(longer);
}

/* Text maca holds goes out and comes back exactly: escapes, control characters, line ends,
 * text a spreadsheet would take for a formula. */
static void test_round_trip_exact(void **state)
{
	struct fx *f = *state;
	answer(f, "recognition-early", "requires-improvement",
	       "Keep _x0041_ as typed,\r\nand a tab\there, \"quotes\" and \x01.");
	answer(f, "joint-lead", "partly", "=SUM(A1) is not a formula");
	answer(f, "impact-difference", "- a bullet\n- another", "@mention +1");
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       0, NULL, NULL);
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "csv", "-o",
			    f->csv, NULL),
		       0, NULL, NULL);
	cli_run_expect(maca(f, "import", f->xlsx, NULL), 0, "0 added, 0 changed, 3 unchanged",
		       NULL);
	cli_run_expect(maca(f, "import", f->csv, NULL), 0, "0 added, 0 changed, 3 unchanged", NULL);
	/* maca show reads them as returns. */
	cli_run_expect(maca(f, "show", f->xlsx, NULL), 0, "Keep _x0041_ as typed", NULL);
	cli_run_expect(maca(f, "show", f->csv, NULL), 0, "=SUM(A1) is not a formula", NULL);
	/* The chair's answer changed since: the workbook would change it back. */
	answer(f, "joint-lead", "no", "Changed by the chair.");
	cli_run_expect(maca(f, "import", f->xlsx, NULL), 1, NULL,
		       "question joint-lead: no -> partly, evidence changed");
}

/* A workbook or CSV return opened for import is checked whole and its rows counted, not
 * held: each walk (the plan shown, the transaction) reads them again from the file's bytes,
 * which the return took. */
static void test_rows_read_again_not_held(void **state)
{
	struct fx *f = *state;
	answer(f, "recognition-early", "good", "From the file.");
	answer(f, "joint-lead", "partly", "Strategy call held.");
	const char *paths[] = {f->xlsx, f->csv};
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       0, NULL, NULL);
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "csv", "-o",
			    f->csv, NULL),
		       0, NULL, NULL);
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(f->db, &st, &err), 0);
	for (size_t i = 0; i < 2; i++) {
		struct return_input in;
		assert_int_equal(return_input_open(paths[i], &in, &err), 0);
		assert_non_null(in.bytes);
		struct return_doc *doc = NULL;
		assert_int_equal(sheet_open_input(st, &in, &doc, &err), 0);
		assert_null(in.bytes); /* taken */
		return_input_free(&in);
		assert_null(doc->answers);
		assert_int_equal(doc->nanswers, 2);
		for (int pass = 0; pass < 2; pass++) {
			struct return_plan plan;
			assert_int_equal(return_plan_make(st, doc, &plan, &err), 0);
			assert_int_equal(plan.nsame, 2);
			return_plan_free(&plan);
		}
		assert_int_equal(return_hold(doc, &err), 0);
		assert_non_null(doc->answers);
		assert_string_equal(doc->answers[0].evidence, "From the file.");
		return_doc_free(doc);
	}
	store_close(st);
}

/* The interface's i reads a workbook through the same import. */
static void test_ui_import_workbook(void **state)
{
	struct fx *f = *state;
	answer(f, "recognition-early", "good", "From the workbook.");
	cli_run_expect(maca(f, "export", "pack", "1", "--agency", "police", "--format", "xlsx",
			    "-o", f->xlsx, NULL),
		       0, NULL, NULL);
	answer(f, "recognition-early", "inadequate", "Since.");
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(f->db, &st, &err), 0);
	struct ui_import im = {0};
	bool sealed = true;
	assert_int_equal(ui_import_read(&im, st, f->xlsx, &sealed, &err), 0);
	assert_false(sealed);
	assert_non_null(strstr(im.summary, "Return for agency police"));
	assert_true(ui_import_changes(&im));
	char *done = NULL;
	assert_int_equal(ui_import_apply(&im, st, &done, &err), 0);
	assert_non_null(strstr(done, "0 added, 1 changed"));
	free(done);
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(st, 1, &cases, &n, &err), 0);
	struct answer a = {0};
	bool found = false;
	assert_int_equal(
	    store_answer_get(st, cases[0].id, "police", "recognition-early", &a, &found, &err), 0);
	assert_true(found);
	assert_string_equal(a.value, "good");
	assert_string_equal(a.evidence, "From the workbook.");
	answer_free(&a);
	case_info_list_free(cases, n);
	ui_import_free(&im);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unescape),
	    cmocka_unit_test(test_number_text),
	    cmocka_unit_test(test_col_name),
	    cmocka_unit_test(test_detect),
	    cmocka_unit_test_setup_teardown(test_cli_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_too_long_for_a_cell, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rows_read_again_not_held, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ui_import_workbook, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
