#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Finding the server: -s, $MOOT_SOCKET and moot.conf's socket; the clear
# error when mootd is not there; whoami naming the server that answered;
# log --follow refused in-process. With python3, a fake mootd (hello,
# whoami, log, subscribe and two pushed events) checks the socket client
# for real: whoami through it, and log --follow until SIGTERM (exit 0) or
# until the server hangs up (exit 1). The real mootd is tests/server's.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

unset MOOT_SOCKET MOOT_EMBEDDED_NOW || true
FAKE_PID=
FOLLOW_PID=
trap 'for _p in $FOLLOW_PID $FAKE_PID; do kill "$_p" 2>/dev/null; done;
    rm -rf "$T"' EXIT

# No daemon anywhere: -s and $MOOT_SOCKET name the path and ask.
expect_rc 1 moot --socket /nonexistent whoami
expect_err '^moot: cannot connect to mootd at /nonexistent: No such file or directory; is mootd running\?$'
expect_rc 1 moot -s /nonexistent whoami
expect_err 'cannot connect to mootd at /nonexistent'
expect_rc 1 env MOOT_SOCKET=/nonexistent "$MOOT" whoami
expect_err '^moot: cannot connect to mootd at /nonexistent: No such file or directory; is mootd running\?$'
# A socket path longer than sun_path (107 bytes and a NUL) is refused.
long=/tmp/$(printf '%0120d' 0)
expect_rc 1 moot -s "$long" whoami
expect_err "cannot connect to mootd at $long: a socket path may have at most 107 bytes"
# -s and -d contradict each other.
expect_rc 2 moot -s /nonexistent -d "$DB" whoami
expect_err 'give one'
# The MOOT_EMBEDDED_* variables are for the in-process server only.
expect_rc 1 env MOOT_EMBEDDED_AS=daemon "$MOOT" -s /nonexistent whoami
expect_err '^moot: MOOT_EMBEDDED_AS is ignored: mootd knows who you are from the kernel$'

# An empty [moot] socket: in-process, on -d or the default database.
community
mkdir -p "$XDG_CONFIG_HOME/moot"
printf '[moot]\nsocket =\n' >"$XDG_CONFIG_HOME/moot/moot.conf"
expect_rc 0 moot -d "$DB" whoami
expect_out "^server: in-process, database $DB\$"
expect_rc 1 moot whoami
expect_err 'no community|no database|moot init'
# -d wins over $MOOT_SOCKET.
expect_rc 0 env MOOT_SOCKET=/nonexistent "$MOOT" -d "$DB" whoami
expect_out '^server: in-process'
# A configured socket that is not there, or not a socket: in-process.
printf '[moot]\nsocket = %s\n' "$T/none.sock" >"$XDG_CONFIG_HOME/moot/moot.conf"
expect_rc 0 moot -d "$DB" whoami
expect_out '^server: in-process'
: >"$T/plain"
printf '[moot]\nsocket = %s\n' "$T/plain" >"$XDG_CONFIG_HOME/moot/moot.conf"
expect_rc 0 moot -d "$DB" log
rm -f "$XDG_CONFIG_HOME/moot/moot.conf"

# --follow needs mootd.
expect_rc 1 moot -d "$DB" log --follow
expect_err '^moot: --follow needs mootd; in-process mode sees only its own writes$'
expect_rc 1 moot -d "$DB" log -f
expect_err 'needs mootd'
expect_rc 2 moot -d "$DB" log -f --limit 3
expect_rc 0 moot log --help
expect_out '--follow'
expect_rc 0 moot --help
expect_out '-s, --socket PATH'

need PYTHON3

# A configured socket that exists but where nobody listens is an error.
"$PYTHON3" -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])' "$T/stale.sock" || fail "cannot make a stale socket"
printf '[moot]\nsocket = %s\n' "$T/stale.sock" >"$XDG_CONFIG_HOME/moot/moot.conf"
expect_rc 1 moot whoami
expect_err "^moot: cannot connect to mootd at $T/stale.sock: Connection refused; is mootd running\?\$"
rm -f "$XDG_CONFIG_HOME/moot/moot.conf"

# The fake mootd. One connection at a time. A subscribe after a log
# request (log -f without --since) gets its reply and event 1 at once,
# event 2 a moment later, and the connection stays open; a subscribe
# with no log before it gets event 1 before the reply (so it arrives
# while the client waits for that reply), then event 2, then the fake
# hangs up.
SOCK=$T/fake.sock
cat >"$T/fake.py" <<'PY'
import json, socket, sys, time

EVENTS = [
    {"seq": 1, "ts": 1700000000000, "actor": {"uid": 4242,
     "name": "fakeuser"}, "type": "proposal.created",
     "ref": "proposal:1", "hash": "00" * 32,
     "body": {"title": "Buy a kettle"}},
    {"seq": 2, "ts": 1700000060000, "actor": {"uid": 4242,
     "name": "fakeuser"}, "type": "comment.added",
     "ref": "proposal:1", "hash": "11" * 32, "body": None,
     "withheld": "hidden"},
]

def line(msg):
    return (json.dumps(msg) + "\n").encode()

def serve(conn):
    f = conn.makefile("rb")
    logged = False
    for raw in f:
        req = json.loads(raw)
        rid, op = req["id"], req["op"]
        if op == "hello":
            res = {"version": req["args"]["version"],
                   "server": "moot 9.9-fake", "mode": "daemon",
                   "uid": 4242, "name": "fakeuser"}
        elif op == "whoami":
            res = {"uid": 4242, "name": "fakeuser", "role": "member",
                   "status": "active", "community": "Fake",
                   "mode": "daemon", "database": "/srv/fake.db"}
        elif op == "log":
            logged = True
            res = {"events": [], "next": None, "head": len(EVENTS)}
        elif op == "subscribe":
            since = req["args"]["since"]
            ok = line({"id": rid, "ok": True,
                       "result": {"head": len(EVENTS), "since": since}})
            evs = [line({"event": e}) for e in EVENTS if e["seq"] > since]
            if logged:
                conn.sendall(ok + evs[0])
                time.sleep(0.2)
                conn.sendall(b"".join(evs[1:]))
                continue
            conn.sendall(evs[0] + ok)
            time.sleep(0.2)
            conn.sendall(b"".join(evs[1:]))
            return
        else:
            conn.sendall(line({"id": rid, "ok": False, "error": {
                "code": "unknown_op", "message": "fake: " + op}}))
            continue
        conn.sendall(line({"id": rid, "ok": True, "result": res}))

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1])
s.listen(4)
while True:
    c, _ = s.accept()
    try:
        serve(c)
    except (OSError, ValueError, KeyError):
        pass
    c.close()
PY
"$PYTHON3" "$T/fake.py" "$SOCK" 2>"$T/fake.err" &
FAKE_PID=$!

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
wait_for() {
	_n=$(($1 * 10))
	shift
	while ! "$@"; do
		_n=$((_n - 1))
		[ "$_n" -gt 0 ] || return 1
		sleep 0.1
	done
}
wait_for 10 test -S "$SOCK" || fail "the fake mootd did not start"

expect_rc 0 moot --socket "$SOCK" whoami
expect_out '^fakeuser \(uid 4242\), member of Fake$'
expect_out "^server: mootd at $SOCK \(moot 9.9-fake\)\$"
# The configured socket is used when one is there; the embedded-only
# variables are ignored with a word.
printf '[moot]\nsocket = %s\n' "$SOCK" >"$XDG_CONFIG_HOME/moot/moot.conf"
expect_rc 0 env MOOT_EMBEDDED_NOW=1700000000 "$MOOT" whoami
expect_out "^server: mootd at $SOCK "
expect_err '^moot: MOOT_EMBEDDED_NOW is ignored'
rm -f "$XDG_CONFIG_HOME/moot/moot.conf"
expect_rc 0 env MOOT_SOCKET="$SOCK" "$MOOT" --json whoami
"$PYTHON3" -c 'import json, sys
d = json.load(sys.stdin)
assert d["server"] == "moot 9.9-fake" and d["socket"] == sys.argv[1], d
' "$SOCK" <"$T/out" || fail "whoami --json: $(cat "$T/out")"

# log --follow: both events, one line each, flushed as they come; then
# SIGTERM ends it with status 0.
"$MOOT" -s "$SOCK" log --follow >"$T/follow" 2>"$T/follow.err" &
FOLLOW_PID=$!
two_lines() {
	[ "$(wc -l <"$T/follow")" -ge 2 ]
}
wait_for 10 two_lines || fail "log --follow printed: $(cat "$T/follow" "$T/follow.err")"
kill -TERM "$FOLLOW_PID"
rc=0
wait "$FOLLOW_PID" || rc=$?
FOLLOW_PID=
[ "$rc" -eq 0 ] || fail "log --follow exited $rc on SIGTERM: $(cat "$T/follow.err")"
cp "$T/follow" "$T/out"
cp "$T/follow.err" "$T/err"
expect_out '^     1  .*  fakeuser    proposal.created   proposal:1     Buy a kettle$'
expect_out '^     2  .*  comment.added .*\[hidden comment\]$'
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "log --follow printed more than the two events"
[ ! -s "$T/err" ] || fail "log --follow wrote to stderr"

# --json and a server that hangs up: JSON Lines, in order (event 1 came
# while the subscribe waited for its reply), then status 1.
expect_rc 1 moot -s "$SOCK" log -f --since 0 --json
expect_err '^moot: lost the connection to mootd at '
"$PYTHON3" -c 'import json, sys
seqs = [json.loads(l)["seq"] for l in sys.stdin]
assert seqs == [1, 2], seqs' <"$T/out" || fail "log -f --json: $(cat "$T/out")"
# --type filters the followed events too.
expect_rc 1 moot -s "$SOCK" log -f --since 0 --type comment.
refute_out 'proposal.created'
expect_out 'comment.added'
exit 0
