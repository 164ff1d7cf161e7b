#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot comment, hide and unhide: discussion and its moderation.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon bin
expect_rc 0 moot -d "$DB" propose -t "Garden rota" -b "Who waters when."

expect_rc 0 as bin -d "$DB" comment 1 "rude words"
expect_out '^Comment 1 added to #1\.$'
expect_rc 0 as daemon -d "$DB" comment 1 "fine words"
printf 'from stdin\n' >"$T/c"
expect_rc 0 as bin -d "$DB" comment 1 -F - <"$T/c"
expect_out 'Comment 3 added'
expect_rc 1 as bin -d "$DB" comment 7 "nowhere"
expect_err 'there is no proposal #7'

# A member may not hide; a reason is required; a moderator hides once.
expect_rc 1 as daemon -d "$DB" hide 1 -r "insult"
expect_err 'only moderators and above can hide comments; you are a member'
expect_rc 2 moot -d "$DB" hide 1
expect_err 'hide needs --reason'
expect_rc 0 moot -d "$DB" role daemon moderator
expect_rc 0 as daemon -d "$DB" hide 1 -r "insult"
expect_out 'Comment 1 is hidden'
expect_rc 1 moot -d "$DB" hide 1 -r "again"
expect_err 'comment 1 is already hidden'
expect_rc 1 moot -d "$DB" hide 9 -r x
expect_err 'there is no comment 9'

# Members see that it is hidden, by whom and why, but not its text.
expect_rc 0 as bin -d "$DB" show 1
expect_out '\(hidden by daemon: insult\)'
refute_out 'rude words'
expect_out 'fine words'
expect_out 'Discussion \(3\)'
# The proposal's timeline holds its comments' events, the hiding too.
expect_out 'comment\.added +comment:1 '
expect_out 'comment\.hidden +comment:1 +daemon'
expect_rc 0 as bin -d "$DB" --json show 1
expect_out '"id":1,[^}]*"hidden":true,"body":null,"hidden_reason":"insult"'

# Paging through the discussion.
expect_rc 0 as bin -d "$DB" show 1 --after 2
expect_out 'Discussion \(after comment 2\)'
expect_out 'from stdin'
refute_out 'fine words'

# Unhide shows it again; unhiding twice is refused.
expect_rc 0 moot -d "$DB" unhide 1 -r "apologised"
expect_out 'Comment 1 is shown again'
expect_rc 1 moot -d "$DB" unhide 1 -r "again"
expect_err 'comment 1 is not hidden'
expect_rc 0 as bin -d "$DB" show 1
expect_out 'rude words'
refute_out 'hidden by'

# A withdrawn proposal's discussion is closed; the comment is given back.
expect_rc 0 moot -d "$DB" withdraw 1 -r "settled"
expect_rc 1 as bin -d "$DB" comment 1 "one more thing"
expect_err '#1 was withdrawn: its discussion is closed'
expect_err '^one more thing$'

expect_rc 0 moot -d "$DB" log --type comment.
expect_out 'comment.hidden +comment:1 +insult'
expect_out 'comment.unhidden|comment.shown'
expect_rc 0 moot -d "$DB" check
exit 0
