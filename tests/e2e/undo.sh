#!/usr/bin/env bash
# Clear, undo and history (issue 17, item 2): an answer and an agreed grade cleared with
# Backspace, each change undone with u (the one before with u again), each undo recorded in
# the history like any change, and the history shown for the answer and for the case.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of 5"
q="SELECT value FROM answer JOIN agency ON agency.id = answer.agency_id
   JOIN audit_case ON audit_case.id = answer.case_id
   WHERE reference = 'Child A' AND code = 'csc' AND question_id = 'identification-recognised'"
was=$(e2e_sql "$q")
[ "$was" = good ] || e2e_fail "the demo's first answer is '$was'"
e2e_keys o
e2e_wait_for "Grade: Outstanding"
e2e_keys BSpace
e2e_wait_for "Grade: not graded"
e2e_expect_sql "$q" ""
e2e_keys u
e2e_wait_for "Grade: Outstanding"
e2e_wait_for "Undone: Child A"
e2e_expect_sql "$q" outstanding
e2e_keys u
e2e_wait_for "Grade: Good"
e2e_expect_sql "$q" good
e2e_keys u
e2e_wait_for "Nothing to undo"
# Two changes and two undos, each a row of the history, all shown for the answer.
e2e_expect_sql "SELECT count(*) FROM history WHERE item = 'identification-recognised' AND agency = 'csc' AND field = 'answer' AND source = 'keyboard'" 4
e2e_keys h
e2e_wait_for "History of Child A"
e2e_wait_for "answer: Outstanding -> Good"
e2e_wait_for "answer: (none) -> Outstanding"
e2e_keys q
e2e_wait_for "question 1 of 5"

# Moderation: agree a grade, clear it, undo twice.
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys Down Down m # Child C
e2e_wait_for "Child C · 3 of 6"
agreed="SELECT coalesce((SELECT grade FROM agreed_grade JOIN audit_case ON audit_case.id = agreed_grade.case_id
   WHERE reference = 'Child C' AND question_id = 'identification-recognised'), '-')"
e2e_keys i
e2e_wait_for "Agreed: I Inadequate"
e2e_expect_sql "$agreed" inadequate
e2e_keys BSpace
e2e_wait_gone "Agreed: I Inadequate"
e2e_expect_sql "$agreed" ""
e2e_keys u
e2e_wait_for "Agreed: I Inadequate"
e2e_keys u
e2e_wait_gone "Agreed: I Inadequate"
e2e_expect_sql "$agreed" ""
e2e_keys Escape
e2e_wait_for "Audit overview"
# The case's history: every change about Child C, newest first.
e2e_keys h
e2e_wait_for "History of case Child C"
e2e_wait_for "agreed: Inadequate -> (none)"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
