/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The server: client sessions over connected Unix stream sockets, the
 * peer identity the kernel reports, and the dispatch of protocol requests
 * to the core. mootd runs it on its listening socket; moot runs the very
 * same code in-process (embedded mode) on one end of a socketpair.
 */
#ifndef MOOT_SERVER_H
#define MOOT_SERVER_H

#include <stdint.h>

#include <uv.h>

#include "moot/core.h"

enum server_mode {
	SERVER_EMBEDDED,
	SERVER_DAEMON,
};

struct server;
struct server_client;

/*
 * The limits of moot.conf's [limits] (moot.conf(5)). Embedded mode keeps
 * only max_line: the caller is its only client.
 */
struct server_limits {
	size_t		 max_line;	/* longest request line */
	int		 rate;		/* requests per second per uid */
	int		 max_inflight;	/* queued requests per client */
	size_t		 output_buffer;	/* unsent bytes before a drop */
	uint64_t	 stall_ms;	/* a subscriber lagging this long goes */
};

/* Where the server says what happened (syslog(3) priorities). */
typedef void	 server_log_fn(int, const char *);

/* Create a server for core on loop. The core stays the caller's. */
struct server	*server_create(uv_loop_t *, struct core *, enum server_mode);
void		 server_set_limits(struct server *,
		     const struct server_limits *);
void		 server_set_log(struct server *, server_log_fn *);

/*
 * mootd: listen on a Unix socket at path (a stale socket is replaced;
 * one with a live server behind it is an error), mode 0666 (the kernel
 * says who connects). Returns 0 or a negative errno with *cause.
 */
int		 server_listen(struct server *, const char *, char **);
/*
 * Catch up on what fell due (mootd: while it was down), and keep a timer
 * for the next deadline. mootd calls it at start; an embedded server
 * that lives as long as a full-screen session calls it too, so that its
 * votes close on time while it runs.
 */
void		 server_start(struct server *);
/*
 * Stop: close the listener, stop reading, answer what was read, flush,
 * close every session; then call done. The caller bounds the time.
 */
void		 server_stop(struct server *, void (*)(struct server *, void *),
		     void *);
/* Close every client; the server is freed once their handles close. */
void		 server_free(struct server *);
enum server_mode server_mode(struct server *);
struct core	*server_core(struct server *);

/*
 * Embedded mode only: act as this login name instead of the peer's uid.
 * The caller owns the database file outright in embedded mode, so this
 * grants nothing a direct write could not; mootd never calls it. Returns
 * 0 or -ENOENT if there is no such user.
 */
int		 server_set_identity(struct server *, const char *, char **);

/*
 * Serve a connected stream socket fd (the server takes it over). The
 * peer is identified from SO_PEERCRED now, before any request. Returns
 * 0 or a negative errno with *cause (the fd is closed then).
 */
int		 server_attach(struct server *, int, char **);

/* server-client.c: what ops need of a session. */
const struct actor *server_client_actor(struct server_client *);
struct server	*server_client_server(struct server_client *);
bool		 server_client_hello(struct server_client *);
void		 server_client_set_hello(struct server_client *);

#endif
