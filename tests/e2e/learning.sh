#!/usr/bin/env bash
# Learning in an 80x24 window: on a new audit with a case, add two learning points, each
# with an action, through their forms; reorder; then check the rows.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys a
e2e_wait_for "Create an audit from which template?"
e2e_keys Enter
e2e_wait_for "Audit details"
e2e_type "Learning audit"
e2e_keys Tab Tab Tab Tab Space Down Space # agencies taking part: the first two
e2e_keys C-o
e2e_wait_for "Created audit 1"
e2e_keys Enter c a
e2e_wait_for "Case reference"
e2e_type "Child A"
e2e_keys F2
e2e_wait_for "Added the case"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys L
e2e_wait_for "Learning"

for n in 1 2; do
	e2e_keys a
	e2e_wait_for "Learning point"
	e2e_type "Point $n: share referral outcomes"
	e2e_keys Tab
	e2e_type "Agencies that referred were not told what happened (Siân's note)."
	e2e_keys Tab Space # cases: Child A
	e2e_keys C-o
	e2e_wait_for "Point $n: share referral outcomes"
	e2e_keys A
	e2e_wait_for "Action"
	e2e_type "Send every referrer the outcome within 3 working days"
	e2e_keys Tab Down Space # owner: the second agency
	e2e_keys Tab
	e2e_type "2026-12-31"
	e2e_keys F2
	e2e_wait_for "Send every referrer the outcome"
done

# Move the second point up: numbers follow.
e2e_keys K
e2e_wait_for "Now learning point 1"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"

e2e_expect_sql "SELECT count(*) FROM learning_point" 2
e2e_expect_sql "SELECT group_concat(title, '|') FROM (SELECT title FROM learning_point ORDER BY number)" \
	"Point 2: share referral outcomes|Point 1: share referral outcomes"
e2e_expect_sql "SELECT count(*) FROM action WHERE owner_agency = 'police' AND due_date = '2026-12-31' AND status = 'not-started'" 2
e2e_expect_sql "SELECT count(*) FROM learning_point_case" 2
e2e_expect_sql "SELECT text FROM learning_point WHERE number = 1" \
	"Agencies that referred were not told what happened (Siân's note)."
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
