#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot check: rebuilding the projections from the log.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon
expect_rc 0 as daemon -d "$DB" propose -t "Check me" -b text
expect_rc 0 moot -d "$DB" comment 1 "a comment"
expect_rc 0 moot -d "$DB" check
expect_out '^ok: the projections match the log \(4 events replayed\)$'
expect_rc 2 moot -d "$DB" check extra
need SQLITE3
"$SQLITE3" "$DB" "UPDATE members SET role = 'leader' WHERE name = 'daemon';
    DELETE FROM comments WHERE id = 1;" || fail "sqlite3 could not edit"
expect_rc 5 moot -d "$DB" check
expect_out 'the projections differ from the log'
expect_out 'members 1: value differs \(role\)'
expect_out 'comments 1'
# What the projection now says is not what the log says.
expect_rc 5 moot -d "$DB" verify
exit 0
