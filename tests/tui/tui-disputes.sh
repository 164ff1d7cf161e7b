#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Disputes on the screen, in-process as several local accounts: a member
# reports a proposal and one of its comments from the proposal view; a
# moderator sees the queue oldest first with ages and counts, keeps the
# disputes assigned to them, takes one, is told why they are recused
# from one about themselves, resolves one with a mute (a sanction typed
# wrong is refused and given back); the muted member is told so when
# they comment on a proposal, not in their dispute's thread; a dispute
# opened by another process appears in the queue without a keypress,
# with a status line saying who did it.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

for _u in daemon bin sys games; do
	grep -q "^$_u:" /etc/passwd || skip "no account $_u in /etc/passwd"
done

# as NAME SECONDS-AGO ARGS...: moot on $DB as the account NAME, with
# the clock that many seconds in the past.
NOW=$(date +%s)
as() {
	_as=$1
	_ago=$2
	shift 2
	env MOOT_EMBEDDED_AS="$_as" MOOT_EMBEDDED_NOW=$((NOW - _ago)) \
	    "$MOOT" -d "$DB" "$@" >"$T/out" 2>&1 ||
	    fail "moot $* as $_as: $(cat "$T/out")"
}

# The community: the caller leads, sys moderates; a proposal by daemon
# with a rude comment by bin; two disputes, three days and a day old.
cat >"$T/rules.ini" <<EOF
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
D=86400
env MOOT_EMBEDDED_NOW=$((NOW - 4 * D)) "$MOOT" -d "$DB" init --name Test \
    --rules "$T/rules.ini" >"$T/out" 2>&1 || fail "init: $(cat "$T/out")"
for _m in daemon bin sys games; do
	as "$_m" $((4 * D)) join --yes
done
env MOOT_EMBEDDED_NOW=$((NOW - 4 * D)) "$MOOT" -d "$DB" role sys moderator \
    >"$T/out" 2>&1 || fail "role: $(cat "$T/out")"
as daemon $((4 * D)) propose -t "Loud builds" -b "Build at night."
as bin $((4 * D)) comment 1 "You are all fools."
as daemon $((3 * D)) dispute open comment:1 "Insulting the members."
as bin $((1 * D)) dispute open member:sys "The moderator deletes my posts."

# --- A member reports the proposal, then its comment. -----------------
tui_start 80 24 NO_COLOR=1 MOOT_EMBEDDED_AS=games -- -d "$DB"
wait_for "Loud builds"
keys Enter
wait_row 1 "#1 Loud builds"
wait_row "$TUI_ROWS" "report"
keys '!'
wait_row "$TUI_ROWS" "report #1, reason:"
type_text "Spam, surely."
keys Enter
wait_row 23 "you reported #1: dispute #3 is open"
keys Tab
wait_row "$TUI_ROWS" "report comment"
keys '!'
wait_row "$TUI_ROWS" "report the comment, reason:"
type_text "Rude."
keys Enter
wait_row 23 "you reported a comment by bin on #1: dispute #4 is open"
# A second report of the same comment: the server's sentence, and the
# reason back on the last line.
keys '!'
wait_row "$TUI_ROWS" "report the comment, reason:"
type_text "Still rude."
keys Enter
wait_row 23 "you already have dispute #4 open about comment:1"
wait_row "$TUI_ROWS" "report the comment, reason: Still rude."
keys Escape
tui_quit Q
env MOOT_EMBEDDED_AS=sys "$MOOT" -d "$DB" dispute show 3 >"$T/out" 2>&1 ||
    fail "dispute show 3: $(cat "$T/out")"
grep -q 'Spam, surely' "$T/out" ||
    fail "dispute #3 is not the report: $(cat "$T/out")"

# --- The moderator's queue. --------------------------------------------
cat >"$T/editor" <<'ED'
#!/bin/sh
printf 'Insults are not allowed here.\n' >"$1"
ED
chmod +x "$T/editor"
tui_start 80 24 NO_COLOR=1 MOOT_EMBEDDED_AS=sys "EDITOR=$T/editor" -- -d "$DB"
wait_for "Loud builds"
keys 4
wait_row 1 "disputes"
wait_for "comment:1"
# Oldest first, with their ages; the counts in the header line.
row 4 | grep -q '^#1 .*open .*comment:1 .*daemon .*3d' ||
    fail "the oldest dispute is not first, or its age is not 3d: $(row 4)"
row 5 | grep -q '^#2 .*member:.*bin .*1d' ||
    fail "the second dispute is not #2 a day old: $(row 5)"
row 2 | grep -q 'open 4 .*assigned 0 .*yours 0' ||
    fail "the header's counts: $(row 2)"
# Only those assigned to me: none yet.
keys m
wait_for "no dispute is assigned to you"
wait_row 1 "disputes assigned to you"
keys m
wait_for "comment:1"
# The state filter: all, then active, then open.
keys f f
wait_row 2 "state: open"
keys f
wait_row 2 "state: assigned"
wait_gone "comment:1"
keys f f f f
wait_row 2 "state: all"
wait_for "comment:1"

# Taking #1.
keys g Enter
wait_row 1 "dispute #1"
wait_for "Dispute #1 about comment:1"
wait_for "opened by daemon [member]"
wait_for "Insulting the members."
wait_row "$TUI_ROWS" "take it"
keys a
wait_row 23 "you took dispute #1"
wait_for "moderator: sys"
wait_row "$TUI_ROWS" "resolve"
keys q
wait_row 2 "yours 1"
keys m
wait_row 1 "disputes assigned to you"
wait_gone "member:"
row 4 | grep -q '^#1 .*assigned .*sys' ||
    fail "#1 is not in the queue assigned to sys: $(row 4)"
keys m
wait_for "member:"

# #2 is about sys: taking it is a recusal, in the server's words.
keys g j Enter
wait_for "Dispute #2 about member:"
wait_for "the other party: sys [moderator]"
keys a
wait_row 23 "sys is a party to this dispute (it is about them), so is recused"
wait_for "no moderator yet"
keys q

# Resolving #1, upheld, with a mute: a sanction typed wrong is refused
# (here, then by the server) and given back.
keys g Enter
wait_for "Dispute #1 about comment:1"
keys R
wait_row "$TUI_ROWS" "upheld"
wait_row "$TUI_ROWS" "dismissed"
keys u
wait_row "$TUI_ROWS" "sanction (e.g. mute 7d; empty: none):"
type_text "mute forever"
keys Enter
wait_row 23 "a sanction is a kind (warn, mute, suspend) and a length"
wait_row "$TUI_ROWS" "sanction (e.g. mute 7d; empty: none): mute forever"
keys C-u
type_text "jail 7d"
keys Enter
wait_row 23 'sanction "jail" is not one of warn, mute, suspend'
wait_row "$TUI_ROWS" "sanction (e.g. mute 7d; empty: none): jail 7d"
keys C-u
type_text "mute 7d"
keys Enter
wait_row 23 "you resolved dispute #1: upheld"
wait_for "Insults are not allowed here."
wait_for "mute on bin until"
wait_for "in force"
wait_row "$TUI_ROWS" "lift sanction"

# Live: a dispute opened by another process appears in the queue.
keys q
wait_row 1 "disputes"
screen_lacks "#5 " || fail "a fifth dispute before it was opened"
row 2 | grep -q 'open 3 ' || fail "the open count is not 3: $(row 2)"
env MOOT_EMBEDDED_AS=daemon "$MOOT" -d "$DB" dispute open member:games \
    "Spams the list." >"$T/out" 2>&1 || fail "dispute open: $(cat "$T/out")"
wait_for "#5 "
wait_row 23 "daemon opened dispute #5"
wait_row 2 "open 4 "
tui_quit Q

# --- The muted member is told why they cannot comment. ----------------
cat >"$T/editor" <<'ED'
#!/bin/sh
printf 'Still fools.\n' >"$1"
ED
tui_start 80 24 NO_COLOR=1 MOOT_EMBEDDED_AS=bin "EDITOR=$T/editor" -- -d "$DB"
wait_for "Loud builds"
keys Enter
wait_row 1 "#1 Loud builds"
keys c
wait_row 23 "you are muted until"
row 23 | grep -q 'dispute #1' ||
    fail "the refusal does not name the dispute: $(row 23)"
# bin's own dispute: the outcome, the sanction, and the appeal offered.
keys 4
wait_for "comment:1"
keys g Enter
wait_for "Dispute #1 about comment:1"
wait_for "upheld by sys"
wait_row "$TUI_ROWS" "appeal"
# Its own dispute's thread is open to the muted member.
wait_for "Thread (0)"
keys c
wait_row 23 "you commented on dispute #1"
wait_for "Thread (1)"
wait_for "Still fools."
tui_quit Q
env MOOT_EMBEDDED_AS=bin "$MOOT" -d "$DB" show 1 >"$T/out" 2>&1
grep -q 'Still fools' "$T/out" && fail "the muted member's comment was written"
"$MOOT" -d "$DB" verify >"$T/out" 2>&1 || fail "verify: $(cat "$T/out")"
exit 0
