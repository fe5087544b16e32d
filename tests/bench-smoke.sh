#!/bin/sh
# maca-bench on a tiny database: it runs to the end, removes its temporary directory, and
# prints every figure it promises, and every target with its baseline, ratio and verdict.
# (Its timings are not checked here: targets belong to the benchmark itself, run on the full
# size; see README, Performance.)
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
for label in 'CPU ' 'cores ' 'kernel ' 'SQLite ' 'build ' 'clocks ' 'load average ' \
	'3 audits of 2 to 4 cases' 'largest audit 1280 answers' \
	'overview of the largest audit ' 'moderation view of one case ' \
	'the disk alone: write+fdatasync ' "import, maca's steps " "import, bare's first step " \
	're-import, nothing changes ' 'open the sealed return ' 'targets met: '; do
	if ! grep -q "$label" "$tmp/out"; then
		echo "missing from maca-bench's report: $label" >&2
		status=1
	fi
done
# The load average before and after the run: the noise every wall-clock figure carries.
[ "$(grep -c 'load average ' "$tmp/out")" -eq 2 ] || {
	echo "expected the load average before and after the run" >&2
	status=1
}
# Every target of issue 21 (and the save's p99 of issue 6) on a line of its own, ending in
# its verdict; each ratio target beside its bare baseline, with the ratio.
check_target() { # LABEL TARGET [baseline]
	line=$(grep -F -- "  $1 " "$tmp/out" | grep -F -- "target $2 " || true)
	if [ -z "$line" ]; then
		echo "no line for the target: $1, $2" >&2
		status=1
	elif ! printf '%s\n' "$line" | grep -qE '   (PASS|MISS)$'; then
		echo "no PASS or MISS for the target: $1, $2" >&2
		status=1
	elif [ "${3-}" = baseline ] && ! printf '%s\n' "$line" | grep -qE 'bare +[0-9.]+ +ratio +[0-9.]+ '; then
		echo "no baseline and ratio beside: $1" >&2
		status=1
	fi
}
check_target 'open and first frame drawn' '< 10 ms'
check_target 'save one answer' 'wall ratio <= 1.3' baseline
check_target 'save one answer, p99' '< 10 ms (issue 6)'
check_target 'briefing of the largest audit' 'CPU ratio <= 1.5' baseline
check_target 'CSV export of the largest audit' 'CPU ratio <= 1.5' baseline
check_target 'typing in a 10 KB field' 'CPU < 4 ms, max < 16.7'
check_target 'import a return of 100 answers' 'wall ratio <= 2' baseline
check_target 'peak resident memory' '< 32 MB'
# No verdict outside those lines, and the count agrees with them.
[ "$(grep -cE '(PASS|MISS)$' "$tmp/out")" -eq 8 ] || {
	echo "expected 8 targets with a verdict" >&2
	status=1
}
met=$(grep -cE 'PASS$' "$tmp/out" || true)
grep -q "^targets met: $met of 8\$" "$tmp/out" || {
	echo "the count of targets met does not agree with the PASS lines ($met)" >&2
	status=1
}
# Nothing left behind in the temporary directory but the report.
if [ -n "$(find "$tmp" -mindepth 1 -name 'maca-bench-*')" ]; then
	echo "maca-bench left its temporary directory behind" >&2
	status=1
fi
[ "$status" -eq 0 ] || cat "$tmp/out"
exit "$status"
