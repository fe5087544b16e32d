#!/usr/bin/env bash
# The interface's automatic backup is taken after the first frame, a few pages at a time while
# the keyboard rests, and still before the first change of the day: an answer saved at once,
# while the copy of a database of some tens of MB may still be under way, is in the database
# and not in the backup. The backup is checked and placed as ever (0600, whole, nothing left
# behind), and maca quits with it in place.
. "$(dirname "$0")/lib.sh"

M() { "$E2E_MACA" --db "$E2E_DB" "$@"; }

M new domestic-abuse "Spring audit" --agencies csc,police >/dev/null
M case add 1 "Child A" >/dev/null
# History enough that the copy takes many steps: 40 MB of old rows.
e2e_sql "INSERT INTO history_log (audit_id, field, new_value, at, author, source)
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
	SELECT 1, 'filler', hex(randomblob(1000)), '2026-01-01', 'e2e', 'e2e' FROM n" >/dev/null
rm -rf "$E2E_DIR/backups"

e2e_start 80x24
e2e_answer_first "Spring audit"
e2e_keys g
e2e_wait_for "Grade: Good"
e2e_keys Down
e2e_wait_for "Answered 1/"
e2e_keys q q
e2e_wait_for "MACA-EXITED-0"
e2e_stop

backup=$(find "$E2E_DIR/backups" -name 'maca-2*.db')
[ "$(printf '%s\n' "$backup" | grep -c .)" = 1 ] || e2e_fail "backups: $(ls -la "$E2E_DIR/backups")"
[ -z "$(find "$E2E_DIR/backups" -name '*.tmp*')" ] || e2e_fail "left behind: $(ls "$E2E_DIR/backups")"
[ "$(stat -c %a "$backup")" = 600 ] || e2e_fail "the backup is not private"
[ "$(sqlite3 "$backup" 'PRAGMA quick_check')" = ok ] || e2e_fail "the backup fails quick_check"
[ "$(sqlite3 "$backup" "SELECT count(*) FROM history WHERE field = 'filler'")" = 20000 ] ||
	e2e_fail "the backup is not whole"
# Taken before the answer: the answer is in the database only.
[ "$(sqlite3 "$backup" 'SELECT count(*) FROM answer')" = 0 ] || e2e_fail "the backup holds the answer"
e2e_expect_sql "SELECT value FROM answer" "good"
e2e_pass
