/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The protocol's operations, in one table: each op is either a write
 * (submitted to the core's one write path as an event type), a query, or
 * one of the few ops the session itself answers (hello, whoami, verify,
 * check). verify and check read the whole log, so they are answered
 * later, from a job on the thread pool (server-job.c).
 * moot-protocol(7) documents every row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <syslog.h>

#include "config.h"
#include "moot/event.h"
#include "moot/log.h"
#include "server-int.h"

typedef int server_op_fn(struct server_client *, json_t *, json_t **,
    char **);

#define SERVER_OP_NO_DAEMON	0x1	/* embedded only (init) */

struct server_op {
	const char	*name;
	const char	*event;		/* a write: this event type */
	core_query_fn	*query;		/* a query */
	server_op_fn	*fn;		/* answered here */
	int		 flags;
};

static server_op_fn server_ops_hello;
static server_op_fn server_ops_subscribe;
static server_op_fn server_ops_whoami;
static server_op_fn server_ops_verify;
static server_op_fn server_ops_check;

/* The proposal a write was about, for core_settle()'s early close. */
static int64_t
server_ops_hint(const struct server_op *op, json_t *args)
{
	json_t	*id;

	if (strcmp(op->event, "ballot.cast") != 0)
		return (0);
	id = json_object_get(args, "id");
	return (json_is_integer(id) ? json_integer_value(id) : 0);
}

static const struct server_op server_ops[] = {
	{ "hello", NULL, NULL, server_ops_hello, 0 },
	{ "whoami", NULL, NULL, server_ops_whoami, 0 },
	{ "community", NULL, query_community, NULL, 0 },
	{ "init", "community.created", NULL, NULL, SERVER_OP_NO_DAEMON },
	{ "join", "member.joined", NULL, NULL, 0 },
	{ "invite", "member.invited", NULL, NULL, 0 },
	{ "role", "role.changed", NULL, NULL, 0 },
	{ "members", NULL, query_members, NULL, 0 },
	{ "propose", "proposal.created", NULL, NULL, 0 },
	{ "edit", "proposal.edited", NULL, NULL, 0 },
	{ "publish", "proposal.published", NULL, NULL, 0 },
	{ "withdraw", "proposal.withdrawn", NULL, NULL, 0 },
	{ "list", NULL, query_list, NULL, 0 },
	{ "show", NULL, query_show, NULL, 0 },
	{ "open-vote", "vote.opened", NULL, NULL, 0 },
	{ "vote", "ballot.cast", NULL, NULL, 0 },
	{ "veto", "vote.vetoed", NULL, NULL, 0 },
	{ "rules", NULL, query_rules, NULL, 0 },
	{ "rules-set", "rules.changed", NULL, NULL, 0 },
	{ "comment", "comment.added", NULL, NULL, 0 },
	{ "hide", "comment.hidden", NULL, NULL, 0 },
	{ "unhide", "comment.unhidden", NULL, NULL, 0 },
	{ "redact", "log.redacted", NULL, NULL, 0 },
	{ "dispute-open", "dispute.opened", NULL, NULL, 0 },
	{ "dispute-assign", "dispute.assigned", NULL, NULL, 0 },
	{ "dispute-comment", "dispute.commented", NULL, NULL, 0 },
	{ "dispute-resolve", "dispute.resolved", NULL, NULL, 0 },
	{ "dispute-appeal", "dispute.appealed", NULL, NULL, 0 },
	{ "dispute-decide", "dispute.decided", NULL, NULL, 0 },
	{ "sanction-lift", "sanction.lifted", NULL, NULL, 0 },
	{ "disputes", NULL, query_disputes, NULL, 0 },
	{ "dispute", NULL, query_dispute, NULL, 0 },
	{ "sanctions", NULL, query_sanctions, NULL, 0 },
	{ "log", NULL, query_log, NULL, 0 },
	{ "status", NULL, query_status, NULL, 0 },
	{ "task-add", "task.added", NULL, NULL, 0 },
	{ "task-take", "task.taken", NULL, NULL, 0 },
	{ "task-update", "task.updated", NULL, NULL, 0 },
	{ "progress", NULL, query_progress, NULL, 0 },
	{ "tasks", NULL, query_tasks, NULL, 0 },
	{ "kudos", "kudos.given", NULL, NULL, 0 },
	{ "kudos-list", NULL, query_kudos, NULL, 0 },
	{ "stats", NULL, query_stats, NULL, 0 },
	{ "verify", NULL, NULL, server_ops_verify, 0 },
	{ "check", NULL, NULL, server_ops_check, 0 },
	{ "subscribe", NULL, NULL, server_ops_subscribe, 0 },
};

static int
server_ops_hello(struct server_client *c, json_t *args, json_t **result,
    char **cause)
{
	const struct actor	*a = server_client_actor(c);
	json_t			*v;

	v = json_object_get(args, "version");
	if (!json_is_integer(v))
		return (moot_fail(cause, -EINVAL,
		    "hello needs the protocol \"version\""));
	if (json_integer_value(v) != PROTO_VERSION)
		return (moot_fail(cause, -EPROTO,
		    "this server speaks protocol version %d and the client "
		    "version %lld: use the moot that matches this server",
		    PROTO_VERSION, (long long)json_integer_value(v)));
	server_client_set_hello(c);
	server_settle_later(server_client_server(c), 0);
	*result = json_pack("{s:i,s:s,s:s,s:I,s:s,s:I}", "version",
	    PROTO_VERSION, "server", PACKAGE_STRING, "mode",
	    server_mode(server_client_server(c)) == SERVER_EMBEDDED ?
	    "embedded" : "daemon", "uid", (json_int_t)a->uid, "name", a->name,
	    "now", (json_int_t)core_now(server_core(server_client_server(c))));
	return (0);
}

static int
server_ops_whoami(struct server_client *c, json_t *args, json_t **result,
    char **cause)
{
	struct server	*s = server_client_server(c);
	int		 error;

	error = query_whoami(server_core(s), server_client_actor(c), args,
	    result, cause);
	if (error != 0)
		return (error);
	json_object_set_new(*result, "mode", json_string(
	    server_mode(s) == SERVER_EMBEDDED ? "embedded" : "daemon"));
	json_object_set_new(*result, "database",
	    json_string(core_path(server_core(s))));
	return (0);
}

/* Verify: the arguments here; the walk itself in a job (server-job.c). */
static int
server_ops_verify(struct server_client *c, json_t *args, json_t **result,
    char **cause)
{
	const char	*hash = NULL;
	json_t		*head, *projections;
	int64_t		 seq = -1;

	head = json_object_get(args, "head");
	if (head != NULL) {
		if (!json_is_integer(json_object_get(head, "seq")) ||
		    !json_is_string(json_object_get(head, "hash")) ||
		    strlen(json_string_value(json_object_get(head, "hash"))) !=
		    CANON_HEX_LEN)
			return (moot_fail(cause, -EINVAL,
			    "head must be {\"seq\":N,\"hash\":\"64 hex\"}"));
		seq = json_integer_value(json_object_get(head, "seq"));
		hash = json_string_value(json_object_get(head, "hash"));
	}
	projections = json_object_get(args, "projections");
	return (server_job_verify(c, seq, hash, projections == NULL ||
	    json_is_true(projections), result, cause));
}

static int
server_ops_check(struct server_client *c, json_t *args, json_t **result,
    char **cause)
{
	return (server_job_check(c, result, cause));
}

static int
server_ops_subscribe(struct server_client *c, json_t *args, json_t **result,
    char **cause)
{
	struct server	*s = server_client_server(c);
	int64_t		 since, head;
	int		 error;

	head = core_head(server_core(s), NULL);
	since = head;
	error = event_arg_int(args, "since", false, &since, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	if (since > head)
		return (moot_fail(cause, -EINVAL, "since %lld is past the end "
		    "of the log (%lld)", (long long)since, (long long)head));
	c->subscribed = true;
	c->cursor = since;
	*result = json_pack("{s:I,s:I}", "head", (json_int_t)head, "since",
	    (json_int_t)since);
	return (0);
}

/*
 * mootd: each user's requests per second (a bucket holding one second's
 * worth, in thousandths of a request).
 */
static int
server_ops_rate(struct server_client *c, char **cause)
{
	struct server		*s = server_client_server(c);
	struct server_rate	*r = NULL;
	int64_t			 now = moot_now_ms(), cap;
	size_t			 i;

	if (server_mode(s) != SERVER_DAEMON)
		return (0);
	cap = (int64_t)s->limits.rate * 1000;
	for (i = 0; i < s->nrates; i++) {
		if (s->rates[i].uid == c->actor.uid)
			r = &s->rates[i];
		else if (now - s->rates[i].last_ms > 60000 && r == NULL) {
			/* Reuse the slot of a user gone quiet. */
			r = &s->rates[i];
			r->uid = c->actor.uid;
			r->tokens = cap;
			r->last_ms = now;
		}
	}
	if (r == NULL) {
		s->rates = xreallocarray(s->rates, s->nrates + 1,
		    sizeof *s->rates);
		r = &s->rates[s->nrates++];
		r->uid = c->actor.uid;
		r->tokens = cap;
		r->last_ms = now;
	}
	r->tokens += (now - r->last_ms) * s->limits.rate;
	r->last_ms = now;
	if (r->tokens > cap)
		r->tokens = cap;
	if (r->tokens < 1000)
		return (moot_fail(cause, -EAGAIN, "too many requests: at most "
		    "%d a second each; try again in a moment",
		    s->limits.rate));
	r->tokens -= 1000;
	return (0);
}

/*
 * A retried write (the same idempotency key from the same user) gets the
 * first result instead of writing twice. *result is set when the key was
 * seen; a key reused for another op is a conflict.
 */
static int
server_ops_key_find(struct server_client *c, const struct proto_request *req,
    json_t **result, char **cause)
{
	struct store	*st = core_store(server_core(server_client_server(c)));
	sqlite3_stmt	*stmt;
	int		 error = 0;

	*result = NULL;
	if (strlen(req->key) > 128)
		return (moot_fail(cause, -EINVAL, "an idempotency key is at "
		    "most 128 bytes"));
	stmt = store_prepare(st, "SELECT op, result FROM request_keys WHERE "
	    "uid = ? AND key = ? AND ts >= ?");
	sqlite3_bind_int64(stmt, 1, c->actor.uid);
	sqlite3_bind_text(stmt, 2, req->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, core_now(server_core(server_client_server(
	    c))) - CORE_KEY_MS);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		if (strcmp(store_text(stmt, 0), req->op) != 0)
			error = moot_fail(cause, -EEXIST, "the key \"%s\" was "
			    "used for %s", req->key, store_text(stmt, 0));
		else
			*result = json_loads(store_text(stmt, 1), 0, NULL);
	}
	sqlite3_reset(stmt);
	return (error);
}

/* Keep the result of a keyed write; 0 or a negative errno. */
static int
server_ops_key_store(struct server_client *c, const struct proto_request *req,
    json_t *result, char **cause)
{
	struct server	*s = server_client_server(c);
	sqlite3_stmt	*stmt;
	char		*text;
	int		 error;

	/* In the request's own transaction: both commit, or neither. */
	text = json_dumps(result, JSON_COMPACT);
	stmt = store_prepare(core_store(server_core(s)), "INSERT OR REPLACE "
	    "INTO request_keys (uid, key, op, result, ts) VALUES "
	    "(?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, c->actor.uid);
	sqlite3_bind_text(stmt, 2, req->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, req->op, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, core_now(server_core(s)));
	error = store_done(core_store(server_core(s)), stmt, cause);
	free(text);
	return (error);
}

/*
 * A keyed write: its event and its key in one savepoint, so that a key
 * that cannot be kept takes the event back with it (a retry would
 * otherwise write twice).
 */
static int
server_ops_keyed_submit(struct server_client *c, const char *event,
    const struct proto_request *req, json_t **result, char **cause)
{
	struct server	*s = server_client_server(c);
	struct store	*st = core_store(server_core(s));
	int		 error;

	if ((error = store_exec(st, "SAVEPOINT keyed", cause)) != 0)
		return (error);
	error = core_submit(server_core(s), server_client_actor(c), event,
	    req->args, result, cause);
	if (error == 0 && (error = server_ops_key_store(c, req, *result,
	    cause)) != 0) {
		json_decref(*result);
		*result = NULL;
	}
	if (error != 0)
		store_exec(st, "ROLLBACK TO keyed", NULL);
	store_exec(st, "RELEASE keyed", NULL);
	if (error != 0)
		core_resync(server_core(s));
	return (error);
}

char *
server_ops_dispatch(struct server_client *c, const char *line, size_t len,
    size_t *rlen, bool *wrote, bool *fatal)
{
	struct server		*s = server_client_server(c);
	struct proto_request	 req;
	const struct server_op	*op = NULL;
	json_t			*result = NULL;
	char			*cause = NULL, *reply;
	int64_t			 id;
	size_t			 i;
	int			 error;

	MOOT_REQUIRE(c->job == NULL);
	*fatal = false;
	*wrote = false;
	if ((error = proto_request_parse(line, len, &req, &id,
	    &cause)) != 0) {
		reply = proto_reply_error(id, proto_code(error), cause, rlen);
		free(cause);
		/* An over-long line ends the connection, however it came. */
		*fatal = error == -EMSGSIZE;
		return (reply);
	}
	for (i = 0; i < MOOT_NITEMS(server_ops); i++) {
		if (strcmp(server_ops[i].name, req.op) == 0) {
			op = &server_ops[i];
			break;
		}
	}
	if ((error = server_ops_rate(c, &cause)) != 0)
		;
	else if (op == NULL)
		error = moot_fail(&cause, -ENOSYS, "unknown op \"%s\"",
		    req.op);
	else if (!server_client_hello(c) && op->fn != server_ops_hello)
		error = moot_fail(&cause, -EINVAL,
		    "the first request must be hello");
	else if ((op->flags & SERVER_OP_NO_DAEMON) &&
	    server_mode(s) == SERVER_DAEMON)
		error = moot_fail(&cause, -EPERM, "%s is done on the database "
		    "file before mootd starts (moot -d FILE %s)", op->name,
		    op->name);
	else if (op->event != NULL && req.key != NULL &&
	    ((error = server_ops_key_find(c, &req, &result, &cause)) != 0 ||
	    result != NULL))
		/* A retry: the first result (perhaps of this very batch). */
		*wrote = error == 0;
	else if (op->event != NULL) {
		if (req.key != NULL)
			error = server_ops_keyed_submit(c, op->event, &req,
			    &result, &cause);
		else
			error = core_submit(server_core(s),
			    server_client_actor(c), op->event, req.args,
			    &result, &cause);
		if (error == 0) {
			*wrote = true;
			server_settle_later(s, server_ops_hint(op, req.args));
		}
	}
	else if (op->query != NULL)
		error = op->query(server_core(s), server_client_actor(c),
		    req.args, &result, &cause);
	else {
		error = op->fn(c, req.args, &result, &cause);
		/* A job answers it (the session had none before this). */
		if (error == 0 && c->job != NULL) {
			c->job->id = req.id;
			proto_request_free(&req);
			*rlen = 0;
			return (NULL);
		}
	}

	if (error != 0) {
		reply = proto_reply_error(req.id, proto_code(error),
		    cause != NULL ? cause : strerror(-error), rlen);
		/* A client that cannot say hello cannot go on. */
		if (op != NULL && op->fn == server_ops_hello)
			*fatal = true;
	} else
		reply = proto_reply_ok(req.id, result, rlen);
	free(cause);
	proto_request_free(&req);
	return (reply);
}
