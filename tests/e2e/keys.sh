#!/usr/bin/env bash
# Keys that cannot hurt by accident (issue 17, item 1), with a partnership's RAG template whose
# Not known grade is on k: on the screens where values are set, k sets a value and never moves;
# on the lists it moves and changes nothing. Help lists each key once. `maca check` refuses a
# grade key the interface keeps for itself.
. "$(dirname "$0")/lib.sh"

rag="$(dirname "$0")/../templates/rag.ini"
"$E2E_MACA" --db "$E2E_DB" new "$rag" "RAG audit" --date 2025-01-10 >/dev/null
"$E2E_MACA" --db "$E2E_DB" case add 1 "Child A" >/dev/null
"$E2E_MACA" --db "$E2E_DB" case add 1 "Child B" >/dev/null

sed 's/^key = k$/key = q/' "$rag" >"$E2E_DIR/rag-q.ini"
if out=$("$E2E_MACA" check "$E2E_DIR/rag-q.ini" 2>&1); then
	e2e_fail "maca check accepted a grade on q"
fi
echo "$out" | grep -q "grade key 'q' is reserved" || e2e_fail "check said: $out"
"$E2E_MACA" check "$rag" || e2e_fail "maca check refused the RAG template"

e2e_start 80x24
e2e_wait_for "RAG audit"
e2e_keys k # a list: k moves, nothing else
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of"
# k on a graded question: Not known, saved at once, and still question 1.
e2e_keys k
e2e_wait_for "Grade: Not known"
e2e_wait_for "question 1 of 2"
e2e_expect_sql "SELECT value FROM answer WHERE question_id = 'recognition-early'" not-known
# j and g set nothing here and move nowhere (g is Green, j is no grade).
e2e_keys j
e2e_wait_for "'j' sets nothing here"
e2e_wait_for "question 1 of 2"
e2e_keys g
e2e_wait_for "Grade: Green"
# On the yes-no question k is Not known too, and still no movement.
e2e_keys Down
e2e_wait_for "question 2 of 2"
e2e_keys k
e2e_wait_for "Answer: Not known"
e2e_wait_for "question 2 of 2"
e2e_expect_sql "SELECT value FROM answer WHERE question_id = 'recognition-tool'" not-known
# Backspace clears it, recorded in the history like any change.
e2e_keys BSpace
e2e_wait_for "Answer: not answered"
e2e_expect_sql "SELECT value FROM answer WHERE question_id = 'recognition-tool'" ""
e2e_expect_sql "SELECT old_value || '>' || coalesce(new_value, '') FROM history WHERE item = 'recognition-tool' AND field = 'answer' ORDER BY id DESC LIMIT 1" "not-known>"
# Help: each key once, for what it does here.
e2e_keys '?'
e2e_wait_for "Keys of Answering"
screen=$(e2e_screen)
echo "$screen" | grep -q "^  k, K  *Answer: Not known" || e2e_fail "help does not give k as Not known"
if echo "$screen" | grep -qE "Up, Up|Down, Down|Move up"; then
	e2e_fail "help lists a key twice or a movement letter"
fi
e2e_keys q # closes help, does not quit
e2e_wait_for "question 2 of 2"
e2e_keys Escape
e2e_wait_for "Audit overview"

# Moderation: k agrees Not known, Backspace clears the agreed grade.
e2e_keys m
e2e_wait_for "Child A · 1 of 2"
e2e_keys k
e2e_wait_for "Agreed: K Not known"
e2e_expect_sql "SELECT grade FROM agreed_grade" not-known
e2e_keys BSpace
e2e_wait_gone "Agreed: K Not known"
e2e_expect_sql "SELECT grade FROM agreed_grade" ""
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_expect_sql "PRAGMA integrity_check" ok
e2e_pass
