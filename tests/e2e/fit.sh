#!/usr/bin/env bash
# Text that fits (issue 17, item 8): every cut shows an ellipsis, the tracker's header never
# overwrites itself, case references use the width there is, LANG=C draws ASCII instead of
# blanks, a long message wraps instead of being cut, and the status line stays with the
# screen that set it.
. "$(dirname "$0")/lib.sh"

maca() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
line() { e2e_screen | sed -n "$1p"; }

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
# The title does not fit its column at 80: it ends in an ellipsis.
e2e_screen | grep -qE '^ 1 +draft .*SYNTHETIC DEMO — Domestic abuse…$' ||
	e2e_fail "the audit's title is cut without an ellipsis"

# A long reference is shown whole, on the overview and the cases screen.
maca case add 1 "Sibling group North 14" >/dev/null
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_wait_for "Sibling group North 14"
e2e_keys c
e2e_wait_for "Sibling group North 14"
e2e_keys Escape
e2e_wait_for "Audit overview"
# The legend wraps to be read whole (day report item 12), and so does an attendance note.
e2e_wait_for "answered, nothing agreed yet"
e2e_keys A
e2e_wait_for "Agencies and attendance"
e2e_keys n
e2e_type "DSL Mrs P. attended for the first hour only; the deputy covered the afternoon and took the actions back"
e2e_keys Enter
e2e_wait_for "took the actions back"
e2e_keys Escape
e2e_wait_for "Audit overview"

# The status line belongs to the screen that set it: moderation's count stays there.
e2e_keys m
e2e_wait_for "cases moderated"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_screen | grep -q "cases moderated" && e2e_fail "moderation's status followed to the overview"
e2e_keys L
e2e_wait_for "Good practice"
e2e_screen | grep -q "cases moderated" && e2e_fail "moderation's status followed to Learning"
e2e_keys Escape

# The tracker's filters and count share a line without overlapping ("Due: an2 shown").
e2e_keys t
e2e_wait_for "Progress notes"
e2e_keys o w w w
e2e_wait_for "Due: within 30 days"
header=$(line 2)
echo "$header" | grep -qE '^ Owner: Children.s social care   Status: any   Due: within 30 days +[0-9]+ shown$' ||
	e2e_fail "the tracker's header overlaps: '$header'"
e2e_keys Escape
e2e_wait_for "Audit overview"

# Help: a description too long for the window wraps under itself, never cut mid-word.
e2e_keys '?'
e2e_wait_for "Keys of Audit overview"
e2e_wait_for "Open the audit's good practice, learning points and"
e2e_screen | grep -qE '^ {21}actions$' || e2e_fail "help's long line did not wrap"
e2e_keys Escape

# A long error wraps onto a second line instead of being cut ("reopen it first, gi").
e2e_sql "UPDATE audit SET status='closed' WHERE id=1"
e2e_keys r
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "question 1 of"
e2e_keys r Escape
e2e_wait_for "reopen it first,"
e2e_wait_for "giving a reason (key ! on maca's moderation screen)"
e2e_stop

# Wider: a long title is whole.
e2e_start 200x50
e2e_wait_for "SYNTHETIC DEMO — Domestic abuse audit"
e2e_stop

# LANG=C: the dashes, dots, arrows and accents are ASCII, not blanks, and nothing else.
E2E_ENV="LC_ALL=C LANG=C"
e2e_start 80x24
e2e_wait_for "maca - Audits"
e2e_wait_for "SYNTHETIC DEMO - Domestic abuse..."
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys a
e2e_wait_for "as which agency?"
e2e_keys Enter
e2e_wait_for "Child A  |  Children's social care  |  Answered"
e2e_wait_for "Sian (social worker)"
e2e_wait_for "Up/Down question"
if e2e_screen | LC_ALL=C grep -q '[^ -~]'; then
	e2e_fail "characters outside ASCII under LANG=C"
fi
e2e_pass
