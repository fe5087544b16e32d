#!/usr/bin/env bash
# Moderation as the room reads it (found running an audit day at the keyboard), at 80x24 and
# 132x40: ! refuses at once, before close is asked for, while cases are not marked moderated,
# its words whole at 80 columns; ~ on a case with no summary says so and where one is
# written, and a long summary wraps; the rationale being typed gets a third of the window and
# more, the whole of a pasted rationale read from its start; the evidence editor never keeps
# empty rows after the text in view while its start is hidden.
. "$(dirname "$0")/lib.sh"

# paste TEXT: as the terminal pastes it, between the bracketed-paste markers maca asked for.
paste() {
	printf '%s' "$1" >"$E2E_DIR/paste"
	tmux -L "$E2E_SOCKET" load-buffer "$E2E_DIR/paste"
	tmux -L "$E2E_SOCKET" paste-buffer -p -d
	sleep 0.3
}

# rows_of TEXT: how many rows of the screen hold TEXT.
rows_of() {
	e2e_screen | grep -cF -- "$1" || true
}

e2e_start 80x24
e2e_demo_overview
e2e_sql "UPDATE audit_case SET summary = 'Mother 19, two previous relationships with domestic abuse; father (22) known to police for violence towards a previous partner. Maternal grandmother supportive but lives 40 miles away.
Referred at 20 weeks by the midwife after a disclosure at booking.' WHERE reference = 'Child F'"
e2e_keys Down Down m # Child C, section 1
e2e_wait_for "Child C · 3 of 6"

# ! with five cases not moderated: refused at once, nothing asked, the reason whole.
e2e_keys '!'
e2e_wait_for "Not closed: an audit closes once every case is marked moderated, and 5 of 6"
e2e_wait_for "are not yet (+ marks the case on screen)"
e2e_screen | grep -qF "Type close" && e2e_fail "! asked for close on an audit it cannot close"
e2e_expect_sql "SELECT status FROM audit" draft

# ~ on a case with no summary: said, and where a summary is written.
e2e_keys '~'
e2e_wait_for "Child C has no summary to show: c on the overview lists the cases, and e there"
e2e_wait_for "edits one (Case summary). Summaries now show for the cases that have one"
e2e_expect_sql "SELECT show_summary FROM chair_place" 1
# Child F's summary, shown: wrapped whole, its line break kept, nothing cut.
e2e_keys ']' ']' ']'
e2e_wait_for "Child F · 6 of 6"
e2e_wait_for "Summary (confidential): Mother 19, two previous relationships with domestic"
e2e_wait_for "Referred at 20 weeks by the midwife after a disclosure at booking."
e2e_screen | grep -F "Summary (confidential)" | grep -qF "…" && e2e_fail "the summary is cut"

# The rationale typed in: a third of the window at least, and a pasted rationale is read
# whole from its start while the answers scroll above it.
e2e_keys '~'
e2e_wait_for "The case summary is hidden"
e2e_keys g
e2e_wait_for "Agreed: G Good"
e2e_keys Tab
e2e_wait_for "Esc/Tab done"
rationale="Agencies recognised the abuse late. The first three contacts were described as a volatile relationship, and coercive control was not named until the fourth incident. Health held information about the pregnancy that was not shared with the MASH. The group agreed the grade because the response was safe but slow, and the learning is about naming coercive control early and building a cumulative picture."
paste "$rationale"
e2e_wait_for "building a cumulative"
e2e_wait_for "Rationale: Agencies recognised the abuse late."
e2e_wait_for "more lines below: PgDn"
# Eight rows below the agreed answer: 7 of text, then the cursor's; the reading keeps 4.
screen=$(e2e_screen)
agreed=$(printf '%s\n' "$screen" | grep -nF "Agreed: G Good" | cut -d: -f1)
[ "$(printf '%s\n' "$screen" | sed -n "$((agreed + 7))p")" = "            picture." ] ||
	e2e_fail "the rationale does not fill the editor's rows from its start"
e2e_keys Escape
e2e_wait_gone "Esc/Tab done"
case_f=$(e2e_sql "SELECT id FROM audit_case WHERE reference = 'Child F'")
e2e_expect_sql "SELECT rationale = '$rationale' FROM agreed_grade WHERE case_id = $case_f AND grade = 'good'" 1

# At 132x40: the refusal on one line; the rationale typed in gets a third of the rows.
e2e_resize 132x40
e2e_wait_for "[ ] case"
e2e_keys '!'
e2e_wait_for "Not closed: an audit closes once every case is marked moderated, and 5 of 6 are not yet (+ marks the case on screen)"
e2e_keys Tab
e2e_wait_for "Esc/Tab done"
screen=$(e2e_screen)
agreed=$(printf '%s\n' "$screen" | grep -nF "Agreed: G Good" | cut -d: -f1)
[ $((40 - 3 - agreed)) -ge 13 ] || e2e_fail "the editor has $((40 - 3 - agreed)) rows of 40"
e2e_wait_for "Rationale: Agencies recognised the abuse late."
e2e_keys Escape
e2e_wait_gone "Esc/Tab done"
e2e_resize 80x24
e2e_wait_for "Child F · 6 of 6"

# The evidence editor: empty rows pasted after the text show only while the cursor is on
# them; a row up, the text shows from its start.
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of"
e2e_wait_for "Child F"
e2e_keys Tab
e2e_wait_for "Esc/Tab done"
paste "First paragraph of the evidence about the family, and what happened at the first contact.

Second paragraph: what the school and the health visitor knew, and what they did.

Third paragraph: the referral.

"
e2e_wait_for "Third paragraph: the referral."
e2e_keys Up
e2e_wait_for "First paragraph of the evidence"
[ "$(rows_of "paragraph")" = 3 ] || e2e_fail "the evidence is not shown whole"
e2e_keys Escape
e2e_wait_gone "Esc/Tab done"
e2e_expect_sql "SELECT count(*) FROM answer WHERE case_id = $case_f AND evidence LIKE 'First paragraph of the evidence%the referral.' || char(10) || char(10)" 1
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
