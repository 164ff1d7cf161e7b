#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot status: one line for a prompt.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon
expect_rc 0 moot -d "$DB" status
expect_out '^moot: 0 proposals in discussion$'
expect_rc 0 as daemon -d "$DB" propose -t One -b a
expect_rc 0 as daemon -d "$DB" propose -t Two -b b
expect_rc 0 as daemon -d "$DB" propose -t Three -b c --draft
expect_rc 0 moot -d "$DB" status
expect_out '^moot: 2 proposals in discussion$'
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "status is more than one line"
expect_rc 0 as daemon -d "$DB" status
expect_out '2 proposals in discussion; 1 draft of yours'
expect_rc 0 as daemon -d "$DB" --json status
expect_out '"role":"member","votes_need_you":0,"votes_closing_soon":0,"next_close_ts":0,"discussion":2,"my_drafts":1,"tasks_overdue":0,"disputes_assigned":0\}$'
expect_rc 0 moot -d "$DB" withdraw 1 -r done
expect_rc 0 moot -d "$DB" status
expect_out '1 proposal in discussion|1 proposals in discussion'
expect_rc 1 moot -d "$T/none.db" status
expect_err 'no community database'
exit 0
