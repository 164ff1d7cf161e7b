/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Counting votes: a ballot set in memory, the parameters a community's
 * rule gives a vote (method, quorum, eligible voters, threshold, seats,
 * default option, ties), and tally_run(), which decides the outcome and
 * explains it in a sentence and in a JSON object with every number.
 *
 * The counting is pure: no database, no sockets, no floating point (STV
 * counts in units of 0.00001 of a vote), so a re-tally gives the same
 * bytes. The rules engine reuses the parsers for methods, thresholds,
 * quorums and `moot vote` choices; moot-ballots(5) files are read by
 * ballots.h.
 */
#ifndef MOOT_TALLY_H
#define MOOT_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "moot/util.h"

enum tally_method {
	TALLY_YESNO,		/* yes / no / abstain against a threshold */
	TALLY_CONSENT,		/* ok / object: passes unless someone objects */
	TALLY_CONSENSUS,	/* agree / abstain / disagree / block */
	TALLY_APPROVAL,		/* any number of options each */
	TALLY_PLURALITY,	/* one option each */
	TALLY_SCORE,		/* a score 0..score_max per option */
	TALLY_DOT,		/* at most dot_budget points spread */
	TALLY_SCHULZE,		/* Debian constitution A.6 */
	TALLY_IRV,		/* instant runoff, one winner */
	TALLY_STV,		/* Scottish STV (SSI 2007/42) */
};
#define TALLY_NMETHODS 10

/* What a ballot of a method holds in its marks (one per option). */
enum tally_ballot_kind {
	TALLY_BALLOT_CHOICE,	/* 1 on the one fixed choice (yes, ok, ...) */
	TALLY_BALLOT_RANKED,	/* 1 = first, equal = tied, 0 = unranked */
	TALLY_BALLOT_APPROVAL,	/* 1 = approved, 0 = not */
	TALLY_BALLOT_SCORE,	/* points given */
};

enum tally_outcome {
	TALLY_PASSED,
	TALLY_REJECTED,
	TALLY_NO_QUORUM,
	TALLY_TIED,
	TALLY_VETOED,		/* set by the vote's lifecycle, never counted */
};

#define TALLY_NO_OPTION		SIZE_MAX
#define TALLY_MAX_OPTIONS	1024
#define TALLY_MAX_BALLOTS	1000000000ULL
#define TALLY_MARK_MAX		UINT16_MAX

/*
 * Ballots in memory: option names (UTF-8) and groups of identical
 * ballots, each with a count and one mark per option (see
 * enum tally_ballot_kind). 100k ballots over 20 options take 4 MB.
 */
struct tally_ballots {
	size_t		  noptions;
	char		**options;
	size_t		  ngroups;
	size_t		  groupsalloc;
	uint32_t	 *counts;
	uint32_t	 *lines;	/* source line of each group, or 0 */
	uint16_t	 *marks;	/* ngroups x noptions */
};

#define tally_ballots_row(b, g) ((b)->marks + (size_t)(g) * (b)->noptions)

void		 tally_ballots_init(struct tally_ballots *);
void		 tally_ballots_free(struct tally_ballots *);
/* Add the fixed choices of yesno, consent or consensus as options. */
void		 tally_ballots_init_choices(struct tally_ballots *,
		     enum tally_method);
/*
 * Add an option; existing ballots leave it unmarked. Returns its index or
 * a negative errno (-EEXIST, -EINVAL, -E2BIG) with *cause.
 */
int		 tally_ballots_add_option(struct tally_ballots *, const char *,
		     char **);
/* The index of the option called name (exact, then ASCII case-blind). */
size_t		 tally_ballots_find(const struct tally_ballots *,
		     const char *);
/* Add count ballots with these marks (noptions of them) from line. */
void		 tally_ballots_add(struct tally_ballots *, uint32_t,
		     const uint16_t *, uint32_t);
uint64_t	 tally_ballots_total(const struct tally_ballots *);

enum tally_quorum_kind {
	TALLY_QUORUM_NONE,
	TALLY_QUORUM_SHARE,	/* num/den of the eligible voters */
	TALLY_QUORUM_COUNT,	/* num ballots */
};

struct tally_quorum {
	enum tally_quorum_kind	 kind;
	uint64_t		 num;
	uint64_t		 den;
	bool			 percent;	/* written as N% */
};

enum tally_threshold_kind {
	TALLY_THRESHOLD_DEFAULT,	/* the method's own (>1/2) */
	TALLY_THRESHOLD_SHARE,		/* yes/(yes+no) >= or > num/den */
	TALLY_THRESHOLD_RATIO,		/* yes >= num/den * no, yes > no */
};

struct tally_threshold {
	enum tally_threshold_kind kind;
	uint32_t		 num;
	uint32_t		 den;
	bool			 strict;	/* ">" rather than ">=" */
	bool			 percent;	/* written as N% */
};

struct tally_params {
	enum tally_method	 method;
	struct tally_quorum	 quorum;
	uint64_t		 eligible;	/* 0: not known */
	struct tally_threshold	 threshold;
	unsigned		 seats;		/* winners wanted (>= 1) */
	size_t			 default_option; /* or TALLY_NO_OPTION */
	unsigned		 score_max;	/* score: 0..score_max */
	unsigned		 dot_budget;	/* dot: points per ballot */
	bool			 report_ties;	/* tied, not broken */
};

/*
 * The result. winners are option indexes in order (elected first, best
 * first); tied the options of a tie that was reported rather than broken;
 * ranking every option best first with ranks[i] its place (equal places
 * for options the method cannot separate), or nranking 0 where the method
 * gives no ranking. summary is one to three sentences; explain holds the
 * full count. tally_result_free() frees all of it.
 */
struct tally_result {
	enum tally_outcome	 outcome;
	size_t			 nwinners;
	size_t			*winners;
	size_t			 ntied;
	size_t			*tied;
	size_t			 nranking;
	size_t			*ranking;
	size_t			*ranks;
	char			*summary;
	json_t			*explain;
};

void		 tally_params_init(struct tally_params *, enum tally_method);
void		 tally_result_free(struct tally_result *);

/*
 * Count ballots under params into *result (which the caller frees with
 * tally_result_free() after success). Returns 0, or -EINVAL with *cause
 * when the parameters or a ballot do not fit the method.
 */
int		 tally_run(const struct tally_ballots *,
		     const struct tally_params *, struct tally_result *,
		     char **);

const char	*tally_method_name(enum tally_method);
const char	*tally_outcome_name(enum tally_outcome);
enum tally_ballot_kind tally_method_ballot_kind(enum tally_method);
/* The fixed choices of yesno/consent/consensus (NULL-terminated). */
const char *const *tally_method_choices(enum tally_method);

/* "schulze", "irv", ... Returns 0 or -EINVAL with *cause. */
int		 tally_parse_method(const char *, enum tally_method *, char **);
/* ">1/2", ">=2/3", "3:1", "50%", ">50%". */
int		 tally_parse_threshold(const char *, struct tally_threshold *,
		     char **);
/* "30%", "1/3", "12". */
int		 tally_parse_quorum(const char *, struct tally_quorum *,
		     char **);
/* Write a threshold or quorum as a person would (">=2/3", "30%"). */
void		 tally_threshold_format(const struct tally_threshold *, char *,
		     size_t);
void		 tally_quorum_format(const struct tally_quorum *, char *,
		     size_t);
/* Whether yes against no meets the threshold. */
bool		 tally_threshold_met(const struct tally_threshold *, uint64_t,
		     uint64_t);
/* Ballots needed for the quorum among eligible voters. */
uint64_t	 tally_quorum_required(const struct tally_quorum *, uint64_t);

/*
 * Parse a `moot vote ID CHOICE` choice for a vote under params with these
 * options (for yesno, consent and consensus pass NULL, 0: the choices are
 * tally_method_choices()). Options are named or numbered from 1. Fills
 * marks (noptions of them, or the number of fixed choices). Returns 0 or
 * -EINVAL with *cause giving an example of the right form.
 */
int		 tally_parse_choice(const struct tally_params *,
		     char *const *, size_t, const char *, uint16_t *, char **);
/* Check one ballot's marks against the method; -EINVAL and *cause. */
int		 tally_check_ballot(const struct tally_params *, size_t,
		     const uint16_t *, char **);

/*
 * Between tally.c and the counting files tally-simple.c, tally-schulze.c,
 * tally-irv.c and tally-stv.c; callers use tally_run() instead.
 */
struct tally_count {
	const struct tally_ballots	*ballots;
	const struct tally_params	*params;
	struct tally_result		*result;
	json_t				*explain;
	struct buf			 summary;	/* method's clause */
	uint64_t			 voted;		/* every ballot cast */
	uint64_t			 quorum_required;
	bool				 quorum_by_option; /* Debian A.6 */
};

int		 tally_simple_run(struct tally_count *, char **);
int		 tally_schulze_run(struct tally_count *, char **);
int		 tally_irv_run(struct tally_count *, char **);
int		 tally_stv_run(struct tally_count *, char **);

const char	*tally_name(const struct tally_count *, size_t);
/* "A", "A and B", "A, B and C" of option indexes. */
void		 tally_add_names(struct tally_count *, struct buf *,
		     const size_t *, size_t);
json_t		*tally_json_names(const struct tally_count *, const size_t *,
		     size_t);
/* Share a/b as "70%" or "66.7%" (rounded to a tenth). */
void		 tally_add_percent(struct buf *, uint64_t, uint64_t);
/*
 * Set the ranking from n options ordered best first, levels[i] equal for
 * options the method cannot separate, then take the first `seats` options
 * that may win (canwin[i], or all when NULL) as winners: a tie across the
 * last seat is reported or broken by the order given (declaration order
 * within a level). Sets the outcome passed, tied or rejected (nobody may
 * win) and records a tie in explain.
 */
void		 tally_rank_and_choose(struct tally_count *, const size_t *,
		     const size_t *, size_t, const bool *);
/* Rank options by total, highest first (ties: declaration order). */
void		 tally_order_by_total(const uint64_t *, size_t, size_t *,
		     size_t *);

#endif
