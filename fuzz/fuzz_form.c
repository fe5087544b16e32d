/* libFuzzer target: the form loader, from bytes. A form that loads must hold together, and
 * validating records against it (an empty one, and one with every field set to a value taken
 * from the input) must neither crash nor pass a required field left empty. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "form.h"

static void check_form(const struct form *f, const char *value)
{
	CHECK(f->id && f->title && f->nfields > 0);
	size_t required = 0;
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fl = &f->fields[i];
		CHECK(fl->id && fl->label && fl->help);
		CHECK(form_field(f, fl->id) == fl);
		CHECK(!fl->has_min || !fl->has_max || fl->min <= fl->max);
		required += fl->required;
	}
	/* Every list a choice field may draw from, holding one item. */
	struct named_list one = {0};
	struct form_context ctx = {0};
	if (!named_add(&one, "x", "X"))
		abort();
	for (int s = 0; s < CHOICES_COUNT; s++)
		ctx.lists[s] = &one;

	struct record empty = {0};
	struct named_list problems = {0};
	size_t n = form_validate(f, &ctx, &empty, &problems);
	CHECK(n == problems.n);
	/* A required field left empty is always a problem. */
	CHECK(n >= required);
	named_list_free(&problems);

	struct record rec = {0};
	for (size_t i = 0; i < f->nfields; i++)
		if (!record_set(&rec, f->fields[i].id, value))
			abort();
	n = form_validate(f, &ctx, &rec, &problems);
	CHECK(n == problems.n);
	named_list_free(&problems);
	free(form_extra_json(f, &rec));
	record_free(&rec);
	named_list_free(&one);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = {0};
	struct form *form = NULL;
	int rc = form_parse("fuzz.ini", (const char *)data, size, &form, &diags);
	if (rc == 0) {
		CHECK(form != NULL);
		/* The input's first line serves as a value for every field. */
		size_t n = 0;
		while (n < size && n < 200 && data[n] != '\n' && data[n] != '\0')
			n++;
		char *value = strndup((const char *)data, n);
		if (!value)
			abort();
		check_form(form, value);
		free(value);
	} else {
		CHECK(form == NULL);
		CHECK(diags.n > 0 || diags.oom);
	}
	for (size_t i = 0; i < diags.n; i++)
		CHECK(diags.items[i].msg != NULL && diags.items[i].line >= 0);
	form_free(form);
	diag_list_free(&diags);
	return 0;
}
