#!/usr/bin/env bash
# Answering end to end, in an 80x24 window: demo audit, overview, a, pick an agency, grade
# two questions with their keys, write multi-line UTF-8 evidence, move on, quit; then check
# the rows (value, evidence byte for byte, author and source in the history).
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/maca"
printf '[maca]\nauthor = Ngozi-Ọlá Test\n' >"$XDG_CONFIG_HOME/maca/maca.ini"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "Created a SYNTHETIC demo audit"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_wait_for "a answer"

# The chooser lists the audit's agencies; Esc cancels, Enter picks.
e2e_keys a
e2e_wait_for "Answer Child A as which agency?"
e2e_keys Escape
e2e_wait_gone "as which agency?"
e2e_keys a
e2e_wait_for "Answer Child A as which agency?"
e2e_keys Down Down Down Down
e2e_keys Enter
e2e_wait_for "Answering"
agency=$(e2e_sql "SELECT code FROM agency ORDER BY position LIMIT 1 OFFSET 4")
name=$(e2e_sql "SELECT name FROM agency ORDER BY position LIMIT 1 OFFSET 4")
e2e_wait_for "Child A  ·  $name  ·  Answered 0/"
e2e_wait_for "question 1 of 5"
e2e_wait_for "o/g/r/i/n grade  Tab edit  Enter list  ↑↓ question  PgUp/PgDn section  ? help"
nbsp=$(printf '\302\240') # the grade keys line keeps each key with its label
e2e_wait_for "O${nbsp}Outstanding  G${nbsp}Good  R${nbsp}Requires${nbsp}improvement"

# The guidance on demand.
e2e_keys C-g
e2e_wait_for "Good: the first agency to see the signs"
e2e_keys C-g
e2e_wait_gone "Good: the first agency to see the signs"

# Grade the first question by its key, move on: saved.
e2e_keys o
e2e_wait_for "Grade: Outstanding"
e2e_keys Down
e2e_wait_for "question 2 of 5"
e2e_wait_for "Answered 1/"

# The second: a grade that needs evidence is flagged until it has some.
e2e_keys R
e2e_wait_for "Evidence required for this grade"
e2e_wait_for "1 need evidence"
e2e_keys Tab
e2e_wait_for "Esc/Tab done"
e2e_type "Siân saw Zoë at school."
e2e_keys Enter
e2e_type "Łukasz (teacher) raised it."
e2e_wait_for "Łukasz (teacher) raised it."
e2e_wait_gone "Evidence required for this grade"
e2e_keys Escape
e2e_wait_for "Tab edit"

# An 80x24 capture: nothing drawn past the edge, the keys readable.
screen=$(e2e_screen)
[ "$(printf '%s\n' "$screen" | wc -l)" -eq 24 ] || e2e_fail "not 24 rows"
printf '%s\n' "$screen" | grep -qF "Siân saw Zoë at school." || e2e_fail "evidence line 1"
printf '%s\n' "$screen" | grep -qF "Section 1/9: Responding at the point of identification" ||
	e2e_fail "section line"

# Moving on saves; q quits after saving whatever is being edited.
e2e_keys Down
e2e_wait_for "question 3 of 5"
e2e_keys n
e2e_keys Tab
e2e_type "Ngozi-Ọlá"
e2e_keys Escape q
e2e_wait_for "MACA-EXITED-0"

q="SELECT %s FROM answer JOIN agency ON agency.id = answer.agency_id
   JOIN audit_case ON audit_case.id = answer.case_id
   WHERE reference = 'Child A' AND code = '$agency' AND question_id = '%s'"
# shellcheck disable=SC2059
e2e_expect_sql "$(printf "$q" value identification-recognised)" outstanding
# shellcheck disable=SC2059
e2e_expect_sql "$(printf "$q" value identification-referral)" requires-improvement
want=$(printf 'Siân saw Zoë at school.\nŁukasz (teacher) raised it.' | od -An -tx1 | tr -d ' \n' |
	tr a-f A-F)
# shellcheck disable=SC2059
e2e_expect_sql "$(printf "$q" 'hex(evidence)' identification-referral)" "$want"
# shellcheck disable=SC2059
e2e_expect_sql "$(printf "$q" "value || '|' || evidence" identification-front-door)" \
	"not-applicable|Ngozi-Ọlá"
e2e_expect_sql "SELECT count(*) FROM answer JOIN agency ON agency.id = answer.agency_id
	WHERE code = '$agency'" 3
child_a="case_id = (SELECT id FROM audit_case WHERE reference = 'Child A')"
e2e_expect_sql "SELECT DISTINCT author || '|' || source FROM history
	WHERE agency = '$agency' AND $child_a" "Ngozi-Ọlá Test|keyboard"
e2e_expect_sql "SELECT group_concat(field, ',') FROM (SELECT field FROM history
	WHERE agency = '$agency' AND $child_a AND item = 'identification-referral' ORDER BY id)" \
	"answer,evidence"

# A second agency answers the same case: its answers sit beside the first agency's.
e2e_stop
E2E_SOCKET="maca-e2e-$$-second"
e2e_start 80x24
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "Answer Child A as which agency?"
e2e_keys Down Down Down Enter # the fourth agency
second=$(e2e_sql "SELECT code FROM agency ORDER BY position LIMIT 1 OFFSET 3")
second_name=$(e2e_sql "SELECT name FROM agency ORDER BY position LIMIT 1 OFFSET 3")
e2e_wait_for "Child A  ·  $second_name"
e2e_keys i
e2e_wait_for "Evidence required for this grade"
e2e_keys Tab
e2e_type "No notification reached the school (Zoë's class)."
e2e_keys Escape Down
e2e_wait_for "question 2 of 5"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT value || '|' || evidence FROM answer JOIN agency ON agency.id = answer.agency_id
	JOIN audit_case ON audit_case.id = answer.case_id
	WHERE reference = 'Child A' AND code = '$second' AND question_id = 'identification-recognised'" \
	"inadequate|No notification reached the school (Zoë's class)."
# shellcheck disable=SC2059
e2e_expect_sql "$(printf "$q" value identification-recognised)" outstanding

# Ctrl-C and SIGTERM save what is being edited, like q.
for how in C-c TERM; do
	e2e_stop
	E2E_SOCKET="maca-e2e-$$-$how" # a fresh server: no race with the one just killed
	e2e_start 80x24
	e2e_wait_for "SYNTHETIC DEMO"
	e2e_keys Enter
	e2e_wait_for "Audit overview"
	e2e_keys j a
	e2e_wait_for "Answer Child B as which agency?"
	e2e_keys Enter
	e2e_wait_for "Answering"
	e2e_keys Tab End
	e2e_wait_for "Esc/Tab done"
	e2e_type " Zoë $how"
	e2e_wait_for "Zoë $how"
	if [ "$how" = C-c ]; then
		e2e_keys C-c
	else
		pkill -TERM -f "^$E2E_MACA --db $E2E_DB\$" || e2e_fail "no maca process to signal"
	fi
	e2e_wait_for "MACA-EXITED-0"
done
e2e_expect_sql "SELECT evidence LIKE '% Zoë C-c Zoë TERM' FROM answer JOIN agency ON agency.id = answer.agency_id
	JOIN audit_case ON audit_case.id = answer.case_id
	WHERE reference = 'Child B' AND code = 'csc' AND question_id = 'identification-recognised'" 1
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
