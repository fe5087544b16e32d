#!/bin/sh
# The Word reference document maca ships (src/core/publish/resources/reference.docx) must be
# exactly what scripts/make-reference-docx makes from pandoc's default and the styles beside
# it, so that it can be reviewed as text and made again.
# usage: reference-docx.sh SOURCE_DIR
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$src/scripts/make-reference-docx" "$tmp/reference.docx"
if ! cmp -s "$tmp/reference.docx" "$src/src/core/publish/resources/reference.docx"; then
	echo "reference.docx differs from what scripts/make-reference-docx makes; run it and" \
		"commit the result (pandoc $(pandoc --version | head -1))" >&2
	exit 1
fi
echo "reference.docx is what scripts/make-reference-docx makes"
