/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Small helpers every part of moot uses: allocation that never returns
 * NULL, the invariant check, a growable byte buffer, and the error
 * convention (0 or a negative errno; a "char **cause" sentence the caller
 * frees when a person needs the reason).
 */
#ifndef MOOT_UTIL_H
#define MOOT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Tier 1: a broken invariant is a bug; abort naming file and line. */
#define MOOT_REQUIRE(x) do {						\
	if (!(x))							\
		moot_require_failed(__FILE__, __LINE__, #x);		\
} while (0)

#define MOOT_NITEMS(a) (sizeof(a) / sizeof((a)[0]))

#ifdef __GNUC__
#define MOOT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define MOOT_NORETURN __attribute__((noreturn))
#else
#define MOOT_PRINTF(f, a)
#define MOOT_NORETURN
#endif

void	moot_require_failed(const char *, int, const char *) MOOT_NORETURN;

/* Tier 2: out of memory aborts; these never return NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) MOOT_PRINTF(1, 2);
char	*xvasprintf(const char *, va_list) MOOT_PRINTF(1, 0);

/*
 * Tier 3: an expected failure. Set *cause (if cause is not NULL) to a new
 * sentence and return err, a negative errno. Caller frees *cause.
 */
int	 moot_fail(char **cause, int err, const char *fmt, ...)
	     MOOT_PRINTF(3, 4);

/* A growable byte buffer; always NUL-terminated after the data. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 size;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_reserve(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
void	 buf_addf(struct buf *, const char *, ...) MOOT_PRINTF(2, 3);
/* Hand the data to the caller (who frees it) and reset the buffer. */
char	*buf_steal(struct buf *, size_t *);

/* Milliseconds since the epoch, UTC. */
int64_t	 moot_now_ms(void);
/* A span of milliseconds as a person says it: "2d 3h", "45m", "30s". */
void	 moot_span(int64_t, char *, size_t);
/*
 * A length of time as members type it, a number and m, h, d or w ("7d",
 * "36h"), in ms; -1 when it is not one.
 */
int64_t	 moot_parse_span(const char *);
/* A time (ms) as "2026-12-01 14:30 UTC", for sentences from the core. */
void	 moot_utc(int64_t, char *, size_t);

/* Lower-case hex of n bytes into out (2n + 1 bytes with the NUL). */
void	 moot_hex(const unsigned char *, size_t, char *);

#endif
