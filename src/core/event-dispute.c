/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Events of disputes and sanctions:
 *
 *	dispute:  open --assigned--> assigned --resolved--> resolved
 *	            ^                  |  (re-assigned)         |
 *	            +--- (recused: a party cannot be assigned)  appealed
 *	                                                        |
 *	                                          decided --> final
 *
 * Any member opens a dispute about a proposal, a comment or a member.
 * Its parties are its opener and its subject (the author of what it is
 * about, or the member it names). A moderator takes it (or is given it);
 * a moderator who is a party is recused instead, and the recusal is an
 * event of its own (dispute.recused), so the log shows that it was
 * tried and why it did not happen. The moderator who has it resolves it
 * (upheld, dismissed or settled) with a text, and may impose a sanction
 * on a party: warn, mute (no proposing, commenting or kudos) or suspend
 * (no participation but in one's own disputes), each until a time. A
 * party may appeal within moot.conf's appeal window; [governance]
 * appeals names who decides: the leaders (dispute.decided by a leader
 * who is not a party), or a rule, under which moot puts the appeal to a
 * community vote (a proposal of kind appeal) and applies its outcome:
 * passed reverses the resolution and lifts its sanction, anything else
 * upholds it. moot lifts a sanction when it expires (sanction.expired);
 * a moderator may lift it earlier, with a reason (sanction.lifted).
 *
 * The member-written text here (reasons, thread, resolution) is shown
 * to the parties, moderators and leaders (dispute_visible()); the rest
 * of each event, the outcome, is shown to every member.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/dispute.h"
#include "moot/rules.h"
#include "moot/text.h"

static const char *const event_dispute_outcomes[] = {
	"upheld", "dismissed", "settled", NULL
};
static const char *const event_dispute_sanctions[] = {
	"warn", "mute", "suspend", NULL
};

static bool
event_dispute_word(const char *const *words, const char *w)
{
	for (; *words != NULL; words++) {
		if (strcmp(*words, w) == 0)
			return (true);
	}
	return (false);
}

static const char *
event_dispute_str(const json_t *body, const char *key)
{
	return (json_string_value(json_object_get(body, key)));
}

int
dispute_get(struct core *c, int64_t id, struct dispute *d, char **cause)
{
	sqlite3_stmt	*stmt;

	memset(d, 0, sizeof *d);
	stmt = store_prepare(core_store(c), "SELECT opener_uid, "
	    "coalesce(subject_uid, -1), coalesce(moderator_uid, -1), state, "
	    "about, coalesce(outcome, ''), coalesce(resolved_ts, 0), "
	    "coalesce(appeal_proposal, -1), coalesce(appeal_by, '') FROM "
	    "disputes WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no dispute #%lld",
		    (long long)id));
	}
	d->id = id;
	d->opener = sqlite3_column_int64(stmt, 0);
	d->subject = sqlite3_column_int64(stmt, 1);
	d->moderator = sqlite3_column_int64(stmt, 2);
	snprintf(d->state, sizeof d->state, "%s", store_text(stmt, 3));
	snprintf(d->about, sizeof d->about, "%s", store_text(stmt, 4));
	snprintf(d->outcome, sizeof d->outcome, "%s", store_text(stmt, 5));
	d->resolved_ts = sqlite3_column_int64(stmt, 6);
	d->appeal_proposal = sqlite3_column_int64(stmt, 7);
	snprintf(d->appeal_by, sizeof d->appeal_by, "%s", store_text(stmt, 8));
	sqlite3_reset(stmt);
	return (0);
}

bool
dispute_party(const struct dispute *d, int64_t uid)
{
	return (uid == d->opener || uid == d->subject);
}

/* The dispute named by args' "id"; -ENOENT or -EINVAL with a sentence. */
static int
event_dispute_arg(struct core *c, json_t *args, struct dispute *d,
    char **cause)
{
	int64_t	id;
	int	error;

	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0)
		return (error);
	return (dispute_get(c, id, d, cause));
}

/* A member-written text that must say something. */
static int
event_dispute_text(json_t *args, const char *key, int kind,
    const char **out, char **cause)
{
	int	error;

	if ((error = event_arg_text(args, key, kind, true, out,
	    cause)) != 0)
		return (error);
	if ((*out)[strspn(*out, " \t\n")] == '\0')
		return (moot_fail(cause, -EINVAL, "%s: empty", key));
	return (0);
}

/* An active member by login name (or the actor when name is NULL). */
static int
event_dispute_member(struct core *c, const char *name, int64_t *uid,
    enum role *role, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(core_store(c), "SELECT uid, role FROM members "
	    "WHERE name = ? AND status = 'active'");
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "%s is not a member of this "
		    "community", name));
	}
	*uid = sqlite3_column_int64(stmt, 0);
	*role = core_role_parse(store_text(stmt, 1));
	sqlite3_reset(stmt);
	return (0);
}

/* Which party uid is of d, in words. */
static const char *
event_dispute_party_word(const struct dispute *d, int64_t uid)
{
	if (uid == d->opener)
		return ("opened it");
	return ("it is about them");
}

/*
 * What a dispute is about, normalised: "proposal:N", "comment:N" or
 * "member:UID", and its subject (the author, or the member).
 */
static int
event_dispute_about(struct core *c, const char *about, char **norm,
    int64_t *subject, char **cause)
{
	enum role	 role;
	int64_t		 id;
	int		 error;

	if ((id = event_ref_id(about, "proposal")) >= 0) {
		*subject = store_int(core_store(c), "SELECT author_uid FROM "
		    "proposals WHERE id = ?", id, -1);
		if (*subject == -1)
			return (moot_fail(cause, -ENOENT, "there is no "
			    "proposal #%lld", (long long)id));
		*norm = xasprintf("proposal:%lld", (long long)id);
		return (0);
	}
	if ((id = event_ref_id(about, "comment")) >= 0) {
		*subject = store_int(core_store(c), "SELECT author_uid FROM "
		    "comments WHERE id = ?", id, -1);
		if (*subject == -1)
			return (moot_fail(cause, -ENOENT, "there is no comment "
			    "%lld", (long long)id));
		*norm = xasprintf("comment:%lld", (long long)id);
		return (0);
	}
	if (strncmp(about, "member:", 7) == 0) {
		if ((error = event_dispute_member(c, about + 7, subject, &role,
		    cause)) != 0)
			return (error);
		*norm = xasprintf("member:%lld", (long long)*subject);
		return (0);
	}
	return (moot_fail(cause, -EINVAL, "a dispute is about proposal:N, "
	    "comment:N or member:LOGIN, not \"%s\"", about));
}

int
event_dispute_opened_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*about, *reason;
	char		*norm = NULL;
	int64_t		 subject, id, open;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "open disputes",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_text(args, "about", TEXT_NAME, true, &about,
	    cause)) != 0 ||
	    (error = event_dispute_about(c, about, &norm, &subject,
	    cause)) != 0)
		return (error);
	if (subject == a->uid) {
		free(norm);
		return (moot_fail(cause, -EINVAL, "you cannot open a dispute "
		    "about yourself or what you wrote"));
	}
	/* One open dispute per member and thing is enough. */
	stmt = store_prepare(core_store(c), "SELECT id FROM disputes WHERE "
	    "about = ? AND opener_uid = ? AND state IN ('open', 'assigned')");
	sqlite3_bind_text(stmt, 1, norm, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, a->uid);
	open = sqlite3_step(stmt) == SQLITE_ROW ?
	    sqlite3_column_int64(stmt, 0) : -1;
	sqlite3_reset(stmt);
	if (open != -1) {
		error = moot_fail(cause, -EEXIST, "you already have dispute "
		    "#%lld open about %s", (long long)open, about);
		free(norm);
		return (error);
	}
	if ((error = event_dispute_text(args, "reason", TEXT_BODY, &reason,
	    cause)) != 0) {
		free(norm);
		return (error);
	}
	id = store_int(core_store(c), "SELECT max(id) FROM disputes", 0, 0) +
	    1;
	d->ref = xasprintf("dispute:%lld", (long long)id);
	d->body = json_pack("{s:s,s:I,s:s}", "about", norm, "subject",
	    (json_int_t)subject, "reason", reason);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	free(norm);
	return (0);
}

int
event_dispute_opened_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "INSERT INTO disputes (id, opener_uid, about, "
	    "subject_uid, reason, reason_seq, state, created_ts, updated_ts) "
	    "VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "dispute"));
	sqlite3_bind_int64(stmt, 2, ev->uid);
	sqlite3_bind_text(stmt, 3, event_dispute_str(body, "about"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, json_integer_value(json_object_get(body,
	    "subject")));
	sqlite3_bind_text(stmt, 5, event_dispute_str(body, "reason"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 6, ev->seq);
	sqlite3_bind_int64(stmt, 7, ev->ts);
	sqlite3_bind_int64(stmt, 8, ev->ts);
	return (store_done(s, stmt, cause));
}

int
event_dispute_opened_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE disputes SET reason = NULL WHERE "
	    "id = ? AND reason_seq = ?");
	sqlite3_bind_int64(stmt, 1, event_ref_id(target->ref, "dispute"));
	sqlite3_bind_int64(stmt, 2, target->seq);
	return (store_done(s, stmt, cause));
}

/*
 * Assign a dispute to a moderator: the actor, or the one args' "to"
 * names. A moderator who is a party is recused instead: the check turns
 * the event into a dispute.recused, and the requester is told why.
 */
int
event_dispute_assigned_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct dispute	 dp;
	const char	*to, *name;
	enum role	 role;
	int64_t		 uid;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MODERATOR,
	    "take or assign disputes", cause)) != 0)
		return (error);
	if ((error = event_dispute_arg(c, args, &dp, cause)) != 0 ||
	    (error = event_arg_text(args, "to", TEXT_NAME, false, &to,
	    cause)) != 0)
		return (error);
	if (strcmp(dp.state, "open") != 0 && strcmp(dp.state, "assigned") != 0)
		return (moot_fail(cause, -EBUSY, "dispute #%lld is %s: only "
		    "open disputes are assigned", (long long)dp.id, dp.state));
	if (to != NULL) {
		if ((error = event_dispute_member(c, to, &uid, &role,
		    cause)) != 0)
			return (error);
		if (role < ROLE_MODERATOR)
			return (moot_fail(cause, -EPERM, "%s is %s %s: disputes "
			    "go to moderators and leaders", to,
			    role == ROLE_OBSERVER ? "an" : "a",
			    core_role_name(role)));
		name = to;
	} else {
		uid = a->uid;
		name = a->name;
	}
	if (uid == dp.moderator)
		return (moot_fail(cause, -EEXIST, "dispute #%lld is already "
		    "assigned to %s", (long long)dp.id, name));
	d->ref = xasprintf("dispute:%lld", (long long)dp.id);
	if (dispute_party(&dp, uid)) {
		d->type = "dispute.recused";
		d->body = json_pack("{s:I,s:s}", "moderator", (json_int_t)uid,
		    "party", uid == dp.opener ? "opener" : "subject");
		d->result = json_pack("{s:I,s:b,s:s+++}", "id",
		    (json_int_t)dp.id, "recused", 1, "reason", name,
		    " is a party to this dispute (",
		    event_dispute_party_word(&dp, uid),
		    "), so is recused; another moderator must take it");
		return (0);
	}
	d->body = json_pack("{s:I}", "moderator", (json_int_t)uid);
	d->result = json_pack("{s:I,s:s}", "id", (json_int_t)dp.id,
	    "moderator", name);
	return (0);
}

int
event_dispute_assigned_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE disputes SET state = 'assigned', "
	    "moderator_uid = ?, updated_ts = ? WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, json_integer_value(json_object_get(body,
	    "moderator")));
	sqlite3_bind_int64(stmt, 2, ev->ts);
	sqlite3_bind_int64(stmt, 3, event_ref_id(ev->ref, "dispute"));
	return (store_done(s, stmt, cause));
}

/* Only ever written in place of a dispute.assigned (its check). */
int
event_dispute_recused_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	(void)c;
	(void)a;
	(void)args;
	(void)d;
	return (moot_fail(cause, -EPERM, "moot recuses a moderator who is a "
	    "party when the dispute is assigned to them; nobody recuses by "
	    "hand"));
}

int
event_dispute_recused_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	(void)body;
	stmt = store_prepare(s, "UPDATE disputes SET updated_ts = ? WHERE "
	    "id = ?");
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, event_ref_id(ev->ref, "dispute"));
	return (store_done(s, stmt, cause));
}

int
event_dispute_commented_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct dispute	 dp;
	const char	*text;
	int64_t		 id;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_OBSERVER,
	    "take part in disputes", cause)) != 0 ||
	    (error = event_dispute_arg(c, args, &dp, cause)) != 0)
		return (error);
	if (!dispute_party(&dp, a->uid) &&
	    core_role_of(c, a->uid) < ROLE_MODERATOR)
		return (moot_fail(cause, -EPERM, "only the parties to dispute "
		    "#%lld, moderators and leaders write in its thread",
		    (long long)dp.id));
	if (strcmp(dp.state, "final") == 0)
		return (moot_fail(cause, -EBUSY, "dispute #%lld is final: its "
		    "thread is closed", (long long)dp.id));
	if ((error = event_dispute_text(args, "body", TEXT_BODY, &text,
	    cause)) != 0)
		return (error);
	id = store_int(core_store(c), "SELECT max(id) FROM dispute_comments",
	    0, 0) + 1;
	d->ref = xasprintf("dispute:%lld", (long long)dp.id);
	d->body = json_pack("{s:I,s:s}", "comment", (json_int_t)id, "body",
	    text);
	d->result = json_pack("{s:I,s:I}", "id", (json_int_t)dp.id,
	    "comment", (json_int_t)id);
	return (0);
}

int
event_dispute_commented_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 id;
	int		 rc;

	id = event_ref_id(ev->ref, "dispute");
	stmt = store_prepare(s, "INSERT INTO dispute_comments (id, "
	    "dispute_id, author_uid, body, body_seq, created_ts) VALUES "
	    "(?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, json_integer_value(json_object_get(body,
	    "comment")));
	sqlite3_bind_int64(stmt, 2, id);
	sqlite3_bind_int64(stmt, 3, ev->uid);
	sqlite3_bind_text(stmt, 4, event_dispute_str(body, "body"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_int64(stmt, 6, ev->ts);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	stmt = store_prepare(s, "UPDATE disputes SET ncomments = ncomments + "
	    "1, updated_ts = ? WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, id);
	return (store_done(s, stmt, cause));
}

int
event_dispute_commented_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE dispute_comments SET body = NULL "
	    "WHERE body_seq = ?");
	sqlite3_bind_int64(stmt, 1, target->seq);
	return (store_done(s, stmt, cause));
}

/* The sanction a resolution imposes, checked; NULL in *out for none. */
static int
event_dispute_sanction(struct core *c, const struct dispute *dp,
    const char *outcome, json_t *args, json_t **out, char **cause)
{
	json_t		*s;
	const char	*kind, *who;
	enum role	 role;
	int64_t		 uid, until, now;
	int		 error;

	*out = NULL;
	s = json_object_get(args, "sanction");
	if (s == NULL || json_is_null(s))
		return (0);
	if (!json_is_object(s))
		return (moot_fail(cause, -EINVAL, "sanction must be an object "
		    "{kind, member, until}"));
	if (strcmp(outcome, "dismissed") == 0)
		return (moot_fail(cause, -EINVAL, "a dismissed dispute "
		    "imposes no sanction"));
	if ((error = event_arg_text(s, "kind", TEXT_NAME, true, &kind,
	    cause)) != 0 ||
	    (error = event_arg_text(s, "member", TEXT_NAME, false, &who,
	    cause)) != 0)
		return (error);
	/* Until a time, or for a length from now (the server's now). */
	now = core_now(c);
	if ((error = event_arg_int(s, "for", false, &until, cause)) == 0)
		until += now;
	else if (error != -ENOENT ||
	    (error = event_arg_int(s, "until", false, &until, cause)) != 0)
		return (error == -ENOENT ? moot_fail(cause, -EINVAL, "a "
		    "sanction needs its end: until (ms) or for (ms)") : error);
	if (!event_dispute_word(event_dispute_sanctions, kind))
		return (moot_fail(cause, -EINVAL, "sanction \"%s\" is not one "
		    "of warn, mute, suspend", kind));
	if (who != NULL) {
		if ((error = event_dispute_member(c, who, &uid, &role,
		    cause)) != 0)
			return (error);
		if (!dispute_party(dp, uid))
			return (moot_fail(cause, -EINVAL, "%s is not a party to "
			    "dispute #%lld: a sanction falls on its opener or "
			    "its subject", who, (long long)dp->id));
	} else if ((uid = dp->subject) == -1)
		return (moot_fail(cause, -EINVAL, "name the member the "
		    "sanction falls on"));
	if (until <= now)
		return (moot_fail(cause, -EINVAL, "a sanction must end in the "
		    "future"));
	if (until - now > DISPUTE_SANCTION_MAX_MS)
		return (moot_fail(cause, -EINVAL, "a sanction lasts at most "
		    "366 days"));
	*out = json_pack("{s:I,s:s,s:I,s:I}", "id", (json_int_t)(store_int(
	    core_store(c), "SELECT max(id) FROM sanctions", 0, 0) + 1),
	    "kind", kind, "member", (json_int_t)uid, "until",
	    (json_int_t)until);
	return (0);
}

int
event_dispute_resolved_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct dispute	 dp;
	const char	*outcome, *text;
	json_t		*sanction;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MODERATOR,
	    "resolve disputes", cause)) != 0 ||
	    (error = event_dispute_arg(c, args, &dp, cause)) != 0)
		return (error);
	if (dispute_party(&dp, a->uid))
		return (moot_fail(cause, -EPERM, "you are a party to dispute "
		    "#%lld (you %s): another moderator must resolve it",
		    (long long)dp.id, a->uid == dp.opener ? "opened it" :
		    "are its subject"));
	if (strcmp(dp.state, "open") == 0)
		return (moot_fail(cause, -EBUSY, "dispute #%lld is not "
		    "assigned yet: take it first (`moot dispute assign %lld`)",
		    (long long)dp.id, (long long)dp.id));
	if (strcmp(dp.state, "assigned") != 0)
		return (moot_fail(cause, -EEXIST, "dispute #%lld is already %s",
		    (long long)dp.id, dp.state));
	if (dp.moderator != a->uid && core_role_of(c, a->uid) < ROLE_LEADER)
		return (moot_fail(cause, -EPERM, "dispute #%lld is assigned to "
		    "another moderator; only they or a leader resolve it",
		    (long long)dp.id));
	if ((error = event_arg_text(args, "outcome", TEXT_NAME, true,
	    &outcome, cause)) != 0)
		return (error);
	if (!event_dispute_word(event_dispute_outcomes, outcome))
		return (moot_fail(cause, -EINVAL, "outcome \"%s\" is not one "
		    "of upheld, dismissed, settled", outcome));
	if ((error = event_dispute_text(args, "resolution", TEXT_BODY, &text,
	    cause)) != 0 ||
	    (error = event_dispute_sanction(c, &dp, outcome, args, &sanction,
	    cause)) != 0)
		return (error);
	d->ref = xasprintf("dispute:%lld", (long long)dp.id);
	d->body = json_pack("{s:s,s:s}", "outcome", outcome, "resolution",
	    text);
	if (sanction != NULL)
		json_object_set_new(d->body, "sanction", sanction);
	d->result = json_pack("{s:I,s:s}", "id", (json_int_t)dp.id,
	    "outcome", outcome);
	return (0);
}

int
event_dispute_resolved_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*sanction;
	int64_t		 id;
	int		 rc;

	id = event_ref_id(ev->ref, "dispute");
	stmt = store_prepare(s, "UPDATE disputes SET state = 'resolved', "
	    "outcome = ?, resolution = ?, resolution_seq = ?, resolved_uid = ?,"
	    " resolved_ts = ?, updated_ts = ? WHERE id = ?");
	sqlite3_bind_text(stmt, 1, event_dispute_str(body, "outcome"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, event_dispute_str(body, "resolution"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, ev->seq);
	sqlite3_bind_int64(stmt, 4, ev->uid);
	sqlite3_bind_int64(stmt, 5, ev->ts);
	sqlite3_bind_int64(stmt, 6, ev->ts);
	sqlite3_bind_int64(stmt, 7, id);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	if ((sanction = json_object_get(body, "sanction")) == NULL)
		return (0);
	stmt = store_prepare(s, "INSERT INTO sanctions (id, dispute_id, uid, "
	    "kind, starts_ts, expires_ts, state) VALUES (?, ?, ?, ?, ?, ?, "
	    "'active')");
	sqlite3_bind_int64(stmt, 1, json_integer_value(json_object_get(
	    sanction, "id")));
	sqlite3_bind_int64(stmt, 2, id);
	sqlite3_bind_int64(stmt, 3, json_integer_value(json_object_get(
	    sanction, "member")));
	sqlite3_bind_text(stmt, 4, event_dispute_str(sanction, "kind"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->ts);
	sqlite3_bind_int64(stmt, 6, json_integer_value(json_object_get(
	    sanction, "until")));
	return (store_done(s, stmt, cause));
}

int
event_dispute_resolved_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE disputes SET resolution = NULL WHERE "
	    "id = ? AND resolution_seq = ?");
	sqlite3_bind_int64(stmt, 1, event_ref_id(target->ref, "dispute"));
	sqlite3_bind_int64(stmt, 2, target->seq);
	return (store_done(s, stmt, cause));
}

int
event_dispute_appealed_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct governance	 g;
	struct dispute		 dp;
	const char		*reason;
	char			 when[32];
	int			 error;

	if ((error = event_need_role(c, a, ROLE_OBSERVER, "appeal",
	    cause)) != 0 ||
	    (error = event_dispute_arg(c, args, &dp, cause)) != 0)
		return (error);
	if (!dispute_party(&dp, a->uid))
		return (moot_fail(cause, -EPERM, "only the parties to dispute "
		    "#%lld may appeal its resolution", (long long)dp.id));
	if (strcmp(dp.state, "open") == 0 || strcmp(dp.state, "assigned") == 0)
		return (moot_fail(cause, -EBUSY, "dispute #%lld is not "
		    "resolved yet: there is nothing to appeal", (long long)dp.id));
	if (strcmp(dp.state, "resolved") != 0)
		return (moot_fail(cause, -EEXIST, "dispute #%lld was appealed "
		    "already (it is %s); a dispute is appealed once",
		    (long long)dp.id, dp.state));
	if (core_now(c) > dp.resolved_ts + core_appeal_window(c)) {
		moot_utc(dp.resolved_ts + core_appeal_window(c), when,
		    sizeof when);
		return (moot_fail(cause, -EBUSY, "the time to appeal dispute "
		    "#%lld ended on %s", (long long)dp.id, when));
	}
	if ((error = event_dispute_text(args, "reason", TEXT_BODY, &reason,
	    cause)) != 0)
		return (error);
	if ((error = event_governance(c, &g)) != 0)
		return (moot_fail(cause, -ENOENT, "this community has no rules "
		    "yet, so nobody can decide an appeal: a leader sets them "
		    "with `moot rules set FILE`"));
	d->ref = xasprintf("dispute:%lld", (long long)dp.id);
	d->body = json_pack("{s:s,s:s}", "reason", reason, "by", g.appeals);
	d->result = json_pack("{s:I,s:s}", "id", (json_int_t)dp.id, "by",
	    g.appeals);
	governance_free(&g);
	return (0);
}

int
event_dispute_appealed_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE disputes SET state = 'appealed', "
	    "appeal_reason = ?, appeal_seq = ?, appealed_ts = ?, "
	    "updated_ts = ?, appeal_by = ? WHERE id = ?");
	sqlite3_bind_text(stmt, 1, event_dispute_str(body, "reason"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, ev->seq);
	sqlite3_bind_int64(stmt, 3, ev->ts);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	sqlite3_bind_text(stmt, 5, event_dispute_str(body, "by"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 6, event_ref_id(ev->ref, "dispute"));
	return (store_done(s, stmt, cause));
}

int
event_dispute_appealed_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE disputes SET appeal_reason = NULL "
	    "WHERE id = ? AND appeal_seq = ?");
	sqlite3_bind_int64(stmt, 1, event_ref_id(target->ref, "dispute"));
	sqlite3_bind_int64(stmt, 2, target->seq);
	return (store_done(s, stmt, cause));
}

/*
 * The decision on an appeal: by a leader who is not a party when the
 * leaders decide ({"id", "decision", "reason"}), or by moot once the
 * community vote on it has closed ({"id", "proposal"}: passed reverses).
 */
int
event_dispute_decided_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct dispute	 dp;
	sqlite3_stmt	*stmt;
	const char	*decision = NULL, *reason;
	char		 outcome[16] = "";
	int64_t		 pid, sanction;
	int		 error;

	if ((error = event_dispute_arg(c, args, &dp, cause)) != 0)
		return (error);
	if (strcmp(dp.state, "appealed") != 0)
		return (moot_fail(cause, strcmp(dp.state, "final") == 0 ?
		    -EEXIST : -EBUSY, "dispute #%lld is %s: only an appealed "
		    "dispute is decided", (long long)dp.id, dp.state));
	if (a->uid == MOOT_SYSTEM_UID) {
		if ((error = event_arg_int(args, "proposal", true, &pid,
		    cause)) != 0)
			goto out;
		stmt = store_prepare(core_store(c), "SELECT outcome FROM "
		    "proposals WHERE id = ? AND state = 'closed'");
		sqlite3_bind_int64(stmt, 1, pid);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			snprintf(outcome, sizeof outcome, "%s",
			    store_text(stmt, 0));
		sqlite3_reset(stmt);
		if (pid != dp.appeal_proposal || outcome[0] == '\0') {
			error = moot_fail(cause, -EBUSY, "the vote on the "
			    "appeal of dispute #%lld has not closed",
			    (long long)dp.id);
			goto out;
		}
		decision = strcmp(outcome, "passed") == 0 ? "reversed" :
		    "upheld";
		d->body = json_pack("{s:s,s:s}", "decision", decision,
		    "cause", "");
		json_object_set_new(d->body, "cause", json_sprintf(
		    "proposal:%lld", (long long)pid));
	} else {
		if ((error = event_need_role(c, a, ROLE_LEADER,
		    "decide appeals", cause)) != 0)
			goto out;
		if (strcmp(dp.appeal_by, "leaders") != 0) {
			error = moot_fail(cause, -EPERM, "the appeal of "
			    "dispute #%lld is decided by a community vote "
			    "under the rule %s", (long long)dp.id,
			    dp.appeal_by);
			goto out;
		}
		if (dispute_party(&dp, a->uid)) {
			error = moot_fail(cause, -EPERM, "you are a party to "
			    "dispute #%lld: another leader must decide its "
			    "appeal", (long long)dp.id);
			goto out;
		}
		if ((error = event_arg_text(args, "decision", TEXT_NAME, true,
		    &decision, cause)) != 0)
			goto out;
		if (strcmp(decision, "upheld") != 0 &&
		    strcmp(decision, "reversed") != 0) {
			error = moot_fail(cause, -EINVAL, "decision \"%s\" is "
			    "not one of upheld, reversed", decision);
			goto out;
		}
		if ((error = event_dispute_text(args, "reason", TEXT_BODY,
		    &reason, cause)) != 0)
			goto out;
		d->body = json_pack("{s:s,s:s}", "decision", decision,
		    "reason", reason);
	}
	/* Reversing lifts the resolution's sanction if it is still on. */
	sanction = store_int(core_store(c), "SELECT id FROM sanctions WHERE "
	    "dispute_id = ? AND state = 'active'", dp.id, -1);
	if (strcmp(decision, "reversed") == 0 && sanction != -1)
		json_object_set_new(d->body, "lifts", json_integer(sanction));
	d->ref = xasprintf("dispute:%lld", (long long)dp.id);
	d->result = json_pack("{s:I,s:s}", "id", (json_int_t)dp.id,
	    "decision", decision);
out:
	return (error);
}

int
event_dispute_decided_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*lifts;
	int		 rc;

	stmt = store_prepare(s, "UPDATE disputes SET state = 'final', "
	    "decision = ?, decided_ts = ?, updated_ts = ? WHERE id = ?");
	sqlite3_bind_text(stmt, 1, event_dispute_str(body, "decision"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, ev->ts);
	sqlite3_bind_int64(stmt, 3, ev->ts);
	sqlite3_bind_int64(stmt, 4, event_ref_id(ev->ref, "dispute"));
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	if ((lifts = json_object_get(body, "lifts")) == NULL)
		return (0);
	stmt = store_prepare(s, "UPDATE sanctions SET state = 'reversed', "
	    "ended_ts = ?, ended_uid = ?, ended_seq = ? WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, ev->uid);
	sqlite3_bind_int64(stmt, 3, ev->seq);
	sqlite3_bind_int64(stmt, 4, json_integer_value(lifts));
	return (store_done(s, stmt, cause));
}

/* A sanction in force; -ENOENT, -EBUSY with a sentence otherwise. */
static int
event_sanction_get(struct core *c, json_t *args, int64_t *id,
    int64_t *uid, int64_t *expires, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 state[16] = "";
	int		 error;

	if ((error = event_arg_int(args, "id", true, id, cause)) != 0)
		return (error);
	stmt = store_prepare(core_store(c), "SELECT uid, expires_ts, state "
	    "FROM sanctions WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, *id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*uid = sqlite3_column_int64(stmt, 0);
		*expires = sqlite3_column_int64(stmt, 1);
		snprintf(state, sizeof state, "%s", store_text(stmt, 2));
	}
	sqlite3_reset(stmt);
	if (state[0] == '\0')
		return (moot_fail(cause, -ENOENT, "there is no sanction %lld",
		    (long long)*id));
	if (strcmp(state, "active") != 0)
		return (moot_fail(cause, -EEXIST, "sanction %lld is no longer "
		    "in force (%s)", (long long)*id, state));
	return (0);
}

int
event_sanction_lifted_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*reason;
	int64_t		 id, uid, expires;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MODERATOR, "lift sanctions",
	    cause)) != 0 ||
	    (error = event_sanction_get(c, args, &id, &uid, &expires,
	    cause)) != 0)
		return (error);
	if (uid == a->uid)
		return (moot_fail(cause, -EPERM, "you cannot lift a sanction "
		    "on yourself: another moderator may, or appeal it"));
	if (expires <= core_now(c))
		return (moot_fail(cause, -EEXIST, "sanction %lld has ended "
		    "already", (long long)id));
	if ((error = event_dispute_text(args, "reason", TEXT_LINE, &reason,
	    cause)) != 0)
		return (error);
	d->ref = xasprintf("sanction:%lld", (long long)id);
	d->body = json_pack("{s:s}", "reason", reason);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

static int
event_sanction_end(struct store *s, const struct event *ev,
    const char *state, const char *reason, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE sanctions SET state = ?, ended_ts = ?,"
	    " ended_uid = ?, ended_reason = ?, ended_seq = ? WHERE id = ?");
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, ev->ts);
	sqlite3_bind_int64(stmt, 3, ev->uid);
	if (reason != NULL)
		sqlite3_bind_text(stmt, 4, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_int64(stmt, 6, event_ref_id(ev->ref, "sanction"));
	return (store_done(s, stmt, cause));
}

int
event_sanction_lifted_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_sanction_end(s, ev, "lifted", event_dispute_str(body,
	    "reason"), cause));
}

int
event_sanction_lifted_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE sanctions SET ended_reason = NULL "
	    "WHERE ended_seq = ?");
	sqlite3_bind_int64(stmt, 1, target->seq);
	return (store_done(s, stmt, cause));
}

int
event_sanction_expired_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	int64_t	id, uid, expires;
	int	error;

	if (a->uid != MOOT_SYSTEM_UID)
		return (moot_fail(cause, -EPERM, "sanctions expire at their "
		    "time; a moderator lifts one earlier with `moot dispute "
		    "lift`"));
	if ((error = event_sanction_get(c, args, &id, &uid, &expires,
	    cause)) != 0)
		return (error);
	if (expires > core_now(c))
		return (moot_fail(cause, -EBUSY, "sanction %lld is not due to "
		    "expire yet", (long long)id));
	d->ref = xasprintf("sanction:%lld", (long long)id);
	d->body = json_pack("{s:I}", "expires_ts", (json_int_t)expires);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_sanction_expired_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	(void)body;
	return (event_sanction_end(s, ev, "expired", NULL, cause));
}
