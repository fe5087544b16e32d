#!/bin/sh
# scripts/bench-keys on a tiny database: it runs maca under callgrind through every key
# sequence and prints instructions per key for each screen with PASS or MISS. (The figures
# are not judged here; the targets belong to the benchmark, run on the full size.)
# Without valgrind, or on a sanitizer build (valgrind cannot run AddressSanitizer's
# binaries), it says SKIPPED and exits 77, which ctest reports as skipped, never as passed.
set -eu
script=$1 maca=$2 bench=$3 sanitized=$4
if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIPPED: valgrind is not installed (scripts/deps.sh installs it)"
	exit 77
fi
case $sanitized in
1 | ON | TRUE | YES | on | true | yes)
	echo "SKIPPED: maca is built with sanitizers, which valgrind cannot run; scripts/test runs this test on its Release build"
	exit 77
	;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TMPDIR=$tmp "$script" --maca "$maca" --bench "$bench" --moves 8 -- --audits 2 --min-cases 2 \
	--max-cases 3 --return-answers 10 >"$tmp/out" 2>"$tmp/err" || {
	cat "$tmp/out" "$tmp/err"
	echo "bench-keys failed" >&2
	exit 1
}
status=0
for screen in overview moderation 'moderation, case' answering 'answering, case'; do
	if ! grep -qE "^  $screen  +[]\[A-Za-z ]+ +[1-9][0-9]* instructions per key   target <= 1000000   (PASS|MISS)\$" "$tmp/out"; then
		echo "no figure with PASS or MISS for: $screen" >&2
		status=1
	fi
done
grep -qE '^targets met: [0-5] of 5$' "$tmp/out" || {
	echo "no count of the targets met" >&2
	status=1
}
grep -q 'largest audit 3 cases' "$tmp/out" || {
	echo "the database's size is not named" >&2
	status=1
}
if [ -n "$(find "$tmp" -mindepth 1 -name 'maca-bench-keys-*')" ]; then
	echo "bench-keys left its temporary directory behind" >&2
	status=1
fi
[ "$status" -eq 0 ] || cat "$tmp/out"
exit "$status"
