/* The store: one SQLite database holding every audit. Plain C, no curses. Every write is
 * one transaction; every change to an answer, evidence, section note, agreed grade or
 * rationale leaves a history row. */
#ifndef MACA_STORE_H
#define MACA_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "names.h"
#include "template.h"
#include "uuid.h"

/* "MACA" in ASCII: what tells a maca database from any other SQLite file. */
#define STORE_APPLICATION_ID 0x4d414341

struct store;

/* Opens path, creating it (mode 0600, its directory 0700 if made) when missing, and migrates
 * it forward. Refuses, without changing it, a file that is not a maca database or was
 * written by a newer maca. ":memory:" opens a private in-memory store (for tests). */
int store_open(const char *path, struct store **out, struct maca_err *err);
/* Opens an existing maca database for reading only, as the room view does: never creates,
 * migrates, switches to WAL or writes it (SQLITE_OPEN_READONLY and query_only), so the file's
 * bytes stay as they are. It holds DB.lock shared like any maca (a restore waits for it), and
 * SQLite may create the -wal and -shm files beside the database, as every reader of a WAL
 * database needs them. Refuses a database of another schema version, saying what to do. */
int store_open_readonly(const char *path, struct store **out, struct maca_err *err);
void store_close(struct store *st);
/* Whether the database file this store opened is gone from its path, or another file is
 * there now (put by a program other than maca, such as mv or cp). Every write is then refused
 * (store_file_check's message) and the interface says so. False for ":memory:". */
bool store_file_replaced(const struct store *st);
/* MACA_OK, or MACA_EIO saying that nothing more is saved when store_file_replaced; what was
 * saved before is then moved out of the write-ahead log into the file it belongs to. */
int store_file_check(struct store *st, struct maca_err *err);
/* Every maca holds DB.lock (beside the database, mode 0600) shared while it has DB open. What
 * replaces or removes the database takes it exclusively, without waiting: MACA_EBUSY while
 * any other maca has the database open, whatever it is doing. *fd is held until
 * store_lock_release; paths_db_lock names the file. */
int store_lock_exclusive(const char *db_path, int *fd, struct maca_err *err);
void store_lock_release(int fd);
/* MACA_EUSER, naming the file it points to, when path is a symbolic link: maca opens a
 * database only by its own path. */
int store_refuse_link(const char *path, struct maca_err *err);
/* Reads the file's SQLite header without SQLite: refuses (MACA_ENOTMACA, naming path) a file
 * that is not a maca database, is empty, or is visibly truncated. */
int store_check_header(const char *path, struct maca_err *err);
/* Who is making changes and how, as written into history rows from now on.
 * Source is e.g. "keyboard", "command line", "import". */
int store_set_origin(struct store *st, const char *author, const char *source,
		     struct maca_err *err);
/* The SHA-256 (64 hex digits) of the file the following changes come from, such as an
 * agency's return, written into their history rows; NULL: changes not from a file. */
int store_set_checksum(struct store *st, const char *checksum, struct maca_err *err);
/* The origin now in force (owned by the store, valid until it changes). */
const char *store_author(const struct store *st);
const char *store_source(const struct store *st);
int store_schema_version(void);
/* A series of reads (a briefing, an export) as one snapshot: every read until store_read_end
 * sees the database as the first one did, and the reads share one lock instead of taking
 * one each. Only outside any other transaction; no writes in between. */
int store_read_begin(struct store *st, struct maca_err *err);
void store_read_end(struct store *st);
/* A number that changes when another connection (another maca) commits a change to the
 * database, and never for this connection's own: compare it with the last one read. */
int store_data_version(struct store *st, int64_t *version, struct maca_err *err);
/* A change made of several writes, such as an import: store_begin, the writes (each of which is
 * a transaction of its own, nested in this one), then store_end with the outcome. Nested
 * transactions are savepoints: a write that fails inside undoes its own part at once, and the
 * whole change is rolled back at the outermost store_end, whatever that is told (a failure
 * sticks until the end). store_end returns the outcome: rc, or why saving failed. The
 * outermost takes the write lock up front, so a busy database is reported before anything is
 * done. */
int store_begin(struct store *st, struct maca_err *err);
int store_end(struct store *st, int rc, struct maca_err *err);
/* What must be done before this store first writes: fn(ctx) is called once, by the first
 * outermost store_begin, before the write lock is taken (the interface finishes the day's
 * backup then, so that it is of the database as it was before this maca changed anything).
 * fn NULL: nothing. */
typedef void (*store_before_write_fn)(void *ctx);
void store_before_write(struct store *st, store_before_write_fn fn, void *ctx);

/* Saving what a screen read, and no more: the *_if saves below take the record as the screen
 * read it (`expected`) and check, inside the write's transaction, that each field the save
 * writes still holds that value (or already holds the new one). If another process changed one
 * meanwhile, nothing is written and the save fails with MACA_ECONFLICT, filling `now` with the
 * record as it is in the database and `by` with who changed it last, how and when. To keep
 * one's own version after all, save again with `now` as the expectation. expected NULL: no
 * check (the plain save). now and by may be NULL when not wanted; else give them empty and free
 * them afterwards (with the record's own *_free and store_change_free) whatever the save
 * returned. A record deleted meanwhile fails with MACA_ENOTFOUND, as the plain saves do. */
struct store_change {
	char *author; /* "" when the history has no row for the record */
	char *source; /* e.g. "keyboard", "command line", "return from police" */
	char *at;     /* ISO 8601 UTC */
};
void store_change_free(struct store_change *c);

/* Audits */
enum audit_status { AUDIT_DRAFT, AUDIT_MODERATION, AUDIT_CLOSED };
const char *audit_status_name(enum audit_status s);
bool audit_status_parse(const char *s, enum audit_status *out);

struct audit_new {
	const char *title;
	const char *theme;	 /* NULL: the template's theme */
	const char *partnership; /* NULL: "" */
	const char *chair_agency;
	const char *audit_date; /* YYYY-MM-DD or NULL */
	const char *background;
	const struct named_list *agencies; /* NULL: the template's default agencies */
	const char *extra_json;		   /* local form fields, NULL: none */
	const struct template *tpl;
	/* An earlier audit this one re-audits (local id or UUID, as store_audit_resolve takes),
	 * NULL or "": none. It must be on the same template id, at tpl's version or an older
	 * one. Ignored by store_audit_update: what an audit re-audits is fixed at creation. */
	const char *reaudit_of;
};

struct audit_info {
	int64_t id;
	char uuid[UUID_STR_LEN];
	char *title;
	char *theme;
	char *template_id;
	long template_version;
	char *template_hash;
	char *partnership;
	char *chair_agency;
	char *audit_date;
	char *background;
	enum audit_status status;
	int64_t ncases;
	int64_t nagencies;
	int64_t nanswers;	       /* answers with a value */
	char reaudit_of[UUID_STR_LEN]; /* UUID of the audit this re-audits, "" when none */
};

int store_audit_create(struct store *st, const struct audit_new *a, int64_t *id,
		       struct maca_err *err);
/* Changes an audit's details: title, theme, partnership, chair agency, date, background
 * (from a, whose tpl is ignored: the template stays as it is; extra_json NULL keeps the
 * audit's own), and the agencies taking part when a->agencies is not NULL (as
 * store_audit_set_agencies changes them, before the chair agency is checked against them).
 * One history row per changed field; refused on a closed audit. */
int store_audit_update(struct store *st, int64_t id, const struct audit_new *a,
		       struct maca_err *err);
/* The audit with this UUID: *id 0 when there is none. */
int store_audit_by_uuid(struct store *st, const char *uuid, int64_t *id, struct maca_err *err);
/* An audit as a pack carries it, for the agency that answers it: the chair's UUID, title,
 * theme (as it is, "" too) and copy of the template, with the one agency taking part. Recorded
 * in the history like a new audit. */
struct audit_copy {
	const char *uuid;
	const char *title;
	const char *theme;
	const struct template *tpl; /* its source is the copy stored */
	const char *agency_code;
	const char *agency_name;
};
int store_audit_copy(struct store *st, const struct audit_copy *a, int64_t *id,
		     struct maca_err *err);
/* Finds an audit by local id, full UUID, or a UUID prefix of at least 8 characters. */
int store_audit_resolve(struct store *st, const char *ref, int64_t *id, struct maca_err *err);
int store_audit_get(struct store *st, int64_t id, struct audit_info *out, struct maca_err *err);
/* The local id of the audit that audit_id re-audits: *earlier is 0 when it re-audits none,
 * or when that audit has since been deleted. */
int store_audit_earlier(struct store *st, int64_t audit_id, int64_t *earlier, struct maca_err *err);
int store_audit_list(struct store *st, struct audit_info **out, size_t *n, struct maca_err *err);
void audit_info_free(struct audit_info *a);
void audit_info_list_free(struct audit_info *list, size_t n);
/* The audit's own copy of its template, parsed, as its row holds it now. Caller frees with
 * template_free. Parsed once: the store keeps the last one and hands it out again, held
 * (template_hold), to every caller while the audit's text is the same. */
int store_audit_template(struct store *st, int64_t audit_id, struct template **out,
			 struct maca_err *err);
/* Agencies taking part: id = code, label = name, in display order. */
int store_audit_agencies(struct store *st, int64_t audit_id, struct named_list *out,
			 struct maca_err *err);
/* The row id of an agency taking part (MACA_ENOTFOUND, naming it, when it is not). */
int store_agency_id(struct store *st, int64_t audit_id, const char *code, int64_t *id,
		    struct maca_err *err);
/* Makes `agencies` (id = code, label = name; in this order) the agencies taking part, as the
 * audit form chooses them. Refused on a closed audit, for an empty list, and (MACA_EUSER,
 * naming it and what it holds) for dropping an agency that has answers, section notes or
 * learning points linked to it. One history row when the list changed. */
int store_audit_set_agencies(struct store *st, int64_t audit_id, const struct named_list *agencies,
			     struct maca_err *err);

/* Attendance on the audit day, per agency taking part: kept in the confidential record (the
 * briefing may say how many agencies took part, never which sent apologies). */
enum attendance {
	ATTENDANCE_UNKNOWN,
	ATTENDANCE_ATTENDED,
	ATTENDANCE_APOLOGIES,
	ATTENDANCE_ABSENT
};
#define ATTENDANCE_COUNT 4
const char *attendance_name(enum attendance a);	 /* "attended", ...; "" for unknown */
const char *attendance_label(enum attendance a); /* "Attended", "Sent apologies", ... */
struct attendance_row {
	char *agency; /* code */
	enum attendance status;
	char *note; /* who came, or what was sent instead; "" when none */
};
/* One row per agency taking part, in their order (ATTENDANCE_UNKNOWN where nothing is
 * recorded). */
int store_attendance_list(struct store *st, int64_t audit_id, struct attendance_row **out,
			  size_t *n, struct maca_err *err);
void attendance_rows_free(struct attendance_row *rows, size_t n);
/* Records an agency's attendance (ATTENDANCE_UNKNOWN clears it) and note (NULL: keep), with a
 * history row. Refused on a closed audit. */
int store_attendance_set(struct store *st, int64_t audit_id, const char *agency,
			 enum attendance status, const char *note, struct maca_err *err);

/* Where the chair is in moderation: one row per audit, overwritten on each move (one small
 * write, no history) and read by the room view, which follows it. Written on closed audits
 * too: it is a place, not a finding. */
struct chair_place {
	int64_t case_id; /* 0: none (or the case was removed) */
	char *section_id;
	char *question_id;
	bool show_summary; /* the chair lets the room see the case summary */
	char *updated_at;
};
/* *found false (and out empty) when the chair has not moderated this audit yet. */
int store_chair_place_get(struct store *st, int64_t audit_id, struct chair_place *out, bool *found,
			  struct maca_err *err);
/* Never waits: MACA_EBUSY at once while another maca is writing (the next move writes it). */
int store_chair_place_set(struct store *st, int64_t audit_id, const struct chair_place *place,
			  struct maca_err *err);
/* The audit whose chair place moved last (*audit_id 0 when none): what `maca room` follows
 * when no audit is named. */
int store_chair_place_latest(struct store *st, int64_t *audit_id, struct maca_err *err);
void chair_place_free(struct chair_place *p);

/* Moves an audit between draft, moderation and closed. Reopening a closed audit needs a
 * reason; the change is recorded in the history. */
int store_audit_set_status(struct store *st, int64_t audit_id, enum audit_status status,
			   const char *reason, struct maca_err *err);
/* Deletes an audit with everything in it. A closed audit is a finished record: deleting one
 * is refused (MACA_ELOCKED) unless force says the caller asked for exactly that. */
int store_audit_delete(struct store *st, int64_t audit_id, bool force, struct maca_err *err);

/* Cases */
struct case_fields {
	const char *reference; /* a pseudonym such as "Child A" */
	const char *age_band;  /* an id from the template's age bands, or "" */
	const char *plan_status;
	const struct named_list *tags; /* ids from the template's tags; NULL: none */
	/* A few lines for the audit group about the child's circumstances: confidential, never
	 * in a published document or a pack. NULL: keep as is (an edit) or "" (a new case). */
	const char *summary;
	const char *extra_json;
};

struct case_info {
	int64_t id;
	char *reference;
	char *age_band;
	char *plan_status;
	struct named_list tags; /* id and label are both the tag id */
	char *summary;		/* confidential: see case_fields */
	bool moderated;
	char *moderated_at; /* ISO 8601 UTC when marked moderated, "" when not */
};

int store_case_add(struct store *st, int64_t audit_id, const struct case_fields *c, int64_t *id,
		   struct maca_err *err);
int store_case_update(struct store *st, int64_t case_id, const struct case_fields *c,
		      struct maca_err *err);
int store_case_remove(struct store *st, int64_t case_id, struct maca_err *err);
/* As store_case_update, if the case's reference, age band, plan status, tags and summary are
 * still as `expected` (see store_change; local form fields are not compared). */
int store_case_update_if(struct store *st, int64_t case_id, const struct case_fields *c,
			 const struct case_info *expected, struct case_info *now,
			 struct store_change *by, struct maca_err *err);
int store_case_list(struct store *st, int64_t audit_id, struct case_info **out, size_t *n,
		    struct maca_err *err);
/* The case with this reference in an audit: *id 0 when there is none. */
int store_case_by_ref(struct store *st, int64_t audit_id, const char *ref, int64_t *id,
		      struct maca_err *err);
void case_info_free(struct case_info *c);
void case_info_list_free(struct case_info *list, size_t n);
int store_case_set_moderated(struct store *st, int64_t case_id, bool moderated,
			     struct maca_err *err);

/* Answers: one agency's grading of one case against one question. */
struct answer {
	char *value; /* grade id, yes-no value or text; "" when not answered */
	char *evidence;
	char *author;
	char *updated_at;
	int64_t id; /* the answer's row, 0 when there is none */
};

/* Saves value and evidence (either NULL: keep as is). Writes a history row per field that
 * changed and nothing when nothing changed. */
int store_answer_save(struct store *st, int64_t case_id, const char *agency,
		      const char *question_id, const char *value, const char *evidence,
		      struct maca_err *err);
/* As store_answer_save, if the value (when value is given) and the evidence (when evidence is
 * given) are still as `expected` (see store_change). */
int store_answer_save_if(struct store *st, int64_t case_id, const char *agency,
			 const char *question_id, const char *value, const char *evidence,
			 const struct answer *expected, struct answer *now, struct store_change *by,
			 struct maca_err *err);
/* The one write of an answer, which the saves above make after their checks and the importers
 * make for each answer of a file: value and evidence (either NULL: keep as is) by author at
 * `at` (NULL: the store's author, now), with a history row per field that changed and nothing
 * when nothing did. Checks no more than that the case and agency exist. */
int store_answer_put(struct store *st, int64_t case_id, const char *agency, const char *question_id,
		     const char *value, const char *evidence, const char *author, const char *at,
		     struct maca_err *err);
/* store_answer_put that also gives what was held before (as store_answer_get gives it), read
 * in the same transaction: an import tells what it added from what it changed without reading
 * each answer twice. */
int store_answer_put_held(struct store *st, int64_t case_id, const char *agency,
			  const char *question_id, const char *value, const char *evidence,
			  const char *author, const char *at, struct answer *held, bool *found,
			  struct maca_err *err);
/* *found is false (and out empty strings) when there is no answer yet. */
int store_answer_get(struct store *st, int64_t case_id, const char *agency, const char *question_id,
		     struct answer *out, bool *found, struct maca_err *err);
void answer_free(struct answer *a);

/* Section notes: an agency's prose for one case, section and prompt. */
int store_note_save(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		    const char *prompt_id, const char *text, struct maca_err *err);
/* As store_note_save, if the note is still `expected` (see store_change; *now: the text). */
int store_note_save_if(struct store *st, int64_t case_id, const char *agency,
		       const char *section_id, const char *prompt_id, const char *text,
		       const char *expected, char **now, struct store_change *by,
		       struct maca_err *err);
/* The one write of a note (as store_answer_put is of an answer). */
int store_note_put(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		   const char *prompt_id, const char *text, const char *author, const char *at,
		   struct maca_err *err);
int store_note_get(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		   const char *prompt_id, char **text, struct maca_err *err);

/* The agreed multi-agency grade for a case and question. Changing it after the case was
 * marked moderated needs a reason. grade or rationale NULL: keep as is. */
int store_agreed_save(struct store *st, int64_t case_id, const char *question_id, const char *grade,
		      const char *rationale, const char *reason, struct maca_err *err);
struct agreed_row;
/* As store_agreed_save, if the grade (when grade is given) and the rationale (when rationale
 * is given) are still as `expected` (see store_change; question_id is not compared). */
int store_agreed_save_if(struct store *st, int64_t case_id, const char *question_id,
			 const char *grade, const char *rationale, const char *reason,
			 const struct agreed_row *expected, struct agreed_row *now,
			 struct store_change *by, struct maca_err *err);
int store_agreed_get(struct store *st, int64_t case_id, const char *question_id, char **grade,
		     char **rationale, struct maca_err *err);

/* Good practice and learning */
struct good_practice_fields {
	const char *text;
	const char *agencies; /* comma-separated agency codes, or "" */
	const char *cases;    /* comma-separated case references, or "" */
	const char *extra_json;
};
int store_good_practice_add(struct store *st, int64_t audit_id,
			    const struct good_practice_fields *g, int64_t *id,
			    struct maca_err *err);

struct learning_point_fields {
	const char *title;
	const char *text;
	const struct named_list *cases;	   /* case references */
	const struct named_list *agencies; /* agency codes */
	const struct named_list *sections; /* section ids */
	const char *extra_json;
};
/* Adds a learning point numbered after the last one. */
int store_learning_point_add(struct store *st, int64_t audit_id,
			     const struct learning_point_fields *lp, int64_t *id, int *number,
			     struct maca_err *err);
/* Moves a learning point to position `number` (1-based); the others renumber to follow. */
int store_learning_point_move(struct store *st, int64_t lp_id, int number, struct maca_err *err);
/* Deletes a learning point and its actions; later points move up a number. */
int store_learning_point_delete(struct store *st, int64_t lp_id, struct maca_err *err);

/* The action statuses, the one list of them: constant, name as stored and typed on the command
 * line, label as shown, and whether an action in it is still open (may be overdue). */
#define ACTION_STATUSES(X)                                                                         \
	X(ACTION_NOT_STARTED, "not-started", "Not started", true)                                  \
	X(ACTION_IN_PROGRESS, "in-progress", "In progress", true)                                  \
	X(ACTION_DONE, "done", "Done", false)                                                      \
	X(ACTION_CANNOT, "cannot-be-done", "Cannot be done", false)
enum action_status {
#define ACTION_STATUS_ENUM(id, name, label, open) id,
	ACTION_STATUSES(ACTION_STATUS_ENUM)
#undef ACTION_STATUS_ENUM
};
#define ACTION_STATUS_COUNT ((int)ACTION_CANNOT + 1)
const char *action_status_name(enum action_status s); /* "?" for no status */
/* A short label for a status: "Not started", "In progress", "Done", "Cannot be done". */
const char *action_status_label(enum action_status s);
bool action_status_open(enum action_status s);
bool action_status_parse(const char *s, enum action_status *out);

struct action_fields {
	const char *what;
	const char *owner_agency; /* agency code or "" */
	const char *due_date;	  /* YYYY-MM-DD or "" */
	const char *measure;
	enum action_status status;
	const char *extra_json;
};
int store_action_add(struct store *st, int64_t lp_id, const struct action_fields *a, int64_t *id,
		     struct maca_err *err);
/* Status changes are follow-up, allowed after the audit is closed; each is in the history
 * with its progress note. */
int store_action_set_status(struct store *st, int64_t action_id, enum action_status status,
			    const char *note, struct maca_err *err);

/* History */
struct history_row {
	int64_t id;
	char *case_ref; /* "" when not about a case */
	char *agency;
	char *item;
	char *field;
	char *old_value; /* NULL when there was none */
	char *new_value;
	char *at;
	char *author;
	char *source;
	char *reason;	/* NULL when none was asked for */
	char *checksum; /* SHA-256 hex of the file the change came from; NULL otherwise */
};
int store_history_list(struct store *st, int64_t audit_id, struct history_row **out, size_t *n,
		       struct maca_err *err);
void history_list_free(struct history_row *rows, size_t n);

/* Disclosure acceptances (store_history.c): a finding of the disclosure check (disclosure.h)
 * that a named person accepted for publishing, with why. One is kept against the record's
 * field and the finding's fingerprint (its kind and text, case and spacing aside): the same
 * text typed into another record or field is not accepted by it, and changing the accepted
 * text makes a new finding. Deleting the record deletes its acceptances (the history keeps
 * them). */
enum store_record {
	STORE_RECORD_AUDIT,
	STORE_RECORD_CASE,
	STORE_RECORD_GOOD_PRACTICE,
	STORE_RECORD_LEARNING_POINT,
	STORE_RECORD_ACTION,
};
/* "audit", "case", "good-practice", "learning-point", "action": as stored and shown. */
const char *store_record_name(enum store_record record);
/* The audit a record belongs to; MACA_ENOTFOUND, naming the record, when there is none. */
int store_record_audit(struct store *st, enum store_record record, int64_t record_id,
		       int64_t *audit_id, struct maca_err *err);

/* What a finding's acceptance is kept against. */
struct acceptance_key {
	enum store_record record;
	int64_t record_id;
	const char *field;	 /* the record's field: "title", "text", "what", ... */
	const char *fingerprint; /* the finding's */
};

struct acceptance {
	int64_t id;
	int64_t audit_id;
	enum store_record record;
	int64_t record_id;
	char *field;
	char *fingerprint;
	char *kind;   /* what the check took it for: "phone number" */
	char *match;  /* the text accepted, as written */
	char *reason; /* why it may be published */
	char *author; /* who accepted it (the store's author then) */
	char *at;     /* ISO 8601 UTC */
};

/* Records, in one transaction with a history row (field "disclosure-accepted", the text as
 * new value, the reason as reason), that the finding `key` (kind and match as the check gave
 * them) may be published, by the store's author, now. Refused: an empty reason, or one past
 * the long-text limit (MACA_EUSER); a record that is gone (MACA_ENOTFOUND); a finding already
 * accepted (MACA_EEXIST, saying by whom and when; the first acceptance stands). Allowed on a
 * closed audit: the decision is about what is published, not a change to the record. */
int store_acceptance_add(struct store *st, const struct acceptance_key *key, const char *kind,
			 const char *match, const char *reason, int64_t *id, struct maca_err *err);
/* The acceptance kept against key: *found false (out untouched) when there is none. */
int store_acceptance_find(struct store *st, const struct acceptance_key *key,
			  struct acceptance *out, bool *found, struct maca_err *err);
/* Withdraws acceptance id (MACA_ENOTFOUND when there is none): its finding is open again. A
 * history row (field "disclosure-withdrawn", the text as old value) keeps reason (NULL:
 * none). */
int store_acceptance_withdraw(struct store *st, int64_t id, const char *reason,
			      struct maca_err *err);
/* Every acceptance of an audit's records, oldest first. */
int store_acceptance_list(struct store *st, int64_t audit_id, struct acceptance **out, size_t *n,
			  struct maca_err *err);
void acceptance_free(struct acceptance *a);
void acceptances_free(struct acceptance *list, size_t n);

/* ---------------------------------------------------------------------------------------
 * Reading for the screens, and editing good practice, learning points and actions. Lists
 * are allocated for the caller, who frees them with the matching *_free; an empty list is
 * NULL with n = 0. Text fields are never NULL ("" when empty).
 * --------------------------------------------------------------------------------------- */

/* Answers with a value, out of cases x agencies taking part x questions of the audit's own
 * copy of its template (every kind of question counts). */
int store_audit_progress(struct store *st, int64_t audit_id, int64_t *answered, int64_t *expected,
			 struct maca_err *err);

struct answer_row {
	char *agency; /* agency code */
	char *question_id;
	char *value; /* "" when only evidence was written */
	char *evidence;
	char *author;
	char *updated_at;
};
/* Every answer of a case, every agency: by agency position, then question order in the
 * template (questions the template lacks last). */
int store_case_answers(struct store *st, int64_t case_id, struct answer_row **out, size_t *n,
		       struct maca_err *err);
/* One agency's answers to a case, in the same order: what the answering screen shows, without
 * reading every other agency's (moving to another case reads 40 answers, not 320). */
int store_case_agency_answers(struct store *st, int64_t case_id, const char *agency,
			      struct answer_row **out, size_t *n, struct maca_err *err);
/* Every agency's answer to one question of a case, by agency position: what moderation shows
 * of a question, without reading the case's other answers. */
int store_question_answers(struct store *st, int64_t case_id, const char *question_id,
			   struct answer_row **out, size_t *n, struct maca_err *err);
void answer_rows_free(struct answer_row *rows, size_t n);

struct note_row {
	char *agency; /* agency code */
	char *section_id;
	char *prompt_id;
	char *text;
};
/* Every section note of a case: by agency position, section order, then prompt order. */
int store_case_notes(struct store *st, int64_t case_id, struct note_row **out, size_t *n,
		     struct maca_err *err);
void note_rows_free(struct note_row *rows, size_t n);

struct agreed_row {
	char *question_id;
	char *grade; /* grade id (or yes-no value, or text); "" when cleared */
	char *rationale;
};
/* Every agreed grade of a case, in question order. */
int store_case_agreed(struct store *st, int64_t case_id, struct agreed_row **out, size_t *n,
		      struct maca_err *err);
/* Every agreed grade of an audit in one query: rows[c] and n[c] (arrays of ncases entries,
 * the caller's) are what store_case_agreed gives for cases[c], where cases is the audit's
 * list as store_case_list returns it. On failure every rows[c] is NULL. */
int store_audit_agreed(struct store *st, int64_t audit_id, const struct case_info *cases,
		       size_t ncases, struct agreed_row **rows, size_t *n, struct maca_err *err);
void agreed_row_free(struct agreed_row *row);
void agreed_rows_free(struct agreed_row *rows, size_t n);

struct good_practice_row {
	int64_t id;
	int position; /* 1-based */
	char *text;
	char *agencies; /* comma-separated agency codes */
	char *cases;	/* comma-separated case references */
};
int store_good_practice_list(struct store *st, int64_t audit_id, struct good_practice_row **out,
			     size_t *n, struct maca_err *err);
void good_practice_row_free(struct good_practice_row *row);
void good_practice_rows_free(struct good_practice_row *rows, size_t n);
/* Replaces text, agencies and cases (NULL agencies or cases: ""); extra_json NULL keeps the
 * item's own. One history row per field that changed; nothing when nothing changed. */
int store_good_practice_update(struct store *st, int64_t id, const struct good_practice_fields *g,
			       struct maca_err *err);
/* As store_good_practice_update, if text, agencies and cases are still as `expected` (see
 * store_change; id and position are not compared). */
int store_good_practice_update_if(struct store *st, int64_t id,
				  const struct good_practice_fields *g,
				  const struct good_practice_row *expected,
				  struct good_practice_row *now, struct store_change *by,
				  struct maca_err *err);
/* Deletes an item; later items move up a position. */
int store_good_practice_delete(struct store *st, int64_t id, struct maca_err *err);
/* Moves an item to `position` (1-based); the others follow. */
int store_good_practice_move(struct store *st, int64_t id, int position, struct maca_err *err);

/* The briefing (store_briefing.c): per layout ("standard", "seven-minute"), what the chair
 * changed in each part from the layout's own (its place, whether it is shown, its heading, its
 * text), and the briefing's settings (publication date, subtitle, ...). The names of layouts,
 * parts and settings are the briefing writer's (briefing.h); the store keeps what it is given.
 * The standard layout's background is the audit's own (audit_info.background, as the audit
 * form edits it). Every write is one transaction with a history row (item "LAYOUT/PART" or the
 * setting's name), refused on a closed audit. */
struct briefing_part_row {
	char *layout;
	char *name;
	int position;  /* 1-based place in the layout; 0: the layout's own */
	int shown;     /* 1 or 0; -1: as the layout has it */
	char *heading; /* NULL: the layout's; "": none */
	char *text;    /* NULL: the chair has written none */
};
/* Every row the audit has, by layout, then position (0 last), then name. */
int store_briefing_parts(struct store *st, int64_t audit_id, struct briefing_part_row **out,
			 size_t *n, struct maca_err *err);
void briefing_part_rows_free(struct briefing_part_row *rows, size_t n);
/* Shows (1) or leaves out (0) a part; -1: as the layout has it. */
int store_briefing_part_shown(struct store *st, int64_t audit_id, const char *layout,
			      const char *name, int shown, struct maca_err *err);
/* A part's heading ("": none); NULL: the layout's. */
int store_briefing_part_heading(struct store *st, int64_t audit_id, const char *layout,
				const char *name, const char *heading, struct maca_err *err);
/* The chair's text for a part (NULL or "": none), if it is still `expected` ("" for none;
 * NULL: no check; see store_change, *now being the text held). */
int store_briefing_part_text_if(struct store *st, int64_t audit_id, const char *layout,
				const char *name, const char *text, const char *expected,
				char **now, struct store_change *by, struct maca_err *err);
/* The order of a layout's parts: names[i] takes place i + 1; parts not named lose their
 * place (back to the layout's). */
int store_briefing_order(struct store *st, int64_t audit_id, const char *layout,
			 const char *const *names, size_t n, struct maca_err *err);
/* The settings given: id = name, label = value, by name. */
int store_briefing_settings(struct store *st, int64_t audit_id, struct named_list *out,
			    struct maca_err *err);
/* Sets a setting; NULL or "": removes it (back to the writer's default). */
int store_briefing_setting(struct store *st, int64_t audit_id, const char *name, const char *value,
			   struct maca_err *err);

struct action_row {
	int64_t id;
	int position; /* 1-based within its learning point */
	char *what;
	char *owner_agency; /* agency code or "" */
	char *due_date;	    /* YYYY-MM-DD or "" */
	char *measure;
	enum action_status status;
};

struct learning_point_row {
	int64_t id;
	int number;
	char *title;
	char *text;
	struct named_list cases;    /* id = label = case reference, in case order */
	struct named_list agencies; /* id = code, label = name, in agency order */
	struct named_list sections; /* id = section id, label = its title, in template order */
	struct action_row *actions; /* by position */
	size_t nactions;
};
/* The audit's learning points by number, each with its links and actions. */
int store_learning_points(struct store *st, int64_t audit_id, struct learning_point_row **out,
			  size_t *n, struct maca_err *err);
void learning_point_row_free(struct learning_point_row *row);
void learning_point_rows_free(struct learning_point_row *rows, size_t n);
/* Replaces title, text and every link (NULL lists: no links); extra_json NULL keeps the
 * point's own. History rows for a changed title, text and links. */
int store_learning_point_update(struct store *st, int64_t lp_id,
				const struct learning_point_fields *lp, struct maca_err *err);
/* As store_learning_point_update, if the title, text and links (in any order) are still as
 * `expected` (see store_change; number and actions are not compared, and *now has no
 * actions). */
int store_learning_point_update_if(struct store *st, int64_t lp_id,
				   const struct learning_point_fields *lp,
				   const struct learning_point_row *expected,
				   struct learning_point_row *now, struct store_change *by,
				   struct maca_err *err);
/* Replaces what, owner, due date and measure (NULL owner, due or measure: ""; extra_json NULL
 * keeps the action's own), with a history row per changed field. A different status is
 * recorded as store_action_set_status records it (without a note). Once the audit is closed
 * only the status may change, as follow-up; any other change is refused. */
int store_action_update(struct store *st, int64_t action_id, const struct action_fields *a,
			struct maca_err *err);
/* As store_action_update, if what, owner, due date, measure and status are still as `expected`
 * (see store_change; id and position are not compared). */
int store_action_update_if(struct store *st, int64_t action_id, const struct action_fields *a,
			   const struct action_row *expected, struct action_row *now,
			   struct store_change *by, struct maca_err *err);
/* As store_action_set_status, if the status is still `expected`'s (see store_change). */
int store_action_set_status_if(struct store *st, int64_t action_id, enum action_status status,
			       const char *note, const struct action_row *expected,
			       struct action_row *now, struct store_change *by,
			       struct maca_err *err);
void action_row_free(struct action_row *row);
/* Deletes an action; later actions of its learning point move up a position. */
int store_action_delete(struct store *st, int64_t action_id, struct maca_err *err);

/* Pack tokens (store_template.c): a random token per agency of an audit, carried by the
 * agency's pack and written back into its return, so that a return relabelled as another
 * agency's does not match. STORE_TOKEN_LEN lower-case hex digits; "" where none. */
#define STORE_TOKEN_LEN 32
/* The agency's token, made (16 random bytes) and remembered on first use: a pack issued again
 * for the same agency carries the same token. One write transaction. */
int store_pack_token_issue(struct store *st, int64_t audit_id, const char *agency,
			   char token[STORE_TOKEN_LEN + 1], struct maca_err *err);
/* The agency's token, or "" (with *issued_at "") when none was issued or received. issued_at
 * may be NULL; otherwise *issued_at is malloc'd. */
int store_pack_token_get(struct store *st, int64_t audit_id, const char *agency,
			 char token[STORE_TOKEN_LEN + 1], char **issued_at, struct maca_err *err);
/* Remembers a token received with a pack, inside the caller's transaction; refused
 * (MACA_EEXIST) when the agency already holds a different one. */
int store_pack_token_keep(struct store *st, int64_t audit_id, const char *agency, const char *token,
			  struct maca_err *err);

/* The SYNTHETIC demo audit (demo.c), so that a first-time user sees every screen with content.
 * Creates a new audit from the shipped domestic-abuse template, filled with invented content:
 * six cases ("Child A" to "Child F"), answers from children's social care, police and health,
 * section notes, agreed grades for two cases (one marked moderated), good practice, and
 * learning points with actions. Its title starts "SYNTHETIC DEMO — " and its background says
 * the content is invented. Nothing in it is about a real child, family or practitioner, and
 * it holds no identifiers (no NHS numbers, dates of birth, postcodes, phone numbers or e-mail
 * addresses). The same every time, apart from the audit's UUID.
 *
 * Refuses (MACA_EUSER) any template other than domestic-abuse. Writes with the store's origin
 * set to author "maca demo", source "demo", so that the history shows where the content came
 * from, and restores the caller's origin afterwards.
 *
 * Uses only the public store API, one transaction per item; if a step fails, the half-made
 * audit is deleted again and the step's error is returned. */
int demo_create(struct store *st, const struct template *tpl, int64_t *audit_id,
		struct maca_err *err);
/* The demo audit's title, the same every time: how a list tells that it holds the demo. */
#define DEMO_TITLE "SYNTHETIC DEMO — Domestic abuse audit"

#endif
