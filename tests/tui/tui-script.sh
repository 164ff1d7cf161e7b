#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Script mode (MOOT_TUI_SCRIPT): each line is fed only once the screen is
# settled, so a script needs no waits and its :dump files are the same
# on every run (but for times, which move). At the end of the script, or
# at its last q, moot exits by itself.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
# run N: the script, dumping into $T/N.list and $T/N.open.
run() {
	cat >"$T/script" <<SCRIPT
# two rows down, then open the proposal
j j
:dump $T/$1.list
<Enter>
:dump $T/$1.open
q
q
SCRIPT
	tui_start 80 24 "MOOT_TUI_SCRIPT=$T/script" -- -d "$DB"
	tui_wait_exit 20
	for _f in list open; do
		[ -f "$T/$1.$_f" ] || fail "run $1 wrote no $_f dump"
		[ "$(wc -l <"$T/$1.$_f")" -eq 24 ] ||
		    fail "the $_f dump of run $1 has not 24 lines"
	done
}
run 1
run 2

# Times move between runs ("13d 3h", "5h 02m", "4m 10s", "3d"): masked.
stable() {
	sed -E 's/[0-9]+(d [0-9]+h|h [0-9]+m|m [0-9]+s)/TIME/g;
	    s/\<[0-9]+[dhm]\>/TIME/g' "$1"
}
for _f in list open; do
	stable "$T/1.$_f" >"$T/1.$_f.stable"
	stable "$T/2.$_f" >"$T/2.$_f.stable"
	cmp -s "$T/1.$_f.stable" "$T/2.$_f.stable" ||
	    fail "the $_f dumps differ: $(diff "$T/1.$_f.stable" "$T/2.$_f.stable")"
done

# The list, fully loaded when dumped: the header, the rows, the hints.
L=$T/1.list
sed -n 1p "$L" | grep -q '^ moot: tilde\.demo | proposals ' ||
    fail "list dump: no header: $(sed -n 1p "$L")"
sed -n 2p "$L" | grep -q '^state: all  sort: new' ||
    fail "list dump: no filter line"
sed -n 3p "$L" | grep -q '^#31 .*Purchases under 100 EUR' ||
    fail "list dump: #31 is not the first row"
sed -n 5p "$L" | grep -q '^#29 .*withdrawn.*Paid memberships' ||
    fail "list dump: #29 is not the third row"
sed -n 24p "$L" | grep -q '^Enter open  p propose' ||
    fail "list dump: no hints on the last line"
! grep -q 'loading' "$L" || fail "list dump taken before the rows came"

# Enter on the third row opened a proposal: the header is another view's.
O=$T/1.open
sed -n 1p "$O" | grep -q '^ moot: tilde\.demo | ' ||
    fail "open dump: no header: $(sed -n 1p "$O")"
! sed -n 1p "$O" | grep -q '| proposals ' ||
    fail "open dump: Enter did not open the proposal"
exit 0
