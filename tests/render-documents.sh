#!/bin/sh
# Renders the briefing of the fixture test_document leaves behind (document-fixture.db: the
# demo audit 1, an audit on a Red/Amber/Green scale 2) as HTML, Word and PDF with the real
# maca, pandoc and weasyprint, and checks what a reader, a screen reader and an inspector
# would: the text and pages of the PDF (pdftotext, pdfinfo), the Word document's chart
# images and their alternative text (unzip -p), the HTML's language, title and alternative
# text; that the engines' chatter stays off the terminal; that a missing engine is named.
# wkhtmltopdf, the fallback, is tried when it is installed.
# usage: render-documents.sh MACA FIXTURE.db
set -u
maca=$1 db=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
status=0
fail() {
	echo "render-documents: $*" >&2
	status=1
}
has() { grep -q -- "$2" "$1" || fail "$1 lacks: $2"; }
lacks() { ! grep -q -- "$2" "$1" || fail "$1 has: $2"; }

# One export; maca prints the path and nothing else (no progress bars, no warnings).
export_as() {
	audit=$1 format=$2 out=$3
	shift 3
	if ! "$maca" --db "$db" "$@" export briefing "$audit" --format "$format" -o "$out" \
		>"$tmp/stdout" 2>"$tmp/stderr"; then
		fail "export briefing $audit --format $format failed: $(cat "$tmp/stderr")"
		return 1
	fi
	[ "$(cat "$tmp/stdout")" = "$out" ] || fail "$format: printed $(cat "$tmp/stdout")"
	[ ! -s "$tmp/stderr" ] || fail "$format: said on standard error: $(cat "$tmp/stderr")"
	[ "$(stat -c %a "$out")" = 600 ] || fail "$out is not private"
}

# HTML: one file, its language, title, the charts inline with their alternative text,
# table headers, headings in order (h1, then h2, h3 each under the one before).
html=$tmp/rag.html
if export_as 2 html "$html"; then
	has "$html" '<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB"'
	has "$html" '<title>Briefing of our learning: Early help, autumn</title>'
	has "$html" 'alt="Bar chart: The referral and the response to it, the 8 cases by agreed grade. Green: 4. Amber: 3. Red: fewer than 3. Not known: fewer than 3."'
	has "$html" 'src="data:image/svg+xml;base64,'
	has "$html" '<li>children missing education</li>'
	lacks "$html" '<script'
	lacks "$html" 'src="http'
	levels=$(grep -o '<h[1-6]' "$html" | tr -d '<h' | tr '\n' ' ')
	prev=0
	for l in $levels; do
		[ "$l" -le $((prev + 1)) ] || fail "heading h$l after h$prev: $levels"
		prev=$l
	done
fi

# Tables keep their header row (the demo's action plan).
if export_as 1 html "$tmp/demo.html"; then
	has "$tmp/demo.html" '<th>Learning point</th>'
	has "$tmp/demo.html" 'alt="Bar chart: Voice of the child, the 6 cases by agreed grade.'
fi

# Word: the reference document's page and styles, three charts as pictures with their
# alternative text, the table's header row marked.
docx=$tmp/rag.docx
if export_as 2 docx "$docx"; then
	unzip -p "$docx" word/document.xml >"$tmp/document.xml"
	has "$tmp/document.xml" 'descr="Bar chart: The voice of the child, the 8 cases by agreed grade. Green: 4. Amber: 3. Red: fewer than 3. Not known: fewer than 3."'
	has "$tmp/document.xml" '<pic:pic'
	has "$tmp/document.xml" '<w:pgSz w:h="16838" w:w="11906" />'
	has "$tmp/document.xml" '<w:footerReference'
	n=$(unzip -l "$docx" | grep -c 'word/media/.*\.png')
	[ "$n" -eq 3 ] || fail "$docx has $n chart images, want 3"
	unzip -p "$docx" word/styles.xml | grep -q 'w:val="en-GB"' || fail "$docx is not en-GB"
fi

# PDF: A4, tagged, the partnership at the head of the second page, page numbers, the
# scale's words, on two pages.
pdf=$tmp/rag.pdf
if export_as 2 pdf "$pdf"; then
	pdfinfo "$pdf" >"$tmp/info"
	has "$tmp/info" 'Pages: *2$'
	has "$tmp/info" 'Tagged: *yes'
	has "$tmp/info" 'Page size: *595.* x 841.* pts (A4)'
	has "$tmp/info" 'Title: *Briefing of our learning: Early help, autumn'
	pdftotext -layout "$pdf" "$tmp/rag.txt"
	has "$tmp/rag.txt" 'Briefing of our learning (October 2025)'
	has "$tmp/rag.txt" 'Of the 8 cases, 4 were graded Green and 3 Amber.'
	has "$tmp/rag.txt" 'fewer than 3'
	has "$tmp/rag.txt" 'Page 1 of 2'
	pdftotext -f 2 -l 2 "$pdf" - | head -1 | grep -q 'Anytown Safeguarding Children Partnership' ||
		fail "$pdf: page 2 does not start with the partnership's name"
	pdftotext -f 1 -l 1 "$pdf" - | head -1 | grep -q 'Briefing of our learning' ||
		fail "$pdf: page 1 starts with a running head"
fi

# The demo audit, both layouts, on the Ofsted scale.
for layout in standard seven-minute; do
	demo=$tmp/demo-$layout.pdf
	"$maca" --db "$db" export briefing 1 --layout "$layout" --format pdf -o "$demo" \
		--force >/dev/null 2>"$tmp/stderr" || fail "demo $layout: $(cat "$tmp/stderr")"
	pages=$(pdfinfo "$demo" | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 2 ] && [ "${pages:-0}" -le 5 ] || fail "demo $layout: $pages pages"
	pdftotext "$demo" - | tr '\n' ' ' | grep -q 'Requires improvement to be good' ||
		fail "demo $layout: no grade in the scale's words"
done

# No PDF engine on PATH: named, nothing written.
mkdir "$tmp/bin"
ln -s "$(command -v pandoc)" "$tmp/bin/pandoc"
if PATH="$tmp/bin" "$maca" --db "$db" export briefing 2 --format pdf -o "$tmp/none.pdf" \
	>/dev/null 2>"$tmp/stderr"; then
	fail "a PDF without an engine"
fi
has "$tmp/stderr" 'needs weasyprint, which is not installed; install it with: apt-get install weasyprint'
[ ! -e "$tmp/none.pdf" ] || fail "$tmp/none.pdf written without an engine"

# The fallback, when installed: the same document through wkhtmltopdf (Debian's prints no
# page head or foot: it lacks the patched Qt they need).
if command -v wkhtmltopdf >/dev/null 2>&1; then
	mkdir -p "$tmp/config/maca"
	printf '[publish]\npdf_engine = wkhtmltopdf\n' >"$tmp/config/maca/maca.ini"
	if export_as 2 pdf "$tmp/wk.pdf"; then
		pdftotext "$tmp/wk.pdf" "$tmp/wk.txt"
		has "$tmp/wk.txt" 'Of the 8 cases, 4 were graded Green and 3 Amber.'
		head -1 "$tmp/wk.txt" | grep -q 'Briefing of our learning' ||
			fail "wkhtmltopdf: the running head printed as the first line"
		pdfinfo "$tmp/wk.pdf" | grep -q 'A4' || fail "wkhtmltopdf: not A4"
	fi
	rm "$tmp/config/maca/maca.ini"
else
	echo "render-documents: wkhtmltopdf is not installed; its fallback was not tried"
fi

[ "$status" -eq 0 ] && echo "rendered HTML, Word and PDF briefings: all checks passed"
exit "$status"
