#!/usr/bin/env bash
# A really full disk (ENOSPC), not a simulated one: the database lives on a small tmpfs,
# mounted in a private mount namespace, that a filler file fills up. The command line and
# the interface must say the disk is full, keep everything saved before, leave the terminal
# working, and save again once there is room. Needs root (mount); otherwise SKIPPED (77).
set -eu

SKIP=77
if [ -z "${MACA_DISKFULL_NS:-}" ]; then
	if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null ||
		! unshare -m --propagation private true 2>/dev/null; then
		echo "SKIPPED: diskfull.sh needs root and mount namespaces (unshare -m)"
		exit "$SKIP"
	fi
	MACA_DISKFULL_NS=1 exec unshare -m --propagation private -- "$0" "$@"
fi

. "$(dirname "$0")/lib.sh"

FS="$E2E_DIR/fs"
mkdir -p "$FS"
if ! mount -t tmpfs -o size=3m,mode=0700 tmpfs "$FS" 2>/dev/null; then
	echo "SKIPPED: diskfull.sh cannot mount a tmpfs here"
	exit "$SKIP"
fi
# The namespace ends with its last process (tmux's server included), and the mount with it;
# unmount anyway, before lib.sh removes the directory.
diskfull_cleanup() {
	tmux -L "$E2E_SOCKET" kill-server 2>/dev/null || true
	for m in "$E2E_DIR/out-fs" "$FS"; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
	e2e_cleanup
}
trap diskfull_cleanup EXIT

E2E_DB="$FS/maca.db"
M() { "$E2E_MACA" --db "$E2E_DB" "$@"; }

# fill FILE: write zeros until the disk is full.
fill() {
	dd if=/dev/zero of="$1" bs=4k 2>/dev/null && e2e_fail "$1 did not fill the disk" || true
	[ "$(df --output=avail -k "$FS" | tail -1 | tr -d ' ')" = 0 ] || e2e_fail "the disk is not full"
}

# expect_fail STATUS TEXT CMD...: CMD exits with STATUS and says TEXT on stderr.
expect_fail() {
	local want=$1 text=$2 got=0
	shift 2
	"$@" >"$E2E_DIR/out" 2>"$E2E_DIR/err" || got=$?
	[ "$got" = "$want" ] || e2e_fail "$*: exit $got, want $want: $(cat "$E2E_DIR/err")"
	grep -qF -- "$text" "$E2E_DIR/err" || e2e_fail "$*: said '$(cat "$E2E_DIR/err")', want '$text'"
}

content() {
	e2e_sql "SELECT (SELECT group_concat(reference) FROM audit_case),
		(SELECT group_concat(question_id || value || evidence) FROM answer),
		(SELECT count(*) FROM audit)"
}

start_maca() {
	tmux -L "$E2E_SOCKET" -f /dev/null new-session -d -x 80 -y 24 \
		"'$E2E_MACA' --db '$E2E_DB'; echo MACA-EXITED-\$?; sleep 30"
}

# Room to spare: an audit and a case from the command line, an answer from the interface.
M new domestic-abuse "Disk full audit" --agencies csc,police >/dev/null
M case add 1 "Child A" >/dev/null
start_maca
e2e_wait_for "Disk full audit"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of"
e2e_keys o
e2e_wait_for "Grade: Outstanding"
e2e_keys Down
e2e_wait_for "Answered 1/"
e2e_keys q q
e2e_wait_for "MACA-EXITED-0"
e2e_stop
before=$(content)
case "$before" in *utstanding*) ;; *) e2e_fail "the first answer was not saved: $before" ;; esac

# A pack to import, made elsewhere (another partnership's audit).
OTHER="$E2E_DIR/other.db"
"$E2E_MACA" --db "$OTHER" new domestic-abuse "Other audit" --agencies csc,police >/dev/null
"$E2E_MACA" --db "$OTHER" case add 1 "Child Z" >/dev/null
"$E2E_MACA" --db "$OTHER" export pack 1 --agency police -o "$E2E_DIR/pack.maca" >/dev/null

# Full to the last block, and maca not running: opening needs room for SQLite's -wal and -shm
# files beside the database, so even a read is refused, saying why.
fill "$FS/filler"
expect_fail 1 "the disk is full" M list
expect_fail 1 "-wal and -shm" M list
expect_fail 1 "the disk is full" M case add 1 "Child B"
expect_fail 1 "cannot create $FS/new.db" "$E2E_MACA" --db "$FS/new.db" new domestic-abuse "New"
expect_fail 1 "cannot write $FS/copy.db: the disk is full" M backup -o "$FS/copy.db"
[ -z "$(find "$FS" -name 'new.db*' -o -name 'copy.db*')" ] || e2e_fail "partial files: $(ls "$FS")"
# The interface: the same words, and the terminal back in order.
start_maca
e2e_wait_for "MACA-EXITED-1"
e2e_wait_for "cannot open the database: the disk is ful"
e2e_stop
# An export onto another, full disk: refused by name, no partial file left behind.
OUT="$E2E_DIR/out-fs"
mkdir -p "$OUT"
mount -t tmpfs -o size=64k,mode=0700 tmpfs "$OUT" || e2e_fail "cannot mount a second tmpfs"
dd if=/dev/zero of="$OUT/filler" bs=4k 2>/dev/null || true
rm "$FS/filler2" 2>/dev/null || true
truncate -s -64K "$FS/filler"
expect_fail 1 "No space left on device" M export briefing 1 -o "$OUT/briefing.md"
[ -z "$(find "$OUT" -name 'briefing*')" ] || e2e_fail "a partial briefing was left: $(ls "$OUT")"
umount "$OUT"

# Room to open (the -shm file) but not to save: the command line says so.
fill "$FS/filler2"
truncate -s -40K "$FS/filler2"
M list >/dev/null || e2e_fail "cannot read with 40 KB free"
expect_fail 1 "the disk is full; nothing was changed" M case add 1 "Child B"
expect_fail 1 "the disk is full" M import "$E2E_DIR/pack.maca"
[ "$(content)" = "$before" ] || e2e_fail "the database changed: $(content)"
rm "$FS/filler2"

# The interface opens with room to spare, then the disk fills under it.
start_maca
e2e_wait_for "Disk full audit"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of"
e2e_keys Down
e2e_wait_for "question 2 of"
fill "$FS/filler2"
e2e_keys g Tab
e2e_type "Typed on a full disk"
e2e_keys Tab Down
e2e_wait_for "the disk is full"
e2e_wait_for "Typed on a full disk"
e2e_wait_for "question 2 of"
# Room again: the same edit is saved on the next move.
rm "$FS/filler2"
e2e_keys Down
e2e_wait_for "question 3 of"
e2e_wait_for "Answered 2/"
# Full again, and the user gives up on an edit: q twice quits, the terminal comes back.
fill "$FS/filler2"
e2e_keys r Tab
e2e_type "Lost to a full disk"
e2e_keys Tab Down
e2e_wait_for "the disk is full"
e2e_keys q
e2e_wait_for "q again quits WITHOUT this edit"
e2e_keys q
e2e_wait_for "MACA-EXITED-1"
e2e_wait_for "the edit in progress was not saved"
e2e_stop

# Everything saved is there, the database is sound; the lost edit is not half-saved.
rm "$FS/filler" "$FS/filler2"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_expect_sql "SELECT count(*) FROM answer" 2
e2e_expect_sql "SELECT count(*) FROM answer WHERE evidence = 'Typed on a full disk'" 1
e2e_expect_sql "SELECT count(*) FROM answer WHERE evidence LIKE 'Lost%'" 0
e2e_expect_sql "SELECT group_concat(reference) FROM audit_case" "Child A"
M case add 1 "Child B" >/dev/null || e2e_fail "case add after freeing space"
M import "$E2E_DIR/pack.maca" >/dev/null || e2e_fail "import after freeing space"
e2e_expect_sql "SELECT count(*) FROM audit" 2
M export briefing 1 -o "$FS/briefing.md" >/dev/null || e2e_fail "export after freeing space"
e2e_pass
