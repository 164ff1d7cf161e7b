#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build bench/tui-bench (bench/tui.c) with -O2 and run it: moot's
# full-screen interface in a pseudo-terminal of 80x24, on the demo
# community and on a big database (1,000,000 events, 100,000 proposals
# by default): time to the first complete frame, keystroke to frame for
# j and PageDown, and memory after scrolling, with the big/demo ratios.
# The big database is kept in $TMPDIR as moot-bench-1m.db (other sizes:
# moot-bench-EVENTS-PROPOSALS.db) and reused while it holds what was
# asked; building it takes a minute or so. Prints figures; asserts
# nothing. Needs ./configure to have been run, and Linux (/proc).
#
# usage: bench/tui.sh [-f] [-n EVENTS] [-p PROPOSALS] [-k KEYS]
#                     [-r RUNS] [-t SECONDS]
#   -f  build the big database again     -k  presses of j a run (200;
#   -r  runs on each database (3)            and a tenth as many PageDown)
#   -t  deadline of each run (30)
#   MOOT: the moot to measure (default: src/moot, built here)
#   CFLAGS: the compiler flags (default -O2)
#   TMPDIR: where the databases go (default /tmp)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
n=1000000
p=100000
args=
usage() {
	echo "usage: $0 [-f] [-n EVENTS] [-p PROPOSALS] [-k KEYS]" \
	    "[-r RUNS] [-t SECONDS]" >&2
	exit 2
}
while getopts fk:n:p:r:t: opt; do
	case $opt in
	f) args="$args -f" ;;
	n) n=$OPTARG ;;
	p) p=$OPTARG ;;
	k|r|t) args="$args -$opt $OPTARG" ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage

make -C "$top" -s bench/tui-bench CFLAGS="${CFLAGS:--O2}"
if [ -z "${MOOT:-}" ]; then
	make -C "$top" -s src/moot CFLAGS="${CFLAGS:--O2}"
	MOOT=$top/src/moot
fi

if [ "$n" = 1000000 ] && [ "$p" = 100000 ]; then
	db=${TMPDIR:-/tmp}/moot-bench-1m.db
else
	db=${TMPDIR:-/tmp}/moot-bench-$n-$p.db
fi
# shellcheck disable=SC2086
exec "$top/bench/tui-bench" -m "$MOOT" -n "$n" -p "$p" $args "$db"
