#!/bin/sh
# maca-bench on a tiny database: it runs to the end, removes its temporary directory, and
# prints every figure it promises. (Its timings are not checked here: targets belong to the
# benchmark itself, run on the full size; see README, Performance.)
set -eu
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TMPDIR=$tmp "$bench" --audits 3 --min-cases 2 --max-cases 4 --saves 20 --return-answers 100 >"$tmp/out" 2>"$tmp/err" || {
	cat "$tmp/out" "$tmp/err"
	echo "maca-bench failed" >&2
	exit 1
}
status=0
for label in 'CPU ' 'cores ' 'kernel ' 'SQLite ' 'build ' 'load average ' \
	'3 audits of 2 to 4 cases' 'largest audit 1280 answers' \
	'open and first frame drawn ' 'overview of the largest audit ' 'save one answer ' \
	'moderation view of one case ' 'briefing of the largest audit ' \
	'CSV export of the largest audit ' 'import a return of 100 answers ' \
	're-import, nothing changes ' 'open the sealed return ' \
	'peak resident memory ' 'the disk alone: write+fdatasync ' 'targets met: '; do
	if ! grep -q "$label" "$tmp/out"; then
		echo "missing from maca-bench's report: $label" >&2
		status=1
	fi
done
# Every measured line carries a number of milliseconds or kilobytes, and every target a verdict.
if grep -E ' target ' "$tmp/out" | grep -vqE '(PASS|MISS)$'; then
	grep -E ' target ' "$tmp/out" | grep -vE '(PASS|MISS)$' >&2
	echo "a target without PASS or MISS" >&2
	status=1
fi
[ "$(grep -cE '(PASS|MISS)$' "$tmp/out")" -eq 4 ] || {
	echo "expected 4 targets with a verdict" >&2
	status=1
}
# Nothing left behind in the temporary directory but the report.
if [ -n "$(find "$tmp" -mindepth 1 -name 'maca-bench-*')" ]; then
	echo "maca-bench left its temporary directory behind" >&2
	status=1
fi
[ "$status" -eq 0 ] || cat "$tmp/out"
exit "$status"
