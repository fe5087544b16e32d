/* libFuzzer target: the audit template loader, from bytes. Beyond not crashing, a template that
 * loads must hold together: every index it carries points inside its arrays. */
#include <stdint.h>
#include <string.h>

#include "fuzz_check.h"
#include "template.h"

static void check_template(const struct template *t)
{
	CHECK(t->id && t->title && t->theme && t->layout);
	CHECK(t->ngrades > 0 && t->nsections > 0 && t->nquestions > 0);
	size_t next = 0;
	for (size_t s = 0; s < t->nsections; s++) {
		const struct section *sec = &t->sections[s];
		/* Questions are stored section by section, in order. */
		CHECK(sec->first_question == next);
		next += sec->nquestions;
		CHECK(template_section(t, sec->id) == sec);
		for (size_t p = 0; p < sec->nprompts; p++)
			CHECK(sec->prompts[p] < t->nprompts);
	}
	CHECK(next == t->nquestions);
	for (size_t q = 0; q < t->nquestions; q++) {
		const struct question *qu = &t->questions[q];
		CHECK(qu->section < t->nsections);
		CHECK(template_question(t, qu->id) == qu);
		CHECK(qu->evidence_at >= -1 && qu->evidence_at < (int)t->ngrades);
		/* "" is always acceptable: not answered. */
		CHECK(template_value_valid(t, qu, ""));
		for (size_t g = 0; g < t->ngrades; g++)
			if (qu->kind == QUESTION_GRADED)
				CHECK(template_value_valid(t, qu, t->grades[g].id));
	}
	for (size_t g = 0; g < t->ngrades; g++) {
		CHECK(template_grade_index(t, t->grades[g].id) == (int)g);
		/* Keys are unique, whatever their case. */
		CHECK(template_grade_by_key(t, t->grades[g].key) == &t->grades[g]);
	}
	CHECK(t->source_len == 0 || t->source != NULL);
	CHECK(strlen(t->hash) == 64);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = {0};
	struct template *tpl = NULL;
	int rc = template_parse("fuzz.ini", (const char *)data, size, &tpl, &diags);
	if (rc == 0) {
		CHECK(tpl != NULL);
		check_template(tpl);
	} else {
		/* A refusal always says why. */
		CHECK(tpl == NULL);
		CHECK(diags.n > 0 || diags.oom);
	}
	for (size_t i = 0; i < diags.n; i++)
		CHECK(diags.items[i].msg != NULL && diags.items[i].line >= 0);
	template_free(tpl);
	diag_list_free(&diags);
	return 0;
}
