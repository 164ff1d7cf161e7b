#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot list: newest first, filters, paging and --json.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon
expect_rc 0 moot -d "$DB" list
expect_out '^No proposals\.$'

expect_rc 0 moot -d "$DB" propose -t "Alpha" -b a
expect_rc 0 as daemon -d "$DB" propose -t "Bravo" -b b
expect_rc 0 as daemon -d "$DB" propose -t "Charlie" -b c --draft
expect_rc 0 moot -d "$DB" propose -t "Delta" -b d
expect_rc 0 moot -d "$DB" withdraw 4

expect_rc 0 moot -d "$DB" list
# Newest first.
sed -n '2,$p' "$T/out" | awk '{print $1}' | tr '\n' ' ' >"$T/ids"
[ "$(cat "$T/ids")" = "4 3 2 1 " ] || fail "order: $(cat "$T/ids")"
expect_out '^ +4 +withdrawn +root +0 +Delta'
expect_out '^ +3 +draft +daemon +0 +Charlie'

expect_rc 0 moot -d "$DB" list --state discussion
expect_out 'Alpha'
expect_out 'Bravo'
refute_out 'Charlie|Delta'
expect_rc 0 moot -d "$DB" list --state withdrawn
expect_out 'Delta'
refute_out 'Alpha'
expect_rc 1 moot -d "$DB" list --state bogus
expect_err 'state "bogus" is not one of draft, discussion, voting, closed, withdrawn, all'

expect_rc 0 moot -d "$DB" list --author daemon
expect_out 'Bravo'
refute_out 'Alpha|Delta'

# Paging: --limit, then --after.
expect_rc 0 moot -d "$DB" list --limit 2
expect_out 'Delta'
expect_out 'Charlie'
refute_out 'Bravo'
expect_out 'moot list --after 3'
expect_rc 0 moot -d "$DB" list --after 3
expect_out 'Bravo'
expect_out 'Alpha'
refute_out 'Charlie|Delta'

expect_rc 2 moot -d "$DB" list --nope

# --json: one object with the proposals and the next page.
expect_rc 0 moot -d "$DB" --json list --limit 1
expect_out '^\{"proposals":\[\{"id":4,"title":"Delta","state":"withdrawn"'
expect_out '"next":'
if [ -n "$PYTHON3" ]; then
	"$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); assert len(d["proposals"])==1' <"$T/out" ||
	    fail "list --json is not the JSON expected"
fi
exit 0
