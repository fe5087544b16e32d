#!/usr/bin/env bash
# The action tracker in an 80x24 window: close the demo audit through moderation, open the
# tracker from the audits, filter by owner and by due date, then, on the closed audit, change
# an overdue action's status with a progress note; check the action and its history row.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"

# Close the audit: every case marked moderated (the demo has some already), then ! and
# "close".
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys m
for i in 1 2 3 4 5 6; do
	e2e_wait_for "· $i of 6"
	if ! e2e_screen | grep -qF "MODERATED"; then
		e2e_keys +
		# What is not agreed is said first, and marking it all the same confirmed.
		e2e_wait_for "Type y to confirm:"
		e2e_keys y Enter
		e2e_wait_for "MODERATED"
	fi
	e2e_keys ']'
done
e2e_keys '!'
e2e_wait_for "Type close to confirm:"
e2e_type "close"
e2e_keys Enter
e2e_wait_for "the audit is closed"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys Escape
e2e_wait_for "t actions"

# Every audit's actions: the demo's are all due in 2025, so the open ones are overdue.
e2e_keys t
e2e_wait_for "Actions — every audit"
e2e_wait_for "5 shown"
[ "$(e2e_screen | grep -c 'OVERDUE')" = 3 ] || e2e_fail "expected 3 overdue actions"
e2e_screen | grep -q '^ !1.1 ' || e2e_fail "the overdue action 1.1 lacks its ! marker"

# Owners go by name: Children's social care, Health, Police.
e2e_keys o o o
e2e_wait_for "Owner: Police"
e2e_wait_for "2 shown"
e2e_keys w
e2e_wait_for "Due: overdue"
e2e_wait_for "1 shown"
e2e_keys w w w
e2e_wait_for "Due: any"
e2e_wait_for "2 shown"

# 1.1 is selected (due first): In progress -> Done, with a note.
e2e_wait_for "Progress notes for action 1.1"
e2e_keys s
e2e_wait_for "New status for action 1.1?"
e2e_keys Down Enter
e2e_wait_for "Progress note for action 1.1 (In progress -> Done)"
e2e_type "Training delivered to 40 staff; Siân checked 20 PPNs"
e2e_keys Enter
e2e_wait_for "Action 1.1: Done; note saved"
e2e_wait_for "In progress -> Done"
e2e_screen | grep -q 'OVERDUE' && e2e_fail "1.1 is done, yet still marked overdue"
# The help lists the screen's keys from its keymap.
e2e_keys '?'
e2e_wait_for "Keys of Actions"
e2e_wait_for "Change the selected action's status, with a progress note"
e2e_keys Escape
e2e_wait_for "Owner: Police"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"

action=$(e2e_sql "SELECT a.id FROM action a JOIN learning_point l ON l.id = a.learning_point_id WHERE l.number = 1 AND a.position = 1")
e2e_expect_sql "SELECT status FROM audit" closed
e2e_expect_sql "SELECT status FROM action WHERE id = $action" done
e2e_expect_sql "SELECT old_value || '>' || new_value || '|' || reason || '|' || source FROM history WHERE field = 'action-status' AND item = '$action'" \
	"in-progress>done|Training delivered to 40 staff; Siân checked 20 PPNs|keyboard"
e2e_expect_sql "SELECT count(*) FROM history WHERE field = 'action-status'" 1
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
