/* The schema as constant SQL: migration i takes user_version from i to i + 1. */
#include "store_internal.h"

/* Migration 1: everything an audit holds, and its history. */
static const char *const migration_1[] = {
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL,"
    "  theme TEXT NOT NULL DEFAULT '',"
    "  template_id TEXT NOT NULL,"
    "  template_version INTEGER NOT NULL,"
    "  template_hash TEXT NOT NULL,"
    "  template_text TEXT NOT NULL," /* the audit's own copy of its template */
    "  partnership TEXT NOT NULL DEFAULT '',"
    "  chair_agency TEXT NOT NULL DEFAULT '',"
    "  audit_date TEXT NOT NULL DEFAULT '',"
    "  background TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','moderation','closed')),"
    "  reaudit_of TEXT," /* uuid of an earlier audit on the same theme */
    "  extra TEXT NOT NULL DEFAULT '{}',"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ") STRICT;",
    "CREATE TABLE agency ("
    "  id INTEGER PRIMARY KEY,"
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  code TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  UNIQUE (audit_id, code)"
    ") STRICT;",
    "CREATE TABLE audit_case ("
    "  id INTEGER PRIMARY KEY,"
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  reference TEXT NOT NULL,"
    "  age_band TEXT NOT NULL DEFAULT '',"
    "  plan_status TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL,"
    "  moderated_at TEXT,"
    "  extra TEXT NOT NULL DEFAULT '{}',"
    "  UNIQUE (audit_id, reference)"
    ") STRICT;",
    "CREATE TABLE case_tag ("
    "  case_id INTEGER NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,"
    "  tag TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, tag)"
    ") STRICT;",
    "CREATE TABLE answer ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,"
    "  agency_id INTEGER NOT NULL REFERENCES agency(id) ON DELETE CASCADE,"
    "  question_id TEXT NOT NULL,"
    "  value TEXT NOT NULL DEFAULT ''," /* grade id, yes-no value or free text */
    "  evidence TEXT NOT NULL DEFAULT '',"
    "  author TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE (case_id, agency_id, question_id)"
    ") STRICT;",
    "CREATE TABLE section_note ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,"
    "  agency_id INTEGER NOT NULL REFERENCES agency(id) ON DELETE CASCADE,"
    "  section_id TEXT NOT NULL,"
    "  prompt_id TEXT NOT NULL,"
    "  text TEXT NOT NULL DEFAULT '',"
    "  author TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE (case_id, agency_id, section_id, prompt_id)"
    ") STRICT;",
    "CREATE TABLE agreed_grade ("
    "  id INTEGER PRIMARY KEY,"
    "  case_id INTEGER NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,"
    "  question_id TEXT NOT NULL,"
    "  grade TEXT NOT NULL DEFAULT '',"
    "  rationale TEXT NOT NULL DEFAULT '',"
    "  author TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE (case_id, question_id)"
    ") STRICT;",
    "CREATE TABLE good_practice ("
    "  id INTEGER PRIMARY KEY,"
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  agencies TEXT NOT NULL DEFAULT ''," /* comma-separated agency codes */
    "  cases TEXT NOT NULL DEFAULT '',"	   /* comma-separated case references */
    "  extra TEXT NOT NULL DEFAULT '{}'"
    ") STRICT;",
    "CREATE TABLE learning_point ("
    "  id INTEGER PRIMARY KEY,"
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  number INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  text TEXT NOT NULL DEFAULT '',"
    "  extra TEXT NOT NULL DEFAULT '{}'"
    ") STRICT;",
    "CREATE TABLE learning_point_case ("
    "  learning_point_id INTEGER NOT NULL REFERENCES learning_point(id) ON DELETE CASCADE,"
    "  case_id INTEGER NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (learning_point_id, case_id)"
    ") STRICT;",
    "CREATE TABLE learning_point_agency ("
    "  learning_point_id INTEGER NOT NULL REFERENCES learning_point(id) ON DELETE CASCADE,"
    "  agency_id INTEGER NOT NULL REFERENCES agency(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (learning_point_id, agency_id)"
    ") STRICT;",
    "CREATE TABLE learning_point_section ("
    "  learning_point_id INTEGER NOT NULL REFERENCES learning_point(id) ON DELETE CASCADE,"
    "  section_id TEXT NOT NULL,"
    "  PRIMARY KEY (learning_point_id, section_id)"
    ") STRICT;",
    "CREATE TABLE action ("
    "  id INTEGER PRIMARY KEY,"
    "  learning_point_id INTEGER NOT NULL REFERENCES learning_point(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  what TEXT NOT NULL,"
    "  owner_agency TEXT NOT NULL DEFAULT '',"
    "  due_date TEXT NOT NULL DEFAULT '',"
    "  measure TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL DEFAULT 'not-started'"
    "    CHECK (status IN ('not-started','in-progress','done','cannot-be-done')),"
    "  extra TEXT NOT NULL DEFAULT '{}',"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ") STRICT;" /* Every change to what agencies and the chair recorded, kept with the audit. */,
    /* Every change to what agencies and the chair recorded, kept with the audit. */
    "CREATE TABLE history ("
    "  id INTEGER PRIMARY KEY,"
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  case_id INTEGER REFERENCES audit_case(id) ON DELETE CASCADE,"
    "  agency TEXT NOT NULL DEFAULT ''," /* agency code, '' for the chair's records */
    "  item TEXT NOT NULL DEFAULT '',"	 /* question id, section/prompt, action id */
    "  field TEXT NOT NULL,"
    "  old_value TEXT,"
    "  new_value TEXT,"
    "  at TEXT NOT NULL,"
    "  author TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  reason TEXT,"
    "  checksum TEXT"
    ") STRICT;",
    "CREATE INDEX agency_audit ON agency(audit_id);",
    "CREATE INDEX case_audit ON audit_case(audit_id);",
    "CREATE INDEX answer_agency ON answer(agency_id);",
    "CREATE INDEX note_agency ON section_note(agency_id);",
    "CREATE INDEX good_practice_audit ON good_practice(audit_id);",
    "CREATE INDEX learning_point_audit ON learning_point(audit_id, number);",
    "CREATE INDEX lp_case_case ON learning_point_case(case_id);",
    "CREATE INDEX lp_agency_agency ON learning_point_agency(agency_id);",
    "CREATE INDEX action_lp ON action(learning_point_id);",
    "CREATE INDEX history_audit ON history(audit_id, id);",
    NULL,
};

/* The action tracker reads each action's status rows (its progress notes) from the history;
 * without this index that is a scan of the audit's whole history per action, seconds once an
 * audit has a million rows. */
static const char *const migration_2[] = {
    "CREATE INDEX history_item ON history(audit_id, field, item);",
    NULL,
};

/* Migration 3: each case counts its answers with a value, kept by triggers, so that the
 * home screen's progress figures are a sum over cases rather than a count of every answer in
 * the database (3.4 s at a million answers; see README, Performance). */
static const char *const migration_3[] = {
    "ALTER TABLE audit_case ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;",
    "UPDATE audit_case SET answered ="
    "  (SELECT count(*) FROM answer w WHERE w.case_id = audit_case.id AND w.value <> '');",
    "CREATE TRIGGER answer_counted_insert AFTER INSERT ON answer WHEN NEW.value <> '' BEGIN"
    "  UPDATE audit_case SET answered = answered + 1 WHERE id = NEW.case_id;"
    " END;",
    "CREATE TRIGGER answer_counted_update AFTER UPDATE OF case_id, value ON answer"
    " WHEN OLD.case_id <> NEW.case_id OR (OLD.value <> '') <> (NEW.value <> '') BEGIN"
    "  UPDATE audit_case SET answered = answered - 1 WHERE id = OLD.case_id AND OLD.value <> '';"
    "  UPDATE audit_case SET answered = answered + 1 WHERE id = NEW.case_id AND NEW.value <> '';"
    " END;",
    "CREATE TRIGGER answer_counted_delete AFTER DELETE ON answer WHEN OLD.value <> '' BEGIN"
    "  UPDATE audit_case SET answered = answered - 1 WHERE id = OLD.case_id;"
    " END;",
    NULL,
};

/* Migration 4: the token each agency's pack carried and its return must carry back, so that
 * a return relabelled as another agency's is refused (store_template.c, maca-return(5)).
 * One per agency of an audit: a pack issued again carries the same token. */
static const char *const migration_4[] = {
    "CREATE TABLE pack_token ("
    "  agency_id INTEGER PRIMARY KEY REFERENCES agency(id) ON DELETE CASCADE,"
    "  token TEXT NOT NULL,"
    "  issued_at TEXT NOT NULL,"
    "  issued_by TEXT NOT NULL"
    ") STRICT;",
    NULL,
};

/* Migration 5: a finding of the disclosure check accepted for publishing, by whom, when and
 * why (store_history.c). It is kept against the record's field and the finding's fingerprint,
 * so the same text typed elsewhere, or the accepted text changed, is a new finding. A record
 * is no foreign key here (it may be of five kinds): triggers take its acceptances with it, so
 * that a later record given the same id inherits none. */
static const char *const migration_5[] = {
    "CREATE TABLE disclosure_acceptance ("
    "  id INTEGER PRIMARY KEY,"
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  record TEXT NOT NULL"
    "    CHECK (record IN ('audit','case','good-practice','learning-point','action')),"
    "  record_id INTEGER NOT NULL,"
    "  field TEXT NOT NULL,"
    "  fingerprint TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"  /* what the check took it for: "phone number" */
    "  match TEXT NOT NULL," /* the text accepted, as written */
    "  reason TEXT NOT NULL CHECK (reason <> ''),"
    "  author TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  UNIQUE (record, record_id, field, fingerprint)"
    ") STRICT;",
    "CREATE INDEX acceptance_audit ON disclosure_acceptance(audit_id, id);",
    "CREATE TRIGGER acceptance_case_gone AFTER DELETE ON audit_case BEGIN"
    "  DELETE FROM disclosure_acceptance WHERE record = 'case' AND record_id = OLD.id;"
    " END;",
    "CREATE TRIGGER acceptance_good_practice_gone AFTER DELETE ON good_practice BEGIN"
    "  DELETE FROM disclosure_acceptance WHERE record = 'good-practice' AND record_id = OLD.id;"
    " END;",
    "CREATE TRIGGER acceptance_learning_point_gone AFTER DELETE ON learning_point BEGIN"
    "  DELETE FROM disclosure_acceptance WHERE record = 'learning-point' AND record_id = OLD.id;"
    " END;",
    "CREATE TRIGGER acceptance_action_gone AFTER DELETE ON action BEGIN"
    "  DELETE FROM disclosure_acceptance WHERE record = 'action' AND record_id = OLD.id;"
    " END;",
    NULL,
};

/* Migration 6: the briefing as the chair shapes it (store_briefing.c): per layout, each part
 * the chair changed from the layout's own (place, shown or not, heading, text), and the
 * briefing's settings (publication date, subtitle, ...). NULL: as the layout has it. */
static const char *const migration_6[] = {
    "CREATE TABLE briefing_part ("
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  layout TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  position INTEGER CHECK (position > 0),"
    "  shown INTEGER CHECK (shown IN (0, 1)),"
    "  heading TEXT,"
    "  text TEXT,"
    "  PRIMARY KEY (audit_id, layout, name)"
    ") STRICT;",
    "CREATE TABLE briefing_setting ("
    "  audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (audit_id, name)"
    ") STRICT;",
    NULL,
};

/* Migration 7: the audit day. A short confidential summary of each case for the audit group
 * (never published); where the chair is in moderation, one row per audit overwritten on each
 * move (the room view follows it; not history); and which agencies attended the day. */
static const char *const migration_7[] = {
    "ALTER TABLE audit_case ADD COLUMN summary TEXT NOT NULL DEFAULT '';",
    "CREATE TABLE chair_place ("
    "  audit_id INTEGER PRIMARY KEY REFERENCES audit(id) ON DELETE CASCADE,"
    "  case_id INTEGER REFERENCES audit_case(id) ON DELETE SET NULL,"
    "  section_id TEXT NOT NULL DEFAULT '',"
    "  question_id TEXT NOT NULL DEFAULT '',"
    "  show_summary INTEGER NOT NULL DEFAULT 0," /* the room may see case summaries */
    "  updated_at TEXT NOT NULL"
    ") STRICT;",
    "CREATE TABLE attendance ("
    "  agency_id INTEGER PRIMARY KEY REFERENCES agency(id) ON DELETE CASCADE,"
    "  status TEXT NOT NULL CHECK (status IN ('attended','apologies','absent')),"
    "  note TEXT NOT NULL DEFAULT ''," /* who came, or what was sent instead */
    "  updated_at TEXT NOT NULL"
    ") STRICT;",
    NULL,
};

/* Migration 8: evidence written once where one copy does. The history row of evidence given
 * to an answer that had none (an import into an empty audit, evidence typed for the first
 * time) does not copy the text: it points to the answer that holds it (answer_id, new_value
 * NULL), and the answer knows the row (evidence_row), so that the first change or deletion of
 * that evidence writes the text into the row first (triggers), at no cost to any other save.
 * The table is now history_log, and `history` is a view of it with the same columns, old and
 * new, so that everything that reads the history (the history view, undo, progress notes,
 * compare, sqlite3 by hand) reads it as before. */
static const char *const migration_8[] = {
    "ALTER TABLE history RENAME TO history_log;",
    "ALTER TABLE history_log ADD COLUMN answer_id INTEGER;",
    "ALTER TABLE answer ADD COLUMN evidence_row INTEGER;",
    "CREATE VIEW history AS SELECT h.id AS id, h.audit_id AS audit_id, h.case_id AS case_id,"
    "  h.agency AS agency, h.item AS item, h.field AS field, h.old_value AS old_value,"
    "  CASE WHEN h.answer_id IS NULL THEN h.new_value ELSE (SELECT a.evidence FROM answer a"
    "    WHERE a.id = h.answer_id AND a.evidence_row = h.id) END AS new_value,"
    "  h.at AS at, h.author AS author, h.source AS source, h.reason AS reason,"
    "  h.checksum AS checksum FROM history_log h;",
    /* Rows written as before (by another program, or a maca of another branch) still go in. */
    "CREATE TRIGGER history_insert INSTEAD OF INSERT ON history BEGIN"
    "  INSERT INTO history_log (id, audit_id, case_id, agency, item, field, old_value,"
    "    new_value, at, author, source, reason, checksum)"
    "  VALUES (NEW.id, NEW.audit_id, NEW.case_id, coalesce(NEW.agency, ''),"
    "    coalesce(NEW.item, ''), NEW.field, NEW.old_value, NEW.new_value, NEW.at, NEW.author,"
    "    NEW.source, NEW.reason, NEW.checksum);"
    " END;",
    "CREATE TRIGGER answer_evidence_kept AFTER UPDATE OF evidence ON answer"
    " WHEN OLD.evidence_row IS NOT NULL AND OLD.evidence IS NOT NEW.evidence BEGIN"
    "  UPDATE history_log SET new_value = OLD.evidence, answer_id = NULL"
    "    WHERE id = OLD.evidence_row AND answer_id = OLD.id;"
    "  UPDATE answer SET evidence_row = NULL WHERE id = NEW.id;"
    " END;",
    "CREATE TRIGGER answer_evidence_deleted BEFORE DELETE ON answer"
    " WHEN OLD.evidence_row IS NOT NULL BEGIN"
    "  UPDATE history_log SET new_value = OLD.evidence, answer_id = NULL"
    "    WHERE id = OLD.evidence_row AND answer_id = OLD.id;"
    " END;",
    NULL,
};

/* Migration i takes user_version from i - 1 to i; each is a list of statements run in one
 * transaction. */
static const char *const *const migrations[] = {migration_1, migration_2, migration_3, migration_4,
						migration_5, migration_6, migration_7, migration_8};

int store_schema_version(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *const *store_schema_migration(int to_version)
{
	if (to_version < 1 || to_version > store_schema_version())
		return NULL;
	return migrations[to_version - 1];
}
