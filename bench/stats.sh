#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build bench/stats-bench (bench/stats.c) with -O2 and run it: the stats
# query on the demo community and on the big database of bench/tui.sh
# (1,000,000 events, 100,000 proposals, kept in $TMPDIR as
# moot-bench-1m.db), built first with bench/tui-bench -b when missing.
# Prints figures; asserts nothing. Needs ./configure to have been run.
#
# usage: bench/stats.sh [-r RUNS]
#   CFLAGS: the compiler flags (default -O2)
#   TMPDIR: where the big database is (default /tmp)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
db=${TMPDIR:-/tmp}/moot-bench-1m.db
make -C "$top" -s bench/stats-bench CFLAGS="${CFLAGS:--O2}"
if [ ! -f "$db" ]; then
	make -C "$top" -s bench/tui-bench CFLAGS="${CFLAGS:--O2}"
	"$top/bench/tui-bench" -b "$db"
fi
exec "$top/bench/stats-bench" "$@" "$db"
