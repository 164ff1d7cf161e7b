/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hash-chained event log of moot-log(5): appending an event, redacting
 * a body, and the head file.
 */
#ifndef MOOT_LOG_H
#define MOOT_LOG_H

#include "moot/core.h"
#include "moot/event.h"

/*
 * Append event ev with body (canonical JSON of body) after the event
 * whose hash is prev; stores the new hash in hash. The caller holds the
 * transaction. Returns 0 or a negative errno with *cause.
 */
int	log_append(struct store *, const struct event *, const json_t *,
	    const unsigned char *, unsigned char *, char **);
/* Replace the body of target with NULL, redacted by event `by`. */
int	log_redact(struct store *, int64_t, int64_t, char **);
/* The last seq (0 when empty) and its hash (zeros when empty). */
int64_t	log_last(struct store *, unsigned char *);
/* The body of seq as a new JSON object (NULL if redacted). */
int	log_body(struct store *, int64_t, json_t **, int64_t *, char **);

/* Write "moot-head-v1 SEQ HASH\n" to path atomically (rename). */
int	log_head_write(const char *, int64_t, const unsigned char *,
	    char **);
/* Read a head file. Returns 0, -ENOENT if missing, -EINVAL if bad. */
int	log_head_read(const char *, int64_t *, char *, char **);

#endif
