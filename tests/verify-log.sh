#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/verify-log.py, the independent verifier, agrees with moot on a
# log moot wrote: a hidden comment and a redaction verify, tampering does not.
. "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}/tests/cli/lib.sh"
need PYTHON3
"$PYTHON3" -c 'import sqlite3' 2>/dev/null || skip "python3 has no sqlite3"
V=$top_srcdir/tests/verify-log.py

community
member daemon bin
expect_rc 0 as daemon -d "$DB" propose -t "Keys for the shed" -b "Who holds them — «ключи» 🔑"
expect_rc 0 as bin -d "$DB" comment 1 "my phone is 555-0100"
expect_rc 0 as daemon -d "$DB" comment 1 "thanks"
expect_rc 0 moot -d "$DB" hide 1 -r "personal data"
expect_rc 0 moot -d "$DB" redact 5 -r "phone number"
expect_rc 0 moot -d "$DB" role daemon moderator
expect_rc 0 as daemon -d "$DB" withdraw 1
expect_rc 0 moot -d "$DB" verify
expect_out '^ok: 10 events'
expect_rc 0 "$PYTHON3" "$V" "$DB"
expect_out '^ok: 10 events'
expect_rc 0 "$PYTHON3" "$V" --head "$DB.head" "$DB"
expect_out '^ok: 10 events'

# A tampered copy: one byte of a body changed.
"$PYTHON3" - "$DB" "$T/bad.db" <<'PY' || fail "could not make the tampered copy"
import sqlite3, sys
src = sqlite3.connect(sys.argv[1])
dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
src.close()
dst.execute("DROP TRIGGER bodies_redact_only")
dst.execute("UPDATE bodies SET body = CAST(replace(CAST(body AS TEXT), 'thanks', 'thankS') AS BLOB) WHERE seq = 6")
dst.commit()
PY
cp "$DB.head" "$T/bad.db.head"
expect_rc 3 "$PYTHON3" "$V" "$T/bad.db"
expect_err 'seq 6'
expect_rc 3 moot -d "$T/bad.db" verify
expect_out 'tampered: seq 6'
exit 0
