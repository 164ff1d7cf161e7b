#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot init: creating a community, its leader, and what needs one.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# Every command but init needs an existing database.
expect_rc 1 moot -d "$DB" status
expect_err 'no community database at .*moot init'
[ ! -e "$DB" ] || fail "status created $DB"

expect_rc 0 moot -d "$DB" init --name Allotment
expect_out 'Created the community Allotment'
expect_out 'its leader is root|its leader is'
[ -f "$DB" ] || fail "no database after init"
[ -f "$DB.head" ] || fail "no head file after init"
grep -Eq '^moot-head-v1 1 [0-9a-f]{64}$' "$DB.head" ||
    fail "head file after init: $(cat "$DB.head")"

# The caller is the leader and the only member.
expect_rc 0 moot -d "$DB" members
expect_out "^0 +root +leader +active"
[ "$(grep -c active "$T/out")" -eq 1 ] || fail "more than one member"

# A second init refuses and leaves the log alone.
cp "$DB.head" "$T/head.before"
expect_rc 1 moot -d "$DB" init --name Other
cmp -s "$DB.head" "$T/head.before" || fail "second init changed the log"
expect_rc 0 moot -d "$DB" log
expect_out 'community.created +community +Allotment'
refute_out 'Other'

# --leader makes another login the leader; the caller is not a member.
expect_rc 0 moot -d "$T/b.db" init --leader daemon --membership invite
expect_out 'its leader is daemon'
expect_rc 0 as daemon -d "$T/b.db" whoami
expect_out 'daemon .*leader of'
expect_rc 1 moot -d "$T/b.db" propose -t x -b y
expect_err 'not a member of this community: run `moot join`'

# A user that does not exist cannot lead.
expect_rc 1 moot -d "$T/c.db" init --leader nosuchuser-moot
expect_err 'nosuchuser-moot'

# The new community verifies.
expect_rc 0 moot -d "$DB" verify
expect_out '^ok: 1 events'
exit 0
