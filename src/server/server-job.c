/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Jobs: the ops that read the whole log (verify, check) run on libuv's
 * thread pool, so that the loop goes on serving every other request and,
 * in embedded mode, the screen it shares. A job opens a read-only
 * connection of its own to the database file (CORE_READONLY): in WAL
 * mode that connection reads one snapshot (core_verify() and core_check()
 * take a read transaction) while the loop thread's connection goes on
 * committing. The job touches neither the server's core nor its session;
 * only the after-work callback, on the loop thread, does.
 *
 *	created --its turn commits--> queued --a pool thread--> running
 *	                                 |                          |
 *	              cancel: uv_cancel, |      cancel: it stops at |
 *	              it never runs      |      its next SQLite step |
 *	                                 v                          v
 *	                 after-work, on the loop: send the reply (an error
 *	                 if stopped), or drop it if the session is gone;
 *	                 free the job
 *
 * A job cancelled before it is queued is queued all the same, and its
 * work callback, seeing the flag, returns at once.
 *
 * Order: while a session has a job, its later requests stay queued
 * (server_check_cb() skips it), so its replies keep their order. A lost
 * session is not freed while its job runs (server_client_free() waits),
 * and its result is dropped. A stopping server cancels every job and
 * answers it with an error; cancelled, a job ends at its next SQLite
 * step, so the stop stays bounded.
 *
 * A private in-memory database (":memory:") cannot be opened twice: there
 * verify and check run at once on the loop, as they did before jobs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "server-int.h"

/* SQLite VM steps between two looks at the cancel flag. */
#define SERVER_JOB_PROGRESS	1000

/* The protocol's name of a verify status. */
static const char *
server_job_status_name(enum verify_status st)
{
	switch (st) {
	case VERIFY_OK:
		return ("ok");
	case VERIFY_TAMPERED:
		return ("tampered");
	case VERIFY_ROLLED_BACK:
		return ("rolled-back");
	case VERIFY_FORKED:
		return ("forked");
	case VERIFY_PROJECTIONS:
		return ("projections");
	case VERIFY_UNSUPPORTED:
		return ("unsupported");
	}
	return ("unknown");
}

/* The op a job answers, for the log. */
static const char *
server_job_op_name(enum server_job_op op)
{
	switch (op) {
	case SERVER_JOB_VERIFY:
		return ("verify");
	case SERVER_JOB_CHECK:
		return ("check");
	}
	return ("unknown");
}

/* Run the job's op on core (any thread, one snapshot); *result is new. */
static int
server_job_run(struct core *core, struct server_job *j, json_t **result,
    char **cause)
{
	struct verify_result	 r;
	int			 error;

	switch (j->op) {
	case SERVER_JOB_CHECK:
		return (core_check(core, result, cause));
	case SERVER_JOB_VERIFY:
		break;
	}
	error = core_verify(core, j->head_seq, j->head_hex, j->projections,
	    &r, cause);
	if (error != 0)
		return (error);
	*result = json_pack("{s:s,s:I,s:I,s:s}", "status",
	    server_job_status_name(r.status), "events", (json_int_t)r.events,
	    "redacted", (json_int_t)r.redacted, "head", r.head_hex);
	if (r.bad_seq != 0)
		json_object_set_new(*result, "bad_seq",
		    json_integer(r.bad_seq));
	if (r.message != NULL)
		json_object_set_new(*result, "message",
		    json_string(r.message));
	if (r.warning != NULL)
		json_object_set_new(*result, "warning",
		    json_string(r.warning));
	verify_result_free(&r);
	return (0);
}

/* SQLite's progress handler on the worker: stop once cancelled. */
static int
server_job_progress_cb(void *arg)
{
	struct server_job	*j = arg;

	if (!atomic_load(&j->cancel))
		return (0);
	j->interrupted = true;
	return (1);
}

/* On a pool thread: open the file read-only, run, encode the reply. */
static void
server_job_work_cb(uv_work_t *w)
{
	struct server_job	*j = w->data;
	struct core		*core;
	json_t			*result = NULL;
	char			*cause = NULL;
	int			 error;

	/* Cancelled before it began: the session or the server is gone. */
	if (atomic_load(&j->cancel)) {
		j->interrupted = true;
		return;
	}
	error = core_open(j->path, CORE_READONLY, &core, &cause);
	if (error == 0) {
		sqlite3_progress_handler(store_db(core_store(core)),
		    SERVER_JOB_PROGRESS, server_job_progress_cb, j);
		error = server_job_run(core, j, &result, &cause);
		core_close(core);
	}
	if (error != 0)
		j->reply = proto_reply_error(j->id, proto_code(error),
		    cause != NULL ? cause : strerror(-error), &j->len);
	else
		j->reply = proto_reply_ok(j->id, result, &j->len);
	free(cause);
}

/* Free a job that is done (its session no longer points at it). */
static void
server_job_free(struct server_job *j)
{
	free(j->reply);
	free(j->path);
	free(j);
}

/*
 * Back on the loop: send the reply (an error if the job was stopped),
 * or drop it when the session is gone; then let the session go on with
 * the requests that waited behind it, or free it.
 */
static void
server_job_after_cb(uv_work_t *w, int status)
{
	struct server_job	*j = w->data;
	struct server_client	*c = j->client;
	struct server		*s = c->server;
	const char		*what;
	char			*line;
	size_t			 len;

	c->job = NULL;
	if (status == UV_ECANCELED || j->interrupted) {
		line = proto_reply_error(j->id, "internal", "the server "
		    "stopped before the log was read to the end; run it again",
		    &len);
		free(j->reply);
		what = "stopped";
	} else {
		line = j->reply;
		len = j->len;
		what = "answered";
	}
	j->reply = NULL;
	server_logf(s, LOG_DEBUG, "%s for %s (uid %lld) %s after %lld ms",
	    server_job_op_name(j->op), c->name, (long long)c->actor.uid,
	    c->dead ? "dropped" : what,
	    (long long)(moot_now_ms() - j->started_ms));
	server_job_free(j);

	if (c->dead) {
		free(line);
		server_client_free(c);
		return;
	}
	server_client_write(c, line, len);
	if (c->dead)
		return;
	if (c->nrequests != 0 || c->too_long)
		server_wake(s);
	else if (s->stopping)
		server_client_hangup(c);
	else
		server_client_resume(c);
}

void
server_job_start(struct server_job *j)
{
	struct server_client	*c = j->client;
	int			 error;

	if (j->started)
		return;
	j->started = true;
	j->started_ms = moot_now_ms();
	j->work.data = j;
	error = uv_queue_work(c->server->loop, &j->work, server_job_work_cb,
	    server_job_after_cb);
	MOOT_REQUIRE(error == 0);
	server_logf(c->server, LOG_DEBUG, "%s for %s (uid %lld) runs in the "
	    "background", server_job_op_name(j->op), c->name,
	    (long long)c->actor.uid);
}

void
server_job_cancel(struct server_job *j)
{
	atomic_store(&j->cancel, true);
	/* Still waiting for a pool thread: it never gets one (UV_ECANCELED). */
	if (j->started)
		uv_cancel((uv_req_t *)&j->work);
}

/*
 * Whether the session's op can run as a job: the database is a file and
 * SQLite may be used from another thread.
 */
static bool
server_job_possible(struct server_client *c)
{
	struct core	*core = server_core(c->server);

	return (core_head_path(core) != NULL && sqlite3_threadsafe() != 0);
}

/* A new job for a session (held by it, queued after the commit). */
static struct server_job *
server_job_create(struct server_client *c, enum server_job_op op)
{
	struct server_job	*j;

	MOOT_REQUIRE(c->job == NULL);
	j = xcalloc(1, sizeof *j);
	j->client = c;
	j->op = op;
	j->id = -1;
	j->head_seq = -1;
	j->path = xstrdup(core_path(server_core(c->server)));
	atomic_init(&j->cancel, false);
	c->job = j;
	return (j);
}

int
server_job_verify(struct server_client *c, int64_t seq, const char *hash,
    bool projections, json_t **result, char **cause)
{
	struct server_job	 now, *j;

	if (server_job_possible(c))
		j = server_job_create(c, SERVER_JOB_VERIFY);
	else {
		memset(&now, 0, sizeof now);
		now.op = SERVER_JOB_VERIFY;
		j = &now;
	}
	j->head_seq = seq;
	if (hash != NULL)
		snprintf(j->head_hex, sizeof j->head_hex, "%s", hash);
	j->projections = projections;
	if (j == &now)
		return (server_job_run(server_core(c->server), j, result,
		    cause));
	*result = NULL;
	return (0);
}

int
server_job_check(struct server_client *c, json_t **result, char **cause)
{
	struct server_job	now;

	if (server_job_possible(c)) {
		server_job_create(c, SERVER_JOB_CHECK);
		*result = NULL;
		return (0);
	}
	memset(&now, 0, sizeof now);
	now.op = SERVER_JOB_CHECK;
	return (server_job_run(server_core(c->server), &now, result, cause));
}
