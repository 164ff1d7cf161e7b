/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the core (src/core): the one write path over the whole
 * domain with its permission and state refusals (exact errno and a
 * sentence a member understands), the log left unchanged by a refusal,
 * batches, check and verify against tampering, redaction, and the
 * queries with their paging and the withholding of hidden comments.
 */
#include <errno.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "moot/core.h"

#define AGREEMENT_VERSION	"1"

static const struct actor alice = { 1000, "alice" };	/* leader */
static const struct actor bob = { 1001, "bob" };	/* member */
static const struct actor carol = { 1002, "carol" };	/* moderator */
static const struct actor dave = { 1003, "dave" };	/* not a member */

struct fixture {
	struct core	*c;
	int64_t		 now;
};

static int64_t
fixed_clock(void *arg)
{
	struct fixture	*f = arg;

	return (f->now += 1000);
}

/* Submit expecting success; returns the result's "id" (or 0). */
static int64_t
submit_ok(struct core *c, const struct actor *a, const char *type,
    json_t *args)
{
	json_t	*result = NULL;
	char	*cause = NULL;
	int64_t	 id;
	int	 error;

	error = core_submit(c, a, type, args, &result, &cause);
	if (error != 0)
		fail_msg("%s by %s: %s", type, a->name, cause);
	assert_non_null(result);
	assert_true(json_is_integer(json_object_get(result, "seq")));
	id = json_integer_value(json_object_get(result, "id"));
	json_decref(result);
	json_decref(args);
	return (id);
}

/*
 * Submit expecting err and a cause containing want; the log's head must
 * not move.
 */
static void
submit_refused(struct core *c, const struct actor *a, const char *type,
    json_t *args, int err, const char *want)
{
	unsigned char	 before[CANON_HASH_LEN], after[CANON_HASH_LEN];
	json_t		*result = NULL;
	char		*cause = NULL;
	int64_t		 seq;

	seq = core_head(c, before);
	assert_int_equal(core_submit(c, a, type, args, &result, &cause), err);
	assert_null(result);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" does not contain \"%s\"", cause, want);
	free(cause);
	json_decref(args);
	assert_int_equal(core_head(c, after), seq);
	assert_memory_equal(before, after, CANON_HASH_LEN);
	assert_int_equal(store_int(core_store(c),
	    "SELECT count(*) FROM events", 0, -1), seq);
}

static json_t *
community_args(const char *membership)
{
	return (json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", "Allotment",
	    "agreement", "Be kind.\nShare the tools.", "agreement_version",
	    AGREEMENT_VERSION, "licence", "CC-BY-SA-4.0", "membership",
	    membership));
}

static json_t *
join_args(void)
{
	return (json_pack("{s:s}", "agreement_version", AGREEMENT_VERSION));
}

static struct fixture *
fixture_new(void)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*cause = NULL;

	f->now = 1700000000000LL;
	assert_int_equal(core_open(NULL, CORE_CREATE, &f->c, &cause), 0);
	core_set_clock(f->c, fixed_clock, f);
	return (f);
}

/* An empty database. */
static int
setup_empty(void **state)
{
	*state = fixture_new();
	return (0);
}

/* alice leads an open community; bob is a member, carol a moderator. */
static int
setup_community(void **state)
{
	struct fixture	*f = fixture_new();

	submit_ok(f->c, &alice, "community.created", community_args("open"));
	submit_ok(f->c, &bob, "member.joined", join_args());
	submit_ok(f->c, &carol, "member.joined", join_args());
	submit_ok(f->c, &alice, "role.changed", json_pack("{s:s,s:s}", "user",
	    "carol", "role", "moderator"));
	*state = f;
	return (0);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	core_close(f->c);
	free(f);
	return (0);
}

/* A proposal by bob, in discussion unless draft. */
static int64_t
propose(struct core *c, const struct actor *a, const char *title, bool draft)
{
	return (submit_ok(c, a, "proposal.created", json_pack("{s:s,s:s,s:b}",
	    "title", title, "body", "Details.", "draft", draft)));
}

static int64_t
comment(struct core *c, const struct actor *a, int64_t pid, const char *body)
{
	return (submit_ok(c, a, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)pid, "body", body)));
}

static json_t *
query(core_query_fn *fn, struct core *c, const struct actor *a, json_t *args)
{
	json_t	*result = NULL;
	char	*cause = NULL;

	if (args == NULL)
		args = json_object();
	if (fn(c, a, args, &result, &cause) != 0)
		fail_msg("query: %s", cause);
	json_decref(args);
	assert_non_null(result);
	return (result);
}

static int
query_err(core_query_fn *fn, struct core *c, const struct actor *a,
    json_t *args)
{
	json_t	*result = NULL;
	char	*cause = NULL;
	int	 error;

	error = fn(c, a, args, &result, &cause);
	assert_null(result);
	assert_non_null(cause);
	free(cause);
	json_decref(args);
	return (error);
}

static const char *
jstr(json_t *o, const char *key)
{
	return (json_string_value(json_object_get(o, key)));
}

static int64_t
jint(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

/* The system's uid of a real account for invitations. */
static int64_t
daemon_uid(void)
{
	struct passwd	*pw = getpwnam("daemon");

	if (pw == NULL)
		skip();
	return (pw->pw_uid);
}

/* --- the community and its members --- */

static void
test_fresh_log_is_empty(void **state)
{
	struct fixture	*f = *state;
	unsigned char	 h[CANON_HASH_LEN], zero[CANON_HASH_LEN] = { 0 };

	assert_int_equal(core_head(f->c, h), 0);
	assert_memory_equal(h, zero, sizeof h);
	assert_string_equal(core_path(f->c), ":memory:");
	assert_null(core_head_path(f->c));
}

static void
test_community_created_leader_is_actor(void **state)
{
	struct fixture	*f = *state;
	json_t		*result = NULL, *args = community_args("open");
	char		*cause = NULL;

	assert_int_equal(core_submit(f->c, &alice, "community.created", args,
	    &result, &cause), 0);
	json_decref(args);
	assert_string_equal(jstr(result, "community"), "Allotment");
	assert_string_equal(jstr(result, "leader"), "alice");
	assert_int_equal(jint(result, "seq"), 1);
	json_decref(result);
	assert_int_equal(core_head(f->c, NULL), 1);
	assert_int_equal(core_role_of(f->c, alice.uid), ROLE_LEADER);
}

static void
test_community_created_twice_conflicts(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "community.created", community_args("open"),
	    -EEXIST, "already holds a community");
}

static void
test_community_bad_membership(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "community.created",
	    community_args("everyone"), -EINVAL,
	    "not one of open, invite, group:NAME");
}

static void
test_community_missing_name(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "community.created", json_pack(
	    "{s:s,s:s,s:s,s:s}", "agreement", "x", "agreement_version", "1",
	    "licence", "CC0", "membership", "open"), -EINVAL,
	    "name is required");
}

static void
test_join_before_community(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "member.joined", join_args(), -ENOENT,
	    "no community here yet");
}

static void
test_join_makes_member(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(core_role_of(f->c, bob.uid), ROLE_MEMBER);
	assert_int_equal(core_role_of(f->c, dave.uid), ROLE_NONE);
}

static void
test_join_old_agreement_conflicts(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &dave, "member.joined", json_pack("{s:s}",
	    "agreement_version", "0"), -EBUSY,
	    "the agreement is now at version 1, not 0");
}

static void
test_join_twice_conflicts(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "member.joined", join_args(), -EEXIST,
	    "already a member of Allotment");
}

static void
test_join_needs_invitation(void **state)
{
	struct fixture	*f = *state;

	submit_ok(f->c, &alice, "community.created", community_args("invite"));
	submit_refused(f->c, &bob, "member.joined", join_args(), -EPERM,
	    "ask a moderator to run `moot invite bob`");
}

static void
test_invited_then_joined(void **state)
{
	struct fixture	*f = *state;
	struct actor	 d;
	int64_t		 uid = daemon_uid();

	d.uid = uid;
	d.name = "daemon";
	submit_ok(f->c, &alice, "community.created", community_args("invite"));
	submit_ok(f->c, &alice, "member.invited", json_pack("{s:s}", "user",
	    "daemon"));
	assert_int_equal(core_role_of(f->c, uid), ROLE_NONE);
	submit_refused(f->c, &d, "proposal.created", json_pack("{s:s}",
	    "title", "t"), -EPERM, "invited but have not joined yet");
	submit_ok(f->c, &d, "member.joined", join_args());
	assert_int_equal(core_role_of(f->c, uid), ROLE_MEMBER);
}

static void
test_invite_twice_conflicts(void **state)
{
	struct fixture	*f = *state;

	daemon_uid();
	submit_ok(f->c, &carol, "member.invited", json_pack("{s:s}", "user",
	    "daemon"));
	submit_refused(f->c, &carol, "member.invited", json_pack("{s:s}",
	    "user", "daemon"), -EEXIST, "daemon is already invited");
}

static void
test_invite_by_member_forbidden(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "member.invited", json_pack("{s:s}", "user",
	    "daemon"), -EPERM,
	    "only moderators and above can invite members; you are a member");
}

static void
test_invite_unknown_user(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &carol, "member.invited", json_pack("{s:s}",
	    "user", "no-such-user-here"), -ENOENT,
	    "there is no user no-such-user-here on this system");
}

static void
test_role_change_by_member_forbidden(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "role.changed", json_pack("{s:s,s:s}",
	    "user", "bob", "role", "leader"), -EPERM,
	    "only leaders can change roles; you are a member");
}

static void
test_role_change_by_non_member_forbidden(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &dave, "role.changed", json_pack("{s:s,s:s}",
	    "user", "bob", "role", "leader"), -EPERM,
	    "you are not a member of this community");
}

static void
test_role_change_unknown_role(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "bob", "role", "king"), -EINVAL, "\"king\" is not a role");
}

static void
test_role_change_unknown_member(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "dave", "role", "member"), -ENOENT, "dave is not a member");
}

static void
test_role_change_same_role_conflicts(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "bob", "role", "member"), -EEXIST,
	    "bob is already a member");
}

static void
test_only_leader_cannot_step_down(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "alice", "role", "member"), -EBUSY,
	    "alice is the only leader");
}

static void
test_observer_cannot_propose(void **state)
{
	struct fixture	*f = *state;

	submit_ok(f->c, &alice, "role.changed", json_pack("{s:s,s:s}", "user",
	    "bob", "role", "observer"));
	assert_int_equal(core_role_of(f->c, bob.uid), ROLE_OBSERVER);
	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:s}",
	    "title", "t"), -EPERM,
	    "only members and above can make proposals; you are an observer");
}

static void
test_unknown_event_type(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "community.deleted", NULL, -EINVAL,
	    "unknown event type community.deleted");
}

/* --- proposals --- */

static void
test_proposal_by_non_member_forbidden(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &dave, "proposal.created", json_pack("{s:s}",
	    "title", "t"), -EPERM, "run `moot join` before you make proposals");
}

static void
test_proposal_title_required(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:s}",
	    "body", "b"), -EINVAL, "title is required");
}

static void
test_proposal_title_not_string(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:i}",
	    "title", 5), -EINVAL, "title must be a string");
}

static void
test_proposal_title_control_char(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:s}",
	    "title", "Fix \x1b[2Jthe gate"), -EILSEQ,
	    "title: control character U+001B at column 5");
}

static void
test_proposal_bad_kind(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:s,s:s}",
	    "title", "t", "kind", "decree"), -EINVAL,
	    "kind \"decree\" is not one of motion, poll, election");
}

static void
test_proposal_defaults(void **state)
{
	struct fixture	*f = *state;
	json_t		*p;
	int64_t		 id;

	id = submit_ok(f->c, &bob, "proposal.created", json_pack("{s:s}",
	    "title", "New shed"));
	assert_int_equal(id, 1);
	p = query(query_show, f->c, &bob, json_pack("{s:I}", "id",
	    (json_int_t)id));
	assert_string_equal(jstr(p, "title"), "New shed");
	assert_string_equal(jstr(p, "body"), "");
	assert_string_equal(jstr(p, "kind"), "motion");
	assert_string_equal(jstr(p, "licence"), "CC-BY-SA-4.0");
	assert_string_equal(jstr(p, "state"), "discussion");
	assert_string_equal(jstr(p, "author"), "bob");
	assert_int_equal(json_array_size(json_object_get(p, "timeline")), 1);
	json_decref(p);
}

static void
test_proposal_draft_edit_publish(void **state)
{
	struct fixture	*f = *state;
	json_t		*p;
	int64_t		 id;

	id = propose(f->c, &bob, "Draft title", true);
	submit_ok(f->c, &bob, "proposal.edited", json_pack("{s:I,s:s}", "id",
	    (json_int_t)id, "title", "Better title"));
	submit_ok(f->c, &bob, "proposal.published", json_pack("{s:I}", "id",
	    (json_int_t)id));
	p = query(query_show, f->c, &bob, json_pack("{s:I}", "id",
	    (json_int_t)id));
	assert_string_equal(jstr(p, "title"), "Better title");
	assert_string_equal(jstr(p, "body"), "Details.");
	assert_string_equal(jstr(p, "state"), "discussion");
	assert_int_equal(json_array_size(json_object_get(p, "timeline")), 3);
	json_decref(p);
}

static void
test_proposal_edit_by_other_forbidden(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Mine", true);

	submit_refused(f->c, &carol, "proposal.edited", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "title", "Theirs"), -EPERM,
	    "only the author of #1 can edit it");
}

static void
test_proposal_edit_after_publish_conflicts(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Open", false);

	submit_refused(f->c, &bob, "proposal.edited", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "title", "Changed"), -EBUSY,
	    "#1 is in discussion: only drafts can be edited");
}

static void
test_proposal_edit_nothing(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Draft", true);

	submit_refused(f->c, &bob, "proposal.edited", json_pack("{s:I}", "id",
	    (json_int_t)id), -EINVAL, "nothing to change");
}

static void
test_proposal_edit_missing(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "proposal.edited", json_pack("{s:i,s:s}",
	    "id", 42, "title", "x"), -ENOENT, "there is no proposal #42");
}

static void
test_proposal_id_negative(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &bob, "proposal.published", json_pack("{s:i}",
	    "id", -1), -EINVAL, "id must be a non-negative integer");
}

static void
test_proposal_publish_twice_conflicts(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Open", false);

	submit_refused(f->c, &bob, "proposal.published", json_pack("{s:I}",
	    "id", (json_int_t)id), -EBUSY, "#1 is not a draft (it is "
	    "discussion)");
}

static void
test_proposal_publish_by_other_forbidden(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Draft", true);

	submit_refused(f->c, &alice, "proposal.published", json_pack("{s:I}",
	    "id", (json_int_t)id), -EPERM, "only the author of #1");
}

static void
test_proposal_withdraw_by_author(void **state)
{
	struct fixture	*f = *state;
	json_t		*p;
	int64_t		 id = propose(f->c, &bob, "Open", false);

	submit_ok(f->c, &bob, "proposal.withdrawn", json_pack("{s:I}", "id",
	    (json_int_t)id));
	p = query(query_show, f->c, &bob, json_pack("{s:I}", "id",
	    (json_int_t)id));
	assert_string_equal(jstr(p, "state"), "withdrawn");
	json_decref(p);
	submit_refused(f->c, &bob, "proposal.withdrawn", json_pack("{s:I}",
	    "id", (json_int_t)id), -EEXIST, "#1 is already withdrawn");
}

static void
test_proposal_withdraw_by_other_member_forbidden(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Open", false);

	submit_ok(f->c, &dave, "member.joined", join_args());
	submit_refused(f->c, &dave, "proposal.withdrawn", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "no"), -EPERM,
	    "only the author of #1 or a moderator can withdraw it");
}

static void
test_proposal_withdraw_by_moderator_needs_reason(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Open", false);

	submit_refused(f->c, &carol, "proposal.withdrawn", json_pack("{s:I}",
	    "id", (json_int_t)id), -EINVAL, "needs a reason");
	submit_ok(f->c, &carol, "proposal.withdrawn", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "duplicate of #2"));
}

/* --- comments --- */

static void
test_comment_on_withdrawn_conflicts(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Open", false);

	submit_ok(f->c, &bob, "proposal.withdrawn", json_pack("{s:I}", "id",
	    (json_int_t)id));
	submit_refused(f->c, &carol, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)id, "body", "late"), -EBUSY,
	    "#1 was withdrawn: its discussion is closed");
}

static void
test_comment_empty_body(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id = propose(f->c, &bob, "Open", false);

	submit_refused(f->c, &carol, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)id, "body", " \n\t"), -EINVAL,
	    "body: empty");
}

static void
test_comment_on_missing_proposal(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &carol, "comment.added", json_pack("{s:i,s:s}",
	    "proposal", 9, "body", "hello"), -ENOENT,
	    "there is no proposal #9");
}

static void
test_comment_hide_by_member_forbidden(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);
	int64_t		 cid = comment(f->c, &carol, pid, "hi");

	submit_refused(f->c, &bob, "comment.hidden", json_pack("{s:I,s:s}",
	    "id", (json_int_t)cid, "reason", "spam"), -EPERM,
	    "only moderators and above can hide comments");
}

static void
test_comment_hide_unhide_states(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);
	int64_t		 cid = comment(f->c, &bob, pid, "rude words");

	submit_refused(f->c, &carol, "comment.unhidden", json_pack("{s:I,s:s}",
	    "id", (json_int_t)cid, "reason", "x"), -EEXIST,
	    "comment 1 is not hidden");
	submit_refused(f->c, &carol, "comment.hidden", json_pack("{s:I}",
	    "id", (json_int_t)cid), -EINVAL, "reason is required");
	submit_ok(f->c, &carol, "comment.hidden", json_pack("{s:I,s:s}", "id",
	    (json_int_t)cid, "reason", "rude"));
	submit_refused(f->c, &carol, "comment.hidden", json_pack("{s:I,s:s}",
	    "id", (json_int_t)cid, "reason", "rude"), -EEXIST,
	    "comment 1 is already hidden");
	submit_ok(f->c, &carol, "comment.unhidden", json_pack("{s:I,s:s}",
	    "id", (json_int_t)cid, "reason", "on appeal"));
}

static void
test_comment_hide_missing(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &carol, "comment.hidden", json_pack("{s:i,s:s}",
	    "id", 77, "reason", "x"), -ENOENT, "there is no comment 77");
}

/* The body of comment cid in query_show as seen by a. */
static json_t *
shown_comment(struct core *c, const struct actor *a, int64_t pid)
{
	json_t	*p, *k;

	p = query(query_show, c, a, json_pack("{s:I}", "id", (json_int_t)pid));
	k = json_incref(json_array_get(json_object_get(p, "comments"), 0));
	json_decref(p);
	assert_non_null(k);
	return (k);
}

static void
test_hidden_comment_withheld_in_show(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);
	int64_t		 cid = comment(f->c, &bob, pid, "rude words");
	json_t		*k;

	submit_ok(f->c, &carol, "comment.hidden", json_pack("{s:I,s:s}", "id",
	    (json_int_t)cid, "reason", "rude"));
	k = shown_comment(f->c, &bob, pid);
	assert_true(json_is_true(json_object_get(k, "hidden")));
	assert_true(json_is_null(json_object_get(k, "body")));
	assert_string_equal(jstr(k, "hidden_reason"), "rude");
	assert_string_equal(jstr(k, "hidden_by"), "carol");
	json_decref(k);
	k = shown_comment(f->c, &dave, pid);
	assert_true(json_is_null(json_object_get(k, "body")));
	json_decref(k);
	k = shown_comment(f->c, &carol, pid);
	assert_string_equal(jstr(k, "body"), "rude words");
	json_decref(k);
	k = shown_comment(f->c, &alice, pid);
	assert_string_equal(jstr(k, "body"), "rude words");
	json_decref(k);
}

static void
test_unhidden_comment_shown_again(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);
	int64_t		 cid = comment(f->c, &bob, pid, "fine words");
	json_t		*k;

	submit_ok(f->c, &carol, "comment.hidden", json_pack("{s:I,s:s}", "id",
	    (json_int_t)cid, "reason", "mistake"));
	submit_ok(f->c, &carol, "comment.unhidden", json_pack("{s:I,s:s}",
	    "id", (json_int_t)cid, "reason", "my mistake"));
	k = shown_comment(f->c, &bob, pid);
	assert_false(json_is_true(json_object_get(k, "hidden")));
	assert_string_equal(jstr(k, "body"), "fine words");
	json_decref(k);
}

/* The body of the comment.added event in query_log as seen by a. */
static json_t *
logged_comment(struct core *c, const struct actor *a)
{
	json_t	*r, *ev;

	r = query(query_log, c, a, json_pack("{s:s}", "type",
	    "comment.added"));
	assert_int_equal(json_array_size(json_object_get(r, "events")), 1);
	ev = json_incref(json_array_get(json_object_get(r, "events"), 0));
	json_decref(r);
	return (ev);
}

static void
test_hidden_comment_withheld_in_log(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);
	int64_t		 cid = comment(f->c, &bob, pid, "rude words");
	json_t		*ev;

	ev = logged_comment(f->c, &bob);
	assert_string_equal(jstr(json_object_get(ev, "body"), "body"),
	    "rude words");
	json_decref(ev);
	submit_ok(f->c, &carol, "comment.hidden", json_pack("{s:I,s:s}", "id",
	    (json_int_t)cid, "reason", "rude"));
	ev = logged_comment(f->c, &bob);
	assert_true(json_is_null(json_object_get(ev, "body")));
	assert_string_equal(jstr(ev, "withheld"), "the comment is hidden");
	json_decref(ev);
	ev = logged_comment(f->c, &carol);
	assert_string_equal(jstr(json_object_get(ev, "body"), "body"),
	    "rude words");
	assert_null(json_object_get(ev, "withheld"));
	json_decref(ev);
}

/* --- the log: refusals, batches, check, verify, redaction --- */

static void
test_refusal_leaves_projections(void **state)
{
	struct fixture	*f = *state;
	int64_t		 n;

	n = store_int(core_store(f->c), "SELECT count(*) FROM log_index", 0,
	    -1);
	submit_refused(f->c, &dave, "proposal.created", json_pack("{s:s}",
	    "title", "t"), -EPERM, "not a member");
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT count(*) FROM log_index", 0, -1), n);
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT count(*) FROM proposals", 0, -1), 0);
	assert_false(store_in_transaction(core_store(f->c)));
}

static void
test_seqs_and_chain(void **state)
{
	struct fixture	*f = *state;
	unsigned char	 h4[CANON_HASH_LEN], h5[CANON_HASH_LEN];

	assert_int_equal(core_head(f->c, h4), 4);
	propose(f->c, &bob, "One", false);
	assert_int_equal(core_head(f->c, h5), 5);
	assert_memory_not_equal(h4, h5, CANON_HASH_LEN);
	/* Event timestamps follow the clock. */
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT ts FROM log_index WHERE seq = ?", 5, 0),
	    1700000000000LL + 5 * 1000);
}

static void
test_batch_keeps_others_when_one_refused(void **state)
{
	struct fixture	*f = *state;
	char		*cause = NULL;

	assert_int_equal(core_batch_begin(f->c, &cause), 0);
	propose(f->c, &bob, "First", false);
	submit_refused(f->c, &dave, "proposal.created", json_pack("{s:s}",
	    "title", "Refused"), -EPERM, "not a member");
	propose(f->c, &bob, "Second", false);
	assert_int_equal(core_batch_end(f->c, &cause), 0);
	assert_int_equal(core_head(f->c, NULL), 6);
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT count(*) FROM proposals", 0, -1), 2);
	assert_false(store_in_transaction(core_store(f->c)));
}

static void
test_batch_abort_discards(void **state)
{
	struct fixture	*f = *state;
	unsigned char	 before[CANON_HASH_LEN], after[CANON_HASH_LEN];

	core_head(f->c, before);
	assert_int_equal(core_batch_begin(f->c, NULL), 0);
	propose(f->c, &bob, "First", false);
	propose(f->c, &bob, "Second", false);
	assert_int_equal(core_head(f->c, NULL), 6);
	core_batch_abort(f->c);
	assert_int_equal(core_head(f->c, after), 4);
	assert_memory_equal(before, after, CANON_HASH_LEN);
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT count(*) FROM events", 0, -1), 4);
}

static void
assert_check_ok(struct core *c)
{
	json_t	*r = NULL;
	char	*cause = NULL;

	assert_int_equal(core_check(c, &r, &cause), 0);
	if (!json_is_true(json_object_get(r, "ok"))) {
		char *s = json_dumps(r, 0);
		fail_msg("check: %s", s);
	}
	assert_int_equal(jint(r, "events"), core_head(c, NULL));
	assert_int_equal(json_array_size(json_object_get(r, "differences")),
	    0);
	json_decref(r);
}

static void
test_check_ok_on_fresh_log(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);

	comment(f->c, &carol, pid, "yes");
	assert_check_ok(f->c);
}

static void
test_check_ok_on_empty_log(void **state)
{
	struct fixture	*f = *state;

	assert_check_ok(f->c);
}

static void
test_check_finds_forged_projection(void **state)
{
	struct fixture	*f = *state;
	json_t		*r = NULL, *d;
	char		*text;

	propose(f->c, &bob, "Honest title", false);
	assert_int_equal(sqlite3_exec(store_db(core_store(f->c)),
	    "UPDATE proposals SET title = 'Forged title' WHERE id = 1", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(core_check(f->c, &r, NULL), 0);
	assert_false(json_is_true(json_object_get(r, "ok")));
	/* The title, and the search index that followed it. */
	d = json_object_get(r, "differences");
	assert_int_equal(json_array_size(d), 2);
	text = json_dumps(json_array_get(d, 0), 0);
	assert_non_null(strstr(text, "proposals"));
	assert_non_null(strstr(text, "title"));
	free(text);
	text = json_dumps(json_array_get(d, 1), 0);
	assert_non_null(strstr(text, "proposals_fts"));
	free(text);
	json_decref(r);
}

static void
test_check_finds_extra_row(void **state)
{
	struct fixture	*f = *state;
	json_t		*r = NULL;

	assert_int_equal(sqlite3_exec(store_db(core_store(f->c)),
	    "INSERT INTO members (uid, name, role, status, updated_ts) "
	    "VALUES (4242, 'mallory', 'leader', 'active', 0)", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(core_check(f->c, &r, NULL), 0);
	assert_false(json_is_true(json_object_get(r, "ok")));
	assert_true(json_array_size(json_object_get(r, "differences")) >= 1);
	json_decref(r);
}

static void
assert_verify(struct core *c, enum verify_status want, int64_t bad_seq)
{
	struct verify_result	 r;
	char			*cause = NULL;

	assert_int_equal(core_verify(c, -1, NULL, true, &r, &cause), 0);
	if (r.status != want)
		fail_msg("verify: status %d, want %d: %s", r.status, want,
		    r.message != NULL ? r.message : "");
	if (want == VERIFY_OK)
		assert_int_equal(r.events, core_head(c, NULL));
	else {
		assert_int_equal(r.bad_seq, bad_seq);
		assert_non_null(r.message);
	}
	verify_result_free(&r);
}

static void
test_verify_ok(void **state)
{
	struct fixture	*f = *state;

	propose(f->c, &bob, "Open", false);
	assert_verify(f->c, VERIFY_OK, 0);
}

static void
test_verify_finds_tampered_canon(void **state)
{
	struct fixture	*f = *state;

	propose(f->c, &bob, "Open", false);
	assert_int_equal(sqlite3_exec(store_db(core_store(f->c)),
	    "DROP TRIGGER events_no_update; UPDATE events SET canon = "
	    "CAST(replace(CAST(canon AS TEXT), '\"name\":\"bob\"', "
	    "'\"name\":\"eve\"') AS BLOB) WHERE seq = 2", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_verify(f->c, VERIFY_TAMPERED, 2);
}

static void
test_verify_finds_tampered_body(void **state)
{
	struct fixture	*f = *state;

	propose(f->c, &bob, "Open", false);
	assert_int_equal(sqlite3_exec(store_db(core_store(f->c)),
	    "DROP TRIGGER bodies_redact_only; UPDATE bodies SET body = "
	    "CAST(replace(CAST(body AS TEXT), 'Open', 'Shut') AS BLOB) "
	    "WHERE seq = 5", NULL, NULL, NULL), SQLITE_OK);
	assert_verify(f->c, VERIFY_TAMPERED, 5);
}

static void
test_verify_reports_projection_difference(void **state)
{
	struct fixture	*f = *state;
	struct verify_result	 r;

	assert_int_equal(sqlite3_exec(store_db(core_store(f->c)),
	    "UPDATE members SET role = 'leader' WHERE name = 'bob'", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(core_verify(f->c, -1, NULL, true, &r, NULL), 0);
	assert_int_equal(r.status, VERIFY_PROJECTIONS);
	verify_result_free(&r);
	/* Without the projections, the chain alone is fine. */
	assert_int_equal(core_verify(f->c, -1, NULL, false, &r, NULL), 0);
	assert_int_equal(r.status, VERIFY_OK);
	verify_result_free(&r);
}

/* Once: a write through another connection, amid a reader's statement. */
struct midway {
	struct core	*writer;
	bool		 done;
};

static int
midway_write_cb(void *arg)
{
	struct midway	*m = arg;

	if (!m->done) {
		m->done = true;
		propose(m->writer, &bob, "Meanwhile", false);
	}
	return (0);
}

/*
 * A read-only connection (CORE_READONLY) writes nothing, and its verify
 * and check each read one snapshot, however the writer commits meanwhile.
 */
static void
test_readonly_reader_sees_one_snapshot(void **state)
{
	struct fixture		 w;
	struct core		*r;
	struct verify_result	 vr;
	struct midway		 m;
	json_t			*args, *result = NULL;
	char			 dir[] = "/tmp/moot-test-core.XXXXXX";
	char			*path, *p, *cause = NULL;
	const char		*suffix[] = { "", "-wal", "-shm", ".head" };
	int64_t			 head;
	size_t			 i;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/moot.db", dir);
	w.now = 1700000000000LL;
	assert_int_equal(core_open(path, CORE_CREATE, &w.c, &cause), 0);
	core_set_clock(w.c, fixed_clock, &w);
	submit_ok(w.c, &alice, "community.created", community_args("open"));
	submit_ok(w.c, &bob, "member.joined", join_args());
	for (i = 0; i < 20; i++)
		propose(w.c, &bob, "Open", false);
	head = core_head(w.c, NULL);

	assert_int_equal(core_open(path, CORE_READONLY, &r, &cause), 0);
	assert_int_equal(core_head(r, NULL), head);
	args = json_pack("{s:s,s:s}", "title", "No", "body", "No.");
	assert_int_not_equal(core_submit(r, &bob, "proposal.created", args,
	    &result, &cause), 0);
	json_decref(args);
	free(cause);
	cause = NULL;
	assert_null(result);

	m.writer = w.c;
	m.done = false;
	sqlite3_progress_handler(store_db(core_store(r)), 100, midway_write_cb,
	    &m);
	assert_int_equal(core_verify(r, -1, NULL, true, &vr, &cause), 0);
	assert_true(m.done);
	if (vr.status != VERIFY_OK)
		fail_msg("verify amid a write: %s", vr.message);
	assert_int_equal(vr.events, head);
	verify_result_free(&vr);

	m.done = false;
	assert_int_equal(core_check(r, &result, &cause), 0);
	assert_true(m.done);
	/*
	 * The write may land before the snapshot is taken (the handler can
	 * run while the schema is read) or after it: either way check saw
	 * one consistent log, so its projections match.
	 */
	assert_true(json_is_true(json_object_get(result, "ok")));
	assert_true(json_integer_value(json_object_get(result, "events")) >=
	    head + 1);
	json_decref(result);

	sqlite3_progress_handler(store_db(core_store(r)), 0, NULL, NULL);
	core_close(r);
	core_close(w.c);
	for (i = 0; i < MOOT_NITEMS(suffix); i++) {
		p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(path);
}

static void
test_verify_given_head(void **state)
{
	struct fixture		*f = *state;
	struct verify_result	 r;
	unsigned char		 h[CANON_HASH_LEN];
	char			 hex[CANON_HEX_LEN + 1];
	int64_t			 seq;

	seq = core_head(f->c, h);
	moot_hex(h, sizeof h, hex);
	assert_int_equal(core_verify(f->c, seq, hex, false, &r, NULL), 0);
	assert_int_equal(r.status, VERIFY_OK);
	verify_result_free(&r);
	assert_int_equal(core_verify(f->c, seq + 1, hex, false, &r, NULL), 0);
	assert_int_equal(r.status, VERIFY_ROLLED_BACK);
	verify_result_free(&r);
	hex[0] = hex[0] == '0' ? '1' : '0';
	assert_int_equal(core_verify(f->c, seq, hex, false, &r, NULL), 0);
	assert_int_equal(r.status, VERIFY_FORKED);
	assert_int_equal(r.bad_seq, seq);
	verify_result_free(&r);
}

static void
test_redaction_by_moderator_forbidden(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);

	comment(f->c, &bob, pid, "my address is ...");
	submit_refused(f->c, &carol, "log.redacted", json_pack("{s:i,s:s}",
	    "seq", 6, "reason", "doxxing"), -EPERM,
	    "only leaders can redact the log; you are a moderator");
}

static void
test_redaction_of_comment(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid = propose(f->c, &bob, "Open", false);
	json_t		*k;

	comment(f->c, &bob, pid, "my address is ...");
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:i,s:s}", "seq",
	    6, "reason", "doxxing"));
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT body IS NULL FROM bodies WHERE seq = ?", 6, 0), 1);
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT redacted_by FROM bodies WHERE seq = ?", 6, 0), 7);
	assert_int_equal(store_int(core_store(f->c),
	    "SELECT body IS NULL FROM comments WHERE id = ?", 1, 0), 1);
	k = shown_comment(f->c, &carol, pid);
	assert_true(json_is_null(json_object_get(k, "body")));
	assert_string_equal(jstr(json_object_get(k, "redacted"), "reason"),
	    "doxxing");
	json_decref(k);
	assert_verify(f->c, VERIFY_OK, 0);
	assert_check_ok(f->c);
}

static void
test_redaction_of_proposal_text(void **state)
{
	struct fixture	*f = *state;
	json_t		*p;

	propose(f->c, &bob, "Secret name", false);
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:i,s:s}", "seq",
	    5, "reason", "personal data"));
	p = query(query_show, f->c, &bob, json_pack("{s:i}", "id", 1));
	assert_true(json_is_null(json_object_get(p, "title")));
	assert_true(json_is_null(json_object_get(p, "body")));
	assert_string_equal(jstr(p, "state"), "discussion");
	json_decref(p);
	assert_verify(f->c, VERIFY_OK, 0);
	assert_check_ok(f->c);
}

static void
test_redaction_twice_conflicts(void **state)
{
	struct fixture	*f = *state;

	propose(f->c, &bob, "Secret", false);
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:i,s:s}", "seq",
	    5, "reason", "personal data"));
	submit_refused(f->c, &alice, "log.redacted", json_pack("{s:i,s:s}",
	    "seq", 5, "reason", "again"), -EEXIST,
	    "event 5 is already redacted (by event 6)");
}

static void
test_redaction_of_textless_event(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "log.redacted", json_pack("{s:i,s:s}",
	    "seq", 4, "reason", "x"), -EINVAL,
	    "event 4 (role.changed) holds no member-written text to redact");
}

static void
test_redaction_of_missing_event(void **state)
{
	struct fixture	*f = *state;

	submit_refused(f->c, &alice, "log.redacted", json_pack("{s:i,s:s}",
	    "seq", 99, "reason", "x"), -ENOENT, "there is no event 99");
}

static void
test_redaction_needs_reason(void **state)
{
	struct fixture	*f = *state;

	propose(f->c, &bob, "Secret", false);
	submit_refused(f->c, &alice, "log.redacted", json_pack("{s:i,s:s}",
	    "seq", 5, "reason", "   "), -EINVAL, "reason: empty");
}

/* --- queries --- */

static void
test_whoami(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;

	r = query(query_whoami, f->c, &carol, NULL);
	assert_int_equal(jint(r, "uid"), 1002);
	assert_string_equal(jstr(r, "name"), "carol");
	assert_string_equal(jstr(r, "role"), "moderator");
	assert_string_equal(jstr(r, "status"), "active");
	assert_string_equal(jstr(r, "agreement_version"), AGREEMENT_VERSION);
	assert_string_equal(jstr(r, "community"), "Allotment");
	json_decref(r);
	r = query(query_whoami, f->c, &dave, NULL);
	assert_string_equal(jstr(r, "role"), "none");
	assert_string_equal(jstr(r, "status"), "none");
	json_decref(r);
}

static void
test_status(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;

	propose(f->c, &bob, "Open", false);
	propose(f->c, &bob, "Draft", true);
	propose(f->c, &carol, "Carol's draft", true);
	r = query(query_status, f->c, &bob, NULL);
	assert_string_equal(jstr(r, "role"), "member");
	assert_int_equal(jint(r, "discussion"), 1);
	assert_int_equal(jint(r, "my_drafts"), 1);
	json_decref(r);
}

static void
test_status_without_community(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(query_err(query_status, f->c, &alice, json_object()),
	    -ENOENT);
}

static void
test_show_missing(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(query_err(query_show, f->c, &bob, json_pack("{s:i}",
	    "id", 3)), -ENOENT);
}

static void
test_list_pages_without_duplicates(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *rows, *next;
	bool		 seen[8] = { false };
	int64_t		 after = -1, id, prev = 1000;
	int		 pages = 0, total = 0, i;
	size_t		 k;

	for (i = 0; i < 7; i++)
		propose(f->c, &bob, "P", false);
	for (;;) {
		r = query(query_list, f->c, &bob, after < 0 ?
		    json_pack("{s:i}", "limit", 3) :
		    json_pack("{s:i,s:I}", "limit", 3, "after",
		    (json_int_t)after));
		rows = json_object_get(r, "proposals");
		assert_true(json_array_size(rows) <= 3);
		for (k = 0; k < json_array_size(rows); k++) {
			id = jint(json_array_get(rows, k), "id");
			assert_true(id >= 1 && id <= 7);
			assert_false(seen[id]);
			assert_true(id < prev);	/* newest first */
			seen[id] = true;
			prev = id;
			total++;
		}
		pages++;
		next = json_object_get(r, "next");
		if (json_is_null(next)) {
			json_decref(r);
			break;
		}
		after = json_integer_value(next);
		assert_int_equal(after, prev);
		json_decref(r);
		assert_true(pages < 10);
	}
	assert_int_equal(total, 7);
	assert_int_equal(pages, 3);
}

static void
test_list_filters(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;

	propose(f->c, &bob, "Open", false);
	propose(f->c, &bob, "Draft", true);
	propose(f->c, &carol, "Carol's", false);
	r = query(query_list, f->c, &bob, json_pack("{s:s}", "state", "draft"));
	assert_int_equal(json_array_size(json_object_get(r, "proposals")), 1);
	json_decref(r);
	r = query(query_list, f->c, &bob, json_pack("{s:s}", "author",
	    "carol"));
	assert_int_equal(json_array_size(json_object_get(r, "proposals")), 1);
	assert_string_equal(jstr(json_array_get(json_object_get(r,
	    "proposals"), 0), "title"), "Carol's");
	json_decref(r);
	assert_int_equal(query_err(query_list, f->c, &bob, json_pack("{s:s}",
	    "state", "finished")), -EINVAL);
	assert_int_equal(query_err(query_list, f->c, &bob, json_pack("{s:s}",
	    "author", "nobody")), -ENOENT);
	assert_int_equal(query_err(query_list, f->c, &bob, json_pack("{s:i}",
	    "limit", 0)), -EINVAL);
}

static void
test_members_pages(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *rows;

	r = query(query_members, f->c, &bob, json_pack("{s:i}", "limit", 2));
	rows = json_object_get(r, "members");
	assert_int_equal(json_array_size(rows), 2);
	assert_string_equal(jstr(json_array_get(rows, 0), "name"), "alice");
	assert_string_equal(jstr(json_array_get(rows, 0), "role"), "leader");
	assert_string_equal(jstr(json_array_get(rows, 1), "name"), "bob");
	assert_int_equal(jint(r, "next"), bob.uid);
	json_decref(r);
	r = query(query_members, f->c, &bob, json_pack("{s:i,s:I}", "limit", 2,
	    "after", (json_int_t)bob.uid));
	rows = json_object_get(r, "members");
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(jstr(json_array_get(rows, 0), "name"), "carol");
	assert_string_equal(jstr(json_array_get(rows, 0), "role"),
	    "moderator");
	assert_true(json_is_null(json_object_get(r, "next")));
	json_decref(r);
}

static void
test_log_pages(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *ev;

	r = query(query_log, f->c, &bob, json_pack("{s:i}", "limit", 3));
	assert_int_equal(json_array_size(json_object_get(r, "events")), 3);
	assert_int_equal(jint(r, "next"), 3);
	assert_int_equal(jint(r, "head"), 4);
	ev = json_array_get(json_object_get(r, "events"), 0);
	assert_int_equal(jint(ev, "seq"), 1);
	assert_string_equal(jstr(ev, "type"), "community.created");
	assert_string_equal(jstr(json_object_get(ev, "actor"), "name"),
	    "alice");
	assert_int_equal(strlen(jstr(ev, "hash")), CANON_HEX_LEN);
	json_decref(r);
	r = query(query_log, f->c, &bob, json_pack("{s:i,s:i}", "limit", 3,
	    "since", 3));
	assert_int_equal(json_array_size(json_object_get(r, "events")), 1);
	assert_int_equal(jint(json_array_get(json_object_get(r, "events"), 0),
	    "seq"), 4);
	assert_true(json_is_null(json_object_get(r, "next")));
	json_decref(r);
}

static void
test_log_type_family(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;

	r = query(query_log, f->c, &bob, json_pack("{s:s}", "type", "member."));
	assert_int_equal(json_array_size(json_object_get(r, "events")), 2);
	json_decref(r);
}

int
main(void)
{
#define T_EMPTY(t)	cmocka_unit_test_setup_teardown(t, setup_empty, \
			    teardown)
#define T(t)		cmocka_unit_test_setup_teardown(t, setup_community, \
			    teardown)
	const struct CMUnitTest tests[] = {
		T_EMPTY(test_fresh_log_is_empty),
		T_EMPTY(test_community_created_leader_is_actor),
		T(test_community_created_twice_conflicts),
		T_EMPTY(test_community_bad_membership),
		T_EMPTY(test_community_missing_name),
		T_EMPTY(test_join_before_community),
		T(test_join_makes_member),
		T(test_join_old_agreement_conflicts),
		T(test_join_twice_conflicts),
		T_EMPTY(test_join_needs_invitation),
		T_EMPTY(test_invited_then_joined),
		T(test_invite_twice_conflicts),
		T(test_invite_by_member_forbidden),
		T(test_invite_unknown_user),
		T(test_role_change_by_member_forbidden),
		T(test_role_change_by_non_member_forbidden),
		T(test_role_change_unknown_role),
		T(test_role_change_unknown_member),
		T(test_role_change_same_role_conflicts),
		T(test_only_leader_cannot_step_down),
		T(test_observer_cannot_propose),
		T(test_unknown_event_type),
		T(test_proposal_by_non_member_forbidden),
		T(test_proposal_title_required),
		T(test_proposal_title_not_string),
		T(test_proposal_title_control_char),
		T(test_proposal_bad_kind),
		T(test_proposal_defaults),
		T(test_proposal_draft_edit_publish),
		T(test_proposal_edit_by_other_forbidden),
		T(test_proposal_edit_after_publish_conflicts),
		T(test_proposal_edit_nothing),
		T(test_proposal_edit_missing),
		T(test_proposal_id_negative),
		T(test_proposal_publish_twice_conflicts),
		T(test_proposal_publish_by_other_forbidden),
		T(test_proposal_withdraw_by_author),
		T(test_proposal_withdraw_by_other_member_forbidden),
		T(test_proposal_withdraw_by_moderator_needs_reason),
		T(test_comment_on_withdrawn_conflicts),
		T(test_comment_empty_body),
		T(test_comment_on_missing_proposal),
		T(test_comment_hide_by_member_forbidden),
		T(test_comment_hide_unhide_states),
		T(test_comment_hide_missing),
		T(test_hidden_comment_withheld_in_show),
		T(test_unhidden_comment_shown_again),
		T(test_hidden_comment_withheld_in_log),
		T(test_refusal_leaves_projections),
		T(test_seqs_and_chain),
		T(test_batch_keeps_others_when_one_refused),
		T(test_batch_abort_discards),
		T(test_check_ok_on_fresh_log),
		T_EMPTY(test_check_ok_on_empty_log),
		T(test_check_finds_forged_projection),
		T(test_check_finds_extra_row),
		T(test_verify_ok),
		T(test_verify_finds_tampered_canon),
		T(test_verify_finds_tampered_body),
		T(test_verify_reports_projection_difference),
		T(test_verify_given_head),
		T_EMPTY(test_readonly_reader_sees_one_snapshot),
		T(test_redaction_by_moderator_forbidden),
		T(test_redaction_of_comment),
		T(test_redaction_of_proposal_text),
		T(test_redaction_twice_conflicts),
		T(test_redaction_of_textless_event),
		T(test_redaction_of_missing_event),
		T(test_redaction_needs_reason),
		T(test_whoami),
		T(test_status),
		T_EMPTY(test_status_without_community),
		T(test_show_missing),
		T(test_list_pages_without_duplicates),
		T(test_list_filters),
		T(test_members_pages),
		T(test_log_pages),
		T(test_log_type_family),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
