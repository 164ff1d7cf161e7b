# SPDX-License-Identifier: GPL-3.0-or-later
#
# lib.sh: helpers for the mootd scenarios in tests/server, sourced by each.
#
# Each scenario runs in a private temporary directory $T (mode 0755, so
# that test accounts reach the socket), with the database in $T/db and
# the socket in $T/run/mootd.sock: both directories 0755 and ours, as
# mootd demands. Every wait is bounded; the daemon, the test accounts and
# $T go away at exit, however the script ends.
#
# The harness exports MOOT, PYTHON3, top_srcdir and top_builddir; MOOTD
# defaults to the mootd next to MOOT.
#
#	fail MESSAGE / skip REASON	exit 1 / exit 77
#	need_root			skip unless root (test accounts)
#	account NAME			create a test account (removed at exit)
#	as_user NAME CMD...		run CMD as NAME
#	py ARGS...			$PYTHON3 with client.py importable
#	client ARGS...			client.py -s $SOCK ARGS, as the caller
#	as_client NAME ARGS...		the same as NAME
#	as_py NAME ARGS...		python3 as NAME
#	rules_file FILE DURATION	a rules file with one rule, quick:
#					yesno, discussion 0, results live
#	limits_file FILE KEY=VALUE...	a moot.conf with those [limits]
#	start_mootd [CONFIG]		start mootd, wait for its socket
#	stop_mootd			SIGTERM, wait (bounded), check exit 0
#	kill9_mootd			SIGKILL, reap
#	wait_until SECONDS CMD...	poll CMD until it succeeds or time's up

set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${MOOT:=$top_builddir/src/moot}"
: "${MOOTD:=$(dirname "$MOOT")/mootd}"
: "${PYTHON3=$(command -v python3 2>/dev/null || true)}"

test_name=$(basename "$0" .sh)
MOOTD_PID=
ACCOUNTS=

fail() {
	echo "FAIL $test_name: $*" >&2
	if [ -n "${T:-}" ] && [ -s "$T/mootd.log" ]; then
		echo "--- mootd log (last 30 lines):" >&2
		tail -n 30 "$T/mootd.log" | sed 's/^/  /' >&2
	fi
	exit 1
}

skip() {
	echo "SKIP $test_name: $*" >&2
	exit 77
}

cleanup() {
	if [ -n "$MOOTD_PID" ]; then
		kill -9 "$MOOTD_PID" 2>/dev/null
		wait "$MOOTD_PID" 2>/dev/null
	fi
	for _a in $ACCOUNTS; do
		userdel "$_a" >/dev/null 2>&1
	done
	[ -n "${T:-}" ] && rm -rf "$T"
}

[ -x "$MOOT" ] || fail "no moot binary at $MOOT"
[ -x "$MOOTD" ] || fail "no mootd binary at $MOOTD"
[ -n "$PYTHON3" ] && command -v "$PYTHON3" >/dev/null 2>&1 ||
    skip "PYTHON3 is not set or not found"

T=$(mktemp -d "${TMPDIR:-/tmp}/moot-server-$test_name.XXXXXX") ||
    fail "cannot make a temporary directory"
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
chmod 0755 "$T"
mkdir -m 0755 "$T/db" "$T/run" "$T/home" "$T/tmp"
# Test accounts run the client from here, not from the source tree.
cp "$top_srcdir/tests/server/client.py" "$T/client.py"
chmod 0644 "$T/client.py"
cd "$T" || fail "cannot enter $T"

HOME=$T/home
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
TMPDIR=$T/tmp
PYTHONDONTWRITEBYTECODE=1
export HOME XDG_DATA_HOME XDG_CONFIG_HOME TMPDIR PYTHONDONTWRITEBYTECODE
unset MOOT_EMBEDDED_AS MOOT_EMBEDDED_NOW VISUAL EDITOR || true
MOOT_SYSTEM_CONFIG=$T/none.conf
export MOOT_SYSTEM_CONFIG
LC_ALL=C.UTF-8
export LC_ALL

DB=$T/db/moot.db
SOCK=$T/run/mootd.sock
ME=$(id -un)

moot() {
	"$MOOT" "$@"
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "not root: cannot create test accounts"
	command -v useradd >/dev/null 2>&1 || skip "no useradd"
	command -v userdel >/dev/null 2>&1 || skip "no userdel"
	command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
}

# account NAME: a fresh local account for this test. One left over from
# an earlier run that was killed is ours (its comment says so) and goes.
account() {
	if getent passwd "$1" >/dev/null 2>&1; then
		getent passwd "$1" | cut -d: -f5 | grep -q '^moot test account$' ||
		    skip "account $1 exists and is not a test account"
		userdel "$1" >/dev/null 2>&1 || fail "cannot remove stale $1"
	fi
	useradd --no-create-home --shell /usr/sbin/nologin \
	    -c 'moot test account' "$1" >/dev/null 2>&1 ||
	    fail "useradd $1 failed"
	ACCOUNTS="$ACCOUNTS $1"
}

as_user() {
	_who=$1
	shift
	setpriv --reuid="$_who" --regid="$_who" --init-groups \
	    env HOME=/ "$@"
}

py() {
	PYTHONPATH=$T "$PYTHON3" "$@"
}

client() {
	"$PYTHON3" "$T/client.py" -s "$SOCK" "$@"
}

# user_python NAME: set PYUSER to a python3 that NAME can run ($PYTHON3
# may live under root's home, as a pyenv shim does); skip if none.
PYUSER=
user_python() {
	[ -z "$PYUSER" ] || return 0
	for _p in "$("$PYTHON3" -c 'import sys; print(sys.executable)')" \
	    /usr/bin/python3 /usr/local/bin/python3 /bin/python3; do
		if [ -x "$_p" ] && as_user "$1" "$_p" -c 'import json, select' \
		    >/dev/null 2>&1; then
			PYUSER=$_p
			return 0
		fi
	done
	skip "no python3 that a test account can run"
}

as_client() {
	_who=$1
	shift
	user_python "$_who"
	as_user "$_who" "$PYUSER" "$T/client.py" -s "$SOCK" "$@"
}

# as_py NAME ARGS...: python3 as NAME, in $T (client.py importable).
as_py() {
	_who=$1
	shift
	user_python "$_who"
	as_user "$_who" "$PYUSER" "$@"
}

# rules_file FILE DURATION: one yes/no rule for motions and amendments,
# with no discussion time and the count visible live.
rules_file() {
	cat >"$1" <<EOF
[governance]
motions = quick
amendments = quick
[quick]
method = yesno
duration = $2
discussion = 0
results = live
EOF
}

# limits_file FILE KEY=VALUE...: a moot.conf holding just [limits].
limits_file() {
	_f=$1
	shift
	echo '[limits]' >"$_f"
	for _kv in "$@"; do
		echo "${_kv%%=*} = ${_kv#*=}" >>"$_f"
	done
}

wait_until() {
	_secs=$1
	shift
	_end=$(($(date +%s) + _secs))
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$_end" ] || return 1
		sleep 0.05
	done
	return 0
}

# sock_up: something accepts connections on $SOCK (nothing is sent).
sock_up() {
	"$PYTHON3" -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])' "$SOCK" 2>/dev/null
}

# alive PID: the process runs (a zombie, exited and not yet reaped, does
# not count).
alive() {
	[ -r "/proc/$1/stat" ] || return 1
	! sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'
}

# start_mootd [CONFIG]: start mootd in the background, logging to
# $T/mootd.log, and wait (10 s at most) until it accepts. It says
# nothing: a hello settles what fell due, which deadline.sh wants to see
# the daemon do on its own.
start_mootd() {
	if [ $# -gt 0 ]; then
		"$MOOTD" -v -d "$DB" -s "$SOCK" -c "$1" >>"$T/mootd.log" 2>&1 &
	else
		"$MOOTD" -v -d "$DB" -s "$SOCK" -c "$T/none.conf" \
		    >>"$T/mootd.log" 2>&1 &
	fi
	MOOTD_PID=$!
	_end=$(($(date +%s) + 10))
	until [ -S "$SOCK" ] && sock_up; do
		alive "$MOOTD_PID" || fail "mootd exited at start"
		[ "$(date +%s)" -lt "$_end" ] || fail "mootd did not listen"
		sleep 0.05
	done
}

# stop_mootd [SECONDS]: SIGTERM; mootd must exit 0 within SECONDS (6).
stop_mootd() {
	[ -n "$MOOTD_PID" ] || return 0
	kill -TERM "$MOOTD_PID" 2>/dev/null
	_end=$(($(date +%s) + ${1:-6}))
	while alive "$MOOTD_PID"; do
		if [ "$(date +%s)" -ge "$_end" ]; then
			kill -9 "$MOOTD_PID" 2>/dev/null
			wait "$MOOTD_PID" 2>/dev/null
			MOOTD_PID=
			fail "mootd did not stop within ${1:-6} s of SIGTERM"
		fi
		sleep 0.05
	done
	_rc=0
	wait "$MOOTD_PID" || _rc=$?
	MOOTD_PID=
	[ "$_rc" -eq 0 ] || fail "mootd exited $_rc after SIGTERM"
}

kill9_mootd() {
	[ -n "$MOOTD_PID" ] || return 0
	kill -9 "$MOOTD_PID" 2>/dev/null
	wait "$MOOTD_PID" 2>/dev/null
	MOOTD_PID=
}

# The config files the daemon reads (none.conf: no limits at all).
: >"$T/none.conf"
