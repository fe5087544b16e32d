#!/usr/bin/env bash
# Editing keys (issue 17, item 6): readline's Ctrl-A, Ctrl-E, Ctrl-W, Ctrl-U, Ctrl-K and word
# moves (Alt-b, Alt-f, Ctrl-Left, Ctrl-Right) in a form's field, in the evidence editor and
# in a prompt; Home, End, PgUp and PgDn in the lists, the pick list and a form's choices.
. "$(dirname "$0")/lib.sh"

e2e_start 80x24
e2e_demo_overview

# A one-line field: the case form's reference.
e2e_keys c
e2e_wait_for "Reference"
e2e_keys a
e2e_wait_for "Case reference"
e2e_type "Child one two three"
e2e_keys C-w                 # "Child one two "
e2e_keys M-b C-k             # "Child one "
e2e_keys C-a
e2e_type "Sibling "          # "Sibling Child one "
e2e_keys C-e
e2e_type "G"                 # "Sibling Child one G"
e2e_keys C-Left C-Left
e2e_type "Z"                 # "Sibling Child Zone G"
e2e_keys C-Right M-f
e2e_type "H"                 # "Sibling Child Zone GH"
e2e_wait_for "Sibling Child Zone GH"
# The choices of a form: End and Home move through them, PgDn a page.
e2e_keys Tab
e2e_wait_for "Under 1"
e2e_keys End Space
e2e_keys Home PgDn PgUp
e2e_keys F2
e2e_wait_for "Added the case"
e2e_expect_sql "SELECT reference || '|' || age_band FROM audit_case ORDER BY id DESC LIMIT 1" \
	"Sibling Child Zone GH|16-17"

# Lists: End, Home, PgDn and PgUp on the cases. The list shows every reference too: the case
# form (its field line) is what says which case the key selected.
case_form() {
	local i
	for i in $(seq 1 100); do
		e2e_screen | grep -qE "Case reference \*  +$1\$" && return 0
		sleep 0.1
	done
	e2e_fail "$2"
}
e2e_keys End e
case_form "Sibling Child Zone GH" "End did not select the last case"
e2e_keys Escape
e2e_wait_gone "Case reference"
e2e_keys Home e
case_form "Child A" "Home did not select the first case"
e2e_keys Escape
e2e_wait_gone "Case reference"
e2e_keys PgDn e
case_form "Sibling Child Zone GH" "PgDn did not go down a page"
e2e_keys Escape
e2e_wait_gone "Case reference"
e2e_keys PgUp e
case_form "Child A" "PgUp did not go up a page"
e2e_keys Escape
e2e_wait_gone "Case reference"
e2e_keys Escape
e2e_wait_for "Audit overview"

# The pick list: End picks the last agency, PgUp and Home go back to the first.
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys End Enter
e2e_wait_for "Child A  ·  Domestic abuse service"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys End PgUp Enter
e2e_wait_for "Child A  ·  Children's social care"

# The evidence editor, several lines: Ctrl-A and Ctrl-E are the line's, Ctrl-U and Ctrl-K
# clear before and after the cursor, Ctrl-W the word before it.
e2e_keys End   # the last item of the walk: the last section's recommendations
e2e_keys Tab
e2e_wait_for "Type to edit"
e2e_keys C-a C-k C-u C-k C-u C-k
e2e_type "first second third"
e2e_keys Enter
# Text and Alt-b in one write (maca behind the typing): Alt-b is still a word back, not an Esc
# that closes the editor.
e2e_type_keys "next line" M-b C-w # "next " goes: the word before the cursor
e2e_keys C-e
e2e_type " end"
e2e_keys Up C-e C-w
e2e_type "3rd"
e2e_keys Escape
e2e_keys Home
e2e_wait_for "question 1 of"
e2e_expect_sql "SELECT text FROM section_note WHERE section_id = 'unborn' AND prompt_id = 'recommendations'" \
	"$(printf 'first second 3rd\nline end')"
e2e_keys Escape
e2e_wait_for "Audit overview"

# A prompt (a progress note): Ctrl-U clears what was typed, Alt-b and Ctrl-K edit it.
e2e_keys t
e2e_wait_for "Progress notes"
e2e_keys End
e2e_keys p
e2e_wait_for "Progress note for action"
e2e_type "a wrong note"
e2e_keys C-u
e2e_type "Training booked for May"
e2e_keys M-b M-b C-k
e2e_type "in spring"
e2e_keys Enter
e2e_wait_gone "Note: Training" # the prompt closed: the note is saved (it showed while typed)
e2e_expect_sql "SELECT reason FROM history WHERE field = 'action-status' ORDER BY id DESC LIMIT 1" \
	"Training booked in spring"
# The tracker's list: Home goes back to the first action.
e2e_keys Home
e2e_wait_for "Progress notes for action 1.2"
e2e_keys Escape
e2e_wait_for "Audit overview"

# Moderation's questions, in the section's grid (=): End selects the section's last, Home
# the first (the selected row is drawn in reverse video).
selected_row() {
	e2e_screen_sgr | grep -E $'\e\\[[0-9;]*7m(\e\\[[0-9;]*m)* ?[0-9]\\. ' |
		grep -oE '[0-9]\. [A-Z][a-z]+' | head -1
}
e2e_keys m
e2e_wait_for "Child A · 1 of 7"
# wait_selected ROW WHY: waits up to 10 s for ROW to be the selected one ("Agreed" is on
# moderation's screen before the grid too, and a key's effect is drawn when maca gets to it).
wait_selected() {
	local i
	for i in $(seq 1 100); do
		[ "$(selected_row)" = "$1" ] && return 0
		sleep 0.1
	done
	e2e_fail "$2: $(selected_row)"
}
e2e_keys =
e2e_wait_for "Question            " # the grid's header
wait_selected "1. Was" "moderation starts elsewhere"
e2e_keys End
wait_selected "5. Did" "End did not select the last question"
e2e_keys PgUp
wait_selected "1. Was" "PgUp did not go up a page"
e2e_pass
