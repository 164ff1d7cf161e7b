#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot task and moot kudos: a passed motion becomes an initiative, its
# author splits it into tasks, members take and update them, progress is
# the weighted mean, late tasks stand out (and in moot status), and the
# refusals are sentences.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# lp acts as a local account that is not a member.
grep -q "^lp:" /etc/passwd || skip "no account lp in /etc/passwd"
expect_rc 0 at 0 init --name Test
for _m in daemon bin sys games; do
	expect_rc 0 as_at "$_m" 1 join --yes
done
expect_rc 0 at 2 role games observer
expect_rc 0 as_at daemon 10 propose -t "Quiet hours" -b "No builds."
expect_rc 0 as_at daemon $((2*D + 100)) open-vote 1
for _m in daemon bin sys; do
	as_at "$_m" $((2*D + 200)) vote 1 yes >/dev/null 2>&1 || true
done
expect_rc 0 as_at daemon $((2*D + 300)) show 1
expect_out 'closed motion'

# A passed motion is an initiative before it has tasks.
expect_rc 0 at $((3*D)) task list
expect_out '^#1 +\[-{20}\] +0%  Quiet hours: no tasks yet$'

# Usage errors.
expect_rc 2 at $((3*D)) task
expect_rc 2 at $((3*D)) task frob
expect_err '"frob" is not add, list, take or update'
expect_rc 2 as_at daemon $((3*D)) task add 1
expect_rc 2 as_at daemon $((3*D)) task add 1 X --progress 5
expect_rc 2 as_at daemon $((3*D)) task add 1 X --due tomorrow
expect_err 'neither a date \(YYYY-MM-DD\) nor a time from now'
expect_rc 2 as_at daemon $((3*D)) task update 1 --progress 101
expect_err '--progress "101" is not a whole number from 0 to 100'
expect_rc 0 moot task --help
expect_out '^usage: moot task add PROPOSAL TITLE'

# Who may add: the author (or a moderator), to a passed proposal.
expect_rc 1 as_at bin $((3*D)) task add 1 "Write the notice"
expect_err 'only the author of #1 or a moderator can add tasks to it'
expect_rc 1 as_at games $((3*D)) task add 1 "Write the notice"
expect_err 'you are an observer'
expect_rc 1 as_at lp $((3*D)) task add 1 "Write the notice"
expect_err 'you are not a member of this community'
expect_rc 0 as_at daemon $((3*D + 10)) propose -t "Later" -b "Not yet."
expect_rc 1 as_at daemon $((3*D + 20)) task add 2 "Too soon"
expect_err '#2 is in discussion: tasks belong to proposals that passed'
expect_rc 0 as_at daemon $((3*D + 30)) task add 1 "Write the notice" \
    --weight 3 --due 1d
expect_out '^Added task 1 to #1\.$'
expect_rc 0 as_at daemon $((3*D + 40)) task add 1 "Buy a sign" \
    --due 2033-06-20
expect_out '^Added task 2 to #1\.$'

# Taking and updating.
expect_rc 0 as_at bin $((3*D + 50)) task take 1
expect_out '^Task 1 is yours \(#1\)\.$'
expect_rc 1 as_at sys $((3*D + 60)) task take 1
expect_err 'task 1 is already taken by bin'
expect_rc 1 as_at sys $((3*D + 60)) task update 1 --progress 10
expect_err 'only the owner of task 1 \(bin\) or a moderator can update it'
expect_rc 0 as_at bin $((3*D + 70)) task update 1 --progress 50
expect_out '^Task 1 is doing, 50% done\.$'
expect_rc 0 as_at bin $((3*D + 80)) --json task update 1 --status blocked
expect_out '"status":"blocked","progress":50'

# (3 * 50 + 1 * 0) / 4 = 37%, and task 1 is late two days on.
expect_rc 0 at $((5*D)) task list
expect_out '^#1 +\[#{7}-{13}\] +37%  Quiet hours: 0 of 2 tasks done, 1 blocked, 1 OVERDUE$'
expect_rc 0 at $((5*D)) task list 1
expect_out '^ +1 blocked +50% +3 bin .* OVERDUE Write the notice$'
expect_out '^ +2 todo +0% +1 - +2033-06-20 23:59 +Buy a sign$'
expect_out 'Timeline:'
expect_out ' bin took task:1$'
expect_out ' bin updated task:1: blocked 50%$'
expect_rc 0 as_at bin $((5*D)) status
expect_out '^moot: 1 proposal in discussion; 1 task overdue$'
expect_rc 0 as_at sys $((5*D)) status
expect_out '^moot: 1 proposal in discussion$'
expect_rc 0 as_at bin $((5*D)) --json status
expect_out '"tasks_overdue":1'
expect_rc 0 as_at bin $((5*D)) task list --overdue
expect_out 'OVERDUE #1 Write the notice$'
refute_out 'Buy a sign'
expect_rc 0 as_at sys $((5*D)) task list --mine
expect_out '^No tasks match\.$'
expect_rc 0 as_at bin $((5*D + 10)) task update 1 --status done
expect_out '^Task 1 is done, 100% done\.$'
expect_rc 0 as_at bin $((5*D + 10)) status
refute_out 'overdue'
expect_rc 0 at $((5*D + 20)) task update 2 --owner sys --due none
expect_rc 0 at $((5*D + 30)) --json task list 1
expect_out '"progress":75'

# Kudos.
expect_rc 0 as_at sys $((5*D + 40)) kudos bin "Thanks for the notice" --about task:1
expect_out '^Kudos to bin \(kudos 1\)\.$'
expect_rc 1 as_at sys $((5*D + 40)) kudos sys "Me"
expect_err 'you cannot give them to yourself'
expect_rc 1 as_at sys $((5*D + 40)) kudos lp "Hi"
expect_err 'lp is not a member of this community'
expect_rc 1 as_at sys $((5*D + 40)) kudos bin "Hi" --about task:9
expect_err 'there is no task 9'
expect_rc 2 as_at sys $((5*D + 40)) kudos bin
expect_rc 0 as_at sys $((5*D + 50)) kudos --list bin
expect_out '^bin received 1 kudos and gave 0\.$'
expect_out ' from sys: Thanks for the notice \(about task:1\)$'
expect_rc 0 at $((5*D + 60)) members
expect_out 'TASKS KUDOS$'
expect_out '^[0-9]+ +bin +member +active +0 +0 +1 +0 +1 +1$'

# The log replays to the same tables.
expect_rc 0 at $((5*D + 70)) check
exit 0
