#!/bin/sh
# maca's Word reference document (made at build time by scripts/make-reference-docx) is
# maca's own: exactly the parts written for maca, nothing of pandoc's default reference
# document (which is GPL), and pandoc writes a briefing with it in maca's styles, on A4,
# with maca's page numbers.
# usage: reference-docx.sh BUILT_REFERENCE.docx SOURCE_DIR
set -u
docx=$1 src=$2
res=$src/src/core/publish/resources
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "reference-docx: $*" >&2
	status=1
}
# unzip reads [ and ] in a name as a pattern.
part() { unzip -p "$1" "$(printf '%s' "$2" | sed 's/\[/\\[/g; s/\]/\\]/g')" 2>/dev/null; }

entries=$(unzip -Z1 "$docx" | sort | tr '\n' ' ')
want='[Content_Types].xml _rels/.rels word/_rels/document.xml.rels word/document.xml word/footer1.xml word/styles.xml '
[ "$entries" = "$want" ] || fail "$docx holds $entries; want only $want"
for p in document:word/document.xml styles:word/styles.xml footer:word/footer1.xml; do
	part "$docx" "${p#*:}" >"$tmp/part"
	cmp -s "$tmp/part" "$res/reference-${p%%:*}.xml" ||
		fail "${p#*:} is not resources/reference-${p%%:*}.xml"
done

# Nothing of pandoc's default: no part the same, and no style the same, spacing aside.
pandoc -o "$tmp/pandoc.docx" --print-default-data-file reference.docx
for p in $(unzip -Z1 "$docx"); do
	part "$docx" "$p" >"$tmp/ours"
	if part "$tmp/pandoc.docx" "$p" >"$tmp/theirs" && cmp -s "$tmp/ours" "$tmp/theirs"; then
		fail "$p is pandoc's own"
	fi
done
styles() {
	part "$1" word/styles.xml | tr -d ' \t\n' | sed 's#</w:style>#&\n#g' |
		grep -o '<w:style[ >].*</w:style>' | sort
}
styles "$tmp/pandoc.docx" >"$tmp/theirs"
styles "$docx" >"$tmp/ours"
same=$(comm -12 "$tmp/ours" "$tmp/theirs" | wc -l)
[ "$same" -eq 0 ] || fail "$same styles are pandoc's default ones"

# pandoc uses it: maca's styles (dark blue headings, en-GB), an A4 page, page numbers.
printf '# Title\n\n## Part\n\nText with a [link](https://example.org).\n\n| A | B |\n|---|---|\n| 1 | 2 |\n' \
	>"$tmp/t.md"
pandoc "$tmp/t.md" --reference-doc="$docx" -o "$tmp/t.docx" 2>"$tmp/err" ||
	fail "pandoc refused it: $(cat "$tmp/err")"
part "$tmp/t.docx" word/styles.xml >"$tmp/styles.xml"
grep -q 'w:val="en-GB"' "$tmp/styles.xml" || fail "the document is not en-GB"
grep -q '<w:color w:val="1D3A5F"' "$tmp/styles.xml" || fail "the headings are not maca's blue"
part "$tmp/t.docx" word/document.xml | grep -q '<w:pgSz w:h="16838" w:w="11906"' ||
	fail "the page is not A4"
part "$tmp/t.docx" word/footer1.xml | grep -q 'NUMPAGES' || fail "no page numbers"
[ $status -ne 0 ] || echo "reference.docx is maca's own, and pandoc writes with it"
exit $status
