/* The property over the whole interface (issue 17): on a copy of the demo audit, every
 * printable key and the usual control keys, pressed on every screen (and on each kind of
 * question where keys mean different things), change the database only where the key is
 * documented as changing data: bound there to an action the key tables mark UI_DATA, or one of
 * the screen's value keys. The interface is driven through its key entry point (ui_key) with
 * the store on a file; a content digest of the database is compared before and after each key
 * (after what quitting would save, and with any question the key opened answered by Esc).
 * Every key that changed something is listed; an undocumented one fails the test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "store.h"
#include "sbuf.h"
#include "testutil.h"
#include "ui.h"
#include "ui_editkeys.h"
#include "ui_screen.h"

struct world {
	char *dir, *pristine, *db, *ret;
	struct store *st;
	struct store *other; /* another maca's connection, for Changed meanwhile */
	sqlite3 *reader;     /* the test's own connection: data_version and the digest */
	char pristine_digest[65];
	char current[65]; /* the work database's digest at data_version `version` */
	int64_t version;
};

static struct world W;

static void ok(int rc, struct maca_err *err)
{
	if (rc)
		fail_msg("%s", err_msg(err));
}

/* A digest of every row of every table, in rowid order (SHA-256 over the values), except
 * chair_place: where the chair is in moderation, written on every move for the room view to
 * follow, is no data (no history, nothing published, nothing to undo). */
static void digest(sqlite3 *db, char out[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	sqlite3_stmt *tables;
	assert_int_equal(sqlite3_prepare_v2(
			     db,
			     "SELECT name FROM sqlite_schema WHERE type = 'table' "
			     "AND name NOT LIKE 'sqlite_%' AND name <> 'chair_place' ORDER BY name",
			     -1, &tables, NULL),
			 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char *sql = str_fmt("SELECT * FROM \"%s\" ORDER BY rowid",
				    (const char *)sqlite3_column_text(tables, 0));
		sqlite3_stmt *rows;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK);
		free(sql);
		crypto_hash_sha256_update(&h, sqlite3_column_text(tables, 0),
					  (unsigned long long)sqlite3_column_bytes(tables, 0) + 1);
		while (sqlite3_step(rows) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const unsigned char *v = sqlite3_column_text(rows, c);
				int n = sqlite3_column_bytes(rows, c);
				unsigned char tag = (unsigned char)sqlite3_column_type(rows, c);
				crypto_hash_sha256_update(&h, &tag, 1);
				if (v)
					crypto_hash_sha256_update(&h, v, (unsigned long long)n);
			}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	unsigned char bin[32];
	crypto_hash_sha256_final(&h, bin);
	sodium_bin2hex(out, 65, bin, sizeof bin);
}

static int64_t data_version(void)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(W.reader, "PRAGMA data_version", -1, &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void copy_file(const char *from, const char *to)
{
	char *cmd = str_fmt("cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", from, to, to, to);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void open_work(void)
{
	struct maca_err err = {0};
	copy_file(W.pristine, W.db);
	ok(store_open(W.db, &W.st, &err), &err);
	ok(store_set_origin(W.st, "Property test", "keyboard", &err), &err);
	ok(store_open(W.db, &W.other, &err), &err);
	assert_int_equal(sqlite3_open_v2(W.db, &W.reader, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	W.version = data_version();
	memcpy(W.current, W.pristine_digest, sizeof W.current);
}

/* The work database's digest now: read again only when another connection committed. */
static const char *current(void)
{
	int64_t v = data_version();
	if (v != W.version) {
		W.version = v;
		digest(W.reader, W.current);
	}
	return W.current;
}

static void close_work(void)
{
	store_close(W.st);
	store_close(W.other);
	sqlite3_close(W.reader);
	W.st = W.other = NULL;
	W.reader = NULL;
}

/* The pristine copy: the demo audit, a re-audit of it (for Then and now), a return file to
 * import, and the digest. */
static int setup(void **state)
{
	(void)state;
	struct maca_err err = {0};
	/* In memory where the system offers it: thousands of small commits, each synced. */
	if (access("/dev/shm", W_OK) == 0)
		setenv("TMPDIR", "/dev/shm", 1);
	W.dir = tu_tempdir();
	W.pristine = str_fmt("%s/pristine.db", W.dir);
	W.db = str_fmt("%s/work.db", W.dir);
	W.ret = str_fmt("%s/return.maca", W.dir);
	struct store *st;
	ok(store_open(W.pristine, &st, &err), &err);
	struct diag_list diags = {0};
	struct template *tpl;
	ok(catalog_load_template("domestic-abuse", &tpl, &diags, &err), &err);
	diag_list_free(&diags);
	int64_t demo, again;
	ok(demo_create(st, tpl, &demo, &err), &err);
	struct audit_info info;
	ok(store_audit_get(st, demo, &info, &err), &err);
	struct audit_new a = {
	    .title = "Re-audit", .chair_agency = "police", .tpl = tpl, .reaudit_of = info.uuid};
	ok(store_audit_create(st, &a, &again, &err), &err);
	audit_info_free(&info);
	template_free(tpl);
	store_close(st);
	char *cmd = str_fmt("'%s' --db '%s' export return %lld --agency csc -o '%s' >/dev/null",
			    MACA_BINARY, W.pristine, (long long)demo, W.ret);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	open_work();
	digest(W.reader, W.pristine_digest);
	memcpy(W.current, W.pristine_digest, sizeof W.current);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	close_work();
	tu_remove_tree(W.dir);
	free(W.dir);
	free(W.pristine);
	free(W.db);
	free(W.ret);
	return 0;
}

/* Where each key is pressed: a screen, reached from the audit list by a few keys (or moves
 * made through the state), so that every screen and every kind of question is covered. */
struct station {
	const char *name;
	enum ui_screen screen;
	void (*reach)(struct ui *ui);
	bool typing; /* keys are text here: saved when the editor is left, not by the key */
};

static void keys(struct ui *ui, const char *k)
{
	for (; *k; k++)
		ui_key(ui, *k == '\n' ? UI_KEY_ENTER : *k == '\t' ? UI_KEY_TAB : (unsigned char)*k);
}

static void reach_home(struct ui *ui)
{
	(void)ui;
}
static void reach_overview(struct ui *ui)
{
	keys(ui, "\n");
}
static void reach_cases(struct ui *ui)
{
	keys(ui, "\nc");
}
static void reach_answer(struct ui *ui)
{
	keys(ui, "\na\n");
}
/* Answering on the first item of a kind (a question's kind, or -1: a prompt). */
static void answer_on(struct ui *ui, int kind)
{
	reach_answer(ui);
	for (size_t i = 0; i < ui->answer.nitems; i++) {
		const struct question *q = ui_answer_question(&ui->answer, ui->answer.cur);
		if (q ? (int)q->kind == kind : kind == -1)
			return;
		ui_key(ui, UI_KEY_DOWN);
	}
	fail_msg("no item of kind %d", kind);
}
static void reach_answer_yesno(struct ui *ui)
{
	answer_on(ui, QUESTION_YESNO);
}
static void reach_answer_text(struct ui *ui)
{
	answer_on(ui, QUESTION_TEXT);
}
static void reach_answer_prompt(struct ui *ui)
{
	answer_on(ui, -1);
}
static void reach_answer_editing(struct ui *ui)
{
	keys(ui, "\na\n\t");
	assert_true(ui->answer.editing);
}
static void reach_moderate(struct ui *ui)
{
	keys(ui, "\nm");
}
static void reach_moderate_other(struct ui *ui)
{
	ui_key(ui, UI_KEY_ENTER);
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, UI_KEY_DOWN);
	ui_key(ui, 'm');
}
/* Moderation on a yes-no question (4.4) and on a text question (3.5), where y n p k and Tab
 * mean something else than on a graded one. */
static void reach_moderate_yesno(struct ui *ui)
{
	keys(ui, "\nm");
	for (int i = 0; i < 9; i++) /* to section 1, wherever it opened */
		ui_key(ui, UI_KEY_LEFT);
	for (int i = 0; i < 3; i++)
		ui_key(ui, UI_KEY_RIGHT);
	for (int i = 0; i < 3; i++)
		ui_key(ui, UI_KEY_DOWN);
	if (ui_moderate_current(&ui->moderate)->kind != QUESTION_YESNO)
		fail_msg("moderation: %zu.%zu is no yes-no question (%s)", ui->moderate.section + 1,
			 ui->moderate.question + 1, ui_screen_title(ui_screen(ui)));
}
static void reach_moderate_text(struct ui *ui)
{
	keys(ui, "\nm");
	for (int i = 0; i < 9; i++)
		ui_key(ui, UI_KEY_LEFT);
	for (int i = 0; i < 2; i++)
		ui_key(ui, UI_KEY_RIGHT);
	for (int i = 0; i < 4; i++)
		ui_key(ui, UI_KEY_DOWN);
	if (ui_moderate_current(&ui->moderate)->kind != QUESTION_TEXT)
		fail_msg("moderation: 3.5 is no text question");
}
static void reach_agencies(struct ui *ui)
{
	keys(ui, "\nA");
}
static void reach_form(struct ui *ui)
{
	keys(ui, "\nc\n");
}
static void reach_new_case(struct ui *ui)
{
	keys(ui, "\nca");
}
static void reach_learning(struct ui *ui)
{
	keys(ui, "\nL");
}
static void reach_learning_action(struct ui *ui)
{
	keys(ui, "\nL");
	while (ui_learning_selected(&ui->learning) &&
	       ui_learning_selected(&ui->learning)->kind != UI_LEARNING_ACTION)
		ui_key(ui, UI_KEY_DOWN);
}
static void reach_export(struct ui *ui)
{
	keys(ui, "\ne");
}
static void reach_compare(struct ui *ui)
{
	ui_key(ui, UI_KEY_DOWN);
	keys(ui, "\nC");
}
static void reach_help(struct ui *ui)
{
	keys(ui, "\n?");
}
static void reach_actions(struct ui *ui)
{
	keys(ui, "t");
}
static void reach_import(struct ui *ui)
{
	keys(ui, "i");
	keys(ui, W.ret);
	ui_key(ui, UI_KEY_ENTER);
}
static void reach_history(struct ui *ui)
{
	keys(ui, "\nh");
}
/* Changed meanwhile: evidence typed, the same answer changed by another connection. */
static void reach_conflict(struct ui *ui)
{
	keys(ui, "\na\n\tX");
	if (ui_screen(ui) != UI_SCREEN_ANSWER)
		fail_msg("conflict: on %s (%s)", ui_screen_title(ui_screen(ui)),
			 ui->status ? ui->status : "");
	struct maca_err err = {0};
	const struct ui_answer *ua = &ui->answer;
	ok(store_answer_save(W.other, ua->cases[ua->case_idx].id, ua->agency,
			     ui_answer_question(ua, ua->cur)->id, NULL, "Changed elsewhere", &err),
	   &err);
	ui_key(ui, UI_KEY_ESC); /* leaving the editor saves: asks */
}

static const struct station stations[] = {
    {"audits", UI_SCREEN_HOME, reach_home, false},
    {"overview", UI_SCREEN_OVERVIEW, reach_overview, false},
    {"cases", UI_SCREEN_CASES, reach_cases, false},
    {"answering, graded", UI_SCREEN_ANSWER, reach_answer, false},
    {"answering, yes-no", UI_SCREEN_ANSWER, reach_answer_yesno, false},
    {"answering, text", UI_SCREEN_ANSWER, reach_answer_text, false},
    {"answering, prompt", UI_SCREEN_ANSWER, reach_answer_prompt, false},
    {"answering, editing", UI_SCREEN_ANSWER, reach_answer_editing, true},
    {"moderation", UI_SCREEN_MODERATE, reach_moderate, false},
    {"moderation, unmoderated case", UI_SCREEN_MODERATE, reach_moderate_other, false},
    {"moderation, yes-no", UI_SCREEN_MODERATE, reach_moderate_yesno, false},
    {"moderation, text", UI_SCREEN_MODERATE, reach_moderate_text, false},
    {"agencies", UI_SCREEN_AGENCIES, reach_agencies, false},
    {"case form", UI_SCREEN_FORM, reach_form, false},
    {"new case form", UI_SCREEN_FORM, reach_new_case, false},
    {"learning", UI_SCREEN_LEARNING, reach_learning, false},
    {"learning, an action", UI_SCREEN_LEARNING, reach_learning_action, false},
    {"briefing", UI_SCREEN_EXPORT, reach_export, false},
    {"then and now", UI_SCREEN_COMPARE, reach_compare, false},
    {"keys", UI_SCREEN_HELP, reach_help, false},
    {"actions", UI_SCREEN_ACTIONS, reach_actions, false},
    {"import", UI_SCREEN_IMPORT, reach_import, false},
    {"history", UI_SCREEN_HISTORY, reach_history, false},
    {"changed meanwhile", UI_SCREEN_CONFLICT, reach_conflict, false},
};

/* Every printable key, the special keys and Ctrl-A to Ctrl-Z (those the terminal layer passes
 * on as such: not Backspace, Tab, Enter). */
static size_t all_keys(int *out)
{
	size_t n = 0;
	for (int c = 0x20; c < 0x7F; c++)
		out[n++] = c;
	for (int k = UI_KEY_UP; k <= UI_KEY_WHEEL_DOWN; k++)
		out[n++] = k;
	for (int c = 1; c <= 26; c++)
		if (c != 8 && c != 9 && c != 10 && c != 13)
			out[n++] = c;
	return n;
}

/* Whether the key is documented as changing data where it is pressed: its binding there (the
 * screen's value keys first) is to an action that changes data. Text typed in an editor or a
 * form changes nothing until saved, so it is not. */
static bool documented(const struct ui *ui, int key)
{
	struct ui_binding *all;
	size_t n = ui_screen_bindings(ui, ui_screen(ui), &all);
	assert_non_null(all);
	const struct ui_screen_ops *ops = ui_ops(ui, ui_screen(ui));
	if (ops->editing && ops->editing(ui)) {
		n = ui_edit_finish_nkeys; /* the editor's: only those that leave it act */
		free(all);
		all = NULL;
		for (size_t i = 0; i < n; i++)
			if (ui_edit_finish_keys[i].key == key)
				return ui_action_changes_data(ui_edit_finish_keys[i].action);
		return false;
	}
	/* A value key is documented in both cases (help lists "o, O"). */
	bool data = false;
	for (size_t i = 0; i < n; i++)
		if (all[i].key == key || (all[i].action == UI_ACTION_SET_VALUE && key < 0x80 &&
					  all[i].key == tolower(key)))
			data = ui_action_changes_data(all[i].action);
	free(all);
	return data;
}

/* Closes what a key opened and saves what quitting would: then the database holds all the
 * key did. */
static void settle(struct ui *ui, bool flush)
{
	for (int i = 0; i < 4 && (ui->prompt.active || ui->pick.active); i++)
		ui_key(ui, UI_KEY_ESC);
	if (ui_screen(ui) == UI_SCREEN_CONFLICT)
		ui_key(ui, UI_KEY_ESC);
	if (flush)
		ui_flush(ui);
}

static void start(struct ui *ui, const struct station *s)
{
	struct maca_err err = {0};
	ok(ui_init(ui, W.st, &err), &err);
	ui->publish.export_dir = W.dir;
	ui->author = "Property test";
	s->reach(ui);
	if (ui_screen(ui) != s->screen)
		fail_msg("%s: not reached (on %s; %s)", s->name, ui_screen_title(ui_screen(ui)),
			 ui->status ? ui->status : "");
}

static void test_no_key_changes_data_unless_documented(void **state)
{
	(void)state;
	int keylist[256];
	size_t nkeys = all_keys(keylist);
	size_t changed = 0, undocumented = 0, pressed = 0;
	for (size_t s = 0; s < sizeof stations / sizeof stations[0]; s++) {
		const struct station *st = &stations[s];
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (size_t k = 0; k < nkeys; k++) {
			struct ui ui;
			start(&ui, st);
			/* What reaching the station wrote (the conflict's other change) is where
			 * the key starts from. */
			char before[65];
			memcpy(before, current(), sizeof before);
			bool doc = documented(&ui, keylist[k]);
			ui_key(&ui, keylist[k]);
			settle(&ui, !st->typing);
			ui_free(&ui);
			pressed++;
			if (strcmp(current(), before) != 0) {
				char name[32];
				ui_key_name(keylist[k], name, sizeof name);
				printf("  %-30s %-10s changed the database%s\n", st->name, name,
				       doc ? "" : "  UNDOCUMENTED");
				changed++;
				undocumented += !doc;
			}
			if (strcmp(current(), W.pristine_digest) != 0) {
				/* Back to the pristine copy for the next key. */
				close_work();
				open_work();
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (getenv("KEYS_TIMING"))
			printf("  %-30s %.2f s\n", st->name,
			       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	printf("  %zu keys pressed on %zu stations; %zu changed the database, %zu of them "
	       "undocumented\n",
	       pressed, sizeof stations / sizeof stations[0], changed, undocumented);
	assert_int_equal(undocumented, 0);
	assert_true(changed > 0); /* the grade keys, undo, clear, the demo and import do */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_no_key_changes_data_unless_documented, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
