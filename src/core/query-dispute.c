/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the rest of the core asks of disputes and sanctions: who may see
 * a dispute's details, whether a sanction in force refuses a request,
 * what falls due (sanctions that expire, appeals to put to a vote and
 * to apply), and the queries disputes, dispute and sanctions.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/dispute.h"
#include "moot/rules.h"
#include "moot/text.h"

#define QUERY_DISPUTE_LIMIT_DEFAULT	50

bool
dispute_visible(struct core *c, const struct actor *a, int64_t id)
{
	struct dispute	d;
	enum role	r;

	r = core_role_of(c, a->uid);
	if (r >= ROLE_MODERATOR)
		return (true);
	if (dispute_get(c, id, &d, NULL) != 0)
		return (false);
	if (dispute_party(&d, a->uid))
		return (true);
	if (r == ROLE_NONE)
		return (false);
	/* An appeal put to the community is argued in the open. */
	return (core_disputes_public(c) || d.appeal_proposal != -1);
}

const char *
dispute_withheld(struct core *c, const struct actor *a, const char *type,
    const char *ref)
{
	int64_t	id;

	if ((id = event_ref_id(ref, "sanction")) >= 0)
		id = store_int(core_store(c), "SELECT dispute_id FROM sanctions "
		    "WHERE id = ?", id, -1);
	else if (strncmp(type, "dispute.", 8) == 0)
		id = event_ref_id(ref, "dispute");
	else
		return (NULL);
	if (id < 0 || dispute_visible(c, a, id))
		return (NULL);
	return ("the details of a dispute are shown to its parties, "
	    "moderators and leaders; its outcome to every member");
}

/* What a sanction stops, by event type: NULL when it does not. */
static const char *
dispute_stops(const char *kind, const char *type)
{
	static const struct {
		const char	*type;
		const char	*what;
	} muted[] = {
		{ "proposal.created", "make proposals" },
		{ "proposal.edited", "edit proposals" },
		{ "proposal.published", "publish proposals" },
		{ "comment.added", "comment" },
		{ "dispute.commented", "write in dispute threads" },
		{ "kudos.given", "give kudos" },
	};
	size_t	i;

	if (strcmp(kind, "suspend") == 0)
		return ("take part");
	for (i = 0; i < MOOT_NITEMS(muted); i++) {
		if (strcmp(type, muted[i].type) == 0)
			return (muted[i].what);
	}
	return (NULL);
}

int
dispute_sanction_check(struct core *c, const struct actor *a,
    const char *type, json_t *args, char **cause)
{
	sqlite3_stmt	*stmt;
	struct dispute	 d;
	const char	*what;
	json_t		*id;
	char		 until[32], appeal[32], kind[16] = "";
	int64_t		 dispute = -1, expires = 0, now;

	/*
	 * Being heard is never stopped: a sanctioned member may appeal, and
	 * write in the thread of a dispute they are a party to.
	 */
	if (strcmp(type, "dispute.appealed") == 0)
		return (0);
	if (strcmp(type, "dispute.commented") == 0 &&
	    json_is_integer(id = json_object_get(args, "id")) &&
	    dispute_get(c, json_integer_value(id), &d, NULL) == 0 &&
	    dispute_party(&d, a->uid))
		return (0);

	/* The harshest in force; expiry counts even before moot logs it. */
	now = core_now(c);
	stmt = store_prepare(core_store(c), "SELECT kind, dispute_id, "
	    "expires_ts FROM sanctions WHERE uid = ? AND state = 'active' AND "
	    "expires_ts > ? AND kind IN ('mute', 'suspend') ORDER BY "
	    "kind = 'suspend' DESC, expires_ts DESC");
	sqlite3_bind_int64(stmt, 1, a->uid);
	sqlite3_bind_int64(stmt, 2, now);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (dispute_stops(store_text(stmt, 0), type) == NULL)
			continue;
		snprintf(kind, sizeof kind, "%s", store_text(stmt, 0));
		dispute = sqlite3_column_int64(stmt, 1);
		expires = sqlite3_column_int64(stmt, 2);
		break;
	}
	sqlite3_reset(stmt);
	if (kind[0] == '\0')
		return (0);
	what = dispute_stops(kind, type);
	moot_utc(expires, until, sizeof until);
	if (dispute_get(c, dispute, &d, NULL) == 0 &&
	    strcmp(d.state, "resolved") == 0 &&
	    now <= d.resolved_ts + core_appeal_window(c)) {
		moot_utc(d.resolved_ts + core_appeal_window(c), appeal,
		    sizeof appeal);
		return (moot_fail(cause, -EPERM, "you are %s until %s "
		    "(dispute #%lld), so you cannot %s; see `moot dispute show "
		    "%lld`; you may appeal until %s with `moot dispute appeal "
		    "%lld REASON`", strcmp(kind, "mute") == 0 ? "muted" :
		    "suspended", until, (long long)dispute, what,
		    (long long)dispute, appeal, (long long)dispute));
	}
	return (moot_fail(cause, -EPERM, "you are %s until %s (dispute "
	    "#%lld), so you cannot %s; see `moot dispute show %lld`",
	    strcmp(kind, "mute") == 0 ? "muted" : "suspended", until,
	    (long long)dispute, what, (long long)dispute));
}

/* Submit one event by moot; count it, keep the first error. */
static void
dispute_submit(struct core *c, const char *type, json_t *args, int *count,
    int *error, char **cause)
{
	char	*why = NULL;
	int	 e;

	e = core_submit(c, &core_system, type, args, NULL, &why);
	if (e == 0)
		(*count)++;
	else if (*error == 0)
		*error = moot_fail(cause, e, "%s: %s", type, why != NULL ?
		    why : strerror(-e));
	free(why);
	json_decref(args);
}

/*
 * The proposal that puts dispute id's appeal to a vote. It holds no text
 * a member wrote (a redaction of the dispute's events must not leave a
 * copy behind): voters read the case itself, which every member may
 * once it is before them.
 */
static json_t *
dispute_appeal_args(struct core *c, int64_t id)
{
	sqlite3_stmt	*stmt;
	json_t		*args;

	stmt = store_prepare(core_store(c), "SELECT d.about, d.outcome, "
	    "(SELECT count(*) FROM sanctions s WHERE s.dispute_id = d.id) "
	    "FROM disputes d WHERE d.id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	args = json_pack("{s:s,s:I}", "kind", "appeal", "dispute",
	    (json_int_t)id);
	json_object_set_new(args, "title", json_sprintf("Appeal of dispute "
	    "#%lld", (long long)id));
	json_object_set_new(args, "body", json_sprintf("Dispute #%lld, about "
	    "%s, was resolved as %s%s, and a party appeals. Read the case "
	    "with `moot dispute show %lld`.\n\nYes reverses the resolution "
	    "and lifts its sanction; anything else (no, no quorum, a tie, a "
	    "veto) upholds it.\n", (long long)id, store_text(stmt, 0),
	    store_text(stmt, 1), sqlite3_column_int64(stmt, 2) != 0 ?
	    ", with a sanction" : "", (long long)id));
	sqlite3_reset(stmt);
	return (args);
}

int
dispute_settle(struct core *c, int *count, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*result, *args;
	int64_t		*ids;
	size_t		 n, i;
	char		*why;
	int		 error = 0, e;

	/* Sanctions whose time is up. */
	stmt = store_prepare(core_store(c), "SELECT id FROM sanctions "
	    "INDEXED BY sanctions_expiry WHERE state = 'active' AND "
	    "expires_ts <= ? ORDER BY expires_ts, id");
	sqlite3_bind_int64(stmt, 1, core_now(c));
	n = store_ids(stmt, &ids);
	for (i = 0; i < n; i++)
		dispute_submit(c, "sanction.expired", json_pack("{s:I}", "id",
		    (json_int_t)ids[i]), count, &error, cause);
	free(ids);

	/* Appeals that go to a community vote: the proposal, and its vote. */
	stmt = store_prepare(core_store(c), "SELECT id FROM disputes "
	    "INDEXED BY disputes_state WHERE state = 'appealed' AND "
	    "appeal_proposal IS NULL AND appeal_by <> 'leaders' ORDER BY id");
	n = store_ids(stmt, &ids);
	for (i = 0; i < n; i++) {
		why = NULL;
		args = dispute_appeal_args(c, ids[i]);
		e = core_submit(c, &core_system, "proposal.created", args,
		    &result, &why);
		json_decref(args);
		if (e == 0) {
			(*count)++;
			dispute_submit(c, "vote.opened", json_pack("{s:O}",
			    "id", json_object_get(result, "id")), count,
			    &error, cause);
			json_decref(result);
		} else if (error == 0)
			error = moot_fail(cause, e, "the appeal of dispute "
			    "#%lld: %s", (long long)ids[i], why);
		free(why);
	}
	free(ids);

	/* Appeal votes that have closed: their outcome decides. */
	stmt = store_prepare(core_store(c), "SELECT d.id FROM disputes d "
	    "JOIN proposals p ON p.id = d.appeal_proposal WHERE "
	    "d.state = 'appealed' AND p.state = 'closed' ORDER BY d.id");
	n = store_ids(stmt, &ids);
	for (i = 0; i < n; i++)
		dispute_submit(c, "dispute.decided", json_pack("{s:I,s:I}",
		    "id", (json_int_t)ids[i], "proposal", (json_int_t)store_int(
		    core_store(c), "SELECT appeal_proposal FROM disputes WHERE "
		    "id = ?", ids[i], 0)), count, &error, cause);
	free(ids);
	return (error);
}

int64_t
dispute_next_deadline(struct core *c)
{
	return (store_int(core_store(c), "SELECT min(expires_ts) FROM "
	    "sanctions INDEXED BY sanctions_expiry WHERE state = 'active'",
	    0, 0));
}

/* A member's name, or null. */
static json_t *
dispute_name(struct core *c, int64_t uid)
{
	sqlite3_stmt	*stmt;
	json_t		*name = json_null();

	if (uid == MOOT_SYSTEM_UID)
		return (json_string(MOOT_SYSTEM_NAME));
	stmt = store_prepare(core_store(c), "SELECT name FROM members WHERE "
	    "uid = ?");
	sqlite3_bind_int64(stmt, 1, uid);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		name = json_string(store_text(stmt, 0));
	sqlite3_reset(stmt);
	return (name);
}

static json_t *
dispute_text(sqlite3_stmt *stmt, int col)
{
	const char	*s = store_text(stmt, col);

	return (s != NULL ? json_string(s) : json_null());
}

/* The sanctions of a statement's rows (columns as in DISPUTE_SANCTION). */
#define DISPUTE_SANCTION_COLUMNS					\
	"SELECT s.id, s.dispute_id, s.uid, m.name, s.kind, s.starts_ts, "	\
	"s.expires_ts, s.state, s.ended_ts, s.ended_reason, "		\
	"coalesce(e.name, CASE s.ended_uid WHEN 4294967295 THEN 'moot' END) "\
	"FROM sanctions s LEFT JOIN members m ON m.uid = s.uid "	\
	"LEFT JOIN members e ON e.uid = s.ended_uid "

static json_t *
dispute_sanction_row(struct core *c, const struct actor *a,
    sqlite3_stmt *stmt, int64_t now)
{
	json_t	*row;
	int64_t	 expires = sqlite3_column_int64(stmt, 6);
	bool	 active;

	active = strcmp(store_text(stmt, 7), "active") == 0;
	row = json_pack("{s:I,s:I,s:I,s:o,s:s,s:I,s:I,s:s,s:b}",
	    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "dispute", (json_int_t)sqlite3_column_int64(stmt, 1),
	    "uid", (json_int_t)sqlite3_column_int64(stmt, 2),
	    "name", dispute_text(stmt, 3), "kind", store_text(stmt, 4),
	    "starts_ts", (json_int_t)sqlite3_column_int64(stmt, 5),
	    "expires_ts", (json_int_t)expires, "state", store_text(stmt, 7),
	    "in_force", active && expires > now);
	if (sqlite3_column_type(stmt, 8) != SQLITE_NULL) {
		json_object_set_new(row, "ended_ts", json_integer(
		    sqlite3_column_int64(stmt, 8)));
		json_object_set_new(row, "ended_by", dispute_text(stmt, 10));
		if (dispute_visible(c, a, sqlite3_column_int64(stmt, 1)))
			json_object_set_new(row, "ended_reason",
			    dispute_text(stmt, 9));
	}
	return (row);
}

/*
 * disputes: the queue, oldest first. Filters: state ("active" for open,
 * assigned and appealed), mine ("assigned": assigned to the reader;
 * "party": the reader's own). Every member sees each dispute's outcome;
 * its reason only when dispute_visible().
 */
int
query_disputes(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*state, *mine;
	json_t		*rows, *row, *counts;
	int64_t		 after, limit, n = 0, last = -1, id;
	int		 error;

	if ((error = event_arg_page(args, &after, &limit,
	    QUERY_DISPUTE_LIMIT_DEFAULT, cause)) != 0 ||
	    (error = event_arg_text(args, "state", TEXT_NAME, false, &state,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "mine", TEXT_NAME, false, &mine,
	    cause)) != 0)
		return (error);
	if (state != NULL && strcmp(state, "active") != 0 &&
	    strcmp(state, "open") != 0 && strcmp(state, "assigned") != 0 &&
	    strcmp(state, "resolved") != 0 && strcmp(state, "appealed") != 0 &&
	    strcmp(state, "final") != 0)
		return (moot_fail(cause, -EINVAL, "state \"%s\" is not one of "
		    "active, open, assigned, resolved, appealed, final", state));
	if (mine != NULL && strcmp(mine, "assigned") != 0 &&
	    strcmp(mine, "party") != 0)
		return (moot_fail(cause, -EINVAL, "mine is assigned or party"));
	stmt = store_prepare(core_store(c), "SELECT d.id, d.about, d.state, "
	    "d.outcome, d.opener_uid, o.name, d.subject_uid, s.name, "
	    "d.moderator_uid, md.name, d.created_ts, d.updated_ts, "
	    "d.ncomments, d.reason, d.decision, d.appeal_proposal, "
	    "(SELECT count(*) FROM sanctions x WHERE x.dispute_id = d.id) "
	    "FROM disputes d LEFT JOIN members o ON o.uid = d.opener_uid "
	    "LEFT JOIN members s ON s.uid = d.subject_uid "
	    "LEFT JOIN members md ON md.uid = d.moderator_uid "
	    "WHERE d.id > ?1 AND (?2 IS NULL OR d.state = ?2 OR (?2 = "
	    "'active' AND d.state IN ('open', 'assigned', 'appealed'))) AND "
	    "(?3 IS NULL OR (?3 = 'assigned' AND d.moderator_uid = ?4 AND "
	    "d.state = 'assigned') OR (?3 = 'party' AND (d.opener_uid = ?4 "
	    "OR d.subject_uid = ?4))) ORDER BY d.id LIMIT ?5");
	sqlite3_bind_int64(stmt, 1, after);
	if (state != NULL)
		sqlite3_bind_text(stmt, 2, state, -1, SQLITE_STATIC);
	if (mine != NULL)
		sqlite3_bind_text(stmt, 3, mine, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, a->uid);
	sqlite3_bind_int64(stmt, 5, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = id = sqlite3_column_int64(stmt, 0);
		row = json_pack("{s:I,s:o,s:o,s:o,s:{s:I,s:o},s:o,s:o,s:I,"
		    "s:I,s:I,s:o,s:b,s:I}",
		    "id", (json_int_t)id, "about", dispute_text(stmt, 1),
		    "state", dispute_text(stmt, 2),
		    "outcome", dispute_text(stmt, 3),
		    "opener", "uid", (json_int_t)sqlite3_column_int64(stmt, 4),
		    "name", dispute_text(stmt, 5),
		    "subject", sqlite3_column_type(stmt, 6) == SQLITE_NULL ?
		    json_null() : json_pack("{s:I,s:o}", "uid",
		    (json_int_t)sqlite3_column_int64(stmt, 6), "name",
		    dispute_text(stmt, 7)),
		    "moderator", sqlite3_column_type(stmt, 8) == SQLITE_NULL ?
		    json_null() : json_pack("{s:I,s:o}", "uid",
		    (json_int_t)sqlite3_column_int64(stmt, 8), "name",
		    dispute_text(stmt, 9)),
		    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 10),
		    "updated_ts", (json_int_t)sqlite3_column_int64(stmt, 11),
		    "comments", (json_int_t)sqlite3_column_int64(stmt, 12),
		    "decision", dispute_text(stmt, 14),
		    "visible", dispute_visible(c, a, id),
		    "sanctions", (json_int_t)sqlite3_column_int64(stmt, 16));
		if (json_is_true(json_object_get(row, "visible")))
			json_object_set_new(row, "reason",
			    dispute_text(stmt, 13));
		if (sqlite3_column_type(stmt, 15) != SQLITE_NULL)
			json_object_set_new(row, "appeal_proposal",
			    json_integer(sqlite3_column_int64(stmt, 15)));
		json_array_append_new(rows, row);
	}
	sqlite3_reset(stmt);

	counts = json_object();
	stmt = store_prepare(core_store(c), "SELECT state, count(*) FROM "
	    "disputes GROUP BY state");
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_object_set_new(counts, store_text(stmt, 0), json_integer(
		    sqlite3_column_int64(stmt, 1)));
	sqlite3_reset(stmt);
	json_object_set_new(counts, "assigned_to_me", json_integer(store_int(
	    core_store(c), "SELECT count(*) FROM disputes INDEXED BY "
	    "disputes_moderator WHERE moderator_uid = ? AND state = "
	    "'assigned'", a->uid, 0)));
	*result = json_pack("{s:o,s:o,s:o,s:I}", "disputes", rows, "next",
	    n > limit ? json_integer(last) : json_null(), "counts", counts,
	    "now", (json_int_t)core_now(c));
	return (0);
}

/* What the reader may do with dispute d now (the TUI's actions). */
static json_t *
dispute_can(struct core *c, const struct actor *a, const struct dispute *d,
    bool visible)
{
	enum role	r = core_role_of(c, a->uid);
	bool		party = dispute_party(d, a->uid);
	bool		open = strcmp(d->state, "open") == 0;
	bool		assigned = strcmp(d->state, "assigned") == 0;

	return (json_pack("{s:b,s:b,s:b,s:b,s:b}",
	    "assign", r >= ROLE_MODERATOR && (open || assigned),
	    "comment", visible && (party || r >= ROLE_MODERATOR) &&
	    strcmp(d->state, "final") != 0,
	    "resolve", r >= ROLE_MODERATOR && !party && assigned &&
	    (d->moderator == a->uid || r >= ROLE_LEADER),
	    "appeal", party && strcmp(d->state, "resolved") == 0 &&
	    core_now(c) <= d->resolved_ts + core_appeal_window(c),
	    "decide", r >= ROLE_LEADER && !party &&
	    strcmp(d->state, "appealed") == 0 &&
	    strcmp(d->appeal_by, "leaders") == 0));
}

int
query_dispute(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct dispute	 d;
	sqlite3_stmt	*stmt;
	json_t		*r, *list, *parties;
	int64_t		 id, now = core_now(c);
	bool		 visible;
	int		 error;

	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = dispute_get(c, id, &d, cause)) != 0)
		return (error);
	visible = dispute_visible(c, a, id);
	stmt = store_prepare(core_store(c), "SELECT d.reason, d.resolution, "
	    "d.resolved_ts, d.resolved_uid, d.appeal_reason, d.appealed_ts, "
	    "d.decision, d.decided_ts, d.created_ts, d.updated_ts FROM "
	    "disputes d WHERE d.id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	parties = json_pack("{s:{s:I,s:o,s:s}}", "opener", "uid",
	    (json_int_t)d.opener, "name", dispute_name(c, d.opener), "role",
	    core_role_name(core_role_of(c, d.opener)));
	if (d.subject != -1)
		json_object_set_new(parties, "subject", json_pack(
		    "{s:I,s:o,s:s}", "uid", (json_int_t)d.subject, "name",
		    dispute_name(c, d.subject), "role", core_role_name(
		    core_role_of(c, d.subject))));
	r = json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:b,s:I,s:I,s:I}",
	    "id", (json_int_t)id, "about", d.about, "state", d.state,
	    "outcome", d.outcome[0] != '\0' ? json_string(d.outcome) :
	    json_null(), "parties", parties,
	    "moderator", d.moderator == -1 ? json_null() : json_pack(
	    "{s:I,s:o}", "uid", (json_int_t)d.moderator, "name",
	    dispute_name(c, d.moderator)),
	    "visible", visible,
	    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 8),
	    "updated_ts", (json_int_t)sqlite3_column_int64(stmt, 9),
	    "now", (json_int_t)now);
	if (visible)
		json_object_set_new(r, "reason", dispute_text(stmt, 0));
	if (d.resolved_ts != 0) {
		json_object_set_new(r, "resolution", json_pack("{s:I,s:o,s:I}",
		    "ts", (json_int_t)d.resolved_ts, "by", dispute_name(c,
		    sqlite3_column_int64(stmt, 3)), "appeal_until",
		    (json_int_t)(d.resolved_ts + core_appeal_window(c))));
		if (visible)
			json_object_set_new(json_object_get(r, "resolution"),
			    "text", dispute_text(stmt, 1));
	}
	if (sqlite3_column_type(stmt, 5) != SQLITE_NULL) {
		json_object_set_new(r, "appeal", json_pack("{s:I,s:s,s:o,"
		    "s:o}", "ts", (json_int_t)sqlite3_column_int64(stmt, 5),
		    "by", d.appeal_by, "decision", dispute_text(stmt, 6),
		    "proposal", d.appeal_proposal == -1 ? json_null() :
		    json_integer(d.appeal_proposal)));
		if (visible)
			json_object_set_new(json_object_get(r, "appeal"),
			    "reason", dispute_text(stmt, 4));
	}
	sqlite3_reset(stmt);
	json_object_set_new(r, "can", dispute_can(c, a, &d, visible));

	list = json_array();
	stmt = store_prepare(core_store(c), DISPUTE_SANCTION_COLUMNS
	    "WHERE s.dispute_id = ? ORDER BY s.id");
	sqlite3_bind_int64(stmt, 1, id);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(list, dispute_sanction_row(c, a, stmt,
		    now));
	sqlite3_reset(stmt);
	json_object_set_new(r, "sanctions", list);

	if (visible) {
		list = json_array();
		stmt = store_prepare(core_store(c), "SELECT k.id, k.author_uid,"
		    " m.name, k.body, k.created_ts FROM dispute_comments k "
		    "LEFT JOIN members m ON m.uid = k.author_uid WHERE "
		    "k.dispute_id = ? ORDER BY k.id");
		sqlite3_bind_int64(stmt, 1, id);
		while (sqlite3_step(stmt) == SQLITE_ROW)
			json_array_append_new(list, json_pack("{s:I,s:{s:I,"
			    "s:o},s:o,s:I}", "id",
			    (json_int_t)sqlite3_column_int64(stmt, 0),
			    "author", "uid",
			    (json_int_t)sqlite3_column_int64(stmt, 1),
			    "name", dispute_text(stmt, 2),
			    "body", dispute_text(stmt, 3), "ts",
			    (json_int_t)sqlite3_column_int64(stmt, 4)));
		sqlite3_reset(stmt);
		json_object_set_new(r, "thread", list);
	}

	/* Its timeline: its events and its sanctions'. */
	list = json_array();
	stmt = store_prepare(core_store(c), "SELECT seq, ts, uid, name, type "
	    "FROM log_index WHERE ref = 'dispute:' || ?1 OR ref IN (SELECT "
	    "'sanction:' || id FROM sanctions WHERE dispute_id = ?1) "
	    "ORDER BY seq");
	sqlite3_bind_int64(stmt, 1, id);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:I,s:I,s:{s:I,s:o},"
		    "s:o}", "seq", (json_int_t)sqlite3_column_int64(stmt, 0),
		    "ts", (json_int_t)sqlite3_column_int64(stmt, 1), "actor",
		    "uid", (json_int_t)sqlite3_column_int64(stmt, 2), "name",
		    dispute_text(stmt, 3), "type", dispute_text(stmt, 4)));
	sqlite3_reset(stmt);
	json_object_set_new(r, "timeline", list);
	*result = r;
	return (0);
}

/*
 * sanctions: a member's (the reader's own unless a moderator names
 * another with "member"), newest first; "active" keeps those in force.
 */
int
query_sanctions(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*who;
	json_t		*rows;
	int64_t		 uid = a->uid, now = core_now(c);
	bool		 all = false, active;
	int		 error;

	if ((error = event_arg_text(args, "member", TEXT_NAME, false, &who,
	    cause)) != 0)
		return (error);
	active = json_is_true(json_object_get(args, "active"));
	if (who != NULL && strcmp(who, "*") == 0)
		all = true;
	else if (who != NULL) {
		stmt = store_prepare(core_store(c), "SELECT uid FROM members "
		    "WHERE name = ?");
		sqlite3_bind_text(stmt, 1, who, -1, SQLITE_STATIC);
		uid = sqlite3_step(stmt) == SQLITE_ROW ?
		    sqlite3_column_int64(stmt, 0) : -1;
		sqlite3_reset(stmt);
		if (uid == -1)
			return (moot_fail(cause, -ENOENT, "%s is not a member "
			    "of this community", who));
	}
	if ((all || uid != a->uid) &&
	    core_role_of(c, a->uid) < ROLE_MODERATOR)
		return (moot_fail(cause, -EPERM, "only moderators and leaders "
		    "list the sanctions of others"));
	stmt = store_prepare(core_store(c), DISPUTE_SANCTION_COLUMNS
	    "WHERE (?1 OR s.uid = ?2) AND (NOT ?3 OR (s.state = 'active' AND "
	    "s.expires_ts > ?4)) ORDER BY s.id DESC LIMIT 1000");
	sqlite3_bind_int(stmt, 1, all);
	sqlite3_bind_int64(stmt, 2, uid);
	sqlite3_bind_int(stmt, 3, active);
	sqlite3_bind_int64(stmt, 4, now);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(rows, dispute_sanction_row(c, a, stmt,
		    now));
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:I,s:I}", "sanctions", rows, "now",
	    (json_int_t)now, "appeal_window", (json_int_t)core_appeal_window(c));
	return (0);
}

void
dispute_status(struct core *c, const struct actor *a, json_t *r)
{
	sqlite3_stmt	*stmt;

	json_object_set_new(r, "disputes_assigned", json_integer(store_int(
	    core_store(c), "SELECT count(*) FROM disputes INDEXED BY "
	    "disputes_moderator WHERE moderator_uid = ? AND state = "
	    "'assigned'", a->uid, 0)));
	if (core_role_of(c, a->uid) >= ROLE_MODERATOR)
		json_object_set_new(r, "disputes_unassigned", json_integer(
		    store_int(core_store(c), "SELECT count(*) FROM disputes "
		    "INDEXED BY disputes_state WHERE state = 'open'", 0, 0)));
	stmt = store_prepare(core_store(c), "SELECT kind, expires_ts, "
	    "dispute_id FROM sanctions WHERE uid = ? AND state = 'active' AND "
	    "expires_ts > ? ORDER BY kind = 'suspend' DESC, kind = 'mute' "
	    "DESC, expires_ts DESC LIMIT 1");
	sqlite3_bind_int64(stmt, 1, a->uid);
	sqlite3_bind_int64(stmt, 2, core_now(c));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		json_object_set_new(r, "sanction", json_pack("{s:s,s:I,s:I}",
		    "kind", store_text(stmt, 0), "until",
		    (json_int_t)sqlite3_column_int64(stmt, 1), "dispute",
		    (json_int_t)sqlite3_column_int64(stmt, 2)));
	sqlite3_reset(stmt);
}
