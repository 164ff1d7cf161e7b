#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot verify counts every closed vote again from the log. Someone who
# can write the database changes a vote's outcome and re-hashes the whole
# chain after it (and the head file), so that the chain itself verifies:
# the re-tally still finds it, names the seq of the vote.closed event and
# exits 3 (tampered).
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

need PYTHON3
community
member daemon bin sys
expect_rc 0 as_at daemon 0 propose -t "Tea" -b "Buy tea."
expect_rc 0 as_at daemon $((3 * D)) open-vote 1
expect_rc 0 as_at daemon $((3 * D)) vote 1 yes
expect_rc 0 as_at bin $((3 * D)) vote 1 no
expect_rc 0 as_at sys $((3 * D)) vote 1 no
# The deadline passes; the next command closes the vote.
expect_rc 0 at $((11 * D)) show 1
expect_out 'rejected'
expect_rc 0 at $((11 * D)) comment 1 "next time"
expect_rc 0 moot -d "$DB" verify --no-check
expect_out '^ok: '

cp "$DB" "$T/forged.db"
cp "$DB.head" "$T/forged.db.head"
# Turn the outcome around and re-chain everything from there.
"$PYTHON3" - "$T/forged.db" <<'PY' || fail "cannot forge the log"
import hashlib, json, sqlite3, sys

path = sys.argv[1]
db = sqlite3.connect(path)
db.execute("DROP TRIGGER events_no_update")
db.execute("DROP TRIGGER bodies_redact_only")

def canon(o):
    return json.dumps(o, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()

prev = "0" * 64
forged = False
rows = db.execute("SELECT e.seq, e.canon, b.body FROM events e "
                  "JOIN bodies b ON b.seq = e.seq ORDER BY e.seq").fetchall()
for seq, c, body in rows:
    ev = json.loads(c)
    if ev["type"] == "vote.closed" and not forged:
        b = json.loads(body)
        b["outcome"] = "passed"
        body = canon(b)
        forged = True
        db.execute("UPDATE bodies SET body = ? WHERE seq = ?", (body, seq))
    ev["body_sha256"] = hashlib.sha256(body).hexdigest()
    ev["prev"] = prev
    c = canon(ev)
    h = hashlib.sha256(b"moot-event-v1\n" + c).digest()
    db.execute("UPDATE events SET canon = ?, hash = ? WHERE seq = ?",
               (c, h, seq))
    prev = h.hex()
db.commit()
assert forged
with open(path + ".head", "w") as f:
    f.write("moot-head-v1 %d %s\n" % (rows[-1][0], prev))
PY

# The forged chain hashes correctly, so only the re-tally can tell.
expect_rc 3 moot -d "$T/forged.db" verify --no-check
expect_out 'counts again as rejected'
expect_out 'seq [0-9]+'
# The independent verifier, which knows nothing of votes, is satisfied.
expect_rc 0 "$PYTHON3" "$top_srcdir/tests/verify-log.py" "$T/forged.db"
exit 0
