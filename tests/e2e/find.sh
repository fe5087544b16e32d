#!/usr/bin/env bash
# Find (issue 17, item 7): / searches the list on screen, n and N look again either way, and a
# case is reached by typing its reference, in the overview, the cases and answering.
. "$(dirname "$0")/lib.sh"

M() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
M new domestic-abuse "Twenty-five cases" >/dev/null
for c in A B C D E F G H I J K L M N O P Q R S T U V W X Y; do
	M case add 1 "Child $c" >/dev/null
done

e2e_start 80x24
e2e_wait_for "Twenty-five cases"
e2e_keys Enter
e2e_wait_for "Audit overview"
# The 17th of 25 cases: its reference typed whole, in any case.
e2e_keys /
e2e_wait_for "Find:"
e2e_type "child q"
e2e_keys Enter
e2e_wait_for 'Found "child q"'
e2e_keys a
e2e_wait_for "Answer Child Q as which agency?"
e2e_keys Escape
# Part of a reference: the next holding it; n and N walk the matches either way, wrapping.
e2e_keys /
e2e_type "child"
e2e_keys Enter
e2e_keys a
e2e_wait_for "Answer Child R as which agency?"
e2e_keys Escape
e2e_keys N N
e2e_keys a
e2e_wait_for "Answer Child P as which agency?"
e2e_keys Escape
e2e_keys /
e2e_type "y"
e2e_keys Enter n # the only one: n wraps round to it again
e2e_keys a
e2e_wait_for "Answer Child Y as which agency?"
e2e_keys Escape
e2e_keys /
e2e_type "zzz"
e2e_keys Enter
e2e_wait_for 'No "zzz" here'

# Answering: a question by its words, then another case by its reference.
e2e_keys /
e2e_type "child b"
e2e_keys Enter
e2e_keys a
e2e_wait_for "Answer Child B as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of"
e2e_keys /
e2e_type "perpetrator"
e2e_keys Enter
e2e_wait_for "question 2 of 5"
e2e_keys /
e2e_keys Enter # Enter alone: the last words again
e2e_wait_for 'Found "perpetrator"'
e2e_keys /
e2e_type "Child X"
e2e_keys Enter
e2e_wait_for "Child X  ·"
e2e_keys Escape
e2e_wait_for "Audit overview"

# The cases list: the same.
e2e_keys c
e2e_wait_for "Child R"
e2e_keys /
e2e_type "child m"
e2e_keys Enter
e2e_keys h
e2e_wait_for "History of case Child M"
e2e_keys q Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_pass
