#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# verify and check read the whole log on the thread pool, not on mootd's
# loop (mootd(8)). On a log of 20,000 proposals: while one client's
# verify runs, another client's whoami and a write are answered, several
# times over, before the verify's reply comes (completion order, not wall
# time); the verifying client's own later request is answered after its
# verify (replies in request order). A client that hangs up while its
# verify runs does not take mootd down: mootd drops the result and goes on
# answering. SIGTERM while a verify runs: the client gets a reply, then
# EOF, and mootd exits 0 within the usual bound. Runs as any user.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

moot -d "$DB" init --name Test --leader "$ME" >/dev/null 2>"$T/err" ||
    fail "init: $(cat "$T/err")"
limits_file "$T/jobs.conf" rate=100000 max_inflight=256
start_mootd "$T/jobs.conf"

# A log long enough that a verify takes many round trips.
py - "$SOCK" 20000 >"$T/gen.out" 2>&1 <<'EOF' || fail "$(cat "$T/gen.out")"
import sys
from client import Client
sock, n = sys.argv[1], int(sys.argv[2])
c = Client(sock, hello=True, timeout=60)
sent = got = 0
while got < n:
    while sent < n and sent - got < 200:
        c.send("propose", {"title": "p%d" % sent, "body": "body"})
        sent += 1
    r = c.reply()
    assert r is not None and r["ok"], r
    got += 1
EOF

# started N: the log says N jobs have started on the pool.
started() {
	[ "$(grep -c 'runs in the background' "$T/mootd.log")" -ge "$1" ]
}

# While A verifies, B is answered; A's next reply comes after its verify.
py - "$SOCK" >"$T/order.out" 2>&1 <<'EOF' || fail "$(cat "$T/order.out")"
import select, sys
from client import Client
sock = sys.argv[1]
a = Client(sock, hello=True, timeout=60)
b = Client(sock, hello=True, timeout=60)

def pending(c):
    """No line from c yet (its verify is still running)."""
    return not c.buf and not select.select([c.sock], [], [], 0)[0]

v = a.send("verify", {})
w = a.send("whoami", {})
answered = 0
while pending(a):
    assert b.call("whoami")["ok"]
    r = b.call("propose", {"title": "during verify", "body": "x"})
    assert r["ok"], r
    if pending(a):
        answered += 1
    if answered > 1000:
        break
assert answered >= 3, "only %d of B's requests were answered while " \
    "A's verify ran: verify blocks the server" % answered
r = a.reply()
assert r["id"] == v, "A's first reply is not its verify's: %r" % r
assert r["ok"] and r["result"]["status"] == "ok", r
assert r["result"]["events"] > 20000, r
r = a.reply()
assert r["id"] == w and r["ok"], "A's whoami came out of order: %r" % r
print("# %d whoami+propose rounds answered during one verify" % answered)
EOF
cat "$T/order.out"

# check runs in the background too, and agrees with the log.
client call check >"$T/check.out" 2>&1 || fail "check: $(cat "$T/check.out")"
grep -q '"ok":true' "$T/check.out" || fail "check: $(cat "$T/check.out")"

# Clients that hang up while their verify runs (and at once, before it
# could start): mootd drops the results and keeps answering.
n0=$(grep -c 'runs in the background' "$T/mootd.log")
py - "$SOCK" >"$T/gone.out" 2>&1 <<'EOF' || fail "$(cat "$T/gone.out")"
import sys, time
from client import Client
sock = sys.argv[1]
for i in range(8):
    c = Client(sock, hello=True)
    c.send("verify", {})
    c.send("check", {})
    if i % 2:
        time.sleep(0.01 * i)
    c.close()
EOF
wait_until 30 started $((n0 + 1)) || fail "no verify started"
wait_until 30 grep -q 'dropped after' "$T/mootd.log" ||
    fail "no verify result was dropped"
alive "$MOOTD_PID" || fail "mootd died when a verifying client left"
client call whoami >"$T/who.out" 2>&1 || fail "whoami: $(cat "$T/who.out")"
moot -s "$SOCK" verify >"$T/verify.out" 2>&1 ||
    fail "moot verify after the hang-ups: $(cat "$T/verify.out")"

# SIGTERM while a verify runs: a reply, EOF, exit 0 in time.
n0=$(grep -c 'runs in the background' "$T/mootd.log")
py - "$SOCK" "$MOOTD_PID" "$T/mootd.log" "$n0" >"$T/term.out" 2>&1 <<'EOF' ||
import os, signal, sys, time
from client import Client
sock, pid, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n0 = int(sys.argv[4])
c = Client(sock, hello=True, timeout=10)
v = c.send("verify", {})
end = time.monotonic() + 10
while open(log).read().count("runs in the background") <= n0:
    assert time.monotonic() < end, "the verify did not start"
    time.sleep(0.01)
os.kill(pid, signal.SIGTERM)
r = c.reply()
assert r is not None and r["id"] == v, "no reply to the verify: %r" % r
assert r["ok"] or r["error"]["code"] == "internal", r
assert c.eof(6), "the session stayed open after SIGTERM"
EOF
    fail "$(cat "$T/term.out")"
# Signalled already: wait for the exit it is making.
gone() {
	! alive "$MOOTD_PID"
}
wait_until 6 gone || fail "mootd still runs 6 s after SIGTERM"
rc=0
wait "$MOOTD_PID" || rc=$?
MOOTD_PID=
[ "$rc" -eq 0 ] || fail "mootd exited $rc after SIGTERM"
[ ! -e "$SOCK" ] || fail "the socket is still there after the stop"
moot -d "$DB" verify >"$T/out" 2>&1 || fail "moot verify: $(cat "$T/out")"
exit 0
