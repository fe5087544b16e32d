#!/usr/bin/env bash
# Two interfaces on one database: one removes the case the other is answering. The answer
# that can no longer be saved is refused in words that say what happened and what to do, not
# "no case 1"; nothing is written for the removed case.
. "$(dirname "$0")/lib.sh"

M() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
T() { tmux -L "$E2E_SOCKET" "$@"; }

# on SESSION wait TEXT: like e2e_wait_for, on the named session's screen.
wait_on() {
	local i
	for i in $(seq 1 100); do
		T capture-pane -p -t "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	echo "--- $1 ---" >&2
	T capture-pane -p -t "$1" >&2
	e2e_fail "timed out waiting on $1 for: $2"
}

M new domestic-abuse "Spring audit" --agencies csc,police >/dev/null
M case add 1 "Child A" >/dev/null
M case add 1 "Child B" >/dev/null

T -f /dev/null new-session -d -s one -x 80 -y 24 "'$E2E_MACA' --db '$E2E_DB'; echo MACA-EXITED-\$?; sleep 30"
T new-session -d -s two -x 80 -y 24 "'$E2E_MACA' --db '$E2E_DB'; echo MACA-EXITED-\$?; sleep 30"
wait_on one "Spring audit"
wait_on two "Spring audit"
# One answers Child A...
T send-keys -t one Enter
wait_on one "Audit overview"
T send-keys -t one a
wait_on one "as which agency?"
T send-keys -t one Enter
wait_on one "question 1 of"
wait_on one "Child A"
# ...while the other removes it.
T send-keys -t two Enter
wait_on two "Audit overview"
T send-keys -t two c
wait_on two "Child B"
T send-keys -t two x
wait_on two "Type its reference to confirm"
T send-keys -t two -l "Child A"
T send-keys -t two Enter
wait_on two 'Removed case "Child A"'
# The first grades and moves on: refused, saying why and what to do.
T send-keys -t one g Down
wait_on one "case 1 was removed, perhaps by another maca; quit and reopen maca"
wait_on one "question 1 of"
T send-keys -t one q
wait_on one "q again quits WITHOUT this edit"
T send-keys -t one q
wait_on one "MACA-EXITED-1"
wait_on one "the edit in progress was not saved: case 1 was removed"
T send-keys -t two q
wait_on two "MACA-EXITED-0"
e2e_expect_sql "SELECT group_concat(reference) FROM audit_case" "Child B"
e2e_expect_sql "SELECT count(*) FROM answer" 0
e2e_expect_sql "PRAGMA foreign_key_check" ""
e2e_pass
