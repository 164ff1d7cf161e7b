/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Client sessions: one per connected stream socket. A session learns its
 * member from the kernel (SO_PEERCRED) when it is attached, before it
 * reads a byte; nothing a client sends can change who it is. It splits
 * what it reads into lines, hands each to the dispatcher and writes the
 * reply. Teardown is two-phase: a lost session is marked dead and its
 * handle closed; the memory goes in the close callback, or, when a job
 * of the session is still on the thread pool, in the job's after-work
 * callback (server-job.c), whichever comes last.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <syslog.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server-int.h"

struct server_client_write {
	uv_write_t		 req;
	struct server_client	*client;
	char			*data;
	size_t			 len;
};

/* The uid reported for ids a user namespace cannot map. */
static uid_t
server_client_overflow_uid(void)
{
	FILE	*f;
	long	 v = 65534;

	f = fopen("/proc/sys/kernel/overflowuid", "re");
	if (f != NULL) {
		if (fscanf(f, "%ld", &v) != 1)
			v = 65534;
		fclose(f);
	}
	return ((uid_t)v);
}

/* Who is on the other end of fd, from the kernel. */
static int
server_client_identify(struct server *s, int fd, struct server_client *c,
    char **cause)
{
	struct ucred	 cred;
	struct passwd	 pw, *res = NULL;
	socklen_t	 len = sizeof cred;
	char		 buf[4096];

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1 ||
	    len != sizeof cred)
		return (moot_fail(cause, -EACCES,
		    "the kernel gave no credentials for this connection"));
	if (cred.uid == server_client_overflow_uid())
		return (moot_fail(cause, -EACCES,
		    "connection from a uid outside this user namespace"));
	if (s->mode == SERVER_EMBEDDED && s->as_name != NULL) {
		c->actor.uid = s->as_uid;
		snprintf(c->name, sizeof c->name, "%s", s->as_name);
	} else {
		if (getpwuid_r(cred.uid, &pw, buf, sizeof buf, &res) != 0 ||
		    res == NULL)
			return (moot_fail(cause, -EACCES,
			    "uid %u has no login name on this system",
			    (unsigned)cred.uid));
		c->actor.uid = cred.uid;
		snprintf(c->name, sizeof c->name, "%s", pw.pw_name);
	}
	c->actor.name = c->name;
	return (0);
}

void
server_client_free(struct server_client *c)
{
	struct server	*s = c->server;

	if (!c->closed || c->job != NULL)
		return;
	buf_free(&c->in);
	free(c->requests);
	free(c);
	s->nclients--;
	server_client_gone(s);
	server_maybe_free(s);
}

/* The handle is closed: the session goes, once no job holds it. */
static void
server_client_close_cb(uv_handle_t *h)
{
	struct server_client	*c = h->data;

	c->closed = true;
	server_client_free(c);
}

void
server_client_lost(struct server_client *c)
{
	struct server	*s = c->server;
	size_t		 i;

	if (c->dead)
		return;
	c->dead = true;
	/* Its result has nobody to go to: stop it soon, drop it then. */
	if (c->job != NULL)
		server_job_cancel(c->job);
	for (i = 0; i < c->nrequests; i++)
		free(c->requests[i].line);
	s->pending -= c->nrequests;
	c->nrequests = 0;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		s->clients = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	uv_read_stop((uv_stream_t *)&c->pipe);
	uv_close((uv_handle_t *)&c->pipe, server_client_close_cb);
}

static void
server_client_write_cb(uv_write_t *req, int status)
{
	struct server_client_write	*w = req->data;
	struct server_client		*c = w->client;

	c->queued -= w->len;
	free(w->data);
	free(w);
	if (status != 0)
		server_client_lost(c);
	else if (c->subscribed && !c->dead)
		server_client_push(c);
}

/*
 * Queue line (which the session takes over) for writing. A client whose
 * unsent output would pass the cap is dropped: it is not reading, and
 * the daemon's memory must not grow for it.
 */
void
server_client_write(struct server_client *c, char *line, size_t len)
{
	struct server_client_write	*w;
	uv_buf_t			 b;

	if (c->dead) {
		free(line);
		return;
	}
	/* One big reply to a client that reads is fine; a backlog is not. */
	if (c->server->mode == SERVER_DAEMON && c->queued != 0 &&
	    c->queued + len > c->server->limits.output_buffer) {
		server_logf(c->server, LOG_NOTICE, "dropped %s (uid %lld): "
		    "%zu bytes unread", c->name, (long long)c->actor.uid,
		    c->queued);
		free(line);
		server_client_lost(c);
		return;
	}
	w = xcalloc(1, sizeof *w);
	w->client = c;
	w->data = line;
	w->len = len;
	w->req.data = w;
	b = uv_buf_init(line, (unsigned int)len);
	c->queued += len;
	if (uv_write(&w->req, (uv_stream_t *)&c->pipe, &b, 1,
	    server_client_write_cb) != 0) {
		c->queued -= len;
		free(line);
		free(w);
		server_client_lost(c);
	}
}

static void
server_client_shutdown_cb(uv_shutdown_t *req, int status)
{
	server_client_lost(req->data);
}

/* Say no more: stop reading, flush what is queued, then close. */
void
server_client_hangup(struct server_client *c)
{
	if (c->dead || c->closing)
		return;
	c->closing = true;
	uv_read_stop((uv_stream_t *)&c->pipe);
	c->in.len = 0;
	c->shutdown.data = c;
	if (uv_shutdown(&c->shutdown, (uv_stream_t *)&c->pipe,
	    server_client_shutdown_cb) != 0)
		server_client_lost(c);
}

static void	server_client_read_cb(uv_stream_t *, ssize_t,
		    const uv_buf_t *);

static void
server_client_alloc_cb(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct server_client	*c = h->data;

	buf_reserve(&c->in, 65536);
	b->base = c->in.data + c->in.len;
	b->len = c->in.size - c->in.len - 1;
}

static void	server_client_lines(struct server_client *);

/* Queue a request line for the end of the loop turn. */
static void
server_client_queue(struct server_client *c, const char *line, size_t len)
{
	struct server	*s = c->server;

	if (c->nrequests == c->srequests) {
		c->srequests = c->srequests == 0 ? 8 : c->srequests * 2;
		c->requests = xreallocarray(c->requests, c->srequests,
		    sizeof *c->requests);
	}
	c->requests[c->nrequests].line = xstrndup(line, len);
	c->requests[c->nrequests].len = len;
	c->nrequests++;
	s->pending++;
	server_wake(s);
	/* In-flight cap: pause reading; resumed at half (resume()). */
	if (!c->paused && c->nrequests >= (size_t)s->limits.max_inflight) {
		uv_read_stop((uv_stream_t *)&c->pipe);
		c->paused = true;
	}
}

void
server_client_resume(struct server_client *c)
{
	struct server	*s = c->server;

	if (!c->paused || c->dead || c->closing || c->too_long ||
	    s->stopping ||
	    c->nrequests > (size_t)s->limits.max_inflight / 2)
		return;
	c->paused = false;
	uv_read_start((uv_stream_t *)&c->pipe, server_client_alloc_cb,
	    server_client_read_cb);
	/* Lines read before the pause wait in the buffer: queue them now. */
	server_client_lines(c);
}

/*
 * Queue every complete line in the input buffer (all of them while
 * reading is paused stay in the buffer). Only the unfinished last line
 * is held to max_line: complete lines waiting their turn are not.
 */
static void
server_client_lines(struct server_client *c)
{
	char	*nl, *line, *last;
	size_t	 off = 0, len, tail;

	if (c->in.data == NULL)		/* idle: no buffer at all */
		return;
	while (!c->dead && !c->paused && !c->too_long &&
	    (nl = memchr(c->in.data + off, '\n', c->in.len - off)) != NULL) {
		line = c->in.data + off;
		len = (size_t)(nl - line);
		off += len + 1;
		if (len == 0)
			continue;
		if (len > c->server->limits.max_line)
			goto toolong;
		server_client_queue(c, line, len);
	}
	if (off != 0 && !c->dead) {
		memmove(c->in.data, c->in.data + off, c->in.len - off);
		c->in.len -= off;
		c->in.data[c->in.len] = '\0';
	}
	if (c->dead || c->too_long)
		return;
	/* An idle session holds no read buffer (DESIGN: <= 64 KiB each). */
	if (c->in.len == 0 && c->in.data != NULL) {
		buf_free(&c->in);
		buf_init(&c->in);
		return;
	}
	last = c->in.len == 0 ? NULL : memrchr(c->in.data, '\n', c->in.len);
	tail = last == NULL ? c->in.len : c->in.len -
	    (size_t)(last + 1 - c->in.data);
	if (tail > c->server->limits.max_line)
		goto toolong;
	return;

toolong:
	/*
	 * An over-long line ends the session, however it came: the
	 * requests before it are answered first, then too_large.
	 */
	c->too_long = true;
	c->in.len = 0;
	uv_read_stop((uv_stream_t *)&c->pipe);
	server_wake(c->server);
}

void
server_client_push(struct server_client *c)
{
	struct server	*s = c->server;
	json_t		*args, *r, *ev;
	char		*line, *cause = NULL;
	size_t		 i, len, low;
	int64_t		 head;

	if (!c->subscribed || c->dead || c->closing)
		return;
	head = core_head(s->core, NULL);
	low = s->limits.output_buffer / 2;
	while (c->cursor < head && c->queued < low) {
		/* The log query: what this member may see of each event. */
		args = json_pack("{s:I,s:i}", "since", (json_int_t)c->cursor,
		    "limit", 64);
		r = NULL;
		if (query_log(s->core, &c->actor, args, &r, &cause) != 0) {
			json_decref(args);
			server_logf(s, LOG_WARNING, "push to %s: %s", c->name,
			    cause);
			free(cause);
			server_client_lost(c);
			return;
		}
		json_decref(args);
		if (json_array_size(json_object_get(r, "events")) == 0) {
			json_decref(r);
			break;
		}
		json_array_foreach(json_object_get(r, "events"), i, ev) {
			/* Stop at the mark; the rest comes as it reads. */
			if (c->queued >= low)
				break;
			line = proto_event_encode(ev, &len);
			c->cursor = json_integer_value(json_object_get(ev,
			    "seq"));
			server_client_write(c, line, len);
			if (c->dead) {
				json_decref(r);
				return;
			}
		}
		json_decref(r);
	}
	/* Behind and not reading: the tick drops it after stall_ms. */
	if (c->cursor < head && c->queued >= low) {
		if (c->stalled_ms == 0)
			c->stalled_ms = moot_now_ms();
	} else
		c->stalled_ms = 0;
}

static void
server_client_read_cb(uv_stream_t *stream, ssize_t n, const uv_buf_t *b)
{
	struct server_client	*c = stream->data;

	if (n < 0) {
		server_client_lost(c);
		return;
	}
	if (c->closing)
		return;
	c->in.len += (size_t)n;
	c->in.data[c->in.len] = '\0';
	server_client_lines(c);
}

int
server_attach(struct server *s, int fd, char **cause)
{
	struct server_client	*c;
	int			 error;

	c = xcalloc(1, sizeof *c);
	c->server = s;
	buf_init(&c->in);
	if ((error = server_client_identify(s, fd, c, cause)) != 0) {
		close(fd);
		free(c);
		return (error);
	}
	uv_pipe_init(s->loop, &c->pipe, 0);
	c->pipe.data = c;
	if ((error = uv_pipe_open(&c->pipe, fd)) != 0) {
		close(fd);
		moot_fail(cause, error, "cannot serve socket: %s",
		    uv_strerror(error));
		s->nclients++;
		c->dead = true;
		uv_close((uv_handle_t *)&c->pipe, server_client_close_cb);
		return (error);
	}
	c->next = s->clients;
	if (s->clients != NULL)
		s->clients->prev = c;
	s->clients = c;
	s->nclients++;
	uv_read_start((uv_stream_t *)&c->pipe, server_client_alloc_cb,
	    server_client_read_cb);
	return (0);
}

const struct actor *
server_client_actor(struct server_client *c)
{
	return (&c->actor);
}

struct server *
server_client_server(struct server_client *c)
{
	return (c->server);
}

bool
server_client_hello(struct server_client *c)
{
	return (c->hello);
}

void
server_client_set_hello(struct server_client *c)
{
	c->hello = true;
}
