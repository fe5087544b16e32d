#!/usr/bin/env bash
# maca restore while another maca has the database open: refused, whatever the other one is
# doing or has done. The interface idle on the answering screen after taking the day's first
# automatic backup (what once let the restore through and lost every answer typed after it),
# and a command waiting with the database open; allowed again once they have gone, even by
# kill -9. Other commands coming and going meanwhile leave the interface's answers in the file.
. "$(dirname "$0")/lib.sh"

M() { "$E2E_MACA" --db "$E2E_DB" "$@"; }

# expect_refused: maca restore says the database is in use and leaves it alone.
expect_refused() {
	local before kept got=0
	before=$(e2e_sql "SELECT count(*) FROM answer")
	kept=$(find "$E2E_DIR/backups" -name 'maca-replaced-*' | wc -l)
	M restore "$E2E_DIR/bk1.db" >"$E2E_DIR/out" 2>"$E2E_DIR/err" || got=$?
	[ "$got" = 1 ] || e2e_fail "restore: exit $got, want 1: $(cat "$E2E_DIR/out" "$E2E_DIR/err")"
	grep -qF "is open in another maca" "$E2E_DIR/err" ||
		e2e_fail "restore said: $(cat "$E2E_DIR/err")"
	grep -qF "nothing was restored" "$E2E_DIR/err" || e2e_fail "restore said: $(cat "$E2E_DIR/err")"
	[ "$(e2e_sql "SELECT count(*) FROM answer")" = "$before" ] || e2e_fail "the database changed"
	[ "$(find "$E2E_DIR/backups" -name 'maca-replaced-*' | wc -l)" = "$kept" ] ||
		e2e_fail "a replaced copy was kept: the database was replaced"
}

maca_pid() {
	pgrep -f "^$E2E_MACA --db $E2E_DB\$"
}

M new domestic-abuse "Spring audit" --agencies csc,police >/dev/null
M case add 1 "Child A" >/dev/null
M backup -o "$E2E_DIR/bk1.db" >/dev/null
# No backup from the last day: the interface takes one as it opens (the morning's first).
rm -rf "$E2E_DIR/backups"

e2e_start 80x24
e2e_wait_for "Spring audit"
# Taken once the first frame is drawn, while the keyboard rests.
for i in $(seq 1 100); do
	[ -n "$(find "$E2E_DIR/backups" -name 'maca-2*.db' 2>/dev/null)" ] && break
	sleep 0.1
done
[ -n "$(find "$E2E_DIR/backups" -name 'maca-2*.db')" ] || e2e_fail "no automatic backup"
e2e_answer_first "Spring audit"
# Idle on the answering screen.
expect_refused
# Another command opens and closes: the interface's write-ahead log stays where it is...
M list >/dev/null
[ -e "$E2E_DB-wal" ] || e2e_fail "the write-ahead log was deleted under the interface"
expect_refused
# ...so what the interface saves now is in the file every other maca reads.
e2e_keys g Down
e2e_wait_for "question 2 of"
e2e_expect_sql "SELECT count(*) FROM answer WHERE value = 'good'" 1
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_stop

# A command waiting with the database open (for its passphrase, from a pipe that stays
# silent): refused the same.
mkfifo "$E2E_DIR/passphrase"
MACA_PASSPHRASE_FD=3 "$E2E_MACA" --db "$E2E_DB" export pack 1 --agency police --encrypt \
	-o "$E2E_DIR/pack.maca" 3<"$E2E_DIR/passphrase" >/dev/null 2>&1 &
export_pid=$!
exec 5>"$E2E_DIR/passphrase"
for i in $(seq 1 100); do
	ls -l "/proc/$export_pid/fd" 2>/dev/null | grep -qF "$E2E_DB.lock" && break
	sleep 0.1
done
ls -l "/proc/$export_pid/fd" | grep -qF "$E2E_DB.lock" || e2e_fail "the export does not have it open"
expect_refused
exec 5>&- # no passphrase after all: the export gives up
wait "$export_pid" && e2e_fail "the export went ahead without a passphrase"

# Nobody has it open: restored, the replaced database kept.
M restore "$E2E_DIR/bk1.db" >"$E2E_DIR/out" || e2e_fail "restore with nothing else open"
grep -qF "kept as" "$E2E_DIR/out" || e2e_fail "restore said: $(cat "$E2E_DIR/out")"
e2e_expect_sql "SELECT count(*) FROM answer" 0
kept=$(find "$E2E_DIR/backups" -name 'maca-replaced-*.db')
[ "$(sqlite3 "$kept" "SELECT count(*) FROM answer")" = 1 ] || e2e_fail "the kept copy lost the answer"

# The interface killed with -9: nothing it left behind blocks the next restore.
e2e_start 80x24
e2e_wait_for "Spring audit"
expect_refused
kill -KILL "$(maca_pid)"
for i in $(seq 1 100); do
	maca_pid >/dev/null || break
	sleep 0.1
done
maca_pid >/dev/null && e2e_fail "maca survived kill -9"
e2e_stop
[ "$(stat -c %a "$E2E_DB.lock")" = 600 ] || e2e_fail "the lock file is not private"
M restore "$E2E_DIR/bk1.db" >/dev/null || e2e_fail "restore after kill -9"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
