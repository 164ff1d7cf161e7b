/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The server: client sessions over connected Unix stream sockets, the
 * peer identity the kernel reports, and the dispatch of protocol requests
 * to the core. mootd runs it on its listening socket; moot runs the very
 * same code in-process (embedded mode) on one end of a socketpair.
 */
#ifndef MOOT_SERVER_H
#define MOOT_SERVER_H

#include <uv.h>

#include "moot/core.h"

enum server_mode {
	SERVER_EMBEDDED,
	SERVER_DAEMON,
};

struct server;
struct server_client;

/* Create a server for core on loop. The core stays the caller's. */
struct server	*server_create(uv_loop_t *, struct core *, enum server_mode);
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

/* server-ops.c: handle one request line; returns the reply line. */
char		*server_ops_dispatch(struct server_client *, const char *,
		     size_t, size_t *, bool *);

/* server-client.c: what ops need of a session. */
const struct actor *server_client_actor(struct server_client *);
struct server	*server_client_server(struct server_client *);
bool		 server_client_hello(struct server_client *);
void		 server_client_set_hello(struct server_client *);

#endif
