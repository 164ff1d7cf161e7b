#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# moot list --search and --sort, with their paging, and moot log --before:
# words are words (never search syntax), the last one may be the start of
# a word, edited text is found and redacted text is not; each order pages
# without repeating or skipping a proposal; the log pages back from the
# newest event.
. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# ids: the first column of the proposal lines of $T/out, as "3 2 1 ".
ids() {
	grep -E '^ +[0-9]+  ' "$T/out" | awk '{print $1}' | tr '\n' ' '
}

# expect_ids WANT: the proposals listed are WANT, in that order.
expect_ids() {
	[ "$(ids)" = "$1" ] || fail "listed \"$(ids)\", want \"$1\""
}

# pages ARGS...: every page of moot list ARGS --limit 2, following the
# command each "more:" line gives; the ids of all pages in $T/all.
pages() {
	: >"$T/all"
	_cmd="moot -d \"\$DB\" list $* --limit 2"
	_n=0
	while :; do
		eval "expect_rc 0 $_cmd"
		ids >>"$T/all"
		_more=$(sed -n 's/^[0-9]* in all; more: moot list //p' "$T/out")
		[ -n "$_more" ] || break
		_cmd="moot -d \"\$DB\" $(printf 'list %s --limit 2' "$_more")"
		_n=$((_n + 1))
		[ "$_n" -lt 20 ] || fail "list $* does not end"
	done
}

expect_pages() {
	[ "$(cat "$T/all")" = "$1" ] ||
	    fail "pages gave \"$(cat "$T/all")\", want \"$1\""
}

expect_rc 0 at 0 init --name Test
member daemon bin
expect_rc 0 as_at daemon 10 propose -t "Buy a wheelbarrow" \
    -b "For the allotment."
expect_rc 0 as_at bin 20 propose -t "Fix the roof" \
    -b "Before the winter, and soon."
expect_rc 0 at 30 propose -t "Quiet hours" -b "No builds after 22:00."
expect_rc 0 as_at daemon 40 propose -t "Paint the fence" -b "Green." --draft
expect_rc 0 as_at bin 50 propose -t "Secret plan" -b "Meet at the shed."

# --- Words, a prefix, and no syntax. ---------------------------------
expect_rc 0 at 60 list --search wheelbarrow
expect_ids "1 "
expect_rc 0 at 60 list --search "WHEEL"
expect_ids "1 "
expect_rc 0 at 60 list --search "the"
expect_ids "5 4 2 1 "
expect_rc 0 at 60 list --search "fix roof"
expect_ids "2 "
expect_rc 0 at 60 list --search "fix wheelbarrow"
expect_out '^No proposals match "fix wheelbarrow"\.$'
expect_rc 0 at 60 list --search "winter AND"
expect_ids "2 "
expect_rc 0 at 60 list --search 'roof OR wheelbarrow'
expect_out '^No proposals match'
expect_rc 0 at 60 list --search 'NEAR(fix roof)'
expect_out '^No proposals match'
expect_rc 0 at 60 list --search '"quiet" -hours *'
expect_ids "3 "
expect_rc 0 at 60 list --search 'title:roof'
expect_out '^No proposals match'
expect_rc 0 at 60 list --search "   "
expect_ids "5 4 3 2 1 "
expect_rc 0 at 60 list --search roof --state draft
expect_out '^No proposals in state draft match "roof"\.$'
expect_rc 0 at 60 list --search the --author daemon
expect_ids "4 1 "

# An edit is found, the old text is not.
expect_rc 0 as_at daemon 70 edit 4 -t "Mend the gate"
expect_rc 0 at 80 list --search fence
expect_out '^No proposals match'
expect_rc 0 at 80 list --search gate
expect_ids "4 "

# Redacted text is not found (seq 8: the proposal.created of #5).
expect_rc 0 at 80 --json log --ref proposal:5
expect_out '"seq":8,'
expect_rc 0 at 90 redact 8 --reason "personal data"
expect_rc 0 at 100 list --search secret
expect_out '^No proposals match "secret"\.$'
expect_rc 0 at 100 list --search shed
expect_out '^No proposals match'
expect_rc 0 at 100 check
expect_out '^ok: '

# --json: the total of matches, with the proposals.
expect_rc 0 at 100 --json list --search "the" --limit 1
expect_out '"next":4'
expect_out '"total":3'

# --- Orders, and their pages. ----------------------------------------
expect_rc 0 as_at bin 200 comment 1 "Yes, a big one."
expect_rc 0 as_at daemon 210 comment 3 "From 22:00?"
expect_rc 0 at 220 comment 1 "Agreed."
# Changed: 1 at 220, 3 at 210, 4 at 70, 5 at 50 (a redaction is not a
# change of the proposal), 2 at 20.
expect_rc 0 at 300 list --sort activity
expect_ids "1 3 4 5 2 "
pages --sort activity
expect_pages "1 3 4 5 2 "
expect_rc 0 at 300 list --sort activity --limit 2
expect_out '^5 in all; more: moot list --after [0-9]+:3 --sort activity$'
# Comments: 1 has two, 3 one, the rest none (by id, newest first).
expect_rc 0 at 300 list --sort comments
expect_ids "1 3 5 4 2 "
pages --sort comments
expect_pages "1 3 5 4 2 "
pages --sort comments --search "the"
expect_pages "1 4 2 "
pages --sort new
expect_pages "5 4 3 2 1 "
pages --author bin --sort comments
expect_pages "5 2 "

# closing: the votes open, the first to close first. The built-in rule
# asks for two days of discussion.
expect_rc 0 at $((3*D)) open-vote 3
expect_rc 0 as_at bin $((3*D + 3600)) open-vote 2
expect_rc 0 as_at daemon $((3*D + 7200)) open-vote 1
expect_rc 0 at $((3*D + 7300)) list --sort closing
expect_ids "3 2 1 "
pages --sort closing
expect_pages "3 2 1 "
expect_rc 0 at $((3*D + 7300)) list --sort closing --search "roof"
expect_ids "2 "

expect_rc 1 at $((3*D + 7300)) list --sort hot
expect_err 'sort "hot" is not one of new, activity, closing, comments'
expect_rc 1 at $((3*D + 7300)) list --sort closing --state draft
expect_err 'sort closing lists the proposals being voted on'
expect_rc 1 at $((3*D + 7300)) list --sort activity --after 3
expect_err 'sort activity pages by cursor'
expect_rc 1 at $((3*D + 7300)) list --sort activity --after 12:x
expect_err 'cursor "12:x" is not one that list gave as next'

# --- The log, backwards. ---------------------------------------------
expect_rc 0 at $((3*D + 7400)) log --since 0
[ "$(wc -l <"$T/out")" -ge 15 ] || fail "the log is short"
awk '{print $1}' "$T/out" | sort -rn | tr '\n' ' ' >"$T/desc"
expect_rc 0 at $((3*D + 7400)) log --before 999999
awk '{print $1}' "$T/out" | tr '\n' ' ' >"$T/back"
[ "$(cat "$T/back")" = "$(cat "$T/desc")" ] ||
    fail "log --before gave $(cat "$T/back")"
expect_rc 0 at $((3*D + 7400)) log --before 6 --limit 2
awk '{print $1}' "$T/out" | tr '\n' ' ' >"$T/s"
[ "$(cat "$T/s")" = "5 4 " ] || fail "--before 6 --limit 2 gave $(cat "$T/s")"
expect_rc 0 at $((3*D + 7400)) log --before 9 --type proposal.
awk '{print $1}' "$T/out" | tr '\n' ' ' >"$T/s"
[ "$(cat "$T/s")" = "8 7 6 5 4 " ] ||
    fail "--before 9 --type proposal. gave $(cat "$T/s")"
expect_rc 2 at $((3*D + 7400)) log --before 5 --since 2
expect_err 'does not take --since'
expect_rc 2 at $((3*D + 7400)) log --before 0
expect_err 'seq "0" is not a number'
exit 0
