#!/usr/bin/env bash
# A re-audit in an 80x24 window: an audit on the domestic abuse theme with an inadequate
# agreed grade and an action; the action is done; a re-audit is started through the form
# ("Re-audit of"), graded good; the then-and-now screen and `maca compare` show the change.
. "$(dirname "$0")/lib.sh"

maca() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
maca new domestic-abuse "DA audit spring" --date 2025-03-01 >/dev/null
maca case add 1 "Child A" >/dev/null

e2e_start 80x24
e2e_wait_for "DA audit spring"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys m
e2e_wait_for "Child A · 1 of 1"
e2e_keys i
e2e_wait_for "Agreed: I Inadequate"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys L
e2e_wait_for "Learning"
e2e_keys a
e2e_wait_for "Learning point"
e2e_type "Abuse not named in referrals"
e2e_keys Tab Tab Tab Tab Space # sections: the first, identification
e2e_keys C-o
e2e_wait_for "Abuse not named in referrals"
e2e_keys A
e2e_wait_for "Action"
e2e_type "Coercive control training for call handlers"
e2e_keys F2
e2e_wait_for "Coercive control training"
e2e_wait_for "Not started"
# Follow-up between the audits: in progress, then done.
e2e_keys s
e2e_wait_for "In progress"
e2e_keys s
e2e_wait_for "Done"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys C
e2e_wait_for "not a re-audit"
e2e_keys Escape
e2e_wait_for "DA audit spring"

# The re-audit, through the new-audit form.
e2e_keys a
e2e_wait_for "Create an audit from which template?"
e2e_keys Enter
e2e_wait_for "Audit details"
e2e_type "DA re-audit autumn"
e2e_keys Tab Tab Tab Tab Space # template, theme, partnership; the first agency takes part
e2e_keys Tab Tab Tab Tab # past chair, date, background
e2e_wait_for "DA audit spring (2025-03-01)"
e2e_keys Space C-o
e2e_wait_for "Created audit 2"
e2e_keys End Enter
e2e_wait_for "a re-audit: C compares"
e2e_keys c a
e2e_wait_for "Case reference"
e2e_type "Child B"
e2e_keys F2
e2e_wait_for "Added the case"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys m
e2e_wait_for "Child B · 1 of 1"
e2e_keys g
e2e_wait_for "Agreed: G Good"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys C
e2e_wait_for "Then and now: compared with the earlier audit"
e2e_wait_for "• Then: DA audit spring (2025-03-01)"
e2e_wait_for "Responding at the                4.0          2.0  ^ better"
e2e_keys PgDn
e2e_wait_for "Voice of the child                 –            –  ? not known"
e2e_keys End
e2e_wait_for "Done: Coercive control training for call handlers"
e2e_keys Escape
e2e_wait_for "Audit overview"
# The re-audit's Learning screen shows the earlier audit's learning alongside, with b.
e2e_keys L
e2e_wait_for "b earlier"
e2e_keys b
e2e_wait_for "Earlier audit 1, DA audit spring: its learning (read-only)"
e2e_wait_for "Learning Point 1: Abuse not named in referrals"
e2e_wait_for "1.1 Coercive control training for call handlers: Done"
e2e_keys b
e2e_wait_for "Earlier learning hidden"
e2e_screen | grep -qF "Earlier audit 1" && e2e_fail "the earlier learning is still shown"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"

e2e_expect_sql "SELECT a.reaudit_of = e.uuid FROM audit a, audit e WHERE a.id = 2 AND e.id = 1" 1
e2e_expect_sql "SELECT count(*) FROM history WHERE audit_id = 2 AND field = 'audit-reaudit-of'" 1
e2e_expect_sql "SELECT count(*) FROM history WHERE field = 'action-status' AND new_value = 'done'" 1

maca list | grep -qxF "$(printf '2\tDA re-audit autumn\tdomestic-abuse v1\t1 case\tdraft\tre-audit of 1')" ||
	e2e_fail "maca list does not say audit 2 re-audits audit 1"

out=$(maca compare 1 2)
for want in "| Responding at the point of identification | 4.0 | 2.0 | ^ better | same questions |" \
	"  Good                             0                1 #            ^ 0 -> 1" \
	"  Inadequate                       1 #              0              v 1 -> 0" \
	"Actions done: 1 of 1 (100%)" \
	"   - Done: Coercive control training for call handlers"; do
	printf '%s\n' "$out" | grep -qF -- "$want" || e2e_fail "maca compare lacks: $want"
done
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
