/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server's private structures, shared by src/server/ only. */
#ifndef MOOT_SERVER_INT_H
#define MOOT_SERVER_INT_H

#include <stdatomic.h>

#include "moot/core.h"
#include "moot/proto.h"
#include "moot/server.h"

/* A request line read and not yet answered. */
struct server_request {
	char			*line;
	size_t			 len;
};

/* A user's request budget (token bucket, in thousandths of a request). */
struct server_rate {
	int64_t			 uid;
	int64_t			 tokens;
	int64_t			 last_ms;
};

/* What a job does. */
enum server_job_op {
	SERVER_JOB_VERIFY,
	SERVER_JOB_CHECK,
};

/*
 * A verify or check on the thread pool (server-job.c), with a read-only
 * connection of its own. Its session holds it (client->job) and is not
 * freed before the job's after-work callback has run.
 */
struct server_job {
	uv_work_t		 work;
	struct server_client	*client;
	enum server_job_op	 op;
	int64_t			 id;		/* the request's */
	char			*path;		/* the database file */
	int64_t			 head_seq;	/* verify: -1, the head file */
	char			 head_hex[CANON_HEX_LEN + 1];
	bool			 projections;	/* verify: check them too */
	bool			 started;	/* queued on the pool */
	atomic_bool		 cancel;	/* set on the loop thread */
	bool			 interrupted;	/* set by the worker */
	int64_t			 started_ms;
	char			*reply;		/* set by the worker */
	size_t			 len;
};

struct server {
	uv_loop_t		*loop;
	struct core		*core;
	enum server_mode	 mode;
	struct server_limits	 limits;
	server_log_fn		*log;

	char			*as_name;	/* embedded identity override */
	int64_t			 as_uid;

	struct server_client	*clients;
	size_t			 nclients;
	bool			 dying;

	/* Requests wait for the end of the loop turn: one commit for all. */
	uv_check_t		 check;
	uv_idle_t		 idle;		/* keeps the loop from sleeping */
	size_t			 pending;	/* requests queued, all clients */
	bool			 settle_due;	/* a deadline fell due */
	int64_t			*hints;		/* proposals voted on this turn */
	size_t			 nhints;

	/* mootd only. */
	int			 listen_fd;
	char			*listen_path;
	uv_poll_t		 listen_poll;
	uv_timer_t		 backoff;	/* accept paused (EMFILE) */
	uint64_t		 backoff_ms;
	uv_timer_t		 deadline;	/* the next vote to close */
	bool			 deadline_retry; /* a settle just ran */
	uv_timer_t		 tick;		/* stalled readers, each second */
	int64_t			 purged_ms;	/* idempotency keys last purged */
	struct server_rate	*rates;
	size_t			 nrates;
	bool			 stopping;
	void			(*stopped)(struct server *, void *);
	void			*stopped_arg;
	size_t			 handles;	/* open handles of the server's own */
};

/*
 * A client session.
 *
 *	attached --hello--> ready --EOF/error/fatal reply--> dead
 *	    |                                                  |
 *	    +------------------ EOF/error -------------------->+
 *	dead: handle closing; freed in the close callback, never in the
 *	callback that found it dead, and never while a job of its runs
 *	(then freed when the job's after-work callback has run).
 *
 * Lines read are queued (requests) and answered at the end of the loop
 * turn, after the commit; reading pauses while max_inflight requests wait
 * and resumes at half. A verify or check becomes a job on the thread
 * pool: the session's later requests wait in the queue until its reply
 * is sent, so replies stay in request order. A subscriber is sent the
 * log from its cursor on, as long as it reads what it is sent.
 */
struct server_client {
	struct server		*server;
	uv_pipe_t		 pipe;
	struct buf		 in;
	struct actor		 actor;
	char			 name[MOOT_NAME_MAX + 1];
	bool			 hello;
	bool			 closing;	/* replied fatally; flushing */
	bool			 dead;
	bool			 closed;	/* handle closed: free when no job */
	bool			 paused;	/* reading stopped: in-flight cap */
	bool			 fatal;		/* hang up once replies are out */
	bool			 too_long;	/* a line passed max_line */
	uv_shutdown_t		 shutdown;
	size_t			 queued;	/* bytes written, not yet sent */

	struct server_request	*requests;
	size_t			 nrequests;
	size_t			 srequests;
	struct server_job	*job;		/* its verify or check, running */

	bool			 subscribed;
	int64_t			 cursor;	/* last event sent */
	int64_t			 stalled_ms;	/* since when it lags, or 0 */

	struct server_client	*next;
	struct server_client	*prev;
};

/* server.c */
void	server_maybe_free(struct server *);
/*
 * Close, extend and apply what has fallen due (core_settle()), once, at
 * the end of this loop turn's batch, for every write of it (hint: a
 * proposal just voted on, or 0).
 */
void	server_settle_later(struct server *, int64_t);
void	server_logf(struct server *, int, const char *, ...)
	    MOOT_PRINTF(3, 4);
/* Make the loop answer the queued requests at the end of this turn. */
void	server_wake(struct server *);
/* A session's memory is gone (stopping waits for the last). */
void	server_client_gone(struct server *);

/* server-client.c */
void	server_client_lost(struct server_client *);
/* Free a session whose handle is closed, unless a job still holds it. */
void	server_client_free(struct server_client *);
void	server_client_write(struct server_client *, char *, size_t);
void	server_client_hangup(struct server_client *);
void	server_client_resume(struct server_client *);
/* Send a subscriber what it has not seen, while it keeps up. */
void	server_client_push(struct server_client *);

/* server-job.c */
/*
 * Verify or check for a session: as a job (client->job set, *result
 * NULL) when the database is a file, else at once into *result.
 */
int	server_job_verify(struct server_client *, int64_t, const char *, bool,
	    json_t **, char **);
int	server_job_check(struct server_client *, json_t **, char **);
/* Queue a session's job on the pool, after the commit of its turn. */
void	server_job_start(struct server_job *);
/* Stop a job soon: it ends as interrupted (or never starts). */
void	server_job_cancel(struct server_job *);

/* server-ops.c */
/*
 * Handle one request line; the reply line (caller frees) and whether
 * the request wrote (its reply must wait for the commit) or must end
 * the session. NULL when the reply is deferred to a job (client->job).
 */
char	*server_ops_dispatch(struct server_client *, const char *, size_t,
	    size_t *, bool *, bool *);

#endif
