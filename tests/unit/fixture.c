/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fixture the core's unit tests of disputes and progress share: an
 * in-memory community whose clock moves a second each time it is read,
 * its members, and helpers to submit (expecting success or a refusal),
 * query and check.
 *
 * alice leads, bob and erin are members, carol is a moderator, olive an
 * observer and dave not a member.
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
#include "moot/store.h"
#include "fixture.h"

const struct actor alice = { 1000, "alice" };	/* leader */
const struct actor bob = { 1001, "bob" };	/* member */
const struct actor carol = { 1002, "carol" };	/* member */
const struct actor dave = { 1003, "dave" };	/* not a member */
const struct actor erin = { 1004, "erin" };	/* member */
const struct actor olive = { 1005, "olive" };	/* observer */

static int64_t
fixed_clock(void *arg)
{
	struct fixture	*f = arg;

	return (f->now += 1000);
}

json_t *
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
int64_t
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
void
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

const char *
jstr(json_t *o, const char *key)
{
	return (json_string_value(json_object_get(o, key)));
}

int64_t
jint(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

json_t *
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

int
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

int
teardown(void **state)
{
	struct fixture	*f = *state;

	core_close(f->c);
	free(f);
	return (0);
}

/*
 * Create the community under the rules change given as JSON text, with
 * its members: bob and erin members, carol a moderator, olive an
 * observer.
 */
void
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
	submit_ok(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "olive", "role", "observer"));
	submit_ok(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "carol", "role", "moderator"));
}

/* One rule "r" for everything, with the extra keys given (JSON text). */
void
community_rule(struct fixture *f, const char *keys)
{
	char	*rules;

	rules = xasprintf("{\"rules\":{\"r\":{%s}},\"governance\":"
	    "{\"motions\":\"r\",\"amendments\":\"r\",\"polls\":\"r\","
	    "\"elections\":\"r\"}}", keys);
	community(f, rules);
	free(rules);
}

/* A motion titled title, open for discussion. */
int64_t
propose(struct fixture *f, const struct actor *a, const char *title)
{
	return (submit_ok(f->c, a, "proposal.created", json_pack("{s:s,s:s}",
	    "title", title, "body", "Details.")));
}

void
open_vote(struct fixture *f, const struct actor *a, int64_t id)
{
	submit_ok(f->c, a, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id));
}

int
settle(struct fixture *f, int64_t hint)
{
	char	*cause = NULL;
	int	 n;

	n = core_settle(f->c, hint, &cause);
	if (n < 0)
		fail_msg("settle: %d: %s", n, cause);
	return (n);
}


void
assert_check_ok(struct fixture *f)
{
	json_t	*r = NULL;
	char	*text;

	assert_int_equal(core_check(f->c, &r, NULL), 0);
	if (!json_is_true(json_object_get(r, "ok"))) {
		text = json_dumps(r, 0);
		fail_msg("check: %s", text);
	}
	json_decref(r);
}
