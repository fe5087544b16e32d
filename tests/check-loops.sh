#!/usr/bin/env bash
# No files of src/ call into each other in a loop: from the compiled objects (nm), which
# file defines each function and which files use it; a loop among them (a file that, call
# by call, reaches itself) is named with the functions that close it. Types and macros a
# header shares are not calls and are not counted. Arguments: the object files.
set -uo pipefail
[ $# -gt 0 ] || {
	echo "usage: check-loops.sh OBJECT..." >&2
	exit 2
}
syms=$(mktemp) || exit 2
trap 'rm -f "$syms"' EXIT
for o in "$@"; do
	# GNU nm: "U name" for what the object uses, "ADDR T name" for what it defines. An
	# object nm cannot read fails the check rather than leaving its calls out.
	f=${o##*/}
	list=$(nm "$o") || {
		echo "check-loops: nm cannot read $o" >&2
		exit 2
	}
	awk -v f="${f%.o}" '
		NF == 2 && $1 == "U" { print "U", f, $2 }
		NF == 3 && $2 ~ /^[TDBR]$/ { print "D", f, $3 }' <<<"$list" >>"$syms"
done
awk '
	$1 == "D" { owner[$3] = $2; next }
	{ uses[NR] = $2 " " $3 }
	END {
		for (i in uses) {
			split(uses[i], u, " ")
			g = owner[u[2]]
			if (g == "" || g == u[1])
				continue
			if (!((u[1], g) in edge)) {
				edge[u[1], g] = u[2]
				out[u[1]] = out[u[1]] " " g
			}
		}
		# Depth first from every file; an edge back to a file on the path is a loop.
		loops = 0
		for (start in out) {
			if (state[start])
				continue
			depth = 1; path[1] = start; state[start] = 1; pos[1] = 0
			while (depth > 0) {
				v = path[depth]
				n = split(out[v], next_of, " ")
				if (pos[depth] >= n) {
					state[v] = 2; depth--
					continue
				}
				w = next_of[++pos[depth]]
				if (state[w] == 1) {
					msg = w
					for (k = depth; k >= 1 && path[k] != w; k--) ;
					for (; k <= depth; k++) {
						nxt = k < depth ? path[k + 1] : w
						msg = msg sprintf(" -(%s)-> %s", edge[path[k], nxt], nxt)
					}
					printf "check-loops: a loop of calls: %s\n", msg > "/dev/stderr"
					loops++
				} else if (!state[w]) {
					depth++; path[depth] = w; state[w] = 1; pos[depth] = 0
				}
			}
		}
		exit loops > 0
	}' "$syms"
status=$?
[ $status -eq 0 ] && echo "check-loops: no files call into each other in a loop ($# objects)"
exit $status
