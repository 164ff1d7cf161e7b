/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one table of event types, and the helpers their checks share:
 * permission by role, and typed request arguments run through the text
 * policy. A new event type is one row here plus its check and projection
 * in the event-<family>.c file of its family.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/text.h"

static const char *const event_text_proposal[] = { "title", "body", NULL };
static const char *const event_text_body[] = { "body", NULL };
static const char *const event_text_reason[] = { "reason", NULL };
static const char *const event_text_resolution[] = { "resolution", NULL };
static const char *const event_text_title[] = { "title", NULL };
static const char *const event_text_note[] = { "note", NULL };

const struct event_type event_types[] = {
	{ "community.created", event_community_created_check,
	  event_community_created_project, NULL, NULL },
	{ "member.invited", event_member_invited_check,
	  event_member_invited_project, NULL, NULL },
	{ "member.joined", event_member_joined_check,
	  event_member_joined_project, NULL, NULL },
	{ "role.changed", event_role_changed_check,
	  event_role_changed_project, NULL, NULL },
	{ "proposal.created", event_proposal_created_check,
	  event_proposal_created_project, event_proposal_text_redact,
	  event_text_proposal },
	{ "proposal.edited", event_proposal_edited_check,
	  event_proposal_edited_project, event_proposal_text_redact,
	  event_text_proposal },
	{ "proposal.published", event_proposal_published_check,
	  event_proposal_published_project, NULL, NULL },
	{ "proposal.withdrawn", event_proposal_withdrawn_check,
	  event_proposal_withdrawn_project, event_proposal_withdrawn_redact,
	  event_text_reason },
	{ "comment.added", event_comment_added_check,
	  event_comment_added_project, event_comment_added_redact,
	  event_text_body },
	{ "comment.hidden", event_comment_hidden_check,
	  event_comment_hidden_project, event_comment_hidden_redact,
	  event_text_reason },
	{ "comment.unhidden", event_comment_unhidden_check,
	  event_comment_unhidden_project, NULL, event_text_reason },
	{ "rules.changed", event_rules_changed_check,
	  event_rules_changed_project, NULL, NULL },
	{ "agreement.changed", event_agreement_changed_check,
	  event_agreement_changed_project, NULL, NULL },
	{ "vote.opened", event_vote_opened_check,
	  event_vote_opened_project, NULL, NULL },
	{ "ballot.cast", event_ballot_cast_check,
	  event_ballot_cast_project, NULL, NULL },
	{ "vote.extended", event_vote_extended_check,
	  event_vote_extended_project, NULL, NULL },
	{ "vote.closed", event_vote_closed_check,
	  event_vote_closed_project, NULL, NULL },
	{ "vote.vetoed", event_vote_vetoed_check,
	  event_vote_vetoed_project, event_vote_vetoed_redact,
	  event_text_reason },
	{ "log.redacted", event_log_redacted_check,
	  event_log_redacted_project, NULL, NULL },
	{ "dispute.opened", event_dispute_opened_check,
	  event_dispute_opened_project, event_dispute_opened_redact,
	  event_text_reason },
	{ "dispute.assigned", event_dispute_assigned_check,
	  event_dispute_assigned_project, NULL, NULL },
	{ "dispute.recused", event_dispute_recused_check,
	  event_dispute_recused_project, NULL, NULL },
	{ "dispute.commented", event_dispute_commented_check,
	  event_dispute_commented_project, event_dispute_commented_redact,
	  event_text_body },
	{ "dispute.resolved", event_dispute_resolved_check,
	  event_dispute_resolved_project, event_dispute_resolved_redact,
	  event_text_resolution },
	{ "dispute.appealed", event_dispute_appealed_check,
	  event_dispute_appealed_project, event_dispute_appealed_redact,
	  event_text_reason },
	{ "dispute.decided", event_dispute_decided_check,
	  event_dispute_decided_project, NULL, event_text_reason },
	{ "sanction.lifted", event_sanction_lifted_check,
	  event_sanction_lifted_project, event_sanction_lifted_redact,
	  event_text_reason },
	{ "sanction.expired", event_sanction_expired_check,
	  event_sanction_expired_project, NULL, NULL },
	{ "task.added", event_task_added_check,
	  event_task_added_project, event_task_text_redact,
	  event_text_title },
	{ "task.taken", event_task_taken_check,
	  event_task_taken_project, NULL, NULL },
	{ "task.updated", event_task_updated_check,
	  event_task_updated_project, event_task_text_redact,
	  event_text_title },
	{ "kudos.given", event_kudos_given_check,
	  event_kudos_given_project, event_kudos_given_redact,
	  event_text_note },
	{ NULL, NULL, NULL, NULL, NULL }
};

const struct event_type *
event_type_findn(const char *name, size_t len)
{
	const struct event_type	*t;

	for (t = event_types; t->name != NULL; t++) {
		if (strlen(t->name) == len && memcmp(t->name, name, len) == 0)
			return (t);
	}
	return (NULL);
}

const struct event_type *
event_type_find(const char *name)
{
	return (event_type_findn(name, strlen(name)));
}

int64_t
event_ref_id(const char *ref, const char *kind)
{
	size_t		 len = strlen(kind);
	const char	*p;
	int64_t		 id = 0;

	if (strncmp(ref, kind, len) != 0 || ref[len] != ':')
		return (-1);
	p = ref + len + 1;
	if (*p < '0' || *p > '9')
		return (-1);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (id > CANON_INT_MAX / 10)
			return (-1);
		id = id * 10 + (*p - '0');
	}
	return (*p == '\0' ? id : -1);
}

int
event_need_role(struct core *c, const struct actor *a, enum role min,
    const char *what, char **cause)
{
	sqlite3_stmt	*stmt;
	enum role	 r;
	bool		 invited = false;

	r = core_role_of(c, a->uid);
	if (r == ROLE_NONE) {
		stmt = store_prepare(core_store(c),
		    "SELECT 1 FROM members WHERE uid = ? AND "
		    "status = 'invited'");
		sqlite3_bind_int64(stmt, 1, a->uid);
		invited = sqlite3_step(stmt) == SQLITE_ROW;
		sqlite3_reset(stmt);
		if (invited)
			return (moot_fail(cause, -EPERM,
			    "you are invited but have not joined yet: run "
			    "`moot join` to accept the agreement, then %s",
			    what));
		return (moot_fail(cause, -EPERM,
		    "you are not a member of this community: run `moot join` "
		    "before you %s", what));
	}
	if (r < min)
		return (moot_fail(cause, -EPERM,
		    "only %ss%s can %s; you are %s %s", core_role_name(min),
		    min < ROLE_LEADER ? " and above" : "", what,
		    r == ROLE_OBSERVER ? "an" : "a", core_role_name(r)));
	return (0);
}

int
event_arg_text(json_t *args, const char *key, int kind, bool required,
    const char **out, char **cause)
{
	json_t	*v;

	*out = NULL;
	v = json_object_get(args, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			return (moot_fail(cause, -EINVAL, "%s is required",
			    key));
		return (0);
	}
	if (!json_is_string(v))
		return (moot_fail(cause, -EINVAL, "%s must be a string", key));
	*out = json_string_value(v);
	return (text_check(key, (enum text_kind)kind, *out,
	    json_string_length(v), cause));
}

int
event_arg_page(json_t *args, int64_t *after, int64_t *limit, int64_t def,
    char **cause)
{
	int	error;

	*after = -1;
	*limit = def;
	error = event_arg_int(args, "after", false, after, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	error = event_arg_int(args, "limit", false, limit, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	if (*limit < 1 || *limit > EVENT_PAGE_MAX)
		return (moot_fail(cause, -EINVAL,
		    "limit must be between 1 and %d", EVENT_PAGE_MAX));
	return (0);
}

int
event_arg_int(json_t *args, const char *key, bool required, int64_t *out,
    char **cause)
{
	json_t	*v;

	v = json_object_get(args, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			return (moot_fail(cause, -EINVAL, "%s is required",
			    key));
		return (-ENOENT);
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return (moot_fail(cause, -EINVAL,
		    "%s must be a non-negative integer", key));
	*out = json_integer_value(v);
	return (0);
}
