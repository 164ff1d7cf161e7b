#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot with no command, on a community's database, opens the proposals
# list at 80x24: the header names the community and the reader, the list
# shows proposals, the last line shows the keys; q quits with status 0.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
tui_start 80 24 -- -d "$DB"
wait_for "Purchases under 100 EUR"
row 1 | grep -q 'moot: tilde\.demo' || fail "the header does not name the community"
row 1 | grep -q "$ME (leader)" || fail "the header does not name $ME"
row 1 | grep -q 'proposals' || fail "the header does not name the view"
row 2 | grep -q '^state: all  sort: new' || fail "no filter line under the header"
row 3 | grep -q '^#31 .*Purchases under 100 EUR' || fail "#31 is not the first row"
[ "$(screen | grep -c '^#[0-9]')" -eq 20 ] || fail "the list does not fill the screen"
hints_row | grep -q '^Enter open  p propose  / search' || fail "no hints on the last line"
tui_quit q
# The terminal is given back: the pane shows no list any more.
wait_gone "Purchases under 100 EUR"
exit 0
