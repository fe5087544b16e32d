#!/usr/bin/env bash
# The house's rules, checked from the tree (ARCHITECTURE.md explains them):
#  - no folder under src/ holds more than 20 files;
#  - a private header (*_internal.h) is included only from its own folder;
#  - curses only in src/tui, SQLite only in the core folders that own a database file;
#  - every folder of src/core includes only from itself and the folders below it.
# The build enforces the last one too (each core folder is a library that sees only what it
# links); this says it in words when it breaks.
set -uo pipefail
src=${1:?usage: check-layout.sh SRC_DIR}
fail=0
problem() { echo "check-layout: $*" >&2; fail=1; }

while IFS= read -r dir; do
	n=$(find "$dir" -maxdepth 1 -type f | wc -l)
	[ "$n" -le 20 ] || problem "${dir#"$src"/} holds $n files (at most 20)"
done < <(find "$src" -type d)

# Which folder each header lives in.
declare -A home
while IFS= read -r h; do home[$(basename "$h")]=$(dirname "${h#"$src"/}"); done \
	< <(find "$src" -name '*.h')

# What a core folder may include from, beside itself (the order of ARCHITECTURE.md).
declare -A allowed=(
	[core/base]=""
	[core/templates]="core/base"
	[core/store]="core/base core/templates"
	[core/text]="core/base"
	[core/findings]="core/base core/templates core/store core/text"
	[core/publish]="core/base core/templates core/store core/text core/findings"
	[core/returns]="core/base core/templates core/store"
	[core/safety]="core/base core/templates core/store"
	[core/workbook]="core/base core/templates core/store core/returns"
)

while IFS= read -r f; do
	rel=${f#"$src"/}
	dir=$(dirname "$rel")
	while IFS= read -r inc; do
		h=$(basename "$inc")
		owner=${home[$h]:-}
		[ -n "$owner" ] || continue
		if [[ $h == *_internal.h && $owner != "$dir" ]]; then
			problem "$rel includes $h, private to $owner"
		fi
		if [[ -v allowed[$dir] && $owner != "$dir" && $owner == core/* ]]; then
			case " ${allowed[$dir]} " in
			*" $owner "*) ;;
			*) problem "$rel includes $h from $owner, above or beside core folder $dir" ;;
			esac
		fi
	done < <(sed -n 's/^#include "\(.*\)".*/\1/p' "$f")
	if grep -q '#include <n\?cursesw\?\.h>\|#include <ncursesw/' "$f" && [[ $dir != tui* ]]; then
		problem "$rel includes curses outside src/tui"
	fi
	if grep -q '#include <sqlite3.h>' "$f"; then
		case $dir in
		core/store | core/returns | core/safety) ;;
		*) problem "$rel includes sqlite3.h outside the store, returns and safety" ;;
		esac
	fi
done < <(find "$src" -name '*.[ch]')

[ "$fail" -eq 0 ] && echo "check-layout: the house holds"
exit "$fail"
