# SPDX-License-Identifier: GPL-3.0-or-later
#
# client.py: a small standard-library client of moot-protocol(7), for the
# server scenarios in tests/server. Every read has a deadline: a test that
# waits for a reply that never comes fails instead of hanging.
#
# As a module:
#
#	c = Client(path)		connect (timeout: every wait, seconds)
#	c.hello()			the handshake; returns the reply
#	c.call(op, args, key=None)	one request, its reply (events met on
#					the way are kept in c.events)
#	c.send(op, args, key=None)	send without reading; returns the id
#	c.send_raw(data)		bytes as they are
#	c.reply()			the next reply line (events kept)
#	c.line()			the next line of any kind, or None at EOF
#	c.event()			the next pushed event (from c.events
#					first)
#	c.eof(timeout)			True when the server closed the socket
#
# From the shell (as whatever user runs it):
#
#	client.py -s SOCKET call OP [JSON-ARGS] [--key KEY]
#		print the reply on one line; exit 0 when ok, 1 when not
#	client.py -s SOCKET follow --since SEQ --count N
#		subscribe, say "subscribed SEQ" on stderr, then print N
#		events (JSON lines), flushing each;
#		exit 1 if they do not all come within the timeout
import argparse
import json
import select
import socket
import sys
import time


class ProtocolError(Exception):
    pass


class Client:
    def __init__(self, path, timeout=10.0, hello=False, rcvbuf=None):
        self.timeout = timeout
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if rcvbuf is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""
        self.next_id = 1
        self.events = []
        self.closed = False
        if hello:
            r = self.hello()
            if not r.get("ok"):
                raise ProtocolError("hello refused: %r" % r)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send_raw(self, data):
        self.sock.sendall(data)

    def send(self, op, args=None, key=None, **extra):
        rid = self.next_id
        self.next_id += 1
        req = {"id": rid, "op": op}
        if args is not None:
            req["args"] = args
        if key is not None:
            req["key"] = key
        req.update(extra)
        self.send_raw(json.dumps(req, separators=(",", ":")).encode() + b"\n")
        return rid

    def line(self, timeout=None):
        """The next line as an object; None at EOF. Raises on timeout."""
        deadline = time.monotonic() + (self.timeout if timeout is None
                                       else timeout)
        while b"\n" not in self.buf:
            if self.closed:
                return None
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no line from the server in time")
            r, _, _ = select.select([self.sock], [], [], left)
            if not r:
                continue
            try:
                data = self.sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                data = b""
            if not data:
                self.closed = True
                if self.buf:
                    raise ProtocolError("EOF inside a line: %r" % self.buf)
                return None
            self.buf += data
        raw, _, self.buf = self.buf.partition(b"\n")
        try:
            return json.loads(raw)
        except ValueError:
            raise ProtocolError("not JSON: %r" % raw)

    def reply(self, timeout=None):
        """The next reply; events met on the way go to self.events."""
        while True:
            msg = self.line(timeout)
            if msg is None:
                return None
            if "event" in msg and "id" not in msg:
                self.events.append(msg["event"])
                continue
            return msg

    def event(self, timeout=None):
        if self.events:
            return self.events.pop(0)
        while True:
            msg = self.line(timeout)
            if msg is None:
                return None
            if "event" in msg and "id" not in msg:
                return msg["event"]
            raise ProtocolError("a reply where an event was expected: %r"
                                % msg)

    def call(self, op, args=None, key=None, **extra):
        rid = self.send(op, args, key, **extra)
        r = self.reply()
        if r is None:
            raise ProtocolError("connection closed before the reply to %s"
                                % op)
        if r.get("id") != rid:
            raise ProtocolError("reply %r to request %d" % (r, rid))
        return r

    def hello(self, version=1, **args):
        a = {"version": version}
        a.update(args)
        return self.call("hello", a)

    def eof(self, timeout=None):
        """True once the server has closed (lines before it skipped)."""
        deadline = time.monotonic() + (self.timeout if timeout is None
                                       else timeout)
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                if self.line(left) is None:
                    return True
        except TimeoutError:
            return False


def log_all(c, since=0):
    """Every event after since, through the log op's pages."""
    out = []
    while True:
        r = c.call("log", {"since": since, "limit": 1000})
        if not r.get("ok"):
            raise ProtocolError("log: %r" % r)
        evs = r["result"]["events"]
        out.extend(evs)
        if not evs or r["result"].get("next") is None:
            return out
        since = evs[-1]["seq"]


def main():
    ap = argparse.ArgumentParser(prog="client.py")
    ap.add_argument("-s", "--socket", required=True)
    ap.add_argument("-t", "--timeout", type=float, default=10.0)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("call")
    p.add_argument("op")
    p.add_argument("args", nargs="?", default="{}")
    p.add_argument("--key")
    p = sub.add_parser("follow")
    p.add_argument("--since", type=int, default=None)
    p.add_argument("--count", type=int, required=True)
    a = ap.parse_args()

    c = Client(a.socket, a.timeout)
    r = c.hello()
    if not r.get("ok"):
        print(json.dumps(r, separators=(",", ":")))
        return 1
    if a.cmd == "call":
        r = c.call(a.op, json.loads(a.args), a.key)
        print(json.dumps(r, separators=(",", ":")))
        return 0 if r.get("ok") else 1
    args = {} if a.since is None else {"since": a.since}
    r = c.call("subscribe", args)
    if not r.get("ok"):
        print(json.dumps(r, separators=(",", ":")))
        return 1
    # For a test to wait on: the subscription is open.
    print("subscribed", r["result"]["since"], file=sys.stderr, flush=True)
    for _ in range(a.count):
        try:
            ev = c.event()
        except TimeoutError:
            return 1
        if ev is None:
            return 1
        print(json.dumps(ev, separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
