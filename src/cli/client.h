/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The client library: one connection to a server, embedded (the server
 * code runs in this process, on the other end of a socketpair) or, later,
 * a daemon's socket. Requests are synchronous for the CLI: the library
 * runs the loop until the reply arrives.
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

#endif
