/* Import from the interface, without a terminal: the path asked for, a masked passphrase for
 * an encrypted file, the summary, and confirmation before anything held is changed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "editbuf_internal.h"
#include "export_file.h"
#include "return_doc.h"
#include "sbuf.h"
#include "sealed.h"
#include "testutil.h"
#include "ui.h"
#include "ui_fixture.h"

struct fx {
	char *dir;
	struct template *tpl;
	struct store *chair, *agency;
	int64_t audit, child;
	struct ui ui; /* on the agency's database, or the chair's */
};

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
	assert_int_equal(store_open(":memory:", &f->chair, &err), 0);
	assert_int_equal(store_open(":memory:", &f->agency, &err), 0);
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "police", "Police"));
	struct audit_new a = {.title = "UI import audit", .agencies = &agencies, .tpl = f->tpl};
	assert_int_equal(store_audit_create(f->chair, &a, &f->audit, &err), 0);
	named_list_free(&agencies);
	struct case_fields c = {.reference = "Child A"};
	assert_int_equal(store_case_add(f->chair, f->audit, &c, &f->child, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	ui_free(&f->ui);
	store_close(f->chair);
	store_close(f->agency);
	template_free(f->tpl);
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Writes the chair's pack (or a return from st) to dir/name, sealed under pass if given. */
static char *write_file(struct fx *f, struct store *st, enum return_kind kind, const char *name,
			const char *pass)
{
	struct return_doc *doc;
	struct maca_err err = {0};
	assert_int_equal(return_collect(st, f->audit, "police", kind, "T", "0", &doc, &err), 0);
	unsigned char *buf;
	size_t len;
	assert_int_equal(return_serialize(doc, &buf, &len, &err), 0);
	return_doc_free(doc);
	if (pass) {
		unsigned char *sealed;
		size_t slen;
		/* Cheap key derivation: the test is about the interface, not Argon2id. */
		assert_int_equal(
		    sealed_seal_limits(buf, len, pass, strlen(pass), 1, 8192, &sealed, &slen, &err),
		    0);
		free(buf);
		buf = sealed;
		len = slen;
	}
	char *path = str_fmt("%s/%s", f->dir, name);
	assert_int_equal(export_file_write(path, (const char *)buf, len, true, &err), 0);
	free(buf);
	return path;
}

static bool summary_has(const struct ui *ui, const char *needle)
{
	for (size_t i = 0; i < ui->import.nlines; i++)
		if (strstr(ui->import.lines[i], needle))
			return true;
	return false;
}

static void start_import(struct ui *ui, const char *path)
{
	ui_key(ui, 'i');
	assert_true(ui->prompt.active);
	assert_false(ui->prompt.masked);
	ui_type(ui, path);
	ui_key(ui, UI_KEY_ENTER);
}

static void test_pack_then_sealed_return(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	char *pack = write_file(f, f->chair, RETURN_PACK, "pack.maca", NULL);
	assert_int_equal(ui_init(&f->ui, f->agency, &err), 0);
	start_import(&f->ui, pack);
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_IMPORT);
	assert_true(summary_has(&f->ui, "Pack for agency police (Police)"));
	ui_key(&f->ui, 'y');
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_HOME);
	assert_int_equal(f->ui.home.naudits, 1);
	assert_non_null(strstr(f->ui.status, "Imported the pack for police as audit 1"));

	/* The agency answers; its return comes back sealed to the chair. */
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(f->agency, 1, &cases, &n, &err), 0);
	assert_int_equal(store_answer_save(f->agency, cases[0].id, "police",
					   "identification-recognised", "good", "Seen.", &err),
			 0);
	case_info_list_free(cases, n);
	ui_free(&f->ui);
	char *ret = write_file(f, f->agency, RETURN_RETURN, "return.maca", "s3cret phrase");
	assert_int_equal(ui_init(&f->ui, f->chair, &err), 0);
	start_import(&f->ui, ret);
	assert_true(f->ui.prompt.active);
	assert_true(f->ui.prompt.masked);
	ui_type(&f->ui, "wrong");
	ui_key(&f->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_IMPORT);
	assert_true(f->ui.import.refused);
	assert_true(summary_has(&f->ui, "wrong passphrase"));
	ui_key(&f->ui, 'y'); /* nothing to confirm */
	ui_key(&f->ui, UI_KEY_ESC);
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_HOME);
	bool found;
	struct answer a;
	assert_int_equal(store_answer_get(f->chair, f->child, "police", "identification-recognised",
					  &a, &found, &err),
			 0);
	assert_false(found);
	answer_free(&a);

	start_import(&f->ui, ret);
	ui_type(&f->ui, "s3cret phrase");
	ui_key(&f->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_IMPORT);
	assert_true(summary_has(&f->ui, "Into audit 1: 1 to add, 0 unchanged, 0 to change."));
	ui_key(&f->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_HOME);
	assert_non_null(strstr(f->ui.status, "1 added, 0 changed"));
	assert_int_equal(store_answer_get(f->chair, f->child, "police", "identification-recognised",
					  &a, &found, &err),
			 0);
	assert_true(found);
	assert_string_equal(a.value, "good");
	answer_free(&a);
	free(pack);
	free(ret);
}

/* Blocks the prompt's editor released while the hook below was in place, and how many of
 * them still held anything but zero bytes. */
static size_t released, unwiped;

static void *fill_alloc(size_t size)
{
	void *p = malloc(size);
	if (p)
		memset(p, 0xA5, size);
	return p;
}

static void check_release(void *block, size_t size)
{
	const unsigned char *b = block;
	for (size_t i = 0; i < size; i++)
		if (b[i]) {
			unwiped++;
			break;
		}
	released++;
	free(block);
}

/* Types pass into the masked prompt open now and ends it with key, watching every block its
 * editor releases. */
static void type_masked(struct ui *ui, const char *pass, int key)
{
	static const struct editbuf_allocator a = {fill_alloc, check_release};
	assert_true(ui->prompt.active);
	assert_true(ui->prompt.masked);
	released = unwiped = 0;
	editbuf_set_allocator(&a);
	ui_type(ui, pass);
	ui_key(ui, key);
	editbuf_set_allocator(NULL);
	assert_false(ui->prompt.active);
}

/* Confirming or cancelling the passphrase prompt leaves no copy in the prompt's freed
 * buffers: every block its editor released, as the text grew and when it closed, was
 * wiped. */
static void test_passphrase_prompt_wiped(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	char *pack = write_file(f, f->chair, RETURN_PACK, "pack.sealed", "s3cret phrase");
	assert_int_equal(ui_init(&f->ui, f->agency, &err), 0);

	start_import(&f->ui, pack);
	type_masked(&f->ui, "s3cret phrase", UI_KEY_ESC);
	assert_true(released >= 4 + 2); /* 1 -> 2 -> 4 -> 8 -> 16, then text and saved copy */
	assert_int_equal(unwiped, 0);

	start_import(&f->ui, pack);
	type_masked(&f->ui, "s3cret phrase", UI_KEY_ENTER);
	assert_true(released >= 4 + 2);
	assert_int_equal(unwiped, 0);
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_IMPORT);
	assert_true(summary_has(&f->ui, "Pack for agency police (Police)"));
	free(pack);
}

static void test_changes_need_replace_typed(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	assert_int_equal(store_answer_save(f->chair, f->child, "police",
					   "identification-recognised", "inadequate", "", &err),
			 0);
	/* A return saying otherwise, made from a copy of the chair's own audit. */
	struct return_doc *doc;
	assert_int_equal(
	    return_collect(f->chair, f->audit, "police", RETURN_RETURN, "T", "0", &doc, &err), 0);
	free(doc->answers[0].value);
	doc->answers[0].value = strdup("good");
	unsigned char *buf;
	size_t len;
	assert_int_equal(return_serialize(doc, &buf, &len, &err), 0);
	return_doc_free(doc);
	char *path = str_fmt("%s/changes.maca", f->dir);
	assert_int_equal(export_file_write(path, (const char *)buf, len, false, &err), 0);
	free(buf);

	assert_int_equal(ui_init(&f->ui, f->chair, &err), 0);
	start_import(&f->ui, path);
	assert_true(summary_has(&f->ui, "1 to change"));
	assert_true(summary_has(&f->ui, "Child A, identification-recognised: inadequate -> good"));
	ui_key(&f->ui, 'y');
	assert_true(f->ui.prompt.active);
	ui_type(&f->ui, "yes");
	ui_key(&f->ui, UI_KEY_ENTER);
	assert_non_null(strstr(f->ui.status, "Nothing was imported"));
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_IMPORT);
	struct answer a;
	bool found;
	assert_int_equal(store_answer_get(f->chair, f->child, "police", "identification-recognised",
					  &a, &found, &err),
			 0);
	assert_string_equal(a.value, "inadequate");
	answer_free(&a);
	/* n goes back without importing. */
	ui_key(&f->ui, 'n');
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_HOME);
	start_import(&f->ui, path);
	ui_key(&f->ui, 'y');
	ui_type(&f->ui, "replace");
	ui_key(&f->ui, UI_KEY_ENTER);
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_HOME);
	assert_int_equal(store_answer_get(f->chair, f->child, "police", "identification-recognised",
					  &a, &found, &err),
			 0);
	assert_string_equal(a.value, "good");
	answer_free(&a);
	free(path);
}

/* A return's answer at a grade that needs evidence, with none, is shown on the summary and
 * said when imported; the import goes ahead. */
static void test_unevidenced_answer_said(void **state)
{
	struct fx *f = *state;
	struct maca_err err = {0};
	assert_int_equal(store_answer_save(f->chair, f->child, "police",
					   "identification-recognised", "requires-improvement", "",
					   &err),
			 0);
	struct return_doc *doc;
	assert_int_equal(
	    return_collect(f->chair, f->audit, "police", RETURN_RETURN, "T", "0", &doc, &err), 0);
	unsigned char *buf;
	size_t len;
	assert_int_equal(return_serialize(doc, &buf, &len, &err), 0);
	return_doc_free(doc);
	char *path = str_fmt("%s/bare.maca", f->dir);
	assert_int_equal(export_file_write(path, (const char *)buf, len, false, &err), 0);
	free(buf);

	assert_int_equal(ui_init(&f->ui, f->chair, &err), 0);
	start_import(&f->ui, path);
	assert_true(
	    summary_has(&f->ui, "1 answer is at a grade that needs evidence and has none:"));
	assert_true(summary_has(&f->ui,
				"  Child A, identification-recognised: Requires improvement "
				"to be good"));
	ui_key(&f->ui, 'y');
	assert_int_equal(ui_screen(&f->ui), UI_SCREEN_HOME);
	assert_non_null(strstr(f->ui.status, "1 answer needs evidence and has none"));
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_pack_then_sealed_return, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changes_need_replace_typed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_passphrase_prompt_wiped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unevidenced_answer_said, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
