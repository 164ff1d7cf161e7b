#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Finding proposals: f cycles the state filter, s the sort (the line
# under the header says which), and / with words then Enter asks the
# server for the proposals that match them (full-text search): only
# those are listed.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
tui_start 80 24 -- -d "$DB"
wait_for "Purchases under 100 EUR"

# The state column of every row shown.
states() {
	screen | sed -n "3,$((TUI_ROWS - 2))p" | grep '^#' |
	    awk '{ print $2 }' | sort -u
}

keys f
wait_row 2 "state: discussion  sort: new"
wait_gone "Paid memberships"
wait_for "Ban cryptocurrency mining"
[ "$(states)" = discussion ] ||
    fail "state: discussion lists rows in: $(states | tr '\n' ' ')"

keys f
wait_row 2 "state: voting  sort: new"
wait_gone "Ban cryptocurrency mining"
wait_for "Nightly backups to the second disk"
[ "$(states)" = voting ] ||
    fail "state: voting lists rows in: $(states | tr '\n' ' ')"
[ "$(screen | grep -c '^#')" -eq 4 ] || fail "the demo has not 4 open votes"
row 3 | grep -q '^#14 ' || fail "sort: new does not put #14 first"

# s: new, activity, closing, comments, and round again.
keys s
wait_row 2 "state: voting  sort: activity"
keys s
wait_row 2 "state: voting  sort: closing"
keys s
wait_row 2 "state: voting  sort: comments"
keys s
wait_row 2 "state: voting  sort: new"
# Back to every state: voting, closed, draft, withdrawn, all.
keys f f f f
wait_row 2 "state: all  sort: new"
wait_for "Paid memberships"

# / backup Enter: the server's search; rows that do not match go.
keys /
wait_row "$TUI_ROWS" "search:"
type_text "backup"
wait_row "$TUI_ROWS" "search: backup"
keys Enter
wait_row 2 'search: "backup"'
wait_row 1 'proposals matching "backup"'
wait_for "Nightly backups to the second disk"
for _t in "Paid memberships" "Purchases under 100 EUR" "Run a Tor relay" \
    "Ban cryptocurrency mining"; do
	screen_lacks "$_t" || fail "the search for backup lists \"$_t\""
done
screen_lacks "no proposal matches" || fail "the search found nothing"
# Nothing is in flight any more: no busy mark on the status line.
status_idle() {
	! status_row | grep -qF '...'
}
wait_until 10 status_idle || fail "the status line still shows ... (busy)"

# The sort is the server's: closing first puts the 3-day poll (#5)
# before the 7-day motions and the 14-day election (#14) last.
keys / C-u Enter
wait_row 2 "state: all  sort: new"
keys f f s s
wait_row 2 "state: voting  sort: closing"
wait_row 3 "Monthly tilde radio show"
row 6 | grep -q '^#14 .*Elect two moderators' ||
    fail "sort: closing does not put the 14-day election last"
tui_quit q
exit 0
