/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Single transferable vote as Scotland counts its council elections:
 * the Scottish Local Government Elections Order 2007 (SSI 2007/42),
 * schedule 1, rules 45 to 52. Votes are integers in units of 0.00001 of
 * a vote, so every transfer value and total is exact and reproducible.
 *
 *   45  Stage 1 credits each valid ballot to its first preference. A
 *       ballot is valid when it ranks exactly one option first (a ballot
 *       ranking several options first, or none, is set aside; it still
 *       counts toward a quorum).
 *   46  The quota is floor(valid ballots / (seats + 1)) + 1 (Droop).
 *   47  An option whose votes equal or exceed the quota is elected.
 *   48  A surplus (votes above the quota) is transferred: every ballot
 *       the elected option holds passes to its next available
 *       preference at transfer value = surplus x (value of the ballot
 *       when received) / (the option's total), truncated to five
 *       decimal places; a ballot with no next available preference is
 *       non-transferable. The elected option keeps the quota.
 *   49  The largest surplus is transferred first; equal surpluses go in
 *       the order of the most votes at the most recent earlier stage
 *       where they differed.
 *   50  With no surplus left to transfer, the option with the fewest
 *       votes is excluded and its ballots pass on at the value they
 *       have.
 *   51  Equal fewest: the fewest at the most recent earlier stage where
 *       they differed is excluded.
 *   52  When the options left equal the seats left, they are elected.
 *
 * "Next available preference" is the next rank holding a continuing
 * option; a rank holding two or more continuing options is no
 * preference (as a ballot paper with a repeated number), so the ballot
 * is non-transferable there. Where the rules say "by lot", moot uses the
 * order options were declared (the option declared first transfers
 * first or stays), or stops as tied when the caller asks for ties to be
 * reported. Options with no votes at all are excluded together, which
 * cannot change the result.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moot/tally.h"

#define TALLY_STV_UNIT	((uint64_t)100000)	/* one vote */
#define TALLY_STV_NONE	SIZE_MAX

enum tally_stv_state {
	TALLY_STV_CONTINUING,
	TALLY_STV_ELECTED,
	TALLY_STV_EXCLUDED,
};

struct tally_stv {
	struct tally_count	*c;
	size_t			 n;
	size_t			 ngroups;
	uint64_t		*count;		/* ballots in each group */
	uint64_t		*value;		/* units per ballot */
	size_t			*start;
	size_t			*len;
	size_t			*pos;		/* holder's place in opts */
	size_t			*holder;
	uint16_t		*rk;
	size_t			*opts;
	enum tally_stv_state	*state;
	uint64_t		*votes;		/* units */
	bool			*pending;	/* surplus not transferred */
	uint64_t		 quota;		/* units */
	uint64_t		*hist;		/* stage x n */
	size_t			 nstages;
	size_t			 stagesalloc;
	size_t			*elected;
	size_t			 nelected;
	uint64_t		 nontransferable; /* units, cumulative */
	uint64_t		 rounding;	/* units lost to truncation */
	json_t			*stages;
	json_t			*stage;		/* the one being written */
};

static void
tally_stv_fmt(char *buf, size_t len, uint64_t units)
{
	snprintf(buf, len, "%" PRIu64 ".%05" PRIu64, units / TALLY_STV_UNIT,
	    units % TALLY_STV_UNIT);
}

static json_t *
tally_stv_json(uint64_t units)
{
	char	buf[32];

	tally_stv_fmt(buf, sizeof buf, units);
	return (json_string(buf));
}

/*
 * Sort each group's ranked options by rank and place it on its first
 * preference. Returns the number of valid ballots.
 */
static uint64_t
tally_stv_prepare(struct tally_stv *v, uint64_t *invalid)
{
	const struct tally_ballots	*b = v->c->ballots;
	size_t				 n = v->n, g, i, j, total = 0;
	const uint16_t			*row;
	uint64_t			 valid = 0;

	for (g = 0; g < b->ngroups; g++) {
		row = tally_ballots_row(b, g);
		for (i = 0; i < n; i++)
			total += row[i] != 0;
	}
	v->ngroups = b->ngroups;
	v->count = xcalloc(b->ngroups, sizeof *v->count);
	v->value = xcalloc(b->ngroups, sizeof *v->value);
	v->start = xcalloc(b->ngroups, sizeof *v->start);
	v->len = xcalloc(b->ngroups, sizeof *v->len);
	v->pos = xcalloc(b->ngroups, sizeof *v->pos);
	v->holder = xcalloc(b->ngroups, sizeof *v->holder);
	v->rk = xcalloc(total, sizeof *v->rk);
	v->opts = xcalloc(total, sizeof *v->opts);
	*invalid = 0;
	total = 0;
	for (g = 0; g < b->ngroups; g++) {
		row = tally_ballots_row(b, g);
		v->count[g] = b->counts[g];
		v->start[g] = total;
		v->holder[g] = TALLY_STV_NONE;
		for (i = 0; i < n; i++) {
			if (row[i] == 0)
				continue;
			for (j = total; j > v->start[g] &&
			    v->rk[j - 1] > row[i]; j--) {
				v->rk[j] = v->rk[j - 1];
				v->opts[j] = v->opts[j - 1];
			}
			v->rk[j] = row[i];
			v->opts[j] = i;
			total++;
		}
		v->len[g] = total - v->start[g];
		if (v->len[g] == 0)
			continue;
		if (v->len[g] > 1 && v->rk[v->start[g] + 1] ==
		    v->rk[v->start[g]]) {
			*invalid += v->count[g];
			continue;
		}
		v->holder[g] = v->opts[v->start[g]];
		v->pos[g] = 0;
		v->value[g] = TALLY_STV_UNIT;
		valid += v->count[g];
	}
	return (valid);
}

/* The next available preference of group g, or TALLY_STV_NONE. */
static size_t
tally_stv_next(struct tally_stv *v, size_t g)
{
	size_t		 s = v->start[g], e = s + v->len[g], q, k;
	uint16_t	 r;

	for (q = s + v->pos[g] + 1; q < e; q++) {
		if (v->state[v->opts[q]] == TALLY_STV_CONTINUING)
			break;
	}
	if (q == e)
		return (TALLY_STV_NONE);
	r = v->rk[q];
	for (k = q + 1; k < e && v->rk[k] == r; k++) {
		if (v->state[v->opts[k]] == TALLY_STV_CONTINUING)
			return (TALLY_STV_NONE);
	}
	v->pos[g] = q - s;
	return (v->opts[q]);
}

/* Record the votes at the end of a stage. */
static void
tally_stv_snapshot(struct tally_stv *v)
{
	json_t	*a;
	size_t	 i;

	if (v->nstages == v->stagesalloc) {
		v->stagesalloc = v->stagesalloc == 0 ? 16 : v->stagesalloc * 2;
		v->hist = xreallocarray(v->hist, v->stagesalloc,
		    v->n * sizeof *v->hist);
	}
	memcpy(v->hist + v->nstages * v->n, v->votes, v->n * sizeof *v->votes);
	v->nstages++;
	a = json_array();
	for (i = 0; i < v->n; i++) {
		json_array_append_new(a, v->state[i] == TALLY_STV_EXCLUDED ?
		    json_null() : tally_stv_json(v->votes[i]));
	}
	json_object_set_new(v->stage, "stage", json_integer((json_int_t)
	    v->nstages));
	json_object_set_new(v->stage, "votes", a);
	json_object_set_new(v->stage, "non_transferable",
	    tally_stv_json(v->nontransferable));
	json_object_set_new(v->stage, "lost_to_rounding",
	    tally_stv_json(v->rounding));
}

/*
 * Narrow tied (ntied options equal now) by earlier stages, most recent
 * first, keeping the lowest (or the highest). Returns how many remain;
 * *stage is the stage that separated them, or 0.
 */
static size_t
tally_stv_lookback(struct tally_stv *v, size_t *tied, size_t ntied,
    bool lowest, size_t *stage)
{
	size_t		 st, i, k;
	uint64_t	 best, *h;

	*stage = 0;
	for (st = v->nstages; st > 1 && ntied > 1; st--) {
		h = v->hist + (st - 2) * v->n;
		best = lowest ? UINT64_MAX : 0;
		for (i = 0; i < ntied; i++) {
			if (lowest ? h[tied[i]] < best : h[tied[i]] > best)
				best = h[tied[i]];
		}
		for (i = 0, k = 0; i < ntied; i++) {
			if (h[tied[i]] == best)
				tied[k++] = tied[i];
		}
		if (k < ntied && *stage == 0)
			*stage = st - 1;
		ntied = k;
	}
	return (ntied);
}

/* Order options by votes, most first, ties by earlier stages. */
static void
tally_stv_sort(struct tally_stv *v, size_t *o, size_t n)
{
	size_t	i, j, k, pair[2], st;

	for (i = 1; i < n; i++) {
		for (j = i; j > 0; j--) {
			if (v->votes[o[j - 1]] > v->votes[o[j]])
				break;
			if (v->votes[o[j - 1]] == v->votes[o[j]]) {
				pair[0] = o[j - 1];
				pair[1] = o[j];
				if (tally_stv_lookback(v, pair, 2, false,
				    &st) == 2 || pair[0] == o[j - 1])
					break;
			}
			k = o[j];
			o[j] = o[j - 1];
			o[j - 1] = k;
		}
	}
}

static void
tally_stv_elect(struct tally_stv *v, size_t o, json_t *list)
{
	v->state[o] = TALLY_STV_ELECTED;
	v->elected[v->nelected++] = o;
	if (v->votes[o] > v->quota)
		v->pending[o] = true;
	json_array_append_new(list, json_string(tally_name(v->c, o)));
}

/* Elect every continuing option at or above the quota (rule 47). */
static void
tally_stv_elect_quota(struct tally_stv *v)
{
	size_t	*o, n = 0, i;
	json_t	*list;

	o = xcalloc(v->n, sizeof *o);
	for (i = 0; i < v->n; i++) {
		if (v->state[i] == TALLY_STV_CONTINUING &&
		    v->votes[i] >= v->quota)
			o[n++] = i;
	}
	if (n != 0) {
		tally_stv_sort(v, o, n);
		list = json_array();
		for (i = 0; i < n; i++)
			tally_stv_elect(v, o[i], list);
		json_object_set_new(v->stage, "elected", list);
	}
	free(o);
}

/* Transfer the surplus of e (rule 48). */
static void
tally_stv_surplus(struct tally_stv *v, size_t e)
{
	uint64_t	 S = v->votes[e] - v->quota, T = v->votes[e];
	uint64_t	 tv, moved = 0, lost = 0, *gain, papers = 0, nt = 0;
	size_t		 g, to, i;
	json_t		*tvs, *tr, *x = NULL;
	char		 a[32], b[32];

	gain = xcalloc(v->n, sizeof *gain);
	tvs = json_array();
	json_object_set_new(v->stage, "action", json_string("surplus"));
	json_object_set_new(v->stage, "from", json_string(tally_name(v->c,
	    e)));
	json_object_set_new(v->stage, "surplus", tally_stv_json(S));
	json_object_set_new(v->stage, "total", tally_stv_json(T));
	for (g = 0; g < v->ngroups; g++) {
		if (v->holder[g] != e)
			continue;
		tv = S * v->value[g] / T;
		tally_stv_fmt(a, sizeof a, v->value[g]);
		tally_stv_fmt(b, sizeof b, tv);
		for (i = 0; i < json_array_size(tvs); i++) {
			x = json_array_get(tvs, i);
			if (strcmp(json_string_value(json_object_get(x,
			    "value")), a) == 0)
				break;
		}
		if (i == json_array_size(tvs)) {
			x = json_object();
			json_object_set_new(x, "value", json_string(a));
			json_object_set_new(x, "transfer_value",
			    json_string(b));
			json_object_set_new(x, "ballots", json_integer(0));
			json_array_append_new(tvs, x);
		}
		json_object_set_new(x, "ballots", json_integer(
		    json_integer_value(json_object_get(x, "ballots")) +
		    (json_int_t)v->count[g]));
		papers += v->count[g];
		to = tally_stv_next(v, g);
		v->value[g] = tv;
		if (to == TALLY_STV_NONE) {
			v->holder[g] = TALLY_STV_NONE;
			lost += v->count[g] * tv;
			nt += v->count[g];
			continue;
		}
		v->holder[g] = to;
		gain[to] += v->count[g] * tv;
		moved += v->count[g] * tv;
	}
	json_object_set_new(v->stage, "transfer_values", tvs);
	tr = json_array();
	for (i = 0; i < v->n; i++) {
		if (gain[i] == 0)
			continue;
		v->votes[i] += gain[i];
		x = json_object();
		json_object_set_new(x, "to", json_string(tally_name(v->c, i)));
		json_object_set_new(x, "votes", tally_stv_json(gain[i]));
		json_array_append_new(tr, x);
	}
	json_object_set_new(v->stage, "transfers", tr);
	json_object_set_new(v->stage, "non_transferable_ballots",
	    json_integer((json_int_t)nt));
	v->votes[e] = v->quota;
	v->pending[e] = false;
	v->nontransferable += lost;
	v->rounding += S - moved - lost;
	free(gain);
}

/* Exclude x and pass its ballots on at their value (rule 50). */
static void
tally_stv_exclude(struct tally_stv *v, size_t x)
{
	uint64_t	*gain, lost = 0, nt = 0;
	size_t		 g, to, i;
	json_t		*tr, *o;

	gain = xcalloc(v->n, sizeof *gain);
	v->state[x] = TALLY_STV_EXCLUDED;
	for (g = 0; g < v->ngroups; g++) {
		if (v->holder[g] != x)
			continue;
		to = tally_stv_next(v, g);
		if (to == TALLY_STV_NONE) {
			v->holder[g] = TALLY_STV_NONE;
			lost += v->count[g] * v->value[g];
			nt += v->count[g];
			continue;
		}
		v->holder[g] = to;
		gain[to] += v->count[g] * v->value[g];
	}
	tr = json_array();
	for (i = 0; i < v->n; i++) {
		if (gain[i] == 0)
			continue;
		v->votes[i] += gain[i];
		o = json_object();
		json_object_set_new(o, "to", json_string(tally_name(v->c, i)));
		json_object_set_new(o, "votes", tally_stv_json(gain[i]));
		json_array_append_new(tr, o);
	}
	o = json_object_get(v->stage, "transfers");
	if (o == NULL)
		json_object_set_new(v->stage, "transfers", tr);
	else {
		json_array_extend(o, tr);
		json_decref(tr);
	}
	v->votes[x] = 0;
	v->nontransferable += lost;
	o = json_object_get(v->stage, "non_transferable_ballots");
	json_object_set_new(v->stage, "non_transferable_ballots",
	    json_integer((json_int_t)nt + (o == NULL ? 0 :
	    json_integer_value(o))));
	free(gain);
}

/*
 * The next step when no surplus decides: pick whom to exclude. Returns
 * false when a tie is reported instead.
 */
static bool
tally_stv_exclusion(struct tally_stv *v, size_t vacancies)
{
	struct tally_result	*r = v->c->result;
	size_t			*tied, ntied = 0, ncont = 0, i, st;
	uint64_t		 low = UINT64_MAX;
	json_t			*ex;
	char			 buf[32];

	tied = xcalloc(v->n, sizeof *tied);
	for (i = 0; i < v->n; i++) {
		if (v->state[i] != TALLY_STV_CONTINUING)
			continue;
		ncont++;
		if (v->votes[i] < low)
			low = v->votes[i];
	}
	for (i = 0; i < v->n; i++) {
		if (v->state[i] == TALLY_STV_CONTINUING && v->votes[i] == low)
			tied[ntied++] = i;
	}
	json_object_set_new(v->stage, "action", json_string("exclusion"));
	tally_stv_fmt(buf, sizeof buf, low);
	if (low == 0 && ncont - ntied >= vacancies && ntied > 1) {
		json_object_set_new(v->stage, "reason", json_string("no votes "
		    "(options without votes go out together)"));
	} else if (ntied > 1) {
		json_object_set_new(v->stage, "tie", tally_json_names(v->c,
		    tied, ntied));
		ntied = tally_stv_lookback(v, tied, ntied, true, &st);
		if (ntied > 1 && v->c->params->report_ties) {
			r->ntied = ntied;
			r->tied = xcalloc(ntied, sizeof *r->tied);
			memcpy(r->tied, tied, ntied * sizeof *tied);
			json_object_set_new(v->stage, "reason", json_string(
			    "tied for fewest votes at this and every earlier "
			    "stage; reported, not broken"));
			free(tied);
			return (false);
		}
		if (ntied > 1) {
			tied[0] = tied[ntied - 1];
			json_object_set_new(v->stage, "reason", json_sprintf(
			    "fewest votes: %s, tied at every earlier stage: "
			    "the option declared last goes (rule 51 says by "
			    "lot)", buf));
		} else {
			json_object_set_new(v->stage, "reason", json_sprintf(
			    "fewest votes: %s, tie broken by fewer votes at "
			    "stage %zu (rule 51)", buf, st));
		}
		ntied = 1;
	} else {
		json_object_set_new(v->stage, "reason", json_sprintf("fewest "
		    "votes: %s", buf));
	}
	ex = json_array();
	for (i = 0; i < ntied; i++) {
		json_array_append_new(ex, json_string(tally_name(v->c,
		    tied[i])));
		tally_stv_exclude(v, tied[i]);
	}
	json_object_set_new(v->stage, "excluded", ex);
	free(tied);
	return (true);
}

/*
 * The surplus to transfer next (rule 49), or TALLY_STV_NONE; sets
 * *reported when an unbreakable tie is reported instead.
 */
static size_t
tally_stv_next_surplus(struct tally_stv *v, bool *reported)
{
	struct tally_result	*r = v->c->result;
	size_t			*tied, ntied = 0, i, st, e;
	uint64_t		 high = 0;

	*reported = false;
	for (i = 0; i < v->n; i++) {
		if (v->pending[i] && v->votes[i] > high)
			high = v->votes[i];
	}
	if (high == 0)
		return (TALLY_STV_NONE);
	tied = xcalloc(v->n, sizeof *tied);
	for (i = 0; i < v->n; i++) {
		if (v->pending[i] && v->votes[i] == high)
			tied[ntied++] = i;
	}
	if (ntied > 1) {
		json_object_set_new(v->stage, "tie", tally_json_names(v->c,
		    tied, ntied));
		ntied = tally_stv_lookback(v, tied, ntied, false, &st);
		if (ntied > 1 && v->c->params->report_ties) {
			r->ntied = ntied;
			r->tied = xcalloc(ntied, sizeof *r->tied);
			memcpy(r->tied, tied, ntied * sizeof *tied);
			json_object_set_new(v->stage, "reason", json_string(
			    "equal surpluses at this and every earlier stage; "
			    "the order is reported, not drawn by lot"));
			*reported = true;
			free(tied);
			return (TALLY_STV_NONE);
		}
		json_object_set_new(v->stage, "reason", json_string(ntied > 1 ?
		    "equal surpluses at every stage: the option declared first "
		    "transfers first (rule 49 says by lot)" :
		    "equal surpluses: the most votes at the most recent stage "
		    "where they differed transfers first (rule 49)"));
	}
	e = tied[0];
	free(tied);
	return (e);
}

static void
tally_stv_summary(struct tally_stv *v, uint64_t valid, bool reported)
{
	struct tally_count	*c = v->c;
	struct tally_result	*r = c->result;
	struct buf		*s = &c->summary;
	unsigned		 seats = c->params->seats;

	if (reported) {
		r->outcome = TALLY_TIED;
		buf_adds(s, "tied: ");
		tally_add_names(c, s, r->tied, r->ntied);
		buf_addf(s, " tie at stage %zu and at every earlier stage, "
		    "which the rules leave to lot", v->nstages + 1);
		if (v->nelected != 0) {
			buf_adds(s, "; elected before the tie: ");
			tally_add_names(c, s, v->elected, v->nelected);
		}
		return;
	}
	if (v->nelected == 0) {
		r->outcome = TALLY_REJECTED;
		buf_adds(s, "rejected: nobody was elected");
		return;
	}
	r->outcome = TALLY_PASSED;
	buf_adds(s, "passed: ");
	tally_add_names(c, s, v->elected, v->nelected);
	buf_addf(s, " %s elected (Scottish STV, %u seat%s, quota %" PRIu64
	    " of %" PRIu64 " valid votes, %zu stage%s)", v->nelected == 1 ?
	    "is" : "are", seats, seats == 1 ? "" : "s",
	    v->quota / TALLY_STV_UNIT, valid, v->nstages,
	    v->nstages == 1 ? "" : "s");
}

int
tally_stv_run(struct tally_count *c, char **cause)
{
	struct tally_stv	 v;
	struct tally_result	*r = c->result;
	unsigned		 seats = c->params->seats;
	size_t			 n = c->ballots->noptions, g, i, k, e;
	size_t			*left, nleft, *order, *levels;
	uint64_t		 valid, invalid;
	bool			 reported = false;
	json_t			*list;
	enum tally_outcome	 outcome;

	(void)cause;
	memset(&v, 0, sizeof v);
	v.c = c;
	v.n = n;
	valid = tally_stv_prepare(&v, &invalid);
	v.state = xcalloc(n, sizeof *v.state);
	v.votes = xcalloc(n, sizeof *v.votes);
	v.pending = xcalloc(n, sizeof *v.pending);
	v.elected = xcalloc(n, sizeof *v.elected);
	left = xcalloc(n, sizeof *left);
	v.quota = (valid / (seats + 1) + 1) * TALLY_STV_UNIT;
	v.stages = json_array();

	json_object_set_new(c->explain, "variant", json_string("Scottish STV "
	    "(Scottish Local Government Elections Order 2007, rules 45-52): "
	    "Droop quota, surpluses transferred from every ballot held at a "
	    "transfer value truncated to 5 decimal places, exclusion of the "
	    "fewest"));
	json_object_set_new(c->explain, "valid", json_integer((json_int_t)
	    valid));
	json_object_set_new(c->explain, "invalid", json_integer((json_int_t)
	    invalid));
	json_object_set_new(c->explain, "quota", json_integer((json_int_t)
	    (v.quota / TALLY_STV_UNIT)));
	json_object_set_new(c->explain, "quota_arithmetic", json_sprintf(
	    "floor(%" PRIu64 " / (%u + 1)) + 1 = %" PRIu64, valid, seats,
	    v.quota / TALLY_STV_UNIT));
	json_object_set_new(c->explain, "stages", v.stages);
	if (valid == 0) {
		r->outcome = TALLY_REJECTED;
		buf_adds(&c->summary, "rejected: no ballot gives a single "
		    "first preference");
		goto done;
	}

	/* Stage 1: first preferences (rule 45). */
	v.stage = json_object();
	json_array_append_new(v.stages, v.stage);
	json_object_set_new(v.stage, "action", json_string("first "
	    "preferences"));
	for (g = 0; g < v.ngroups; g++) {
		if (v.holder[g] != TALLY_STV_NONE)
			v.votes[v.holder[g]] += v.count[g] * TALLY_STV_UNIT;
	}
	tally_stv_elect_quota(&v);
	tally_stv_snapshot(&v);

	for (;;) {
		if (v.nelected >= seats)
			break;
		nleft = 0;
		for (i = 0; i < n; i++) {
			if (v.state[i] == TALLY_STV_CONTINUING)
				left[nleft++] = i;
		}
		if (nleft <= seats - v.nelected) {
			/* Rule 52: the rest fill the seats left. */
			if (nleft != 0) {
				tally_stv_sort(&v, left, nleft);
				list = json_array();
				for (i = 0; i < nleft; i++)
					tally_stv_elect(&v, left[i], list);
				json_object_set_new(v.stage, "elected_rule_52",
				    list);
			}
			break;
		}
		v.stage = json_object();
		e = tally_stv_next_surplus(&v, &reported);
		if (reported) {
			json_object_set_new(v.stage, "action",
			    json_string("tie"));
			json_array_append_new(v.stages, v.stage);
			break;
		}
		if (e != TALLY_STV_NONE)
			tally_stv_surplus(&v, e);
		else if (!tally_stv_exclusion(&v, seats - v.nelected)) {
			reported = true;
			json_array_append_new(v.stages, v.stage);
			break;
		}
		json_array_append_new(v.stages, v.stage);
		tally_stv_elect_quota(&v);
		tally_stv_snapshot(&v);
	}

	tally_stv_summary(&v, valid, reported);
	if (!reported) {
		/* Ranking: elected in order, then the rest by last votes. */
		order = xcalloc(n, sizeof *order);
		levels = xcalloc(n, sizeof *levels);
		for (k = 0; k < v.nelected; k++) {
			order[k] = v.elected[k];
			levels[k] = k;
		}
		nleft = 0;
		for (i = 0; i < n; i++) {
			if (v.state[i] != TALLY_STV_ELECTED)
				left[nleft++] = i;
		}
		tally_stv_sort(&v, left, nleft);
		for (i = 0; i < nleft; i++, k++) {
			order[k] = left[i];
			levels[k] = k;
		}
		outcome = r->outcome;
		tally_rank_and_choose(c, order, levels, n, NULL);
		/* The elected are the winners, however many seats. */
		r->nwinners = v.nelected;
		memcpy(r->winners, v.elected, v.nelected * sizeof *v.elected);
		r->outcome = outcome;
		free(order);
		free(levels);
	} else {
		r->nwinners = v.nelected;
		r->winners = xcalloc(n, sizeof *r->winners);
		memcpy(r->winners, v.elected, v.nelected * sizeof *v.elected);
	}

done:
	free(v.count);
	free(v.value);
	free(v.start);
	free(v.len);
	free(v.pos);
	free(v.holder);
	free(v.rk);
	free(v.opts);
	free(v.state);
	free(v.votes);
	free(v.pending);
	free(v.hist);
	free(v.elected);
	free(left);
	return (0);
}
