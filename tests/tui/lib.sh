# SPDX-License-Identifier: GPL-3.0-or-later
#
# lib.sh: helpers for the full-screen interface tests in tests/tui,
# sourced by each.
#
# Each test runs moot in a pane of its own tmux server (tmux -L NAME -f
# /dev/null, NAME unique per test and process), at a fixed size, with no
# status bar, so that the pane is the whole window. Every wait polls the
# screen every 50 ms until it matches or a deadline passes (10 s unless
# told); on a timeout the screen is printed and the test fails. The tmux
# server, mootd and $T go away at exit, however the script ends.
#
# The harness exports MOOT, MOOTD, SQLITE3 and top_srcdir; they have
# defaults relative to this directory.
#
#	fail MESSAGE / skip REASON	exit 1 / exit 77
#	demo_db [FILE]			the demo community in FILE ($DB)
#	tui_start COLS ROWS [VAR=VALUE...] [-- MOOT-ARGS...]
#					a new tmux server and moot in its
#					pane (TERM xterm-256color unless a
#					VAR says; stderr in $T/stderr)
#	tui_wait_exit [SECS]		wait for moot to exit; its status in
#					$TUI_RC; a sanitizer report fails
#	tui_quit [KEYS...]		send KEYS (q), expect exit status 0
#	tm ARGS...			tmux on the private server
#	keys KEY...			tmux send-keys (tmux key names)
#	type_text TEXT			send TEXT literally
#	resize COLS ROWS		resize the window (and the pane)
#	screen / screen_e		the pane as text / with attributes
#	row N				line N of the screen (1 is the top)
#	status_row / hints_row		the status line / the bottom line
#	selected			the body row in reverse video (the
#					cursor; only without colour: start
#					with NO_COLOR=1)
#	wait_for TEXT [SECS]		until the screen contains TEXT
#	wait_gone TEXT [SECS]		until it no longer does
#	wait_row N TEXT [SECS]		until row N contains TEXT
#	wait_selected TEXT [SECS]	until the cursor's row contains TEXT
#	wait_until SECS CMD...		until CMD succeeds
#	start_mootd / kill_mootd	mootd on $SOCK with $DB, as the caller

set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${MOOT:=$top_builddir/src/moot}"
: "${MOOTD:=$(dirname "$MOOT")/mootd}"
: "${SQLITE3=$(command -v sqlite3 2>/dev/null || true)}"

test_name=$(basename "$0" .sh)
TUI_SERVER=moot-tui-$test_name-$$
TUI_COLS=80
TUI_ROWS=24
TUI_RC=
MOOTD_PID=

skip() {
	echo "SKIP $test_name: $*" >&2
	exit 77
}

fail() {
	echo "FAIL $test_name: $*" >&2
	if tm has-session 2>/dev/null; then
		echo "--- screen (${TUI_COLS}x$TUI_ROWS):" >&2
		tm capture-pane -p 2>/dev/null | sed 's/^/  |/' >&2
	fi
	if [ -n "${T:-}" ] && [ -s "$T/stderr" ]; then
		echo "--- moot's stderr:" >&2
		sed 's/^/  /' "$T/stderr" >&2
	fi
	if [ -n "${T:-}" ] && [ -s "$T/mootd.log" ]; then
		echo "--- mootd log (last 20 lines):" >&2
		tail -n 20 "$T/mootd.log" | sed 's/^/  /' >&2
	fi
	exit 1
}

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
[ -x "$MOOT" ] || fail "no moot binary at $MOOT"

tm() {
	tmux -L "$TUI_SERVER" -f /dev/null "$@"
}

# The server's socket file, removed at exit (kill-server leaves it).
TUI_SOCKET=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SERVER

cleanup() {
	tm kill-server >/dev/null 2>&1
	[ -S "$TUI_SOCKET" ] && rm -f "$TUI_SOCKET"
	if [ -n "$MOOTD_PID" ]; then
		kill -9 "$MOOTD_PID" 2>/dev/null
		wait "$MOOTD_PID" 2>/dev/null
	fi
	[ -n "${T:-}" ] && rm -rf "$T"
}

T=$(mktemp -d "${TMPDIR:-/tmp}/moot-tui-$test_name.XXXXXX") ||
    fail "cannot make a temporary directory"
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
chmod 700 "$T"
mkdir -m 700 "$T/home" "$T/tmp" "$T/run"

# A tmux client inside another tmux must not talk to the outer server.
unset TMUX TMUX_PANE || true
HOME=$T/home
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
XDG_RUNTIME_DIR=$T/run
TMPDIR=$T/tmp
MOOT_SYSTEM_CONFIG=$T/none.conf
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR TMPDIR \
    MOOT_SYSTEM_CONFIG
unset MOOT_EMBEDDED_AS MOOT_EMBEDDED_NOW MOOT_SOCKET MOOT_TUI_SCRIPT \
    MOOT_TUI_TRACE VISUAL EDITOR NO_COLOR || true
LC_ALL=C.UTF-8
export LC_ALL
: >"$T/none.conf"

DB=$T/moot.db
SOCK=$T/run/mootd.sock
ME=$(id -un)

moot() {
	"$MOOT" "$@"
}

# demo_db [FILE]: the demo community, built in FILE ($DB) and kept.
demo_db() {
	"$MOOT" -d "${1:-$DB}" --demo status >"$T/demo.out" 2>&1 ||
	    fail "moot --demo: $(cat "$T/demo.out")"
}

# A word quoted for sh.
tui_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# tui_start COLS ROWS [VAR=VALUE...] [-- MOOT-ARGS...]: a fresh tmux
# server whose one pane runs moot with that environment; the pane stays
# after moot exits, which writes its status to $T/rc.
tui_start() {
	TUI_COLS=$1
	TUI_ROWS=$2
	shift 2
	tm kill-server >/dev/null 2>&1
	rm -f "$T/rc" "$T/stderr"
	{
		echo "cd $(tui_quote "$T") || exit 1"
		echo "TERM=xterm-256color; export TERM"
		echo "unset NO_COLOR VISUAL EDITOR COLUMNS LINES"
		while [ $# -gt 0 ] && [ "$1" != -- ]; do
			echo "export $(tui_quote "$1")"
			shift
		done
		[ $# -gt 0 ] && shift
		printf '%s' "$(tui_quote "$MOOT")"
		for _a in "$@"; do
			printf ' %s' "$(tui_quote "$_a")"
		done
		echo " 2>$(tui_quote "$T/stderr")"
		echo "echo \$? >$(tui_quote "$T/rc.tmp")"
		echo "mv $(tui_quote "$T/rc.tmp") $(tui_quote "$T/rc")"
	} >"$T/pane.sh"
	tm start-server \; set -g exit-empty off \; set -g status off \; \
	    set -g remain-on-exit on \; set -g set-clipboard on \; \
	    set -g history-limit 0 \; \
	    new-session -d -x "$TUI_COLS" -y "$TUI_ROWS" "sh $T/pane.sh" ||
	    fail "cannot start tmux"
	TUI_SOCKET=$(tm display -p '#{socket_path}')
	_size=$(tm display -p '#{pane_width}x#{pane_height}')
	[ "$_size" = "${TUI_COLS}x$TUI_ROWS" ] ||
	    fail "the pane is $_size, not ${TUI_COLS}x$TUI_ROWS"
}

# tui_wait_exit [SECS]: moot has exited; its status in $TUI_RC.
tui_wait_exit() {
	wait_until "${1:-10}" test -f "$T/rc" ||
	    fail "moot did not exit within ${1:-10} s"
	TUI_RC=$(cat "$T/rc")
	# Under --enable-sanitizers: any report is a failure.
	! grep -Eq 'Sanitizer|runtime error:' "$T/stderr" 2>/dev/null ||
	    fail "a sanitizer report (exit status $TUI_RC)"
}

# tui_quit [KEYS...]: leave with KEYS (q); moot must exit 0.
tui_quit() {
	[ $# -gt 0 ] || set -- q
	keys "$@"
	tui_wait_exit
	[ "$TUI_RC" -eq 0 ] || fail "moot exited $TUI_RC, not 0, after $*"
}


keys() {
	tm send-keys "$@" || fail "send-keys $*"
}

type_text() {
	tm send-keys -l "$1" || fail "send-keys -l $1"
}

resize() {
	TUI_COLS=$1
	TUI_ROWS=$2
	tm resize-window -x "$1" -y "$2" || fail "resize-window $1 $2"
}

screen() {
	tm capture-pane -p
}

screen_e() {
	tm capture-pane -p -e
}

row() {
	screen | sed -n "${1}p"
}

status_row() {
	row $((TUI_ROWS - 1))
}

hints_row() {
	row "$TUI_ROWS"
}

# The cursor's row: without colour, the one body row in reverse video
# (rows 2 to ROWS-2; the header and the status line are reverse too).
selected() {
	screen_e | sed -n "2,$((TUI_ROWS - 2))p" |
	    grep "$(printf '\033')\[\([0-9]*;\)*7\(;[0-9]*\)*m" |
	    sed "s/$(printf '\033')\[[0-9;]*m//g"
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

screen_has() {
	screen | grep -qF -- "$1"
}

screen_lacks() {
	! screen | grep -qF -- "$1"
}

row_has() {
	row "$1" | grep -qF -- "$2"
}

selected_has() {
	[ "$(selected | wc -l)" -eq 1 ] && selected | grep -qF -- "$1"
}

wait_for() {
	wait_until "${2:-10}" screen_has "$1" ||
	    fail "\"$1\" did not appear within ${2:-10} s"
}

wait_gone() {
	wait_until "${2:-10}" screen_lacks "$1" ||
	    fail "\"$1\" was still there after ${2:-10} s"
}

wait_row() {
	wait_until "${3:-10}" row_has "$1" "$2" ||
	    fail "row $1 did not show \"$2\" within ${3:-10} s"
}

wait_selected() {
	wait_until "${2:-10}" selected_has "$1" ||
	    fail "the cursor did not reach \"$1\" within ${2:-10} s (it is on: $(selected))"
}

# need_sqlite: skip unless sqlite3 runs.
need_sqlite() {
	[ -n "$SQLITE3" ] && command -v "$SQLITE3" >/dev/null 2>&1 ||
	    skip "SQLITE3 is not set or not found"
}

mootd_up() {
	[ -S "$SOCK" ] && "$MOOT" -s "$SOCK" whoami >/dev/null 2>&1
}

# start_mootd: mootd on $SOCK with $DB, logging to $T/mootd.log; waits
# (10 s at most) until it answers.
start_mootd() {
	[ -x "$MOOTD" ] || fail "no mootd binary at $MOOTD"
	"$MOOTD" -v -d "$DB" -s "$SOCK" -c "$T/none.conf" \
	    >>"$T/mootd.log" 2>&1 &
	MOOTD_PID=$!
	wait_until 10 mootd_up || fail "mootd did not answer on $SOCK"
}

# kill_mootd: SIGKILL, reaped; the socket file is left as a crash
# leaves it.
kill_mootd() {
	[ -n "$MOOTD_PID" ] || return 0
	kill -9 "$MOOTD_PID" 2>/dev/null
	wait "$MOOTD_PID" 2>/dev/null
	MOOTD_PID=
}
