#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The screen follows the terminal's size: larger, the list grows and the
# keys stay on the last line; below 60x16, a message says the terminal
# is too small; back to 80x24, the list is back.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
tui_start 80 24 -- -d "$DB"
wait_for "Purchases under 100 EUR"
wait_row 24 "Enter open  p propose"

resize 100 30
[ "$(tm display -p '#{pane_width}x#{pane_height}')" = 100x30 ] ||
    fail "tmux did not resize the pane"
wait_row 30 "Enter open  p propose"
wait_row 1 "moot: tilde.demo | proposals"
# The header reaches the new right edge; 26 rows of the list now.
row 1 | grep -q "$ME (leader) *\$" || fail "the header is not 100 wide"
[ "$(row 1 | wc -m)" -ge 100 ] || fail "the header is not 100 wide: $(row 1)"
wait_until 10 sh -c "[ \$(tmux -L '$TUI_SERVER' capture-pane -p | grep -c '^#[0-9]') -eq 26 ]" ||
    fail "the list did not grow to 26 rows"
screen | sed -n 24p | grep -q 'Enter open' && fail "the hints stayed on row 24"

resize 50 12
wait_for "terminal too small"
wait_gone "Purchases under 100 EUR"
screen | grep -q '60x16 (now 50x12)' || fail "the message does not give the sizes"

resize 80 24
wait_gone "terminal too small"
wait_for "Purchases under 100 EUR"
wait_row 24 "Enter open  p propose"
wait_row 1 "moot: tilde.demo | proposals"
[ "$(screen | grep -c '^#[0-9]')" -eq 20 ] || fail "the list is not 20 rows again"
tui_quit q
exit 0
