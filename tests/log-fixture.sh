#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# log-fixture.sh DB: build a small valid moot event log (moot-log(5)) in
# the new file DB, and its head file DB.head, without moot: python3
# computes the canons and hashes, and the sqlite3 shell (or, without it,
# Python's sqlite3 module) stores them. The log has ten events, among them
# a redaction, and bodies with escapes and non-ASCII text. It is the same
# bytes on every run, so its head is a known value.
#
# The event types and body keys are illustrative; moot-log(5) does not
# depend on them, except for log.redacted.

set -eu

if [ $# -ne 1 ] || [ -z "$1" ]; then
	echo "usage: log-fixture.sh DB" >&2
	exit 2
fi
db=$1
if [ -e "$db" ]; then
	echo "log-fixture.sh: $db exists; give a new file" >&2
	exit 1
fi
command -v python3 >/dev/null 2>&1 || {
	echo "log-fixture.sh: python3 is needed" >&2
	exit 1
}

tmp=$(mktemp "${TMPDIR:-/tmp}/moot-fixture.XXXXXX")
trap 'rm -f "$tmp"' EXIT HUP INT TERM

# Write the SQL to $tmp and the head line to $db.head.tmp.
python3 - "$db" >"$tmp" <<'EOF'
import hashlib, json, sys

def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")

ada = {"name": "ada", "uid": 1000}
bo = {"name": "bo", "uid": 1001}
cy = {"name": "cy", "uid": 1002}
t0 = 1767225600000                      # 2026-01-01T00:00:00Z
events = [
    (ada, "community.created", "community",
     {"name": "tilde.example", "agreement_version": 1,
      "licence": "CC-BY-SA-4.0"}),
    (ada, "member.joined", "member:1000", {"agreement_version": 1}),
    (bo, "member.joined", "member:1001", {"agreement_version": 1}),
    (cy, "member.joined", "member:1002", {"agreement_version": 1}),
    (bo, "proposal.created", "proposal:1",
     {"title": "Weekly backups \u2014 \u0646\u0633\u062e\u0647 "
               "\u067e\u0634\u062a\u06cc\u0628\u0627\u0646",
      "text": "Back up /home every Sunday.\nThe \"old\" way was "
              "C:\\backup\tby hand \U0001F4BE.",
      "rule": "default"}),
    (cy, "comment.created", "comment:1",
     {"on": "proposal:1",
      "text": "Ask bo, who lives at 12 Example Street, Springfield."}),
    (bo, "proposal.voting_opened", "proposal:1", {"closes": t0 + 86400000}),
    (ada, "ballot.cast", "proposal:1", {"choice": "yes"}),
    (ada, "log.redacted", "event:6",
     {"seq": 6, "reason": "doxxing: a home address",
      "kept": {"on": "proposal:1", "text": None}}),
    (cy, "ballot.cast", "proposal:1", {"choice": "abstain"}),
]

out = sys.stdout
out.write("""PRAGMA journal_mode = WAL;
BEGIN;
CREATE TABLE events (seq INTEGER PRIMARY KEY, canon BLOB NOT NULL,
                     hash BLOB NOT NULL);
CREATE TABLE bodies (seq INTEGER PRIMARY KEY REFERENCES events(seq),
                     body BLOB,
                     redacted_by INTEGER REFERENCES events(seq));
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
BEGIN SELECT RAISE(ABORT, 'bodies are never deleted'); END;
CREATE TRIGGER bodies_only_redact BEFORE UPDATE ON bodies
WHEN NOT (NEW.seq = OLD.seq AND OLD.body IS NOT NULL AND NEW.body IS NULL
          AND OLD.redacted_by IS NULL AND NEW.redacted_by IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a body can only be redacted'); END;
COMMIT;
""")

prev = bytes(32)
for seq, (actor, type_, ref, body) in enumerate(events, 1):
    body_bytes = canonical(body)
    canon = canonical({
        "actor": actor,
        "body_sha256": hashlib.sha256(body_bytes).hexdigest(),
        "prev": prev.hex(),
        "ref": ref,
        "seq": seq,
        "ts": t0 + 60000 * seq,
        "type": type_,
        "v": 1,
    })
    h = hashlib.sha256(b"moot-event-v1\n" + canon).digest()
    out.write("BEGIN;\n")
    out.write("INSERT INTO events (seq, canon, hash) VALUES (%d, X'%s', X'%s');\n"
              % (seq, canon.hex(), h.hex()))
    out.write("INSERT INTO bodies (seq, body) VALUES (%d, X'%s');\n"
              % (seq, body_bytes.hex()))
    if type_ == "log.redacted":
        out.write("UPDATE bodies SET body = NULL, redacted_by = %d "
                  "WHERE seq = %d;\n" % (seq, body["seq"]))
    out.write("COMMIT;\n")
    prev = h

with open(sys.argv[1] + ".head.tmp", "w") as f:
    f.write("moot-head-v1 %d %s\n" % (len(events), prev.hex()))
EOF

if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 -bail "$db" <"$tmp" >/dev/null
else
	python3 -c '
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.executescript(open(sys.argv[2]).read())
conn.close()
' "$db" "$tmp"
fi
chmod 644 "$db.head.tmp"
mv -f "$db.head.tmp" "$db.head"
