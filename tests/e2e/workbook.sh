#!/usr/bin/env bash
# Import of a workbook return from the interface: i, the path, the summary, y. A workbook with
# a misspelt grade shows its sheet!cell problem and imports nothing; the filled one imports as
# a return, with history naming the file's SHA-256. Filled by openpyxl (Debian's python3).
. "$(dirname "$0")/lib.sh"

M() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
M new multi-agency-practice "E2E workbook audit" --agencies csc,police >/dev/null
M case add 1 "Child A" >/dev/null
M export pack 1 --agency police --format xlsx -o "$E2E_DIR/pack.xlsx" >/dev/null
/usr/bin/python3 - "$E2E_DIR" <<'PY'
import sys, openpyxl
d = sys.argv[1]
for name, grade in (("bad", "Goodd"), ("filled", "Good")):
    wb = openpyxl.load_workbook(f"{d}/pack.xlsx")
    for row in wb["Answers"].iter_rows(min_row=2):
        if row[6].value == "recognition-early":
            row[4].value, row[5].value = grade, "Seen at home.\nSecond line — naïve"
        if row[6].value == "joint-lead":
            row[4].value = "Partly"
    wb.save(f"{d}/{name}.xlsx")
PY

e2e_start 80x24
e2e_wait_for "E2E workbook audit"
e2e_keys i
e2e_wait_for "type the file's path"
e2e_type "$E2E_DIR/bad.xlsx"
e2e_keys Enter
e2e_wait_for "Nothing can be imported from"
e2e_wait_for "Answers!E2: 'Goodd' is not a grade of this audit"
e2e_keys Escape
e2e_expect_sql "SELECT count(*) FROM answer" 0
e2e_keys i
e2e_wait_for "type the file's path"
e2e_type "$E2E_DIR/filled.xlsx"
e2e_keys Enter
e2e_wait_for "Return for agency police (Police)"
e2e_wait_for "Into audit 1: 2 to add, 0 unchanged, 0 to change."
e2e_keys y
e2e_wait_for "Imported the return from police: 2 added, 0 changed"
e2e_expect_sql "SELECT value || '|' || evidence FROM answer WHERE question_id = 'recognition-early'" \
	"$(printf 'good|Seen at home.\nSecond line — naïve')"
e2e_expect_sql "SELECT value FROM answer WHERE question_id = 'joint-lead'" "partly"
sum=$(sha256sum "$E2E_DIR/filled.xlsx" | cut -d' ' -f1)
e2e_expect_sql "SELECT count(*) FROM history WHERE source = 'return from police' AND checksum = '$sum'" 3
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_pass
