#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SIGTERM with requests in flight: clients pipeline writes and SIGTERM
# reaches mootd right after they are sent. mootd exits 0 within 6 s and
# removes its socket; every reply received with ok:true is in the log
# after a restart, and nothing is in the log that was not answered (the
# requests read are answered and committed, mootd(8)); verify passes.
# Then the same with an idle subscriber and a client that never said
# hello connected: they do not hold the stop up. Runs as any user.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

SRC=$top_srcdir/tests/server

moot -d "$DB" init --name Test --leader "$ME" >/dev/null 2>"$T/err" ||
    fail "init: $(cat "$T/err")"
limits_file "$T/term.conf" rate=100000
: >"$T/acks"

# wait_exit SECONDS: mootd (already signalled) exits 0 in time.
wait_exit() {
	_end=$(($(date +%s) + $1))
	while alive "$MOOTD_PID"; do
		[ "$(date +%s)" -lt "$_end" ] ||
		    fail "mootd still runs $1 s after SIGTERM"
		sleep 0.05
	done
	_rc=0
	wait "$MOOTD_PID" || _rc=$?
	MOOTD_PID=
	[ "$_rc" -eq 0 ] || fail "mootd exited $_rc after SIGTERM"
	[ ! -e "$SOCK" ] || fail "the socket is still there after the stop"
}

round=1
for clients in 1 4; do
	start_mootd "$T/term.conf"
	py "$SRC/writer.py" "$SOCK" "t$round" "$clients" 200 "$T/acks" \
	    --term "$MOOTD_PID" 2>"$T/writer.err" ||
	    fail "writer: $(cat "$T/writer.err")"
	wait_exit 6
	grep -q 'stopping' "$T/mootd.log" || fail "no stop in the log"

	start_mootd "$T/term.conf"
	py "$SRC/keys.py" "$SOCK" "t$round" "$clients" 200 "$T/acks" \
	    --all-acked >"$T/keys.out" 2>&1 || fail "$(cat "$T/keys.out")"
	echo "# $(cat "$T/keys.out")"
	[ "$(grep -c "\"t$round-" "$T/acks")" -gt 0 ] ||
	    fail "no write was answered before the stop"
	stop_mootd
	round=$((round + 1))
done

# Idle sessions do not hold the stop: a subscriber, a client that never
# said hello, a client half-way through a line.
start_mootd "$T/term.conf"
py - "$SOCK" "$MOOTD_PID" >"$T/idle.out" 2>&1 <<'EOF' || fail "$(cat "$T/idle.out")"
import os, signal, sys
from client import Client
sock, pid = sys.argv[1], int(sys.argv[2])
sub = Client(sock, hello=True)
assert sub.call("subscribe", {})["ok"]
mute = Client(sock)
half = Client(sock, hello=True)
half.send_raw(b'{"id":5,"op":"sta')
os.kill(pid, signal.SIGTERM)
for c in (sub, mute, half):
    assert c.eof(6), "a session stayed open after SIGTERM"
EOF
wait_exit 6
moot -d "$DB" verify >"$T/out" 2>&1 || fail "moot verify: $(cat "$T/out")"
exit 0
