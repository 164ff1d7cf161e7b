#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot role: only leaders change roles, and a community keeps a leader.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon bin

# A member, and a moderator, may not change roles.
expect_rc 1 as daemon -d "$DB" role bin moderator
expect_err 'only leaders can change roles; you are a member'
expect_rc 0 moot -d "$DB" role daemon moderator
expect_out 'daemon is now moderator \(was member\)'
expect_rc 1 as daemon -d "$DB" role bin moderator
expect_err 'only leaders can change roles; you are a moderator'

# The only leader cannot step down.
expect_rc 1 moot -d "$DB" role root member
expect_err 'root is the only leader: make someone else leader first'

# With a second leader, the first may step down; the new one leads.
expect_rc 0 moot -d "$DB" role bin leader
expect_rc 0 moot -d "$DB" role root member
expect_out 'root is now member \(was leader\)'
expect_rc 1 moot -d "$DB" role daemon leader
expect_err 'only leaders can change roles'
expect_rc 1 as bin -d "$DB" role bin member
expect_err 'bin is the only leader'

# Only members have roles; roles are a fixed set.
expect_rc 1 as bin -d "$DB" role games member
expect_err 'games is not a member'
expect_rc 1 as bin -d "$DB" role daemon emperor
expect_err '"emperor" is not a role: use observer, member, moderator or leader'

# An observer may read but not propose.
expect_rc 0 as bin -d "$DB" role daemon observer
expect_rc 1 as daemon -d "$DB" propose -t x -b y
expect_err 'only members and above can make proposals; you are an observer'
expect_rc 0 as daemon -d "$DB" list

# The roles shown agree with the log.
expect_rc 0 moot -d "$DB" members
expect_out '^0 +root +member'
expect_out '^1 +daemon +observer'
expect_out '^2 +bin +leader'
expect_rc 0 moot -d "$DB" log --type role.changed
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "expected 4 role changes"
expect_rc 0 moot -d "$DB" check
exit 0
