#!/usr/bin/env bash
# kill -9 while typing: every answer that had been moved past is in the database afterwards,
# the one being typed may be lost (it was never reported saved), and the database passes
# PRAGMA integrity_check. Repeated a few times at different moments. Last, evidence finished
# with Esc (the editor closed, the question not left) survives a kill -9.
. "$(dirname "$0")/lib.sh"

answer_until_killed() {
	local round=$1
	e2e_keys a
	e2e_wait_for "as which agency?"
	e2e_keys Enter
	e2e_wait_for "Answering"
	# Move to question 1 of the case's first section, then grade three questions, moving past
	# each: those three are saved.
	e2e_keys Home
	for key in g r i; do
		e2e_keys "$key"
		e2e_keys Down
	done
	e2e_wait_for "question 4 of"
	# Start typing evidence on the fourth and kill maca mid-word, without moving on.
	e2e_keys Tab
	e2e_type "Round $round: typed but never moved pa"
	pkill -KILL -f "^$E2E_MACA --db $E2E_DB\$" || e2e_fail "no maca to kill"
	# A kill mid-redraw can leave the terminal inside an escape sequence, so watch the
	# process, not the screen.
	local i
	for i in $(seq 1 100); do
		pgrep -f "^$E2E_MACA --db $E2E_DB\$" >/dev/null || break
		sleep 0.1
	done
	pgrep -f "^$E2E_MACA --db $E2E_DB\$" >/dev/null && e2e_fail "maca survived kill -9"
	e2e_stop
}

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys Enter
e2e_wait_for "Audit overview"
agency=$(e2e_sql "SELECT code FROM agency ORDER BY position LIMIT 1")
case_id=$(e2e_sql "SELECT id FROM audit_case ORDER BY position LIMIT 1")

for round in 1 2 3; do
	answer_until_killed "$round"
	e2e_expect_sql "PRAGMA integrity_check" ok
	# The three graded questions were moved past: saved, with their grades.
	got=$(e2e_sql "SELECT count(*) FROM answer w JOIN agency g ON g.id = w.agency_id WHERE w.case_id = $case_id AND g.code = '$agency' AND w.value IN ('good', 'requires-improvement', 'inadequate')")
	[ "$got" -ge 3 ] || e2e_fail "round $round: only $got of the answers moved past are saved"
	e2e_start 80x24
	e2e_wait_for "SYNTHETIC DEMO"
	e2e_keys Enter
	e2e_wait_for "Audit overview"
done

# Esc leaves the editor and saves: once the footer shows the question's keys again, the text
# is in the database, and a kill -9 does not take it.
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "Answering"
e2e_keys Home
e2e_keys Tab
e2e_wait_for "Esc/Tab done"
e2e_type "Finished with Esc before the kill"
e2e_keys Escape
e2e_wait_for "Tab edit"
pkill -KILL -f "^$E2E_MACA --db $E2E_DB\$" || e2e_fail "no maca to kill"
for i in $(seq 1 100); do
	pgrep -f "^$E2E_MACA --db $E2E_DB\$" >/dev/null || break
	sleep 0.1
done
e2e_stop
e2e_expect_sql "PRAGMA integrity_check" ok
got=$(e2e_sql "SELECT count(*) FROM answer w JOIN agency g ON g.id = w.agency_id WHERE w.case_id = $case_id AND g.code = '$agency' AND w.evidence LIKE '%Finished with Esc before the kill%'")
[ "$got" = 1 ] || e2e_fail "evidence finished with Esc was lost to kill -9 ($got rows hold it)"

e2e_start 80x24
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
