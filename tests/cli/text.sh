#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Text members write: terminal controls refused, every script welcome.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
esc=$(printf '\033')
expect_rc 1 moot -d "$DB" propose -t "$(printf 'a\033[31mred')" -b x
expect_err 'title: control character U\+001B at column 2'
expect_rc 1 moot -d "$DB" propose -t "$(printf 'ab\302\233c')" -b x
expect_err 'title: control character U\+009B at column 3'
expect_rc 1 moot -d "$DB" propose -t "$(printf 'abc\342\200\256evil')" -b x
expect_err 'title: bidi control U\+202E \(RIGHT-TO-LEFT OVERRIDE\) at column 4'
expect_rc 1 moot -d "$DB" propose -t ok -b "$(printf 'line\nbody\033]0;x\007')"
expect_err 'body: control character U\+001B at line 2, column 5'
expect_rc 0 moot -d "$DB" list
expect_out '^No proposals'

expect_rc 0 moot -d "$DB" propose -t "قانون جدید" -b "متن فارسی"
expect_rc 0 moot -d "$DB" propose -t "新しい規則 🎉" -b "本文 😀"
expect_rc 0 moot -d "$DB" show 1
expect_out 'قانون جدید'
expect_out 'متن فارسی'
expect_rc 0 moot -d "$DB" show 2
expect_out '新しい規則 🎉'
expect_out '本文 😀'

# A refused comment is given back with its controls made visible.
expect_rc 1 moot -d "$DB" comment 1 "$(printf 'c\033[2J')"
expect_err 'control character U\+001B'
! grep -q "$esc" "$T/err" || fail "stderr echoes a raw ESC"
expect_rc 0 moot -d "$DB" comment 1 "نظر 👍"

for c in "show 1" "show 2" "list" "log" "--json log" "members"; do
	# shellcheck disable=SC2086
	expect_rc 0 moot -d "$DB" $c
	! grep -q "$esc" "$T/out" || fail "moot $c printed an ESC byte"
done
expect_rc 0 moot -d "$DB" verify
exit 0
