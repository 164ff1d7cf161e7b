#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The constitution amends itself: proposals of kind rules, role and
# agreement decided under the [governance] amendments rule, applied by
# moot as events caused by the proposal; a rule change leaves a vote
# already open under its frozen version; a rejected amendment changes
# nothing; amendments cannot name another rule.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# vote_all SECONDS ID CHOICE NAME...: each NAME votes CHOICE on ID.
vote_all() {
	_vt=$1
	_vid=$2
	_vc=$3
	shift 3
	for _vm in "$@"; do
		expect_rc 0 as_at "$_vm" "$_vt" vote "$_vid" "$_vc"
	done
}

# Five eligible members: the caller (leader), daemon, bin, sys, games.
# Under constitution (quorum 50%, >=2/3, early close) three yes ballots
# settle nothing (two no could follow), four pass it early.
expect_rc 0 at 0 init --name Test
for _m in daemon bin sys games; do
	expect_rc 0 as_at "$_m" 1 join --yes
done

cat >"$T/quick.ini" <<'EOF'
[quick]
description = Quick consent for small things
method = consent
duration = 1d
EOF
# majority as built in, but with a threshold of three quarters.
cat >"$T/majority.ini" <<'EOF'
[majority]
description = Three quarters of those who vote, with a 30% quorum
method = yesno
quorum = 30%
threshold = >=3/4
discussion = 2d
duration = 7d
max_duration = 14d
early_close = yes
EOF
printf 'Be kind. What you write here is CC-BY-SA-4.0.\n' >"$T/agreement"

expect_rc 0 as_at daemon 10 propose -t "Add quick" -b "A quick rule." \
    --kind rules --rules "$T/quick.ini"
expect_out '^Proposed #1, to be decided under the rule constitution\.$'
expect_rc 0 as_at bin 20 propose -t "Paint the door" -b "Red."
expect_out '^Proposed #2, to be decided under the rule majority\.$'
expect_rc 0 as_at sys 30 propose -t "Stricter majority" -b "Three quarters." \
    --kind rules --rules "$T/majority.ini"
expect_out '^Proposed #3, to be decided under the rule constitution\.$'
expect_rc 0 as_at daemon 40 propose -t "bin moderates" -b "They offered." \
    --kind role --member bin --role moderator
expect_out '^Proposed #4, to be decided under the rule constitution\.$'
expect_rc 0 as_at daemon 50 propose -t "Agreement v2" -b "Kinder words." \
    --kind agreement --agreement "$T/agreement" --agreement-version 2
expect_out '^Proposed #5, to be decided under the rule constitution\.$'
expect_rc 0 as_at games 60 propose -t "Drop lazy" -b "Nobody uses it." \
    --kind rules --remove lazy
expect_out '^Proposed #6, to be decided under the rule constitution\.$'

# The motion opens under majority as it is now: version 1.
expect_rc 0 as_at bin $((2*D + 20)) open-vote 2
expect_out 'under the rule majority \(version 1\)'
# Amendments wait for constitution's seven days of discussion.
expect_rc 1 as_at daemon $((2*D + 30)) open-vote 1
expect_err 'the rule constitution asks for 7d of discussion first'
expect_rc 0 as_at daemon $((7*D + 100)) open-vote 1
expect_out 'under the rule constitution \(version 1\)'
expect_rc 0 as_at sys $((7*D + 100)) open-vote 3
expect_rc 0 as_at daemon $((7*D + 100)) open-vote 4
expect_rc 0 as_at daemon $((7*D + 100)) open-vote 5
expect_rc 0 as_at games $((7*D + 100)) open-vote 6

# --- A rules proposal passes and the change applies. ----------------
vote_all $((7*D + 200)) 1 yes "$ME" daemon bin
expect_rc 0 at $((7*D + 210)) show 1
expect_out '^voting rules'
expect_rc 0 at $((7*D + 210)) rules
refute_out '^quick '
vote_all $((7*D + 220)) 1 yes sys
expect_rc 0 at $((7*D + 230)) show 1
expect_out '^closed rules'
expect_out '\(early'
expect_out 'passed: 4 yes of 4 yes\+no votes'
expect_out 'quorum met — 4 of 5 voted, 3 required'
expect_out 'applied by event [0-9]+'
_ev=$(sed -n 's/.*applied by event \([0-9][0-9]*\).*/\1/p' "$T/out")
expect_rc 0 at $((7*D + 230)) rules
expect_out '^quick +1 +consent +Quick consent for small things$'
expect_rc 0 at $((7*D + 230)) --json log --type rules.changed
expect_out '"seq":'"$_ev"',[^{]*"actor":\{"uid":[0-9]+,"name":"moot"\}'
expect_out '"seq":'"$_ev"',.*"cause":"proposal:1"'
expect_out '"seq":'"$_ev"',.*"quick"'
expect_rc 0 at $((7*D + 230)) list --state closed
expect_out '^ +1 +passed +daemon'

# --- A rule change leaves an open vote under its frozen version. -----
vote_all $((7*D + 300)) 3 yes "$ME" daemon bin sys
expect_rc 0 at $((7*D + 310)) show 3
expect_out 'passed: 4 yes of 4 yes\+no votes'
expect_out 'applied by event'
expect_rc 0 at $((7*D + 310)) rules show majority
expect_out '^# rule majority, version 2'
expect_out '^threshold = >=3/4$'
expect_rc 0 at $((7*D + 310)) rules show majority --version 1
expect_out '^threshold = >1/2$'
expect_rc 0 at $((7*D + 320)) rules
expect_out '^majority +2 +yesno'
# Two yes and one no: 67% passes >1/2 (version 1), not >=3/4 (2).
expect_rc 0 as_at daemon $((7*D + 400)) vote 2 yes
expect_rc 0 as_at sys $((7*D + 400)) vote 2 yes
expect_rc 0 as_at games $((7*D + 400)) vote 2 no
expect_rc 0 at $((7*D + 410)) show 2
expect_out '^Vote under the rule majority, version 1 \(yesno, quorum 30%, threshold >1/2,'
refute_out '>=3/4'
expect_rc 0 as_at bin $((7*D + 500)) propose -t "Paint the gate" -b "Blue."
expect_out 'Proposed #7'
expect_rc 0 at $((10*D)) show 2
expect_out '^closed motion'
expect_out '^Vote under the rule majority, version 1 '
expect_out 'passed: 2 yes of 3 yes\+no votes \(66\.7%\) meets the threshold >1/2'
expect_rc 0 at $((10*D)) log --type vote.closed
expect_out 'vote\.closed +proposal:2 +passed, rule majority v1'
# A vote opened after the change is under version 2.
expect_rc 0 as_at bin $((10*D + 10)) open-vote 7
expect_out 'under the rule majority \(version 2\)'
expect_rc 0 at $((10*D + 20)) show 7
expect_out '^Vote under the rule majority, version 2 \(yesno, quorum 30%, threshold >=3/4,'

# --- A role proposal passes: bin becomes a moderator. ---------------
expect_rc 0 at $((10*D + 30)) members
expect_out '^[0-9]+ +bin +member '
expect_rc 0 as_at daemon $((10*D + 30)) comment 7 "Blue is ugly, you fools."
expect_out 'Comment 1 added to #7'
expect_rc 1 as_at bin $((10*D + 30)) hide 1 -r "rude"
expect_err 'you are a member'
vote_all $((10*D + 40)) 4 yes "$ME" daemon sys games
expect_rc 0 at $((10*D + 50)) show 4
expect_out '^closed role'
expect_out 'applied by event'
expect_rc 0 at $((10*D + 50)) members
expect_out '^[0-9]+ +bin +moderator '
expect_rc 0 at $((10*D + 50)) --json log --type role.changed
expect_out '"actor":\{"uid":[0-9]+,"name":"moot"\}.*"cause":"proposal:4"'
expect_rc 0 at $((10*D + 50)) log --type role.changed
expect_out 'moot +role\.changed .*bin -> moderator'
# bin may now do what moderators do.
expect_rc 0 as_at bin $((10*D + 60)) hide 1 -r "rude"
expect_out 'Comment 1 is hidden'

# --- An agreement proposal passes: the community's agreement is v2. --
expect_rc 0 at $((10*D + 70)) --json whoami
expect_out '"current_agreement":"1"'
vote_all $((10*D + 80)) 5 yes "$ME" daemon bin games
expect_rc 0 at $((10*D + 90)) show 5
expect_out '^closed agreement'
expect_out 'applied by event'
expect_rc 0 as_at daemon $((10*D + 90)) --json whoami
expect_out '"current_agreement":"2"'
expect_rc 0 at $((10*D + 90)) --json log --type agreement.changed
expect_out '"actor":\{"uid":[0-9]+,"name":"moot"\}.*"cause":"proposal:5"'
expect_out 'Be kind\.'

# --- A rejected amendment changes nothing. ---------------------------
# One yes and two no: with quorum met, the two ballots left cannot
# reach two thirds, so it closes early.
vote_all $((10*D + 100)) 6 yes games
vote_all $((10*D + 100)) 6 no "$ME" daemon
expect_rc 1 as_at bin $((10*D + 105)) vote 6 no
expect_err '#6 is not being voted on \(it is closed\)'
expect_rc 0 at $((10*D + 110)) show 6
expect_out '^closed rules'
expect_out 'rejected: 1 yes of 3 yes\+no votes'
refute_out 'applied by event'
expect_rc 0 at $((10*D + 110)) list --state closed
expect_out '^ +6 +rejected +games'
expect_rc 0 at $((10*D + 110)) rules
expect_out '^lazy +1 +consent'
expect_rc 0 at $((10*D + 110)) --json log --type rules.changed
refute_out 'proposal:6'
[ "$(grep -c '"type":"rules.changed"' "$T/out")" -eq 2 ] ||
    fail "expected 2 rules.changed events (#1 and #3)"

expect_rc 0 at $((10*D + 120)) verify
expect_rc 0 at $((10*D + 120)) check

# --- Amendments are decided under the governance rule only. ----------
expect_rc 1 as_at daemon $((10*D + 130)) propose -t "Quickly" -b "x" \
    --kind rules --rules "$T/quick.ini" --rule lazy
expect_err 'decided under the rule constitution'
expect_rc 1 as_at daemon $((10*D + 130)) propose -t "Quickly" -b "x" \
    --kind role --member sys --role moderator --rule majority
expect_err 'decided under the rule constitution'
expect_rc 0 at $((10*D + 140)) list
refute_out 'Quickly'
exit 0
