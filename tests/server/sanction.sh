#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# mootd lifts a sanction at its expiry with nobody connected.
#
# As in deadline.sh, sanctions last at least a minute and mootd has no
# clock to move, so the dispute is resolved in the past with the
# embedded CLI, whose clock MOOT_EMBEDDED_NOW fixes: a mute for one
# minute, imposed a minute minus a few seconds ago, falls due a few
# seconds after mootd starts, and only its timer can lift it. The log is
# read with the embedded CLI at a time before the expiry, so that reading
# settles nothing itself. MOOT_EMBEDDED_AS acts as the local accounts
# daemon and bin (embedded mode only); runs as any user.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/server/lib.sh"

for _u in daemon bin; do
	grep -q "^$_u:" /etc/passwd || skip "no account $_u in /etc/passwd"
done

NOW=$(date +%s)
LEAD=6			# the mute ends this long after setup
S=$((NOW - 60 + LEAD))	# imposed at S, for a minute

at() {
	_at=$1
	shift
	env MOOT_EMBEDDED_NOW="$_at" "$MOOT" -d "$DB" "$@"
}
as_at() {
	_as=$1
	_at=$2
	shift 2
	env MOOT_EMBEDDED_AS="$_as" MOOT_EMBEDDED_NOW="$_at" "$MOOT" -d "$DB" \
	    "$@"
}
run() {
	"$@" >/dev/null 2>"$T/err" || fail "$*: $(cat "$T/err")"
}

run at $((S - 100)) init --name Test --leader "$ME"
run as_at daemon $((S - 90)) join --yes
run as_at bin $((S - 80)) join --yes
run as_at bin $((S - 70)) dispute open member:daemon "Shouting."
run at $((S - 60)) dispute assign 1
run at "$S" dispute resolve 1 upheld "No shouting." --sanction mute --for 1m
as_at daemon "$S" propose -t "Muted" -b "x" >/dev/null 2>"$T/err" &&
    fail "a muted member proposed"
grep -q 'you are muted until' "$T/err" || fail "$(cat "$T/err")"

# expired N: the log, read at S (before the expiry), has N expiries.
expired() {
	at "$S" --json log --type sanction.expired >"$T/log" 2>/dev/null &&
	[ "$(grep -c '"type":"sanction.expired"' "$T/log")" -ge "$1" ]
}

start_mootd
sleep 1
expired 0 || fail "log unreadable"
[ "$(grep -c '"type":"sanction.expired"' "$T/log")" -eq 0 ] ||
    fail "the mute was lifted before its time"
wait_until $((LEAD + 10)) expired 1 ||
    fail "the mute was not lifted by its timer"
[ "$(date +%s)" -ge $((NOW + LEAD)) ] || fail "the mute was lifted early"
grep -q '"actor":{"uid":4294967295,"name":"moot"},"type":"sanction.expired","ref":"sanction:1"' \
    "$T/log" || fail "not lifted by moot: $(cat "$T/log")"
stop_mootd

# daemon posts again; the log verifies.
run as_at daemon $((NOW + 60)) propose -t "Back" -b "x"
moot -d "$DB" verify >"$T/out" 2>&1 || fail "moot verify: $(cat "$T/out")"
exit 0
