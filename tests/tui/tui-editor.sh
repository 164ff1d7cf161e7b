#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Proposing from the full-screen interface: p asks for the title on the
# bottom line, then the body is written in $EDITOR on a file in $TMPDIR;
# when the editor exits 0 the screen comes back and the status line says
# "you proposed #N". When the editor fails, nothing is proposed and the
# status line says so.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/lib.sh"

demo_db
cat >"$T/editor" <<EDITOR
#!/bin/sh
printf '%s\n' "\$@" >>"$T/editor.args"
printf 'Quiet from ten at night.\nThe second line.\n' >"\$1"
EDITOR
cat >"$T/bad-editor" <<EDITOR
#!/bin/sh
printf '%s\n' "\$@" >>"$T/bad-editor.args"
printf 'Half written.\n' >"\$1"
exit 3
EDITOR
chmod +x "$T/editor" "$T/bad-editor"

tui_start 80 24 "EDITOR=$T/editor" -- -d "$DB"
wait_for "Purchases under 100 EUR"
keys p
wait_row 24 "title:"
type_text "Quiet hours after ten"
keys Enter
wait_row 23 "proposed #32"
# What the status line said (checked at the end, after the second case).
STATUS1=$(status_row)
[ -s "$T/editor.args" ] || fail "the editor did not run"
[ "$(wc -l <"$T/editor.args")" -eq 1 ] ||
    fail "the editor got not one argument: $(cat "$T/editor.args")"
case $(cat "$T/editor.args") in
"$TMPDIR"/*) ;;
*) fail "the editor's file is not in \$TMPDIR: $(cat "$T/editor.args")" ;;
esac
# The file is gone once its text was sent.
[ ! -e "$(cat "$T/editor.args")" ] || fail "the editor's file was left"
row 1 | grep -q 'moot: tilde\.demo' || fail "the screen did not come back"
moot -d "$DB" show 32 >"$T/show" 2>&1 || fail "show 32: $(cat "$T/show")"
grep -q 'Quiet hours after ten' "$T/show" || fail "#32 has not the title typed"
grep -q 'Quiet from ten at night\.' "$T/show" ||
    fail "#32 has not the body written: $(cat "$T/show")"
tui_quit q q

tui_start 80 24 "EDITOR=$T/bad-editor" -- -d "$DB"
wait_for "Quiet hours after ten"
keys p
wait_row 24 "title:"
type_text "Never proposed"
keys Enter
# "the editor (PATH) failed; nothing was sent, ...", cut at 80 columns.
wait_row 23 "the editor ($T/bad-editor) failed"
[ -s "$T/bad-editor.args" ] || fail "the failing editor did not run"
moot -d "$DB" list --limit 3 >"$T/list" 2>&1 || fail "list: $(cat "$T/list")"
! grep -q 'Never proposed' "$T/list" || fail "a failed edit proposed something"
moot -d "$DB" show 33 >/dev/null 2>&1 && fail "#33 exists after a failed edit"
# Still usable: the list is back and answers keys.
wait_for "Quiet hours after ten"
tui_quit q

# Your own proposal is yours: "you", not your login as for others'.
echo "$STATUS1" | grep -q 'you proposed #32' ||
    fail "after proposing, the status line said \"$STATUS1\", not \"you proposed #32\""
exit 0
