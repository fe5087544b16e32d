# Shared by the end-to-end tests: run maca in a private tmux server, type, read the screen.
# Each test sources this, calls e2e_start, and finishes with e2e_pass.
set -eu

E2E_MACA=${E2E_MACA:?set E2E_MACA to the maca binary}
E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/maca-e2e-XXXXXX")
E2E_SOCKET="maca-e2e-$$"
E2E_DB="$E2E_DIR/maca.db"
export XDG_CONFIG_HOME="$E2E_DIR/config" XDG_DATA_HOME="$E2E_DIR/data" LC_ALL=C.UTF-8
export NO_COLOR=1 TERM=xterm-256color

e2e_cleanup() {
	tmux -L "$E2E_SOCKET" kill-server 2>/dev/null || true
	rm -rf "$E2E_DIR"
}
trap e2e_cleanup EXIT

e2e_fail() {
	echo "FAIL: $*" >&2
	echo "--- screen ---" >&2
	e2e_screen >&2 || true
	exit 1
}

# e2e_start [WIDTHxHEIGHT]: maca on a fresh database in an 80x24 window (or the size given).
# E2E_ENV, when set, is given to env(1) before maca (e.g. "-u NO_COLOR LC_ALL=C"); TERM is
# tmux's own unless E2E_ENV sets it (tmux sends its own keys' sequences, which that TERM knows).
e2e_start() {
	local size=${1:-80x24}
	tmux -L "$E2E_SOCKET" -f /dev/null new-session -d -x "${size%x*}" -y "${size#*x}" \
		"env ${E2E_ENV:-} '$E2E_MACA' --db '$E2E_DB'; echo MACA-EXITED-\$?; sleep 30"
	e2e_wait_for "maca"
}

# e2e_stop: ends the tmux server and waits until it has gone. kill-server returns before the
# server has exited, and a new-session in that gap reaches the dying server and fails with
# "server exited unexpectedly". Gone means nothing answers on the socket any more (the
# socket file itself may stay behind).
e2e_stop() {
	local i
	tmux -L "$E2E_SOCKET" kill-server 2>/dev/null || true
	for i in $(seq 1 100); do
		if tmux -L "$E2E_SOCKET" list-sessions 2>&1 | grep -qE "no server running|error connecting"; then
			return 0
		fi
		sleep 0.05
	done
	e2e_fail "the tmux server did not exit"
}

# e2e_demo_overview: on a fresh database, creates the SYNTHETIC demo audit and opens its
# overview.
e2e_demo_overview() {
	e2e_wait_for "There are no audits"
	e2e_keys d
	e2e_wait_for "SYNTHETIC DEMO"
	e2e_keys Enter
	e2e_wait_for "Audit overview"
}

# e2e_answer_first TITLE: from the audit list, opens the audit TITLE and answers its first
# case as the first agency offered; waits for question 1.
e2e_answer_first() {
	e2e_wait_for "$1"
	e2e_keys Enter
	e2e_wait_for "Audit overview"
	e2e_keys a
	e2e_wait_for "as which agency?"
	e2e_keys Enter
	e2e_wait_for "question 1 of"
}

e2e_screen() {
	tmux -L "$E2E_SOCKET" capture-pane -p
}

# The screen with its attributes and colours as escape sequences (SGR).
e2e_screen_sgr() {
	tmux -L "$E2E_SOCKET" capture-pane -p -e
}

# e2e_keys KEY...: tmux key names (Enter, Escape, Up, C-c) or literal text with -l.
e2e_keys() {
	tmux -L "$E2E_SOCKET" send-keys "$@"
}

e2e_type() {
	tmux -L "$E2E_SOCKET" send-keys -l "$1"
}

# e2e_type_keys TEXT KEY...: TEXT and then the keys in one tmux command, so that they reach
# maca in one write, as a fast typist's do when maca has fallen behind (a save, a busy machine).
e2e_type_keys() {
	local text=$1
	shift
	tmux -L "$E2E_SOCKET" send-keys -l "$text" \; send-keys "$@"
}

# e2e_wait_for TEXT: waits up to 10 s for TEXT to appear on the screen.
e2e_wait_for() {
	local i
	for i in $(seq 1 100); do
		if e2e_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	e2e_fail "timed out waiting for: $1"
}

e2e_wait_gone() {
	local i
	for i in $(seq 1 100); do
		if ! e2e_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	e2e_fail "still on screen: $1"
}

# e2e_step KEY: sends one key that changes the screen (a move, a scroll) and waits until the
# screen is no longer what it was, so that what is read next, or the next key, starts where
# this one landed (keys sent in a loop without it overshoot under load).
e2e_step() {
	local before i
	before=$(e2e_screen)
	e2e_keys "$1"
	for i in $(seq 1 200); do
		[ "$(e2e_screen)" != "$before" ] && return 0
		sleep 0.05
	done
	e2e_fail "the screen did not change after $1"
}

e2e_resize() {
	tmux -L "$E2E_SOCKET" resize-window -x "${1%x*}" -y "${1#*x}"
}

e2e_sql() {
	sqlite3 "$E2E_DB" "$1"
}

e2e_expect_sql() {
	local got
	got=$(e2e_sql "$1")
	[ "$got" = "$2" ] || e2e_fail "SQL $1: got '$got', want '$2'"
}

e2e_pass() {
	echo "1 passed, 0 failed: $(basename "$0")"
}
