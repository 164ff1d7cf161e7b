#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# mootd's limits (moot.conf(5), [limits]): an over-long line is refused
# as too_large and ends the connection; a hello with another protocol
# version gets "version" and ends it; a subscriber that stops reading is
# dropped while the daemon goes on serving the others; requests past the
# rate are refused as rate_limited; a client that pipelines more requests
# than max_inflight without reading still gets every reply, in order.
# Runs as any user.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

moot -d "$DB" init --name Test --leader "$ME" >/dev/null 2>"$T/err" ||
    fail "init: $(cat "$T/err")"

# --- Lines, versions, slow readers, the in-flight cap. ----------------
limits_file "$T/a.conf" max_line=4K rate=100000 max_inflight=4 \
    output_buffer=64K stall_timeout=1s
start_mootd "$T/a.conf"

FAILED=
py - "$SOCK" "$T/mootd.log" >"$T/a.out" 2>&1 <<'EOF' || FAILED="$FAILED a"
import json, sys, time, traceback
from client import Client
sock, daemon_log = sys.argv[1], sys.argv[2]
failed = []

def check(fn):
    """Run one sub-test; a failure is reported and the others still run."""
    try:
        fn()
        print("ok", fn.__name__)
    except Exception:
        failed.append(fn.__name__)
        print("FAIL", fn.__name__)
        traceback.print_exc(file=sys.stdout)
    return fn

def ends(c, what):
    assert c.eof(5), what + ": the connection stayed open"

@check
def too_large_line():
    # An over-long line, whole: too_large with id null, then EOF.
    c = Client(sock, hello=True)
    big = json.dumps({"id": 7, "op": "propose",
                      "args": {"title": "big", "body": "x" * 5000}})
    c.send_raw(big.encode() + b"\n")
    r = c.reply()
    assert r is not None and r["id"] is None and not r["ok"], r
    assert r["error"]["code"] == "too_large", r
    ends(c, "too_large")

@check
def too_large_unterminated():
    # Over-long without a newline: the same, without waiting for the end.
    c = Client(sock, hello=True)
    c.send_raw(b'{"id":8,"op":"propose","args":{"body":"' + b"y" * 6000)
    r = c.reply()
    assert r is not None and r["error"]["code"] == "too_large", r
    ends(c, "too_large without newline")

@check
def line_under_limit():
    c = Client(sock, hello=True)
    r = c.call("propose", {"title": "fits", "body": "z" * 3000})
    assert r["ok"], r

@check
def wrong_version():
    # Another protocol version: code version, naming both; then EOF.
    c = Client(sock)
    r = c.hello(version=2)
    assert not r["ok"] and r["error"]["code"] == "version", r
    assert "1" in r["error"]["message"] and "2" in r["error"]["message"], r
    ends(c, "version")
    # No version at all: bad_request, then EOF.
    c = Client(sock)
    r = c.call("hello", {})
    assert not r["ok"] and r["error"]["code"] == "bad_request", r
    ends(c, "hello without version")
    # A request before hello is refused.
    c = Client(sock)
    r = c.call("whoami")
    assert not r["ok"] and r["error"]["code"] == "bad_request", r

def pipeline(c, lines, first):
    """Send lines at once, read as many replies: their ids, in order.
    The in-flight cap must not cost more than a moment: 10 s is far
    more than any of these needs, a liveness bound, not a benchmark."""
    c.send_raw(b"".join(lines))
    end = time.monotonic() + 10
    ids = []
    for i in range(len(lines)):
        r = c.reply(timeout=max(0.01, end - time.monotonic()))
        assert r is not None, "EOF after %d replies" % i
        assert r["ok"], (i, r)
        ids.append(r["id"])
    assert ids == list(range(first, first + len(lines))), ids

@check
def inflight_queries():
    # In-flight cap 4: 100 requests pipelined before reading a byte; all
    # 100 replies come, in order.
    c = Client(sock, hello=True)
    pipeline(c, [json.dumps({"id": 1000 + i, "op": "status"}).encode()
                 + b"\n" for i in range(100)], 1000)

@check
def inflight_writes():
    # 40 writes pipelined, each line well under max_line (4K), all of
    # them together well over it.
    c = Client(sock, hello=True)
    pipeline(c, [json.dumps({"id": 2000 + i, "op": "comment",
                             "args": {"proposal": 1,
                                      "body": "c%d %s" % (i, "w" * 500)},
                             "key": "inflight-%d" % i}).encode() + b"\n"
                 for i in range(40)], 2000)

@check
def slow_reader():
    # A subscriber that never reads, while another client writes: it is
    # dropped, the writer and newcomers are served.
    slow = Client(sock, hello=True, rcvbuf=4096)
    assert slow.call("subscribe", {})["ok"]
    w = Client(sock, hello=True)
    dropped = False
    body = "s" * 2000
    for batch in range(100):	# at most 100 x 4 events of ~2 KB
        for i in range(4):
            w.send("comment", {"proposal": 1,
                               "body": "%s %d %d" % (body, batch, i)})
        for i in range(4):
            r = w.reply()
            assert r is not None and r["ok"], r
        with open(daemon_log) as f:
            if "dropped" in f.read():
                dropped = True
                break
    # The stall timeout is 1 s: the drop may come after the last write.
    deadline = time.monotonic() + 10
    while not dropped and time.monotonic() < deadline:
        time.sleep(0.1)
        with open(daemon_log) as f:
            dropped = "dropped" in f.read()
    assert dropped, "the slow reader was not dropped"
    # Its socket ends, after whatever was sent before the drop.
    n = 0
    while True:
        try:
            m = slow.line(timeout=10)
        except TimeoutError:
            raise AssertionError("the slow reader's socket stays open")
        if m is None:
            break
        n += 1
    assert n > 0, "the slow reader was sent nothing"
    # The daemon goes on: the writer, and a new client.
    assert w.call("whoami")["ok"]
    c = Client(sock, hello=True)
    assert c.call("status")["ok"]

sys.exit(1 if failed else 0)
EOF
grep -q 'dropped' "$T/mootd.log" || fail "no drop in the daemon's log"
stop_mootd

# --- The rate: 5 a second per user. -----------------------------------
limits_file "$T/b.conf" rate=5
start_mootd "$T/b.conf"
py - "$SOCK" >"$T/b.out" 2>&1 <<'EOF' || FAILED="$FAILED b"
import json, sys, time
from client import Client
sock = sys.argv[1]
c = Client(sock, hello=True)
c.send_raw(b"".join(json.dumps({"id": 10 + i, "op": "status"}).encode()
                    + b"\n" for i in range(30)))
rs = [c.reply() for _ in range(30)]
assert [r["id"] for r in rs] == list(range(10, 40)), rs
ok = sum(1 for r in rs if r["ok"])
limited = [r for r in rs if not r["ok"]]
assert all(r["error"]["code"] == "rate_limited" for r in limited), limited
assert limited, "30 requests at once, none rate_limited"
assert 1 <= ok <= 10, "%d of 30 passed at rate 5" % ok
# The limit is per user, over all connections: a second connection at
# once finds the bucket (nearly) empty. A refused hello ends it.
d = Client(sock)
r = d.hello()
if r["ok"]:
    d.send_raw(b"".join(json.dumps({"id": 100 + i, "op": "status"}).encode()
                        + b"\n" for i in range(10)))
    rs = [d.reply() for _ in range(10)]
    assert any(not x["ok"] and x["error"]["code"] == "rate_limited"
               for x in rs), "a second connection escapes the rate"
else:
    assert r["error"]["code"] == "rate_limited", r
    assert d.eof(5), "a refused hello leaves the connection open"
# A second later the bucket has refilled.
time.sleep(1.3)
assert c.call("status")["ok"]
print("ok %d passed, %d limited" % (ok, len(limited)))
EOF
stop_mootd

sed 's/^/# /' "$T/a.out" "$T/b.out"
[ -z "$FAILED" ] || fail "sub-tests failed (see above)"
moot -d "$DB" verify >/dev/null 2>"$T/err" || fail "verify: $(cat "$T/err")"
exit 0
