#!/usr/bin/env bash
# Disclosure decisions in an 80x24 window: typing a phone number into good practice warns at
# once on the status line and the warning goes when the number does; on the Briefing screen
# the findings say which are open, w refuses, a accepts one with a reason kept with the
# configured author's name, a second maca accepts the other from the command line and the
# screen follows, then w writes. SYNTHETIC names and numbers.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/maca" "$E2E_DIR/out"
printf '[maca]\nauthor = Jo Chair\nexport_dir = %s/out\n' "$E2E_DIR" >"$XDG_CONFIG_HOME/maca/maca.ini"
maca() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
maca new domestic-abuse "Typing audit" >/dev/null
maca case add 1 "Jayden Smith" >/dev/null

e2e_start 80x24
e2e_wait_for "Typing audit"
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys L
e2e_wait_for "Learning"
e2e_keys p
e2e_wait_for "Good practice"

# The warning appears as the number is completed, and goes when it is taken out.
e2e_type "The health visitor rang 07700 900"
sleep 0.3
e2e_screen | grep -q "Looks like" && e2e_fail "a warning before the number is whole"
e2e_type "456"
e2e_wait_for "Looks like a phone number: 07700 900456"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do e2e_keys BSpace; done
e2e_wait_gone "Looks like a phone number"
e2e_type "the duty line on 0300 123 4567 the next day."
e2e_wait_for "Looks like a phone number: 0300 123 4567"
e2e_keys C-o
e2e_wait_for "the duty line"
e2e_wait_gone "Looks like"
e2e_keys Escape
e2e_wait_for "Audit overview"

# The Briefing screen: both findings open, the file refused.
e2e_keys e
e2e_wait_for "Possible identifiers: 2 open, 0 accepted"
e2e_wait_for "OPEN: case reference that may be a name \"Jayden Smith\""
e2e_keys w
e2e_wait_for "2 possible identifiers are open"
[ -z "$(ls "$E2E_DIR/out")" ] || e2e_fail "a briefing was written with open findings"

# Accept the selected one (the case reference) with a reason, then the phone number.
e2e_keys a
e2e_wait_for "Why:"
e2e_type "A made-up name in the training pack"
e2e_keys Enter
e2e_wait_for "Accepted by Jo Chair; 1 still open"
e2e_wait_for "accepted by Jo Chair: case reference"
# The other from the command line, a second maca on the same database: the screen follows.
id=$(maca findings list 1 2>/dev/null | awk '$2 == "open" {print $1}')
[ -n "$id" ] || e2e_fail "findings list shows no open finding"
maca findings accept 1 "$id" --reason "The council's published duty line" >/dev/null
e2e_wait_for "Possible identifiers: all 2 accepted"
e2e_keys w
e2e_wait_for "Write the briefing where?"
e2e_keys Enter
e2e_wait_for "Wrote the briefing to"
e2e_wait_for "$E2E_DIR/out/briefing-"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"

e2e_expect_sql "SELECT count(*) FROM good_practice WHERE text LIKE '%0300 123 4567%'" 1
e2e_expect_sql "SELECT group_concat(record || ':' || field || ':' || match || ':' || author || ':' || reason, '|') FROM (SELECT * FROM disclosure_acceptance ORDER BY id)" \
	"case:reference:Jayden Smith:Jo Chair:A made-up name in the training pack|good-practice:text:0300 123 4567:Jo Chair:The council's published duty line"
e2e_expect_sql "SELECT group_concat(source, '|') FROM (SELECT source FROM history WHERE field = 'disclosure-accepted' AND author = 'Jo Chair' ORDER BY id)" "keyboard|command line"
f=$(ls "$E2E_DIR"/out/briefing-*.md)
[ "$(stat -c %a "$f")" = 600 ] || e2e_fail "the briefing is not private"
grep -q "0300 123 4567" "$f" || e2e_fail "the accepted text is not in the briefing"
e2e_pass
