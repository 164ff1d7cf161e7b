#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Live updates through mootd: what another client writes appears without
# a keypress, the status line says who did what, and the cursor stays on
# the proposal it was on when rows are added above it. When mootd goes
# away the status line says so; when it is back, moot reconnects by
# itself and shows what changed meanwhile. In-process (no mootd), what
# moot in another terminal writes to the same database appears too, and
# a write from the screen after it goes on the end of the log.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
start_mootd
tui_start 80 24 NO_COLOR=1 -- -s "$SOCK"
wait_for "Purchases under 100 EUR"
keys j j j j j j j j j j j j j
wait_selected "#18 "

# A proposal from another client, above the cursor.
moot -s "$SOCK" propose --title "Solar panels on the roof" \
    --body "Cheaper power by summer." >"$T/out" 2>&1 ||
    fail "propose through mootd: $(cat "$T/out")"
wait_for "Solar panels on the roof"
row 3 | grep -q '^#32 .*Solar panels on the roof' ||
    fail "the new proposal is not the first row"
wait_row 23 "$ME proposed #32"
wait_selected "#18 "

# A comment: the status line says so; the cursor does not move.
moot -s "$SOCK" comment 18 "Twice is enough." >"$T/out" 2>&1 ||
    fail "comment through mootd: $(cat "$T/out")"
wait_row 23 "$ME commented on #18"
wait_selected "#18 "

# mootd goes: the status line says the connection is lost.
kill_mootd
wait_row 23 "lost mootd"
row 23 | grep -q 'disconnected' || fail "the status line does not say disconnected"
# Back: moot reconnects by itself.
start_mootd
wait_row 23 "connected to mootd again" 30
wait_gone "disconnected"

# Gone again; a change is made meanwhile (on the database itself).
kill_mootd
wait_row 23 "lost mootd"
moot -d "$DB" propose --title "Written while away" --body "Offline." \
    >"$T/out" 2>&1 || fail "propose on the database: $(cat "$T/out")"
screen_lacks "Written while away" || fail "a change shown while disconnected"
start_mootd
wait_for "Written while away" 30
row 3 | grep -q '^#33 .*Written while away' ||
    fail "the change made while away is not the first row"
wait_gone "disconnected"
wait_selected "#18 "
tui_quit q
kill_mootd

# In-process: another process writes the same database file.
tui_start 80 24 NO_COLOR=1 -- -d "$DB"
wait_for "Written while away"
moot -d "$DB" propose --title "From another terminal" --body "Hello." \
    >"$T/out" 2>&1 || fail "propose on the database: $(cat "$T/out")"
wait_for "From another terminal"
wait_row 23 "$ME proposed #34"
# A write from the screen now: #34 withdrawn, after the other's event.
keys g Enter
wait_row 1 "#34 From another terminal"
keys w
wait_row "$TUI_ROWS" "reason:"
type_text "Sent twice"
keys Enter
wait_row 23 "you withdrew #34"
tui_quit Q
moot -d "$DB" verify >"$T/out" 2>&1 || fail "verify: $(cat "$T/out")"
exit 0
