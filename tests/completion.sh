#!/usr/bin/env bash
# Sources the bash completion and checks what it offers, with COMP_WORDS and COMP_CWORD set
# as bash sets them, against a temporary database with two audits.
# Usage: completion.sh MACA_BINARY COMPLETION_FILE
set -eu
maca_bin=$1
completion=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/maca-completion-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" NO_COLOR=1
mkdir -p "$dir/bin" "$HOME"
ln -s "$maca_bin" "$dir/bin/maca"
export PATH="$dir/bin:$PATH"
maca new domestic-abuse "First audit" >/dev/null
maca new multi-agency-practice "Second audit" >/dev/null
maca --db "$dir/other.db" new domestic-abuse "Only audit elsewhere" >/dev/null
maca --db "$dir/other.db" new domestic-abuse "Second elsewhere" >/dev/null
maca --db "$dir/other.db" new domestic-abuse "Third elsewhere" >/dev/null
touch "$dir/notes.md" "$dir/neglect.ini"

# Interactive shells run completions without -e: so does this test, so that a failing
# command inside the completion shows up as a wrong answer rather than ending the test.
set +e
# shellcheck source=/dev/null
. "$completion"
failures=0

# expect "WANTED WORDS" WORD... : completes the last WORD (the one being typed); COMPREPLY,
# sorted, must be exactly the wanted words.
expect() {
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_maca
	local got
	got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ')
	got=${got% }
	if [ "$got" != "$want" ]; then
		echo "FAIL: maca ${*:2}: want [$want], got [$got]" >&2
		failures=$((failures + 1))
	fi
}

expect "action actions backup briefing case check check-db compare export findings good-practice import learning list new report restore room show templates" maca ""
expect "export" maca ex
expect "--db" maca --d
expect "--config --db --help --version" maca --
expect "action actions backup briefing case check check-db compare export findings good-practice import learning list new report restore room show templates" maca --db "$dir/other.db" ""
expect "1 2" maca room ""
expect "" maca room 1 ""
expect "domestic-abuse" maca new d
expect "domestic-abuse multi-agency-practice" maca new ""
expect "" maca new domestic-abuse ""
expect "--agencies" maca new domestic-abuse "T" --a
expect "add" maca case ""
expect "1 2" maca case add ""
expect "--age" maca case add 1 "Child A" --ag
expect "actions briefing cases csv pack return" maca export ""
expect "1 2" maca export briefing ""
expect "1 2 3" maca --db "$dir/other.db" export csv ""
expect "--force --format" maca export briefing 1 --f
expect "docx html md pdf" maca export briefing 1 --format ""
expect "seven-minute standard" maca export briefing 1 --layout ""
expect "$dir/notes.md" maca export briefing 1 -o "$dir/no"
expect "$dir/notes.md" maca export csv --force --output "$dir/no"
expect "--excel" maca export csv 2 --e
expect "$dir/neglect.ini" maca check "$dir/neg"
expect "$dir/neglect.ini" maca check "$dir/notes.md" "$dir/neg"
expect "$dir/neglect.ini" maca new "$dir/neg"
expect "--ids" maca list --
expect "--ids" maca templates --i
expect "set" maca action ""
expect "accept list withdraw" maca findings ""
expect "1 2" maca findings accept ""
expect "--reason" maca findings accept 1 3fa9c2d1 --r
expect "--encrypt" maca export return 1 --e
expect "csv maca xlsx" maca export pack 1 --format ""
expect "--replace" maca import --r
expect "1 2" maca compare 1 ""
expect "--reaudit-of" maca new domestic-abuse T --r
expect "--since" maca report --s
expect "--note" maca action set 3 done --n
expect "csv md" maca export actions --format ""
expect "1 2" maca actions --audit ""
expect "in-progress" maca actions --status in

# Made from the command table: every option of every command, --paths and -o alone included.
expect "--ids --paths" maca templates --
expect "-o" maca backup -
expect "1 2" maca export briefing --output x --format md ""

# The completion and maca's own help agree: each command's synopsis options are offered, and
# each command `maca --help` lists is completed.
for cmd in "${!_maca_options[@]}"; do
	# shellcheck disable=SC2086 # the command's words
	synopsis=$(maca $cmd --help | sed -n 's/^usage: maca //p')
	for opt in $(grep -oE '(^|[[ |])--?[a-z][-a-z]*' <<<"$synopsis" | tr -d '[ |'); do
		if [[ " ${_maca_options[$cmd]} " != *" $opt "* ]]; then
			echo "FAIL: maca $cmd: $opt is in its --help but not completed" >&2
			failures=$((failures + 1))
		fi
	done
done
# The group names take the first 13 columns of each line of commands.
for word in $(maca --help | grep '^  [A-Z]' | cut -c14- | tr ',' '\n' | awk '{print $1}'); do
	if [[ " $_maca_commands " != *" $word "* ]]; then
		echo "FAIL: maca --help lists $word, which is not completed" >&2
		failures=$((failures + 1))
	fi
done

if [ "$failures" -ne 0 ]; then
	echo "$failures completion case(s) failed" >&2
	exit 1
fi
echo "completion: all cases passed"
