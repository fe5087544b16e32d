#!/usr/bin/env bash
# Write faults in the interface. Under a file size limit (as a full disk behaves): the failed
# automatic backup is a warning on the status line and maca opens all the same; a grade and
# evidence that cannot be saved stay on screen with the reason on the status line; Esc does
# not leave them behind; q asks again; after quitting, the terminal works and says the edit
# was lost; nothing saved before is lost. A read-only database is refused at once, plainly.
. "$(dirname "$0")/lib.sh"

content() {
	e2e_sql "SELECT count(*), group_concat(question_id || value || evidence) FROM answer"
}

# start_limited BYTES: maca under a file size limit; maca itself ignores SIGXFSZ.
start_limited() {
	tmux -L "$E2E_SOCKET" -f /dev/null new-session -d -x 80 -y 24 \
		"prlimit --fsize=$1 -- '$E2E_MACA' --db '$E2E_DB'; echo MACA-EXITED-\$?; sleep 30"
	e2e_wait_for "maca"
}

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_stop
before=$(content)
rm -rf "$E2E_DIR/backups"

# Room for SQLite's shared memory file, not for a backup of the database.
start_limited 65536
e2e_wait_for "automatic backup failed"
e2e_wait_for "SYNTHETIC DEMO"
pid=$(pgrep -f "^$E2E_MACA --db $E2E_DB\$") || e2e_fail "no maca running"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "Answering"
# Now no room at all: the next save fails.
prlimit --pid "$pid" --fsize=1024
e2e_keys End
e2e_wait_for "prompt 3 of 3"
e2e_keys Home
e2e_wait_for "question 1 of"
e2e_keys i Tab
e2e_type "Typed, disk full"
e2e_keys Tab Down
e2e_wait_for "could not write the database"
e2e_wait_for "Typed, disk full"
e2e_wait_for "Grade: Inadequate"
e2e_wait_for "question 1 of"
e2e_keys Escape
e2e_wait_for "could not write the database"
e2e_wait_for "Answering"
e2e_keys q
e2e_wait_for "q again quits WITHOUT this edit"
e2e_wait_for "Typed, disk full"
e2e_keys q
e2e_wait_for "MACA-EXITED-1"
# The terminal is back: the shell's output and maca's last word are on the screen.
e2e_wait_for "the edit in progress was not saved"
e2e_stop
e2e_expect_sql "PRAGMA integrity_check" ok
[ "$(content)" = "$before" ] || e2e_fail "the answers changed"

# A read-only database: refused at once, in plain words. Root writes through permissions,
# so as root maca runs as nobody.
chmod 0400 "$E2E_DB"
run_as=""
if [ "$(id -u)" -eq 0 ]; then
	chown -R 65534:65534 "$E2E_DIR"
	run_as="setpriv --reuid=65534 --regid=65534 --clear-groups --"
fi
tmux -L "$E2E_SOCKET" -f /dev/null new-session -d -x 80 -y 24 \
	"$run_as '$E2E_MACA' --db '$E2E_DB'; echo MACA-EXITED-\$?; sleep 30"
e2e_wait_for "MACA-EXITED-1"
e2e_wait_for "is read-only"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
