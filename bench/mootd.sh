#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start src/mootd on a fresh database in a temporary directory and run
# bench/mootd-bench (bench/mootd.c) against it: idle client memory, event
# fan-out to 500 subscribed clients, and durable ballots from 100 clients
# at once next to the one-client, one-fsync-per-ballot baseline. The bench
# is one member (you, the leader who ran init) changing ballots between
# yes and no, so no other accounts are needed. Prints figures; asserts
# nothing. Needs ./configure to have been run. A couple of minutes at most.
#
# usage: bench/mootd.sh [-n N] [-b B] [-c C] [-s S] [-e E] [-t SECONDS]
#   -n  ballots of the C clients (20000)    -b  baseline ballots (2000)
#   -c  clients sending at once (100)       -s  subscribers (500)
#   -e  fan-out events (200)                -t  deadline of each phase (30)
#   CFLAGS: the compiler flags (default -O2)
#   TMPDIR: where the database goes (default /tmp); put it on the disk you
#           mean to measure: on tmpfs an fsync costs nothing.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
subs=500
args=
while [ $# -gt 0 ]; do
	case "$1" in
	-s) subs=$2; shift 2 ;;
	-n|-b|-c|-e|-t) args="$args $1 $2"; shift 2 ;;
	*) echo "usage: $0 [-n N] [-b B] [-c C] [-s S] [-e E]" \
	    "[-t SECONDS]" >&2; exit 2 ;;
	esac
done

tmp=$(mktemp -d)
chmod 0755 "$tmp"
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The daemon and client under test, and the bench, all with CFLAGS.
make -C "$top" -s src/moot src/mootd CFLAGS="${CFLAGS:--O2}"
if grep -q '^bench_mootd_bench_SOURCES' "$top/Makefile.am" 2>/dev/null; then
	make -C "$top" -s bench/mootd-bench CFLAGS="${CFLAGS:--O2}"
	bench=$top/bench/mootd-bench
else
	# Not in Makefile.am yet: compile it here, with the same flags.
	# shellcheck disable=SC2086
	${CC:-cc} -std=gnu11 -D_GNU_SOURCE ${CFLAGS:--O2} -Wall -Wextra \
	    -Wno-unused-parameter -I"$top/include" "$top/bench/mootd.c" \
	    -o "$tmp/mootd-bench"
	bench=$tmp/mootd-bench
fi

# 500 subscribers need 500 descriptors here and 500 in mootd, plus a few.
# (ulimit -n is not POSIX, but dash, bash, ksh and busybox sh all have it.)
# shellcheck disable=SC3045
ulimit -n 4096 2>/dev/null || true
# shellcheck disable=SC3045
nofile=$(ulimit -n)
if [ "$nofile" != unlimited ] && [ "$nofile" -lt $((subs + 100)) ]; then
	new=$((nofile - 100))
	[ "$new" -gt 0 ] || new=0
	echo "ulimit -n is $nofile and cannot be raised: $new subscribers" \
	    "instead of $subs"
	subs=$new
fi

mkdir -m 0755 "$tmp/db" "$tmp/run"
cat >"$tmp/rules.ini" <<'EOF'
[governance]
motions = quick
amendments = quick
[quick]
method = yesno
duration = 7d
discussion = 0
changeable = yes
early_close = no
EOF
cat >"$tmp/moot.conf" <<'EOF'
[limits]
rate = 100000
max_inflight = 1000
EOF
db=$tmp/db/bench.db
sock=$tmp/run/mootd.sock
"$top/src/moot" -d "$db" init --name bench --rules "$tmp/rules.ini" \
    >/dev/null

"$top/src/mootd" -d "$db" -s "$sock" -c "$tmp/moot.conf" \
    2>"$tmp/mootd.log" &
pid=$!
i=0
while [ ! -S "$sock" ]; do
	if ! kill -0 "$pid" 2>/dev/null || [ $i -ge 50 ]; then
		echo "mootd did not start:" >&2
		cat "$tmp/mootd.log" >&2
		exit 1
	fi
	sleep 0.1
	i=$((i + 1))
done

fs=$(df -T "$tmp" 2>/dev/null | awk 'NR == 2 { print $2 }')
cpus=$(nproc 2>/dev/null || echo ?)
echo "database on ${fs:-?} ($tmp), $subs subscribers, $cpus CPUs"
# shellcheck disable=SC2086
if ! "$bench" -s "$subs" $args "$sock" "$pid"; then
	echo "mootd's log:" >&2
	tail -n 20 "$tmp/mootd.log" >&2
	exit 1
fi
n=$(grep -c -v 'serving' "$tmp/mootd.log" || true)
if [ "$n" -gt 0 ]; then
	echo
	echo "mootd logged $n other lines; the last ones:"
	grep -v 'serving' "$tmp/mootd.log" | tail -n 5
fi
