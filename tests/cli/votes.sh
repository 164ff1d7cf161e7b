#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot open-vote, vote, show, list, log and status through a vote's life:
# a yes/no motion from discussion to its outcome, an early close, a vote
# that runs on without quorum and one that ends with no-quorum, a poll
# whose count is shown after voting, an election hidden until it closes,
# malformed choices, and the machine output of a result.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# The caller (leader), daemon, bin and sys are members; games joins
# later as an observer, so four are eligible under the built-in rules.
expect_rc 0 at 0 init --name Test
for _m in daemon bin sys; do
	expect_rc 0 as_at "$_m" 1 join --yes
done

# --- A yes/no motion, from discussion to its outcome. ----------------
expect_rc 0 as_at daemon 10 propose -t "Quiet hours" -b "No builds after 22:00."
expect_out '^Proposed #1, to be decided under the rule majority\.$'

# majority asks for two days of discussion first.
expect_rc 1 as_at daemon 100 open-vote 1
expect_err '#1 can be put to a vote in 1d 23h: the rule majority asks for 2d of discussion first'
expect_rc 1 as_at daemon 100 vote 1 yes
expect_err '#1 is not being voted on'

# Only the author, a moderator or a leader opens it.
expect_rc 1 as_at bin $((2*D + 100)) open-vote 1
expect_err 'only the author of #1 or a moderator can open the vote'
expect_rc 0 as_at daemon $((2*D + 100)) open-vote 1
expect_out '^Voting on #1 is open under the rule majority \(version 1\) until 2033-05-27 '
expect_rc 1 as_at daemon $((2*D + 110)) open-vote 1
expect_err '#1 is already being voted on'

# Ballots: bin changes their mind; each change is a new ballot.cast.
expect_rc 0 as_at bin $((2*D + 200)) vote 1 yes
expect_out '^Your ballot on #1 is: yes\.$'
expect_rc 0 as_at bin $((2*D + 300)) vote 1 no
expect_out '^Your ballot on #1 is now: no\.$'
expect_rc 0 at $((2*D + 400)) log --type ballot.cast
[ "$(grep -c 'bin .*ballot\.cast .*proposal:1' "$T/out")" -eq 2 ] ||
    fail "bin's change of ballot is not logged as a second ballot.cast"
expect_out 'ballot\.cast +proposal:1 +yes$'
expect_out 'ballot\.cast +proposal:1 +no$'

# A non-member and an observer may not vote.
expect_rc 1 as_at games $((2*D + 400)) vote 1 yes
expect_err 'you are not a member of this community'
expect_rc 0 as_at games $((2*D + 400)) join --yes
expect_rc 0 at $((2*D + 400)) role games observer
expect_rc 1 as_at games $((2*D + 400)) vote 1 yes
expect_err 'only members and above can vote on #1; you are an observer'

# The ballots so far: bin's last one counts, and quorum is not met yet.
expect_rc 0 as_at sys $((2*D + 500)) show 1
expect_out '^Vote under the rule majority, version 1 \(yesno, quorum 30%, threshold >1/2, results live\):'
expect_out 'ballots: 1 of 4 eligible'
expect_out 'quorum not met'
expect_out 'yes 0 no 1 abstain 0|abstain 0 no 1 yes 0'

# status counts the votes that need you, until you have voted.
expect_rc 0 as_at sys $((2*D + 500)) status
expect_out '1 vote needs you, the first closes in 6d 23h'
expect_rc 0 as_at sys $((2*D + 600)) vote 1 yes
expect_rc 0 as_at sys $((2*D + 600)) status
refute_out 'needs? you'
expect_rc 0 as_at daemon $((2*D + 700)) vote 1 yes
expect_rc 0 as_at daemon $((2*D + 700)) list --state voting
expect_out '^ +1 +voted +daemon'

# The deadline passes; the next command closes the vote (catch-up).
expect_rc 0 as_at bin $((10*D)) list
expect_out '^ +1 +passed +daemon'
expect_rc 0 at $((10*D)) show 1
expect_out '^closed motion by daemon'
expect_out 'passed: 2 yes of 3 yes\+no votes \(66\.7%\) meets the threshold >1/2; quorum met — 3 of 4 voted, 2 required\.'
refute_out '\(early'
expect_rc 0 at $((10*D)) log --type vote.closed
expect_out 'moot +vote\.closed +proposal:1 +passed, rule majority v1'
expect_rc 0 at $((10*D)) --json log --type vote.closed
expect_out '"actor":\{"uid":[0-9]+,"name":"moot"\}'
expect_out '"outcome":"passed"'
expect_out '"eligible":4'
expect_rc 0 at $((10*D)) --json show 1
expect_out '"vote":\{.*"result":\{.*"outcome":"passed"'
expect_rc 1 at $((10*D + 1)) vote 1 yes
expect_err '#1 is not being voted on \(it is closed\)'
expect_rc 0 at $((10*D)) list --state closed
expect_out '^ +1 +passed'

# A ballot at the deadline's far side is refused even before anything
# else has run: the vote command itself catches up first.
expect_rc 0 as_at bin $((10*D + 10)) propose -t "Paint the door" -b "Red."
expect_out 'Proposed #2'
expect_rc 0 as_at bin $((12*D + 20)) open-vote 2
expect_rc 0 as_at bin $((12*D + 30)) vote 2 no
expect_rc 0 as_at sys $((12*D + 30)) vote 2 no
expect_rc 1 as_at daemon $((19*D + 100)) vote 2 yes
expect_err '#2 is not being voted on \(it is closed\)'
expect_rc 0 at $((19*D + 100)) show 2
expect_out 'rejected: 0 yes of 2 yes\+no votes'
expect_rc 0 at $((19*D + 100)) list --state closed
expect_out '^ +2 +rejected +bin'

# --- Early close: once the remaining ballots cannot change it. -------
# 2 yes and 1 no: the leader's ballot could still tie it, so it stays
# open; once everyone has voted it closes early.
expect_rc 0 as_at daemon $((20*D)) propose -t "Shared kettle" -b "Buy one."
expect_out 'Proposed #3'
expect_rc 0 as_at daemon $((22*D)) open-vote 3
expect_rc 0 as_at daemon $((22*D + 10)) vote 3 yes
expect_rc 0 as_at bin $((22*D + 10)) vote 3 no
expect_rc 0 as_at sys $((22*D + 10)) vote 3 yes
expect_rc 0 at $((22*D + 20)) show 3
expect_out '^voting motion'
refute_out '\(early'
expect_rc 0 at $((22*D + 30)) vote 3 yes
expect_rc 0 at $((22*D + 40)) show 3
expect_out '^closed motion'
expect_out 'closed .*\(early: the outcome could no longer change\)'
expect_out 'passed: 3 yes of 4 yes\+no votes'
expect_rc 0 at $((22*D + 40)) --json log --type vote.closed
expect_out '"ref":"proposal:3".*"early":true'

# --- No quorum: the vote runs on, then closes when quorum is met. -----
# 30% of 4 eligible is 2 ballots.
expect_rc 0 as_at bin $((23*D)) propose -t "Night buses" -b "Lobby for them."
expect_out 'Proposed #4'
expect_rc 0 as_at bin $((23*D + 10)) propose -t "Window boxes" -b "Plant some."
expect_out 'Proposed #5'
expect_rc 0 as_at bin $((25*D)) open-vote 4
expect_rc 0 as_at bin $((25*D + 10)) open-vote 5
expect_rc 0 as_at bin $((25*D + 20)) vote 4 yes
expect_rc 0 as_at bin $((25*D + 20)) vote 5 yes
# Past seven days: extended, still open.
expect_rc 0 at $((33*D)) list --state voting
expect_out '^ +4 +voting'
expect_out '^ +5 +voting'
expect_rc 0 at $((33*D)) log --type vote.extended
expect_out 'vote\.extended +proposal:4'
expect_out 'vote\.extended +proposal:5'
expect_rc 0 at $((33*D)) show 4
expect_out '^voting motion'
# A second ballot brings the quorum: it closes.
expect_rc 0 as_at sys $((34*D)) vote 4 yes
expect_rc 0 at $((34*D + 10)) show 4
expect_out '^closed motion'
expect_out 'passed: 2 yes of 2 yes\+no votes'
# The other reaches 14 days without quorum.
expect_rc 0 at $((40*D)) list --state closed
expect_out '^ +5 +no-quorum +bin'
expect_rc 0 at $((40*D)) show 5
expect_out 'quorum not met — 1 of 4 eligible voted, 2 \(30%\) required'

# --- A poll: approval, results after voting. -------------------------
expect_rc 0 as_at daemon $((41*D)) propose -t "Movie night" -b "Which film?" \
    --kind poll --option Alien --option Brazil --option Casablanca
expect_out 'Proposed #6, to be decided under the rule poll'
expect_rc 0 as_at daemon $((41*D + 10)) open-vote 6
expect_out 'Voting on #6 is open under the rule poll \(version 1\)'
expect_rc 0 as_at daemon $((41*D + 20)) vote 6 "Alien, Casablanca"
expect_out 'Your ballot on #6 is: '
expect_rc 0 as_at bin $((41*D + 30)) vote 6 "2"
expect_out 'Your ballot on #6 is: Brazil'
# sys has not voted: no count, and the log withholds the choices.
expect_rc 0 as_at sys $((41*D + 40)) show 6
expect_out 'the count is shown once you have voted'
refute_out 'so far|Totals|Winner|wins'
expect_rc 0 as_at sys $((41*D + 40)) --json log --type ballot.cast
expect_out '"ref":"proposal:6".*"body":null,"withheld"'
refute_out 'Casablanca'
expect_rc 0 as_at sys $((41*D + 40)) log --type ballot.cast
refute_out 'Casablanca'
# After voting sys sees the count and the others' choices.
expect_rc 0 as_at sys $((41*D + 50)) vote 6 "Casablanca"
expect_rc 0 as_at sys $((41*D + 60)) show 6
refute_out 'shown once you have voted'
expect_out 'so far: passed: Casablanca wins with 2 approvals from 3 ballots'
expect_out '^ +Casablanca +2$'
expect_rc 0 as_at sys $((41*D + 60)) --json log --type ballot.cast
expect_out 'Alien'
# The deadline closes it; Casablanca has two approvals.
expect_rc 0 at $((45*D)) show 6
expect_out '^closed poll'
expect_out 'Casablanca'
expect_rc 0 at $((45*D)) --json show 6
expect_out '"winners":\["Casablanca"\]'

# --- An election: ranked, hidden until it closes. -------------------
expect_rc 0 as_at sys $((46*D)) propose -t "Treasurer" -b "Who keeps the kitty?" \
    --kind election --option bin --option sys
expect_out 'Proposed #7, to be decided under the rule election'
expect_rc 1 as_at sys $((50*D)) open-vote 7
expect_err 'the rule election asks for 7d of discussion first'
expect_rc 0 as_at sys $((53*D + 10)) open-vote 7
expect_rc 0 at $((53*D + 20)) show 7
expect_out 'None of the above'
expect_rc 0 as_at daemon $((53*D + 30)) vote 7 "sys > bin > None of the above"
expect_rc 0 as_at bin $((53*D + 40)) vote 7 "bin > sys = None of the above"
# Options by number: 2 is sys.
expect_rc 0 as_at sys $((53*D + 50)) vote 7 "2 > 3 > 1"
expect_out 'Your ballot on #7 is: sys > None of the above > bin'
# Nobody sees the count before it closes, not even those who voted.
for _m in daemon bin sys "$ME"; do
	expect_rc 0 as_at "$_m" $((53*D + 60)) show 7
	expect_out 'the count is shown when the vote closes'
	refute_out 'so far|Totals|Winner|wins|beats'
	expect_rc 0 as_at "$_m" $((53*D + 60)) --json log --type ballot.cast
	expect_out '"withheld"'
done
# A malformed ranked ballot is refused with an example.
expect_rc 1 at $((53*D + 70)) vote 7 "bin, sys"
expect_err "'bin, sys' is not a choice for a schulze vote: write a ranking with > and =, such as 'bin>sys"
expect_rc 1 at $((53*D + 70)) vote 7 "nobody > sys"
expect_err 'nobody'
expect_rc 0 at $((68*D)) show 7
expect_out '^closed election'
refute_out 'shown when the vote closes'
expect_out 'sys'
expect_rc 0 at $((68*D)) --json show 7
expect_out '"winners":\["sys"\]'
expect_out '"outcome":"passed"'
expect_rc 0 at $((68*D)) --json log --type ballot.cast
refute_out '"withheld"'

# --- Malformed choices are refused with an example of the right form. -
expect_rc 0 as_at daemon $((69*D)) propose -t "Bike rack" -b "By the door."
expect_out 'Proposed #8'
expect_rc 0 as_at daemon $((71*D)) open-vote 8
expect_rc 1 as_at daemon $((71*D + 10)) vote 8 maybe
expect_err "'maybe' is not a choice for a yesno vote: write yes, no or abstain"
expect_rc 2 as_at daemon $((71*D + 10)) vote 8
expect_rc 1 as_at daemon $((71*D + 10)) vote 99 yes
expect_err 'there is no proposal #99'
expect_rc 0 at $((71*D + 20)) status
expect_out '1 vote needs you'

expect_rc 0 at $((71*D + 30)) verify
expect_rc 0 at $((71*D + 30)) check
exit 0
