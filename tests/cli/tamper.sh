#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Tampering with the database behind moot's back: the triggers refuse
# the plain edits, and moot verify finds the rest and names the seq.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

need SQLITE3
sql() { "$SQLITE3" "$1" "$2"; }

community
member daemon bin
expect_rc 0 as daemon -d "$DB" propose -t "Budget" -b "Spend 10 on tea."
expect_rc 0 as bin -d "$DB" comment 1 "more tea"
expect_rc 0 moot -d "$DB" hide 1 -r "off topic"
expect_rc 0 as bin -d "$DB" comment 1 "sorry"
expect_rc 0 as daemon -d "$DB" comment 1 "fine"
# 1 created, 2-3 joins, 4 proposal, 5 comment, 6 hidden, 7-8 comments
expect_rc 0 moot -d "$DB" verify
expect_out '^ok: 8 events'
cp "$DB.head" "$T/saved.head"

# fresh NAME: a copy of the intact community as $T/NAME.db.
fresh() {
	rm -f "$T/$1.db"*
	expect_rc 0 sql "$DB" ".backup '$T/$1.db'"
	cp "$DB.head" "$T/$1.db.head"
	X=$T/$1.db
}

# The triggers keep the log append-only.
fresh trig
expect_failure sql "$X" "UPDATE events SET canon = x'00' WHERE seq = 3"
expect_err 'append-only'
expect_failure sql "$X" "DELETE FROM events WHERE seq = 3"
expect_err 'append-only'
expect_failure sql "$X" "DELETE FROM bodies WHERE seq = 3"
expect_err 'append-only'
expect_failure sql "$X" "UPDATE bodies SET body = 'x' WHERE seq = 4"
expect_err 'a body may only be redacted'
expect_rc 0 moot -d "$X" verify

# One byte of a canon changed (the actor's name in seq 4).
fresh canon
expect_rc 0 sql "$X" "DROP TRIGGER events_no_update;
    UPDATE events SET canon = CAST(replace(CAST(canon AS TEXT),
    '\"name\":\"daemon\"', '\"name\":\"daemoN\"') AS BLOB) WHERE seq = 4"
expect_rc 3 moot -d "$X" verify
expect_out '^tampered: seq 4: '

# A body changed: its hash no longer matches.
fresh body
expect_rc 0 sql "$X" "DROP TRIGGER bodies_redact_only;
    UPDATE bodies SET body = CAST(replace(CAST(body AS TEXT), 'tea', 'gin')
    AS BLOB) WHERE seq = 4"
expect_rc 3 moot -d "$X" verify
expect_out '^tampered: seq 4: body does not match'

# An event in the middle deleted.
fresh gap
expect_rc 0 sql "$X" "DROP TRIGGER events_no_delete;
    DROP TRIGGER bodies_no_delete;
    DELETE FROM bodies WHERE seq = 6; DELETE FROM events WHERE seq = 6"
expect_rc 3 moot -d "$X" verify
expect_out '^tampered: seq 6 is missing'

# The last events dropped and the head file rolled back with them: the
# log is consistent with itself, but not with a head saved elsewhere.
expect_rc 0 as daemon -d "$DB" comment 1 "one"
expect_rc 0 as daemon -d "$DB" comment 1 "two"
cp "$DB.head" "$T/saved10.head"
fresh roll
cp "$T/saved.head" "$X.head"
expect_rc 0 sql "$X" "DROP TRIGGER events_no_delete;
    DROP TRIGGER bodies_no_delete;
    DELETE FROM bodies WHERE seq > 8; DELETE FROM events WHERE seq > 8"
expect_rc 4 moot -d "$X" verify --head "$T/saved10.head" --no-check
expect_out 'rolled back: head file says seq 10 but the log ends at 8'
# Without its own head file rolled back, moot notices by itself.
cp "$T/saved10.head" "$X.head"
expect_rc 4 moot -d "$X" verify --no-check
expect_out 'rolled back'

# A projection edited: check and verify both report it.
fresh proj
expect_rc 0 sql "$X" "UPDATE proposals SET title = 'Spend 1000 on tea' WHERE id = 1"
expect_rc 5 moot -d "$X" check
expect_out 'proposals 1: value differs \(title\)'
expect_rc 5 moot -d "$X" verify
expect_out 'projections differ from the log'
expect_rc 0 moot -d "$X" verify --no-check

# The original was never touched.
expect_rc 0 moot -d "$DB" verify
exit 0
