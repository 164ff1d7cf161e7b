/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The methods that count marks once: yesno, consent and consensus (fixed
 * choices, decided by a threshold, an objection or a block) and
 * approval, plurality, score and dot (a total per option, highest first).
 * Each fills the outcome, the winners and ranking where there are
 * options, its clause of the summary and its part of the explanation;
 * tally.c applies the quorum afterwards.
 *
 * Thresholds compare by cross multiplication, never by division:
 * yes/(yes+no) >= 2/3 is yes * 3 >= 2 * (yes + no). A vote exactly at a
 * strict threshold (10 yes, 10 no under >1/2) is reported as tied when
 * the caller asks for ties, and is rejected otherwise.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "moot/tally.h"

/* The total of marks each fixed choice received. */
static uint64_t
tally_simple_choice(struct tally_count *c, const char *name)
{
	const struct tally_ballots	*b = c->ballots;
	uint64_t			 total = 0;
	size_t				 i, g;

	for (i = 0; i < b->noptions; i++) {
		if (strcasecmp(b->options[i], name) == 0)
			break;
	}
	if (i == b->noptions)
		return (0);
	for (g = 0; g < b->ngroups; g++) {
		if (tally_ballots_row(b, g)[i] != 0)
			total += b->counts[g];
	}
	return (total);
}

/* Whether yes against no sits exactly on a strict threshold. */
static bool
tally_simple_on_edge(const struct tally_threshold *t, uint64_t yes,
    uint64_t no)
{
	switch (t->kind) {
	case TALLY_THRESHOLD_DEFAULT:
		return (yes + no != 0 && yes == no);
	case TALLY_THRESHOLD_SHARE:
		return (t->strict && yes + no != 0 &&
		    yes * t->den == t->num * (yes + no));
	case TALLY_THRESHOLD_RATIO:
		return (false);
	}
	return (false);
}

/*
 * Decide yes (agree) against no (disagree) by the threshold: set the
 * outcome, explain the arithmetic and write the clause.
 */
static void
tally_simple_threshold(struct tally_count *c, const char *yesword,
    const char *noword, uint64_t yes, uint64_t no)
{
	const struct tally_threshold	*t = &c->params->threshold;
	struct tally_result		*r = c->result;
	struct buf			*s = &c->summary;
	json_t				*j;
	char				 rule[64];
	bool				 met, edge;

	tally_threshold_format(t, rule, sizeof rule);
	met = tally_threshold_met(t, yes, no);
	edge = c->params->report_ties && tally_simple_on_edge(t, yes, no);

	j = json_object();
	json_object_set_new(j, "rule", json_string(rule));
	json_object_set_new(j, yesword, json_integer((json_int_t)yes));
	json_object_set_new(j, noword, json_integer((json_int_t)no));
	switch (t->kind) {
	case TALLY_THRESHOLD_DEFAULT:
		json_object_set_new(j, "arithmetic", json_sprintf("%" PRIu64
		    " > %" PRIu64 " (more %s than %s)", yes, no, yesword,
		    noword));
		break;
	case TALLY_THRESHOLD_SHARE:
		json_object_set_new(j, "arithmetic", json_sprintf("%" PRIu64
		    " x %" PRIu32 " = %" PRIu64 " %s %" PRIu32 " x %" PRIu64
		    " = %" PRIu64, yes, t->den, yes * t->den,
		    t->strict ? ">" : ">=", t->num, yes + no,
		    (uint64_t)t->num * (yes + no)));
		break;
	case TALLY_THRESHOLD_RATIO:
		json_object_set_new(j, "arithmetic", json_sprintf("%" PRIu64
		    " x %" PRIu32 " = %" PRIu64 " >= %" PRIu32 " x %" PRIu64
		    " = %" PRIu64 " and %" PRIu64 " > %" PRIu64, yes, t->den,
		    yes * t->den, t->num, no, (uint64_t)t->num * no, yes,
		    no));
		break;
	}
	json_object_set_new(j, "met", json_boolean(met));
	json_object_set_new(c->explain, "threshold", j);

	if (edge) {
		r->outcome = TALLY_TIED;
		buf_addf(s, "tied: %" PRIu64 " %s and %" PRIu64 " %s sit "
		    "exactly on the threshold %s", yes, yesword, no, noword,
		    rule);
		return;
	}
	r->outcome = met ? TALLY_PASSED : TALLY_REJECTED;
	buf_adds(s, met ? "passed: " : "rejected: ");
	if (yes + no == 0) {
		buf_addf(s, "no %s or %s votes, so the threshold %s is not "
		    "met", yesword, noword, rule);
		return;
	}
	if (t->kind == TALLY_THRESHOLD_RATIO) {
		buf_addf(s, "%" PRIu64 " %s to %" PRIu64 " %s %s the ratio "
		    "%s", yes, yesword, no, noword, met ? "meets" :
		    "does not meet", rule);
		return;
	}
	buf_addf(s, "%" PRIu64 " %s of %" PRIu64 " %s+%s votes (", yes,
	    yesword, yes + no, yesword, noword);
	tally_add_percent(s, yes, yes + no);
	buf_addf(s, ") %s the threshold %s", met ? "meets" : "does not meet",
	    rule);
}

static void
tally_simple_counts(struct tally_count *c, const char *const *words,
    const uint64_t *n)
{
	json_t	*j;
	size_t	 i;

	j = json_object();
	for (i = 0; words[i] != NULL; i++)
		json_object_set_new(j, words[i],
		    json_integer((json_int_t)n[i]));
	json_object_set_new(c->explain, "counts", j);
}

static void
tally_simple_yesno(struct tally_count *c)
{
	static const char *const	 words[] = { "yes", "no", "abstain",
					     NULL };
	uint64_t			 n[3];

	n[0] = tally_simple_choice(c, "yes");
	n[1] = tally_simple_choice(c, "no");
	n[2] = c->voted - n[0] - n[1];
	tally_simple_counts(c, words, n);
	tally_simple_threshold(c, "yes", "no", n[0], n[1]);
}

static void
tally_simple_consent(struct tally_count *c)
{
	static const char *const	 words[] = { "ok", "object", "blank",
					     NULL };
	struct buf			*s = &c->summary;
	uint64_t			 n[3];

	n[0] = tally_simple_choice(c, "ok");
	n[1] = tally_simple_choice(c, "object");
	n[2] = c->voted - n[0] - n[1];
	tally_simple_counts(c, words, n);
	json_object_set_new(c->explain, "rule", json_string("passes unless "
	    "someone objects"));
	if (n[1] == 0) {
		c->result->outcome = TALLY_PASSED;
		buf_addf(s, "passed: no objection (%" PRIu64 " ok)", n[0]);
	} else {
		c->result->outcome = TALLY_REJECTED;
		buf_addf(s, "rejected: %" PRIu64 " objection%s, and consent "
		    "fails on any objection (%" PRIu64 " ok)", n[1],
		    n[1] == 1 ? "" : "s", n[0]);
	}
}

static void
tally_simple_consensus(struct tally_count *c)
{
	static const char *const	 words[] = { "agree", "abstain",
					     "disagree", "block", NULL };
	struct buf			*s = &c->summary;
	uint64_t			 n[4];

	n[0] = tally_simple_choice(c, "agree");
	n[2] = tally_simple_choice(c, "disagree");
	n[3] = tally_simple_choice(c, "block");
	n[1] = c->voted - n[0] - n[2] - n[3];
	tally_simple_counts(c, words, n);
	if (n[3] != 0) {
		c->result->outcome = TALLY_REJECTED;
		json_object_set_new(c->explain, "blocked", json_true());
		buf_addf(s, "rejected: blocked by %" PRIu64 " of %" PRIu64
		    " ballots, and one block is enough", n[3], c->voted);
		return;
	}
	json_object_set_new(c->explain, "blocked", json_false());
	tally_simple_threshold(c, "agree", "disagree", n[0], n[2]);
	buf_adds(s, ", with no block");
}

/* The unit a method's totals are counted in. */
static const char *
tally_simple_unit(enum tally_method m, uint64_t n)
{
	switch (m) {
	case TALLY_APPROVAL:
		return (n == 1 ? "approval" : "approvals");
	case TALLY_PLURALITY:
		return (n == 1 ? "vote" : "votes");
	case TALLY_SCORE:
	case TALLY_DOT:
		return (n == 1 ? "point" : "points");
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
	case TALLY_SCHULZE:
	case TALLY_IRV:
	case TALLY_STV:
		break;
	}
	return ("votes");
}

static void
tally_simple_totals(struct tally_count *c)
{
	const struct tally_ballots	*b = c->ballots;
	struct tally_result		*r = c->result;
	struct buf			*s = &c->summary;
	enum tally_method		 m = c->params->method;
	uint64_t			*total;
	size_t				*order, *levels, n = b->noptions, g, i;
	const uint16_t			*row;
	bool				*canwin;
	json_t				*a, *e;

	total = xcalloc(n, sizeof *total);
	order = xcalloc(n, sizeof *order);
	levels = xcalloc(n, sizeof *levels);
	canwin = xcalloc(n, sizeof *canwin);
	for (g = 0; g < b->ngroups; g++) {
		row = tally_ballots_row(b, g);
		for (i = 0; i < n; i++)
			total[i] += (uint64_t)row[i] * b->counts[g];
	}
	for (i = 0; i < n; i++)
		canwin[i] = total[i] > 0;
	tally_order_by_total(total, n, order, levels);

	a = json_array();
	for (i = 0; i < n; i++) {
		e = json_object();
		json_object_set_new(e, "option", json_string(b->options[i]));
		json_object_set_new(e, "total", json_integer((json_int_t)
		    total[i]));
		json_array_append_new(a, e);
	}
	json_object_set_new(c->explain, "totals", a);
	json_object_set_new(c->explain, "unit", json_string(
	    tally_simple_unit(m, 2)));
	if (m == TALLY_SCORE) {
		json_object_set_new(c->explain, "score_max",
		    json_integer(c->params->score_max));
	}
	if (m == TALLY_DOT) {
		json_object_set_new(c->explain, "dot_budget",
		    json_integer(c->params->dot_budget));
	}

	tally_rank_and_choose(c, order, levels, n, canwin);
	switch (r->outcome) {
	case TALLY_REJECTED:
		buf_addf(s, "rejected: no option received any %s",
		    tally_simple_unit(m, 2));
		break;
	case TALLY_TIED:
		buf_adds(s, "tied: ");
		tally_add_names(c, s, r->tied, r->ntied);
		buf_addf(s, " have %" PRIu64 " %s each", total[r->tied[0]],
		    tally_simple_unit(m, total[r->tied[0]]));
		if (r->nwinners != 0) {
			buf_adds(s, " for the last seat, after ");
			tally_add_names(c, s, r->winners, r->nwinners);
			buf_adds(s, r->nwinners == 1 ? " won" :
			    " were elected");
		}
		break;
	case TALLY_PASSED:
		buf_adds(s, "passed: ");
		tally_add_names(c, s, r->winners, r->nwinners);
		buf_adds(s, r->nwinners == 1 ? " wins with " :
		    " are elected with ");
		for (i = 0; i < r->nwinners; i++) {
			if (i != 0)
				buf_adds(s, i == r->nwinners - 1 ? " and " :
				    ", ");
			buf_addf(s, "%" PRIu64, total[r->winners[i]]);
		}
		buf_addf(s, " %s from %" PRIu64 " ballot%s",
		    tally_simple_unit(m, r->nwinners == 1 ?
		    total[r->winners[0]] : 2), c->voted,
		    c->voted == 1 ? "" : "s");
		if (json_object_get(c->explain, "tie") != NULL) {
			buf_adds(s, "; a tie for the last seat was broken by "
			    "declaration order");
		} else if (r->nwinners < n && canwin[order[r->nwinners]]) {
			buf_addf(s, "; next %s with %" PRIu64,
			    b->options[order[r->nwinners]],
			    total[order[r->nwinners]]);
		}
		break;
	case TALLY_NO_QUORUM:
	case TALLY_VETOED:
		break;
	}
	free(total);
	free(order);
	free(levels);
	free(canwin);
}

int
tally_simple_run(struct tally_count *c, char **cause)
{
	(void)cause;
	switch (c->params->method) {
	case TALLY_YESNO:
		tally_simple_yesno(c);
		break;
	case TALLY_CONSENT:
		tally_simple_consent(c);
		break;
	case TALLY_CONSENSUS:
		tally_simple_consensus(c);
		break;
	case TALLY_APPROVAL:
	case TALLY_PLURALITY:
	case TALLY_SCORE:
	case TALLY_DOT:
		tally_simple_totals(c);
		break;
	case TALLY_SCHULZE:
	case TALLY_IRV:
	case TALLY_STV:
		MOOT_REQUIRE(0);
	}
	return (0);
}
