#!/usr/bin/env bash
# The room view (maca room) beside the chair's maca, in two windows of one tmux server: it
# follows three moves of the chair within a couple of seconds, shows the case summary only
# while the chair shows it, and the agreed answer once set. Run alone, it leaves the database
# file's bytes as they were (checksum) and makes no backup.
. "$(dirname "$0")/lib.sh"

T() { tmux -L "$E2E_SOCKET" "$@"; }
room_screen() { T capture-pane -p -t room; }
chair_screen() { T capture-pane -p -t chair; }
chair_keys() { T send-keys -t chair "$@"; }

# wait_in WHO SECONDS TEXT: waits up to SECONDS for TEXT on WHO's screen (room or chair).
wait_in() {
	local who=$1 secs=$2 text=$3 i
	for i in $(seq 1 $((secs * 10))); do
		if "${who}_screen" | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
	done
	echo "--- $who ---" >&2
	"${who}_screen" >&2
	e2e_fail "$who: not within ${secs}s: $text"
}
gone_in() {
	local who=$1 secs=$2 text=$3 i
	for i in $(seq 1 $((secs * 10))); do
		if ! "${who}_screen" | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
	done
	e2e_fail "$who: still there after ${secs}s: $text"
}
start() { # start NAME SIZE ARGS...: maca in a window of its own
	local name=$1 size=$2
	shift 2
	T -f /dev/null new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
		"'$E2E_MACA' --db '$E2E_DB' $*; echo MACA-EXITED-\$?; sleep 30"
}
backups() { find "$E2E_DIR" -name '*.db' -path '*backup*' | wc -l; }

# The demo, with a confidential summary on Child A's case.
start chair 80x24
wait_in chair 10 "There are no audits"
chair_keys d
wait_in chair 10 "SYNTHETIC DEMO"
chair_keys Enter
wait_in chair 5 "Audit overview"
chair_keys c
wait_in chair 5 "Child A"
chair_keys Enter
wait_in chair 5 "Case summary"
chair_keys Tab Tab Tab Tab
T send-keys -t chair -l "CONFIDENTIAL: mother left in March with the two younger children."
chair_keys F2
wait_in chair 5 "Saved"
chair_keys q
wait_in chair 10 "MACA-EXITED-0"
T kill-session -t chair
e2e_expect_sql "SELECT summary FROM audit_case WHERE reference = 'Child A'" \
	"CONFIDENTIAL: mother left in March with the two younger children."

# The room alone: read-only, the file untouched, no backup made.
before=$(sha256sum "$E2E_DB" | cut -d' ' -f1)
[ "$(backups)" -gt 0 ] || e2e_fail "the chair's maca made no backup to compare with"
rm -rf "$(dirname "$E2E_DB")/backups" # today's is made once a day: the room must make none
nbackups=$(backups)
start room 80x24 room
wait_in room 10 "maca room — SYNTHETIC DEMO"
wait_in room 5 "Child A · 1 of 6"
sleep 2.5 # a few polls
T send-keys -t room C-c # Ctrl-C quits as q does
wait_in room 5 "MACA-EXITED-0"
T kill-session -t room
after=$(sha256sum "$E2E_DB" | cut -d' ' -f1)
[ "$before" = "$after" ] || e2e_fail "the room view changed the database file ($before -> $after)"
[ "$(backups)" = "$nbackups" ] || e2e_fail "the room view made a backup"
[ ! -s "$E2E_DB-wal" ] || e2e_fail "the room view wrote to the write-ahead log"

# The chair and the room together.
start chair 80x24
start room 80x24 room 1
wait_in chair 10 "SYNTHETIC DEMO"
wait_in room 10 "Child A · 1 of 6"
chair_keys Enter
wait_in chair 5 "Audit overview"
chair_keys Down Down m # Child C
wait_in chair 5 "Child C · 3 of 6"
wait_in room 3 "Child C · 3 of 6"
wait_in room 3 "question 1 of 5"
# Three moves; each seen in the room within two seconds or so.
chair_keys Down
wait_in chair 2 "question 2 of 5"
wait_in room 3 "question 2 of 5"
wait_in room 3 "2. Did the referral set out clearly"
chair_keys ']'
wait_in chair 2 "Child D · 4 of 6"
wait_in room 3 "Child D · 4 of 6"
chair_keys Right
wait_in chair 2 "Section 2 of 9 · question 1 of 5"
wait_in room 3 "Section 2 of 9 · question 1 of 5"
wait_in room 3 "1. Did the assessment consider the whole of the child's life"
# Each agency by name, with its answer in words.
wait_in room 3 "Children's social care — "
wait_in room 3 "Police — "
# The agreed answer once set.
chair_keys g
wait_in chair 2 "Agreed: G Good"
wait_in room 3 "Agreed: G Good"

# The summary only while the chair shows it.
chair_keys '[' '[' '[' # Child A
wait_in room 3 "Child A · 1 of 6"
room_screen | grep -qF "CONFIDENTIAL" && e2e_fail "the room shows a summary the chair did not"
chair_keys '~'
wait_in chair 2 "The case summary is shown here and in the room view"
wait_in room 3 "Summary: CONFIDENTIAL: mother left in March"
chair_keys '~'
gone_in room 3 "CONFIDENTIAL"
e2e_expect_sql "SELECT show_summary FROM chair_place" 0

# A key pressed in the room's window (a chair's habit: g, Enter) does nothing and says so,
# until the next key; the room still follows.
T send-keys -t room g
wait_in room 3 "'g' does nothing here: this window follows the chair's maca"
T send-keys -t room Enter
wait_in room 3 "'Enter' does nothing here"
T send-keys -t room Down
gone_in room 3 "does nothing here"
wait_in room 3 "arrows scroll"
room_screen | grep -qF "Child A · 1 of 6" || e2e_fail "the room stopped following after a wrong key"
T send-keys -t room q
wait_in room 5 "MACA-EXITED-0"
chair_keys q
wait_in chair 5 "MACA-EXITED-0"
e2e_expect_sql "SELECT count(*) FROM chair_place" 1
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
