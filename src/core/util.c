/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The helpers of util.h: allocation wrappers that abort on exhaustion,
 * the invariant failure report, moot_fail() for tier-3 errors and the
 * growable buffer used by the codecs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "moot/util.h"

void
moot_require_failed(const char *file, int line, const char *expr)
{
	fprintf(stderr, "moot: %s:%d: invariant failed: %s\n", file, line,
	    expr);
	abort();
}

static void MOOT_NORETURN
util_oom(size_t n)
{
	fprintf(stderr, "moot: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p;

	p = malloc(n == 0 ? 1 : n);
	if (p == NULL)
		util_oom(n);
	return (p);
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (p == NULL)
		util_oom(n * size);
	return (p);
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		util_oom(SIZE_MAX);
	p = realloc(old, n * size == 0 ? 1 : n * size);
	if (p == NULL)
		util_oom(n * size);
	return (p);
}

char *
xstrdup(const char *s)
{
	return (xstrndup(s, strlen(s)));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1)
		util_oom(strlen(fmt));
	return (s);
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return (s);
}

int
moot_fail(char **cause, int err, const char *fmt, ...)
{
	va_list	ap;

	MOOT_REQUIRE(err < 0);
	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return (err);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->size = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t n)
{
	size_t	want;

	if (b->len + n + 1 <= b->size)
		return;
	want = b->size == 0 ? 64 : b->size;
	while (want < b->len + n + 1)
		want *= 2;
	b->data = xreallocarray(b->data, want, 1);
	b->size = want;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, s);
	free(s);
}

char *
buf_steal(struct buf *b, size_t *len)
{
	char	*p;

	buf_reserve(b, 0);
	b->data[b->len] = '\0';
	p = b->data;
	if (len != NULL)
		*len = b->len;
	buf_init(b);
	return (p);
}

int64_t
moot_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

void
moot_hex(const unsigned char *p, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0xf];
	}
	out[2 * n] = '\0';
}

int64_t
moot_parse_span(const char *s)
{
	char	*end;
	long	 n;

	n = strtol(s, &end, 10);
	if (end == s || n <= 0 || n > 100000 || end[0] == '\0' ||
	    end[1] != '\0')
		return (-1);
	switch (end[0]) {
	case 'm':
		return (n * 60000LL);
	case 'h':
		return (n * 3600000LL);
	case 'd':
		return (n * 86400000LL);
	case 'w':
		return (n * 604800000LL);
	}
	return (-1);
}

void
moot_utc(int64_t ms, char *out, size_t size)
{
	struct tm	tm;
	time_t		t = (time_t)(ms / 1000);

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d %H:%M UTC", &tm) == 0)
		snprintf(out, size, "%lld", (long long)ms);
}

void
moot_span(int64_t ms, char *out, size_t size)
{
	int64_t	s, d, h, m;

	s = ms <= 0 ? 0 : (ms + 999) / 1000;
	d = s / 86400;
	h = s % 86400 / 3600;
	m = s % 3600 / 60;
	if (d > 0 && h > 0)
		snprintf(out, size, "%lldd %lldh", (long long)d, (long long)h);
	else if (d > 0)
		snprintf(out, size, "%lldd", (long long)d);
	else if (h > 0 && m > 0)
		snprintf(out, size, "%lldh %lldm", (long long)h, (long long)m);
	else if (h > 0)
		snprintf(out, size, "%lldh", (long long)h);
	else if (m > 0)
		snprintf(out, size, "%lldm", (long long)m);
	else
		snprintf(out, size, "%llds", (long long)s);
}
