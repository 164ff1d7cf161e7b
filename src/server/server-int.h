/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server's private structures, shared by src/server/ only. */
#ifndef MOOT_SERVER_INT_H
#define MOOT_SERVER_INT_H

#include "moot/core.h"
#include "moot/proto.h"
#include "moot/server.h"

struct server {
	uv_loop_t		*loop;
	struct core		*core;
	enum server_mode	 mode;
	size_t			 max_line;

	char			*as_name;	/* embedded identity override */
	int64_t			 as_uid;

	struct server_client	*clients;
	size_t			 nclients;
	bool			 dying;
};

/*
 * A client session.
 *
 *	attached --hello--> ready --EOF/error/fatal reply--> dead
 *	    |                                                  |
 *	    +------------------ EOF/error -------------------->+
 *	dead: handle closing; freed in the close callback, never in the
 *	callback that found it dead.
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
	uv_shutdown_t		 shutdown;
	size_t			 queued;	/* bytes written, not yet sent */
	struct server_client	*next;
	struct server_client	*prev;
};

/* server.c */
void	server_maybe_free(struct server *);
/* Close, extend and apply what has fallen due (core_settle()). */
void	server_settle(struct server *, int64_t);

/* server-client.c */
void	server_client_lost(struct server_client *);

#endif
