#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What each view shows, from script-mode dumps of the demo at 80x24
# without colour: a closed vote (the rule, turnout against the quorum,
# the count as bars, the explanation, the discussion and the timeline),
# an open one (its countdown), the log (verified, newest first, the
# detail of an event, paging back to the first), members (role badges, contributions; Enter lists
# a member's proposals).
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
cat >"$T/script" <<SCRIPT
:type :1
<Enter>
:dump $T/closed
G
:dump $T/closed.end
q
:type :11
<Enter>
:dump $T/open
q
3
:dump $T/log
<Enter>
:dump $T/log.detail
q
G
G
:dump $T/log.end
2
:dump $T/members
j
<Enter>
:dump $T/by
q
q
q
SCRIPT
tui_start 80 24 NO_COLOR=1 "MOOT_TUI_SCRIPT=$T/script" -- -d "$DB"
tui_wait_exit 30
for f in closed closed.end open log log.detail log.end members by; do
	[ -f "$T/$f" ] || fail "no dump $f"
done

# has DUMP PATTERN...: each pattern (grep -E) is in the dump.
has() {
	_f=$1
	shift
	for _p in "$@"; do
		grep -Eq -- "$_p" "$T/$_f" ||
		    fail "$_f does not show /$_p/:$(printf '\n'; cat "$T/$_f")"
	done
}

has closed '^ moot: tilde\.demo \| #1 Adopt a code of conduct' \
    'closed, passed' 'Vote under majority, version 1' \
    'quorum 30%, threshold >1/2' \
    '^  turnout .*\|.* 5 of 7, 3 needed' \
    '^  your ballot: yes' \
    'passed: 4 yes of 5 yes\+no votes' \
    '^  yes +#+.* 4$' '^  no +#+.* 1$' \
    '^  yes share .*\|.* 80%, needs >1/2'
has closed.end '^Timeline' 'vote\.closed +moot' 'proposal\.created +root'
has open '^ moot: tilde\.demo \| #11 ' 'closes in [0-9]+d [0-9]+h' \
    '^  turnout .*\|.* 1 of 7, 3 needed' '^  you have not voted'
has log 'log verified, chain intact: 198 events \(1 redacted\)' \
    '^ +198 .*ballot\.cast +proposal:14'
has log.detail 'event #198' '^ hash [0-9a-f]{64}$' 'by dmitri \(uid [0-9]+\)'
# The log is paged (100 events a page): G twice reaches the first event.
has log.end '^ +1 .*community\.created' '178 above'
has members 'name +role +status' '^root +\[leader\]' \
    '^ana +\[moderator\]' '^goran +\[observer\]' 'props +ballots +tasks +kudos +resolved'
has by '\| proposals by ana' 'Duplicate of the backup proposal'
! grep -q 'Purchases under 100 EUR' "$T/by" ||
    fail "the proposals of ana show babak's"
[ "$TUI_RC" = 0 ] || fail "moot exited $TUI_RC"
exit 0
