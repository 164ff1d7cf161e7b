/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The wire protocol (moot-protocol(7)): newline-delimited JSON over a
 * Unix stream socket. This module only encodes and decodes; the server
 * dispatches and the client library waits.
 */
#ifndef MOOT_PROTO_H
#define MOOT_PROTO_H

#include <jansson.h>

#include "moot/util.h"

#define PROTO_VERSION	1
#define PROTO_MAX_LINE	(1024 * 1024)	/* default, moot.conf max_line */

/* A decoded request. root owns the rest. */
struct proto_request {
	json_t		*root;
	int64_t		 id;
	const char	*op;
	json_t		*args;		/* always an object */
	const char	*key;		/* idempotency key or NULL */
};

/* A decoded reply or pushed event. root owns the rest. */
struct proto_reply {
	json_t		*root;
	int64_t		 id;
	bool		 ok;
	json_t		*result;	/* ok replies */
	const char	*code;		/* errors */
	const char	*message;
	json_t		*event;		/* pushed {"event":...} lines */
};

/* Decode one line (without its newline). On failure *cause is the
 * message and *id the request id if one could be read (else -1). */
int		 proto_request_parse(const char *, size_t,
		     struct proto_request *, int64_t *, char **);
void		 proto_request_free(struct proto_request *);
int		 proto_reply_parse(const char *, size_t, struct proto_reply *,
		     char **);
void		 proto_reply_free(struct proto_reply *);

/* Encode a line, newline included. Caller frees. */
char		*proto_request_encode(int64_t, const char *, json_t *,
		     const char *, size_t *);
char		*proto_reply_ok(int64_t, json_t *, size_t *);
/* {"event":EVENT}: a pushed event (a log event object). */
char		*proto_event_encode(json_t *, size_t *);
char		*proto_reply_error(int64_t, const char *, const char *,
		     size_t *);

/* The error code of a negative errno ("forbidden", "not_found", ...). */
const char	*proto_code(int);
/* The negative errno of an error code (-EIO for unknown ones). */
int		 proto_code_errno(const char *);

#endif
