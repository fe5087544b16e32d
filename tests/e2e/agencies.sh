#!/usr/bin/env bash
# Setting up the audit day in an 80x24 window: the agencies taking part chosen on the new-audit
# form, changed later (an agency that has answered is kept, saying why), attendance and a
# note recorded on the day; then the database, and the briefing's background as maca suggests
# it, which says how many agencies took part and attended and never who sent apologies.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys a
e2e_wait_for "Create an audit from which template?"
e2e_keys Enter
e2e_wait_for "Audit details"
e2e_type "Neglect audit, spring"
e2e_keys C-o # nobody chosen yet: refused, on the field
e2e_wait_for "Agencies taking part is required"
e2e_wait_for "[ ] Children's social care" # the form goes to the field
e2e_keys Space Down Space Down Down Down Space # social care, police, education
e2e_wait_for "[x] Education"
e2e_keys C-o
e2e_wait_for "Created audit 1"
e2e_expect_sql "SELECT group_concat(code, ',') FROM (SELECT code FROM agency ORDER BY position)" \
	"csc,police,education"
"$E2E_MACA" --db "$E2E_DB" case add 1 "Child A" >/dev/null
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_wait_for "Answers given: 0 of 126 (0%)" # three agencies, not the template's eight
e2e_wait_for "Child A"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Down Enter # Police
e2e_wait_for "question 1 of"
e2e_keys g Escape
e2e_wait_for "Audit overview"

e2e_keys A
e2e_wait_for "Agencies and attendance"
e2e_wait_for "3 take part: 0 attended"
e2e_keys Down Space # Police has answered: kept
e2e_wait_for "Kept Police: it has 1 answer in this audit"
e2e_keys Down Down Down Space # Education has not: out
e2e_wait_for "2 take part"
e2e_keys Up Up Space # Health: in
e2e_wait_for "3 take part"
e2e_expect_sql "SELECT group_concat(code, ',') FROM (SELECT code FROM agency ORDER BY position)" \
	"csc,police,health"
e2e_keys Home a n
e2e_wait_for "Who came for Children's social care"
e2e_type "Sam, team manager"
e2e_keys Enter
e2e_wait_for "Sam, team manager"
e2e_keys Down s Down x
e2e_wait_for "3 take part: 1 attended, 1 sent apologies, 1 absent, 0 not recorded"
e2e_expect_sql "SELECT group_concat(x, ';') FROM (SELECT g.code || '=' || t.status || ':' || t.note AS x FROM attendance t JOIN agency g ON g.id = t.agency_id ORDER BY g.position)" \
	"csc=attended:Sam, team manager;police=apologies:;health=absent:"
e2e_expect_sql "SELECT count(*) FROM history WHERE field = 'attendance'" 3
e2e_expect_sql "SELECT count(*) FROM history WHERE field = 'audit-agencies'" 2
e2e_keys Escape
e2e_wait_for "Audit overview"
# The audit form shows them chosen, and keeps them as they are when saved.
e2e_keys E
e2e_wait_for "Audit details"
e2e_wait_for "Children's social care, Police, Health"
e2e_keys C-o
e2e_wait_for "Saved the audit's details"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT group_concat(code, ',') FROM (SELECT code FROM agency ORDER BY position)" \
	"csc,police,health"

# The briefing's background, as maca suggests it for the chair to take: how many agencies took
# part and attended, never who sent apologies; the briefing itself names nobody either.
bg=$("$E2E_MACA" --db "$E2E_DB" briefing show 1 background --suggested)
printf '%s' "$bg" | tr '\n' ' ' | grep -qF "In all, three agencies took part; one of them attended the audit day." ||
	e2e_fail "the background's suggestion does not say how many agencies took part: $bg"
! printf '%s' "$bg" | grep -qiE "apologies|Sam, team manager" || e2e_fail "the suggestion names who came or not"
out="$E2E_DIR/briefing.md"
"$E2E_MACA" --db "$E2E_DB" export briefing 1 -o "$out" >/dev/null 2>&1 ||
	"$E2E_MACA" --db "$E2E_DB" export briefing 1 -o "$out" --allow-identifiers >/dev/null
! grep -qiE "apologies|Sam, team manager" "$out" || e2e_fail "the briefing names who came or not"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
