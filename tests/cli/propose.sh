#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot propose, edit, publish and withdraw: a proposal's life.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

community
member daemon bin

expect_rc 0 as daemon -d "$DB" propose -t "Quiet hours" -b "No builds after 22:00."
expect_out '^Proposed #1, to be decided under the rule majority\.$'
expect_rc 0 as daemon -d "$DB" propose -t "Shared wiki" -b "draft text" --draft
expect_out 'Proposed #2 as a draft \(moot publish to open it\)'
printf 'Text from a file.\n' >"$T/body"
expect_rc 0 as bin -d "$DB" propose -t "From a file" -F "$T/body" --kind poll --option Yes --option No
expect_rc 0 moot -d "$DB" show 3
expect_out 'Text from a file\.'
expect_out 'discussion poll by bin'

# A title is needed, and it is one line.
expect_rc 2 as bin -d "$DB" propose -b "no title"
expect_rc 1 as bin -d "$DB" propose -t "$(printf 'two\nlines')" -b x
expect_err 'title'

# Only drafts can be edited, and only by their author.
expect_rc 1 as daemon -d "$DB" edit 1 -t "Louder hours"
expect_err '#1 is in discussion: only drafts can be edited'
expect_rc 1 as bin -d "$DB" edit 2 -t "Mine now"
expect_err 'author'
expect_rc 0 as daemon -d "$DB" edit 2 -t "Shared wiki, v2" -b "better text"
expect_out '#2 is updated'
expect_rc 0 moot -d "$DB" show 2
expect_out 'Shared wiki, v2'
expect_out 'better text'

# Only the author publishes a draft.
expect_rc 1 moot -d "$DB" publish 2
expect_err 'only the author of #2 can open it for discussion'
expect_rc 0 as daemon -d "$DB" publish 2
expect_out '#2 is open for discussion'
expect_rc 1 as daemon -d "$DB" edit 2 -t again
expect_err 'only drafts can be edited'

# Withdrawing: a member may not withdraw another's proposal; a moderator
# may, with a reason; a withdrawn proposal stays withdrawn.
expect_rc 1 as bin -d "$DB" withdraw 1
expect_err 'only the author of #1 or a moderator can withdraw it'
expect_rc 1 moot -d "$DB" withdraw 1
expect_err "withdrawing someone else's proposal needs a reason"
expect_rc 0 moot -d "$DB" withdraw 1 -r "duplicate of #2"
expect_out '#1 is withdrawn'
expect_rc 1 moot -d "$DB" withdraw 1 -r again
expect_err '#1 is already withdrawn'
# The author withdraws their own without a reason.
expect_rc 0 as bin -d "$DB" withdraw 3
expect_rc 0 moot -d "$DB" show 1
expect_out 'withdrawn'
expect_out 'duplicate of #2'
expect_rc 1 moot -d "$DB" show 99
expect_err 'there is no proposal #99'
expect_rc 0 moot -d "$DB" verify
exit 0
