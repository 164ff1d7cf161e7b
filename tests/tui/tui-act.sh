#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Acting from a proposal, as the demo's leader, in script mode: a comment
# written in $EDITOR; withdrawing with a reason the server refuses (too
# long: its sentence on the status line, the text given back on the
# bottom line), then one it accepts; hiding and unhiding a comment;
# redacting one; publishing a draft; opening a vote. Each is checked on
# the screen and against the server.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
cat >"$T/editor" <<'ED'
#!/bin/sh
printf 'Said in the editor.\n' >"$1"
ED
chmod +x "$T/editor"
long=$(printf '%01001d' 0)
cat >"$T/script" <<SCRIPT
:type :13
<Enter>
c
:dump $T/commented
w
:type $long
<Enter>
:dump $T/refused
^U
:type Same as #2
<Enter>
:dump $T/withdrawn
q
:type :16
<Enter>
<Tab>
h
:type off topic
<Enter>
:dump $T/hidden
u
:type back on topic
<Enter>
:dump $T/unhidden
X
:type personal data
<Enter>
:dump $T/redacted
q
:type :22
<Enter>
P
:dump $T/published
q
:type :15
<Enter>
o
:dump $T/opened
q
q
SCRIPT
tui_start 80 24 NO_COLOR=1 "EDITOR=$T/editor" "MOOT_TUI_SCRIPT=$T/script" \
    -- -d "$DB"
tui_wait_exit 30
[ "$TUI_RC" = 0 ] || fail "moot exited $TUI_RC"

# status DUMP TEXT: the status line (row 23) of the dump says TEXT.
status() {
	sed -n 23p "$T/$1" | grep -qF -- "$2" ||
	    fail "$1: the status line is \"$(sed -n 23p "$T/$1")\", not \"$2\""
}

status commented "you commented on #13"
moot -d "$DB" show 13 >"$T/show" 2>&1 || fail "show 13"
grep -q 'Said in the editor\.' "$T/show" || fail "the comment is not on #13"

# The refusal: its sentence, and the reason typed still on the last line.
status refused "reason: too long (1001 bytes, at most 1000)"
sed -n 24p "$T/refused" | grep -q '^withdraw, reason: 0000000000' ||
    fail "the refused reason was not given back: $(sed -n 24p "$T/refused")"
status withdrawn "you withdrew #13"
moot -d "$DB" list --state withdrawn >"$T/list" 2>&1
grep -q '^ *13 ' "$T/list" || fail "#13 is not withdrawn"

status hidden "you hid a comment by"
status unhidden "you unhid a comment by"
status redacted "you redacted a comment by"
moot -d "$DB" log --type log.redacted >"$T/log" 2>&1
[ "$(grep -c 'log.redacted' "$T/log")" -eq 2 ] ||
    fail "no new log.redacted event: $(cat "$T/log")"
moot -d "$DB" log --type comment.hidden >"$T/log" 2>&1
grep -q 'comment.hidden' "$T/log" || fail "no comment.hidden event"
moot -d "$DB" log --type comment.unhidden >"$T/log" 2>&1
grep -q 'comment.unhidden' "$T/log" || fail "no comment.unhidden event"

status published "you published #22"
status opened "voting on #15 is open"
moot -d "$DB" show 15 >"$T/show" 2>&1
grep -q 'Vote under the rule' "$T/show" || fail "#15 has no open vote"
exit 0
