/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Disputes, sanctions and appeals: the events of event-dispute.c, the
 * queries of query-dispute.c, and what the rest of the core asks of them
 * (the sanction check every submit makes first, the work that falls due
 * in core_settle(), what a reader may see of a dispute's events).
 */
#ifndef MOOT_DISPUTE_H
#define MOOT_DISPUTE_H

#include "moot/event.h"

/* moot.conf [disputes] appeal_window, by default (ms). */
#define DISPUTE_APPEAL_WINDOW_MS	(14 * 24 * 3600 * 1000LL)
/* The longest sanction a resolution may impose (ms). */
#define DISPUTE_SANCTION_MAX_MS		(366 * 24 * 3600 * 1000LL)

/* A dispute as the checks and queries see it. */
struct dispute {
	int64_t		 id;
	int64_t		 opener;
	int64_t		 subject;	/* -1 when none */
	int64_t		 moderator;	/* -1 when unassigned */
	char		 state[16];
	char		 about[48];
	char		 outcome[16];
	int64_t		 resolved_ts;
	int64_t		 appeal_proposal;	/* -1 when none */
	char		 appeal_by[40];	/* "leaders", a rule, or "" */
};

/* Load dispute id; -ENOENT with a sentence when there is none. */
int		 dispute_get(struct core *, int64_t, struct dispute *,
		     char **);
/* Whether uid is a party (opener or subject) of d. */
bool		 dispute_party(const struct dispute *, int64_t);

/*
 * Whether a sanction in force on actor refuses an event of type with
 * args: -EPERM and *cause saying which sanction, until when, why and how
 * to appeal. core_submit() asks before the type's own check.
 */
int		 dispute_sanction_check(struct core *, const struct actor *,
		     const char *, json_t *, char **);

/*
 * What falls due (core_settle): sanctions that expired, appeals to put
 * to a community vote, appeal votes closed and to be applied. Adds the
 * events written to *count; returns 0 or the first error.
 */
int		 dispute_settle(struct core *, int *, char **);
/* The next expiry of a sanction in force (ms), or 0. */
int64_t		 dispute_next_deadline(struct core *);

/*
 * Whether actor may see the details (reason, thread, resolution text,
 * appeal reason) of dispute id: its parties, moderators and leaders, or
 * every member under [disputes] visibility = members, or once its
 * appeal is put to a community vote.
 */
bool		 dispute_visible(struct core *, const struct actor *, int64_t);
/* Why the text of a dispute or sanction event is withheld, or NULL. */
const char	*dispute_withheld(struct core *, const struct actor *,
		     const char *, const char *);

/* The counts `status` adds for actor (query-dispute.c). */
void		 dispute_status(struct core *, const struct actor *, json_t *);

#endif
