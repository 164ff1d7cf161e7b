#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Verify a moot event log, independently of moot.

usage: verify-log.py [--head FILE] DB

This is a second implementation of the checks of `moot verify` that
concern the log itself, written from moot-log(5) alone with nothing but
the Python standard library.  It opens DB read-only and never writes.

Exit status: 0 the log is intact; 1 the log could not be checked (cannot
open the file, not a moot database, unsupported format version, unreadable
head file); 2 usage; 3 tampered (the log is inconsistent; the message names
the first bad seq); 4 the head file disagrees (rolled back or forked).
"""

import argparse
import hashlib
import json
import os
import re
import sqlite3
import sys
import urllib.parse

PREFIX = b"moot-event-v1\n"
ZERO_HEX = "0" * 64
MAX_INT = 2 ** 53 - 1
VERSION = 1
CANON_KEYS = ["actor", "body_sha256", "prev", "ref", "seq", "ts", "type", "v"]
ACTOR_KEYS = ["name", "uid"]
HEX64 = re.compile(r"[0-9a-f]{64}\Z")
HEAD_LINE = re.compile(rb"moot-head-v1 (0|[1-9][0-9]{0,18}) ([0-9a-f]{64})\n\Z")

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_TAMPERED, EXIT_HEAD = 0, 1, 2, 3, 4


class Failure(Exception):
    """Verification stops: an exit code and a one-line message."""

    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code
        self.message = message


def tampered(seq, what):
    return Failure(EXIT_TAMPERED, "tampered: seq %d: %s" % (seq, what))


class NotCanonical(Exception):
    pass


# ---------------------------------------------------------------------------
# Canonical JSON (moot-log(5), CANONICAL JSON)

def _pairs(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise NotCanonical("duplicate key %s" % json.dumps(key))
        obj[key] = value
    return obj


def _int(text):
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_INT:
        raise NotCanonical("integer %s is out of range" % text[:24])
    if text == "-0":
        raise NotCanonical("-0 is not allowed")
    return int(text)


def _float(text):
    raise NotCanonical("number %s is not an integer" % text[:24])


def _constant(text):
    raise NotCanonical("%s is not JSON" % text)


def canonical(data):
    """Parse bytes that must be canonical JSON; return the value.

    Raises NotCanonical saying why they are not.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NotCanonical("invalid UTF-8 at byte %d" % e.start)
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_int=_int,
                           parse_float=_float, parse_constant=_constant)
    except RecursionError:
        raise Failure(EXIT_FAILURE,
                      "cannot check: JSON nested too deeply for this verifier")
    except ValueError as e:             # includes json.JSONDecodeError
        raise NotCanonical("not JSON (%s)" % e)
    try:
        again = json.dumps(value, sort_keys=True, separators=(",", ":"),
                           ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise NotCanonical("a string holds an unpaired surrogate")
    if again != data:
        at = 0
        while at < min(len(again), len(data)) and again[at] == data[at]:
            at += 1
        raise NotCanonical("not in canonical form from byte %d" % at)
    return value


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


# ---------------------------------------------------------------------------
# Step 1: the chain

def check_canon(seq, canon, prev_hex):
    """Check one event's canon; return the parsed object."""
    try:
        ev = canonical(canon)
    except NotCanonical as e:
        raise tampered(seq, "canon is not canonical JSON: %s" % e)
    if not isinstance(ev, dict):
        raise tampered(seq, "canon is not a JSON object")
    missing = [k for k in CANON_KEYS if k not in ev]
    extra = sorted(k for k in ev if k not in CANON_KEYS)
    if missing:
        raise tampered(seq, "canon lacks the key %s" % missing[0])
    if extra:
        raise tampered(seq, "canon has an unknown key %s" % json.dumps(extra[0]))
    actor = ev["actor"]
    if not isinstance(actor, dict) or sorted(actor) != ACTOR_KEYS:
        raise tampered(seq, "canon actor is not an object of name and uid")
    if not isinstance(actor["name"], str) or not is_int(actor["uid"]):
        raise tampered(seq, "canon actor name is not a string or uid "
                       "is not an integer")
    for key in ("body_sha256", "prev"):
        if not isinstance(ev[key], str) or not HEX64.match(ev[key]):
            raise tampered(seq, "canon %s is not 64 lower-case hex digits"
                           % key)
    for key in ("ref", "type"):
        if not isinstance(ev[key], str):
            raise tampered(seq, "canon %s is not a string" % key)
    for key in ("seq", "ts", "v"):
        if not is_int(ev[key]):
            raise tampered(seq, "canon %s is not an integer" % key)
    if ev["seq"] != seq:
        raise tampered(seq, "canon says seq %d" % ev["seq"])
    if ev["v"] != VERSION:
        if ev["v"] > VERSION:
            raise Failure(EXIT_FAILURE, "seq %d: format version %d is not "
                          "supported (this verifier knows version %d)"
                          % (seq, ev["v"], VERSION))
        raise tampered(seq, "canon v is %d, not %d" % (ev["v"], VERSION))
    if ev["prev"] != prev_hex:
        if seq == 1:
            raise tampered(seq, "prev is not 64 zeros")
        raise tampered(seq, "prev does not match the hash of seq %d"
                       % (seq - 1))
    return ev


# ---------------------------------------------------------------------------
# Step 2: one event's body row (returns a Failure instead of raising, so
# that the chain is checked to the end before a body is blamed)

def check_body(seq, ev, has_row, body, body_type, redacted_by, rb_type,
               state):
    if not has_row:
        return tampered(seq, "the event has no bodies row")
    if rb_type not in ("null", "integer"):
        return tampered(seq, "redacted_by is not an integer")
    if body_type == "null":
        if redacted_by is None:
            return tampered(seq, "body is missing and not redacted")
        state["redacted"][seq] = redacted_by
        return None
    if body_type != "blob":
        return tampered(seq, "body is not a BLOB (it is %s)" % body_type)
    if hashlib.sha256(body).hexdigest() != ev["body_sha256"]:
        return tampered(seq, "body does not match body_sha256")
    try:
        value = canonical(body)
    except NotCanonical as e:
        return tampered(seq, "body is not canonical JSON: %s" % e)
    except Failure as e:
        return e
    if not isinstance(value, dict):
        return tampered(seq, "body is not a JSON object")
    if redacted_by is not None:
        return tampered(seq, "body is present but redacted_by is set")
    if ev["type"] == "log.redacted":
        state["redactions"][seq] = (value, ev["ref"])
    return None


# ---------------------------------------------------------------------------
# Step 3: redactions, both ways

def check_redactions(state, last):
    redacted = state["redacted"]        # seq -> redacted_by, NULL bodies
    redactions = state["redactions"]    # seq -> (body, ref), log.redacted
    kinds = state["log_redacted"]       # every seq of type log.redacted
    for seq in sorted(set(redacted) | set(redactions)):
        if seq in redacted:
            by = redacted[seq]
            if seq in kinds:
                raise tampered(seq, "the body of a log.redacted event "
                               "cannot be redacted")
            if by <= seq or by > last:
                raise tampered(seq, "body is redacted by seq %d, which is "
                               "not a later event" % by)
            if by not in kinds:
                raise tampered(seq, "body is redacted by seq %d, which is "
                               "not a log.redacted event" % by)
            # A log.redacted event without its body fails at its own seq.
            if by in redactions:
                target = redactions[by][0].get("seq")
                if target != seq:
                    raise tampered(seq, "body is redacted by seq %d, which "
                                   "redacts %s" % (by, "seq %d" % target
                                                   if is_int(target) else
                                                   "no valid seq"))
        if seq in redactions:
            body, ref = redactions[seq]
            target = body.get("seq")
            if not is_int(target) or not 1 <= target < seq:
                raise tampered(seq, "log.redacted body has no seq of an "
                               "earlier event")
            if not isinstance(body.get("reason"), str):
                raise tampered(seq, "log.redacted body has no reason string")
            if not isinstance(body.get("kept"), dict):
                raise tampered(seq, "log.redacted body has no kept object")
            if ref != "event:%d" % target:
                raise tampered(seq, "log.redacted ref is %s, not event:%d"
                               % (json.dumps(ref), target))
            if target in kinds:
                raise tampered(seq, "redacts seq %d, a log.redacted event"
                               % target)
            if redacted.get(target) != seq:
                if target not in redacted:
                    raise tampered(seq, "redacts seq %d, whose body is "
                                   "still there" % target)
                raise tampered(seq, "redacts seq %d, whose redacted_by is %d"
                               % (target, redacted[target]))


# ---------------------------------------------------------------------------
# Step 4: the head file

def read_head(path, given):
    """Read the head file before the database, so that it never names an
    event committed after our read transaction began. Returns the bytes,
    None (missing default), or a Failure to raise in step 4."""
    try:
        with open(path, "rb") as f:
            return f.read(4096)
    except FileNotFoundError:
        if given:
            return Failure(EXIT_FAILURE, "cannot read head file %s: no such "
                           "file" % path)
        return None
    except OSError as e:
        return Failure(EXIT_FAILURE, "cannot read head file %s: %s"
                       % (path, e.strerror or e))


def check_head(conn, path, data, last):
    if isinstance(data, Failure):
        raise data
    m = HEAD_LINE.match(data)
    if not m:
        raise Failure(EXIT_FAILURE, "%s is not a moot head file (one line "
                      "\"moot-head-v1 SEQ HASH\" expected)" % path)
    seq, hex_hash = int(m.group(1)), m.group(2).decode("ascii")
    if seq == 0:
        if hex_hash != ZERO_HEX:
            raise Failure(EXIT_FAILURE, "%s: seq 0 must have 64 zeros as "
                          "its hash" % path)
        return
    if seq > last:
        raise Failure(EXIT_HEAD, "rolled back: head file says seq %d but "
                      "the log ends at %d" % (seq, last))
    row = conn.execute("SELECT hash FROM events WHERE seq = ?",
                       (seq,)).fetchone()
    have = bytes(row[0]).hex()
    if have != hex_hash:
        raise Failure(EXIT_HEAD, "forked: seq %d has hash %s but the head "
                      "file says %s" % (seq, have, hex_hash))


# ---------------------------------------------------------------------------

def open_db(path, immutable):
    if not os.path.exists(path):
        raise Failure(EXIT_FAILURE, "cannot open %s: no such file" % path)
    uri = "file:%s?mode=ro%s" % (urllib.parse.quote(os.path.abspath(path)),
                                 "&immutable=1" if immutable else "")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        conn.execute("PRAGMA query_only = 1")
        conn.execute("BEGIN")
        names = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as e:
        raise Failure(EXIT_FAILURE, "cannot open %s: %s" % (path, e))
    for table in ("events", "bodies"):
        if table not in names:
            raise Failure(EXIT_FAILURE, "%s is not a moot database (it has "
                          "no %s table)" % (path, table))
    return conn


ROWS = """
SELECT e.seq, typeof(e.seq), e.canon, typeof(e.canon), e.hash, typeof(e.hash),
       b.seq IS NOT NULL, b.body, typeof(b.body), b.redacted_by,
       typeof(b.redacted_by)
  FROM events AS e LEFT JOIN bodies AS b ON b.seq = e.seq
 ORDER BY e.seq
"""


def verify(db, head_path, head_given, immutable):
    head = read_head(head_path, head_given)
    conn = open_db(db, immutable)
    prev_hex, last = ZERO_HEX, 0
    body_failure = None
    state = {"redacted": {}, "redactions": {}, "log_redacted": set()}
    try:
        rows = conn.execute(ROWS)
        for (seq, seq_type, canon, canon_type, hash_, hash_type, has_body_row,
             body, body_type, redacted_by, rb_type) in rows:
            # 1. The chain.
            if seq_type != "integer":
                raise Failure(EXIT_TAMPERED, "tampered: after seq %d: a seq "
                              "is not an integer" % last)
            if seq != last + 1:
                if seq <= last:
                    raise tampered(seq, "seqs must start at 1")
                if last == 0:
                    raise Failure(EXIT_TAMPERED, "tampered: seq 1 is missing "
                                  "(events start at %d)" % seq)
                raise Failure(EXIT_TAMPERED, "tampered: seq %d is missing "
                              "(events jump from %d to %d)"
                              % (last + 1, last, seq))
            if canon_type != "blob":
                raise tampered(seq, "canon is not a BLOB (it is %s)"
                               % canon_type)
            ev = check_canon(seq, canon, prev_hex)
            if hash_type != "blob" or len(hash_) != 32:
                raise tampered(seq, "hash is not 32 bytes")
            if hashlib.sha256(PREFIX + canon).digest() != hash_:
                raise tampered(seq, "hash does not match canon")
            prev_hex, last = bytes(hash_).hex(), seq
            if ev["type"] == "log.redacted":
                state["log_redacted"].add(seq)
            # 2. The body, reported only once the chain is whole.
            if body_failure is None:
                body_failure = check_body(seq, ev, has_body_row, body,
                                          body_type, redacted_by, rb_type,
                                          state)
        if body_failure is not None:
            raise body_failure
        row = conn.execute(
            "SELECT min(seq) FROM bodies WHERE seq NOT IN "
            "(SELECT seq FROM events)").fetchone()
        if row[0] is not None:
            raise tampered(row[0], "a bodies row has no event (the events "
                           "end at %d)" % last)
        # 3. Redactions.
        check_redactions(state, last)
        # 4. The head file.
        if head is not None:
            check_head(conn, head_path, head, last)
    except sqlite3.Error as e:
        raise Failure(EXIT_FAILURE, "cannot read %s: %s" % (db, e))
    finally:
        conn.close()
    return last, prev_hex, head is not None


def idle(db):
    return not any(os.path.exists(db + suffix)
                   for suffix in ("-wal", "-shm", "-journal"))


def verify_db(db, head_path, head_given):
    """Verify without leaving files behind.

    Opened with mode=ro, a database in WAL mode whose -wal and -shm files
    are missing (no connection has it open) gets them created by SQLite,
    owned by whoever verifies, which can later lock the writer out. Such a
    database is read with immutable=1 instead, which creates nothing; if a
    writer appeared meanwhile, the snapshot may be torn, so it is checked
    again the ordinary way.
    """
    if idle(db):
        try:
            result = verify(db, head_path, head_given, True)
        except Failure as e:
            result = e
        if idle(db):
            if isinstance(result, Failure):
                raise result
            return result
    return verify(db, head_path, head_given, False)


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="verify-log.py",
        description="Verify a moot event log (moot-log(5)): the hash chain, "
        "the bodies, the redactions and the head file.",
        epilog="Exit status: 0 intact, 1 cannot check, 2 usage, 3 tampered, "
        "4 head file disagrees (rolled back or forked).")
    ap.add_argument("--head", metavar="FILE",
                    help="head file to check against (default: DB.head, "
                    "which may be missing)")
    ap.add_argument("db", metavar="DB", help="the moot database")
    args = ap.parse_args(argv)
    head_path = args.head if args.head is not None else args.db + ".head"
    try:
        last, last_hex, head_checked = verify_db(args.db, head_path,
                                                 args.head is not None)
    except Failure as e:
        prefix = "" if e.code in (EXIT_TAMPERED, EXIT_HEAD) else \
            "verify-log.py: "
        print(prefix + e.message, file=sys.stderr)
        return e.code
    if not head_checked:
        print("verify-log.py: warning: no head file %s, so a rollback "
              "cannot be detected" % head_path, file=sys.stderr)
    if last == 0:
        print("ok: 0 events")
    else:
        print("ok: %d events, head %d %s" % (last, last, last_hex))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
