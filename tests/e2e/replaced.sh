#!/usr/bin/env bash
# Another program replaces or removes the database file under the interface (mv, rm): the
# interface notices, even while the keyboard rests, says so on the status line, saves nothing
# more (a save would go into a file no longer there, and be lost without a word), and keeps
# what was typed on screen. Everything saved before is in the file that was moved away.
. "$(dirname "$0")/lib.sh"

M() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
SAID="not saved: another program replaced or removed the database"

M new domestic-abuse "Spring audit" --agencies csc,police >/dev/null
M case add 1 "Child A" >/dev/null
M backup -o "$E2E_DIR/other.db" >/dev/null

e2e_start 80x24
e2e_answer_first "Spring audit"
e2e_keys g Down
e2e_wait_for "question 2 of"
e2e_expect_sql "SELECT count(*) FROM answer" 1

# From outside: the database moved away, another file moved into its place.
mv "$E2E_DB" "$E2E_DIR/moved.db"
mv "$E2E_DIR/other.db" "$E2E_DB"
# Nothing typed yet: the interface says so by itself.
e2e_wait_for "$SAID"
e2e_keys r Tab
e2e_type "Typed after the swap"
e2e_keys Tab Down
# Not saved, and not moved on: the edit is still there, and the status says why.
e2e_wait_for "$SAID"
e2e_wait_for "Typed after the swap"
e2e_wait_for "question 2 of"
e2e_keys Down
e2e_wait_for "$SAID"
e2e_wait_for "question 2 of"
# Quitting says what is lost, as for any edit that cannot be saved.
e2e_keys q
e2e_wait_for "q again quits WITHOUT this edit"
e2e_keys q
e2e_wait_for "MACA-EXITED-1"
e2e_wait_for "the edit in progress was not saved"
e2e_stop
# The answer saved before the swap is in the file moved away; the edit after it is nowhere.
[ "$(sqlite3 "$E2E_DIR/moved.db" "SELECT group_concat(value) FROM answer")" = good ] ||
	e2e_fail "the answer saved before the swap is not in the moved file"
e2e_expect_sql "SELECT count(*) FROM answer" 0
for db in "$E2E_DB" "$E2E_DIR/moved.db"; do
	[ "$(sqlite3 "$db" "SELECT count(*) FROM answer WHERE evidence LIKE 'Typed after%'")" = 0 ] ||
		e2e_fail "$db holds the edit the interface said was not saved"
	[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || e2e_fail "$db is damaged"
done

# Removed outright, with the interface resting on the audit list.
e2e_start 80x24
e2e_wait_for "Spring audit"
rm "$E2E_DB"
e2e_wait_for "$SAID"
e2e_keys a
e2e_wait_for "$SAID"
e2e_keys Escape q
e2e_wait_for "MACA-EXITED-"
e2e_pass
