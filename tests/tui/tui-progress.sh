#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Progress and kudos through mootd, without colour at 80x24: the
# progress view shows the initiative with its bar, its percentage and
# its overdue count; the board shows its tasks by status with the
# overdue one marked "!"; taking a task someone has refused with the
# server's sentence, taking a free one, setting its progress on the
# bottom line and adding a task work from the screen; a task update
# from another client moves the bar without a keypress; the timeline
# lists the events. From the members view: kudos with a note, the
# kudos column, the list of a member's kudos, and kudos from another
# client on the status line.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

for _u in daemon bin sys; do
	grep -q "^$_u:" /etc/passwd || skip "no account $_u in /etc/passwd"
done

# The community, built in the past (mootd then runs on the real clock):
# a passed motion with three tasks, the first due long ago.
D=86400
T0=$(($(date +%s) - 10 * D))
# as_at NAME SECONDS ARGS...: moot as NAME at T0 + SECONDS ("" is us).
as_at() {
	_as=$1
	_at=$2
	shift 2
	env MOOT_EMBEDDED_AS="$_as" MOOT_EMBEDDED_NOW=$((T0 + _at)) \
	    "$MOOT" -d "$DB" "$@" >"$T/out" 2>&1 ||
	    fail "moot $*: $(cat "$T/out")"
}
at() {
	as_at "" "$@"
}
at 0 init --name Test
for _m in daemon bin sys; do
	as_at "$_m" 1 join --yes
done
as_at daemon 10 propose -t "Quiet hours" -b "No builds at night."
as_at daemon $((2*D + 100)) open-vote 1
for _m in daemon bin sys; do
	as_at "$_m" $((2*D + 200)) vote 1 yes
done
as_at daemon $((2*D + 300)) show 1
grep -q 'closed motion' "$T/out" || fail "#1 did not pass: $(cat "$T/out")"
as_at daemon $((3*D + 10)) task add 1 "Write the notice" --due 1d
as_at daemon $((3*D + 20)) task add 1 "Buy a sign"
as_at daemon $((3*D + 30)) task add 1 "Tell the neighbours"
as_at bin $((3*D + 40)) task take 1
as_at sys $((3*D + 50)) task take 3
as_at sys $((3*D + 60)) task update 3 --status blocked --progress 30

start_mootd
tui_start 80 24 NO_COLOR=1 -- -s "$SOCK"
keys 5
wait_row 1 "| progress"
# (0 + 0 + 30) / 3 = 10%: 2 of the bar's 20 cells.
wait_for "Quiet hours"
screen | grep -Eq '^#1 +Quiet hours +\[##\.{18}\] +10% +0/3 +!1 overdue' ||
    fail "the initiative's row has no bar, 10%, 0/3 and !1 overdue"
row 22 | grep -q '10% of 3 tasks; 2 todo, 0 doing, 1 blocked, 0 done; 1 overdue' ||
    fail "the line below the list does not count by status: $(row 22)"

# The board: four columns, the overdue task marked.
keys Enter
wait_row 1 "| #1 Quiet hours"
wait_for "todo (2)"
screen | grep -q '^todo (2) *|doing (0) *|blocked (1) *|done (0)' ||
    fail "the board does not show the four statuses side by side"
screen | grep -q '^!1 Write the notice' ||
    fail "the overdue task is not marked with !"
screen | grep -Eq '^ bin 0% due [0-9]{2}-[0-9]{2}' ||
    fail "the overdue task does not show its owner, progress and due date"
screen | grep -q '|#3 Tell the neighb' ||
    fail "the blocked task is not on the board"
wait_for "(OVERDUE)"

# Taking bin's task: the server's sentence.
keys t
wait_row 23 "task 1 is already taken by bin"
# Taking the free one.
keys j
wait_for "task 2: Buy a sign"
keys t
wait_row 23 "you took task 2"
wait_for "owner $ME"
# Its progress on the bottom line: a refused value comes back.
keys %
wait_row 24 "progress of task 2 (0-100): 0"
keys C-u
type_text "150"
keys Enter
wait_row 23 "progress is a whole number from 0 to 100"
wait_row 24 "progress of task 2 (0-100): 150"
keys C-u
type_text "60"
keys Enter
wait_row 23 "task 2 is doing, 60% done"
# (0 + 60 + 30) / 3 = 30%.
wait_for " 30%"
screen | grep -q 'doing (1)' || fail "task 2 did not move to doing"

# Another client: the bar moves without a keypress.
moot -s "$SOCK" task update 2 --progress 90 >"$T/out" 2>&1 ||
    fail "task update through mootd: $(cat "$T/out")"
wait_for " 40%"
wait_row 23 "$ME updated task 2 of #1"

# The timeline.
keys T
wait_for "Timeline (oldest first)"
screen | grep -q 'bin  *took task 1' || fail "the timeline lacks bin's take"
screen | grep -q "$ME  *updated task 2, doing 90%" ||
    fail "the timeline lacks the update"
keys T
wait_for "todo (1)"

# Adding a task.
keys a
wait_row 24 "new task for #1, title:"
type_text "Order paint"
keys Enter
wait_row 23 "you added task 4 to #1"
wait_for "Order paint"
moot -s "$SOCK" task list 1 >"$T/out" 2>&1
grep -q 'Order paint' "$T/out" || fail "task 4 is not on the server"

# Back in the list, the bar is the server's: (0 + 90 + 30 + 0) / 4.
keys q
wait_for "Quiet hours"
screen | grep -Eq '^#1 +Quiet hours +\[#{6}\.{14}\] +30% +0/4' ||
    fail "the list did not follow the changes"

# Kudos from the members view.
keys 2
wait_row 1 "| members"
wait_for "kudos"
screen | grep -Eq 'tasks +kudos +resolved' ||
    fail "the members view lacks the tasks, kudos and resolved columns"
keys j j
wait_selected "bin "
keys K
wait_row 24 "kudos to bin, note:"
type_text "Thanks for the notice"
keys Enter
wait_row 23 "you gave kudos to bin"
# Kudos to oneself: refused, the note given back.
keys g
wait_selected "$ME "
keys K
type_text "Me"
keys Enter
wait_row 23 "you cannot give them to yourself"
wait_row 24 "kudos to $ME, note: Me"
keys Escape
keys j j
wait_selected "bin "
keys l
wait_row 1 "| kudos to bin"
wait_for "bin received 1 kudos and gave 0"
screen | grep -q "$ME  *Thanks for the notice" ||
    fail "the kudos list lacks the note"
# From another client: the status line says who gave whom.
moot -s "$SOCK" kudos daemon "Good motion" >"$T/out" 2>&1 ||
    fail "kudos through mootd: $(cat "$T/out")"
wait_row 23 "$ME gave kudos to daemon"
tui_quit Q
exit 0
