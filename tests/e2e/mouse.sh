#!/usr/bin/env bash
# The mouse (issue 17, item 11): a click selects what is under it (a case and a section in the
# overview, a case in the list), the wheel scrolls as Up and Down do, and `mouse = no` in the
# configuration turns it off (maca then asks the terminal for no mouse reports at all).
. "$(dirname "$0")/lib.sh"

# A click of the first button at 0-based column x, row y, as the terminal sends it (X10
# encoding, the pane's terminfo: ESC [ M, then the button, x and y, each plus 32 and 1-based):
# the press, then the release (button 3).
click() {
	local x y
	x=$(printf '%x' $(($1 + 33)))
	y=$(printf '%x' $(($2 + 33)))
	tmux -L "$E2E_SOCKET" send-keys -H 1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y"
}
wheel_down() {
	tmux -L "$E2E_SOCKET" send-keys -H 1b 5b 4d 61 21 21
}
mouse_on() {
	tmux -L "$E2E_SOCKET" display -p '#{mouse_any_flag}'
}

e2e_start 80x24
e2e_wait_for "There are no audits"
e2e_keys d
e2e_wait_for "SYNTHETIC DEMO"
[ "$(mouse_on)" = 1 ] || e2e_fail "maca did not ask for mouse reports"
e2e_keys Enter
e2e_wait_for "Audit overview"
# Child D's row, the third section's cell.
row=$(e2e_screen | grep -n "^ Child D" | cut -d: -f1)
col=$(e2e_screen | grep "^ Case " | awk '{ print index($0, " 3 ") }')
click "$col" "$((row - 1))"
e2e_wait_for "Section 3:"
e2e_keys m
e2e_wait_for "Child D · 4 of 6"
e2e_wait_for "Section 3 of 9"
e2e_keys Escape
e2e_wait_for "Audit overview"
# The cases list: a click on Child B, then the wheel, one row down.
e2e_keys c
# The list's own title: the overview also shows Child F, and a row read from it is not the
# list's.
e2e_wait_for "maca — Cases"
row=$(e2e_screen | grep -n "^ Child B" | cut -d: -f1)
click 3 "$((row - 1))"
e2e_keys h
e2e_wait_for "History of case Child B"
e2e_keys q
e2e_wait_for "Child F"
wheel_down
e2e_keys h
e2e_wait_for "History of case Child C"
e2e_keys q q
e2e_wait_for "MACA-EXITED-0"

# Turned off in the configuration: no mouse reports are asked for.
e2e_stop
mkdir -p "$XDG_CONFIG_HOME/maca"
printf '[maca]\nmouse = no\n' >"$XDG_CONFIG_HOME/maca/maca.ini"
e2e_start 80x24
e2e_wait_for "SYNTHETIC DEMO"
[ "$(mouse_on)" = 0 ] || e2e_fail "mouse = no still asks for mouse reports"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
printf '[maca]\nmouse = maybe\n' >"$XDG_CONFIG_HOME/maca/maca.ini"
out=$("$E2E_MACA" --db "$E2E_DB" list 2>&1) && e2e_fail "a bad mouse value was accepted"
echo "$out" | grep -q "mouse must be yes or no, not 'maybe'" || e2e_fail "said: $out"
e2e_pass
