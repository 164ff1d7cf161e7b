#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Voting from the full-screen interface, under each method that has an
# open vote in the demo: yes/no (#11, not voted yet, and #2, a ballot to
# change), approval (#5) and a ranking counted by Schulze (#14). :N
# opens the proposal, v the form that fits its method; the form's keys
# (<Space>/x choose or tick, K/J rank higher or lower, = ties with the
# one above, Enter casts) make the ballot; the status line says it was
# cast and the server has it (moot show N --json: vote.my_ballot).
# Then every method, on a community whose rules have one of each: the
# single choices of yes/no, consent, consensus and plurality, approval's
# boxes, score sliders and dot points (h/l), and rankings for Schulze,
# IRV and STV (K/J, =).
# Without colour, the form's cursor is the row in reverse video.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
tui_start 100 30 NO_COLOR=1 -- -d "$DB"
wait_for "Purchases under 100 EUR"

# ballot N: my ballot on #N, as the server has it.
ballot() {
	moot -d "$DB" show "$1" --json >"$T/show" 2>&1 ||
	    fail "show $1: $(cat "$T/show")"
	sed -n 's/.*"my_ballot": *"\([^"]*\)".*/\1/p' "$T/show"
}

# form N: the vote form of #N, from the list.
form() {
	keys 1
	wait_row 1 "| proposals "
	keys :
	wait_row "$TUI_ROWS" ":"
	type_text "$1"
	keys Enter
	wait_until 10 sh -c "! tmux -L '$TUI_SERVER' capture-pane -p |
	    head -1 | grep -q '| proposals '" || fail ":$1 did not open #$1"
	keys v
}

# pick TEXT: j until the cursor is on the row showing TEXT.
selected_moved() {
	[ "$(selected)" != "$_was" ]
}
pick() {
	until selected_has "$1"; do
		_was=$(selected)
		keys j
		wait_until 5 selected_moved ||
		    fail "no row \"$1\" in the form (cursor on: $_was)"
	done
}

# cast N: Enter; the status line says the ballot on #N was cast.
cast() {
	keys Enter
	wait_until 10 sh -c "tmux -L '$TUI_SERVER' capture-pane -p |
	    sed -n '$((TUI_ROWS - 1))p' | grep -Eq 'voted .*on #$1'" ||
	    fail "the status line does not say the ballot on #$1 was cast"
}

# yes/no, first ballot: no.
[ -z "$(ballot 11)" ] || fail "the demo has a ballot of $ME on #11"
form 11
wait_for "abstain"
pick "no"
keys Space
cast 11
[ "$(ballot 11)" = no ] || fail "#11: my ballot is \"$(ballot 11)\", not no"

# yes/no, a changed ballot: yes becomes abstain.
[ "$(ballot 2)" = yes ] || fail "the demo's ballot of $ME on #2 is not yes"
form 2
wait_for "abstain"
pick "abstain"
keys x
cast 2
[ "$(ballot 2)" = abstain ] || fail "#2: my ballot is \"$(ballot 2)\", not abstain"

# Approval: tick a third option.
form 5
wait_for "Every other Saturday"
pick "Every other Saturday"
keys x
cast 5
ballot 5 | grep -q 'Every other Saturday' ||
    fail "#5: my ballot \"$(ballot 5)\" does not approve Every other Saturday"

# Ranking: chen to the top, then the next one tied with chen.
form 14
wait_for "farah"
pick "chen"
keys K K K K
cast 14
ballot 14 | grep -q '^chen *>' ||
    fail "#14: my ballot \"$(ballot 14)\" does not rank chen first"
form 14
wait_for "farah"
pick "chen"
keys j =
cast 14
# The first rank holds chen and the option tied with it (in any order).
first=$(ballot 14 | sed 's/ *>.*//')
case $first in
*chen*=*|*=*chen*) ;;
*) fail "#14: my ballot \"$(ballot 14)\" does not tie the second with chen" ;;
esac
tui_quit Q

# Every method: a rule each, a proposal each with options Alpha, Beta
# and Gamma (the single-answer methods have their own words), its vote
# open at once (no discussion period).
cat >"$T/rules.ini" <<'EOF2'
[governance]
motions = yn
polls = appr
elections = sch
amendments = yn
appeals = leaders
[yn]
method = yesno
discussion = 0
duration = 7d
[cons]
method = consent
discussion = 0
duration = 7d
[consen]
method = consensus
discussion = 0
duration = 7d
[appr]
method = approval
discussion = 0
duration = 7d
[plur]
method = plurality
discussion = 0
duration = 7d
[scor]
method = score
score_max = 5
discussion = 0
duration = 7d
[dots]
method = dot
budget = 10
discussion = 0
duration = 7d
[sch]
method = schulze
discussion = 0
duration = 7d
[ir]
method = irv
discussion = 0
duration = 7d
[st]
method = stv
seats = 2
discussion = 0
duration = 7d
EOF2
DB=$T/methods.db
moot -d "$DB" init --rules "$T/rules.ini" --name methods >"$T/init" 2>&1 ||
    fail "init: $(cat "$T/init")"
n=0
for r in yn cons consen appr plur scor dots sch ir st; do
	case $r in
	yn|cons|consen) set -- ;;
	*) set -- --kind poll --option Alpha --option Beta --option Gamma ;;
	esac
	moot -d "$DB" propose --title "Method $r" --body "Under $r." \
	    --rule "$r" "$@" >"$T/p" 2>&1 || fail "propose $r: $(cat "$T/p")"
	n=$((n + 1))
	moot -d "$DB" open-vote "$n" >"$T/p" 2>&1 ||
	    fail "open-vote $n: $(cat "$T/p")"
done
tui_start 100 30 NO_COLOR=1 -- -d "$DB"
wait_for "Method st"

# expect N TEXT: my ballot on #N is exactly TEXT.
expect() {
	[ "$(ballot "$1")" = "$2" ] ||
	    fail "#$1: my ballot is \"$(ballot "$1")\", not \"$2\""
}

# 1, yes/no; 2, consent; 3, consensus; 5, plurality: the row chosen.
form 1
wait_for "abstain"
pick "no"
cast 1
expect 1 no
form 2
wait_for "object"
pick "object"
cast 2
expect 2 object
form 3
wait_for "disagree"
pick "block"
cast 3
expect 3 block
form 5
wait_for "Gamma"
pick "Beta"
cast 5
expect 5 Beta

# 4, approval: tick Alpha and Gamma.
form 4
wait_for "Gamma"
pick "Alpha"
keys x
pick "Gamma"
keys x
cast 4
expect 4 "Alpha, Gamma"

# 6, score out of 5: Alpha 3, Beta 1 (l more, h less).
form 6
wait_for "Gamma"
pick "Alpha"
keys l l l l h
pick "Beta"
keys l
cast 6
ballot 6 | grep -q 'Alpha=3' && ballot 6 | grep -q 'Beta=1' ||
    fail "#6: my ballot \"$(ballot 6)\" is not Alpha=3, Beta=1"

# 7, dot voting with 10 points: Alpha 4, Gamma 6; more is refused.
form 7
wait_for "Gamma"
pick "Alpha"
keys l l l l
pick "Gamma"
keys l l l l l l l l
wait_for "0 of 10 points left"
cast 7
ballot 7 | grep -q 'Gamma=6' && ballot 7 | grep -q 'Alpha=4' ||
    fail "#7: my ballot \"$(ballot 7)\" is not Gamma=6, Alpha=4"

# 8, Schulze: Gamma to the top. 9, IRV: Beta to the top. 10, STV:
# Gamma to the top, Alpha (now second) tied with it.
form 8
wait_for "Gamma"
pick "Gamma"
keys K K
cast 8
ballot 8 | grep -q '^Gamma *>' ||
    fail "#8: my ballot \"$(ballot 8)\" does not rank Gamma first"
form 9
wait_for "Gamma"
pick "Beta"
keys K
cast 9
ballot 9 | grep -q '^Beta *>' ||
    fail "#9: my ballot \"$(ballot 9)\" does not rank Beta first"
form 10
wait_for "Gamma"
pick "Gamma"
keys K K
pick "Alpha"
keys =
cast 10
[ "$(ballot 10 | sed 's/ *>.*//')" = "Alpha = Gamma" ] ||
    fail "#10: my ballot \"$(ballot 10)\" does not tie Alpha with Gamma first"
ballot 10 | grep -q '> *Beta$' ||
    fail "#10: my ballot \"$(ballot 10)\" does not rank Beta last"
tui_quit Q
exit 0
