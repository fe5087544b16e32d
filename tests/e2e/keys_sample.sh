#!/usr/bin/env bash
# A sample of the property test (test_keys_property) through a real terminal: every letter and
# digit but q, u and h pressed where none of them is documented as changing data (a text
# question and a prompt in Answering; a question no agreed grade applies to in Moderation; the
# keys screen) leaves the database byte for byte as it was, and none of them moves.
. "$(dirname "$0")/lib.sh"

# chair_place is where the chair is in moderation (written on each move for maca room), no data.
dump() { sqlite3 "$E2E_DB" .dump | grep -v '^INSERT INTO chair_place' | sha256sum; }
letters="abcdefgijklmnoprstvwxyzABCDEFGIJKLMNOPRSTVWXYZ0123456789"

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of 5"
before=$(dump)

# A text question (section 3's last) and a prompt: no value keys there; nothing moves. Each key
# that moves is seen to land before the next is sent ("Answer:" is on yes-no questions too).
e2e_keys PgDn
e2e_wait_for "Section 2/9"
e2e_keys PgDn
e2e_wait_for "Section 3/9"
for q in 2 3 4 5; do
	e2e_keys Down
	e2e_wait_for "Protection, support and care  ·  question $q of 5"
done
e2e_wait_for "In a few sentences, what difference has the multi-agency response"
e2e_wait_for "Answer:"
where=$(e2e_screen | sed -n 3p)
e2e_type "$letters"
e2e_wait_for "'9' sets nothing here: Tab writes the answer" # the last letter, read
[ "$(e2e_screen | sed -n 3p)" = "$where" ] || e2e_fail "a letter moved on a text question"
e2e_keys End # the last prompt
e2e_wait_for "Section 9/9: Unborn babies  ·  prompt 3 of 3"
e2e_wait_for "Note:"
e2e_type "$letters"
e2e_wait_for "'9' sets nothing here: Tab writes the note"
e2e_wait_for "Section 9/9: Unborn babies  ·  prompt 3 of 3"
[ "$(dump)" = "$before" ] || e2e_fail "a letter changed the database in Answering"

# The keys screen: letters do nothing (q closes it).
e2e_keys '?'
e2e_wait_for "Keys of Answering"
e2e_type "$letters"
sleep 0.3
e2e_wait_for "Keys of Answering"
e2e_keys q
e2e_wait_for "Note:"
e2e_keys Escape
e2e_wait_for "Audit overview"

# Moderation, on a yes-no question: a letter that is not y n p k agrees nothing, and none moves.
e2e_keys m
e2e_wait_for "Section 1 of 9 · question 1 of 5"
# Down to the only yes-no question (section 4's fourth), each step seen before the next.
for s in 1 2 3 4; do
	for q in 1 2 3 4 5; do
		[ "$s$q" = 11 ] && continue
		e2e_keys Down
		e2e_wait_for "Section $s of 9 · question $q of 5"
		[ "$s$q" = 44 ] && break 2
	done
done
e2e_wait_for "Where there were family court proceedings"
e2e_keys x
e2e_wait_for "'x' is no answer here: y yes"
where=$(e2e_screen | sed -n 2,3p)
# y n p k (either case) agree an answer here, as help says: every other letter is typed.
e2e_type "$(printf '%s' "$letters" | tr -d 'ynpkYNPK')"
e2e_wait_for "'9' is no answer here: y yes" # the last letter, read
[ "$(e2e_screen | sed -n 2,3p)" = "$where" ] || e2e_fail "a letter moved in Moderation"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
[ "$(dump)" = "$before" ] || e2e_fail "a letter changed the database"
e2e_pass
