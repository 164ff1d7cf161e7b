#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Following the log through mootd: a member's open subscription sees
# another member's ballot as it is cast, with the right actor; a client
# that reconnects with since = N gets exactly the events it missed, in
# order, with no gap and no duplicate, the same as the log op returns.
# Needs root for the accounts; skips without it.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

need_root
account mootfo1
account mootfo2

# A rule that lets a vote open at once, its count visible live.
rules_file "$T/rules.ini" 1d
moot -d "$DB" init --name Test --leader "$ME" --rules "$T/rules.ini" \
    >/dev/null 2>"$T/err" || fail "init: $(cat "$T/err")"
start_mootd

call() {
	as_client "$@" >"$T/r" 2>"$T/e" ||
	    fail "$*: $(cat "$T/r" "$T/e")"
}
call mootfo1 call join '{"agreement_version":"1"}'
call mootfo2 call join '{"agreement_version":"1"}'
call mootfo1 call propose '{"title":"Quiet hours","body":"After 22:00."}'
call mootfo1 call open-vote '{"id":1}'
grep -q '"rule":"quick"' "$T/r" || fail "open-vote: $(cat "$T/r")"

HEAD=$(client call log '{"since":0,"limit":1000}' |
    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["result"]["head"])') ||
    fail "no head"

# mootfo1 follows from the head on, in the background: three events.
as_client mootfo1 follow --since "$HEAD" --count 3 >"$T/follow" \
    2>"$T/follow.err" &
FOLLOWER=$!
# Live: the subscription is open before anyone writes.
wait_until 10 grep -q '^subscribed' "$T/follow.err" ||
    fail "the follower did not subscribe: $(cat "$T/follow.err")"

# mootfo2 votes and comments; the leader comments.
call mootfo2 call vote '{"id":1,"choice":"yes"}'
grep -q '"choice":"yes"' "$T/r" || fail "vote: $(cat "$T/r")"
call mootfo2 call comment '{"proposal":1,"body":"I voted."}'
client call comment '{"proposal":1,"body":"Noted."}' >/dev/null ||
    fail "leader comment"

wait_until 10 sh -c "[ \$(wc -l <'$T/follow') -ge 3 ]" ||
    fail "the follower got $(wc -l <"$T/follow") events: $(cat "$T/follow" "$T/follow.err")"
wait "$FOLLOWER" || fail "follower failed: $(cat "$T/follow.err")"

U2=$(id -u mootfo2)
cat >"$T/check.py" <<'EOF'
import json, sys
head, u2, me, myuid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
evs = [json.loads(l) for l in sys.stdin]
assert [e["seq"] for e in evs] == [head + 1, head + 2, head + 3], evs
b = evs[0]
assert b["type"] == "ballot.cast", b
assert b["actor"] == {"uid": u2, "name": "mootfo2"}, b
assert b["ref"] == "proposal:1", b
assert b["body"] is not None and "yes" in json.dumps(b["body"]), b
assert evs[1]["type"] == "comment.added", evs[1]
assert evs[1]["actor"] == {"uid": u2, "name": "mootfo2"}, evs[1]
assert evs[2]["actor"] == {"uid": myuid, "name": me}, evs[2]
EOF
"$PYTHON3" "$T/check.py" "$HEAD" "$U2" "$ME" "$(id -u)" <"$T/follow" \
    >"$T/check" 2>&1 ||
    fail "followed events: $(cat "$T/check") / $(cat "$T/follow")"

# Reconnecting: read part of the log through a subscription, hang up,
# let others write, come back with since = the last seq seen.
py - "$SOCK" >"$T/resume" 2>&1 <<'EOF' || fail "resume: $(cat "$T/resume")"
import subprocess, sys
from client import Client, log_all
sock = sys.argv[1]

c = Client(sock, hello=True)
r = c.call("subscribe", {"since": 0})
assert r["ok"], r
head0 = r["result"]["head"]
# Stop in the middle: at about half of what is there.
seen = []
stop = head0 // 2
while not seen or seen[-1]["seq"] < stop:
    seen.append(c.event())
c.close()
last = seen[-1]["seq"]
assert [e["seq"] for e in seen] == list(range(1, last + 1)), seen

# Others write while it is away (the leader, through its own clients).
w = Client(sock, hello=True)
for i in range(5):
    assert w.call("comment", {"proposal": 1, "body": "away %d" % i})["ok"]
assert w.call("propose", {"title": "While away", "body": "x"})["ok"]
head1 = w.call("log", {"since": 0, "limit": 1})["result"]["head"]
assert head1 >= head0 + 6, (head0, head1)

# Back: since = last; every missed event exactly once, then live ones.
c = Client(sock, hello=True)
r = c.call("subscribe", {"since": last})
assert r["ok"] and r["result"]["since"] == last, r
got = []
while not got or got[-1]["seq"] < head1:
    got.append(c.event())
seqs = [e["seq"] for e in got]
assert seqs == list(range(last + 1, head1 + 1)), seqs
# One more live event comes after, and nothing else.
assert w.call("comment", {"proposal": 1, "body": "live"})["ok"]
e = c.event()
assert e["seq"] == head1 + 1 and e["type"] == "comment.added", e
try:
    extra = c.line(timeout=0.3)
except TimeoutError:
    extra = None
assert extra is None, ("an extra line", extra)

# The pushed events are the log's own: same seq, hash and body.
log = {e["seq"]: e for e in log_all(w)}
for e in seen + got + [e]:
    assert log[e["seq"]] == e, (e, log[e["seq"]])

# since past the head is refused; since = head gets only what comes.
r = Client(sock, hello=True).call("subscribe", {"since": head1 + 100})
assert not r["ok"] and r["error"]["code"] == "bad_request", r
print("ok", last, head1)
EOF

# The same through moot(1), where it talks to mootd: `log --follow` as
# one member sees the other's ballot, cast with `moot vote`.
if "$MOOT" --help 2>&1 | grep -q -- '--socket'; then
	call mootfo1 call propose '{"title":"Second","body":"two"}'
	P=$("$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["result"]["id"])' <"$T/r")
	call mootfo1 call open-vote "{\"id\":$P}"
	HEAD=$(client call log '{"since":0,"limit":1}' |
	    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["result"]["head"])')
	as_user mootfo1 "$MOOT" --socket "$SOCK" --json log --follow \
	    --since "$HEAD" >"$T/cli-follow" 2>"$T/cli-follow.err" &
	CLIFOLLOW=$!
	as_user mootfo2 "$MOOT" --socket "$SOCK" vote "$P" no >"$T/r" 2>&1 ||
	    fail "moot vote: $(cat "$T/r")"
	wait_until 10 grep -q '"type":"ballot.cast","ref":"proposal:'"$P"'"' \
	    "$T/cli-follow" || {
		kill "$CLIFOLLOW" 2>/dev/null
		fail "log --follow did not show the ballot: $(cat "$T/cli-follow" "$T/cli-follow.err")"
	}
	kill "$CLIFOLLOW" 2>/dev/null
	wait "$CLIFOLLOW" 2>/dev/null
	grep "\"ref\":\"proposal:$P\"" "$T/cli-follow" | grep '"type":"ballot.cast"' |
	    grep -q "\"actor\":{\"uid\":$U2,\"name\":\"mootfo2\"}" ||
	    fail "log --follow: the ballot's actor: $(cat "$T/cli-follow")"
	# From the head on: nothing before it, nothing twice.
	"$PYTHON3" -c '
import json, sys
seqs = [json.loads(l)["seq"] for l in open(sys.argv[1])]
assert seqs == list(range(int(sys.argv[2]) + 1, int(sys.argv[2]) + 1 + len(seqs))), seqs
' "$T/cli-follow" "$HEAD" || fail "log --follow seqs: $(cat "$T/cli-follow")"
fi

stop_mootd
moot -d "$DB" verify >/dev/null 2>"$T/err" || fail "verify: $(cat "$T/err")"
exit 0
