/* The fixture shared by test_store_query.c and test_store_edit.c: a fresh in-memory store per
 * test holding one audit made from the shipped domestic-abuse template. Include after
 * <cmocka.h>. */
#ifndef MACA_QUERY_FIXTURE_H
#define MACA_QUERY_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "names.h"
#include "store_internal.h" /* struct store, to reach st->db for checks in SQL */

#define FX_UNUSED __attribute__((unused))

struct fx {
	struct store *st;
	struct template *tpl;
	int64_t audit;
	struct maca_err err;
};

/* Fails the test with the store's message when a call did not succeed. */
#define assert_ok(f, call)                                                                         \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ != MACA_OK)                                                                \
			fail_msg("%s gave %d: %s", #call, rc_, err_msg(&(f)->err));                \
	} while (0)

/* Asserts that a call failed with `status`, its message containing `needle` (if given). */
static FX_UNUSED void expect_fail(struct maca_err *err, int rc, enum maca_status status,
				  const char *needle)
{
	if (rc != (int)status)
		fail_msg("expected status %d, got %d: %s", status, rc, err_msg(err));
	assert_int_equal(err->status, status);
	if (needle && !strstr(err_msg(err), needle))
		fail_msg("message \"%s\" lacks \"%s\"", err_msg(err), needle);
	err_clear(err);
}

static FX_UNUSED int64_t fx_new_audit(struct fx *f, const char *title)
{
	struct audit_new a = {.title = title, .tpl = f->tpl};
	int64_t id = 0;
	assert_ok(f, store_audit_create(f->st, &a, &id, &f->err));
	return id;
}

static FX_UNUSED int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	struct diag_list diags = {0};
	if (template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &f->tpl,
			       &diags) != 0)
		fail_msg("template: %s", diags.n ? diags.items[0].msg : "cannot load");
	diag_list_free(&diags);
	assert_ok(f, store_open(":memory:", &f->st, &f->err));
	f->audit = fx_new_audit(f, "Domestic abuse audit");
	*state = f;
	return 0;
}

static FX_UNUSED int fx_teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	template_free(f->tpl);
	err_clear(&f->err);
	free(f);
	return 0;
}

static FX_UNUSED int64_t fx_case_in(struct fx *f, int64_t audit, const char *reference)
{
	struct case_fields c = {.reference = reference};
	int64_t id = 0;
	assert_ok(f, store_case_add(f->st, audit, &c, &id, &f->err));
	return id;
}

static FX_UNUSED int64_t fx_case(struct fx *f, const char *reference)
{
	return fx_case_in(f, f->audit, reference);
}

/* Marks every case moderated and closes the audit. */
static FX_UNUSED void fx_close(struct fx *f)
{
	struct case_info *list;
	size_t n;
	assert_ok(f, store_case_list(f->st, f->audit, &list, &n, &f->err));
	for (size_t i = 0; i < n; i++)
		assert_ok(f, store_case_set_moderated(f->st, list[i].id, true, &f->err));
	case_info_list_free(list, n);
	assert_ok(f, store_audit_set_status(f->st, f->audit, AUDIT_CLOSED, NULL, &f->err));
}

/* Adds a learning point with comma-separated links. */
static FX_UNUSED int64_t fx_point(struct fx *f, const char *title, const char *cases,
				  const char *agencies, const char *sections)
{
	struct named_list c = {0}, a = {0}, s = {0};
	assert_true(split_list(cases, &c) && split_list(agencies, &a) && split_list(sections, &s));
	struct learning_point_fields lp = {.title = title,
					   .text = "What we learned.",
					   .cases = &c,
					   .agencies = &a,
					   .sections = &s};
	int64_t id = 0;
	int rc = store_learning_point_add(f->st, f->audit, &lp, &id, NULL, &f->err);
	named_list_free(&c);
	named_list_free(&a);
	named_list_free(&s);
	assert_ok(f, rc);
	return id;
}

static FX_UNUSED int64_t fx_action(struct fx *f, int64_t lp_id, const char *what,
				   enum action_status status)
{
	struct action_fields a = {.what = what,
				  .owner_agency = "police",
				  .due_date = "2026-03-31",
				  .measure = "Dip sample of 20 referrals",
				  .status = status};
	int64_t id = 0;
	assert_ok(f, store_action_add(f->st, lp_id, &a, &id, &f->err));
	return id;
}

static FX_UNUSED int64_t fx_good_practice(struct fx *f, const char *text, const char *agencies,
					  const char *cases)
{
	struct good_practice_fields g = {.text = text, .agencies = agencies, .cases = cases};
	int64_t id = 0;
	assert_ok(f, store_good_practice_add(f->st, f->audit, &g, &id, &f->err));
	return id;
}

/* The one integer a query returns (sqlite3_mprintf formats: %lld, %Q). */
static FX_UNUSED long long fx_query_int(struct fx *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	assert_non_null(sql);
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(f->st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(f->st->db));
	sqlite3_free(sql);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	long long v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static FX_UNUSED size_t fx_history_count(struct fx *f)
{
	return (size_t)fx_query_int(f, "SELECT count(*) FROM history WHERE audit_id = %lld",
				    (long long)f->audit);
}

/* Asserts the newest history rows of the audit, newest last: "field:old>new" each, with
 * "-" for NULL. */
static FX_UNUSED void fx_expect_history(struct fx *f, size_t since, const char *const *want,
					size_t nwant)
{
	struct history_row *rows;
	size_t n;
	assert_ok(f, store_history_list(f->st, f->audit, &rows, &n, &f->err));
	if (n != since + nwant)
		fail_msg("expected %zu new history rows, got %zu", nwant, n - since);
	for (size_t i = 0; i < nwant; i++) {
		const struct history_row *r = &rows[since + i];
		char *got = NULL;
		assert_true(asprintf(&got, "%s:%s>%s", r->field, r->old_value ? r->old_value : "-",
				     r->new_value ? r->new_value : "-") > 0);
		if (strcmp(got, want[i]) != 0)
			fail_msg("history row %zu: expected \"%s\", got \"%s\"", i, want[i], got);
		free(got);
	}
	history_list_free(rows, n);
}

#endif
