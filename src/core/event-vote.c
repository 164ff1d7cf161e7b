/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Events of a vote: vote.opened (the rule and options are frozen into
 * the proposal), ballot.cast, vote.extended (the deadline passed without
 * quorum and the rule lets the vote run on), vote.closed (moot counts and
 * records outcome, winners, summary and explanation, citing the rule's
 * name and version) and vote.vetoed.
 *
 *	discussion --opened--> voting --closed--> closed
 *	                         |  ^                ^
 *	                         |  +--extended      |
 *	                         +-------vetoed------+
 *
 * vote.extended and vote.closed are written by moot itself (core_settle)
 * and their checks recompute vote_due(), so that nobody can close a vote
 * that is not due.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/rules.h"
#include "moot/text.h"
#include "moot/vote.h"

static char *
event_vote_dump(const json_t *o)
{
	return (json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS));
}

/* When proposal id entered discussion (ms), from its events. */
static int64_t
event_vote_discussion_since(struct core *c, int64_t id)
{
	sqlite3_stmt	*stmt;
	char		 ref[32];
	int64_t		 ts = 0;

	snprintf(ref, sizeof ref, "proposal:%lld", (long long)id);
	stmt = store_prepare(core_store(c), "SELECT max(ts) FROM log_index "
	    "WHERE ref = ? AND type IN ('proposal.created', "
	    "'proposal.published')");
	sqlite3_bind_text(stmt, 1, ref, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		ts = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return (ts);
}

int
event_vote_opened_check(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, char **cause)
{
	struct vote	 v;
	struct rule	 r;
	sqlite3_stmt	*stmt;
	json_t		*text = NULL, *options = NULL;
	char		 state[32], *rule = NULL, *kind, span[32], need[32];
	int64_t		 id, author, version = 0, since, now;
	int		 error;

	/* moot opens the votes it proposes (appeals) at once. */
	if (a->uid != MOOT_SYSTEM_UID && (error = event_need_role(c, a,
	    ROLE_MEMBER, "open votes", cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_proposal_get(c, id, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (author != a->uid && core_role_of(c, a->uid) < ROLE_MODERATOR)
		return (moot_fail(cause, -EPERM, "only the author of #%lld or "
		    "a moderator can open the vote", (long long)id));
	if (strcmp(state, "draft") == 0)
		return (moot_fail(cause, -EBUSY, "#%lld is a draft: publish it "
		    "for discussion first (`moot publish %lld`)",
		    (long long)id, (long long)id));
	if (strcmp(state, "voting") == 0)
		return (moot_fail(cause, -EEXIST, "#%lld is already being "
		    "voted on", (long long)id));
	if (strcmp(state, "discussion") != 0)
		return (moot_fail(cause, -EBUSY, "#%lld is %s: only proposals "
		    "in discussion can be put to a vote", (long long)id,
		    state));

	/*
	 * A proposal made before the community had rules names none: it is
	 * decided under the rule [governance] names for its kind now.
	 */
	stmt = store_prepare(core_store(c), "SELECT rule, options, kind FROM "
	    "proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	if (store_text(stmt, 0) != NULL)
		rule = xstrdup(store_text(stmt, 0));
	if (store_text(stmt, 1) != NULL)
		options = json_loads(store_text(stmt, 1), 0, NULL);
	kind = xstrdup(store_text(stmt, 2));
	sqlite3_reset(stmt);
	if (rule == NULL && event_proposal_rule(c, kind, NULL, &rule,
	    NULL) != 0)
		rule = NULL;
	free(kind);
	stmt = store_prepare(core_store(c),
	    "SELECT body, version FROM rules WHERE name = ?");
	sqlite3_bind_text(stmt, 1, rule != NULL ? rule : "", -1,
	    SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		text = json_loads(store_text(stmt, 0), 0, NULL);
		version = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rule == NULL)
		error = moot_fail(cause, -EBUSY, "#%lld names no rule to be "
		    "decided under, and this community has no rules yet: a "
		    "leader sets them with `moot rules set FILE`",
		    (long long)id);
	else if (text == NULL)
		error = moot_fail(cause, -ENOENT, "#%lld is to be decided "
		    "under the rule %s, which no longer exists (see `moot "
		    "rules`)", (long long)id, rule);
	if (error != 0)
		goto out;
	if ((error = rule_parse_json(rule, text, &r, NULL)) != 0) {
		error = moot_fail(cause, -EINVAL, "the rule %s cannot be "
		    "used", rule);
		goto out;
	}

	/* The default option joins every ranked vote (Debian A.6). */
	if (r.default_option[0] != '\0') {
		json_t	*o;
		size_t	 i;
		bool	 found = false;

		if (options == NULL)
			options = json_array();
		json_array_foreach(options, i, o)
			found = found || strcmp(json_string_value(o),
			    r.default_option) == 0;
		if (!found)
			json_array_append_new(options,
			    json_string(r.default_option));
	}
	now = core_now(c);
	since = event_vote_discussion_since(c, id);
	if (now - since < (int64_t)r.discussion * 1000 &&
	    a->uid != MOOT_SYSTEM_UID) {
		moot_span(since + (int64_t)r.discussion * 1000 - now, span,
		    sizeof span);
		rules_format_duration(r.discussion, need, sizeof need);
		error = moot_fail(cause, -EBUSY, "#%lld can be put to a vote "
		    "in %s: the rule %s asks for %s of discussion first",
		    (long long)id, span, rule, need);
	}
	d->body = json_pack("{s:s,s:I,s:O,s:I,s:I}", "rule", rule, "version",
	    (json_int_t)version, "text", text, "closes_ts",
	    (json_int_t)(now + (int64_t)r.duration * 1000), "max_ts",
	    (json_int_t)(now + (int64_t)r.max_duration * 1000));
	rule_free(&r);
	if (error != 0)
		goto out;

	/* The options must fit the method. */
	if ((error = vote_prepare(&v, rule, text, options, cause)) != 0)
		goto out;
	vote_free(&v);
	if (options != NULL)
		json_object_set(d->body, "options", options);
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->result = json_pack("{s:I,s:s,s:I,s:O}", "id", (json_int_t)id,
	    "rule", rule, "version", (json_int_t)version, "closes_ts",
	    json_object_get(d->body, "closes_ts"));
out:
	json_decref(text);
	json_decref(options);
	free(rule);
	return (error);
}

int
event_vote_opened_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*options;
	char		*text, *opts = NULL;
	int		 rc;

	text = event_vote_dump(json_object_get(body, "text"));
	if ((options = json_object_get(body, "options")) != NULL)
		opts = event_vote_dump(options);
	stmt = store_prepare(s, "UPDATE proposals SET state = 'voting', "
	    "updated_ts = ?1, vote_seq = ?2, rule = ?3, vote_rule = ?4, "
	    "vote_version = ?5, vote_options = ?6, opened_ts = ?1, "
	    "closes_ts = ?7, max_ts = ?8 WHERE id = ?9");
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, ev->seq);
	sqlite3_bind_text(stmt, 3, json_string_value(json_object_get(body,
	    "rule")), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, json_integer_value(json_object_get(body,
	    "version")));
	if (opts != NULL)
		sqlite3_bind_text(stmt, 6, opts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 7, json_integer_value(json_object_get(body,
	    "closes_ts")));
	sqlite3_bind_int64(stmt, 8, json_integer_value(json_object_get(body,
	    "max_ts")));
	sqlite3_bind_int64(stmt, 9, event_ref_id(ev->ref, "proposal"));
	rc = store_done(s, stmt, cause);
	free(text);
	free(opts);
	return (rc);
}

/* A proposal in voting, with its deadlines; -EBUSY with a sentence. */
static int
event_vote_open(struct core *c, int64_t id, bool *extended, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 state[32];
	int64_t		 author, closes, max, now;

	if (event_proposal_get(c, id, &author, state, sizeof state,
	    cause) != 0)
		return (-ENOENT);
	if (strcmp(state, "voting") != 0)
		return (moot_fail(cause, -EBUSY, "#%lld is not being voted on "
		    "(it is %s)", (long long)id, strcmp(state, "closed") == 0 ?
		    "closed" : state));
	stmt = store_prepare(core_store(c), "SELECT closes_ts, max_ts, "
	    "extended FROM proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	closes = sqlite3_column_int64(stmt, 0);
	max = sqlite3_column_int64(stmt, 1);
	*extended = sqlite3_column_int(stmt, 2) != 0;
	sqlite3_reset(stmt);
	now = core_now(c);
	if (now >= max || (now >= closes && !*extended))
		return (moot_fail(cause, -EBUSY, "voting on #%lld has ended; "
		    "the result is being counted", (long long)id));
	return (0);
}

int
event_ballot_cast_check(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, char **cause)
{
	struct vote	 v;
	sqlite3_stmt	*stmt;
	const char	*choice;
	char		*what, *text = NULL, *old = NULL;
	uint16_t	*marks;
	json_t		*m;
	int64_t		 id;
	size_t		 i;
	bool		 extended;
	int		 error;

	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_arg_text(args, "choice", TEXT_LINE, true, &choice,
	    cause)) != 0 ||
	    (error = event_vote_open(c, id, &extended, cause)) != 0 ||
	    (error = vote_load_rule(c, id, &v, cause)) != 0)
		return (error);
	what = xasprintf("vote on #%lld", (long long)id);
	error = event_need_role(c, a, v.rule.eligible, what, cause);
	free(what);
	if (error != 0)
		goto out;

	stmt = store_prepare(core_store(c), "SELECT choice FROM ballots "
	    "WHERE proposal_id = ? AND uid = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, a->uid);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		old = xstrdup(store_text(stmt, 0));
	sqlite3_reset(stmt);
	if (old != NULL && !v.rule.changeable) {
		error = moot_fail(cause, -EEXIST, "you have voted on #%lld "
		    "(%s), and its rule does not let ballots change",
		    (long long)id, old);
		goto out;
	}

	marks = xcalloc(v.ballots.noptions, sizeof *marks);
	error = tally_parse_choice(&v.rule.params, v.ballots.options,
	    v.ballots.noptions, choice, marks, cause);
	if (error == 0) {
		text = vote_choice_text(&v, marks);
		if (old != NULL && strcmp(old, text) == 0)
			error = moot_fail(cause, -EEXIST, "your ballot on "
			    "#%lld is already %s", (long long)id, text);
	}
	if (error == 0) {
		m = json_array();
		for (i = 0; i < v.ballots.noptions; i++)
			json_array_append_new(m, json_integer(marks[i]));
		d->ref = xasprintf("proposal:%lld", (long long)id);
		d->body = json_pack("{s:s,s:o}", "choice", text, "marks", m);
		if (old != NULL)
			json_object_set_new(d->body, "replaces",
			    json_string(old));
		d->result = json_pack("{s:I,s:s,s:b}", "id", (json_int_t)id,
		    "choice", text, "changed", old != NULL);
	}
	free(marks);
out:
	free(text);
	free(old);
	vote_free(&v);
	return (error);
}

int
event_ballot_cast_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*marks;
	int		 rc;

	marks = event_vote_dump(json_object_get(body, "marks"));
	stmt = store_prepare(s, "INSERT INTO ballots (proposal_id, uid, marks, "
	    "choice, seq, ts) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
	    "(proposal_id, uid) DO UPDATE SET marks = excluded.marks, "
	    "choice = excluded.choice, seq = excluded.seq, ts = excluded.ts, "
	    "changes = changes + 1");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "proposal"));
	sqlite3_bind_int64(stmt, 2, ev->uid);
	sqlite3_bind_text(stmt, 3, marks, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, json_string_value(json_object_get(body,
	    "choice")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_int64(stmt, 6, ev->ts);
	rc = store_done(s, stmt, cause);
	free(marks);
	return (rc);
}

/* moot's own events: who, what is due, and the count if it closes. */
static int
event_vote_due(struct core *c, const struct actor *a, json_t *args,
    enum vote_due want, int64_t *id, json_t *body, bool *early,
    char **cause)
{
	enum vote_due	due;
	int		error;

	if ((error = event_arg_int(args, "id", true, id, cause)) != 0)
		return (error);
	if (a->uid != MOOT_SYSTEM_UID)
		return (moot_fail(cause, -EPERM, "votes close and run on by "
		    "their rule, at their deadline; nobody does it by hand"));
	if ((error = vote_due(c, *id, core_now(c), &due, early, body,
	    cause)) != 0)
		return (error);
	if (due != want)
		return (moot_fail(cause, -EBUSY, "the vote on #%lld is not "
		    "due to %s", (long long)*id, want == VOTE_CLOSE ?
		    "close" : "run on"));
	return (0);
}

int
event_vote_extended_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	json_t	*count;
	int64_t	 id;
	bool	 early;
	int	 error;

	count = json_object();
	error = event_vote_due(c, a, args, VOTE_EXTEND, &id, count, &early,
	    cause);
	if (error == 0) {
		d->ref = xasprintf("proposal:%lld", (long long)id);
		d->body = json_pack("{s:O,s:O,s:I}", "ballots",
		    json_object_get(count, "ballots"), "eligible",
		    json_object_get(count, "eligible"), "max_ts",
		    (json_int_t)store_int(core_store(c), "SELECT max_ts FROM "
		    "proposals WHERE id = ?", id, 0));
	}
	json_decref(count);
	return (error);
}

int
event_vote_extended_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET extended = 1, "
	    "updated_ts = ?1 WHERE id = ?4", ev, NULL, cause));
}

/* Whether a passed proposal's change can still be applied; why not. */
static char *
event_vote_change_error(struct core *c, int64_t id)
{
	sqlite3_stmt	*stmt;
	json_t		*change, *norm;
	char		*kind, *why = NULL;

	stmt = store_prepare(core_store(c), "SELECT kind, change FROM "
	    "proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	kind = xstrdup(store_text(stmt, 0));
	change = store_text(stmt, 1) != NULL ?
	    json_loads(store_text(stmt, 1), 0, NULL) : NULL;
	sqlite3_reset(stmt);
	if (strcmp(kind, "rules") == 0) {
		if (event_rules_normalise(c, change, &norm, &why) == 0)
			json_decref(norm);
	} else if (strcmp(kind, "role") == 0)
		event_role_change_valid(c, change, &why);
	json_decref(change);
	free(kind);
	return (why);
}

int
event_vote_closed_check(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*body;
	char		*why;
	int64_t		 id;
	bool		 early;
	int		 error;

	body = json_object();
	if ((error = event_vote_due(c, a, args, VOTE_CLOSE, &id, body, &early,
	    cause)) != 0) {
		json_decref(body);
		return (error);
	}
	stmt = store_prepare(core_store(c), "SELECT rule, vote_version FROM "
	    "proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	json_object_set_new(body, "rule", json_string(store_text(stmt, 0)));
	json_object_set_new(body, "version",
	    json_integer(sqlite3_column_int64(stmt, 1)));
	sqlite3_reset(stmt);
	json_object_set_new(body, "early", json_boolean(early));
	if (strcmp(json_string_value(json_object_get(body, "outcome")),
	    "passed") == 0 &&
	    (why = event_vote_change_error(c, id)) != NULL) {
		json_object_set_new(body, "change_error", json_string(why));
		free(why);
	}
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = body;
	d->result = json_pack("{s:I,s:O}", "id", (json_int_t)id, "outcome",
	    json_object_get(body, "outcome"));
	return (0);
}

int
event_vote_closed_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*result;
	int		 rc;

	result = event_vote_dump(body);
	stmt = store_prepare(s, "UPDATE proposals SET state = 'closed', "
	    "updated_ts = ?1, closed_ts = ?1, outcome = ?2, result = ?3 "
	    "WHERE id = ?4");
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_text(stmt, 2, json_string_value(json_object_get(body,
	    "outcome")), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, result, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, event_ref_id(ev->ref, "proposal"));
	rc = store_done(s, stmt, cause);
	free(result);
	return (rc);
}

int
event_vote_vetoed_check(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, char **cause)
{
	struct vote	 v;
	const char	*reason;
	int64_t		 id;
	bool		 extended, veto;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_LEADER, "veto votes",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_arg_text(args, "reason", TEXT_LINE, true, &reason,
	    cause)) != 0 ||
	    (error = event_vote_open(c, id, &extended, cause)) != 0 ||
	    (error = vote_load_rule(c, id, &v, cause)) != 0)
		return (error);
	veto = v.rule.leader_veto;
	vote_free(&v);
	if (!veto)
		return (moot_fail(cause, -EPERM, "the rule of #%lld allows no "
		    "veto (veto = none)", (long long)id));
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = json_pack("{s:s}", "reason", reason);
	d->result = json_pack("{s:I,s:s}", "id", (json_int_t)id, "outcome",
	    "vetoed");
	return (0);
}

int
event_vote_vetoed_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET state = "
	    "'closed', updated_ts = ?1, closed_ts = ?1, outcome = 'vetoed', "
	    "veto_reason = ?3, veto_seq = ?2 WHERE id = ?4", ev,
	    json_string_value(json_object_get(body, "reason")), cause));
}

int
event_vote_vetoed_redact(struct store *s, const struct event *target,
    char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET veto_reason = "
	    "NULL WHERE veto_seq = ?2 AND id = ?4", target, NULL, cause));
}
