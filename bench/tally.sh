#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Count the same 100,000 ballots x 20 options with moot (bench/tally.c)
# and with the `votes` package from the npm registry (bench/tally-votes.js),
# and print both times side by side and whether the winners agree. The
# npm package goes into a temporary directory that is removed afterwards.
# Prints figures; asserts nothing.
#
# usage: bench/tally.sh [-n BALLOTS] [--no-js] [--no-js-irv]
#   CC, CFLAGS: the compiler and flags (default cc, -O2)
#   The JavaScript IRV takes about a minute on 100k ballots.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
n=100000
js=yes
jsirv=yes
while [ $# -gt 0 ]; do
	case "$1" in
	-n) n=$2; shift 2 ;;
	--no-js) js=no; shift ;;
	--no-js-irv) jsirv=no; shift ;;
	*) echo "usage: $0 [-n BALLOTS] [--no-js] [--no-js-irv]" >&2; exit 2 ;;
	esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

${CC:-cc} -std=gnu11 -D_GNU_SOURCE ${CFLAGS:--O2} -I"$top/include" \
    "$top/src/core/util.c" "$top/src/core/tally.c" \
    "$top/src/core/tally-simple.c" "$top/src/core/tally-schulze.c" \
    "$top/src/core/tally-irv.c" "$top/src/core/tally-stv.c" \
    "$top/bench/tally.c" -ljansson -o "$tmp/tally"
"$tmp/tally" -n "$n" -o "$tmp/ballots.txt" | tee "$tmp/c.out"

if [ "$js" = yes ] && command -v node >/dev/null 2>&1 &&
    command -v npm >/dev/null 2>&1; then
	if (cd "$tmp" && npm install --silent --no-audit --no-fund \
	    --prefix "$tmp" votes@3 >/dev/null 2>&1); then
		methods=schulze
		[ "$jsirv" = yes ] && methods="schulze irv"
		# shellcheck disable=SC2086
		VOTES_DIR="$tmp" node "$top/bench/tally-votes.js" \
		    "$tmp/ballots.txt" $methods | tee "$tmp/js.out"
	else
		echo "votes (npm): could not install; skipped"
	fi
else
	echo "votes (npm): node or npm not found; skipped"
fi

echo
printf '%-8s %12s %12s %8s  %s\n' method "moot ms" "votes ms" ratio \
    "winners agree"
for m in schulze irv stv3; do
	c=$(awk -v m="$m" '$1 == m { print $3 }' "$tmp/c.out")
	cw=$(awk -v m="$m" '$1 == m { print $NF }' "$tmp/c.out")
	j=-
	jw=-
	if [ -f "$tmp/js.out" ]; then
		j=$(awk -v m="$m" '$1 == m { print $2 }' "$tmp/js.out")
		jw=$(awk -v m="$m" '$1 == m { print $NF }' "$tmp/js.out")
		[ -n "$j" ] || j=-
		[ -n "$jw" ] || jw=-
	fi
	if [ "$j" = - ]; then
		ratio=-
		agree="(no JavaScript count)"
	else
		ratio=$(awk -v a="$j" -v b="$c" \
		    'BEGIN { printf "%.0fx", a / b }')
		if [ "$cw" = "$jw" ]; then
			agree="yes ($cw)"
		else
			agree="NO (moot $cw, votes $jw)"
		fi
	fi
	printf '%-8s %12s %12s %8s  %s\n' "$m" "$c" "$j" "$ratio" "$agree"
done
