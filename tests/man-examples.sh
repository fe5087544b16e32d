#!/usr/bin/env bash
# The examples in maca-template(5) must be true: the template, the form and the
# configuration shown there are extracted and checked with maca, and each shell transcript
# is run and its output compared with the page.
# Usage: man-examples.sh MACA_BINARY MAN_PAGE
set -eu
maca_bin=$1
page=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/maca-man-examples-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" LC_ALL=C.UTF-8
mkdir -p "$dir/bin" "$HOME" "$dir/work/audit-templates" "$dir/work/forms"
ln -s "$maca_bin" "$dir/bin/maca"
export PATH="$dir/bin:$PATH"
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Each .EX/.EE block as plain text, one file per block, roff escapes undone.
awk -v out="$dir/block" '
	/^\.EX/ { n++; inside = 1; next }
	/^\.EE/ { inside = 0; next }
	inside {
		gsub(/\\-/, "-"); gsub(/\\&/, ""); gsub(/\\\(aq/, "\047"); gsub(/\\\(dq/, "\"");
		gsub(/\\e/, "\\"); print > (out "." n)
	}' "$page"
found_template=0 found_form=0 found_config=0 transcripts=0
for block in "$dir"/block.*; do
	if grep -q '^\[template\]' "$block"; then
		cp "$block" "$dir/work/audit-templates/neglect.ini"
		found_template=1
	elif grep -q '^\[form\]' "$block"; then
		cp "$block" "$dir/work/forms/case.ini"
		found_form=1
	elif grep -q '^\[maca\]' "$block"; then
		cp "$block" "$dir/work/maca.ini"
		found_config=1
	fi
done
[ $found_template = 1 ] && [ $found_form = 1 ] && [ $found_config = 1 ] ||
	fail "the page lost its template, form or configuration example"
cd "$dir/work"
out=$(maca check audit-templates/neglect.ini forms/case.ini 2>&1) ||
	fail "maca check on the examples: $out"
[ -z "$out" ] || fail "maca check printed: $out"
out=$(maca --config maca.ini list 2>&1) || fail "the configuration example: $out"

# The template and form in use: an audit from the example template, a case through the
# example form with its local field.
mkdir -p "$XDG_CONFIG_HOME/maca"
cp -r audit-templates forms "$XDG_CONFIG_HOME/maca/"
[ "$(maca new neglect "Neglect audit" 2>&1)" = 1 ] || fail "maca new neglect"
[ "$(maca case add 1 "Child A" --age under-5 --tags housing 2>&1)" = 1 ] ||
	fail "maca case add through the example form"

# Shell transcripts: "$ command" lines (with \ continuations), then the expected output.
for block in "$dir"/block.*; do
	head -n1 "$block" | grep -q '^\$ ' || continue
	transcripts=$((transcripts + 1))
	script=$dir/script.sh expected=$dir/expected
	: >"$script"
	: >"$expected"
	cont=0
	while IFS= read -r line; do
		if [ $cont = 1 ] || [ "${line#\$ }" != "$line" ]; then
			[ $cont = 1 ] || line=${line#\$ }
			printf '%s\n' "$line" >>"$script"
			case $line in
			*\\) cont=1 ;;
			*)
				cont=0
				printf '__s=$?; echo @@@; (exit $__s)\n' >>"$script"
				echo @@@ >>"$expected"
				;;
			esac
		else
			# Expected output belongs before the marker of the command it follows.
			sed -i '$d' "$expected"
			printf '%s\n@@@\n' "$line" >>"$expected"
		fi
	done <"$block"
	got=$(bash "$script" 2>&1) || true
	if [ "$got" != "$(cat "$expected")" ]; then
		echo "FAIL: transcript ${block##*.} of $page differs:" >&2
		diff <(cat "$expected") <(printf '%s\n' "$got") >&2 || true
		exit 1
	fi
done
[ $transcripts -ge 2 ] || fail "expected at least two shell transcripts, found $transcripts"
echo "man-examples: template, form, configuration and $transcripts transcripts are true"
