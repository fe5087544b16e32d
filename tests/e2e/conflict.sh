#!/usr/bin/env bash
# Another process's change is never silently written over (issue 14, item 2): with evidence
# half typed in the interface, a second maca process (`maca import --replace`) changes the same
# answer. Moving on shows both versions, with who changed it, and writes nothing until the user
# chooses: keep editing, keep mine, take theirs. Moderation's rationale likewise.
. "$(dirname "$0")/lib.sh"

AGENCY="$E2E_DIR/agency.db"
M() { "$E2E_MACA" --db "$@"; }

# The chair's audit with one case; the police's return grading its first question good, then
# a second return that changes it (synthetic).
M "$E2E_DB" new domestic-abuse "E2E conflict audit" --agencies csc,police >/dev/null
M "$E2E_DB" case add 1 "Child A" >/dev/null
M "$E2E_DB" export pack 1 --agency police -o "$E2E_DIR/pack.maca" >/dev/null
M "$AGENCY" import "$E2E_DIR/pack.maca" >/dev/null
sqlite3 "$AGENCY" "INSERT INTO answer (case_id, agency_id, question_id, value, evidence,
  author, updated_at) SELECT c.id, g.id, 'identification-recognised', 'good', 'Seen at home.',
  'PC Synthetic', '2026-11-23T10:00:00Z' FROM audit_case c, agency g"
M "$AGENCY" export return 1 --agency police -o "$E2E_DIR/return1.maca" >/dev/null
M "$E2E_DB" import "$E2E_DIR/return1.maca" >/dev/null
sqlite3 "$AGENCY" "UPDATE answer SET value = 'requires-improvement', evidence = 'Seen again.',
  updated_at = '2026-11-24T10:00:00Z'"
M "$AGENCY" export return 1 --agency police -o "$E2E_DIR/return2.maca" >/dev/null
sqlite3 "$AGENCY" "UPDATE answer SET value = 'inadequate', evidence = 'Seen a third time.',
  updated_at = '2026-11-25T10:00:00Z'"
M "$AGENCY" export return 1 --agency police -o "$E2E_DIR/return3.maca" >/dev/null

evidence() {
	e2e_sql "SELECT value || '|' || evidence FROM answer WHERE question_id = 'identification-recognised'"
}

e2e_start 80x24
e2e_wait_for "E2E conflict audit"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Down Enter # police
e2e_wait_for "Child A  ·  Police"
e2e_wait_for "Seen at home."
e2e_keys Tab End
e2e_type " Half typed."
e2e_wait_for "Seen at home. Half typed."

# The second process changes the same answer; the interface keeps what is being typed.
M "$E2E_DB" import --replace "$E2E_DIR/return2.maca" >/dev/null
sleep 2
e2e_wait_for "Seen at home. Half typed."
[ "$(evidence)" = "requires-improvement|Seen again." ] || e2e_fail "the import did not land"

# Leaving the editor saves: both versions, who changed it, and nothing written yet.
e2e_keys Escape
e2e_wait_for "Changed meanwhile"
e2e_wait_for "What is there now:"
e2e_wait_for "Grade: Requires improvement to be good"
e2e_wait_for "Evidence: Seen again."
e2e_wait_for "Evidence: Seen at home. Half typed."
e2e_wait_for "return from police"
e2e_wait_for "m keep mine"
[ "$(evidence)" = "requires-improvement|Seen again." ] || e2e_fail "written before a choice"
# q and Enter do nothing here; Esc keeps editing and still writes nothing.
e2e_keys q Enter
sleep 0.3
e2e_wait_for "Changed meanwhile"
e2e_keys Escape
e2e_wait_gone "Changed meanwhile"
e2e_wait_for "question 1 of 5"
e2e_wait_for "Seen at home. Half typed."
[ "$(evidence)" = "requires-improvement|Seen again." ] || e2e_fail "keep editing wrote"

# Moving on asks again; keep mine: the evidence typed, the grade left as they set it.
e2e_keys Down
e2e_wait_for "Changed meanwhile"
e2e_keys m
e2e_wait_for "question 2 of 5"
[ "$(evidence)" = "requires-improvement|Seen at home. Half typed." ] ||
	e2e_fail "keep mine saved: $(evidence)"

# Once more, and take theirs: what was typed goes, theirs shows.
e2e_keys Up Tab End
e2e_type " Typed again."
e2e_wait_for "Half typed. Typed again."
M "$E2E_DB" import --replace "$E2E_DIR/return3.maca" >/dev/null
sleep 2
e2e_keys Escape
e2e_wait_for "Changed meanwhile"
e2e_wait_for "Evidence: Seen a third time."
e2e_keys t
e2e_wait_gone "Changed meanwhile"
e2e_wait_for "Seen a third time."
e2e_wait_for "Grade: Inadequate"
[ "$(evidence)" = "inadequate|Seen a third time." ] || e2e_fail "take theirs wrote: $(evidence)"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT count(*) FROM history WHERE item = 'identification-recognised' AND field = 'evidence' AND source = 'keyboard'" 1
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
