/* The synthetic template every audit of the benchmark uses, and the small deterministic
 * generator that makes every run build the same database (bench_build.c, bench_return.c). */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "sbuf.h"
#include "template.h"

#define QUESTIONS_PER_SECTION 8

char *bench_template_text(const struct bench_size *size)
{
	struct sbuf b = {0};
	sbuf_add(&b, "; SYNTHETIC template for maca-bench.\n"
		     "[template]\nid = bench\ntitle = Benchmark audit (synthetic)\nversion = 1\n"
		     "theme = Neglect\nevidence_required_at = requires-improvement\n"
		     "prompts = learning\n\n"
		     "[grade outstanding]\nlabel = Outstanding\nkey = o\n"
		     "[grade good]\nlabel = Good\nkey = g\n"
		     "[grade requires-improvement]\nlabel = Requires improvement\nkey = r\n"
		     "[grade inadequate]\nlabel = Inadequate\nkey = i\n"
		     "[grade not-applicable]\nlabel = Not applicable\nkey = n\n"
		     "not_applicable = yes\n\n"
		     "[prompt learning]\nlabel = Learning\n"
		     "text = What does this case teach the partnership?\n\n[agencies]\n");
	for (int a = 1; a <= size->agencies; a++)
		sbuf_addf(&b, "agency-%d = Agency %d\n", a, a);
	int nsections = (size->questions + QUESTIONS_PER_SECTION - 1) / QUESTIONS_PER_SECTION;
	for (int s = 1, q = 1; s <= nsections; s++) {
		sbuf_addf(&b, "\n[section s%d]\ntitle = Section %d of the practice reviewed\n", s,
			  s);
		for (int k = 0; k < QUESTIONS_PER_SECTION && q <= size->questions; k++, q++)
			sbuf_addf(&b,
				  "\n[question q%03d]\nsection = s%d\n"
				  "text = Question %d: was the child's experience understood, and "
				  "did the plan respond to it?\n"
				  "guidance = Look at the records of the period under review.\n",
				  q, s, q);
	}
	return sbuf_take(&b);
}

unsigned bench_random(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

int bench_template(const struct bench_size *size, struct template **tpl, struct maca_err *err)
{
	*tpl = NULL;
	char *text = bench_template_text(size);
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct diag_list diags = {0};
	int rc = MACA_OK;
	if (template_parse("bench.ini", text, strlen(text), tpl, &diags) != 0)
		rc = err_set(err, MACA_EUSER, "the synthetic template does not load: %s",
			     diags.n ? diags.items[0].msg : "out of memory");
	diag_list_free(&diags);
	free(text);
	return rc;
}
