# SPDX-License-Identifier: GPL-3.0-or-later
#
# writer.py: concurrent writers for the crash and stop scenarios.
#
#	writer.py SOCKET PREFIX CLIENTS COUNT ACKS [--window W]
#	    [--term PID]
#
# CLIENTS connections each propose COUNT proposals, keeping up to W
# requests in flight. Proposal i of client c has the idempotency key and
# the title PREFIX-c-i. Each ok reply is appended to ACKS at once (and
# flushed) as one JSON line {"key","result"}; a writer stops at EOF or
# when the server stops answering. With --term PID, all requests are sent
# first (W = COUNT), SIGTERM goes to PID, and only then are the replies
# read. Exit status 0 unless something unexpected (not EOF) happened.
import argparse
import json
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client  # noqa: E402

lock = threading.Lock()
errors = []


def writer(a, n, acks, started):
    keys = ["%s-%d-%d" % (a.prefix, n, i) for i in range(a.count)]
    try:
        c = Client(a.socket, timeout=10)
        if not c.hello().get("ok"):
            return
    except OSError:
        return
    pending = {}
    sent = 0
    try:
        window = a.count if a.term else a.window
        while sent < len(keys) or pending:
            while sent < len(keys) and len(pending) < window:
                k = keys[sent]
                rid = c.send("propose", {"title": k, "body": "body of " + k},
                             key=k)
                pending[rid] = k
                sent += 1
            if a.term and started is not None:
                started.set()
                started = None
            r = c.reply()
            if r is None:
                return			# the server went away
            k = pending.pop(r["id"])
            if r.get("ok"):
                with lock:
                    acks.write(json.dumps({"key": k, "result": r["result"]})
                               + "\n")
                    acks.flush()
    except (BrokenPipeError, ConnectionResetError):
        return
    except TimeoutError:
        with lock:
            errors.append("client %d: no reply in time" % n)
    except Exception as e:  # noqa: BLE001
        with lock:
            errors.append("client %d: %r" % (n, e))
    finally:
        c.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("socket")
    ap.add_argument("prefix")
    ap.add_argument("clients", type=int)
    ap.add_argument("count", type=int)
    ap.add_argument("acks")
    ap.add_argument("--window", type=int, default=8)
    ap.add_argument("--term", type=int)
    a = ap.parse_args()
    with open(a.acks, "a") as acks:
        evs = []
        ts = []
        for n in range(a.clients):
            ev = threading.Event() if a.term else None
            evs.append(ev)
            t = threading.Thread(target=writer, args=(a, n, acks, ev))
            t.start()
            ts.append(t)
        if a.term:
            for ev in evs:
                ev.wait(10)
            os.kill(a.term, signal.SIGTERM)
        for t in ts:
            t.join(30)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
