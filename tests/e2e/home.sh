#!/usr/bin/env bash
# Home screen end to end: empty database, demo audit, help, delete by typed title, resize,
# quit; then the database is checked row by row.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits in this database yet"
e2e_wait_for "d  create a SYNTHETIC demo audit"

# The demo audit appears, plainly marked.
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_wait_for "Created a SYNTHETIC demo audit"
e2e_expect_sql "SELECT count(*) FROM audit" 1
e2e_expect_sql "SELECT count(*) FROM audit_case" 6
# A second d asks before adding a demo that differs only in its number.
e2e_keys d
e2e_wait_for "The demo is here already (audit 1)"
e2e_keys Escape
e2e_expect_sql "SELECT count(*) FROM audit" 1

# Help lists the keys of Home, from the same table that binds them.
e2e_keys '?'
e2e_wait_for "Keys of Audits"
e2e_wait_for "Create the SYNTHETIC demo audit"
e2e_wait_for "Quit maca (everything is already saved)"
e2e_keys Escape
e2e_wait_for "Answers given"

# Too small: a message, not garbage; larger again: the list is back.
e2e_resize 60x20
e2e_wait_for "maca needs a window of at least 80x24"
e2e_resize 80x24
e2e_wait_for "Answers given"

# The overview: cases as rows, sections as columns, readable without colour.
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_wait_for "Child F"
e2e_wait_for "Section 1:"
e2e_wait_for "G Good"
e2e_keys Right Right
e2e_wait_for "Section 3:"
e2e_keys Escape
e2e_wait_for "Answers given"

# Deleting asks for the title; a wrong one deletes nothing.
e2e_keys D
e2e_wait_for "Type its title to confirm:"
e2e_type "wrong title"
e2e_keys Enter
e2e_wait_for "nothing was changed"
e2e_expect_sql "SELECT count(*) FROM audit" 1
# The title as an ordinary keyboard types it: a hyphen for its em dash.
e2e_keys D
e2e_wait_for "Type its title to confirm:"
e2e_type "SYNTHETIC DEMO - Domestic abuse audit"
e2e_keys Enter
e2e_wait_for "Deleted the audit"
e2e_wait_for "There are no audits in this database yet"
e2e_expect_sql "SELECT count(*) FROM audit" 0
e2e_expect_sql "SELECT count(*) FROM answer" 0

e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
