#!/usr/bin/env bash
# Screens follow the database: while the overview, the cases and moderation are shown, a
# second maca process (`maca case add`, `maca import --replace`) changes the data, and the
# screen shows it within about two seconds without a key; a rationale being typed stays.
. "$(dirname "$0")/lib.sh"

AGENCY="$E2E_DIR/agency.db"
M() { "$E2E_MACA" --db "$@"; }

# e2e_wait_within SECONDS TEXT: TEXT on screen within SECONDS, with no key pressed.
e2e_wait_within() {
	local i
	for i in $(seq 1 $(($1 * 10))); do
		if e2e_screen | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.1
	done
	e2e_fail "not shown within $1 s: $2"
}

# The chair's audit with one case, and the police's return grading its first question good;
# then a second return from the police that changes that grade (synthetic).
M "$E2E_DB" new domestic-abuse "E2E reload audit" --agencies csc,police >/dev/null
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

e2e_start 80x24
e2e_wait_for "E2E reload audit"
e2e_keys Enter
e2e_wait_for "Cases: 1 (0 moderated)"

# The overview, then the cases: another maca adds a case each time.
M "$E2E_DB" case add 1 "Child B" >/dev/null
e2e_wait_within 3 "Cases: 2 (0 moderated)"
e2e_keys c
e2e_wait_for "Child B"
M "$E2E_DB" case add 1 "Child C" --age 1-4 >/dev/null
e2e_wait_within 3 "Child C"
e2e_keys Escape
e2e_wait_for "Cases: 3 (0 moderated)"

# Moderation of Child A, with a rationale half typed when the return replaces the grade.
e2e_keys m
e2e_wait_for "Child A · 1 of 3"
e2e_wait_for "Police — Good"
e2e_keys '>' '>' # Police in focus: the rationale typed in takes a third of the window
e2e_wait_for "Police — Good"
e2e_keys Tab
e2e_type " Half typed."
e2e_wait_for "Half typed."
M "$E2E_DB" import --replace "$E2E_DIR/return2.maca" >/dev/null
e2e_wait_within 3 "Police — Requires improvement"
e2e_wait_for "Seen again."
e2e_wait_for "Half typed."
e2e_wait_for "Esc/Tab done" # still typing
e2e_keys Escape
e2e_wait_for "Tab rationale"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"

case_id=$(e2e_sql "SELECT id FROM audit_case WHERE reference = 'Child A'")
e2e_expect_sql "SELECT value FROM answer WHERE case_id = $case_id" "requires-improvement"
e2e_expect_sql "SELECT rationale FROM agreed_grade WHERE case_id = $case_id" " Half typed."
e2e_expect_sql "SELECT count(*) FROM audit_case" 3
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
