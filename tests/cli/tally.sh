#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot tally: counting ballot files offline.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

W=$top_srcdir/tests/tally/wikipedia-schulze.txt
[ -f "$W" ] || fail "no $W"
expect_rc 0 moot tally --method schulze "$W"
expect_out '^Winner: E$'
expect_out 'E wins \(Schulze, winning votes; ranking E > A > C > B > D\)'
expect_rc 0 moot tally --method schulze --json "$W"
tr -d ' \n' <"$T/out" | grep -q '"winners":\["E"\]' || fail "--json winners"
expect_out '"method": "schulze"'
expect_out '"ballots": 45'
if [ -n "$PYTHON3" ]; then
	"$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); assert d["winners"]==["E"]' <"$T/out" ||
	    fail "tally --json is not the JSON expected"
fi
# Standard input, and a simple yes/no count.
printf '7: yes\n3: no\n' >"$T/yn"
expect_rc 0 moot tally --method plurality - <"$T/yn"
expect_out '^Winner: yes$'
expect_out 'yes wins with 7 votes from 10 ballots'
# Refusals: no method, an unknown method, a missing file.
expect_rc 2 moot tally "$W"
expect_rc 2 moot tally --method dice "$W"
expect_rc 1 moot tally --method schulze "$T/missing.txt"
expect_err 'missing.txt'
# tally needs no community database.
[ ! -e "$XDG_DATA_HOME/moot/moot.db" ] || fail "tally created a database"
exit 0
