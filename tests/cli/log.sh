#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot log: the governance log, its filters and JSON Lines.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon bin
expect_rc 0 as daemon -d "$DB" propose -t "First" -b one
expect_rc 0 as bin -d "$DB" propose -t "Second" -b two
expect_rc 0 as bin -d "$DB" comment 1 "a remark"
expect_rc 0 moot -d "$DB" role daemon moderator
expect_rc 0 moot -d "$DB" withdraw 2 -r "off topic"
# 1 community.created, 2-3 joins, 4-5 proposals, 6 comment, 7 role, 8 withdraw

expect_rc 0 moot -d "$DB" log
[ "$(wc -l <"$T/out")" -eq 8 ] || fail "log has not 8 lines"
expect_out '^ +1 .* root +community.created +community +Test'
expect_out '^ +4 .* daemon +proposal.created +proposal:1 +First'
expect_out '^ +8 .* root +proposal.withdrawn +proposal:2 +off topic'

expect_rc 0 moot -d "$DB" log --since 5 --limit 2
awk '{print $1}' "$T/out" | tr '\n' ' ' >"$T/s"
[ "$(cat "$T/s")" = "6 7 " ] || fail "--since 5 --limit 2 gave $(cat "$T/s")"

expect_rc 0 moot -d "$DB" log --type proposal.
awk '{print $1}' "$T/out" | tr '\n' ' ' >"$T/s"
[ "$(cat "$T/s")" = "4 5 8 " ] || fail "--type proposal. gave $(cat "$T/s")"
expect_rc 0 moot -d "$DB" log --type proposal.created
refute_out 'withdrawn'
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "--type proposal.created"
expect_rc 0 moot -d "$DB" log --ref proposal:2
awk '{print $1}' "$T/out" | tr '\n' ' ' >"$T/s"
[ "$(cat "$T/s")" = "5 8 " ] || fail "--ref proposal:2 gave $(cat "$T/s")"
expect_rc 0 moot -d "$DB" log --since 8
[ ! -s "$T/out" ] || [ "$(grep -c '^ *[0-9]' "$T/out")" -eq 0 ] ||
    fail "--since the last seq printed events"

expect_rc 2 moot -d "$DB" log --since abc
expect_err 'seq "abc" is not a number'

# --json: JSON Lines, one event each, with the chain's hash.
expect_rc 0 moot -d "$DB" --json log
[ "$(wc -l <"$T/out")" -eq 8 ] || fail "--json log has not 8 lines"
expect_out '^\{"seq":1,"ts":[0-9]+,"actor":\{"uid":0,"name":"root"\},"type":"community.created"'
expect_out '"seq":6,.*"type":"comment.added","ref":"comment:1","hash":"[0-9a-f]{64}","body":\{[^}]*"a remark"'
if [ -n "$PYTHON3" ]; then
	"$PYTHON3" -c '
import json, sys
seqs = [json.loads(l)["seq"] for l in sys.stdin]
assert seqs == list(range(1, 9)), seqs
' <"$T/out" || fail "log --json lines are not the JSON expected"
fi
expect_rc 0 moot -d "$DB" --json log --type role.changed
expect_out '"body":\{"name":"daemon","previous":"member","role":"moderator"\}'
exit 0
