#!/usr/bin/python3
"""Workbook and CSV packs filled by another writer, the way Excel and people fill them, and
read back by `maca import`: every answer compared byte for byte; every refusal with its
sheet!cell (or line and column) message, leaving the database unchanged; hostile archives
refused. Needs python3-openpyxl (Debian). Usage: workbook_roundtrip.py MACA [SOURCE_DIR]."""

import csv
import datetime
import hashlib
import io
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

MACA = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="maca-wb-")
DB = os.path.join(TMP, "chair.db")
CONFIG = os.path.join(TMP, "maca.ini")
FAILURES = []
PASSED = 0

GRADES = "Outstanding, Good, Requires improvement to be good, Inadequate or Not applicable"


def maca(*args, ok=True):
    env = dict(os.environ, XDG_CONFIG_HOME=TMP, XDG_DATA_HOME=TMP, NO_COLOR="1")
    r = subprocess.run([MACA, "--db", DB, "--config", CONFIG, *args], capture_output=True,
                       text=True, env=env, timeout=120)
    if ok and r.returncode != 0:
        raise AssertionError(f"maca {' '.join(args)} failed: {r.stderr}")
    return r


def check(name, cond, detail=""):
    global PASSED
    if cond:
        PASSED += 1
    else:
        FAILURES.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}", file=sys.stderr)


def db_answers(agency):
    with sqlite3.connect(DB) as con:
        rows = con.execute(
            "SELECT c.reference, a.question_id, a.value, a.evidence FROM answer a "
            "JOIN audit_case c ON c.id = a.case_id JOIN agency g ON g.id = a.agency_id "
            "WHERE g.code = ? ORDER BY 1, 2", (agency,)).fetchall()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def db_notes(agency):
    with sqlite3.connect(DB) as con:
        rows = con.execute(
            "SELECT c.reference, n.section_id, n.prompt_id, n.text FROM section_note n "
            "JOIN audit_case c ON c.id = n.case_id JOIN agency g ON g.id = n.agency_id "
            "WHERE g.code = ?", (agency,)).fetchall()
    return {(r[0], r[1], r[2]): r[3] for r in rows}


def db_digest():
    with sqlite3.connect(DB) as con:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()


def path(name):
    return os.path.join(TMP, name)


def refused(name, file, *expected):
    """The import fails, names each expected problem, and changes nothing."""
    before = db_digest()
    r = maca("import", file, ok=False)
    check(name + " refused", r.returncode != 0, r.stdout)
    for e in expected:
        check(name + " says " + e, e in r.stderr, r.stderr)
    check(name + " changes nothing", db_digest() == before)


def rewrite_zip(src, dst, edit, add=None):
    """Copies a workbook, passing each part's text through edit(name, text), adding parts."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith((".xml", ".rels")):
                data = edit(item.filename, data.decode()).encode()
            zout.writestr(item.filename, data)
        for name, text in (add or {}).items():
            zout.writestr(name, text.encode())


def rows_by_item(ws):
    """(case, item) -> row number, read from the Answers or Notes sheet's columns."""
    head = [c.value for c in ws[1]]
    ci, ii = head.index("Case"), head.index("Item")
    return {(r[ci].value, r[ii].value): r[0].row for r in ws.iter_rows(min_row=2)
            if r[ii].value}


# ---------------------------------------------------------------------------------------
# Setup: an audit with three cases and three agencies.

with open(CONFIG, "w") as f:
    f.write("[maca]\nauthor = Test Chair\n")
maca("new", "multi-agency-practice", "Workbook audit", "--agencies", "csc,police,health")
for ref in ("Child A", "Child B", "Child C"):
    maca("case", "add", "1", ref)
maca("export", "pack", "1", "--agency", "police", "--format", "xlsx", "-o", path("pack.xlsx"))
maca("export", "pack", "1", "--agency", "police", "--format", "csv", "-o", path("pack.csv"))
check("pack files are private", os.stat(path("pack.xlsx")).st_mode & 0o077 == 0)

# The workbook as exported: four sheets, the last hidden, protected, lists on answer cells.
wb = openpyxl.load_workbook(path("pack.xlsx"))
check("sheets", wb.sheetnames == ["Instructions", "Answers", "Notes", "maca"], wb.sheetnames)
check("hidden sheet", wb["maca"].sheet_state == "hidden")
check("answers protected", wb["Answers"].protection.sheet)
ans = wb["Answers"]
check("answers header", [c.value for c in ans[1]] ==
      ["Case", "Section", "Question", "Guidance", "Answer", "Evidence", "Item"])
check("answer cells open, others locked",
      not ans["E2"].protection.locked and not ans["F2"].protection.locked and
      ans["A2"].protection.locked and ans["G2"].protection.locked)
dv_text = " ".join(str(dv.formula1) for dv in ans.data_validations.dataValidation)
check("grades offered in the cell", "Requires improvement to be good" in dv_text, dv_text)
instr = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value)
for words in ("Workbook audit", "Police", "secure e-mail", "sealed maca return",
              "Requires improvement to be good", "Test Chair"):
    check("instructions mention " + words, words in instr)
hidden = {r[0].value: r[1].value for r in wb["maca"].iter_rows() if r[0].value}
check("hidden identity", hidden.get("agency_code") == "police" and
      re.fullmatch(r"[0-9a-f-]{36}", hidden.get("audit_uuid", "")) and
      re.fullmatch(r"[0-9a-f]{32}", hidden.get("pack_token") or ""), hidden)
POLICE_TOKEN = hidden["pack_token"]

# ---------------------------------------------------------------------------------------
# Filled the way people and Excel fill it.

rows = rows_by_item(ans)
q = lambda ref, item: rows[(ref, item)]  # noqa: E731
expected = {}


def answer(ref, item, cell_value, evidence, want_value, want_evidence):
    r = q(ref, item)
    ans.cell(r, 5).value = cell_value
    ans.cell(r, 6).value = evidence
    expected[(ref, item)] = (want_value, want_evidence)


LONG = "é" * 32767  # a full cell: 32,767 characters, 65,534 bytes
answer("Child A", "recognition-early", "Good", "Seen on 3 March.\nFollow-up on 4 March.",
       "good", "Seen on 3 March.\nFollow-up on 4 March.")
answer("Child A", "recognition-referral", " outstanding ", 12, "outstanding", "12")
answer("Child A", "recognition-threshold", "Inadequate", 3.5, "inadequate", "3.5")
answer("Child A", "recognition-history", "Not applicable", datetime.datetime(2024, 3, 12),
       "not-applicable", "2024-03-12")
answer("Child A", "assessment-quality", "Requires improvement to be good",
       datetime.datetime(2024, 3, 12, 14, 30), "requires-improvement", "2024-03-12 14:30")
answer("Child A", "assessment-contributions", "Good", True, "good", "TRUE")
answer("Child A", "joint-lead", "Partly", "Lead changed twice.", "partly", "Lead changed twice.")
answer("Child A", "impact-difference", "Safer at home; school attendance up.", "",
       "Safer at home; school attendance up.", "")
answer("Child B", "recognition-early", "Good", LONG, "good", LONG)
answer("Child B", "joint-lead", "yes", "=not a formula, typed as text", "yes",
       "=not a formula, typed as text")
answer("Child B", "overall-response", "Good", "Quotes \"here\", commas, and ünïcödé 👍",
       "good", "Quotes \"here\", commas, and ünïcödé 👍")
answer("Child C", "recognition-early", "Good", "RICH", "good", "Bold and plain")
answer("Child C", "recognition-referral", "Good", "INLINE", "good", "line one\r\nline two")
answer("Child C", "recognition-threshold", "Good", "Text _x005F_x0041_ kept",
       "good", "Text _x0041_ kept")
ans.cell(q("Child A", "assessment-quality"), 6).number_format = "yyyy-mm-dd hh:mm"

notes = wb["Notes"]
note_rows = rows_by_item(notes)
notes.cell(note_rows[("Child A", "recognition/good-practice")], 4).value = "Quick referral."
expected_notes = {("Child A", "recognition", "good-practice"): "Quick referral."}

# Someone's own: a title row above the headings, a column of their own, a totals row,
# rows sorted by question, and two rows deleted.
data = [[c.value for c in r] for r in ans.iter_rows(min_row=2)]
data.sort(key=lambda r: (r[2] or "", r[0] or ""), reverse=True)
for i, values in enumerate(data, start=2):
    for j, v in enumerate(values, start=1):
        c = ans.cell(i, j)
        c.value = v
        if not isinstance(v, datetime.datetime):
            c.number_format = "@"
new_rows = rows_by_item(ans)
# openpyxl writes "=..." as a formula: make it a text cell, as Excel does for text typed
# after an apostrophe.
ans.cell(new_rows[("Child B", "joint-lead")], 6).data_type = "s"
gone = [new_rows[("Child C", "overall-learning")], new_rows[("Child B", "voice-seen")]]
for r in sorted(gone, reverse=True):
    ans.delete_rows(r)
ans.insert_cols(2)
ans.cell(1, 2).value = "My notes"
ans.cell(3, 2).value = "check with team"
last = ans.max_row
ans.cell(last + 2, 1).value = "Total rows"
ans.insert_rows(1)
ans.cell(1, 1).value = "Police return, draft 2"
wb.save(path("filled-openpyxl.xlsx"))


# What Excel writes and this openpyxl does not: shared strings (one of them used by many
# cells), rich text runs with a phonetic run, an escaped carriage return.
SST = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
       'openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><r><rPr><b/>'
       '</rPr><t xml:space="preserve">Bold </t></r><r><t>and plain</t></r><rPh sb="0" eb="1">'
       '<t>ボ</t></rPh></si><si><t>Good</t></si></sst>')


def excel_isms(name, text):
    if name == "[Content_Types].xml":
        text = text.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType'
                            '="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                            'sharedStrings+xml"/></Types>')
    if name == "xl/_rels/workbook.xml.rels":
        text = text.replace("</Relationships>", '<Relationship Type="http://schemas.openxml'
                            'formats.org/officeDocument/2006/relationships/sharedStrings" '
                            'Target="sharedStrings.xml" Id="rIdS"/></Relationships>')
    if name.startswith("xl/worksheets/"):
        text = re.sub(r't="inlineStr"><is><t>RICH</t></is>', 't="s"><v>0</v>', text)
        text = re.sub(r't="inlineStr"><is><t>Good</t></is>', 't="s"><v>1</v>', text)
        text = text.replace("<is><t>INLINE</t></is>",
                            "<is><t>line one_x000D_\nline two</t></is>")
    return text


rewrite_zip(path("filled-openpyxl.xlsx"), path("filled.xlsx"), excel_isms,
            {"xl/sharedStrings.xml": SST})
with zipfile.ZipFile(path("filled.xlsx")) as z:
    sheet = z.read("xl/worksheets/sheet2.xml").decode()
check("the test workbook has shared, rich and inline strings",
      sheet.count('t="s"><v>1</v>') > 2 and 't="s"><v>0</v>' in sheet and
      "_x000D_" in sheet)

r = maca("import", path("filled.xlsx"), ok=False)
check("filled workbook imports", r.returncode == 0, r.stderr)
got = db_answers("police")
check("every answer, byte for byte", got == expected,
      {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v})
check("the notes", db_notes("police") == expected_notes, db_notes("police"))
with open(path("filled.xlsx"), "rb") as f:
    digest = hashlib.sha256(f.read()).hexdigest()
with sqlite3.connect(DB) as con:
    hist = con.execute("SELECT DISTINCT source, checksum FROM history WHERE source LIKE "
                       "'return from%'").fetchall()
check("history names the return and the file's SHA-256",
      hist == [("return from police", digest)], hist)

# The same file again: nothing to add or change.
r = maca("import", path("filled.xlsx"))
check("again: nothing new", "0 added, 0 changed" in r.stdout, r.stdout)

# A change needs --replace, and the plan shows it.
wb = openpyxl.load_workbook(path("filled-openpyxl.xlsx"))
ws = wb["Answers"]
rows = {(r[0].value, r[7].value): r[0].row for r in ws.iter_rows(min_row=3) if r[7].value}
# (columns: Case, My notes, Section, Question, Guidance, Answer, Evidence, Item)
ws.cell(rows[("Child A", "recognition-early")], 6).value = "Inadequate"
wb.save(path("changed.xlsx"))
r = maca("import", path("changed.xlsx"), ok=False)
check("a change needs --replace", r.returncode != 0 and "--replace" in r.stderr, r.stderr)
check("the change is shown", "good -> inadequate" in r.stderr, r.stderr)
r = maca("import", "--replace", path("changed.xlsx"), ok=False)
check("--replace takes it", r.returncode == 0 and
      db_answers("police")[("Child A", "recognition-early")][0] == "inadequate", r.stderr)

# ---------------------------------------------------------------------------------------
# Refusals: each named by sheet and cell with what was expected.


def variant(name, edit):
    wb = openpyxl.load_workbook(path("pack.xlsx"))
    edit(wb)
    wb.save(path(name))
    return path(name)


def cell_of(wb, ref, item, col):
    return wb["Answers"].cell(rows_by_item(wb["Answers"])[(ref, item)], col)


def goodd(wb):
    cell_of(wb, "Child A", "recognition-early", 5).value = "Goodd"


row_a1 = rows_by_item(openpyxl.load_workbook(path("pack.xlsx"))["Answers"])[
    ("Child A", "recognition-early")]
refused("a grade misspelt", variant("goodd.xlsx", goodd),
        f"Answers!E{row_a1}: 'Goodd' is not a grade of this audit; choose from {GRADES}")


def yesno(wb):
    cell_of(wb, "Child A", "joint-lead", 5).value = "Maybe"


row_jl = rows_by_item(openpyxl.load_workbook(path("pack.xlsx"))["Answers"])[
    ("Child A", "joint-lead")]
refused("a yes-no answer misspelt", variant("yesno.xlsx", yesno),
        f"Answers!E{row_jl}: 'Maybe' is not an answer to a yes-no question; choose from "
        "Yes, No, Partly or Not known")


def formula(wb):
    cell_of(wb, "Child A", "recognition-early", 5).value = '=IF(1,"Good","Bad")'
    cell_of(wb, "Child A", "recognition-early", 6).value = "=A1"


refused("formulas", variant("formula.xlsx", formula),
        f"Answers!E{row_a1}: holds a formula; type the answer itself",
        f"Answers!F{row_a1}: holds a formula")


def unknown_case(wb):
    c = cell_of(wb, "Child A", "recognition-early", 1)
    c.value = "Child Z"
    cell_of(wb, "Child Z", "recognition-early", 5).value = "Good"


refused("a case not in the audit", variant("case.xlsx", unknown_case),
        f"Answers!A{row_a1}: 'Child Z' is not a case of this audit")


def unknown_item(wb):
    c = cell_of(wb, "Child A", "recognition-early", 7)
    c.value = "no-such-question"
    wb["Answers"].cell(c.row, 5).value = "Good"


refused("an item not in the template", variant("item.xlsx", unknown_item),
        f"Answers!G{row_a1}: 'no-such-question' is not a question of this audit's template")


def duplicate(wb):
    ws = wb["Answers"]
    src = rows_by_item(ws)[("Child A", "recognition-early")]
    dst = ws.max_row + 1
    for col in range(1, 8):
        ws.cell(dst, col).value = ws.cell(src, col).value
    ws.cell(src, 5).value = "Good"
    ws.cell(dst, 5).value = "Inadequate"


refused("an answer given twice", variant("twice.xlsx", duplicate),
        "case 'Child A', question recognition-early is answered also in row")


def no_item(wb):
    ws = wb["Answers"]
    ws.cell(ws.max_row + 1, 5).value = "Good"


refused("an answer in a row of its own", variant("noitem.xlsx", no_item),
        "the Item is empty, so maca cannot tell what this row answers")


def no_header(wb):
    wb["Answers"].cell(1, 6).value = "Comments"


refused("a heading renamed", variant("header.xlsx", no_header),
        "no column is headed 'Evidence'")


def other_audit(wb):
    for r in wb["maca"].iter_rows():
        if r[0].value == "audit_uuid":
            r[1].value = "00000000-0000-4000-8000-000000000000"


refused("another audit", variant("audit.xlsx", other_audit),
        "answers audit 00000000-0000-4000-8000-000000000000, which is not in this database")


def other_agency(wb):
    for r in wb["maca"].iter_rows():
        if r[0].value == "agency_code":
            r[1].value = "probation"


refused("another agency", variant("agency.xlsx", other_agency),
        "the file is agency probation's, which is not taking part in audit 1")


def other_template(wb):
    for r in wb["maca"].iter_rows():
        if r[0].value == "template_version":
            r[1].value = "7"


refused("another template version", variant("template.xlsx", other_template),
        "made for template multi-agency-practice version 7")


def set_hidden(key, value):
    def edit(wb):
        for r in wb["maca"].iter_rows():
            if r[0].value == key:
                r[1].value = value
    return edit


# The pack token: police's workbook relabelled as csc's (csc was sent a pack too), a token
# changed, a token removed. The same check as for a maca return refuses each.
maca("export", "pack", "1", "--agency", "csc", "--format", "xlsx", "-o", path("csc.xlsx"))
refused("relabelled as another agency's", variant("relabel.xlsx", set_hidden("agency_code",
                                                                              "csc")),
        "this return says it is from csc, but it does not answer the pack sent to csc")
refused("a token changed", variant("token.xlsx", set_hidden("pack_token", "0" * 32)),
        "does not answer the pack sent to police")
refused("a token removed", variant("notoken.xlsx", set_hidden("pack_token", None)),
        "this return from police carries no pack token")
refused("a token not maca's", variant("badtoken.xlsx", set_hidden("pack_token", "xyz")),
        "the file's pack token is not one maca writes")


def hidden_gone(wb):
    del wb["maca"]


refused("the hidden sheet deleted", variant("nohidden.xlsx", hidden_gone),
        "the workbook has no sheet named maca")

# An error value in an evidence cell, as Excel writes #N/A.
rewrite_zip(path("pack.xlsx"), path("error.xlsx"), lambda n, t: re.sub(
    f'<c r="F{row_a1}" s="(\\d+)"/>', f'<c r="F{row_a1}" s="\\1" t="e"><v>#N/A</v></c>', t)
    if n == "xl/worksheets/sheet2.xml" else t)
refused("an error value", path("error.xlsx"), f"Answers!F{row_a1}: holds an error value")

# ---------------------------------------------------------------------------------------
# Hostile archives: refused from the central directory, or while inflating.


def hostile(name, entries, expected, patch=None):
    p = path(name)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries:
            z.writestr(n, data)
    if patch:
        with open(p, "rb") as f:
            data = bytearray(f.read())
        data = patch(data) or data
        with open(p, "wb") as f:
            f.write(data)
    refused("hostile: " + name, p, expected)


def pack_parts():
    with zipfile.ZipFile(path("pack.xlsx")) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


hostile("dotdot.xlsx", pack_parts() + [("xl/../../etc/passwd", b"x")],
        "an entry whose name is not safe")
hostile("absolute.xlsx", pack_parts() + [("/etc/passwd", b"x")],
        "an entry whose name is not safe")
hostile("many.xlsx", [(f"f{i}", b"") for i in range(1001)], "has 1001 entries")
hostile("bomb.xlsx", pack_parts() + [("xl/media/zeros.bin", b"\0" * (8 << 20))],
        "compressed more than 100 times over")


def set_sizes(data, name, size, local=False):
    """Sets the uncompressed size of entry name in its central directory record (and in its
    local header when local)."""
    for sig, size_at, name_at, len_at in ((b"PK\x01\x02", 24, 46, 28),
                                          (b"PK\x03\x04", 22, 30, 26)):
        if sig == b"PK\x03\x04" and not local:
            continue
        i = data.find(sig)
        while i >= 0:
            nlen = struct.unpack_from("<H", data, i + len_at)[0]
            if data[i + name_at:i + name_at + nlen] == name:
                struct.pack_into("<I", data, i + size_at, size)
            i = data.find(sig, i + 4)


huge_sst = [(n, d) for n, d in pack_parts()]
hostile("sst-gigabytes.xlsx", huge_sst,
        "part xl/sharedStrings.xml would be 3000000000 bytes",
        lambda d: set_sizes(d, b"xl/sharedStrings.xml", 3000000000))
hostile("sst-lies.xlsx", huge_sst, "xl/sharedStrings.xml",
        lambda d: set_sizes(d, b"xl/sharedStrings.xml", 100, local=True))


def doctype(name, data):
    if name == "xl/sharedStrings.xml":
        return data.replace(b"?>", b"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
                            b"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>", 1)
    return data


hostile("laughs.xlsx", [(n, doctype(n, d)) for n, d in pack_parts()], "declares a DTD")
deep = b"<a>" * 100 + b"</a>" * 100
hostile("deep.xlsx", [(n, deep if n == "xl/styles.xml" else d) for n, d in pack_parts()],
        "nested too deeply")


def encrypted(data):
    i = data.find(b"PK\x01\x02")
    while i >= 0:
        data[i + 8] |= 1
        i = data.find(b"PK\x01\x02", i + 4)
    i = data.find(b"PK\x03\x04")
    while i >= 0:
        data[i + 6] |= 1
        i = data.find(b"PK\x03\x04", i + 4)


hostile("encrypted.xlsx", pack_parts(), "an encrypted entry", encrypted)
hostile("truncated.xlsx", pack_parts(), "the workbook is damaged",
        lambda d: d[:len(d) // 2])

# ---------------------------------------------------------------------------------------
# CSV: filled with a CSV writer as a spreadsheet saves it.

with open(path("pack.csv"), encoding="utf-8-sig", newline="") as f:
    table = list(csv.reader(f))
head, body = table[0], table[1:]
col = {h: i for i, h in enumerate(head)}
check("csv header", head[:8] == ["Case", "Section", "Question", "Guidance", "Choices",
                                 "Answer", "Evidence", "Item"], head)
line_of = {(r[col["Case"]], r[col["Item"]]): i + 2 for i, r in enumerate(body)}


def csv_fill(rows, changes):
    out = [list(r) for r in rows]
    for r in out:
        key = (r[col["Case"]], r[col["Item"]])
        if key in changes:
            r[col["Answer"]], r[col["Evidence"]] = changes[key]
    return out


def write_csv(name, rows, sep=",", bom=True, header=head, encoding="utf-8"):
    with open(path(name), "w", encoding=("utf-8-sig" if bom else encoding), newline="") as f:
        w = csv.writer(f, delimiter=sep, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)
    return path(name)


csv_changes = {("Child A", "recognition-early"): ("Good", "CSV evidence, with \"quotes\"\nand "
                                                  "a second line"),
               ("Child B", "joint-lead"): ("No", "'=looks like a formula"),
               ("Child C", "impact-difference"): ("Free text answer", ""),
               ("Child C", "recognition/development"): ("A section note.", "")}
csv_expect = {("Child A", "recognition-early"): ("good", "CSV evidence, with \"quotes\"\nand "
                                                 "a second line"),
              ("Child B", "joint-lead"): ("no", "=looks like a formula"),
              ("Child C", "impact-difference"): ("Free text answer", "")}
filled = csv_fill(body, csv_changes)
filled.sort(key=lambda r: r[col["Question"]])  # sorted
filled = [r for r in filled if (r[col["Case"]], r[col["Item"]]) != ("Child A", "voice-seen")]
filled.append([""] * len(head))  # a blank line
maca("export", "pack", "1", "--agency", "health", "--format", "csv", "-o", path("health.csv"))
with open(path("health.csv"), encoding="utf-8-sig", newline="") as f:
    hbody = list(csv.reader(f))[1:]
hfilled = csv_fill(hbody, csv_changes)
# Saved by a spreadsheet set to semicolons, without the byte order mark.
r = maca("import", write_csv("health-filled.csv", hfilled, sep=";", bom=False), ok=False)
check("csv (semicolons, no BOM) imports", r.returncode == 0, r.stderr)
got = db_answers("health")
check("csv answers, byte for byte", got == csv_expect, got)
check("csv note", db_notes("health") == {("Child C", "recognition", "development"):
                                         "A section note."}, db_notes("health"))

maca("export", "pack", "1", "--agency", "csc", "--format", "csv", "-o", path("csc.csv"))
with open(path("csc.csv"), encoding="utf-8-sig", newline="") as f:
    cbody = list(csv.reader(f))[1:]
r = maca("import", write_csv("csc-filled.csv", csv_fill(cbody, csv_changes)), ok=False)
check("csv (commas, BOM, sorted) imports", r.returncode == 0, r.stderr)
check("csv answers for csc", db_answers("csc") == csv_expect, db_answers("csc"))

bad = csv_fill(cbody, {("Child A", "recognition-early"): ("Goodd", "")})
refused("csv: a grade misspelt", write_csv("bad.csv", bad),
        f"line {line_of[('Child A', 'recognition-early')]}, column 6 (Answer): 'Goodd' is "
        f"not a grade of this audit; choose from {GRADES}")
bad = [list(r) for r in cbody]
bad[3][col["Audit"]] = "00000000-0000-4000-8000-000000000000"
refused("csv: rows for two audits", write_csv("mixed.csv", bad),
        f"line 5, column {col['Audit'] + 1} (Audit): differs from line 2")
relabelled = [list(r) for r in cbody]
for r in relabelled:
    r[col["Agency"]] = "police"
    if (r[col["Case"]], r[col["Item"]]) == ("Child A", "recognition-early"):
        r[col["Answer"]] = "Good"
refused("csv: relabelled as another agency's", write_csv("relabel.csv", relabelled),
        "this return says it is from police, but it does not answer the pack sent to police")
check("csv carries the pack token", all(re.fullmatch(r"[0-9a-f]{32}", r[col["Pack token"]])
                                        for r in cbody))
# maca's own limits (text_rules.h), as at entry and for a maca return.
too_long = csv_fill(cbody, {("Child A", "recognition-early"): ("Good", "x" * 250001)})
refused("csv: evidence beyond maca's limit", write_csv("long.csv", too_long),
        f"line {line_of[('Child A', 'recognition-early')]}, column 7 (Evidence): the "
        "evidence is 250001 characters long; the limit is 250000")
spaced = csv_fill(cbody, {("Child B", "voice-seen"): ("Good", "Spaces around the case.")})
for r in spaced:
    if (r[col["Case"]], r[col["Item"]]) == ("Child B", "voice-seen"):
        r[col["Case"]] = "  Child B "
r = maca("import", write_csv("spaced.csv", spaced), ok=False)
check("csv: spaces around a case reference are not another case", r.returncode == 0 and
      db_answers("csc").get(("Child B", "voice-seen")) == ("good", "Spaces around the case."),
      r.stderr)
refused("csv: not UTF-8", write_csv("latin.csv", csv_fill(cbody, {
    ("Child A", "recognition-early"): ("Good", "café")}), bom=False, encoding="cp1252"),
        "is not valid UTF-8 text; save the file as CSV UTF-8")
with open(path("csc-filled.csv"), encoding="utf-8") as f:
    garbled = f.read().encode("utf-8").decode("cp1252", errors="replace")
with open(path("garbled.csv"), "w", encoding="utf-8", newline="") as f:
    f.write(garbled)
refused("csv: opened as Windows-1252 and saved again", path("garbled.csv"),
        "line 1: the file was opened as Western European (Windows-1252) text")
with open(path("open.csv"), "w", encoding="utf-8") as f:
    f.write(",".join(head) + "\r\n\"Child A,unclosed\r\n")
refused("csv: an unclosed quote", path("open.csv"), "line 2, column 1: a quoted field is "
        "never closed")

if os.environ.get("KEEP"): print(TMP)
else: shutil.rmtree(TMP)
print(f"{PASSED} passed, {len(FAILURES)} failed")
sys.exit(1 if FAILURES else 0)
