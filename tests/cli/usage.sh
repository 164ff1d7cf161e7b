#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot's command line: help, version and usage errors.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

expect_rc 0 moot --help
expect_out '^usage: moot '
sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' "$T/out" >"$T/cmds"
[ "$(wc -l <"$T/cmds")" -ge 15 ] || fail "moot --help lists few commands"
grep -qx verify "$T/cmds" || fail "moot --help does not list verify"
for c in $(cat "$T/cmds"); do
	expect_rc 0 moot "$c" --help
	expect_out "^usage: moot $c"
done
expect_rc 0 moot -V
expect_out '^moot [0-9]+\.[0-9]+'
expect_rc 0 moot --version
expect_out '^moot [0-9]+\.[0-9]+'
expect_rc 2 moot bogus
expect_err 'unknown command "bogus"; moot --help lists them'
expect_rc 2 moot --no-such-option status
# No command is the full-screen interface: it needs a terminal.
expect_rc 2 moot -d "$T/none.db" </dev/null
expect_err 'the full-screen interface needs a terminal; give a command'
# Help and usage errors need no database, and create none.
expect_rc 0 moot -d "$T/none.db" propose --help
expect_out '^usage: moot propose'
expect_rc 2 moot -d "$T/none.db" list --nope
expect_err "^moot list: unrecognized option '--nope'"
[ ! -e "$T/none.db" ] || fail "a usage error created a database"
community
expect_rc 2 moot -d "$DB" list --nope
expect_err 'usage: moot list'
expect_rc 2 moot -d "$DB" show
expect_rc 2 moot -d "$DB" withdraw
exit 0
