/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Instant runoff (IRV): one winner, round by round.
 *
 * In each round a ballot counts for the option it ranks highest among
 * those still in the count. A ballot whose highest-ranked remaining
 * options share one rank counts for none of them in that round (it is
 * "tied"), and may count again once the tie is broken by an exclusion;
 * a ballot with no remaining option ranked is exhausted. An option with
 * more than half of the votes counted in a round wins; so does the last
 * option left. Otherwise the option with the fewest votes is excluded:
 *
 *   - options tied for fewest that all have no votes are excluded
 *     together (their order cannot matter: they hold no ballots);
 *   - otherwise the tie is broken by the most recent earlier round in
 *     which their votes differed (fewest there is excluded, repeated
 *     among those still tied), then by the order the options were
 *     declared (the one declared last is excluded) -- or, when the
 *     caller asks for ties to be reported, the count stops as tied.
 *
 * Each ballot group keeps its options sorted by rank and a cursor into
 * them, so an exclusion only moves the ballots of the excluded option:
 * the whole count costs about one pass over the ballots per round.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "moot/tally.h"

#define TALLY_IRV_NONE	SIZE_MAX

struct tally_irv {
	struct tally_count	*c;
	size_t			 n;
	size_t			 ngroups;
	uint64_t		*count;		/* per group */
	size_t			*start;		/* per group, into opts */
	size_t			*len;
	size_t			*pos;		/* cursor within the group */
	size_t			*holder;	/* option or TALLY_IRV_NONE */
	bool			*blocked;	/* tied at its next rank */
	uint16_t		*rk;		/* ranks, sorted per group */
	size_t			*opts;
	bool			*continuing;
	uint64_t		*hist;		/* round x n tallies */
	size_t			 nrounds;
	size_t			 roundsalloc;
};

/* Sort each group's ranked options by rank (declaration order within). */
static void
tally_irv_prepare(struct tally_irv *v)
{
	const struct tally_ballots	*b = v->c->ballots;
	size_t				 n = v->n, g, i, j, total = 0;
	const uint16_t			*row;
	uint16_t			 r;
	size_t				 o;

	for (g = 0; g < b->ngroups; g++) {
		row = tally_ballots_row(b, g);
		for (i = 0; i < n; i++)
			total += row[i] != 0;
	}
	v->ngroups = b->ngroups;
	v->count = xcalloc(b->ngroups, sizeof *v->count);
	v->start = xcalloc(b->ngroups, sizeof *v->start);
	v->len = xcalloc(b->ngroups, sizeof *v->len);
	v->pos = xcalloc(b->ngroups, sizeof *v->pos);
	v->holder = xcalloc(b->ngroups, sizeof *v->holder);
	v->blocked = xcalloc(b->ngroups, sizeof *v->blocked);
	v->rk = xcalloc(total, sizeof *v->rk);
	v->opts = xcalloc(total, sizeof *v->opts);
	total = 0;
	for (g = 0; g < b->ngroups; g++) {
		row = tally_ballots_row(b, g);
		v->count[g] = b->counts[g];
		v->start[g] = total;
		v->holder[g] = TALLY_IRV_NONE;
		v->blocked[g] = true;	/* not placed yet */
		for (i = 0; i < n; i++) {
			if (row[i] == 0)
				continue;
			r = row[i];
			o = i;
			/* Insertion by rank; few options per ballot. */
			for (j = total; j > v->start[g] && v->rk[j - 1] > r;
			    j--) {
				v->rk[j] = v->rk[j - 1];
				v->opts[j] = v->opts[j - 1];
			}
			v->rk[j] = r;
			v->opts[j] = o;
			total++;
		}
		v->len[g] = total - v->start[g];
	}
}

/*
 * Place group g on its highest-ranked continuing option, from its cursor
 * on (ranks before the cursor hold no continuing option).
 */
static void
tally_irv_place(struct tally_irv *v, size_t g)
{
	size_t		 s = v->start[g], e = s + v->len[g], q, k;
	uint16_t	 r;

	v->holder[g] = TALLY_IRV_NONE;
	v->blocked[g] = false;
	for (q = s + v->pos[g]; q < e; q++) {
		if (v->continuing[v->opts[q]])
			break;
	}
	if (q == e) {
		v->pos[g] = v->len[g];
		return;
	}
	r = v->rk[q];
	for (k = q; k > s && v->rk[k - 1] == r; k--)
		/* nothing */;
	v->pos[g] = k - s;
	for (k = q + 1; k < e && v->rk[k] == r; k++) {
		if (v->continuing[v->opts[k]]) {
			v->blocked[g] = true;
			return;
		}
	}
	v->holder[g] = v->opts[q];
}

static char *
tally_irv_votes(uint64_t v)
{
	return (xasprintf("%" PRIu64, v));
}

/*
 * Among the options of tied (ntied of them, each with the fewest votes
 * this round), narrow by earlier rounds. Returns the number left.
 */
static size_t
tally_irv_lookback(struct tally_irv *v, size_t *tied, size_t ntied,
    size_t *round)
{
	size_t		 rr, i, k;
	uint64_t	 low, *h;

	*round = 0;
	for (rr = v->nrounds - 1; rr > 0 && ntied > 1; rr--) {
		h = v->hist + (rr - 1) * v->n;
		low = UINT64_MAX;
		for (i = 0; i < ntied; i++) {
			if (h[tied[i]] < low)
				low = h[tied[i]];
		}
		for (i = 0, k = 0; i < ntied; i++) {
			if (h[tied[i]] == low)
				tied[k++] = tied[i];
		}
		if (k < ntied && *round == 0)
			*round = rr;
		ntied = k;
	}
	return (ntied);
}

int
tally_irv_run(struct tally_count *c, char **cause)
{
	struct tally_irv	 v;
	struct tally_result	*r = c->result;
	struct buf		*s = &c->summary;
	size_t			 n = c->ballots->noptions, g, i, k, left;
	size_t			*tied, ntied, nout, *out, lookround, winner;
	uint64_t		*tally, total, exhausted, blocked, low, blank;
	size_t			*outround;
	json_t			*rounds, *rd, *a, *ex;
	char			*str;
	bool			 any = false, majority = false;

	(void)cause;
	memset(&v, 0, sizeof v);
	v.c = c;
	v.n = n;
	tally_irv_prepare(&v);
	v.continuing = xcalloc(n, sizeof *v.continuing);
	tied = xcalloc(n, sizeof *tied);
	out = xcalloc(n, sizeof *out);
	outround = xcalloc(n, sizeof *outround);
	for (i = 0; i < n; i++)
		v.continuing[i] = true;
	blank = 0;
	for (g = 0; g < v.ngroups; g++) {
		if (v.len[g] != 0 && v.count[g] != 0)
			any = true;
		if (v.len[g] == 0)
			blank += v.count[g];
	}
	json_object_set_new(c->explain, "blank", json_integer((json_int_t)
	    blank));
	json_object_set_new(c->explain, "variant", json_string("instant "
	    "runoff: a majority of the votes counted in a round wins, else "
	    "the fewest are excluded"));
	rounds = json_array();
	json_object_set_new(c->explain, "rounds", rounds);
	if (!any) {
		r->outcome = TALLY_REJECTED;
		buf_adds(s, "rejected: no ballot ranks any option");
		goto done;
	}

	winner = TALLY_IRV_NONE;
	nout = 0;
	left = n;
	for (;;) {
		if (v.nrounds == v.roundsalloc) {
			v.roundsalloc = v.roundsalloc == 0 ? 8 :
			    v.roundsalloc * 2;
			v.hist = xreallocarray(v.hist, v.roundsalloc,
			    n * sizeof *v.hist);
		}
		tally = v.hist + v.nrounds * n;
		memset(tally, 0, n * sizeof *tally);
		v.nrounds++;
		exhausted = blocked = 0;
		for (g = 0; g < v.ngroups; g++) {
			if (v.len[g] == 0)
				continue;
			if (v.blocked[g] || (v.holder[g] != TALLY_IRV_NONE &&
			    !v.continuing[v.holder[g]]))
				tally_irv_place(&v, g);
			if (v.holder[g] != TALLY_IRV_NONE)
				tally[v.holder[g]] += v.count[g];
			else if (v.blocked[g])
				blocked += v.count[g];
			else
				exhausted += v.count[g];
		}
		total = 0;
		for (i = 0; i < n; i++)
			total += tally[i];

		rd = json_object();
		json_object_set_new(rd, "round", json_integer((json_int_t)
		    v.nrounds));
		a = json_array();
		for (i = 0; i < n; i++) {
			json_array_append_new(a, v.continuing[i] ?
			    json_integer((json_int_t)tally[i]) : json_null());
		}
		json_object_set_new(rd, "tallies", a);
		json_object_set_new(rd, "counted", json_integer((json_int_t)
		    total));
		json_object_set_new(rd, "majority", json_integer((json_int_t)
		    (total / 2 + 1)));
		json_object_set_new(rd, "exhausted", json_integer((json_int_t)
		    exhausted));
		json_object_set_new(rd, "tied_ballots",
		    json_integer((json_int_t)blocked));
		json_array_append_new(rounds, rd);

		for (i = 0; i < n; i++) {
			if (v.continuing[i] && tally[i] * 2 > total) {
				winner = i;
				majority = true;
			}
		}
		if (winner == TALLY_IRV_NONE && left == 1) {
			for (i = 0; i < n && !v.continuing[i]; i++)
				/* nothing */;
			winner = i;
		}
		if (winner != TALLY_IRV_NONE) {
			json_object_set_new(rd, "elected",
			    json_string(tally_name(c, winner)));
			json_object_set_new(rd, "reason", json_string(majority ?
			    "more than half of the votes counted" :
			    "the last option left"));
			break;
		}
		if (total == 0) {
			json_object_set_new(rd, "reason", json_string("every "
			    "ballot is exhausted"));
			break;
		}

		/* Exclude the fewest. */
		low = UINT64_MAX;
		for (i = 0; i < n; i++) {
			if (v.continuing[i] && tally[i] < low)
				low = tally[i];
		}
		ntied = 0;
		for (i = 0; i < n; i++) {
			if (v.continuing[i] && tally[i] == low)
				tied[ntied++] = i;
		}
		ex = json_array();
		json_object_set_new(rd, "excluded", ex);
		if (low == 0 && ntied < left) {
			json_object_set_new(rd, "reason", json_string("no "
			    "votes (options without votes go out together)"));
		} else if (ntied > 1) {
			json_object_set_new(rd, "tie", tally_json_names(c,
			    tied, ntied));
			ntied = tally_irv_lookback(&v, tied, ntied,
			    &lookround);
			if (ntied > 1 && c->params->report_ties) {
				r->outcome = TALLY_TIED;
				r->ntied = ntied;
				r->tied = xcalloc(ntied, sizeof *r->tied);
				memcpy(r->tied, tied, ntied * sizeof *tied);
				json_object_set_new(rd, "reason", json_string(
				    "tied for fewest votes in this and every "
				    "earlier round; reported, not broken"));
				break;
			}
			if (ntied > 1) {
				tied[0] = tied[ntied - 1];
				json_object_set_new(rd, "reason", json_sprintf(
				    "fewest votes: %" PRIu64 ", tied in every "
				    "earlier round: the option declared last "
				    "goes", low));
			} else if (lookround != 0) {
				json_object_set_new(rd, "reason", json_sprintf(
				    "fewest votes: %" PRIu64 ", tie broken by "
				    "fewer votes in round %zu", low,
				    lookround));
			}
			ntied = 1;
		} else {
			json_object_set_new(rd, "reason", json_sprintf(
			    "fewest votes: %" PRIu64, low));
		}
		for (k = 0; k < ntied; k++) {
			v.continuing[tied[k]] = false;
			outround[tied[k]] = v.nrounds;
			out[nout++] = tied[k];
			left--;
			json_array_append_new(ex, json_string(tally_name(c,
			    tied[k])));
		}
	}

	if (r->outcome == TALLY_TIED) {
		buf_adds(s, "tied: ");
		tally_add_names(c, s, r->tied, r->ntied);
		buf_addf(s, " tie for exclusion in round %zu with %" PRIu64
		    " votes each, as in every earlier round", v.nrounds,
		    tally[r->tied[0]]);
	} else if (winner == TALLY_IRV_NONE) {
		r->outcome = TALLY_REJECTED;
		buf_addf(s, "rejected: every ballot was exhausted by round "
		    "%zu", v.nrounds);
	} else {
		size_t	*order, *levels, j;

		r->outcome = TALLY_PASSED;
		/*
		 * Ranking: the winner, the others left by their last tally,
		 * then the excluded, last out first.
		 */
		order = xcalloc(n, sizeof *order);
		levels = xcalloc(n, sizeof *levels);
		order[0] = winner;
		k = 1;
		for (i = 0; i < n; i++) {
			if (!v.continuing[i] || i == winner)
				continue;
			for (j = k; j > 1 && tally[order[j - 1]] < tally[i];
			    j--)
				order[j] = order[j - 1];
			order[j] = i;
			k++;
		}
		for (j = 1; j < k; j++) {
			levels[j] = levels[j - 1];
			if (j == 1 || tally[order[j]] != tally[order[j - 1]])
				levels[j]++;
		}
		for (j = nout; j > 0; j--, k++) {
			order[k] = out[j - 1];
			levels[k] = levels[k - 1];
			if (v.continuing[order[k - 1]] ||
			    outround[order[k]] != outround[order[k - 1]])
				levels[k]++;
		}
		tally_rank_and_choose(c, order, levels, n, NULL);
		free(order);
		free(levels);
		str = tally_irv_votes(tally[winner]);
		buf_addf(s, "passed: %s wins in round %zu with %s of %" PRIu64
		    " votes", tally_name(c, winner), v.nrounds, str, total);
		free(str);
		if (!majority)
			buf_adds(s, " as the last option left");
		if (nout != 0) {
			buf_adds(s, " after ");
			tally_add_names(c, s, out, nout);
			buf_adds(s, nout == 1 ? " was excluded" :
			    " were excluded in turn");
		}
	}

done:
	free(v.count);
	free(v.start);
	free(v.len);
	free(v.pos);
	free(v.holder);
	free(v.blocked);
	free(v.rk);
	free(v.opts);
	free(v.continuing);
	free(v.hist);
	free(tied);
	free(out);
	free(outround);
	return (0);
}
