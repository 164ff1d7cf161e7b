/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the stats query (src/core/query-stats.c): turnout of the
 * latest closed votes and its median, the median time to decision (odd
 * and even counts, vetoed votes included), members active in the last
 * 30 days (moot's own events not counted, the window's edge exact),
 * events per week (empty weeks, the edges of a week, the current week),
 * the dispute figures, and the arguments' limits.
 *
 * The clock stands still unless a test moves it, so every figure is
 * exact. alice leads; bob, carol and erin are members, olive an
 * observer: four members are eligible under the rule "r".
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

#define HOUR		(3600LL * 1000)
#define DAY		(24 * HOUR)
#define WEEK		(7 * DAY)
/* A Tuesday, 22:13:20 UTC; its week began on Monday 2023-11-13. */
#define T0		1700000000000LL
#define MONDAY0		1699833600000LL

static const struct actor alice = { 1000, "alice" };	/* leader */
static const struct actor bob = { 1001, "bob" };
static const struct actor carol = { 1002, "carol" };
static const struct actor erin = { 1004, "erin" };
static const struct actor olive = { 1005, "olive" };	/* observer */

struct fixture {
	struct core	*c;
	int64_t		 now;
};

static int64_t
still_clock(void *arg)
{
	struct fixture	*f = arg;

	return (f->now);
}

static int64_t
submit(struct fixture *f, const struct actor *a, const char *type,
    json_t *args)
{
	json_t	*result = NULL;
	char	*cause = NULL;
	int64_t	 id;

	if (core_submit(f->c, a, type, args, &result, &cause) != 0)
		fail_msg("%s by %s: %s", type, a->name, cause);
	json_decref(args);
	id = json_integer_value(json_object_get(result, "id"));
	json_decref(result);
	return (id);
}

static int64_t
jint(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	if (!json_is_integer(v))
		fail_msg("%s is not an integer", key);
	return (json_integer_value(v));
}

static double
jreal(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	if (!json_is_real(v))
		fail_msg("%s is not a number", key);
	return (json_real_value(v));
}

static json_t *
stats(struct fixture *f, json_t *args)
{
	json_t	*r = NULL;
	char	*cause = NULL;

	if (args == NULL)
		args = json_object();
	if (query_stats(f->c, &bob, args, &r, &cause) != 0)
		fail_msg("stats: %s", cause);
	json_decref(args);
	assert_non_null(r);
	return (r);
}

static void
stats_refused(struct fixture *f, json_t *args, int err, const char *want)
{
	json_t	*r = NULL;
	char	*cause = NULL;

	assert_int_equal(query_stats(f->c, &bob, args, &r, &cause), err);
	assert_null(r);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" does not contain \"%s\"", cause, want);
	free(cause);
	json_decref(args);
}

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*cause = NULL;

	f->now = T0;
	assert_int_equal(core_open(NULL, CORE_CREATE, &f->c, &cause), 0);
	core_set_clock(f->c, still_clock, f);
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

/* The community at f->now: six events, five members, four eligible. */
static void
community(struct fixture *f)
{
	const struct actor	*joiners[] = { &bob, &carol, &erin, &olive };
	json_t			*args;
	size_t			 i;

	args = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", "Allotment",
	    "agreement", "Be kind.", "agreement_version", "1",
	    "licence", "CC-BY-SA-4.0", "membership", "open");
	json_object_set_new(args, "rules", json_pack("{s:{s:{s:s,s:s,s:s,"
	    "s:s,s:s}},s:{s:s,s:s,s:s,s:s}}", "rules", "r", "method",
	    "yesno", "discussion", "1h", "duration", "1d", "early_close",
	    "no", "veto", "leader", "governance", "motions", "r",
	    "amendments", "r", "polls", "r", "elections", "r"));
	submit(f, &alice, "community.created", args);
	for (i = 0; i < MOOT_NITEMS(joiners); i++)
		submit(f, joiners[i], "member.joined", json_pack("{s:s}",
		    "agreement_version", "1"));
	submit(f, &alice, "role.changed", json_pack("{s:s,s:s}", "user",
	    "olive", "role", "observer"));
}

static int64_t
propose(struct fixture *f, const char *title)
{
	return (submit(f, &bob, "proposal.created", json_pack("{s:s,s:s}",
	    "title", title, "body", "Details.")));
}

/* Open the vote on id delay after now, with a yes from each voter. */
static void
open_vote(struct fixture *f, int64_t id, int64_t delay,
    const struct actor **voters, size_t n)
{
	size_t	i;

	f->now += delay;
	submit(f, &bob, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id));
	for (i = 0; i < n; i++)
		submit(f, voters[i], "ballot.cast", json_pack("{s:I,s:s}",
		    "id", (json_int_t)id, "choice", "yes"));
}

/*
 * A proposal made now, its vote opened delay later with yes from the
 * voters, closed by moot 1 ms after its day: decided in delay + 1d + 1.
 */
static int64_t
decide(struct fixture *f, const char *title, int64_t delay,
    const struct actor **voters, size_t n)
{
	char	*cause = NULL;
	int64_t	 id;

	id = propose(f, title);
	open_vote(f, id, delay, voters, n);
	f->now += DAY + 1;
	if (core_settle(f->c, 0, &cause) != 1)
		fail_msg("settle: %s", cause != NULL ? cause : "no close");
	return (id);
}

static void
test_stats_no_community(void **state)
{
	struct fixture	*f = *state;

	stats_refused(f, json_object(), -ENOENT, "no community");
}

static void
test_stats_arguments(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;

	community(f);
	stats_refused(f, json_pack("{s:i}", "weeks", 0), -EINVAL,
	    "weeks must be between 1 and 104");
	stats_refused(f, json_pack("{s:i}", "weeks", 105), -EINVAL,
	    "weeks must be between 1 and 104");
	stats_refused(f, json_pack("{s:i}", "votes", 101), -EINVAL,
	    "votes must be between 1 and 100");
	stats_refused(f, json_pack("{s:s}", "votes", "ten"), -EINVAL,
	    "votes");
	r = stats(f, json_pack("{s:i}", "weeks", 104));
	assert_int_equal(json_array_size(json_object_get(r,
	    "events_per_week")), 104);
	json_decref(r);
}

/* A new community: no vote, no decision, no dispute: nulls, not zeros. */
static void
test_stats_nothing_decided(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *weeks;
	size_t		 i;

	community(f);
	propose(f, "Buy a wheelbarrow");
	r = stats(f, NULL);
	assert_int_equal(jint(r, "now"), T0);
	assert_int_equal(jint(r, "members"), 5);
	assert_int_equal(jint(r, "active_30d"), 5);
	assert_int_equal(json_array_size(json_object_get(r, "votes")), 0);
	assert_true(json_is_null(json_object_get(r, "turnout_median")));
	assert_int_equal(jint(r, "decided"), 0);
	assert_true(json_is_null(json_object_get(r, "decision_median_ms")));
	assert_int_equal(jint(r, "disputes_resolved"), 0);
	assert_true(json_is_null(json_object_get(r, "dispute_median_ms")));
	assert_int_equal(jint(r, "events"), 7);
	weeks = json_object_get(r, "events_per_week");
	assert_int_equal(json_array_size(weeks), 12);
	for (i = 0; i < 12; i++) {
		assert_int_equal(jint(json_array_get(weeks, i), "start"),
		    MONDAY0 - (int64_t)(11 - i) * WEEK);
		assert_int_equal(jint(json_array_get(weeks, i), "events"),
		    i == 11 ? 7 : 0);
	}
	json_decref(r);
}

static void
test_stats_turnout_and_decisions(void **state)
{
	struct fixture		*f = *state;
	const struct actor	*three[] = { &bob, &carol, &erin };
	const struct actor	*all[] = { &alice, &bob, &carol, &erin };
	json_t			*r, *votes, *v;
	int64_t			 p1, p2, p3, p4, p5;

	community(f);
	p1 = decide(f, "First", 1 * HOUR, three, 3);		/* 3/4 */
	p2 = decide(f, "Second", 2 * HOUR, three, 1);		/* 1/4 */
	p3 = decide(f, "Third", 5 * HOUR, three, 2);		/* 2/4 */

	/* Odd counts: the middle value. */
	r = stats(f, NULL);
	assert_int_equal(jint(r, "decided"), 3);
	assert_int_equal(jint(r, "decision_median_ms"), 2 * HOUR + DAY + 1);
	assert_true(jreal(r, "turnout_median") == 0.5);
	votes = json_object_get(r, "votes");
	assert_int_equal(json_array_size(votes), 3);
	assert_int_equal(jint(json_array_get(votes, 0), "id"), p3);
	assert_int_equal(jint(json_array_get(votes, 1), "id"), p2);
	v = json_array_get(votes, 2);
	assert_int_equal(jint(v, "id"), p1);
	assert_string_equal(json_string_value(json_object_get(v, "title")),
	    "First");
	assert_string_equal(json_string_value(json_object_get(v, "outcome")),
	    "passed");
	assert_int_equal(jint(v, "ballots"), 3);
	assert_int_equal(jint(v, "eligible"), 4);
	assert_true(jreal(v, "turnout") == 0.75);
	assert_int_equal(jint(v, "closed_ts"), T0 + HOUR + DAY + 1);
	json_decref(r);

	/* A veto decides too: four decisions, the mean of the middle two. */
	p4 = propose(f, "Fourth");
	open_vote(f, p4, HOUR, three, 1);
	f->now += 3 * HOUR;
	submit(f, &alice, "vote.vetoed", json_pack("{s:I,s:s}", "id",
	    (json_int_t)p4, "reason", "Against the agreement."));
	r = stats(f, NULL);
	assert_int_equal(jint(r, "decided"), 4);
	assert_int_equal(jint(r, "decision_median_ms"),
	    DAY + HOUR + HOUR / 2 + 1);
	v = json_array_get(json_object_get(r, "votes"), 0);
	assert_int_equal(jint(v, "id"), p4);
	assert_string_equal(json_string_value(json_object_get(v, "outcome")),
	    "vetoed");
	assert_int_equal(jint(v, "ballots"), 1);
	assert_true(json_is_null(json_object_get(v, "eligible")));
	assert_true(json_is_null(json_object_get(v, "turnout")));
	/* The vetoed vote has no turnout: the median is still of three. */
	assert_true(jreal(r, "turnout_median") == 0.5);
	json_decref(r);

	/* Four turnouts: the mean of the middle two (0.5 and 0.75). */
	p5 = decide(f, "Fifth", HOUR, all, 4);
	r = stats(f, NULL);
	assert_int_equal(jint(r, "decided"), 5);
	assert_int_equal(jint(r, "decision_median_ms"), HOUR + DAY + 1);
	assert_true(jreal(r, "turnout_median") == 0.625);
	votes = json_object_get(r, "votes");
	assert_int_equal(json_array_size(votes), 5);
	assert_int_equal(jint(json_array_get(votes, 0), "id"), p5);
	assert_true(jreal(json_array_get(votes, 0), "turnout") == 1.0);
	json_decref(r);

	/* Only the latest two: the median is of what is listed. */
	r = stats(f, json_pack("{s:i}", "votes", 2));
	votes = json_object_get(r, "votes");
	assert_int_equal(json_array_size(votes), 2);
	assert_int_equal(jint(json_array_get(votes, 0), "id"), p5);
	assert_int_equal(jint(json_array_get(votes, 1), "id"), p4);
	assert_true(jreal(r, "turnout_median") == 1.0);
	assert_int_equal(jint(r, "decided"), 5);
	json_decref(r);
}

static void
test_stats_active_window(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	int64_t		 id, carol_ts;

	community(f);
	f->now += 31 * DAY;
	id = propose(f, "Late");
	r = stats(f, NULL);
	assert_int_equal(jint(r, "active_30d"), 1);
	assert_int_equal(jint(r, "members"), 5);
	json_decref(r);

	/* A vote that moot closes: its close is nobody's activity. */
	open_vote(f, id, HOUR, NULL, 0);
	f->now += DAY + 1;
	assert_int_equal(core_settle(f->c, 0, NULL), 1);
	carol_ts = f->now;
	submit(f, &carol, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)id, "body", "Too late."));
	r = stats(f, NULL);
	assert_int_equal(jint(r, "active_30d"), 2);
	json_decref(r);

	/* The window holds its first instant, not one before. */
	f->now = carol_ts + 30 * DAY;
	r = stats(f, NULL);
	assert_int_equal(jint(r, "active_30d"), 1);	/* carol alone */
	json_decref(r);
	f->now++;
	r = stats(f, NULL);
	assert_int_equal(jint(r, "active_30d"), 0);
	json_decref(r);
}

static void
test_stats_weeks(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *weeks;
	int64_t		 id;
	size_t		 i;
	const int64_t	 want[] = { 0, 7, 1, 1, 0, 2 };

	community(f);				/* week of MONDAY0: 6 */
	f->now = MONDAY0 + WEEK - 1;
	id = propose(f, "End of the week");	/* still that week */
	f->now = MONDAY0 + WEEK;
	submit(f, &carol, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)id, "body", "Monday."));
	f->now = MONDAY0 + 2 * WEEK + DAY;
	propose(f, "Third week");
	/* A week with nothing, then the current one. */
	f->now = MONDAY0 + 4 * WEEK + 3 * DAY;
	propose(f, "Now");
	propose(f, "And again");

	r = stats(f, json_pack("{s:i}", "weeks", 6));
	weeks = json_object_get(r, "events_per_week");
	assert_int_equal(json_array_size(weeks), 6);
	/* MONDAY0's week: the community's 6 events and the proposal at its
	 * last millisecond; the comment at the next Monday's first. */
	for (i = 0; i < 6; i++) {
		assert_int_equal(jint(json_array_get(weeks, i), "start"),
		    MONDAY0 + ((int64_t)i - 1) * WEEK);
		assert_int_equal(jint(json_array_get(weeks, i), "events"),
		    want[i]);
	}
	assert_int_equal(jint(r, "events"), 11);
	json_decref(r);

	r = stats(f, json_pack("{s:i}", "weeks", 1));
	weeks = json_object_get(r, "events_per_week");
	assert_int_equal(json_array_size(weeks), 1);
	assert_int_equal(jint(json_array_get(weeks, 0), "start"),
	    MONDAY0 + 4 * WEEK);
	assert_int_equal(jint(json_array_get(weeks, 0), "events"), 2);
	json_decref(r);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_stats_no_community),
		T(test_stats_arguments),
		T(test_stats_nothing_decided),
		T(test_stats_turnout_and_decisions),
		T(test_stats_active_window),
		T(test_stats_weeks),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
