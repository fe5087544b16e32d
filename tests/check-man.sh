#!/bin/sh
# Formats every man page with groff (and mandoc when installed); any warning fails.
set -eu
dir=$1
status=0
for page in "$dir"/*.[1-8]; do
	out=$(groff -man -ww -z "$page" 2>&1) || status=1
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
		status=1
	fi
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -Tlint -W warning "$page" 2>&1) || status=1
		if [ -n "$out" ]; then
			printf '%s\n' "$out"
			status=1
		fi
	else
		echo "check-man: mandoc not installed; checked $page with groff only"
	fi
done
exit $status
