/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The stats query: how the community takes part and how long it takes to
 * decide. Turnout of the latest closed votes, the median time from a
 * proposal to its decision, the median time to resolve a dispute, the
 * members active in the last 30 days and the events of each week. It
 * reads the projections and log_index only, and is built to stay fast on
 * a log of millions of events:
 *
 *  1. log_index.seq is dense (1..N, the rowid) and log_index.ts never
 *     decreases as seq grows (core_submit() stamps events with a clock
 *     that never goes back). So the number of events in [t0, t1) is
 *     seek(t1) - seek(t0), where seek(t) is the first seq with ts >= t,
 *     found by a binary search of point lookups: no scan of the log.
 *  2. The latest closed votes are the latest vote.closed and vote.vetoed
 *     events, read backwards on the index log_index_type: bounded by the
 *     number asked for, whatever the number of proposals.
 *  3. The median time to decision sorts the closed proposals in SQL and
 *     reads one or two rows at the middle (count first).
 *  4. Disputes are read from log_index alone (dispute.opened, and the
 *     first dispute.resolved with the same ref), so the figure appears as
 *     soon as such events exist, with no projection of its own.
 *
 * Everything is read in one snapshot when the caller is not already in a
 * transaction, so the figures agree with each other.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "moot/core.h"
#include "moot/event.h"

#define QUERY_STATS_DAY		(24LL * 3600 * 1000)
#define QUERY_STATS_WEEK	(7 * QUERY_STATS_DAY)
/* 1970-01-01 was a Thursday: weeks begin on Monday, 00:00 UTC. */
#define QUERY_STATS_MONDAY	(4 * QUERY_STATS_DAY)
#define QUERY_STATS_ACTIVE	(30 * QUERY_STATS_DAY)

#define QUERY_STATS_WEEKS_DEFAULT	12
#define QUERY_STATS_WEEKS_MAX		104
#define QUERY_STATS_VOTES_DEFAULT	10
#define QUERY_STATS_VOTES_MAX		100

/* An argument between 1 and max, def when absent. */
static int
query_stats_arg(json_t *args, const char *key, int64_t def, int64_t max,
    int64_t *out, char **cause)
{
	int	error;

	*out = def;
	error = event_arg_int(args, key, false, out, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	if (*out < 1 || *out > max)
		return (moot_fail(cause, -EINVAL, "%s must be between 1 and "
		    "%lld", key, (long long)max));
	return (0);
}

/*
 * The first seq in [lo, hi] whose event is at or after t, or hi + 1 when
 * none is (invariant 1).
 */
static int64_t
query_stats_seek(struct store *s, int64_t t, int64_t lo, int64_t hi)
{
	sqlite3_stmt	*stmt;
	int64_t		 mid, ts;

	stmt = store_prepare(s, "SELECT ts FROM log_index WHERE seq = ?");
	hi++;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		sqlite3_bind_int64(stmt, 1, mid);
		/* A hole would break invariant 1: treat it as later. */
		ts = sqlite3_step(stmt) == SQLITE_ROW ?
		    sqlite3_column_int64(stmt, 0) : INT64_MAX;
		sqlite3_reset(stmt);
		if (ts >= t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (lo);
}

/*
 * Distinct members with an event from seq on. moot's own events (closing
 * votes on time, applying a passed change) are nobody's activity.
 */
static int64_t
query_stats_active(struct store *s, int64_t from)
{
	sqlite3_stmt	*stmt;
	int64_t		 n = 0;

	/*
	 * Every actor but moot is in members (joined, invited or gone), and
	 * there are few of them: one seek each in log_index_uid, not a scan
	 * of the month's events.
	 */
	stmt = store_prepare(s, "SELECT count(*) FROM members m WHERE "
	    "m.uid != ?2 AND EXISTS (SELECT 1 FROM log_index l INDEXED BY "
	    "log_index_uid WHERE l.uid = m.uid AND l.seq >= ?1)");
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, MOOT_SYSTEM_UID);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return (n);
}

/* The start of the week (Monday, 00:00 UTC) that holds t. */
static int64_t
query_stats_week(int64_t t)
{
	int64_t	r;

	r = (t - QUERY_STATS_MONDAY) % QUERY_STATS_WEEK;
	if (r < 0)
		r += QUERY_STATS_WEEK;
	return (t - r);
}

/* Events of each of the last weeks, oldest first; the last is this one. */
static json_t *
query_stats_weeks(struct store *s, int64_t now, int64_t weeks, int64_t n)
{
	json_t	*rows;
	int64_t	 start, from, to, i;

	rows = json_array();
	start = query_stats_week(now) - (weeks - 1) * QUERY_STATS_WEEK;
	from = query_stats_seek(s, start, 1, n);
	for (i = 0; i < weeks; i++) {
		to = query_stats_seek(s, start + QUERY_STATS_WEEK, from, n);
		json_array_append_new(rows, json_pack("{s:I,s:I}",
		    "start", (json_int_t)start, "events",
		    (json_int_t)(to - from)));
		from = to;
		start += QUERY_STATS_WEEK;
	}
	return (rows);
}

static int
query_stats_cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static int
query_stats_cmp_int(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

/*
 * The latest closed votes, newest first (invariant 2), into r["votes"],
 * and the median turnout of those whose eligible count is known and not
 * zero into r["turnout_median"]. A vetoed vote logs no count: its
 * ballots are those cast before the veto, its eligible count unknown.
 */
static void
query_stats_votes(struct store *s, int64_t limit, json_t *r)
{
	sqlite3_stmt	*stmt;
	json_t		*rows, *row, *eligible, *turnout;
	double		*shares;
	size_t		 n = 0;
	int64_t		 ballots, e;

	shares = xcalloc((size_t)limit, sizeof *shares);
	rows = json_array();
	stmt = store_prepare(s, "SELECT p.id, p.title, p.outcome, "
	    "p.closed_ts, coalesce(json_extract(p.result, '$.ballots'), "
	    "(SELECT count(*) FROM ballots b WHERE b.proposal_id = p.id)), "
	    "json_extract(p.result, '$.eligible') FROM (SELECT seq, ref FROM "
	    "(SELECT seq, ref FROM log_index WHERE type = 'vote.closed' "
	    "ORDER BY seq DESC LIMIT ?1) UNION ALL SELECT seq, ref FROM "
	    "(SELECT seq, ref FROM log_index WHERE type = 'vote.vetoed' "
	    "ORDER BY seq DESC LIMIT ?1) ORDER BY seq DESC LIMIT ?1) l "
	    "JOIN proposals p ON p.id = CAST(substr(l.ref, 10) AS INTEGER) "
	    "ORDER BY l.seq DESC");
	sqlite3_bind_int64(stmt, 1, limit);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ballots = sqlite3_column_int64(stmt, 4);
		e = sqlite3_column_type(stmt, 5) != SQLITE_NULL ?
		    sqlite3_column_int64(stmt, 5) : -1;
		eligible = e >= 0 ? json_integer(e) : json_null();
		if (e > 0) {
			shares[n] = (double)ballots / (double)e;
			turnout = json_real(shares[n++]);
		} else
			turnout = json_null();
		row = json_pack("{s:I,s:o,s:o,s:I,s:I,s:o,s:o}",
		    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
		    "title", sqlite3_column_type(stmt, 1) == SQLITE_NULL ?
		    json_null() : json_string(store_text(stmt, 1)),
		    "outcome", json_string(store_text(stmt, 2)),
		    "closed_ts", (json_int_t)sqlite3_column_int64(stmt, 3),
		    "ballots", (json_int_t)ballots,
		    "eligible", eligible, "turnout", turnout);
		json_array_append_new(rows, row);
	}
	sqlite3_reset(stmt);
	json_object_set_new(r, "votes", rows);

	if (n == 0)
		json_object_set_new(r, "turnout_median", json_null());
	else {
		qsort(shares, n, sizeof *shares, query_stats_cmp_double);
		json_object_set_new(r, "turnout_median", json_real(n % 2 ?
		    shares[n / 2] : (shares[n / 2 - 1] + shares[n / 2]) / 2));
	}
	free(shares);
}

/*
 * The median time from proposal to decision over every closed proposal
 * (invariant 3), into r["decision_median_ms"], and their number.
 */
static void
query_stats_decisions(struct store *s, json_t *r)
{
	sqlite3_stmt	*stmt;
	int64_t		 n, sum = 0, k = 0;

	n = store_int(s, "SELECT count(*) FROM proposals WHERE "
	    "state = 'closed'", 0, 0);
	json_object_set_new(r, "decided", json_integer(n));
	if (n == 0) {
		json_object_set_new(r, "decision_median_ms", json_null());
		return;
	}
	/* One middle row when n is odd, the two middle ones when even. */
	stmt = store_prepare(s, "SELECT closed_ts - created_ts AS d FROM "
	    "proposals WHERE state = 'closed' ORDER BY d LIMIT ?1 OFFSET ?2");
	sqlite3_bind_int64(stmt, 1, n % 2 ? 1 : 2);
	sqlite3_bind_int64(stmt, 2, (n - 1) / 2);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		sum += sqlite3_column_int64(stmt, 0);
		k++;
	}
	sqlite3_reset(stmt);
	json_object_set_new(r, "decision_median_ms", k > 0 ?
	    json_integer(sum / k) : json_null());
}

/*
 * The median time from a dispute.opened event to the first
 * dispute.resolved event with the same ref (invariant 4), into
 * r["dispute_median_ms"], and the number of disputes resolved.
 */
static void
query_stats_disputes(struct store *s, json_t *r)
{
	sqlite3_stmt	*stmt;
	int64_t		*d = NULL;
	size_t		 n = 0, size = 0;

	stmt = store_prepare(s, "SELECT (SELECT x.ts FROM log_index x "
	    "WHERE x.ref = o.ref AND x.type = 'dispute.resolved' AND "
	    "x.seq > o.seq ORDER BY x.seq LIMIT 1) - o.ts FROM log_index o "
	    "WHERE o.type = 'dispute.opened'");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (sqlite3_column_type(stmt, 0) == SQLITE_NULL)
			continue;
		if (n == size) {
			size = size == 0 ? 64 : size * 2;
			d = xreallocarray(d, size, sizeof *d);
		}
		d[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	json_object_set_new(r, "disputes_resolved", json_integer((json_int_t)
	    n));
	if (n == 0)
		json_object_set_new(r, "dispute_median_ms", json_null());
	else {
		qsort(d, n, sizeof *d, query_stats_cmp_int);
		json_object_set_new(r, "dispute_median_ms", json_integer(
		    n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2));
	}
	free(d);
}

int
query_stats(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	json_t		*r;
	int64_t		 weeks, votes, now, n;
	bool		 snapshot;
	int		 error;

	if ((error = query_stats_arg(args, "weeks", QUERY_STATS_WEEKS_DEFAULT,
	    QUERY_STATS_WEEKS_MAX, &weeks, cause)) != 0 ||
	    (error = query_stats_arg(args, "votes", QUERY_STATS_VOTES_DEFAULT,
	    QUERY_STATS_VOTES_MAX, &votes, cause)) != 0)
		return (error);
	snapshot = !store_in_transaction(s);
	if (snapshot && (error = store_begin_read(s, cause)) != 0)
		return (error);
	if (store_int(s, "SELECT count(*) FROM community", 0, 0) == 0) {
		if (snapshot)
			store_rollback(s);
		return (moot_fail(cause, -ENOENT,
		    "there is no community here yet: run `moot init`"));
	}

	now = core_now(c);
	n = store_int(s, "SELECT max(seq) FROM log_index", 0, 0);
	r = json_pack("{s:I,s:I}", "now", (json_int_t)now,
	    "members", (json_int_t)store_int(s, "SELECT count(*) FROM "
	    "members WHERE status = 'active'", 0, 0));

	json_object_set_new(r, "active_30d", json_integer(query_stats_active(s,
	    query_stats_seek(s, now - QUERY_STATS_ACTIVE, 1, n))));

	query_stats_votes(s, votes, r);
	query_stats_decisions(s, r);
	query_stats_disputes(s, r);
	json_object_set_new(r, "events_per_week", query_stats_weeks(s, now,
	    weeks, n));
	json_object_set_new(r, "events", json_integer(n));
	if (snapshot)
		store_rollback(s);
	*result = r;
	return (0);
}
