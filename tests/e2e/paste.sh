#!/usr/bin/env bash
# Paste (issue 17, item 5): with bracketed paste, pasted tabs and newlines are text, never
# keys (no jump to the next field, no ticked choice); a paste past a field's limit is refused
# whole, naming the limit; evidence takes pages; where there is no text field a paste does
# nothing but say so.
. "$(dirname "$0")/lib.sh"

maca() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
# paste TEXT: as the terminal pastes it, between the bracketed-paste markers maca asked for.
paste() {
	printf '%s' "$1" >"$E2E_DIR/paste"
	tmux -L "$E2E_SOCKET" load-buffer "$E2E_DIR/paste"
	tmux -L "$E2E_SOCKET" paste-buffer -p -d
	sleep 0.3
}

maca new domestic-abuse "Paste audit" --date 2025-03-01 >/dev/null
maca case add 1 "Child A" >/dev/null

e2e_start 80x24
e2e_answer_first "Paste audit"

# Evidence: a tab and new lines land in the text; the editor stays open.
e2e_keys Tab
e2e_wait_for "Type to edit"
paste "$(printf 'Contact record\tday 1\nStrategy meeting\tday 3\n\tthe end')"
e2e_wait_for "Strategy meeting day 3"
e2e_wait_for "Type to edit"
e2e_keys Escape Down
e2e_wait_for "question 2 of"
e2e_expect_sql "SELECT evidence FROM answer WHERE question_id = (SELECT question_id FROM answer ORDER BY id LIMIT 1)" \
	"$(printf 'Contact record\tday 1\nStrategy meeting\tday 3\n\tthe end')"

# Pages of evidence (about 60,000 characters) go in whole.
e2e_keys Tab
e2e_wait_for "Type to edit"
long=$(for i in $(seq 1 600); do printf 'Line %03d of the chronology: the school and the health visitor met. ' "$i"; done)
paste "$long"
e2e_keys Escape Up
e2e_wait_for "question 1 of"
e2e_expect_sql "SELECT max(length(evidence)) FROM answer" "${#long}"

# Off the editor, on the walk itself, a paste is refused: no pasted letter grades anything.
before=$(e2e_sql "SELECT count(*) || ':' || group_concat(value, ',') FROM answer")
paste "ogri"
e2e_wait_for "Nothing was pasted: Tab opens the evidence to paste into"
e2e_expect_sql "SELECT count(*) || ':' || group_concat(value, ',') FROM answer" "$before"
e2e_keys Escape
e2e_wait_for "Audit overview"

# A screen without text fields: nothing happens but the message.
paste "q"
e2e_wait_for "Nothing was pasted: there is no text to edit on this screen"
e2e_wait_for "Audit overview"

# A form: a pasted tab does not move to the next field, a pasted space ticks no choice.
e2e_keys L
e2e_wait_for "Good practice"
e2e_keys p
e2e_wait_for "Agencies"
paste "$(printf 'Health visitor asked\talone\nSame-day referral ')"
e2e_wait_for "Same-day referral"
# Still in the text field: typing goes on after the paste.
e2e_type "made."
e2e_wait_for "Same-day referral made."
# A paste on the choice field below is refused rather than ticking it.
e2e_keys Tab
paste " "
e2e_wait_for "Nothing was pasted: Agencies is a list to choose from, not text"
e2e_keys BTab
# Past the limit (good practice holds 4000 characters): refused whole, the limit named.
paste "$(head -c 4100 /dev/zero | tr '\0' 'x')"
e2e_wait_for "its limit is 4000 characters"
e2e_keys F2
e2e_wait_for "Saved"
e2e_expect_sql "SELECT text || '|' || agencies FROM good_practice" \
	"$(printf 'Health visitor asked\talone\nSame-day referral made.|')"
e2e_pass
