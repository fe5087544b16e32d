/* The action tracker's queries and exports: actions across audits (closed ones included), each
 * filter, overdue relative to the given today, progress notes read back from the history, and
 * the text, Markdown and CSV forms with hostile text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "query_fixture.h"

#include "export_actions.h"
#include "store_actions.h"
#include "testutil.h"

/* Two audits: the fixture's (open) and a closed one.
 * a1 police  2026-01-10 not started   (audit 1, point 1)
 * a2 csc     2026-02-10 in progress   (audit 1, point 1)
 * a3 -       -          done          (audit 1, point 1)
 * b1 health  2026-01-20 done          (audit 2, point 1)
 * b2 police  2026-03-01 not started   (audit 2, point 1)
 * Listed by due date: a1 b1 a2 b2 a3. */
struct world {
	struct fx *f;
	int64_t audit2;
	int64_t a1, a2, a3, b1, b2;
};

static int64_t add_action(struct fx *f, int64_t lp, const char *what, const char *owner,
			  const char *due, enum action_status status)
{
	struct action_fields a = {
	    .what = what, .owner_agency = owner, .due_date = due, .status = status};
	int64_t id = 0;
	assert_ok(f, store_action_add(f->st, lp, &a, &id, &f->err));
	return id;
}

static int world_setup(void **state)
{
	fx_setup(state);
	struct fx *f = *state;
	struct world *w = calloc(1, sizeof *w);
	assert_non_null(w);
	w->f = f;
	int64_t lp = fx_point(f, "Hear the child", "", "", "");
	w->a1 = add_action(f, lp, "Train staff", "police", "2026-01-10", ACTION_NOT_STARTED);
	w->a2 = add_action(f, lp, "Audit referrals", "csc", "2026-02-10", ACTION_IN_PROGRESS);
	w->a3 = add_action(f, lp, "Update guidance", "", "", ACTION_DONE);
	int64_t first = f->audit;
	w->audit2 = f->audit = fx_new_audit(f, "Neglect audit");
	lp = fx_point(f, "Share information", "", "", "");
	w->b1 = add_action(f, lp, "Joint training", "health", "2026-01-20", ACTION_DONE);
	w->b2 = add_action(f, lp, "Review MARAC", "police", "2026-03-01", ACTION_NOT_STARTED);
	fx_close(f);
	f->audit = first;
	*state = w;
	return 0;
}

static int world_teardown(void **state)
{
	struct world *w = *state;
	*state = w->f;
	free(w);
	return fx_teardown(state);
}

/* Lists with the filter and checks the ids, in order. */
static void expect_ids(struct world *w, const struct action_filter *flt, const int64_t *want,
		       size_t nwant)
{
	struct action_item *items;
	size_t n;
	assert_ok(w->f, store_actions_list(w->f->st, flt, &items, &n, &w->f->err));
	if (n != nwant)
		fail_msg("expected %zu actions, got %zu", nwant, n);
	for (size_t i = 0; i < n; i++)
		if (items[i].id != want[i])
			fail_msg("action %zu: expected id %lld, got %lld", i, (long long)want[i],
				 (long long)items[i].id);
	action_items_free(items, n);
}
#define EXPECT(w, flt, ...)                                                                        \
	do {                                                                                       \
		const int64_t want_[] = {__VA_ARGS__};                                             \
		expect_ids(w, flt, want_, sizeof want_ / sizeof want_[0]);                         \
	} while (0)

static void test_across_audits(void **state)
{
	struct world *w = *state;
	struct action_filter flt = {.today = "2026-02-01"};
	EXPECT(w, &flt, w->a1, w->b1, w->a2, w->b2, w->a3);

	struct action_item *items;
	size_t n;
	assert_ok(w->f, store_actions_list(w->f->st, &flt, &items, &n, &w->f->err));
	assert_int_equal(n, 5);
	assert_string_equal(items[0].audit_title, "Domestic abuse audit");
	assert_int_equal(items[0].audit_status, AUDIT_DRAFT);
	assert_int_equal(items[0].point, 1);
	assert_int_equal(items[0].position, 1);
	assert_string_equal(items[0].owner_agency, "police");
	assert_string_equal(items[0].owner_name, "Police");
	assert_true(items[0].overdue);
	assert_string_equal(items[1].audit_title, "Neglect audit");
	assert_int_equal(items[1].audit_status, AUDIT_CLOSED);
	assert_false(items[1].overdue); /* past its date, but done */
	assert_false(items[2].overdue);
	assert_int_equal(items[2].position, 2);
	assert_string_equal(items[2].owner_name, "Children's social care");
	assert_string_equal(items[4].owner_name, "");
	assert_string_equal(items[4].due_date, "");
	assert_string_equal(items[4].note, "");
	action_items_free(items, n);

	/* Overdue follows the today given. */
	flt.today = "2026-02-11";
	assert_ok(w->f, store_actions_list(w->f->st, &flt, &items, &n, &w->f->err));
	assert_true(items[0].overdue && items[2].overdue);
	assert_false(items[3].overdue);
	action_items_free(items, n);
}

static void test_filter_agency(void **state)
{
	struct world *w = *state;
	struct action_filter flt = {.today = "2026-02-01", .agency = "police"};
	EXPECT(w, &flt, w->a1, w->b2);
	flt.agency = "POLICE";
	EXPECT(w, &flt, w->a1, w->b2);
	flt.agency = "children's SOCIAL care"; /* by name, any case */
	EXPECT(w, &flt, w->a2);
	flt.agency = "";
	EXPECT(w, &flt, w->a1, w->b1, w->a2, w->b2, w->a3);
	flt.agency = "fire";
	expect_ids(w, &flt, NULL, 0);
}

static void test_filter_status(void **state)
{
	struct world *w = *state;
	struct action_filter flt = {.today = "2026-02-01", .statuses = ACTION_STATUSES_OPEN};
	EXPECT(w, &flt, w->a1, w->a2, w->b2);
	flt.statuses = ACTION_STATUS_BIT(ACTION_DONE);
	EXPECT(w, &flt, w->b1, w->a3);
	flt.statuses = ACTION_STATUS_BIT(ACTION_IN_PROGRESS);
	EXPECT(w, &flt, w->a2);
	flt.statuses = ACTION_STATUS_BIT(ACTION_CANNOT);
	expect_ids(w, &flt, NULL, 0);
}

static void test_filter_due(void **state)
{
	struct world *w = *state;
	struct action_filter flt = {.today = "2026-02-01", .due = ACTION_DUE_OVERDUE};
	EXPECT(w, &flt, w->a1);
	flt.today = "2026-03-02";
	EXPECT(w, &flt, w->a1, w->a2, w->b2);
	flt.today = "2026-01-10"; /* due today is not yet overdue */
	expect_ids(w, &flt, NULL, 0);

	flt = (struct action_filter){
	    .today = "2026-02-01", .due = ACTION_DUE_WITHIN, .within_days = 8};
	EXPECT(w, &flt, w->a1); /* overdue counts as due */
	flt.within_days = 9;	/* 2026-02-10 is 9 days on */
	EXPECT(w, &flt, w->a1, w->a2);
	flt.within_days = 0;
	EXPECT(w, &flt, w->a1);
	flt.today = "2026-01-31"; /* across a month's end */
	EXPECT(w, &flt, w->a1);
	flt.within_days = 10;
	EXPECT(w, &flt, w->a1, w->a2);

	flt = (struct action_filter){.today = "2026-02-01", .due_before = "2026-02-10"};
	EXPECT(w, &flt, w->a1, w->b1); /* strictly before, and no undated ones */
	flt.due_before = "2026-02-11";
	EXPECT(w, &flt, w->a1, w->b1, w->a2);
}

static void test_filter_audit_and_combined(void **state)
{
	struct world *w = *state;
	struct action_filter flt = {.today = "2026-02-01", .audit_id = w->audit2};
	EXPECT(w, &flt, w->b1, w->b2);
	flt.audit_id = w->f->audit;
	flt.agency = "police";
	flt.statuses = ACTION_STATUSES_OPEN;
	EXPECT(w, &flt, w->a1);
	flt.due = ACTION_DUE_OVERDUE;
	flt.today = "2026-01-05";
	expect_ids(w, &flt, NULL, 0);
}

static void test_filter_refused(void **state)
{
	struct world *w = *state;
	struct action_item *items = (void *)1;
	size_t n = 9;
	struct action_filter flt = {.today = "2026-02-30"};
	expect_fail(&w->f->err, store_actions_list(w->f->st, &flt, &items, &n, &w->f->err),
		    MACA_EUSER, "2026-02-30");
	assert_null(items);
	assert_int_equal(n, 0);
	flt = (struct action_filter){.today = "2026-02-01", .due_before = "soon"};
	expect_fail(&w->f->err, store_actions_list(w->f->st, &flt, &items, &n, &w->f->err),
		    MACA_EUSER, "'soon'");
	flt = (struct action_filter){
	    .today = "2026-02-01", .due = ACTION_DUE_WITHIN, .within_days = -1};
	expect_fail(&w->f->err, store_actions_list(w->f->st, &flt, &items, &n, &w->f->err),
		    MACA_EUSER, "-1");
	flt = (struct action_filter){.today = NULL};
	expect_fail(&w->f->err, store_actions_list(w->f->st, &flt, &items, &n, &w->f->err),
		    MACA_EUSER, "today");
}

static const char *last_note(struct world *w, int64_t id, const char **at)
{
	static char note[256], when[64];
	struct action_filter flt = {.today = "2026-02-01"};
	struct action_item *items;
	size_t n;
	assert_ok(w->f, store_actions_list(w->f->st, &flt, &items, &n, &w->f->err));
	note[0] = when[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (items[i].id == id) {
			snprintf(note, sizeof note, "%s", items[i].note);
			snprintf(when, sizeof when, "%s", items[i].note_at);
		}
	action_items_free(items, n);
	if (at)
		*at = when;
	return note;
}

/* Follow-up on a closed audit: allowed, and each change is a dated history row with its note,
 * which the tracker reads back. */
static void test_notes_on_closed_audit(void **state)
{
	struct world *w = *state;
	struct fx *f = w->f;
	assert_ok(f, store_set_origin(f->st, "Chair", "keyboard", &f->err));
	assert_ok(f, store_action_set_status(f->st, w->b2, ACTION_IN_PROGRESS, "Booked for March",
					     &f->err));
	const char *at;
	assert_string_equal(last_note(w, w->b2, &at), "Booked for March");
	assert_int_equal(strlen(at), 24); /* 2026-11-23T12:00:00.000Z */
	assert_int_equal(at[10], 'T');
	/* The same status again: a progress note only. */
	assert_ok(f, store_action_set_status(f->st, w->b2, ACTION_IN_PROGRESS,
					     "Half the teams done", &f->err));
	/* No note: the change is in the history, the last note stays. */
	assert_ok(f, store_action_set_status(f->st, w->b2, ACTION_DONE, NULL, &f->err));
	assert_string_equal(last_note(w, w->b2, NULL), "Half the teams done");
	assert_string_equal(last_note(w, w->b1, NULL), "");

	struct action_note *notes;
	size_t n;
	assert_ok(f, store_action_notes(f->st, w->b2, &notes, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(notes[0].old_status, "not-started");
	assert_string_equal(notes[0].new_status, "in-progress");
	assert_string_equal(notes[0].note, "Booked for March");
	assert_string_equal(notes[0].author, "Chair");
	assert_string_equal(notes[0].source, "keyboard");
	assert_string_equal(notes[1].old_status, "in-progress");
	assert_string_equal(notes[1].new_status, "in-progress");
	assert_string_equal(notes[1].note, "Half the teams done");
	assert_string_equal(notes[2].new_status, "done");
	assert_string_equal(notes[2].note, "");
	assert_true(strcmp(notes[0].at, notes[2].at) <= 0);
	action_notes_free(notes, n);
	assert_int_equal(fx_query_int(f,
				      "SELECT count(*) FROM history WHERE audit_id = %lld AND "
				      "field = 'action-status' AND item = '%lld'",
				      (long long)w->audit2, (long long)w->b2),
			 3);
	assert_int_equal(
	    fx_query_int(f, "SELECT status = 'done' FROM action WHERE id = %lld", (long long)w->b2),
	    1);

	/* A note that is not UTF-8 is refused, and nothing changes. */
	size_t before = (size_t)fx_query_int(f, "SELECT count(*) FROM history");
	expect_fail(&f->err,
		    store_action_set_status(f->st, w->b2, ACTION_CANNOT, "bad \xff", &f->err),
		    MACA_EUSER, "UTF-8");
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM history"), before);
	expect_fail(&f->err, store_action_set_status(f->st, 9999, ACTION_DONE, "x", &f->err),
		    MACA_ENOTFOUND, "9999");
	assert_int_equal(fx_query_int(f, "SELECT count(*) FROM history"), before);
}

/* SQLite gives a new action the id of the newest one deleted: its notes must not carry over. */
static void test_reused_id_starts_clean(void **state)
{
	struct world *w = *state;
	struct fx *f = w->f;
	int64_t lp = fx_point(f, "Supervision", "", "", "");
	int64_t old = add_action(f, lp, "Old action", "police", "2026-05-01", ACTION_NOT_STARTED);
	assert_ok(f, store_action_set_status(f->st, old, ACTION_IN_PROGRESS, "Old note", &f->err));
	assert_ok(f, store_action_delete(f->st, old, &f->err));
	int64_t fresh = add_action(f, lp, "New action", "police", "2026-05-01", ACTION_NOT_STARTED);
	assert_int_equal(fresh, old);
	struct action_note *notes;
	size_t n;
	assert_ok(f, store_action_notes(f->st, fresh, &notes, &n, &f->err));
	assert_int_equal(n, 0);
	action_notes_free(notes, n);
	assert_string_equal(last_note(w, fresh, NULL), "");
}

static void test_owners(void **state)
{
	struct world *w = *state;
	struct named_list owners;
	assert_ok(w->f, store_action_owners(w->f->st, 0, &owners, &w->f->err));
	assert_int_equal(owners.n, 3);
	assert_string_equal(owners.items[0].id, "csc");
	assert_string_equal(owners.items[0].label, "Children's social care");
	assert_string_equal(owners.items[1].id, "health");
	assert_string_equal(owners.items[2].id, "police");
	named_list_free(&owners);
	assert_ok(w->f, store_action_owners(w->f->st, w->audit2, &owners, &w->f->err));
	assert_int_equal(owners.n, 2);
	assert_string_equal(owners.items[0].label, "Health");
	named_list_free(&owners);
}

static void test_overdue_rule(void **state)
{
	(void)state;
	assert_true(action_is_overdue("2026-01-01", ACTION_NOT_STARTED, "2026-01-02"));
	assert_true(action_is_overdue("2026-01-01", ACTION_IN_PROGRESS, "2026-01-02"));
	assert_false(action_is_overdue("2026-01-01", ACTION_DONE, "2026-01-02"));
	assert_false(action_is_overdue("2026-01-01", ACTION_CANNOT, "2026-01-02"));
	assert_false(action_is_overdue("2026-01-02", ACTION_NOT_STARTED, "2026-01-02"));
	assert_false(action_is_overdue("", ACTION_NOT_STARTED, "2026-01-02"));
	assert_false(action_is_overdue("2026-01-01", ACTION_NOT_STARTED, ""));
}

/* Exports: hand-made lists, so the expectations are exact. */

static struct action_item item(int64_t id, const char *audit, const char *what, const char *owner,
			       const char *due, enum action_status status, bool overdue,
			       const char *note)
{
	return (struct action_item){.id = id,
				    .audit_id = 2,
				    .audit_title = (char *)audit,
				    .audit_status = AUDIT_CLOSED,
				    .point = 3,
				    .position = (int)id,
				    .what = (char *)what,
				    .owner_agency = (char *)"police",
				    .owner_name = (char *)owner,
				    .due_date = (char *)due,
				    .measure = (char *)"=1+1",
				    .status = status,
				    .overdue = overdue,
				    .note = (char *)note,
				    .note_at = (char *)(*note ? "2026-02-03T10:00:00.000Z" : "")};
}

static void test_export_text(void **state)
{
	(void)state;
	struct action_item items[] = {
	    item(1, "Audit", "Train staff\nin March", "Police", "2026-01-10", ACTION_IN_PROGRESS,
		 true, "Booked\r\nfor March"),
	    item(12, "Audit", "Café leaflets", "Éducation", "", ACTION_DONE, false, ""),
	};
	char *out;
	struct maca_err err = {0};
	assert_int_equal(export_actions_text(items, 2, &out, &err), MACA_OK);
	assert_string_equal(out,
			    "ID  AUDIT  POINT  STATUS       DUE                 OWNER      WHAT\n"
			    "1   2      3.1    In progress  2026-01-10 OVERDUE  Police     Train "
			    "staff in March\n"
			    "    last note 2026-02-03: Booked  for March\n"
			    "12  2      3.12   Done         -                   Éducation  Café "
			    "leaflets\n");
	free(out);
	assert_int_equal(export_actions_text(items, 0, &out, &err), MACA_OK);
	assert_string_equal(out, "");
	free(out);
}

static void test_export_md_escapes(void **state)
{
	(void)state;
	struct action_item items[] = {
	    item(1, "Audit | <b>x</b>", "**Train** [staff](http://x) | now", "Police", "2026-01-10",
		 ACTION_NOT_STARTED, true, "Line one\n# not a heading"),
	    item(2, "Audit", "Plain", "", "", ACTION_CANNOT, false, ""),
	};
	char *out;
	struct maca_err err = {0};
	assert_int_equal(
	    export_actions_md(items, 2, "all audits; owner <police>", "2026-02-01", &out, &err),
	    MACA_OK);
	assert_string_equal(
	    out,
	    "# Actions\n\n"
	    "all audits; owner \\<police\\>. As of 2026-02-01.\n\n"
	    "| Audit | Point | Action | Owner | Due | Status | Last progress note |\n"
	    "| --- | --- | --- | --- | --- | --- | --- |\n"
	    "| Audit \\| \\<b\\>x\\</b\\> | 3.1 | \\*\\*Train\\*\\* \\[staff\\](http\\://x) \\| "
	    "now | Police | 2026-01-10 **OVERDUE** | Not started | 2026-02-03: Line one / "
	    "\\# not a heading |\n"
	    "| Audit | 3.2 | Plain |  |  | Cannot be done |  |\n");
	free(out);
	assert_int_equal(export_actions_md(items, 0, "all audits", "2026-02-01", &out, &err),
			 MACA_OK);
	assert_string_equal(out,
			    "# Actions\n\nall audits. As of 2026-02-01.\n\nNo actions match.\n");
	free(out);
}

static void test_export_csv(void **state)
{
	(void)state;
	struct action_item items[] = {
	    item(1, "Audit, \"big\"", "Train\nstaff", "Police", "2026-01-10", ACTION_NOT_STARTED,
		 true, "-note"),
	};
	char *out;
	struct maca_err err = {0};
	static const char header[] =
	    "action id,audit id,audit,audit status,learning point,action,what,owner agency,"
	    "owner,due date,overdue,status,measure,last note date,last note\r\n";
	assert_int_equal(export_actions_csv(items, 1, false, &out, &err), MACA_OK);
	assert_string_equal(out, "action id,audit id,audit,audit status,learning point,action,what,"
				 "owner agency,owner,due date,overdue,status,measure,last note "
				 "date,last note\r\n"
				 "1,2,\"Audit, \"\"big\"\"\",closed,3,3.1,\"Train\nstaff\",police,"
				 "Police,2026-01-10,yes,not-started,=1+1,2026-02-03,-note\r\n");
	free(out);
	assert_int_equal(export_actions_csv(items, 1, true, &out, &err), MACA_OK);
	assert_memory_equal(out, "\xef\xbb\xbf", 3);
	assert_memory_equal(out + 3, header, sizeof header - 1);
	assert_non_null(strstr(out, ",\"'=1+1\",2026-02-03,\"'-note\"\r\n"));
	free(out);
}

static void test_describe(void **state)
{
	(void)state;
	struct action_filter flt = {.today = "2026-02-01"};
	char *s = action_filter_describe(&flt, NULL);
	assert_string_equal(s, "all audits");
	free(s);
	flt = (struct action_filter){.today = "2026-02-01",
				     .audit_id = 4,
				     .agency = "police",
				     .statuses = ACTION_STATUSES_OPEN,
				     .due = ACTION_DUE_WITHIN,
				     .within_days = 7,
				     .due_before = "2026-06-01"};
	s = action_filter_describe(&flt, "Neglect audit");
	assert_string_equal(s, "audit 4, Neglect audit; owner police; status open; due within 7 "
			       "days; due before 2026-06-01");
	free(s);
	flt = (struct action_filter){.statuses = ACTION_STATUS_BIT(ACTION_DONE) |
						 ACTION_STATUS_BIT(ACTION_CANNOT),
				     .due = ACTION_DUE_OVERDUE};
	s = action_filter_describe(&flt, NULL);
	assert_string_equal(s, "all audits; status done or cannot be done; overdue");
	free(s);
}

/* Migration 2 adds the index the tracker's reads use; a version 1 database gains it on open,
 * its rows untouched. */
static void test_migration_2_adds_the_index(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	assert_non_null(dir);
	char *path = NULL;
	assert_true(asprintf(&path, "%s/maca.db", dir) > 0);
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(path, &st, &err), MACA_OK);
	store_close(st);
	assert_int_equal(store_schema_version(), 8);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	/* Back to version 1: migration 3's answer counts, 4's pack tokens, 5's accepted
	 * findings, 6's briefing, 7's audit day and 8's history view go too, as they came after. */
	assert_int_equal(
	    sqlite3_exec(raw,
			 "DROP TRIGGER answer_evidence_kept; DROP TRIGGER answer_evidence_deleted; "
			 "DROP TRIGGER history_insert; DROP VIEW history; "
			 "ALTER TABLE history_log DROP COLUMN answer_id; "
			 "ALTER TABLE answer DROP COLUMN evidence_row; "
			 "ALTER TABLE history_log RENAME TO history; "
			 "DROP TABLE attendance; DROP TABLE chair_place; "
			 "ALTER TABLE audit_case DROP COLUMN summary; "
			 "DROP TRIGGER acceptance_case_gone; "
			 "DROP TRIGGER acceptance_good_practice_gone; "
			 "DROP TRIGGER acceptance_learning_point_gone; "
			 "DROP TRIGGER acceptance_action_gone; "
			 "DROP TABLE disclosure_acceptance; "
			 "DROP TABLE pack_token; DROP TABLE briefing_part; "
			 "DROP TABLE briefing_setting; "
			 "DROP INDEX history_item; DROP TRIGGER answer_counted_insert; "
			 "DROP TRIGGER answer_counted_update; "
			 "DROP TRIGGER answer_counted_delete; "
			 "ALTER TABLE audit_case DROP COLUMN answered; "
			 "PRAGMA user_version = 1;",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(path, &st, &err), MACA_OK);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	sqlite3_stmt *stmt;
	assert_int_equal(
	    sqlite3_prepare_v2(raw,
			       "SELECT (SELECT user_version FROM pragma_user_version), "
			       "(SELECT count(*) FROM sqlite_schema WHERE name = "
			       "'history_item')",
			       -1, &stmt, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), store_schema_version());
	assert_int_equal(sqlite3_column_int(stmt, 1), 1);
	sqlite3_finalize(stmt);
	sqlite3_close(raw);
	tu_remove_tree(dir);
	free(dir);
	free(path);
}

#define W(name) cmocka_unit_test_setup_teardown(name, world_setup, world_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    W(test_across_audits),
	    W(test_filter_agency),
	    W(test_filter_status),
	    W(test_filter_due),
	    W(test_filter_audit_and_combined),
	    W(test_filter_refused),
	    W(test_notes_on_closed_audit),
	    W(test_reused_id_starts_clean),
	    W(test_owners),
	    cmocka_unit_test(test_overdue_rule),
	    cmocka_unit_test(test_export_text),
	    cmocka_unit_test(test_export_md_escapes),
	    cmocka_unit_test(test_export_csv),
	    cmocka_unit_test(test_describe),
	    cmocka_unit_test(test_migration_2_adds_the_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
