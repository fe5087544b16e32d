#!/usr/bin/env bash
# Previews that read like the output (issue 17, item 9): the briefing preview and Then and
# now wrap paragraphs to the window at every width and draw Markdown tables as aligned
# columns (too wide for the window, wrapped in their cells or as records: test_ui_doc), with
# no Markdown marks left; export asks
# where to write, offering the documented default folder, and says where it wrote.
. "$(dirname "$0")/lib.sh"

maca() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
home="$E2E_DIR/home"
mkdir -p "$home"
E2E_ENV="-u XDG_DOCUMENTS_DIR HOME=$home"

e2e_start 80x24
e2e_demo_overview
e2e_keys e
e2e_wait_for "Briefing of our learning (May 2025)"
# Paragraphs wrap at 80: a sentence that runs past the edge continues on the next line.
e2e_wait_for " This audit is a synthetic demonstration. Every case, answer, note and name in"
e2e_wait_for " it is invented: none is about a real child, family or practitioner. It shows"
e2e_screen | grep -qE '^ (#|\*\*)' && e2e_fail "Markdown marks in the preview"
# The findings: per section, how many cases reached each grade (the briefing publishes no
# case's own grades), a small table drawn as aligned columns.
# Each scroll is seen to land before the next key, or the loops overshoot under load.
for i in $(seq 1 12); do e2e_keys PgDn; done
e2e_keys End
# End shows a screenful ending with the briefing's last line, as less does: the helpline's
# address at the foot of the view (row 21, above the status rows), the resources before it
# above, not the last line alone at the top.
last='   <https://www.nationaldahelpline.org.uk>'
for i in $(seq 1 100); do
	[ "$(e2e_screen | sed -n '21p')" = "$last" ] && break
	sleep 0.1
done
[ "$(e2e_screen | sed -n '21p')" = "$last" ] ||
	e2e_fail "End did not end the view with the briefing's last line"
e2e_screen | sed -n '20p' | grep -qF ' • National Domestic Abuse Helpline' ||
	e2e_fail "End did not fill the view with what comes before the last line"
e2e_screen | sed -n '8,12p' | grep -qF "$last" && e2e_fail "End left the last line alone at the top"
for i in $(seq 1 40); do
	e2e_screen | grep -qF "Findings at a glance" && break
	e2e_step PgUp
done
e2e_wait_for "Findings at a glance"
for i in $(seq 1 20); do
	e2e_screen | grep -qE '^ Not yet agreed +4' && break
	e2e_step Down
done
e2e_screen | grep -qE '^ Grade +Cases' || e2e_fail "no aligned findings table at 80 columns"
e2e_screen | grep -qE '^ Requires improvement to be good +fewer than 3' ||
	e2e_fail "findings rows not aligned, or a small count shown"
e2e_screen | grep -qE '^ Not yet agreed +4' || e2e_fail "no count of cases not yet agreed"
e2e_screen | grep -qF '| ---' && e2e_fail "a raw table in the preview"

# Wide: the action plan as aligned columns, a paragraph on one line.
e2e_resize 200x50
e2e_keys Home
e2e_wait_for " This audit is a synthetic demonstration. Every case, answer, note and name in it is invented: none is about a real child, family or practitioner."
for i in $(seq 1 80); do
	e2e_screen | grep -qE '^ 1\. Name coercive' && break
	e2e_step Down
done
e2e_screen | grep -qE '^ Learning point +Action +Owner +Due +Status' || e2e_fail "no aligned table at 200 columns"
e2e_screen | grep -qE '^ 1\. Name coercive .* +Police +30 September 2025 +In progress' ||
	e2e_fail "table rows not aligned"
e2e_resize 80x24

# Writing asks where, offering ~/Documents/maca and the briefing's name; says where it wrote.
e2e_keys w
e2e_wait_for "Write the briefing where?"
e2e_wait_for "File: $home/Documents/maca/briefing-"
e2e_keys Enter
e2e_wait_for "Wrote the briefing to"
e2e_wait_for "$home/Documents/maca/briefing-"
file=$(ls "$home"/Documents/maca/briefing-*.md)
[ "$(stat -c %a "$file")" = 600 ] || e2e_fail "the briefing is not private"
[ "$(stat -c %a "$home/Documents/maca")" = 700 ] || e2e_fail "the folder is not private"
grep -q "^# Briefing of our learning" "$file" || e2e_fail "the file is not the briefing's Markdown"
# Somewhere else: the answer edited.
e2e_keys w
e2e_wait_for "Write the briefing where?"
e2e_keys C-u
e2e_type "$E2E_DIR/for-the-board.md"
e2e_keys Enter
e2e_wait_for "Wrote the briefing to"
e2e_wait_for "$E2E_DIR/for-the-board.md"
[ -f "$E2E_DIR/for-the-board.md" ] || e2e_fail "not written where asked"
e2e_keys Escape
e2e_wait_for "Audit overview"
e2e_stop

# Then and now: the comparison's table aligned, its headings without #, its grid kept.
maca new domestic-abuse "DA re-audit" --reaudit-of 1 --date 2026-03-01 >/dev/null
E2E_ENV=""
e2e_start 80x24
e2e_wait_for "DA re-audit"
e2e_keys End Enter
e2e_wait_for "Audit overview"
e2e_keys C
e2e_wait_for "Then and now"
e2e_wait_for " Re-audit compared with the earlier audit"
e2e_wait_for " Section                 Average then  Average now  Direction    Questions"
e2e_screen | grep -qF '| ---' && e2e_fail "a raw table on Then and now"
e2e_screen | grep -qE '^ #' && e2e_fail "a raw heading on Then and now"
e2e_keys PgDn PgDn PgDn
e2e_wait_for "  Requires improvement to be good  2 ##"
e2e_screen | grep -qF '```' && e2e_fail "a code fence on Then and now"
e2e_pass
