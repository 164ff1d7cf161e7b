/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The client library. A connection is a uv_pipe_t on a connected Unix
 * stream socket; replies are read into a buffer and split into lines.
 * Two kinds of line arrive: replies, which carry the "id" of a request,
 * and pushed events ({"event":{...}}, no id) after a subscribe. Anything
 * else is a protocol error.
 *
 * client_call() writes one request and runs the loop until the line with
 * its id arrives. Events that arrive while it waits are queued (never
 * taken for the reply) when a subscriber is set, else dropped;
 * client_run() hands the queue and then each new event to the
 * subscriber's callback, until client_stop() or the server hangs up.
 * Callbacks are never called from inside client_call(), so a callback
 * may itself make calls.
 *
 * The full-screen interface cannot wait: after client_watch() the
 * client is asynchronous. Every line is handled as it is read, on the
 * loop's turn: a reply goes to the callback its client_send() named
 * (matched by id, so any number may be in flight), an event to the
 * watcher, and a lost connection to the watcher's lost callback, once.
 * client_call() must not be used then (it would run the loop from
 * inside a callback).
 *
 * Two ways to reach a server, one protocol after them:
 *
 *   client_open_socket()    mootd's socket: socket, connect, hello
 *   client_open_embedded()  the server code in this process: open the
 *                           database, create a server on the same loop,
 *                           hand it one end of a socketpair; the kernel
 *                           reports this process's uid to it, exactly
 *                           as mootd would learn it
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "moot/core.h"
#include "moot/proto.h"
#include "moot/server.h"
#include "client.h"

struct client {
	uv_loop_t	*loop;
	uv_pipe_t	 pipe;
	bool		 open;
	bool		 eof;
	struct buf	 in;
	int64_t		 next_id;
	json_t		*hello;
	char		*code;

	/* Live events (client_subscribe). */
	client_event_cb	 event_cb;
	void		*event_arg;
	json_t		*pending;	/* events during a call */
	bool		 stop;

	struct core	*core;		/* embedded */
	struct server	*server;

	/* Asynchronous mode (client_watch). */
	bool		 async;
	client_lost_cb	 lost_cb;
	struct client_wait *waits;	/* requests awaiting replies */
};

/* A request sent with client_send() that has no reply yet. */
struct client_wait {
	int64_t			 id;
	client_reply_cb		 cb;
	void			*arg;
	struct client_wait	*next;
};

static void	client_async_lines(struct client *);
static void	client_async_lost(struct client *, const char *);

static void
client_alloc_cb(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct client	*c = h->data;

	buf_reserve(&c->in, 65536);
	b->base = c->in.data + c->in.len;
	b->len = c->in.size - c->in.len - 1;
}

static void
client_read_cb(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct client	*c = s->data;

	if (n < 0) {
		c->eof = true;
		uv_read_stop(s);
		if (c->async)
			client_async_lost(c, n == UV_EOF ? "the server closed "
			    "the connection" : uv_strerror((int)n));
		return;
	}
	c->in.len += (size_t)n;
	c->in.data[c->in.len] = '\0';
	if (c->async)
		client_async_lines(c);
}

static void
client_write_cb(uv_write_t *req, int status)
{
	free(req->data);
	free(req);
}

/* Take the next complete line out of the buffer, if any. Caller frees. */
static char *
client_line(struct client *c, size_t *len)
{
	char	*nl, *line;
	size_t	 n;

	if (c->in.len == 0 ||
	    (nl = memchr(c->in.data, '\n', c->in.len)) == NULL)
		return (NULL);
	n = (size_t)(nl - c->in.data);
	line = xstrndup(c->in.data, n);
	memmove(c->in.data, nl + 1, c->in.len - n - 1);
	c->in.len -= n + 1;
	c->in.data[c->in.len] = '\0';
	*len = n;
	return (line);
}

/* A line that is neither the awaited reply nor an event. */
static int
client_unexpected(struct client *c, char **cause)
{
	c->eof = true;
	uv_read_stop((uv_stream_t *)&c->pipe);
	return (moot_fail(cause, -EPROTO, "the server sent a line that is "
	    "neither an event nor the reply awaited (a protocol error)"));
}

/* Keep an event that came while a call waited, for client_run(). */
static void
client_queue(struct client *c, json_t *event)
{
	if (c->event_cb == NULL)
		return;
	if (c->pending == NULL)
		c->pending = json_array();
	json_array_append(c->pending, event);
}

/* Write one request line; returns its id, or a negative errno. */
static int64_t
client_write(struct client *c, const char *op, json_t *args, char **cause)
{
	uv_write_t	*req;
	uv_buf_t	 b;
	char		*line;
	size_t		 len;
	int64_t		 id;
	int		 error;

	if (c->eof)
		return (moot_fail(cause, -EPIPE, "the server hung up"));
	id = ++c->next_id;
	line = proto_request_encode(id, op, args, NULL, &len);
	req = xcalloc(1, sizeof *req);
	req->data = line;
	b = uv_buf_init(line, (unsigned int)len);
	if ((error = uv_write(req, (uv_stream_t *)&c->pipe, &b, 1,
	    client_write_cb)) != 0) {
		free(line);
		free(req);
		return (moot_fail(cause, error, "cannot send: %s",
		    uv_strerror(error)));
	}
	return (id);
}

int
client_call(struct client *c, const char *op, json_t *args, json_t **result,
    char **cause)
{
	struct proto_reply	 rep;
	char			*line;
	size_t			 len;
	int64_t			 id;
	int			 error;

	MOOT_REQUIRE(!c->async);
	*result = NULL;
	free(c->code);
	c->code = NULL;
	if ((id = client_write(c, op, args, cause)) < 0)
		return ((int)id);
	for (;;) {
		while ((line = client_line(c, &len)) != NULL) {
			error = proto_reply_parse(line, len, &rep, cause);
			free(line);
			if (error != 0)
				return (error);
			if (rep.event != NULL) {
				client_queue(c, rep.event);
				proto_reply_free(&rep);
				continue;
			}
			/* An error with no id answers a request the server
			 * could not read: ours, as only one is in flight. */
			if (rep.id != id && (rep.ok || rep.id != -1)) {
				proto_reply_free(&rep);
				return (client_unexpected(c, cause));
			}
			if (rep.ok) {
				*result = json_incref(rep.result != NULL ?
				    rep.result : json_object());
				error = 0;
			} else {
				c->code = xstrdup(rep.code);
				error = moot_fail(cause,
				    proto_code_errno(rep.code), "%s",
				    rep.message);
			}
			proto_reply_free(&rep);
			return (error);
		}
		if (c->eof)
			return (moot_fail(cause, -EPIPE,
			    "the server hung up before it replied"));
		uv_run(c->loop, UV_RUN_ONCE);
	}
}

const char *
client_last_code(struct client *c)
{
	return (c->code != NULL ? c->code : "");
}

json_t *
client_hello(struct client *c)
{
	return (c->hello);
}

static int
client_say_hello(struct client *c, char **cause)
{
	json_t	*args;
	int	 error;

	args = json_pack("{s:i,s:s}", "version", PROTO_VERSION, "client",
	    "moot");
	error = client_call(c, "hello", args, &c->hello, cause);
	json_decref(args);
	return (error);
}

static int64_t
client_fixed_clock(void *arg)
{
	return (*(const int64_t *)arg);
}

/*
 * Embedded mode only: $MOOT_EMBEDDED_NOW (seconds since the epoch) stops
 * the server's clock there, so that tests can open, run on and close
 * votes at chosen times (moot(1), ENVIRONMENT). The log's own rule that
 * time never runs back still holds.
 */
static void
client_clock(struct core *core)
{
	static int64_t	 now;
	const char	*env;
	char		*end;
	long long	 v;

	env = getenv("MOOT_EMBEDDED_NOW");
	if (env == NULL || *env == '\0')
		return;
	v = strtoll(env, &end, 10);
	if (*end != '\0' || v < 0 || v > INT64_MAX / 1000) {
		/* A test at the wrong time would pass for the wrong reason. */
		fprintf(stderr, "moot: MOOT_EMBEDDED_NOW=%s is not a number "
		    "of seconds since the epoch; using the real clock\n", env);
		return;
	}
	now = (int64_t)v * 1000;
	core_set_clock(core, client_fixed_clock, &now);
}

/* Serve the client side on connected fd (what names it) and say hello
 * (unless quiet: the caller says it, asynchronously). */
static int
client_start(struct client *c, int fd, const char *what, bool quiet,
    struct client **out, char **cause)
{
	int	error;

	uv_pipe_init(c->loop, &c->pipe, 0);
	c->pipe.data = c;
	c->open = true;
	if ((error = uv_pipe_open(&c->pipe, fd)) != 0) {
		close(fd);
		client_close(c);
		return (moot_fail(cause, error, "cannot use %s: %s", what,
		    uv_strerror(error)));
	}
	uv_read_start((uv_stream_t *)&c->pipe, client_alloc_cb,
	    client_read_cb);
	if (quiet) {
		c->async = true;
		*out = c;
		return (0);
	}
	if ((error = client_say_hello(c, cause)) != 0) {
		client_close(c);
		return (error);
	}
	*out = c;
	return (0);
}

/* Start the in-process server on core and connect to it. */
static int
client_embed(uv_loop_t *loop, struct core *core, const char *as,
    struct client **out, char **cause)
{
	struct client	*c;
	int		 fds[2], error;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == -1) {
		core_close(core);
		return (moot_fail(cause, -errno, "socketpair: %s",
		    strerror(errno)));
	}
	client_clock(core);
	c = xcalloc(1, sizeof *c);
	c->loop = loop;
	c->core = core;
	buf_init(&c->in);
	c->server = server_create(loop, core, SERVER_EMBEDDED);
	if (as != NULL &&
	    (error = server_set_identity(c->server, as, cause)) != 0) {
		close(fds[0]);
		close(fds[1]);
		client_close(c);
		return (error);
	}
	if ((error = server_attach(c->server, fds[0], cause)) != 0) {
		close(fds[1]);
		client_close(c);
		return (error);
	}
	return (client_start(c, fds[1], "the socketpair", false, out,
	    cause));
}

int
client_open_embedded(uv_loop_t *loop, const char *db, int flags,
    const char *as, struct client **out, char **cause)
{
	struct core	*core;
	int		 error;

	error = core_open(db, (flags & CLIENT_CREATE) ? CORE_CREATE : 0, &core,
	    cause);
	if (error != 0)
		return (error);
	return (client_embed(loop, core, as, out, cause));
}

int
client_open_demo(uv_loop_t *loop, const char *db, const char *as,
    struct client **out, char **cause)
{
	struct core	*core;
	struct actor	 me;
	json_t		*who;
	int		 error;

	if ((error = core_open(db, CORE_CREATE, &core, cause)) != 0)
		return (error);
	if ((error = client_embed(loop, core, as, out, cause)) != 0)
		return (error);
	/* The demo's leader is whoever runs it, as the server sees them. */
	who = client_hello(*out);
	me.uid = json_integer_value(json_object_get(who, "uid"));
	me.name = json_string_value(json_object_get(who, "name"));
	if (core_head(core, NULL) == 0 &&
	    (error = core_demo(core, &me, cause)) != 0) {
		client_close(*out);
		*out = NULL;
		return (error);
	}
	return (0);
}

/* Connect to mootd's socket at path (and say hello unless quiet). */
static int
client_connect(uv_loop_t *loop, const char *path, bool quiet,
    struct client **out, char **cause)
{
	struct sockaddr_un	 sun;
	struct client		*c;
	int			 fd, error;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sun.sun_path)
		return (moot_fail(cause, -ENAMETOOLONG, "cannot connect to "
		    "mootd at %s: a socket path may have at most %zu bytes",
		    path, sizeof sun.sun_path - 1));
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (moot_fail(cause, -errno, "socket: %s",
		    strerror(errno)));
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		error = -errno;
		close(fd);
		return (moot_fail(cause, error, "cannot connect to mootd at "
		    "%s: %s; is mootd running?", path, strerror(-error)));
	}
	c = xcalloc(1, sizeof *c);
	c->loop = loop;
	buf_init(&c->in);
	return (client_start(c, fd, path, quiet, out, cause));
}

int
client_open_socket(uv_loop_t *loop, const char *path, struct client **out,
    char **cause)
{
	return (client_connect(loop, path, false, out, cause));
}

int
client_reopen_socket(uv_loop_t *loop, const char *path, struct client **out,
    char **cause)
{
	return (client_connect(loop, path, true, out, cause));
}

struct server *
client_server(struct client *c)
{
	return (c->server);
}

int
client_subscribe(struct client *c, int64_t since, client_event_cb cb,
    void *arg, json_t **result, char **cause)
{
	json_t	*args;
	int	 error;

	c->event_cb = cb;
	c->event_arg = arg;
	args = json_pack("{s:I}", "since", (json_int_t)since);
	error = client_call(c, "subscribe", args, result, cause);
	json_decref(args);
	if (error != 0) {
		c->event_cb = NULL;
		c->event_arg = NULL;
	}
	return (error);
}

void
client_stop(struct client *c)
{
	c->stop = true;
}

int
client_run(struct client *c, char **cause)
{
	struct proto_reply	 rep;
	json_t			*ev;
	char			*line;
	size_t			 len;
	int			 error;

	for (;;) {
		while (!c->stop && c->pending != NULL &&
		    json_array_size(c->pending) != 0) {
			ev = json_incref(json_array_get(c->pending, 0));
			json_array_remove(c->pending, 0);
			c->event_cb(c->event_arg, ev);
			json_decref(ev);
		}
		while (!c->stop && (line = client_line(c, &len)) != NULL) {
			error = proto_reply_parse(line, len, &rep, cause);
			free(line);
			if (error != 0)
				return (error);
			if (rep.event == NULL) {
				proto_reply_free(&rep);
				return (client_unexpected(c, cause));
			}
			if (c->event_cb != NULL)
				c->event_cb(c->event_arg, rep.event);
			proto_reply_free(&rep);
		}
		if (c->stop) {
			c->stop = false;
			return (0);
		}
		if (c->eof)
			return (moot_fail(cause, -EPIPE, "the server closed "
			    "the connection"));
		uv_run(c->loop, UV_RUN_ONCE);
	}
}

void
client_watch(struct client *c, client_event_cb event_cb, client_lost_cb lost_cb,
    void *arg)
{
	c->async = true;
	c->event_cb = event_cb;
	c->lost_cb = lost_cb;
	c->event_arg = arg;
	/* Whatever came before is handled on the next read. */
	json_decref(c->pending);
	c->pending = NULL;
}

int64_t
client_send(struct client *c, const char *op, json_t *args, client_reply_cb cb,
    void *arg, char **cause)
{
	struct client_wait	*w, **pp;
	int64_t			 id;

	MOOT_REQUIRE(c->async);
	if ((id = client_write(c, op, args, cause)) < 0)
		return (id);
	w = xcalloc(1, sizeof *w);
	w->id = id;
	w->cb = cb;
	w->arg = arg;
	for (pp = &c->waits; *pp != NULL; pp = &(*pp)->next)
		continue;
	*pp = w;
	return (id);
}

size_t
client_waiting(struct client *c)
{
	struct client_wait	*w;
	size_t			 n = 0;

	for (w = c->waits; w != NULL; w = w->next)
		n++;
	return (n);
}

bool
client_lost(struct client *c)
{
	return (c->eof);
}

/* Take the wait for id off the list (-1: the oldest). Caller frees. */
static struct client_wait *
client_take_wait(struct client *c, int64_t id)
{
	struct client_wait	*w, **pp;

	for (pp = &c->waits; (w = *pp) != NULL; pp = &w->next) {
		if (w->id == id || id == -1) {
			*pp = w->next;
			return (w);
		}
	}
	return (NULL);
}

/*
 * The connection is gone: tell the watcher once. Requests still waiting
 * get no reply; their callbacks are dropped with them (the watcher
 * knows that everything in flight is lost).
 */
static void
client_async_lost(struct client *c, const char *why)
{
	struct client_wait	*w;
	client_lost_cb		 cb = c->lost_cb;

	c->eof = true;
	while ((w = c->waits) != NULL) {
		c->waits = w->next;
		free(w);
	}
	c->lost_cb = NULL;
	if (cb != NULL)
		cb(c->event_arg, why);
}

/* Handle every complete line read so far (asynchronous mode). */
static void
client_async_lines(struct client *c)
{
	struct proto_reply	 rep;
	struct client_wait	*w;
	char			*line, *cause = NULL;
	size_t			 len;

	while (!c->eof && (line = client_line(c, &len)) != NULL) {
		if (proto_reply_parse(line, len, &rep, &cause) != 0) {
			free(line);
			uv_read_stop((uv_stream_t *)&c->pipe);
			client_async_lost(c, cause);
			free(cause);
			return;
		}
		free(line);
		if (rep.event != NULL) {
			if (c->event_cb != NULL)
				c->event_cb(c->event_arg, rep.event);
		} else if ((w = client_take_wait(c, rep.id)) != NULL) {
			w->cb(w->arg, rep.ok ? (rep.result != NULL ?
			    rep.result : json_object()) : NULL,
			    rep.ok ? NULL : rep.code,
			    rep.ok ? NULL : rep.message);
			free(w);
		}
		proto_reply_free(&rep);
	}
}

static void
client_close_cb(uv_handle_t *h)
{
}

static void
client_discard_cb(uv_handle_t *h)
{
	struct client	*c = h->data;

	buf_free(&c->in);
	free(c);
}

void
client_discard(struct client *c)
{
	if (c == NULL)
		return;
	MOOT_REQUIRE(c->server == NULL && c->core == NULL);
	c->lost_cb = NULL;
	client_async_lost(c, NULL);
	json_decref(c->hello);
	json_decref(c->pending);
	free(c->code);
	if (c->open)
		uv_close((uv_handle_t *)&c->pipe, client_discard_cb);
	else {
		buf_free(&c->in);
		free(c);
	}
}

void
client_close(struct client *c)
{
	if (c == NULL)
		return;
	if (c->open)
		uv_close((uv_handle_t *)&c->pipe, client_close_cb);
	server_free(c->server);
	/* Let every close callback run before the core goes. */
	uv_run(c->loop, UV_RUN_DEFAULT);
	core_close(c->core);
	c->lost_cb = NULL;
	client_async_lost(c, NULL);
	json_decref(c->hello);
	json_decref(c->pending);
	buf_free(&c->in);
	free(c->code);
	free(c);
}
