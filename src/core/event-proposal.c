/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Events of proposals and their discussion: proposal.created, .edited,
 * .published, .withdrawn; comment.added, .hidden, .unhidden.
 *
 *	proposal:  draft --published--> discussion
 *	             |                     |
 *	             +----withdrawn--------+--> withdrawn
 *
 * (voting and closing come with the rules engine). Only the author edits
 * a proposal, and only in draft. A moderator hides a comment with a
 * reason; hiding never deletes, and the projection keeps the text so that
 * unhiding restores it. Member-written text in these events (titles,
 * bodies, reasons) may be redacted by a leader: the *_redact functions
 * clear the projected text when it came from the redacted event.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/text.h"

static const char *const event_proposal_kinds[] = {
	"motion", "poll", "election", NULL
};

/* Load a proposal's author and state; -ENOENT with a sentence if none. */
static int
event_proposal_get(struct core *c, int64_t id, int64_t *author,
    char *state, size_t len, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(core_store(c),
	    "SELECT author_uid, state FROM proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no proposal #%lld",
		    (long long)id));
	}
	*author = sqlite3_column_int64(stmt, 0);
	snprintf(state, len, "%s", store_text(stmt, 1));
	sqlite3_reset(stmt);
	return (0);
}

static int
event_proposal_step(struct store *s, const char *sql, const struct event *ev,
    const char *text, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s, sql);
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, ev->seq);
	if (text != NULL)
		sqlite3_bind_text(stmt, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, event_ref_id(ev->ref,
	    strncmp(ev->ref, "comment:", 8) == 0 ? "comment" : "proposal"));
	return (store_done(s, stmt, cause));
}

static const char *
event_proposal_str(const json_t *body, const char *key)
{
	return (json_string_value(json_object_get(body, key)));
}

int
event_proposal_created_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*title, *text, *kind, *licence;
	char		*deflicence = NULL;
	json_t		*draft;
	int64_t		 id;
	size_t		 i;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "make proposals",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_text(args, "title", TEXT_TITLE, true, &title,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "body", TEXT_BODY, false, &text,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "kind", TEXT_NAME, false, &kind,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "licence", TEXT_NAME, false, &licence,
	    cause)) != 0)
		return (error);
	if (kind == NULL)
		kind = "motion";
	for (i = 0; event_proposal_kinds[i] != NULL; i++) {
		if (strcmp(kind, event_proposal_kinds[i]) == 0)
			break;
	}
	if (event_proposal_kinds[i] == NULL)
		return (moot_fail(cause, -EINVAL,
		    "kind \"%s\" is not one of motion, poll, election", kind));
	if (licence == NULL) {
		sqlite3_stmt *stmt = store_prepare(core_store(c),
		    "SELECT licence FROM community");
		if (sqlite3_step(stmt) == SQLITE_ROW)
			deflicence = xstrdup(store_text(stmt, 0));
		sqlite3_reset(stmt);
		licence = deflicence != NULL ? deflicence : "CC-BY-SA-4.0";
	}
	draft = json_object_get(args, "draft");

	id = store_int(core_store(c), "SELECT max(id) FROM proposals", 0, 0) +
	    1;
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", title,
	    "body", text != NULL ? text : "", "kind", kind,
	    "licence", licence,
	    "state", json_is_true(draft) ? "draft" : "discussion");
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	free(deflicence);
	return (0);
}

int
event_proposal_created_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s, "INSERT INTO proposals (id, author_uid, title, "
	    "body, text_seq, kind, licence, state, created_ts, updated_ts) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "proposal"));
	sqlite3_bind_int64(stmt, 2, ev->uid);
	sqlite3_bind_text(stmt, 3, event_proposal_str(body, "title"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, event_proposal_str(body, "body"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_text(stmt, 6, event_proposal_str(body, "kind"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, event_proposal_str(body, "licence"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, event_proposal_str(body, "state"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 9, ev->ts);
	sqlite3_bind_int64(stmt, 10, ev->ts);
	return (store_done(s, stmt, cause));
}

int
event_proposal_edited_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*title, *text;
	char		 state[32];
	int64_t		 id, author;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "edit proposals",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_proposal_get(c, id, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (author != a->uid)
		return (moot_fail(cause, -EPERM,
		    "only the author of #%lld can edit it", (long long)id));
	if (strcmp(state, "draft") != 0)
		return (moot_fail(cause, -EBUSY,
		    "#%lld is %s%s: only drafts can be edited", (long long)id,
		    strcmp(state, "withdrawn") == 0 ? "" : "in ", state));
	if ((error = event_arg_text(args, "title", TEXT_TITLE, false, &title,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "body", TEXT_BODY, false, &text,
	    cause)) != 0)
		return (error);
	if (title == NULL && text == NULL)
		return (moot_fail(cause, -EINVAL,
		    "nothing to change: give a new title or body"));

	/* The event holds the whole new text, so that it stands alone. */
	stmt = store_prepare(core_store(c),
	    "SELECT title, body FROM proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	d->body = json_pack("{s:s?,s:s?}",
	    "title", title != NULL ? title : store_text(stmt, 0),
	    "body", text != NULL ? text : store_text(stmt, 1));
	sqlite3_reset(stmt);
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_proposal_edited_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s, "UPDATE proposals SET title = ?, body = ?, "
	    "text_seq = ?, updated_ts = ? WHERE id = ?");
	sqlite3_bind_text(stmt, 1, event_proposal_str(body, "title"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, event_proposal_str(body, "body"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, ev->seq);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	sqlite3_bind_int64(stmt, 5, event_ref_id(ev->ref, "proposal"));
	return (store_done(s, stmt, cause));
}

int
event_proposal_text_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s, "UPDATE proposals SET title = NULL, "
	    "body = NULL WHERE id = ? AND text_seq = ?");
	sqlite3_bind_int64(stmt, 1, event_ref_id(target->ref, "proposal"));
	sqlite3_bind_int64(stmt, 2, target->seq);
	return (store_done(s, stmt, cause));
}

int
event_proposal_published_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	char	state[32];
	int64_t	id, author;
	int	error;

	if ((error = event_need_role(c, a, ROLE_MEMBER,
	    "open proposals for discussion", cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_proposal_get(c, id, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (author != a->uid)
		return (moot_fail(cause, -EPERM,
		    "only the author of #%lld can open it for discussion",
		    (long long)id));
	if (strcmp(state, "draft") != 0)
		return (moot_fail(cause, -EBUSY, "#%lld is not a draft (it is "
		    "%s)", (long long)id, state));
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = json_pack("{s:s}", "state", "discussion");
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_proposal_published_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET updated_ts = ?1, "
	    "state = 'discussion' WHERE id = ?4", ev, NULL,
	    cause));
}

int
event_proposal_withdrawn_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*reason;
	char		 state[32];
	int64_t		 id, author;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "withdraw proposals",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_proposal_get(c, id, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (author != a->uid && core_role_of(c, a->uid) < ROLE_MODERATOR)
		return (moot_fail(cause, -EPERM,
		    "only the author of #%lld or a moderator can withdraw it",
		    (long long)id));
	if (strcmp(state, "withdrawn") == 0)
		return (moot_fail(cause, -EEXIST, "#%lld is already withdrawn",
		    (long long)id));
	if (strcmp(state, "draft") != 0 && strcmp(state, "discussion") != 0)
		return (moot_fail(cause, -EBUSY,
		    "#%lld is %s and can no longer be withdrawn",
		    (long long)id, state));
	if ((error = event_arg_text(args, "reason", TEXT_LINE, false,
	    &reason, cause)) != 0)
		return (error);
	if (author != a->uid && reason == NULL)
		return (moot_fail(cause, -EINVAL,
		    "withdrawing someone else's proposal needs a reason"));
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = json_pack("{s:s?}", "reason", reason);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_proposal_withdrawn_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET updated_ts = ?1, "
	    "state = 'withdrawn', withdrawn_seq = ?2, withdrawn_reason = ?3 "
	    "WHERE id = ?4", ev, event_proposal_str(body, "reason"), cause));
}

int
event_proposal_withdrawn_redact(struct store *s, const struct event *target,
    char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET "
	    "withdrawn_reason = NULL WHERE "
	    "withdrawn_seq = ?2 AND id = ?4", target, NULL, cause));
}

/* Load a comment's hidden flag; -ENOENT with a sentence if none. */
static int
event_comment_get(struct core *c, int64_t id, bool *hidden, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(core_store(c),
	    "SELECT hidden FROM comments WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no comment %lld",
		    (long long)id));
	}
	*hidden = sqlite3_column_int(stmt, 0) != 0;
	sqlite3_reset(stmt);
	return (0);
}

int
event_comment_added_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*text;
	char		 state[32];
	int64_t		 pid, author, id;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "comment",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "proposal", true, &pid, cause)) != 0 ||
	    (error = event_proposal_get(c, pid, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (strcmp(state, "withdrawn") == 0)
		return (moot_fail(cause, -EBUSY,
		    "#%lld was withdrawn: its discussion is closed",
		    (long long)pid));
	if ((error = event_arg_text(args, "body", TEXT_BODY, true, &text,
	    cause)) != 0)
		return (error);
	if (text[strspn(text, " \t\n")] == '\0')
		return (moot_fail(cause, -EINVAL, "body: empty"));
	id = store_int(core_store(c), "SELECT max(id) FROM comments", 0, 0) + 1;
	d->ref = xasprintf("comment:%lld", (long long)id);
	d->body = json_pack("{s:s,s:s}", "on", "", "body", text);
	json_object_set_new(d->body, "on", json_sprintf("proposal:%lld",
	    (long long)pid));
	d->result = json_pack("{s:I,s:I}", "id", (json_int_t)id, "proposal",
	    (json_int_t)pid);
	return (0);
}

int
event_comment_added_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 pid;
	int		 rc;

	pid = event_ref_id(event_proposal_str(body, "on"), "proposal");
	stmt = store_prepare(s, "INSERT INTO comments (id, proposal_id, "
	    "author_uid, body, body_seq, created_ts) VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "comment"));
	sqlite3_bind_int64(stmt, 2, pid);
	sqlite3_bind_int64(stmt, 3, ev->uid);
	sqlite3_bind_text(stmt, 4, event_proposal_str(body, "body"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_int64(stmt, 6, ev->ts);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	stmt = store_prepare(s, "UPDATE proposals SET ncomments = ncomments + 1, "
	    "updated_ts = ? WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, pid);
	return (store_done(s, stmt, cause));
}

int
event_comment_added_redact(struct store *s, const struct event *target,
    char **cause)
{
	return (event_proposal_step(s, "UPDATE comments SET body = NULL "
	    "WHERE body_seq = ?2 AND id = ?4", target, NULL,
	    cause));
}

static int
event_comment_moderate(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, bool hide, char **cause)
{
	const char	*reason;
	int64_t		 id;
	bool		 hidden = false;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MODERATOR,
	    hide ? "hide comments" : "unhide comments", cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_comment_get(c, id, &hidden, cause)) != 0)
		return (error);
	if (hide && hidden)
		return (moot_fail(cause, -EEXIST,
		    "comment %lld is already hidden", (long long)id));
	if (!hide && !hidden)
		return (moot_fail(cause, -EEXIST, "comment %lld is not hidden",
		    (long long)id));
	if ((error = event_arg_text(args, "reason", TEXT_LINE, true, &reason,
	    cause)) != 0)
		return (error);
	if (reason[strspn(reason, " ")] == '\0')
		return (moot_fail(cause, -EINVAL, "reason: empty"));
	d->ref = xasprintf("comment:%lld", (long long)id);
	d->body = json_pack("{s:s}", "reason", reason);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_comment_hidden_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	return (event_comment_moderate(c, a, args, d, true, cause));
}

int
event_comment_unhidden_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	return (event_comment_moderate(c, a, args, d, false, cause));
}

int
event_comment_hidden_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s, "UPDATE comments SET hidden = 1, "
	    "hidden_by = ?, hidden_reason = ?, hidden_seq = ?, hidden_ts = ? "
	    "WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->uid);
	sqlite3_bind_text(stmt, 2, event_proposal_str(body, "reason"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, ev->seq);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	sqlite3_bind_int64(stmt, 5, event_ref_id(ev->ref, "comment"));
	return (store_done(s, stmt, cause));
}

int
event_comment_hidden_redact(struct store *s, const struct event *target,
    char **cause)
{
	return (event_proposal_step(s, "UPDATE comments SET hidden_reason = "
	    "NULL WHERE hidden_seq = ?2 AND id = ?4", target,
	    NULL, cause));
}

int
event_comment_unhidden_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE comments SET hidden = 0, "
	    "hidden_by = NULL, hidden_reason = NULL, hidden_seq = NULL, "
	    "hidden_ts = NULL WHERE id = ?4", ev, NULL, cause));
}
