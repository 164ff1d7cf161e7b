#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Hostile text in the database never reaches the terminal. The ingress
# policy refuses control characters, so they are written straight into
# the tables the views read (proposals.title and .body, comments.body):
# OSC 0 (window title), OSC 52 (clipboard), CSI 2 J (clear screen), C1
# controls (U+009B, U+0085), CR, backspace, bidi overrides and a
# zero-width space. The pane's title stays, tmux's paste buffers stay
# empty (set-clipboard is on: an OSC 52 would land there), the screen is
# not cleared, no escape, C1, CR or BS is in what the pane shows, and
# each of them is shown as a visible marker (^[, ^G, ^H, <U+XXXX>).
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

need_sqlite
demo_db

ESC=$(printf '\033')
# The bytes of printf FORMAT as an SQL text literal (a cast blob).
sqltext() {
	printf "CAST(X'%s' AS TEXT)" "$(printf "$1" | od -An -tx1 -v |
	    tr -d ' \n')"
}
OSC0='\033]0;pwned\007'
OSC52='\033]52;c;cm0gLXJmIH4K\007'
CLEAR='\033[2J'
CSI1='\302\233'
NEL='\302\205'
RLO='\342\200\256'
LRI='\342\201\246'
ZWSP='\342\200\213'
"$SQLITE3" "$DB" >"$T/sql.out" 2>&1 <<SQL || fail "sqlite3: $(cat "$T/sql.out")"
UPDATE proposals SET title = $(sqltext "T1 ${OSC0} end") WHERE id = 29;
UPDATE proposals SET title = $(sqltext "T2 ${OSC52} mid ${CLEAR}done") WHERE id = 28;
UPDATE proposals SET title = $(sqltext "T3 ${CSI1}31m red ${NEL} nel") WHERE id = 27;
UPDATE proposals SET title = $(sqltext "T4 cr\rbs\010x") WHERE id = 26;
UPDATE proposals SET title = $(sqltext "T5 ${RLO}txt.exe ${LRI}iso ${ZWSP}zw") WHERE id = 25;
UPDATE proposals SET body = $(sqltext "B1 ${OSC0} ${OSC52} ${CLEAR}\n${CSI1}1m ${NEL} cr\rbs\010 ${RLO}rlo ${ZWSP}zw\n") WHERE id = 29;
UPDATE comments SET body = $(sqltext "C1 ${OSC0} ${OSC52} ${CLEAR} ${CSI1}2m ${NEL} cr\rbs\010 ${RLO}rlo ${LRI}lri ${ZWSP}zw")
    WHERE id = (SELECT min(id) FROM comments WHERE proposal_id = 29);
SQL

# The checks can fail: in a pane of this server, the same bytes do set
# the title and the paste buffer.
tm start-server \; set -g exit-empty off \; set -g status off \; \
    set -g set-clipboard on \; new-session -d -x 80 -y 24 \
    "printf '${OSC0}${OSC52}canary\\n'; exec cat" || fail "cannot start tmux"
wait_for canary
wait_until 10 sh -c "tmux -L '$TUI_SERVER' display -p '#{pane_title}' |
    grep -q pwned" || fail "control: OSC 0 does not set the pane title here"
[ -n "$(tm list-buffers)" ] || fail "control: OSC 52 does not fill a buffer here"

tui_start 160 40 -- -d "$DB"
TITLE0=$(tm display -p '#{pane_title}')
wait_for "T5 "

# check WHAT: nothing hostile reached the terminal, the rest is there.
check() {
	_title=$(tm display -p '#{pane_title}')
	[ "$_title" = "$TITLE0" ] && ! echo "$_title" | grep -q pwned ||
	    fail "$1: the pane title changed to \"$_title\""
	[ -z "$(tm list-buffers)" ] ||
	    fail "$1: a paste buffer appeared: $(tm list-buffers)"
	screen_e >"$T/screen.e"
	screen >"$T/screen.txt"
	! grep -q "$ESC\]" "$T/screen.e" || fail "$1: an OSC on the screen"
	# The only escapes left are tmux's own SGR.
	! sed "s/$ESC\[[0-9;]*m//g" "$T/screen.e" | grep -q "$ESC" ||
	    fail "$1: an escape other than SGR on the screen"
	! grep -q "$(printf '\302')[$(printf '\200-\237')]" "$T/screen.txt" ||
	    fail "$1: a C1 control on the screen"
	! grep -q "$(printf '\r')" "$T/screen.txt" || fail "$1: a CR on the screen"
	! grep -q "$(printf '\010')" "$T/screen.txt" || fail "$1: a BS on the screen"
	! grep -q "$(printf "$RLO")\|$(printf "$LRI")\|$(printf "$ZWSP")" \
	    "$T/screen.txt" || fail "$1: a raw bidi or zero-width character"
	# No clear: the header and the keys are still there.
	row 1 | grep -q 'moot: tilde\.demo' || fail "$1: the header is gone"
	hints_row | grep -q . || fail "$1: the bottom line is gone"
}

check "the list"
# The markers, in the titles.
for m in 'T1 ^[]0;pwned^G end' 'T2 ^[]52;c;cm0gLXJmIH4K^G mid ^[[2Jdone' \
    'T3 <U+009B>31m red <U+0085> nel' 'T4 cr<U+000D>bs^Hx' \
    'T5 <U+202E>txt.exe <U+2066>iso <U+200B>zw'; do
	screen_has "$m" || fail "the list does not show \"$m\""
done
screen_has "Purchases under 100 EUR" || fail "the other rows are gone"
screen_has "Switch the shell" && fail "#27's title was not replaced"

# The proposal: its body and comments, with the same markers.
keys j j
keys Enter
wait_until 10 sh -c "! tmux -L '$TUI_SERVER' capture-pane -p | head -1 |
    grep -q '| proposals '" || fail "Enter did not open the proposal"
wait_for "B1 ^[]0;pwned^G ^[]52;c;cm0gLXJmIH4K^G ^[[2J"
wait_for "<U+009B>1m <U+0085> cr<U+000D>bs^H <U+202E>rlo <U+200B>zw"
check "the proposal"
wait_for "C1 ^[]0;pwned^G"
screen_has "<U+009B>2m <U+0085> cr<U+000D>bs^H <U+202E>rlo <U+2066>lri <U+200B>zw" ||
    fail "the comment's markers are not shown"
check "the comments"
tui_quit q q
exit 0
