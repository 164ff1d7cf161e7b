#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot works on the usual terminal types (the list appears, q exits 0),
# and with NO_COLOR=1 shows the same text with no colour at all: no
# colour SGR (30-38, 40-48, 90-97, 100-107) reaches the terminal, only
# attributes such as reverse and bold.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
command -v infocmp >/dev/null 2>&1 || skip "no infocmp to check terminfo entries"

for term in xterm-256color screen tmux-256color vt100 linux; do
	infocmp "$term" >/dev/null 2>&1 ||
	    skip "no terminfo entry for $term (ncurses-term?)"
	tui_start 80 24 "TERM=$term" -- -d "$DB"
	wait_for "Purchases under 100 EUR"
	wait_row 24 "Enter open  p propose"
	row 1 | grep -q 'moot: tilde\.demo | proposals' ||
	    fail "TERM=$term: no header"
	tui_quit q
done

# Times move between two screens ("13d 3h"): masked.
stable() {
	sed -E 's/[0-9]+(d [0-9]+h|h [0-9]+m|m [0-9]+s)/TIME/g'
}
# The colour SGR parameters in a screen captured with -e.
colours() {
	grep -o "$(printf '\033')\[[0-9;]*m" | tr -d 'm' | cut -c3- |
	    tr ';' '\n' | grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$' | sort -u
}

tui_start 80 24 "TERM=xterm-256color" -- -d "$DB"
wait_for "Purchases under 100 EUR"
wait_row 24 "Enter open  p propose"
screen | stable >"$T/colour.txt"
screen_e | colours >"$T/colour.sgr"
# The check can fail: with colour, there is colour.
[ -s "$T/colour.sgr" ] || fail "no colour SGR even with colour on"
tui_quit q

tui_start 80 24 "TERM=xterm-256color" NO_COLOR=1 -- -d "$DB"
wait_for "Purchases under 100 EUR"
wait_row 24 "Enter open  p propose"
screen | stable >"$T/mono.txt"
screen_e >"$T/mono.e"
cmp -s "$T/colour.txt" "$T/mono.txt" ||
    fail "NO_COLOR changes the text: $(diff "$T/colour.txt" "$T/mono.txt")"
colours <"$T/mono.e" >"$T/mono.sgr"
[ ! -s "$T/mono.sgr" ] ||
    fail "NO_COLOR=1 still sends colours: $(tr '\n' ' ' <"$T/mono.sgr")"
# Attributes stay: the header and the cursor in reverse video.
grep -q "$(printf '\033')\[\([0-9]*;\)*7\(;[0-9]*\)*m" "$T/mono.e" ||
    fail "NO_COLOR=1 shows no reverse video"
tui_quit q
exit 0
