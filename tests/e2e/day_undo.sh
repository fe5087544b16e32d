#!/usr/bin/env bash
# Found running an audit day at the keyboard: on Learning, an action's status changed and its
# learning point deleted, u says once that the change cannot be undone and then undoes the
# change before (it used to say "no action 6" for ever); in moderation, undoing the moderated
# mark names the mark; in the tracker, an empty progress note asks again, keeping the status
# picked, and Esc cancels saying the status stays.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_demo_overview
e2e_keys L
e2e_wait_for "Learning"
# Learning point 1 moved down: the change before.
e2e_keys Down Down Down J
e2e_wait_for "Now learning point 2"
# Learning point 3's first action: s s u leaves one status change to undo.
e2e_keys Down Down Down Down
e2e_keys s s u
e2e_wait_for "Undone: the status of action 3.1"
e2e_keys Up x
e2e_wait_for "Type y to confirm:"
e2e_keys y Enter
e2e_wait_for "Deleted"
e2e_keys u
e2e_wait_for "Cannot be undone: the status of action 3.1, as the action was deleted"
e2e_keys u
e2e_wait_for "Undone: the place of learning point"
e2e_expect_sql "SELECT number FROM learning_point WHERE title = 'Name coercive control from the first contact'" 1
e2e_keys u
e2e_wait_for "Nothing to undo"

# Moderation on Child C: the mark undone is named as the mark.
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys Down Down m
e2e_wait_for "Child C · 3 of 6"
e2e_keys +
e2e_wait_for "Type y to confirm:"
e2e_keys y Enter
e2e_wait_for "MODERATED"
e2e_keys u
e2e_wait_for "Undone: the MODERATED mark on Child C"
e2e_keys Escape
e2e_wait_for "Audit overview"

# The tracker: a status picked, the note left empty, asked again; Esc cancels.
status="SELECT status FROM action a JOIN learning_point l ON l.id = a.learning_point_id
   WHERE l.number = 1 AND a.position = 2"
was=$(e2e_sql "$status")
e2e_keys t
e2e_wait_for "Progress notes for action 1.2"
e2e_keys s
e2e_wait_for "New status for action 1.2?"
e2e_keys End Enter
e2e_wait_for "Note:"
e2e_keys Enter
e2e_wait_for "A progress note is needed."
e2e_wait_for "(Done -> Cannot be"
e2e_keys Escape
e2e_wait_for "Cancelled: action 1.2 stays"
e2e_expect_sql "$status" "$was"
# Again, and this time the note is typed after the empty Enter: both are saved.
e2e_keys s
e2e_wait_for "New status for action 1.2?"
e2e_keys End Enter
e2e_wait_for "Note:"
e2e_keys Enter
e2e_wait_for "A progress note is needed."
e2e_type "No budget this year"
e2e_keys Enter
e2e_wait_for "Cannot be done; note saved"
e2e_expect_sql "$status" cannot-be-done
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
