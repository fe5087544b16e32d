#!/usr/bin/env bash
# Nothing is discarded without asking (issue 17, item 3): q in help closes help; Ctrl-C saves
# as leaving does or asks; a form with unsaved text is never closed without asking, in a
# window too small to show it too.
. "$(dirname "$0")/lib.sh"

"$E2E_MACA" --db "$E2E_DB" new domestic-abuse "Keys audit" >/dev/null

e2e_start 80x24
e2e_wait_for "Keys audit"
# q in help closes help; maca stays.
e2e_keys '?'
e2e_wait_for "Keys of Audits"
e2e_keys q
e2e_wait_for "Enter open"
e2e_wait_gone "Keys of Audits"

# A case form with text typed: Ctrl-C asks; Esc there keeps editing, the text intact.
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys c
e2e_wait_for "No cases yet"
e2e_keys a
e2e_wait_for "Case reference"
e2e_type "Child Zoë"
e2e_keys C-c
e2e_wait_for "The form holds changes not saved yet. Quit?"
e2e_keys Escape
e2e_wait_gone "Quit?"
e2e_wait_for "Child Zoë"

# The window shrinks below 80x24: q neither quits nor drops the form.
e2e_resize 60x20
e2e_wait_for "it holds changes not saved yet"
e2e_keys q
e2e_keys C-c
sleep 0.5
e2e_screen | grep -q MACA-EXITED && e2e_fail "quit from a too-small window over a changed form"
e2e_resize 80x24
e2e_wait_for "Child Zoë"
e2e_expect_sql "SELECT count(*) FROM audit_case" 0

# Ctrl-C again, and this time save the form, then quit.
e2e_keys C-c
e2e_wait_for "Save the form, then quit"
e2e_keys Up Up Enter
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT reference FROM audit_case" "Child Zoë"

# Quitting without the form is a choice too, and so is a kill -INT from outside.
e2e_stop
e2e_start 80x24
e2e_wait_for "Keys audit"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys c
e2e_wait_for "Child Zoë"
e2e_keys a
e2e_wait_for "Case reference"
e2e_type "Child Y"
e2e_wait_for "Child Y" # a signal is no key: it can overtake the text still to be read
pkill -INT -f "^$E2E_MACA --db $E2E_DB\$" || e2e_fail "no maca process to signal"
e2e_wait_for "Quit without saving the form"
e2e_keys Up Enter
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT count(*) FROM audit_case" 1
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
