#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot --demo: a ready-made community in a temporary directory.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

expect_rc 0 moot --demo list --limit 100
[ "$(grep -c '^ *[0-9]' "$T/out")" -eq 31 ] || fail "the demo has not 31 proposals"
expect_out '^ +31 '
expect_out 'discussion'
expect_out 'withdrawn'
expect_rc 0 moot --demo verify
expect_out '^ok: [0-9]+ events'
expect_rc 0 moot --demo check
expect_out '^ok: the projections match the log'
expect_rc 0 moot --demo log --json
[ "$(wc -l <"$T/out")" -gt 30 ] || fail "the demo log is short"
if [ -n "$PYTHON3" ]; then
	"$PYTHON3" -c '
import json, sys
n = 0
for line in sys.stdin:
    e = json.loads(line)
    assert {"seq", "ts", "actor", "type", "ref", "hash"} <= set(e), e
    n += 1
assert n > 30
' <"$T/out" || fail "demo log --json lines are not JSON events"
else
	! grep -v '^{"seq":[0-9]*,.*}$' "$T/out" | grep -q . ||
	    fail "demo log --json has lines that are not JSON objects"
fi
# The demo leaves nothing behind.
[ -z "$(ls -A "$TMPDIR")" ] || fail "the demo left $(ls -A "$TMPDIR")"
# --demo with -d fills an empty file, which then stays.
expect_rc 0 moot --demo -d "$T/demo.db" status
[ -s "$T/demo.db" ] || fail "--demo -d did not fill the file"
expect_rc 0 moot -d "$T/demo.db" verify
exit 0
