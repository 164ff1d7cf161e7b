#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot verify on an intact log, and against saved head files.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon
expect_rc 0 as daemon -d "$DB" propose -t "Verify me" -b text
expect_rc 0 moot -d "$DB" verify
expect_out '^ok: 3 events, head 3 [0-9a-f]{64}$'
# The head it prints is the head file's.
read -r magic seq hash <"$DB.head"
[ "$magic" = moot-head-v1 ] && [ "$seq" = 3 ] || fail "head file: $magic $seq"
expect_out "head 3 $hash"

# A head saved earlier is a prefix of the log: still intact.
cp "$DB.head" "$T/old.head"
expect_rc 0 as daemon -d "$DB" comment 1 "later"
expect_rc 0 moot -d "$DB" verify --head "$T/old.head"
expect_out '^ok: 4 events'

# A saved head from another community (a fork) disagrees.
expect_rc 0 moot -d "$T/other.db" init --name Other
expect_rc 0 moot -d "$T/other.db" propose -t a -b b
expect_rc 0 moot -d "$T/other.db" propose -t c -b d
expect_rc 4 moot -d "$DB" verify --head "$T/other.db.head"
expect_out '^forked: seq 3 has hash [0-9a-f]+\.\.\. but the head file says'

# Unreadable or malformed head files are errors, not verdicts.
expect_rc 1 moot -d "$DB" verify --head "$T/missing.head"
printf 'not a head\n' >"$T/bad.head"
expect_rc 1 moot -d "$DB" verify --head "$T/bad.head"

# --no-check skips the projections but still checks the chain.
expect_rc 0 moot -d "$DB" verify --no-check
expect_out '^ok: 4 events'
exit 0
