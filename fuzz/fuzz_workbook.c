/* libFuzzer target for the workbook and CSV return readers: any bytes in, a clean refusal or a
 * sound return out, never a crash, a leak or undefined behaviour. The lookup stands for the
 * chair's database: whatever audit the file names, it is an audit on the shipped
 * multi-agency-practice template with cases Child A, Child B and Child C. A return read is
 * checked against that audit and shown, as `maca show` would. Corpus: fuzz/corpus/workbook/
 * (packs exported by maca, filled by openpyxl as Excel fills them, saved again by LibreOffice;
 * CSV packs filled with commas and semicolons). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "template.h"
#include "workbook.h"

static char *template_text;
static size_t template_len;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	FILE *f = fopen(MACA_SOURCE_DIR "/audit-templates/multi-agency-practice.ini", "rb");
	CHECK(f);
	CHECK(fseek(f, 0, SEEK_END) == 0);
	long n = ftell(f);
	CHECK(n > 0 && fseek(f, 0, SEEK_SET) == 0);
	template_text = malloc((size_t)n + 1);
	CHECK(template_text && fread(template_text, 1, (size_t)n, f) == (size_t)n);
	template_text[n] = '\0';
	template_len = (size_t)n;
	fclose(f);
	return 0;
}

static char *dup(const char *s)
{
	char *d = strdup(s);
	CHECK(d);
	return d;
}

static int lookup(void *ctx, const struct sheet_identity *id, struct return_doc **out,
		  struct maca_err *err)
{
	(void)ctx;
	(void)id;
	(void)err;
	struct return_doc *d = calloc(1, sizeof *d);
	CHECK(d);
	struct diag_list diags = {0};
	CHECK(template_parse("fuzz", template_text, template_len, &d->tpl, &diags) == 0);
	diag_list_free(&diags);
	static const char *const refs[] = {"Child A", "Child B", "Child C"};
	d->kind = RETURN_RETURN;
	snprintf(d->uuid, sizeof d->uuid, "%s", "6f1c2a9e-3b7d-4c1e-9a2f-5d8e7b6a4c3d");
	d->title = dup("Fuzzed audit");
	d->theme = dup("");
	d->template_id = dup(d->tpl->id);
	d->template_version = d->tpl->version;
	d->template_hash = dup(d->tpl->hash);
	d->template_text = dup(template_text);
	d->template_len = template_len;
	d->agency_code = dup("police");
	d->agency_name = dup("Police");
	d->created_at = dup("");
	d->created_by = dup("");
	d->maca_version = dup("");
	d->cases = calloc(3, sizeof *d->cases);
	CHECK(d->cases);
	for (size_t i = 0; i < 3; i++)
		d->cases[d->ncases++] = (struct return_case){.reference = dup(refs[i]),
							     .age_band = dup(""),
							     .plan_status = dup(""),
							     .position = (long)i + 1};
	*out = d;
	return 0;
}

/* A return read is one the import can take: answers and notes on the audit's own cases and
 * template, with values its template allows. */
static void check_doc(const struct return_doc *d)
{
	CHECK(d->kind == RETURN_RETURN && d->tpl);
	for (size_t i = 0; i < d->nanswers; i++) {
		const struct return_answer *a = &d->answers[i];
		const struct question *q = template_question(d->tpl, a->question_id);
		CHECK(q && a->value && a->evidence && a->author && a->updated_at);
		CHECK(template_value_valid(d->tpl, q, a->value));
		CHECK(*a->value || *a->evidence);
	}
	for (size_t i = 0; i < d->nnotes; i++) {
		const struct return_note *n = &d->notes[i];
		CHECK(template_section(d->tpl, n->section_id) && n->text && *n->text);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct return_doc *doc = NULL;
	struct maca_err err = {0};
	enum sheet_format f = sheet_detect(data, size) == SHEET_XLSX ? SHEET_XLSX : SHEET_CSV;
	int rc = sheet_read(f, data, size, lookup, NULL, &doc, &err);
	if (rc == 0) {
		check_doc(doc);
		free(return_show(doc));
		return_doc_free(doc);
	} else {
		CHECK(!doc && *err_msg(&err));
	}
	err_clear(&err);
	return 0;
}
