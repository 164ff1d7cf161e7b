/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The table of event types. Each type is a noun.verb name with its
 * permission and state check (which turns a request into an event body),
 * its projection (which applies a committed event to the projection
 * tables, both live and when check.c replays the log), and, for types that
 * carry member-written text, the fields a redaction removes.
 */
#ifndef MOOT_EVENT_H
#define MOOT_EVENT_H

#include "moot/core.h"

/* A committed (or being committed) event, as projections see it. */
struct event {
	int64_t		 seq;
	int64_t		 ts;
	int64_t		 uid;
	const char	*name;
	const char	*type;
	const char	*ref;
};

/* What a check produces from a request. */
struct event_draft {
	char		*ref;		/* "proposal:12"; owned */
	json_t		*body;		/* the payload; owned */
	json_t		*result;	/* told to the requester; owned */
	int64_t		 redacts;	/* log.redacted: the target seq */
	/*
	 * Another type of the table to record the event as (NULL: the
	 * requested one): a request whose outcome is a different event,
	 * like assigning a dispute to a party, which recuses them.
	 */
	const char	*type;
};

struct event_type {
	const char	*name;
	/* Permission and state check; fills the draft. */
	int		(*check)(struct core *, const struct actor *, json_t *,
			    struct event_draft *, char **);
	/* Apply to the projections of store. body is never NULL (a
	 * redacted body is replayed as its kept part). */
	int		(*project)(struct store *, const struct event *,
			    const json_t *, char **);
	/* Clear the projected text of a redacted event of this type. */
	int		(*redact)(struct store *, const struct event *,
			    char **);
	/* Body keys holding member-written text (NULL-terminated). */
	const char *const *text_fields;
};

const struct event_type	*event_type_find(const char *);
const struct event_type	*event_type_findn(const char *, size_t);
extern const struct event_type event_types[];

/* Project a committed event (body or kept body) into store. */
int		 event_project(struct store *, const struct event *,
		     const json_t *, char **);

/* "proposal:12" -> 12 when the kind matches, else -1. */
int64_t		 event_ref_id(const char *, const char *);

/* Helpers for checks (event.c). */
int		 event_need_role(struct core *, const struct actor *,
		     enum role, const char *, char **);
int		 event_arg_text(json_t *, const char *, int, bool,
		     const char **, char **);
int		 event_arg_int(json_t *, const char *, bool, int64_t *,
		     char **);
/*
 * The paging arguments of a query: after (an exclusive key, -1 when not
 * given) and limit (def when not given, 1 to EVENT_PAGE_MAX).
 */
#define EVENT_PAGE_MAX	1000
int		 event_arg_page(json_t *, int64_t *, int64_t *, int64_t,
		     char **);

/* A proposal's author and state; -ENOENT with a sentence if none. */
int		 event_proposal_get(struct core *, int64_t, int64_t *, char *,
		     size_t, char **);

/*
 * The rule a proposal of kind is decided under: named (may be NULL), or
 * the one [governance] names for the kind. *rule (caller frees) is NULL
 * in a community that has no rules yet.
 */
int		 event_proposal_rule(struct core *, const char *, const char *,
		     char **, char **);

/*
 * Step one UPDATE of a proposal's (or comment's) projection for event
 * ev: ?1 is ev's ts, ?2 its seq, ?3 text (unbound if NULL), ?4 the id
 * its ref names.
 */
int		 event_proposal_step(struct store *, const char *,
		     const struct event *, const char *, char **);

/* The constitution (event-rules.c). */
struct governance;
json_t		*event_rules_current(struct store *);
json_t		*event_governance_current(struct store *);
/* The community's [governance]; -ENOENT when it has none yet. */
int		 event_governance(struct core *, struct governance *);
/* rules_change_apply() against the rules in the database. */
int		 event_rules_normalise(struct core *, const json_t *,
		     json_t **, char **);
int		 event_rules_project(struct store *, const struct event *,
		     const json_t *, char **);
/*
 * For events that apply a passed proposal ({"proposal": N} in args): the
 * actor must be moot, and N a passed proposal of kind, not yet applied.
 * *change gets its change (new reference).
 */
int		 event_applied_proposal(struct core *, const struct actor *,
		     json_t *, const char *, int64_t *, json_t **, char **);
/* Projection: mark the proposal named by body's "cause" applied. */
int		 event_mark_applied(struct store *, const struct event *,
		     const json_t *, char **);
/* Whether a role change {"user","role"} could apply now; why not. */
int		 event_role_change_valid(struct core *, const json_t *,
		     char **);

/* Per-family checks and projections (event-*.c). */
int	event_community_created_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_community_created_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_member_invited_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_member_invited_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_member_joined_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_member_joined_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_role_changed_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_role_changed_project(struct store *, const struct event *,
	    const json_t *, char **);

int	event_proposal_created_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_proposal_created_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_proposal_edited_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_proposal_edited_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_proposal_text_redact(struct store *, const struct event *,
	    char **);
int	event_proposal_published_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_proposal_published_project(struct store *,
	    const struct event *, const json_t *, char **);
int	event_proposal_withdrawn_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_proposal_withdrawn_project(struct store *,
	    const struct event *, const json_t *, char **);
int	event_proposal_withdrawn_redact(struct store *, const struct event *,
	    char **);

int	event_comment_added_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_comment_added_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_comment_added_redact(struct store *, const struct event *,
	    char **);
int	event_comment_hidden_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_comment_hidden_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_comment_hidden_redact(struct store *, const struct event *,
	    char **);
int	event_comment_unhidden_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_comment_unhidden_project(struct store *, const struct event *,
	    const json_t *, char **);

int	event_rules_changed_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_rules_changed_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_agreement_changed_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_agreement_changed_project(struct store *,
	    const struct event *, const json_t *, char **);

int	event_vote_opened_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_vote_opened_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_ballot_cast_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_ballot_cast_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_vote_extended_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_vote_extended_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_vote_closed_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_vote_closed_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_vote_vetoed_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_vote_vetoed_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_vote_vetoed_redact(struct store *, const struct event *,
	    char **);

int	event_log_redacted_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_log_redacted_project(struct store *, const struct event *,
	    const json_t *, char **);

/* Disputes and sanctions (event-dispute.c). */
int	event_dispute_opened_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_dispute_opened_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_dispute_opened_redact(struct store *, const struct event *,
	    char **);
int	event_dispute_assigned_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_dispute_assigned_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_dispute_recused_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_dispute_recused_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_dispute_commented_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_dispute_commented_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_dispute_commented_redact(struct store *, const struct event *,
	    char **);
int	event_dispute_resolved_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_dispute_resolved_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_dispute_resolved_redact(struct store *, const struct event *,
	    char **);
int	event_dispute_appealed_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_dispute_appealed_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_dispute_appealed_redact(struct store *, const struct event *,
	    char **);
int	event_dispute_decided_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_dispute_decided_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_sanction_lifted_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_sanction_lifted_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_sanction_lifted_redact(struct store *, const struct event *,
	    char **);
int	event_sanction_expired_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_sanction_expired_project(struct store *, const struct event *,
	    const json_t *, char **);
/* Progress and recognition (event-progress.c). */
int	event_task_added_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_task_added_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_task_text_redact(struct store *, const struct event *,
	    char **);
int	event_task_taken_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_task_taken_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_task_updated_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_task_updated_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_kudos_given_check(struct core *, const struct actor *,
	    json_t *, struct event_draft *, char **);
int	event_kudos_given_project(struct store *, const struct event *,
	    const json_t *, char **);
int	event_kudos_given_redact(struct store *, const struct event *,
	    char **);

#endif
