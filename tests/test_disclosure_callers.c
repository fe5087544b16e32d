/* The disclosure check as the briefing and the partnership report run it: each passes the
 * audit's own words (template, agencies, partnership, configured resources) so that a
 * learning point repeating them is not flagged, while a name beside them still is. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "report.h"
#include "store.h"

struct fixture {
	struct store *st;
	struct template *tpl;
	int64_t audit;
	struct maca_err err;
};

#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		if ((call) != 0)                                                                   \
			fail_msg("%s: %s", #call, err_msg(&(f)->err));                             \
	} while (0)

/* SYNTHETIC: an invented partnership named after an invented person, and an invented
 * helpline in the configuration's resources. */
static const char partnership[] = "Ellen Marwood Safeguarding Partnership";
static const char point[] = "The Ellen Marwood Safeguarding Partnership and the Tobias Quill "
			    "Helpline (0300 999 1234) offered support; the domestic abuse service "
			    "and Children's social care met; mother Sarah declined.";

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	struct diag_list diags = {0};
	if (template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &f->tpl,
			       &diags) != 0)
		fail_msg("cannot load the domestic-abuse template");
	diag_list_free(&diags);
	assert_ok(f, store_open(":memory:", &f->st, &f->err));
	struct audit_new a = {.title = "Ellen Marwood Safeguarding Partnership audit",
			      .partnership = partnership,
			      .audit_date = "2026-03-01",
			      .tpl = f->tpl};
	assert_ok(f, store_audit_create(f->st, &a, &f->audit, &f->err));
	struct learning_point_fields lp = {.title = "Support", .text = point};
	int64_t id;
	int number;
	assert_ok(f, store_learning_point_add(f->st, f->audit, &lp, &id, &number, &f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->st);
	template_free(f->tpl);
	err_clear(&f->err);
	free(f);
	return 0;
}

static bool has(const struct disclosure_list *l, const char *match)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].match, match) == 0)
			return true;
	return false;
}

static void test_briefing_passes_the_audits_words(void **state)
{
	struct fixture *f = *state;
	/* Without the audit's words, the check flags the partnership's and helpline's names. */
	struct disclosure_list bare = {0};
	assert_ok(f, disclosure_scan(point, "x", &bare, &f->err));
	assert_true(has(&bare, "Ellen Marwood"));
	assert_true(has(&bare, "Tobias"));
	assert_true(has(&bare, "0300 999 1234"));
	assert_true(has(&bare, "Sarah"));
	disclosure_list_free(&bare);

	struct resource helpline = {.title = "Tobias Quill Helpline 0300 999 1234", .url = ""};
	struct briefing_options opt = {.resources = &helpline, .nresources = 1};
	struct disclosure_list found = {0};
	char *md = NULL;
	assert_ok(f, briefing_write(f->st, f->audit, &opt, &md, &found, &f->err));
	for (size_t i = 0; i < found.n; i++)
		print_message("found %s '%s' in %s\n", disclosure_kind_name(found.items[i].kind),
			      found.items[i].match, found.items[i].where);
	assert_int_equal(found.n, 1);
	assert_string_equal(found.items[0].match, "Sarah");
	assert_int_equal(found.items[0].kind, DISCLOSURE_PERSON);
	assert_int_equal(found.items[0].place, DISCLOSURE_IN_LEARNING_POINT);
	/* Where it is in the learning point's text, for an interface to point at. */
	assert_int_equal(found.items[0].start, strstr(point, "Sarah") - point);
	assert_int_equal(found.items[0].len, 5);
	free(md);
	disclosure_list_free(&found);
}

static void test_report_passes_the_partnerships_words(void **state)
{
	struct fixture *f = *state;
	struct disclosure_list found = {0};
	char *md = NULL;
	assert_ok(f, report_write(f->st, NULL, "2026-04-01", NULL, 0, 3, &md, &found, &f->err));
	/* The audit's title names its partnership: no finding. */
	assert_int_equal(found.n, 0);
	free(md);
	disclosure_list_free(&found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_briefing_passes_the_audits_words, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_report_passes_the_partnerships_words, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
