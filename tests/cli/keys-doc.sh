#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The key table of the full-screen interface (src/tui/tui-keys.c) and
# moot(1)'s KEYS section say the same: every action's name, in the
# section of its scope, and every default key of it.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

table=$top_srcdir/src/tui/tui-keys.c
man=$top_srcdir/man/moot.1
# Rows: { ACT_X, "name", "scope", "keys", "help" } (help may wrap).
sed -n 's/^[[:space:]]*{ ACT_[A-Z_]*, "\([^"]*\)", "\([^"]*\)", "\([^"]*\)".*/\2 \1 \3/p' \
    "$table" >"$T/rows"
[ "$(wc -l <"$T/rows")" -ge 30 ] || fail "few rows read from $table"
# The KEYS section as text: \- is -, \fB and the like go.
sed -n '/^\.SH KEYS/,/^\.SH /p' "$man" | sed 's/\\-/-/g; s/\\f[BIRP]//g' \
    >"$T/keys"
# The subsection of each scope ends at the next .SS.
while read -r scope name keys; do
	sed -n "/^\.SS .*($scope)\$/,/^\.SS /p" "$T/keys" >"$T/section"
	[ -s "$T/section" ] || fail "moot(1) KEYS has no section for $scope"
	grep -qw -- "$name" "$T/section" ||
	    fail "moot(1) KEYS does not name $scope action $name"
	for k in $keys; do
		grep -qF -- "$k" "$T/section" ||
		    fail "moot(1) KEYS does not give $k for $scope $name"
	done
done <"$T/rows"
exit 0
