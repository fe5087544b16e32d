#!/usr/bin/env bash
# Ctrl-C and SIGTERM restore the terminal and keep what was saved.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys C-c
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT count(*) FROM audit" 1
e2e_expect_sql "PRAGMA integrity_check" ok

# SIGTERM from outside, with maca waiting for a key.
e2e_stop
e2e_start 80x24
e2e_wait_for "SYNTHETIC DEMO"
pkill -TERM -f "^$E2E_MACA --db $E2E_DB\$" || e2e_fail "no maca process to signal"
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT count(*) FROM audit" 1
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
