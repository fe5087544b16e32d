#!/bin/sh
# Renders each golden briefing with cmark-gfm and pandoc (reading GFM) and checks that every
# Markdown table came out as an HTML table, that no raw HTML got through, that no URL typed as
# text became a link, and that pandoc can make a Word document of it.
# usage: render-briefing.sh CMARK_GFM PANDOC FILE.md...
set -eu
cmark=$1 pandoc=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for md in "$@"; do
	name=$(basename "$md")
	want=$(grep -c '^| --- ' "$md" || true)
	[ "$want" -gt 0 ] || { echo "$name: no tables to check" >&2; status=1; }
	"$cmark" -e table -e autolink "$md" >"$tmp/cmark.html"
	"$pandoc" -f gfm -t html "$md" -o "$tmp/pandoc.html"
	for r in cmark pandoc; do
		got=$(grep -o '<table' "$tmp/$r.html" | wc -l)
		if [ "$got" -ne "$want" ]; then
			echo "$name: $r made $got tables, want $want" >&2
			status=1
		fi
		if grep -q '<script' "$tmp/$r.html"; then
			echo "$name: $r let raw HTML through" >&2
			status=1
		fi
		# The hostile text's bare URLs must stay text (GFM's autolink extension is on).
		if grep -q 'href="[^"]*evil\.example' "$tmp/$r.html"; then
			echo "$name: $r made a link of a URL typed as text" >&2
			status=1
		fi
	done
	if ! "$pandoc" -f gfm "$md" -o "$tmp/$name.docx" || [ ! -s "$tmp/$name.docx" ]; then
		echo "$name: pandoc could not make a .docx" >&2
		status=1
	fi
done
[ "$status" -eq 0 ] && echo "rendered $# briefing(s): tables intact, .docx made"
exit "$status"
