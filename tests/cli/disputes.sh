#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot dispute through every state and refusal: opening (about a
# proposal, a comment, a member), assignment and the recusal of a
# moderator who is a party, the thread, resolution with a sanction, what
# a mute and a suspension refuse (and say), who sees the details, expiry
# by moot on time, lifting early, appeals decided by the leaders and by
# a community vote whose outcome moot applies, and the status line.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# The caller is the leader; sys is a moderator; daemon, bin and games
# are members.
cat > "$T/rules.ini" <<EOF
[governance]
motions = majority
amendments = majority
appeals = leaders
leaders_change_rules = yes
[majority]
method = yesno
quorum = 30%
threshold = >1/2
discussion = 2d
duration = 7d
EOF
expect_rc 0 at 0 init --name Test --rules "$T/rules.ini"
for _m in daemon bin sys games; do
	expect_rc 0 as_at "$_m" 1 join --yes
done
expect_rc 0 at 2 role sys moderator
expect_rc 0 as_at daemon 10 propose -t "Loud builds" -b "Build at night."
expect_rc 0 as_at bin 20 comment 1 "You are all fools."

# --- Opening. ---------------------------------------------------------
expect_rc 0 as_at daemon 100 dispute open comment:1 "Insulting the members."
expect_out '^Dispute #1 is open'
expect_rc 1 as_at daemon 110 dispute open comment:1 "Again."
expect_err 'you already have dispute #1 open about comment:1'
expect_rc 1 as_at daemon 110 dispute open member:daemon "Me."
expect_err 'you cannot open a dispute about yourself or what you wrote'
expect_rc 1 as_at daemon 110 dispute open proposal:1 "Mine."
expect_err 'you cannot open a dispute about yourself or what you wrote'
expect_rc 2 as_at daemon 110 dispute show 1 --assigned
expect_rc 2 as_at daemon 110 dispute list --active
expect_rc 1 as_at daemon 110 dispute open proposal:9 "Nothing."
expect_err 'there is no proposal #9'
expect_rc 1 as_at daemon 110 dispute open member:nobody "Nothing."
expect_err 'nobody is not a member of this community'
expect_rc 1 as_at daemon 110 dispute open thing:1 "Nothing."
expect_err 'a dispute is about proposal:N, comment:N or member:LOGIN'
expect_rc 1 as_at games 110 dispute open proposal:1 " "
expect_err 'reason: empty'
expect_rc 2 as_at daemon 110 dispute open
expect_rc 2 as_at daemon 110 dispute frobnicate 1
expect_rc 0 as_at bin 120 dispute open member:sys "The moderator deletes my posts."
expect_out '^Dispute #2 is open'

# --- Visibility: details to the parties, moderators and leaders. ------
expect_rc 0 as_at games 130 dispute show 1
expect_out 'Dispute #1 about comment 1: open'
expect_out 'details are shown to its parties, moderators and leaders'
refute_out 'Insulting'
expect_rc 0 as_at games 130 --json log
refute_out 'Insulting'
expect_out '"withheld"'
expect_rc 0 as_at bin 130 dispute show 1
expect_out 'Insulting the members'
expect_rc 0 as_at sys 130 dispute show 1
expect_out 'Insulting the members'

# --- Assignment and recusal. ------------------------------------------
expect_rc 1 as_at daemon 200 dispute assign 1
expect_err 'only moderators and above can take or assign disputes'
expect_rc 1 as_at sys 200 dispute assign 2
expect_err 'sys is a party to this dispute \(it is about them\), so is recused'
expect_rc 0 at 210 log --type dispute.recused
expect_out 'dispute.recused'
expect_rc 1 as_at sys 210 dispute resolve 1 upheld "Early."
expect_err 'dispute #1 is not assigned yet'
expect_rc 1 as_at sys 210 dispute assign 1 games
expect_err 'games is a member: disputes go to moderators and leaders'
expect_rc 0 as_at sys 220 dispute assign 1
expect_out 'Dispute #1 is assigned to sys'
expect_rc 0 as_at sys 230 status
expect_out '1 dispute assigned to you; 1 dispute waiting for a moderator'

# --- The thread. --------------------------------------------------------
expect_rc 0 as_at bin 300 dispute comment 1 "It was a joke."
expect_rc 0 as_at sys 310 dispute comment 1 "It was not funny."
expect_rc 1 as_at games 320 dispute comment 1 "Me too."
expect_err 'only the parties to dispute #1, moderators and leaders write'

# --- Resolution, with a mute for a week. --------------------------------
expect_failure as_at sys 400 dispute resolve 1 upheld --body-file /dev/null
expect_err 'resolution: empty'
expect_rc 1 as_at sys 400 dispute resolve 1 maybe "Hmm."
expect_err 'outcome "maybe" is not one of upheld, dismissed, settled'
expect_rc 1 as_at sys 400 dispute resolve 1 dismissed "No." --sanction mute --for 7d
expect_err 'a dismissed dispute imposes no sanction'
expect_rc 2 as_at sys 400 dispute resolve 1 upheld "Yes." --sanction mute
expect_rc 1 as_at sys 400 dispute resolve 1 upheld "Yes." --sanction mute --for 7d --member games
expect_err 'games is not a party to dispute #1'
expect_rc 1 as_at sys 400 dispute resolve 1 upheld "Yes." --sanction jail --for 7d
expect_err 'sanction "jail" is not one of warn, mute, suspend'
expect_rc 1 as_at daemon 400 dispute resolve 1 upheld "Yes."
expect_err 'only moderators and above can resolve disputes'
expect_rc 0 as_at sys 400 dispute resolve 1 upheld "Insults are not allowed here." --sanction mute --for 7d
expect_out 'Dispute #1 is resolved'
expect_rc 1 as_at sys 410 dispute resolve 1 upheld "Twice."
expect_err 'dispute #1 is already resolved'

# The outcome is every member's to see; the text is not.
expect_rc 0 as_at games 420 dispute list
expect_out '#1 +resolved +upheld'
expect_rc 0 as_at games 420 --json log --type dispute.resolved
expect_out '"outcome":"upheld"'
refute_out 'Insults are not'

# --- What a mute refuses, and says. ----------------------------------
expect_rc 1 as_at bin 500 comment 1 "Still fools."
expect_err 'you are muted until 2033-05-25 .* \(dispute #1\), so you cannot comment; see `moot dispute show 1`; you may appeal until 2033-06-01 .* with `moot dispute appeal 1 REASON`'
expect_rc 1 as_at bin 500 propose -t "Mine" -b "x"
expect_err 'so you cannot make proposals'
# Reading and voting are not posting; the own dispute's thread is open.
expect_rc 0 as_at bin 500 show 1
expect_rc 0 as_at bin 510 dispute comment 1 "I would like to be heard."
expect_rc 0 as_at bin 520 status
expect_out 'muted until'
expect_rc 0 as_at bin 520 dispute sanctions
expect_out 'Sanction 1 \(dispute #1\): mute on bin until .*, in force'
expect_rc 1 as_at bin 520 dispute sanctions daemon
expect_err 'only moderators and leaders list the sanctions of others'

# --- Lifting early. ----------------------------------------------------
expect_rc 1 as_at daemon 600 dispute lift 1 "Enough."
expect_err 'only moderators and above can lift sanctions'
expect_failure as_at sys 600 dispute lift 1 --body-file /dev/null
printf 'Apologised in the thread.\n' > "$T/lift.txt"
expect_rc 0 as_at sys 600 dispute lift 1 -F "$T/lift.txt"
expect_out 'Sanction 1 is lifted'
expect_rc 1 as_at sys 610 dispute lift 1 "Again."
expect_err 'sanction 1 is no longer in force \(lifted\)'
expect_rc 0 as_at bin 620 comment 1 "Sorry, all."

# --- Appeal decided by the leaders. ------------------------------------
expect_rc 1 as_at games 700 dispute appeal 1 "Unfair."
expect_err 'only the parties to dispute #1 may appeal'
expect_rc 0 as_at bin 700 dispute appeal 1 "It was a joke, really."
expect_out 'Dispute #1 is appealed; the leaders decide'
expect_rc 1 as_at bin 710 dispute appeal 1 "Again."
expect_err 'dispute #1 was appealed already'
expect_rc 1 as_at sys 720 dispute decide 1 reversed "No."
expect_err 'only leaders can decide appeals'
expect_rc 1 at 720 dispute decide 1 perhaps "No."
expect_err 'decision "perhaps" is not one of upheld, reversed'
expect_rc 0 at 730 dispute decide 1 upheld "The resolution stands."
expect_rc 0 at 740 dispute show 1
expect_out ': final \(upheld; upheld on appeal\)'
expect_out 'decided by the leaders: upheld'
expect_rc 1 as_at bin 750 dispute comment 1 "Hm."
expect_err 'dispute #1 is final'

# --- A suspension that expires on time. -------------------------------
expect_rc 0 as_at daemon 1000 dispute open member:games "Spam."
expect_rc 0 as_at sys 1010 dispute assign 3
expect_rc 0 as_at sys 1020 dispute resolve 3 upheld "Spam." --sanction suspend --for 1d
expect_rc 1 as_at games 1100 vote 1 yes
expect_err 'you are suspended until .* \(dispute #3\), so you cannot take part'
expect_rc 1 as_at games 1100 dispute open proposal:1 "x"
expect_err 'you are suspended'
# One second before the end it holds; at the end moot lifts it.
expect_rc 0 as_at games $((1020 + D - 1)) status
expect_out 'suspended until'
expect_rc 0 at $((1020 + D)) log --type sanction.expired
expect_out 'sanction.expired'
expect_rc 0 as_at games $((1020 + D + 1)) dispute open proposal:1 "Too loud."
expect_rc 0 as_at sys $((1020 + D + 2)) dispute sanctions games
expect_out 'suspend on games until .*, expired'

# Too late to appeal: the window is 14 days.
expect_rc 1 as_at games $((1020 + 15 * D)) dispute appeal 3 "Late."
expect_err 'the time to appeal dispute #3 ended on'

# --- An appeal put to a community vote, which reverses the sanction. --
sed 's/^appeals = leaders/appeals = majority/' "$T/rules.ini" > "$T/appeals.ini"
T1=$((20 * D))
expect_rc 0 at $T1 rules set "$T/appeals.ini"
expect_rc 0 as_at daemon $((T1 + 10)) dispute open member:bin "Again rude."
expect_rc 0 as_at sys $((T1 + 20)) dispute assign 5
expect_rc 0 as_at sys $((T1 + 30)) dispute resolve 5 upheld "Rude." --sanction mute --for 30d
expect_rc 0 as_at bin $((T1 + 40)) dispute appeal 5 "I was quoting someone."
expect_out 'the community votes on it under the rule majority'
# moot proposed it and opened its vote at once.
expect_rc 0 at $((T1 + 50)) list --state voting
expect_out 'Appeal of dispute #5'
APPEAL=$(at $((T1 + 50)) --json dispute show 5 | sed -n 's/.*"proposal":\([0-9]*\).*/\1/p')
[ -n "$APPEAL" ] || fail "no appeal proposal"
# Once it is put to the community, every member may read the case.
expect_rc 0 as_at games $((T1 + 60)) dispute show 5
expect_out 'I was quoting someone'
for _m in daemon games sys "$ME"; do
	expect_rc 0 as_at "$_m" $((T1 + 100)) vote "$APPEAL" yes
done
expect_rc 0 at $((T1 + 8 * D)) dispute show 5
expect_out ': final \(upheld; reversed on appeal\)'
expect_out 'decided by a community vote \(#'"$APPEAL"'\): reversed'
expect_out 'mute on bin until .*, reversed .* by moot'
expect_rc 0 at $((T1 + 8 * D)) --json log --type dispute.decided
expect_out '"cause":"proposal:'"$APPEAL"'"'
expect_rc 0 as_at bin $((T1 + 8 * D + 10)) comment 1 "Thank you."

# Nobody proposes an appeal by hand, or decides one put to a vote.
expect_rc 1 as_at daemon $((T1 + 8 * D)) propose -t x -b y --kind appeal
expect_err 'moot itself puts an appeal to a vote'

# The log still verifies and the projections rebuild from it.
expect_rc 0 at $((T1 + 9 * D)) verify
expect_rc 0 at $((T1 + 9 * D)) check
if [ -n "${KEEP_DB:-}" ]; then cp "$DB" "$KEEP_DB"; fi
