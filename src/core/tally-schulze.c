/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Schulze method as Debian's constitution (appendix A.6) counts it,
 * with winning votes:
 *
 *  1. d[i][j] is the number of ballots ranking i above j; an option a
 *     ballot leaves unranked is below every option it ranks.
 *  2. With a default option D ("None of the above", "Further
 *     discussion") and a quorum of R ballots, an option ranked above D
 *     on fewer than R ballots is dropped (A.6 step 2).
 *  3. An option that does not defeat D by its majority is dropped: it
 *     needs d[i][D] > d[D][i], and the threshold (a ratio S:1 means
 *     d[i][D] >= S * d[D][i]) (A.6 step 3).
 *  4. Among the options left (and D), i defeats j when d[i][j] >
 *     d[j][i]; a defeat is stronger than another if it has more winning
 *     votes d[i][j], or as many and fewer votes against d[j][i] (A.6
 *     step 7.1). p[i][j] is the strength of the strongest path of
 *     defeats from i to j (its weakest link), found as Floyd-Warshall
 *     finds widest paths.
 *  5. i is better than j when p[i][j] is stronger than p[j][i]; this is
 *     transitive, so it ranks the options. The options no other beats
 *     are the potential winners: they are the winners that A.6's
 *     Schwartz sequential dropping (steps 5-8) finds, which the tests
 *     check against a literal implementation of those steps.
 *
 * A tie among potential winners (A.6 gives the casting vote to the
 * chair) is reported when the caller asks, otherwise broken by the
 * order options were declared. Dropped options rank after the others.
 * The pairwise count costs one pass over the row per option a ballot
 * ranks, so partial ballots over many options cost little.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "moot/tally.h"

/* The strength of a defeat or a path: winning votes, then votes against. */
struct tally_schulze_link {
	uint64_t	win;
	uint64_t	lose;
};

struct tally_schulze {
	struct tally_count		*c;
	size_t				 n;
	uint64_t			*d;	/* n x n */
	struct tally_schulze_link	*p;	/* n x n */
	bool				*considered;
	size_t				*order;
	size_t				*levels;
	size_t				 norder;
};

static bool
tally_schulze_stronger(const struct tally_schulze_link *a,
    const struct tally_schulze_link *b)
{
	if (a->win != b->win)
		return (a->win > b->win);
	return (a->lose < b->lose);
}

/* Four 32-bit lanes (GCC and Clang vector extension). */
typedef uint32_t tally_schulze_v4 __attribute__((vector_size(16)));

/* Add the 32-bit partial counts into d and clear them. */
static void
tally_schulze_flush(struct tally_schulze *s, tally_schulze_v4 *acc,
    size_t nv)
{
	size_t	n = s->n, i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			s->d[i * n + j] += acc[i * nv + j / 4][j % 4];
	}
	memset(acc, 0, n * nv * sizeof *acc);
}

/*
 * Count d[i][j] over the ballots. Returns whether any ballot ranks.
 * Unranked options read as the lowest rank, so each option i a ballot
 * ranks adds the ballot's count to every j ranked below it: a compare
 * and an add over the row, four options at a time, into 32-bit partial
 * counts that are added into d before they could overflow.
 */
static bool
tally_schulze_pairwise(struct tally_schulze *s)
{
	const struct tally_ballots	*b = s->c->ballots;
	size_t				 n = s->n, nv = (n + 3) / 4, g, i, v;
	uint64_t			 pending = 0;
	uint32_t			 cnt;
	const uint16_t			*row;
	tally_schulze_v4		*rr, *acc, *ai, riv, cv;
	bool				 any = false, ranked;

	rr = xcalloc(nv, sizeof *rr);
	acc = xcalloc(n * nv, sizeof *acc);
	for (g = 0; g < b->ngroups; g++) {
		row = tally_ballots_row(b, g);
		cnt = b->counts[g];
		ranked = false;
		for (i = 0; i < n; i++) {
			rr[i / 4][i % 4] = row[i] == 0 ? UINT16_MAX : row[i];
			ranked |= row[i] != 0;
		}
		if (!ranked || cnt == 0)
			continue;
		any = true;
		if (pending + cnt > UINT32_MAX) {
			tally_schulze_flush(s, acc, nv);
			pending = 0;
		}
		pending += cnt;
		cv = (tally_schulze_v4){ cnt, cnt, cnt, cnt };
		for (i = 0; i < n; i++) {
			if (row[i] == 0)
				continue;
			riv = (tally_schulze_v4){ row[i], row[i], row[i],
			    row[i] };
			ai = acc + i * nv;
			for (v = 0; v < nv; v++)
				ai[v] += (tally_schulze_v4)(rr[v] > riv) & cv;
		}
	}
	tally_schulze_flush(s, acc, nv);
	free(rr);
	free(acc);
	return (any);
}

/* Strongest paths among the options in mask. */
static void
tally_schulze_paths(struct tally_schulze *s, const bool *mask)
{
	struct tally_schulze_link	*p = s->p, w;
	size_t				 n = s->n, i, j, k;
	uint64_t			*d = s->d;

	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			p[i * n + j].win = 0;
			p[i * n + j].lose = 0;
			if (i == j || !mask[i] || !mask[j])
				continue;
			if (d[i * n + j] > d[j * n + i]) {
				p[i * n + j].win = d[i * n + j];
				p[i * n + j].lose = d[j * n + i];
			}
		}
	}
	for (k = 0; k < n; k++) {
		if (!mask[k])
			continue;
		for (i = 0; i < n; i++) {
			if (i == k || !mask[i] || p[i * n + k].win == 0)
				continue;
			for (j = 0; j < n; j++) {
				if (j == i || j == k || !mask[j])
					continue;
				/* The path i..k..j is as strong as its weaker
				 * half. */
				if (tally_schulze_stronger(&p[i * n + k],
				    &p[k * n + j]))
					w = p[k * n + j];
				else
					w = p[i * n + k];
				if (tally_schulze_stronger(&w, &p[i * n + j]))
					p[i * n + j] = w;
			}
		}
	}
}

/*
 * Append the options of mask to the ranking, level by level: each level
 * holds the options no remaining option beats.
 */
static void
tally_schulze_rank(struct tally_schulze *s, const bool *mask)
{
	size_t	 n = s->n, i, j, level;
	bool	*left, beaten, any;

	level = s->norder == 0 ? 0 : s->levels[s->norder - 1] + 1;
	left = xcalloc(n, sizeof *left);
	memcpy(left, mask, n * sizeof *left);
	for (;;) {
		any = false;
		for (i = 0; i < n; i++) {
			if (!left[i])
				continue;
			beaten = false;
			for (j = 0; j < n && !beaten; j++) {
				if (j != i && left[j] &&
				    tally_schulze_stronger(&s->p[j * n + i],
				    &s->p[i * n + j]))
					beaten = true;
			}
			if (beaten)
				continue;
			s->order[s->norder] = i;
			s->levels[s->norder++] = level;
			any = true;
		}
		if (!any)
			break;
		for (i = 0; i < s->norder; i++)
			left[s->order[i]] = false;
		level++;
	}
	free(left);
}

static json_t *
tally_schulze_matrix(struct tally_schulze *s, bool paths, bool against)
{
	json_t	*m, *row;
	size_t	 n = s->n, i, j;
	uint64_t v;

	m = json_array();
	for (i = 0; i < n; i++) {
		row = json_array();
		for (j = 0; j < n; j++) {
			if (!paths)
				v = s->d[i * n + j];
			else if (against)
				v = s->p[i * n + j].lose;
			else
				v = s->p[i * n + j].win;
			json_array_append_new(row, json_integer((json_int_t)v));
		}
		json_array_append_new(m, row);
	}
	return (m);
}

/* Drop options per A.6 steps 2 and 3; explain each decision. */
static void
tally_schulze_drop(struct tally_schulze *s, json_t *dropped)
{
	struct tally_count		*c = s->c;
	const struct tally_params	*p = c->params;
	const struct tally_threshold	*t = &p->threshold;
	size_t				 n = s->n, D = p->default_option, i;
	uint64_t			 pro, con;
	json_t				*maj, *e;
	char				 rule[64];
	bool				 met;

	if (t->kind == TALLY_THRESHOLD_DEFAULT)
		snprintf(rule, sizeof rule, "1:1");
	else
		tally_threshold_format(t, rule, sizeof rule);
	maj = json_array();
	for (i = 0; i < n; i++) {
		if (i == D)
			continue;
		pro = s->d[i * n + D];
		con = s->d[D * n + i];
		if (c->quorum_by_option && pro < c->quorum_required) {
			s->considered[i] = false;
			e = json_object();
			json_object_set_new(e, "option",
			    json_string(tally_name(c, i)));
			json_object_set_new(e, "reason", json_string("quorum"));
			json_object_set_new(e, "detail", json_sprintf("ranked "
			    "above %s on %" PRIu64 " ballots, %" PRIu64
			    " required", tally_name(c, D), pro,
			    c->quorum_required));
			json_array_append_new(dropped, e);
			continue;
		}
		met = pro > con && tally_threshold_met(t, pro, con);
		e = json_object();
		json_object_set_new(e, "option", json_string(tally_name(c, i)));
		json_object_set_new(e, "for", json_integer((json_int_t)pro));
		json_object_set_new(e, "against",
		    json_integer((json_int_t)con));
		json_object_set_new(e, "rule", json_string(rule));
		json_object_set_new(e, "met", json_boolean(met));
		json_array_append_new(maj, e);
		if (met)
			continue;
		s->considered[i] = false;
		e = json_object();
		json_object_set_new(e, "option", json_string(tally_name(c, i)));
		json_object_set_new(e, "reason", json_string("majority"));
		json_object_set_new(e, "detail", json_sprintf("preferred to %s "
		    "by %" PRIu64 " against %" PRIu64 ", short of the majority "
		    "%s", tally_name(c, D), pro, con, rule));
		json_array_append_new(dropped, e);
	}
	json_object_set_new(c->explain, "majority", maj);
}

/* The Schwartz set of the defeats among the considered options. */
static json_t *
tally_schulze_schwartz(struct tally_schulze *s)
{
	struct tally_count	*c = s->c;
	size_t			 n = s->n, i, j;
	json_t			*a;
	bool			 in;

	a = json_array();
	for (i = 0; i < n; i++) {
		if (!s->considered[i])
			continue;
		in = true;
		for (j = 0; j < n && in; j++) {
			if (j == i || !s->considered[j])
				continue;
			/* A path of defeats back without one forth. */
			if (s->p[j * n + i].win != 0 &&
			    s->p[i * n + j].win == 0)
				in = false;
		}
		if (in)
			json_array_append_new(a, json_string(tally_name(c, i)));
	}
	return (a);
}

static void
tally_schulze_summary(struct tally_schulze *s, size_t ndropped)
{
	struct tally_count		*c = s->c;
	struct tally_result		*r = c->result;
	struct buf			*b = &c->summary;
	size_t				 D = c->params->default_option, i;

	switch (r->outcome) {
	case TALLY_PASSED:
		buf_adds(b, "passed: ");
		tally_add_names(c, b, r->winners, r->nwinners);
		buf_adds(b, r->nwinners == 1 ? " wins" : " are elected");
		if (json_object_get(c->explain, "tie") != NULL)
			buf_adds(b, ", chosen by declaration order from a tie");
		break;
	case TALLY_REJECTED:
		if (D == TALLY_NO_OPTION) {
			buf_adds(b, "rejected: no option wins");
			break;
		}
		buf_addf(b, "rejected: the default option %s wins",
		    tally_name(c, D));
		if (json_object_get(c->explain, "tie") != NULL)
			buf_adds(b, ", chosen by declaration order from a tie");
		break;
	case TALLY_TIED:
		buf_adds(b, "tied: ");
		tally_add_names(c, b, r->tied, r->ntied);
		buf_adds(b, " tie");
		if (r->nwinners != 0) {
			buf_adds(b, " for the last seat after ");
			tally_add_names(c, b, r->winners, r->nwinners);
		}
		break;
	case TALLY_NO_QUORUM:
	case TALLY_VETOED:
		break;
	}
	buf_adds(b, " (Schulze, winning votes; ranking ");
	for (i = 0; i < s->norder; i++) {
		if (i != 0) {
			buf_adds(b, s->levels[i] == s->levels[i - 1] ? " = " :
			    " > ");
		}
		buf_adds(b, tally_name(c, s->order[i]));
	}
	if (ndropped != 0)
		buf_addf(b, "; %zu option%s dropped", ndropped,
		    ndropped == 1 ? "" : "s");
	buf_addc(b, ')');
}

int
tally_schulze_run(struct tally_count *c, char **cause)
{
	struct tally_schulze	 s;
	const struct tally_params *p = c->params;
	struct tally_result	*r = c->result;
	size_t			 n = c->ballots->noptions, D, i, j, dl;
	bool			*canwin, *rest, any;
	json_t			*dropped, *pw;

	(void)cause;
	memset(&s, 0, sizeof s);
	s.c = c;
	s.n = n;
	s.d = xcalloc(n * n, sizeof *s.d);
	s.p = xcalloc(n * n, sizeof *s.p);
	s.considered = xcalloc(n, sizeof *s.considered);
	s.order = xcalloc(n, sizeof *s.order);
	s.levels = xcalloc(n, sizeof *s.levels);
	canwin = xcalloc(n, sizeof *canwin);
	rest = xcalloc(n, sizeof *rest);
	D = p->default_option;

	json_object_set_new(c->explain, "variant", json_string("Schulze, "
	    "winning votes (Debian constitution A.6)"));
	json_object_set_new(c->explain, "default_option", D == TALLY_NO_OPTION ?
	    json_null() : json_string(tally_name(c, D)));
	any = tally_schulze_pairwise(&s);
	json_object_set_new(c->explain, "d", tally_schulze_matrix(&s, false,
	    false));
	for (i = 0; i < n; i++)
		s.considered[i] = true;
	dropped = json_array();
	if (D != TALLY_NO_OPTION)
		tally_schulze_drop(&s, dropped);

	/* Rank the dropped options among themselves, after the others. */
	for (i = 0; i < n; i++)
		rest[i] = !s.considered[i];
	tally_schulze_paths(&s, s.considered);
	json_object_set_new(c->explain, "p", tally_schulze_matrix(&s, true,
	    false));
	json_object_set_new(c->explain, "p_against",
	    tally_schulze_matrix(&s, true, true));
	json_object_set_new(c->explain, "schwartz_set",
	    tally_schulze_schwartz(&s));
	tally_schulze_rank(&s, s.considered);
	pw = json_array();
	for (i = 0; i < s.norder && s.levels[i] == 0; i++)
		json_array_append_new(pw, json_string(tally_name(c,
		    s.order[i])));
	json_object_set_new(c->explain, "potential_winners", pw);
	if (json_array_size(dropped) != 0) {
		tally_schulze_paths(&s, rest);
		tally_schulze_rank(&s, rest);
		tally_schulze_paths(&s, s.considered);
	}
	MOOT_REQUIRE(s.norder == n);
	json_object_set_new(c->explain, "dropped", dropped);

	if (!any) {
		r->outcome = TALLY_REJECTED;
		r->nranking = 0;
		buf_adds(&c->summary, "rejected: no ballot ranks any option");
		goto out;
	}

	/* Who may win: options not ranked below the default option. */
	dl = SIZE_MAX;
	for (i = 0; i < n; i++) {
		if (s.order[i] == D)
			dl = s.levels[i];
	}
	for (i = 0; i < n; i++) {
		canwin[s.order[i]] = s.considered[s.order[i]] &&
		    (D == TALLY_NO_OPTION || s.levels[i] <= dl);
	}
	tally_rank_and_choose(c, s.order, s.levels, n, canwin);
	if (D != TALLY_NO_OPTION && r->outcome == TALLY_PASSED) {
		/* The winners end where the default option stands. */
		for (j = 0; j < r->nwinners && r->winners[j] != D; j++)
			/* nothing */;
		r->nwinners = j;
		if (j == 0)
			r->outcome = TALLY_REJECTED;
	}
	tally_schulze_summary(&s, json_array_size(dropped));

out:
	free(s.d);
	free(s.p);
	free(s.considered);
	free(s.order);
	free(s.levels);
	free(canwin);
	free(rest);
	return (0);
}
