#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot redact: the text goes, the chain still verifies.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon bin
expect_rc 0 as daemon -d "$DB" propose -t "Phone list" -b "call 555-0100"
expect_rc 0 as bin -d "$DB" comment 1 "my address is 1 Elm St"
# seq 1 created, 2-3 joins, 4 proposal, 5 comment.
expect_rc 0 moot -d "$DB" log --type comment.added
expect_out '^ +5 .*comment.added +comment:1'

# Only leaders redact, with a reason.
expect_rc 1 as daemon -d "$DB" redact 5 -r "privacy"
expect_err 'only leaders can redact the log; you are a member'
expect_rc 2 moot -d "$DB" redact 5
expect_err 'redact needs --reason'

expect_rc 0 moot -d "$DB" redact 5 -r "personal data"
expect_out 'The text of event 5 is redacted; the chain still verifies'
expect_rc 1 moot -d "$DB" redact 5 -r "again"
expect_err 'event 5 is already redacted \(by event 6\)'
expect_rc 1 moot -d "$DB" redact 2 -r "x"
expect_err 'event 2 \(member.joined\) holds no member-written text to redact'
expect_rc 1 moot -d "$DB" redact 99 -r "x"
expect_err 'there is no event 99'

# The text is gone from the log, the show and the database file.
expect_rc 0 moot -d "$DB" log
expect_out '^ +5 .*\[redacted by event 6\]'
expect_out '^ +6 .*log.redacted +event:5 +personal data'
refute_out '1 Elm St'
expect_rc 0 moot -d "$DB" show 1
refute_out '1 Elm St'
expect_rc 0 moot -d "$DB" --json log
refute_out '1 Elm St'

# A proposal's text can be redacted too.
expect_rc 0 moot -d "$DB" redact 4 -r "phone number"
expect_rc 0 moot -d "$DB" show 1
refute_out '555-0100'

# The chain, the head and the projections still verify.
expect_rc 0 moot -d "$DB" verify
expect_out '^ok: 7 events, head 7 '
expect_rc 0 moot -d "$DB" check
if [ -n "$SQLITE3" ] && command -v "$SQLITE3" >/dev/null 2>&1; then
	"$SQLITE3" "$DB" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null 2>&1 || true
	! grep -aq 'Elm St' "$DB" || fail "the redacted text is still in the file"
fi
exit 0
