#!/usr/bin/env bash
# Moderation in an 80x24 window: agree grades with their rationale in two sections of a
# case, mark it moderated, then check the rows and their history.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys Down Down m # Child C, section 1
e2e_wait_for "Child C · 3 of 6"
e2e_wait_for "Police — "
# Help lists the template's grade keys with the screen's own keys.
e2e_keys '?'
e2e_wait_for "Keys of Moderation"
e2e_wait_for "Agree: Good"
e2e_keys PageDown
e2e_wait_for "Mark the case moderated, or not"
e2e_keys Escape
e2e_wait_for "Police — "
e2e_keys r
e2e_wait_for "Agreed: R Requires improvement"
e2e_keys Tab
e2e_type "Agreed: Łukasz's school flagged it late."
e2e_keys Escape Down g
e2e_keys Right # section 2
e2e_wait_for "Section 2 of 9"
e2e_keys i
e2e_wait_for "Agreed: I Inadequate"
e2e_keys +
e2e_wait_for "Type y to confirm:"
e2e_keys y Enter
e2e_wait_for "Child C · 3 of 6 · MODERATED"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"

case_id=$(e2e_sql "SELECT id FROM audit_case WHERE reference = 'Child C'")
e2e_expect_sql "SELECT count(*) FROM agreed_grade WHERE case_id = $case_id" 3
e2e_expect_sql "SELECT group_concat(grade, ',') FROM (SELECT grade FROM agreed_grade WHERE case_id = $case_id ORDER BY id)" \
	"requires-improvement,good,inadequate"
e2e_expect_sql "SELECT rationale FROM agreed_grade WHERE case_id = $case_id AND grade = 'requires-improvement'" \
	"Agreed: Łukasz's school flagged it late."
e2e_expect_sql "SELECT count(*) FROM history WHERE case_id = $case_id AND field IN ('agreed', 'rationale') AND source = 'keyboard'" 4
e2e_expect_sql "SELECT moderated_at IS NOT NULL FROM audit_case WHERE id = $case_id" 1
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
