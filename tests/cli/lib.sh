# SPDX-License-Identifier: GPL-3.0-or-later
#
# lib.sh: helpers for the scenario tests in tests/cli, sourced by each.
#
# Every test runs in a private temporary directory, with HOME and the XDG
# variables pointing into it, so nothing reads or writes the real home.
# The harness exports MOOT (the moot binary) and top_srcdir; both have
# defaults relative to this directory. PYTHON3 and SQLITE3 name optional
# tools; a test that needs one missing exits 77 through need().
#
#	moot ARGS...		run $MOOT
#	as NAME ARGS...		run $MOOT as the local account NAME
#	at S ARGS...		run $MOOT -d $DB at time T0 + S
#	as_at NAME S ARGS...	both
#	expect_rc RC CMD...	run CMD, keep stdout in $T/out and stderr in
#				$T/err, fail unless it exits RC
#	expect_failure CMD...	the same, for any nonzero exit
#	expect_out PATTERN	fail unless $T/out matches (grep -E)
#	expect_err PATTERN	fail unless $T/err matches (grep -E)
#	refute_out PATTERN	fail if $T/out matches
#	fail MESSAGE		report and exit 1
#	skip REASON		report and exit 77

set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MOOT:=$top_srcdir/src/moot}"
: "${PYTHON3=$(command -v python3 2>/dev/null || true)}"
: "${SQLITE3=$(command -v sqlite3 2>/dev/null || true)}"

test_name=$(basename "$0" .sh)

fail() {
	echo "FAIL $test_name: $*" >&2
	if [ -n "${T:-}" ] && [ -f "$T/out" ]; then
		echo "--- stdout:" >&2
		sed 's/^/  /' "$T/out" >&2
		echo "--- stderr:" >&2
		sed 's/^/  /' "$T/err" >&2
	fi
	exit 1
}

skip() {
	echo "SKIP $test_name: $*" >&2
	exit 77
}

[ -x "$MOOT" ] || fail "no moot binary at $MOOT"

T=$(mktemp -d "${TMPDIR:-/tmp}/moot-cli-$test_name.XXXXXX") ||
    fail "cannot make a temporary directory"
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

HOME=$T/home
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
XDG_RUNTIME_DIR=$T/run
TMPDIR=$T/tmp
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" \
    "$TMPDIR"
chmod 700 "$XDG_RUNTIME_DIR"
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR TMPDIR
unset MOOT_EMBEDDED_AS MOOT_EMBEDDED_NOW MOOT_SOCKET VISUAL EDITOR \
    MOOT_SYSTEM_CONFIG || true
LC_ALL=C.UTF-8
export LC_ALL

DB=$T/moot.db
: >"$T/out"
: >"$T/err"

moot() {
	"$MOOT" "$@"
}

# Votes need time to pass: the embedded server's clock is fixed per
# command by MOOT_EMBEDDED_NOW, at T0 plus an offset; it only moves
# forward within a test.
T0=2000000000
D=86400
# The account running the test (the leader `community` makes).
ME=$(id -un)

# at SECONDS ARGS...: run moot on $DB at T0 + SECONDS, as the caller.
at() {
	_at=$1
	shift
	env MOOT_EMBEDDED_NOW=$((T0 + _at)) "$MOOT" -d "$DB" "$@"
}

# as_at NAME SECONDS ARGS...: the same, as the local account NAME.
as_at() {
	_as=$1
	_at=$2
	shift 2
	env MOOT_EMBEDDED_AS="$_as" MOOT_EMBEDDED_NOW=$((T0 + _at)) \
	    "$MOOT" -d "$DB" "$@"
}

# as NAME ARGS...: run moot ARGS as the local account NAME.
as() {
	_as=$1
	shift
	env MOOT_EMBEDDED_AS="$_as" "$MOOT" "$@"
}

# A few system accounts every Debian has; the tests act as them.
for _u in daemon bin sys games; do
	grep -q "^$_u:" /etc/passwd || skip "no account $_u in /etc/passwd"
done

expect_rc() {
	_want=$1
	shift
	_rc=0
	"$@" >"$T/out" 2>"$T/err" || _rc=$?
	[ "$_rc" -eq "$_want" ] ||
	    fail "\`$*\` exited $_rc, expected $_want"
}

# expect_failure CMD...: like expect_rc, for any nonzero status.
expect_failure() {
	_rc=0
	"$@" >"$T/out" 2>"$T/err" || _rc=$?
	[ "$_rc" -ne 0 ] || fail "\`$*\` succeeded, expected a failure"
}

expect_out() {
	grep -Eq -- "$1" "$T/out" || fail "stdout does not match /$1/"
}

expect_err() {
	grep -Eq -- "$1" "$T/err" || fail "stderr does not match /$1/"
}

refute_out() {
	! grep -Eq -- "$1" "$T/out" || fail "stdout matches /$1/"
}

# need VAR: skip unless the tool named by $VAR is set and runs.
need() {
	eval "_tool=\${$1:-}"
	[ -n "$_tool" ] || skip "$1 is not set (the tool is missing)"
	command -v "$_tool" >/dev/null 2>&1 || skip "$1=$_tool is not found"
}

# community [ARGS]: a fresh community in $DB led by the caller.
community() {
	expect_rc 0 moot -d "$DB" init --name Test "$@"
}

# member NAME...: each joins $DB.
member() {
	for _m in "$@"; do
		expect_rc 0 as "$_m" -d "$DB" join --yes
	done
}
