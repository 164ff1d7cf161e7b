/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Canonical JSON, the byte form that moot hashes (moot-log(5)): object
 * keys sorted by their UTF-8 bytes, no white space, separators "," and
 * ":", strings escaped minimally (quote, backslash, \b \f \n \r \t, other
 * C0 controls as \u00xx in lower case), integers only within +-(2^53-1).
 * It is what Python writes with json.dumps(v, sort_keys=True,
 * separators=(",", ":"), ensure_ascii=False), so an independent verifier
 * can reproduce it.
 *
 * This file also owns the two hashes of the log (body and event) and a
 * strict parser for an event's canon that verification uses instead of a
 * general JSON parser: it accepts exactly the canonical envelope, so it is
 * both faster and a check of canonical form.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one-shot SHA-256 calls are the fastest path; OpenSSL 3 marks them
 * deprecated but keeps them. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include "moot/canon.h"

static void
canon_string(struct buf *out, const char *s, size_t len)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i, start;
	unsigned char		c;
	char			esc[7];

	buf_addc(out, '"');
	start = 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(out, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"':
			buf_add(out, "\\\"", 2);
			break;
		case '\\':
			buf_add(out, "\\\\", 2);
			break;
		case '\b':
			buf_add(out, "\\b", 2);
			break;
		case '\f':
			buf_add(out, "\\f", 2);
			break;
		case '\n':
			buf_add(out, "\\n", 2);
			break;
		case '\r':
			buf_add(out, "\\r", 2);
			break;
		case '\t':
			buf_add(out, "\\t", 2);
			break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			buf_add(out, esc, 6);
			break;
		}
	}
	buf_add(out, s + start, len - start);
	buf_addc(out, '"');
}

static int
canon_key_cmp(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

int
canon_dump(const json_t *v, struct buf *out, char **cause)
{
	const char	**keys;
	const char	 *key;
	json_t		 *item;
	json_int_t	  n;
	size_t		  i, count;
	int		  error;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		count = json_object_size(v);
		keys = xreallocarray(NULL, count == 0 ? 1 : count,
		    sizeof *keys);
		i = 0;
		json_object_foreach((json_t *)v, key, item)
			keys[i++] = key;
		qsort(keys, count, sizeof *keys, canon_key_cmp);
		buf_addc(out, '{');
		for (i = 0; i < count; i++) {
			if (i != 0)
				buf_addc(out, ',');
			canon_string(out, keys[i], strlen(keys[i]));
			buf_addc(out, ':');
			error = canon_dump(json_object_get(v, keys[i]), out,
			    cause);
			if (error != 0) {
				free(keys);
				return (error);
			}
		}
		buf_addc(out, '}');
		free(keys);
		return (0);
	case JSON_ARRAY:
		buf_addc(out, '[');
		for (i = 0; i < json_array_size(v); i++) {
			if (i != 0)
				buf_addc(out, ',');
			error = canon_dump(json_array_get(v, i), out, cause);
			if (error != 0)
				return (error);
		}
		buf_addc(out, ']');
		return (0);
	case JSON_STRING:
		canon_string(out, json_string_value(v), json_string_length(v));
		return (0);
	case JSON_INTEGER:
		n = json_integer_value(v);
		if (n > CANON_INT_MAX || n < -CANON_INT_MAX)
			return (moot_fail(cause, -EINVAL,
			    "integer %lld is outside the canonical range",
			    (long long)n));
		buf_addf(out, "%lld", (long long)n);
		return (0);
	case JSON_REAL:
		return (moot_fail(cause, -EINVAL,
		    "real numbers have no canonical form"));
	case JSON_TRUE:
		buf_add(out, "true", 4);
		return (0);
	case JSON_FALSE:
		buf_add(out, "false", 5);
		return (0);
	case JSON_NULL:
		buf_add(out, "null", 4);
		return (0);
	}
	return (moot_fail(cause, -EINVAL, "unknown JSON type"));
}

/*
 * The low-level calls, not SHA256(): in OpenSSL 3 the one-shot fetches
 * the algorithm (locks, reference counts) on every call, which cost
 * verification a third of its time.
 */
void
canon_sha256(const void *p, size_t len, unsigned char *out)
{
	SHA256_CTX	ctx;

	SHA256_Init(&ctx);
	SHA256_Update(&ctx, p, len);
	SHA256_Final(out, &ctx);
}

void
canon_sha256_hex(const void *p, size_t len, char *out)
{
	unsigned char	h[CANON_HASH_LEN];

	canon_sha256(p, len, h);
	moot_hex(h, sizeof h, out);
}

void
canon_event_hash(const void *canon, size_t len, unsigned char *out)
{
	SHA256_CTX	ctx;

	SHA256_Init(&ctx);
	SHA256_Update(&ctx, CANON_PREFIX, sizeof CANON_PREFIX - 1);
	SHA256_Update(&ctx, canon, len);
	SHA256_Final(out, &ctx);
}

/* A cursor over a canon being parsed. */
struct canon_parse {
	const char	*p;
	const char	*end;
};

static bool
canon_parse_lit(struct canon_parse *cp, const char *lit)
{
	size_t	len = strlen(lit);

	if ((size_t)(cp->end - cp->p) < len || memcmp(cp->p, lit, len) != 0)
		return (false);
	cp->p += len;
	return (true);
}

/*
 * A canonical string: only the minimal escapes, no raw control bytes,
 * valid UTF-8 (shortest forms, no surrogates, nothing above U+10FFFF).
 */
static bool
canon_parse_string(struct canon_parse *cp, const char **s, size_t *len)
{
	const unsigned char	*p, *end;
	unsigned char		 c;
	unsigned int		 cpt, n, i;

	p = (const unsigned char *)cp->p;
	end = (const unsigned char *)cp->end;
	if (p == end || *p != '"')
		return (false);
	*s = (const char *)++p;
	while (p < end && *p != '"') {
		c = *p;
		if (c < 0x20)
			return (false);
		if (c == '\\') {
			if (++p == end)
				return (false);
			switch (*p) {
			case '"': case '\\': case 'b': case 'f': case 'n':
			case 'r': case 't':
				p++;
				continue;
			case 'u':
				if (end - p < 5 || memcmp(p + 1, "00", 2) != 0)
					return (false);
				n = 0;
				for (i = 3; i < 5; i++) {
					c = p[i];
					if (c >= '0' && c <= '9')
						n = n * 16 + (c - '0');
					else if (c >= 'a' && c <= 'f')
						n = n * 16 + (c - 'a' + 10);
					else
						return (false);
				}
				/* Only controls without a short form. */
				if (n >= 0x20 || n == '\b' || n == '\f' ||
				    n == '\n' || n == '\r' || n == '\t')
					return (false);
				p += 5;
				continue;
			default:
				return (false);
			}
		}
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cpt = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cpt = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cpt = c & 0x07;
		} else
			return (false);
		if ((size_t)(end - p) <= n)
			return (false);
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return (false);
			cpt = (cpt << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cpt < 0x800) || (n == 3 && cpt < 0x10000) ||
		    (cpt >= 0xd800 && cpt <= 0xdfff) || cpt > 0x10ffff)
			return (false);
		p += n + 1;
	}
	if (p == end)
		return (false);
	*len = (size_t)((const char *)p - *s);
	cp->p = (const char *)p + 1;
	return (true);
}

static bool
canon_parse_int(struct canon_parse *cp, int64_t *out)
{
	const char	*p = cp->p;
	bool		 neg = false;
	int64_t		 n = 0;

	if (p < cp->end && *p == '-') {
		neg = true;
		p++;
	}
	if (p == cp->end || *p < '0' || *p > '9')
		return (false);
	if (*p == '0') {
		if (neg)
			return (false);		/* no -0 */
		p++;
	} else {
		while (p < cp->end && *p >= '0' && *p <= '9') {
			n = n * 10 + (*p - '0');
			if (n > CANON_INT_MAX)
				return (false);
			p++;
		}
	}
	*out = neg ? -n : n;
	cp->p = p;
	return (true);
}

/* Lower-case hex digits, the only ones a canon may hold. */
static const bool canon_hexdigit[256] = {
	['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true,
	['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,
	['a'] = true, ['b'] = true, ['c'] = true, ['d'] = true, ['e'] = true,
	['f'] = true,
};

static bool
canon_parse_hex64(struct canon_parse *cp, const char **out)
{
	const unsigned char	*p = (const unsigned char *)cp->p;
	unsigned int		 bad = 0;
	int			 i;

	if (cp->end - cp->p < CANON_HEX_LEN + 2 || p[0] != '"' ||
	    p[CANON_HEX_LEN + 1] != '"')
		return (false);
	/* No early exit: one branch for the 64 digits, not 64. */
	for (i = 1; i <= CANON_HEX_LEN; i++)
		bad |= !canon_hexdigit[p[i]];
	if (bad)
		return (false);
	*out = cp->p + 1;
	cp->p += CANON_HEX_LEN + 2;
	return (true);
}

int
canon_event_parse(const char *canon, size_t len, struct canon_event *ev,
    char **cause)
{
	struct canon_parse	 cp = { canon, canon + len };
	const char		*what;

	memset(ev, 0, sizeof *ev);
	what = "actor";
	if (!canon_parse_lit(&cp, "{\"actor\":{\"name\":") ||
	    !canon_parse_string(&cp, &ev->name, &ev->name_len) ||
	    !canon_parse_lit(&cp, ",\"uid\":") ||
	    !canon_parse_int(&cp, &ev->uid) || !canon_parse_lit(&cp, "}"))
		goto bad;
	what = "body_sha256";
	if (!canon_parse_lit(&cp, ",\"body_sha256\":") ||
	    !canon_parse_hex64(&cp, &ev->body_sha256))
		goto bad;
	what = "prev";
	if (!canon_parse_lit(&cp, ",\"prev\":") ||
	    !canon_parse_hex64(&cp, &ev->prev))
		goto bad;
	what = "ref";
	if (!canon_parse_lit(&cp, ",\"ref\":") ||
	    !canon_parse_string(&cp, &ev->ref, &ev->ref_len))
		goto bad;
	what = "seq";
	if (!canon_parse_lit(&cp, ",\"seq\":") ||
	    !canon_parse_int(&cp, &ev->seq))
		goto bad;
	what = "ts";
	if (!canon_parse_lit(&cp, ",\"ts\":") ||
	    !canon_parse_int(&cp, &ev->ts))
		goto bad;
	what = "type";
	if (!canon_parse_lit(&cp, ",\"type\":") ||
	    !canon_parse_string(&cp, &ev->type, &ev->type_len))
		goto bad;
	what = "v";
	if (!canon_parse_lit(&cp, ",\"v\":") ||
	    !canon_parse_int(&cp, &ev->v) || !canon_parse_lit(&cp, "}"))
		goto bad;
	if (cp.p != cp.end) {
		what = "end";
		goto bad;
	}
	return (0);
bad:
	return (moot_fail(cause, -EINVAL,
	    "canon is not a canonical event (at \"%s\", byte %zu)", what,
	    (size_t)(cp.p - canon)));
}

char *
canon_unescape(const char *s, size_t len)
{
	struct buf	 b;
	size_t		 i, k;
	unsigned int	 n;
	char		 c;

	if (memchr(s, '\\', len) == NULL)
		return (xstrndup(s, len));
	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (s[i] != '\\' || i + 1 == len) {
			buf_addc(&b, s[i]);
			continue;
		}
		switch ((c = s[++i])) {
		case 'b':
			buf_addc(&b, '\b');
			break;
		case 'f':
			buf_addc(&b, '\f');
			break;
		case 'n':
			buf_addc(&b, '\n');
			break;
		case 'r':
			buf_addc(&b, '\r');
			break;
		case 't':
			buf_addc(&b, '\t');
			break;
		case 'u':
			/* Canonical form only escapes U+0000..U+001F. */
			/* Four hex digits, read without sscanf: the canon is
			 * not NUL-terminated. */
			n = 0;
			for (k = 1; k <= 4 && i + k < len &&
			    isxdigit((unsigned char)s[i + k]); k++)
				n = n * 16 + (unsigned)(isdigit((unsigned char)
				    s[i + k]) ? s[i + k] - '0' :
				    (tolower((unsigned char)s[i + k]) - 'a' +
				    10));
			if (k == 5)
				i += 4;
			else
				n = 0;
			buf_addc(&b, (char)n);
			break;
		default:
			buf_addc(&b, c);
			break;
		}
	}
	return (buf_steal(&b, NULL));
}
