#!/usr/bin/env bash
# Create an audit through the audit form and add six cases through the case form, in an
# 80x24 window; then check the database row by row.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys a
e2e_wait_for "Create an audit from which template?"
e2e_keys Enter
e2e_wait_for "Audit details"
e2e_type "Domestic abuse audit — Zoë's team"
e2e_keys Tab Tab Tab
e2e_type "Synthetic Safeguarding Partnership"
e2e_keys Tab Space Down Space # agencies taking part: the first two
e2e_keys Tab Down Space # chair: the second agency
e2e_keys Tab
e2e_type "2026-06-12"
e2e_keys C-o
e2e_wait_for "Created audit 1"
e2e_expect_sql "SELECT title || '|' || partnership || '|' || chair_agency || '|' || audit_date FROM audit" \
	"Domestic abuse audit — Zoë's team|Synthetic Safeguarding Partnership|police|2026-06-12"

e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys c
e2e_wait_for "No cases yet"
for ref in A B C D E F; do
	e2e_keys a
	e2e_wait_for "Case reference"
	e2e_type "Child $ref"
	e2e_keys Tab Down Space # age band: the second one
	e2e_keys Tab Down Down Space # plan: the third one
	e2e_keys Tab Space # tags: the first one
	e2e_keys F2
	e2e_wait_for "Added the case"
done
e2e_wait_for "Child F"
e2e_expect_sql "SELECT count(*) FROM audit_case" 6
e2e_expect_sql "SELECT group_concat(reference, ',') FROM (SELECT reference FROM audit_case ORDER BY position)" \
	"Child A,Child B,Child C,Child D,Child E,Child F"
e2e_expect_sql "SELECT DISTINCT age_band || '|' || plan_status FROM audit_case" "under-1|child-in-need"
e2e_expect_sql "SELECT count(*) FROM case_tag WHERE tag = 'drugs-alcohol'" 6
e2e_expect_sql "SELECT count(*) FROM history WHERE field = 'case' AND source = 'keyboard'" 6

# Back on the overview the six cases are rows.
e2e_keys Escape
e2e_wait_for "Cases: 6 (0 moderated)"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
