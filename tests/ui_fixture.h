/* The interface over a store as the ui tests drive it: made, fed keys, and thrown away with
 * everything it holds. */
#ifndef MACA_UI_FIXTURE_H
#define MACA_UI_FIXTURE_H

#include <stdint.h>

#include "ui.h"

struct ui_fixture {
	char *dir;	     /* the database's folder, removed at the end; NULL in memory */
	char *db;	     /* dir/maca.db */
	struct store *st;    /* the interface's */
	struct store *other; /* on a file: a second connection to it, as another maca has */
	struct ui ui;	     /* started by the test (ui_init), freed at the end */
	int64_t audit;	     /* the audit the test works on */
	int64_t case_id;     /* a case of it, where the test needs one */
};

/* A fixture on an empty store in memory; NULL when it cannot be made (the setup fails). */
struct ui_fixture *ui_fixture_in_memory(void);
/* A fixture on an empty database file in a new private folder, with the second connection;
 * fails the test when it cannot be made. */
struct ui_fixture *ui_fixture_on_file(void);
/* cmocka's teardown for either: the interface freed, the stores closed, the folder removed. */
int ui_fixture_teardown(void **state);

/* Creates audit `a` in st on the shipped domestic-abuse template (a->tpl is set for the call
 * and cleared after); its id in *id. */
int ui_fixture_audit(struct store *st, struct audit_new *a, int64_t *id, struct maca_err *err);

/* Fails the test with err's message unless rc is MACA_OK. */
void ui_fixture_ok(int rc, struct maca_err *err);
/* Feeds text to the interface key by key, as typed. */
void ui_type(struct ui *ui, const char *text);

#endif
