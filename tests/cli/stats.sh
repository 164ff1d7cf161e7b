#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot stats: the figures as JSON, the report with bars and a sparkline
# (block characters under UTF-8, ASCII otherwise), and its usage errors.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# A new community: nothing decided yet, and the report says so.
expect_rc 0 at 0 init --name Test
expect_rc 0 as_at daemon 60 join --yes
expect_rc 0 as_at daemon 120 propose -t One -b a
expect_rc 0 at 180 --json stats --weeks 3
for f in '"now":2000000180000' '"members":2' '"active_30d":2' '"votes":\[\]' \
    '"turnout_median":null' '"decided":0' '"decision_median_ms":null' \
    '"disputes_resolved":0' '"dispute_median_ms":null' '"events":3\}$'; do
	expect_out "$f"
done
# 2033-05-18 was a Wednesday: three weeks, the last (with every event)
# beginning on Monday 2033-05-16.
expect_out '"events_per_week":\[\{"start":1998604800000,"events":0\},\{"start":1999209600000,"events":0\},\{"start":1999814400000,"events":3\}\]'
expect_rc 0 at 180 stats
expect_out '^Active members: +2 of 2 in the last 30 days$'
expect_out 'no proposal decided yet'
expect_out 'no dispute resolved yet'
expect_out 'no vote closed yet'
expect_out '^  +█$'
expect_out 'max 3 a week, 3 in these weeks'

# The demo: closed votes as bars, the weeks as a sparkline.
expect_rc 0 moot --demo stats
expect_out '^  #[0-9]+ +.+  [█░]{20}  +[0-9]+% \([0-9]+/[0-9]+\)$'
expect_out '^  [ ▁▂▃▄▅▆▇█]{12}$'
expect_out '^Time to decision:  [0-9]+d( [0-9]+h)? \(median of [0-9]+ closed'
[ "$(wc -L <"$T/out")" -le 80 ] || fail "a line is wider than 80 columns"
expect_rc 0 moot --demo --json stats --votes 2
expect_out '"votes":\[\{"id":[0-9]+,"title":"[^"]*","outcome":"[a-z-]+","closed_ts":[0-9]+,"ballots":[0-9]+,"eligible":[0-9]+,"turnout":[0-9.]+\},\{[^]]*\}\],"turnout_median":[0-9.]+,'

# No UTF-8: ASCII bars and sparkline, no block character.
LC_ALL=C expect_rc 0 moot --demo stats
expect_out '^  #[0-9]+ +.+  [#.]{20}  +[0-9]+% \([0-9]+/[0-9]+\)$'
expect_out '^  [ .:=+*#-]{12}$'
refute_out '█|▁|░'

# Usage.
expect_rc 2 moot --demo stats --weeks 0
expect_rc 2 moot --demo stats --weeks 105
expect_err 'weeks must be between 1 and 104'
expect_rc 2 moot --demo stats --votes ten
expect_rc 2 moot --demo stats extra
expect_err 'usage: moot stats'
expect_rc 0 moot stats --help
expect_out '^usage: moot stats \[--weeks N\] \[--votes N\]'
expect_rc 1 moot -d "$T/none.db" stats
expect_err 'no community database'
exit 0
