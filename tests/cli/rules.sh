#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot rules, rules show, rules set, init --rules and veto: the built-in
# rules, a community's own rules file and its errors, leaders changing
# the rules where [governance] allows it (versions and removal), vetoes,
# and proposals naming a rule that does not exist.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# --- The built-in rules. ---------------------------------------------
DB=$T/builtin.db
expect_rc 0 at 0 init --name Builtin
expect_rc 0 at 1 rules
for _r in constitution council election lazy majority poll; do
	expect_out "^$_r +1 +[a-z]+ "
done
expect_out '^majority +1 +yesno +More yes than no'
expect_out '^council +1 +stv '
expect_out '^\[governance\]'
expect_out '^motions = majority$'
expect_out '^amendments = constitution$'
expect_out '^leaders_change_rules = no$'
expect_rc 0 at 1 rules show majority
expect_out '^\[majority\]$'
expect_out '^method = yesno$'
expect_out '^quorum = 30%$'
expect_out '^threshold = >1/2$'
expect_out '^max_duration = 14d$'
# Every key is shown, defaults included.
expect_out '^veto = none$'
expect_out '^results = live$'
refute_out '^\[constitution\]'
expect_rc 0 at 1 rules show election
expect_out '^default_option = None of the above$'
expect_out '^results = after-close$'
expect_rc 1 at 1 rules show nope
expect_err 'there is no rule nope'
expect_rc 1 at 1 rules show majority --version 2
expect_err 'the rule majority has no version 2'

# The built-in set lets leaders change rules only by vote.
printf '[quick]\nmethod = consent\nduration = 1d\n' >"$T/quick.ini"
expect_rc 1 at 2 rules set "$T/quick.ini"
expect_err 'leaders_change_rules = no'
expect_err 'moot propose --kind rules'
expect_rc 0 at 3 rules
refute_out '^quick '
expect_rc 0 at 3 log --type rules.changed
[ "$(grep -c 'rules\.changed' "$T/out")" -le 1 ] ||
    fail "a refused rules set was logged"

# Proposals naming a rule that does not exist are refused.
expect_rc 1 at 4 propose -t "Odd" -b "x" --rule missing
expect_err 'there is no rule missing'
expect_rc 0 at 4 list
refute_out 'Odd'
expect_rc 0 at 5 verify
expect_rc 0 at 5 check

# --- A rules file of our own, and its errors. ------------------------
DB=$T/ours.db
cat >"$T/ours.ini" <<'EOF'
# A small community that trusts its leaders.
[governance]
motions = motion
amendments = amend
leaders_change_rules = yes

[motion]
description = "Simple majority; leaders may veto"
method = yesno
quorum = 20%
discussion = 1d
duration = 5d
veto = leader

[amend]
method = yesno
quorum = 1/2
threshold = >=2/3
discussion = 7d
duration = 14d

[lazy]
method = consent
duration = 3d
EOF

# A mistake anywhere refuses the file whole, naming file, line and key.
sed 's/^quorum = 20%$/quorum = lots/' "$T/ours.ini" >"$T/bad.ini"
expect_rc 1 at 0 init --name Bad --rules "$T/bad.ini"
expect_err "bad\.ini:10: \[motion\] quorum: 'lots' is not a quorum"
expect_err '30% or 1/3'
[ ! -s "$DB" ] || fail "a refused init left a community behind"
sed 's/^duration = 3d$/durations = 3d/' "$T/ours.ini" >"$T/bad.ini"
expect_rc 1 at 0 init --name Bad --rules "$T/bad.ini"
expect_err 'bad\.ini:24: \[lazy\] durations: unknown key'
sed '/^\[governance\]$/,/^$/d' "$T/ours.ini" >"$T/nogov.ini"
expect_rc 1 at 0 init --name Bad --rules "$T/nogov.ini"
expect_err 'nogov\.ini: there is no \[governance\] section'
sed 's/^amendments = amend$/amendments = nowhere/' "$T/ours.ini" >"$T/bad.ini"
expect_rc 1 at 0 init --name Bad --rules "$T/bad.ini"
expect_err 'bad\.ini:4: \[governance\] amendments: there is no rule nowhere'
expect_rc 1 at 0 init --name Bad --rules "$T/absent.ini"
expect_err 'absent\.ini'

expect_rc 0 at 0 init --name Ours --rules "$T/ours.ini"
member daemon bin
expect_rc 0 at 1 rules
expect_out '^amend +1 +yesno'
expect_out '^lazy +1 +consent'
expect_out '^motion +1 +yesno +Simple majority; leaders may veto$'
refute_out '^majority '
expect_out '^leaders_change_rules = yes$'
expect_rc 0 at 1 rules show motion
expect_out '^veto = leader$'
expect_out '^discussion = 1d$'
# max_duration 0 is stored as the duration.
expect_out '^max_duration = 5d$'

# --- Leaders change the rules directly: versions and removal. --------
expect_rc 1 as_at daemon 10 rules set "$T/quick.ini"
expect_err 'leader'
expect_rc 0 at 10 rules set "$T/quick.ini"
expect_out 'Set rule quick\.'
expect_rc 0 at 11 rules
expect_out '^quick +1 +consent'
printf '[quick]\nmethod = consent\nduration = 2d\n' >"$T/quick2.ini"
expect_rc 0 at 12 rules set "$T/quick2.ini"
expect_rc 0 at 13 rules
expect_out '^quick +2 +consent'
expect_rc 0 at 13 rules show quick
expect_out '^# rule quick, version 2'
expect_out '^duration = 2d$'
expect_rc 0 at 13 rules show quick --version 1
expect_out '^# rule quick, version 1'
expect_out '^duration = 1d$'
refute_out '^duration = 2d$'
expect_rc 0 at 13 --json log --type rules.changed
expect_out '"actor":\{"uid":'"$(id -u)"',"name":"'"$ME"'"\}.*"quick"'
# A bad file changes nothing.
printf '[quick]\nmethod = consent\nduration = forever\n' >"$T/quick3.ini"
expect_rc 1 at 14 rules set "$T/quick3.ini"
expect_err "quick3\\.ini:3: \\[quick\\] duration: [\"']forever[\"'] is not a duration"
# Removing: a rule that does not exist, or one [governance] names, is
# refused; quick goes.
expect_rc 1 at 15 rules set --remove nothing
expect_err 'there is no rule nothing to remove'
expect_rc 1 at 15 rules set --remove motion
expect_err 'motions: there is no rule motion'
expect_rc 0 at 15 rules set --remove quick
expect_out 'Removed rule quick\.'
expect_rc 0 at 16 rules
refute_out '^quick '
expect_out '^motion +1 '
expect_rc 1 at 16 rules show quick
expect_err 'there is no rule quick'
# Its history stays readable.
expect_rc 0 at 16 rules show quick --version 2
expect_out '^duration = 2d$'

# --- Vetoes. --------------------------------------------------------
expect_rc 0 as_at daemon 20 propose -t "Paint it black" -b "The hallway."
expect_out 'to be decided under the rule motion'
expect_rc 0 as_at daemon 30 propose -t "Tea rota" -b "Weekly." --rule lazy
expect_out 'Proposed #2, to be decided under the rule lazy'
expect_rc 0 as_at daemon $((D + 30)) open-vote 1
expect_rc 0 as_at daemon $((D + 30)) open-vote 2
expect_rc 0 as_at bin $((D + 40)) vote 1 yes
# A member may not veto; a leader needs a reason.
expect_rc 1 as_at bin $((D + 50)) veto 1 --reason "I changed my mind"
expect_err 'only leaders can veto votes; you are a member'
expect_rc 2 at $((D + 50)) veto 1
expect_err 'veto needs --reason'
# A rule without veto refuses it, even to a leader.
expect_rc 1 at $((D + 50)) veto 2 --reason "Not now"
expect_err 'the rule of #2 allows no veto \(veto = none\)'
expect_rc 0 at $((D + 60)) show 2
expect_out '^voting motion'
expect_rc 0 at $((D + 70)) veto 1 --reason "Against the agreement"
expect_out 'The vote on #1 is vetoed\.'
expect_rc 0 at $((D + 80)) list
expect_out '^ +1 +vetoed +daemon'
expect_out '^ +2 +voting +daemon'
expect_rc 0 as_at bin $((D + 80)) show 1
expect_out '^closed motion'
expect_out 'veto by leader'
expect_out 'vetoed: Against the agreement'
expect_rc 0 at $((D + 80)) log --type vote.vetoed
expect_out "$ME"' +vote\.vetoed +proposal:1 +Against the agreement'
expect_rc 1 at $((D + 90)) veto 1 --reason again
expect_err '#1 is not being voted on \(it is closed\)'
expect_rc 1 as_at bin $((D + 90)) vote 1 no
expect_err 'it is closed'

# Proposals naming a rule that does not exist are refused here too.
expect_rc 1 as_at bin $((D + 100)) propose -t "Odd" -b "x" --rule majority
expect_err 'there is no rule majority'

expect_rc 0 at $((D + 100)) verify
expect_rc 0 at $((D + 100)) check

# A change that changes nothing is refused (moot-rules(5)), and makes
# no new version.
printf '[tea]\nmethod = consent\nduration = 2d\n' >"$T/tea.ini"
expect_rc 0 at $((D + 110)) rules set "$T/tea.ini"
expect_rc 0 at $((D + 110)) rules
expect_out '^tea +1 +consent'
expect_rc 1 at $((D + 120)) rules set "$T/tea.ini"
expect_rc 0 at $((D + 130)) rules
expect_out '^tea +1 +consent'
exit 0
