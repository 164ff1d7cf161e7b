/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The server object: the core it serves, the mode (embedded or daemon),
 * the client sessions (server-client.c) and, once a loop turn has read
 * what there is to read, the answering of every queued request in one
 * transaction (group commit): each write in its own savepoint, replies
 * sent only after the commit, then every subscriber sent the new events.
 *
 * A verify or check is a job on the thread pool (server-job.c): its
 * session's later requests wait until the job has answered, and the
 * server (stopped or freed) is not gone before its last job is.
 *
 * mootd adds a listening socket (accept paused with back-off when the
 * process is out of descriptors), a timer for the next vote deadline and
 * a tick that drops subscribers which stopped reading. Embedded mode is
 * the same code on one end of a socketpair.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "moot/server.h"
#include "server-int.h"

/* The longest wait for a deadline: clocks may jump. */
#define SERVER_DEADLINE_MAX_MS	60000
#define SERVER_BACKOFF_MIN_MS	100
#define SERVER_BACKOFF_MAX_MS	2000

static void	server_check_cb(uv_check_t *);

struct server *
server_create(uv_loop_t *loop, struct core *core, enum server_mode mode)
{
	struct server	*s;

	s = xcalloc(1, sizeof *s);
	s->loop = loop;
	s->core = core;
	s->mode = mode;
	s->listen_fd = -1;
	s->limits.max_line = PROTO_MAX_LINE;
	s->limits.rate = 50;
	s->limits.max_inflight = 64;
	s->limits.output_buffer = 4 << 20;
	s->limits.stall_ms = 30000;
	uv_check_init(loop, &s->check);
	s->check.data = s;
	uv_idle_init(loop, &s->idle);
	s->idle.data = s;
	s->handles = 2;
	return (s);
}

void
server_set_limits(struct server *s, const struct server_limits *l)
{
	s->limits = *l;
	if (s->limits.max_inflight < 1)
		s->limits.max_inflight = 1;
}

void
server_set_log(struct server *s, server_log_fn *fn)
{
	s->log = fn;
}

void
server_logf(struct server *s, int prio, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (s->log == NULL)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	s->log(prio, msg);
	free(msg);
}

static void
server_handle_closed(uv_handle_t *h)
{
	struct server	*s = h->data;

	s->handles--;
	server_maybe_free(s);
}

static void
server_close_handle(struct server *s, uv_handle_t *h)
{
	if (h->loop != NULL && !uv_is_closing(h))
		uv_close(h, server_handle_closed);
}

static void
server_unlisten(struct server *s)
{
	if (s->listen_fd == -1)
		return;
	server_close_handle(s, (uv_handle_t *)&s->listen_poll);
	server_close_handle(s, (uv_handle_t *)&s->backoff);
	close(s->listen_fd);
	s->listen_fd = -1;
	if (s->listen_path != NULL)
		unlink(s->listen_path);
}

void
server_free(struct server *s)
{
	struct server_client	*c, *next;

	if (s == NULL)
		return;
	for (c = s->clients; c != NULL; c = next) {
		next = c->next;
		server_client_lost(c);
	}
	server_unlisten(s);
	server_close_handle(s, (uv_handle_t *)&s->deadline);
	server_close_handle(s, (uv_handle_t *)&s->tick);
	server_close_handle(s, (uv_handle_t *)&s->check);
	server_close_handle(s, (uv_handle_t *)&s->idle);
	s->dying = true;
	server_maybe_free(s);
}

/* Free the server once it is dying and its last handle is closed. */
void
server_maybe_free(struct server *s)
{
	if (!s->dying || s->nclients != 0 || s->handles != 0)
		return;
	free(s->rates);
	free(s->hints);
	free(s->listen_path);
	free(s->as_name);
	free(s);
}

enum server_mode
server_mode(struct server *s)
{
	return (s->mode);
}

struct core *
server_core(struct server *s)
{
	return (s->core);
}

int
server_set_identity(struct server *s, const char *name, char **cause)
{
	struct passwd	 pw, *res = NULL;
	char		 buf[4096];

	MOOT_REQUIRE(s->mode == SERVER_EMBEDDED);
	if (getpwnam_r(name, &pw, buf, sizeof buf, &res) != 0 || res == NULL)
		return (moot_fail(cause, -ENOENT,
		    "there is no user %s on this system", name));
	free(s->as_name);
	s->as_name = xstrdup(pw.pw_name);
	s->as_uid = pw.pw_uid;
	return (0);
}

/* Settle with the proposals voted on this turn as hints. */
static void
server_settle_now(struct server *s)
{
	char	*cause = NULL;

	/*
	 * What falls due is moot's own work, not the requester's: a failure
	 * here is retried at the next write, hello or deadline and never
	 * fails this one.
	 */
	if (core_settle_hints(s->core, s->hints, s->nhints, &cause) < 0) {
		server_logf(s, LOG_WARNING, "settling what fell due: %s",
		    cause);
		free(cause);
	}
}

static void
server_idle_cb(uv_idle_t *h)
{
}

/*
 * The check handle answers at the end of the loop turn; the idle handle
 * makes that turn not wait in poll, so work queued from within the
 * check itself (lines read before an in-flight pause) runs at once.
 */
void
server_settle_later(struct server *s, int64_t hint)
{
	size_t	i;

	s->settle_due = true;
	if (hint == 0)
		return;
	for (i = 0; i < s->nhints; i++) {
		if (s->hints[i] == hint)
			return;
	}
	s->hints = xreallocarray(s->hints, s->nhints + 1, sizeof *s->hints);
	s->hints[s->nhints++] = hint;
}

void
server_wake(struct server *s)
{
	if (s->dying)
		return;
	if (!uv_is_active((uv_handle_t *)&s->check))
		uv_check_start(&s->check, server_check_cb);
	if (!uv_is_active((uv_handle_t *)&s->idle))
		uv_idle_start(&s->idle, server_idle_cb);
}

static bool
server_any_too_long(struct server *s)
{
	struct server_client	*c;

	for (c = s->clients; c != NULL; c = c->next) {
		if (c->too_long && !c->fatal && c->job == NULL)
			return (true);
	}
	return (false);
}

/* The reply to the requests of one client, kept until the commit. */
struct server_reply {
	struct server_client	*client;
	char			*line;
	size_t			 len;
	int64_t			 id;
	bool			 wrote;
};

/*
 * The end of a loop turn: answer every queued request inside one
 * transaction, commit, then send the replies and the new events.
 */
static void
server_check_cb(uv_check_t *h)
{
	struct server		*s = h->data;
	struct server_client	*c, *next;
	struct server_reply	*r = NULL;
	struct proto_reply	 pr;
	size_t			 n = 0, size = 0, i, j, done;
	char			*cause = NULL, *msg;
	bool			 batch, fatal, settled;
	int64_t			 head;
	int			 error;

	uv_check_stop(&s->check);
	uv_idle_stop(&s->idle);
	if (s->pending == 0 && !s->settle_due && !server_any_too_long(s))
		return;
	head = core_head(s->core, NULL);
	batch = core_batch_begin(s->core, &cause) == 0;
	if (!batch) {
		server_logf(s, LOG_ERR, "cannot begin a transaction: %s",
		    cause);
		free(cause);
		cause = NULL;
	}

	for (c = s->clients; c != NULL; c = c->next) {
		/* A job's reply comes first: the rest wait (server-job.c). */
		if (c->job != NULL)
			continue;
		done = c->nrequests;
		for (i = 0; i < c->nrequests; i++) {
			if (n == size) {
				size = size == 0 ? 32 : size * 2;
				r = xreallocarray(r, size, sizeof *r);
			}
			r[n].client = c;
			r[n].wrote = false;
			fatal = false;
			r[n].line = server_ops_dispatch(c, c->requests[i].line,
			    c->requests[i].len, &r[n].len, &r[n].wrote,
			    &fatal);
			free(c->requests[i].line);
			if (r[n].line == NULL) {
				/* Deferred to a job: keep what follows. */
				done = i + 1;
				break;
			}
			n++;
			if (fatal) {
				c->fatal = true;
				for (j = i + 1; j < c->nrequests; j++)
					free(c->requests[j].line);
				break;
			}
		}
		if (done != 0 && done < c->nrequests)
			memmove(c->requests, c->requests + done,
			    (c->nrequests - done) * sizeof *c->requests);
		s->pending -= done;
		c->nrequests -= done;
		/* After the replies to what came before it, in order. */
		if (c->too_long && !c->fatal && c->nrequests == 0 &&
		    c->job == NULL) {
			if (n == size) {
				size = size == 0 ? 32 : size * 2;
				r = xreallocarray(r, size, sizeof *r);
			}
			r[n].client = c;
			r[n].wrote = false;
			r[n].line = proto_reply_error(-1, "too_large",
			    "request line is too long", &r[n].len);
			n++;
			c->fatal = true;
		}
	}

	/* Once for the whole batch: what fell due, and early closes. */
	if ((settled = s->settle_due)) {
		s->settle_due = false;
		server_settle_now(s);
		s->nhints = 0;
	}

	error = 0;
	if (batch && (error = core_batch_end(s->core, &cause)) != 0) {
		server_logf(s, LOG_ERR, "commit failed: %s", cause);
		free(cause);
		cause = NULL;
	}
	/* Jobs read from here on: they see this turn's writes. */
	for (c = s->clients; c != NULL; c = c->next) {
		if (c->job != NULL)
			server_job_start(c->job);
	}
	/*
	 * A write that did not commit is not acknowledged as done. (Without
	 * a batch, each write committed on its own.)
	 */
	for (i = 0; i < n; i++) {
		if (!r[i].wrote || !batch || error == 0)
			continue;
		memset(&pr, 0, sizeof pr);
		if (proto_reply_parse(r[i].line, r[i].len - 1, &pr,
		    NULL) == 0) {
			msg = proto_reply_error(pr.id, "internal", "the change "
			    "could not be committed; nothing was written",
			    &r[i].len);
			free(r[i].line);
			r[i].line = msg;
			proto_reply_free(&pr);
		}
	}
	if (n != 0)
		server_logf(s, LOG_DEBUG, "answered %zu request%s in one "
		    "commit (log at seq %lld)", n, n == 1 ? "" : "s",
		    (long long)core_head(s->core, NULL));
	for (i = 0; i < n; i++)
		server_client_write(r[i].client, r[i].line, r[i].len);
	free(r);

	for (c = s->clients; c != NULL; c = next) {
		next = c->next;
		if (c->fatal)
			server_client_hangup(c);
		else
			server_client_resume(c);
	}
	/* New events, or new subscribers: send what each has not seen. */
	for (c = s->clients; c != NULL; c = next) {
		next = c->next;
		server_client_push(c);
	}
	/* A new deadline, or a timer that fired a little early: again. */
	if (s->deadline.loop != NULL && !s->stopping &&
	    (settled || core_head(s->core, NULL) != head)) {
		s->deadline_retry = settled;
		server_start(s);
	}
	/* Stopping: each session goes once it has its last reply. */
	if (s->stopping) {
		for (c = s->clients; c != NULL; c = next) {
			next = c->next;
			if (c->nrequests == 0 && c->job == NULL)
				server_client_hangup(c);
		}
	}
}

static void
server_deadline_cb(uv_timer_t *t)
{
	struct server	*s = t->data;

	s->settle_due = true;
	server_wake(s);
}

/* Drop subscribers that have stopped reading for stall_ms. */
static void
server_tick_cb(uv_timer_t *t)
{
	struct server		*s = t->data;
	struct server_client	*c, *next;
	int64_t			 now = moot_now_ms();
	char			*cause = NULL;

	/*
	 * Another process wrote to the database (embedded mode: moot in
	 * another terminal): settle (it may have opened a vote) and send
	 * its events to the subscribers.
	 */
	if (core_changed(s->core)) {
		core_resync(s->core);
		s->settle_due = true;
		server_wake(s);
	}

	/* Hourly: forget idempotency keys older than a day. */
	if (now - s->purged_ms >= 3600 * 1000) {
		s->purged_ms = now;
		if (core_forget_keys(s->core, &cause) != 0) {
			server_logf(s, LOG_WARNING, "forgetting old keys: %s",
			    cause);
			free(cause);
		}
	}

	for (c = s->clients; c != NULL; c = next) {
		next = c->next;
		if (c->stalled_ms == 0 || c->dead)
			continue;
		if ((uint64_t)(now - c->stalled_ms) < s->limits.stall_ms)
			continue;
		server_logf(s, LOG_NOTICE, "dropped %s (uid %lld): it stopped "
		    "reading its events", c->name, (long long)c->actor.uid);
		server_client_lost(c);
	}
}

void
server_start(struct server *s)
{
	int64_t	next, wait;

	if (s->deadline.loop == NULL) {
		uv_timer_init(s->loop, &s->deadline);
		s->deadline.data = s;
		uv_timer_init(s->loop, &s->tick);
		s->tick.data = s;
		s->handles += 2;
		uv_timer_start(&s->tick, server_tick_cb, 1000, 1000);
		/* Catch up on what fell due while the daemon was down. */
		s->settle_due = true;
		server_wake(s);
	}
	next = core_next_deadline(s->core);
	if (next == 0) {
		uv_timer_stop(&s->deadline);
		return;
	}
	/* The loop's time lags after a long turn: timers start from it. */
	uv_update_time(s->loop);
	wait = next - core_now(s->core);
	/*
	 * Past due after a settle means the settle could not close it:
	 * retry each second rather than spin.
	 */
	if (wait <= 0)
		wait = s->deadline_retry ? 1000 : 0;
	if (wait > SERVER_DEADLINE_MAX_MS)
		wait = SERVER_DEADLINE_MAX_MS;
	uv_timer_start(&s->deadline, server_deadline_cb, (uint64_t)wait + 1,
	    0);
}

static void	server_accept_cb(uv_poll_t *, int, int);

static void
server_backoff_cb(uv_timer_t *t)
{
	struct server	*s = t->data;

	if (s->listen_fd != -1 && !s->stopping)
		uv_poll_start(&s->listen_poll, UV_READABLE, server_accept_cb);
}

static void
server_accept_cb(uv_poll_t *p, int status, int events)
{
	struct server	*s = p->data;
	char		*cause = NULL;
	int		 fd, e;

	for (;;) {
		fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd == -1) {
			e = errno;
			if (e == EINTR || e == ECONNABORTED)
				continue;
			if (e == EMFILE || e == ENFILE || e == ENOBUFS ||
			    e == ENOMEM) {
				/*
				 * Out of descriptors: the connection waits in
				 * the backlog while accept pauses, growing the
				 * pause, instead of spinning on it.
				 */
				s->backoff_ms = s->backoff_ms == 0 ?
				    SERVER_BACKOFF_MIN_MS : s->backoff_ms * 2;
				if (s->backoff_ms > SERVER_BACKOFF_MAX_MS)
					s->backoff_ms = SERVER_BACKOFF_MAX_MS;
				server_logf(s, LOG_WARNING, "accept: %s; "
				    "pausing for %llu ms", strerror(e),
				    (unsigned long long)s->backoff_ms);
				uv_poll_stop(&s->listen_poll);
				uv_timer_start(&s->backoff, server_backoff_cb,
				    s->backoff_ms, 0);
			} else if (e != EAGAIN && e != EWOULDBLOCK)
				server_logf(s, LOG_WARNING, "accept: %s",
				    strerror(e));
			return;
		}
		s->backoff_ms = 0;
		if (server_attach(s, fd, &cause) == 0)
			server_logf(s, LOG_DEBUG, "connection from %s (uid "
			    "%lld)", s->clients->name,
			    (long long)s->clients->actor.uid);
		else {
			server_logf(s, LOG_NOTICE, "refused a connection: %s",
			    cause);
			free(cause);
			cause = NULL;
		}
	}
}

int
server_listen(struct server *s, const char *path, char **cause)
{
	struct sockaddr_un	 sun;
	struct stat		 st;
	int			 fd, probe, error;

	MOOT_REQUIRE(s->mode == SERVER_DAEMON && s->listen_fd == -1);
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sun.sun_path)
		return (moot_fail(cause, -ENAMETOOLONG, "socket path %s is "
		    "longer than %zu bytes", path, sizeof sun.sun_path - 1));
	memcpy(sun.sun_path, path, strlen(path));

	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode))
			return (moot_fail(cause, -EEXIST, "%s exists and is "
			    "not a socket", path));
		/* A socket with a live server behind it is not stale. */
		probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (probe != -1 && connect(probe, (struct sockaddr *)&sun,
		    sizeof sun) == 0) {
			close(probe);
			return (moot_fail(cause, -EADDRINUSE, "another mootd "
			    "is listening on %s", path));
		}
		if (probe != -1)
			close(probe);
		if (unlink(path) == -1)
			return (moot_fail(cause, -errno, "%s: %s", path,
			    strerror(errno)));
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return (moot_fail(cause, -errno, "socket: %s",
		    strerror(errno)));
	if (bind(fd, (struct sockaddr *)&sun, sizeof sun) == -1 ||
	    chmod(path, 0666) == -1 || listen(fd, 128) == -1) {
		error = -errno;
		close(fd);
		return (moot_fail(cause, error, "%s: %s", path,
		    strerror(-error)));
	}
	s->listen_fd = fd;
	s->listen_path = xstrdup(path);
	uv_poll_init(s->loop, &s->listen_poll, fd);
	s->listen_poll.data = s;
	uv_timer_init(s->loop, &s->backoff);
	s->backoff.data = s;
	s->handles += 2;
	uv_poll_start(&s->listen_poll, UV_READABLE, server_accept_cb);
	return (0);
}

/* The last session is gone while stopping: tell the caller. */
static void
server_stop_check(struct server *s)
{
	void	(*fn)(struct server *, void *);

	if (!s->stopping || s->nclients != 0 || s->stopped == NULL)
		return;
	fn = s->stopped;
	s->stopped = NULL;
	fn(s, s->stopped_arg);
}

void
server_client_gone(struct server *s)
{
	server_stop_check(s);
}

void
server_stop(struct server *s, void (*done)(struct server *, void *),
    void *arg)
{
	struct server_client	*c, *next;

	s->stopping = true;
	s->stopped = done;
	s->stopped_arg = arg;
	server_unlisten(s);
	if (s->deadline.loop != NULL) {
		uv_timer_stop(&s->deadline);
		uv_timer_stop(&s->tick);
	}
	/* No new requests; those read are answered at the turn's end. */
	for (c = s->clients; c != NULL; c = next) {
		next = c->next;
		uv_read_stop((uv_stream_t *)&c->pipe);
		c->paused = true;
		/* A job ends soon, with an error: the stop stays bounded. */
		if (c->job != NULL)
			server_job_cancel(c->job);
		else if (c->nrequests == 0)
			server_client_hangup(c);
	}
	server_wake(s);
	server_stop_check(s);
}
