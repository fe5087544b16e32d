#!/usr/bin/env bash
# The audit day in an 80x24 window, as a chair runs it, checked on the screen and then in the
# database: the longest question of the shipped templates read in full; a text answer, a yes-no
# answer and the agencies' section notes shown; an agency's 3,000-character evidence read to
# its last word; ten questions agreed with a rationale each, counting the keys; a learning
# point jotted from moderation, coming back to the same question; the overview's honest
# cells; marking a case moderated with questions unagreed; an answer changed afterwards shown
# so; and the chair's place kept across a restart. Then the reading view in a wide window.
. "$(dirname "$0")/lib.sh"

# Keys pressed (tmux key names, literal text not counted): what the chair does by hand.
pressed=0
k() {
	pressed=$((pressed + $#))
	e2e_keys "$@"
}

# The screen as one line: rows joined, their margins and runs of spaces squeezed, so that a
# wrapped paragraph can be looked for whole.
flat() {
	e2e_screen | sed 's/^ *//; s/ *$//' | tr '\n' ' ' | tr -s ' '
}

# wait_flat TEXT: waits until TEXT is on the screen, wrapped or not.
wait_flat() {
	local i
	for i in $(seq 1 100); do
		if flat | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	e2e_fail "timed out waiting for (wrapped): $1"
}

# The longest question in the shipped templates: the one the screen must show whole.
longest=$(awk -F' = ' '/^\[question /{q=1; next} /^\[/{q=0} q && $1 == "text" {print length($2) "\t" FILENAME "\t" $2}' \
	"$(dirname "$0")/../../audit-templates/"*.ini | sort -rn | head -1)
longest_text=$(printf '%s' "$longest" | cut -f3)
case $longest in
*domestic-abuse.ini*) ;;
*) e2e_fail "the longest question moved to another template: $longest" ;;
esac
[ "$(printf '%s' "$longest" | cut -f1)" -ge 190 ] || e2e_fail "not the longest: $longest"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys Enter
e2e_wait_for "Audit overview"

# --- An agency's long evidence and a yes-no answer, given on the answering screen. --------
evidence=$(python3 -c '
words = []
n = 0
while len(" ".join(words)) < 2960:
    n += 1
    words.append("Sentence %d of the education record notes what the school saw." % n)
print(" ".join(words) + " The very last word is ZEBRAFINCH.")')
[ ${#evidence} -ge 3000 ] || e2e_fail "the evidence is only ${#evidence} characters"
e2e_keys Down Down Down Down Down # Child F
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Down Down Down Enter # Education
e2e_wait_for "question 1 of"
e2e_keys g Tab
e2e_type "$evidence"
e2e_wait_for "ZEBRAFINCH" # the editor follows the cursor to the end
e2e_keys Tab
e2e_keys PageDown PageDown PageDown # section 4, Prevention and early help
e2e_wait_for "Prevention and early help"
e2e_keys Down Down Down n # 4.4, the family court question: No
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_expect_sql "SELECT length(evidence) >= 3000 FROM answer w JOIN agency g ON g.id = w.agency_id WHERE g.code = 'education' AND w.question_id = 'identification-recognised'" 1

# --- Moderation reads whole. --------------------------------------------------------------
e2e_keys Home # Child A, section 1
e2e_keys m
e2e_wait_for "Child A · 1 of 6 · MODERATED"
# The agencies by name, the answer in words, never four-letter ids.
e2e_wait_for "Children's social care — Good"
e2e_keys '>' '>' # Police in focus: the rationale's three rows leave it below at 80x24
e2e_wait_for "Police — Outstanding"
# The agencies' notes on the section, further down.
for i in 1 2 3 4 5 6; do
	flat | grep -qF "The agencies' notes on section 1" && break
	e2e_step PageDown
done
wait_flat "The agencies' notes on section 1"
wait_flat "Children's social care — Good practice"
e2e_keys End
wait_flat "Health — Good practice"
wait_flat "recorded the answer word for word."
# The longest question, in full.
e2e_keys Right Right # section 3, its first question
e2e_wait_for "Section 3 of 9 · question 1 of 5"
wait_flat "1. $longest_text"
# A text answer is shown as what the agency wrote.
e2e_keys Down Down Down Down
e2e_wait_for "question 5 of 5"
e2e_wait_for "Children's social care — wrote"
wait_flat "no further incidents in the last three months"
e2e_wait_for "Agreed summary: not yet"
# Child F: the yes-no answer in words, and the long evidence read to its last word.
e2e_keys ']' ']' ']' ']' ']'
e2e_wait_for "Child F · 6 of 6"
e2e_keys Down Down Down Down # on into section 4, question 4 (3.5 -> 4.1 ... 4.4)
e2e_wait_for "Section 4 of 9 · question 4 of 5"
e2e_wait_for "Education — No"
e2e_keys Left Left Left # section 1
e2e_wait_for "Section 1 of 9 · question 1 of 5"
e2e_wait_for "Education — Good"
e2e_keys '>' '>' '>' '>' Space # Education, full screen
e2e_wait_for "Education on Child F, question 1.1"
wait_flat "Sentence 1 of the education record"
for i in $(seq 1 20); do
	flat | grep -qF "The very last word is ZEBRAFINCH." && break
	e2e_step PageDown
done
wait_flat "The very last word is ZEBRAFINCH."
e2e_keys Escape
e2e_wait_for "Agreed: not yet"

# --- Ten questions agreed with a rationale each, counting the keys. -----------------------
e2e_keys '[' # Child E
e2e_wait_for "Child E · 5 of 6"
e2e_wait_for "Section 1 of 9 · question 1 of 5"
pressed=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	k g Tab
	e2e_type "Rationale $i, agreed by the group."
	k Tab Down
done
agree_keys=$pressed
e2e_wait_for "Section 3 of 9 · question 1 of 5"
[ "$agree_keys" -eq 40 ] || e2e_fail "agreeing ten questions took $agree_keys keys, not 40"
case_e=$(e2e_sql "SELECT id FROM audit_case WHERE reference = 'Child E'")
e2e_expect_sql "SELECT count(*) FROM agreed_grade WHERE case_id = $case_e AND grade = 'good' AND rationale LIKE 'Rationale %, agreed by the group.'" 10
e2e_expect_sql "SELECT rationale FROM agreed_grade WHERE case_id = $case_e AND question_id = 'assessment-decisions'" \
	"Rationale 10, agreed by the group."

# --- A learning point jotted from moderation, back on the same question. -------------------
pressed=0
k '>' '#' # the first agency in focus, then the form
e2e_wait_for "Learning point"
e2e_type "Front door decisions were not shared with the referrer"
k Tab
e2e_type "Child E's referrer never heard what happened."
k C-o
jot_keys=$pressed
e2e_wait_for "The learning point added; back at question 3.1"
e2e_wait_for "Section 3 of 9 · question 1 of 5"
e2e_wait_for "Child E · 5 of 6"
[ "$jot_keys" -le 6 ] || e2e_fail "jotting took $jot_keys keys"
lp=$(e2e_sql "SELECT id FROM learning_point WHERE title = 'Front door decisions were not shared with the referrer'")
[ -n "$lp" ] || e2e_fail "the learning point was not saved"
e2e_expect_sql "SELECT c.reference FROM learning_point_case x JOIN audit_case c ON c.id = x.case_id WHERE x.learning_point_id = $lp" "Child E"
e2e_expect_sql "SELECT section_id FROM learning_point_section WHERE learning_point_id = $lp" "protection"
e2e_expect_sql "SELECT g.code FROM learning_point_agency x JOIN agency g ON g.id = x.agency_id WHERE x.learning_point_id = $lp" "csc"

# --- Honest progress. ------------------------------------------------------------------------
e2e_keys g Down r # two of section 3's five agreed
e2e_wait_for "Agreed: R Requires improvement"
e2e_keys +
e2e_wait_for "Type y to confirm:"
wait_flat "Mark Child E moderated with 30 not agreed (3.3, 3.4, 3.5 and 27 more)?"
e2e_keys y Enter
e2e_wait_for "Child E · 5 of 6 · MODERATED"
e2e_expect_sql "SELECT moderated_at IS NOT NULL FROM audit_case WHERE id = $case_e" 1
e2e_keys Escape
e2e_wait_for "Audit overview"
# Section 1 and 2 all agreed: their grade; section 3 two of five: said so, not a grade.
e2e_screen | grep -E '^ Child E +G +G +2/5✓' >/dev/null ||
	e2e_fail "Child E's row does not read G, G, 2/5✓"

# --- An answer changed after its case was marked moderated says so. --------------------------
e2e_keys Home
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Down Enter # Police, on Child A
e2e_wait_for "question 1 of"
e2e_keys r Escape
e2e_wait_for "Audit overview"
e2e_keys m
e2e_wait_for "Child A · 1 of 6 · MODERATED"
e2e_wait_for "Children's social care — Good"
flat | grep -qF "Children's social care — Good (changed" && e2e_fail "an unchanged answer is marked"
e2e_keys '>' '>' # Police in focus, scrolled to
wait_flat "Police — Requires improvement to be good (changed after the case was marked moderated)"

# --- The chair's place, kept across a restart. ------------------------------------------------
e2e_keys ']' ']' ']' ']' Right Right Down # Child E, 3.2
e2e_wait_for "Child E · 5 of 6"
e2e_wait_for "Section 3 of 9 · question 2 of 5"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "SELECT c.reference || '|' || p.section_id || '|' || p.question_id FROM chair_place p JOIN audit_case c ON c.id = p.case_id" \
	"Child E|protection|protection-not-reliant"
e2e_expect_sql "SELECT count(*) FROM history WHERE field LIKE '%place%'" 0
e2e_stop
e2e_start 80x24
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys Enter
e2e_wait_for "Section 3: Protection, support and care"
e2e_keys m
e2e_wait_for "Child E · 5 of 6"
e2e_wait_for "Section 3 of 9 · question 2 of 5"

# --- Wide: the same reading, with room to spare. -----------------------------------------------
e2e_resize 200x50
e2e_keys Up # 3.1, the longest question
e2e_wait_for "Section 3 of 9 · question 1 of 5"
wait_flat "1. $longest_text" # in lines of at most 120 columns
e2e_keys =
e2e_wait_for "Children's social care" # the grid's columns by their names
e2e_wait_for "Domestic abuse service"
e2e_keys = q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
echo "keys: agreeing ten questions with a rationale each: $agree_keys; a learning point from moderation and back: $jot_keys"
e2e_pass
