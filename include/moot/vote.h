/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Votes under a frozen rule: building the count from a proposal's frozen
 * rule text and options and its ballots (from the projections, or from
 * the log when moot verify re-tallies), deciding whether a vote is due to
 * close, to run on for quorum, or certain early, and who may see its
 * count.
 */
#ifndef MOOT_VOTE_H
#define MOOT_VOTE_H

#include "moot/core.h"
#include "moot/rules.h"
#include "moot/tally.h"

/* A vote ready to count: the frozen rule and the ballots so far. */
struct vote {
	struct rule		 rule;
	struct tally_ballots	 ballots;
	uint64_t		 cast;		/* ballots added */
};

/*
 * Set up a count from a frozen rule text and options (a JSON array, or
 * NULL for yes/no-style methods, whose choices are fixed). The rule's
 * default option, if any, must be among the options.
 */
int		 vote_prepare(struct vote *, const char *, const json_t *,
		     const json_t *, char **);
void		 vote_free(struct vote *);
/* Add one ballot: its marks as a JSON array, checked against the rule. */
int		 vote_add(struct vote *, const json_t *, char **);
/*
 * Count with eligible voters and fill body with what a vote.closed event
 * records of the count: outcome, winners, tied, summary, explain,
 * eligible, ballots.
 */
int		 vote_count(struct vote *, uint64_t, json_t *,
		     struct tally_result *, char **);

/* The text of a ballot as a member would write it ("A > B = C"). */
char		*vote_choice_text(const struct vote *, const uint16_t *);

/* What a voting proposal should do now. */
enum vote_due {
	VOTE_OPEN,		/* nothing yet */
	VOTE_EXTEND,		/* deadline passed without quorum: run on */
	VOTE_CLOSE,		/* close now */
};

/*
 * Decide what proposal id (in state voting) should do at time now: its
 * count is left in *body (as vote_count) when the answer is VOTE_CLOSE.
 * *early is set when it closes before its deadline.
 */
int		 vote_due(struct core *, int64_t, int64_t, enum vote_due *,
		     bool *, json_t *, char **);

/* Load proposal id's frozen vote with its current ballots. */
int		 vote_load(struct core *, int64_t, struct vote *, char **);
/* The same without the ballots (a check needs only the rule). */
int		 vote_load_rule(struct core *, int64_t, struct vote *,
		     char **);
/* Active members whose role is at least r. */
uint64_t	 vote_eligible(struct core *, enum role);

/*
 * Whether uid may see the count of proposal id (and the choices in its
 * ballots): always once closed; while voting, as the frozen rule's
 * `results` says. Proposals that never voted have no count to hide.
 */
bool		 vote_visible(struct core *, int64_t, int64_t);

#endif
