#!/usr/bin/env bash
# Installs the build into a temporary prefix and runs the installed maca there, in a clean
# environment, to show it finds the installed templates and forms and never the source tree.
# Usage: install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$(cd "$2" && pwd -P)
dir=$(mktemp -d "${TMPDIR:-/tmp}/maca-install-XXXXXX")
trap 'rm -rf "$dir"' EXIT
prefix=$dir/prefix
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

cmake --install "$build" --prefix "$prefix" >"$dir/install.log" || {
	cat "$dir/install.log" >&2
	fail "cmake --install failed"
}
for f in bin/maca share/maca/audit-templates/domestic-abuse.ini \
	share/maca/audit-templates/multi-agency-practice.ini share/maca/forms/audit.ini \
	share/maca/forms/case.ini share/man/man1/maca.1.gz share/man/man5/maca-template.5.gz \
	share/bash-completion/completions/maca share/doc/maca/copyright; do
	[ -f "$prefix/$f" ] || fail "not installed: $f"
done
# Every page in man/ is installed, compressed, in its section.
for page in "$src"/man/*.[1-8]; do
	name=${page##*/}
	[ -f "$prefix/share/man/man${name##*.}/$name.gz" ] || fail "man page not installed: $name"
done

# A clean environment: nothing from the caller's HOME, XDG directories or MACA_* variables.
mkdir -p "$dir/home"
run() {
	env -i PATH=/usr/bin:/bin HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" \
		XDG_DATA_HOME="$dir/data" LC_ALL=C.UTF-8 "$prefix/bin/maca" "$@"
}
real_prefix=$(cd "$prefix" && pwd -P)

out=$(run templates --paths) || fail "maca templates failed"
want="domestic-abuse	$real_prefix/bin/../share/maca/audit-templates/domestic-abuse.ini"
printf '%s\n' "$out" | grep -qxF "$want" || fail "templates --paths: want [$want], got [$out]"
printf '%s\n' "$out" | grep -qF "$src" && fail "the installed maca used the source tree: $out"
run templates | grep -q '^multi-agency-practice ' || fail "maca templates lists no multi-agency-practice"

run check "$prefix"/share/maca/audit-templates/*.ini "$prefix"/share/maca/forms/*.ini ||
	fail "maca check found problems in the installed files"
# check names the installed file it was given when something is wrong there.
printf '[template]\nid = broken\n' >"$prefix/share/maca/audit-templates/broken.ini"
err=$(run templates 2>&1 >/dev/null) || fail "templates failed with a broken file"
case $err in
*"skipped $real_prefix/bin/../share/maca/audit-templates/broken.ini"*) ;;
*) fail "templates did not name the installed broken file: $err" ;;
esac
rm "$prefix/share/maca/audit-templates/broken.ini"

# The installed forms are the ones used: a new audit is checked against forms/audit.ini.
id=$(run new domestic-abuse "Install test audit" --chair police) || fail "maca new failed"
[ "$id" = 1 ] || fail "maca new printed [$id]"
[ "$(stat -c %a "$dir/data/maca/maca.db")" = 600 ] || fail "database not 0600"
run list --ids | grep -qx 1 || fail "maca list --ids does not list audit 1"

# Without the installed share directory the installed maca finds nothing, even though the
# source tree it was built from is still here: the source tree is never its fallback.
mv "$prefix/share/maca" "$prefix/share/maca-away"
err=$(run templates 2>&1) || fail "templates failed without templates"
case $err in
*"no audit templates found"*) ;;
*) fail "with no share directory, templates said: $err" ;;
esac
run new domestic-abuse "Should fail" 2>"$dir/err" && fail "maca new worked with no templates"
# MACA_SHARE_DIR points a maca at another share directory.
out=$(env -i PATH=/usr/bin:/bin HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" \
	MACA_SHARE_DIR="$prefix/share/maca-away" "$prefix/bin/maca" templates --paths)
printf '%s\n' "$out" | grep -qF "$prefix/share/maca-away/audit-templates/domestic-abuse.ini" ||
	fail "MACA_SHARE_DIR not used: $out"
echo "install: all checks passed"
