#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# mootd knows each client by the uid the kernel reports: two members
# (real accounts) join, propose and comment through the daemon, and the
# log carries each one's uid and name; a hello or a request that claims
# another identity is recorded as its real sender; an account that is
# not a member is refused by the membership policy (invitation).
# Needs root for the accounts; skips without it.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

need_root
account mootid1
account mootid2
account mootidx

# Membership by invitation: mootid1 and mootid2 are invited, mootidx is not.
moot -d "$DB" init --name Test --leader "$ME" --membership invite \
    >/dev/null 2>"$T/err" || fail "init: $(cat "$T/err")"
moot -d "$DB" invite mootid1 >/dev/null 2>"$T/err" || fail "invite mootid1"
moot -d "$DB" invite mootid2 >/dev/null 2>"$T/err" || fail "invite mootid2"

start_mootd

# call NAME OP ARGS: one request as NAME; the reply in $T/r.
call() {
	as_client "$@" >"$T/r" 2>"$T/e" || true
}
ok() {
	grep -q '"ok":true' "$T/r" || fail "$*: $(cat "$T/r" "$T/e")"
}
refused() {
	grep -q "\"ok\":false,\"error\":{\"code\":\"$1\"" "$T/r" ||
	    fail "expected $1: $(cat "$T/r" "$T/e")"
}

call mootid1 call join '{"agreement_version":"1"}'
ok "mootid1 join"
call mootid2 call join '{"agreement_version":"1"}'
ok "mootid2 join"
call mootid1 call propose '{"title":"From one","body":"by mootid1"}'
ok "mootid1 propose"
call mootid2 call comment '{"proposal":1,"body":"from two"}'
ok "mootid2 comment"

# Not invited: join and propose are both refused.
call mootidx call join '{"agreement_version":"1"}'
refused forbidden
call mootidx call propose '{"title":"Intruder","body":"x"}'
refused forbidden
grep -qi 'member' "$T/r" || fail "the refusal does not mention membership"

# Claims of another identity: in hello, in args, at the top of a request.
as_py mootid1 - "$SOCK" >"$T/claims" 2>&1 <<'EOF' ||
import json, sys
sys.path.insert(0, ".")
from client import Client
c = Client(sys.argv[1])
h = c.hello(name="root", uid=0, user="root")
assert h["ok"], h
print("hello", h["result"]["uid"], h["result"]["name"])
w = c.call("whoami", {"uid": 0, "name": "root"})
print("whoami", w["result"]["uid"], w["result"]["name"])
r = c.call("propose", {"title": "Claims root", "body": "b",
                       "uid": 0, "name": "root", "actor": {"uid": 0,
                       "name": "root"}, "author": "root"},
           uid=0, name="root", actor={"uid": 0, "name": "root"})
assert r["ok"], r
print("propose", r["result"]["id"])
r = c.call("comment", {"proposal": 1, "body": "as root?", "uid": 0,
                       "author": "root", "user": "root"})
assert r["ok"], r
print("comment", r["result"]["id"])
EOF
    fail "claims: $(cat "$T/claims")"

U1=$(id -u mootid1)
U2=$(id -u mootid2)
grep -qx "hello $U1 mootid1" "$T/claims" || fail "hello: $(cat "$T/claims")"
grep -qx "whoami $U1 mootid1" "$T/claims" || fail "whoami: $(cat "$T/claims")"

# The log, read through the daemon by the leader: every event's actor.
py - "$SOCK" "$U1" "$U2" >"$T/check" 2>&1 <<'EOF' || fail "log: $(cat "$T/check")"
import sys
from client import Client, log_all
sock, u1, u2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
c = Client(sock, hello=True)
evs = log_all(c)
got = [(e["type"], e["ref"], e["actor"]["uid"], e["actor"]["name"])
       for e in evs]
want = {
    ("member.joined", u1, "mootid1"),
    ("member.joined", u2, "mootid2"),
    ("proposal.created", u1, "mootid1"),
    ("comment.added", u2, "mootid2"),
}
for t, uid, name in want:
    assert any(g[0] == t and g[2] == uid and g[3] == name for g in got), \
        (t, uid, name, got)
# The claims: recorded as mootid1, nothing as root but what root did.
claims = [e for e in evs if e["type"] == "proposal.created"
          and e["body"].get("title") == "Claims root"]
assert len(claims) == 1, claims
assert claims[0]["actor"] == {"uid": u1, "name": "mootid1"}, claims
com = [e for e in evs if e["type"] == "comment.added"
       and e["body"].get("body") == "as root?"]
assert len(com) == 1 and com[0]["actor"] == {"uid": u1, "name": "mootid1"}, com
assert all(e["actor"]["uid"] != 0 for e in evs
           if e["type"] in ("member.joined", "proposal.created",
                            "comment.added")), got
# Nothing from the refused account.
assert not any(g[3] == "mootidx" for g in got), got
# The projections agree: authors come from the uid.
p = c.call("show", {"id": 2})["result"]
assert p["author"] == "mootid1" and p["author_uid"] == u1, p
p = c.call("show", {"id": 1})["result"]
authors = [(x["author"], x["author_uid"]) for x in p["comments"]]
assert authors == [("mootid2", u2), ("mootid1", u1)], authors
print("ok", len(evs))
EOF

# moot(1) through the daemon, where it can: the identity is the kernel's,
# and MOOT_EMBEDDED_AS (embedded mode's test override) changes nothing.
if "$MOOT" --help 2>&1 | grep -q -- '--socket'; then
	as_user mootid2 "$MOOT" --socket "$SOCK" whoami >"$T/r" 2>&1 ||
	    fail "moot whoami: $(cat "$T/r")"
	grep -q "^mootid2 (uid $U2)" "$T/r" || fail "moot whoami: $(cat "$T/r")"
	as_user mootid2 env MOOT_EMBEDDED_AS="$ME" "$MOOT" --socket "$SOCK" \
	    propose -t "Embedded as" -b x >"$T/r" 2>&1 ||
	    fail "moot propose: $(cat "$T/r")"
	client call log '{"since":0,"limit":1000,"type":"proposal.created"}' \
	    >"$T/r" || fail "log"
	grep -q "\"actor\":{\"uid\":$U2,\"name\":\"mootid2\"},\"type\":\"proposal.created\",\"ref\":\"proposal:3\"" \
	    "$T/r" || fail "MOOT_EMBEDDED_AS changed the actor: $(cat "$T/r")"
	as_user mootidx "$MOOT" --socket "$SOCK" propose -t No -b x \
	    >"$T/r" 2>&1 && fail "a non-member proposed: $(cat "$T/r")"
fi

stop_mootd
# The same from the file, through the CLI.
moot -d "$DB" --json log --type proposal.created >"$T/out" 2>"$T/err" ||
    fail "moot log: $(cat "$T/err")"
grep -q "\"actor\":{\"uid\":$U1,\"name\":\"mootid1\"},\"type\":\"proposal.created\"" \
    "$T/out" || fail "moot log --json: $(cat "$T/out")"
moot -d "$DB" verify >/dev/null 2>"$T/err" || fail "verify: $(cat "$T/err")"
exit 0
