#!/usr/bin/env bash
# The briefing shaped from the interface alone, in an 80x24 window: the SYNTHETIC demo, its
# Briefing screen (e), its parts (p); a part left out, the questions turned on and typed in
# place, the publication date set, a part moved; the seven-minute layout; the file written.
# Then the database and the file are checked.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/maca" "$E2E_DIR/out"
printf '[maca]\nexport_dir = %s\n' "$E2E_DIR/out" >"$XDG_CONFIG_HOME/maca/maca.ini"
e2e_start 80x24
e2e_demo_overview
e2e_keys e
e2e_wait_for "Layout: standard"
e2e_keys p
e2e_wait_for "Briefing parts"
e2e_wait_for "Standard briefing, about"

# The action plan left out (row 10), the questions (row 12) turned on and written.
e2e_keys Home
for i in $(seq 1 14); do e2e_keys Down; done
e2e_keys Space
e2e_wait_for "10 [ ] Action plan"
e2e_keys Down Down Space
e2e_wait_for "12 [x] Questions for teams"
e2e_keys Enter
e2e_wait_for "as Markdown"
e2e_keys Enter
e2e_keys -l -- "- Who in your team will follow this up?"
e2e_keys Escape
e2e_wait_for "Briefing parts"
# Moved up above the resources and further information.
e2e_keys K
e2e_wait_for "11 [x] Questions for teams"

# The publication date: the second row.
e2e_keys Home Down Enter
e2e_wait_for "(empty: the default)"
e2e_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
e2e_type "2025-06"
e2e_keys Enter
e2e_wait_for "2025-06"

# The preview on v, at the top of the briefing.
e2e_keys v
e2e_wait_for " Briefing of our learning (June 2025)"
e2e_keys v

# The seven-minute layout, taken back to the Briefing screen and written.
e2e_keys l
e2e_wait_for "Seven-minute briefing, about"
e2e_keys Escape
e2e_wait_for "Layout: seven-minute briefing"
e2e_keys w
e2e_wait_for "Write the briefing where?"
e2e_keys Enter
e2e_wait_for "Wrote the briefing to"
e2e_keys l
e2e_wait_for "Layout: standard"
e2e_keys w
e2e_wait_for "Write the briefing where?"
e2e_keys Enter
e2e_wait_for "Wrote the briefing to"
# At 80 columns the file's name shows, the start of a long folder cut instead; written to
# another folder, that folder is the one named from then on.
e2e_wait_for "File: "
e2e_wait_for "/out/briefing-"
mkdir -p "$E2E_DIR/else"
e2e_keys w
e2e_wait_for "Write the briefing where?"
e2e_keys C-u
e2e_type "$E2E_DIR/else/"
e2e_keys Enter
e2e_wait_for "Wrote the briefing to"
e2e_keys l
e2e_wait_for "Layout: seven-minute briefing"
e2e_wait_for "/else/briefing-"
e2e_keys l
e2e_wait_for "Layout: standard"
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
ls "$E2E_DIR"/else/briefing-*.md >/dev/null || e2e_fail "nothing written to the other folder"

e2e_expect_sql "SELECT shown FROM briefing_part WHERE layout = 'standard' AND name = 'actions'" 0
e2e_expect_sql "SELECT value FROM briefing_setting WHERE name = 'published'" 2025-06
e2e_expect_sql "SELECT text LIKE '%- Who in your team will follow this up?' FROM briefing_part
	WHERE layout = 'standard' AND name = 'questions'" 1
e2e_expect_sql "SELECT count(*) FROM history WHERE field LIKE 'briefing-%' AND source = 'keyboard'" 5

# The files as the screen showed them: the seven-minute one numbered, the standard one without
# its action plan.
seven=$(ls "$E2E_DIR"/out/briefing-*-7min.md) || e2e_fail "no seven-minute briefing written"
standard=$(ls "$E2E_DIR"/out/briefing-*.md | grep -v -- -7min) || e2e_fail "no briefing written"
grep -q '^# Briefing of our learning (June 2025)$' "$seven" || e2e_fail "seven-minute: no title"
grep -q '^## 1\. Background$' "$seven" || e2e_fail "seven-minute: headings not numbered"
grep -qF 'Who in your team will follow this up?' "$seven" ||
	e2e_fail "seven-minute: not the standard's questions"
grep -q '^## Questions for your team to reflect on$' "$standard" ||
	e2e_fail "standard: no questions"
if grep -q 'Action plan' "$standard"; then e2e_fail "standard: the action plan is still in"; fi
e2e_pass
