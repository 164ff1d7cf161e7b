# SPDX-License-Identifier: GPL-3.0-or-later
#
# keys.py: after writer.py and a crash or a stop, check what the log holds.
#
#	keys.py SOCKET PREFIX CLIENTS COUNT ACKS [--retry] [--all-acked]
#
# Every acknowledged key's proposal is in the log exactly once, with the
# id and seq its reply gave; no title is there twice. --retry then sends
# every key again (acknowledged or not): each retry is answered ok, an
# acknowledged key with its first result, and afterwards every key's
# proposal is there exactly once. --all-acked: every proposal of PREFIX
# in the log was acknowledged (a clean stop answers what it committed).
# Finally the server's verify and check must pass. Prints one summary line.
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, log_all  # noqa: E402


def created(c, prefix):
    out = collections.defaultdict(list)
    for e in log_all(c):
        if e["type"] != "proposal.created" or e["body"] is None:
            continue
        t = e["body"].get("title", "")
        if t.startswith(prefix + "-"):
            out[t].append(e)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("socket")
    ap.add_argument("prefix")
    ap.add_argument("clients", type=int)
    ap.add_argument("count", type=int)
    ap.add_argument("acks")
    ap.add_argument("--retry", action="store_true")
    ap.add_argument("--all-acked", action="store_true")
    a = ap.parse_args()

    acked = {}
    with open(a.acks) as f:
        for line in f:
            if not line.endswith("\n"):
                break		# a line cut by the crash is no ack
            j = json.loads(line)
            if j["key"].startswith(a.prefix + "-"):
                assert j["key"] not in acked, ("acked twice", j)
                acked[j["key"]] = j["result"]
    keys = ["%s-%d-%d" % (a.prefix, n, i) for n in range(a.clients)
            for i in range(a.count)]

    c = Client(a.socket, hello=True)
    have = created(c, a.prefix)
    for t, evs in have.items():
        assert len(evs) == 1, ("written twice", t, [e["seq"] for e in evs])
    for k, res in acked.items():
        assert k in have, ("acknowledged but not in the log", k, res)
        e = have[k][0]
        assert e["seq"] == res["seq"], ("acked seq differs", k, res, e)
        assert e["ref"] == "proposal:%d" % res["id"], (k, res, e)
    committed = len(have)
    if a.all_acked:
        extra = sorted(set(have) - set(acked))
        assert not extra, ("committed but never answered", extra[:5],
                           len(extra))

    if a.retry:
        for k in keys:
            r = c.call("propose", {"title": k, "body": "body of " + k},
                       key=k)
            assert r["ok"], ("retry refused", k, r)
            if k in acked:
                assert r["result"] == acked[k], ("retry got another result",
                                                 k, acked[k], r["result"])
            elif k in have:
                assert r["result"]["seq"] == have[k][0]["seq"], \
                    ("retry of a committed key wrote again", k, r)
        have = created(c, a.prefix)
        for k in keys:
            assert len(have.get(k, [])) == 1, \
                ("after retries", k, len(have.get(k, [])))

    r = c.call("verify")
    assert r["ok"] and r["result"]["status"] == "ok", r
    r = c.call("check")
    assert r["ok"] and r["result"]["ok"], r
    print("%s: %d acked, %d committed, %d keys" % (a.prefix, len(acked),
                                                    committed, len(keys)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
