#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# kill -9 of mootd during concurrent writes, five rounds: clients propose
# with idempotency keys and record each ok reply; the daemon is killed at
# a random moment and restarted. Every acknowledged proposal is in the
# log exactly once; retrying every key (acknowledged or not) answers
# without writing twice; verify and check pass, through the daemon after
# each round and with moot(1) on the file at the end. Runs as any user.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

SRC=$top_srcdir/tests/server
ROUNDS=5
CLIENTS=4
COUNT=300

moot -d "$DB" init --name Test --leader "$ME" >/dev/null 2>"$T/err" ||
    fail "init: $(cat "$T/err")"
limits_file "$T/crash.conf" rate=100000
: >"$T/acks"

r=1
while [ "$r" -le "$ROUNDS" ]; do
	start_mootd "$T/crash.conf"
	py "$SRC/writer.py" "$SOCK" "r$r" "$CLIENTS" "$COUNT" "$T/acks" \
	    2>"$T/writer.err" &
	WRITER=$!
	# Somewhere between 20 and 250 ms into the writes.
	sleep "$("$PYTHON3" -c 'import random; print(random.uniform(0.02, 0.25))')"
	kill9_mootd
	# The writers see EOF and stop; 15 s at most.
	wait_until 15 sh -c "! [ -d /proc/$WRITER ] || grep -q '^[0-9]* ([^)]*) Z' /proc/$WRITER/stat" ||
	    fail "round $r: the writers did not stop"
	wait "$WRITER" || fail "round $r: writer: $(cat "$T/writer.err")"

	start_mootd "$T/crash.conf"
	py "$SRC/keys.py" "$SOCK" "r$r" "$CLIENTS" "$COUNT" "$T/acks" \
	    --retry >"$T/keys.out" 2>&1 || fail "round $r: $(cat "$T/keys.out")"
	echo "# round $r: $(cat "$T/keys.out")"
	# Earlier rounds are untouched by this one.
	i=1
	while [ "$i" -lt "$r" ]; do
		py "$SRC/keys.py" "$SOCK" "r$i" "$CLIENTS" "$COUNT" "$T/acks" \
		    >"$T/keys.out" 2>&1 || fail "round $r, keys of round $i: $(cat "$T/keys.out")"
		i=$((i + 1))
	done
	stop_mootd
	r=$((r + 1))
done

# The file itself, without the daemon.
moot -d "$DB" verify >"$T/out" 2>&1 || fail "moot verify: $(cat "$T/out")"
moot -d "$DB" check >"$T/out" 2>&1 || fail "moot check: $(cat "$T/out")"
exit 0
