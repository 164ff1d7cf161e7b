#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# mootd closes votes on time with nobody connected.
#
# Durations are at least a minute (moot-rules(5)) and mootd has no clock
# to move, so the votes are made in the past with the embedded CLI,
# whose clock MOOT_EMBEDDED_NOW fixes (moot(1)):
#
#  * vote 1 opened 36 h ago under a 1-day rule: overdue when mootd
#    starts; mootd closes it at start (the catch-up), as moot itself;
#  * vote 2 opened 1 day minus a few seconds ago: due a few seconds after
#    mootd starts; its deadline timer closes it, with no client connected.
#
# A vote opened "now" with a deadline seconds ahead cannot be made
# (duration >= 60 s) and is not tested. Nobody connects to mootd while
# it should close the votes (a hello settles what fell due, which would
# hide a missing timer): the log is read from the file, with the
# embedded CLI at a fixed time before either deadline, so that reading
# settles nothing itself. Runs as any user.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

NOW=$(date +%s)
D=86400
LEAD=6			# vote 2 falls due this long after setup
A=$((NOW - D - D / 2))	# vote 1: opened at A + 10, due at A + 10 + D
B=$((NOW - D + LEAD))	# vote 2: opened at B, due at B + D = NOW + LEAD

at() {
	_at=$1
	shift
	env MOOT_EMBEDDED_NOW="$_at" "$MOOT" -d "$DB" "$@"
}

rules_file "$T/rules.ini" 1d
at "$A" init --name Test --leader "$ME" --rules "$T/rules.ini" \
    >/dev/null 2>"$T/err" || fail "init: $(cat "$T/err")"
at "$A" propose -t "Overdue" -b "one" >/dev/null 2>"$T/err" ||
    fail "propose 1: $(cat "$T/err")"
at $((A + 10)) open-vote 1 >/dev/null 2>"$T/err" ||
    fail "open-vote 1: $(cat "$T/err")"
at $((A + 20)) vote 1 yes >/dev/null 2>"$T/err" || fail "vote 1: $(cat "$T/err")"
at "$B" propose -t "Due soon" -b "two" >/dev/null 2>"$T/err" ||
    fail "propose 2: $(cat "$T/err")"
at "$B" open-vote 2 >/dev/null 2>"$T/err" || fail "open-vote 2: $(cat "$T/err")"
at "$B" --json log --type vote. >"$T/out" 2>"$T/err" || fail "log"
[ "$(grep -c vote.closed "$T/out")" -eq 0 ] ||
    fail "a vote closed before mootd ran: $(cat "$T/out")"

# closed N: the log (read at B, before both deadlines) has N vote.closed
# events, each by moot itself.
closed() {
	at "$B" --json log --type vote.closed >"$T/closed" 2>/dev/null &&
	[ "$(grep -c '"type":"vote.closed"' "$T/closed")" -ge "$1" ]
}

start_mootd
# The catch-up at start: vote 1, within 5 s, not vote 2.
wait_until 5 closed 1 || fail "vote 1 was not closed at start"
grep -q '"ref":"proposal:1"' "$T/closed" || fail "$(cat "$T/closed")"
grep -q '"ref":"proposal:2"' "$T/closed" &&
    [ "$(date +%s)" -lt $((NOW + LEAD)) ] &&
    fail "vote 2 closed before its deadline"
grep -q '"actor":{"uid":4294967295,"name":"moot"},"type":"vote.closed","ref":"proposal:1"' \
    "$T/closed" || fail "vote 1 not closed by moot: $(cat "$T/closed")"
grep -q '"outcome":"passed"' "$T/closed" || fail "vote 1: $(cat "$T/closed")"

# The timer: vote 2 closes LEAD s after setup, give or take; 10 s more.
wait_until $((LEAD + 10)) closed 2 ||
    fail "vote 2 was not closed by its deadline timer"
[ "$(date +%s)" -ge $((NOW + LEAD)) ] || fail "vote 2 closed early"
grep -q '"actor":{"uid":4294967295,"name":"moot"},"type":"vote.closed","ref":"proposal:2"' \
    "$T/closed" || fail "vote 2 not closed by moot: $(cat "$T/closed")"
# No ballots, no quorum asked: rejected (more yes than no fails).
grep '"ref":"proposal:2"' "$T/closed" | grep -q '"outcome":"rejected"' ||
    fail "vote 2: $(cat "$T/closed")"

# Once each: a restart closes nothing again.
stop_mootd
start_mootd
sleep 0.5
closed 2 || fail "log unreadable"
[ "$(grep -c '"type":"vote.closed"' "$T/closed")" -eq 2 ] ||
    fail "votes closed twice: $(cat "$T/closed")"
stop_mootd
moot -d "$DB" verify >"$T/out" 2>&1 || fail "moot verify: $(cat "$T/out")"
exit 0
