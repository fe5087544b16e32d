#include "ui_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "catalog.h"
#include "sbuf.h"
#include "testutil.h"

struct ui_fixture *ui_fixture_in_memory(void)
{
	struct ui_fixture *fx = calloc(1, sizeof *fx);
	struct maca_err err = {0};
	if (fx && store_open(":memory:", &fx->st, &err)) {
		err_clear(&err);
		free(fx);
		return NULL;
	}
	return fx;
}

struct ui_fixture *ui_fixture_on_file(void)
{
	struct ui_fixture *fx = calloc(1, sizeof *fx);
	struct maca_err err = {0};
	assert_non_null(fx);
	fx->dir = tu_tempdir();
	fx->db = str_fmt("%s/maca.db", fx->dir);
	ui_fixture_ok(store_open(fx->db, &fx->st, &err), &err);
	ui_fixture_ok(store_open(fx->db, &fx->other, &err), &err);
	return fx;
}

int ui_fixture_teardown(void **state)
{
	struct ui_fixture *fx = *state;
	ui_free(&fx->ui);
	store_close(fx->st);
	store_close(fx->other);
	if (fx->dir)
		tu_remove_tree(fx->dir);
	free(fx->dir);
	free(fx->db);
	free(fx);
	return 0;
}

int ui_fixture_audit(struct store *st, struct audit_new *a, int64_t *id, struct maca_err *err)
{
	struct diag_list diags = {0};
	struct template *tpl = NULL;
	int rc = catalog_load_template("domestic-abuse", &tpl, &diags, err);
	diag_list_free(&diags);
	if (rc)
		return rc;
	a->tpl = tpl;
	rc = store_audit_create(st, a, id, err);
	a->tpl = NULL;
	template_free(tpl);
	return rc;
}

void ui_fixture_ok(int rc, struct maca_err *err)
{
	if (rc)
		fail_msg("%s", err_msg(err));
}

void ui_type(struct ui *ui, const char *text)
{
	for (const char *p = text; *p; p++)
		ui_key(ui, (unsigned char)*p);
}
