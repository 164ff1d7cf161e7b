#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot join and moot invite: open and invite-only membership.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community

# Without joining, a user can do nothing that writes.
expect_rc 1 as daemon -d "$DB" propose -t "Bike shed" -b "Paint it"
expect_err 'you are not a member of this community: run `moot join` before you make proposals'
expect_rc 0 moot -d "$DB" propose -t "Bike shed" -b "Paint it"
expect_rc 1 as daemon -d "$DB" comment 1 "me too"
expect_err 'not a member of this community: run `moot join` before you comment'
# The refused comment is given back, not lost.
expect_err 'your comment was'
expect_err '^me too$'

# Open membership: join, once.
expect_rc 0 as daemon -d "$DB" join --yes
expect_out 'Welcome to Test. You accepted agreement version 1'
expect_rc 1 as daemon -d "$DB" join --yes
expect_err 'you are already a member of Test'
expect_rc 0 moot -d "$DB" members
expect_out '^1 +daemon +member +active'
expect_rc 0 as daemon -d "$DB" comment 1 "me too"

# Invite-only: self-join is refused until a moderator invites.
DB=$T/invite.db
expect_rc 0 moot -d "$DB" init --membership invite
expect_rc 1 as sys -d "$DB" join --yes
expect_err 'admits members by invitation: ask a moderator to run `moot invite sys`'
expect_rc 1 as games -d "$DB" invite sys
expect_err 'not a member of this community: run `moot join` before you invite'
expect_rc 0 moot -d "$DB" invite sys
expect_out 'sys is invited'
expect_rc 1 moot -d "$DB" invite sys
expect_err 'sys is already invited'
expect_rc 1 moot -d "$DB" invite nosuchuser-moot
expect_err 'there is no user nosuchuser-moot on this system'
expect_rc 0 as sys -d "$DB" join --yes
expect_out 'Welcome to'
# An ordinary member may not invite.
expect_rc 1 as sys -d "$DB" invite games
expect_err 'only moderators'
expect_rc 1 as games -d "$DB" join --yes
expect_err 'by invitation'
expect_rc 0 moot -d "$DB" log --type member.
expect_out 'member.invited'
expect_out 'member.joined .*sys'
expect_rc 0 moot -d "$DB" verify
exit 0
