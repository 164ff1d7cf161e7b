#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot -c: configuration files, and their mistakes named precisely.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
printf '# a comment\n[community]\nname = X\n\n[bogus]\nfoo = 1\n' >"$T/a.conf"
expect_rc 1 moot -c "$T/a.conf" -d "$DB" status
expect_err "a.conf:5: \[bogus\]: unknown section"
printf '[community]\nnmae = X\n' >"$T/b.conf"
expect_rc 1 moot -c "$T/b.conf" -d "$DB" status
expect_err "b.conf:2: \[community\] nmae: unknown key \(known keys in \[community\]: name,"
expect_rc 1 moot -c "$T/missing.conf" -d "$DB" status
expect_err 'missing.conf: No such file or directory'
# A good file is read quietly.
printf '; fine\n[community]\nname = Good\n' >"$T/c.conf"
expect_rc 0 moot -c "$T/c.conf" -d "$DB" status
[ ! -s "$T/err" ] || fail "a good config printed to stderr"
# [keys] is the full-screen interface's: commands read past it.
printf '[keys]\ndown = J <Down>\n[community]\nname = Good\n' >"$T/k.conf"
expect_rc 0 moot -c "$T/k.conf" -d "$DB" status
[ ! -s "$T/err" ] || fail "a config with [keys] printed to stderr"
# The default file is the one under XDG_CONFIG_HOME.
mkdir -p "$XDG_CONFIG_HOME/moot"
cp "$T/b.conf" "$XDG_CONFIG_HOME/moot/moot.conf"
expect_rc 1 moot -d "$DB" status
expect_err 'moot.conf:2: .*nmae: unknown key'
exit 0
