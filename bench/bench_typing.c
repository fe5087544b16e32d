/* Typing into a 10 KB field that a published document carries: after each key the interface
 * checks the field for identifiers (ui_typing.c: the audit's words left out, the warning put
 * on the status line or cleared). Timed per key, beside the key alone (the editor's insert),
 * through the shell's own check on a screen whose published field is the editor. SYNTHETIC
 * prose: the words of the trade, with one identifier so the warning is shown each time. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "sbuf.h"
#include "ui.h"
#include "ui_screen.h"

#define FIELD_BYTES 10240
#define KEYS 400

static struct editbuf *field;
static int64_t field_audit;

static bool published(const struct ui *ui, struct ui_published_field *out)
{
	(void)ui;
	*out = (struct ui_published_field){.eb = field, .audit_id = field_audit};
	return true;
}

static const struct ui_screen_ops typing_screen = {.title = "Typing", .published_text = published};

/* About 10 KB of a learning point as a chair writes it, a phone number in the middle. */
static char *prose(void)
{
	static const char *const sentences[] = {
	    "Children's social care and the police shared the referral within a day. ",
	    "The domestic abuse service offered support, and the health visitor followed up. ",
	    "Section 47 enquiries were not started although the threshold was met. ",
	    "Learning Point 3 applies: outcomes of referrals were not shared with referrers. ",
	};
	struct sbuf b = {0};
	for (size_t i = 0; b.len < FIELD_BYTES && !b.failed; i++) {
		sbuf_add(&b, sentences[i % 4]);
		if (i == 60)
			sbuf_add(&b, "The father rang on 07700 900123 twice. ");
		if (i % 8 == 7)
			sbuf_add(&b, "\n\n");
	}
	return sbuf_take(&b);
}

int bench_measure_typing(struct store *st, int64_t audit_id, struct bench_result *r,
			 struct maca_err *err)
{
	const struct ui_screen_ops *screens[UI_SCREEN_COUNT] = {[0] = &typing_screen};
	char *text = prose();
	field = text ? editbuf_new(text, 0, EDITBUF_MULTI_LINE) : NULL;
	free(text);
	double *check = malloc(KEYS * sizeof *check), *key = malloc(KEYS * sizeof *key),
	       *cpu = malloc(KEYS * sizeof *cpu);
	if (!field || !check || !key || !cpu) {
		editbuf_free(field);
		free(check);
		free(key);
		free(cpu);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	field_audit = audit_id;
	struct ui ui;
	ui_shell_init(&ui, st, screens, (enum ui_screen)0, (enum ui_screen)0);
	ui_typing_check(&ui); /* the audit's words read, as on entering the field */
	bool warned = ui.status && strstr(ui.status, "phone number");
	const char *word = "agreed ";
	for (int i = 0; i < KEYS; i++) {
		double t0 = bench_now_ms(), c0 = bench_cpu_ms();
		editbuf_insert_char(field, (wchar_t)word[i % 7]);
		double t1 = bench_now_ms();
		ui_typing_check(&ui);
		key[i] = t1 - t0;
		check[i] = bench_now_ms() - t0;
		cpu[i] = bench_cpu_ms() - c0;
	}
	warned = warned && ui.status && strstr(ui.status, "phone number");
	size_t bytes = 0;
	free(editbuf_text(field, &bytes));
	r->typing_bytes = bytes;
	r->typing_keys = KEYS;
	r->typing_median = bench_percentile(check, KEYS, 0.5);
	r->typing_max = bench_percentile(check, KEYS, 1.0);
	r->typing_cpu_median = bench_percentile(cpu, KEYS, 0.5);
	r->typing_cpu_max = bench_percentile(cpu, KEYS, 1.0);
	r->typing_bare = bench_percentile(key, KEYS, 0.5);
	ui_free(&ui);
	editbuf_free(field);
	field = NULL;
	free(check);
	free(key);
	free(cpu);
	return warned ? MACA_OK
		      : err_set(err, MACA_EUSER, "typing: the warning was not on the status line");
}
