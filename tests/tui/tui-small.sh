#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# At 60x16, the smallest size moot works at, the proposals view is still
# usable: the header, rows with their titles and states, the keys on the
# last line, and j moves the cursor.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
tui_start 60 16 NO_COLOR=1 -- -d "$DB"
wait_for "Purchases under"
screen_lacks "terminal too small" || fail "60x16 is called too small"
row 1 | grep -q 'moot: tilde\.demo | proposals' || fail "no header"
row 2 | grep -q '^state: all  sort: new' || fail "no filter line"
[ "$(screen | grep -c '^#[0-9]')" -eq 12 ] || fail "not 12 rows of the list"
row 3 | grep -q '^#31 *closed *Purchases' || fail "#31's row is not readable"
row 5 | grep -q '^#29 *withdrawn *Paid memberships' ||
    fail "#29's row is not readable"
hints_row | grep -q '^Enter open  p propose' || fail "no hints on the last line"
wait_selected "#31 "
keys j
wait_selected "#30 "
tui_quit q
exit 0
