/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Canonical JSON (moot-log(5)) and the hashes of the event log.
 */
#ifndef MOOT_CANON_H
#define MOOT_CANON_H

#include <jansson.h>

#include "moot/util.h"

#define CANON_HASH_LEN	32
#define CANON_HEX_LEN	64
#define CANON_INT_MAX	9007199254740991LL	/* 2^53 - 1 */
#define CANON_PREFIX	"moot-event-v1\n"

/*
 * Append the canonical form of v to out: sorted keys, no white space,
 * minimal escapes, integers only. Returns 0, or -EINVAL (with *cause) for
 * a real number or an integer outside +-(2^53 - 1).
 */
int	 canon_dump(const json_t *, struct buf *, char **);

/* SHA-256 of data into out. */
void	 canon_sha256(const void *, size_t, unsigned char *);
/* SHA-256 of data as 64 lower-case hex digits and a NUL. */
void	 canon_sha256_hex(const void *, size_t, char *);
/* An event's hash: SHA-256("moot-event-v1\n" || canon). */
void	 canon_event_hash(const void *, size_t, unsigned char *);

/*
 * The fields of an event's canon, parsed strictly: the keys in canonical
 * order, nothing more, strings in canonical escapes. The string fields
 * point into the canon (still escaped); the lengths exclude the quotes.
 */
struct canon_event {
	int64_t		 v;
	int64_t		 seq;
	int64_t		 ts;
	int64_t		 uid;
	const char	*name;
	size_t		 name_len;
	const char	*type;
	size_t		 type_len;
	const char	*ref;
	size_t		 ref_len;
	const char	*body_sha256;	/* 64 hex digits */
	const char	*prev;		/* 64 hex digits */
};

/* Parse an event canon. Returns 0 or -EINVAL with *cause saying why. */
int	 canon_event_parse(const char *, size_t, struct canon_event *,
	     char **);

/* A new C string from a canonical JSON string's escaped contents. */
char	*canon_unescape(const char *, size_t);

#endif
