/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The server object: the core it serves, the mode (embedded or daemon)
 * and the list of client sessions (server-client.c). It owns no socket
 * of its own here; mootd adds the listener and moot's embedded mode hands
 * it one end of a socketpair.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "moot/server.h"
#include "server-int.h"

struct server *
server_create(uv_loop_t *loop, struct core *core, enum server_mode mode)
{
	struct server	*s;

	s = xcalloc(1, sizeof *s);
	s->loop = loop;
	s->core = core;
	s->mode = mode;
	s->max_line = PROTO_MAX_LINE;
	return (s);
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
	s->dying = true;
	server_maybe_free(s);
}

/* Free the server once it is dying and its last client is gone. */
void
server_maybe_free(struct server *s)
{
	if (!s->dying || s->nclients != 0)
		return;
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

void
server_settle(struct server *s, int64_t hint)
{
	char	*cause = NULL;

	/*
	 * What falls due is moot's own work, not the requester's: a failure
	 * here is retried at the next write or hello and never fails this one.
	 */
	if (core_settle(s->core, hint, &cause) < 0)
		free(cause);
}
