#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot.conf's [keys] rebinds actions: "down = J" makes J move down and j
# no longer (the keys given replace the defaults), and the help shows
# the keys in force. A key name that is not a key makes moot exit 1
# before the screen starts, naming the file, the line and the key.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
cat >"$T/keys.conf" <<'EOF2'
[keys]
down = J
home = ^A
EOF2
tui_start 80 24 NO_COLOR=1 -- -c "$T/keys.conf" -d "$DB"
wait_for "Purchases under 100 EUR"
wait_selected "#31 "
keys J
wait_selected "#30 "
keys J
wait_selected "#29 "
keys j
wait_row 23 "j does nothing here"
selected | grep -q '^#29 ' || fail "j still moves the cursor"
keys Down
wait_row 23 "<Down> does nothing here"
selected | grep -q '^#29 ' || fail "<Down> still moves the cursor"
keys C-a
wait_selected "#31 "
# Untouched rows keep their keys.
keys G
wait_selected "Adopt a code of conduct"

keys ?
wait_row 1 "| help"
wait_for "move down"
screen | grep -q '^  J  *down  *move down' ||
    fail "the help does not show J for down"
screen | grep -q '^  \^A  *home  *first row' ||
    fail "the help does not show ^A for home"
screen | grep -q '^  k <Up> \^P  *up  *move up' ||
    fail "the help lost the keys of up"
tui_quit q q

# A bad key name: exit 1 before the screen, with file, line and key.
cat >"$T/bad.conf" <<'EOF2'
# personal settings
[keys]
up = k <Nope>
EOF2
tui_start 80 24 -- -c "$T/bad.conf" -d "$DB"
tui_wait_exit
[ "$TUI_RC" -eq 1 ] || fail "a bad key name: exit $TUI_RC, not 1"
grep -q "bad\.conf:3:.*up.*<Nope>" "$T/stderr" ||
    fail "the error does not name the file, line 3 and <Nope>: $(cat "$T/stderr")"
screen_lacks "tilde.demo" || fail "the screen started with a bad key name"
exit 0
