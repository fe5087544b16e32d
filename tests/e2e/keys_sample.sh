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

# A text question (section 4's last) and a prompt: no value keys there; nothing moves.
for i in $(seq 1 40); do
	if e2e_screen | grep -q "^ Answer:"; then break; fi
	e2e_keys Down
done
e2e_wait_for "Answer:"
where=$(e2e_screen | sed -n 3p)
e2e_type "$letters"
sleep 0.5
[ "$(e2e_screen | sed -n 3p)" = "$where" ] || e2e_fail "a letter moved on a text question"
e2e_wait_for "sets nothing here: Tab writes the answer"
e2e_keys End # the last prompt
e2e_wait_for "Note:"
e2e_type "$letters"
sleep 0.5
e2e_wait_for "Note:"
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
e2e_wait_for "Section 1 of 9"
for i in $(seq 1 20); do
	if e2e_screen | grep -q "is no answer here: y yes"; then break; fi
	e2e_keys Right x
	sleep 0.1
	e2e_screen | grep -q "is no answer here" && break
	for j in 1 2 3 4 5 6; do
		e2e_keys Down x
		sleep 0.05
		e2e_screen | grep -q "is no answer here" && break 2
	done
done
e2e_wait_for "is no answer here: y yes"
where=$(e2e_screen | sed -n 2,3p)
# y n p k (either case) agree an answer here, as help says: every other letter is typed.
e2e_type "$(printf '%s' "$letters" | tr -d 'ynpkYNPK')"
sleep 0.5
[ "$(e2e_screen | sed -n 2,3p)" = "$where" ] || e2e_fail "a letter moved in Moderation"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
[ "$(dump)" = "$before" ] || e2e_fail "a letter changed the database"
e2e_pass
