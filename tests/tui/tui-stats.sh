#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The stats view on the demo at 80x24 without colour: its headline
# figures agree with `moot stats --json` on the same database, the turnout
# of the latest votes is drawn as bars, the weeks as a chart; at 60x16 the
# chart still fits; and a write from another process (in-process mode)
# changes its figures without a keypress.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
moot -d "$DB" --json stats >"$T/stats.json" 2>&1 ||
    fail "moot stats: $(cat "$T/stats.json")"
active=$(sed -n 's/.*"active_30d":\([0-9]*\).*/\1/p' "$T/stats.json")
members=$(sed -n 's/.*"members":\([0-9]*\).*/\1/p' "$T/stats.json")
[ -n "$active" ] && [ -n "$members" ] || fail "$(cat "$T/stats.json")"

# re PATTERN: the screen matches (grep -E).
re() {
	screen | grep -Eq -- "$1"
}

tui_start 80 24 NO_COLOR=1 -- -d "$DB"
wait_for "proposals"
keys 6
wait_until 10 re "Active in the last 30 days +$active of $members" ||
    fail "active: $(screen)"
re "Time to decision +[0-9]+d" || fail "$(screen)"
re "Time to resolve a dispute +[0-9]" || fail "$(screen)"
re "Events per week \([0-9]+ weeks" || fail "$(screen)"
re "^  [.#]*#[.#]*$" || fail "no chart: $(screen)"
re "Turnout of the latest closed votes" || fail "$(screen)"
re "^#[0-9]+ .*\|?#+\.*.* +[0-9]+% \([0-9]+/[0-9]+\)" ||
    fail "no turnout bar: $(screen)"

# Live: another process writes; the total of the weeks follows.
total=$(screen | sed -n 's/.* \([0-9]*\) in all.*/\1/p')
[ -n "$total" ] || fail "no total: $(screen)"
moot -d "$DB" propose --title "Counted" --body "One more event." \
    >"$T/out" 2>&1 || fail "propose: $(cat "$T/out")"
wait_until 10 re "busiest [0-9]+, $((total + 1)) in all" ||
    fail "not live: $(screen)"
tui_quit q

# Usable at 60x16: the figures and the chart fit.
tui_start 60 16 NO_COLOR=1 -- -d "$DB"
wait_for "proposals"
keys 6
wait_for "Active in the last 30 days"
wait_for "Events per week"
re "^  [.#]*#[.#]*$" || fail "no chart at 60x16: $(screen)"
tui_quit q
exit 0
