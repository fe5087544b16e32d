#!/usr/bin/env bash
# A workbook and a CSV pack filled in, then saved again by LibreOffice Calc (headless), read
# back by `maca import` with every answer compared byte for byte. LibreOffice is heavy, so it
# is not in scripts/deps.sh: without it this says SKIPPED and exits 77, which ctest counts as
# skipped, never as passed. Usage: workbook-libreoffice.sh MACA PYTHON3
set -uo pipefail
maca_bin=${1:?usage: workbook-libreoffice.sh MACA PYTHON3}
python=${2:?usage: workbook-libreoffice.sh MACA PYTHON3}
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
	echo "SKIPPED: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
	exit 77
fi
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp NO_COLOR=1 HOME=$tmp
printf '[maca]\nauthor = Test Chair\n' >"$tmp/maca.ini"
m() { "$maca_bin" --db "$tmp/chair.db" --config "$tmp/maca.ini" "$@"; }
fail=0
pass=0
check() { # name, condition status
	if [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1" >&2
		fail=$((fail + 1))
	fi
}
lo() { # convert FILE to FILTER into DIR [reading with INFILTER], as LibreOffice saves it
	"$soffice" -env:UserInstallation="file://$tmp/profile" --headless --norestore \
		${4:+--infilter="$4"} --convert-to "$2" --outdir "$3" "$1" >"$tmp/lo.log" 2>&1
}

m new multi-agency-practice "LibreOffice audit" --agencies csc,police >/dev/null
m case add 1 "Child A" >/dev/null
m case add 1 "Child B" >/dev/null
m export pack 1 --agency police --format xlsx -o "$tmp/pack.xlsx" >/dev/null
m export pack 1 --agency csc --format csv -o "$tmp/pack.csv" >/dev/null

# Filled in, then saved again by LibreOffice.
"$python" - "$tmp" <<'EOF'
import csv, sys, openpyxl
tmp = sys.argv[1]
wb = openpyxl.load_workbook(f"{tmp}/pack.xlsx")
ws = wb["Answers"]
want = {}
for row in ws.iter_rows(min_row=2):
    ref, item = row[0].value, row[6].value
    if (ref, item) == ("Child A", "recognition-early"):
        row[4].value, row[5].value = "Good", "Seen on 3 March.\nLetter sent, \"urgent\"."
        want[(ref, item)] = ("good", row[5].value)
    if (ref, item) == ("Child B", "joint-lead"):
        row[4].value, row[5].value = "Not known", "ünïcödé 👍 and 12"
        want[(ref, item)] = ("not-known", row[5].value)
    if (ref, item) == ("Child B", "impact-difference"):
        row[4].value = "Much safer now."
        want[(ref, item)] = ("Much safer now.", "")
wb.save(f"{tmp}/filled.xlsx")
with open(f"{tmp}/want-police.txt", "w") as f:
    for (ref, item), (v, e) in sorted(want.items()):
        f.write(repr((ref, item, v, e)) + "\n")
with open(f"{tmp}/pack.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
col = {h: i for i, h in enumerate(rows[0])}
for r in rows[1:]:
    if (r[col["Case"]], r[col["Item"]]) == ("Child A", "recognition-early"):
        r[col["Answer"]], r[col["Evidence"]] = "Inadequate", "Two lines,\nwith a comma"
with open(f"{tmp}/filled.csv", "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
EOF

start=$(date +%s)
mkdir -p "$tmp/lo"
lo "$tmp/filled.xlsx" xlsx "$tmp/lo"
check "LibreOffice saved the workbook" $([ -s "$tmp/lo/filled.xlsx" ]; echo $?)
lo "$tmp/pack.xlsx" xlsx "$tmp/lo"
# CSV in and out as UTF-8 (76), comma (44), double quote (34), from the first line.
lo "$tmp/filled.csv" 'csv:Text - txt - csv (StarCalc):44,34,76,1' "$tmp/lo" 'CSV:44,34,76,1'
# Opened as Western European text by mistake: every accented letter garbled, refused.
mkdir -p "$tmp/latin"
lo "$tmp/filled.csv" 'csv:Text - txt - csv (StarCalc):44,34,76,1' "$tmp/latin" 'CSV:44,34,1,1'

end=$(date +%s)

out=$(m import "$tmp/lo/pack.xlsx" 2>&1)
check "an untouched pack saved by LibreOffice adds nothing: $out" \
	$(echo "$out" | grep -q '0 added, 0 changed'; echo $?)
out=$(m import "$tmp/lo/filled.xlsx" 2>&1)
check "the filled workbook saved by LibreOffice imports: $out" $?
"$python" - "$tmp" >"$tmp/got-police.txt" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(f"{sys.argv[1]}/chair.db")
for r in con.execute("SELECT c.reference, a.question_id, a.value, a.evidence FROM answer a "
                     "JOIN audit_case c ON c.id = a.case_id JOIN agency g ON g.id = a.agency_id "
                     "WHERE g.code = 'police' ORDER BY 1, 2"):
    print(repr(tuple(r)))
EOF
check "every answer byte for byte after LibreOffice" \
	$(cmp -s "$tmp/want-police.txt" "$tmp/got-police.txt"; echo $?)
out=$(m import "$tmp/lo/filled.csv" 2>&1)
check "the CSV saved by LibreOffice imports: $out" $?
got=$(sqlite3 "$tmp/chair.db" "SELECT a.value || '|' || a.evidence FROM answer a JOIN agency g
	ON g.id = a.agency_id WHERE g.code = 'csc'")
check "the CSV answer byte for byte: $got" \
	$([ "$got" = "$(printf 'inadequate|Two lines,\nwith a comma')" ]; echo $?)

out=$(m import "$tmp/latin/filled.csv" 2>&1)
check "a CSV garbled by the wrong character set is refused: $out" \
	$(echo "$out" | grep -q 'opened as Western European'; echo $?)

echo "LibreOffice conversions took $((end - start)) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
