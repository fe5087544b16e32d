#!/usr/bin/env bash
# The crash test: answer questions through the interface and kill -9 maca at random moments,
# ROUNDS times (default 10). The screen is captured now and then while keys arrive, and just
# before each kill; after it, the database must pass PRAGMA integrity_check and
# foreign_key_check, and crash_check (tests/crash_check.c, which says exactly what counts as
# "shown as saved") must find every answer and note those screens showed as saved, with the
# value shown. CRASH_SEED repeats a run's random choices. Ends with a summary line: rounds,
# kills, answers checked, screens skipped (caught mid-redraw), failures, seed and time.
. "$(dirname "$0")/lib.sh"

CRASH_CHECK=${CRASH_CHECK:?set CRASH_CHECK to the crash_check binary}
ROUNDS=${ROUNDS:-10}
seed=${CRASH_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$seed
echo "crash test: $ROUNDS rounds, seed $seed"

kills=0 checked=0 captures=0 skipped=0 failures=0
started=$(date +%s)

maca_pid() {
	pgrep -f "^$E2E_MACA --db $E2E_DB\$" || true
}

# A forward-only stream of keys: grade or yes-no keys (never k, which moves up on a graded
# question), evidence typed between Tab and Tab, Down, and now and then PageDown or ] (next
# case). Nothing moves back, so what was moved past stays as it was saved.
key_stream() {
	local n=$1 i
	local grades=(o g r i n y p)
	for ((i = 0; i < n; i++)); do
		local r=$((RANDOM % 40))
		if ((r < 26)); then
			e2e_keys "${grades[RANDOM % ${#grades[@]}]}" Down
		elif ((r < 33)); then
			e2e_keys Tab
			e2e_type "Round $round step $i evidence $RANDOM"
			e2e_keys Tab Down
		elif ((r < 37)); then
			e2e_keys Down
		elif ((r < 39)); then
			e2e_keys PageDown
		else
			e2e_keys "]"
		fi
		# Keys arrive over time, as typing does, so kills land mid-stream.
		((RANDOM % 4 == 0)) && sleep 0.0$((RANDOM % 10))
	done
}

open_answering() {
	e2e_wait_for "SYNTHETIC DEMO"
	e2e_keys Enter
	e2e_wait_for "Audit overview"
	local i
	for ((i = 0; i < RANDOM % 6; i++)); do e2e_keys Down; done
	e2e_keys a
	e2e_wait_for "as which agency?"
	for ((i = 0; i < RANDOM % 5; i++)); do e2e_keys Down; done
	e2e_keys Enter
	e2e_wait_for "Answering"
	for ((i = 0; i < RANDOM % 6; i++)); do e2e_keys PageDown; done
}

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
for round in $(seq 1 "$ROUNDS"); do
	((round > 1)) && e2e_start 80x24
	open_answering
	key_stream $((20 + RANDOM % 40)) &
	typist=$!
	# Screens captured while keys arrive, the last just before the kill: each is judged.
	rm -f "$E2E_DIR"/capture.*
	for ((k = 0; k < RANDOM % 12; k++)); do
		e2e_screen >"$E2E_DIR/capture.$k"
		sleep 0.1$((RANDOM % 10))
	done
	pid=$(maca_pid)
	[ -n "$pid" ] || e2e_fail "round $round: maca is not running"
	e2e_screen >"$E2E_DIR/capture.last"
	kill -KILL "$pid"
	kills=$((kills + 1))
	kill "$typist" 2>/dev/null || true
	wait "$typist" 2>/dev/null || true
	for i in $(seq 1 100); do
		[ -z "$(maca_pid)" ] && break
		sleep 0.1
	done
	[ -z "$(maca_pid)" ] || e2e_fail "round $round: maca survived kill -9"
	# A kill mid-redraw can leave the terminal inside an escape sequence: a new server.
	e2e_stop
	got=$(e2e_sql "PRAGMA integrity_check")
	fk=$(e2e_sql "PRAGMA foreign_key_check")
	if [ "$got" != ok ] || [ -n "$fk" ]; then
		echo "FAIL: round $round: integrity '$got', foreign keys '$fk'" >&2
		failures=$((failures + 1))
	fi
	if verdict=$("$CRASH_CHECK" "$E2E_DB" "$E2E_DIR"/capture.* 2>"$E2E_DIR/judge"); then
		read -r _ n _ k <<<"$verdict"
		checked=$((checked + n)) skipped=$((skipped + k))
		captures=$((captures + $(ls "$E2E_DIR"/capture.* | wc -l)))
	else
		echo "FAIL: round $round ($verdict):" >&2
		cat "$E2E_DIR/judge" >&2
		echo "the last screen was:" >&2
		cat "$E2E_DIR/capture.last" >&2
		failures=$((failures + 1))
	fi
done
echo "rounds $ROUNDS, kills $kills, answers checked $checked (in $captures screens, $skipped" \
	"caught mid-redraw and skipped), failures $failures, seed $seed," \
	"$(($(date +%s) - started)) s"
[ "$failures" -eq 0 ] || exit 1
e2e_pass
