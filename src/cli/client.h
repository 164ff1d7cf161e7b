/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The client library: one connection to a server, embedded (the server
 * code runs in this process, on the other end of a socketpair) or
 * mootd's socket. Requests are synchronous for the CLI: the library runs
 * the loop until the reply arrives. Live events: client_subscribe(), then
 * client_run() until client_stop() or the server hangs up.
 */
#ifndef MOOT_CLIENT_H
#define MOOT_CLIENT_H

#include <jansson.h>
#include <uv.h>

#include "moot/util.h"

struct client;

#define CLIENT_CREATE	0x1	/* embedded: create the database (init) */

/* Open an embedded server on db and say hello. `as` (or NULL) is the
 * embedded identity override (MOOT_EMBEDDED_AS). */
int		 client_open_embedded(uv_loop_t *, const char *, int,
		     const char *, struct client **, char **);
/* Build the demo community in db (embedded), then open it. */
int		 client_open_demo(uv_loop_t *, const char *, const char *,
		     struct client **, char **);
/* Connect to mootd's socket at path and say hello. The error names the
 * path and asks whether mootd runs. */
int		 client_open_socket(uv_loop_t *, const char *,
		     struct client **, char **);
void		 client_close(struct client *);

/*
 * Send op with args (borrowed; NULL for none) and wait for the reply.
 * Returns 0 and *result (caller frees), or a negative errno for the
 * error code with *cause the server's sentence.
 */
int		 client_call(struct client *, const char *, json_t *,
		     json_t **, char **);
/* The server's hello: mode, uid, name. Borrowed. */
json_t		*client_hello(struct client *);
/* The error code of the last failed call ("forbidden", ...). */
const char	*client_last_code(struct client *);

/* Called with each pushed event (a log event object, borrowed). */
typedef void	(*client_event_cb)(void *, json_t *);
/*
 * Subscribe to the events after seq since: the server sends each of them
 * in order, then every new one as it commits. Returns 0 with *result the
 * reply ({"head":H,"since":S}; caller frees). Events are given to cb only
 * inside client_run(); those that come while a later client_call() waits
 * are kept for it.
 */
int		 client_subscribe(struct client *, int64_t, client_event_cb,
		     void *, json_t **, char **);
/*
 * Run the loop, giving each event to the subscriber, until client_stop()
 * (returns 0) or the connection closes (-EPIPE) or the server sends
 * something that is neither an event nor a reply (-EPROTO).
 */
int		 client_run(struct client *, char **);
/* Make client_run() return once the current callback is done (at once,
 * if it is called before client_run()). */
void		 client_stop(struct client *);

/*
 * Asynchronous use (the full-screen interface). After client_watch(),
 * replies and events are handled as they are read, on the loop: each
 * event goes to event_cb, each reply to the callback of its request, and
 * a lost connection to lost_cb (once, with a sentence; the requests in
 * flight then get no reply). client_call() and client_run() must not be
 * used any more.
 */
typedef void	(*client_lost_cb)(void *, const char *);
/* A reply: result (borrowed) on success, else NULL with the error's code
 * and sentence (borrowed). */
typedef void	(*client_reply_cb)(void *, json_t *, const char *,
		     const char *);
void		 client_watch(struct client *, client_event_cb,
		     client_lost_cb, void *);
/* Send op with args (borrowed; NULL for none); cb gets the reply. Returns
 * the request's id, or a negative errno with *cause. */
int64_t		 client_send(struct client *, const char *, json_t *,
		     client_reply_cb, void *, char **);
/* Requests sent and not answered yet. */
size_t		 client_waiting(struct client *);
/* Whether the connection is gone. */
bool		 client_lost(struct client *);
/* Connect to mootd's socket without saying hello: the caller sends it
 * with client_send() (a reconnection from inside the loop). */
int		 client_reopen_socket(uv_loop_t *, const char *,
		     struct client **, char **);
/* Close a connection to mootd from inside the loop (a lost one, before
 * reconnecting): freed when its handle is closed. */
void		 client_discard(struct client *);
/* The in-process server (embedded mode), or NULL. */
struct server	*client_server(struct client *);

#endif
