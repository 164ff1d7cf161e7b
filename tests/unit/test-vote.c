/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of votes (src/core/vote.c, event-vote.c, event-rules.c): the
 * voting lifecycle through the one write path, closing at the deadline
 * and running on for quorum (core_settle), early close by method, the
 * results visibility of every query, veto, the constitution amending
 * itself, reported ties, and moot verify re-tallying closed votes.
 *
 * Each test creates its own community with the rules it needs; alice
 * leads, bob, carol and erin are members, olive is an observer and dave
 * is not a member. Four members are eligible under a rule whose
 * eligible is member.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "moot/core.h"
#include "moot/rules.h"
#include "moot/vote.h"

#define AGREEMENT_VERSION	"1"
#define HOUR			(3600LL * 1000)
#define DAY			(24 * HOUR)

static const struct actor alice = { 1000, "alice" };	/* leader */
static const struct actor bob = { 1001, "bob" };	/* member */
static const struct actor carol = { 1002, "carol" };	/* member */
static const struct actor dave = { 1003, "dave" };	/* not a member */
static const struct actor erin = { 1004, "erin" };	/* member */
static const struct actor olive = { 1005, "olive" };	/* observer */

struct fixture {
	struct core	*c;
	int64_t		 now;
	bool		 no_observer;	/* leaders cannot change roles */
};

static int64_t
fixed_clock(void *arg)
{
	struct fixture	*f = arg;

	return (f->now += 1000);
}

static json_t *
submit_json(struct core *c, const struct actor *a, const char *type,
    json_t *args)
{
	json_t	*result = NULL;
	char	*cause = NULL;
	int	 error;

	error = core_submit(c, a, type, args, &result, &cause);
	if (error != 0)
		fail_msg("%s by %s: %s", type, a->name, cause);
	assert_non_null(result);
	json_decref(args);
	return (result);
}

/* Submit expecting success; returns the result's "id" (or 0). */
static int64_t
submit_ok(struct core *c, const struct actor *a, const char *type,
    json_t *args)
{
	json_t	*result;
	int64_t	 id;

	result = submit_json(c, a, type, args);
	assert_true(json_is_integer(json_object_get(result, "seq")));
	id = json_integer_value(json_object_get(result, "id"));
	json_decref(result);
	return (id);
}

/* Submit expecting err and a cause containing want; the log stays. */
static void
submit_refused(struct core *c, const struct actor *a, const char *type,
    json_t *args, int err, const char *want)
{
	json_t	*result = NULL;
	char	*cause = NULL;
	int64_t	 seq;
	int	 error;

	seq = core_head(c, NULL);
	error = core_submit(c, a, type, args, &result, &cause);
	if (error != err)
		fail_msg("%s by %s: got %d (%s), want %d", type, a->name,
		    error, cause != NULL ? cause : "", err);
	assert_null(result);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" does not contain \"%s\"", cause, want);
	free(cause);
	json_decref(args);
	assert_int_equal(core_head(c, NULL), seq);
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
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*cause = NULL;

	f->now = 1700000000000LL;
	assert_int_equal(core_open(NULL, CORE_CREATE, &f->c, &cause), 0);
	core_set_clock(f->c, fixed_clock, f);
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

/*
 * Create the community under the rules change given as JSON text, with
 * its members: bob, carol, erin members, olive an observer.
 */
static void
community(struct fixture *f, const char *rules)
{
	json_t		*args, *r;
	json_error_t	 jerr;

	args = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", "Allotment",
	    "agreement", "Be kind.", "agreement_version", AGREEMENT_VERSION,
	    "licence", "CC-BY-SA-4.0", "membership", "open");
	r = json_loads(rules, 0, &jerr);
	if (r == NULL)
		fail_msg("rules JSON: %s", jerr.text);
	json_object_set_new(args, "rules", r);
	submit_ok(f->c, &alice, "community.created", args);
	submit_ok(f->c, &bob, "member.joined", json_pack("{s:s}",
	    "agreement_version", AGREEMENT_VERSION));
	submit_ok(f->c, &carol, "member.joined", json_pack("{s:s}",
	    "agreement_version", AGREEMENT_VERSION));
	submit_ok(f->c, &erin, "member.joined", json_pack("{s:s}",
	    "agreement_version", AGREEMENT_VERSION));
	submit_ok(f->c, &olive, "member.joined", json_pack("{s:s}",
	    "agreement_version", AGREEMENT_VERSION));
	if (!f->no_observer)
		submit_ok(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
		    "user", "olive", "role", "observer"));
}

/* One rule "r" for everything, with the extra keys given (JSON text). */
static void
community_rule(struct fixture *f, const char *keys)
{
	char	*rules;

	rules = xasprintf("{\"rules\":{\"r\":{%s}},\"governance\":"
	    "{\"motions\":\"r\",\"amendments\":\"r\",\"polls\":\"r\","
	    "\"elections\":\"r\"}}", keys);
	community(f, rules);
	free(rules);
}

/* A motion (no options) or a poll (options as JSON text) under rule. */
static int64_t
propose(struct fixture *f, const struct actor *a, const char *rule,
    const char *options, bool draft)
{
	json_t	*args;

	args = json_pack("{s:s,s:s,s:b}", "title", "Buy a wheelbarrow",
	    "body", "Details.", "draft", draft);
	if (rule != NULL)
		json_object_set_new(args, "rule", json_string(rule));
	if (options != NULL) {
		json_object_set_new(args, "kind", json_string("poll"));
		json_object_set_new(args, "options", json_loads(options, 0,
		    NULL));
	}
	return (submit_ok(f->c, a, "proposal.created", args));
}

/* A proposal of kind rules, role or agreement carrying change. */
static int64_t
amend(struct fixture *f, const struct actor *a, const char *kind,
    const char *change)
{
	json_t	*args;

	args = json_pack("{s:s,s:s,s:s}", "title", "Amend", "body", "Why.",
	    "kind", kind);
	json_object_set_new(args, "change", json_loads(change, 0, NULL));
	return (submit_ok(f->c, a, "proposal.created", args));
}

static void
open_vote(struct fixture *f, const struct actor *a, int64_t id)
{
	submit_ok(f->c, a, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id));
}

static int
settle(struct fixture *f, int64_t hint)
{
	char	*cause = NULL;
	int	 n;

	n = core_settle(f->c, hint, &cause);
	if (n < 0)
		fail_msg("settle: %d: %s", n, cause);
	return (n);
}

/* Cast a ballot and settle as the server would; returns events settled. */
static int
vote(struct fixture *f, const struct actor *a, int64_t id, const char *choice)
{
	submit_ok(f->c, a, "ballot.cast", json_pack("{s:I,s:s}", "id",
	    (json_int_t)id, "choice", choice));
	return (settle(f, id));
}

static json_t *
show(struct fixture *f, const struct actor *a, int64_t id)
{
	return (query(query_show, f->c, a, json_pack("{s:I}", "id",
	    (json_int_t)id)));
}

static void
assert_state(struct fixture *f, int64_t id, const char *state,
    const char *outcome)
{
	json_t	*p = show(f, &alice, id);

	assert_string_equal(jstr(p, "state"), state);
	if (outcome != NULL)
		assert_string_equal(jstr(json_object_get(p, "vote"), "outcome"),
		    outcome);
	json_decref(p);
}

/* Move the clock past the vote's deadline (or its max_ts). */
static void
past(struct fixture *f, int64_t id, const char *key)
{
	json_t	*p = show(f, &alice, id);

	f->now = jint(json_object_get(p, "vote"), key) + 1;
	json_decref(p);
}

/* The last event of type about proposal id (the query_log row). */
static json_t *
last_event(struct fixture *f, const struct actor *a, const char *type,
    const char *ref)
{
	json_t	*r, *ev, *out = NULL;
	size_t	 i;

	r = query(query_log, f->c, a, json_pack("{s:s,s:I}", "type", type,
	    "limit", (json_int_t)1000));
	json_array_foreach(json_object_get(r, "events"), i, ev) {
		if (ref == NULL || strcmp(jstr(ev, "ref"), ref) == 0) {
			json_decref(out);
			out = json_incref(ev);
		}
	}
	json_decref(r);
	if (out == NULL)
		fail_msg("no %s event for %s", type, ref != NULL ? ref : "-");
	return (out);
}

/* The closing body of proposal id, from the log. */
static json_t *
closing(struct fixture *f, int64_t id)
{
	json_t	*ev, *body;
	char	 ref[32];

	snprintf(ref, sizeof ref, "proposal:%lld", (long long)id);
	ev = last_event(f, &alice, "vote.closed", ref);
	body = json_incref(json_object_get(ev, "body"));
	json_decref(ev);
	assert_non_null(body);
	return (body);
}

#define LIFECYCLE	"\"method\":\"yesno\",\"discussion\":\"1h\"," \
			"\"duration\":\"1d\""

/* --- the lifecycle --- */

static void
test_open_before_discussion_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, false);
	submit_refused(f->c, &bob, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id), -EBUSY, "discussion");
	f->now += HOUR;
	open_vote(f, &bob, id);
	assert_state(f, id, "voting", NULL);
}

static void
test_open_by_non_author_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, false);
	f->now += HOUR;
	submit_refused(f->c, &carol, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id), -EPERM, "only the author");
	submit_refused(f->c, &olive, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id), -EPERM, "observer");
	assert_state(f, id, "discussion", NULL);
}

static void
test_open_draft_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, true);
	f->now += HOUR;
	submit_refused(f->c, &bob, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id), -EBUSY, "draft");
}

static void
test_open_by_author_freezes_rule(void **state)
{
	struct fixture	*f = *state;
	json_t		*p, *v;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, false);
	f->now += HOUR;
	open_vote(f, &bob, id);
	submit_refused(f->c, &bob, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id), -EEXIST, "already being voted on");
	p = show(f, &bob, id);
	v = json_object_get(p, "vote");
	assert_string_equal(jstr(p, "state"), "voting");
	assert_string_equal(jstr(v, "rule"), "r");
	assert_int_equal(jint(v, "version"), 1);
	assert_string_equal(jstr(json_object_get(v, "text"), "method"),
	    "yesno");
	/*
	 * The deadline is the opening time plus duration; the check reads
	 * the clock before the event is stamped, so allow that skew (see
	 * the report: closes_ts comes out a clock read short).
	 */
	assert_true(jint(v, "closes_ts") - jint(v, "opened_ts") <= DAY);
	assert_true(jint(v, "closes_ts") - jint(v, "opened_ts") > DAY - 60000);
	assert_int_equal(jint(v, "eligible"), 4);
	assert_int_equal(core_next_deadline(f->c), jint(v, "closes_ts"));
	json_decref(p);
}

static void
test_ballot_by_non_member_and_observer_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, false);
	f->now += HOUR;
	open_vote(f, &bob, id);
	submit_refused(f->c, &dave, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "yes"), -EPERM,
	    "not a member");
	submit_refused(f->c, &olive, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "yes"), -EPERM,
	    "you are an observer");
	submit_refused(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "perhaps"), -EINVAL, "perhaps");
}

static void
test_changed_ballot_counts_last(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *p, *counts, *ev;
	char		 ref[32];
	size_t		 i, n = 0;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, false);
	f->now += HOUR;
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	r = submit_json(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "no"));
	assert_true(json_is_true(json_object_get(r, "changed")));
	json_decref(r);
	submit_refused(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "no"), -EEXIST, "already");

	snprintf(ref, sizeof ref, "proposal:%lld", (long long)id);
	r = query(query_log, f->c, &carol, json_pack("{s:s,s:s}", "type",
	    "ballot.cast", "ref", ref));
	json_array_foreach(json_object_get(r, "events"), i, ev) {
		n++;
		if (n == 2)
			assert_string_equal(jstr(json_object_get(ev, "body"),
			    "replaces"), "yes");
	}
	assert_int_equal(n, 2);
	json_decref(r);

	p = show(f, &carol, id);
	assert_int_equal(jint(json_object_get(p, "vote"), "ballots"), 1);
	counts = json_object_get(json_object_get(json_object_get(
	    json_object_get(p, "vote"), "count"), "explain"), "counts");
	assert_int_equal(jint(counts, "yes"), 0);
	assert_int_equal(jint(counts, "no"), 1);
	json_decref(p);
}

static void
test_unchangeable_ballot_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, LIFECYCLE ",\"changeable\":\"no\"");
	id = propose(f, &bob, NULL, NULL, false);
	f->now += HOUR;
	open_vote(f, &bob, id);
	vote(f, &carol, id, "yes");
	submit_refused(f->c, &carol, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "no"), -EEXIST,
	    "does not let ballots change");
}

static void
test_deadline_closes_by_moot(void **state)
{
	struct fixture	*f = *state;
	json_t		*ev, *p;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, false);
	f->now += HOUR;
	open_vote(f, &bob, id);
	assert_int_equal(vote(f, &bob, id, "yes"), 0);
	assert_int_equal(vote(f, &carol, id, "yes"), 0);
	assert_int_equal(vote(f, &erin, id, "no"), 0);
	assert_int_equal(settle(f, 0), 0);
	assert_state(f, id, "voting", NULL);

	past(f, id, "closes_ts");
	/* Voting has ended, though nobody has counted yet. */
	submit_refused(f->c, &alice, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "no"), -EBUSY, "ended");
	assert_int_equal(settle(f, 0), 1);
	assert_int_equal(settle(f, 0), 0);
	assert_int_equal(settle(f, id), 0);

	ev = last_event(f, &bob, "vote.closed", NULL);
	assert_int_equal(jint(json_object_get(ev, "actor"), "uid"),
	    MOOT_SYSTEM_UID);
	assert_string_equal(jstr(json_object_get(ev, "actor"), "name"),
	    MOOT_SYSTEM_NAME);
	assert_string_equal(jstr(json_object_get(ev, "body"), "outcome"),
	    "passed");
	assert_false(json_is_true(json_object_get(json_object_get(ev, "body"),
	    "early")));
	assert_int_equal(jint(json_object_get(ev, "body"), "ballots"), 3);
	assert_int_equal(jint(json_object_get(ev, "body"), "eligible"), 4);
	json_decref(ev);

	p = show(f, &dave, id);
	assert_string_equal(jstr(p, "state"), "closed");
	assert_string_equal(jstr(json_object_get(p, "vote"), "outcome"),
	    "passed");
	assert_non_null(strstr(jstr(json_object_get(json_object_get(p,
	    "vote"), "result"), "summary"), "passed"));
	json_decref(p);
	assert_int_equal(core_next_deadline(f->c), 0);

	submit_refused(f->c, &alice, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "no"), -EBUSY, "not being voted");
}

static void
test_close_by_hand_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, LIFECYCLE);
	id = propose(f, &bob, NULL, NULL, false);
	f->now += HOUR;
	open_vote(f, &bob, id);
	submit_refused(f->c, &alice, "vote.closed", json_pack("{s:I}", "id",
	    (json_int_t)id), -EPERM, "nobody does it by hand");
	submit_refused(f->c, &alice, "vote.extended", json_pack("{s:I}", "id",
	    (json_int_t)id), -EPERM, "nobody does it by hand");
	submit_refused(f->c, &core_system, "vote.closed", json_pack("{s:I}",
	    "id", (json_int_t)id), -EBUSY, "not due to close");
}

/* --- running on for quorum --- */

#define RUN_ON	"\"method\":\"yesno\",\"quorum\":\"3\",\"duration\":\"1d\"," \
		"\"max_duration\":\"3d\""

static void
test_extended_then_quorum_closes(void **state)
{
	struct fixture	*f = *state;
	json_t		*p;
	int64_t		 id;

	community_rule(f, RUN_ON);
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	vote(f, &carol, id, "yes");
	past(f, id, "closes_ts");
	assert_int_equal(settle(f, 0), 1);
	p = show(f, &alice, id);
	assert_string_equal(jstr(p, "state"), "voting");
	assert_true(json_is_true(json_object_get(json_object_get(p, "vote"),
	    "extended")));
	assert_int_equal(core_next_deadline(f->c), jint(json_object_get(p,
	    "vote"), "max_ts"));
	json_decref(p);
	json_decref(last_event(f, &alice, "vote.extended", NULL));
	assert_int_equal(settle(f, 0), 0);

	/* The ballot that makes quorum closes it at once. */
	assert_int_equal(vote(f, &erin, id, "no"), 1);
	assert_state(f, id, "closed", "passed");
}

static void
test_max_duration_no_quorum(void **state)
{
	struct fixture	*f = *state;
	json_t		*body;
	int64_t		 id;

	community_rule(f, RUN_ON);
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	past(f, id, "closes_ts");
	assert_int_equal(settle(f, 0), 1);
	assert_int_equal(vote(f, &carol, id, "yes"), 0);
	assert_state(f, id, "voting", NULL);
	past(f, id, "max_ts");
	submit_refused(f->c, &erin, "ballot.cast", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "choice", "yes"), -EBUSY, "ended");
	assert_int_equal(settle(f, 0), 1);
	assert_state(f, id, "closed", "no-quorum");
	body = closing(f, id);
	assert_non_null(strstr(jstr(body, "summary"), "quorum"));
	json_decref(body);
}

/* --- early close --- */

#define EARLY	"\"method\":\"yesno\",\"duration\":\"7d\"," \
		"\"early_close\":\"yes\""

static void
test_early_close_when_settled(void **state)
{
	struct fixture	*f = *state;
	json_t		*body;
	int64_t		 id;

	community_rule(f, EARLY);
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	/* 2 yes with 2 to come could still be 2:2. */
	assert_int_equal(vote(f, &bob, id, "yes"), 0);
	assert_int_equal(vote(f, &carol, id, "yes"), 0);
	assert_state(f, id, "voting", NULL);
	/* 3 yes against at most 1 no. */
	assert_int_equal(vote(f, &erin, id, "yes"), 1);
	assert_state(f, id, "closed", "passed");
	body = closing(f, id);
	assert_true(json_is_true(json_object_get(body, "early")));
	json_decref(body);
}

static void
test_early_close_not_while_open_question(void **state)
{
	struct fixture	*f = *state;
	json_t		*body;
	int64_t		 id;

	community_rule(f, EARLY);
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	assert_int_equal(vote(f, &bob, id, "yes"), 0);
	assert_int_equal(vote(f, &carol, id, "no"), 0);
	assert_int_equal(vote(f, &erin, id, "yes"), 0);
	assert_state(f, id, "voting", NULL);
	/* Everyone has voted: 2:2 is rejected at once. */
	assert_int_equal(vote(f, &alice, id, "no"), 1);
	assert_state(f, id, "closed", "rejected");
	body = closing(f, id);
	assert_true(json_is_true(json_object_get(body, "early")));
	assert_int_equal(jint(body, "ballots"), 4);
	json_decref(body);
}

static void
test_early_close_off_waits(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"duration\":\"7d\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &alice, id, "yes");
	vote(f, &bob, id, "yes");
	vote(f, &carol, id, "yes");
	assert_int_equal(vote(f, &erin, id, "yes"), 0);
	assert_state(f, id, "voting", NULL);
}

static void
test_early_close_consent_objection(void **state)
{
	struct fixture	*f = *state;

	community_rule(f, "\"method\":\"consent\",\"duration\":\"3d\","
	    "\"early_close\":\"yes\"");
	int64_t id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	assert_int_equal(vote(f, &bob, id, "ok"), 0);
	assert_state(f, id, "voting", NULL);
	assert_int_equal(vote(f, &carol, id, "object"), 1);
	assert_state(f, id, "closed", "rejected");
}

static void
test_early_close_approval_margin(void **state)
{
	struct fixture	*f = *state;
	json_t		*body;
	int64_t		 id;

	community_rule(f, "\"method\":\"approval\",\"duration\":\"3d\","
	    "\"early_close\":\"yes\"");
	id = propose(f, &bob, NULL, "[\"Oak\",\"Ash\",\"Elm\"]", false);
	open_vote(f, &bob, id);
	assert_int_equal(vote(f, &bob, id, "Oak"), 0);
	/* Oak leads 2:0 with 2 ballots to come: not yet. */
	assert_int_equal(vote(f, &carol, id, "Oak"), 0);
	assert_state(f, id, "voting", NULL);
	/* 3:0 with 1 to come: certain. */
	assert_int_equal(vote(f, &erin, id, "Oak,Elm"), 1);
	assert_state(f, id, "closed", "passed");
	body = closing(f, id);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(body, "winners"), 0)), "Oak");
	assert_true(json_is_true(json_object_get(body, "early")));
	json_decref(body);
}

static void
test_early_close_plurality_margin(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, "\"method\":\"plurality\",\"duration\":\"3d\","
	    "\"early_close\":\"yes\"");
	id = propose(f, &bob, NULL, "[\"Oak\",\"Ash\"]", false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "Oak");
	vote(f, &carol, id, "Ash");
	assert_int_equal(vote(f, &erin, id, "Oak"), 0);
	/* 2:1 with 1 to come could still tie: not early. */
	assert_state(f, id, "voting", NULL);
	assert_int_equal(vote(f, &alice, id, "Oak"), 1);
	assert_state(f, id, "closed", "passed");
}

static void
test_early_close_schulze_only_all(void **state)
{
	struct fixture	*f = *state;

	community_rule(f, "\"method\":\"schulze\",\"duration\":\"3d\","
	    "\"early_close\":\"yes\"");
	int64_t id = propose(f, &bob, NULL, "[\"Oak\",\"Ash\"]", false);
	open_vote(f, &bob, id);
	assert_int_equal(vote(f, &bob, id, "Oak>Ash"), 0);
	assert_int_equal(vote(f, &carol, id, "Oak>Ash"), 0);
	assert_int_equal(vote(f, &erin, id, "Oak>Ash"), 0);
	/* 3:0 of 4 is decided, but a ranked vote waits for everyone. */
	assert_state(f, id, "voting", NULL);
	assert_int_equal(vote(f, &alice, id, "Ash>Oak"), 1);
	assert_state(f, id, "closed", "passed");
}

/* --- results visibility --- */

static bool
has_count(struct fixture *f, const struct actor *a, int64_t id,
    bool *visible)
{
	json_t	*p, *v;
	bool	 has;

	p = show(f, a, id);
	v = json_object_get(p, "vote");
	has = json_object_get(v, "count") != NULL;
	*visible = json_is_true(json_object_get(v, "visible"));
	json_decref(p);
	return (has);
}

/* Count the ballot.cast events of id that a reads with/without choices. */
static void
log_ballots(struct fixture *f, const struct actor *a, int64_t id,
    int *shown, int *withheld)
{
	json_t	*r, *ev;
	char	 ref[32];
	size_t	 i;

	*shown = *withheld = 0;
	snprintf(ref, sizeof ref, "proposal:%lld", (long long)id);
	r = query(query_log, f->c, a, json_pack("{s:s,s:s}", "type",
	    "ballot.cast", "ref", ref));
	json_array_foreach(json_object_get(r, "events"), i, ev) {
		if (json_is_null(json_object_get(ev, "body"))) {
			assert_non_null(jstr(ev, "withheld"));
			assert_non_null(strstr(jstr(ev, "withheld"),
			    "not shown"));
			(*withheld)++;
		} else {
			assert_null(json_object_get(ev, "withheld"));
			assert_non_null(jstr(json_object_get(ev, "body"),
			    "choice"));
			(*shown)++;
		}
	}
	json_decref(r);
}

static void
test_results_live(void **state)
{
	struct fixture	*f = *state;
	bool		 visible;
	int		 shown, withheld;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"results\":\"live\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	assert_true(has_count(f, &erin, id, &visible));
	assert_true(visible);
	assert_true(has_count(f, &dave, id, &visible));
	log_ballots(f, &erin, id, &shown, &withheld);
	assert_int_equal(shown, 1);
	assert_int_equal(withheld, 0);
}

static void
test_results_after_vote(void **state)
{
	struct fixture	*f = *state;
	json_t		*p, *v;
	bool		 visible;
	int		 shown, withheld;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"results\":\"after-vote\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	vote(f, &carol, id, "no");

	/* erin has not voted: turnout but no count, no choices. */
	p = show(f, &erin, id);
	v = json_object_get(p, "vote");
	assert_null(json_object_get(v, "count"));
	assert_true(json_is_false(json_object_get(v, "visible")));
	assert_int_equal(jint(v, "ballots"), 2);
	assert_true(json_is_null(json_object_get(v, "my_ballot")));
	json_decref(p);
	log_ballots(f, &erin, id, &shown, &withheld);
	assert_int_equal(shown, 0);
	assert_int_equal(withheld, 2);
	/* Nor does a leader who has not voted, nor a non-member. */
	assert_false(has_count(f, &alice, id, &visible));
	log_ballots(f, &alice, id, &shown, &withheld);
	assert_int_equal(withheld, 2);
	log_ballots(f, &dave, id, &shown, &withheld);
	assert_int_equal(withheld, 2);

	/* bob has voted. */
	assert_true(has_count(f, &bob, id, &visible));
	assert_true(visible);
	log_ballots(f, &bob, id, &shown, &withheld);
	assert_int_equal(shown, 2);

	vote(f, &erin, id, "abstain");
	assert_true(has_count(f, &erin, id, &visible));
	assert_true(visible);
	log_ballots(f, &erin, id, &shown, &withheld);
	assert_int_equal(shown, 3);
	assert_int_equal(withheld, 0);
}

static void
test_results_after_close(void **state)
{
	struct fixture	*f = *state;
	bool		 visible;
	int		 shown, withheld;
	json_t		*p;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"duration\":\"1d\","
	    "\"results\":\"after-close\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	vote(f, &alice, id, "yes");
	assert_false(has_count(f, &bob, id, &visible));
	assert_false(visible);
	assert_false(has_count(f, &alice, id, &visible));
	log_ballots(f, &bob, id, &shown, &withheld);
	assert_int_equal(withheld, 2);
	log_ballots(f, &alice, id, &shown, &withheld);
	assert_int_equal(withheld, 2);

	past(f, id, "closes_ts");
	assert_int_equal(settle(f, 0), 1);
	p = show(f, &erin, id);
	assert_true(json_is_true(json_object_get(json_object_get(p, "vote"),
	    "visible")));
	assert_string_equal(jstr(json_object_get(p, "vote"), "outcome"),
	    "passed");
	assert_non_null(json_object_get(json_object_get(p, "vote"),
	    "result"));
	json_decref(p);
	log_ballots(f, &erin, id, &shown, &withheld);
	assert_int_equal(shown, 2);
	assert_int_equal(withheld, 0);
}

static void
test_results_list_shows_only_own_ballot(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *row;
	char		*text;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"results\":\"after-close\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	vote(f, &carol, id, "no");

	r = query(query_list, f->c, &carol, NULL);
	row = json_array_get(json_object_get(r, "proposals"), 0);
	assert_int_equal(jint(row, "id"), id);
	assert_int_equal(jint(row, "ballots"), 2);
	assert_string_equal(jstr(row, "my_ballot"), "no");
	assert_null(json_object_get(row, "count"));
	text = json_dumps(r, 0);
	assert_null(strstr(text, "\"yes\""));
	free(text);
	json_decref(r);

	r = query(query_list, f->c, &erin, NULL);
	row = json_array_get(json_object_get(r, "proposals"), 0);
	assert_true(json_is_null(json_object_get(row, "my_ballot")));
	text = json_dumps(r, 0);
	assert_null(strstr(text, "\"yes\""));
	assert_null(strstr(text, "\"no\""));
	free(text);
	json_decref(r);
}

/* --- veto --- */

static void
test_veto_by_leader(void **state)
{
	struct fixture	*f = *state;
	json_t		*p;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"veto\":\"leader\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	submit_refused(f->c, &bob, "vote.vetoed", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "no"), -EPERM, "only leaders");
	submit_ok(f->c, &alice, "vote.vetoed", json_pack("{s:I,s:s}", "id",
	    (json_int_t)id, "reason", "Against the agreement."));
	p = show(f, &erin, id);
	assert_string_equal(jstr(p, "state"), "closed");
	assert_string_equal(jstr(json_object_get(p, "vote"), "outcome"),
	    "vetoed");
	assert_string_equal(jstr(json_object_get(p, "vote"), "veto_reason"),
	    "Against the agreement.");
	json_decref(p);
	assert_int_equal(settle(f, id), 0);
	assert_int_equal(core_next_deadline(f->c), 0);
	submit_refused(f->c, &alice, "vote.vetoed", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "again"), -EBUSY,
	    "not being voted on");
}

static void
test_veto_none_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"veto\":\"none\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	submit_refused(f->c, &alice, "vote.vetoed", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "no"), -EPERM, "no veto");
	assert_state(f, id, "voting", NULL);
}

/* --- the constitution amends itself --- */

#define AMEND_RULES \
	"{\"rules\":{\"amend\":{\"method\":\"yesno\",\"duration\":\"1d\"}," \
	"\"fast\":{\"method\":\"yesno\",\"duration\":\"3d\"}}," \
	"\"governance\":{\"motions\":\"fast\",\"amendments\":\"amend\"%s}}"

static void
community_amend(struct fixture *f, const char *gov)
{
	char	*rules;

	rules = xasprintf(AMEND_RULES, gov);
	community(f, rules);
	free(rules);
}

/* Put proposal id to the vote, all four vote yes, close and apply. */
static int
pass(struct fixture *f, int64_t id)
{
	open_vote(f, &alice, id);
	vote(f, &alice, id, "yes");
	vote(f, &bob, id, "yes");
	vote(f, &carol, id, "yes");
	vote(f, &erin, id, "yes");
	past(f, id, "closes_ts");
	return (settle(f, 0));
}

static json_t *
rule_of(struct fixture *f, const char *name)
{
	return (query(query_rules, f->c, &bob, json_pack("{s:s}", "name",
	    name)));
}

static void
test_amend_rules_passes_and_applies(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *ev, *p;
	char		 cause[32];
	int64_t		 id;

	community_amend(f, "");
	id = amend(f, &bob, "rules", "{\"rules\":{\"lazy\":{\"method\":"
	    "\"consent\",\"duration\":\"2d\"}}}");
	p = show(f, &bob, id);
	assert_string_equal(jstr(p, "rule"), "amend");
	json_decref(p);
	/* vote.closed and rules.changed. */
	assert_int_equal(pass(f, id), 2);
	assert_int_equal(settle(f, 0), 0);

	r = rule_of(f, "lazy");
	assert_int_equal(jint(r, "version"), 1);
	assert_string_equal(jstr(json_object_get(r, "rule"), "method"),
	    "consent");
	snprintf(cause, sizeof cause, "proposal:%lld", (long long)id);
	assert_string_equal(jstr(r, "cause"), cause);
	json_decref(r);

	ev = last_event(f, &bob, "rules.changed", NULL);
	assert_int_equal(jint(json_object_get(ev, "actor"), "uid"),
	    MOOT_SYSTEM_UID);
	assert_string_equal(jstr(json_object_get(ev, "body"), "cause"), cause);
	p = show(f, &bob, id);
	assert_string_equal(jstr(p, "state"), "closed");
	assert_string_equal(jstr(json_object_get(p, "vote"), "outcome"),
	    "passed");
	assert_int_equal(jint(p, "applied_seq"), jint(ev, "seq"));
	json_decref(p);
	json_decref(ev);
}

static void
test_amend_rules_second_change_version_2(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	int64_t		 id;

	community_amend(f, "");
	id = amend(f, &bob, "rules", "{\"rules\":{\"lazy\":{\"method\":"
	    "\"consent\",\"duration\":\"2d\"}}}");
	assert_int_equal(pass(f, id), 2);
	id = amend(f, &carol, "rules", "{\"rules\":{\"lazy\":{\"method\":"
	    "\"consent\",\"duration\":\"4d\"}}}");
	assert_int_equal(pass(f, id), 2);
	r = rule_of(f, "lazy");
	assert_int_equal(jint(r, "version"), 2);
	assert_string_equal(jstr(json_object_get(r, "rule"), "duration"),
	    "4d");
	assert_int_equal(json_array_size(json_object_get(r, "history")), 2);
	json_decref(r);
}

static void
test_amend_keeps_open_vote_frozen(void **state)
{
	struct fixture	*f = *state;
	json_t		*p, *before, *body;
	int64_t		 m, id;

	community_amend(f, "");
	/* A motion under fast (more yes than no), its vote open. */
	m = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, m);
	p = show(f, &bob, m);
	before = json_incref(json_object_get(json_object_get(p, "vote"),
	    "text"));
	assert_int_equal(jint(json_object_get(p, "vote"), "version"), 1);
	json_decref(p);
	vote(f, &bob, m, "yes");
	vote(f, &carol, m, "yes");
	vote(f, &erin, m, "no");

	/* fast now asks for three quarters. */
	id = amend(f, &alice, "rules", "{\"rules\":{\"fast\":{\"method\":"
	    "\"yesno\",\"duration\":\"3d\",\"threshold\":\">=3/4\"}}}");
	assert_int_equal(pass(f, id), 2);
	p = rule_of(f, "fast");
	assert_int_equal(jint(p, "version"), 2);
	json_decref(p);

	p = show(f, &bob, m);
	assert_string_equal(jstr(p, "state"), "voting");
	assert_int_equal(jint(json_object_get(p, "vote"), "version"), 1);
	assert_true(json_equal(json_object_get(json_object_get(p, "vote"),
	    "text"), before));
	json_decref(p);
	json_decref(before);

	/* 2 of 3 passes under version 1, which it cites. */
	past(f, m, "closes_ts");
	assert_int_equal(settle(f, 0), 1);
	assert_state(f, m, "closed", "passed");
	body = closing(f, m);
	assert_int_equal(jint(body, "version"), 1);
	assert_string_equal(jstr(body, "rule"), "fast");
	json_decref(body);
}

static void
test_amend_role_applies(void **state)
{
	struct fixture	*f = *state;
	json_t		*ev;
	int64_t		 id;

	/* olive stays a member: five eligible, four vote yes. */
	f->no_observer = true;
	community_amend(f, ",\"leaders_change_roles\":\"no\"");
	submit_refused(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "erin", "role", "moderator"), -EPERM,
	    "changes roles only by vote");
	id = amend(f, &bob, "role", "{\"user\":\"erin\",\"role\":"
	    "\"moderator\"}");
	assert_int_equal(pass(f, id), 2);
	assert_int_equal(core_role_of(f->c, erin.uid), ROLE_MODERATOR);
	ev = last_event(f, &bob, "role.changed", NULL);
	assert_int_equal(jint(json_object_get(ev, "actor"), "uid"),
	    MOOT_SYSTEM_UID);
	assert_non_null(jstr(json_object_get(ev, "body"), "cause"));
	json_decref(ev);
}

static void
test_amend_agreement_applies(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	int64_t		 id;

	community_amend(f, "");
	id = amend(f, &bob, "agreement", "{\"agreement\":\"Be kind. Share.\","
	    "\"version\":\"2\"}");
	assert_int_equal(pass(f, id), 2);
	r = query(query_community, f->c, &bob, NULL);
	assert_string_equal(jstr(r, "agreement_version"), "2");
	assert_string_equal(jstr(r, "agreement"), "Be kind. Share.");
	json_decref(r);
}

static void
test_apply_by_hand_refused(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	community_amend(f, ",\"leaders_change_rules\":\"yes\"");
	id = amend(f, &bob, "rules", "{\"rules\":{\"lazy\":{\"method\":"
	    "\"consent\"}}}");
	submit_refused(f->c, &alice, "rules.changed", json_pack("{s:I}",
	    "proposal", (json_int_t)id), -EPERM, "nobody can apply one");
	open_vote(f, &alice, id);
	vote(f, &alice, id, "yes");
	past(f, id, "closes_ts");
	/* Even once passed, only moot applies it. */
	submit_ok(f->c, &core_system, "vote.closed", json_pack("{s:I}", "id",
	    (json_int_t)id));
	submit_refused(f->c, &alice, "rules.changed", json_pack("{s:I}",
	    "proposal", (json_int_t)id), -EPERM, "nobody can apply one");
	submit_refused(f->c, &alice, "role.changed", json_pack("{s:I}",
	    "proposal", (json_int_t)id), -EPERM, "nobody can apply one");
	assert_int_equal(settle(f, 0), 1);
	submit_refused(f->c, &core_system, "rules.changed", json_pack("{s:I}",
	    "proposal", (json_int_t)id), -EBUSY, "waiting to be applied");
}

static void
test_leaders_change_rules(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;

	community_amend(f, "");
	submit_refused(f->c, &alice, "rules.changed", json_pack("{s:{s:{s:{s:s}}}}",
	    "change", "rules", "lazy", "method", "consent"), -EPERM,
	    "only by vote");
	teardown(state);
	setup(state);
	f = *state;
	community_amend(f, ",\"leaders_change_rules\":\"yes\"");
	submit_refused(f->c, &bob, "rules.changed", json_pack("{s:{s:{s:{s:s}}}}",
	    "change", "rules", "lazy", "method", "consent"), -EPERM,
	    "only leaders");
	submit_ok(f->c, &alice, "rules.changed", json_pack("{s:{s:{s:{s:s}}}}",
	    "change", "rules", "lazy", "method", "consent"));
	r = rule_of(f, "lazy");
	assert_int_equal(jint(r, "version"), 1);
	assert_true(json_is_null(json_object_get(r, "cause")));
	json_decref(r);
}

/* --- ties --- */

static void
test_tie_yesno_reported(void **state)
{
	struct fixture	*f = *state;
	json_t		*body;
	int64_t		 id;

	community_rule(f, "\"method\":\"yesno\",\"duration\":\"1d\","
	    "\"ties\":\"report\"");
	id = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "yes");
	vote(f, &carol, id, "no");
	past(f, id, "closes_ts");
	assert_int_equal(settle(f, 0), 1);
	assert_state(f, id, "closed", "tied");
	body = closing(f, id);
	assert_string_equal(jstr(body, "outcome"), "tied");
	assert_non_null(strstr(jstr(body, "summary"), "tied"));
	assert_true(json_is_array(json_object_get(body, "tied")));
	json_decref(body);
}

static void
test_tie_approval_reported(void **state)
{
	struct fixture	*f = *state;
	json_t		*body, *tied;
	int64_t		 id;

	community_rule(f, "\"method\":\"approval\",\"duration\":\"1d\","
	    "\"ties\":\"report\"");
	id = propose(f, &bob, NULL, "[\"Oak\",\"Ash\",\"Elm\"]", false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "Oak");
	vote(f, &carol, id, "Ash,Elm");
	vote(f, &erin, id, "Oak,Ash");
	past(f, id, "closes_ts");
	assert_int_equal(settle(f, 0), 1);
	assert_state(f, id, "closed", "tied");
	body = closing(f, id);
	tied = json_object_get(body, "tied");
	assert_int_equal(json_array_size(tied), 2);
	assert_string_equal(json_string_value(json_array_get(tied, 0)), "Oak");
	assert_string_equal(json_string_value(json_array_get(tied, 1)), "Ash");
	assert_int_equal(json_array_size(json_object_get(body, "winners")), 0);
	json_decref(body);
}

static void
test_tie_broken_by_default(void **state)
{
	struct fixture	*f = *state;
	json_t		*body;
	int64_t		 id;

	community_rule(f, "\"method\":\"approval\",\"duration\":\"1d\"");
	id = propose(f, &bob, NULL, "[\"Oak\",\"Ash\"]", false);
	open_vote(f, &bob, id);
	vote(f, &bob, id, "Ash");
	vote(f, &carol, id, "Oak");
	past(f, id, "closes_ts");
	assert_int_equal(settle(f, 0), 1);
	assert_state(f, id, "closed", "passed");
	body = closing(f, id);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(body, "winners"), 0)), "Oak");
	json_decref(body);
}

/* --- re-tally --- */

static void
test_verify_retallies_closed_votes(void **state)
{
	struct fixture		*f = *state;
	struct verify_result	 vr;
	json_t			*r = NULL;
	char			*cause = NULL;
	int64_t			 a, b, c, d, e;

	community(f, "{\"rules\":{"
	    "\"yn\":{\"method\":\"yesno\",\"duration\":\"1d\","
	    "\"ties\":\"report\",\"veto\":\"leader\"},"
	    "\"ap\":{\"method\":\"approval\",\"duration\":\"1d\"},"
	    "\"sc\":{\"method\":\"schulze\",\"duration\":\"1d\","
	    "\"default_option\":\"None of the above\"}},"
	    "\"governance\":{\"motions\":\"yn\",\"amendments\":\"yn\"}}");
	a = propose(f, &bob, NULL, NULL, false);
	b = propose(f, &bob, "ap", "[\"Oak\",\"Ash\"]", false);
	c = propose(f, &bob, "sc", "[\"Oak\",\"Ash\"]", false);
	d = propose(f, &bob, NULL, NULL, false);
	e = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &bob, a);
	open_vote(f, &bob, b);
	open_vote(f, &bob, c);
	open_vote(f, &bob, d);
	open_vote(f, &bob, e);
	vote(f, &bob, a, "yes");
	vote(f, &bob, a, "no");
	vote(f, &carol, a, "yes");
	vote(f, &erin, a, "abstain");
	vote(f, &bob, b, "Oak,Ash");
	vote(f, &carol, b, "Ash");
	vote(f, &bob, c, "Ash>Oak");
	vote(f, &carol, c, "Oak>None of the above>Ash");
	vote(f, &erin, c, "Ash");
	vote(f, &bob, d, "yes");
	vote(f, &carol, d, "no");
	vote(f, &bob, e, "yes");
	submit_ok(f->c, &alice, "vote.vetoed", json_pack("{s:I,s:s}", "id",
	    (json_int_t)e, "reason", "Out of scope."));
	past(f, a, "closes_ts");
	f->now += HOUR;
	assert_int_equal(settle(f, 0), 4);
	assert_state(f, a, "closed", "tied");
	assert_state(f, b, "closed", "passed");
	assert_state(f, c, "closed", NULL);
	assert_state(f, d, "closed", "tied");
	assert_state(f, e, "closed", "vetoed");

	assert_int_equal(core_verify(f->c, -1, NULL, false, &vr, &cause), 0);
	if (vr.status != VERIFY_OK)
		fail_msg("verify: status %d: %s", vr.status,
		    vr.message != NULL ? vr.message : "");
	assert_int_equal(vr.events, core_head(f->c, NULL));
	verify_result_free(&vr);
	assert_int_equal(core_verify(f->c, -1, NULL, true, &vr, &cause), 0);
	assert_int_equal(vr.status, VERIFY_OK);
	verify_result_free(&vr);

	assert_int_equal(core_check(f->c, &r, &cause), 0);
	if (!json_is_true(json_object_get(r, "ok"))) {
		char *s = json_dumps(r, 0);
		fail_msg("check: %s", s);
	}
	json_decref(r);
}


/*
 * Two proposals that make the same change pass in the same settle: the
 * second cannot apply, but it holds up neither the other proposals'
 * changes nor later votes. (core_settle's return value is not checked
 * here: see the report.)
 */
static void
test_conflicting_changes_do_not_block(void **state)
{
	struct fixture	*f = *state;
	json_t		*p, *r;
	char		*cause = NULL;
	int64_t		 a, b, m, later;

	community_amend(f, "");
	a = amend(f, &bob, "role", "{\"user\":\"erin\",\"role\":"
	    "\"moderator\"}");
	b = amend(f, &carol, "role", "{\"user\":\"erin\",\"role\":"
	    "\"moderator\"}");
	m = amend(f, &carol, "rules", "{\"rules\":{\"lazy\":{\"method\":"
	    "\"consent\"}}}");
	later = propose(f, &bob, NULL, NULL, false);
	open_vote(f, &alice, a);
	open_vote(f, &alice, b);
	open_vote(f, &alice, m);
	open_vote(f, &bob, later);
	submit_ok(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}", "id",
	    (json_int_t)a, "choice", "yes"));
	submit_ok(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}", "id",
	    (json_int_t)b, "choice", "yes"));
	submit_ok(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}", "id",
	    (json_int_t)m, "choice", "yes"));
	submit_ok(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}", "id",
	    (json_int_t)later, "choice", "yes"));
	past(f, m, "closes_ts");
	(void)core_settle(f->c, 0, &cause);
	free(cause);
	cause = NULL;
	assert_state(f, a, "closed", "passed");
	assert_state(f, b, "closed", "passed");
	assert_int_equal(core_role_of(f->c, erin.uid), ROLE_MODERATOR);
	p = show(f, &bob, m);
	assert_non_null(json_object_get(p, "applied_seq"));
	json_decref(p);
	r = rule_of(f, "lazy");
	assert_int_equal(jint(r, "version"), 1);
	json_decref(r);

	past(f, later, "closes_ts");
	(void)core_settle(f->c, 0, &cause);
	free(cause);
	assert_state(f, later, "closed", "passed");
}

#define T(t)	cmocka_unit_test_setup_teardown(t, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_before_discussion_refused),
		T(test_open_by_non_author_refused),
		T(test_open_draft_refused),
		T(test_open_by_author_freezes_rule),
		T(test_ballot_by_non_member_and_observer_refused),
		T(test_changed_ballot_counts_last),
		T(test_unchangeable_ballot_refused),
		T(test_deadline_closes_by_moot),
		T(test_close_by_hand_refused),
		T(test_extended_then_quorum_closes),
		T(test_max_duration_no_quorum),
		T(test_early_close_when_settled),
		T(test_early_close_not_while_open_question),
		T(test_early_close_off_waits),
		T(test_early_close_consent_objection),
		T(test_early_close_approval_margin),
		T(test_early_close_plurality_margin),
		T(test_early_close_schulze_only_all),
		T(test_results_live),
		T(test_results_after_vote),
		T(test_results_after_close),
		T(test_results_list_shows_only_own_ballot),
		T(test_veto_by_leader),
		T(test_veto_none_refused),
		T(test_amend_rules_passes_and_applies),
		T(test_amend_rules_second_change_version_2),
		T(test_amend_keeps_open_vote_frozen),
		T(test_amend_role_applies),
		T(test_amend_agreement_applies),
		T(test_apply_by_hand_refused),
		T(test_leaders_change_rules),
		T(test_tie_yesno_reported),
		T(test_tie_approval_reported),
		T(test_tie_broken_by_default),
		T(test_verify_retallies_closed_votes),
		T(test_conflicting_changes_do_not_block),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
