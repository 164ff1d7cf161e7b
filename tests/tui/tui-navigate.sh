#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Moving around: j, k, <Down>, G and g move the cursor over the list;
# Enter opens the proposal under it (the header changes) and q comes back
# to the list with the cursor on the same row; the digits switch views;
# ? opens the help, generated from the key table, and q closes it.
# Without colour, the cursor is the body row in reverse video.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
tui_start 80 24 NO_COLOR=1 -- -d "$DB"
wait_for "Purchases under 100 EUR"
wait_selected "#31 "

keys j
wait_selected "#30 "
keys Down
wait_selected "#29 "
keys k
wait_selected "#30 "
keys G
wait_selected "Adopt a code of conduct"
keys g
wait_selected "#31 "

# Enter opens #29; q comes back to the list, the cursor still on #29.
keys j j
wait_selected "#29 "
keys Enter
wait_until 10 sh -c "! tmux -L '$TUI_SERVER' capture-pane -p | head -1 |
    grep -q '| proposals '" || fail "Enter did not open the proposal"
row 1 | grep -q 'moot: tilde\.demo' || fail "the header lost the community"
keys q
wait_row 1 "| proposals "
wait_for "Paid memberships"
wait_selected "#29 "

# 2 and 3 open other views (the header changes); 1 comes back.
keys 2
wait_until 10 sh -c "! tmux -L '$TUI_SERVER' capture-pane -p | head -1 |
    grep -q '| proposals '" || fail "2 did not leave the proposals view"
keys 1
wait_row 1 "| proposals "
wait_for "Purchases under 100 EUR"
keys 3
wait_until 10 sh -c "! tmux -L '$TUI_SERVER' capture-pane -p | head -1 |
    grep -q '| proposals '" || fail "3 did not leave the proposals view"
keys 1
wait_row 1 "| proposals "
wait_for "Purchases under 100 EUR"

# ? shows the keys in force, from the table; q closes the help.
keys ?
wait_row 1 "| help"
wait_for "move down"
screen | grep -q '^  j <Down> \^N  *down  *move down' ||
    fail "the help does not list j <Down> ^N for down"
# It scrolls: the vote form's keys are further down.
keys G
wait_for "rank the option higher"
keys q
wait_row 1 "| proposals "
wait_gone "move down"
wait_for "Purchases under 100 EUR"
tui_quit q
exit 0
